/*
 * tend mood: how the mood of the entries has gone, in figures and a
 * chart, over time or by tag, feeling or goal.
 */
#include "cmd.h"
#include "dates.h"
#include "error.h"
#include "index.h"
#include "json.h"
#include "output.h"
#include "query.h"
#include "stats.h"
#include "termchart.h"
#include "util.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_mood_help[] =
"usage: tend mood [FILTERS] [--by day|week|month|weekday|tag|feeling|goal]\n"
"                 [--json] [--ascii]\n"
"\n"
"How your mood has gone in the entries the filters select: how many\n"
"have a mood, the mean, median, lowest and highest, the standard\n"
"deviation (of the population), the trend (the least-squares slope, in\n"
"mood a week), the longest run of days with an entry, and a chart.\n"
"\n"
"  --by KEY      group the moods: by day, week (from Monday), month or\n"
"                weekday, in time order; or by tag, feeling or goal,\n"
"                ranked by mean mood, each with how many entries\n"
"  --json        every figure as JSON: count, mean, median, min, max,\n"
"                stdev, trend_per_week, longest_streak_days, and with\n"
"                --by, groups: [{key, count, mean}]\n"
"  --ascii       draw with ASCII (also when the locale is not UTF-8)\n"
"\n"
FILTER_HELP;

enum { OPT_BY = 1, OPT_JSON, OPT_ASCII };

const char cmd_mood_shortopts[] = ":n:";
const struct option cmd_mood_options[] = {
	FILTER_OPTIONS,
	{ "by", required_argument, NULL, OPT_BY },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ NULL, 0, NULL, 0 }
};

static const char *const bys[] = {
	"day", "week", "month", "weekday", "tag", "feeling", "goal", NULL
};
enum { BY_NONE = -1, BY_DAY, BY_WEEK, BY_MONTH, BY_WEEKDAY, BY_TAG,
       BY_FEELING, BY_GOAL };

static const char *const weekdays[] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};

struct group {
	char *key;
	double sum;
	long count;
	int order;		/* weekdays: Monday first */
};

/* What is gathered from the entries. */
struct gather {
	int by;
	struct sample *samples;
	size_t nsamples, samples_alloc;
	long *days;		/* every entry's day, mood or not */
	size_t ndays, days_alloc;
	struct group *groups;
	size_t ngroups, groups_alloc;
	size_t *slots;		/* the groups by key: index + 1, 0 free */
	size_t nslots;		/* a power of two, over twice ngroups */
};

/*
 * The slot of key in g->slots: the one that holds its group, or the free
 * one where it goes (open addressing, probing the next slot).
 */
static size_t slot_of(const struct gather *g, const char *key)
{
	size_t mask = g->nslots - 1;
	size_t i = (size_t)hash_add(HASH_INIT, key, strlen(key)) & mask;

	while (g->slots[i] && strcmp(g->groups[g->slots[i] - 1].key, key))
		i = (i + 1) & mask;
	return i;
}

/* Double the slots (64 at first) and put every group in them again. */
static void grow_slots(struct gather *g)
{
	free(g->slots);
	g->nslots = g->nslots ? g->nslots * 2 : 64;
	g->slots = xcalloc(g->nslots, sizeof(*g->slots));
	for (size_t k = 0; k < g->ngroups; k++)
		g->slots[slot_of(g, g->groups[k].key)] = k + 1;
}

/*
 * Count mood in the group of key, making the group when it is new. A
 * hash of the keys finds it: by day, 100,000 entries make some 40,000
 * groups, and looking through them all for each entry took seconds.
 */
static void add_group(struct gather *g, const char *key, int order,
		      int mood)
{
	struct group *gr;
	size_t i;

	if (2 * (g->ngroups + 1) > g->nslots)
		grow_slots(g);
	i = slot_of(g, key);
	if (!g->slots[i]) {
		ALLOC_GROW(g->groups, g->ngroups + 1, g->groups_alloc);
		gr = &g->groups[g->ngroups++];
		gr->key = xstrdup(key);
		gr->sum = 0;
		gr->count = 0;
		gr->order = order;
		g->slots[i] = g->ngroups;
	}
	gr = &g->groups[g->slots[i] - 1];
	gr->sum += mood;
	gr->count++;
}

