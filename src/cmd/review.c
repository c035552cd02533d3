/*
 * tend review: a weekly look at each active goal, rated 1 to 5, written
 * as an entry tagged review.
 */
#include "cmd.h"
#include "compose.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "goal.h"
#include "goals.h"
#include "output.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_review_help[] =
"usage: tend review [--rate GOAL=N]... [--mood N] [--date WHEN] [-m TEXT]\n"
"\n"
"A weekly self-assessment of your goals. On a terminal, without --rate,\n"
"tend asks about each active goal in turn: how did it go, from 1 (not at\n"
"all) to 5 (very well), or Enter to skip; each question shows the rating\n"
"you gave that goal last time, before the review's date. Then it asks\n"
"your mood (Enter skips it), unless --mood gives it, and your editor\n"
"opens on the review template. The review is an entry tagged review,\n"
"with the ratings in its front matter (ratings: {goal: 3}) and the goals\n"
"it rated; tend goal show lists them over time. A review counts among a\n"
"goal's entries but makes no streak and reaches no milestone. In an\n"
"encrypted journal the review, ratings and all, is encrypted like any\n"
"entry.\n"
"\n"
"Options:\n"
"  --rate GOAL=N   rate a goal from 1 to 5 without being asked;\n"
"                  repeatable\n"
"  --mood N        mood from 1 to [mood] scale (default 10)\n"
"  --date WHEN     the review's date: today, yesterday, 'last sunday',\n"
"                  2026-11-22, '2026-11-22 21:30' (default: now); last\n"
"                  time's ratings are the ones before it\n"
"  -m, --message TEXT  the review's text, without the editor\n";

enum { RATE = 256, MOOD, DATE };

const char cmd_review_shortopts[] = ":m:";
const struct option cmd_review_options[] = {
	{ "rate", required_argument, NULL, RATE },
	{ "mood", required_argument, NULL, MOOD },
	{ "date", required_argument, NULL, DATE },
	{ "message", required_argument, NULL, 'm' },
	{ NULL, 0, NULL, 0 }
};

/* Take "GOAL=N" into the ratings. Returns 0 or FAIL_USAGE. */
static int add_rating(struct ctx *ctx, struct compose *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *goal;
	long n;
	int rc = 0;

	if (!eq || eq == arg)
		return usage_error("review", "--rate takes GOAL=N, like "
				   "boundaries=3, not '%s'", arg) ? FAIL_USAGE
								 : 0;
	goal = xstrndup(arg, (size_t)(eq - arg));
	if (parse_whole(eq + 1, RATING_MAX, &n) < 0 || n < 1) {
		usage_error("review", "a rating is a whole number from 1 to "
			    "%d, not '%s'", RATING_MAX, eq + 1);
		rc = FAIL_USAGE;
	} else if (usage_goal(ctx, "review", goal)) {
		rc = FAIL_USAGE;
	} else if (strvec_find(&c->goals, goal) >= 0) {
		usage_error("review", "'%s' is rated twice", goal);
		rc = FAIL_USAGE;
	} else {
		strvec_push(&c->goals, goal);
		strvec_push(&c->ratings, goal);
		strvec_push(&c->ratings, eq + 1 + strspn(eq + 1, "0"));
	}
	free(goal);
	return rc;
}

/*
 * Ask question on the terminal until the answer is a whole number from 1
 * to max, or nothing (Enter). Returns the number, 0 for nothing, or -1
 * at the end of the input.
 */
static long ask_number(const char *question, long max)
{
	struct buf line = BUF_INIT, msg = BUF_INIT;
	long n = -1;
	int ch;

	for (;;) {
		fputs(question, stderr);
		fflush(stderr);
		buf_reset(&line);
		while ((ch = getchar()) != EOF && ch != '\n')
			if (ch != '\r')
				buf_addch(&line, ch);
		if (ch == EOF && !line.len) {
			fputc('\n', stderr);
			n = -1;
			break;
		}
		if (!line.len) {
			n = 0;
			break;
		}
		if (strlen(line.s) == line.len &&
		    !parse_whole(line.s, max, &n) && n >= 1)
			break;
		buf_reset(&msg);
		output_clean(&msg, line.s);
		fprintf(stderr, "tend: '%s' is not from 1 to %ld\n", msg.s,
			max);
	}
	buf_release(&line);
	buf_release(&msg);
	return n;
}

/*
 * Append the question about goal g to q: how it went in span ("this
 * week"), what 1 and 5 mean, and the rating it had last time, before
 * the review's time at. Returns 0 or a failure after reporting.
 */
