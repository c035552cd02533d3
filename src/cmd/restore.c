/*
 * tend restore: bring back a deleted entry, or an older version of one,
 * as a new commit. History is never rewritten.
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
#include <sys/stat.h>

const char cmd_restore_help[] =
"usage: tend restore ID [--rev REV]\n"
"\n"
"Bring back a deleted entry as it was just before it was deleted, or,\n"
"with --rev, the version an entry had in revision REV (HEAD~2, a commit\n"
"hash from 'tend log ID'). The result is committed as a new change\n"
"(\"Restore entry: ID (from REV)\"); edits not committed yet are\n"
"committed first, so nothing is lost. An entry file that was emptied\n"
"(by a failed write, say) gets back the text of its last commit. The\n"
"files attached to the entry in that version come back with it.\n"
"\n"
"ID is an entry ID, a unique start of one, or the path of its file.\n"
"\n"
"Options:\n"
"  --rev REV   the revision whose version of the entry comes back\n";

const char cmd_restore_shortopts[] = ":";
const struct option cmd_restore_options[] = {
	{ "rev", required_argument, NULL, 'r' },
	{ NULL, 0, NULL, 0 }
};

int cmd_restore(int argc, char **argv, struct ctx *ctx)
{
	struct buf path = BUF_INIT, rev = BUF_INIT, text = BUF_INIT;
	struct buf full = BUF_INIT, msg = BUF_INIT;
	struct strvec paths = STRVEC_INIT, files = STRVEC_INIT;
	struct buf dir = BUF_INIT;
	const char *given_rev = NULL;
	char *id = NULL, *name = NULL;
	struct stat st;
	int c, rc = FAIL, committed, emptied;

	while ((c = getopt_long(argc, argv, cmd_restore_shortopts,
				cmd_restore_options, NULL)) != -1) {
		if (c == 'r')
			given_rev = optarg;
		else
			return usage_option("restore", c, argv);
	}
	if (argc - optind != 1)
		return usage_error("restore", "restore takes one entry");
	name = entry_path_id(argv[optind]);
	if (given_rev) {
		buf_adds(&rev, given_rev);
		if (store_resolve_at(ctx, name, rev.s, &path) < 0)
			goto out;
	} else if (store_find_last(ctx, name, &path, &rev) < 0) {
		goto out;
	}
	id = entry_path_id(path.s);
	path_join(&full, ctx->root, path.s);
	/* an emptied file is no edit to keep: its text is what comes back */
	emptied = lstat(full.s, &st) == 0 && S_ISREG(st.st_mode) &&
		  !st.st_size;
	if (!given_rev && fs_exists(full.s) && !emptied) {
		error("'%s' is in the journal; to bring back an older version "
		      "give --rev REV (see 'tend log %s')", id, id);
		goto out;
	}
	/* as committed: an encrypted file comes back byte for byte */
	if ((rc = store_read_raw(ctx, rev.s, path.s, &text)) < 0)
		goto out;
	/* the files attached to it then come back with it */
	if (attach_dir(path.s, &dir) == 0 &&
	    (rc = store_files_at(ctx, rev.s, dir.s, &files)) < 0)
		goto out;
	/* commit edits not yet committed, so they stay in history */
	strvec_push(&paths, path.s);
	if ((rc = attach_files(ctx, path.s, &paths, NULL)) < 0)
		goto out;
	buf_addf(&msg, "Save entry: %s", id);
	if (!emptied &&
	    (rc = store_commit(ctx, &paths, msg.s, &committed)) < 0)
		goto out;
	for (size_t i = 0; i < files.nr; i++) {
		struct buf data = BUF_INIT;

		rc = store_read_raw(ctx, rev.s, files.v[i], &data);
		if (rc == 0)
			rc = fs_write_in(ctx->root, files.v[i], data.s,
					 data.len);
		buf_release(&data);
		if (rc < 0)
			goto out;
		strvec_push_unique(&paths, files.v[i]);
	}
	if ((rc = fs_write_in(ctx->root, path.s, text.s, text.len)) < 0)
		goto out;
	buf_reset(&msg);
	buf_addf(&msg, "Restore entry: %s (from %.*s)", id,
		 given_rev ? (int)rev.len : 7, rev.s);
	if ((rc = store_commit(ctx, &paths, msg.s, &committed)) < 0)
		goto out;
	if (committed || emptied)
		printf("Restored %s from %.*s\n", id,
		       given_rev ? (int)rev.len : 7, rev.s);
	else
		printf("%s is already as it was in %s\n", id, given_rev);
out:
	free(id);
	free(name);
	strvec_clear(&paths);
	strvec_clear(&files);
	buf_release(&dir);
	buf_release(&path);
	buf_release(&rev);
	buf_release(&text);
	buf_release(&full);
	buf_release(&msg);
	return exit_code(rc);
}
