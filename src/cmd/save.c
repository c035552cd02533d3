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
"prompts/ and templates/, and tend.ini, added, changed or deleted since\n"
"the last commit (in another editor, say). Symbolic links are never\n"
"saved.\n"
"\n"
"Options:\n"
"  -m, --message MESSAGE  the commit message (default: what changed)\n";

const char cmd_save_shortopts[] = ":m:";
const struct option cmd_save_options[] = {
	{ "message", required_argument, NULL, 'm' },
	{ NULL, 0, NULL, 0 }
};

/* The message that says what changed: one file by name, else a count. */
static void describe(const struct store_changes *ch, size_t n,
		     struct buf *msg)
{
	if (n == 1) {
		const struct store_change *c = NULL;
		char *id;

		for (size_t i = 0; i < ch->nr && !c; i++)
			if (!ch->v[i].symlink)
				c = &ch->v[i];
		id = entry_path_id(c->path);
		if (starts_with(c->path, "entries/"))
			buf_addf(msg, "%s entry: %s",
				 c->kind == 'A' ? "Add" :
				 c->kind == 'D' ? "Remove" : "Edit", id);
		else
			buf_addf(msg, "%s %s", c->kind == 'A' ? "Add" :
				 c->kind == 'D' ? "Remove" : "Edit", c->path);
		free(id);
		return;
	}
	buf_addf(msg, "Save %zu changes made outside tend\n\n", n);
	for (size_t i = 0; i < ch->nr; i++)
		if (!ch->v[i].symlink)
			buf_addf(msg, "%c %s\n", ch->v[i].kind, ch->v[i].path);
}

int cmd_save(int argc, char **argv, struct ctx *ctx)
{
	struct store_changes changes = { 0 };
	struct strvec paths = STRVEC_INIT;
	struct buf msg = BUF_INIT;
	const char *message = NULL;
	int c, rc, committed = 0;

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
	if ((rc = store_changes(ctx, &changes)) < 0)
		goto out;
	for (size_t i = 0; i < changes.nr; i++) {
		if (changes.v[i].symlink)
			warning("not saving '%s': it is a symbolic link",
				changes.v[i].path);
		else
			strvec_push(&paths, changes.v[i].path);
	}
	if (!paths.nr) {
		printf("Nothing to save.\n");
		goto out;
	}
	if (message)
		buf_adds(&msg, message);
	else
		describe(&changes, paths.nr, &msg);
	if ((rc = store_commit(ctx, &paths, msg.s, &committed)) < 0)
		goto out;
	printf("Saved %zu change%s\n", paths.nr, paths.nr == 1 ? "" : "s");
out:
	store_changes_clear(&changes);
	strvec_clear(&paths);
	buf_release(&msg);
	return exit_code(rc);
}
