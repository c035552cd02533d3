/*
 * tend import: entries from jrnl, Day One, a Markdown folder or another
 * tend journal.
 */
#include "cmd.h"
#include "error.h"
#include "import.h"
#include "journal.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

const char cmd_import_help[] =
"usage: tend import PATH --from FORMAT\n"
"\n"
"Bring entries kept elsewhere into the journal, in one commit. FORMAT:\n"
"\n"
"  tend-json    what 'tend export --format json' writes: each file comes\n"
"               back byte for byte, at its own path when that is free\n"
"  jrnl-json    what 'jrnl --format json' writes; tags lose their '@',\n"
"               starred entries get the tag starred; dates are read in\n"
"               the journal's time zone\n"
"  dayone-json  a Day One JSON export: its Journal.json, or the folder it\n"
"               was unzipped to; a heading on the first line is the title,\n"
"               each date keeps the time zone it was written in\n"
"  markdown     a folder of .md files (Obsidian and friends), read with\n"
"               its subfolders; front matter is kept, the date comes from\n"
"               'date' (or 'created'), else a YYYY-MM-DD in the file\n"
"               name, else the file's time (counted as guessed)\n"
"\n"
"In an encrypted journal each entry comes in as an age file named by its\n"
"date and time alone (entries/YYYY/MM/YYYY-MM-DD-HHMM.md.age): a tend-json\n"
"path whose name says more is not kept there.\n"
"\n"
"Bodies are kept byte for byte. An entry that is already in the journal\n"
"(the same date, title and body) is skipped, so running an import again\n"
"adds nothing. Input that cannot be read is exit status 3 with where the\n"
"problem is, and then nothing is written or committed. An import that\n"
"was stopped (killed, or the disk full) leaves no half-written entry;\n"
"run it again to finish it, in one commit, with nothing twice.\n"
"\n"
"Options:\n"
"  --from FORMAT   the format of PATH (required)\n";

const char cmd_import_shortopts[] = ":";
const struct option cmd_import_options[] = {
	{ "from", required_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 }
};

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void print_summary(const struct import_summary *s,
			  enum import_format f)
{
	if (s->imported)
		printf("Imported %zu %s from %s.\n", s->imported,
		       plural(s->imported, "entry", "entries"),
		       import_format_source(f));
	else if (s->skipped)
		printf("Nothing new to import: %zu %s already in the "
		       "journal.\n", s->skipped,
		       plural(s->skipped, "entry is", "entries are"));
	else
		printf("Nothing to import: no entries in it.\n");
	if (s->imported && s->skipped)
		printf("Skipped %zu already in the journal.\n", s->skipped);
	if (s->guessed)
		printf("Guessed %zu %s from the files' times.\n", s->guessed,
		       plural(s->guessed, "date", "dates"));
	if (s->not_text.nr)
		printf("Skipped %zu %s not text:\n", s->not_text.nr,
		       plural(s->not_text.nr, "file that is",
			      "files that are"));
	for (size_t i = 0; i < s->not_text.nr; i++)
		printf("  %s\n", s->not_text.v[i]);
	if (s->ignored)
		printf("Ignored %zu %s not Markdown.\n", s->ignored,
		       plural(s->ignored, "file that is", "files that are"));
}

int cmd_import(int argc, char **argv, struct ctx *ctx)
{
	struct import_summary s;
	enum import_format f = IMPORT_TEND_JSON;
	const char *from = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, cmd_import_shortopts,
				cmd_import_options, NULL)) != -1) {
		if (c == 'f')
			from = optarg;
		else
			return usage_option("import", c, argv);
	}
	if (optind == argc)
		return usage_error("import", "import needs the PATH of what "
				   "to import");
	if (argc - optind > 1)
		return usage_error("import", "import takes one PATH");
	if (!from)
		return usage_error("import", "say what PATH is with --from "
				   "tend-json, jrnl-json, dayone-json or "
				   "markdown");
	if (import_format_parse(from, &f) < 0)
		return usage_error("import", "'%s' is not a format import "
				   "reads: tend-json, jrnl-json, dayone-json "
				   "or markdown", from);
	import_summary_init(&s);
	if ((rc = journal_lock(ctx)) == 0)
		rc = import_run(ctx, argv[optind], f, &s);
	journal_unlock(ctx);
	if (rc == 0)
		print_summary(&s, f);
	import_summary_release(&s);
	return exit_code(rc);
}
