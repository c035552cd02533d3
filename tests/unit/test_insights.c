/*
 * Unit tests of insights.c: the sentences drawn from figures worked out
 * by hand (the sums are in the comments), each at and below the least
 * it needs, and nothing from nothing.
 */
#include "buf.h"
#include "insights.h"
#include "strvec.h"
#include "unit.h"

#include <string.h>

#define MON 20514		/* Monday 2026-03-02 */
#define FAR 30000		/* a today far from every entry */

/* Split the words of list, between commas, into sv ("" for none). */
static void words(struct strvec *sv, const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");

		strvec_pushn(sv, p, n);
		p += n + (p[n] == ',');
	}
}

/* Add an entry of day with mood, tags, feelings and goals to in. */
static void add(struct insights *in, long day, int mood, const char *tags,
		const char *feelings, const char *goals)
{
	struct strvec t = STRVEC_INIT, f = STRVEC_INIT, g = STRVEC_INIT;

	words(&t, tags);
	words(&f, feelings);
	words(&g, goals);
	insights_add(in, day, mood, &t, &f, &g);
	strvec_clear(&t);
	strvec_clear(&f);
	strvec_clear(&g);
}

/*
 * The sentences in's figures carry, one a line, named by name (may be
 * NULL), in a static buffer; in is released.
 */
static const char *said_by(struct insights *in, insight_name_fn name)
{
	static struct buf out = BUF_INIT;
	struct strvec sv = STRVEC_INIT;

	buf_reset(&out);
	insights_say(in, name, NULL, &sv);
	for (size_t i = 0; i < sv.nr; i++) {
		buf_adds(&out, sv.v[i]);
		buf_addch(&out, '\n');
	}
	strvec_clear(&sv);
	insights_release(in);
	return out.s;
}

static const char *said(struct insights *in)
{
	return said_by(in, NULL);
}

/*
 * Four weeks of Mondays, Tuesdays and Fridays and three Sundays, none
 * three days in a row; moods mon[], tue[], fri[] and 1 on Sundays.
 */
static void weeks_of(struct insights *in, const int mon[4],
		     const int tue[4], const int fri[4])
{
	for (int w = 0; w < 4; w++) {
		add(in, MON + 7 * w, mon[w], "", "", "");
		add(in, MON + 7 * w + 1, tue[w], "", "", "");
		add(in, MON + 7 * w + 4, fri[w], "", "", "");
		if (w < 3)	/* Sundays from the fourth week on */
			add(in, MON + 27 + 7 * w, 1, "", "", "");
	}
}

static void test_weekdays(void)
{
	static const int low[4] = { 2, 3, 3, 4 }, mid[4] = { 5, 5, 6, 6 },
		high[4] = { 7, 7, 8, 8 }, five[4] = { 5, 5, 5, 5 },
		six[4] = { 6, 6, 6, 6 }, near[4] = { 6, 6, 6, 5 };
	struct insights in;

	/*
	 * Mondays (2+3+3+4)/4 = 3.0, Tuesdays 22/4 = 5.5, Fridays 30/4 =
	 * 7.5, 4.5 apart; Sundays have 3 moods, too few to count
	 */
	insights_init(&in, 10, FAR);
	weeks_of(&in, low, mid, high);
	CHECK_STR(said(&in),
		  "Mondays are your lowest day: 3.0 on average over 4 "
		  "entries.\n"
		  "Fridays are your highest day: 7.5 on average over 4 "
		  "entries.\n");

	/* only two weekdays with 4 moods: nothing to compare */
	insights_init(&in, 10, FAR);
	for (int w = 0; w < 4; w++) {
		add(&in, MON + 7 * w, low[w], "", "", "");
		add(&in, MON + 7 * w + 4, high[w], "", "", "");
	}
	CHECK_STR(said(&in), "");

	/* 5.0, 5.5 and 6.0: 1 point apart, a tenth of 10, is enough */
	insights_init(&in, 10, FAR);
	weeks_of(&in, five, mid, six);
	CHECK_STR(said(&in),
		  "Mondays are your lowest day: 5.0 on average over 4 "
		  "entries.\n"
		  "Fridays are your highest day: 6.0 on average over 4 "
		  "entries.\n");

	/* 5.0, 5.5 and 5.75: 0.75 apart, not enough on 1-10 */
	insights_init(&in, 10, FAR);
	weeks_of(&in, five, mid, near);
	CHECK_STR(said(&in), "");
	/* but on 1-5, where a tenth of the scale is 0.5 */
	insights_init(&in, 5, FAR);
	weeks_of(&in, five, mid, near);
	CHECK_STR(said(&in),
		  "Mondays are your lowest day: 5.0 on average over 4 "
		  "entries.\n"
		  "Fridays are your highest day: 5.8 on average over 4 "
		  "entries.\n");

	/* Mondays and Tuesdays both 3.0: no lowest day, a highest one */
	insights_init(&in, 10, FAR);
	weeks_of(&in, low, low, high);
	CHECK_STR(said(&in),
		  "Fridays are your highest day: 7.5 on average over 4 "
		  "entries.\n");
}

