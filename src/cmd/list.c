/*
 * tend list: the entries, newest first.
 */
#include "cmd.h"
#include "entry.h"
#include "error.h"
#include "json.h"
#include "journal.h"
#include "util.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

const char cmd_list_help[] =
"usage: tend list [-n N] [--reverse] [--format text|json|ids|paths]\n"
"\n"
"List the entries, newest first. An entry whose front matter cannot be\n"
"read is left out with a warning naming the file and line.\n"
"\n"
"Options:\n"
"  -n N             only the newest N entries\n"
"  --reverse        oldest first\n"
"  --format FORMAT  text (default): date, mood, title and tags;\n"
"                   json: an array of entry objects; ids: one ID a line;\n"
"                   paths: the full path of each file, one a line\n";

enum { REVERSE = 256, FORMAT };

const char cmd_list_shortopts[] = ":n:";
const struct option cmd_list_options[] = {
	{ "reverse", no_argument, NULL, REVERSE },
	{ "format", required_argument, NULL, FORMAT },
	{ NULL, 0, NULL, 0 }
};

enum format { TEXT, JSON, IDS, PATHS };

static void print_text(const struct entry *e, struct buf *out)
{
	const struct tm *w = &e->date.wall;

	buf_addf(out, "%04d-%02d-%02d %02d:%02d  ", w->tm_year + 1900,
		 w->tm_mon + 1, w->tm_mday, w->tm_hour, w->tm_min);
	if (e->mood)
		buf_addf(out, "%2d", e->mood);
	else
		buf_adds(out, " -");
	buf_addf(out, "  %s", e->title ? e->title : e->id);
	for (size_t i = 0; i < e->tags.nr; i++)
		buf_addf(out, " #%s", e->tags.v[i]);
	if (e->share)
		buf_adds(out, " (share)");
	if (e->private)
		buf_adds(out, " (private)");
	buf_addf(out, "\n    %s\n", e->id);
}

int cmd_list(int argc, char **argv, struct ctx *ctx)
{
	static const char *const formats[] = { "text", "json", "ids", "paths" };
	struct entry *list = NULL;
	struct buf out = BUF_INIT;
	size_t nr = 0, n;
	long max = -1;
	int c, rc, reverse = 0, format = -1;

	while ((c = getopt_long(argc, argv, cmd_list_shortopts,
				cmd_list_options, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (parse_whole(optarg, LONG_MAX, &max) < 0)
				return usage_error("list", "-n needs a whole "
						   "number, not '%s'", optarg);
			break;
		case REVERSE:
			reverse = 1;
			break;
		case FORMAT:
			for (int i = 0; i < 4; i++)
				if (!strcmp(optarg, formats[i]))
					format = i;
			if (format < 0)
				return usage_error("list", "unknown format "
						   "'%s' (text, json, ids or "
						   "paths)", optarg);
			break;
		default:
			return usage_option("list", c, argv);
		}
	}
	if (optind < argc)
		return usage_error("list", "unexpected '%s'", argv[optind]);
	if (format < 0)
		format = TEXT;
	rc = journal_load_entries(ctx, &list, &nr);
	n = max >= 0 && (size_t)max < nr ? (size_t)max : nr;
	if (format == JSON)
		buf_addch(&out, '[');
	for (size_t k = 0; k < n; k++) {
		const struct entry *e = &list[reverse ? n - 1 - k : k];

		switch (format) {
		case TEXT:
			print_text(e, &out);
			break;
		case JSON:
			buf_adds(&out, k ? ",\n" : "\n");
			entry_json(e, &out);
			buf_addch(&out, '}');
			break;
		case IDS:
			buf_addf(&out, "%s\n", e->id);
			break;
		case PATHS:
			buf_addf(&out, "%s/%s\n", ctx->root, e->path);
			break;
		}
		if (out.len > 65536) {
			fwrite(out.s, 1, out.len, stdout);
			buf_reset(&out);
		}
	}
	if (format == JSON)
		buf_adds(&out, n ? "\n]\n" : "]\n");
	fwrite(out.s, 1, out.len, stdout);
	journal_entries_free(list, nr);
	buf_release(&out);
	return exit_code(rc);
}
