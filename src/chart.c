/*
 * Charts for the HTML journal as inline SVG (see chart.h).
 *
 * Each chart is written in one pass into a struct buf. Nothing in the
 * output depends on the locale, the clock or the time zone: numbers are
 * formatted from integers (coordinates rounded to a tenth), dates come
 * from day numbers by calendar arithmetic, so the same input always gives
 * the same bytes. Text is laid out for a font-size of 12 user units, set
 * on the <svg> (the page's CSS may set the same); text widths are
 * estimated from the number of characters, as nothing measures text.
 */
#include "chart.h"
#include "dates.h"
#include "html.h"
#include "stats.h"
#include "util.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Timeline: the view box and the margins around the plot. */
#define TIME_W 640
#define TIME_H 220
#define TIME_TOP 10
#define TIME_BOTTOM 26
#define TIME_DOTS_MAX 60	/* more values than this: lines only */
#define TIME_INSET 8		/* the values keep off the axes by this */
#define TICKS_MAX 8		/* date labels on the x axis at most */
#define HIT_R 6			/* where a linked day takes a click */

/* Sparkline. */
#define SPARK_W 240
#define SPARK_H 48
#define SPARK_PAD 4

/*
 * Calendar: 53 columns of weeks, cells of CAL_CELL, CAL_STEP apart,
 * the weekday labels in CAL_RIGHT at the right, a key under the days.
 */
#define CAL_WEEKS 53
#define CAL_DAYS (CAL_WEEKS * 7)
#define CAL_CELL 11
#define CAL_STEP 13
#define CAL_LEFT 2
#define CAL_RIGHT 32
#define CAL_TOP 18
#define CAL_END (CAL_LEFT + CAL_WEEKS * CAL_STEP)	/* of the days */
#define CAL_W (CAL_END + CAL_RIGHT)
#define CAL_KEY 26		/* room under the days for the key */
#define CAL_H (CAL_TOP + 7 * CAL_STEP + CAL_KEY)

/* The view box of a timeline or calendar with nothing to show. */
#define EMPTY_W 240
#define EMPTY_H 40

/* Bars: the view box of a bar's SVG, and the length of one at lo. */
#define BAR_W 100
#define BAR_H 10
#define BAR_SLIVER 1

#define FONT_SIZE 12
#define NO_ENTRIES "No entries yet"

