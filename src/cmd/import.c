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
"usage: tend import PATH --from FORMAT [--exclude GLOB]...\n"
"\n"
"Bring entries kept elsewhere into the journal, in one commit. FORMAT:\n"
"\n"
"  tend-json    what 'tend export --format json' writes: each file comes\n"
"               back byte for byte, at its own path when that is free\n"
"  jrnl-json    what 'jrnl --format json' writes; tags lose their '@',\n"
"               starred entries get the tag starred; dates are read in\n"
"               the journal's time zone; its other fields (uuid...) are\n"
"               kept under 'jrnl:' in the front matter\n"
"  dayone-json  a Day One JSON export: its Journal.json, or the folder it\n"
"               was unzipped to; a heading on the first line is the title\n"
"               (its '\\' escapes taken out), each date keeps the time\n"
"               zone it was written in; its other fields (uuid, location,\n"
"               weather...) are kept under 'dayone:' in the front matter;\n"
"               its photos, videos, audio and PDFs, from the folders\n"
"               beside the JSON file, are kept as attachments with each\n"
"               dayone-moment:// link led to its file (not yet in an\n"
"               encrypted journal); those not there are named\n"
"  markdown     a folder of .md files (Obsidian and friends), read with\n"
"               its subfolders; front matter is kept, the date comes from\n"
"               'date' (or 'created'), else a YYYY-MM-DD in the file\n"
"               name, else the file's time (counted as guessed); a title\n"
"               from a generic heading (a daily note's, or one that heads\n"
"               two or more files) keeps the file name in 'aliases'\n"
"\n"
"In an encrypted journal each entry comes in as an age file named by its\n"
"date and time alone (entries/YYYY/MM/YYYY-MM-DD-HHMM.md.age): a tend-json\n"
"path whose name says more is not kept there.\n"
"\n"
"Bodies are kept byte for byte, but for the links of Day One's to its\n"
"files. An entry that is already in the journal (the same date, title\n"
"and body, links to attached files aside) is skipped, so running an\n"
"import again adds nothing; the files such an entry lacks are named,\n"
"with the 'tend attach' that keeps each. Input that cannot be read is\n"
"exit status 3 with where each problem is (all of them, the first 50\n"
"one by one), and then nothing is written or committed. An import that\n"
"was stopped (killed, or the disk full) leaves no half-written entry;\n"
"run it again to finish it, in one commit, with nothing twice.\n"
"\n"
"Options:\n"
"  --from FORMAT          the format of PATH (required)\n"
"  --exclude GLOB         markdown: leave out the files and folders GLOB\n"
"                         matches (a path in PATH, or a name at any depth;\n"
"                         'DIR/' a folder); may be given more than once\n"
"  --no-default-excludes  markdown: read Templates/ too, which is left out\n"
"                         by default, as .trash/ is\n";

const char cmd_import_shortopts[] = ":";
const struct option cmd_import_options[] = {
	{ "from", required_argument, NULL, 'f' },
	{ "exclude", required_argument, NULL, 'x' },
	{ "no-default-excludes", no_argument, NULL, 'D' },
	{ NULL, 0, NULL, 0 }
};

/* The most lines the summary gives a list before "and N more". */
#define SHOWN 50

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/*
 * The files a Markdown import left out: each file or folder, how many
 * files it held and the pattern that matched it, then how to read the
 * ones left out by default.
 */
static void print_excluded(const struct import_summary *s)
{
	size_t files = 0;
	int dflt = 0;

	for (size_t i = 0; i < s->excluded_nr; i++)
		files += s->excluded[i].files;
	if (!s->excluded_nr)
		return;
	printf("Excluded %zu %s:\n", files, plural(files, "file", "files"));
	for (size_t i = 0; i < s->excluded_nr; i++) {
		const struct import_excluded *x = &s->excluded[i];

		dflt |= x->by_default;
		if (i == SHOWN) {
			printf("  and %zu more\n", s->excluded_nr - SHOWN);
			continue;
		}
		if (i > SHOWN)
			continue;
		printf("  %s", x->path);
		if (x->path[strlen(x->path) - 1] == '/')
			printf(" (%zu %s)", x->files,
			       plural(x->files, "file", "files"));
		if (x->by_default)
			printf(", by default\n");
		else
			printf(", by --exclude '%s'\n", x->pattern);
	}
	if (dflt)
		printf("Templates/ and .trash/ are left out by default: "
		       "--no-default-excludes reads Templates/.\n");
}

/*
 * What the import made of the source's own fields: those kept as data,
 * under the key of the source, and those left out, and why.
 */
static void print_kept(const struct import_summary *s, enum import_format f)
{
	static const char *const why[] = {
		[IMPORT_LEFT_ATTACHED] = "files are not kept in an encrypted "
					 "journal yet; their links stay in "
					 "the text",
		[IMPORT_LEFT_SAME] = "the same text, kept as Markdown",
		[IMPORT_LEFT_LARGE] = "too large for front matter",
	};
	const char *key = f == IMPORT_JRNL_JSON ? "jrnl" : "dayone";
	struct strvec kept = STRVEC_INIT;

	if (s->kept_in) {
		for (size_t i = 0; i < s->kept.nr; i++)
			strvec_push(&kept, s->kept.v[i]);
		strvec_sort(&kept);
		printf("Kept %s's own fields of %zu %s under '%s:': ",
		       import_format_source(f), s->kept_in,
		       plural(s->kept_in, "entry", "entries"), key);
		for (size_t i = 0; i < kept.nr; i++)
			printf("%s%s", i ? ", " : "", kept.v[i]);
		printf(".\n");
		strvec_clear(&kept);
	}
	for (size_t i = 0; i < s->left_nr; i++) {
		const struct import_left *l = &s->left[i];

		printf("Left out '%s' of %zu %s", l->field, l->entries,
		       plural(l->entries, "entry", "entries"));
		if (l->why == IMPORT_LEFT_ATTACHED)
			printf(" (%zu %s)", l->items,
			       plural(l->items, "file", "files"));
		printf(": %s.\n", why[l->why]);
	}
	if (s->aliased)
		printf("Kept the file names of %zu %s with a generic heading "
		       "as aliases.\n", s->aliased,
		       plural(s->aliased, "entry", "entries"));
	if (s->unescaped)
		printf("Took Markdown's '\\' escapes out of %zu %s.\n",
		       s->unescaped, plural(s->unescaped, "title", "titles"));
}

