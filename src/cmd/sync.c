/*
 * tend sync: the journal in step with a git remote.
 */
#include "cmd.h"
#include "error.h"
#include "inbox.h"
#include "sync.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

const char cmd_sync_help[] =
"usage: tend sync [--force | --take-purge] [REMOTE]\n"
"\n"
"Keep the journal the same here and in REMOTE (default: [sync] remote of\n"
".tend/config.ini or your own config, else origin, else the only\n"
"remote; see 'tend remote'):\n"
"\n"
"  1. fetch the remote's branch ([sync] branch, else the journal's own);\n"
"  2. commit the edits made outside tend, as 'tend save' does (only once\n"
"     the remote has answered: a failed fetch changes nothing);\n"
"  3. take its new commits: a fast-forward, or a merge commit that joins\n"
"     both sides file by file;\n"
"  4. file what another app put in the inbox ([inbox] path, default\n"
"     inbox/) as entries, in one commit (see 'tend save'), then push\n"
"     (never forced, but with --force below).\n"
"\n"
"A file changed differently on both sides never gets conflict markers:\n"
"your version keeps its path and theirs is saved beside it as\n"
"ID.conflict-SHORTHASH.md (SHORTHASH: the start of their commit's hash),\n"
"both in the merge commit. Take what you need from the copy into the\n"
"entry, then delete the copy; 'tend status' and 'tend check' list the\n"
"copies until then. A file edited on one side and deleted on the other\n"
"is kept, edited. A file renamed on both sides is kept under both names.\n"
"\n"
"With [sync] auto = true every command that commits syncs after it,\n"
"quietly; when that fails the command still succeeds and says so.\n"
"\n"
"What comes in cannot take this machine over: the settings that run a\n"
"command, choose where files go or what leaves ([editor] command,\n"
"[render] output and include_private, [sync] remote, auto and ssh_key)\n"
"are never read from tend.ini, only from .tend/config.ini and your own\n"
"config; names a sync takes out of [share] redact stay hidden here\n"
"(kept in .tend/config.ini, in an encrypted journal sealed in\n"
".tend/config.ini.age); and anything sent into .tend/ is refused.\n"
"\n"
"An encrypted journal syncs as it is: what goes to the remote is age\n"
"files, and conflict copies are ID.conflict-SHORTHASH.md.age. It joins\n"
"only the history of a journal encrypted to its own key; a plain\n"
"journal joins no encrypted one. What is refused is not joined, and\n"
"what came of it is removed from this journal's git folder.\n"
"\n"
"After 'tend purge' the remote's branch still holds the entries: the\n"
"next sync takes them out of what it fetched too, joins that, and\n"
"replaces the remote's branch (a remote that refuses is exit 5, and\n"
"nothing here is lost). A clone that fetches a purge made elsewhere\n"
"(.tend-purged/ names more) of entries it still has names them and\n"
"asks, on a terminal, to purge them here too; --take-purge does that\n"
"without asking. Until then the sync stops, exit 5, changing nothing\n"
"and sending nothing back: a purged entry never returns, and a remote\n"
"alone never erases an entry here.\n"
"\n"
"--force is for after 'tend encrypt' or 'tend decrypt', which rewrite\n"
"the history: it replaces the remote's branch, which still holds the\n"
"history from before, with the journal's, only if the remote is still\n"
"where it was when the journal was rewritten (else another clone may\n"
"have synced to it, and nothing is replaced). What it held goes from\n"
"the journal's git folder, and from the remote's when that is a folder\n"
"here; a remote on another machine may keep it until its git collects\n"
"its garbage. Other clones of the old history cannot sync with it any\n"
"more: clone it anew.\n"
"\n"
"Options:\n"
"  --force        replace a history rewritten by tend encrypt or decrypt\n"
"  --take-purge   purge here, unasked, what another clone purged\n"
"\n"
"Exit status: 0 in step; 5 the remote could not be reached, refused the\n"
"push, the login or the host key failed, it is locked by a push that was\n"
"cut short, or it sent a symbolic link that leads out of the journal or\n"
"a file into .tend/, or a journal that cannot join this one (plain and\n"
"encrypted, or another key) (nothing here changes when the fetch fails);\n"
"7 the journal is locked (encrypted, and no passphrase);\n"
"6 in step, with conflict copies to look at.\n";

const char cmd_sync_shortopts[] = ":";
const struct option cmd_sync_options[] = {
	{ "force", no_argument, NULL, 'f' },
	{ "take-purge", no_argument, NULL, 'p' },
	{ NULL, 0, NULL, 0 }
};

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* What came in, what went out, and what needs a look. */
static void print_report(const struct ctx *ctx, const struct sync_report *r,
			 int pushed)
{
	const struct merge_result *m = &r->merge;

	if (r->saved)
		printf("Saved %zu change%s made outside tend.\n", r->saved,
		       plural(r->saved));
	if (r->received)
		printf("Received %zu commit%s from '%s': %zu file%s added, "
		       "%zu changed, %zu deleted.\n", r->received,
		       plural(r->received), r->remote, r->added,
		       plural(r->added), r->changed, r->deleted);
	if (r->merged)
		printf("Joined them with yours in a merge commit.\n");
	inbox_result_print(ctx, &r->inbox);
	if (r->sent && r->replaced)
		printf("Replaced the history of '%s' (branch %s) with this "
		       "journal's: %zu commit%s.\n", r->remote, r->branch,
		       r->sent, plural(r->sent));
	else if (r->sent)
		printf("Sent %zu commit%s to '%s' (branch %s).\n", r->sent,
		       plural(r->sent), r->remote, r->branch);
	if (!r->received && !r->sent && pushed)
		printf("Up to date with '%s'.\n", r->remote);
	for (size_t i = 0; i < m->kept.nr; i++)
		printf("Kept %s: edited on one side, deleted on the other.\n",
		       m->kept.v[i]);
	for (size_t i = 0; i < m->nr; i++)
		printf("Conflict: %s changed on both sides; yours is there, "
		       "theirs is in %s\n", m->copies[i].path,
		       m->copies[i].copy);
}

int cmd_sync(int argc, char **argv, struct ctx *ctx)
{
	struct sync_report r;
	unsigned how = 0;
	int c, rc;

	while ((c = getopt_long(argc, argv, cmd_sync_shortopts,
				cmd_sync_options, NULL)) != -1) {
		if (c != 'f' && c != 'p')
			return usage_option("sync", c, argv);
		how |= c == 'f' ? SYNC_FORCE : SYNC_TAKE_PURGE;
	}
	if ((how & SYNC_FORCE) && (how & SYNC_TAKE_PURGE))
		return usage_error("sync", "--force and --take-purge do not "
				   "go together");
	if (argc - optind > 1)
		return usage_error("sync", "sync takes one remote");
	sync_report_init(&r);
	rc = sync_run(ctx, optind < argc ? argv[optind] : NULL, how, &r);
	/* a push that failed after a merge: what the merge did still counts */
	if (rc == 0 || r.saved || r.received || r.inbox.filed.nr)
		print_report(ctx, &r, rc == 0);
	if (r.merge.nr) {
		int copies = error_as(FAIL_CONFLICTS, "%zu file%s changed on "
				      "both sides: take what you need from "
				      "each conflict copy, then delete it",
				      r.merge.nr, plural(r.merge.nr));

		if (rc == 0)
			rc = copies;
	}
	sync_report_release(&r);
	return exit_code(rc);
}
