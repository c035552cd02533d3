/*
 * Queries of the index: the FILTERS of tend-list(1) (shared by list, search and
 * the commands that come later) and the entries they select, newest first
 * or ranked by a full-text search.
 */
#ifndef TEND_QUERY_H
#define TEND_QUERY_H

#include <getopt.h>
#include <stdint.h>
#include <time.h>

#include "ctx.h"
#include "entry.h"
#include "strvec.h"

/* What to select. */
struct filter {
	int has_from, has_to;
	time_t from, to;		/* inclusive */
	struct strvec tags;		/* all must be there */
	struct strvec not_tags;		/* none may be */
	struct strvec goals, feelings;	/* all must be there */
	int mood_lo, mood_hi;		/* 0 when not asked */
	int shared;			/* share: true only */
	int private_only;		/* private: true only */
	int no_private;			/* no private entries */
	long limit;			/* the newest N; -1 for all */
	long cap;			/* without limit: at most this many */
	int reverse;			/* oldest (least relevant) first */
	/*
	 * and, when not NULL, an SQL condition on the entries table (as
	 * "e") that tend writes, never the user's words: those are in
	 * cond_texts, bound in order to its '?'s
	 */
	const char *cond;
	const struct strvec *cond_texts;
};

void filter_init(struct filter *f);
void filter_release(struct filter *f);

/*
 * The long options of FILTERS, for a command's option table ("n:" goes in
 * its short options). Their values start at FILTER_OPT.
 */
enum {
	FILTER_OPT = 0x1000,
	OPT_FROM = FILTER_OPT, OPT_TO, OPT_ON, OPT_TAG, OPT_NOT_TAG, OPT_GOAL,
	OPT_FEELING, OPT_MOOD, OPT_SHARED, OPT_PRIVATE, OPT_NO_PRIVATE,
	OPT_REVERSE
};

#define FILTER_OPTIONS \
	{ "from", required_argument, NULL, OPT_FROM }, \
	{ "to", required_argument, NULL, OPT_TO }, \
	{ "on", required_argument, NULL, OPT_ON }, \
	{ "tag", required_argument, NULL, OPT_TAG }, \
	{ "not-tag", required_argument, NULL, OPT_NOT_TAG }, \
	{ "goal", required_argument, NULL, OPT_GOAL }, \
	{ "feeling", required_argument, NULL, OPT_FEELING }, \
	{ "mood", required_argument, NULL, OPT_MOOD }, \
	{ "shared", no_argument, NULL, OPT_SHARED }, \
	{ "private", no_argument, NULL, OPT_PRIVATE }, \
	{ "no-private", no_argument, NULL, OPT_NO_PRIVATE }, \
	{ "reverse", no_argument, NULL, OPT_REVERSE }

/* The lines of a command's --help that describe FILTERS. */
#define FILTER_HELP \
"Filters:\n" \
"  --from WHEN, --to WHEN  entries from or up to a time; a day counts\n" \
"                          whole: --to yesterday takes all of yesterday\n" \
"  --on WHEN               entries of that day (or month, or year)\n" \
"  --tag T                 tagged T (repeat: all of them)\n" \
"  --not-tag T             not tagged T (repeatable)\n" \
"  --goal G, --feeling F   naming a goal, a feeling (repeat: all)\n" \
"  --mood EXPR             4, <=4, >6, 3..5\n" \
"  --shared                only entries marked to share\n" \
"  --private, --no-private only private entries, or none\n" \
"  -n N                    only the newest N\n" \
"  --reverse               oldest first\n" \
"WHEN: today, yesterday, now, 3 days ago, 2 weeks ago, last week,\n" \
"last monday, 2026-11-02, 2026-11, 2026, and a time: '2026-11-02 21:30',\n" \
"'yesterday 9pm'.\n"

/*
 * Take option c (with its value) into f if it is a filter. Returns 1 when
 * it was one, 0 when it was not, or FAIL_USAGE after reporting a bad
 * value (a WHEN that cannot be read, a mood out of range).
 */
int filter_option(struct filter *f, int c, const char *value,
		  const struct ctx *ctx);

/* One entry a query found. */
struct hit {
	struct entry e;		/* the fields of tend-list(1)'s JSON object */
	uint64_t sum;		/* hash_add() of the entry's whole file */
	char *snippet;		/* search: around the match, or NULL */
	double rank;		/* search: bm25, lower is better */
};

struct hits {
	struct hit *v;
	size_t nr, alloc;
	int more;		/* the cap left some out */
};

/* Free what h holds (h zeroed, or filled by a query). */
void hit_release(struct hit *h);

void hits_clear(struct hits *h);

/*
 * Check that the FTS5 query match is within the limits of a search: at
 * most 1,000 bytes, 32 words and "phrases" (a phrase is one however long;
 * the words of a NEAR group count), 4 of them prefixes (word*). Returns
 * 0, or FAIL_USAGE after saying which limit it is over.
 */
int query_check_search(const char *match);

/*
 * The entries of the index that f selects, newest first (or, with match,
 * an FTS5 query, best first with a snippet whose matches are between
 * mark[0] and mark[1]); out->more is set when f->cap left some out.
 * Returns 0, FAIL_USAGE after reporting a query that FTS5 cannot read,
 * or FAIL.
 */
int query_run(struct ctx *ctx, const struct filter *f, const char *match,
	      const char *const mark[2], struct hits *out);

/*
 * Call fn for each entry f selects, newest first (oldest first with
 * f->reverse when there is no limit), without keeping them: for figures
 * over large journals. fn returns 0 to go on, or a failure (already
 * reported) to stop. Returns 0 or a failure.
 */
int query_each(struct ctx *ctx, const struct filter *f,
	       int (*fn)(const struct entry *e, void *data), void *data);

/*
 * A query read one entry at a time, so that any number of entries can be
 * gone through holding only one.
 */
struct query_cursor {
	struct ctx *ctx;
	struct sqlite3_stmt *st;
};

/*
 * Start reading the entries f selects: newest first, or oldest first
 * with f->reverse (with a limit too: the newest N, oldest first); f->cap
 * is not used. Returns 0 or FAIL after reporting; query_close() c either
 * way.
 */
int query_open(struct ctx *ctx, const struct filter *f,
	       struct query_cursor *c);

/*
 * Read the next entry into h (zeroed, or from an earlier call, whose
 * entry is released first). Returns 1, 0 when there are no more, or
 * FAIL after reporting.
 */
int query_next(struct query_cursor *c, struct hit *h);

/* Stop reading (safe after a failed query_open()). */
void query_close(struct query_cursor *c);

/*
 * Read the index as it is now until query_snapshot_end(), though other
 * processes write to it meanwhile: for going through the same entries
 * twice and finding the same ones. Returns 0 or FAIL after reporting.
 */
int query_snapshot_begin(struct ctx *ctx);
void query_snapshot_end(struct ctx *ctx);

#endif