static const char *const month_names[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Days before each month of a year that starts on the 1st of March. */
static const int march_days[12] = {
	0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337
};

/*
 * The day 0000-03-01 of the proleptic Gregorian calendar as a day number,
 * and the days of 400 years, 100 years (without the 400th year's leap
 * day) and 4 years.
 */
#define DAY_MARCH_0 (-719468L)
#define DAYS_400Y 146097L
#define DAYS_100Y 36524L
#define DAYS_4Y 1461L

/* a / b rounded down (b > 0), for days and years before 1970. */
static long floor_div(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* a mod b in 0 .. b-1 (b > 0). */
static long floor_mod(long a, long b)
{
	return a - floor_div(a, b) * b;
}

/*
 * The date of a day number. Counting from 0000-03-01 makes the leap day
 * the last day of a year, so: whole 400-year eras first, then centuries
 * (the fourth one a day longer), four-year groups (the last of a century
 * may be a day short, which only shortens it), single years (the fourth
 * one a day longer) and months from the table.
 */
static void civil_from_days(long day, long *year, int *month, int *mday)
{
	long z = day - DAY_MARCH_0;
	long era = floor_div(z, DAYS_400Y);
	long doe = z - era * DAYS_400Y;		/* 0 .. 146096 */
	long cent = doe / DAYS_100Y, grp, yr, doy;
	int mp = 11;

	if (cent > 3)
		cent = 3;
	doe -= cent * DAYS_100Y;
	grp = doe / DAYS_4Y;
	doe -= grp * DAYS_4Y;
	yr = doe / 365;
	if (yr > 3)
		yr = 3;
	doy = doe - yr * 365;			/* 0 .. 365 from March */
	while (march_days[mp] > doy)
		mp--;
	*mday = (int)(doy - march_days[mp]) + 1;
	*month = mp < 10 ? mp + 3 : mp - 9;
	*year = era * 400 + cent * 100 + grp * 4 + yr + (*month <= 2);
}

/* The day number of year-month-mday (month 1..12, mday from 1). */
static long days_from_civil(long year, int month, int mday)
{
	long y = year - (month <= 2);		/* years from March */
	long era = floor_div(y, 400);
	long yoe = y - era * 400;		/* 0 .. 399 */
	int mp = month > 2 ? month - 3 : month + 9;
	long doy = march_days[mp] + mday - 1;

	return DAY_MARCH_0 + era * DAYS_400Y + yoe * 365 + yoe / 4 -
	       yoe / 100 + doy;
}

void chart_day_format(long day, struct buf *out)
{
	long year;
	int month, mday;

	civil_from_days(day, &year, &month, &mday);
	buf_addf(out, "%04ld-%02d-%02d", year, month, mday);
}

/*
 * Append x rounded to a tenth, without a trailing ".0" and never as
 * "-0": coordinates and tick values. Written from integers, so always
 * with a '.'.
 */
static void num_add(struct buf *out, double x)
{
	long t;

	if (!isfinite(x) || fabs(x) > 1e12)
		x = 0;
	t = lround(x * 10);
	if (t < 0) {
		buf_addch(out, '-');
		t = -t;
	}
	buf_addf(out, "%ld", t / 10);
	if (t % 10)
		buf_addf(out, ".%ld", t % 10);
}

/* Append a value with one decimal, as in "5.0" or "4.5". */
static void value_add(struct buf *out, double v)
{
	long t;

	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	t = lround(v * 10);
	if (t < 0) {
		buf_addch(out, '-');
		t = -t;
	}
	buf_addf(out, "%ld.%ld", t / 10, t % 10);
}

/* How many entries a value stands for: a count below 1 counts as 1. */
static long count_of(long count)
{
	return count < 1 ? 1 : count;
}

/* Append "2026-11-22: 4.5 (2 entries)", the title of a day's value. */
static void day_title_add(struct buf *out, long day, double value,
			  long count)
{
	chart_day_format(day, out);
	buf_adds(out, ": ");
	value_add(out, value);
	count = count_of(count);
	buf_addf(out, " (%ld %s)", count, count == 1 ? "entry" : "entries");
}

/* Make lo..hi a usable range: finite, not huge, and hi above lo. */
static void range_fix(double *lo, double *hi)
{
	if (!isfinite(*lo) || fabs(*lo) > 1e9)
		*lo = 0;
	if (!isfinite(*hi) || fabs(*hi) > 1e9 || *hi <= *lo)
		*hi = *lo + 1;
}

/* Where v is in lo..hi (a range_fix()ed one), from 0 to 1. */
static double range_at(double v, double lo, double hi)
{
	double t = (v - lo) / (hi - lo);

	if (isnan(t) || t < 0)
		return 0;
	return t > 1 ? 1 : t;
}

/*
 * The byte length of the character at s (len > 0 bytes left): a whole
 * UTF-8 sequence, or 1 for a byte that does not start one, which
 * html_escape() turns into U+FFFD. *wide is set for characters that take
 * about twice the width of a letter (CJK, emoji).
 */
static size_t char_len(const char *s, size_t len, int *wide)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t want = p[0] < 0xc0 ? 1 : p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	unsigned cp;

	*wide = 0;
	if (want == 1 || want > len || utf8_prefix(s, want) != want)
		return 1;
	/* from U+2E80 (CJK) on, and the emoji beyond U+FFFF */
	cp = (unsigned)(p[0] & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) << 6;
	*wide = want == 4 || (want == 3 && cp >= 0x2e80);
	return want;
}

/* The estimated width of s[0..len) in user units at font size size. */
static double text_width(const char *s, size_t len, double size)
{
	double w = 0;
	size_t i = 0;
	int wide;

	while (i < len) {
		i += char_len(s + i, len - i, &wide);
		w += wide ? size : 0.6 * size;
	}
	return w;
}

/*
 * Append the opening of a chart: the <svg> of kind (spark, time, cal)
 * with a w x h view box, and with a width and height of the same when
 * sized (its natural size: see chart.h), then the <title>. A chart that
 * is not linked is an image of the text alternative label (title if
 * label is NULL or empty); a sized one takes the focus, so that a
 * keyboard scrolls it where it does not fit. A linked one is a group
 * named by title, and what follows up to draw_end() goes in an image
 * of the text alternative: the drawing, under the links.
 */
static void svg_open(struct buf *out, const char *kind, int w, int h,
		     int sized, int linked, const char *title,
		     const char *label)
{
	if (!title)
		title = "";
	if (!label || !*label)
		label = title;
	buf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		 "viewBox=\"0 0 %d %d\" ", w, h);
	if (sized)
		buf_addf(out, "width=\"%d\" height=\"%d\" ", w, h);
	buf_addf(out, "class=\"chart chart-%s\" font-size=\"%d\" ", kind,
		 FONT_SIZE);
	if (sized && !linked)
		buf_adds(out, "tabindex=\"0\" ");
	buf_addf(out, "role=\"%s\" aria-label=\"", linked ? "group" : "img");
	html_escapes(out, linked ? title : label);
	buf_adds(out, "\"><title>");
	html_escapes(out, title);
	buf_adds(out, "</title>\n");
	if (linked) {
		buf_adds(out, "<g role=\"img\" aria-label=\"");
		html_escapes(out, label);
		buf_adds(out, "\">\n");
	}
}

/* End the drawing of a linked chart (see svg_open()). */
static void draw_end(struct buf *out, int linked)
{
	if (linked)
		buf_adds(out, "</g>\n");
}

/*
 * Open the link of the day of d, as links says, named by its value
 * ("2026-11-22: 4.5 (2 entries)") in its aria-label and its <title>;
 * tmp is for the making. A quiet one is for a pointer only: out of the
 * keyboard's way, and with no name (it goes in a group hidden from
 * assistive technology), but its <title>. The caller draws the day and
 * closes the <a>.
 */
