/*
 * Unit tests of dates.c: the WHEN words of tend-list(1) read against a fixed
 * now in Europe/Berlin (both the exact instant and the span of a filter,
 * across DST changes), the front matter dates of tend-journal(5), and their
 * RFC 3339 output. Expected instants are written in UTC, so they do not
 * lean on the local time functions the module uses.
 */
#include "dates.h"
#include "unit.h"

#include <stdlib.h>
#include <time.h>

/* The instant of a UTC wall clock. */
static time_t utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { 0 };

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return timegm(&tm);
}

/* The instant of a local wall clock (TZ of the process); for "now". */
static time_t local(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { 0 };

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static void use_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/*
 * Check that text is read against now as the instant at and the span
 * [from, to]; each failure names the text and the field.
 */
static void check_when(const char *text, time_t now, time_t at, time_t from,
		       time_t to, int line)
{
	struct when w = { -1, -1, -1 };
	char what[200];
	int rc = when_parse(text, now, &w);

	snprintf(what, sizeof(what), "'%s' is read", text);
	if (!unit_check_long(rc, 0, what, __FILE__, line))
		return;
	snprintf(what, sizeof(what), "'%s': at", text);
	unit_check_long((long)w.at, (long)at, what, __FILE__, line);
	snprintf(what, sizeof(what), "'%s': from", text);
	unit_check_long((long)w.from, (long)from, what, __FILE__, line);
	snprintf(what, sizeof(what), "'%s': to", text);
	unit_check_long((long)w.to, (long)to, what, __FILE__, line);
}

#define WHEN_IS(text, now, at, from, to) \
	check_when((text), (now), (at), (from), (to), __LINE__)

/* Check that text is refused as a usage error. */
static void check_when_bad(const char *text, time_t now, int line)
{
	struct when w;
	char what[200];

	snprintf(what, sizeof(what), "'%s' is refused", text);
	unit_check_long(when_parse(text, now, &w), FAIL_USAGE, what,
			__FILE__, line);
}

#define WHEN_BAD(text, now) check_when_bad((text), (now), __LINE__)

/*
 * A day in Berlin in winter (CET, UTC+1): the span of local day y-mo-d,
 * and that day at a UTC clock time given as h:mi:s.
 */
#define CET_FROM(y, mo, d) (utc((y), (mo), (d), 0, 0, 0) - 3600)
#define CET_TO(y, mo, d) (utc((y), (mo), (d), 23, 59, 59) - 3600)

static void test_when_relative(void)
{
	/* Wednesday 2026-11-25 15:45:30 CET = 14:45:30Z */
	time_t now = local(2026, 11, 25, 15, 45, 30);

	CHECK_INT(now, utc(2026, 11, 25, 14, 45, 30));
	WHEN_IS("now", now, now, now, now);
	WHEN_IS("today", now, now, CET_FROM(2026, 11, 25),
		CET_TO(2026, 11, 25));
	WHEN_IS("yesterday", now, utc(2026, 11, 24, 14, 45, 30),
		CET_FROM(2026, 11, 24), CET_TO(2026, 11, 24));
	WHEN_IS("1 day ago", now, utc(2026, 11, 24, 14, 45, 30),
		CET_FROM(2026, 11, 24), CET_TO(2026, 11, 24));
	WHEN_IS("3 days ago", now, utc(2026, 11, 22, 14, 45, 30),
		CET_FROM(2026, 11, 22), CET_TO(2026, 11, 22));
	WHEN_IS("0 days ago", now, now, CET_FROM(2026, 11, 25),
		CET_TO(2026, 11, 25));
	WHEN_IS("30 days ago", now, utc(2026, 10, 26, 14, 45, 30),
		CET_FROM(2026, 10, 26), CET_TO(2026, 10, 26));
	WHEN_IS("1 week ago", now, utc(2026, 11, 18, 14, 45, 30),
		CET_FROM(2026, 11, 18), CET_TO(2026, 11, 18));
	WHEN_IS("2 weeks ago", now, utc(2026, 11, 11, 14, 45, 30),
		CET_FROM(2026, 11, 11), CET_TO(2026, 11, 11));
	WHEN_IS("last week", now, utc(2026, 11, 18, 14, 45, 30),
		CET_FROM(2026, 11, 18), CET_TO(2026, 11, 18));
	WHEN_IS("2 months ago", now, utc(2026, 9, 25, 13, 45, 30),
		utc(2026, 9, 24, 22, 0, 0), utc(2026, 9, 25, 21, 59, 59));
	WHEN_IS("12 months ago", now, utc(2025, 11, 25, 14, 45, 30),
		CET_FROM(2025, 11, 25), CET_TO(2025, 11, 25));
	/* a month ago is 2026-10-25, the 25-hour day when clocks go back */
	WHEN_IS("1 month ago", now, utc(2026, 10, 25, 14, 45, 30),
		utc(2026, 10, 24, 22, 0, 0), utc(2026, 10, 25, 22, 59, 59));
}

static void test_when_months(void)
{
	/* Tuesday 2026-03-31 10:00 CEST: February has 28 days */
	time_t now = local(2026, 3, 31, 10, 0, 0);

	WHEN_IS("1 month ago", now, utc(2026, 2, 28, 9, 0, 0),
		CET_FROM(2026, 2, 28), CET_TO(2026, 2, 28));
	WHEN_IS("13 months ago", now, utc(2025, 2, 28, 9, 0, 0),
		CET_FROM(2025, 2, 28), CET_TO(2025, 2, 28));
	WHEN_IS("2 months ago", now, utc(2026, 1, 31, 9, 0, 0),
		CET_FROM(2026, 1, 31), CET_TO(2026, 1, 31));

	/* Friday 2028-03-31 10:00 CEST: 2028 is a leap year */
	now = local(2028, 3, 31, 10, 0, 0);
	WHEN_IS("1 month ago", now, utc(2028, 2, 29, 9, 0, 0),
		CET_FROM(2028, 2, 29), CET_TO(2028, 2, 29));
	WHEN_IS("49 months ago", now, utc(2024, 2, 29, 9, 0, 0),
		CET_FROM(2024, 2, 29), CET_TO(2024, 2, 29));

	/* 2000 is a leap year, 2100 is not */
	now = local(2000, 3, 31, 10, 0, 0);
	WHEN_IS("1 month ago", now, utc(2000, 2, 29, 9, 0, 0),
		CET_FROM(2000, 2, 29), CET_TO(2000, 2, 29));
	now = local(2100, 3, 31, 10, 0, 0);
	WHEN_IS("1 month ago", now, utc(2100, 2, 28, 9, 0, 0),
		CET_FROM(2100, 2, 28), CET_TO(2100, 2, 28));

	/* back over the new year */
	now = local(2026, 1, 15, 8, 0, 0);
	WHEN_IS("1 month ago", now, utc(2025, 12, 15, 7, 0, 0),
		CET_FROM(2025, 12, 15), CET_TO(2025, 12, 15));
	WHEN_IS("14 months ago", now, utc(2024, 11, 15, 7, 0, 0),
		CET_FROM(2024, 11, 15), CET_TO(2024, 11, 15));
	WHEN_IS("3 months ago", local(2026, 5, 31, 12, 0, 0),
		utc(2026, 2, 28, 11, 0, 0), CET_FROM(2026, 2, 28),
		CET_TO(2026, 2, 28));
}

static void test_when_weekdays(void)
{
	static const struct {
		const char *name, *abbr;
		int mday;	/* "last NAME" from Wednesday 2026-11-25 */
	} days[] = {
		{ "sunday", "sun", 22 },
		{ "monday", "mon", 23 },
		{ "tuesday", "tue", 24 },
		{ "wednesday", "wed", 18 },
		{ "thursday", "thu", 19 },
		{ "friday", "fri", 20 },
		{ "saturday", "sat", 21 },
	};
	time_t wed = local(2026, 11, 25, 15, 45, 30);
	time_t mon = local(2026, 11, 23, 12, 0, 0);
	char text[40];

	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		int d = days[i].mday;

		snprintf(text, sizeof(text), "last %s", days[i].name);
		WHEN_IS(text, wed, utc(2026, 11, d, 14, 45, 30),
			CET_FROM(2026, 11, d), CET_TO(2026, 11, d));
		snprintf(text, sizeof(text), "last %s", days[i].abbr);
		WHEN_IS(text, wed, utc(2026, 11, d, 14, 45, 30),
			CET_FROM(2026, 11, d), CET_TO(2026, 11, d));
	}

	/* on a Monday, "last monday" is a week ago, never today */
	WHEN_IS("last monday", mon, utc(2026, 11, 16, 11, 0, 0),
		CET_FROM(2026, 11, 16), CET_TO(2026, 11, 16));
	WHEN_IS("last mon", mon, utc(2026, 11, 16, 11, 0, 0),
		CET_FROM(2026, 11, 16), CET_TO(2026, 11, 16));
	WHEN_IS("last sunday", mon, utc(2026, 11, 22, 11, 0, 0),
		CET_FROM(2026, 11, 22), CET_TO(2026, 11, 22));
	WHEN_IS("last tuesday", mon, utc(2026, 11, 17, 11, 0, 0),
		CET_FROM(2026, 11, 17), CET_TO(2026, 11, 17));
}

