#include "termchart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int term_utf8(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };

	for (int i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return strcasestr(v, "utf-8") || strcasestr(v, "utf8");
	}
	return 0;
}

void termchart_spark(const double *values, size_t n, double lo,
		     double hi, int utf8, struct buf *out)
{
	static const char *const blocks[] = {
		"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586",
		"\u2587", "\u2588"
	};
	static const char ascii[] = "_.-:=+*#";

	for (size_t i = 0; i < n; i++) {
		double v = values[i];
		int level;

		if (isnan(v)) {
			buf_addch(out, ' ');
			continue;
		}
		level = hi > lo ? (int)lround((v - lo) / (hi - lo) * 7) : 3;
		if (level < 0)
			level = 0;
		if (level > 7)
			level = 7;
		if (utf8)
			buf_adds(out, blocks[level]);
		else
			buf_addch(out, ascii[level]);
	}
}

void termchart_bar(double value, double max, int width, int utf8,
		   struct buf *out)
{
	static const char *const eighths[] = {
		"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b",
		"\u258a", "\u2589"
	};
	long units = max > 0 ? lround(value / max * width * 8) : 0;

	if (units < 0)
		units = 0;
	if (units > width * 8)
		units = width * 8;
	for (long i = 0; i < units / 8; i++)
		buf_adds(out, utf8 ? "\u2588" : "#");
	if (utf8)
		buf_adds(out, eighths[units % 8]);
	else if (units % 8 >= 4)
		buf_addch(out, '#');
}

size_t termchart_buckets(const double *values, size_t n, size_t width,
			 double *out)
{
	size_t m = n < width ? n : width;

	for (size_t b = 0; b < m; b++) {
		size_t from = b * n / m, to = (b + 1) * n / m, k = 0;
		double sum = 0;

		for (size_t i = from; i < to; i++)
			if (!isnan(values[i])) {
				sum += values[i];
				k++;
			}
		out[b] = k ? sum / k : NAN;
	}
	return m;
}
