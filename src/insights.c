#include "insights.h"
#include "buf.h"
#include "dates.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Means closer than this are taken as equal, against rounding. */
#define EPSILON 1e-9

static const char *const weekdays[] = {
	"Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays",
	"Saturdays", "Sundays"
};

static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
	"Oct", "Nov", "Dec"
};

void insights_init(struct insights *in, int scale, long today)
{
	memset(in, 0, sizeof(*in));
	in->scale = scale;
	in->today = today;
	for (int k = 0; k < INSIGHT_KINDS; k++)
		tallies_init(&in->groups[k], 1);
}

void insights_add(struct insights *in, long day, int mood,
		  const struct strvec *tags, const struct strvec *feelings,
		  const struct strvec *goals)
{
	const struct strvec *lists[INSIGHT_KINDS] = { tags, feelings, goals };
	long span = INSIGHT_WEEKS * 7;

	ALLOC_GROW(in->days, in->ndays + 1, in->days_alloc);
	in->days[in->ndays++] = day;
	if (!mood)
		return;
	tally_add(&in->all, mood);
	tally_add(&in->weekdays[weekday_of(day)], mood);
	if (day <= in->today && day > in->today - span)
		tally_add(&in->recent, mood);
	else if (day <= in->today - span && day > in->today - 2 * span)
		tally_add(&in->before, mood);
	for (int k = 0; k < INSIGHT_KINDS; k++)
		if (lists[k])
			tallies_add_words(&in->groups[k], lists[k]->v,
					  lists[k]->nr, mood);
}

/* A mean to a tenth, as the sentences show it: 31 for 3.14. */
static long tenths(const struct tally *t)
{
	return lround(tally_mean(t) * 10);
}

/*
 * The lowest and the highest weekday, among those with at least
 * INSIGHT_WEEKDAY_MIN moods, when at least INSIGHT_WEEKDAYS_MIN have as
 * many and they are INSIGHT_DAY_GAP of the scale apart; each only when
 * no other weekday shows the same mean.
 */
static void say_weekdays(const struct insights *in, struct strvec *out)
{
	static const char *const which[] = { "lowest", "highest" };
	const struct tally *wd = in->weekdays;
	int ends[2] = { -1, -1 }, ties[2] = { 0, 0 }, enough = 0;
	struct buf s = BUF_INIT;

	for (int k = 0; k < 7; k++) {
		if (wd[k].count < INSIGHT_WEEKDAY_MIN)
			continue;
		enough++;
		for (int e = 0; e < 2; e++) {
			long d = ends[e] < 0 ? 0
				 : tenths(&wd[k]) - tenths(&wd[ends[e]]);

			if (e == 0)
				d = -d;
			if (ends[e] < 0 || d > 0) {
				ends[e] = k;
				ties[e] = 0;
			} else if (!d) {
				ties[e] = 1;
			}
		}
	}
	if (enough < INSIGHT_WEEKDAYS_MIN ||
	    tally_mean(&wd[ends[1]]) - tally_mean(&wd[ends[0]]) <
	    INSIGHT_DAY_GAP * in->scale - EPSILON)
		return;
	for (int e = 0; e < 2; e++) {
		const struct tally *t = &wd[ends[e]];

		if (ties[e])
			continue;
		buf_reset(&s);
		buf_addf(&s, "%s are your %s day: %.1f on average over %ld "
			 "entries.", weekdays[ends[e]], which[e],
			 tally_mean(t), t->count);
		strvec_push(out, s.s);
	}
	buf_release(&s);
}

/* A group far enough from the mean to be said. */
struct far {
	int kind;
	const struct tally *t;
	double gap;		/* its mean less the mean of all */
};

/*
 * The furthest from the mean first, then the most entries, then by kind
 * and key, so that the order is the same on every machine.
 */
static int cmp_far(const void *a, const void *b)
{
	const struct far *x = a, *y = b;
	double dx = fabs(x->gap), dy = fabs(y->gap);

	if (fabs(dx - dy) > EPSILON)
		return dx < dy ? 1 : -1;
	if (x->t->count != y->t->count)
		return x->t->count < y->t->count ? 1 : -1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->t->key, y->t->key);
}

/*
 * The tags, feelings and goals of at least INSIGHT_GROUP_MIN moods
 * whose mean is INSIGHT_GROUP_GAP of the scale or more from the mean of
 * all: at most INSIGHT_GROUPS_MAX of them, furthest first.
 */
