/*
 * tend show: print an entry as it is, or as it was in a revision.
 */
#include "cmd.h"
#include "error.h"
#include "fs.h"
#include "journal.h"
#include "store.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_show_help[] =
"usage: tend show [ID] [--rev REV]\n"
"\n"
"Print an entry (by default the newest) exactly as its file holds it.\n"
"With --rev, print it as it was in revision REV: HEAD~1, a commit hash\n"
"from 'tend log ID', and so on; this works for deleted entries too.\n"
"\n"
"ID is an entry ID, a unique start of one, the path of its file, or\n"
"'last'.\n";

/*
 * Find the entry named by name in the tree of rev; its path goes in path.
 * Returns 0 or FAIL after reporting.
 */
static int resolve_at(struct ctx *ctx, const char *name, const char *rev,
		      struct buf *path)
{
	struct strvec paths = STRVEC_INIT, ids = STRVEC_INIT;
	char *id = journal_path_id(name);
	long i;
	int rc = FAIL;

	if (store_entry_paths_at(ctx, rev, &paths) < 0)
		goto out;
	for (size_t k = 0; k < paths.nr; k++) {
		char *one = journal_path_id(paths.v[k]);

		strvec_push(&ids, one);
		free(one);
	}
	i = journal_match_id(id, &ids);
	if (i == -1) {
		error("no entry '%s' in revision '%s'", name, rev);
	} else if (i >= 0) {
		buf_reset(path);
		buf_adds(path, paths.v[i]);
		rc = 0;
	}
out:
	free(id);
	strvec_clear(&paths);
	strvec_clear(&ids);
	return rc;
}

int cmd_show(int argc, char **argv, struct ctx *ctx)
{
	static const struct option opts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *rev = NULL, *name;
	struct buf path = BUF_INIT, text = BUF_INIT, full = BUF_INIT;
	int c, rc;

	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'r')
			rev = optarg;
		else
			return usage_option("show", c, argv);
	}
	if (argc - optind > 1)
		return usage_error("show", "show takes one entry");
	name = optind < argc ? argv[optind] : "last";
	if (rev && strcmp(name, "last")) {
		rc = resolve_at(ctx, name, rev, &path);
		if (!rc)
			rc = store_read(ctx, rev, path.s, &text);
	} else {
		rc = journal_resolve(ctx, name, &path);
		if (!rc && rev) {
			rc = store_read(ctx, rev, path.s, &text);
		} else if (!rc) {
			path_join(&full, ctx->root, path.s);
			rc = fs_read(full.s, (size_t)1 << 30, &text);
		}
	}
	if (!rc)
		fwrite(text.s, 1, text.len, stdout);
	buf_release(&path);
	buf_release(&text);
	buf_release(&full);
	return exit_code(rc);
}
