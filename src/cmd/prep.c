/*
 * tend prep: a page to bring to a therapy session. What happened since
 * the last session: how many entries, how the mood went and how it
 * compares with the time before, the lowest and highest days, the
 * feelings and tags that came up most, each active goal, the entries
 * marked to share in full, and the prompts answered. Private entries are
 * never in it.
 */
#include "cmd.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "goal.h"
#include "index.h"
#include "output.h"
#include "goals.h"
#include "query.h"
#include "redact.h"
#include "render.h"
#include "stats.h"
#include "termchart.h"
#include "util.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_prep_help[] =
"usage: tend prep [--since WHEN] [--format md|html] [-o FILE] [--redact]\n"
"\n"
"A page to take to your next therapy session, in Markdown or HTML: what\n"
"you wrote since your last session (the last entry tagged 'session' or\n"
"'session-digest'; else the last 14 days): how many entries, your mood\n"
"with a sparkline and how it compares with the same time before, the\n"
"lowest and highest days, the feelings and tags that came up most, each\n"
"active goal with its entries and ratings, every entry marked 'share:\n"
"true' in full, and the prompts you answered. Private entries are never\n"
"in it.\n"
"\n"
"  --since WHEN   start there instead (today, 2 weeks ago, 2026-11-01)\n"
"  --format FORM  md (the default), or html: one page to open or print,\n"
"                 its style inline, loading nothing from anywhere\n"
"  -o FILE        write it to FILE (mode 0600) instead of the terminal\n"
"  --redact       replace the names of [share] redact in tend.ini\n";

enum { OPT_SINCE = 1, OPT_FORMAT, OPT_REDACT };

const char cmd_prep_shortopts[] = ":o:";
const struct option cmd_prep_options[] = {
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "redact", no_argument, NULL, OPT_REDACT },
	{ NULL, 0, NULL, 0 }
};

#define DEFAULT_DAYS 14
#define TOP 5		/* feelings and tags shown */

/* One entry of the period, as much as the page needs. */
struct item {
	char *id, *path, *title, *prompt;
	time_t when;
	int mood, share;
	struct strvec goals, ratings;	/* ratings: goal, value, ... */
};

