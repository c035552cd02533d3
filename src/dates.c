#include "dates.h"
#include "error.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char *const weekdays[] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday"
};

static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int mon)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return mon == 1 && is_leap(year) ? 29 : days[mon];
}

/*
 * Read exactly n digits at *p into *val and advance; returns 0 or -1.
 */
static int digits(const char **p, int n, int *val)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*val = v;
	return 0;
}

/* Local midnight at the start of the day in tm (year, mon, mday). */
static time_t day_start(const struct tm *day)
{
	struct tm tm = { 0 };

	tm.tm_year = day->tm_year;
	tm.tm_mon = day->tm_mon;
	tm.tm_mday = day->tm_mday;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The local time at the given clock time of the day in tm. */
static time_t day_at(const struct tm *day, int hour, int min, int sec)
{
	struct tm tm = { 0 };

	tm.tm_year = day->tm_year;
	tm.tm_mon = day->tm_mon;
	tm.tm_mday = day->tm_mday;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The last second of the day in tm, whatever its length (DST). */
static time_t day_end(const struct tm *day)
{
	struct tm next = *day;

	next.tm_mday++;
	next.tm_hour = next.tm_min = next.tm_sec = 0;
	next.tm_isdst = -1;
	return mktime(&next) - 1;
}

/* Move the calendar day in tm by delta days (normalised). */
static void add_days(struct tm *tm, int delta)
{
	struct tm t = *tm;

	t.tm_mday += delta;
	t.tm_hour = 12;	/* away from DST edges */
	t.tm_isdst = -1;
	mktime(&t);
	tm->tm_year = t.tm_year;
	tm->tm_mon = t.tm_mon;
	tm->tm_mday = t.tm_mday;
	tm->tm_wday = t.tm_wday;
}

/* Move tm back by n months, keeping the day inside the month. */
static void sub_months(struct tm *tm, long n)
{
	long months = (long)tm->tm_year * 12 + tm->tm_mon - n;
	int dim;

	tm->tm_year = (int)(months / 12);
	tm->tm_mon = (int)(months % 12);
	if (tm->tm_mon < 0) {
		tm->tm_mon += 12;
		tm->tm_year--;
	}
	dim = days_in_month(tm->tm_year + 1900, tm->tm_mon);
	if (tm->tm_mday > dim)
		tm->tm_mday = dim;
}

/*
 * Read a time of day: "21:30", "21:30:15", "9pm", "9:30am", "12am".
 * Returns 0 and sets hour, min, sec (-1 sec when not given), or -1.
 */
static int parse_clock(const char *s, int *hour, int *min, int *sec)
{
	const char *p = s;
	size_t n = strspn(s, "0123456789");
	int h, m = 0, sc = -1, half = 0;

	if (n < 1 || n > 2 || digits(&p, (int)n, &h) < 0)
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, &m) < 0)
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &sc) < 0)
				return -1;
		}
	}
	if (!strcmp(p, "am") || !strcmp(p, "pm"))
		half = *p;
	else if (*p)
		return -1;
	if (half) {
		if (h < 1 || h > 12)
			return -1;
		h = h % 12 + (half == 'p' ? 12 : 0);
	} else if (p == s + n) {
		return -1;	/* a bare number is not a time */
	}
	if (h > 23 || m > 59 || sc > 59)
		return -1;
	*hour = h;
	*min = m;
	*sec = sc;
	return 0;
}

/* Read "YYYY-MM-DD" exactly; fills year, mon, mday of tm. */
static int parse_ymd(const char *s, struct tm *tm)
{
	const char *p = s;
	int y, mo, d;

	if (digits(&p, 4, &y) < 0 || *p++ != '-' || digits(&p, 2, &mo) < 0 ||
	    *p++ != '-' || digits(&p, 2, &d) < 0 || *p)
		return -1;
	if (y < 1 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo - 1))
		return -1;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	return 0;
}

static int unit_is(const char *word, const char *unit)
{
	size_t n = strlen(unit);

	return !strncmp(word, unit, n) && (!word[n] || !strcmp(word + n, "s"));
}

static int weekday_index(const char *word)
{
	for (int i = 0; i < 7; i++)
		if (!strcmp(word, weekdays[i]) ||
		    (strlen(word) == 3 && !strncmp(word, weekdays[i], 3)))
			return i;
	return -1;
}

/*
 * Read the day part of a WHEN (all words but a trailing time). Sets day
 * (year, mon, mday) and whether it is relative to today. Returns 0 or -1.
 */