static void link_open(struct buf *out, const struct chart_links *links,
		      const struct chart_day *d, int quiet, struct buf *tmp)
{
	buf_reset(tmp);
	links->day(d->day, tmp, links->arg);
	buf_adds(out, "<a href=\"");
	html_escape(out, tmp->s, tmp->len);
	buf_reset(tmp);
	day_title_add(tmp, d->day, d->value, d->count);
	if (quiet) {
		buf_adds(out, "\" tabindex=\"-1\"><title>");
	} else {
		buf_adds(out, "\" aria-label=\"");
		html_escape(out, tmp->s, tmp->len);
		buf_adds(out, "\"><title>");
	}
	html_escape(out, tmp->s, tmp->len);
	buf_adds(out, "</title>");
}

/* Append the start of a <text class="label"> at x, y; anchor may be NULL. */
static void text_open(struct buf *out, double x, double y, const char *anchor)
{
	buf_adds(out, "<text class=\"label\" x=\"");
	num_add(out, x);
	buf_adds(out, "\" y=\"");
	num_add(out, y);
	if (anchor)
		buf_addf(out, "\" text-anchor=\"%s", anchor);
	buf_adds(out, "\">");
}

/* Append a whole <text class="label"> of s (escaped). */
static void text_add(struct buf *out, double x, double y, const char *anchor,
		     const char *s)
{
	text_open(out, x, y, anchor);
	html_escapes(out, s);
	buf_adds(out, "</text>\n");
}

/* Append a <line> of class cls from x1, y1 to x2, y2. */
static void line_add(struct buf *out, const char *cls, double x1, double y1,
		     double x2, double y2)
{
	buf_addf(out, "<line class=\"%s\" x1=\"", cls);
	num_add(out, x1);
	buf_adds(out, "\" y1=\"");
	num_add(out, y1);
	buf_adds(out, "\" x2=\"");
	num_add(out, x2);
	buf_adds(out, "\" y2=\"");
	num_add(out, y2);
	buf_adds(out, "\"/>\n");
}

/* Append one "x,y" point of a polyline, after a space unless first. */
static void point_add(struct buf *out, double x, double y, int first)
{
	if (!first)
		buf_addch(out, ' ');
	num_add(out, x);
	buf_addch(out, ',');
	num_add(out, y);
}

/*
 * Append a dot of radius r at x, y; with a <title> of the value of tip
 * when it is not NULL.
 */
static void dot_add(struct buf *out, double x, double y, double r,
		    const struct chart_day *tip)
{
	buf_adds(out, "<circle class=\"dot\" cx=\"");
	num_add(out, x);
	buf_adds(out, "\" cy=\"");
	num_add(out, y);
	buf_adds(out, "\" r=\"");
	num_add(out, r);
	if (!tip) {
		buf_adds(out, "\"/>\n");
		return;
	}
	buf_adds(out, "\"><title>");
	day_title_add(out, tip->day, tip->value, tip->count);
	buf_adds(out, "</title></circle>\n");
}

/*
 * The moving average keeps the window's weighted sum with Neumaier's
 * compensated summation, so that adding values as they enter and
 * subtracting them as they leave does not drift over thousands of days.
 */
struct wsum {
	double sum, comp;
	long long weight;
};

/* Add x (which may be negative, to take a value out) to s. */
static void wsum_add(struct wsum *s, double x)
{
	double t = s->sum + x;

	if (fabs(s->sum) >= fabs(x))
		s->comp += (s->sum - t) + x;
	else
		s->comp += (x - t) + s->sum;
	s->sum = t;
}

/*
 * A sliding window over days[] (sorted by day): days[lo..hi) are the
 * days from d - window + 1 to d. Each value enters once and leaves once,
 * so the whole is O(n). A window below 1 is taken as 1 (the day's own
 * mean). Several entries of one day all count for each of them.
 */
void chart_moving_average(const struct chart_day *days, size_t n,
			  int window, double *avg)
{
	struct wsum s = { 0, 0, 0 };
	size_t lo = 0, hi = 0;

	if (window < 1)
		window = 1;
	for (size_t i = 0; i < n; i++) {
		long d = days[i].day;

		while (lo < hi && days[lo].day <= d - window) {
			long w = count_of(days[lo].count);

			wsum_add(&s, -days[lo].value * (double)w);
			s.weight -= w;
			lo++;
		}
		if (lo == hi) {	/* empty: nothing left to drift */
			s.sum = s.comp = 0;
			s.weight = 0;
		}
		while (hi < n && days[hi].day <= d) {
			long w = count_of(days[hi].count);

			wsum_add(&s, days[hi].value * (double)w);
			s.weight += w;
			hi++;
		}
		avg[i] = (s.sum + s.comp) / (double)s.weight;
	}
}

/*
 * Levels split lo..hi into five equal parts; a value on a bound between
 * two goes to the upper one (with 1e-9 of slack for rounding, so 2.8 of
 * 1..10 is level 2), hi itself is level 5, and values outside lo..hi
 * count as lo or hi. For 1..10: [1, 2.8) 1, [2.8, 4.6) 2, [4.6, 6.4) 3,
 * [6.4, 8.2) 4, [8.2, 10] 5. Without a range (hi <= lo) every value is 3.
 */