static int take(const struct entry *e, void *data)
{
	struct gather *g = data;
	struct buf key = BUF_INIT;
	const struct strvec *list = NULL;
	long d = day_of(e->date.t);

	ALLOC_GROW(g->days, g->ndays + 1, g->days_alloc);
	g->days[g->ndays++] = d;
	if (!e->mood)
		return 0;
	ALLOC_GROW(g->samples, g->nsamples + 1, g->samples_alloc);
	g->samples[g->nsamples].when = e->date.t;
	g->samples[g->nsamples++].mood = e->mood;
	switch (g->by) {
	case BY_DAY:
		day_number_format(d, &key);
		break;
	case BY_WEEK:
		/* the Monday of its week */
		day_number_format(week_of(e->date.t) * 7 - 3, &key);
		break;
	case BY_MONTH:
		day_number_format(d, &key);
		buf_setlen(&key, 7);
		break;
	case BY_WEEKDAY: {
		int wd = (int)(((d + 3) % 7 + 7) % 7);	/* Monday is 0 */

		add_group(g, weekdays[wd], wd, e->mood);
		break;
	}
	case BY_TAG:
		list = &e->tags;
		break;
	case BY_FEELING:
		list = &e->feelings;
		break;
	case BY_GOAL:
		list = &e->goals;
		break;
	}
	if (key.len)
		add_group(g, key.s, 0, e->mood);
	for (size_t i = 0; list && i < list->nr; i++)
		add_group(g, list->v[i], 0, e->mood);
	buf_release(&key);
	return 0;
}

static int cmp_time_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	return x->order != y->order ? x->order - y->order
				    : strcmp(x->key, y->key);
}

static int cmp_mean_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	double mx = x->sum / x->count, my = y->sum / y->count;

	if (mx != my)
		return mx < my ? 1 : -1;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->key, y->key);
}

static int cmp_when(const void *a, const void *b)
{
	time_t x = ((const struct sample *)a)->when;
	time_t y = ((const struct sample *)b)->when;

	return (x > y) - (x < y);
}

static void json_number(struct buf *out, const char *key, double v,
			int has)
{
	json_key(out, key, 0);
	if (has)
		buf_addf(out, "%.6g", v);
	else
		buf_adds(out, "null");
}

static void print_json(const struct mood_stats *st, long streak,
		       const struct gather *g)
{
	struct buf out = BUF_INIT;

	buf_addch(&out, '{');
	json_key(&out, "count", 1);
	buf_addf(&out, "%zu", st->count);
	json_number(&out, "mean", st->mean, st->count > 0);
	json_number(&out, "median", st->median, st->count > 0);
	json_number(&out, "min", st->min, st->count > 0);
	json_number(&out, "max", st->max, st->count > 0);
	json_number(&out, "stdev", st->stdev, st->count > 0);
	json_number(&out, "trend_per_week", st->trend, st->has_trend);
	json_key(&out, "longest_streak_days", 0);
	buf_addf(&out, "%ld", streak);
	if (g->by != BY_NONE) {
		json_key(&out, "groups", 0);
		buf_addch(&out, '[');
		for (size_t i = 0; i < g->ngroups; i++) {
			const struct group *gr = &g->groups[i];

			buf_adds(&out, i ? ",{" : "{");
			json_key(&out, "key", 1);
			json_str(&out, gr->key);
			json_key(&out, "count", 0);
			buf_addf(&out, "%ld", gr->count);
			json_number(&out, "mean", gr->sum / gr->count, 1);
			buf_addch(&out, '}');
		}
		buf_addch(&out, ']');
	}
	buf_adds(&out, "}\n");
	fwrite(out.s, 1, out.len, stdout);
	buf_release(&out);
}

/* The daily means from the first day to the last, NaN on empty days. */
static double *daily(const struct sample *s, size_t n, size_t *ndays)
{
	long first = day_of(s[0].when), last = day_of(s[n - 1].when);
	size_t len = (size_t)(last - first + 1);
	double *sum = xcalloc(len, sizeof(*sum));
	long *count = xcalloc(len, sizeof(*count));

	for (size_t i = 0; i < n; i++) {
		size_t k = (size_t)(day_of(s[i].when) - first);

		sum[k] += s[i].mood;
		count[k]++;
	}
	for (size_t k = 0; k < len; k++)
		sum[k] = count[k] ? sum[k] / count[k] : NAN;
	free(count);
	*ndays = len;
	return sum;
}

static void print_text(const struct mood_stats *st, long streak,
		       struct gather *g, int scale, int utf8)
{
	struct buf out = BUF_INIT, key = BUF_INIT;

