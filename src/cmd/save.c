/*
 * tend save: commit the edits made outside tend.
 */
#include "cmd.h"
#include "error.h"
#include "inbox.h"
#include "journal.h"
#include "store.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_save_help[] =
"usage: tend save [-m MESSAGE]\n"
"\n"
"Commit what 'tend status' lists: files under entries/, goals/,\n"
"prompts/, templates/ and attachments/, tend.ini and plan.md, added,\n"
"changed or deleted since the last commit (in another editor, say).\n"
"Symbolic links\n"
"are never saved, nor, in an encrypted journal, plain files: only\n"
"NAME.age files (and the commit message is not encrypted: it says what\n"
"changed by the files' names, or what -m says).\n"
"\n"
"Then file the Markdown files another app (a notes app on a phone) put\n"
"in the inbox ([inbox] path, default inbox/) as entries under entries/,\n"
"in a commit of their own: a date and title are added when missing,\n"
"the rest kept byte for byte; a file that cannot be read stays there,\n"
"named. See 'A phone inbox' in tend-sync(1).\n"
"\n"
"Options:\n"
"  -m, --message MESSAGE  the commit message (default: what changed)\n";

const char cmd_save_shortopts[] = ":m:";
const struct option cmd_save_options[] = {
	{ "message", required_argument, NULL, 'm' },
	{ NULL, 0, NULL, 0 }
};

int cmd_save(int argc, char **argv, struct ctx *ctx)
{
	const char *message = NULL;
	struct inbox_result inbox;
	size_t saved;
	int c, rc;

	while ((c = getopt_long(argc, argv, cmd_save_shortopts,
				cmd_save_options, NULL)) != -1) {
		if (c == 'm')
			message = optarg;
		else
			return usage_option("save", c, argv);
	}
	if (optind < argc)
		return usage_error("save", "save takes no arguments; "
				   "see 'tend status'");
	if (message && !*message)
		return usage_error("save", "the message cannot be empty");
	if (message && ctx->encrypted)
		warning("the commit message is not encrypted: whoever has the "
			"folder or its remote can read it");
	if ((rc = store_save(ctx, message, &saved)) < 0)
		return exit_code(rc);
	if (saved)
		printf("Saved %zu change%s\n", saved, saved == 1 ? "" : "s");
	/* then what another app put in the inbox, in a commit of its own */
	inbox_result_init(&inbox);
	rc = inbox_file(ctx, &inbox);
	if (!saved && !inbox.filed.nr)
		printf("Nothing to save.\n");
	inbox_result_print(ctx, &inbox);
	inbox_result_release(&inbox);
	return exit_code(rc);
}
