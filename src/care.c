#include "care.h"
#include "buf.h"
#include "error.h"
#include "fs.h"
#include "goals.h"
#include "index.h"
#include "journal.h"
#include "output.h"
#include "query.h"
#include "util.h"
#include "vault.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the milestones of a low day wait (vault_name() of it). */
#define HELD_FILE ".tend/care-held"

/* The most of it tend reads: a line a goal, a few goals a day. */
#define HELD_MAX (64 * 1024)

/* The most of the plan shown in the reply. */
#define PLAN_LINES 8

/* What tend says when [care] does not say it in the user's words. */
static const char default_message[] =
	"That sounds like a very hard day. Thank you for writing it down; "
	"go gently with yourself now.";
static const char default_no_plan[] =
	"If you might be in danger, call your local emergency number now. "
	"On a calmer day, 'tend plan' helps you write down what helps you "
	"and who you can call.";
static const char default_ground[] =
	"If it would help right now, 'tend ground' takes a few minutes to "
	"steady you.";

/* The moods of one day, added up. */
struct day_moods {
	long day;
	long sum, n;
	int lowest;		/* 0 when none */
};

static int add_mood(const struct entry *e, void *data)
{
	struct day_moods *d = data;

	if (!e->mood || !e->has_date || day_of(e->date.t) != d->day)
		return 0;
	d->sum += e->mood;
	d->n++;
	if (!d->lowest || e->mood < d->lowest)
		d->lowest = e->mood;
	return 0;
}

int care_is_low(struct ctx *ctx, const struct entry *e)
{
	struct filter f;
	struct day_moods d = { 0, 0, 0, 0 };
	int low = config_care_low(&ctx->cfg), rc;

	if (ctx->cfg.care_quiet || low < 1)
		return 0;
	if (e->mood && e->mood <= low)
		return 1;
	/*
	 * a mood may bring the day's mean down: that is worth building the
	 * index for; a note without one only asks of the index there is
	 */
	if (!e->has_date ||
	    (e->mood ? index_ready(ctx) : index_if_built(ctx)) != 0)
		return 0;
	/* the entry is in the index by now: its day, a day either side */
	d.day = day_of(e->date.t);
	filter_init(&f);
	f.has_from = f.has_to = 1;
	f.from = e->date.t - 2 * DAY_SECONDS;
	f.to = e->date.t + 2 * DAY_SECONDS;
	rc = query_each(ctx, &f, add_mood, &d);
	filter_release(&f);
	return rc == 0 && d.n && d.sum <= (long)low * d.n;
}

/* The most of a line of the plan shown, in bytes. */
#define PLAN_WIDTH 100

/* A line of the plan for the terminal: cleaned, cut at PLAN_WIDTH. */
static char *plan_line(const char *s, size_t len)
{
	struct buf clean = BUF_INIT;
	char *raw = xstrndup(s, len);

	output_clean(&clean, raw);
	free(raw);
	if (clean.len > PLAN_WIDTH) {
		size_t cut = PLAN_WIDTH;

		while (cut && (clean.s[cut] & 0xc0) == 0x80)
			cut--;	/* not inside a character */
		buf_setlen(&clean, cut);
		buf_adds(&clean, "...");
	}
	return buf_detach(&clean, NULL);
}

/*
 * The first lines of the user's plan, after its title, into out; 0 when
 * there is no plan or it is only headings.
 */
static int plan_lines(struct ctx *ctx, struct strvec *out)
{
	struct buf rel = BUF_INIT, text = BUF_INIT;
	const char *p, *end;
	int filled = 0, more = 0;

	vault_name(ctx, PLAN_FILE, &rel);
	if (vault_read(ctx, rel.s, PLAN_MAX, &text, FS_MISSING_OK |
		       FS_QUIET) != 0)
		goto out;
	for (p = text.s, end = text.s + text.len; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line;

		while (len && (p[len - 1] == '\r' || p[len - 1] == ' '))
			len--;
		line = plan_line(p, len);
		p = nl ? nl + 1 : end;
		if (!*line || (!out->nr && starts_with(line, "# "))) {
			free(line);
			continue;
		}
		if (line[0] != '#')
			filled = 1;
		if (out->nr < PLAN_LINES)
			strvec_push(out, line);
		else
			more = 1;
		free(line);
	}
	if (more)
		strvec_push(out, "...");
out:
	buf_release(&rel);
	buf_release(&text);
	if (!filled)
		strvec_clear(out);
	return filled;
}