static int goal_question(struct ctx *ctx, const struct goal *g, time_t at,
			 const char *span, struct buf *q)
{
	struct rating_point last;
	int rc;

	if ((rc = goals_rating_before(ctx, g, at, &last)) < 0)
		return rc;
	buf_adds(q, "How did '");
	output_clean(q, g->title);
	buf_addf(q, "' go %s?\n  1 = not at all, 5 = very well; ", span);
	if (rc) {
		buf_adds(q, "last time (");
		day_format(last.when, q);
		buf_addf(q, "): %d\n", last.value);
	} else {
		buf_adds(q, "not rated before\n");
	}
	buf_addf(q, "  1 to %d, or Enter to skip: ", RATING_MAX);
	return 0;
}

/*
 * Ask on the terminal about each active goal, then, when ask_mood, the
 * mood, for a review dated at. Returns 0 or a failure after reporting.
 */
static int ask(struct ctx *ctx, struct compose *c, time_t at, int ask_mood)
{
	struct strvec ids = STRVEC_INIT;
	struct buf span = BUF_INIT, q = BUF_INIT;
	int today = day_of(at) == day_of(ctx->now);
	long n = 0;
	int rc = 0;

	if (today) {
		buf_adds(&span, "this week");
	} else {
		buf_adds(&span, "in the week to ");
		day_format(at, &span);
	}
	goals_ids(ctx, &ids);
	for (size_t i = 0; !rc && n >= 0 && i < ids.nr; i++) {
		struct goal g;

		goal_init(&g);
		if (goals_load(ctx, ids.v[i], &g) < 0 ||
		    strcmp(g.status, "active")) {
			goal_release(&g);
			continue;
		}
		buf_reset(&q);
		rc = goal_question(ctx, &g, at, span.s, &q);
		if (!rc && (n = ask_number(q.s, RATING_MAX)) > 0) {
			buf_reset(&q);
			buf_addf(&q, "%ld", n);
			strvec_push(&c->goals, g.id);
			strvec_push(&c->ratings, g.id);
			strvec_push(&c->ratings, q.s);
		}
		goal_release(&g);
	}
	if (!rc && n >= 0 && ask_mood) {
		buf_reset(&q);
		if (today) {
			buf_adds(&q, "Mood today");
		} else {
			buf_adds(&q, "Mood on ");
			day_format(at, &q);
		}
		buf_addf(&q, ", 1 to %d? (Enter to skip) ",
			 ctx->cfg.mood_scale);
		if ((n = ask_number(q.s, ctx->cfg.mood_scale)) > 0)
			c->mood = n;
	}
	strvec_clear(&ids);
	buf_release(&span);
	buf_release(&q);
	return rc;
}

int cmd_review(int argc, char **argv, struct ctx *ctx)
{
	struct compose c;
	struct buf id = BUF_INIT, title = BUF_INIT;
	struct datetime date;
	struct when when;
	const char *date_text = NULL;
	time_t at = ctx->now;
	int ch, rc = 0, rated = 0;

	compose_init(&c);
	while ((ch = getopt_long(argc, argv, cmd_review_shortopts,
				 cmd_review_options, NULL)) != -1) {
		if (ch == 'm') {
			c.message = optarg;
		} else if (ch == RATE) {
			rated = 1;
			if ((rc = add_rating(ctx, &c, optarg)) < 0)
				goto out;
		} else if (ch == MOOD) {
			if (parse_whole(optarg, ctx->cfg.mood_scale,
					&c.mood) < 0 || c.mood < 1) {
				usage_error("review", "mood must be a whole "
					    "number from 1 to %d, not '%s'",
					    ctx->cfg.mood_scale, optarg);
				rc = FAIL_USAGE;
				goto out;
			}
		} else if (ch == DATE) {
			date_text = optarg;
		} else {
			rc = usage_option("review", ch, argv) ? FAIL_USAGE : 0;
			goto out;
		}
	}
	if (optind < argc) {
		usage_error("review", "unexpected '%s'", argv[optind]);
		rc = FAIL_USAGE;
		goto out;
	}
	if (date_text) {
		if ((rc = when_parse(date_text, ctx->now, &when)) < 0)
			goto out;
		at = when.at;
		datetime_local(at, &date);
		c.date = &date;
	}
	if (!rated && ctx->in_tty && ctx->err_tty &&
	    (rc = ask(ctx, &c, at, !c.mood)) < 0)
		goto out;
	buf_adds(&title, "Weekly review, ");
	day_format(at, &title);
	c.title = title.s;
	c.template = "review";
	c.verb = "Add review";
	c.keep_empty = c.ratings.nr > 0 || c.mood;
	strvec_push_unique(&c.tags, "review");
	rc = compose_entry(ctx, &c, &id);
	if (!rc && id.len)
		printf("%s\n", id.s);
out:
	compose_release(&c);
	buf_release(&id);
	buf_release(&title);
	return exit_code(rc);
}
