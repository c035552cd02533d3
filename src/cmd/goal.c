/*
 * tend goal: personal goals, each a file goals/ID.md (in an encrypted
 * journal one whose name says nothing of it), and how they go.
 */
#include "cmd.h"
#include "dates.h"
#include "error.h"
#include "fs.h"
#include "goal.h"
#include "index.h"
#include "journal.h"
#include "goals.h"
#include "output.h"
#include "prompts.h"
#include "report.h"
#include "revise.h"
#include "slug.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_goal_help[] =
"usage: tend goal add ID TITLE... [--target WHEN] [--topic T]...\n"
"                     [--why TEXT] [--success TEXT]\n"
"       tend goal list [--all] [--json]\n"
"       tend goal show ID [--json]\n"
"       tend goal done|pause|resume|drop ID\n"
"       tend goal edit ID\n"
"\n"
"A goal is a file goals/ID.md: a title, a status (active, achieved,\n"
"paused, dropped), when it started, a target date if you like, the\n"
"prompt topics it relates to, and why it matters, in your words. Entries\n"
"name their goals (tend new --goal ID); how a goal goes is read from\n"
"them: how many and when, weeks in a row with one (a streak), the mood of\n"
"its entries early and late in its life, and the ratings of weekly\n"
"reviews. Milestones (the first entry, the tenth, four weeks in a row,\n"
"achieved) are announced when an entry reaches them.\n"
"\n"
"In an encrypted journal a goal's file is goals/H.md.age, H made from\n"
"its ID with the journal's key, so that no file name says what your\n"
"goals are; the ID is kept in the file (id:), and commit messages name\n"
"no goal.\n"
"\n"
"  add       write goals/ID.md and commit (ID: lowercase words joined\n"
"            by -, like boundaries or self-care); on a terminal it asks\n"
"            why the goal matters to you and what success would look\n"
"            like, unless --why and --success say (Enter skips either)\n"
"  list      the active goals (--all: every goal) and how they go\n"
"  show      one goal in full: how it goes, then its file's words\n"
"            (a heading with nothing under it is left out)\n"
"  done      mark it achieved (today); pause, resume, drop likewise\n"
"  edit      open goals/ID.md in your editor\n"
"\n"
"Options:\n"
"  --target WHEN  the date to reach it by (add)\n"
"  --topic T      a prompt topic it relates to; repeatable (add); see\n"
"                 tend prompt --list\n"
"  --why TEXT     why it matters to you, one line (add): written under\n"
"                 \"## " GOAL_WHY "\" in the goal's file\n"
"  --success TEXT what success would look like, one line (add): under\n"
"                 \"## " GOAL_SUCCESS "\"\n"
"  --all          every goal, not only the active ones (list)\n"
"  --json         as JSON (list, show)\n";

enum { OPT_TARGET = 1, OPT_TOPIC, OPT_ALL, OPT_JSON, OPT_WHY, OPT_SUCCESS };

#define WORDS_MAX 1000	/* bytes of a --why, a --success, an answer */

const char cmd_goal_shortopts[] = ":";
const struct option cmd_goal_options[] = {
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "topic", required_argument, NULL, OPT_TOPIC },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "why", required_argument, NULL, OPT_WHY },
	{ "success", required_argument, NULL, OPT_SUCCESS },
	{ NULL, 0, NULL, 0 }
};

/* The options, read for any subcommand (each uses what it needs). */
struct goal_opts {
	const char *target;
	const char *why, *success;	/* NULL when not given */
	struct strvec topics;
	int all, json;
	unsigned set;		/* a bit for each option given */
};

static int parse(int argc, char **argv, struct goal_opts *o)
{
	int c;

	optind = 1;	/* after the subcommand */
	while ((c = getopt_long(argc, argv, cmd_goal_shortopts,
				cmd_goal_options, NULL)) != -1) {
		switch (c) {
		case OPT_TARGET:
			o->target = optarg;
			break;
		case OPT_TOPIC:
			strvec_push_unique(&o->topics, optarg);
			break;
		case OPT_ALL:
			o->all = 1;
			break;
		case OPT_JSON:
			o->json = 1;
			break;
		case OPT_WHY:
			o->why = optarg;
			break;
		case OPT_SUCCESS:
			o->success = optarg;
			break;
		default:
			return usage_option("goal", c, argv);
		}
		o->set |= 1u << c;
	}
	return 0;
}