static void say_groups(const struct insights *in, insight_name_fn name,
		       const void *data, struct strvec *out)
{
	static const char *const what[] = {
		"Entries tagged", "Entries with the feeling",
		"Entries linked to the goal"
	};
	double mean = tally_mean(&in->all);
	struct far *far = NULL;
	size_t nfar = 0, alloc = 0;
	struct buf s = BUF_INIT;

	for (int k = 0; k < INSIGHT_KINDS; k++)
		for (size_t i = 0; i < in->groups[k].nr; i++) {
			const struct tally *t = &in->groups[k].v[i];
			double gap = tally_mean(t) - mean;

			if (t->count < INSIGHT_GROUP_MIN ||
			    fabs(gap) < INSIGHT_GROUP_GAP * in->scale -
			    EPSILON)
				continue;
			ALLOC_GROW(far, nfar + 1, alloc);
			far[nfar++] = (struct far){ k, t, gap };
		}
	if (nfar)
		qsort(far, nfar, sizeof(*far), cmp_far);
	for (size_t i = 0; i < nfar && i < INSIGHT_GROUPS_MAX; i++) {
		const char *shown = name ? name(far[i].kind, far[i].t, data)
				    : NULL;

		buf_reset(&s);
		buf_addf(&s, "%s %s average %.1f, against %.1f overall (%ld "
			 "entries).", what[far[i].kind],
			 shown ? shown : far[i].t->name,
			 tally_mean(far[i].t), mean, far[i].t->count);
		strvec_push(out, s.s);
	}
	free(far);
	buf_release(&s);
}

/*
 * The mean of the last INSIGHT_WEEKS weeks against that of as many
 * before them, when each has at least INSIGHT_TREND_MIN moods: up or
 * down when they are INSIGHT_DAY_GAP of the scale apart, else close.
 */
static void say_trend(const struct insights *in, struct strvec *out)
{
	const struct tally *now = &in->recent, *was = &in->before;
	double gap = tally_mean(now) - tally_mean(was);
	double enough = INSIGHT_DAY_GAP * in->scale - EPSILON;
	struct buf s = BUF_INIT;

	if (now->count < INSIGHT_TREND_MIN || was->count < INSIGHT_TREND_MIN)
		return;
	buf_addf(&s, "The last %d weeks average %.1f, ", INSIGHT_WEEKS,
		 tally_mean(now));
	if (fabs(gap) >= enough)
		buf_addf(&s, "%s from %.1f in the %d weeks before",
			 gap > 0 ? "up" : "down", tally_mean(was),
			 INSIGHT_WEEKS);
	else
		buf_addf(&s, "close to the %.1f of the %d weeks before",
			 tally_mean(was), INSIGHT_WEEKS);
	buf_addf(&s, " (%ld and %ld entries).", now->count, was->count);
	strvec_push(out, s.s);
	buf_release(&s);
}

static int cmp_day(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Append the day numbered day as the site shows dates: "3 Mar 2026". */
static void add_day(struct buf *s, long day)
{
	time_t t = (time_t)day * DAY_SECONDS;
	struct tm tm;

	gmtime_r(&t, &tm);
	buf_addf(s, "%d %s %d", tm.tm_mday, months[tm.tm_mon],
		 tm.tm_year + 1900);
}

/*
 * The longest run of days in a row with an entry, of the latest when
 * two are as long, when it is INSIGHT_STREAK_MIN days or more.
 */
static void say_streak(struct insights *in, struct strvec *out)
{
	long best = 0, run = 0, end = 0;
	struct buf s = BUF_INIT;

	if (in->ndays)
		qsort(in->days, in->ndays, sizeof(*in->days), cmp_day);
	for (size_t i = 0; i < in->ndays; i++) {
		if (i && in->days[i] == in->days[i - 1])
			continue;
		run = i && in->days[i] == in->days[i - 1] + 1 ? run + 1 : 1;
		if (run >= best) {
			best = run;
			end = in->days[i];
		}
	}
	if (best < INSIGHT_STREAK_MIN)
		return;
	buf_addf(&s, "The longest run of days with an entry is %ld days, "
		 "from ", best);
	add_day(&s, end - best + 1);
	buf_adds(&s, " to ");
	add_day(&s, end);
	buf_addch(&s, '.');
	strvec_push(out, s.s);
	buf_release(&s);
}

void insights_say(struct insights *in, insight_name_fn name,
		  const void *data, struct strvec *out)
{
	say_weekdays(in, out);
	say_groups(in, name, data, out);
	say_trend(in, out);
	say_streak(in, out);
}

void insights_release(struct insights *in)
{
	for (int k = 0; k < INSIGHT_KINDS; k++)
		tallies_release(&in->groups[k]);
	free(in->days);
	insights_init(in, in->scale, in->today);
}