static void test_when_written(void)
{
	time_t now = local(2026, 11, 25, 15, 45, 30);

	/* a written day starts at midnight and covers the whole day */
	WHEN_IS("2026-11-02", now, CET_FROM(2026, 11, 2),
		CET_FROM(2026, 11, 2), CET_TO(2026, 11, 2));
	WHEN_IS("2024-02-29", now, CET_FROM(2024, 2, 29),
		CET_FROM(2024, 2, 29), CET_TO(2024, 2, 29));
	WHEN_IS("2027-01-01", now, CET_FROM(2027, 1, 1),
		CET_FROM(2027, 1, 1), CET_TO(2027, 1, 1));
	/* a month: first second to last second */
	WHEN_IS("2026-11", now, CET_FROM(2026, 11, 1), CET_FROM(2026, 11, 1),
		CET_TO(2026, 11, 30));
	WHEN_IS("2026-12", now, CET_FROM(2026, 12, 1), CET_FROM(2026, 12, 1),
		CET_TO(2026, 12, 31));
	WHEN_IS("2028-02", now, CET_FROM(2028, 2, 1), CET_FROM(2028, 2, 1),
		CET_TO(2028, 2, 29));
	WHEN_IS("2026-02", now, CET_FROM(2026, 2, 1), CET_FROM(2026, 2, 1),
		CET_TO(2026, 2, 28));
	/* March starts in CET and ends in CEST */
	WHEN_IS("2026-03", now, CET_FROM(2026, 3, 1), CET_FROM(2026, 3, 1),
		utc(2026, 3, 31, 21, 59, 59));
	/* an exact time as front matter writes it, with T or a space */
	WHEN_IS("2026-11-22T21:14:00+01:00", now, utc(2026, 11, 22, 20, 14, 0),
		utc(2026, 11, 22, 20, 14, 0), utc(2026, 11, 22, 20, 14, 0));
	WHEN_IS("2026-11-22 21:14:00+01:00", now, utc(2026, 11, 22, 20, 14, 0),
		utc(2026, 11, 22, 20, 14, 0), utc(2026, 11, 22, 20, 14, 0));
	/* a year */
	WHEN_IS("2026", now, CET_FROM(2026, 1, 1), CET_FROM(2026, 1, 1),
		CET_TO(2026, 12, 31));
	WHEN_IS("2024", now, CET_FROM(2024, 1, 1), CET_FROM(2024, 1, 1),
		CET_TO(2024, 12, 31));
}

