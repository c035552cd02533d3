/*
 * Reports of the journal, made to be read: the page to take to a therapy
 * session (tend prep), and how each goal goes (tend goal list and show).
 * Each gathers what it needs from the index, with its figures worked out
 * by stats.c and goals.c, and builds Markdown, text or JSON into a
 * buffer; the commands decide where it goes.
 */
#ifndef TEND_REPORT_H
#define TEND_REPORT_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "ctx.h"

/* The days a session prep page covers when there is no session entry. */
#define PREP_DAYS 14

/* Where a session prep page starts, and why there. */
struct prep_start {
	time_t from;		/* the first second it covers */
	int asked;		/* from is a time asked for (--since) */
	time_t session;		/* else the newest session entry's date ... */
	char *title;		/* ... and its title (owned); NULL: none */
};

/*
 * Find where the page starts when no time is asked for, into s (all
 * zero before): the second after the newest entry up to now tagged
 * session or session-digest, private ones left out; else the first
 * second of the day PREP_DAYS days ago. Returns 0 or a failure after
 * reporting; prep_start_release() frees s either way.
 */
int report_prep_start(struct ctx *ctx, struct prep_start *s);

/* Free what s owns. */
void prep_start_release(struct prep_start *s);

/*
 * Append the session prep page from s->from up to now to out, in
 * Markdown: where it starts and why; how many entries, the feelings and
 * tags that came up most, the mood (its figures, the change from as
 * long a time before, a sparkline of a mark a day, the lowest and
 * highest day); each active goal with its entries and ratings of the
 * time; the entries marked to share, in full, their headings under the
 * page's; and the prompts answered. Private entries are never in it.
 * Returns 0 or a failure after reporting.
 */
int report_prep(struct ctx *ctx, const struct prep_start *s,
		struct buf *out);

/*
 * Append how the goal called id goes to out: its file's fields and its
 * progress (goals_progress(), private entries counted) as text, or with
 * json set as one JSON object and a line break. Text from the goal's
 * file is cleaned for the terminal. Returns 0 or a failure after
 * reporting (FAIL_USAGE for an ID that cannot be one).
 */
int report_goal(struct ctx *ctx, const char *id, int json, struct buf *out);

/*
 * Append the list of the goals that read (every one with all set, else
 * the active ones), in the order of their IDs, to out: a line of text
 * each (ID, status, entries, the last, weeks in a row, title), or with
 * json set a JSON array of objects, one a line. *shown is how many are
 * in it. Returns 0 or a failure after reporting; out then holds the
 * goals before the one that failed, the JSON array closed.
 */
int report_goals(struct ctx *ctx, int all, int json, struct buf *out,
		 size_t *shown);

#endif
