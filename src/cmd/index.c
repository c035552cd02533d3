/*
 * tend index: bring the index up to date, or build it anew.
 */
#include "cmd.h"
#include "error.h"
#include "index.h"

#include <getopt.h>
#include <stdio.h>

const char cmd_index_help[] =
"usage: tend index [--rebuild]\n"
"\n"
"Bring the index (.tend/index.db) up to date with the files: read the\n"
"entries and goals that are new or changed, forget those that are gone.\n"
"Every command that reads does this by itself; this one says what it\n"
"found, with progress on a terminal. The index is only a cache of the\n"
"files and can always be built again. On a full disk this fails when\n"
"there is anything to write; other commands go on reading the index as\n"
"it is, or a copy of it in memory.\n"
"\n"
"Options:\n"
"  --rebuild   throw the index away and build it from nothing\n";

enum { OPT_REBUILD = 1 };

const char cmd_index_shortopts[] = ":";
const struct option cmd_index_options[] = {
	{ "rebuild", no_argument, NULL, OPT_REBUILD },
	{ NULL, 0, NULL, 0 }
};

int cmd_index(int argc, char **argv, struct ctx *ctx)
{
	struct index_stats st;
	unsigned flags = INDEX_SAVE;
	int c, rc;

	while ((c = getopt_long(argc, argv, cmd_index_shortopts,
				cmd_index_options, NULL)) != -1) {
		if (c == OPT_REBUILD)
			flags |= INDEX_REBUILD;
		else
			return usage_option("index", c, argv);
	}
	if (optind < argc)
		return usage_error("index", "index takes no arguments");
	rc = index_open(ctx, flags, &st);
	if (rc < 0)
		return exit_code(rc);
	index_warn_broken(ctx);
	printf("%ld file%s: %ld read, %ld gone, %ld that cannot be read\n",
	       st.files, st.files == 1 ? "" : "s", st.read, st.removed,
	       st.broken);
	return 0;
}
