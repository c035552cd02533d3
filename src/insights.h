/*
 * Insights: a few plain sentences drawn from the figures of moods, for
 * `tend mood` and the site's mood and home pages (issue 18). The lowest
 * and highest weekday; the tags, feelings and goals whose entries'
 * mean mood is well above or below the mean of all; the last weeks
 * against the weeks before them; the longest run of days with an entry.
 * Each sentence is said only when the figures carry it (the minimums
 * below, which the README states too), and each describes: none
 * diagnoses or advises.
 *
 * Days are numbered as dates.h numbers them; the caller picks the clock
 * (the terminal's local day, or an entry's own on the site).
 */
#ifndef TEND_INSIGHTS_H
#define TEND_INSIGHTS_H

#include <stddef.h>

#include "stats.h"
#include "strvec.h"

/*
 * What each sentence needs at the least. The README ("Mood") and `tend
 * mood --help` state these figures: change them together.
 */
#define INSIGHT_WEEKDAY_MIN 4	/* entries with a mood on a weekday */
#define INSIGHT_WEEKDAYS_MIN 3	/* weekdays with that many, compared */
#define INSIGHT_GROUP_MIN 5	/* entries with a mood of a tag, a
				   feeling or a goal */
#define INSIGHT_GROUPS_MAX 4	/* sentences on tags, feelings, goals */
#define INSIGHT_WEEKS 4		/* the last weeks, against as many
				   before them */
#define INSIGHT_TREND_MIN 4	/* entries with a mood in each span */
#define INSIGHT_STREAK_MIN 3	/* days in a row with an entry */

/*
 * How far apart means must be, as a share of the mood scale (on 1-10:
 * 1 point and 1.5 points). INSIGHT_DAY_GAP: between the highest and
 * the lowest weekday, and for the last weeks to be up or down on the
 * ones before; INSIGHT_GROUP_GAP: between a group's mean and the mean
 * of all.
 */
#define INSIGHT_DAY_GAP 0.10
#define INSIGHT_GROUP_GAP 0.15

/* The lists of an entry whose words make groups. */
enum insight_kind { INSIGHT_TAG, INSIGHT_FEELING, INSIGHT_GOAL,
		    INSIGHT_KINDS };

/* The figures insights are drawn from, gathered an entry at a time. */
struct insights {
	int scale;		/* moods are 1..scale */
	long today;		/* the last weeks end with it */
	struct tally all;	/* every mood */
	struct tally weekdays[7];	/* Monday first */
	struct tally recent;	/* the INSIGHT_WEEKS up to today */
	struct tally before;	/* the INSIGHT_WEEKS before those */
	struct tallies groups[INSIGHT_KINDS];	/* in any case */
	long *days;		/* every entry's day, mood or not */
	size_t ndays, days_alloc;
};

/* Start in empty, for moods of 1..scale, with today's day number. */
void insights_init(struct insights *in, int scale, long today);

/*
 * Add an entry of the day numbered day, with mood (0: none) and its
 * tags, feelings and goals (each may be NULL).
 */
void insights_add(struct insights *in, long day, int mood,
		  const struct strvec *tags, const struct strvec *feelings,
		  const struct strvec *goals);

/*
 * The name a group is shown by, kind one of enum insight_kind; NULL
 * for the name it was first given. The string stays the caller's.
 */
typedef const char *(*insight_name_fn)(int kind, const struct tally *group,
				       const void *data);

/*
 * Append to out the sentences in's figures carry, in this order: the
 * lowest and highest weekday, the groups furthest from the mean (at
 * most INSIGHT_GROUPS_MAX, furthest first), the last weeks, the longest
 * run of days. Groups are named by name(kind, group, data) when name is
 * set. The sentences hold the user's words as written: escape them for
 * where they go. Sorts in's days; in stays in's to release.
 */
void insights_say(struct insights *in, insight_name_fn name,
		  const void *data, struct strvec *out);

/* Free what in holds and leave it empty. */
void insights_release(struct insights *in);

#endif
