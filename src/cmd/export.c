/*
 * tend export: entries as one file to keep or to hand to a therapist
 * (tend-export(1)): Markdown with their front matter, JSON (each entry's whole
 * file with it, so an import gives it back byte for byte), or one
 * self-contained HTML page. Private entries only when asked for.
 */
#include "cmd.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "json.h"
#include "query.h"
#include "redact.h"
#include "render/render.h"
#include "sink.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_export_help[] =
"usage: tend export [FILTERS] --format md|json|html [-o FILE] [--redact]\n"
"                   [--include-private]\n"
"       tend export [FILTERS] --format md --split DIR [--redact]\n"
"                   [--include-private]\n"
"\n"
"Write the entries the filters select, oldest first, as one file, as\n"
"it is made (one entry is held at a time, however many there are):\n"
"\n"
"  md     one Markdown document, each entry a section under its title\n"
"         as a heading: its date, mood, feelings, tags and goals in a\n"
"         line of text, then its words, their headings one level down;\n"
"         with --split DIR, each entry's own file, front matter and\n"
"         all, as DIR/ID.md\n"
"  json   an array of entry objects (as 'list --format json' gives)\n"
"         with 'body' and 'text', the whole file, byte for byte\n"
"  html   one page to open or print: the style inline, a chart of the\n"
"         mood, every entry in full; nothing is loaded from anywhere\n"
"\n"
"  --format FORMAT      md, json or html\n"
"  -o FILE              write FILE (mode 0600) instead of the output;\n"
"                       it takes FILE's place once all of it is written,\n"
"                       and a failure leaves FILE as it was\n"
"  --split DIR          md: one file an entry in DIR, a new or empty\n"
"                       folder (made, mode 0700)\n"
"  --redact             replace the names of [share] redact in tend.ini\n"
"                       (whole words, any case) in what is written\n"
"  --include-private    private entries too; they are never exported\n"
"                       without it\n"
"\n"
"From an encrypted journal the export is plain text, as asked: it is\n"
"yours to keep somewhere safe, or to delete.\n"
"\n"
FILTER_HELP;

enum { OPT_FORMAT = 1, OPT_REDACT, OPT_INCLUDE_PRIVATE, OPT_SPLIT };
enum { EXPORT_MD, EXPORT_JSON, EXPORT_HTML };

const char cmd_export_shortopts[] = ":n:o:";
const struct option cmd_export_options[] = {
	FILTER_OPTIONS,
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "redact", no_argument, NULL, OPT_REDACT },
	{ "include-private", no_argument, NULL, OPT_INCLUDE_PRIVATE },
	{ "split", required_argument, NULL, OPT_SPLIT },
	{ NULL, 0, NULL, 0 }
};

static const char *const formats[] = { "md", "json", "html", NULL };

/* Replace s (owned) by its redacted copy. */
static void redact_str(const struct redactions *names, char **s)
{
	struct buf b = BUF_INIT;

	if (!*s)
		return;
	redact_text(names, *s, strlen(*s), &b);
	free(*s);
	*s = buf_detach(&b, NULL);
}

static void redact_list(const struct redactions *names, struct strvec *sv)
{
	for (size_t i = 0; i < sv->nr; i++)
		redact_str(names, &sv->v[i]);
}

/*
 * Append what the user wrote, text[0..len), to out: redacted when names
 * is set.
 */
static void add_text(struct buf *out, const struct redactions *names,
		     const char *text, size_t len)
{
	if (names)
		redact_text(names, text, len, out);
	else
		buf_add(out, text, len);
}

/* Append s to out with Markdown's marks escaped: it reads as text. */
static void add_md_text(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>#!|~&", *s))
			buf_addch(out, '\\');
		buf_addch(out, *s);
	}
}

/* Append ", " and the items of list, each as text, after what. */
static void add_md_list(struct buf *out, const char *what,
			const struct strvec *list,
			const struct redactions *names)
{
	struct buf item = BUF_INIT;

	if (!list->nr)
		return;
	buf_addf(out, " · %s: ", what);
	for (size_t i = 0; i < list->nr; i++) {
		buf_reset(&item);
		add_text(&item, names, list->v[i], strlen(list->v[i]));
		if (i)
			buf_adds(out, ", ");
		add_md_text(out, item.s);
	}
	buf_release(&item);
}

/*
 * Append entry e as a section of a Markdown document to out: its title
 * as a heading of level 1, a line of its facts as text, its body with
 * its headings under the title (render_markdown_section()). Redacted
 * with names.
 */