/* Refuse options a subcommand does not take, naming the first. */
static int only(const struct goal_opts *o, unsigned allowed, const char *sub)
{
	for (const struct option *opt = cmd_goal_options; opt->name; opt++)
		if (o->set & ~allowed & 1u << opt->val)
			return usage_error("goal", "'goal %s' does not take "
					   "--%s", sub, opt->name);
	return 0;
}

static int goal_list(struct ctx *ctx, const struct goal_opts *o)
{
	struct buf out = BUF_INIT;
	size_t shown;
	int rc = report_goals(ctx, o->all, o->json, &out, &shown);

	if (!shown && !rc && !o->json)
		fprintf(stderr, "tend: no %sgoals yet; add one with: tend goal "
			"add ID TITLE\n", o->all ? "" : "active ");
	fwrite(out.s, 1, out.len, stdout);
	buf_release(&out);
	return rc;
}

/*
 * goal show: how the goal goes (report_goal()), and as text, after it,
 * the words of its file without the headings over nothing (goal_body()).
 */
static int goal_show(struct ctx *ctx, const char *id,
		     const struct goal_opts *o)
{
	struct goal g;
	struct buf out = BUF_INIT, body = BUF_INIT;
	int rc;

	goal_init(&g);
	if ((rc = report_goal(ctx, id, o->json, &out)) < 0)
		goto out;
	fwrite(out.s, 1, out.len, stdout);
	if (o->json || (rc = goals_load(ctx, id, &g)) < 0)
		goto out;
	goal_body(&g, &body);
	if (body.len) {
		putchar('\n');
		output_text(ctx, body.s, body.len, 0);
	}
out:
	goal_release(&g);
	buf_release(&out);
	buf_release(&body);
	return rc;
}

/*
 * The message of a commit that does verb ("Add", ...) to the goal id,
 * into out: "VERB goal: ID", or in an encrypted journal, whose commit
 * messages name no goal, "VERB goal".
 */
static void goal_message(const struct ctx *ctx, const char *verb,
			 const char *id, struct buf *out)
{
	buf_reset(out);
	buf_addf(out, "%s goal", verb);
	if (!ctx->encrypted)
		buf_addf(out, ": %s", id);
}

/* Write the goal's file and commit it as message. */
static int save_goal(struct ctx *ctx, const struct goal *g,
		     const char *message)
{
	struct strvec paths = STRVEC_INIT;
	int rc, committed;

	strvec_push(&paths, g->path);
	if ((rc = vault_write(ctx, g->path, g->text.s, g->text.len)) < 0)
		goto out;
	if ((rc = store_commit(ctx, &paths, message, &committed)) < 0) {
		error("the goal is saved in '%s' but not committed; 'tend "
		      "save' commits it", g->path);
		goto out;
	}
	index_note(ctx, g->path);
out:
	strvec_clear(&paths);
	return rc;
}

/*
 * Put s[0..len), the text of --why or --success or an answer to a
 * question, into out without the spaces at either end. Returns 0, or -1
 * when it is not one line of at most WORDS_MAX bytes of text.
 */
static int take_words(const char *s, size_t len, struct buf *out)
{
	buf_reset(out);
	if (strlen(s) != len || !is_one_line(s))
		return -1;
	while (len && *s == ' ') {
		s++;
		len--;
	}
	while (len && s[len - 1] == ' ')
		len--;
	if (len > WORDS_MAX)
		return -1;
	buf_add(out, s, len);
	return 0;
}

/*
 * Ask question on the terminal (stderr) until the answer (a line of
 * stdin) is one line of text, and put it into out, trimmed; empty when
 * Enter skips it. Returns 0, or -1 at the end of the input (out empty).
 */
static int ask(const char *question, struct buf *out)
{
	struct buf line = BUF_INIT;
	int c, rc = 0;

	buf_reset(out);
	for (;;) {
		buf_reset(&line);
		fprintf(stderr, "%s (Enter skips) ", question);
		fflush(stderr);
		while ((c = getchar()) != EOF && c != '\n')
			buf_addch(&line, c);
		if (c == EOF) {
			/* what was typed before Ctrl-D is not an answer */
			fputc('\n', stderr);
			rc = -1;
			break;
		}
		if (line.len && line.s[line.len - 1] == '\r')
			buf_setlen(&line, line.len - 1);
		if (!take_words(line.s, line.len, out))
			break;
		fprintf(stderr, "tend: an answer is one line of at most %d "
			"bytes of text\n", WORDS_MAX);
	}
	buf_release(&line);
	return rc;
}

/*
 * Refuse to add the goal id when its file rel (relative to the journal)
 * is there already. Returns 0, or -1 after reporting.
 */
