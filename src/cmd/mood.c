/*
 * tend mood: how the mood of the entries has gone, in figures and a
 * chart, over time or by tag, feeling or goal.
 */
#include "cmd.h"
#include "dates.h"
#include "error.h"
#include "index.h"
#include "insights.h"
#include "json.h"
#include "output.h"
#include "query.h"
#include "stats.h"
#include "termchart.h"
#include "util.h"

#include <getopt.h>
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
"Then insights, in words, each only when the figures carry it: the\n"
"lowest and highest weekday (of weekdays with 4 moods or more, 3 such\n"
"weekdays at least, a tenth of the scale apart); tags, feelings and\n"
"goals of 5 moods or more whose mean is 15% of the scale or more from\n"
"the mean of all (at most 4); the last 4 weeks against the 4 before\n"
"(4 moods in each); the longest run of days with an entry (3 or more).\n"
"\n"
"  --by KEY      group the moods: by day, week (from Monday), month or\n"
"                weekday, in time order; or by tag, feeling or goal,\n"
"                ranked by mean mood, each with how many entries; a\n"
"                group of a single entry is marked with a *\n"
"  --json        every figure as JSON: count, mean, median, min, max,\n"
"                stdev, trend_per_week, longest_streak_days, with\n"
"                --by, groups: [{key, count, mean}], and insights: the\n"
"                sentences, as a list of strings\n"
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

/* The heading of the first column of each --by's table. */
static const char *const heads[] = {
	"day", "week of", "month", "weekday", "tag", "feeling", "goal"
};

static const char *const weekdays[] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};

/* What is gathered from the entries. */
struct gather {
	int by;
	struct sample *samples;
	size_t nsamples, samples_alloc;
	long *days;		/* every entry's day, mood or not */
	size_t ndays, days_alloc;
	struct tallies groups;	/* with --by: tags, feelings and goals in
				   any case, as 'list --tag' finds them */
	struct insights in;	/* what the sentences are drawn from */
};

static int take(const struct entry *e, void *data)
{
	struct gather *g = data;
	struct buf key = BUF_INIT;
	const struct strvec *list = NULL;
	long d = day_of(e->date.t);

	ALLOC_GROW(g->days, g->ndays + 1, g->days_alloc);
	g->days[g->ndays++] = d;
	insights_add(&g->in, d, e->mood, &e->tags, &e->feelings, &e->goals);
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
		int wd = weekday_of(d);

		tallies_add(&g->groups, weekdays[wd], wd, e->mood);
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
		tallies_add(&g->groups, key.s, 0, e->mood);
	if (list)
		tallies_add_words(&g->groups, list->v, list->nr, e->mood);
	buf_release(&key);
	return 0;
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

/*
 * Print the figures as one JSON object (tend-mood(1)), the groups with --by,
 * and the sentences said under "insights".
 */
static void print_json(const struct mood_stats *st, long streak,
		       const struct gather *g, const struct strvec *said)
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
		for (size_t i = 0; i < g->groups.nr; i++) {
			const struct tally *gr = &g->groups.v[i];

			buf_adds(&out, i ? ",{" : "{");
			json_key(&out, "key", 1);
			json_str(&out, gr->name);
			json_key(&out, "count", 0);
			buf_addf(&out, "%ld", gr->count);
			json_number(&out, "mean", tally_mean(gr), 1);
			buf_addch(&out, '}');
		}
		buf_addch(&out, ']');
	}
	json_key(&out, "insights", 0);
	buf_addch(&out, '[');
	for (size_t i = 0; i < said->nr; i++) {
		if (i)
			buf_addch(&out, ',');
		json_str(&out, said->v[i]);
	}
	buf_addch(&out, ']');
	buf_adds(&out, "}\n");
	fwrite(out.s, 1, out.len, stdout);
	buf_release(&out);
}

/*
 * Append the groups of --by to out as a table under a line of headings:
 * each key, its count, its mean (marked '*' when it is the mood of a
 * single entry, which a note under the table says) and a bar.
 */
static void print_groups(const struct gather *g, int scale, int utf8,
			 struct buf *out)
{
	struct buf key = BUF_INIT;
	int single = 0;

