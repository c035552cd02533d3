/*
 * Dates and times: the WHEN words people type (tend-list(1)), the dates
 * written in front matter (tend-journal(5)), and RFC 3339 output. Local time
 * is the TZ of the process (the dispatcher sets it from [journal] timezone).
 */
#ifndef TEND_DATES_H
#define TEND_DATES_H

#include <time.h>

#include "buf.h"

/* What a WHEN names. */
struct when {
	time_t at;	/* the exact instant (new --date) */
	time_t from;	/* first second of the span it names (filters) */
	time_t to;	/* last second of that span, inclusive */
};

/*
 * Read a WHEN relative to now: "now", "today", "yesterday", "N days ago"
 * (days, weeks, months), "last week", "last monday" (any weekday),
 * "YYYY-MM-DD", "YYYY-MM", "YYYY", each day form optionally followed by a
 * time ("21:30", "9pm", "9:30am"), a time alone (today at that time), and
 * "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]". Relative days keep the clock time of
 * now in at; dates written out start at midnight. Returns 0, or FAIL_USAGE
 * after reporting that the text cannot be read. Never guesses.
 */
int when_parse(const char *text, time_t now, struct when *out);

/* A date as written in front matter. */
struct datetime {
	time_t t;	/* the instant */
	int offset;	/* minutes east of UTC of the wall clock it names */
	int has_time;	/* it had a time of day */
	int has_offset;	/* it had an explicit offset or Z */
	struct tm wall;	/* the wall clock as written */
};

/*
 * Read a front matter date: RFC 3339 with offset, "YYYY-MM-DD",
 * "YYYY-MM-DD HH:MM[:SS]" and the same with "T", with or without an
 * offset (without one: local time). Returns 0, or -1 without reporting.
 */
int datetime_parse(const char *s, struct datetime *out);

/* The local wall clock and offset of the instant t. */
void datetime_local(time_t t, struct datetime *out);

/*
 * The wall clock and offset of the instant t in the time zone named zone
 * (an IANA name such as "Europe/Berlin"). Returns 0, or -1 when there is
 * no such zone here (out is then t in UTC).
 */
int datetime_in_zone(time_t t, const char *zone, struct datetime *out);

/* Append dt as RFC 3339: "2026-11-22T21:14:00+01:00". */
void datetime_format(const struct datetime *dt, struct buf *out);

/*
 * The local wall clock at t, counted as if it were UTC: seconds that
 * compare with an entry's own clock (its instant plus its offset).
 */
time_t wall_seconds(time_t t);

/* Append the local day of t: "2026-11-22". */
void day_format(time_t t, struct buf *out);

/* The seconds of a day (of the wall clock: no leap seconds, no DST). */
#define DAY_SECONDS 86400

/*
 * Days are numbered from 1970-01-01 (day 0), weeks from the Monday
 * before it: one count for mood, prep, goals, prompts and the charts.
 */

/* The day of t in local time. */
long day_of(time_t t);

/* The day of wall clock seconds w (an instant plus its offset). */
long day_of_wall(long long w);

/* The week of t in local time, counted in Mondays since 1970. */
long week_of(time_t t);

/* The weekday of the day numbered day: 0 for Monday .. 6 for Sunday. */
int weekday_of(long day);

/* Append the day numbered day: "2026-11-22". */
void day_number_format(long day, struct buf *out);

#endif