/* A tag's name as a site might show it: its key, folded. */
static const char *folded(int kind, const struct tally *t,
			  const void *data)
{
	(void)data;
	return kind == INSIGHT_TAG ? t->key : NULL;
}

/*
 * Entries two days apart (no run of days, and no weekday with 4 moods
 * among 19): conflict 2 3 2 3 3 2 3, friends (feeling calm) 8 five
 * times, work 1 four times, three more of 6, the goal boundaries on
 * the three of 6 and two of conflict's.
 */
static void groups_of(struct insights *in)
{
	static const int conflict[] = { 2, 3, 2, 3, 3, 2, 3 };
	long day = MON;

	for (int i = 0; i < 7; i++, day += 2)
		add(in, day, conflict[i], i % 2 ? "conflict" : "Conflict",
		    "hurt", i < 2 ? "boundaries" : "");
	for (int i = 0; i < 5; i++, day += 2)
		add(in, day, 8, "friends", "calm", "");
	for (int i = 0; i < 4; i++, day += 2)
		add(in, day, 1, "work", "", "");
	for (int i = 0; i < 3; i++, day += 2)
		add(in, day, 6, "", "", "boundaries");
}

static void test_groups(void)
{
	struct insights in;

	/*
	 * All: 18 + 40 + 4 + 18 = 80 over 19, 4.21. conflict 18/7 = 2.57,
	 * 1.64 below (Conflict and conflict are one, named as first
	 * written); friends and calm 8, 3.79 above, as far: the tag first.
	 * work is 3.21 below but has 4 moods; boundaries has 5, (2 + 3 +
	 * 18)/5 = 4.6, but only 0.39 above; hurt is conflict's 2.57.
	 */
	insights_init(&in, 10, FAR);
	groups_of(&in);
	CHECK_STR(said(&in),
		  "Entries tagged friends average 8.0, against 4.2 overall "
		  "(5 entries).\n"
		  "Entries with the feeling calm average 8.0, against 4.2 "
		  "overall (5 entries).\n"
		  "Entries tagged Conflict average 2.6, against 4.2 overall "
		  "(7 entries).\n"
		  "Entries with the feeling hurt average 2.6, against 4.2 "
		  "overall (7 entries).\n");
	/* names the caller gives */
	insights_init(&in, 10, FAR);
	groups_of(&in);
	CHECK_STR(said_by(&in, folded),
		  "Entries tagged friends average 8.0, against 4.2 overall "
		  "(5 entries).\n"
		  "Entries with the feeling calm average 8.0, against 4.2 "
		  "overall (5 entries).\n"
		  "Entries tagged conflict average 2.6, against 4.2 overall "
		  "(7 entries).\n"
		  "Entries with the feeling hurt average 2.6, against 4.2 "
		  "overall (7 entries).\n");

	/*
	 * On one day: tags a..e, five entries of 10 each, and 25 of 1:
	 * all 5.5, every tag 4.5 above; at most four, by name. A goal
	 * of five entries of 1 is 4.5 below, as far: a tag comes first.
	 */
	insights_init(&in, 10, FAR);
	for (int i = 0; i < 25; i++) {
		char tag[2] = { (char)('a' + i % 5), 0 };

		add(&in, MON, 10, tag, "", "");
		add(&in, MON, 1, "", "", i < 5 ? "rest" : "");
	}
	CHECK_STR(said(&in),
		  "Entries tagged a average 10.0, against 5.5 overall "
		  "(5 entries).\n"
		  "Entries tagged b average 10.0, against 5.5 overall "
		  "(5 entries).\n"
		  "Entries tagged c average 10.0, against 5.5 overall "
		  "(5 entries).\n"
		  "Entries tagged d average 10.0, against 5.5 overall "
		  "(5 entries).\n");

	/*
	 * 1.5 points from the mean is enough on 1-10: five of 7 tagged
	 * calm and five of 4: all 5.5, calm 1.5 above and 4 1.5 below
	 */
	insights_init(&in, 10, FAR);
	for (int i = 0; i < 5; i++) {
		add(&in, MON + 2 * i, 7, "", "", "calm");
		add(&in, MON + 2 * i + 20, 4, "", "", "");
	}
	CHECK_STR(said(&in),
		  "Entries linked to the goal calm average 7.0, against 5.5 "
		  "overall (5 entries).\n");
	/* 6 and 4: 1 from the mean of 5, not enough */
	insights_init(&in, 10, FAR);
	for (int i = 0; i < 5; i++) {
		add(&in, MON + 2 * i, 6, "calm", "", "");
		add(&in, MON + 2 * i + 20, 4, "", "", "");
	}
	CHECK_STR(said(&in), "");
	/* but on 1-5 it is over 15% of the scale (0.75) */
	insights_init(&in, 5, FAR);
	for (int i = 0; i < 5; i++) {
		add(&in, MON + 2 * i, 6, "calm", "", "");
		add(&in, MON + 2 * i + 20, 4, "", "", "");
	}
	CHECK_STR(said(&in),
		  "Entries tagged calm average 6.0, against 5.0 overall "
		  "(5 entries).\n");
	/* without a mood an entry is in no group */
	insights_init(&in, 10, FAR);
	for (int i = 0; i < 9; i++)
		add(&in, MON + 2 * i, i < 4 ? 9 : 0, "calm", "", "");
	add(&in, MON + 30, 1, "", "", "");
	CHECK_STR(said(&in), "");
}

