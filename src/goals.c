#include "goals.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "query.h"
#include "slug.h"
#include "stats.h"
#include "util.h"
#include "vault.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const milestone_names[NMILESTONES] = {
	"first entry", "tenth entry", "four weeks in a row", "achieved"
};

int goals_load(struct ctx *ctx, const char *id, struct goal *g)
{
	struct fm_error err = FM_ERROR_INIT;
	struct buf path = BUF_INIT;
	char *want = xstrdup(id);	/* id may be g->id itself */
	int rc = FAIL;

	if (!slug_valid(want)) {
		error_as(FAIL_USAGE, "'%s' is not a goal ID (lowercase words "
			 "and digits joined by -)", want);
		rc = FAIL_USAGE;
		goto out;
	}
	if ((rc = vault_goal_path(ctx, want, &path)) < 0)
		goto out;
	free(g->id);
	g->id = xstrdup(want);
	free(g->path);
	g->path = xstrdup(path.s);
	rc = vault_read(ctx, path.s, 1024 * 1024, &g->text, FS_MISSING_OK);
	if (rc > 0) {
		rc = error("no goal '%s' (there is no %s)", want, path.s);
	} else if (!rc && goal_parse_file(ctx, path.s, g, &err) < 0) {
		rc = error_at(path.s, err.line, err.col, "%s", err.msg.s);
	}
out:
	fm_error_release(&err);
	buf_release(&path);
	free(want);
	return rc;
}

/*
 * Read the goal file rel into g quietly. Returns 0 when it reads as a
 * goal (goal_parse_file()), else -1.
 */
static int read_goal(const struct ctx *ctx, const char *rel, struct goal *g)
{
	struct fm_error err = FM_ERROR_INIT;
	int rc = -1;

	if (vault_read(ctx, rel, ENTRY_MAX_BYTES, &g->text,
		       FS_MISSING_OK | FS_QUIET) == 0 &&
	    goal_parse_file(ctx, rel, g, &err) == 0)
		rc = 0;
	fm_error_release(&err);
	return rc;
}

void goals_ids(struct ctx *ctx, struct strvec *ids)
{
	struct strvec files = STRVEC_INIT;

	fs_walk(ctx->root, "goals", vault_md(ctx), &files, NULL);
	for (size_t i = 0; i < files.nr; i++) {
		const char *path = files.v[i];
		struct goal g;

		if (strchr(path + strlen("goals/"), '/') ||
		    strstr(path + strlen("goals/"), ".conflict-"))
			continue;
		goal_init(&g);
		if (!ctx->encrypted)
			g.id = entry_path_id(path);
		else if (read_goal(ctx, path, &g) < 0)
			goal_release(&g);	/* no ID to list it by */
		if (g.id)
			strvec_push(ids, g.id);
		goal_release(&g);
	}
	if (ctx->encrypted)
		strvec_sort(ids);
	strvec_clear(&files);
}

int goals_peek(struct ctx *ctx, const char *id, struct goal *g)
{
	struct buf path = BUF_INIT;
	int ok;

	ok = slug_valid(id) && vault_goal_path(ctx, id, &path) == 0 &&
	     read_goal(ctx, path.s, g) == 0;
	if (!ok)
		goal_release(g);
	buf_release(&path);
	return ok ? 0 : -1;
}

/*
 * Is e a review: tagged review, with ratings? A review rates goals; it
 * is not an entry about them, so it makes no streak and no milestone.
 */
static int is_review(const struct entry *e)
{
	if (!e->ratings.nr)
		return 0;
	for (size_t i = 0; i < e->tags.nr; i++)
		if (!strcasecmp(e->tags.v[i], "review"))
			return 1;
	return 0;
}

/* The rating of goal in the entry e, or 0. */
static int rating_in(const struct entry *e, const char *goal)
{
	for (size_t i = 0; i + 1 < e->ratings.nr; i += 2)
		if (!strcmp(e->ratings.v[i], goal))
			return atoi(e->ratings.v[i + 1]);
	return 0;
}

