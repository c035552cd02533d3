/*
 * Charts for the HTML journal: inline SVG made by the program (SPEC §9).
 *
 * Every chart is one <svg> element with a viewBox (no fixed size: the
 * page's CSS sizes it), role="img", an aria-label with the text
 * alternative, and a <title> child with the chart's title. No styles,
 * scripts or external references are in it: colours come from the page's
 * stylesheet through these classes, so charts follow its light and dark
 * themes and print well:
 *
 *   chart            the <svg>; also chart-spark, chart-time, chart-cal,
 *                    chart-bars for each kind
 *   axis, grid       axis lines, grid lines
 *   label            text: axis labels, bar labels, values
 *   line             the daily values (a polyline per run of days)
 *   avg              the moving average
 *   dot              a point (circle) of a value
 *   bar              a bar
 *   cell l0 .. l5    a day of the calendar: l0 no entry, l1 lowest
 *                    level of the value range to l5 highest
 *
 * Days are counted since 1970-01-01, as day_of() of dates.h gives
 * them (local days). Values are in lo..hi (the mood scale, or 1..5 for
 * ratings). Every text that goes in (titles, labels) is escaped here;
 * numbers are written with a '.' whatever the locale.
 */
#ifndef TEND_CHART_H
#define TEND_CHART_H

#include <stddef.h>

#include "buf.h"
#include "stats.h"	/* struct chart_day: a daily mean */

/* A labelled value, for bar charts. */
struct chart_bar {
	const char *label;
	double value;		/* a mean in lo..hi */
	long count;		/* how many entries */
};

/*
 * A small line of the values of the ndays days from first (broken where
 * more than 7 days pass without a value), with no axes, for the home
 * page. days[] is sorted by
 * day. label is the text alternative, which says what it shows in words.
 */
void chart_sparkline(struct buf *out, const struct chart_day *days,
		     size_t n, long first, long ndays, double lo, double hi,
		     const char *title, const char *label);

/*
 * Values over time: days[] (sorted by day) as points joined by lines
 * (broken where more than gap days pass without a value; never when gap
 * is 0) from the first day to the last, and, when window > 0, the moving
 * average over the window days up to each day that has a value (the
 * mean of every entry of days d-window+1 .. d, weighted by count), broken
 * likewise. A y axis lo..hi with ticks and labels, an x axis with dates
 * (months, or years over a long span). With n == 0 it draws the axes and
 * says "No entries yet".
 */
void chart_timeline(struct buf *out, const struct chart_day *days, size_t n,
		    int window, long gap, double lo, double hi,
		    const char *title, const char *label);

/*
 * The moving average of chart_timeline() into avg (n values, one for each
 * of days[]): the count-weighted mean of the values of days in
 * d-window+1 .. d. For tests and the text alternative.
 */
void chart_moving_average(const struct chart_day *days, size_t n,
			  int window, double *avg);

/*
 * A year as a calendar heatmap: columns of weeks (Monday at the top)
 * ending with the week of last, 53 of them; each day a cell classed by
 * the level of its value in lo..hi (l0 for a day without one), with a
 * <title> "2026-11-22: 4.5 (2 entries)" or "2026-11-23: no entry"; month
 * labels above and weekday labels (Mon, Wed, Fri) at the side.
 */
void chart_calendar(struct buf *out, const struct chart_day *days, size_t n,
		    long last, double lo, double hi, const char *title,
		    const char *label);

/* The level (1..5) of value in lo..hi in chart_calendar(). */
int chart_level(double value, double lo, double hi);

/*
 * Horizontal bars, one per bars[] in the order given: the label on the
 * left, a bar as long as its value in lo..hi, and "5.2 (12)" (the value
 * and the count) after it.
 */
void chart_bars(struct buf *out, const struct chart_bar *bars, size_t n,
		double lo, double hi, const char *title, const char *label);

/* Append "YYYY-MM-DD" of a day number. */
void chart_day_format(long day, struct buf *out);

#endif