/* Up to SHOWN lines of list, indented, then how many more. */
static void print_list(const struct strvec *list)
{
	for (size_t i = 0; i < list->nr && i < SHOWN; i++)
		printf("  %s\n", list->v[i]);
	if (list->nr > SHOWN)
		printf("  and %zu more\n", list->nr - SHOWN);
}

/*
 * The files of Day One's kept as attachments, by kind, and those that
 * were not: not found in the export, or too large.
 */
static void print_attached(const struct import_summary *s, long max)
{
	size_t all = 0, shown = 0, kinds = 0;

	for (int k = 0; k < IMPORT_MEDIA_KINDS; k++) {
		all += s->attached[k];
		kinds += s->attached[k] > 0;
	}
	if (all) {
		printf("Kept %zu %s as attachments: ", all,
		       plural(all, "file", "files"));
		for (int k = 0; k < IMPORT_MEDIA_KINDS; k++) {
			if (!s->attached[k])
				continue;
			shown++;
			printf("%s%zu %s", shown == 1 ? "" :
			       shown == kinds ? " and " : ", ",
			       s->attached[k],
			       import_media_word(k, s->attached[k]));
		}
		printf(" (what Day One says of each, its camera, place and "
		       "size, is left out).\n");
	}
	if (s->missing.nr) {
		printf("Could not find %zu %s the export names; %s in the "
		       "text:\n", s->missing.nr,
		       plural(s->missing.nr, "file", "files"),
		       plural(s->missing.nr, "its link stays",
			      "their links stay"));
		print_list(&s->missing);
	}
	if (s->too_large.nr) {
		printf("Left out %zu %s over the %ld MiB of [attachments] "
		       "max_mib; %s in the text:\n", s->too_large.nr,
		       plural(s->too_large.nr, "file", "files"),
		       max / (1024 * 1024),
		       plural(s->too_large.nr, "its link stays",
			      "their links stay"));
		print_list(&s->too_large);
	}
	if (s->not_with.nr) {
		printf("%zu %s of entries already in the journal %s not "
		       "kept with them; this keeps %s:\n", s->not_with.nr,
		       plural(s->not_with.nr, "file", "files"),
		       plural(s->not_with.nr, "is", "are"),
		       plural(s->not_with.nr, "it", "each"));
		print_list(&s->not_with);
	}
}

static void print_summary(const struct import_summary *s,
			  enum import_format f, long max)
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
	print_excluded(s);
	print_attached(s, max);
	print_kept(s, f);
}

/*
 * Check the arguments left after the options: one PATH, a format, and
 * excludes only for markdown (into *f). Returns 0, or 2 after saying
 * what is wrong.
 */
static int check_args(int argc, const char *from,
		      enum import_format *f, const struct import_options *opt)
{
	if (optind == argc)
		return usage_error("import", "import needs the PATH of what "
				   "to import");
	if (argc - optind > 1)
		return usage_error("import", "import takes one PATH");
	if (!from)
		return usage_error("import", "say what PATH is with --from "
				   "tend-json, jrnl-json, dayone-json or "
				   "markdown");
	if (import_format_parse(from, f) < 0)
		return usage_error("import", "'%s' is not a format import "
				   "reads: tend-json, jrnl-json, dayone-json "
				   "or markdown", from);
	if (*f != IMPORT_MARKDOWN && (opt->exclude.nr || opt->no_defaults))
		return usage_error("import", "--exclude and "
				   "--no-default-excludes are for --from "
				   "markdown");
	for (size_t i = 0; i < opt->exclude.nr; i++)
		if (!*opt->exclude.v[i] || !strcmp(opt->exclude.v[i], "/") ||
		    strchr(opt->exclude.v[i], '\n'))
			return usage_error("import", "--exclude needs a "
					   "pattern, not '%s'",
					   opt->exclude.v[i]);
	return 0;
}

int cmd_import(int argc, char **argv, struct ctx *ctx)
{
	struct import_summary s;
	struct import_options opt = { STRVEC_INIT, 0 };
	enum import_format f = IMPORT_TEND_JSON;
	const char *from = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, cmd_import_shortopts,
				cmd_import_options, NULL)) != -1) {
		if (c == 'f') {
			from = optarg;
		} else if (c == 'x') {
			strvec_push(&opt.exclude, optarg);
		} else if (c == 'D') {
			opt.no_defaults = 1;
		} else {
			strvec_clear(&opt.exclude);
			return usage_option("import", c, argv);
		}
	}
	if ((rc = check_args(argc, from, &f, &opt))) {
		strvec_clear(&opt.exclude);
		return rc;
	}
	import_summary_init(&s);
	if ((rc = journal_lock(ctx)) == 0)
		rc = import_run_with(ctx, argv[optind], f, &opt, &s);
	journal_unlock(ctx);
	if (rc == 0)
		print_summary(&s, f, ctx->cfg.attach_max);
	import_summary_release(&s);
	strvec_clear(&opt.exclude);
	return exit_code(rc);
}