static void test_when_times(void)
{
	time_t now = local(2026, 11, 25, 15, 45, 30);

	/* a day and a time: that minute */
	WHEN_IS("2026-11-02 21:30", now, utc(2026, 11, 2, 20, 30, 0),
		utc(2026, 11, 2, 20, 30, 0), utc(2026, 11, 2, 20, 30, 59));
	WHEN_IS("2026-11-02 21:30:15", now, utc(2026, 11, 2, 20, 30, 15),
		utc(2026, 11, 2, 20, 30, 15), utc(2026, 11, 2, 20, 30, 15));
	WHEN_IS("2026-11-02 9pm", now, utc(2026, 11, 2, 20, 0, 0),
		utc(2026, 11, 2, 20, 0, 0), utc(2026, 11, 2, 20, 0, 59));
	WHEN_IS("2026-07-02 21:30", now, utc(2026, 7, 2, 19, 30, 0),
		utc(2026, 7, 2, 19, 30, 0), utc(2026, 7, 2, 19, 30, 59));
	WHEN_IS("yesterday 9pm", now, utc(2026, 11, 24, 20, 0, 0),
		utc(2026, 11, 24, 20, 0, 0), utc(2026, 11, 24, 20, 0, 59));
	WHEN_IS("today 7am", now, utc(2026, 11, 25, 6, 0, 0),
		utc(2026, 11, 25, 6, 0, 0), utc(2026, 11, 25, 6, 0, 59));
	WHEN_IS("3 days ago 21:30", now, utc(2026, 11, 22, 20, 30, 0),
		utc(2026, 11, 22, 20, 30, 0), utc(2026, 11, 22, 20, 30, 59));
	WHEN_IS("last monday 8:15am", now, utc(2026, 11, 23, 7, 15, 0),
		utc(2026, 11, 23, 7, 15, 0), utc(2026, 11, 23, 7, 15, 59));

	/* a time alone is today */
	WHEN_IS("21:30", now, utc(2026, 11, 25, 20, 30, 0),
		utc(2026, 11, 25, 20, 30, 0), utc(2026, 11, 25, 20, 30, 59));
	WHEN_IS("9:30am", now, utc(2026, 11, 25, 8, 30, 0),
		utc(2026, 11, 25, 8, 30, 0), utc(2026, 11, 25, 8, 30, 59));
	WHEN_IS("9pm", now, utc(2026, 11, 25, 20, 0, 0),
		utc(2026, 11, 25, 20, 0, 0), utc(2026, 11, 25, 20, 0, 59));
	WHEN_IS("1am", now, utc(2026, 11, 25, 0, 0, 0),
		utc(2026, 11, 25, 0, 0, 0), utc(2026, 11, 25, 0, 0, 59));
	WHEN_IS("07:05", now, utc(2026, 11, 25, 6, 5, 0),
		utc(2026, 11, 25, 6, 5, 0), utc(2026, 11, 25, 6, 5, 59));
	WHEN_IS("0:00", now, CET_FROM(2026, 11, 25), CET_FROM(2026, 11, 25),
		CET_FROM(2026, 11, 25) + 59);
	WHEN_IS("23:59", now, utc(2026, 11, 25, 22, 59, 0),
		utc(2026, 11, 25, 22, 59, 0), CET_TO(2026, 11, 25));
	/* 12am is midnight, 12pm is noon */
	WHEN_IS("12am", now, CET_FROM(2026, 11, 25), CET_FROM(2026, 11, 25),
		CET_FROM(2026, 11, 25) + 59);
	WHEN_IS("12:30am", now, utc(2026, 11, 24, 23, 30, 0),
		utc(2026, 11, 24, 23, 30, 0), utc(2026, 11, 24, 23, 30, 59));
	WHEN_IS("12pm", now, utc(2026, 11, 25, 11, 0, 0),
		utc(2026, 11, 25, 11, 0, 0), utc(2026, 11, 25, 11, 0, 59));
	WHEN_IS("12:45pm", now, utc(2026, 11, 25, 11, 45, 0),
		utc(2026, 11, 25, 11, 45, 0), utc(2026, 11, 25, 11, 45, 59));

	/* RFC 3339: one exact instant */
	WHEN_IS("2026-11-22T21:14:00+01:00", now, utc(2026, 11, 22, 20, 14, 0),
		utc(2026, 11, 22, 20, 14, 0), utc(2026, 11, 22, 20, 14, 0));
	WHEN_IS("2026-11-22T20:14:00Z", now, utc(2026, 11, 22, 20, 14, 0),
		utc(2026, 11, 22, 20, 14, 0), utc(2026, 11, 22, 20, 14, 0));
	WHEN_IS("2026-11-22T21:14:00-03:30", now, utc(2026, 11, 23, 0, 44, 0),
		utc(2026, 11, 23, 0, 44, 0), utc(2026, 11, 23, 0, 44, 0));
}

