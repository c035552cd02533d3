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

/* What a session prep page takes in besides the entries not private. */
struct prep_opts {
	int with_private;	/* private entries too (--include-private) */
	int with_low;		/* the lowest entries, not marked to share */
	/*
	 * else, when not NULL: ask whether to put in the nr lowest entries
	 * list names, a line each ("  2026-11-12 02:40  mood 1  TITLE",
	 * cleaned for the terminal), which are not marked to share; 1 is
	 * yes, 0 no
	 */
	int (*ask)(size_t nr, const char *list);
};

/* Where a session prep page starts, and why there. */
struct prep_start {
	time_t from;		/* the first second it covers */
	int asked;		/* from is a time asked for (--since) */
	time_t session;		/* the newest session entry's date up to
				   now (before from, when asked) ... */
	char *title;		/* ... its title (owned); NULL: none ... */
	char *path;		/* ... and its file (owned) */
};

/*
 * Find the newest entry tagged session or session-digest, into s (all
 * zero but for from and asked, as --since sets them): up to now, or
 * with s->asked before s->from; private ones only with
 * o->with_private. Without s->asked, set s->from: the second after it,
 * or with none the first second of the day PREP_DAYS days ago. Returns
 * 0 or a failure after reporting; prep_start_release() frees s either
 * way.
 */
int report_prep_start(struct ctx *ctx, const struct prep_opts *o,
		      struct prep_start *s);

/* Free what s owns. */
void prep_start_release(struct prep_start *s);

/*
 * The mood sparkline of a prep page, for the page in HTML: the marks
 * of its code block, and the same marks drawn as an inline SVG with
 * role="img" and a text alternative. Both empty when the page has none.
 */
struct prep_spark {
	struct buf text;	/* the marks, as the page has them */
	struct buf svg;		/* <svg ...>...</svg> */
};

/*
 * Append the session prep page from s->from up to now to out, in
 * Markdown: where it starts and why; how many entries, the feelings and
 * tags that came up most, the mood (its figures, the change from as
 * long a time before with what that is, a sparkline of a mark a day,
 * or over more than 13 weeks a mark a week or a few, never more than
 * 105 marks, the lowest and highest day by their daily means); the
 * entries of the lowest mood (date, mood, title, first line: those not
 * marked to share only with o->with_low or a yes from o->ask, else
 * counted as left out); the items under the "to try" heading of the
 * session entry of s; each active goal with its entries and ratings of
 * the time; the entries marked to share, in full, their headings under
 * the page's; and the prompts answered. Private entries are in it only
 * with o->with_private. With spark not NULL (its buffers begun), the
 * sparkline goes into it as well. Returns 0 or a failure after
 * reporting.
 */
int report_prep(struct ctx *ctx, const struct prep_start *s,
		const struct prep_opts *o, struct buf *out,
		struct prep_spark *spark);

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