static void md_section(struct buf *out, const struct entry *e, int scale,
		       const struct redactions *names)
{
	struct buf text = BUF_INIT, title = BUF_INIT;
	const struct tm *w = &e->date.wall;
	const char *body;
	size_t len;

	add_text(&title, names, e->title, strlen(e->title));
	buf_adds(out, "# ");
	add_md_text(out, title.s);
	buf_addf(out, "\n\n%04d-%02d-%02d", w->tm_year + 1900, w->tm_mon + 1,
		 w->tm_mday);
	if (e->date.has_time)
		buf_addf(out, " %02d:%02d", w->tm_hour, w->tm_min);
	if (e->mood)
		buf_addf(out, " · mood %d of %d", e->mood, scale);
	add_md_list(out, "feelings", &e->feelings, names);
	add_md_list(out, "tags", &e->tags, names);
	add_md_list(out, "goals", &e->goals, names);
	if (e->share)
		buf_adds(out, " · to share");
	if (e->private)
		buf_adds(out, " · private");
	buf_adds(out, "\n");
	body = entry_body(e, &len);
	add_text(&text, names, body, len);
	/* the words after one blank line, and one line break at the end */
	len = 0;
	while (len < text.len && strchr("\n \t\r", text.s[len]))
		len++;
	while (text.len > len && strchr("\n \t\r", text.s[text.len - 1]))
		text.len--;
	if (text.len > len) {
		buf_addch(out, '\n');
		render_markdown_section(text.s + len, text.len - len, title.s,
					1, out);
		buf_addch(out, '\n');
	}
	buf_release(&text);
	buf_release(&title);
}

/*
 * Write the file of entry e, redacted with names, into the folder dir as
 * ID.md (the ID redacted too, its '/' made '-'; ID-2.md and on when that
 * name is taken). Returns 0 or FAIL after reporting.
 */
static int split_write(const char *dir, const struct entry *e,
		       const struct redactions *names, struct buf *text)
{
	struct buf name = BUF_INIT, path = BUF_INIT;
	int rc;

	add_text(&name, names, e->id, strlen(e->id));
	for (size_t i = 0; i < name.len; i++)
		if (name.s[i] == '/')
			name.s[i] = '-';
	buf_adds(&name, ".md");
	for (int n = 1;; n++) {
		buf_reset(&path);
		buf_addf(&path, "%s/", dir);
		name_numbered(&path, name.s, n);
		if (!fs_exists(path.s))
			break;
	}
	buf_reset(text);
	add_text(text, names, e->text.s, e->text.len);
	rc = fs_write_atomic(path.s, text->s, text->len) < 0 ? FAIL : 0;
	buf_release(&name);
	buf_release(&path);
	return rc;
}

/*
 * Write the entries f selects as Markdown or JSON, from their files (the
 * truth, byte for byte), to out as they are read, one at a time; how
 * many in *done. Returns 0 or a failure, reported.
 */
static int export_files(struct ctx *ctx, const struct filter *f, int format,
			int with_private, const struct redactions *names,
			const char *split, struct sink *out, size_t *done)
{
	struct query_cursor cur;
	struct hit h;
	struct entry full;
	struct buf text = BUF_INIT, one = BUF_INIT;
	int rc;

	memset(&h, 0, sizeof(h));
	if ((rc = query_open(ctx, f, &cur)) < 0)
		goto out;
	if (format == EXPORT_JSON && (rc = sink_write(out, "[", 1)) < 0)
		goto out;
	while ((rc = query_next(&cur, &h)) > 0) {
		struct entry *e = &h.e;
		const char *body;
		size_t len;

		entry_init(&full);
		if ((rc = entry_load(&full, ctx, e->path)) < 0) {
			entry_release(&full);
			break;
		}
		if (full.private && !with_private) {
			/* made private since the index was read: left out */
			entry_release(&full);
			continue;
		}
		buf_reset(&one);
		if (split) {
			rc = split_write(split, &full, names, &one);
			entry_release(&full);
			if (rc < 0)
				break;
			(*done)++;
			continue;
		} else if (format == EXPORT_MD) {
			if ((*done)++)
				buf_addch(&one, '\n');
			md_section(&one, &full, ctx->cfg.mood_scale, names);
		} else {
			if (names) {
				/* every string: a name can be in its ID */
				redact_str(names, &e->id);
				redact_str(names, &e->path);
				redact_str(names, &e->title);
				redact_str(names, &e->prompt);
				redact_list(names, &e->tags);
				redact_list(names, &e->feelings);
				redact_list(names, &e->goals);
				redact_list(names, &e->ratings);
			}
			buf_adds(&one, (*done)++ ? ",\n" : "\n");
			entry_json(e, &one);
			body = entry_body(&full, &len);
			buf_reset(&text);
			add_text(&text, names, body, len);
			json_key(&one, "body", 0);
			json_str(&one, text.s);
			buf_reset(&text);
			add_text(&text, names, full.text.s, full.text.len);
			json_key(&one, "text", 0);
			json_str(&one, text.s);
			buf_addch(&one, '}');
		}
		entry_release(&full);
		if ((rc = sink_write(out, one.s, one.len)) < 0)
			break;
	}
	if (!rc && format == EXPORT_JSON)
		rc = sink_write(out, *done ? "\n]\n" : "]\n",
				*done ? 3 : 2);
out:
	query_close(&cur);
	hit_release(&h);
	buf_release(&text);
	buf_release(&one);
	return rc;
}