static void test_when_case_and_spaces(void)
{
	time_t now = local(2026, 11, 25, 15, 45, 30);

	WHEN_IS("NOW", now, now, now, now);
	WHEN_IS("Today", now, now, CET_FROM(2026, 11, 25),
		CET_TO(2026, 11, 25));
	WHEN_IS("  yesterday  ", now, utc(2026, 11, 24, 14, 45, 30),
		CET_FROM(2026, 11, 24), CET_TO(2026, 11, 24));
	WHEN_IS("3   Days\tAGO", now, utc(2026, 11, 22, 14, 45, 30),
		CET_FROM(2026, 11, 22), CET_TO(2026, 11, 22));
	WHEN_IS("Last  MONDAY", now, utc(2026, 11, 23, 14, 45, 30),
		CET_FROM(2026, 11, 23), CET_TO(2026, 11, 23));
	WHEN_IS("LAST Week", now, utc(2026, 11, 18, 14, 45, 30),
		CET_FROM(2026, 11, 18), CET_TO(2026, 11, 18));
	WHEN_IS("Yesterday  9PM", now, utc(2026, 11, 24, 20, 0, 0),
		utc(2026, 11, 24, 20, 0, 0), utc(2026, 11, 24, 20, 0, 59));
	WHEN_IS(" 2026-11-02   21:30 ", now, utc(2026, 11, 2, 20, 30, 0),
		utc(2026, 11, 2, 20, 30, 0), utc(2026, 11, 2, 20, 30, 59));
	WHEN_IS("2026-11-22t20:14:00z", now, utc(2026, 11, 22, 20, 14, 0),
		utc(2026, 11, 22, 20, 14, 0), utc(2026, 11, 22, 20, 14, 0));
}

