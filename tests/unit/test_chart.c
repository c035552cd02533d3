/*
 * Unit tests of chart.c: the SVG charts of the HTML journal (SPEC §9).
 * The arithmetic (moving averages, levels, dates) is checked against
 * values worked out by hand and against slow, obvious versions; the SVG
 * for its frame (one <svg> with role, aria-label and <title>), escaping,
 * well-formedness, the shapes drawn, and bytes that never change.
 */
#include "chart.h"
#include "unit.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HOSTILE_SCRIPT "<script>alert(1)</script>"
#define HOSTILE_IMG "\"><img src=x onerror=alert(1)>"
#define DAY_2026_11_22 20779L	/* a Sunday */

/* How many times needle occurs in s. */
static long count_of_str(const char *s, const char *needle)
{
	size_t len = strlen(needle);
	long n = 0;

	for (const char *p = strstr(s, needle); p; p = strstr(p + len, needle))
		n++;
	return n;
}

/* Is a close to b, for sums of doubles? */
static int near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

/*
 * Skip an XML name at *p (letters, digits, '-', ':', '_'); returns its
 * length, 0 if there is none.
 */
static size_t xml_name(const char **p)
{
	const char *s = *p;

	while ((**p >= 'a' && **p <= 'z') || (**p >= 'A' && **p <= 'Z') ||
	       (**p >= '0' && **p <= '9') || **p == '-' || **p == ':' ||
	       **p == '_')
		(*p)++;
	return (size_t)(*p - s);
}