/* What is gathered from the entries of the period. */
struct period {
	struct item *v;
	size_t nr, alloc;
	struct tallies feelings, tags;	/* how often each came up */
	struct tally before;	/* the moods of the period before */
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Take one entry of the period (oldest first). */
static int take(const struct entry *e, void *data)
{
	struct period *p = data;
	struct item *it;

	ALLOC_GROW(p->v, p->nr + 1, p->alloc);
	it = &p->v[p->nr++];
	memset(it, 0, sizeof(*it));
	it->id = xstrdup(e->id);
	it->path = xstrdup(e->path);
	it->title = dup_or_null(e->title);
	it->prompt = dup_or_null(e->prompt);
	it->when = e->date.t;
	it->mood = e->mood;
	it->share = e->share;
	for (size_t i = 0; i < e->goals.nr; i++)
		strvec_push(&it->goals, e->goals.v[i]);
	for (size_t i = 0; i < e->ratings.nr; i++)
		strvec_push(&it->ratings, e->ratings.v[i]);
	for (size_t i = 0; i < e->feelings.nr; i++)
		tallies_add(&p->feelings, e->feelings.v[i], 0, 0);
	for (size_t i = 0; i < e->tags.nr; i++)
		tallies_add(&p->tags, e->tags.v[i], 0, 0);
	return 0;
}

/* Take the mood of one entry of the period before. */
static int take_before(const struct entry *e, void *data)
{
	struct period *p = data;

	if (e->mood)
		tally_add(&p->before, e->mood);
	return 0;
}

static void period_release(struct period *p)
{
	for (size_t i = 0; i < p->nr; i++) {
		free(p->v[i].id);
		free(p->v[i].path);
		free(p->v[i].title);
		free(p->v[i].prompt);
		strvec_clear(&p->v[i].goals);
		strvec_clear(&p->v[i].ratings);
	}
	free(p->v);
	tallies_release(&p->feelings);
	tallies_release(&p->tags);
}

/* The newest entry tagged session or session-digest (title NULL: none). */
struct last_session {
	time_t when;
	char *title;
};

static int take_session(const struct entry *e, void *data)
{
	struct last_session *s = data;

	if (e->date.t > s->when || !s->title) {
		s->when = e->date.t;
		free(s->title);
		s->title = xstrdup(e->title ? e->title : e->id);
	}
	return 0;
}

static int find_last_session(struct ctx *ctx, struct last_session *s)
{
	static const char *const tags[] = { "session", "session-digest" };
	int rc = 0;

	for (int k = 0; k < 2 && !rc; k++) {
		struct filter f;

		filter_init(&f);
		strvec_push(&f.tags, tags[k]);
		f.no_private = 1;
		f.limit = 1;	/* the newest */
		f.has_to = 1;
		f.to = ctx->now;
		rc = query_each(ctx, &f, take_session, s);
		filter_release(&f);
	}
	return rc;
}

/* Entries between from and to (inclusive), never the private ones. */
static int gather(struct ctx *ctx, time_t from, time_t to,
		  int (*fn)(const struct entry *, void *), void *data)
{
	struct filter f;
	int rc;

	filter_init(&f);
	f.has_from = f.has_to = 1;
	f.from = from;
	f.to = to;
	f.no_private = 1;
	f.reverse = 1;	/* oldest first */
	rc = query_each(ctx, &f, fn, data);
	filter_release(&f);
	return rc;
}

static const char *title_of(const struct item *it)
{
	return it->title ? it->title : it->id;
}

/* "2026-11-12 \"After the call\"" for an entry. */
static void add_entry_ref(struct buf *out, const struct item *it)
{
	day_format(it->when, out);
	buf_addf(out, " \"%s\"", title_of(it));
}

/* "- Lowest day: 2026-11-12, mood 2.5: "A", "B"": a day and its entries. */
static void write_day(struct buf *out, const struct period *p,
		      const struct chart_day *d, const char *what)
{
	int listed = 0;

	buf_addf(out, "- %s day: ", what);
	day_number_format(d->day, out);
	buf_addf(out, ", mood %.1f:", d->value);
	for (size_t i = 0; i < p->nr; i++)
		if (p->v[i].mood && day_of(p->v[i].when) == d->day)
			buf_addf(out, "%s \"%s\"", listed++ ? "," : "",
				 title_of(&p->v[i]));
	buf_addch(out, '\n');
}

/* The mood part: figures, the sparkline, the change, low and high days. */
static void write_mood(struct buf *out, const struct period *p,
		       time_t from, time_t to, int scale)
{
	struct sample *s = xcalloc(p->nr + 1, sizeof(*s));
	struct mood_stats st;
	struct chart_day *days;
	size_t n = 0, nd, a, b, lo = 0, hi = 0;
	long first = day_of(from), len = day_of(to) - first + 1;
	double *values;

	for (size_t i = 0; i < p->nr; i++)
		if (p->v[i].mood) {
			s[n].when = p->v[i].when;
			s[n++].mood = p->v[i].mood;
		}
	if (!n) {
		buf_adds(out, "No entry in this time has a mood.\n\n");
		free(s);
		return;
	}
	days = daily_of_samples(s, n, &nd);
	mood_stats(s, n, &st);
	buf_addf(out, "- Mood: mean %.1f of %d (median %.1f, lowest %d, "
		 "highest %d) in %zu entr%s with a mood.\n", st.mean, scale,
		 st.median, st.min, st.max, n, n == 1 ? "y" : "ies");
	if (p->before.count) {
		double before = tally_mean(&p->before);
		double change = st.mean - before;

		buf_addf(out, "- The same length of time before: %.1f, so ",
			 before);
		if (fabs(change) < 0.05)
			buf_adds(out, "about the same.\n");
		else
			buf_addf(out, "%s %.1f.\n", change > 0 ? "up" : "down",
				 fabs(change));
	} else {
		buf_adds(out, "- No moods in the same length of time before, "
			 "to compare with.\n");
	}

	/* one character a day: its mean mood, a space for none */
	if (len < 1)
		len = 1;
	values = xcalloc((size_t)len, sizeof(*values));
	daily_spread(days, nd, first, (size_t)len, values);
	buf_adds(out, "\n    ");
	termchart_spark(values, (size_t)len, 1, scale, 1, out);
	buf_adds(out, "\n    ");
	day_format(from, out);
	buf_adds(out, " to ");
	day_format(to, out);
	buf_adds(out, ", a day a mark\n\n");

	/*
	 * the lowest and highest of those days: an entry is of the period
	 * by its own clock, which may put it on a local day outside
	 */
	for (a = 0; a < nd && days[a].day < first; a++)
		;
	for (b = a; b < nd && days[b].day < first + len; b++)
		;
	if (a < b) {
		daily_extremes(days + a, b - a, &lo, &hi);
		for (int k = 0; k < 2; k++)
			write_day(out, p, &days[a + (k ? hi : lo)],
				  k ? "Highest" : "Lowest");
		buf_addch(out, '\n');
	}
	free(values);
	free(days);
	free(s);
}

/* The TOP words of c that came up most, how often each. */
static void write_counts(struct buf *out, const char *what,
			 struct tallies *c)
{
	if (!c->nr)
		return;
	tallies_sort(c, TALLY_COUNT);
	buf_addf(out, "- %s most often: ", what);
	for (size_t i = 0; i < c->nr && i < TOP; i++)
		buf_addf(out, "%s%s (%ld)", i ? ", " : "", c->v[i].key,
			 c->v[i].count);
	buf_adds(out, ".\n");
}

/* What active_goals() gathers: the goals' IDs and titles. */
struct goal_titles {
	struct strvec *ids, *titles;
};

static void add_goal_title(const struct goal *g, void *data)
{
	struct goal_titles *gt = data;

	strvec_push(gt->ids, g->id);
	strvec_push(gt->titles, g->title ? g->title : g->id);
}

/* The active goals, by ID, and their titles. */
static void active_goals(struct ctx *ctx, struct strvec *ids,
			 struct strvec *titles)
{
	struct goal_titles gt = { ids, titles };

