#include "stats.h"
#include "dates.h"
#include "util.h"

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

/* --- daily means ------------------------------------------------------- */

static int cmp_day(const void *a, const void *b)
{
	long x = ((const struct chart_day *)a)->day;
	long y = ((const struct chart_day *)b)->day;

	return (x > y) - (x < y);
}

/*
 * The sum of a day's values is kept whole and divided once, so that the
 * mean of whole moods is the same however many there are and in
 * whatever order they come.
 */
size_t daily_means(struct chart_day *d, size_t n)
{
	size_t nd = 0;

	if (n)
		qsort(d, n, sizeof(*d), cmp_day);
	for (size_t i = 0; i < n;) {
		long day = d[i].day, count = 0;
		double sum = 0;

		for (; i < n && d[i].day == day; i++) {
			long w = d[i].count < 1 ? 1 : d[i].count;

			sum += d[i].value * (double)w;
			count += w;
		}
		d[nd].day = day;
		d[nd].value = sum / (double)count;
		d[nd++].count = count;
	}
	return nd;
}

struct chart_day *daily_of_samples(const struct sample *s, size_t n,
				   size_t *ndays)
{
	struct chart_day *d = xcalloc(n + 1, sizeof(*d));

	for (size_t i = 0; i < n; i++) {
		d[i].day = day_of(s[i].when);
		d[i].value = s[i].mood;
		d[i].count = 1;
	}
	*ndays = daily_means(d, n);
	return d;
}

void daily_spread(const struct chart_day *d, size_t n, long first,
		  size_t len, double *values)
{
	for (size_t k = 0; k < len; k++)
		values[k] = NAN;
	for (size_t i = 0; i < n; i++)
		if (d[i].day >= first && (size_t)(d[i].day - first) < len)
			values[d[i].day - first] = d[i].value;
}

void daily_extremes(const struct chart_day *d, size_t n, size_t *lo,
		    size_t *hi)
{
	*lo = *hi = 0;
	for (size_t i = 1; i < n; i++) {
		if (d[i].value < d[*lo].value)
			*lo = i;
		if (d[i].value > d[*hi].value)
			*hi = i;
	}
}

/* --- groups ------------------------------------------------------------ */

void tally_add(struct tally *t, double value)
{
	t->sum += value;
	t->count++;
}

double tally_mean(const struct tally *t)
{
	return t->count ? t->sum / (double)t->count : 0;
}

void tallies_init(struct tallies *t, int fold)
{
	memset(t, 0, sizeof(*t));
	t->fold = fold;
}

/*
 * The slot of key in t->slots: the one that holds its group, or the free
 * one where it goes (open addressing, probing the next slot).
 */
static size_t slot_of(const struct tallies *t, const char *key)
{
	size_t mask = t->nslots - 1;
	size_t i = (size_t)hash_add(HASH_INIT, key, strlen(key)) & mask;

	while (t->slots[i] && strcmp(t->v[t->slots[i] - 1].key, key))
		i = (i + 1) & mask;
	return i;
}

/*
 * Make room for one group more: over twice as many slots as groups (64
 * at first, doubling), and every group put in them again. Looking the
 * groups up by a hash keeps many of them quick: by day, 100,000 entries
 * make some 40,000 groups.
 */
static void grow_slots(struct tallies *t)
{
	size_t n = t->nslots ? t->nslots : 64;

	while (n < 2 * (t->nr + 1))
		n *= 2;
	free(t->slots);
	t->nslots = n;
	t->slots = xcalloc(n, sizeof(*t->slots));
	for (size_t k = 0; k < t->nr; k++)
		t->slots[slot_of(t, t->v[k].key)] = k + 1;
}

struct tally *tallies_add(struct tallies *t, const char *key, int order,
			  double value)
{
	char *folded = t->fold ? utf8_fold(key) : NULL;
	const char *find = folded ? folded : key;
	struct tally *g;
	size_t i;

	if (2 * (t->nr + 1) > t->nslots)
		grow_slots(t);
	i = slot_of(t, find);
	if (!t->slots[i]) {
		ALLOC_GROW(t->v, t->nr + 1, t->alloc);
		g = &t->v[t->nr++];
		memset(g, 0, sizeof(*g));
		g->name = xstrdup(key);
		g->key = folded ? folded : g->name;
		g->order = order;
		folded = NULL;
		t->slots[i] = t->nr;
	}
	free(folded);
	g = &t->v[t->slots[i] - 1];
	tally_add(g, value);
	return g;
}

const struct tally *tallies_find(const struct tallies *t, const char *key)
{
	char *folded;
	const struct tally *g = NULL;
	size_t i;

	if (!t->nslots)
		return NULL;
	folded = t->fold ? utf8_fold(key) : NULL;
	i = slot_of(t, folded ? folded : key);
	if (t->slots[i])
		g = &t->v[t->slots[i] - 1];
	free(folded);
	return g;
}

/* Are a and b one key of t? */
static int same_key(const struct tallies *t, const char *a, const char *b)
{
	char *fa, *fb;
	int same;

	if (!t->fold)
		return !strcmp(a, b);
	fa = utf8_fold(a);
	fb = utf8_fold(b);
	same = !strcmp(fa, fb);
	free(fa);
	free(fb);
	return same;
}

void tallies_add_words(struct tallies *t, char *const *words, size_t n,
		       double value)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;

		while (j < i && !same_key(t, words[j], words[i]))
			j++;
		if (j == i)
			tallies_add(t, words[i], 0, value);
	}
}

static int cmp_order(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int cmp_count(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->key, y->key);
}

static int cmp_mean(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	double mx = tally_mean(x), my = tally_mean(y);

	if (mx != my)
		return mx < my ? 1 : -1;
	return cmp_count(a, b);
}

/* The slots do not follow the groups about: they are made again. */
static void drop_slots(struct tallies *t)
{
	free(t->slots);
	t->slots = NULL;
	t->nslots = 0;
}

void tallies_sort(struct tallies *t, enum tally_sort by)
{
	static int (*const cmp[])(const void *, const void *) = {
		[TALLY_ORDER] = cmp_order,
		[TALLY_COUNT] = cmp_count,
		[TALLY_MEAN] = cmp_mean,
	};

	if (t->nr)
		qsort(t->v, t->nr, sizeof(*t->v), cmp[by]);
	drop_slots(t);
}

/* Free what group g owns. */
static void tally_release(struct tally *g)
{
	if (g->key != g->name)
		free(g->key);
	free(g->name);
}

void tallies_top(struct tallies *t, size_t n)
{
	tallies_sort(t, TALLY_COUNT);
	for (size_t i = n; i < t->nr; i++)
		tally_release(&t->v[i]);
	if (t->nr > n)
		t->nr = n;
	tallies_sort(t, TALLY_MEAN);
}

void tallies_release(struct tallies *t)
{
	for (size_t i = 0; i < t->nr; i++)
		tally_release(&t->v[i]);
	free(t->v);
	free(t->slots);
	tallies_init(t, t->fold);
}

/* --- runs -------------------------------------------------------------- */

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

long run_ending(const long *days, size_t n, long last)
{
	long run = 0;

	for (size_t i = n; i > 0 && days[i - 1] >= last - run; i--)
		if (days[i - 1] == last - run)
			run++;
	return run;
}
