/*
 * Charts for the HTML journal: inline SVG made by the program (tend-render(1)).
 *
 * Every chart but the bars is one <svg> element with a viewBox, a
 * <title> child with the chart's title and a text alternative; the bars
 * are an HTML table whose bars are small SVGs. No styles, scripts or
 * external references are in them: colours come from the page's
 * stylesheet through these classes, so charts follow its light and
 * dark themes and print well:
 *
 *   chart            the <svg> (the <table> of bars); also chart-spark,
 *                    chart-time, chart-cal, chart-bars for each kind
 *   axis, grid       axis lines, grid lines
 *   label            text: axis labels, values
 *   line             the daily values (a polyline per run of days)
 *   avg              the moving average
 *   dot              a point (circle) of a value
 *   hit              the (unpainted) place a linked day takes a click
 *   cell l0 .. l5    a day of the calendar: l0 no entry, l1 lowest
 *                    level of the value range to l5 highest
 *   key              a square of the calendar's key, with its level
 *   low              the stroke across each l1 square, so that the
 *                    lowest days show by more than their colour
 *   meter, value     a bar's cell, and its value
 *   bar, track       the <svg> of a bar, a bar; the track under it
 *   count            the cells of the bars' counts
 *
 * A chart of no links is role="img" with the text alternative as its
 * aria-label. A chart of links (struct chart_links) is a role="group"
 * named by its title, holding a <g role="img"> of the drawing with the
 * text alternative and, over it, an <a> for each day with a value, whose
 * aria-label (and <title>) says the day and its value. A timeline of too
 * many days for a dot each has them for a pointer only: in a group
 * hidden from assistive technology, out of the tab order (the calendar
 * and the month pages have the same links for a keyboard).
 *
 * The timeline and the calendar, when they have values, carry a width
 * and height: their view box's, the size at which their text is 12 px.
 * A page lets them grow from there, and on a narrower screen keeps that
 * size and lets them scroll (style.css: .chart-wide), newest end first;
 * one of no links takes the focus (tabindex), so that a keyboard can
 * scroll it. The text is laid out for a font-size of 12 user units.
 *
 * Days are counted since 1970-01-01, as day_of() of dates.h gives
 * them (local days). Values are in lo..hi (the mood scale, or 1..5 for
 * ratings). Every text that goes in (titles, labels, links) is escaped
 * here; numbers are written with a '.' whatever the locale.
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
	const char *href;	/* the list of them (a URL), or NULL */
};

/*
 * Where the days of a chart lead: day(day, out, arg) appends the link
 * of the day numbered day (a URL, which the chart escapes), with the
 * arg given here. A chart with links links every day that has a value.
 */
struct chart_links {
	void (*day)(long day, struct buf *out, const void *arg);
	const void *arg;
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
 * likewise. A y axis lo..hi with ticks and labels at both sides, an x
 * axis with dates (months, or years over a long span). With n == 0 it
 * is a small image that says "No entries yet", as is a calendar of none.
 */
void chart_timeline(struct buf *out, const struct chart_day *days, size_t n,
		    int window, long gap, double lo, double hi,
		    const char *title, const char *label);

/*
 * chart_timeline() whose every day with a value links where links
 * says (NULL: nowhere, as chart_timeline()).
 */
void chart_timeline_linked(struct buf *out, const struct chart_day *days,
			   size_t n, int window, long gap, double lo,
			   double hi, const char *title, const char *label,
			   const struct chart_links *links);

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
 * labels above, weekday labels (Mon, Wed, Fri) at the right, by the
 * newest week, and a key below. Each day with a value links where links
 * says (NULL: nowhere).
 */
void chart_calendar(struct buf *out, const struct chart_day *days, size_t n,
		    long last, double lo, double hi, const char *title,
		    const char *label, const struct chart_links *links);

/* The level (1..5) of value in lo..hi in chart_calendar(). */
int chart_level(double value, double lo, double hi);

/*
 * Horizontal bars, one per bars[] in the order given, as an HTML
 * <table class="chart chart-bars"> that reflows to any width: the
 * caption label; a row of column heads head[0] (what the bars are:
 * "Tag"), head[1] (their value: "Mean mood") and head[2] (their count:
 * "Entries"); then for each bar its label (a link to its href when it
 * has one) as the row's head, a bar as long as its value in lo..hi
 * (a small SVG, hidden from assistive technology) and the value, and
 * the count. With n == 0 a <p class="chart chart-bars empty"> says
 * "No entries yet".
 */
void chart_bars(struct buf *out, const struct chart_bar *bars, size_t n,
		double lo, double hi, const char *const head[3],
		const char *label);

/* Append "YYYY-MM-DD" of a day number. */
void chart_day_format(long day, struct buf *out);

#endif
