#include "stats.h"
#include "dates.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Seconds d in weeks. */
static double weeks(time_t d)
{
	return (double)d / (7.0 * DAY_SECONDS);
}

static int cmp_mood(const void *a, const void *b)
{
	int x = ((const struct sample *)a)->mood;
	int y = ((const struct sample *)b)->mood;

	return (x > y) - (x < y);
}

void mood_stats(struct sample *s, size_t n, struct mood_stats *out)
{
	double sum = 0, var = 0, mx = 0, sxx = 0, sxy = 0;

	memset(out, 0, sizeof(*out));
	out->count = n;
	if (!n)
		return;
	for (size_t i = 0; i < n; i++) {
		sum += s[i].mood;
		mx += weeks(s[i].when - s[0].when);
	}
	out->mean = sum / n;
	mx /= n;
	for (size_t i = 0; i < n; i++) {
		double dy = s[i].mood - out->mean;
		double dx = weeks(s[i].when - s[0].when) - mx;

		var += dy * dy;
		sxx += dx * dx;
		sxy += dx * dy;
	}
	out->stdev = sqrt(var / n);
	out->has_trend = n > 1 && sxx > 0;
	out->trend = out->has_trend ? sxy / sxx : 0;
	qsort(s, n, sizeof(*s), cmp_mood);
	out->min = s[0].mood;
	out->max = s[n - 1].mood;
	out->median = n % 2 ? s[n / 2].mood
		      : (s[n / 2 - 1].mood + s[n / 2].mood) / 2.0;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

long longest_run(long *days, size_t n)
{
	long best = 0, run = 0;

	if (n)
		qsort(days, n, sizeof(*days), cmp_long);
	for (size_t i = 0; i < n; i++) {
		if (i && days[i] == days[i - 1])
			continue;
		run = i && days[i] == days[i - 1] + 1 ? run + 1 : 1;
		if (run > best)
			best = run;
	}
	return best;
}
