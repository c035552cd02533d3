/*
 * The figures of moods, in one place: count, mean, median, spread and
 * trend; the daily means; groups of moods under a key (a tag, a feeling,
 * a goal, a weekday) with their sums, counts and means; and runs of days
 * or weeks in a row. Kept apart from the commands and pages that show
 * them, so that each is worked out once and can be checked against sums
 * done by hand.
 *
 * Days are numbered as day_of() and day_of_wall() of dates.h number them.
 */
#ifndef TEND_STATS_H
#define TEND_STATS_H

#include <stddef.h>
#include <time.h>

/* One mood at one time. */
struct sample {
	time_t when;
	int mood;
};

struct mood_stats {
	size_t count;
	double mean, median, stdev;	/* stdev of the population */
	int min, max;
	double trend;		/* least-squares slope, mood a week */
	int has_trend;		/* two samples at different times, at least */
};

/* The figures of samples[0..n), in any order: they get sorted by mood. */
void mood_stats(struct sample *samples, size_t n, struct mood_stats *out);

/* --- daily means ------------------------------------------------------- */

/*
 * A value on a day, and how many values it is the mean of: a daily
 * mean. It is named for the charts of chart.h, which draw them, and
 * lives here so that they can take their figures from this module.
 */
struct chart_day {
	long day;
	double value;
	long count;
};

/*
 * Make d[0..n) the daily means, in place: one for each day that has a
 * value, sorted by day; its value the mean of that day's values, each
 * weighted by its count (1 for one sample; below 1 counts as 1), and its
 * count the sum of theirs. d may come in any order. Returns how many
 * days there are: the means are d[0..return).
 */
size_t daily_means(struct chart_day *d, size_t n);

/*
 * The daily means of the moods of samples[0..n) (in any order) on their
 * local days (day_of()), as daily_means() leaves them, *ndays of them.
 * The caller frees the result, which is never NULL.
 */
struct chart_day *daily_of_samples(const struct sample *samples, size_t n,
				   size_t *ndays);

/*
 * Spread the daily means d[0..n) (sorted by day) over the len days from
 * day first into values[0..len): values[k] is the mean of day first + k,
 * NaN on a day that has none. Days outside are left out.
 */
void daily_spread(const struct chart_day *d, size_t n, long first,
		  size_t len, double *values);

/*
 * The lowest and the highest of the daily means d[0..n) (n > 0; sorted
 * by day), as their indexes in *lo and *hi: of days alike, the first.
 */
void daily_extremes(const struct chart_day *d, size_t n, size_t *lo,
		    size_t *hi);

/* --- groups ------------------------------------------------------------ */

/*
 * A sum of values and how many there are: a mean in the making. One of
 * its own starts as { 0 } and takes tally_add(); in struct tallies it is
 * a group, with its key.
 */
struct tally {
	char *key;		/* what the group is found by */
	char *name;		/* the key as first given (key itself when
				   the tallies do not fold) */
	int order;		/* its place for TALLY_ORDER (a weekday) */
	double sum;
	long count;
};

/* Add one value to t. */
void tally_add(struct tally *t, double value);

/* The mean of t's values: sum / count, 0 when it has none. */
double tally_mean(const struct tally *t);

/*
 * Groups of values, each under its own key. All zero is an empty set
 * whose keys are taken as they are; see tallies_init() for folding.
 */
struct tallies {
	struct tally *v;
	size_t nr, alloc;
	int fold;		/* keys that differ only in case are one */
	size_t *slots;		/* the groups by key: index + 1, 0 free */
	size_t nslots;		/* a power of two over twice nr, or 0 */
};

/*
 * Start t empty. When fold is set, keys that utf8_fold() makes alike
 * (Conflict, conflict) are one group, whose key is the folded one and
 * whose name is the key as it came first.
 */
void tallies_init(struct tallies *t, int fold);

/*
 * Add value to the group of key, making the group (at order) when it is
 * new. Returns the group; it stays where it is until the next
 * tallies_add(), tallies_sort() or tallies_top().
 */
struct tally *tallies_add(struct tallies *t, const char *key, int order,
			  double value);

/*
 * Add value once to the group of each of words[0..n) (an entry's tags,
 * say), at order 0: a word the list holds twice (in any case, when t
 * folds) counts once, as the entry is one.
 */
void tallies_add_words(struct tallies *t, char *const *words, size_t n,
		       double value);

/*
 * The group of key in t (folded as t folds), or NULL: before any
 * tallies_sort() or tallies_top(), which move the groups.
 */
const struct tally *tallies_find(const struct tallies *t, const char *key);

enum tally_sort {
	TALLY_ORDER,		/* by order, then by key (strcmp()) */
	TALLY_COUNT,		/* the most values first, then by key */
	TALLY_MEAN		/* the highest mean first, then the most
				   values, then by key */
};

/* Sort the groups of t; keys compare byte by byte. */
void tallies_sort(struct tallies *t, enum tally_sort by);

/*
 * Keep the n groups of t with the most values (TALLY_COUNT), and put
 * them in the order of their means (TALLY_MEAN): the words used most,
 * highest mean first.
 */
void tallies_top(struct tallies *t, size_t n);

/* Free the groups of t and leave it empty (folding as it did). */
void tallies_release(struct tallies *t);

/* --- runs -------------------------------------------------------------- */

/*
 * The longest run of consecutive numbers among days[0..n) (days or
 * weeks; repeats count once), in any order: they get sorted.
 */
long longest_run(long *days, size_t n);

/*
 * How many days in a row end with day last among days[0..n) (sorted,
 * repeats allowed): 0 when last is not among them. Days after last are
 * passed over.
 */
long run_ending(const long *days, size_t n, long last);

#endif