	goals_each_active(ctx, add_goal_title, &gt);
}

static void write_goals(struct ctx *ctx, struct buf *out,
			const struct period *p)
{
	struct strvec ids = STRVEC_INIT, titles = STRVEC_INIT;

	active_goals(ctx, &ids, &titles);
	if (!ids.nr) {
		strvec_clear(&ids);
		strvec_clear(&titles);
		return;
	}
	buf_adds(out, "## Goals\n\n");
	for (size_t g = 0; g < ids.nr; g++) {
		long n = 0, rated = 0;

		buf_addf(out, "### %s (%s)\n\n", titles.v[g], ids.v[g]);
		for (size_t i = 0; i < p->nr; i++) {
			if (strvec_find(&p->v[i].goals, ids.v[g]) < 0)
				continue;
			buf_adds(out, "- ");
			add_entry_ref(out, &p->v[i]);
			buf_addch(out, '\n');
			n++;
		}
		if (!n)
			buf_adds(out, "No entries named it in this time.\n");
		for (size_t i = 0; i < p->nr; i++) {
			const struct strvec *r = &p->v[i].ratings;

			for (size_t k = 0; k + 1 < r->nr; k += 2) {
				if (strcmp(r->v[k], ids.v[g]))
					continue;
				buf_adds(out, rated++ ? ", " : "\nRated ");
				day_format(p->v[i].when, out);
				buf_addf(out, " %s/5", r->v[k + 1]);
			}
		}
		buf_adds(out, rated ? ".\n\n" : "\n");
	}
	strvec_clear(&ids);
	strvec_clear(&titles);
}

/*
 * Append an entry's body with its headings three levels down, under the
 * page's own (a "# Heading" becomes "#### Heading"); code blocks stay.
 */
static void add_demoted(struct buf *out, const char *s, size_t len)
{
	const char *end = s + len;
	int fenced = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
		size_t hashes = 0;

		if (n >= 3 && (!strncmp(s, "```", 3) || !strncmp(s, "~~~", 3)))
			fenced = !fenced;
		while (hashes < n && s[hashes] == '#')
			hashes++;
		if (!fenced && hashes >= 1 && hashes <= 6 &&
		    (hashes == n || s[hashes] == ' ' || s[hashes] == '\n'))
			buf_adds(out, hashes <= 3 ? "###" : "");
		buf_add(out, s, n);
		s += n;
	}
}

