#include "report.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "goal.h"
#include "goals.h"
#include "json.h"
#include "output.h"
#include "query.h"
#include "stats.h"
#include "strvec.h"
#include "termchart.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- session prep ------------------------------------------------------ */

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
	tallies_add_words(&p->feelings, e->feelings.v, e->feelings.nr, 0);
	tallies_add_words(&p->tags, e->tags.v, e->tags.nr, 0);
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
		buf_addf(out, "%s%s (%ld)", i ? ", " : "", c->v[i].name,
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

/* Each active goal: the entries of the period that name it, its ratings. */
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
		rc = entry_load(&e, ctx, it->path);
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

/* The prompts the entries of the period answered, each with its entry. */
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

/* Take the newest entry tagged session or session-digest into s. */
static int take_session(const struct entry *e, void *data)
{
	struct prep_start *s = data;

	if (e->date.t > s->session || !s->title) {
		s->session = e->date.t;
		free(s->title);
		s->title = xstrdup(e->title ? e->title : e->id);
	}
	return 0;
}

int report_prep_start(struct ctx *ctx, struct prep_start *s)
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
	if (!rc)
		s->from = s->title ? s->session + 1
				   : days_ago(ctx->now, PREP_DAYS);
	return rc;
}

void prep_start_release(struct prep_start *s)
{
	free(s->title);
	s->title = NULL;
}