static int check_new(const struct ctx *ctx, const char *id, const char *rel)
{
	struct buf path = BUF_INIT;
	int rc = 0;

	path_join(&path, ctx->root, rel);
	if (fs_exists(path.s))
		rc = error("the goal '%s' exists already (%s)", id, rel);
	buf_release(&path);
	return rc;
}

static int goal_add(struct ctx *ctx, int argc, char **argv,
		    const struct goal_opts *o)
{
	struct goal g;
	struct library lib;
	struct buf title = BUF_INIT, why = BUF_INIT, success = BUF_INIT;
	struct buf rel = BUF_INIT, msg = BUF_INIT;
	struct when when;
	int rc = FAIL_USAGE;

	goal_init(&g);
	memset(&lib, 0, sizeof(lib));
	if (argc - optind < 2) {
		usage_error("goal", "goal add takes an ID and a title");
		goto out;
	}
	if (!slug_valid(argv[optind])) {
		usage_error("goal", "'%s' is not a goal ID: lowercase letters "
			    "and digits, words joined by -", argv[optind]);
		goto out;
	}
	for (int i = optind + 1; i < argc; i++)
		buf_addf(&title, "%s%s", i > optind + 1 ? " " : "", argv[i]);
	if (!is_one_line(title.s) || title.len > 200) {
		usage_error("goal", "a title is one line of at most 200 "
			    "bytes of text");
		goto out;
	}
	if (o->why && take_words(o->why, strlen(o->why), &why) < 0) {
		usage_error("goal", "--why is one line of at most %d bytes "
			    "of text", WORDS_MAX);
		goto out;
	}
	if (o->success &&
	    take_words(o->success, strlen(o->success), &success) < 0) {
		usage_error("goal", "--success is one line of at most %d "
			    "bytes of text", WORDS_MAX);
		goto out;
	}
	if (o->target && when_parse(o->target, ctx->now, &when) < 0)
		goto out;
	if ((rc = library_load(ctx, &lib)) < 0)
		goto out;
	for (size_t i = 0; i < o->topics.nr; i++)
		if (!library_topic(&lib, o->topics.v[i])) {
			rc = usage_error("goal", "no prompt topic '%s' (see "
					 "tend prompt --list)",
					 o->topics.v[i]) ? FAIL_USAGE : 0;
			goto out;
		}
	/* no questions for a goal that cannot be added */
	if ((rc = vault_goal_path(ctx, argv[optind], &rel)) < 0 ||
	    (rc = check_new(ctx, argv[optind], rel.s)) < 0)
		goto out;
	/* asked before the lock is taken: the answers take their time */
	if (ctx->in_tty && ctx->err_tty) {
		int ended = 0;	/* the input ended: ask no more */

		if (!o->why)
			ended = ask("Why does this goal matter to you?",
				    &why) < 0;
		if (!o->success && !ended)
			ask("What would success look like?", &success);
	}
	goal_new(&g, argv[optind], title.s, ctx->now,
		 o->target ? &when.from : NULL, &o->topics, why.s, success.s);
	if ((rc = goal_place(ctx, &g)) < 0 ||
	    (rc = journal_lock(ctx)) < 0 ||
	    (rc = check_new(ctx, g.id, g.path)) < 0)
		goto out;
	goal_message(ctx, "Add", g.id, &msg);
	if ((rc = save_goal(ctx, &g, msg.s)) == 0)
		printf("%s\n", g.id);
out:
	goal_release(&g);
	library_release(&lib);
	buf_release(&title);
	buf_release(&why);
	buf_release(&success);
	buf_release(&rel);
	buf_release(&msg);
	return rc;
}

/* done, pause, resume, drop: a new status, committed. */
static int goal_status(struct ctx *ctx, const char *sub, const char *id)
{
	static const char *const subs[][3] = {
		{ "done", "achieved", "Achieve" },
		{ "pause", "paused", "Pause" },
		{ "resume", "active", "Resume" },
		{ "drop", "dropped", "Drop" },
	};
	struct goal g;
	struct buf msg = BUF_INIT;
	int k = 0, rc;

	while (strcmp(subs[k][0], sub))
		k++;
	goal_init(&g);
	if ((rc = journal_lock(ctx)) < 0 ||
	    (rc = goals_load(ctx, id, &g)) < 0)
		goto out;
	if (!strcmp(g.status, subs[k][1])) {
		printf("The goal '%s' is %s already.\n", id, subs[k][1]);
		goto out;
	}
	goal_set_status(&g, subs[k][1], ctx->now);
	goal_message(ctx, subs[k][2], id, &msg);
	if ((rc = save_goal(ctx, &g, msg.s)) < 0)
		goto out;
	printf("The goal '%s' is %s.\n", id, subs[k][1]);
	if (k == 0)
		fprintf(stderr, "tend: milestone for your goal '%s': %s\n",
			g.title, milestone_names[MILESTONE_ACHIEVED]);
out:
	goal_release(&g);
	buf_release(&msg);
	return rc;
}