/* Every entry marked to share, in full. Returns 0 or a failure. */
static int write_shared(struct ctx *ctx, struct buf *out,
			const struct period *p)
{
	int any = 0;

	for (size_t i = 0; i < p->nr; i++) {
		const struct item *it = &p->v[i];
		struct entry e;
		const char *body;
		size_t len;
		int rc;

		if (!it->share)
			continue;
		if (!any++)
			buf_adds(out, "## Marked to share\n\n");
		entry_init(&e);
		e.id = xstrdup(it->id);
		rc = entry_load(&e, ctx->root, it->path, ctx->cfg.mood_scale);
		if (rc < 0) {
			entry_release(&e);
			return rc;
		}
		buf_adds(out, "### ");
		add_entry_ref(out, it);
		buf_adds(out, "\n\n");
		body = entry_body(&e, &len);
		while (len && (*body == '\n' || *body == '\r')) {
			body++;
			len--;
		}
		while (len && strchr("\n\r \t", body[len - 1]))
			len--;
		add_demoted(out, body, len);
		buf_adds(out, "\n\n");
		entry_release(&e);
	}
	return 0;
}

static void write_prompts(struct buf *out, const struct period *p)
{
	int any = 0;

	for (size_t i = 0; i < p->nr; i++) {
		if (!p->v[i].prompt)
			continue;
		if (!any++)
			buf_adds(out, "## Prompts answered\n\n");
		buf_addf(out, "- %s (", p->v[i].prompt);
		add_entry_ref(out, &p->v[i]);
		buf_adds(out, ")\n");
	}
	if (any)
		buf_addch(out, '\n');
}

/* The first second (local time) of the day n days before t. */
static time_t days_ago(time_t t, int n)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mday -= n;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The whole page into out. Returns 0 or a failure. */
static int write_page(struct ctx *ctx, struct buf *out, time_t from,
		      const struct last_session *last, int since_given)
{
	struct period p = { 0 };
	time_t to = ctx->now, before;
	long days = day_of(to) - day_of(from);
	int rc;

	/*
	 * The time before is as many whole days as the period spans up to
	 * today, so what it holds does not change with the hour prep runs.
	 */
	before = days_ago(from, days > 0 ? (int)days : 1);
	if ((rc = gather(ctx, from, to, take, &p)) < 0 ||
	    (rc = gather(ctx, before, from - 1, take_before, &p)) < 0)
		goto out;
	buf_adds(out, "# Session prep: ");
	day_format(from, out);
	buf_adds(out, " to ");
	day_format(to, out);
	buf_adds(out, "\n\n");
	if (since_given) {
		buf_adds(out, "Since the time you asked for.\n\n");
	} else if (last->title) {
		buf_addf(out, "Since your last session entry, \"%s\" (",
			 last->title);
		day_format(last->when, out);
		buf_adds(out, ").\n\n");
	} else {
		buf_addf(out, "The last %d days (no entry is tagged 'session' "
			 "or 'session-digest' yet).\n\n", DEFAULT_DAYS);
	}
	buf_addf(out, "## How it went\n\n- %zu entr%s.\n", p.nr,
		 p.nr == 1 ? "y" : "ies");
	write_counts(out, "Feelings", &p.feelings);
	write_counts(out, "Tags", &p.tags);
	buf_addch(out, '\n');
	write_mood(out, &p, from, to, ctx->cfg.mood_scale);
	write_goals(ctx, out, &p);
	if ((rc = write_shared(ctx, out, &p)) < 0)
		goto out;
	write_prompts(out, &p);
out:
	period_release(&p);
	return rc;
}