static void test_when_dst(void)
{
	time_t now = local(2026, 11, 25, 15, 45, 30);
	time_t spring_noon = local(2026, 3, 29, 12, 0, 0);
	time_t after_spring = local(2026, 3, 30, 8, 0, 0);
	struct when w;

	/* clocks go forward on 2026-03-29: a day of 23 hours */
	WHEN_IS("2026-03-29", now, utc(2026, 3, 28, 23, 0, 0),
		utc(2026, 3, 28, 23, 0, 0), utc(2026, 3, 29, 21, 59, 59));
	if (!when_parse("2026-03-29", now, &w))
		CHECK_INT(w.to - w.from + 1, 23 * 3600);
	/* and back on 2026-10-25: 25 hours */
	WHEN_IS("2026-10-25", now, utc(2026, 10, 24, 22, 0, 0),
		utc(2026, 10, 24, 22, 0, 0), utc(2026, 10, 25, 22, 59, 59));
	if (!when_parse("2026-10-25", now, &w))
		CHECK_INT(w.to - w.from + 1, 25 * 3600);
	if (!when_parse("2026-10-28", now, &w))
		CHECK_INT(w.to - w.from + 1, 24 * 3600);

	/* a relative day keeps the clock time, not the number of seconds */
	CHECK_INT(spring_noon, utc(2026, 3, 29, 10, 0, 0));
	WHEN_IS("yesterday", spring_noon, utc(2026, 3, 28, 11, 0, 0),
		utc(2026, 3, 27, 23, 0, 0), utc(2026, 3, 28, 22, 59, 59));
	WHEN_IS("yesterday", after_spring, utc(2026, 3, 29, 6, 0, 0),
		utc(2026, 3, 28, 23, 0, 0), utc(2026, 3, 29, 21, 59, 59));
	WHEN_IS("last sunday", after_spring, utc(2026, 3, 29, 6, 0, 0),
		utc(2026, 3, 28, 23, 0, 0), utc(2026, 3, 29, 21, 59, 59));
	WHEN_IS("2026-03-29 21:30", now, utc(2026, 3, 29, 19, 30, 0),
		utc(2026, 3, 29, 19, 30, 0), utc(2026, 3, 29, 19, 30, 59));
	WHEN_IS("2026-03-28 21:30", now, utc(2026, 3, 28, 20, 30, 0),
		utc(2026, 3, 28, 20, 30, 0), utc(2026, 3, 28, 20, 30, 59));
}

static void test_when_errors(void)
{
	time_t now = local(2026, 11, 25, 15, 45, 30);
	struct when w = { 1, 2, 3 };

	WHEN_BAD("", now);
	WHEN_BAD("   ", now);
	WHEN_BAD("tomorrowish", now);
	WHEN_BAD("13pm", now);
	WHEN_BAD("0am", now);
	WHEN_BAD("24:00", now);
	WHEN_BAD("12:60", now);
	WHEN_BAD("9:30:60", now);
	WHEN_BAD("9:3pm", now);
	WHEN_BAD("2026-02-30", now);
	WHEN_BAD("2026-02-29", now);
	WHEN_BAD("2026-04-31", now);
	WHEN_BAD("2026-13", now);
	WHEN_BAD("2026-00", now);
	WHEN_BAD("2026-11-00", now);
	WHEN_BAD("2026-11-02 25:00", now);
	WHEN_BAD("2026-11-02 21:30 extra", now);
	WHEN_BAD("3 fortnights ago", now);
	WHEN_BAD("3 days", now);
	WHEN_BAD("-3 days ago", now);
	WHEN_BAD("three days ago", now);
	WHEN_BAD("99999999999999999999 days ago", now);
	WHEN_BAD("last moonday", now);
	WHEN_BAD("last monx", now);
	WHEN_BAD("last fr", now);
	WHEN_BAD("last", now);
	WHEN_BAD("21", now);
	WHEN_BAD("9", now);
	WHEN_BAD("2026-11 21:30", now);
	WHEN_BAD("2026 21:30", now);
	WHEN_BAD("now 9pm", now);
	WHEN_BAD("yesterday yesterday", now);
	WHEN_BAD("2026-11-22T25:00:00Z", now);
	WHEN_BAD("2026-11-22T21:14:00+25:00", now);
	WHEN_BAD("26-11-02", now);
	WHEN_BAD("2026/11/02", now);
	CHECK_INT(when_parse("soon", now, &w), FAIL_USAGE);
}

