/*
 * tend log: the history of the journal or of one entry.
 */
#include "cmd.h"
#include "error.h"
#include "journal.h"
#include "output.h"
#include "store.h"
#include "util.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_log_help[] =
"usage: tend log [ID] [-n N]\n"
"\n"
"Show the journal's history, newest first: commit, date and what\n"
"changed. With ID, only the commits that changed that entry, also after\n"
"it was deleted. Give a commit to 'tend show ID --rev' or\n"
"'tend restore ID --rev' to see or bring back that version.\n"
"\n"
"Options:\n"
"  -n N   show at most N commits\n";

const char cmd_log_shortopts[] = ":n:";
const struct option cmd_log_options[] = { { NULL, 0, NULL, 0 } };

/*
 * Print one commit. Its summary can hold what a title or a commit made
 * elsewhere holds: it goes through output_clean(), as list's titles do.
 */
static void print_item(const struct store_log_item *item, void *data)
{
	const struct tm *w = &item->when.wall;
	struct buf summary = BUF_INIT;

	(void)data;
	output_clean(&summary, item->summary);
	printf("%.7s  %04d-%02d-%02d %02d:%02d  %s\n", item->hash,
	       w->tm_year + 1900, w->tm_mon + 1, w->tm_mday, w->tm_hour,
	       w->tm_min, summary.s);
	buf_release(&summary);
}

int cmd_log(int argc, char **argv, struct ctx *ctx)
{
	struct buf path = BUF_INIT, rev = BUF_INIT;
	long max = 0;
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, cmd_log_shortopts,
				cmd_log_options, NULL)) != -1) {
		if (c == 'n') {
			if (parse_whole(optarg, LONG_MAX, &max) < 0 || max < 1)
				return usage_error("log", "-n needs a whole "
						   "number above 0, not '%s'",
						   optarg);
		} else {
			return usage_option("log", c, argv);
		}
	}
	if (argc - optind > 1)
		return usage_error("log", "log takes one entry");
	if (optind < argc) {
		const char *name = argv[optind];

		if (!strcmp(name, "last")) {
			rc = journal_resolve(ctx, name, &path);
		} else {
			char *id = entry_path_id(name);

			rc = store_find_last(ctx, id, &path, &rev);
			free(id);
		}
		if (rc < 0)
			goto out;
	}
	rc = store_log(ctx, path.len ? path.s : NULL, max, print_item, NULL);
	if (rc == 0 && store_is_shallow(ctx)) {
		fflush(stdout);
		fprintf(stderr, "This clone's history is shallow: it holds "
			"the commits shown, not those before them (git fetch "
			"--unshallow fetches the rest).\n");
	}
out:
	buf_release(&path);
	buf_release(&rev);
	return exit_code(rc);
}