	buf_adds(out, "\n  ");
	buf_add_padded(out, heads[g->by], 18);
	buf_adds(out, " entries  mean\n");
	for (size_t i = 0; i < g->groups.nr; i++) {
		const struct tally *gr = &g->groups.v[i];
		double mean = tally_mean(gr);

		/* a tag, feeling or goal as the user wrote it */
		buf_reset(&key);
		output_clean(&key, gr->name);
		buf_adds(out, "  ");
		buf_add_padded(out, key.s, 18);
		buf_addf(out, " %7ld  %4.1f%c ", gr->count, mean,
			 gr->count == 1 ? '*' : ' ');
		termchart_bar(mean, scale, 30, utf8, out);
		buf_addch(out, '\n');
		single |= gr->count == 1;
	}
	if (single)
		buf_adds(out, "\n  * a single entry: its mood, not a mean\n");
	buf_release(&key);
}

/* Append the sentences said to out under a heading, when there are any. */
static void print_insights(const struct strvec *said, struct buf *out)
{
	if (!said->nr)
		return;
	buf_adds(out, "\nInsights:\n");
	for (size_t i = 0; i < said->nr; i++) {
		/* they hold tags, feelings and goals as written */
		buf_adds(out, "  - ");
		output_clean(out, said->v[i]);
		buf_addch(out, '\n');
	}
}

/*
 * Print the figures in words, then a sparkline of the daily means or,
 * with --by, the table of the groups, then the sentences said.
 */
static void print_text(const struct mood_stats *st, long streak,
		       struct gather *g, const struct strvec *said,
		       int scale, int utf8)
{
	struct buf out = BUF_INIT;

	if (!st->count) {
		buf_addf(&out, "No entries with a mood%s.\n",
			 g->ndays ? " among these" : "");
		print_insights(said, &out);
		fwrite(out.s, 1, out.len, stdout);
		buf_release(&out);
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
		size_t nd, nb, len;
		double *values, line[60];
		struct chart_day *days;

		/* the daily means from the first day to the last */
		qsort(g->samples, g->nsamples, sizeof(*g->samples), cmp_when);
		days = daily_of_samples(g->samples, g->nsamples, &nd);
		len = (size_t)(days[nd - 1].day - days[0].day + 1);
		values = xcalloc(len, sizeof(*values));
		daily_spread(days, nd, days[0].day, len, values);
		nb = termchart_buckets(values, len, 60, line);
		buf_adds(&out, "\n  ");
		termchart_spark(line, nb, 1, scale, utf8, &out);
		buf_addch(&out, '\n');
		buf_adds(&out, "  ");
		day_format(g->samples[0].when, &out);
		buf_addf(&out, "%*s", nb > 20 ? (int)nb - 20 : 1, "");
		day_format(g->samples[g->nsamples - 1].when, &out);
		buf_addch(&out, '\n');
		free(values);
		free(days);
	} else {
		print_groups(g, scale, utf8, &out);
	}
	print_insights(said, &out);
	fwrite(out.s, 1, out.len, stdout);
	buf_release(&out);
}

int cmd_mood(int argc, char **argv, struct ctx *ctx)
{
	struct filter f;
	struct gather g = { .by = BY_NONE, .groups = { .fold = 1 } };
	struct mood_stats st;
	struct strvec said = STRVEC_INIT;
	long streak;
	int c, rc = 0, json = 0, ascii = 0;

	filter_init(&f);
	insights_init(&g.in, ctx->cfg.mood_scale, day_of(ctx->now));
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
	tallies_sort(&g.groups, g.by >= BY_TAG ? TALLY_MEAN : TALLY_ORDER);
	{
		/* mood_stats() sorts by mood: the chart wants time order */
		struct sample *copy = xcalloc(g.nsamples + 1, sizeof(*copy));

		if (g.nsamples)
			memcpy(copy, g.samples, g.nsamples * sizeof(*copy));
		mood_stats(copy, g.nsamples, &st);
		free(copy);
	}
	insights_say(&g.in, NULL, NULL, &said);
	if (json)
		print_json(&st, streak, &g, &said);
	else
		print_text(&st, streak, &g, &said, ctx->cfg.mood_scale,
			   !ascii && term_utf8());
out:
	strvec_clear(&said);
	insights_release(&g.in);
	tallies_release(&g.groups);
	free(g.samples);
	free(g.days);
	filter_release(&f);
	return exit_code(rc);
}