static int parse_day(char **w, int nw, time_t now, struct tm *day,
		     int *relative)
{
	struct tm today;
	long n;
	int wd;

	localtime_r(&now, &today);
	*day = today;
	*relative = 1;
	if (nw == 1 && !strcmp(w[0], "today"))
		return 0;
	if (nw == 1 && !strcmp(w[0], "yesterday")) {
		add_days(day, -1);
		return 0;
	}
	if (nw == 3 && !strcmp(w[2], "ago") && !parse_whole(w[0], 100000, &n)) {
		if (unit_is(w[1], "day"))
			add_days(day, (int)-n);
		else if (unit_is(w[1], "week"))
			add_days(day, (int)(-7 * n));
		else if (unit_is(w[1], "month"))
			sub_months(day, n);
		else
			return -1;
		return 0;
	}
	if (nw == 2 && !strcmp(w[0], "last")) {
		if (!strcmp(w[1], "week")) {
			add_days(day, -7);
			return 0;
		}
		wd = weekday_index(w[1]);
		if (wd < 0)
			return -1;
		n = (today.tm_wday - wd + 7) % 7;
		add_days(day, (int)-(n ? n : 7));
		return 0;
	}
	*relative = 0;
	if (nw == 1 && !parse_ymd(w[0], day))
		return 0;
	return -1;
}

/* Fill out for the span [from, to] with at as given. */
static void set_span(struct when *out, time_t at, time_t from, time_t to)
{
	out->at = at;
	out->from = from;
	out->to = to;
}

/* Read "YYYY-MM" or "YYYY" into a span of local time. */
static int parse_month_or_year(const char *s, struct when *out)
{
	const char *p = s;
	struct tm tm = { 0 };
	int y, mo = 0;

	if (digits(&p, 4, &y) < 0 || y < 1)
		return -1;
	if (*p == '-') {
		p++;
		if (digits(&p, 2, &mo) < 0 || mo < 1 || mo > 12)
			return -1;
	}
	if (*p)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo ? mo - 1 : 0;
	tm.tm_mday = 1;
	tm.tm_isdst = -1;
	out->at = out->from = mktime(&tm);
	if (mo)
		tm.tm_mon++;
	else
		tm.tm_year++;
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	out->to = mktime(&tm) - 1;
	return 0;
}

/* Is t a local time in the years 1 to 9999? */
static int in_range(time_t t)
{
	struct tm tm;

	return localtime_r(&t, &tm) && tm.tm_year >= 1 - 1900 &&
	       tm.tm_year <= 9999 - 1900;
}

int when_parse(const char *text, time_t now, struct when *out)
{
	char *copy = xstrdup(text), *w[8], *p;
	int nw = 0, relative, hour, min, sec, rc = -1;
	struct tm day;
	struct datetime dt;

	for (p = copy; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (p = strtok(copy, " \t"); p; p = strtok(NULL, " \t")) {
		if (nw == 8)
			goto out;
		w[nw++] = p;
	}
	if (!nw)
		goto out;
	if (nw == 1 && !strcmp(w[0], "now")) {
		set_span(out, now, now, now);
		rc = 0;
		goto out;
	}
	if (nw == 1 && !parse_month_or_year(w[0], out)) {
		rc = 0;
		goto out;
	}
	if (nw <= 2 && isdigit((unsigned char)w[0][0])) {
		/* an exact time as front matter writes it */
		struct buf joined = BUF_INIT;

		buf_addf(&joined, "%s%s%s", w[0], nw == 2 ? " " : "",
			 nw == 2 ? w[1] : "");
		if (!datetime_parse(joined.s, &dt) && dt.has_time &&
		    (nw == 1 || dt.has_offset)) {
			/* to the minute, like "2026-11-02 21:30", unless the
			   seconds are written */
			int seconds = joined.len > 16 && joined.s[16] == ':';

			set_span(out, dt.t, dt.t, dt.t + (seconds ? 0 : 59));
			rc = 0;
		}
		buf_release(&joined);
		if (!rc)
			goto out;
	}
	if (!parse_day(w, nw, now, &day, &relative)) {
		struct tm clock;

		localtime_r(&now, &clock);
		set_span(out, relative ? day_at(&day, clock.tm_hour,
						clock.tm_min, clock.tm_sec)
				       : day_start(&day),
			 day_start(&day), day_end(&day));
		rc = 0;
		goto out;
	}
	/* a day followed by a time, or a time alone (today) */
	if (!parse_clock(w[nw - 1], &hour, &min, &sec) &&
	    (nw == 1 || !parse_day(w, nw - 1, now, &day, &relative))) {
		if (nw == 1)
			localtime_r(&now, &day);
		out->from = day_at(&day, hour, min, sec < 0 ? 0 : sec);
		out->at = out->from;
		out->to = out->from + (sec < 0 ? 59 : 0);
		rc = 0;
	}
out:
	free(copy);
	if (!rc && (!in_range(out->from) || !in_range(out->to)))
		return error_as(FAIL_USAGE, "the date '%s' is outside the "
				"years 1 to 9999", text);
	if (rc < 0)
		return error_as(FAIL_USAGE, "cannot read the date '%s' "
				"(try 'today', 'yesterday', '3 days ago', "
				"'last monday', '2026-11-02' or "
				"'2026-11-02 21:30')", text);
	return 0;
}

/* Read "+HH:MM", "+HHMM", "Z" into minutes east of UTC. */
static int parse_offset(const char *p, int *minutes)
{
	int sign, h, m;

	if ((*p == 'Z' || *p == 'z') && !p[1]) {
		*minutes = 0;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &h) < 0)
		return -1;
	if (*p == ':')
		p++;
	if (digits(&p, 2, &m) < 0 || *p || h > 23 || m > 59)
		return -1;
	*minutes = sign * (h * 60 + m);
	return 0;
}