static void reach(struct goal_progress *p, int which, const struct entry *e)
{
	if (p->milestones[which].when)
		return;
	p->milestones[which].when = e->date.t;
	p->milestones[which].id = xstrdup(e->id);
}

/*
 * Weekly streaks from weeks[0..n) (sorted, each once): the longest run,
 * and the run that reaches this week.
 */
static void streaks(struct goal_progress *p, long *weeks, size_t n,
		    time_t now)
{
	long this_week = week_of(now);

	p->longest = longest_run(weeks, n);
	/* a streak lives on until a whole week passes without an entry */
	if (n && (weeks[n - 1] == this_week || weeks[n - 1] == this_week - 1))
		p->streak = run_ending(weeks, n, weeks[n - 1]);
	else
		p->streak = 0;
}

/* The figures of p hold until t at the latest. */
static void hold_until(struct goal_progress *p, time_t t)
{
	if ((long long)t < p->until)
		p->until = (long long)t;
}

int goals_progress(struct ctx *ctx, const struct goal *g, int with_private,
		struct goal_progress *p)
{
	struct filter f;
	struct hits h = { 0 };
	long *weeks = NULL, run = 0, own = 0;
	size_t nweeks = 0;
	time_t start, end, mid;
	struct tally early = { 0 }, late = { 0 };
	int rc;

	memset(p, 0, sizeof(*p));
	p->until = TIME_HOLDS_EVER;
	filter_init(&f);
	strvec_push(&f.goals, g->id);
	f.no_private = !with_private;
	f.reverse = 1;	/* oldest first */
	if ((rc = index_ready(ctx)) < 0 ||
	    (rc = query_run(ctx, &f, NULL, NULL, &h)) < 0)
		goto out;
	p->count = (long)h.nr;
	weeks = xcalloc(h.nr + 1, sizeof(*weeks));
	/* its life began when it was started, or written of, if earlier */
	start = g->has_started ? g->started.t : h.nr ? h.v[0].e.date.t : 0;
	if (h.nr && h.v[0].e.date.t < start)
		start = h.v[0].e.date.t;
	end = g->has_achieved && !strcmp(g->status, "achieved")
	      ? g->achieved.t : ctx->now;
	mid = start + (end - start) / 2;
	for (size_t i = 0; i < h.nr; i++) {
		const struct entry *e = &h.v[i].e;
		long w = week_of(e->date.t);
		int r = rating_in(e, g->id);

		if (!i)
			p->first = e->date.t;
		p->last = e->date.t;
		if (e->date.t <= ctx->now &&
		    e->date.t > ctx->now - 30 * DAY_SECONDS) {
			p->last30++;
			hold_until(p, e->date.t + 30 * DAY_SECONDS);
		} else if (e->date.t > ctx->now) {
			hold_until(p, e->date.t);
		}
		if (e->mood)
			tally_add(e->date.t < mid ? &early : &late, e->mood);
		/* the middle moves at half the clock's pace: by then at most */
		if (e->mood && end == ctx->now && e->date.t >= mid)
			hold_until(p, start + 2 * (e->date.t - start));
		if (r) {
			struct rating_point *rp;

			p->ratings = xrealloc(p->ratings, (p->nratings + 1) *
					      sizeof(*p->ratings));
			rp = &p->ratings[p->nratings++];
			rp->when = e->date.t;
			rp->value = r;
			rp->id = xstrdup(e->id);
		}
		if (is_review(e))
			continue;	/* no streak, no milestone */
		if (!nweeks || weeks[nweeks - 1] != w) {
			run = nweeks && weeks[nweeks - 1] == w - 1 ? run + 1 : 1;
			weeks[nweeks++] = w;
			if (run == 4)
				reach(p, MILESTONE_STREAK, e);
		}
		if (++own == 1)
			reach(p, MILESTONE_FIRST, e);
		if (own == 10)
			reach(p, MILESTONE_TENTH, e);
	}
	if (h.nr) {
		p->first_id = xstrdup(h.v[0].e.id);
		p->last_id = xstrdup(h.v[h.nr - 1].e.id);
	}
	p->mood_early_n = (int)early.count;
	p->mood_early = tally_mean(&early);
	p->mood_late_n = (int)late.count;
	p->mood_late = tally_mean(&late);
	streaks(p, weeks, nweeks, ctx->now);
	if (g->has_achieved && !strcmp(g->status, "achieved"))
		p->milestones[MILESTONE_ACHIEVED].when = g->achieved.t;
out:
	free(weeks);
	hits_clear(&h);
	filter_release(&f);
	return rc;
}

