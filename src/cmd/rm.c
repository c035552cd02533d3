/*
 * tend rm: delete an entry, in a commit of its own, so that it can be
 * brought back.
 */
#include "cmd.h"
#include "attach.h"
#include "error.h"
#include "fs.h"
#include "journal.h"
#include "store.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_rm_help[] =
"usage: tend rm ID\n"
"\n"
"Delete an entry, and the files attached to it (tend attach), and commit\n"
"the deletion as \"Remove entry: ID\". The entry stays in the journal's\n"
"history: 'tend restore ID' brings it back, its files too. What its\n"
"folder of files holds that the history never keeps (a .DS_Store, a\n"
"symbolic link) goes and does not come back; a link is removed as a\n"
"link, never followed, and named with where it led.\n"
"Edits to it that were not committed yet are committed first, so that\n"
"they can be brought back too.\n"
"\n"
"ID is an entry ID, a unique start of one, the path of its file, or\n"
"'last'.\n";

/* The most of an entry rm keeps in memory, to put it back. */
#define KEEP_MAX (64 * 1024 * 1024)

const char cmd_rm_shortopts[] = ":";
const struct option cmd_rm_options[] = { { NULL, 0, NULL, 0 } };

int cmd_rm(int argc, char **argv, struct ctx *ctx)
{
	struct buf path = BUF_INIT, msg = BUF_INIT, text = BUF_INIT;
	struct buf dir = BUF_INIT;
	struct strvec paths = STRVEC_INIT, left = STRVEC_INIT;
	struct strvec had = STRVEC_INIT;
	char *id = NULL;
	int c, rc, committed, kept;

	while ((c = getopt_long(argc, argv, cmd_rm_shortopts,
				cmd_rm_options, NULL)) != -1)
		return usage_option("rm", c, argv);
	if (argc - optind != 1)
		return usage_error("rm", "rm takes one entry");
	if ((rc = journal_resolve(ctx, argv[optind], &path)) < 0)
		goto out;
	id = entry_path_id(path.s);
	strvec_push(&paths, path.s);
	/* its attachments go with it, in the same commit */
	if ((rc = attach_files(ctx, path.s, &paths, &left)) < 0)
		goto out;
	buf_addf(&msg, "Save entry: %s", id);
	if ((rc = store_commit(ctx, &paths, msg.s, &committed)) < 0)
		goto out;
	/* what it holds now is committed: kept, to put back on a failure */
	kept = !fs_read_in(ctx->root, path.s, KEEP_MAX, &text, FS_QUIET) &&
	       text.len <= KEEP_MAX;
	if ((rc = fs_remove_in(ctx->root, path.s)) < 0)
		goto out;
	for (size_t i = 1; i < paths.nr; i++)
		if (fs_remove_in(ctx->root, paths.v[i]) < 0)
			warning("'%s' stays; the commit takes it out of the "
				"journal all the same", paths.v[i]);
	attach_remove_left(ctx, &left);
	attach_remove_dir(ctx, path.s);
	/* out of the tree goes all of the folder the last commit has, its
	   files removed by hand too; no link is left to go through */
	if (attach_dir(path.s, &dir) == 0 &&
	    store_files_at(ctx, "HEAD", dir.s, &had) == 0)
		for (size_t i = 0; i < had.nr; i++)
			if (fs_check_inside(ctx->root, had.v[i]) == 0)
				strvec_push_unique(&paths, had.v[i]);
	buf_reset(&msg);
	buf_addf(&msg, "Remove entry: %s", id);
	if ((rc = store_commit(ctx, &paths, msg.s, &committed)) < 0) {
		if (kept && !fs_write_in(ctx->root, path.s, text.s, text.len))
			fprintf(stderr, "tend: '%s' is not removed\n", id);
		else
			error("'%s' is removed but not committed; 'tend "
			      "restore %s' brings it back", id, id);
		goto out;
	}
	printf("Removed %s; 'tend restore %s' brings it back\n", id, id);
out:
	free(id);
	strvec_clear(&paths);
	strvec_clear(&left);
	strvec_clear(&had);
	buf_release(&path);
	buf_release(&msg);
	buf_release(&text);
	buf_release(&dir);
	return exit_code(rc);
}