int chart_level(double value, double lo, double hi)
{
	double t;

	if (!(hi > lo))
		return 3;
	if (isnan(value))
		return 1;
	t = (value - lo) / (hi - lo) * 5 + 1e-9;
	if (t < 1)
		return 1;
	return t >= 4 ? 5 : 1 + (int)t;
}

/* Append the "No entries yet" of an empty chart, centred at x, y. */
static void empty_add(struct buf *out, double x, double y)
{
	text_add(out, x, y, "middle", NO_ENTRIES);
}

/*
 * A timeline or calendar (kind) with nothing to show: a small image
 * that says so, of no natural size, so that it fits any page.
 */
static void empty_chart(struct buf *out, const char *kind,
			const char *title, const char *label)
{
	svg_open(out, kind, EMPTY_W, EMPTY_H, 0, 0, title, label);
	empty_add(out, EMPTY_W / 2.0, EMPTY_H / 2.0 + 4);
	buf_adds(out, "</svg>");
}

/* Where the sparkline puts the value of day d, from first of ndays. */
/* A line of the sparkline goes on over at most this many days. */
#define SPARK_GAP 7

static void spark_at(const struct chart_day *d, long first, long ndays,
		     double lo, double hi, double *x, double *y)
{
	const double pw = SPARK_W - 2 * SPARK_PAD;
	const double ph = SPARK_H - 2 * SPARK_PAD;

	*x = SPARK_PAD + (ndays > 1 ? (double)(d->day - first) * pw /
			  (double)(ndays - 1) : pw / 2);
	*y = SPARK_PAD + (1 - range_at(d->value, lo, hi)) * ph;
}

/*
 * A sparkline: one polyline per run of values no more than SPARK_GAP
 * days apart, a small dot for a value alone, and a larger dot (with a
 * <title>) on the last value. Days of days[] outside first .. first +
 * ndays - 1 are left out.
 */
void chart_sparkline(struct buf *out, const struct chart_day *days,
		     size_t n, long first, long ndays, double lo, double hi,
		     const char *title, const char *label)
{
	size_t from = 0, to;
	double x, y;

	range_fix(&lo, &hi);
	svg_open(out, "spark", SPARK_W, SPARK_H, 0, 0, title, label);
	if (ndays < 1)
		ndays = 1;
	while (from < n && days[from].day < first)
		from++;
	to = from;
	while (to < n && days[to].day - first < ndays)
		to++;
	if (from == to) {
		empty_add(out, SPARK_W / 2.0, SPARK_H / 2.0 + 4);
		buf_adds(out, "</svg>");
		return;
	}
	for (size_t i = from; i < to; i++) {
		int starts = i == from ||
			     days[i].day > days[i - 1].day + SPARK_GAP;
		int ends = i + 1 == to ||
			   days[i + 1].day > days[i].day + SPARK_GAP;

		spark_at(&days[i], first, ndays, lo, hi, &x, &y);
		if (starts && ends) {
			if (i + 1 < to)
				dot_add(out, x, y, 2, NULL);
			continue;
		}
		if (starts)
			buf_adds(out, "<polyline class=\"line\" fill=\"none\" "
				 "points=\"");
		point_add(out, x, y, starts);
		if (ends)
			buf_adds(out, "\"/>\n");
	}
	spark_at(&days[to - 1], first, ndays, lo, hi, &x, &y);
	dot_add(out, x, y, 2.5, &days[to - 1]);
	buf_adds(out, "</svg>");
}

/*
 * Ticks of the timeline's x axis: every step days, months or years, at
 * days, firsts of months or firsts of January in first .. last.
 */
enum tick_unit { TICK_DAY, TICK_MONTH, TICK_YEAR };

/*
 * Find the ticks of unit and step in first .. last, storing the first
 * TICKS_MAX of them in ticks[] if it is not NULL. Returns how many there
 * are in all. Days are ticked at multiples of step since 1970 (weeks at
 * Mondays), months at multiples of step months since year 0 (Jan, Apr,
 * Jul, Oct for 3), years at multiples of step.
 */
static size_t ticks_find(long first, long last, enum tick_unit unit,
			 long step, long *ticks)
{
	size_t count = 0;
	long year;
	int month, mday;

	civil_from_days(first, &year, &month, &mday);
	if (unit == TICK_DAY) {
		for (long d = first; d <= last; d++) {
			long week = floor_div(d + 3, 7);

			if (step % 7 ? floor_mod(d, step) :
			    weekday_of(d) || floor_mod(week, step / 7))
				continue;
			if (ticks && count < TICKS_MAX)
				ticks[count] = d;
			count++;
		}
	} else if (unit == TICK_MONTH) {
		for (long m = year * 12 + month - 1; ; m++) {
			long d = days_from_civil(floor_div(m, 12),
						 (int)floor_mod(m, 12) + 1, 1);

			if (d > last)
				break;
			if (d < first || floor_mod(m, step))
				continue;
			if (ticks && count < TICKS_MAX)
				ticks[count] = d;
			count++;
		}
	} else {
		for (long y = year; ; y++) {
			long d = days_from_civil(y, 1, 1);

			if (d > last)
				break;
			if (d < first || floor_mod(y, step))
				continue;
			if (ticks && count < TICKS_MAX)
				ticks[count] = d;
			count++;
		}
	}
	return count;
}

