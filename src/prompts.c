#include "prompts.h"
#include "builtin.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "frontmatter.h"
#include "fs.h"
#include "goal.h"
#include "index.h"
#include "goals.h"
#include "query.h"
#include "stats.h"
#include "util.h"
#include "vault.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How long an answered prompt is not asked again, and the windows. */
#define NO_REPEAT_DAYS 60
#define MOOD_DAYS 7
#define TAG_DAYS 14
#define TAG_TIMES 3
/* The days after a very low day ([care] low) whose prompts are of care. */
#define CARE_DAYS 3

static struct topic *find(struct library *lib, const char *id)
{
	for (size_t i = 0; i < lib->nr; i++)
		if (!strcmp(lib->v[i].id, id))
			return &lib->v[i];
	return NULL;
}

const struct topic *library_topic(const struct library *lib, const char *id)
{
	return find((struct library *)lib, id);
}

/* The text of a scalar key of fm, or NULL. */
static const char *scalar(const struct fm *fm, const char *key)
{
	const struct fm_item *it = fm_get(fm, key);

	return it && it->val.kind == FM_SCALAR ? it->val.str : NULL;
}

/*
 * Read a topic file, text[0..len): its front matter into fm, each line
 * "- PROMPT" of its body into prompts (once). Returns 0, or -1 with err
 * saying what is wrong with the front matter.
 */
static int read_topic(const char *text, size_t len, struct fm *fm,
		      struct fm_error *err, struct strvec *prompts)
{
	const char *p, *end = text + len;