/* The goal whose draft check_goal() reads. */
struct goal_draft {
	const struct ctx *ctx;
	const char *id;
	const char *path;	/* its file */
};

/*
 * Accept the draft of a goal if it reads as the goal's file: in an
 * encrypted journal its id: must stay, since the file is named for it.
 */
static int check_goal(const struct draft *d, void *data)
{
	const struct goal_draft *gd = data;
	struct goal g;
	struct fm_error err = FM_ERROR_INIT;
	const struct fm_item *it;
	int rc = 0;

	goal_init(&g);
	buf_add(&g.text, d->text.s, d->text.len);
	if (goal_parse_file(gd->ctx, gd->path, &g, &err) == 0)
		goto out;
	it = fm_get(&g.fm, "id");
	if (g.id && strcmp(g.id, gd->id) && it)
		rc = error_at(d->path.s, it->val.line, it->val.col, "id must "
			      "stay '%s': the goal's file is named for it",
			      gd->id);
	else
		rc = error_at(d->path.s, err.line, err.col, "%s", err.msg.s);
out:
	fm_error_release(&err);
	goal_release(&g);
	return rc;
}

static int goal_edit(struct ctx *ctx, const char *id)
{
	struct goal g;
	struct buf msg = BUF_INIT;
	struct revision r = { .what = "goal", .check = check_goal,
			      .remove_hint = "delete the file, then tend "
					     "save" };
	struct goal_draft gd = { ctx, id, NULL };
	int rc;

	goal_init(&g);
	if ((rc = goals_load(ctx, id, &g)) < 0 &&
	    rc != FAIL_INVALID)	/* a goal that does not read is edited */
		goto out;
	goal_message(ctx, "Edit", id, &msg);
	gd.path = r.path = g.path;
	/* a kept draft is a file of the journal's: named for no goal */
	r.id = ctx->encrypted ? "goal" : id;
	r.message = msg.s;
	r.data = &gd;
	rc = revise_file(ctx, &r);
out:
	goal_release(&g);
	buf_release(&msg);
	return rc;
}

int cmd_goal(int argc, char **argv, struct ctx *ctx)
{
	struct goal_opts o = { NULL, NULL, NULL, STRVEC_INIT, 0, 0, 0 };
	const char *sub = argc > 1 ? argv[1] : "";
	int rc;

	if (!*sub || sub[0] == '-') {
		strvec_clear(&o.topics);
		return usage_error("goal", "goal needs a subcommand: add, "
				   "list, show, done, pause, resume, drop or "
				   "edit");
	}
	if ((rc = parse(argc - 1, argv + 1, &o)))
		goto out;
	argc--;
	argv++;
	if (!strcmp(sub, "add")) {
		rc = only(&o, 1 << OPT_TARGET | 1 << OPT_TOPIC | 1 << OPT_WHY |
			  1 << OPT_SUCCESS, sub);
		rc = rc ? rc : exit_code(goal_add(ctx, argc, argv, &o));
	} else if (!strcmp(sub, "list")) {
		rc = only(&o, 1 << OPT_ALL | 1 << OPT_JSON, sub);
		if (!rc && optind < argc)
			rc = usage_error("goal", "goal list takes no ID");
		rc = rc ? rc : exit_code(goal_list(ctx, &o));
	} else if (!strcmp(sub, "show") || !strcmp(sub, "done") ||
		   !strcmp(sub, "pause") || !strcmp(sub, "resume") ||
		   !strcmp(sub, "drop") || !strcmp(sub, "edit")) {
		rc = only(&o, !strcmp(sub, "show") ? 1 << OPT_JSON : 0, sub);
		if (!rc && argc - optind != 1)
			rc = usage_error("goal", "goal %s takes one goal ID",
					 sub);
		if (!rc && !strcmp(sub, "show"))
			rc = exit_code(goal_show(ctx, argv[optind], &o));
		else if (!rc && !strcmp(sub, "edit"))
			rc = exit_code(goal_edit(ctx, argv[optind]));
		else if (!rc)
			rc = exit_code(goal_status(ctx, sub, argv[optind]));
	} else {
		rc = usage_error("goal", "'%s' is not a goal subcommand", sub);
	}
out:
	strvec_clear(&o.topics);
	return rc;
}
