/*
 * tend list: the entries the filters select, newest first.
 */
#include "cmd.h"
#include "error.h"
#include "index.h"
#include "output.h"
#include "query.h"

#include <getopt.h>
#include <stdio.h>

const char cmd_list_help[] =
"usage: tend list [FILTERS] [--format text|json|ids|paths]\n"
"\n"
"List the entries, newest first. An entry whose front matter cannot be\n"
"read is left out with a warning naming the file and line.\n"
"\n"
"  --format FORMAT         text (default): date, mood, title and tags;\n"
"                          json: an array of entry objects; ids: one ID\n"
"                          a line; paths: the full path of each file\n"
"\n"
FILTER_HELP;

enum { OPT_FORMAT = 1 };

const char cmd_list_shortopts[] = ":n:";
const struct option cmd_list_options[] = {
	FILTER_OPTIONS,
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 }
};

int cmd_list(int argc, char **argv, struct ctx *ctx)
{
	struct filter f;
	struct hits hits = { 0 };
	int c, rc = 0, format = FORMAT_TEXT;

	filter_init(&f);
	while ((c = getopt_long(argc, argv, cmd_list_shortopts,
				cmd_list_options, NULL)) != -1) {
		if (c == OPT_FORMAT)
			rc = format = format_parse(optarg, 4);
		else if (!(rc = filter_option(&f, c, optarg, ctx)))
			rc = usage_option("list", c, argv) ? FAIL_USAGE : 0;
		if (rc < 0)
			goto out;
	}
	if (optind < argc) {
		usage_error("list", "unexpected '%s'", argv[optind]);
		rc = FAIL_USAGE;
		goto out;
	}
	if ((rc = index_ready(ctx)) < 0)
		goto out;
	index_warn_broken(ctx);
	if ((rc = query_run(ctx, &f, NULL, NULL, &hits)) == 0)
		output_hits(ctx, &hits, format, 0);
out:
	hits_clear(&hits);
	filter_release(&f);
	return exit_code(rc);
}