static void check_datetime(const char *s, time_t t, int offset,
			   int has_time, int has_offset, int line)
{
	struct datetime dt;
	char what[200];

	snprintf(what, sizeof(what), "'%s' is read", s);
	if (!unit_check_long(datetime_parse(s, &dt), 0, what, __FILE__, line))
		return;
	snprintf(what, sizeof(what), "'%s': t", s);
	unit_check_long((long)dt.t, (long)t, what, __FILE__, line);
	snprintf(what, sizeof(what), "'%s': offset", s);
	unit_check_long(dt.offset, offset, what, __FILE__, line);
	snprintf(what, sizeof(what), "'%s': has_time", s);
	unit_check_long(dt.has_time, has_time, what, __FILE__, line);
	snprintf(what, sizeof(what), "'%s': has_offset", s);
	unit_check_long(dt.has_offset, has_offset, what, __FILE__, line);
}

#define DATETIME_IS(s, t, offset, has_time, has_offset) \
	check_datetime((s), (t), (offset), (has_time), (has_offset), __LINE__)

/* Check the wall clock of dt field by field. */
static void check_wall(const struct datetime *dt, int y, int mo, int d,
		       int h, int mi, int s, int line)
{
	unit_check_long(dt->wall.tm_year + 1900, y, "wall year", __FILE__,
			line);
	unit_check_long(dt->wall.tm_mon + 1, mo, "wall month", __FILE__, line);
	unit_check_long(dt->wall.tm_mday, d, "wall day", __FILE__, line);
	unit_check_long(dt->wall.tm_hour, h, "wall hour", __FILE__, line);
	unit_check_long(dt->wall.tm_min, mi, "wall minute", __FILE__, line);
	unit_check_long(dt->wall.tm_sec, s, "wall second", __FILE__, line);
}

#define WALL_IS(dt, y, mo, d, h, mi, s) \
	check_wall((dt), (y), (mo), (d), (h), (mi), (s), __LINE__)

static void test_datetime_parse(void)
{
	struct datetime dt;
	static const char *const bad[] = {
		"", "garbage", "2026", "2026-11", "2026-11-2", "26-11-22",
		"2026/11/22", "2026-02-29", "2026-02-30", "2026-13-01",
		"2026-00-10", "2026-11-00", "2026-11-22x", "2026-11-22T",
		"2026-11-22T21", "2026-11-22 21", "2026-11-22T2:14",
		"2026-11-22T21:4", "2026-11-22T24:00:00Z",
		"2026-11-22T21:60:00Z", "2026-11-22T21:14:61Z",
		"2026-11-22T21:14:00+25:00", "2026-11-22T21:14:00+01:60",
		"2026-11-22T21:14:00+1:00", "2026-11-22T21:14:00+01",
		"2026-11-22T21:14:00.+01:00", "2026-11-22T21:14:00 junk",
		"2026-11-22T21:14:00+01:00junk", "2026-11-22T21:14:00ZZ",
		"2026-11-22+01:00", "2026-11-22Z",
	};

	/* RFC 3339 with an offset: the wall clock as written */
	DATETIME_IS("2026-11-22T21:14:00+01:00", utc(2026, 11, 22, 20, 14, 0),
		    60, 1, 1);
	if (!datetime_parse("2026-11-22T21:14:00+01:00", &dt))
		WALL_IS(&dt, 2026, 11, 22, 21, 14, 0);
	DATETIME_IS("2026-11-22T20:14:00Z", utc(2026, 11, 22, 20, 14, 0),
		    0, 1, 1);
	DATETIME_IS("2026-11-22t20:14:00z", utc(2026, 11, 22, 20, 14, 0),
		    0, 1, 1);
	DATETIME_IS("2026-11-22T21:14:00-03:30", utc(2026, 11, 23, 0, 44, 0),
		    -210, 1, 1);
	if (!datetime_parse("2026-11-22T21:14:00-03:30", &dt))
		WALL_IS(&dt, 2026, 11, 22, 21, 14, 0);
	DATETIME_IS("2026-06-15T08:05:09+05:45", utc(2026, 6, 15, 2, 20, 9),
		    345, 1, 1);
	/* an offset that is not the local one is kept as written */
	DATETIME_IS("2026-07-01T00:30:00+09:00", utc(2026, 6, 30, 15, 30, 0),
		    540, 1, 1);
	if (!datetime_parse("2026-07-01T00:30:00+09:00", &dt))
		WALL_IS(&dt, 2026, 7, 1, 0, 30, 0);
	/* fractional seconds are read and dropped */
	DATETIME_IS("2026-11-22T21:14:05.123456+01:00",
		    utc(2026, 11, 22, 20, 14, 5), 60, 1, 1);
	DATETIME_IS("2026-11-22T20:14:05.5Z", utc(2026, 11, 22, 20, 14, 5),
		    0, 1, 1);

	/* without an offset: local time (Berlin) */
	DATETIME_IS("2026-11-22", utc(2026, 11, 21, 23, 0, 0), 60, 0, 0);
	if (!datetime_parse("2026-11-22", &dt))
		WALL_IS(&dt, 2026, 11, 22, 0, 0, 0);
	DATETIME_IS("2026-07-01", utc(2026, 6, 30, 22, 0, 0), 120, 0, 0);
	DATETIME_IS("2024-02-29", utc(2024, 2, 28, 23, 0, 0), 60, 0, 0);
	DATETIME_IS("2026-11-22 21:14", utc(2026, 11, 22, 20, 14, 0),
		    60, 1, 0);
	if (!datetime_parse("2026-11-22 21:14", &dt))
		WALL_IS(&dt, 2026, 11, 22, 21, 14, 0);
	DATETIME_IS("2026-11-22 21:14:05", utc(2026, 11, 22, 20, 14, 5),
		    60, 1, 0);
	DATETIME_IS("2026-11-22T21:14:05", utc(2026, 11, 22, 20, 14, 5),
		    60, 1, 0);
	DATETIME_IS("2026-07-22T21:14", utc(2026, 7, 22, 19, 14, 0),
		    120, 1, 0);
	DATETIME_IS("2026-11-22T21:14:05.75", utc(2026, 11, 22, 20, 14, 5),
		    60, 1, 0);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char what[120];

		snprintf(what, sizeof(what), "datetime '%s' is refused",
			 bad[i]);
		unit_check_long(datetime_parse(bad[i], &dt), -1, what,
				__FILE__, __LINE__);
	}
}

