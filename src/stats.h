/*
 * Figures of moods: count, mean, median, spread, trend, and the longest
 * run of days with an entry; kept apart from the command so that they
 * can be checked against sums done by hand.
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

/* The figures of samples[0..n) (in any order; they get sorted). */
void mood_stats(struct sample *samples, size_t n, struct mood_stats *out);

/*
 * The longest run of consecutive days (local) among days[0..n), day
 * numbers as day_of() gives them, in any order (they get sorted).
 */
long longest_run(long *days, size_t n);

#endif