/* Is p at a character reference XML knows (&amp; &lt; &#39; ...)? */
static int xml_entity(const char *p)
{
	static const char *const names[] = {
		"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strncmp(p, names[i], strlen(names[i])))
			return 1;
	if (p[1] != '#')
		return 0;
	p += 2;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == ';';
}

/*
 * A small checker of well-formed XML, enough for what chart.c writes:
 * one root element, tags that nest and close by name, attributes
 * name="value" without '<' and with no name twice in a tag, and '&' only
 * as an entity. Returns 1 if s passes.
 */
static int xml_well_formed(const char *s)
{
	const char *stack[64];
	size_t len[64], depth = 0;
	int roots = 0;
	const char *p = s;

	while (*p) {
		if (*p == '&' && !xml_entity(p))
			return 0;
		if (*p == '>')
			return 0;	/* chart.c escapes even these */
		if (*p != '<') {
			if (!depth && *p != '\n')
				return 0;	/* text outside the root */
			p++;
			continue;
		}
		p++;
		if (*p == '/') {
			const char *name = ++p;
			size_t n = xml_name(&p);

			if (!n || !depth || *p != '>' || n != len[depth - 1] ||
			    strncmp(name, stack[depth - 1], n))
				return 0;
			depth--;
			p++;
			continue;
		}
		const char *name = p;
		size_t n = xml_name(&p);
		const char *attrs[32];
		size_t alens[32], nattrs = 0;

		if (!n)
			return 0;
		if (!depth && roots++)
			return 0;
		for (;;) {
			if (*p == ' ' || *p == '\n') {
				p++;
				continue;
			}
			if (*p == '/' && p[1] == '>') {
				p += 2;
				break;
			}
			if (*p == '>') {
				if (depth == 64)
					return 0;
				stack[depth] = name;
				len[depth++] = n;
				p++;
				break;
			}
			const char *an = p;
			size_t al = xml_name(&p);

			if (!al || *p++ != '=' || *p++ != '"' || nattrs == 32)
				return 0;
			for (size_t i = 0; i < nattrs; i++)
				if (alens[i] == al &&
				    !strncmp(attrs[i], an, al))
					return 0;
			attrs[nattrs] = an;
			alens[nattrs++] = al;
			while (*p && *p != '"') {
				if (*p == '<' || (*p == '&' && !xml_entity(p)))
					return 0;
				p++;
			}
			if (*p++ != '"')
				return 0;
		}
	}
	return !depth && roots == 1;
}

/*
 * Does any number in s have more than one decimal? Finds a digit, a '.'
 * and two digits, which neither coordinates nor values may have.
 */
static int has_long_decimal(const char *s)
{
	for (; s[0] && s[1] && s[2] && s[3]; s++)
		if (s[0] >= '0' && s[0] <= '9' && s[1] == '.' &&
		    s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9')
			return 1;
	return 0;
}

/*
 * Check what every chart must be: one <svg> of class "chart chart-KIND"
 * with a view box, role="img", the aria-label want_label and the
 * <title> want_title as its first child, nothing after it; well-formed,
 * valid UTF-8, no styles, scripts, ids or references, and no number
 * with more than one decimal.
 */
static void check_frame(const char *svg, const char *kind,
			const char *want_title, const char *want_label,
			const char *what, int line)
{
	struct buf want = BUF_INIT;
	char msg[200];
	const char *p;

#define FRAME(cond, about) do { \
		snprintf(msg, sizeof(msg), "%s: %s", what, about); \
		unit_check(!!(cond), msg, __FILE__, line); \
	} while (0)

	FRAME(starts_with(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
			  "viewBox=\"0 0 "), "starts with <svg and viewBox");
	FRAME(ends_with(svg, "</svg>"), "ends with </svg>");
	FRAME(count_of_str(svg, "<svg") == 1, "one <svg>");
	FRAME(count_of_str(svg, "</svg>") == 1, "one </svg>");
	buf_addf(&want, "class=\"chart chart-%s\"", kind);
	FRAME(strstr(svg, want.s), "class chart chart-KIND");
	FRAME(strstr(svg, " role=\"img\""), "role=img");
	buf_reset(&want);
	buf_addf(&want, " aria-label=\"%s\">", want_label);
	FRAME(strstr(svg, want.s), "aria-label");
	buf_reset(&want);
	buf_addf(&want, "\"><title>%s</title>", want_title);
	p = strchr(svg, '>');
	FRAME(p && !strncmp(p - 1, want.s, want.len),
	      "the <title> comes first");
	FRAME(xml_well_formed(svg), "well-formed");
	FRAME(utf8_valid(svg, strlen(svg)), "valid UTF-8");
	FRAME(!strstr(svg, "style"), "no style attribute or element");
	FRAME(!strstr(svg, "<script"), "no <script");
	FRAME(!strstr(svg, "<img"), "no <img");
	FRAME(!strstr(svg, " id="), "no ids");
	FRAME(!strstr(svg, "href"), "no references");
	FRAME(!strstr(svg, "url("), "no url()");
	FRAME(!strstr(svg, " fill=\"#") && !strstr(svg, " stroke=\""),
	      "no colours");
	FRAME(!has_long_decimal(svg), "at most one decimal");
#undef FRAME
	buf_release(&want);
}

#define FRAME_OK(svg, kind, title, label) \
	check_frame((svg), (kind), (title), (label), kind, __LINE__)

/* Check the text of chart_day_format(day). */
static void check_day(long day, const char *want, int line)
{
	struct buf b = BUF_INIT;
	char what[100];

	chart_day_format(day, &b);
	snprintf(what, sizeof(what), "day %ld is %s", day, want);
	unit_check_str(b.s, want, what, __FILE__, line);
	buf_release(&b);
}

#define DAY_IS(day, want) check_day((day), (want), __LINE__)

/* Is year a leap year of the Gregorian calendar? */
static int leap(long year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* The days of month (1..12) of year. */
static int month_days(long year, int month)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return month == 2 && leap(year) ? 29 : days[month - 1];
}

static void test_day_format(void)
{
	struct buf b = BUF_INIT, want = BUF_INIT;
	long year = 1970;
	int month = 1, mday = 1, bad = 0;

	DAY_IS(0, "1970-01-01");
	DAY_IS(1, "1970-01-02");
	DAY_IS(31, "1970-02-01");
	DAY_IS(365, "1971-01-01");
	DAY_IS(-1, "1969-12-31");
	DAY_IS(-365, "1969-01-01");
	DAY_IS(-366, "1968-12-31");
	DAY_IS(-25508, "1900-03-01");
	DAY_IS(-25509, "1900-02-28");	/* 1900 is not a leap year */
	DAY_IS(-719162, "0001-01-01");
	DAY_IS(-719468, "0000-03-01");
	DAY_IS(11016, "2000-02-29");	/* 2000 is */
	DAY_IS(11017, "2000-03-01");
	DAY_IS(19782, "2024-02-29");
	DAY_IS(19781, "2024-02-28");
	DAY_IS(19783, "2024-03-01");
	DAY_IS(47540, "2100-02-28");
	DAY_IS(47541, "2100-03-01");	/* 2100 is not */
	DAY_IS(DAY_2026_11_22, "2026-11-22");

	/* it appends */
	buf_adds(&b, "on ");
	chart_day_format(0, &b);
	CHECK_STR(b.s, "on 1970-01-01");

	/* every day of 1970 .. about 2517 against counting the calendar */
	for (long day = 0; day < 200000; day++) {
		buf_reset(&b);
		buf_reset(&want);
		chart_day_format(day, &b);
		buf_addf(&want, "%04ld-%02d-%02d", year, month, mday);
		if (strcmp(b.s, want.s) && !bad++)
			printf("# day %ld: %s, want %s\n", day, b.s, want.s);
		if (++mday > month_days(year, month)) {
			mday = 1;
			if (++month > 12) {
				month = 1;
				year++;
			}
		}
	}
	CHECK(!bad);

	/* and back from 1969-12-31 to about 1423 */
	year = 1969;
	month = 12;
	mday = 31;
	for (long day = -1; day > -200000; day--) {
		buf_reset(&b);
		buf_reset(&want);
		chart_day_format(day, &b);
		buf_addf(&want, "%04ld-%02d-%02d", year, month, mday);
		if (strcmp(b.s, want.s) && !bad++)
			printf("# day %ld: %s, want %s\n", day, b.s, want.s);
		if (--mday < 1) {
			if (--month < 1) {
				month = 12;
				year--;
			}
			mday = month_days(year, month);
		}
	}
	CHECK(!bad);
	buf_release(&b);
	buf_release(&want);
}

/* The moving average, the slow way: every pair. */
static void slow_average(const struct chart_day *days, size_t n, int window,
			 double *avg)
{
	for (size_t i = 0; i < n; i++) {
		double sum = 0, weight = 0;

		for (size_t j = 0; j < n; j++) {
			double w = days[j].count < 1 ? 1 : days[j].count;

			if (days[j].day > days[i].day - window &&
			    days[j].day <= days[i].day) {
				sum += days[j].value * w;
				weight += w;
			}
		}
		avg[i] = sum / weight;
	}
}

/* A pseudo-random number from *state, the same on every machine. */
static unsigned long rand_next(unsigned long *state)
{
	*state = (*state * 1103515245UL + 12345UL) & 0x7fffffffUL;
	return *state >> 8;
}

static void test_moving_average(void)
{
	/* window 1: each day's own value, whatever the counts */
	static const struct chart_day one[] = {
		{ 0, 4, 1 }, { 1, 6, 1 }, { 3, 2, 3 }
	};
	/* window 7 with weights and a gap; a count of 0 counts as 1 */
	static const struct chart_day week[] = {
		{ 0, 4, 1 }, { 1, 6, 3 }, { 2, 2, 0 }, { 10, 8, 2 },
		{ 12, 5, 1 }
	};
	/* window 3: the day d - 3 is out, d - 2 is in */
	static const struct chart_day three[] = {
		{ 0, 1, 1 }, { 2, 3, 1 }, { 3, 5, 1 }, { 5, 7, 1 }
	};
	/* two values on one day count for both */
	static const struct chart_day same[] = {
		{ 5, 2, 1 }, { 5, 4, 1 }, { 6, 9, 2 }
	};
	/* before 1970 */
	static const struct chart_day before[] = {
		{ -10, 2, 1 }, { -9, 4, 1 }, { -1, 6, 1 }, { 0, 8, 1 }
	};
	enum { BIG = 4000 };
	struct chart_day *big = xmalloc(BIG * sizeof(*big));
	double avg[8], *fast = xmalloc(BIG * sizeof(*fast));
	double *slow = xmalloc(BIG * sizeof(*slow));
	unsigned long seed = 42;
	long day = 19000;
	int bad = 0;

	chart_moving_average(one, 3, 1, avg);
	CHECK(near(avg[0], 4) && near(avg[1], 6) && near(avg[2], 2));
	/* window 0 is taken as 1 */
	chart_moving_average(one, 3, 0, avg);
	CHECK(near(avg[0], 4) && near(avg[1], 6) && near(avg[2], 2));
	/* window 2 over the same: day 3 reaches back to day 2 only */
	chart_moving_average(one, 3, 2, avg);
	CHECK(near(avg[0], 4) && near(avg[1], 5) && near(avg[2], 2));

	chart_moving_average(week, 5, 7, avg);
	CHECK(near(avg[0], 4));
	CHECK(near(avg[1], 22.0 / 4));		/* (4 + 6*3) / 4 */
	CHECK(near(avg[2], 24.0 / 5));		/* (4 + 18 + 2) / 5 */
	CHECK(near(avg[3], 8));			/* days 4..10: day 10 alone */
	CHECK(near(avg[4], 21.0 / 3));		/* (8*2 + 5) / 3 */
	/* window 11 reaches from day 10 back to day 0 */
	chart_moving_average(week, 5, 11, avg);
	CHECK(near(avg[3], (4 + 18 + 2 + 16) / 7.0));
	CHECK(near(avg[4], (2 + 16 + 5) / 4.0));	/* days 2..12 */

	chart_moving_average(three, 4, 3, avg);
	CHECK(near(avg[0], 1));
	CHECK(near(avg[1], 2));			/* days 0..2 */
	CHECK(near(avg[2], 4));			/* days 1..3 */
	CHECK(near(avg[3], 6));			/* days 3..5 */

	chart_moving_average(same, 3, 1, avg);
	CHECK(near(avg[0], 3) && near(avg[1], 3) && near(avg[2], 9));
	chart_moving_average(same, 3, 2, avg);
	CHECK(near(avg[2], (2 + 4 + 18) / 4.0));

	chart_moving_average(before, 4, 2, avg);
	CHECK(near(avg[0], 2) && near(avg[1], 3) && near(avg[2], 6) &&
	      near(avg[3], 7));

	/* n == 0 writes nothing */
	avg[0] = -1;
	chart_moving_average(one, 0, 7, avg);
	CHECK(avg[0] == -1);

	/* 4,000 days with gaps and counts against the slow way */
	for (size_t i = 0; i < BIG; i++) {
		day += rand_next(&seed) % 10 ? 1 : 1 + rand_next(&seed) % 20;
		big[i].day = day;
		big[i].value = 1 + (double)(rand_next(&seed) % 91) / 10;
		big[i].count = (long)(rand_next(&seed) % 4);
	}
	for (int w = 1; w <= 64; w *= 4) {
		chart_moving_average(big, BIG, w, fast);
		slow_average(big, BIG, w, slow);
		for (size_t i = 0; i < BIG; i++)
			if (!near(fast[i], slow[i]) && !bad++)
				printf("# window %d day %ld: %.17g, want "
				       "%.17g\n", w, big[i].day, fast[i],
				       slow[i]);
	}
	CHECK(!bad);
	free(big);
	free(fast);
	free(slow);
}

static void test_level(void)
{
	/* 1..10 in fifths of 1.8: a bound goes to the level above it */
	CHECK_INT(chart_level(1, 1, 10), 1);
	CHECK_INT(chart_level(2, 1, 10), 1);
	CHECK_INT(chart_level(2.79, 1, 10), 1);
	CHECK_INT(chart_level(2.8, 1, 10), 2);
	CHECK_INT(chart_level(4.59, 1, 10), 2);
	CHECK_INT(chart_level(4.6, 1, 10), 3);
	CHECK_INT(chart_level(6.39, 1, 10), 3);
	CHECK_INT(chart_level(6.4, 1, 10), 4);
	CHECK_INT(chart_level(8.19, 1, 10), 4);
	CHECK_INT(chart_level(8.2, 1, 10), 5);
	CHECK_INT(chart_level(9.2, 1, 10), 5);
	CHECK_INT(chart_level(10, 1, 10), 5);
	/* whole moods: two to a level */
	for (int mood = 1; mood <= 10; mood++)
		CHECK_INT(chart_level(mood, 1, 10), (mood + 1) / 2);
	/* outside the range */
	CHECK_INT(chart_level(0, 1, 10), 1);
	CHECK_INT(chart_level(-5, 1, 10), 1);
	CHECK_INT(chart_level(11, 1, 10), 5);
	CHECK_INT(chart_level(NAN, 1, 10), 1);
	/* ratings 1..5 in fifths of 0.8: each whole rating its own level */
	for (int r = 1; r <= 5; r++)
		CHECK_INT(chart_level(r, 1, 5), r);
	CHECK_INT(chart_level(1.79, 1, 5), 1);
	CHECK_INT(chart_level(1.8, 1, 5), 2);
	CHECK_INT(chart_level(4.19, 1, 5), 4);
	CHECK_INT(chart_level(4.2, 1, 5), 5);
	/* no range */
	CHECK_INT(chart_level(5, 5, 5), 3);
	CHECK_INT(chart_level(5, 6, 5), 3);
}

/* The text of the <title> in svg that starts with prefix, or NULL. */
static const char *title_at(const char *svg, const char *prefix)
{
	struct buf b = BUF_INIT;
	const char *p;

	buf_addf(&b, "<title>%s", prefix);
	p = strstr(svg, b.s);
	buf_release(&b);
	return p;
}

/* The class of the <rect> whose <title> is want, checked against cls. */
static void check_cell(const char *svg, const char *want, const char *cls,
		       int line)
{
	struct buf b = BUF_INIT;
	const char *p, *rect = NULL;
	char what[200];

	buf_addf(&b, "<title>%s</title>", want);
	p = strstr(svg, b.s);
	snprintf(what, sizeof(what), "a cell has the title '%s'", want);
	unit_check(p != NULL, what, __FILE__, line);
	for (const char *q = svg; p && (q = strstr(q, "<rect ")) && q < p; q++)
		rect = q;
	buf_reset(&b);
	buf_addf(&b, "<rect class=\"%s\" ", cls);
	snprintf(what, sizeof(what), "the cell of '%s' is '%s'", want, cls);
	unit_check(rect && starts_with(rect, b.s), what, __FILE__, line);
	buf_release(&b);
}

#define CELL_IS(svg, title, cls) check_cell((svg), (title), (cls), __LINE__)

static void test_calendar(void)
{
	const long last = DAY_2026_11_22;
	const long start = last - 6 - 52 * 7;	/* the Monday 52 weeks back */
	struct chart_day days[] = {
		{ start - 1, 9, 1 },		/* before the first week: out */
		{ start, 1, 1 },
		{ last - 30, 5.5, 1 },
		{ last - 20, 7, 1 },
		{ last - 10, 2.8, 1 },
		{ last - 3, 9.5, 3 },
		{ last - 1, 7, 1 },
		{ last - 1, 10, 2 },		/* a second value of the day */
		{ last, 4.5, 2 },
		{ last + 1, 5, 1 },		/* after last: out */
	};
	struct buf a = BUF_INIT, b = BUF_INIT, want = BUF_INIT;

	chart_calendar(&a, days, sizeof(days) / sizeof(*days), last, 1, 10,
		       "Mood, a year", "Mood of each day of the year");
	FRAME_OK(a.s, "cal", "Mood, a year", "Mood of each day of the year");
	CHECK_INT(count_of_str(a.s, "<rect class=\"cell l"), 53 * 7);
	/* and the key: a square of each level, from lower to higher */
	CHECK_INT(count_of_str(a.s, "<rect "), 53 * 7 + 5);
	CHECK_INT(count_of_str(a.s, "<rect class=\"key l"), 5);
	CHECK(strstr(a.s, ">lower</text>") && strstr(a.s, ">higher</text>"));
	CHECK(strstr(a.s, "<rect class=\"key l1\"") <
	      strstr(a.s, "<rect class=\"key l5\""));
	CELL_IS(a.s, "2026-11-22: 4.5 (2 entries)", "cell l2");
	CELL_IS(a.s, "2026-10-23: 5.5 (1 entry)", "cell l3");
	CELL_IS(a.s, "2026-11-19: 9.5 (3 entries)", "cell l5");
	CELL_IS(a.s, "2026-11-21: 9.0 (3 entries)", "cell l5");
	CELL_IS(a.s, "2026-11-12: 2.8 (1 entry)", "cell l2");
	CELL_IS(a.s, "2026-11-20: no entry", "cell l0");
	CELL_IS(a.s, "2026-11-02: 7.0 (1 entry)", "cell l4");
	CELL_IS(a.s, "2025-11-17: 1.0 (1 entry)", "cell l1");
	CHECK(!title_at(a.s, "2025-11-16"));
	CHECK(!title_at(a.s, "2026-11-23"));
	for (int level = 0; level <= 5; level++) {
		buf_reset(&want);
		buf_addf(&want, "class=\"cell l%d\"", level);
		CHECK(strstr(a.s, want.s));
	}
	CHECK_INT(count_of_str(a.s, "class=\"cell l0\""), 53 * 7 - 7);
	CHECK(strstr(a.s, ">Mon</text>"));
	CHECK(strstr(a.s, ">Wed</text>"));
	CHECK(strstr(a.s, ">Fri</text>"));
	CHECK(!strstr(a.s, ">Tue</text>"));
	/* a month label for every month, Dec 2025 .. Nov 2026 */
	CHECK(strstr(a.s, ">Dec</text>"));
	CHECK(strstr(a.s, ">Jun</text>"));
	CHECK(strstr(a.s, ">Nov</text>"));

	/* deterministic */
	chart_calendar(&b, days, sizeof(days) / sizeof(*days), last, 1, 10,
		       "Mood, a year", "Mood of each day of the year");
	CHECK_STR(a.s, b.s);

	/* ending on a Wednesday: the last week has three days */
	buf_reset(&a);
	chart_calendar(&a, days, sizeof(days) / sizeof(*days), last + 3, 1,
		       10, "t", "l");
	FRAME_OK(a.s, "cal", "t", "l");
	CHECK_INT(count_of_str(a.s, "<rect class=\"cell l"), 52 * 7 + 3);
	CHECK(title_at(a.s, "2026-11-25: no entry"));
	CHECK(!title_at(a.s, "2026-11-26"));
	CHECK(title_at(a.s, "2025-11-24: no entry"));
	CHECK(!title_at(a.s, "2025-11-23"));
	CHECK(!title_at(a.s, "2025-11-17"));

	/* ending on a Monday, before 1970 */
	buf_reset(&a);
	chart_calendar(&a, days, 0, -3, 1, 10, "t", "l");
	FRAME_OK(a.s, "cal", "t", "l");
	CHECK(strstr(a.s, "<text class=\"label\""));
	CHECK(strstr(a.s, ">No entries yet</text>"));
	buf_reset(&a);
	chart_calendar(&a, days + 1, 1, -3, 1, 10, "t", "l");
	FRAME_OK(a.s, "cal", "t", "l");
	CHECK_INT(count_of_str(a.s, "<rect class=\"cell l"), 52 * 7 + 1);
	CHECK(title_at(a.s, "1969-12-29: no entry"));
	CHECK(!title_at(a.s, "1969-12-30"));
	buf_release(&a);
	buf_release(&b);
	buf_release(&want);
}

/* A timeline of days[] into a fresh buffer; the caller frees it. */
static char *timeline_of(const struct chart_day *days, size_t n, int window)
{
	struct buf b = BUF_INIT;

	chart_timeline(&b, days, n, window, window > 0 ? window : 7, 1, 10,
		       "Mood", "Mood over time");
	return buf_detach(&b, NULL);
}

/* Check the polylines of class cls in a timeline of days[]. */
static void check_lines(const struct chart_day *days, size_t n, int window,
			long lines, long avgs, int line)
{
	char *svg = timeline_of(days, n, window);
	char what[100];

	snprintf(what, sizeof(what), "%ld lines, window %d", lines, window);
	unit_check_long(count_of_str(svg, "<polyline class=\"line\""), lines,
			what, __FILE__, line);
	snprintf(what, sizeof(what), "%ld averages, window %d", avgs, window);
	unit_check_long(count_of_str(svg, "<polyline class=\"avg\""), avgs,
			what, __FILE__, line);
	check_frame(svg, "time", "Mood", "Mood over time", "timeline", line);
	free(svg);
}

#define LINES_ARE(days, window, lines, avgs) \
	check_lines((days), sizeof(days) / sizeof(*(days)), (window), \
		    (lines), (avgs), __LINE__)

static void test_timeline(void)
{
	/* runs 0..4, 20..25, 40 alone, 50..52 */
	struct chart_day runs[16];
	/* 7 days without a value join, 8 break (window 0 or 7) */
	static const struct chart_day join7[] = {
		{ 0, 5, 1 }, { 1, 6, 1 }, { 9, 7, 1 }, { 10, 3, 1 }
	};
	static const struct chart_day break7[] = {
		{ 0, 5, 1 }, { 1, 6, 1 }, { 10, 7, 1 }, { 11, 3, 1 }
	};
	static const struct chart_day join1[] = {
		{ 0, 5, 1 }, { 2, 6, 1 }, { 3, 7, 1 }
	};
	static const struct chart_day break1[] = {
		{ 0, 5, 1 }, { 1, 6, 1 }, { 4, 7, 1 }, { 5, 3, 1 }
	};
	static const struct chart_day one[] = { { DAY_2026_11_22, 7, 1 } };
	struct chart_day many[100], year[300], long_span[400];
	size_t k = 0;
	char *a, *b;

	for (long d = 0; d <= 52; d++)
		if (d <= 4 || (d >= 20 && d <= 25) || d == 40 || d >= 50) {
			runs[k].day = 20000 + d;
			runs[k].value = 1 + (double)(d % 10);
			runs[k++].count = 1;
		}
	CHECK_INT(k, 15);
	check_lines(runs, k, 7, 3, 3, __LINE__);
	check_lines(runs, k, 0, 3, 0, __LINE__);
	/* window 30 bridges every gap */
	check_lines(runs, k, 30, 1, 1, __LINE__);
	/* window 14: 20 -> 25 -> 40 (14 days without) -> 50 joins */
	check_lines(runs, k, 14, 2, 2, __LINE__);
	LINES_ARE(join7, 0, 1, 0);
	LINES_ARE(join7, 7, 1, 1);
	LINES_ARE(break7, 0, 2, 0);
	LINES_ARE(break7, 7, 2, 2);
	/* window 1: a day without a value joins, two break */
	LINES_ARE(join1, 1, 1, 1);
	LINES_ARE(break1, 1, 2, 2);
	LINES_ARE(break1, 2, 1, 1);
	/* gap 0: one line through them all, however far apart */
	{
		struct buf g = BUF_INIT;

		chart_timeline(&g, runs, k, 0, 0, 1, 5, "Ratings", "r");
		CHECK_INT(count_of_str(g.s, "<polyline class=\"line\""), 1);
		CHECK_INT(count_of_str(g.s, "<polyline class=\"avg\""), 0);
		buf_release(&g);
	}

	/* few values: a dot (with a title) for each */
	a = timeline_of(runs, k, 7);
	CHECK_INT(count_of_str(a, "<circle class=\"dot\""), 15);
	CHECK(strstr(a, "<title>2024-10-04: 1.0 (1 entry)</title></circle>"));
	CHECK(strstr(a, "<title>2024-10-08: 5.0 (1 entry)</title></circle>"));
	/* y labels 1..10 at the left, x labels at most 8 */
	CHECK_INT(count_of_str(a, "text-anchor=\"end\""), 10);
	CHECK(strstr(a, ">10</text>"));
	CHECK(count_of_str(a, "text-anchor=\"middle\"") >= 2);
	CHECK(count_of_str(a, "text-anchor=\"middle\"") <= 8);
	CHECK(count_of_str(a, "<line class=\"grid\"") == 10);
	/* deterministic */
	b = timeline_of(runs, k, 7);
	CHECK_STR(a, b);
	free(a);
	free(b);

	/* many values: lines only, but for a value alone */
	for (size_t i = 0; i < 100; i++) {
		many[i].day = 20000 + (long)i + (i >= 99 ? 30 : 0);
		many[i].value = 1 + (double)(i % 10);
		many[i].count = 1;
	}
	a = timeline_of(many, 100, 7);
	CHECK_INT(count_of_str(a, "<circle"), 1);
	CHECK_INT(count_of_str(a, "<polyline class=\"line\""), 1);
	FRAME_OK(a, "time", "Mood", "Mood over time");
	free(a);

	/* a single value */
	a = timeline_of(one, 1, 7);
	FRAME_OK(a, "time", "Mood", "Mood over time");
	CHECK_INT(count_of_str(a, "<circle"), 1);
	CHECK(strstr(a, "22 Nov"));
	free(a);

	/* months over 2026-06-01 .. 2027-03-27, every second one */
	for (size_t i = 0; i < 300; i++) {
		year[i].day = 20605 + (long)i;
		year[i].value = 5;
		year[i].count = 1;
	}
	a = timeline_of(year, 300, 7);
	CHECK(strstr(a, ">Jul 2026</text>"));
	CHECK(strstr(a, ">Sep</text>"));
	CHECK(strstr(a, ">Jan 2027</text>"));
	CHECK(!strstr(a, ">Aug"));
	CHECK(count_of_str(a, "text-anchor=\"middle\"") <= 8);
	free(a);

	/* years over 2015 .. 2025 */
	for (size_t i = 0; i < 400; i++) {
		long_span[i].day = 16445 + (long)i * 10;
		long_span[i].value = 5;
		long_span[i].count = 1;
	}
	a = timeline_of(long_span, 400, 7);
	CHECK(strstr(a, ">2016</text>"));
	CHECK(!strstr(a, "Jan"));
	CHECK(count_of_str(a, "text-anchor=\"middle\"") >= 2);
	CHECK(count_of_str(a, "text-anchor=\"middle\"") <= 8);
	free(a);

	/* nothing: the axes and a note */
	a = timeline_of(one, 0, 7);
	FRAME_OK(a, "time", "Mood", "Mood over time");
	CHECK(strstr(a, "<text class=\"label\""));
	CHECK(strstr(a, ">No entries yet</text>"));
	CHECK(strstr(a, "<line class=\"axis\""));
	CHECK(!strstr(a, "<polyline"));
	free(a);
}

static void test_sparkline(void)
{
	/* 0..2, 5, 7..8: no more than 7 days apart; days outside 0..9 */
	static const struct chart_day days[] = {
		{ 98, 3, 1 }, { 100, 3, 1 }, { 101, 4, 1 }, { 102, 5, 1 },
		{ 105, 6, 1 }, { 107, 7, 1 }, { 108, 8, 2 }, { 110, 9, 1 }
	};
	struct buf a = BUF_INIT, b = BUF_INIT;

	chart_sparkline(&a, days, 8, 100, 10, 1, 10, "Mood, 10 days",
			"Mood of the last 10 days");
	FRAME_OK(a.s, "spark", "Mood, 10 days", "Mood of the last 10 days");
	CHECK(strstr(a.s, "viewBox=\"0 0 240 48\""));
	CHECK_INT(count_of_str(a.s, "<polyline class=\"line\""), 1);
	CHECK_INT(count_of_str(a.s, "<circle class=\"dot\""), 1);
	CHECK(strstr(a.s, "<title>1970-04-19: 8.0 (2 entries)</title>"));
	CHECK(!strstr(a.s, "<line"));
	CHECK(!strstr(a.s, "<text"));
	chart_sparkline(&b, days, 8, 100, 10, 1, 10, "Mood, 10 days",
			"Mood of the last 10 days");
	CHECK_STR(a.s, b.s);

	/* the last value alone: its one dot is the last value's */
	buf_reset(&a);
	chart_sparkline(&a, days + 1, 4, 100, 10, 1, 10, "t", "l");
	FRAME_OK(a.s, "spark", "t", "l");
	CHECK_INT(count_of_str(a.s, "<polyline class=\"line\""), 1);
	CHECK_INT(count_of_str(a.s, "<circle class=\"dot\""), 1);
	CHECK(strstr(a.s, "r=\"2.5\"><title>1970-04-16: 6.0 (1 entry)"));

	/* more than 7 days without a value break the line */
	{
		static const struct chart_day far[] = {
			{ 100, 3, 1 }, { 101, 4, 1 }, { 109, 5, 1 },
			{ 117, 6, 1 }, { 125, 7, 1 }
		};

		buf_reset(&a);
		chart_sparkline(&a, far, 5, 100, 30, 1, 10, "t", "l");
		/* 100-101 then 109-117 (8 days: broken), 125 alone last */
		CHECK_INT(count_of_str(a.s, "<polyline class=\"line\""), 1);
		CHECK_INT(count_of_str(a.s, "<circle class=\"dot\""), 3);
	}

	/* nothing in the days shown */
	buf_reset(&a);
	chart_sparkline(&a, days, 8, 200, 30, 1, 10, "t", NULL);
	FRAME_OK(a.s, "spark", "t", "t");
	CHECK(strstr(a.s, ">No entries yet</text>"));
	buf_reset(&a);
	chart_sparkline(&a, days, 0, 100, 30, 1, 10, "t", "l");
	FRAME_OK(a.s, "spark", "t", "l");
	CHECK(strstr(a.s, ">No entries yet</text>"));
	buf_release(&a);
	buf_release(&b);
}

static void test_bars(void)
{
	static const struct chart_bar bars[] = {
		{ "work", 5.24, 12 },
		{ "a very long tag name that goes on and on", 10, 1 },
		{ "low", 1, 3 },
		{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3, 2 },
		{ "exactly twenty-four chr.", 3, 2 },
	};
	struct buf a = BUF_INIT, b = BUF_INIT;
	const char *p, *q;

	chart_bars(&a, bars, 5, 1, 10, "By tag", "Mood by tag");
	FRAME_OK(a.s, "bars", "By tag", "Mood by tag");
	CHECK_INT(count_of_str(a.s, "<rect class=\"bar\""), 5);
	CHECK_INT(count_of_str(a.s, "<g><title>"), 5);
	CHECK(strstr(a.s, ">5.2 (12)</text>"));
	CHECK(strstr(a.s, ">10.0 (1)</text>"));
	CHECK(strstr(a.s, ">1.0 (3)</text>"));
	/* in the order given */
	p = strstr(a.s, ">work</text>");
	q = strstr(a.s, ">low</text>");
	CHECK(p && q && p < q);
	/* a long label cut at 23 characters, whole in the title */
	CHECK(strstr(a.s, ">a very long tag name th\xe2\x80\xa6</text>"));
	CHECK(strstr(a.s, "<title>a very long tag name that goes on and "
		      "on: 10.0 (1 entry)</title>"));
	/* a cut between two-byte characters, never inside one */
	CHECK(strstr(a.s, ">\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		      "\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6</text>"));
	CHECK(strstr(a.s, ">exactly twenty-four chr.</text>"));
	/* a value at lo still shows a sliver */
	p = strstr(a.s, ">low</text>");
	CHECK(p && (p = strstr(p, "<rect")) && (p = strstr(p, "width=\"")) &&
	      starts_with(p, "width=\"2\""));
	chart_bars(&b, bars, 5, 1, 10, "By tag", "Mood by tag");
	CHECK_STR(a.s, b.s);

	buf_reset(&a);
	chart_bars(&a, bars, 0, 1, 5, "By goal", "Ratings by goal");
	FRAME_OK(a.s, "bars", "By goal", "Ratings by goal");
	CHECK(strstr(a.s, "<text class=\"label\""));
	CHECK(strstr(a.s, ">No entries yet</text>"));
	buf_release(&a);
	buf_release(&b);
}

/* Check that every chart escapes what goes in, title and label. */
static void test_hostile(void)
{
	static const char *const texts[] = {
		HOSTILE_SCRIPT, HOSTILE_IMG, "a & b 'c' `d`",
		"bad \xff\xfe bytes \xc3", "\xe2\x80"
	};
	static const char *const escaped[] = {
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;",
		"a &amp; b &#39;c&#39; &#96;d&#96;",
		"bad \xef\xbf\xbd\xef\xbf\xbd bytes \xef\xbf\xbd",
		"\xef\xbf\xbd\xef\xbf\xbd"
	};
	static const struct chart_day days[] = {
		{ 100, 3, 1 }, { 101, 4, 1 }, { 103, 5, 2 }
	};
	struct chart_bar bars[5];
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < 5; i++) {
		bars[i].label = texts[i];
		bars[i].value = 3;
		bars[i].count = 1;
	}
	for (size_t i = 0; i < 5; i++) {
		const char *t = texts[i], *e = escaped[i];

		buf_reset(&b);
		chart_sparkline(&b, days, 3, 100, 7, 1, 10, t, t);
		check_frame(b.s, "spark", e, e, t, __LINE__);
		buf_reset(&b);
		chart_timeline(&b, days, 3, 7, 7, 1, 10, t, t);
		check_frame(b.s, "time", e, e, t, __LINE__);
		buf_reset(&b);
		chart_calendar(&b, days, 3, 110, 1, 10, t, t);
		check_frame(b.s, "cal", e, e, t, __LINE__);
		buf_reset(&b);
		chart_bars(&b, bars, 5, 1, 10, t, t);
		check_frame(b.s, "bars", e, e, t, __LINE__);
		for (size_t j = 0; j < 5; j++)
			CHECK(strstr(b.s, escaped[j]));
		buf_reset(&b);
		chart_timeline(&b, days, 0, 7, 7, 1, 10, t, t);
		check_frame(b.s, "time", e, e, t, __LINE__);
	}
	buf_release(&b);
}

/* The tests of the test: the checkers must be able to say no. */
static void test_checkers(void)
{
	CHECK(xml_well_formed("<svg><title>a</title><g/></svg>"));
	CHECK(xml_well_formed("<svg a=\"1\" b=\"&amp;\">&#39;</svg>"));
	CHECK(!xml_well_formed("<svg><g></svg>"));
	CHECK(!xml_well_formed("<svg><g></h></svg>"));
	CHECK(!xml_well_formed("<svg></svg><svg></svg>"));
	CHECK(!xml_well_formed("<svg>a & b</svg>"));
	CHECK(!xml_well_formed("<svg a=\"1\" a=\"2\"></svg>"));
	CHECK(!xml_well_formed("<svg a=1></svg>"));
	CHECK(!xml_well_formed("<svg a=\"<\"></svg>"));
	CHECK(!xml_well_formed("<svg>"));
	CHECK(has_long_decimal("x=\"1.25\""));
	CHECK(!has_long_decimal("x=\"1.2\" y=\"13\""));
}

int main(void)
{
	test_checkers();
	test_day_format();
	test_moving_average();
	test_level();
	test_calendar();
	test_timeline();
	test_sparkline();
	test_bars();
	test_hostile();
	return unit_done();
}