static void test_datetime_format(void)
{
	static const char *const round[] = {
		"2026-11-22T21:14:00+01:00",
		"2026-07-01T08:00:00+02:00",
		"2026-11-22T21:14:00-03:30",
		"2026-11-22T21:14:00+00:00",
		"2026-06-15T08:05:09+05:45",
		"1999-12-31T23:59:59+14:00",
		"2026-01-01T00:00:00-12:00",
		"2026-03-29T02:30:00-09:30",
		"2024-02-29T12:00:00+09:00",
	};
	struct buf b = BUF_INIT;
	struct datetime dt;

	for (size_t i = 0; i < sizeof(round) / sizeof(round[0]); i++) {
		char what[120];

		buf_reset(&b);
		if (!datetime_parse(round[i], &dt))
			datetime_format(&dt, &b);
		snprintf(what, sizeof(what), "'%s' round trips", round[i]);
		unit_check_str(b.s, round[i], what, __FILE__, __LINE__);
	}

	/* Z, fractions and local times come out in the one form */
	buf_reset(&b);
	if (!datetime_parse("2026-11-22T20:14:00.9Z", &dt))
		datetime_format(&dt, &b);
	CHECK_STR(b.s, "2026-11-22T20:14:00+00:00");
	buf_reset(&b);
	if (!datetime_parse("2026-11-22 21:14", &dt))
		datetime_format(&dt, &b);
	CHECK_STR(b.s, "2026-11-22T21:14:00+01:00");
	buf_reset(&b);
	if (!datetime_parse("2026-07-01", &dt))
		datetime_format(&dt, &b);
	CHECK_STR(b.s, "2026-07-01T00:00:00+02:00");

	/* it appends */
	buf_reset(&b);
	buf_adds(&b, "date: ");
	if (!datetime_parse("2026-11-22T21:14:00+01:00", &dt))
		datetime_format(&dt, &b);
	CHECK_STR(b.s, "date: 2026-11-22T21:14:00+01:00");
	buf_release(&b);
}

static void test_datetime_local(void)
{
	struct buf b = BUF_INIT;
	struct datetime dt;

	datetime_local(utc(2026, 11, 22, 20, 14, 0), &dt);
	CHECK_INT(dt.t, utc(2026, 11, 22, 20, 14, 0));
	CHECK_INT(dt.offset, 60);
	CHECK(dt.has_time);
	CHECK(dt.has_offset);
	WALL_IS(&dt, 2026, 11, 22, 21, 14, 0);
	datetime_format(&dt, &b);
	CHECK_STR(b.s, "2026-11-22T21:14:00+01:00");

	buf_reset(&b);
	datetime_local(utc(2026, 7, 1, 6, 0, 0), &dt);
	CHECK_INT(dt.offset, 120);
	datetime_format(&dt, &b);
	CHECK_STR(b.s, "2026-07-01T08:00:00+02:00");

	/* the first instant after clocks go forward */
	buf_reset(&b);
	datetime_local(utc(2026, 3, 29, 1, 0, 0), &dt);
	datetime_format(&dt, &b);
	CHECK_STR(b.s, "2026-03-29T03:00:00+02:00");

	/* a negative offset with minutes, and it parses back */
	use_tz("America/St_Johns");
	buf_reset(&b);
	datetime_local(utc(2026, 11, 23, 0, 44, 0), &dt);
	CHECK_INT(dt.offset, -210);
	datetime_format(&dt, &b);
	CHECK_STR(b.s, "2026-11-22T21:14:00-03:30");
	if (!datetime_parse(b.s, &dt))
		CHECK_INT(dt.t, utc(2026, 11, 23, 0, 44, 0));
	use_tz("Europe/Berlin");

	/* local output parses back to the same instant */
	buf_reset(&b);
	datetime_local(utc(2026, 10, 25, 1, 30, 0), &dt);
	datetime_format(&dt, &b);
	CHECK_STR(b.s, "2026-10-25T02:30:00+01:00");
	if (!datetime_parse(b.s, &dt))
		CHECK_INT(dt.t, utc(2026, 10, 25, 1, 30, 0));
	buf_release(&b);
}

