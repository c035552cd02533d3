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
#include <unistd.h>

const char cmd_rm_help[] =
"usage: tend rm ID\n"
"\n"
"Delete an entry, and the files attached to it (tend attach), and commit\n"
"the deletion as \"Remove entry: ID\". The entry stays in the journal's\n"
"history: 'tend restore ID' brings it back, its files too.\n"
"Edits to it that were not committed yet are committed first, so that\n"
"they can be brought back too.\n"
"\n"
"ID is an entry ID, a unique start of one, the path of its file, or\n"
"'last'.\n";

/* The most of an entry rm keeps in memory, to put it back. */
#define KEEP_MAX (64 * 1024 * 1024)

const char cmd_rm_shortopts[] = ":";
const struct option cmd_rm_options[] = { { NULL, 0, NULL, 0 } };

/*
 * Remove the attachments folder of the entry file entry, and the folders
 * above it up to attachments/, when they are empty.
 */
static void remove_empty_dir(struct ctx *ctx, const char *entry)
{
	struct buf dir = BUF_INIT, full = BUF_INIT;
	char *slash;

	if (attach_dir(entry, &dir) < 0)
		goto out;
	while (strchr(dir.s, '/')) {
		path_join(&full, ctx->root, dir.s);
		if (rmdir(full.s) < 0)
			break;
		slash = strrchr(dir.s, '/');
		buf_setlen(&dir, (size_t)(slash - dir.s));
	}
out:
	buf_release(&dir);
	buf_release(&full);
}

int cmd_rm(int argc, char **argv, struct ctx *ctx)
{
	struct buf path = BUF_INIT, msg = BUF_INIT, text = BUF_INIT;
	struct strvec paths = STRVEC_INIT;
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
	if ((rc = attach_files(ctx, path.s, &paths)) < 0)
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
	remove_empty_dir(ctx, path.s);
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
	buf_release(&path);
	buf_release(&msg);
	buf_release(&text);
	return exit_code(rc);
}