int datetime_parse(const char *s, struct datetime *out)
{
	char date[11];
	const char *p;
	struct tm tm;
	int h = 0, m = 0, sec = 0;

	memset(out, 0, sizeof(*out));
	if (strlen(s) < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (parse_ymd(date, &tm) < 0)
		return -1;
	p = s + 10;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (digits(&p, 2, &h) < 0 || *p++ != ':' ||
		    digits(&p, 2, &m) < 0)
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &sec) < 0)
				return -1;
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					return -1;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h > 23 || m > 59 || sec > 60)
			return -1;
		if (sec == 60)
			sec = 59;
		out->has_time = 1;
		while (*p == ' ')
			p++;
	}
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = sec;
	if (*p) {
		if (!out->has_time || parse_offset(p, &out->offset) < 0)
			return -1;
		out->has_offset = 1;
		out->t = timegm(&tm) - (time_t)out->offset * 60;
		out->wall = tm;
		return 0;
	}
	tm.tm_isdst = -1;
	out->t = mktime(&tm);
	{
		struct tm local;

		localtime_r(&out->t, &local);
		out->offset = (int)(local.tm_gmtoff / 60);
		/* an offset with seconds (local mean time): the instant
		   is the one the wall clock and whole minutes name */
		if (local.tm_gmtoff % 60) {
			struct tm utc = tm;

			out->t = timegm(&utc) - (time_t)out->offset * 60;
		}
	}
	out->wall = tm;
	return 0;
}

time_t wall_seconds(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return t + tm.tm_gmtoff;
}

/*
 * The local wall clock of t and its offset in whole minutes. Zones kept
 * local mean time before about 1900, whose offsets have seconds (Berlin's
 * was +00:53:28), which RFC 3339 cannot write: there the offset is cut to
 * the minute and the wall clock is the one that offset names, so that
 * what is written reads back as t.
 */
void datetime_local(time_t t, struct datetime *out)
{
	memset(out, 0, sizeof(*out));
	out->t = t;
	localtime_r(&t, &out->wall);
	out->offset = (int)(out->wall.tm_gmtoff / 60);
	if (out->wall.tm_gmtoff % 60) {
		time_t shifted = t + (time_t)out->offset * 60;

		gmtime_r(&shifted, &out->wall);
	}
	out->has_time = 1;
	out->has_offset = 1;
}

/* Is there a zone file for the IANA name zone? */
static int zone_exists(const char *zone)
{
	const char *dir = getenv("TZDIR");
	struct buf path = BUF_INIT;
	struct stat st;
	int ok;

	if (!*zone || zone[0] == '/' || zone[0] == ':' || strstr(zone, ".."))
		return 0;
	buf_addf(&path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo",
		 zone);
	ok = stat(path.s, &st) == 0 && S_ISREG(st.st_mode);
	buf_release(&path);
	return ok;
}

int datetime_in_zone(time_t t, const char *zone, struct datetime *out)
{
	const char *was = getenv("TZ");
	char *saved = was ? xstrdup(was) : NULL;
	int ok = zone_exists(zone);

	setenv("TZ", ok ? zone : "UTC", 1);
	tzset();
	datetime_local(t, out);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	return ok ? 0 : -1;
}

void datetime_format(const struct datetime *dt, struct buf *out)
{
	int off = dt->offset < 0 ? -dt->offset : dt->offset;

	buf_addf(out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		 dt->wall.tm_year + 1900, dt->wall.tm_mon + 1, dt->wall.tm_mday,
		 dt->wall.tm_hour, dt->wall.tm_min, dt->wall.tm_sec,
		 dt->offset < 0 ? '-' : '+', off / 60, off % 60);
}

void day_format(time_t t, struct buf *out)
{
	struct tm tm;

	localtime_r(&t, &tm);
	buf_addf(out, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday);
}

/* q / d rounded down (toward minus infinity), for d > 0. */
static long long floor_div(long long q, long long d)
{
	return q >= 0 ? q / d : -((-q + d - 1) / d);
}

long day_of_wall(long long w)
{
	return (long)floor_div(w, DAY_SECONDS);
}

long day_of(time_t t)
{
	struct tm tm, day = { 0 };

	localtime_r(&t, &tm);
	day.tm_year = tm.tm_year;
	day.tm_mon = tm.tm_mon;
	day.tm_mday = tm.tm_mday;
	return day_of_wall((long long)timegm(&day));
}

long week_of(time_t t)
{
	return (long)floor_div(day_of(t) + 3, 7); /* 1970-01-01: Thursday */
}

int weekday_of(long day)
{
	return (int)(day - floor_div(day + 3, 7) * 7 + 3);
}

void day_number_format(long day, struct buf *out)
{
	time_t t = (time_t)day * DAY_SECONDS;
	struct tm tm;

	gmtime_r(&t, &tm);
	buf_addf(out, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday);
}
