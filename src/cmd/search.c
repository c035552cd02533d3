/*
 * tend search: full-text search of the entries, best match first.
 */
#include "cmd.h"
#include "error.h"
#include "index.h"
#include "output.h"
#include "query.h"

#include <getopt.h>
#include <stdio.h>

const char cmd_search_help[] =
"usage: tend search QUERY [FILTERS] [--format text|json|ids|paths]\n"
"\n"
"Search the titles, text, tags and feelings of the entries, best match\n"
"first, each with the words around what was found. QUERY is SQLite FTS5\n"
"syntax:\n"
"\n"
"  stonewalling            a word (in any case, accents or not)\n"
"  \"felt invisible\"        a phrase\n"
"  stonewall*              words that start so\n"
"  dishes NOT laundry      AND, OR, NOT (as 'and not'), and ( )\n"
"  title:argument          only in one column: title, body, tags, feelings\n"
"\n"
"Words with '-' or ' in them go in double quotes: '\"self-care\"'.\n"
"A search holds at most 32 words and phrases (a phrase is one, however\n"
"long), at most 4 of them with *, in at most 1,000 bytes.\n"
"\n"
"  --all                   every match (without it: the best 20, or -n N)\n"
"  --format FORMAT         text (default); json: entry objects with\n"
"                          \"snippet\" and \"rank\"; ids; paths\n"
"\n"
FILTER_HELP;

/* How many matches search shows without -n or --all. */
#define SEARCH_CAP 20

enum { OPT_FORMAT = 1, OPT_ALL };

const char cmd_search_shortopts[] = ":n:";
const struct option cmd_search_options[] = {
	FILTER_OPTIONS,
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "all", no_argument, NULL, OPT_ALL },
	{ NULL, 0, NULL, 0 }
};

int cmd_search(int argc, char **argv, struct ctx *ctx)
{
	static const char *const plain[2] = { "[", "]" };
	/* marks the output turns into bold on a terminal */
	static const char *const bold[2] = { "\001", "\002" };
	struct filter f;
	struct hits hits = { 0 };
	int c, rc = 0, format = FORMAT_TEXT;

	filter_init(&f);
	f.cap = SEARCH_CAP;
	while ((c = getopt_long(argc, argv, cmd_search_shortopts,
				cmd_search_options, NULL)) != -1) {
		if (c == OPT_FORMAT)
			rc = format = format_parse(optarg, 4);
		else if (c == OPT_ALL)
			f.cap = 0;
		else if (!(rc = filter_option(&f, c, optarg, ctx)))
			rc = usage_option("search", c, argv) ? FAIL_USAGE : 0;
		if (rc < 0)
			goto out;
	}
	if (argc - optind != 1) {
		usage_error("search", argc == optind ? "what to search for?"
			    : "give the search as one argument, in quotes");
		rc = FAIL_USAGE;
		goto out;
	}
	if ((rc = query_check_search(argv[optind])) < 0 ||
	    (rc = index_ready(ctx)) < 0)
		goto out;
	index_warn_broken(ctx);
	rc = query_run(ctx, &f, argv[optind],
		       format == FORMAT_TEXT && output_colour(ctx) ? bold
								    : plain,
		       &hits);
	if (!rc)
		output_hits(ctx, &hits, format, 1);
	if (!rc && hits.more) {
		fflush(stdout);
		fprintf(stderr, "tend: the best %d matches; more with -n N or "
			"--all\n", SEARCH_CAP);
	}
out:
	hits_clear(&hits);
	filter_release(&f);
	return exit_code(rc);
}
