/*
 * tend save: commit the edits made outside tend.
 */
#include "cmd.h"
#include "error.h"
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
"prompts/ and templates/, tend.ini and plan.md, added, changed or\n"
"deleted since the last commit (in another editor, say). Symbolic links\n"
"are never saved, nor, in an encrypted journal, plain files: only\n"
"NAME.age files (and the commit message is not encrypted: it says what\n"
"changed by the files' names, or what -m says).\n"
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
	if (!saved)
		printf("Nothing to save.\n");
	else
		printf("Saved %zu change%s\n", saved, saved == 1 ? "" : "s");
	return 0;
}