/*
 * Choose the x axis ticks of first .. last into ticks[TICKS_MAX]: days
 * for a span under 90 days, months under two years, else years, at the
 * smallest step that gives at most TICKS_MAX. Sets *unit; returns how
 * many.
 */
static size_t ticks_choose(long first, long last, enum tick_unit *unit,
			   long *ticks)
{
	static const long day_steps[] = { 1, 2, 7, 14, 28 };
	static const long month_steps[] = { 1, 2, 3, 6, 12 };
	long span = last - first, step = 1, step10 = 1;

	if (span < 90) {
		*unit = TICK_DAY;
		for (size_t i = 0; i < sizeof(day_steps) / sizeof(*day_steps);
		     i++) {
			step = day_steps[i];
			if (ticks_find(first, last, *unit, step, NULL) <=
			    TICKS_MAX)
				break;
		}
	} else if (span < 730) {
		*unit = TICK_MONTH;
		for (size_t i = 0;
		     i < sizeof(month_steps) / sizeof(*month_steps); i++) {
			step = month_steps[i];
			if (ticks_find(first, last, *unit, step, NULL) <=
			    TICKS_MAX)
				break;
		}
	} else {
		*unit = TICK_YEAR;
		/* 1, 2, 5, 10, 20, 50, ... years */
		for (int i = 0; ; i++) {
			step = (i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : 5) * step10;
			if (i % 3 == 2)
				step10 *= 10;
			if (ticks_find(first, last, *unit, step, NULL) <=
			    TICKS_MAX)
				break;
		}
	}
	return ticks_find(first, last, *unit, step, ticks);
}

/*
 * Append the label of an x tick at day: "3 Nov", "Nov" or "2026"; with
 * the year after days and months on the first label and when the year
 * changes from *prev_year, which is updated.
 */
static void tick_label(struct buf *out, long day, enum tick_unit unit,
		       int first, long *prev_year)
{
	long year;
	int month, mday;

	civil_from_days(day, &year, &month, &mday);
	if (unit == TICK_YEAR) {
		buf_addf(out, "%ld", year);
		return;
	}
	if (unit == TICK_DAY)
		buf_addf(out, "%d ", mday);
	buf_adds(out, month_names[month - 1]);
	if (first || year != *prev_year)
		buf_addf(out, " %ld", year);
	*prev_year = year;
}

/*
 * The y axis ticks of lo..hi: multiples of a step, every 1 for a range
 * of 1 to 10 (the mood scale, ratings), every tenth below that, and above
 * it 1, 2 or 5 times a power of ten, the smallest that gives at most 10
 * steps. Sets *step and returns the first tick value; the ticks run up
 * to hi.
 */
static double yticks_choose(double lo, double hi, double *step)
{
	static const double mult[] = { 1, 2, 5, 10 };
	double range = hi - lo, mag = 1;

	if (range <= 10) {
		*step = range >= 1 ? 1 : 0.1;
	} else {
		while (range / (mag * 10) > 10)
			mag *= 10;
		for (size_t i = 0; i < sizeof(mult) / sizeof(*mult); i++) {
			*step = mult[i] * mag;
			if (range / *step <= 10)
				break;
		}
	}
	return ceil(lo / *step - 1e-9) * *step;
}

/*
 * Append a polyline of class cls at xs[], ys[] for each run of days[]
 * (of n) with no more than gap days without a value between two; a run
 * of one day has none.
 */
static void runs_add(struct buf *out, const char *cls,
		     const struct chart_day *days, size_t n, long gap,
		     const double *xs, const double *ys)
{
	size_t start = 0;

	for (size_t i = 1; i <= n; i++) {
		if (i < n && days[i].day - days[i - 1].day - 1 <= gap)
			continue;
		if (i - start > 1) {
			buf_addf(out, "<polyline class=\"%s\" fill=\"none\" "
				 "points=\"", cls);
			for (size_t j = start; j < i; j++)
				point_add(out, xs[j], ys[j], j == start);
			buf_adds(out, "\"/>\n");
		}
		start = i;
	}
}

/*
 * Append the y axis of the timeline: a grid line and a label at each
 * side for each tick of lo..hi, over the plot from left to right and
 * top to bottom.
 */
static void yaxis_add(struct buf *out, double lo, double hi, double left,
		      double right, double top, double bottom)
{
	struct buf tmp = BUF_INIT;
	double step, v0 = yticks_choose(lo, hi, &step);
	long nticks = (long)(floor((hi - v0) / step + 1e-9) + 1);

	for (long k = 0; k < nticks; k++) {
		double v = v0 + (double)k * step;
		double y = bottom - range_at(v, lo, hi) * (bottom - top);

		line_add(out, "grid", left, y, right, y);
		buf_reset(&tmp);
		num_add(&tmp, v);
		text_add(out, left - 6, y + 4, "end", tmp.s);
		text_add(out, right + 6, y + 4, NULL, tmp.s);
	}
	buf_release(&tmp);
}