/*
 * Make dir for --split, or take it when it is an empty folder; a folder
 * with anything in it is refused, so that nothing there is written
 * over. Returns 0 or a failure after reporting.
 */
static int split_folder(const char *dir)
{
	int empty;

	if (!fs_exists(dir))
		return fs_mkdir_p(dir) < 0 ? FAIL : 0;
	if (!fs_is_dir(dir))
		return error_as(FAIL_USAGE, "--split: '%s' is not a folder",
				dir);
	if (fs_dir_is_empty(dir, &empty) < 0)
		return FAIL;
	if (!empty)
		return error_as(FAIL_USAGE, "--split: '%s' is not empty; give "
				"a new or empty folder, so that nothing in it "
				"is written over", dir);
	return 0;
}

int cmd_export(int argc, char **argv, struct ctx *ctx)
{
	struct filter f;
	struct redactions names;
	struct strvec overrides = STRVEC_INIT;
	struct sink out = SINK_INIT;
	const char *file = NULL, *split = NULL;
	size_t written = 0;
	int c, rc = 0, format = -1, redact = 0, with_private = 0;

	filter_init(&f);
	while ((c = getopt_long(argc, argv, cmd_export_shortopts,
				cmd_export_options, NULL)) != -1) {
		if (c == OPT_FORMAT) {
			for (format = 0; formats[format] &&
			     strcmp(formats[format], optarg); format++)
				;
			if (!formats[format]) {
				rc = usage_error("export", "--format takes md, "
						 "json or html, not '%s'",
						 optarg);
				goto out;
			}
		} else if (c == 'o') {
			file = optarg;
		} else if (c == OPT_REDACT) {
			redact = 1;
		} else if (c == OPT_INCLUDE_PRIVATE) {
			with_private = 1;
		} else if (c == OPT_SPLIT) {
			split = optarg;
		} else if ((rc = filter_option(&f, c, optarg, ctx)) < 0) {
			rc = exit_code(rc);
			goto out;
		} else if (!rc) {
			rc = usage_option("export", c, argv);
			goto out;
		}
	}
	rc = 0;
	if (optind < argc)
		rc = usage_error("export", "unexpected '%s'", argv[optind]);
	else if (format < 0)
		rc = usage_error("export", "say which format: --format md, "
				 "json or html");
	else if (file && !*file)
		rc = usage_error("export", "-o needs a file name");
	else if (split && format != EXPORT_MD)
		rc = usage_error("export", "--split writes Markdown files: "
				 "give --format md");
	else if (split && file)
		rc = usage_error("export", "give -o FILE or --split DIR, not "
				 "both");
	else if (split && !*split)
		rc = usage_error("export", "--split needs a folder");
	else if (f.private_only && !with_private)
		rc = usage_error("export", "private entries are exported only "
				 "with --include-private");
	else if (redact && (!ctx->cfg.redact || !*ctx->cfg.redact))
		rc = exit_code(error_as(FAIL_USAGE, "--redact: there are no "
					"names to replace; list them in "
					"tend.ini, e.g. [share] redact = "
					"Alex=my partner, Sam"));
	if (rc)
		goto out;
	if (!with_private)
		f.no_private = 1;
	f.reverse = !f.reverse;	/* oldest first, unless --reverse */
	if (redact)
		redact_parse(&names, ctx->cfg.redact);
	if ((rc = index_ready(ctx)) < 0)
		goto done;
	index_warn_broken(ctx);
	ctx->now = render_now(ctx);
	if (split) {
		rc = split_folder(split);
		if (rc == 0)
			rc = export_files(ctx, &f, format, with_private,
					  redact ? &names : NULL, split, &out,
					  &written);
		if (rc == 0)
			fprintf(stderr, "tend: wrote %zu %s into %s\n",
				written, written == 1 ? "entry" : "entries",
				split);
		goto done;
	}
	/* written as it is made: FILE only takes its place when all is */
	if ((rc = sink_open(&out, file)) < 0)
		goto done;
	if (format == EXPORT_HTML)
		rc = render_export(ctx, &f, redact ? &names : NULL, &out,
				   &overrides, &written);
	else
		rc = export_files(ctx, &f, format, with_private,
				  redact ? &names : NULL, NULL, &out,
				  &written);
	for (size_t i = 0; i < overrides.nr; i++)
		fprintf(stderr, "tend: using your own %s\n", overrides.v[i]);
	if (rc < 0)
		goto done;
	if ((rc = sink_commit(&out)) == 0 && file && strcmp(file, "-"))
		fprintf(stderr, "tend: wrote %s: %zu %s\n", file, written,
			written == 1 ? "entry" : "entries");
done:
	sink_abort(&out);
	if (redact)
		redact_release(&names);
	rc = exit_code(rc);
out:
	filter_release(&f);
	strvec_clear(&overrides);
	return rc;
}