	if (fm_check_text(text, len, err) < 0 ||
	    fm_parse(fm, text, len, err) < 0)
		return -1;
	for (p = text + fm->body_off; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *s = p;

		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		if (e - s > 2 && (*s == '-' || *s == '*') && s[1] == ' ') {
			struct buf one = BUF_INIT;

			s += 2;
			while (e > s && strchr(" \t\r", e[-1]))
				e--;
			buf_add(&one, s, (size_t)(e - s));
			if (one.len)
				strvec_push_unique(prompts, one.s);
			buf_release(&one);
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

/*
 * Read a topic file (text, called name in messages) into lib as topic
 * id: its title and about, and each line "- PROMPT". Returns 0 or -1
 * after a warning.
 */
static int add_topic(struct library *lib, const char *id, const char *name,
		     const char *text, size_t len)
{
	struct fm fm;
	struct fm_error err = FM_ERROR_INIT;
	struct strvec prompts = STRVEC_INIT;
	struct topic *t;
	int rc = -1;

	fm_init(&fm);
	if (read_topic(text, len, &fm, &err, &prompts) < 0) {
		warning("%s:%d:%d: %s; its prompts are left out", name,
			err.line, err.col, err.msg.s);
		goto out;
	}
	t = find(lib, id);
	if (!t) {
		ALLOC_GROW(lib->v, lib->nr + 1, lib->alloc);
		t = &lib->v[lib->nr++];
		memset(t, 0, sizeof(*t));
		t->id = xstrdup(id);
	}
	if (scalar(&fm, "title")) {
		free(t->title);
		t->title = xstrdup(scalar(&fm, "title"));
	}
	if (scalar(&fm, "about")) {
		free(t->about);
		t->about = xstrdup(scalar(&fm, "about"));
	}
	if (!t->title)
		t->title = xstrdup(id);
	for (size_t i = 0; i < prompts.nr; i++)
		strvec_push_unique(&t->prompts, prompts.v[i]);
	if (!prompts.nr)
		warning("%s: no prompts in it (each is a line '- ...')", name);
	rc = 0;
out:
	fm_release(&fm);
	fm_error_release(&err);
	strvec_clear(&prompts);
	return rc;
}

int prompts_check(const char *name, const char *text, size_t len)
{
	struct fm fm;
	struct fm_error err = FM_ERROR_INIT;
	struct strvec prompts = STRVEC_INIT;
	int rc = 0;

	fm_init(&fm);
	if (read_topic(text, len, &fm, &err, &prompts) < 0)
		rc = error_at(name, err.line, err.col, "%s", err.msg.s);
	else if (!prompts.nr)
		rc = error_at(name, 1, 1, "no prompts in it (each is a line "
			      "'- ...')");
	fm_release(&fm);
	fm_error_release(&err);
	strvec_clear(&prompts);
	return rc < 0 ? FAIL_INVALID : 0;
}

static int cmp_topic(const void *a, const void *b)
{
	return strcmp(((const struct topic *)a)->id,
		      ((const struct topic *)b)->id);
}

int library_load(const struct ctx *ctx, struct library *lib)
{
	struct strvec files = STRVEC_INIT;
	struct buf text = BUF_INIT;
	size_t kept = 0;
	int rc = 0;

	memset(lib, 0, sizeof(*lib));
	for (const struct builtin_file *f = builtin_files; f->name; f++) {
		char *id;

		if (!starts_with(f->name, "prompts/") ||
		    !ends_with(f->name, ".md"))
			continue;
		id = entry_path_id(f->name);
		add_topic(lib, id, f->name, f->data, f->len);
		free(id);
	}
	if (ctx->root && fs_walk(ctx->root, "prompts", vault_md(ctx), &files,
				 NULL) < 0)
		rc = FAIL;
	for (size_t i = 0; i < files.nr; i++) {
		char *id = entry_path_id(files.v[i]);

		if (vault_read(ctx, files.v[i], 1024 * 1024, &text, 0) == 0)
			add_topic(lib, id, files.v[i], text.s, text.len);
		free(id);
	}
	/* a topic with no prompts (warned of) is no topic to choose */
	for (size_t i = 0; i < lib->nr; i++) {
		struct topic *t = &lib->v[i];

		if (t->prompts.nr) {
			lib->v[kept++] = *t;
		} else {
			free(t->id);
			free(t->title);
			free(t->about);
			strvec_clear(&t->prompts);
		}
	}
	lib->nr = kept;
	if (lib->nr)
		qsort(lib->v, lib->nr, sizeof(*lib->v), cmp_topic);
	strvec_clear(&files);
	buf_release(&text);
	return rc;
}

void library_release(struct library *lib)
{
	for (size_t i = 0; i < lib->nr; i++) {
		free(lib->v[i].id);
		free(lib->v[i].title);
		free(lib->v[i].about);
		strvec_clear(&lib->v[i].prompts);
	}
	free(lib->v);
	memset(lib, 0, sizeof(*lib));
}

void choice_release(struct choice *c)
{
	free(c->reason);
	memset(c, 0, sizeof(*c));
}

/* splitmix64: a small, well-mixed generator; the same seed, the same. */
static uint64_t next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t pick(uint64_t *state, size_t n)
{
	return n ? (size_t)(next(state) % n) : 0;
}

/*
 * Tags and feelings that stand for a topic, besides a tag or feeling
 * named as the topic.
 */
static const char *const tag_topics[][2] = {
	{ "conflict", "conflict-loop" }, { "trigger", "triggers" },
	{ "emotional-labour", "resentment" }, { "labour", "resentment" },
	{ "family", "attachment" }, { "therapy", "session-prep" },
	{ "session", "session-digest" }, { "walk", "self-care" },
	{ "rest", "self-care" }, { "sleep", "self-care" },
	{ "boundary", "boundaries" }, { "need", "needs" },
	{ "role", "roles" }, { "gratitude", "strengths" },
	{ "resentful", "resentment" }, { "triggered", "triggers" },
	{ "grieving", "grief" }, { "sad", "grief" },
	{ "overwhelmed", "grounding" }, { "flooded", "grounding" },
	{ "numb", "grounding" }, { "panicky", "grounding" },
	{ "exhausted", "self-care" }, { "tired", "self-care" },
	{ "lonely", "attachment" }, { "abandoned", "attachment" },
	{ "torn", "stay-or-go" }, { "stuck", "stay-or-go" },
	{ "angry", "conflict-loop" }, { "grateful", "strengths" },
	{ NULL, NULL }
};

/* The topic a tag stands for in lib, or NULL. */
static const struct topic *tag_topic(const struct library *lib,
				     const char *tag)
{
	const struct topic *t = library_topic(lib, tag);

	for (int i = 0; !t && tag_topics[i][0]; i++)
		if (!strcmp(tag_topics[i][0], tag))
			t = library_topic(lib, tag_topics[i][1]);
	return t;
}

/* What the journal says, for the choice. */
struct facts {
	const struct library *lib;
	time_t now;
	struct strvec answered;	/* prompts answered ... */
	time_t *answered_at;	/* ... and when, last */
	size_t answered_alloc;
	time_t *topic_at;	/* last written about, per topic (0: never) */
	struct tally mood;	/* the last MOOD_DAYS */
	struct tallies tags;	/* tags and feelings of the last TAG_DAYS,
				   how often each */
	const struct strvec *goal_ids;	/* the active goals of topics ... */
	const struct strvec *goal_topics;	/* ... and those topics */
	int care_low;		/* [care] low */
	long low_day;		/* the last very low day up to today, or -1 */
	int low_mood;		/* the lowest mood of that day */
};

static void note_topic(struct facts *f, const struct topic *t, time_t when)
{
	size_t i = (size_t)(t - f->lib->v);

	if (when > f->topic_at[i])
		f->topic_at[i] = when;
}

/* Take what the choice needs from one entry. */
static int take(const struct entry *e, void *data)
{
	struct facts *f = data;
	const struct topic *topic;
	time_t t = e->date.t;

	if (e->prompt) {
		long i = strvec_find(&f->answered, e->prompt);

		if (i < 0) {
			ALLOC_GROW(f->answered_at, f->answered.nr + 1,
				   f->answered_alloc);
			i = (long)f->answered.nr;
			strvec_push(&f->answered, e->prompt);
			f->answered_at[i] = 0;
		}
		if (t > f->answered_at[i])
			f->answered_at[i] = t;
		for (size_t k = 0; k < f->lib->nr; k++)
			if (strvec_find(&f->lib->v[k].prompts, e->prompt) >= 0)
				note_topic(f, &f->lib->v[k], t);
	}
	/* a tag, a feeling or a goal of a topic is writing about it */
	for (size_t k = 0; k < e->tags.nr; k++)
		if ((topic = tag_topic(f->lib, e->tags.v[k])))
			note_topic(f, topic, t);
	for (size_t k = 0; k < e->feelings.nr; k++)
		if ((topic = tag_topic(f->lib, e->feelings.v[k])))
			note_topic(f, topic, t);
	for (size_t k = 0; k < f->goal_ids->nr; k++)
		if (strvec_find(&e->goals, f->goal_ids->v[k]) >= 0 &&
		    (topic = library_topic(f->lib, f->goal_topics->v[k])))
			note_topic(f, topic, t);
	if (t <= f->now && t > f->now - TAG_DAYS * DAY_SECONDS) {
		tallies_add_words(&f->tags, e->tags.v, e->tags.nr, 0);
		tallies_add_words(&f->tags, e->feelings.v, e->feelings.nr,
				  0);
	}
	if (e->mood && t <= f->now && t > f->now - MOOD_DAYS * DAY_SECONDS)
		tally_add(&f->mood, e->mood);
	if (e->mood && e->mood <= f->care_low && t <= f->now) {
		long day = day_of(t);

		if (day > f->low_day) {
			f->low_day = day;
			f->low_mood = e->mood;
		} else if (day == f->low_day && e->mood < f->low_mood) {
			f->low_mood = e->mood;
		}
	}
	return 0;
}

static void facts_release(struct facts *f)
{
	strvec_clear(&f->answered);
	free(f->answered_at);
	free(f->topic_at);
	tallies_release(&f->tags);
}

/* When text was last answered, or 0. */
static time_t answered_at(const struct facts *f, const char *text)
{
	long i = strvec_find(&f->answered, text);

	return i < 0 ? 0 : f->answered_at[i];
}

/*
 * A prompt of topic t: one not answered in the last NO_REPEAT_DAYS,
 * picked by state; when all were, the one answered longest ago.
 */
static const char *prompt_of(const struct facts *f, const struct topic *t,
			     uint64_t *state)
{
	const char **fresh = xcalloc(t->prompts.nr + 1, sizeof(*fresh));
	const char *chosen = NULL;
	time_t oldest = 0;
	size_t n = 0;

	for (size_t i = 0; i < t->prompts.nr; i++) {
		time_t at = answered_at(f, t->prompts.v[i]);

		if (!at || at <= f->now - NO_REPEAT_DAYS * DAY_SECONDS)
			fresh[n++] = t->prompts.v[i];
		else if (!chosen || at < oldest) {
			chosen = t->prompts.v[i];
			oldest = at;
		}
	}
	if (n)
		chosen = fresh[pick(state, n)];
	free(fresh);
	return chosen;
}

/* What active_goals() gathers: the goals' IDs and their topics in lib. */
struct goal_topics {
	const struct library *lib;
	struct strvec *ids, *topics;
};

static void add_goal_topics(const struct goal *g, void *data)
{
	struct goal_topics *gt = data;

	for (size_t k = 0; k < g->topics.nr; k++) {
		if (!library_topic(gt->lib, g->topics.v[k]))
			continue;
		strvec_push(gt->ids, g->id);
		strvec_push(gt->topics, g->topics.v[k]);
	}
}

/* The active goals of the journal that name topics of lib. */
static void active_goals(struct ctx *ctx, const struct library *lib,
			 struct strvec *ids, struct strvec *topics)
{
	struct goal_topics gt = { lib, ids, topics };

	goals_each_active(ctx, add_goal_topics, &gt);
}

/* grounding or self-care, whichever there is (both: picked by state). */
static const struct topic *care_topic(const struct library *lib,
				      uint64_t *state)
{
	const struct topic *care[2];
	size_t n = 0;

	if ((care[n] = library_topic(lib, "grounding")))
		n++;
	if ((care[n] = library_topic(lib, "self-care")))
		n++;
	return n ? care[pick(state, n)] : NULL;
}

/* "because you haven't written about grief since July" */
static void not_since(struct buf *reason, const char *topic, time_t at,
		      time_t now)
{
	char month[32];
	struct tm tm;

	if (!at) {
		buf_addf(reason, "because you haven't written about %s yet",
			 topic);
		return;
	}
	localtime_r(&at, &tm);
	strftime(month, sizeof(month),
		 now - at > 300 * DAY_SECONDS ? "%B %Y" : "%B", &tm);
	buf_addf(reason, "because you haven't written about %s since %s",
		 topic, month);
}

/* "because yesterday was very hard (mood 1)" */
static void hard_day(struct buf *reason, long day, int mood, time_t now)
{
	static const char *const weekdays[] = { "Monday", "Tuesday",
		"Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
	long ago = day_of(now) - day;

	if (ago == 0)
		buf_addf(reason, "because today has been very hard (mood %d)",
			 mood);
	else if (ago == 1)
		buf_addf(reason, "because yesterday was very hard (mood %d)",
			 mood);
	else
		buf_addf(reason, "because %s was very hard (mood %d)",
			 weekdays[weekday_of(day)], mood);
}

int prompt_choose(struct ctx *ctx, const struct library *lib,
		  const char *topic, unsigned long seed, struct choice *out)
{
	struct facts f = { .lib = lib, .now = ctx->now, .tags = { .fold = 1 },
			   .care_low = config_care_low(&ctx->cfg),
			   .low_day = -1 };
	struct filter all;
	struct buf reason = BUF_INIT;
	struct strvec goal_ids = STRVEC_INIT, goal_topics = STRVEC_INIT;
	uint64_t state = seed * 0x2545f4914f6cdd1dULL ^
			 (uint64_t)day_of(ctx->now);
	const struct topic *t = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	filter_init(&all);
	if (!lib->nr) {
		rc = error("there are no prompts");
		goto out;
	}
	if (topic && !(t = library_topic(lib, topic))) {
		struct buf names = BUF_INIT;

		for (size_t i = 0; i < lib->nr; i++)
			buf_addf(&names, "%s%s", i ? ", " : "", lib->v[i].id);
		rc = error_as(FAIL_USAGE, "no topic '%s' (there are: %s)",
			      topic, names.s);
		buf_release(&names);
		goto out;
	}
	f.topic_at = xcalloc(lib->nr + 1, sizeof(*f.topic_at));
	active_goals(ctx, lib, &goal_ids, &goal_topics);
	f.goal_ids = &goal_ids;
	f.goal_topics = &goal_topics;
	if ((rc = index_ready(ctx)) < 0 ||
	    (rc = query_each(ctx, &all, take, &f)) < 0)
		goto out;
	if (t) {
		buf_addf(&reason, "because you asked for %s", t->id);
	} else if (f.low_day >= day_of(ctx->now) - CARE_DAYS &&
		   (t = care_topic(lib, &state))) {
		/* the days after a very low one: care, and why */
		hard_day(&reason, f.low_day, f.low_mood, ctx->now);
	} else if (f.mood.count &&
		   tally_mean(&f.mood) <= 0.4 * ctx->cfg.mood_scale &&
		   (t = care_topic(lib, &state))) {
		/* a low week first: care before anything else */
		buf_addf(&reason, "because your mood has averaged %.1f this "
			 "week", tally_mean(&f.mood));
	} else {
		/* the rules that apply take turns, by date and seed */
		const struct tally *best = NULL;
		int rules[3], nrules = 0;

		/* the tag of a topic that came up most (of a tie, the first) */
		tallies_sort(&f.tags, TALLY_COUNT);
		for (size_t i = 0; !best && i < f.tags.nr; i++)
			if (f.tags.v[i].count >= TAG_TIMES &&
			    tag_topic(lib, f.tags.v[i].key))
				best = &f.tags.v[i];
		if (best)
			rules[nrules++] = 0;
		if (goal_ids.nr)
			rules[nrules++] = 1;
		rules[nrules++] = 2;
		switch (rules[pick(&state, (size_t)nrules)]) {
		case 0:
			t = tag_topic(lib, best->key);
			buf_addf(&reason, "because '%s' came up %ld times in "
				 "%d days", best->name, best->count, TAG_DAYS);
			break;
		case 1: {
			size_t g = pick(&state, goal_ids.nr);

			t = library_topic(lib, goal_topics.v[g]);
			buf_addf(&reason, "because your goal '%s' is active",
				 goal_ids.v[g]);
			break;
		}
		default: {
			/* the topic written about longest ago (or never) */
			size_t *oldest = xcalloc(lib->nr, sizeof(*oldest));
			size_t n = 0;

			for (size_t i = 0; i < lib->nr; i++) {
				if (n && f.topic_at[i] > f.topic_at[oldest[0]])
					continue;
				if (n && f.topic_at[i] < f.topic_at[oldest[0]])
					n = 0;
				oldest[n++] = i;
			}
			t = &lib->v[oldest[pick(&state, n)]];
			not_since(&reason, t->id,
				  f.topic_at[t - lib->v], ctx->now);
			free(oldest);
		}
		}
	}
	out->topic = t;
	out->text = prompt_of(&f, t, &state);
	out->reason = buf_detach(&reason, NULL);
	rc = out->text ? 0 : error("the topic '%s' has no prompts", t->id);
out:
	facts_release(&f);
	filter_release(&all);
	strvec_clear(&goal_ids);
	strvec_clear(&goal_topics);
	buf_release(&reason);
	return rc;
}