static void test_trend(void)
{
	long t = MON + 100;	/* today */
	struct insights in;

	/*
	 * The last 4 weeks are days t-27..t, the 4 before t-55..t-28:
	 * 6 7 6 7 on t, t-2, t-4, t-27 is 6.5; 4 5 4 5 on t-28, t-30,
	 * t-32, t-55 is 4.5. A 1 on t-56 and one on t+1 are in neither.
	 * No weekday has 4 moods, no run 3 days.
	 */
	insights_init(&in, 10, t);
	add(&in, t, 6, "", "", "");
	add(&in, t - 2, 7, "", "", "");
	add(&in, t - 4, 6, "", "", "");
	add(&in, t - 27, 7, "", "", "");
	add(&in, t - 28, 4, "", "", "");
	add(&in, t - 30, 5, "", "", "");
	add(&in, t - 32, 4, "", "", "");
	add(&in, t - 55, 5, "", "", "");
	add(&in, t - 56, 1, "", "", "");
	add(&in, t + 1, 1, "", "", "");
	CHECK_STR(said(&in),
		  "The last 4 weeks average 6.5, up from 4.5 in the 4 weeks "
		  "before (4 and 4 entries).\n");

	/* the other way round */
	insights_init(&in, 10, t);
	add(&in, t, 4, "", "", "");
	add(&in, t - 2, 5, "", "", "");
	add(&in, t - 4, 4, "", "", "");
	add(&in, t - 27, 5, "", "", "");
	add(&in, t - 28, 6, "", "", "");
	add(&in, t - 30, 7, "", "", "");
	add(&in, t - 32, 6, "", "", "");
	add(&in, t - 55, 7, "", "", "");
	CHECK_STR(said(&in),
		  "The last 4 weeks average 4.5, down from 6.5 in the 4 weeks "
		  "before (4 and 4 entries).\n");

	/* 5 5 5 5 against 5 5 6 6 6 (5.6): 0.6 apart, close */
	insights_init(&in, 10, t);
	for (int i = 0; i < 4; i++)
		add(&in, t - 6 * i, 5, "", "", "");
	for (int i = 0; i < 5; i++)
		add(&in, t - 28 - 6 * i, i < 2 ? 5 : 6, "", "", "");
	CHECK_STR(said(&in),
		  "The last 4 weeks average 5.0, close to the 5.6 of the 4 "
		  "weeks before (4 and 5 entries).\n");

	/*
	 * three moods in the last weeks are too few: an entry without a
	 * mood does not count
	 */
	insights_init(&in, 10, t);
	for (int i = 0; i < 4; i++) {
		add(&in, t - 6 * i, i ? 9 : 0, "", "", "");
		add(&in, t - 28 - 6 * i, 2, "", "", "");
	}
	CHECK_STR(said(&in), "");
}