void goals_progress_release(struct goal_progress *p)
{
	for (size_t i = 0; i < p->nratings; i++)
		free(p->ratings[i].id);
	free(p->ratings);
	for (int i = 0; i < NMILESTONES; i++)
		free(p->milestones[i].id);
	free(p->first_id);
	free(p->last_id);
	memset(p, 0, sizeof(*p));
}

int goals_rating_before(struct ctx *ctx, const struct goal *g, time_t t,
			struct rating_point *out)
{
	struct goal_progress p;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = goals_progress(ctx, g, 1, &p)) < 0)
		return rc;
	/* oldest first: the last one up to t is the one wanted */
	for (size_t i = 0; i < p.nratings && p.ratings[i].when <= t; i++) {
		out->when = p.ratings[i].when;
		out->value = p.ratings[i].value;
		rc = 1;
	}
	goals_progress_release(&p);
	return rc;
}

/*
 * The progress of the goal named id, when it has a readable file: 1 with
 * g and p filled (the caller releases both), else 0, quietly.
 */
static int goal_progress_named(struct ctx *ctx, const char *id,
			       struct goal *g, struct goal_progress *p)
{
	goal_init(g);
	if (goals_peek(ctx, id, g) < 0)
		return 0;
	if (goals_progress(ctx, g, 1, p) == 0)
		return 1;
	goal_release(g);
	return 0;
}

static unsigned reached_bits(const struct goal_progress *p)
{
	unsigned bits = 0;

	for (int k = 0; k < NMILESTONES; k++)
		if (p->milestones[k].when)
			bits |= 1u << k;
	return bits;
}

void goals_reached(struct ctx *ctx, const struct strvec *goals,
		      unsigned *bits)
{
	for (size_t i = 0; i < goals->nr; i++) {
		struct goal g;
		struct goal_progress p;

		bits[i] = 0;
		if (!goal_progress_named(ctx, goals->v[i], &g, &p))
			continue;
		bits[i] = reached_bits(&p);
		goals_progress_release(&p);
		goal_release(&g);
	}
}

void goals_announce(struct ctx *ctx, const struct strvec *goals,
		       const unsigned *before)
{
	for (size_t i = 0; i < goals->nr; i++) {
		struct goal g;
		struct goal_progress p;
		unsigned now;

		if (!goal_progress_named(ctx, goals->v[i], &g, &p))
			continue;
		now = reached_bits(&p) & ~before[i];
		for (int k = 0; k < NMILESTONES; k++)
			if (now & 1u << k)
				fprintf(stderr, "tend: milestone for your goal "
					"'%s': %s\n", g.title,
					milestone_names[k]);
		goals_progress_release(&p);
		goal_release(&g);
	}
}

void goals_each_active(struct ctx *ctx,
			  void (*fn)(const struct goal *g, void *data),
			  void *data)
{
	struct strvec all = STRVEC_INIT;

	goals_ids(ctx, &all);
	for (size_t i = 0; i < all.nr; i++) {
		struct goal g;

		goal_init(&g);
		if (goals_peek(ctx, all.v[i], &g) < 0)
			continue;
		if (!strcmp(g.status, "active"))
			fn(&g, data);
		goal_release(&g);
	}
	strvec_clear(&all);
}