/* The widest label of the y axis of lo..hi, in user units. */
static double yaxis_width(double lo, double hi)
{
	struct buf tmp = BUF_INIT;
	double step, v0 = yticks_choose(lo, hi, &step), w = 0;
	long nticks = (long)(floor((hi - v0) / step + 1e-9) + 1);

	for (long k = 0; k < nticks; k++) {
		buf_reset(&tmp);
		num_add(&tmp, v0 + (double)k * step);
		if (text_width(tmp.s, tmp.len, FONT_SIZE) > w)
			w = text_width(tmp.s, tmp.len, FONT_SIZE);
	}
	buf_release(&tmp);
	return w;
}

void chart_timeline(struct buf *out, const struct chart_day *days, size_t n,
		    int window, long gap, double lo, double hi,
		    const char *title, const char *label)
{
	chart_timeline_linked(out, days, n, window, gap, lo, hi, title, label,
			      NULL);
}

/*
 * The timeline: grid lines and labels of the y axis at both sides (so
 * that the newest end, which a narrow screen shows first, has them
 * too), the x axis with date labels, the daily values as polylines
 * broken where more than gap days pass without a value (never for a gap
 * of 0), the moving average likewise, and dots for the values when they
 * are few (always for a value alone in its run, which has no line).
 * Linked, each day with a value is a link over the drawing, with a dot
 * if it has one and a wider place to take a click; when there are too
 * many for dots, quiet links (link_open()), which a keyboard or a
 * screen reader would have to go through by the thousand.
 */
void chart_timeline_linked(struct buf *out, const struct chart_day *days,
			   size_t n, int window, long gap, double lo,
			   double hi, const char *title, const char *label,
			   const struct chart_links *links)
{
	struct buf tmp = BUF_INIT;
	long ticks[TICKS_MAX], first, last, span, prev_year = 0;
	double left, right, pw, ph;
	double top = TIME_TOP, bottom = TIME_H - TIME_BOTTOM;
	double *xs, *ys, *avg = NULL;
	enum tick_unit unit;
	size_t nticks;
	/* too many days to draw a dot for: links for a pointer only */
	int quiet = links && n > TIME_DOTS_MAX;

	range_fix(&lo, &hi);
	if (!n) {
		empty_chart(out, "time", title, label);
		return;
	}
	svg_open(out, "time", TIME_W, TIME_H, 1, links != NULL, title, label);
	left = ceil(yaxis_width(lo, hi)) + 12;
	right = TIME_W - left;
	pw = right - left;
	ph = bottom - top;
	yaxis_add(out, lo, hi, left, right, top, bottom);
	line_add(out, "axis", left, top, left, bottom);
	line_add(out, "axis", left, bottom, right, bottom);

	/* the x axis: a single day gets a week around it */
	first = days[0].day;
	last = days[n - 1].day;
	if (last <= first) {
		first -= 3;
		last = first + 6;
	}
	span = last - first;
	nticks = ticks_choose(first, last, &unit, ticks);
	for (size_t i = 0; i < nticks; i++) {
		double x = left + TIME_INSET + (double)(ticks[i] - first) *
			   (pw - 2 * TIME_INSET) / (double)span, w;

		line_add(out, "axis", x, bottom, x, bottom + 4);
		buf_reset(&tmp);
		tick_label(&tmp, ticks[i], unit, !i, &prev_year);
		/* keep the label inside the view box */
		w = text_width(tmp.s, tmp.len, FONT_SIZE) / 2 + 2;
		if (x < w)
			x = w;
		if (x > TIME_W - w)
			x = TIME_W - w;
		text_add(out, x, bottom + 17, "middle", tmp.s);
	}

	/* the values */
	xs = xmalloc(n * sizeof(*xs));
	ys = xmalloc(n * sizeof(*ys));
	for (size_t i = 0; i < n; i++) {
		xs[i] = left + TIME_INSET + (double)(days[i].day - first) *
			(pw - 2 * TIME_INSET) / (double)span;
		ys[i] = bottom - range_at(days[i].value, lo, hi) * ph;
	}
	if (gap <= 0)
		gap = LONG_MAX / 2;
	runs_add(out, "line", days, n, gap, xs, ys);
	if (window > 0) {
		avg = xmalloc(n * sizeof(*avg));
		chart_moving_average(days, n, window, avg);
		for (size_t i = 0; i < n; i++)
			avg[i] = bottom - range_at(avg[i], lo, hi) * ph;
		runs_add(out, "avg", days, n, gap, xs, avg);
	}
	draw_end(out, links != NULL);
	if (quiet)
		buf_adds(out, "<g aria-hidden=\"true\">\n");
	for (size_t i = 0; i < n; i++) {
		int alone = (!i || days[i].day - days[i - 1].day - 1 > gap) &&
			    (i + 1 == n ||
			     days[i + 1].day - days[i].day - 1 > gap);
		int dot = n <= TIME_DOTS_MAX || alone;

		if (!links) {
			if (dot)
				dot_add(out, xs[i], ys[i], 2.5, &days[i]);
			continue;
		}
		link_open(out, links, &days[i], quiet, &tmp);
		buf_adds(out, "<circle class=\"hit\" cx=\"");
		num_add(out, xs[i]);
		buf_adds(out, "\" cy=\"");
		num_add(out, ys[i]);
		buf_addf(out, "\" r=\"%d\"/>", HIT_R);
		if (dot)
			dot_add(out, xs[i], ys[i], 2.5, NULL);
		buf_adds(out, "</a>\n");
	}
	if (quiet)
		buf_adds(out, "</g>\n");
	buf_adds(out, "</svg>");
	free(xs);
	free(ys);
	free(avg);
	buf_release(&tmp);
}

