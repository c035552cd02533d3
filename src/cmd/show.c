/*
 * tend show: print an entry as it is, or as it was in a revision.
 */
#include "cmd.h"
#include "draft.h"
#include "error.h"
#include "fs.h"
#include "journal.h"
#include "output.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_show_help[] =
"usage: tend show [ID] [--rev REV] [--raw]\n"
"\n"
"Print an entry (by default the newest) as its file holds it. With\n"
"--rev, print it as it was in revision REV: HEAD~1, a commit hash from\n"
"'tend log ID', and so on; this works for deleted entries too.\n"
"\n"
"On a terminal, control characters other than line breaks and tabs are\n"
"shown as '?', so that an entry cannot command the terminal (clear it,\n"
"move the cursor, set the clipboard). Into a pipe or a file the bytes\n"
"are written as they are.\n"
"\n"
"  --rev REV   the entry as it was in revision REV\n"
"  --raw       the bytes as they are, on a terminal too\n"
"\n"
"ID is an entry ID, a unique start of one, the path of its file, or\n"
"'last'.\n";

enum { OPT_RAW = 1 };

const char cmd_show_shortopts[] = ":";
const struct option cmd_show_options[] = {
	{ "rev", required_argument, NULL, 'r' },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ NULL, 0, NULL, 0 }
};

int cmd_show(int argc, char **argv, struct ctx *ctx)
{
	const char *rev = NULL, *name;
	struct buf path = BUF_INIT, text = BUF_INIT;
	int c, rc, raw = 0;

	while ((c = getopt_long(argc, argv, cmd_show_shortopts,
				cmd_show_options, NULL)) != -1) {
		if (c == 'r')
			rev = optarg;
		else if (c == OPT_RAW)
			raw = 1;
		else
			return usage_option("show", c, argv);
	}
	if (argc - optind > 1)
		return usage_error("show", "show takes one entry");
	name = optind < argc ? argv[optind] : "last";
	if (rev && strcmp(name, "last")) {
		rc = store_resolve_at(ctx, name, rev, &path);
		if (!rc)
			rc = store_read(ctx, rev, path.s, &text);
	} else {
		rc = journal_resolve(ctx, name, &path);
		if (!rc && rev) {
			rc = store_read(ctx, rev, path.s, &text);
		} else if (!rc) {
			rc = vault_read(ctx, path.s, DRAFT_MAX_BYTES, &text,
					0);
		}
	}
	if (!rc)
		output_text(ctx, text.s, text.len, raw);
	buf_release(&path);
	buf_release(&text);
	return exit_code(rc);
}
