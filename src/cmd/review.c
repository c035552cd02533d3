/*
 * tend review: a weekly look at each active goal, rated 1 to 5, written
 * as an entry tagged review.
 */
#include "cmd.h"
#include "compose.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "goal.h"
#include "goals.h"
#include "util.h"
#include "vault.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_review_help[] =
"usage: tend review [--rate GOAL=N]... [-m TEXT]\n"
"\n"
"A weekly self-assessment of your goals. On a terminal, without --rate,\n"
"tend asks about each active goal in turn: how did it go, from 1 (not at\n"
"all) to 5 (very well), or Enter to skip. Then your editor opens on the\n"
"review template. The review is an entry tagged review, with the ratings\n"
"in its front matter (ratings: {goal: 3}) and the goals it rated; tend\n"
"goal show lists them over time. In an encrypted journal the review,\n"
"ratings and all, is encrypted like any entry.\n"
"\n"
"Options:\n"
"  --rate GOAL=N   rate a goal from 1 to 5 without being asked;\n"
"                  repeatable\n"
"  -m, --message TEXT  the review's text, without the editor\n";

enum { OPT_RATE = 1 };

const char cmd_review_shortopts[] = ":m:";
const struct option cmd_review_options[] = {
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "message", required_argument, NULL, 'm' },
	{ NULL, 0, NULL, 0 }
};

/* Is there a file of the goal ID (vault_goal_path())? */
static int goal_exists(struct ctx *ctx, const char *id)
{
	struct buf rel = BUF_INIT, path = BUF_INIT;
	int ok;

	ok = !strchr(id, '/') && id[0] != '.' &&
	     vault_goal_path(ctx, id, &rel) == 0 &&
	     fs_check_inside(ctx->root, rel.s) == 0;
	path_join(&path, ctx->root, rel.s);
	ok = ok && fs_exists(path.s);
	buf_release(&rel);
	buf_release(&path);
	return ok;
}

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
	} else if (!goal_exists(ctx, goal)) {
		usage_error("review", "no goal '%s' (see tend goal list)",
			    goal);
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

/* Ask about each active goal on the terminal. */
static int ask(struct ctx *ctx, struct compose *c)
{
	struct strvec ids = STRVEC_INIT;
	char line[64];

	goals_ids(ctx, &ids);
	for (size_t i = 0; i < ids.nr; i++) {
		struct goal g;

		goal_init(&g);
		if (goals_load(ctx, ids.v[i], &g) < 0 ||
		    strcmp(g.status, "active")) {
			goal_release(&g);
			continue;
		}
		for (;;) {
			long n;

			fprintf(stderr, "How did '%s' go this week? 1 to 5, "
				"or Enter to skip: ", g.title);
			fflush(stderr);
			if (!fgets(line, sizeof(line), stdin)) {
				fputc('\n', stderr);
				break;
			}
			line[strcspn(line, "\r\n")] = '\0';
			if (!line[0])
				break;
			if (!parse_whole(line, RATING_MAX, &n) && n >= 1) {
				strvec_push(&c->goals, g.id);
				strvec_push(&c->ratings, g.id);
				strvec_push(&c->ratings, line);
				break;
			}
			fprintf(stderr, "tend: '%s' is not from 1 to %d\n",
				line, RATING_MAX);
		}
		goal_release(&g);
	}
	strvec_clear(&ids);
	return 0;
}

int cmd_review(int argc, char **argv, struct ctx *ctx)
{
	struct compose c;
	struct buf id = BUF_INIT, title = BUF_INIT;
	int ch, rc = 0, rated = 0;

	compose_init(&c);
	while ((ch = getopt_long(argc, argv, cmd_review_shortopts,
				 cmd_review_options, NULL)) != -1) {
		if (ch == 'm') {
			c.message = optarg;
		} else if (ch == OPT_RATE) {
			rated = 1;
			if ((rc = add_rating(ctx, &c, optarg)) < 0)
				goto out;
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
	if (!rated && ctx->in_tty && ctx->err_tty)
		ask(ctx, &c);
	buf_adds(&title, "Weekly review, ");
	day_format(ctx->now, &title);
	c.title = title.s;
	c.template = "review";
	c.verb = "Add review";
	c.keep_empty = c.ratings.nr > 0;
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
