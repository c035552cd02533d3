/*
 * tend plan: the user's own plan for the hard moments, one file of the
 * journal.
 */
#include "care.h"
#include "cmd.h"
#include "error.h"
#include "fs.h"
#include "output.h"
#include "revise.h"
#include "vault.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

const char cmd_plan_help[] =
"usage: tend plan [show]\n"
"\n"
"Your plan for the hard moments, in your own words: what helps you, what\n"
"you can do in ten minutes, who you can call, places where you are safe,\n"
"and the numbers to call in a crisis. Write it on a calm day, so that it\n"
"is there on a hard one.\n"
"\n"
"  tend plan        open it in your editor; the first time it starts as\n"
"                   empty headings to fill in\n"
"  tend plan show   print it\n"
"\n"
"It is one file of the journal, plan.md (plan.md.age in an encrypted\n"
"journal), committed like an entry, so every version of it stays. It is\n"
"yours alone: it is no entry, so render, export and prep never show it.\n";

const char cmd_plan_shortopts[] = ":";
const struct option cmd_plan_options[] = { { NULL, 0, NULL, 0 } };

/* What a new plan starts as: headings, nothing filled in. */
static const char plan_seed[] =
"# My plan for the hard moments\n"
"\n"
"## What helps me\n"
"\n"
"## What I can do in ten minutes\n"
"\n"
"## Who I can call\n"
"\n"
"## Places where I am safe\n"
"\n"
"## Numbers to call in a crisis\n"
"\n";

/* Any text is a plan. */
static int check_plan(const struct draft *d, void *data)
{
	(void)d;
	(void)data;
	return 0;
}

/* Print the plan, or say there is none yet (exit 1). */
static int show_plan(struct ctx *ctx, const char *rel)
{
	struct buf text = BUF_INIT;
	int rc = vault_read(ctx, rel, PLAN_MAX, &text, FS_MISSING_OK);

	if (rc > 0)
		rc = error("there is no plan yet: 'tend plan' makes one");
	else if (rc == 0 && text.len > PLAN_MAX)
		rc = error("'%s' is larger than %d MiB", rel, PLAN_MAX >> 20);
	else if (rc == 0)
		output_text(ctx, text.s, text.len, 0);
	buf_release(&text);
	return rc < 0 ? rc : 0;
}

int cmd_plan(int argc, char **argv, struct ctx *ctx)
{
	struct revision r = { .id = "plan", .what = "plan",
			      .message = "Edit plan", .check = check_plan,
			      .seed = plan_seed };
	struct buf rel = BUF_INIT, hint = BUF_INIT;
	int c, rc;

	while ((c = getopt_long(argc, argv, cmd_plan_shortopts,
				cmd_plan_options, NULL)) != -1)
		return usage_option("plan", c, argv);
	if (argc - optind > 1 ||
	    (optind < argc && strcmp(argv[optind], "show")))
		return usage_error("plan", "plan takes nothing, or 'show'");
	vault_name(ctx, PLAN_FILE, &rel);
	if (optind < argc) {
		rc = show_plan(ctx, rel.s);
	} else {
		buf_addf(&hint, "rm %s, then tend save", rel.s);
		r.path = rel.s;
		r.remove_hint = hint.s;
		rc = revise_file(ctx, &r);
	}
	buf_release(&rel);
	buf_release(&hint);
	return exit_code(rc);
}
