/*
 * Unit tests of chart.c: the SVG charts of the HTML journal (tend-render(1)).
 * The arithmetic (moving averages, levels, dates) is checked against
 * values worked out by hand and against slow, obvious versions; the SVG
 * for its frame (one <svg> with role, aria-label and <title>; a group
 * of an image and named links when linked), escaping, well-formedness,
 * the shapes drawn, the links, and bytes that never change; the bars'
 * table for its heads, rows and links.
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
 * with a view box, and the <title> want_title as its first child,
 * nothing after it; well-formed, valid UTF-8, no styles, scripts, ids
 * or references but links, and no number with more than one decimal.
 * Not linked, it is role="img" with the aria-label want_label, and has
 * no link. Linked, it is a role="group" named want_title, whose drawing
 * is a <g role="img"> with the aria-label want_label, followed by links
 * (<a href="...">) each named by an aria-label.
 */
static void check_frame_of(const char *svg, const char *kind,
			   const char *want_title, const char *want_label,
			   int linked, const char *what, int line)
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
	buf_reset(&want);
	if (linked) {
		FRAME(strstr(svg, " role=\"group\" aria-label=\""),
		      "role=group");
		buf_addf(&want, " aria-label=\"%s\">", want_title);
		FRAME(strstr(svg, want.s), "the group's aria-label");
		buf_reset(&want);
		buf_addf(&want, ">\n<g role=\"img\" aria-label=\"%s\">\n",
			 want_label);
		FRAME(strstr(svg, want.s), "the drawing's image and label");
		FRAME(count_of_str(svg, "role=\"img\"") == 1, "one image");
		FRAME(count_of_str(svg, "<a href=\"") ==
		      count_of_str(svg, "</a>"), "links that close");
		/* named, or quiet: for a pointer, hidden from the rest */
		FRAME(count_of_str(svg, "<a href=\"") ==
		      count_of_str(svg, "\" aria-label=\"") - 2 +
		      count_of_str(svg, "\" tabindex=\"-1\"><title>"),
		      "every link named, or quiet");
		FRAME(!strstr(svg, "tabindex=\"-1\"") ||
		      (strstr(svg, "<g aria-hidden=\"true\">\n<a href=") &&
		       ends_with(svg, "</a>\n</g>\n</svg>")),
		      "quiet links hidden");
		FRAME(count_of_str(svg, "href") ==
		      count_of_str(svg, "<a href=\""), "links only");
		FRAME(count_of_str(svg, "tabindex") ==
		      count_of_str(svg, "tabindex=\"-1\""),
		      "no tabindex but a quiet link's");
	} else {
		FRAME(strstr(svg, " role=\"img\""), "role=img");
		buf_addf(&want, " aria-label=\"%s\">", want_label);
		FRAME(strstr(svg, want.s), "aria-label");
		FRAME(!strstr(svg, "href"), "no references");
		FRAME(!strstr(svg, "<g"), "no group");
	}
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
	FRAME(!strstr(svg, "javascript:"), "no scripts in links");
	FRAME(!strstr(svg, "url("), "no url()");
	FRAME(!strstr(svg, " fill=\"#") && !strstr(svg, " stroke=\""),
	      "no colours");
	FRAME(!has_long_decimal(svg), "at most one decimal");
#undef FRAME
	buf_release(&want);
}

static void check_frame(const char *svg, const char *kind,
			const char *want_title, const char *want_label,
			const char *what, int line)
{
	check_frame_of(svg, kind, want_title, want_label, 0, what, line);
}

#define FRAME_OK(svg, kind, title, label) \
	check_frame((svg), (kind), (title), (label), kind, __LINE__)
#define LINKED_OK(svg, kind, title, label) \
	check_frame_of((svg), (kind), (title), (label), 1, kind, __LINE__)

/*
 * A struct chart_links day(): "P/YYYY-MM-DD?a&b" for the prefix P in
 * arg, with an '&' to see escaped.
 */
static void test_href(long day, struct buf *out, const void *arg)
{
	buf_addf(out, "%s/", (const char *)arg);
	chart_day_format(day, out);
	buf_adds(out, "?a&b");
}

/*
 * Is there a link in svg to the day (YYYY-MM-DD) of test_href() with
 * prefix "p", named name, holding a mark that starts with mark?
 */