static void test_streak(void)
{
	struct insights in;

	/*
	 * Runs of 3 (MON..MON+2), 4 (MON+10..13, one day twice, one
	 * without a mood) and 4 again (MON+20..23), given out of order:
	 * the latest of the longest
	 */
	insights_init(&in, 10, FAR);
	for (int d = 23; d >= 20; d--)
		add(&in, MON + d, 0, "", "", "");
	for (int d = 0; d < 3; d++)
		add(&in, MON + d, 5, "", "", "");
	for (int d = 10; d < 14; d++)
		add(&in, MON + d, d == 11 ? 0 : 5, "", "", "");
	add(&in, MON + 12, 6, "", "", "");
	CHECK_STR(said(&in),
		  "The longest run of days with an entry is 4 days, from 22 "
		  "Mar 2026 to 25 Mar 2026.\n");

	/* over the end of a year: 30 December 2025 to 2 January 2026 */
	insights_init(&in, 10, FAR);
	for (long d = 20455; d >= 20452; d--)
		add(&in, d, 0, "", "", "");
	CHECK_STR(said(&in),
		  "The longest run of days with an entry is 4 days, from 30 "
		  "Dec 2025 to 2 Jan 2026.\n");

	/* two days in a row, twice: too short */
	insights_init(&in, 10, FAR);
	add(&in, MON, 5, "", "", "");
	add(&in, MON + 1, 5, "", "", "");
	add(&in, MON + 1, 5, "", "", "");
	add(&in, MON + 5, 5, "", "", "");
	add(&in, MON + 6, 5, "", "", "");
	CHECK_STR(said(&in), "");
}

static void test_all(void)
{
	static const int low[4] = { 2, 3, 3, 4 }, mid[4] = { 5, 5, 6, 6 },
		high[4] = { 7, 7, 8, 8 };
	struct insights in;
	struct strvec sv = STRVEC_INIT;

	/*
	 * The weeks of test_weekdays() and three days of 5 in a row after
	 * them, MON+47..49, a Saturday, a Sunday and a Monday: Sundays now
	 * have 4 moods, 8/4 = 2.0, the lowest; Mondays 17/5 = 3.4. Today
	 * the last of them: MON+22..49 are the last 4 weeks (Tuesday 6,
	 * Friday 8, Sundays 1 1 1 5, Saturday 5, Monday 5: 32/8 = 4.0) and
	 * MON-6..21 the 4 before (Mondays 2 3 3 4, Tuesdays 5 5 6, Fridays
	 * 7 7 8: 50/10 = 5.0), 1 point, a tenth of the scale, lower. Runs
	 * of 2 days before, and MON+47..49.
	 */
	insights_init(&in, 10, MON + 49);
	weeks_of(&in, low, mid, high);
	add(&in, MON + 47, 5, "", "", "");
	add(&in, MON + 48, 5, "", "", "");
	add(&in, MON + 49, 5, "", "", "");
	CHECK_STR(said(&in),
		  "Sundays are your lowest day: 2.0 on average over 4 "
		  "entries.\n"
		  "Fridays are your highest day: 7.5 on average over 4 "
		  "entries.\n"
		  "The last 4 weeks average 4.0, down from 5.0 in the 4 weeks "
		  "before (8 and 10 entries).\n"
		  "The longest run of days with an entry is 3 days, from 18 "
		  "Apr 2026 to 20 Apr 2026.\n");

	/* nothing: no sentence, and in can be released twice */
	insights_init(&in, 10, MON);
	insights_say(&in, NULL, NULL, &sv);
	CHECK_INT(sv.nr, 0);
	insights_release(&in);
	insights_release(&in);
	/* entries with no mood: only a run */
	insights_init(&in, 10, MON + 2);
	for (int d = 0; d < 3; d++)
		add(&in, MON + d, 0, "a", "b", "c");
	CHECK_STR(said(&in),
		  "The longest run of days with an entry is 3 days, from 2 "
		  "Mar 2026 to 4 Mar 2026.\n");
}

int main(void)
{
	test_weekdays();
	test_groups();
	test_trend();
	test_streak();
	test_all();
	return unit_done();
}