int cmd_prep(int argc, char **argv, struct ctx *ctx)
{
	struct last_session last = { 0, NULL };
	struct buf page = BUF_INIT, clean = BUF_INIT;
	struct redactions names;
	const char *since = NULL, *file = NULL;
	struct when w;
	time_t from;
	int c, rc = 0, redact = 0, html = 0;

	while ((c = getopt_long(argc, argv, cmd_prep_shortopts,
				cmd_prep_options, NULL)) != -1) {
		if (c == OPT_SINCE) {
			since = optarg;
		} else if (c == 'o') {
			file = optarg;
		} else if (c == OPT_REDACT) {
			redact = 1;
		} else if (c == OPT_FORMAT) {
			if (strcmp(optarg, "md") && strcmp(optarg, "html"))
				return usage_error("prep", "--format takes "
						   "md or html, not '%s'",
						   optarg);
			html = !strcmp(optarg, "html");
		} else {
			return usage_option("prep", c, argv);
		}
	}
	if (optind < argc)
		return usage_error("prep", "prep takes no arguments, only "
				   "options");
	if (redact && (!ctx->cfg.redact || !*ctx->cfg.redact))
		return exit_code(error_as(FAIL_USAGE, "--redact: there are no "
					  "names to replace; list them in "
					  "tend.ini, e.g. [share] redact = "
					  "Alex=my partner, Sam"));
	if (file && !*file)
		return usage_error("prep", "-o needs a file name");
	if (since && (rc = when_parse(since, ctx->now, &w)) < 0)
		return exit_code(rc);
	if ((rc = index_ready(ctx)) < 0)
		goto out;
	index_warn_broken(ctx);	/* the entries left out */
	if (since) {
		from = w.from;
	} else {
		if ((rc = find_last_session(ctx, &last)) < 0)
			goto out;
		from = last.title ? last.when + 1 : days_ago(ctx->now,
							     DEFAULT_DAYS);
	}
	if (from > ctx->now) {
		rc = error_as(FAIL_USAGE, "--since '%s' is in the future",
			      since ? since : "");
		goto out;
	}
	if ((rc = write_page(ctx, &page, from, &last, !!since)) < 0)
		goto out;
	if (redact) {
		redact_parse(&names, ctx->cfg.redact);
		redact_text(&names, page.s, page.len, &clean);
		redact_release(&names);
		buf_reset(&page);
		buf_add(&page, clean.s, clean.len);
	}
	if (html) {
		struct strvec overrides = STRVEC_INIT;

		buf_reset(&clean);
		if (redact)
			redact_parse(&names, ctx->cfg.redact);
		rc = render_document(ctx, "Session prep", page.s, page.len,
				     redact ? &names : NULL, &clean,
				     &overrides);
		if (redact)
			redact_release(&names);
		for (size_t i = 0; i < overrides.nr; i++)
			fprintf(stderr, "tend: using your own %s\n",
				overrides.v[i]);
		strvec_clear(&overrides);
		if (rc < 0)
			goto out;
		buf_reset(&page);
		buf_add(&page, clean.s, clean.len);
	}
	if (file && strcmp(file, "-")) {
		if (fs_write_atomic(file, page.s, page.len) < 0)
			rc = FAIL;
		else
			fprintf(stderr, "tend: wrote %s\n", file);
	} else {
		output_text(ctx, page.s, page.len, 0);
	}
out:
	free(last.title);
	buf_release(&page);
	buf_release(&clean);
	return exit_code(rc);
}