static int has_link(const char *svg, const char *day, const char *name,
		    const char *mark)
{
	struct buf b = BUF_INIT;
	const char *p;
	int ok;

	buf_addf(&b, "<a href=\"p/%s?a&amp;b\" aria-label=\"%s\"><title>"
		 "%s</title>%s", day, name, name, mark);
	p = strstr(svg, b.s);
	ok = p && strstr(p, "</a>\n");
	buf_release(&b);
	return ok;
}

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
		       "Mood, a year", "Mood of each day of the year", NULL);
	FRAME_OK(a.s, "cal", "Mood, a year", "Mood of each day of the year");
	/* its natural size, at which its text is 12 units */
	CHECK(strstr(a.s, "viewBox=\"0 0 723 135\" width=\"723\" "
		      "height=\"135\" "));
	CHECK(strstr(a.s, " font-size=\"12\" "));
	/* it scrolls on a narrow screen: a keyboard can scroll it */
	CHECK(strstr(a.s, " tabindex=\"0\" "));
	CHECK_INT(count_of_str(a.s, "<rect class=\"cell l"), 53 * 7);
	/* and the key: a day without, a square of each level, lower first */
	CHECK_INT(count_of_str(a.s, "<rect "), 53 * 7 + 6);
	CHECK_INT(count_of_str(a.s, "<rect class=\"key l"), 6);
	CHECK(strstr(a.s, ">lower</text>") && strstr(a.s, ">higher</text>"));
	CHECK(strstr(a.s, ">no entry</text>"));
	CHECK(strstr(a.s, "<rect class=\"key l0\"") <
	      strstr(a.s, "<rect class=\"key l1\""));
	CHECK(strstr(a.s, "<rect class=\"key l1\"") <
	      strstr(a.s, "<rect class=\"key l5\""));
	/* the lowest level struck through: its cell and its key */
	CHECK_INT(count_of_str(a.s, "<path class=\"low\""), 2);
	CHECK(strstr(a.s, "<title>2025-11-17: 1.0 (1 entry)</title></rect>"
		      "<path class=\"low\" d=\"M4.5 26.5l6-6\"/>"));
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
	/* the weekdays at the right, by the newest week */
	CHECK(strstr(a.s, "<text class=\"label\" x=\"695\" y=\"27\">Mon"
		      "</text>"));
	CHECK(strstr(a.s, ">Wed</text>"));
	CHECK(strstr(a.s, ">Fri</text>"));
	CHECK(!strstr(a.s, ">Tue</text>"));
	CHECK(!strstr(a.s, "<a "));
	/* a month label for every month, Dec 2025 .. Nov 2026 */
	CHECK(strstr(a.s, ">Dec</text>"));
	CHECK(strstr(a.s, ">Jun</text>"));
	CHECK(strstr(a.s, ">Nov</text>"));

	/* deterministic */
	chart_calendar(&b, days, sizeof(days) / sizeof(*days), last, 1, 10,
		       "Mood, a year", "Mood of each day of the year", NULL);
	CHECK_STR(a.s, b.s);

	/* linked: each day with a value, and no other, is a link */
	buf_reset(&b);
	chart_calendar(&b, days, sizeof(days) / sizeof(*days), last, 1, 10,
		       "Mood, a year", "Mood of each day of the year",
		       &(struct chart_links){ test_href, "p" });
	LINKED_OK(b.s, "cal", "Mood, a year", "Mood of each day of the year");
	CHECK_INT(count_of_str(b.s, "<a href="), 7);
	CHECK_INT(count_of_str(b.s, "<rect class=\"cell l"), 53 * 7);
	CHECK(has_link(b.s, "2026-11-22", "2026-11-22: 4.5 (2 entries)",
		       "<rect class=\"cell l2\""));
	CHECK(has_link(b.s, "2026-11-21", "2026-11-21: 9.0 (3 entries)",
		       "<rect class=\"cell l5\""));
	CHECK(has_link(b.s, "2025-11-17", "2025-11-17: 1.0 (1 entry)",
		       "<rect class=\"cell l1\" x=\"2\" y=\"18\" "
		       "width=\"11\" height=\"11\" rx=\"2\"/><path "
		       "class=\"low\""));
	CHECK(!strstr(b.s, "2025-11-16"));
	CHECK(!strstr(b.s, "2026-11-23"));
	/* days without a value are drawn, under the links, with a title */
	CHECK(strstr(b.s, "<title>2026-11-20: no entry</title>") <
	      strstr(b.s, "</g>"));
	CHECK(strstr(b.s, "</g>") < strstr(b.s, "<a href="));
	/* the rest as without links */
	CHECK_INT(count_of_str(b.s, "<rect class=\"key l"), 6);
	CHECK(strstr(b.s, ">Nov</text>"));

	/* ending on a Wednesday: the last week has three days */
	buf_reset(&a);
	chart_calendar(&a, days, sizeof(days) / sizeof(*days), last + 3, 1,
		       10, "t", "l", NULL);
	FRAME_OK(a.s, "cal", "t", "l");
	CHECK_INT(count_of_str(a.s, "<rect class=\"cell l"), 52 * 7 + 3);
	CHECK(title_at(a.s, "2026-11-25: no entry"));
	CHECK(!title_at(a.s, "2026-11-26"));
	CHECK(title_at(a.s, "2025-11-24: no entry"));
	CHECK(!title_at(a.s, "2025-11-23"));
	CHECK(!title_at(a.s, "2025-11-17"));

	/* ending on a Monday, before 1970 */
	buf_reset(&a);
	chart_calendar(&a, days, 0, -3, 1, 10, "t", "l", NULL);
	FRAME_OK(a.s, "cal", "t", "l");
	CHECK(strstr(a.s, "<text class=\"label\""));
	CHECK(strstr(a.s, ">No entries yet</text>"));
	/* small, of no natural size, which fits any page */
	CHECK(strstr(a.s, "viewBox=\"0 0 240 40\" class="));
	CHECK(!strstr(a.s, "<rect"));
	buf_reset(&a);
	chart_calendar(&a, days, 0, -3, 1, 10, "t", "l",
		       &(struct chart_links){ test_href, "p" });
	FRAME_OK(a.s, "cal", "t", "l");
	buf_reset(&a);
	chart_calendar(&a, days + 1, 1, -3, 1, 10, "t", "l", NULL);
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
	/* y labels 1..10 at the left and the right, x labels at most 8 */
	CHECK_INT(count_of_str(a, "text-anchor=\"end\""), 10);
	CHECK_INT(count_of_str(a, ">10</text>"), 2);
	CHECK(strstr(a, "<text class=\"label\" x=\"21\" y=\"14\" "
		      "text-anchor=\"end\">10</text>\n<text class=\"label\" "
		      "x=\"619\" y=\"14\">10</text>"));
	/* its natural size, at which its text is 12 units */
	CHECK(strstr(a, "viewBox=\"0 0 640 220\" width=\"640\" "
		      "height=\"220\" "));
	CHECK(!strstr(a, "<a "));
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

	/* nothing: a note, small, of no natural size */
	a = timeline_of(one, 0, 7);
	FRAME_OK(a, "time", "Mood", "Mood over time");
	CHECK(strstr(a, "<text class=\"label\""));
	CHECK(strstr(a, ">No entries yet</text>"));
	CHECK(strstr(a, "viewBox=\"0 0 240 40\" class="));
	CHECK(!strstr(a, "<line"));
	CHECK(!strstr(a, "<polyline"));
	free(a);
}