/* Append the stroke across a square of the lowest level at x, y. */
static void low_add(struct buf *out, double x, double y)
{
	buf_adds(out, "<path class=\"low\" d=\"M");
	num_add(out, x + 2.5);
	buf_addch(out, ' ');
	num_add(out, y + CAL_CELL - 2.5);
	buf_addf(out, "l%d-%d\"/>", CAL_CELL - 5, CAL_CELL - 5);
}

/*
 * Append a square of class cls ("cell" or "key") of level at x, y, with
 * the stroke of the lowest level, and a <title> of title when it is not
 * NULL.
 */
static void square_add(struct buf *out, const char *cls, int level,
		       double x, double y, const char *title)
{
	buf_addf(out, "<rect class=\"%s l%d\" x=\"", cls, level);
	num_add(out, x);
	buf_adds(out, "\" y=\"");
	num_add(out, y);
	buf_addf(out, "\" width=\"%d\" height=\"%d\" rx=\"2\"", CAL_CELL,
		 CAL_CELL);
	if (title) {
		buf_adds(out, "><title>");
		html_escapes(out, title);
		buf_adds(out, "</title></rect>");
	} else {
		buf_adds(out, "/>");
	}
	if (level == 1)
		low_add(out, x, y);
	buf_addch(out, '\n');
}

/*
 * The calendar's key, under its last columns, right-aligned with the
 * days: a day without an entry ("no entry"), then "lower", a square of
 * each level, "higher", so the colours read in any theme.
 */
static void key_add(struct buf *out)
{
	double y = CAL_TOP + 7 * CAL_STEP + 8;
	double higher = CAL_END - (CAL_STEP - CAL_CELL) -
			text_width("higher", 6, FONT_SIZE);
	double x = higher - 4 - 5 * CAL_STEP + (CAL_STEP - CAL_CELL);
	double none = x - 4 - text_width("lower", 5, FONT_SIZE) - 16 -
		      text_width("no entry", 8, FONT_SIZE) - 4 - CAL_CELL;

	square_add(out, "key", 0, none, y, NULL);
	text_add(out, none + CAL_CELL + 4, y + 10, NULL, "no entry");
	text_add(out, x - 4, y + 10, "end", "lower");
	for (int level = 1; level <= 5; level++)
		square_add(out, "key", level, x + (level - 1) * CAL_STEP, y,
			   NULL);
	text_add(out, higher, y + 10, NULL, "higher");
}

/*
 * The month labels of the calendar of the ndays days from start: over
 * the column where a month starts, and over the first column when the
 * next month starts far enough from it.
 */
static void months_add(struct buf *out, long start, long ndays)
{
	long next_month_col = -1, year;
	int month, mday;

	for (long k = 0; k < ndays; k++) {
		long col = k / 7;
		double x = CAL_LEFT + (double)col * CAL_STEP;

		civil_from_days(start + k, &year, &month, &mday);
		if (mday != 1)
			continue;
		if (next_month_col < 0)
			next_month_col = col;
		/* a month that starts in the last column has no room */
		if (x + text_width(month_names[month - 1], 3, FONT_SIZE) >
		    CAL_W)
			continue;
		text_add(out, x, CAL_TOP - 5, NULL, month_names[month - 1]);
	}
	if (next_month_col < 0 || next_month_col >= 3) {
		civil_from_days(start, &year, &month, &mday);
		text_add(out, CAL_LEFT, CAL_TOP - 5, NULL,
			 month_names[month - 1]);
	}
}

/*
 * The calendar: CAL_DAYS days from the Monday 52 weeks before the week
 * of last, up to last. Entries of one day in days[] (in any order) are
 * merged by daily_means(), weighted by count; days outside are left out.
 * Linked, the days with a value are drawn after the rest, each in its
 * link.
 */