	if (!st->count) {
		printf("No entries with a mood%s.\n",
		       g->ndays ? " among these" : "");
		return;
	}
	buf_addf(&out, "%zu entr%s with a mood: mean %.1f, median %g, "
		 "lowest %d, highest %d, standard deviation %.1f\n",
		 st->count, st->count == 1 ? "y" : "ies", st->mean,
		 st->median, st->min, st->max, st->stdev);
	if (st->has_trend)
		buf_addf(&out, "trend: %+.2f a week", st->trend);
	else
		buf_adds(&out, "trend: not enough to tell");
	buf_addf(&out, "; the longest run of days with an entry: %ld\n",
		 streak);
	if (g->by == BY_NONE) {
		size_t nd, nb;
		double *days, line[60];

		qsort(g->samples, g->nsamples, sizeof(*g->samples), cmp_when);
		days = daily(g->samples, g->nsamples, &nd);
		nb = termchart_buckets(days, nd, 60, line);
		buf_adds(&out, "\n  ");
		termchart_spark(line, nb, 1, scale, utf8, &out);
		buf_addch(&out, '\n');
		buf_adds(&out, "  ");
		day_format(g->samples[0].when, &out);
		buf_addf(&out, "%*s", nb > 20 ? (int)nb - 20 : 1, "");
		day_format(g->samples[g->nsamples - 1].when, &out);
		buf_addch(&out, '\n');
		free(days);
	} else {
		buf_addch(&out, '\n');
		for (size_t i = 0; i < g->ngroups; i++) {
			const struct group *gr = &g->groups[i];
			double mean = gr->sum / gr->count;

			/* a tag, feeling or goal as the user wrote it */
			buf_reset(&key);
			output_clean(&key, gr->key);
			buf_addf(&out, "  %-18s %4ld  %4.1f  ", key.s,
				 gr->count, mean);
			termchart_bar(mean, scale, 30, utf8, &out);
			buf_addch(&out, '\n');
		}
	}
	fwrite(out.s, 1, out.len, stdout);
	buf_release(&out);
	buf_release(&key);
}

int cmd_mood(int argc, char **argv, struct ctx *ctx)
{
	struct filter f;
	struct gather g = { .by = BY_NONE };
	struct mood_stats st;
	long streak;
	int c, rc = 0, json = 0, ascii = 0;

	filter_init(&f);
	while ((c = getopt_long(argc, argv, cmd_mood_shortopts,
				cmd_mood_options, NULL)) != -1) {
		if (c == OPT_BY) {
			for (int i = 0; bys[i]; i++)
				if (!strcmp(optarg, bys[i]))
					g.by = i;
			if (g.by == BY_NONE) {
				rc = usage_error("mood", "--by takes day, "
						 "week, month, weekday, tag, "
						 "feeling or goal, not '%s'",
						 optarg) ? FAIL_USAGE : 0;
				goto out;
			}
		} else if (c == OPT_JSON) {
			json = 1;
		} else if (c == OPT_ASCII) {
			ascii = 1;
		} else if (!(rc = filter_option(&f, c, optarg, ctx))) {
			rc = usage_option("mood", c, argv) ? FAIL_USAGE : 0;
			goto out;
		} else if (rc < 0) {
			goto out;
		}
		rc = 0;
	}
	if (optind < argc) {
		usage_error("mood", "unexpected '%s'", argv[optind]);
		rc = FAIL_USAGE;
		goto out;
	}
	if ((rc = index_ready(ctx)) < 0 ||
	    (rc = query_each(ctx, &f, take, &g)) < 0)
		goto out;
	index_warn_broken(ctx);
	streak = longest_run(g.days, g.ndays);
	if (g.ngroups)
		qsort(g.groups, g.ngroups, sizeof(*g.groups),
		      g.by >= BY_TAG ? cmp_mean_group : cmp_time_group);
	{
		/* mood_stats() sorts by mood: the chart wants time order */
		struct sample *copy = xcalloc(g.nsamples + 1, sizeof(*copy));

		if (g.nsamples)
			memcpy(copy, g.samples, g.nsamples * sizeof(*copy));
		mood_stats(copy, g.nsamples, &st);
		free(copy);
	}
	if (json)
		print_json(&st, streak, &g);
	else
		print_text(&st, streak, &g, ctx->cfg.mood_scale,
			   !ascii && term_utf8());
out:
	for (size_t i = 0; i < g.ngroups; i++)
		free(g.groups[i].key);
	free(g.groups);
	free(g.slots);
	free(g.samples);
	free(g.days);
	filter_release(&f);
	return exit_code(rc);
}