int report_prep(struct ctx *ctx, const struct prep_start *s,
		struct buf *out)
{
	struct period p = { .feelings = { .fold = 1 }, .tags = { .fold = 1 } };
	/*
	 * To the end of today: entries are filed by their own clock, and
	 * one written just now where it is later than here is of today too.
	 */
	time_t from = s->from, to = days_ago(ctx->now, -1) - 1, before;
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
	if (s->asked) {
		buf_adds(out, "Since the time you asked for.\n\n");
	} else if (s->title) {
		buf_addf(out, "Since your last session entry, \"%s\" (",
			 s->title);
		day_format(s->session, out);
		buf_adds(out, ").\n\n");
	} else {
		buf_addf(out, "The last %d days (no entry is tagged 'session' "
			 "or 'session-digest' yet).\n\n", PREP_DAYS);
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

/* --- goals ------------------------------------------------------------- */

/* Append a goal's date as YYYY-MM-DD (or null) to JSON. */
static void json_day(struct buf *out, int has, const struct datetime *dt)
{
	if (!has) {
		buf_adds(out, "null");
		return;
	}
	buf_addch(out, '"');
	day_format(dt->t, out);
	buf_addch(out, '"');
}

/* Append "YYYY-MM-DD" of t, or "-". */
static void text_day(struct buf *out, time_t t)
{
	if (t)
		day_format(t, out);
	else
		buf_addch(out, '-');
}

/*
 * Append goal g and its progress p as a JSON object to out; full adds
 * the moods of its two halves, its ratings and its milestones.
 */
static void goal_json(const struct goal *g, const struct goal_progress *p,
		      int full, struct buf *out)
{
	buf_addch(out, '{');
	json_key(out, "id", 1);
	json_str(out, g->id);
	json_key(out, "title", 0);
	json_str(out, g->title);
	json_key(out, "status", 0);
	json_str(out, g->status);
	json_key(out, "started", 0);
	json_day(out, g->has_started, &g->started);
	json_key(out, "target", 0);
	json_day(out, g->has_target, &g->target);
	json_key(out, "achieved", 0);
	json_day(out, g->has_achieved, &g->achieved);
	json_key(out, "topics", 0);
	json_strvec(out, &g->topics);
	json_key(out, "entries", 0);
	buf_addf(out, "%ld", p->count);
	json_key(out, "first", 0);
	json_str(out, p->first_id);
	json_key(out, "last", 0);
	json_str(out, p->last_id);
	json_key(out, "last_30_days", 0);
	buf_addf(out, "%ld", p->last30);
	json_key(out, "streak_weeks", 0);
	buf_addf(out, "%ld", p->streak);
	json_key(out, "longest_streak_weeks", 0);
	buf_addf(out, "%ld", p->longest);
	if (full) {
		json_key(out, "mood_first_half", 0);
		if (p->mood_early_n)
			buf_addf(out, "%.2f", p->mood_early);
		else
			buf_adds(out, "null");
		json_key(out, "mood_second_half", 0);
		if (p->mood_late_n)
			buf_addf(out, "%.2f", p->mood_late);
		else
			buf_adds(out, "null");
		json_key(out, "ratings", 0);
		buf_addch(out, '[');
		for (size_t i = 0; i < p->nratings; i++) {
			buf_adds(out, i ? ",{" : "{");
			json_key(out, "date", 1);
			buf_addch(out, '"');
			day_format(p->ratings[i].when, out);
			buf_addch(out, '"');
			json_key(out, "rating", 0);
			buf_addf(out, "%d", p->ratings[i].value);
			json_key(out, "entry", 0);
			json_str(out, p->ratings[i].id);
			buf_addch(out, '}');
		}
		buf_addch(out, ']');
		json_key(out, "milestones", 0);
		buf_addch(out, '[');
		for (int k = 0, n = 0; k < NMILESTONES; k++) {
			if (!p->milestones[k].when)
				continue;
			buf_adds(out, n++ ? ",{" : "{");
			json_key(out, "name", 1);
			json_str(out, milestone_names[k]);
			json_key(out, "date", 0);
			buf_addch(out, '"');
			day_format(p->milestones[k].when, out);
			buf_addch(out, '"');
			json_key(out, "entry", 0);
			json_str(out, p->milestones[k].id);
			buf_addch(out, '}');
		}
		buf_addch(out, ']');
	}
	buf_addch(out, '}');
}

/* Append the text of goal show: g's fields, then how it goes (p). */
static void goal_text(const struct goal *g, const struct goal_progress *p,
		      struct buf *out)
{
	/* the title and topics as the goal's file holds them: cleaned */
	output_clean(out, g->title);
	buf_addf(out, "  (%s)\nstatus: %s", g->id, g->status);
	if (g->has_started) {
		buf_adds(out, ", since ");
		day_format(g->started.t, out);
	}
	if (g->has_target) {
		buf_adds(out, ", target ");
		day_format(g->target.t, out);
	}
	if (g->has_achieved) {
		buf_adds(out, ", achieved ");
		day_format(g->achieved.t, out);
	}
	buf_addch(out, '\n');
	if (g->topics.nr) {
		buf_adds(out, "topics:");
		for (size_t i = 0; i < g->topics.nr; i++) {
			buf_adds(out, i ? ", " : " ");
			output_clean(out, g->topics.v[i]);
		}
		buf_addch(out, '\n');
	}
	buf_addf(out, "\nentries: %ld", p->count);
	if (p->count) {
		buf_adds(out, " (first ");
		text_day(out, p->first);
		buf_adds(out, ", last ");
		text_day(out, p->last);
		buf_addch(out, ')');
	}
	buf_addf(out, "; %ld in the last 30 days\n", p->last30);
	buf_addf(out, "weeks in a row with an entry: %ld now, %ld at most\n",
		 p->streak, p->longest);
	if (p->mood_early_n || p->mood_late_n) {
		buf_adds(out, "mood of its entries: ");
		if (p->mood_early_n)
			buf_addf(out, "%.1f", p->mood_early);
		else
			buf_addch(out, '-');
		buf_adds(out, " in the first half of its life, ");
		if (p->mood_late_n)
			buf_addf(out, "%.1f", p->mood_late);
		else
			buf_addch(out, '-');
		buf_adds(out, " in the second\n");
	}
	if (p->nratings) {
		buf_adds(out, "ratings:");
		for (size_t i = 0; i < p->nratings; i++) {
			buf_adds(out, i ? ", " : " ");
			day_format(p->ratings[i].when, out);
			buf_addf(out, " %d", p->ratings[i].value);
		}
		buf_addch(out, '\n');
	}
	buf_adds(out, "milestones:");
	for (int k = 0, n = 0; k < NMILESTONES; k++) {
		if (!p->milestones[k].when)
			continue;
		buf_addf(out, "%s %s ", n++ ? "," : "", milestone_names[k]);
		day_format(p->milestones[k].when, out);
	}
	if (!p->milestones[MILESTONE_FIRST].when &&
	    !p->milestones[MILESTONE_ACHIEVED].when)
		buf_adds(out, " none yet");
	buf_addch(out, '\n');
}

int report_goals(struct ctx *ctx, int all, int json, struct buf *out,
		 size_t *shown)
{
	struct strvec ids = STRVEC_INIT;
	int rc = 0;

	*shown = 0;
	goals_ids(ctx, &ids);
	if (json)
		buf_addch(out, '[');
	for (size_t i = 0; i < ids.nr; i++) {
		struct goal g;
		struct goal_progress p;

		goal_init(&g);
		if (goals_load(ctx, ids.v[i], &g) < 0 ||
		    (!all && strcmp(g.status, "active"))) {
			goal_release(&g);
			continue;
		}
		if ((rc = goals_progress(ctx, &g, 1, &p)) < 0) {
			goal_release(&g);
			break;
		}
		if (json) {
			buf_adds(out, *shown ? ",\n" : "\n");
			goal_json(&g, &p, 0, out);
		} else {
			buf_addf(out, "%-16s %-9s %3ld entr%s, last ",
				 g.id, g.status, p.count,
				 p.count == 1 ? "y " : "ies");
			text_day(out, p.last);
			buf_addf(out, ", %ld week%s in a row  ",
				 p.streak, p.streak == 1 ? "" : "s");
			output_clean(out, g.title);
			buf_addch(out, '\n');
		}
		(*shown)++;
		goals_progress_release(&p);
		goal_release(&g);
	}
	if (json)
		buf_adds(out, *shown ? "\n]\n" : "]\n");
	strvec_clear(&ids);
	return rc;
}

int report_goal(struct ctx *ctx, const char *id, int json, struct buf *out)
{
	struct goal g;
	struct goal_progress p;
	int rc;

	goal_init(&g);
	if ((rc = goals_load(ctx, id, &g)) < 0 ||
	    (rc = goals_progress(ctx, &g, 1, &p)) < 0)
		goto out;
	if (json) {
		goal_json(&g, &p, 1, out);
		buf_addch(out, '\n');
	} else {
		goal_text(&g, &p, out);
	}
	goals_progress_release(&p);
out:
	goal_release(&g);
	return rc;
}