void chart_calendar(struct buf *out, const struct chart_day *days, size_t n,
		    long last, double lo, double hi, const char *title,
		    const char *label, const struct chart_links *links)
{
	long start = last - weekday_of(last) - (CAL_WEEKS - 1) * 7;
	long ndays = last - start + 1;
	struct chart_day *cells;
	struct buf tmp = BUF_INIT;
	size_t ncells = 0, c = 0;
	static const char *const weekdays[] = { "Mon", "Wed", "Fri" };

	range_fix(&lo, &hi);
	if (!n) {
		empty_chart(out, "cal", title, label);
		return;
	}
	svg_open(out, "cal", CAL_W, CAL_H, 1, links != NULL, title, label);
	/* the days of the calendar, each once */
	cells = xcalloc(n, sizeof(*cells));
	for (size_t i = 0; i < n; i++)
		if (days[i].day >= start && days[i].day <= last)
			cells[ncells++] = days[i];
	ncells = daily_means(cells, ncells);

	months_add(out, start, ndays);
	for (int r = 0; r < 3; r++)
		text_add(out, CAL_END + 4, CAL_TOP + r * 2 * CAL_STEP + 9,
			 NULL, weekdays[r]);
	for (long k = 0; k < ndays; k++) {
		const struct chart_day *d = c < ncells &&
			cells[c].day == start + k ? &cells[c++] : NULL;

		if (d && links)
			continue;
		buf_reset(&tmp);
		if (d) {
			day_title_add(&tmp, d->day, d->value, d->count);
		} else {
			chart_day_format(start + k, &tmp);
			buf_adds(&tmp, ": no entry");
		}
		square_add(out, "cell", d ? chart_level(d->value, lo, hi) : 0,
			   CAL_LEFT + k / 7 * CAL_STEP,
			   CAL_TOP + k % 7 * CAL_STEP, tmp.s);
	}
	key_add(out);
	draw_end(out, links != NULL);
	for (c = 0; links && c < ncells; c++) {
		long k = cells[c].day - start;

		link_open(out, links, &cells[c], 0, &tmp);
		square_add(out, "cell", chart_level(cells[c].value, lo, hi),
			   CAL_LEFT + k / 7 * CAL_STEP,
			   CAL_TOP + k % 7 * CAL_STEP, NULL);
		buf_adds(out, "</a>\n");
	}
	buf_adds(out, "</svg>");
	free(cells);
	buf_release(&tmp);
}

/* Append s (NULL: nothing) escaped, for the cells of the bars. */
static void cell_text(struct buf *out, const char *s)
{
	if (s)
		html_escapes(out, s);
}

/*
 * The bars: a table of a row per bar, whose head is the bar's label (in
 * its link), then a cell of the bar, drawn as a small SVG stretched to
 * the cell's width (a track as long as hi, the bar as long as its
 * value, at least a sliver), and its value, then a cell of its count,
 * marked when it is one (a note under the table says what that means).
 */
void chart_bars(struct buf *out, const struct chart_bar *bars, size_t n,
		double lo, double hi, const char *const head[3],
		const char *label)
{
	int single = 0;

	range_fix(&lo, &hi);
	if (!n) {
		buf_adds(out, "<p class=\"chart chart-bars empty\">"
			 NO_ENTRIES "</p>");
		return;
	}
	buf_adds(out, "<table class=\"chart chart-bars\">\n<caption>");
	cell_text(out, label);
	buf_adds(out, "</caption>\n<thead><tr><th scope=\"col\">");
	cell_text(out, head[0]);
	buf_adds(out, "</th><th scope=\"col\">");
	cell_text(out, head[1]);
	buf_adds(out, "</th><th scope=\"col\" class=\"count\">");
	cell_text(out, head[2]);
	buf_adds(out, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		double w = BAR_SLIVER + range_at(bars[i].value, lo, hi) *
			   (BAR_W - BAR_SLIVER);

		buf_adds(out, "<tr><th scope=\"row\">");
		if (bars[i].href) {
			buf_adds(out, "<a href=\"");
			html_escapes(out, bars[i].href);
			buf_adds(out, "\">");
		}
		cell_text(out, bars[i].label);
		if (bars[i].href)
			buf_adds(out, "</a>");
		buf_addf(out, "</th><td class=\"mean\"><span class=\"meter\">"
			 "<svg class=\"bar\" viewBox=\"0 0 %d %d\" "
			 "preserveAspectRatio=\"none\" aria-hidden=\"true\">"
			 "<rect class=\"track\" width=\"%d\" height=\"%d\"/>"
			 "<rect class=\"bar\" width=\"", BAR_W, BAR_H, BAR_W,
			 BAR_H);
		num_add(out, w);
		buf_addf(out, "\" height=\"%d\"/></svg><span class=\"value\">",
			 BAR_H);
		value_add(out, bars[i].value);
		buf_addf(out, "</span></span></td><td class=\"count\">%ld%s"
			 "</td></tr>\n", count_of(bars[i].count),
			 count_of(bars[i].count) == 1 ? "*" : "");
		single |= count_of(bars[i].count) == 1;
	}
	buf_adds(out, "</tbody>\n");
	/* a bar of one is no mean: at the top, it must not pass for one */
	if (single)
		buf_adds(out, "<tfoot><tr><td colspan=\"3\">* only one: "
			 "its own value, not a mean</td></tr></tfoot>\n");
	buf_adds(out, "</table>");
}