/* A linked timeline of days[] into a fresh buffer; the caller frees it. */
static char *linked_of(const struct chart_day *days, size_t n)
{
	struct buf b = BUF_INIT;

	chart_timeline_linked(&b, days, n, 7, 7, 1, 10, "Mood",
			      "Mood over time",
			      &(struct chart_links){ test_href, "p" });
	return buf_detach(&b, NULL);
}

static void test_timeline_links(void)
{
	static const struct chart_day few[] = {
		{ 20000, 3, 1 }, { 20001, 4, 2 }, { 20030, 7, 1 }
	};
	struct chart_day many[100];
	char *a, *b;
	const char *p;

	/* few values: each day a link, with a place to click and a dot */
	a = linked_of(few, 3);
	LINKED_OK(a, "time", "Mood", "Mood over time");
	CHECK(!strstr(a, "tabindex") && !strstr(a, "aria-hidden"));
	CHECK_INT(count_of_str(a, "<a href="), 3);
	CHECK_INT(count_of_str(a, "<circle class=\"hit\""), 3);
	CHECK_INT(count_of_str(a, "<circle class=\"dot\""), 3);
	CHECK(has_link(a, "2024-10-04", "2024-10-04: 3.0 (1 entry)",
		       "<circle class=\"hit\""));
	CHECK(has_link(a, "2024-10-05", "2024-10-05: 4.0 (2 entries)",
		       "<circle class=\"hit\""));
	CHECK(has_link(a, "2024-11-03", "2024-11-03: 7.0 (1 entry)",
		       "<circle class=\"hit\""));
	/* the dots are the link's, with no title of their own */
	CHECK(!strstr(a, "</circle>"));
	/* the lines and axes are drawn under the links */
	p = strstr(a, "</g>");
	CHECK(p && strstr(a, "<polyline class=\"line\"") < p);
	CHECK(p && strstr(a, "<polyline class=\"avg\"") < p);
	CHECK(p && strstr(a, "<a href=") > p);
	CHECK(!strstr(p, "<line") && !strstr(p, "<text"));
	/* and they are as without links */
	b = timeline_of(few, 3, 7);
	CHECK(!strncmp(strstr(a, "<line"), strstr(b, "<line"),
		       (size_t)(p - strstr(a, "<line"))));
	free(a);
	free(b);

	/* many values: no dots, but a link for every day */
	for (size_t i = 0; i < 100; i++) {
		many[i].day = 20000 + (long)i;
		many[i].value = 1 + (double)(i % 10);
		many[i].count = 1;
	}
	a = linked_of(many, 100);
	LINKED_OK(a, "time", "Mood", "Mood over time");
	CHECK_INT(count_of_str(a, "<a href="), 100);
	CHECK_INT(count_of_str(a, "<circle class=\"hit\""), 100);
	CHECK_INT(count_of_str(a, "<circle class=\"dot\""), 0);
	/* too many to tab through: quiet, for a pointer, with a title */
	CHECK_INT(count_of_str(a, "<g aria-hidden=\"true\">"), 1);
	CHECK_INT(count_of_str(a, "\" tabindex=\"-1\"><title>"), 100);
	CHECK_INT(count_of_str(a, "aria-label"), 2);
	CHECK(strstr(a, "<a href=\"p/2024-10-04?a&amp;b\" tabindex=\"-1\">"
		      "<title>2024-10-04: 1.0 (1 entry)</title><circle "
		      "class=\"hit\""));
	/* the newest last, on top */
	p = strstr(a, "<a href=\"p/2025-01-11?");
	CHECK(p && !strstr(p + 1, "<a href="));
	free(a);

	/* nothing: no links */
	a = linked_of(many, 0);
	FRAME_OK(a, "time", "Mood", "Mood over time");
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
		{ "work", 5.24, 12, "tags/work.html" },
		{ "a very long tag name that goes on and on", 10, 1, NULL },
		{ "low", 1, 3, "#low" },
		{ "high", 10, 0, NULL },
	};
	static const char *const head[] = { "Tag", "Mean mood", "Entries" };
	struct buf a = BUF_INIT, b = BUF_INIT;
	const char *p, *q;

	chart_bars(&a, bars, 4, 1, 10, head, "Mood by tag");
	CHECK(starts_with(a.s, "<table class=\"chart chart-bars\">\n"
			  "<caption>Mood by tag</caption>\n"));
	/* the bar of one entry is marked, and the mark explained */
	CHECK(strstr(a.s, "<td class=\"count\">1*</td>"));
	CHECK(ends_with(a.s, "</tbody>\n<tfoot><tr><td colspan=\"3\">* only "
			"one: its own value, not a mean</td></tr></tfoot>\n"
			"</table>"));
	CHECK_INT(count_of_str(a.s, "*</td>"), 2);	/* 0 shows as 1 */
	CHECK(xml_well_formed(a.s));
	/* a head for each column */
	CHECK(strstr(a.s, "<thead><tr><th scope=\"col\">Tag</th><th scope=\""
		      "col\">Mean mood</th><th scope=\"col\" class=\"count\">"
		      "Entries</th></tr></thead>"));
	/* a row for each bar, in the order given, its label its head */
	CHECK_INT(count_of_str(a.s, "<tr><th scope=\"row\">"), 4);
	p = strstr(a.s, ">work</a></th>");
	q = strstr(a.s, ">low</a></th>");
	CHECK(p && q && p < q);
	/* a label with a link, and one without */
	CHECK(strstr(a.s, "<th scope=\"row\"><a href=\"tags/work.html\">work"
		      "</a></th>"));
	CHECK(strstr(a.s, "<th scope=\"row\"><a href=\"#low\">low</a></th>"));
	CHECK(strstr(a.s, "<th scope=\"row\">a very long tag name that goes "
		      "on and on</th>"));
	CHECK_INT(count_of_str(a.s, "<a href="), 2);
	/* the value after its bar, the count in its own cell */
	CHECK(strstr(a.s, "<span class=\"value\">5.2</span></span></td><td "
		      "class=\"count\">12</td></tr>"));
	CHECK(strstr(a.s, ">10.0</span></span></td><td class=\"count\">1*<"));
	/* a count below 1 counts as 1 */
	CHECK(strstr(a.s, ">high</th>") &&
	      strstr(strstr(a.s, ">high</th>"), "class=\"count\">1*<"));
	/* bars as long as their value, on a track as long as hi */
	CHECK_INT(count_of_str(a.s, "<svg class=\"bar\" viewBox=\"0 0 100 10\" "
			       "preserveAspectRatio=\"none\" "
			       "aria-hidden=\"true\"><rect class=\"track\" "
			       "width=\"100\" height=\"10\"/>"), 4);
	CHECK(strstr(a.s, "<rect class=\"bar\" width=\"47.6\" height"));
	CHECK(strstr(a.s, "<rect class=\"bar\" width=\"100\" height"));
	/* a value at lo still shows a sliver */
	CHECK(strstr(a.s, "<rect class=\"bar\" width=\"1\" height"));
	CHECK(!strstr(a.s, "style"));
	chart_bars(&b, bars, 4, 1, 10, head, "Mood by tag");
	CHECK_STR(a.s, b.s);

	/* no bar of one: no mark, no note */
	buf_reset(&a);
	chart_bars(&a, bars + 2, 1, 1, 10, head, "Mood by tag");
	CHECK(ends_with(a.s, "</tbody>\n</table>"));
	CHECK(!strstr(a.s, "tfoot"));

	buf_reset(&a);
	chart_bars(&a, bars, 0, 1, 5, head, "Ratings by goal");
	CHECK_STR(a.s, "<p class=\"chart chart-bars empty\">No entries yet"
		  "</p>");
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
	const char *head[3];

	for (size_t i = 0; i < 5; i++) {
		bars[i].label = texts[i];
		bars[i].value = 3;
		bars[i].count = 1;
		bars[i].href = texts[i];
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
		chart_timeline_linked(&b, days, 3, 7, 7, 1, 10, t, t,
				      &(struct chart_links){ test_href, t });
		check_frame_of(b.s, "time", e, e, 1, t, __LINE__);
		/* its title, label and name, and three links' */
		CHECK(count_of_str(b.s, e) >= 6);
		buf_reset(&b);
		chart_calendar(&b, days, 3, 110, 1, 10, t, t, NULL);
		check_frame(b.s, "cal", e, e, t, __LINE__);
		buf_reset(&b);
		chart_calendar(&b, days, 3, 110, 1, 10, t, t,
			       &(struct chart_links){ test_href, t });
		check_frame_of(b.s, "cal", e, e, 1, t, __LINE__);
		CHECK(count_of_str(b.s, e) >= 6);
		buf_reset(&b);
		head[0] = head[1] = head[2] = t;
		chart_bars(&b, bars, 5, 1, 10, head, t);
		CHECK(xml_well_formed(b.s));
		CHECK(!strstr(b.s, "<script") && !strstr(b.s, "<img"));
		/* the caption, heads, and every label and link */
		for (size_t j = 0; j < 5; j++)
			CHECK(count_of_str(b.s, escaped[j]) >=
			      2 + 4 * (i == j));
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
	test_timeline_links();
	test_sparkline();
	test_bars();
	test_hostile();
	return unit_done();
}