/* Is there a plan with words in it (not only its headings)? */
static int plan_there(struct ctx *ctx)
{
	struct strvec lines = STRVEC_INIT;
	int there = plan_lines(ctx, &lines);

	strvec_clear(&lines);
	return there;
}

void care_reply(struct ctx *ctx)
{
	const struct config *c = &ctx->cfg;
	struct strvec plan = STRVEC_INIT;

	fflush(stdout);
	fputc('\n', stderr);
	output_wrap(stderr, "", c->care_message ? c->care_message
						: default_message, 72);
	/* the plan's people and numbers are for the person, not a log */
	if (!ctx->err_tty && plan_there(ctx)) {
		fputs("Your plan for the hard moments: tend plan show\n",
		      stderr);
	} else if (ctx->err_tty && plan_lines(ctx, &plan)) {
		fputs("\nFrom your plan (all of it: tend plan show):\n",
		      stderr);
		for (size_t i = 0; i < plan.nr; i++)
			fprintf(stderr, "  %s\n", plan.v[i]);
		fputc('\n', stderr);
	} else {
		output_wrap(stderr, "", c->care_no_plan ? c->care_no_plan
							: default_no_plan, 72);
	}
	output_wrap(stderr, "", c->care_ground ? c->care_ground
					       : default_ground, 72);
	strvec_clear(&plan);
}

void care_hold_milestones(struct ctx *ctx, const struct strvec *goals,
			  const unsigned *before)
{
	struct buf rel = BUF_INIT, text = BUF_INIT;
	unsigned *now = xcalloc(goals->nr + 1, sizeof(*now));
	size_t had;

	goals_reached(ctx, goals, now);
	vault_name(ctx, HELD_FILE, &rel);
	if (journal_lock(ctx) < 0)
		goto out;
	if (vault_read(ctx, rel.s, HELD_MAX, &text, FS_MISSING_OK) < 0 ||
	    text.len > HELD_MAX)
		goto out;
	had = text.len;
	for (size_t i = 0; i < goals->nr; i++)
		if (now[i] & ~before[i])
			buf_addf(&text, "%u %s\n", now[i] & ~before[i],
				 goals->v[i]);
	if (text.len > had && vault_write(ctx, rel.s, text.s, text.len) < 0)
		warning("the milestones of today could not be kept for "
			"later; 'tend goal show' lists them");
out:
	journal_unlock(ctx);
	free(now);
	buf_release(&rel);
	buf_release(&text);
}

void care_announce_held(struct ctx *ctx)
{
	struct buf rel = BUF_INIT, text = BUF_INIT;
	struct strvec goals = STRVEC_INIT;
	unsigned *before = NULL;
	size_t n = 0;
	const char *p;

	vault_name(ctx, HELD_FILE, &rel);
	if (journal_lock(ctx) < 0)
		goto out;
	if (vault_read(ctx, rel.s, HELD_MAX, &text, FS_MISSING_OK |
		       FS_QUIET) != 0)
		goto out;
	for (p = text.s; *p; ) {
		char *end;
		unsigned long bits = strtoul(p, &end, 10);
		const char *nl = strchrnul(end, '\n');

		if (*end == ' ' && nl > end + 1) {
			char *id = xstrndup(end + 1, (size_t)(nl - end - 1));

			before = xrealloc(before, (n + 1) * sizeof(*before));
			before[n++] = ~(unsigned)bits;
			strvec_push(&goals, id);
			free(id);
		}
		p = *nl ? nl + 1 : nl;
	}
	goals_announce(ctx, &goals, before);
	fs_remove_in(ctx->root, rel.s);
out:
	journal_unlock(ctx);
	free(before);
	strvec_clear(&goals);
	buf_release(&rel);
	buf_release(&text);
}

void care_after_edit(struct ctx *ctx, const char *rel)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;
	char *id = entry_path_id(rel);

	entry_init(&e);
	e.id = id;
	if (vault_read(ctx, rel, ENTRY_MAX_BYTES, &e.text, FS_QUIET) == 0 &&
	    entry_parse(&e, ctx->cfg.mood_scale, &err) == 0 &&
	    e.mood && care_is_low(ctx, &e))
		care_reply(ctx);
	fm_error_release(&err);
	entry_release(&e);
}
