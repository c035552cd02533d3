/*
 * tend status: what changed outside tend since the last commit, and the
 * drafts that were kept.
 */
#include "cmd.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "inbox.h"
#include "journal.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

const char cmd_status_help[] =
"usage: tend status\n"
"\n"
"List the files under entries/, goals/, prompts/, templates/ and\n"
"attachments/, and tend.ini and plan.md, that were added, changed or\n"
"deleted since the last commit, for example in another editor; 'tend\n"
"save' commits them. Also lists\n"
"drafts kept in .tend/drafts/ after an editor failed, the conflict\n"
"copies a sync left (ID.conflict-SHORTHASH.md) until you delete them,\n"
"and reports changed entries whose front matter cannot be read. An\n"
"entry file that is empty while its last commit is not is never saved\n"
"as an edit: 'tend restore ID' brings its text back, 'tend rm ID'\n"
"deletes it. Lists too the files in the inbox ([inbox] path, default\n"
"inbox/) that 'tend save' and 'tend sync' will file as entries, and\n"
"those they cannot file, with why.\n";

const char cmd_status_shortopts[] = ":";
const struct option cmd_status_options[] = { { NULL, 0, NULL, 0 } };

static const char *kind_name(char kind)
{
	return kind == 'A' ? "added:   " : kind == 'D' ? "deleted: "
						       : "modified:";
}

/*
 * List what the inbox holds: the files a save or sync will file, and
 * those it leaves, with why. first: nothing was listed before.
 */
static void print_inbox(const struct ctx *ctx, const struct inbox_result *r,
			int first)
{
	if (r->waiting.nr)
		printf("%sIn the inbox, to be filed as entries by 'tend save' "
		       "or 'tend sync':\n", first ? "" : "\n");
	for (size_t i = 0; i < r->waiting.nr; i++)
		printf("  %s\n", r->waiting.v[i]);
	if (r->nleft)
		printf("%sIn the inbox, not filed (mend each, and 'tend save' "
		       "files it; or move it\nout of '%s/'):\n",
		       first && !r->waiting.nr ? "" : "\n", inbox_dir(ctx));
	for (size_t i = 0; i < r->nleft; i++)
		printf("  %s: %s\n", r->left[i].path, r->left[i].why);
}

int cmd_status(int argc, char **argv, struct ctx *ctx)
{
	struct store_changes changes = { 0 };
	struct strvec drafts = STRVEC_INIT, copies = STRVEC_INIT;
	struct inbox_result inbox;
	int c, rc;

	while ((c = getopt_long(argc, argv, cmd_status_shortopts,
				cmd_status_options, NULL)) != -1)
		return usage_option("status", c, argv);
	if (optind < argc)
		return usage_error("status", "status takes no arguments");
	inbox_result_init(&inbox);
	if ((rc = store_changes(ctx, &changes)) < 0)
		goto out;
	/* an inbox that cannot be read is said; the rest shows all the
	   same, and the exit status tells */
	rc = inbox_stuck(ctx, &inbox);
	fs_walk(ctx->root, ".tend/drafts", vault_md(ctx), &drafts, NULL);
	journal_conflict_copies(ctx, &copies);
	if (!changes.nr && !drafts.nr && !copies.nr && !inbox.waiting.nr &&
	    !inbox.nleft) {
		printf("Nothing to save: the journal is as it was at its last "
		       "commit.\n");
		goto out;
	}
	if (changes.nr)
		printf("Not saved yet ('tend save' commits them):\n");
	for (size_t i = 0; i < changes.nr; i++) {
		const struct store_change *ch = &changes.v[i];

		if (ch->symlink)
			printf("  symbolic link, never saved: %s\n", ch->path);
		else if (ch->emptied)
			printf("  emptied, never saved: %s (its text is in "
			       "the last commit: 'tend restore')\n", ch->path);
		else
			printf("  %s %s\n", kind_name(ch->kind), ch->path);
	}
	for (size_t i = 0; i < changes.nr; i++) {
		const struct store_change *ch = &changes.v[i];
		struct entry e;

		if (ch->kind == 'D' || ch->symlink || ch->emptied ||
		    !starts_with(ch->path, "entries/") ||
		    !ends_with(ch->path, vault_md(ctx)))
			continue;
		entry_init(&e);
		entry_load(&e, ctx, ch->path);
		entry_release(&e);
	}
	if (drafts.nr)
		printf("%sDrafts kept (open one in your editor, copy what you "
		       "need, then delete it):\n", changes.nr ? "\n" : "");
	for (size_t i = 0; i < drafts.nr; i++)
		printf("  %s/%s\n", ctx->root, drafts.v[i]);
	if (copies.nr)
		printf("%sConflict copies a sync left (take what you need into "
		       "the file beside each,\nthen delete the copy):\n",
		       changes.nr || drafts.nr ? "\n" : "");
	for (size_t i = 0; i < copies.nr; i++)
		printf("  %s\n", copies.v[i]);
	print_inbox(ctx, &inbox, !changes.nr && !drafts.nr && !copies.nr);
out:
	inbox_result_release(&inbox);
	store_changes_clear(&changes);
	strvec_clear(&drafts);
	strvec_clear(&copies);
	return exit_code(rc);
}
