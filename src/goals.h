/*
 * The journal's goals (the files in goals/) and how each is going
 * (tend-journal(5)), derived from the entries that name it:
 * how many, first and last, the last 30 days, weekly streaks, mood early
 * and late in its life, its ratings over time, and its milestones.
 * A review (an entry tagged review, with ratings) rates the goals it
 * names and counts among their entries, but makes no streak and reaches
 * no milestone: rating a goal each week is not working on it.
 */
#ifndef TEND_GOALS_H
#define TEND_GOALS_H

#include <limits.h>
#include <time.h>

#include "ctx.h"
#include "goal.h"
#include "strvec.h"

/* A rating of the goal in one entry. */
struct rating_point {
	time_t when;
	int value;
	char *id;		/* the entry that gave it */
};

enum {
	MILESTONE_FIRST,	/* the first entry */
	MILESTONE_TENTH,	/* the tenth entry */
	MILESTONE_STREAK,	/* four weeks in a row with an entry */
	MILESTONE_ACHIEVED,	/* the goal is done */
	NMILESTONES
};

/* When a milestone was reached, and by which entry (NULL: not by one). */
struct milestone {
	time_t when;		/* 0 when not reached */
	char *id;
};

struct goal_progress {
	long count;		/* the entries that name it, reviews too */
	time_t first, last;	/* 0 when there are no entries */
	char *first_id, *last_id;
	long last30;		/* entries in the 30 days up to now */
	long streak;		/* weeks in a row with an entry that is not
				   a review, up to now */
	long longest;		/* the longest such run */
	int mood_early_n, mood_late_n;	/* entries with a mood in each half */
	double mood_early, mood_late;	/* their means */
	struct rating_point *ratings;
	size_t nratings;
	/* reached by the entries that are not reviews (and achieved) */
	struct milestone milestones[NMILESTONES];
	/*
	 * The figures hold, as the clock moves and nothing else changes,
	 * until this time (exclusive): when an entry leaves or joins the
	 * last 30 days, or the middle of the goal's life (mood_early and
	 * mood_late) passes an entry. TIME_HOLDS_EVER when none will. The
	 * weeks of a streak turn with the day, which is the caller's to
	 * watch.
	 */
	long long until;
};

/* A time no clock reaches. */
#define TIME_HOLDS_EVER LLONG_MAX

/* What a milestone is called ("first entry", ...). */
extern const char *const milestone_names[NMILESTONES];

/*
 * The progress of goal g from the journal's index, counting private
 * entries only when with_private is set (the terminal counts them; what
 * leaves it does not). Returns 0 or a failure after reporting.
 */
int goals_progress(struct ctx *ctx, const struct goal *g, int with_private,
		struct goal_progress *p);

void goals_progress_release(struct goal_progress *p);

/*
 * The last rating of goal g dated t or before, by any entry (private
 * ones too), into out: its date in out->when and its value; out->id
 * stays NULL. Returns 1, 0 when there is none, or a failure after
 * reporting.
 */
int goals_rating_before(struct ctx *ctx, const struct goal *g, time_t t,
			struct rating_point *out);

/*
 * Before a change: which milestones each of goals has reached, as bits
 * (1 << MILESTONE_*), into bits[i]. Goals without a file have none.
 */
void goals_reached(struct ctx *ctx, const struct strvec *goals,
		      unsigned *bits);

/*
 * After it: say (on stderr) each milestone a goal has reached that it had
 * not before, so each is told once, by the command that reached it.
 */
void goals_announce(struct ctx *ctx, const struct strvec *goals,
		       const unsigned *before);

/*
 * The IDs of the journal's goals, sorted: the files directly in goals/,
 * without the conflict copies a sync leaves. In an encrypted journal
 * each file is read for its id:, and one that does not read as its
 * goal's file (goal_parse_file()) is left out: 'tend check' names it.
 */
void goals_ids(struct ctx *ctx, struct strvec *ids);

/*
 * Read the goal ID's file into g (goal_init()ed) quietly: 0 when it
 * reads as a goal, else -1 (g is released). For lists that skip what
 * is broken.
 */
int goals_peek(struct ctx *ctx, const char *id, struct goal *g);

/*
 * Call fn with each active goal that reads (goals_peek()), in the
 * order of their IDs.
 */
void goals_each_active(struct ctx *ctx,
			  void (*fn)(const struct goal *g, void *data),
			  void *data);

/*
 * Read the goal ID's file (vault_goal_path()) into g, with its id and
 * path. Returns 0, FAIL_USAGE for an ID that is not one, FAIL_INVALID
 * for a file that does not read as the goal (g->path is set: it can be
 * edited), or another failure, after reporting.
 */
int goals_load(struct ctx *ctx, const char *id, struct goal *g);

#endif