/*
 * Before 1893 Berlin kept local mean time, +00:53:28: an offset RFC 3339
 * cannot write. What is written must still read back as the instant it
 * came from, both from a date read without an offset and from an instant.
 */
static void test_datetime_mean_time(void)
{
	struct buf b = BUF_INIT, again = BUF_INIT;
	struct datetime dt, back;

	if (!datetime_parse("1850-06-01", &dt))
		datetime_format(&dt, &b);
	CHECK_STR(b.s, "1850-06-01T00:00:00+00:53");
	CHECK_INT(dt.t, utc(1850, 5, 31, 23, 7, 0));
	if (!datetime_parse(b.s, &back))
		CHECK_INT(back.t, dt.t);

	buf_reset(&b);
	datetime_local(utc(1850, 5, 31, 23, 0, 0), &dt);
	CHECK_INT(dt.offset, 53);
	datetime_format(&dt, &b);
	CHECK_STR(b.s, "1850-05-31T23:53:00+00:53");
	if (!datetime_parse(b.s, &back)) {
		CHECK_INT(back.t, utc(1850, 5, 31, 23, 0, 0));
		datetime_format(&back, &again);
		CHECK_STR(again.s, b.s);
	}
	buf_release(&b);
	buf_release(&again);
}

/*
 * Day and week numbers: one count from 1970-01-01 (a Thursday), before
 * it too, and the day's local date in Berlin, not UTC's.
 */
static void test_day_numbers(void)
{
	struct buf out = BUF_INIT;

	CHECK(day_of_wall(0) == 0);
	CHECK(day_of_wall(DAY_SECONDS - 1) == 0);
	CHECK(day_of_wall(DAY_SECONDS) == 1);
	CHECK(day_of_wall(-1) == -1);
	CHECK(day_of_wall(-DAY_SECONDS) == -1);
	CHECK(day_of_wall(-DAY_SECONDS - 1) == -2);
	/* 2026-11-22 23:30 UTC is 2026-11-23 00:30 in Berlin */
	CHECK(day_of(1795390200) == 20780);
	day_number_format(day_of(1795390200), &out);
	CHECK_STR(out.s, "2026-11-23");
	buf_reset(&out);
	day_number_format(-1, &out);
	CHECK_STR(out.s, "1969-12-31");
	/* weeks start on Monday: 1969-12-29 is week 0's Monday */
	CHECK(week_of(0) == 0);
	CHECK(week_of(-3 * DAY_SECONDS + 3600) == 0);	/* Mon 29 Dec */
	CHECK(week_of(-4 * DAY_SECONDS + 3600) == -1);	/* Sun 28 Dec */
	CHECK(week_of(4 * DAY_SECONDS + 3600) == 1);	/* Mon 5 Jan */
	/* weekdays, Monday 0: 1970-01-01 a Thursday, before 1970 too */
	CHECK(weekday_of(0) == 3);
	CHECK(weekday_of(3) == 6);			/* Sun 4 Jan */
	CHECK(weekday_of(4) == 0);			/* Mon 5 Jan */
	CHECK(weekday_of(-1) == 2);			/* Wed 31 Dec */
	CHECK(weekday_of(-3) == 0);			/* Mon 29 Dec */
	CHECK(weekday_of(-4) == 6);			/* Sun 28 Dec */
	CHECK(weekday_of(20780) == 0);			/* Mon 2026-11-23 */
	buf_release(&out);
}

int main(void)
{
	use_tz("Europe/Berlin");
	test_when_relative();
	test_when_months();
	test_when_weekdays();
	test_when_written();
	test_when_times();
	test_when_case_and_spaces();
	test_when_dst();
	test_when_errors();
	test_datetime_parse();
	test_datetime_format();
	test_datetime_local();
	test_datetime_mean_time();
	test_day_numbers();
	return unit_done();
}
