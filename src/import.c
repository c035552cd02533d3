#include "import.h"
#include "age.h"
#include "attach.h"
#include "buf.h"
#include "compose.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "jsonlist.h"
#include "progress.h"
#include "slug.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The most entries one import reads. What is kept of each while the
 * input is read a second time is small, but not nothing.
 */
#define IMPORT_MAX_ENTRIES 1000000

/*
 * The record of an import whose files are going into place: its format,
 * the file it reads and the paths of its entries, one a line. It is
 * there from just before the first file is renamed into place until the
 * commit is made (or the files are taken back), so that a stopped import
 * can be named (tend check) and finished by running it again.
 */
#define IMPORT_RECORD ".tend/import"

const char *import_record(const struct ctx *ctx)
{
	/* it names entries and the file read: sealed where they are */
	return ctx->encrypted ? IMPORT_RECORD VAULT_EXT : IMPORT_RECORD;
}

static const struct {
	const char *name, *source;
} formats[] = {
	[IMPORT_TEND_JSON] = { "tend-json", "tend" },
	[IMPORT_JRNL_JSON] = { "jrnl-json", "jrnl" },
	[IMPORT_DAYONE_JSON] = { "dayone-json", "Day One" },
	[IMPORT_MARKDOWN] = { "markdown", "Markdown" },
};

int import_format_parse(const char *name, enum import_format *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (!strcmp(name, formats[i].name)) {
			*out = (enum import_format)i;
			return 0;
		}
	return -1;
}

const char *import_format_source(enum import_format f)
{
	return formats[f].source;
}

const char *const import_default_excludes[] = {
	"Templates/", ".trash/", NULL
};

void import_summary_init(struct import_summary *s)
{
	struct strvec empty = STRVEC_INIT;

	memset(s, 0, sizeof(*s));
	s->not_text = empty;
	s->kept = empty;
	s->missing = empty;
	s->too_large = empty;
	s->not_with = empty;
}

void import_summary_release(struct import_summary *s)
{
	strvec_clear(&s->not_text);
	strvec_clear(&s->kept);
	strvec_clear(&s->missing);
	strvec_clear(&s->too_large);
	strvec_clear(&s->not_with);
	for (size_t i = 0; i < s->excluded_nr; i++) {
		free(s->excluded[i].path);
		free(s->excluded[i].pattern);
	}
	free(s->excluded);
	for (size_t i = 0; i < s->left_nr; i++)
		free(s->left[i].field);
	free(s->left);
	import_summary_init(s);
}

/*
 * Count a field left out of an entry (items things in it) in the list
 * *v of *nr (room for *alloc), by field and why.
 */
static void left_add(struct import_left **v, size_t *nr, size_t *alloc,
		     const char *field, enum import_why why, size_t entries,
		     size_t items)
{
	struct import_left *l = NULL;

	for (size_t i = 0; i < *nr && !l; i++)
		if ((*v)[i].why == why && !strcmp((*v)[i].field, field))
			l = &(*v)[i];
	if (!l) {
		ALLOC_GROW(*v, *nr + 1, *alloc);
		l = &(*v)[(*nr)++];
		memset(l, 0, sizeof(*l));
		l->field = xstrdup(field);
		l->why = why;
	}
	l->entries += entries;
	l->items += items;
}

/*
 * Day One's kinds of attached files: the field of an entry that lists
 * them, the export's folder that holds them, the text of a link to one
 * that is no image a browser shows, and the summary's words.
 */
static const struct media_kind {
	const char *field, *folder, *label, *one, *many;
} media_kinds[IMPORT_MEDIA_KINDS] = {
	{ "photos", "photos", "Photo", "photo", "photos" },
	{ "videos", "videos", "Video", "video", "videos" },
	{ "audios", "audios", "Audio recording", "audio recording",
	  "audio recordings" },
	{ "pdfAttachments", "pdfs", "PDF", "PDF", "PDFs" },
};

const char *import_media_word(int k, size_t n)
{
	return n == 1 ? media_kinds[k].one : media_kinds[k].many;
}

/* A file of the source, kept with its entry as an attachment. */
struct media {
	char *identifier;	/* the source's name for it */
	char *from;		/* its path */
	char *name;		/* its name in the entry's folder */
	int kind;		/* of media_kinds */
	int linked;		/* the text links to it */
};

/*
 * One entry of the input, whole. The input is read twice, an entry at a
 * time: once to check all of it, then again to write what is new, so
 * that memory holds one entry, not all of them.
 *
 * The links of an entry to its attachments name the folder they are
 * kept in, which follows the entry's file name, which is found only as
 * the entry is written: the text holds a folder for it, and where
 * (counted from the end of the text, which the body ends), so that the
 * folder of the name found can take its place.
 */
struct built {
	struct entry e;		/* its whole text, parsed */
	char *want;		/* tend-json: the path it had, or NULL */
	int guessed;		/* its date is its file's time */
	int aliased;		/* its file name is kept in aliases */
	int unescaped;		/* its title lost Markdown escapes */
	struct strvec kept;	/* the source's fields kept under its key */
	struct import_left *left;	/* the source's fields left out */
	size_t left_nr, left_alloc;
	struct media *media;	/* its attachments */
	size_t media_nr, media_alloc;
	size_t *folder_at;	/* where the text names their folder,
				 * each counted back from its end */
	size_t folder_nr, folder_alloc;
	size_t folder_len;	/* how long the folder named there is */
	struct strvec missing;	/* "photos/NAME": files not found */
	struct strvec too_large;	/* "videos/NAME (N MiB)" */
};

static void built_init(struct built *b)
{
	struct strvec empty = STRVEC_INIT;

	memset(b, 0, sizeof(*b));
	entry_init(&b->e);
	b->kept = empty;
	b->missing = empty;
	b->too_large = empty;
}

static void built_release(struct built *b)
{
	entry_release(&b->e);
	free(b->want);
	strvec_clear(&b->kept);
	for (size_t i = 0; i < b->left_nr; i++)
		free(b->left[i].field);
	free(b->left);
	for (size_t i = 0; i < b->media_nr; i++) {
		free(b->media[i].identifier);
		free(b->media[i].from);
		free(b->media[i].name);
	}
	free(b->media);
	free(b->folder_at);
	strvec_clear(&b->missing);
	strvec_clear(&b->too_large);
	built_init(b);
}

/* The first of b's attachments named name, or NULL. */
static const struct media *media_named(const struct built *b,
				       const char *name)
{
	for (size_t i = 0; i < b->media_nr; i++)
		if (!strcmp(b->media[i].name, name))
			return &b->media[i];
	return NULL;
}

/*
 * Count what b says of itself in the summary s: it is written, as the
 * entry ID.
 */
static void built_count(const struct built *b, const char *id,
			struct import_summary *s)
{
	struct buf line = BUF_INIT;

	s->guessed += (size_t)b->guessed;
	s->aliased += (size_t)b->aliased;
	s->unescaped += (size_t)b->unescaped;
	if (b->kept.nr)
		s->kept_in++;
	for (size_t i = 0; i < b->kept.nr; i++)
		if (strvec_find(&s->kept, b->kept.v[i]) < 0)
			strvec_push(&s->kept, b->kept.v[i]);
	for (size_t i = 0; i < b->left_nr; i++)
		left_add(&s->left, &s->left_nr, &s->left_alloc,
			 b->left[i].field, b->left[i].why, 1,
			 b->left[i].items);
	for (size_t i = 0; i < b->media_nr; i++)
		if (media_named(b, b->media[i].name) == &b->media[i])
			s->attached[b->media[i].kind]++;
	for (size_t i = 0; i < b->missing.nr + b->too_large.nr; i++) {
		int large = i >= b->missing.nr;

		buf_reset(&line);
		buf_addf(&line, "%s: %s", id,
			 large ? b->too_large.v[i - b->missing.nr]
			       : b->missing.v[i]);
		strvec_push(large ? &s->too_large : &s->missing, line.s);
	}
	buf_release(&line);
}

/* What the first reading keeps of each entry, for the second. */
struct item {
	git_oid print;		/* of its date, title and body */
	unsigned skip : 1;	/* in the journal, or earlier in the input */
	unsigned twin : 1;	/* an uncommitted file of the journal says
				 * the same */
	char *known;		/* skipped: the committed entry file that
				 * says the same, when the input has files
				 * to keep with entries; or NULL */
};

struct items {
	struct item *v;
	size_t nr, alloc;
};

/* The input, read an entry at a time. */
struct source {
	enum import_format f;
	const char *file;	/* what is read, for messages */
	int scale;		/* the journal's mood scale */
	int second;		/* the second reading */
	size_t n;		/* entries read so far in this reading */
	struct jsonlist jl;	/* the JSON formats */
	const char *dir;	/* markdown: the folder */
	struct strvec files;	/* markdown: its .md files, sorted */
	struct strvec texts;	/* markdown: those that are text */
	size_t next;		/* markdown: the next one to read */
	struct strvec heads;	/* markdown: the titles its headings give,
				 * sorted once the first reading is done */
	const struct import_options *opt;	/* markdown: excludes */
	size_t problems;	/* problems of entries found so far */
	char *media_dir;	/* dayone: the folder of its files, or NULL
				 * when they are not kept */
	long media_max;		/* the largest file kept */
	struct strvec media_files[IMPORT_MEDIA_KINDS];	/* the plain files
				 * of each folder of media_dir, sorted */
	int media_listed[IMPORT_MEDIA_KINDS];	/* media_files[k] read */
};

/*
 * Report a problem of an entry, counted in src: the first
 * IMPORT_MAX_SHOWN as "FILE: entry N: MESSAGE" (n from 1), or with path
 * set as "PATH:LINE:COL: MESSAGE", the rest only counted. The reading
 * goes on past it to find the others. Returns FAIL_INVALID.
 */
static int bad_vat(struct source *src, size_t n, const char *path,
		   int line, int col, const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT;

	buf_vaddf(&msg, fmt, ap);
	if (++src->problems <= IMPORT_MAX_SHOWN) {
		if (path)
			error_at(path, line, col, "%s", msg.s);
		else
			error("%s: entry %zu: %s", src->file, n, msg.s);
	}
	buf_release(&msg);
	return FAIL_INVALID;
}

/* A problem with entry n (from 1) of the file; FAIL_INVALID. */
static int bad(struct source *src, size_t n, const char *fmt, ...)
	PRINTF(3, 4);

static int bad(struct source *src, size_t n, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = bad_vat(src, n, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return rc;
}

/* A problem at line and col of the file path; FAIL_INVALID. */
static int bad_at(struct source *src, const char *path, int line, int col,
		  const char *fmt, ...) PRINTF(5, 6);

static int bad_at(struct source *src, const char *path, int line, int col,
		  const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = bad_vat(src, 0, path, line, col, fmt, ap);
	va_end(ap);
	return rc;
}

/* The input is not what the first reading found. FAIL. */
static int changed(const struct source *src)
{
	return error("'%s' changed while it was imported; run the import "
		     "again", src->file);
}

/*
 * The title its front matter gives ("" for none): not one derived from
 * the body or the file name, which differ between a file and its copy.
 */
static const char *own_title(const struct entry *e)
{
	const struct fm_item *t = fm_get(&e->fm, "title");

	return t && t->val.kind == FM_SCALAR ? t->val.str : "";
}

/* Where a link's destination names a file kept with an entry. */
#define MOMENT "dayone-moment:"

/*
 * The body body[0..len) as an entry's identity reads it, appended to
 * out: without its links and images to files kept with an entry (into
 * attachments/, or Day One's "dayone-moment:" ones), and without the
 * blanks at its end. What an entry's files are called, where they are
 * kept (which follows its file's name) and whether they could be kept
 * are no part of what it says: a Day One entry imported when its photo
 * was not found is the same entry once the photo is there.
 */
static void print_body(const char *body, size_t len, struct buf *out)
{
	static const char dir[] = ATTACH_DIR "/";
	const size_t dlen = sizeof(dir) - 1, mlen = strlen(MOMENT);
	size_t i = 0, start = out->len;
	const char *hit;

	while ((hit = memmem(body + i, len - i, "](", 2))) {
		size_t close = (size_t)(hit - body), d = close + 2, end = d;
		size_t k = d, open = close;
		int kept;

		while (end < len && !memchr(") \t\r\n<>", body[end], 7))
			end++;
		while (k + 3 <= end && !memcmp(body + k, "../", 3))
			k += 3;
		kept = end < len && body[end] == ')' &&
		       ((end - k > dlen && !memcmp(body + k, dir, dlen)) ||
			(end - d > mlen && !memcmp(body + d, MOMENT, mlen)));
		/* its '[', on its line, with no ']' between */
		while (open > i && !memchr("[]\n", body[open - 1], 3))
			open--;
		if (!kept || open == i || body[open - 1] != '[') {
			buf_add(out, body + i, d - i);
			i = d;
			continue;
		}
		open--;
		if (open > i && body[open - 1] == '!')
			open--;
		buf_add(out, body + i, open - i);
		i = end + 1;
	}
	buf_add(out, body + i, len - i);
	while (out->len > start && memchr(" \t\r\n", out->s[out->len - 1], 4))
		buf_setlen(out, out->len - 1);
}

/*
 * The identity of an entry for "already there": a SHA-1 of its date,
 * title and body (as print_body() reads it, when it links to a file;
 * scratch is room to make it in). Two entries with the same are taken
 * to be the same entry, as git takes two files with the same hash to be
 * the same file.
 */
static void entry_print(const struct entry *e, struct buf *scratch,
			git_oid *out)
{
	int64_t t = e->has_date ? (int64_t)e->date.t : INT64_MIN;
	const char *title = own_title(e);
	size_t len;
	const char *body = entry_body(e, &len);

	buf_reset(scratch);
	buf_add(scratch, &t, sizeof(t));
	buf_add(scratch, title, strlen(title) + 1);
	if (memmem(body, len, ATTACH_DIR "/", strlen(ATTACH_DIR "/")) ||
	    memmem(body, len, MOMENT, strlen(MOMENT)))
		print_body(body, len, scratch);
	else
		buf_add(scratch, body, len);
	git_odb_hash(out, scratch->s, scratch->len, GIT_OBJECT_BLOB);
}

/*
 * Parse the text of b; a problem is reported at where (a file, or "entry
 * N" of the input with line and column inside its text).
 */
static int built_parse(struct source *src, struct built *b, size_t n,
		       const char *file)
{
	struct fm_error err = FM_ERROR_INIT;
	int rc = 0;

	if (entry_parse(&b->e, src->scale, &err) < 0)
		rc = file ? bad_at(src, file, err.line, err.col, "%s",
				   err.msg.s)
			  : bad(src, n, "its text, line %d column %d: %s",
				err.line, err.col, err.msg.s);
	fm_error_release(&err);
	return rc;
}

/*
 * Make b a new entry with front matter title (none when NULL or empty),
 * date, tags and the lines of fields (the source's own, "" for none) at
 * its end, then one empty line and body byte for byte.
 */
static int built_make(struct source *src, struct built *b, size_t n,
		      const char *title, const struct datetime *dt,
		      const struct strvec *tags, const struct buf *fields,
		      const char *body, size_t len)
{
	struct fm_error err = FM_ERROR_INIT;

	entry_parse(&b->e, src->scale, &err);	/* an empty text: no keys */
	fm_error_release(&err);
	if (title && *title)
		entry_set_str(&b->e, "title", title);
	entry_set_date(&b->e, dt);
	if (tags->nr)
		entry_set_list(&b->e, "tags", tags);
	if (fields->len) {
		/* the text is the front matter alone: before its close */
		size_t close = b->e.fm.close.len;

		buf_setlen(&b->e.text, b->e.text.len - close);
		buf_add(&b->e.text, fields->s, fields->len);
		buf_add(&b->e.text, b->e.fm.close.s, close);
	}
	if (len) {
		buf_addch(&b->e.text, '\n');
		buf_add(&b->e.text, body, len);
	}
	return built_parse(src, b, n, NULL);
}

/*
 * The string obj[key] into *s (and its length into *len when not NULL);
 * NULL when absent or null. A missing one, when required, or one that is
 * not a string is reported.
 */
static int get_str(struct source *src, size_t n, json_t *obj,
		   const char *key, int required, const char **s, size_t *len)
{
	json_t *v = json_object_get(obj, key);

	*s = NULL;
	if (len)
		*len = 0;
	if (!v || json_is_null(v))
		return required ? bad(src, n, "it has no '%s'", key) : 0;
	if (!json_is_string(v))
		return bad(src, n, "'%s' is not a string", key);
	*s = json_string_value(v);
	if (len)
		*len = json_string_length(v);
	else if (strlen(*s) != json_string_length(v))
		return bad(src, n, "'%s' holds a NUL character", key);
	return 0;
}

/*
 * Add the tags of obj["tags"] (strings; a leading '@' dropped) and, when
 * obj["starred"] is true, "starred".
 */
static int get_tags(struct source *src, size_t n, json_t *obj,
		    struct strvec *tags)
{
	json_t *v = json_object_get(obj, "tags"), *s;
	size_t i;

	if (v && !json_is_null(v)) {
		if (!json_is_array(v))
			return bad(src, n, "'tags' is not a list");
		json_array_foreach(v, i, s) {
			const char *t;

			if (!json_is_string(s))
				return bad(src, n, "tag %zu is not a string",
					   i + 1);
			t = json_string_value(s);
			if (*t == '@')
				t++;
			if (!is_one_line(t))
				return bad(src, n, "tag %zu is not one line "
					   "of text", i + 1);
			if (*t)
				strvec_push_unique(tags, t);
		}
	}
	v = json_object_get(obj, "starred");
	if (v && !json_is_null(v) && !json_is_boolean(v))
		return bad(src, n, "'starred' is not true or false");
	if (v && json_is_true(v))
		strvec_push_unique(tags, "starred");
	return 0;
}

/*
 * Append title to out without its Markdown backslash escapes: a '\'
 * before ASCII punctuation ("state\!") goes, as CommonMark reads it.
 * Returns whether any went.
 */
static int title_unescape(const char *title, size_t len, struct buf *out)
{
	static const char punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
	int any = 0;

	for (size_t i = 0; i < len; i++) {
		if (title[i] == '\\' && i + 1 < len && title[i + 1] &&
		    strchr(punct, title[i + 1])) {
			i++;
			any = 1;
		}
		buf_addch(out, title[i]);
	}
	return any;
}

/*
 * The most a source's own fields may take in an entry's front matter,
 * all told: what would go over is left out (and named), so that the
 * front matter stays within FM_MAX_BYTES with tend's own keys.
 */
#define FIELDS_MAX_BYTES (32 * 1024)

/*
 * How deep the source's own values are written as YAML under its key;
 * deeper ones are kept as their JSON text, within FM_MAX_DEPTH.
 */
#define FIELDS_MAX_DEPTH 5

static void yaml_value(json_t *v, int indent, int depth, struct buf *out);

/*
 * Append the number d as the export most likely wrote it: the fewest
 * digits that read back as d (52.47, not 52.469999999999999), with a
 * ".0" when they would read as a whole number.
 */
static void real_add(double d, struct buf *out)
{
	char text[64];

	for (int digits = 15; digits <= 17; digits++) {
		snprintf(text, sizeof(text), "%.*g", digits, d);
		if (strtod(text, NULL) == d)
			break;
	}
	buf_adds(out, text);
	if (!strpbrk(text, ".eEni"))
		buf_adds(out, ".0");
}

/* Append n blanks to out. */
static void add_blanks(struct buf *out, int n)
{
	while (n-- > 0)
		buf_addch(out, ' ');
}

/*
 * Append the members of the object o as YAML block mapping lines at
 * indent, the first without its blanks when first_inline is set (after
 * "- " of a list).
 */
static void yaml_members(json_t *o, int indent, int depth, int first_inline,
			 struct buf *out)
{
	const char *key;
	json_t *v;
	int first = 1;

	json_object_foreach(o, key, v) {
		if (!first || !first_inline)
			add_blanks(out, indent);
		first = 0;
		fm_quote(key, 0, out);
		buf_addch(out, ':');
		yaml_value(v, indent, depth + 1, out);
	}
}

/*
 * Append the JSON value v as the YAML value of a key (or list item) at
 * indent: a scalar on the same line, a list or object on the lines
 * under it, indented by two. Strings are quoted as fm_quote() quotes
 * them, so that each reads back as the same string; numbers, true,
 * false and null stay as JSON writes them.
 */
static void yaml_value(json_t *v, int indent, int depth, struct buf *out)
{
	size_t i;
	json_t *x;

	if (depth > FIELDS_MAX_DEPTH && (json_is_object(v) ||
					 json_is_array(v)) &&
	    json_object_size(v) + json_array_size(v)) {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

		buf_addch(out, ' ');
		fm_quote(s ? s : "", 0, out);
		buf_addch(out, '\n');
		free(s);
		return;
	}
	if (json_is_string(v)) {
		buf_addch(out, ' ');
		fm_quote(json_string_value(v), 0, out);
	} else if (json_is_object(v) && json_object_size(v)) {
		buf_addch(out, '\n');
		yaml_members(v, indent + 2, depth, 0, out);
		return;
	} else if (json_is_array(v) && json_array_size(v)) {
		buf_addch(out, '\n');
		json_array_foreach(v, i, x) {
			add_blanks(out, indent + 2);
			buf_addch(out, '-');
			if (json_is_object(x) && json_object_size(x) &&
			    depth < FIELDS_MAX_DEPTH) {
				buf_addch(out, ' ');
				yaml_members(x, indent + 4, depth + 1, 1, out);
			} else {
				yaml_value(x, indent + 2, depth + 1, out);
			}
		}
		return;
	} else if (json_is_real(v)) {
		buf_addch(out, ' ');
		real_add(json_real_value(v), out);
	} else {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

		buf_addch(out, ' ');
		buf_adds(out, s ? s : "null");
		free(s);
	}
	buf_addch(out, '\n');
}

/* Does the NULL-terminated list names hold name? */
static int named(const char *const *names, const char *name)
{
	for (; *names; names++)
		if (!strcmp(*names, name))
			return 1;
	return 0;
}

/*
 * The fields of the source's entry obj that tend does not read (all but
 * those in used) as the YAML lines of one mapping under key ("jrnl:",
 * "dayone:"), into out: nothing when there are none. Those in attached
 * (photos...) and in same (richText) are left out, and so is a field
 * that would take the lines over FIELDS_MAX_BYTES; each is noted in b,
 * as each field kept is.
 */
static void source_fields(json_t *obj, const char *key,
			  const char *const *used,
			  const char *const *attached,
			  const char *const *same, struct built *b,
			  struct buf *out)
{
	struct buf one = BUF_INIT;
	const char *name;
	json_t *v;

	json_object_foreach(obj, name, v) {
		enum import_why why;
		size_t items = json_is_array(v) ? json_array_size(v) : 1;

		if (named(used, name))
			continue;
		buf_reset(&one);
		add_blanks(&one, 2);
		fm_quote(name, 0, &one);
		buf_addch(&one, ':');
		yaml_value(v, 2, 1, &one);
		if (named(attached, name)) {
			why = IMPORT_LEFT_ATTACHED;
			if (!items || json_is_null(v))
				continue;
		} else if (named(same, name)) {
			why = IMPORT_LEFT_SAME;
		} else if (out->len + one.len + strlen(key) + 2 >
			   FIELDS_MAX_BYTES) {
			why = IMPORT_LEFT_LARGE;
		} else {
			if (!out->len)
				buf_addf(out, "%s:\n", key);
			buf_add(out, one.s, one.len);
			strvec_push(&b->kept, name);
			continue;
		}
		left_add(&b->left, &b->left_nr, &b->left_alloc, name, why, 1,
			 items);
	}
	buf_release(&one);
}

/* Read "NN" of exactly two digits at s. */
static int two_digits(const char *s)
{
	return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1])
	       ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

/*
 * jrnl's date "YYYY-MM-DD" and time "HH:MM[:SS]", a wall clock in the
 * journal's time zone, as an instant with that zone's offset then.
 */
static int jrnl_date(const char *date, const char *time, struct datetime *dt)
{
	struct tm tm;
	time_t t;
	int y, m, d, hh, mm, ss = 0;

	if (strlen(date) != 10 || date[4] != '-' || date[7] != '-' ||
	    (strlen(time) != 5 && strlen(time) != 8) || time[2] != ':')
		return -1;
	if (two_digits(date) < 0 || two_digits(date + 2) < 0)
		return -1;
	y = two_digits(date) * 100 + two_digits(date + 2);
	m = two_digits(date + 5);
	d = two_digits(date + 8);
	hh = two_digits(time);
	mm = two_digits(time + 3);
	if (time[5] && (time[5] != ':' || (ss = two_digits(time + 6)) < 0 ||
			ss > 59))
		return -1;
	if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31 || hh < 0 ||
	    hh > 23 || mm < 0 || mm > 59)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d)
		return -1;
	datetime_local(t, dt);
	return 0;
}


/* Entry n of a jrnl export, the object obj, into b. */
static int read_jrnl(struct source *src, json_t *obj, size_t n,
		     struct built *b)
{
	static const char *const used[] = {
		"date", "time", "title", "body", "tags", "starred", NULL
	}, *const none[] = { NULL };
	struct strvec tags = STRVEC_INIT;
	struct buf fields = BUF_INIT;
	const char *date, *time, *title, *body;
	struct datetime dt;
	size_t len;
	int rc;

	if (!json_is_object(obj))
		return bad(src, n, "not an object");
	if ((rc = get_str(src, n, obj, "date", 1, &date, NULL)) < 0 ||
	    (rc = get_str(src, n, obj, "time", 1, &time, NULL)) < 0 ||
	    (rc = get_str(src, n, obj, "title", 1, &title, NULL)) < 0 ||
	    (rc = get_str(src, n, obj, "body", 1, &body, &len)) < 0)
		return rc;
	if (jrnl_date(date, time, &dt) < 0)
		return bad(src, n, "cannot read the date '%s %s' (want "
			   "YYYY-MM-DD and HH:MM)", date, time);
	if (!is_one_line(title))
		return bad(src, n, "the title is not one line of text");
	if ((rc = get_tags(src, n, obj, &tags)) == 0) {
		source_fields(obj, "jrnl", used, none, none, b, &fields);
		rc = built_make(src, b, n, title, &dt, &tags, &fields, body,
				len);
	}
	strvec_clear(&tags);
	buf_release(&fields);
	return rc;
}

/*
 * Day One's text: a first line that is a heading ("# Title") is the
 * title (into title) and the body is what follows that line and the one
 * empty line under it, if any; otherwise
 * there is no title and the body is the whole text.
 */
static void dayone_split(const char *text, size_t len, struct buf *title,
			 const char **body, size_t *blen)
{
	const char *nl = memchr(text, '\n', len);
	size_t line = nl ? (size_t)(nl - text) : len, h = 0, end;

	*body = text;
	*blen = len;
	while (h < line && h < 6 && text[h] == '#')
		h++;
	if (!h || h >= line || (text[h] != ' ' && text[h] != '\t'))
		return;
	end = line;
	while (end > h && strchr(" \t\r", text[end - 1]))
		end--;
	/* a closing run of '#' after a blank, as CommonMark reads it */
	for (size_t run = end; run > h; run--) {
		if (text[run - 1] == ' ' || text[run - 1] == '\t') {
			if (run < end)
				end = run;
			break;
		}
		if (text[run - 1] != '#')
			break;
	}
	while (end > h && strchr(" \t", text[end - 1]))
		end--;
	while (h < end && (text[h] == ' ' || text[h] == '\t'))
		h++;
	if (h >= end)
		return;
	buf_add(title, text + h, end - h);
	*body = nl ? nl + 1 : text + len;
	*blen = len - (size_t)(*body - text);
	/* the empty line under the heading: the file puts its own there */
	if (*blen && **body == '\n') {
		(*body)++;
		(*blen)--;
	} else if (*blen > 1 && (*body)[0] == '\r' && (*body)[1] == '\n') {
		*body += 2;
		*blen -= 2;
	}
}


/*
 * The plain files of the export's folder for files of kind k, listed
 * once into src->media_files[k], sorted; none when there is no such
 * folder, or it is a symbolic link. Returns 0 or FAIL.
 */
static int media_list(struct source *src, int k)
{
	struct buf dir = BUF_INIT, full = BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = 0;

	if (src->media_listed[k])
		return 0;
	src->media_listed[k] = 1;
	path_join(&dir, src->media_dir, media_kinds[k].folder);
	/* a folder that is a link is not the export's: not followed */
	if (lstat(dir.s, &st) < 0 || !S_ISDIR(st.st_mode))
		goto out;
	if (!(d = opendir(dir.s))) {
		rc = error("cannot open folder '%s': %s", dir.s,
			   strerror(errno));
		goto out;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		/* a link is no file of the export's: it is not followed */
		path_join(&full, dir.s, de->d_name);
		if (lstat(full.s, &st) == 0 && S_ISREG(st.st_mode))
			strvec_push(&src->media_files[k], de->d_name);
	}
	closedir(d);
	strvec_sort(&src->media_files[k]);
out:
	buf_release(&dir);
	buf_release(&full);
	return rc;
}

/*
 * The name of the export's file of kind k named by md5 ("MD5.EXT"),
 * the one with the extension ext when there are more (ext may be
 * NULL), or NULL for none.
 */
static const char *media_find(const struct source *src, int k,
			      const char *md5, const char *ext)
{
	const struct strvec *v = &src->media_files[k];
	size_t lo = 0, hi = v->nr, n = strlen(md5);
	const char *first = NULL;
	struct buf key = BUF_INIT;

	buf_addf(&key, "%s.", md5);
	/* the names that start "MD5." are together, in order */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(v->v[mid], key.s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < v->nr && starts_with(v->v[lo], key.s); lo++) {
		if (!first)
			first = v->v[lo];
		if (ext && !strcasecmp(v->v[lo] + n + 1, ext)) {
			first = v->v[lo];
			break;
		}
	}
	buf_release(&key);
	return first;
}

/*
 * The word s as a shell reads it back, appended to out: as it is when
 * it holds nothing the shell gives a meaning to, else in single quotes.
 */
static void shell_word(const char *s, struct buf *out)
{
	static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz"
				    "0123456789/._-+,:@%=";

	if (*s && strspn(s, plain) == strlen(s)) {
		buf_adds(out, s);
		return;
	}
	buf_addch(out, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_adds(out, "'\\''");
		else
			buf_addch(out, *s);
	}
	buf_addch(out, '\'');
}

/*
 * s appended to out with each control character a '?': a name from the
 * input, for the terminal.
 */
static void add_shown(struct buf *out, const char *s)
{
	for (; *s; s++)
		buf_addch(out, (unsigned char)*s < 0x20 || *s == 0x7f ? '?'
								: *s);
}

/*
 * The name in the entry's folder of b for the file named file (at
 * from), into out: its safe name (attach_safe_name()), numbered -2, -3
 * ... when another file of b has it.
 */
static void media_name(const struct built *b, const char *file,
		       const char *from, struct buf *out)
{
	struct buf safe = BUF_INIT;
	const struct media *x;

	attach_safe_name(file, &safe);
	buf_reset(out);
	buf_adds(out, safe.s);
	for (int n = 2; (x = media_named(b, out->s)) && strcmp(x->from, from);
	     n++) {
		buf_reset(out);
		name_numbered(out, safe.s, n);
	}
	buf_release(&safe);
}

/*
 * Find the file that the object m of the list of kind k of a Day One
 * entry names in the export, and keep it in b->media; one that is not
 * there, or is over src->media_max, is named in b->missing or
 * b->too_large instead. Returns 0 or FAIL.
 */
static int media_add(struct source *src, int k, json_t *m, struct built *b)
{
	const char *folder = media_kinds[k].folder, *md5, *ext, *id, *file;
	struct buf full = BUF_INIT, name = BUF_INIT, line = BUF_INIT;
	struct media *x;
	struct stat st;

	id = json_string_value(json_object_get(m, "identifier"));
	md5 = json_string_value(json_object_get(m, "md5"));
	ext = json_string_value(json_object_get(m, "type"));
	if (!ext)	/* audio says "format" */
		ext = json_string_value(json_object_get(m, "format"));
	if (media_list(src, k) < 0)
		return FAIL;
	file = md5 && *md5 ? media_find(src, k, md5, ext) : NULL;
	if (file)
		buf_addf(&full, "%s/%s/%s", src->media_dir, folder, file);
	if (!file || lstat(full.s, &st) < 0 || !S_ISREG(st.st_mode)) {
		buf_addf(&line, "%s/", folder);
		if (md5 && *md5) {
			add_shown(&line, md5);
			buf_addch(&line, '.');
			add_shown(&line, ext ? ext : "*");
		} else {
			buf_addf(&line, "? (the export gives no md5 for the "
				 "%s ", media_kinds[k].one);
			add_shown(&line, id ? id : "with no identifier");
			buf_addch(&line, ')');
		}
		strvec_push(&b->missing, line.s);
	} else if (st.st_size > src->media_max) {
		/* in tenths of a MiB, up: never "1.0" over a limit of 1 */
		long long tenths = ((long long)st.st_size * 10 +
				    1024 * 1024 - 1) / (1024 * 1024);

		buf_addf(&line, "%s/", folder);
		add_shown(&line, file);
		buf_addf(&line, " (%lld.%lld MiB)", tenths / 10, tenths % 10);
		strvec_push(&b->too_large, line.s);
	} else {
		media_name(b, file, full.s, &name);
		ALLOC_GROW(b->media, b->media_nr + 1, b->media_alloc);
		x = &b->media[b->media_nr++];
		memset(x, 0, sizeof(*x));
		x->identifier = xstrdup(id ? id : "");
		x->from = buf_detach(&full, NULL);
		x->name = buf_detach(&name, NULL);
		x->kind = k;
	}
	buf_release(&full);
	buf_release(&name);
	buf_release(&line);
	return 0;
}

/*
 * The destination of a link to the attachment x from an entry of
 * entries/YYYY/MM/, and the link's ')', appended to out (the body of b
 * so far): "../../../attachments/FOLDER/NAME)", with where FOLDER is
 * noted in b.
 */
static void media_dest(struct built *b, const struct media *x,
		       const char *folder, struct buf *out)
{
	buf_adds(out, "../../../" ATTACH_DIR "/");
	ALLOC_GROW(b->folder_at, b->folder_nr + 1, b->folder_alloc);
	b->folder_at[b->folder_nr++] = out->len;
	buf_addf(out, "%s/%s)", folder, x->name);
}

/*
 * Make the image whose "![ALT](" ends out a link, "[ALT](", its text
 * label when it has no alt text: a file that is no image a browser
 * shows. Nothing when out does not end in an image's opening.
 */
static void media_unimage(struct buf *out, const char *label)
{
	size_t close = out->len - 2, open = close;
	struct buf alt = BUF_INIT;

	if (out->len < 4 || memcmp(out->s + close, "](", 2))
		return;
	while (open > 0 && !memchr("[]\n", out->s[open - 1], 3))
		open--;
	if (open < 2 || memcmp(out->s + open - 2, "![", 2))
		return;
	buf_add(&alt, out->s + open, close - open);
	buf_setlen(out, open - 2);
	buf_addf(out, "[%s](", alt.len ? alt.s : label);
	buf_release(&alt);
}

/*
 * Day One's files of the entry obj (entry n of the export: photos,
 * videos, audio, PDFs) that its export holds, into b->media (media_add()),
 * and its body[0..len) into out with each link to one of them
 * ("dayone-moment://ID", "dayone-moment:/audio/ID"...) led to where it
 * is kept, in the folder named folder for now (b->folder_at says where,
 * counted back from the end of out). A link whose file is not kept
 * stays as it is. A file that is no image a browser shows is linked with
 * its kind for text, not as an image; one the text does not link to is
 * linked at its end. Returns 0 or < 0 after reporting.
 */
static int dayone_media(struct source *src, json_t *obj, size_t n,
			const char *folder, const char *body, size_t len,
			struct built *b, struct buf *out)
{
	static const char scheme[] = "](dayone-moment:";
	const size_t slen = sizeof(scheme) - 1;
	const char *hit;
	size_t i = 0;

	for (int k = 0; k < IMPORT_MEDIA_KINDS; k++) {
		json_t *list = json_object_get(obj, media_kinds[k].field), *m;
		size_t j;

		if (!list || json_is_null(list))
			continue;
		if (!json_is_array(list))
			return bad(src, n, "\"%s\" is not a list",
				   media_kinds[k].field);
		json_array_foreach(list, j, m)
			if (media_add(src, k, m, b) < 0)
				return FAIL;
	}
	buf_reset(out);
	while ((hit = memmem(body + i, len - i, scheme, slen))) {
		size_t d = (size_t)(hit - body) + 2, end = d, id;
		struct media *x = NULL;

		while (end < len && !memchr(") \t\r\n", body[end], 5))
			end++;
		buf_add(out, body + i, end - i);
		i = end;
		if (end == len || body[end] != ')')
			continue;
		/* "dayone-moment://ID", "dayone-moment:/KIND/ID": the ID */
		for (id = end; id > d && body[id - 1] != '/'; id--)
			;
		for (size_t j = 0; j < b->media_nr && !x; j++)
			if (strlen(b->media[j].identifier) == end - id &&
			    !memcmp(b->media[j].identifier, body + id,
				    end - id))
				x = &b->media[j];
		if (!x || id == end)
			continue;
		buf_setlen(out, out->len - (end - d));
		if (!attach_image_type(x->name))
			media_unimage(out, media_kinds[x->kind].label);
		media_dest(b, x, folder, out);
		for (size_t j = 0; j < b->media_nr; j++)
			b->media[j].linked |= !strcmp(b->media[j].name,
						      x->name);
		i = end + 1;
	}
	buf_add(out, body + i, len - i);
	for (size_t j = 0; j < b->media_nr; j++) {
		struct media *x = &b->media[j];

		if (x->linked || media_named(b, x->name) != x)
			continue;
		/* not in the text: linked at its end, as tend attach does */
		if (out->len && out->s[out->len - 1] != '\n')
			buf_addch(out, '\n');
		if (out->len)
			buf_addch(out, '\n');
		if (attach_image_type(x->name))
			buf_adds(out, "![](");
		else
			buf_addf(out, "[%s](", media_kinds[x->kind].label);
		media_dest(b, x, folder, out);
		buf_addch(out, '\n');
	}
	for (size_t j = 0; j < b->folder_nr; j++)
		b->folder_at[j] = out->len - b->folder_at[j];
	return 0;
}

/*
 * The folder an entry's attachments are kept in until its file has a
 * name: "YYYY/MM/YYYY-MM-DD-HHMM-SLUG" of the date dt and title (may be
 * NULL), into out.
 */
static void media_folder(const struct datetime *dt, const char *title,
			 struct buf *out)
{
	const struct tm *w = &dt->wall;

	buf_addf(out, "%04d/%02d/%04d-%02d-%02d-%02d%02d-", w->tm_year + 1900,
		 w->tm_mon + 1, w->tm_year + 1900, w->tm_mon + 1, w->tm_mday,
		 w->tm_hour, w->tm_min);
	slug_make(title ? title : "", out);
}

/*
 * Entry n of a Day One export, the object obj, into b: its files too,
 * when the export's folder is known and they are kept (dayone_media()).
 */
static int read_dayone(struct source *src, json_t *obj, size_t n,
		       struct built *b)
{
	static const char *const used[] = {
		"creationDate", "text", "tags", "starred", NULL
	}, *const used_media[] = {
		"creationDate", "text", "tags", "starred",
		"photos", "videos", "audios", "pdfAttachments", NULL
	}, *const attached[] = {
		"photos", "videos", "audios", "pdfAttachments", NULL
	}, *const same[] = { "richText", NULL }, *const none[] = { NULL };
	struct strvec tags = STRVEC_INIT;
	struct buf title = BUF_INIT, plain = BUF_INIT, fields = BUF_INIT;
	struct buf folder = BUF_INIT, linked = BUF_INIT;
	const char *created, *zone, *text, *body;
	size_t len, blen;
	struct datetime utc, dt;
	int rc;

	if (!json_is_object(obj))
		return bad(src, n, "not an object");
	if ((rc = get_str(src, n, obj, "creationDate", 1, &created,
			  NULL)) < 0 ||
	    (rc = get_str(src, n, obj, "timeZone", 0, &zone, NULL)) < 0 ||
	    (rc = get_str(src, n, obj, "text", 1, &text, &len)) < 0)
		return rc;
	if (datetime_parse(created, &utc) < 0 || !utc.has_offset)
		return bad(src, n, "cannot read the creationDate '%s' (want "
			   "YYYY-MM-DDTHH:MM:SSZ)", created);
	datetime_in_zone(utc.t, zone ? zone : "UTC", &dt);
	dayone_split(text, len, &title, &body, &blen);
	b->unescaped = title_unescape(title.s, title.len, &plain);
	if ((rc = get_tags(src, n, obj, &tags)) < 0)
		goto out;
	if (src->media_dir) {
		media_folder(&dt, plain.s, &folder);
		if ((rc = dayone_media(src, obj, n, folder.s, body, blen, b,
				       &linked)) < 0)
			goto out;
		body = linked.s;
		blen = linked.len;
		b->folder_len = folder.len;
		source_fields(obj, "dayone", used_media, none, same, b,
			      &fields);
	} else {
		source_fields(obj, "dayone", used, attached, same, b,
			      &fields);
	}
	rc = built_make(src, b, n, plain.s, &dt, &tags, &fields, body, blen);
out:
	strvec_clear(&tags);
	buf_release(&title);
	buf_release(&plain);
	buf_release(&fields);
	buf_release(&folder);
	buf_release(&linked);
	return rc;
}

/*
 * Is path a plain entry path: entries/.../NAME.md, or an encrypted
 * journal's NAME.md.age, nothing hidden?
 */
static int entry_path_ok(const char *path)
{
	const char *p = path;

	if (!starts_with(path, "entries/") ||
	    !(ends_with(path, ".md") || ends_with(path, ".md" VAULT_EXT)) ||
	    strstr(path, "//") || strchr(path, '\\'))
		return 0;
	while (p) {
		if (*p == '.' || !*p)
			return 0;
		p = strchr(p, '/');
		if (p)
			p++;
	}
	return 1;
}


/* Entry n of tend's own JSON, the object obj, into b. */
static int read_tend(struct source *src, json_t *obj, size_t n,
		     struct built *b)
{
	const char *text, *path;
	size_t len;
	int rc;

	if (!json_is_object(obj))
		return bad(src, n, "not an object");
	if ((rc = get_str(src, n, obj, "text", 1, &text, &len)) < 0 ||
	    (rc = get_str(src, n, obj, "path", 0, &path, NULL)) < 0)
		return rc;
	if (path && !entry_path_ok(path))
		return bad(src, n, "'%s' is not the path of an entry "
			   "(entries/.../NAME.md)", path);
	if (memchr(text, '\0', len))
		return bad(src, n, "its text holds a NUL character");
	if (path) {
		/* NAME.md, whichever journal it came from */
		b->want = ends_with(path, VAULT_EXT)
			? xstrndup(path, strlen(path) - strlen(VAULT_EXT))
			: xstrdup(path);
		b->e.id = entry_path_id(path);
	}
	buf_add(&b->e.text, text, len);
	return built_parse(src, b, n, NULL);
}

/*
 * Does the GLOB pattern exclude rel (a path relative to the folder
 * imported; a folder when dir is set)? A pattern ending in '/' names
 * folders only. One with a '/' elsewhere is matched against the whole
 * of rel, '*' not crossing a '/'; one without is matched against the
 * last name of rel, at any depth, as git reads .gitignore.
 */
static int exclude_match(const char *pattern, const char *rel, int dir)
{
	size_t len = strlen(pattern);
	char *p = xstrdup(pattern), *q = p;
	const char *name = strrchr(rel, '/');
	int hit;

	if (len && p[len - 1] == '/') {
		p[--len] = '\0';
		if (!dir) {
			free(p);
			return 0;
		}
	}
	while (*q == '/')
		q++;
	if (!*q)
		hit = 0;
	else if (strchr(q, '/'))
		hit = fnmatch(q, rel, FNM_PATHNAME | FNM_PERIOD) == 0;
	else
		hit = fnmatch(q, name ? name + 1 : rel, FNM_PERIOD) == 0;
	free(p);
	return hit;
}

/*
 * The pattern of opt that excludes rel (a folder when dir is set), its
 * default ones first unless opt says not; NULL for none. *by_default
 * says whether it is a default one.
 */
static const char *excluded_by(const struct import_options *opt,
			       const char *rel, int dir, int *by_default)
{
	*by_default = 1;
	if (!opt || !opt->no_defaults)
		for (const char *const *p = import_default_excludes; *p; p++)
			if (exclude_match(*p, rel, dir))
				return *p;
	*by_default = 0;
	for (size_t i = 0; opt && i < opt->exclude.nr; i++)
		if (exclude_match(opt->exclude.v[i], rel, dir))
			return opt->exclude.v[i];
	return NULL;
}

/* How many files are under dir/rel, links left out. */
static size_t count_files(const char *dir, const char *rel)
{
	struct buf path = BUF_INIT, sub = BUF_INIT;
	size_t n = 0;
	DIR *d;
	struct dirent *de;

	path_join(&path, dir, rel);
	if ((d = opendir(path.s))) {
		while ((de = readdir(d))) {
			struct stat st;

			if (!strcmp(de->d_name, ".") ||
			    !strcmp(de->d_name, "..") ||
			    fstatat(dirfd(d), de->d_name, &st,
				    AT_SYMLINK_NOFOLLOW) < 0)
				continue;
			buf_reset(&sub);
			buf_addf(&sub, "%s/%s", rel, de->d_name);
			if (S_ISDIR(st.st_mode))
				n += count_files(dir, sub.s);
			else if (S_ISREG(st.st_mode))
				n++;
		}
		closedir(d);
	}
	buf_release(&path);
	buf_release(&sub);
	return n;
}

/* Name rel (a folder when dir is set), left out by pattern, in s. */
static void excluded_add(struct import_summary *s, const char *dir,
			 const char *rel, int is_dir, const char *pattern,
			 int by_default)
{
	struct import_excluded *x;
	struct buf path = BUF_INIT;

	buf_addf(&path, "%s%s", rel, is_dir ? "/" : "");
	ALLOC_GROW(s->excluded, s->excluded_nr + 1, s->excluded_alloc);
	x = &s->excluded[s->excluded_nr++];
	x->path = buf_detach(&path, NULL);
	x->pattern = xstrdup(pattern);
	x->files = is_dir ? count_files(dir, rel) : 1;
	x->by_default = by_default;
}

/*
 * The .md files under dir/rel (recursively, hidden names and links left
 * out) into md, paths relative to dir, but for those opt excludes,
 * which go in s->excluded (a hidden one too, when a pattern names it);
 * other files are counted in s->ignored.
 */
static int walk_markdown(const char *dir, const char *rel,
			 const struct import_options *opt, struct strvec *md,
			 struct import_summary *s)
{
	struct buf path = BUF_INIT, sub = BUF_INIT;
	struct strvec names = STRVEC_INIT;
	DIR *d;
	struct dirent *de;
	int rc = 0;

	path_join(&path, dir, rel);
	if (!(d = opendir(path.s))) {
		rc = error("cannot open folder '%s': %s", path.s,
			   strerror(errno));
		goto out;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			strvec_push(&names, de->d_name);
	/* in order, so that what is left out is named in order */
	strvec_sort(&names);
	for (size_t i = 0; rc == 0 && i < names.nr; i++) {
		const char *name = names.v[i], *by;
		struct stat st;
		int dflt, is_dir;

		buf_reset(&sub);
		if (*rel)
			buf_addf(&sub, "%s/", rel);
		buf_adds(&sub, name);
		if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		is_dir = S_ISDIR(st.st_mode);
		if ((is_dir || S_ISREG(st.st_mode)) &&
		    (by = excluded_by(opt, sub.s, is_dir, &dflt))) {
			excluded_add(s, dir, sub.s, is_dir, by, dflt);
			continue;
		}
		if (name[0] == '.')
			continue;
		if (is_dir)
			rc = walk_markdown(dir, sub.s, opt, md, s);
		else if (S_ISREG(st.st_mode) &&
			 (ends_with(name, ".md") ||
			  ends_with(name, ".markdown")))
			strvec_push(md, sub.s);
		else
			s->ignored++;
	}
	closedir(d);
out:
	strvec_clear(&names);
	buf_release(&path);
	buf_release(&sub);
	return rc;
}

/*
 * The first YYYY-MM-DD in name, with the HHMM after it ("-0730" or
 * " 0730") when there is one, into dt.
 */
static int date_in_name(const char *name, struct datetime *dt)
{
	for (const char *p = name; strlen(p) >= 10; p++) {
		char stamp[16];

		if (p != name && isdigit((unsigned char)p[-1]))
			continue;
		memcpy(stamp, p, 10);
		stamp[10] = '\0';
		/* "YYYY-MM-DD HHMM": read as the ID form "YYYY-MM-DD-HHMM" */
		if (p[10] == ' ' && strspn(p + 11, "0123456789") == 4) {
			memcpy(stamp + 10, p + 10, 5);
			stamp[10] = '-';
			stamp[15] = '\0';
			if (entry_date_from_name(stamp, dt))
				return 1;
		}
		if (entry_date_from_name(p, dt))
			return 1;
	}
	return 0;
}

/*
 * The title a heading at the start of the body of e gives (after blank
 * lines), its Markdown escapes taken out, into out; *escaped says
 * whether it had any. Returns whether there is such a heading.
 */
static int heading_title(const struct entry *e, struct buf *out,
			 int *escaped)
{
	struct buf title = BUF_INIT;
	size_t len, blen;
	const char *body = entry_body(e, &len), *rest;
	int found;

	while (len && strchr(" \t\r\n", *body)) {
		body++;
		len--;
	}
	dayone_split(body, len, &title, &rest, &blen);
	found = title.len > 0;
	*escaped = title_unescape(title.s, title.len, out);
	buf_release(&title);
	return found;
}

/*
 * Is the file name stem a date and nothing else ("2023-09-12", "2023-09-12
 * 0730"), as a daily note's is?
 */
static int stem_is_date(const char *stem)
{
	struct datetime dt;

	return strspn(stem, "0123456789-_. ") == strlen(stem) &&
	       date_in_name(stem, &dt);
}

/*
 * How many Markdown files of the input a heading titles head: once the
 * first reading is done, src->heads is sorted.
 */
static size_t heads_count(const struct source *src, const char *head)
{
	size_t lo = 0, hi = src->heads.nr, n = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(src->heads.v[mid], head) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + n < src->heads.nr && !strcmp(src->heads.v[lo + n], head))
		n++;
	return n;
}

/*
 * Make the Markdown file b (its text read from full, stem its name
 * without the extension) an entry: its front matter kept, a scalar tags
 * made a list, a date from created, the file name or its time (counted
 * as guessed), and a title from the file name when it has none. A title
 * from a heading loses its Markdown escapes (and is then written as
 * title); when it is a generic one, the file name goes in aliases: a
 * heading of a daily note (whose name is a date alone) that is not its
 * name, or one that heads two or more files of the input.
 */
static int markdown_fill(struct source *src, struct built *b,
			 const char *full, const char *stem)
{
	const struct fm_item *tags, *created;
	struct buf head = BUF_INIT;
	struct datetime dt;
	struct stat st;
	int rc, escaped;

	if ((rc = built_parse(src, b, 0, full)) < 0)
		return rc;
	tags = fm_get(&b->e.fm, "tags");
	if (tags && tags->val.kind == FM_SCALAR) {
		struct strvec list = STRVEC_INIT;

		strvec_push(&list, tags->val.str);
		entry_set_list(&b->e, "tags", &list);
		strvec_clear(&list);
	}
	if (!fm_get(&b->e.fm, "date")) {
		created = fm_get(&b->e.fm, "created");
		if (created && created->val.kind == FM_SCALAR &&
		    datetime_parse(created->val.str, &dt) == 0) {
			entry_set_date(&b->e, &dt);
		} else if (created) {
			return bad_at(src, full, created->val.line,
				      created->val.col, "cannot read the "
				      "date in created");
		} else if (date_in_name(stem, &dt)) {
			entry_set_date(&b->e, &dt);
		} else if (stat(full, &st) == 0) {
			datetime_local(st.st_mtime, &dt);
			entry_set_date(&b->e, &dt);
			b->guessed = 1;
		}
	}
	if (*own_title(&b->e)) {
		/* its own title: as it is */
	} else if (!heading_title(&b->e, &head, &escaped)) {
		entry_set_str(&b->e, "title", stem);
	} else {
		if (escaped) {
			entry_set_str(&b->e, "title", head.s);
			b->unescaped = 1;
		}
		if (!src->second)
			strvec_push(&src->heads, head.s);
		if (strcmp(head.s, stem) &&
		    (stem_is_date(stem) ||
		     (src->second && heads_count(src, head.s) > 1)) &&
		    entry_add_alias(&b->e, stem))
			b->aliased = 1;
	}
	buf_release(&head);
	return built_parse(src, b, 0, full);
}

/*
 * The next Markdown file that is text into b: on the first reading from
 * all the .md files (those not text go in s->not_text), on the second
 * from those that were text. Returns 1, 0 at the end, or < 0.
 */
static int markdown_next(struct source *src, struct built *b,
			 struct import_summary *s)
{
	struct strvec *list = src->second ? &src->texts : &src->files;
	struct buf full = BUF_INIT;
	int rc = 0;

	while (rc == 0 && src->next < list->nr) {
		const char *rel = list->v[src->next++], *name;
		char *stem;

		path_join(&full, src->dir, rel);
		if (fs_read(full.s, ENTRY_MAX_BYTES, &b->e.text, 0) < 0) {
			rc = FAIL;
			break;
		}
		if (memchr(b->e.text.s, '\0', b->e.text.len) ||
		    !utf8_valid(b->e.text.s, b->e.text.len)) {
			if (src->second)
				rc = changed(src);
			else
				strvec_push(&s->not_text, rel);
			continue;
		}
		if (!src->second)
			strvec_push(&src->texts, rel);
		name = strrchr(rel, '/');
		name = name ? name + 1 : rel;
		stem = xstrndup(name, (size_t)(strrchr(name, '.') - name));
		b->e.id = xstrdup(stem);
		rc = markdown_fill(src, b, full.s, stem);
		free(stem);
		if (rc == 0)
			rc = 1;
	}
	buf_release(&full);
	return rc;
}

/*
 * Begin a reading of the input at src->file (the first when src->second
 * is not set). Returns 0 or < 0 after reporting.
 */
static int source_open(struct source *src, struct import_summary *s)
{
	static const char *const shapes[] = {
		[IMPORT_TEND_JSON] = "not tend's JSON: it is not a list of "
				     "entries",
		[IMPORT_JRNL_JSON] = "not jrnl's JSON: there is no "
				     "\"entries\" list at its top",
		[IMPORT_DAYONE_JSON] = "not a Day One export: there is no "
				       "\"entries\" list at its top",
	};
	int rc;

	src->n = 0;
	if (src->f == IMPORT_MARKDOWN) {
		src->next = 0;
		if (src->second) {
			strvec_sort(&src->heads);
			return 0;
		}
		if ((rc = walk_markdown(src->dir, "", src->opt, &src->files,
					s)) == 0)
			strvec_sort(&src->files);
		return rc;
	}
	jsonlist_close(&src->jl);
	rc = jsonlist_open(&src->jl, src->file,
			   src->f == IMPORT_TEND_JSON ? NULL : "entries");
	if (rc == JSONLIST_NO_LIST)
		rc = src->second ? changed(src)
				 : error_as(FAIL_INVALID, "%s: %s", src->file,
					    shapes[src->f]);
	return rc;
}

/*
 * Read the next entry of the input into b (with skip set, pass over it
 * unread: the second reading, of an entry not written). Returns 1 for an
 * entry, 0 at the end of the input, < 0 after reporting.
 */
static int source_next(struct source *src, struct built *b, int skip,
		       struct import_summary *s)
{
	json_t *obj = NULL;
	size_t n;
	int rc;

	if (src->f == IMPORT_MARKDOWN) {
		if (skip && src->next < src->texts.nr) {
			src->next++;
			return 1;
		}
		return markdown_next(src, b, s);
	}
	if ((rc = jsonlist_next(&src->jl, skip ? NULL : &obj)) <= 0)
		return rc;
	n = ++src->n;
	if (n > IMPORT_MAX_ENTRIES)
		rc = error_as(FAIL_INVALID, "%s: over the limit of one import, "
			      "%d entries: import it in parts", src->file,
			      IMPORT_MAX_ENTRIES);
	else if (skip)
		rc = 1;
	else
		rc = src->f == IMPORT_TEND_JSON ? read_tend(src, obj, n, b) :
		     src->f == IMPORT_JRNL_JSON ? read_jrnl(src, obj, n, b) :
		     read_dayone(src, obj, n, b);
	json_decref(obj);
	return rc < 0 ? rc : 1;
}

static void source_release(struct source *src)
{
	jsonlist_close(&src->jl);
	free(src->media_dir);
	for (int k = 0; k < IMPORT_MEDIA_KINDS; k++)
		strvec_clear(&src->media_files[k]);
	strvec_clear(&src->files);
	strvec_clear(&src->texts);
	strvec_clear(&src->heads);
}

/*
 * The first reading: check every entry of the input, keeping each one's
 * print in it. A problem of an entry is reported and the reading goes
 * on, to report them all (those after IMPORT_MAX_SHOWN counted only);
 * one that leaves the rest unreadable ends it. Any problem stops the
 * import. How many are read so far shows on a terminal: the input does
 * not say how many it holds.
 */
static int read_all(struct ctx *ctx, struct source *src, struct items *it,
		    struct import_summary *s)
{
	struct built b;
	struct buf scratch = BUF_INIT;
	struct progress meter;
	int rc;

	built_init(&b);
	progress_start(&meter, ctx, "reading", "entries");
	if ((rc = source_open(src, s)) < 0)
		goto out;
	for (;;) {
		size_t before = src->problems;
		struct item *x;

		rc = source_next(src, &b, 0, s);
		if (rc < 0 && src->problems > before) {
			/* one entry's problem: on to the next */
			built_release(&b);
			continue;
		}
		if (rc <= 0)
			break;
		if (src->problems) {
			/* nothing will be written: only find the rest */
			built_release(&b);
			continue;
		}

		ALLOC_GROW(it->v, it->nr + 1, it->alloc);
		x = &it->v[it->nr++];
		memset(x, 0, sizeof(*x));
		entry_print(&b.e, &scratch, &x->print);
		built_release(&b);
		progress_update(&meter, it->nr, 0);
	}
out:
	progress_end(&meter);
	if (src->problems > IMPORT_MAX_SHOWN)
		error("and %zu more %s", src->problems - IMPORT_MAX_SHOWN,
		      src->problems - IMPORT_MAX_SHOWN == 1 ? "problem"
							    : "problems");
	if (src->problems) {
		error("%zu %s in '%s': nothing was imported",
		      src->problems, src->problems == 1 ? "problem" :
		      "problems", src->file);
		if (rc == 0)
			rc = FAIL_INVALID;
	}
	built_release(&b);
	buf_release(&scratch);
	return rc;
}

/*
 * An entry file of the journal: its print, whether it is committed, and
 * its path (borrowed).
 */
struct known {
	git_oid print;
	int committed;
	const char *path;
};

static int cmp_known(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct known *)a)->print,
			   &((const struct known *)b)->print);
}

/* Items in order of print, then of place in the input. */
static int cmp_item(const void *a, const void *b)
{
	const struct item *x = *(struct item *const *)a;
	const struct item *y = *(struct item *const *)b;
	int c = git_oid_cmp(&x->print, &y->print);

	return c ? c : (x > y) - (x < y);
}

/* Skip an item that an earlier one of the input says already. */
static void mark_twice(struct items *it)
{
	struct item **order = xcalloc(it->nr + 1, sizeof(*order));

	for (size_t i = 0; i < it->nr; i++)
		order[i] = &it->v[i];
	qsort(order, it->nr, sizeof(*order), cmp_item);
	for (size_t i = 1; i < it->nr; i++)
		if (!git_oid_cmp(&order[i]->print, &order[i - 1]->print))
			order[i]->skip = 1;
	free(order);
}

/* Read an entry of the journal without a word on stderr; 0 or -1. */
static int load_quietly(struct ctx *ctx, const char *path, struct entry *e)
{
	struct buf full = BUF_INIT;
	struct fm_error err = FM_ERROR_INIT;
	int rc;

	path_join(&full, ctx->root, path);
	e->id = entry_path_id(path);
	rc = ctx->encrypted ? vault_read(ctx, path, ENTRY_MAX_BYTES, &e->text,
					 FS_QUIET)
			    : fs_read(full.s, ENTRY_MAX_BYTES, &e->text,
				      FS_QUIET);
	if (rc == 0 && entry_parse(e, ctx->cfg.mood_scale, &err) < 0)
		rc = -1;
	fm_error_release(&err);
	buf_release(&full);
	return rc;
}

/*
 * Mark the items that a committed entry of the journal, or an earlier
 * item, already says as skipped (counted in s). One that only a file
 * not yet committed says is a twin: a stopped import of the same input
 * left it, and the second reading takes it as it is where the import
 * puts it (else the item is skipped then, as before). With media set
 * (the input has files to keep with its entries), a skipped item keeps
 * the path of the committed entry that says the same.
 */
static int mark_known(struct ctx *ctx, struct store_batch *batch,
		      struct items *it, int media, struct import_summary *s)
{
	struct strvec files = STRVEC_INIT;
	struct buf scratch = BUF_INIT;
	struct known *k = NULL;
	size_t nk = 0;

	if (fs_walk(ctx->root, "entries", vault_md(ctx), &files, NULL) < 0)
		return FAIL;
	k = xcalloc(files.nr + 1, sizeof(*k));
	for (size_t i = 0; i < files.nr; i++) {
		struct entry e;

		entry_init(&e);
		if (load_quietly(ctx, files.v[i], &e) == 0) {
			entry_print(&e, &scratch, &k[nk].print);
			k[nk].path = files.v[i];
			k[nk++].committed =
				store_batch_committed(batch, files.v[i]);
		}
		entry_release(&e);
	}
	qsort(k, nk, sizeof(*k), cmp_known);
	for (size_t i = 0; i < it->nr; i++) {
		struct item *x = &it->v[i];
		struct known want, *hit;

		want.print = x->print;
		hit = nk ? bsearch(&want, k, nk, sizeof(*k), cmp_known) : NULL;
		while (hit && hit > k && !git_oid_cmp(&hit[-1].print,
						      &x->print))
			hit--;
		for (; hit && hit < k + nk &&
		       !git_oid_cmp(&hit->print, &x->print); hit++) {
			x->skip |= hit->committed;
			x->twin |= !hit->committed;
			if (hit->committed && media && !x->known)
				x->known = xstrdup(hit->path);
		}
	}
	strvec_clear(&files);
	mark_twice(it);
	for (size_t i = 0; i < it->nr; i++)
		s->skipped += (size_t)it->v[i].skip;
	free(k);
	buf_release(&scratch);
	return 0;
}

/* The paths given out so far: a set, to find the next free name. */
struct claims {
	const char **slot;	/* borrowed; NULL for an empty slot */
	size_t nr, size;	/* size is a power of two */
};

static size_t claim_slot(const struct claims *c, const char *path)
{
	size_t i = (size_t)hash_add(HASH_INIT, path, strlen(path));

	for (i &= c->size - 1; c->slot[i] && strcmp(c->slot[i], path);
	     i = (i + 1) & (c->size - 1))
		;
	return i;
}

static int claimed(const struct claims *c, const char *path)
{
	return c->size && c->slot[claim_slot(c, path)];
}

/* Add path (which must outlive c) to c. */
static void claim(struct claims *c, const char *path)
{
	if (2 * (c->nr + 1) > c->size) {
		struct claims grown = { NULL, 0, c->size ? 2 * c->size : 64 };

		grown.slot = xcalloc(grown.size, sizeof(*grown.slot));
		for (size_t i = 0; i < c->size; i++)
			if (c->slot[i])
				grown.slot[claim_slot(&grown, c->slot[i])] =
					c->slot[i];
		grown.nr = c->nr;
		free(c->slot);
		*c = grown;
	}
	c->slot[claim_slot(c, path)] = path;
	c->nr++;
}

/* How an entry goes into its place. */
enum place {
	PLACE_NEW,	/* a new file */
	PLACE_REPLACE,	/* over the part of it a stopped write left */
	PLACE_ADOPT,	/* it is there already, as a stopped import left it */
	PLACE_SKIP	/* not at all: an uncommitted file says the same */
};

/*
 * Is path (without its ending) where an encrypted journal files an
 * entry: entries/YYYY/MM/YYYY-MM-DD-HHMM, or that and "-N", the folders
 * those of the ID's date? Nothing else of the path may say more.
 */
static int stamp_path(const char *path, size_t n)
{
	static const char shape[] = "entries/dddd/dd/dddd-dd-dd-dddd";
	const size_t len = sizeof(shape) - 1;

	if (n < len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)path[i])
				    : path[i] != shape[i])
			return 0;
	/* the year and month of the folders are the ID's */
	if (memcmp(path + 8, path + 16, 4) || memcmp(path + 13, path + 21, 2))
		return 0;
	n -= len;
	path += len;
	return !n || (n > 1 && path[0] == '-' && path[1] != '0' &&
		      strspn(path + 1, "0123456789") == n - 1);
}

/*
 * The name of the entry of b without "-N" and ending, into base: the
 * path it had (tend-json), else entries/YYYY/MM/YYYY-MM-DD-HHMM-SLUG
 * from its date and title. An encrypted journal's names carry no
 * title: there a path that says more than stamp_path() is not kept, and
 * the name is the date and time alone.
 */
static void place_base(struct ctx *ctx, const struct built *b,
		       struct buf *base)
{
	const struct tm *w = &b->e.date.wall;
	size_t n = b->want ? strlen(b->want) - strlen(".md") : 0;

	if (b->want && (!ctx->encrypted || stamp_path(b->want, n))) {
		buf_add(base, b->want, n);
		return;
	}
	buf_addf(base, "entries/%04d/%02d/", w->tm_year + 1900,
		 w->tm_mon + 1);
	compose_base_id(ctx, &b->e.date, b->e.title ? b->e.title : "", base);
}

/*
 * How far the file at full (not committed) holds the entry text: it is
 * all of it (PLACE_ADOPT), a part a stopped write left (PLACE_REPLACE;
 * never in an encrypted journal, where a part opens to nothing), or
 * something else (-1). In an encrypted journal the bytes of a file to
 * adopt, those it checked, go into raw.
 */
static int place_there(struct ctx *ctx, const char *full,
		       const struct stat *st, const struct buf *text,
		       struct buf *raw)
{
	struct buf there = BUF_INIT;
	int how = -1;

	if (ctx->encrypted) {
		if (fs_read(full, 2 * ENTRY_MAX_BYTES, raw, FS_QUIET) == 0 &&
		    age_decrypt(ctx->key, raw->s, raw->len, &there) == 0 &&
		    there.len == text->len &&
		    !memcmp(there.s, text->s, there.len))
			how = PLACE_ADOPT;
		age_wipe(there.s, there.len);
	} else if ((size_t)st->st_size <= text->len &&
		   fs_read(full, ENTRY_MAX_BYTES, &there, FS_QUIET) == 0 &&
		   there.len <= text->len &&
		   !memcmp(there.s, text->s, there.len)) {
		how = there.len == text->len ? PLACE_ADOPT : PLACE_REPLACE;
	}
	buf_release(&there);
	return how;
}

/*
 * The text of b as it is written at path, into out: where it names the
 * folder of its attachments (b->folder_at), the folder of path's.
 */
static void media_retarget(const struct built *b, const char *path,
			   struct buf *out)
{
	const struct buf *text = &b->e.text;
	struct buf dir = BUF_INIT;
	const char *folder;
	size_t from = 0;

	attach_dir(path, &dir);
	folder = dir.s + strlen(ATTACH_DIR "/");
	buf_reset(out);
	for (size_t i = 0; i < b->folder_nr; i++) {
		size_t at = text->len - b->folder_at[i];

		buf_add(out, text->s + from, at - from);
		buf_adds(out, folder);
		from = at + b->folder_len;
	}
	buf_add(out, text->s + from, text->len - from);
	buf_release(&dir);
}

/*
 * Where the entry of b goes: place_base() with ".md" (".md.age" in an
 * encrypted journal), "-2", "-3"... before it when that is taken:
 * claimed by an earlier entry of this import, committed, or a file that
 * is neither this entry nor a part of it. Sets *how; the text of an
 * entry with attachments, as it is written there, goes into text
 * (media_retarget()); the bytes of a file an encrypted journal adopts
 * go into raw. Returns 0 or FAIL.
 */
static int place(struct ctx *ctx, struct store_batch *batch,
		 const struct claims *claims, const struct built *b,
		 int twin, struct buf *out, enum place *how, struct buf *text,
		 struct buf *raw)
{
	struct buf base = BUF_INIT, full = BUF_INIT;
	const struct buf *want = b->folder_nr ? text : &b->e.text;
	int rc = FAIL;

	place_base(ctx, b, &base);
	for (int n = 1; n < COMPOSE_MAX_CLASH && rc < 0; n++) {
		struct stat st;
		int there;

		buf_reset(out);
		buf_adds(out, base.s);
		if (n > 1)
			buf_addf(out, "-%d", n);
		buf_adds(out, vault_md(ctx));
		if (claimed(claims, out->s))
			continue;
		if (b->folder_nr)
			media_retarget(b, out->s, text);
		path_join(&full, ctx->root, out->s);
		if (lstat(full.s, &st) < 0) {
			*how = PLACE_NEW;
			rc = 0;
		} else if (S_ISREG(st.st_mode) &&
			   !store_batch_committed(batch, out->s) &&
			   (there = place_there(ctx, full.s, &st, want,
						raw)) >= 0) {
			*how = (enum place)there;
			rc = 0;
		}
	}
	if (rc < 0)
		error("no free name for '%s'", base.s);
	else if (twin && *how != PLACE_ADOPT)
		*how = PLACE_SKIP;
	buf_release(&base);
	buf_release(&full);
	return rc;
}

/* Flush what was written to the disk at once, not file by file. */
static int flush_all(struct ctx *ctx)
{
	int fd = open(ctx->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return error("cannot open '%s': %s", ctx->root,
			     strerror(errno));
	rc = syncfs(fd);
	close(fd);
	return rc < 0 ? error("cannot flush the journal to disk: %s",
			      strerror(errno)) : 0;
}


/* What the second reading writes: where each entry goes, and how. */
struct writing {
	struct strvec paths;	/* each entry's path, its attachments'
				 * before it */
	struct strvec temps;	/* its temporary file, or "" (adopted);
				 * cleared once all are in place */
	unsigned char *how;	/* its enum place */
	size_t alloc;
	size_t moved;		/* the first this many are in place */
	size_t entries;		/* how many of paths are entries */
	struct claims claims;	/* paths, as a set */
	struct buf dir;		/* the folder made for the last one */
	int recorded;		/* IMPORT_RECORD is written */
};

static void writing_release(struct writing *w)
{
	strvec_clear(&w->paths);
	strvec_clear(&w->temps);
	free(w->how);
	free(w->claims.slot);
	buf_release(&w->dir);
	memset(w, 0, sizeof(*w));
	buf_init(&w->dir);
}

/*
 * Add path to what w writes, to go into place as how says, from the
 * temporary file tmp ("" for none), with these bytes into batch.
 * Returns 0 or FAIL.
 */
static int writing_add(struct writing *w, struct store_batch *batch,
		       const char *path, enum place how, const char *tmp,
		       const struct buf *bytes)
{
	const char *kept = strvec_push(&w->paths, path);

	claim(&w->claims, kept);
	strvec_push(&w->temps, tmp);
	ALLOC_GROW(w->how, w->paths.nr, w->alloc);
	w->how[w->paths.nr - 1] = (unsigned char)how;
	return store_batch_add(batch, kept, bytes->s, bytes->len);
}

/*
 * Write the attachments of b, the entry that goes to path, each to a
 * temporary file beside its place in the entry's folder (unless a
 * stopped import put it there already), their objects into batch.
 * Returns 0 or FAIL.
 */
static int write_media(struct ctx *ctx, struct store_batch *batch,
		       struct writing *w, const struct built *b,
		       const char *path)
{
	struct buf dir = BUF_INIT, rel = BUF_INIT, full = BUF_INIT;
	struct buf data = BUF_INIT, there = BUF_INIT, tmp = BUF_INIT;
	int rc = 0;

	if (attach_dir(path, &dir) < 0 || fs_mkdirs(ctx->root, dir.s) < 0)
		rc = FAIL;
	for (size_t i = 0; i < b->media_nr && rc == 0; i++) {
		const struct media *x = &b->media[i];
		enum place how = PLACE_NEW;
		struct stat st;

		if (media_named(b, x->name) != x)
			continue;	/* the same file, twice */
		buf_reset(&rel);
		buf_addf(&rel, "%s/%s", dir.s, x->name);
		path_join(&full, ctx->root, rel.s);
		buf_reset(&tmp);
		rc = FAIL;
		if (fs_read(x->from, (size_t)ctx->cfg.attach_max, &data,
			    0) < 0)
			break;
		if (data.len > (size_t)ctx->cfg.attach_max) {
			error("'%s' changed while it was imported; run the "
			      "import again", x->from);
			break;
		}
		if (lstat(full.s, &st) == 0) {
			/* a stopped import's, whole (committed since, or
			   not): taken as it is */
			if (!S_ISREG(st.st_mode) ||
			    fs_read(full.s, data.len, &there, FS_QUIET) < 0 ||
			    there.len != data.len ||
			    memcmp(there.s, data.s, data.len)) {
				error("cannot keep '%s' with its entry: "
				      "'%s' is there already", x->from,
				      rel.s);
				break;
			}
			how = PLACE_ADOPT;
		} else if (fs_check_inside(ctx->root, rel.s) < 0 ||
			   fs_write_temp(full.s, data.s, data.len, 0600, 0,
					 &tmp) < 0) {
			break;
		}
		rc = writing_add(w, batch, rel.s, how, tmp.s, &data);
	}
	if (rc < 0 && dir.len)	/* the folders made for none of them */
		fs_rmdir_up(ctx->root, dir.s);
	buf_release(&dir);
	buf_release(&rel);
	buf_release(&full);
	buf_release(&data);
	buf_release(&there);
	buf_release(&tmp);
	return rc;
}

/*
 * Find the place of the entry b and write it to a temporary file beside
 * it (unless it is there already), its object into batch, and its
 * attachments (write_media()). An entry that is not to be written after
 * all is counted in s->skipped. Returns 0 or FAIL.
 */
static int write_one(struct ctx *ctx, struct store_batch *batch,
		     struct writing *w, const struct built *b, int twin,
		     struct import_summary *s)
{
	struct buf path = BUF_INIT, dir = BUF_INIT, full = BUF_INIT;
	struct buf tmp = BUF_INIT, sealed = BUF_INIT, text = BUF_INIT;
	const struct buf *bytes = &b->e.text;
	enum place how;
	char *id = NULL;
	int rc = FAIL;

	if (place(ctx, batch, &w->claims, b, twin, &path, &how, &text,
		  &sealed) < 0)
		goto out;
	if (how == PLACE_SKIP) {
		s->skipped++;
		rc = 0;
		goto out;
	}
	if (b->folder_nr)
		bytes = &text;
	path_join(&full, ctx->root, path.s);
	if (ctx->encrypted) {
		/* the bytes of the file: those there, or the text sealed */
		bytes = &sealed;
		if (how != PLACE_ADOPT &&
		    vault_seal_bytes(ctx, path.s, b->e.text.s, b->e.text.len,
				     &sealed) < 0)
			goto out;
	}
	if (how != PLACE_ADOPT) {
		buf_add(&dir, path.s, (size_t)(strrchr(path.s, '/') - path.s));
		/* a folder made and checked for the entry before is */
		if (strcmp(dir.s, w->dir.s) &&
		    (fs_mkdirs(ctx->root, dir.s) < 0 ||
		     fs_check_inside(ctx->root, path.s) < 0))
			goto out;
		buf_reset(&w->dir);
		buf_add(&w->dir, dir.s, dir.len);
		if (fs_write_temp(full.s, bytes->s, bytes->len, 0600, 0,
				  &tmp) < 0)
			goto out;
	}
	/* its files before it, so that it never links to nothing */
	if (b->media_nr && write_media(ctx, batch, w, b, path.s) < 0) {
		if (tmp.len)
			unlink(tmp.s);
		goto out;
	}
	id = entry_path_id(path.s);
	built_count(b, id, s);
	w->entries++;
	rc = writing_add(w, batch, path.s, how, tmp.s, bytes);
out:
	free(id);
	buf_release(&path);
	buf_release(&dir);
	buf_release(&full);
	buf_release(&tmp);
	buf_release(&sealed);
	buf_release(&text);
	return rc;
}

/*
 * Move the temporary file tmp to path, never over a file there: an
 * entry never replaces one it did not write. Returns 0 or -1.
 */
static int move_new(const char *tmp, const char *path)
{
	int rc = renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);

	if (rc < 0 && (errno == EINVAL || errno == ENOSYS)) {
		/* a file system that cannot: a link fails the same way */
		if ((rc = link(tmp, path)) == 0)
			unlink(tmp);
	}
	return rc;
}

/*
 * Put every entry written in its place, in order, then flush the names
 * of the folders they went to. Returns 0 or FAIL.
 */
static int move_all(struct ctx *ctx, struct writing *w)
{
	struct strvec dirs = STRVEC_INIT;
	struct buf full = BUF_INIT;
	int rc = 0;

	for (; w->moved < w->paths.nr && rc == 0; w->moved++) {
		const char *tmp = w->temps.v[w->moved];

		if (w->how[w->moved] == PLACE_ADOPT)
			continue;	/* in place already */
		path_join(&full, ctx->root, w->paths.v[w->moved]);
		if ((w->how[w->moved] == PLACE_REPLACE ? rename(tmp, full.s)
						       : move_new(tmp, full.s))
		    < 0) {
			rc = error("cannot create '%s': %s", full.s,
				   strerror(errno));
			break;
		}
		*strrchr(full.s, '/') = '\0';
		if (!dirs.nr || strcmp(dirs.v[dirs.nr - 1], full.s))
			strvec_push(&dirs, full.s);
	}
	strvec_sort(&dirs);
	for (size_t i = 0; i < dirs.nr && rc == 0; i++)
		if (!i || strcmp(dirs.v[i], dirs.v[i - 1]))
			rc = fs_fsync_dir(dirs.v[i]) < 0 ? FAIL : 0;
	if (rc == 0) {
		/* what the commit no longer needs: memory for git's index */
		strvec_clear(&w->temps);
		free(w->claims.slot);
		memset(&w->claims, 0, sizeof(w->claims));
	}
	strvec_clear(&dirs);
	buf_release(&full);
	return rc;
}

/*
 * Take back what the writing did, after a failure: its temporary files,
 * the files it put in place, and the folders it made for them, once
 * empty. Adopted files stay as they were found.
 */
static void unwrite(struct ctx *ctx, const struct writing *w)
{
	struct buf full = BUF_INIT, dir = BUF_INIT;

	for (size_t i = w->paths.nr; i-- > 0;) {
		const char *rel = w->paths.v[i];

		if (w->how[i] == PLACE_ADOPT)
			continue;
		path_join(&full, ctx->root, rel);
		unlink(i < w->moved ? full.s : w->temps.v[i]);
		/* folders it made, once empty (rmdir leaves any other) */
		buf_reset(&dir);
		buf_add(&dir, rel, (size_t)(strrchr(rel, '/') - rel));
		fs_rmdir_up(ctx->root, dir.s);
	}
	buf_release(&full);
	buf_release(&dir);
}

/*
 * Write the record of this import (IMPORT_RECORD): format f, the file
 * it reads, the options opt gives ("--exclude=GLOB",
 * "--no-default-excludes"), then the paths of its files. Returns 0 or
 * FAIL.
 */
static int record_write(struct ctx *ctx, enum import_format f,
			const char *file, const struct import_options *opt,
			struct writing *w)
{
	struct buf text = BUF_INIT;
	char *abs = realpath(file, NULL);
	int rc;

	buf_addf(&text, "%s\n%s\n", formats[f].name, abs ? abs : file);
	for (size_t i = 0; opt && i < opt->exclude.nr; i++)
		buf_addf(&text, "--exclude=%s\n", opt->exclude.v[i]);
	if (opt && opt->no_defaults)
		buf_adds(&text, "--no-default-excludes\n");
	for (size_t i = 0; i < w->paths.nr; i++)
		buf_addf(&text, "%s\n", w->paths.v[i]);
	rc = vault_write(ctx, import_record(ctx), text.s, text.len);
	w->recorded = rc == 0;
	free(abs);
	buf_release(&text);
	return rc < 0 ? FAIL : 0;
}

/*
 * Remove what a stopped import (or another write of tend's, stopped)
 * left that is of no use: the temporary files under entries/ and
 * attachments/, and the
 * record of an import. Entry files it put in place stay: the same
 * import, run again, takes them as they are. Returns 0 or FAIL.
 */
static int clear_leftovers(struct ctx *ctx)
{
	struct strvec temps = STRVEC_INIT;
	struct buf path = BUF_INIT;
	int rc = fs_walk_temps(ctx->root, "entries", &temps) < 0 ||
		 fs_walk_temps(ctx->root, ATTACH_DIR, &temps) < 0 ? FAIL : 0;

	for (size_t i = 0; i < temps.nr && rc == 0; i++)
		if (fs_remove_in(ctx->root, temps.v[i]) < 0)
			rc = FAIL;
	path_join(&path, ctx->root, import_record(ctx));
	if (rc == 0 && fs_exists(path.s) &&
	    fs_remove_in(ctx->root, import_record(ctx)) < 0)
		rc = FAIL;
	strvec_clear(&temps);
	buf_release(&path);
	return rc;
}

/*
 * Name in s->not_with each file of b that the export holds and the
 * committed entry file known, which says the same as b, has not in its
 * folder of attachments, with the command that keeps it there: a file
 * the export gained since the entry was imported (a photo that was not
 * found), which an import run again does not add to an entry that is
 * there already.
 */
static void media_absent(struct ctx *ctx, const struct built *b,
			 const char *known, struct import_summary *s)
{
	struct buf dir = BUF_INIT, full = BUF_INIT, line = BUF_INIT;
	char *id = entry_path_id(known);

	for (size_t i = 0; i < b->media_nr; i++) {
		const struct media *x = &b->media[i];

		if (attach_dir(known, &dir) < 0 || media_named(b, x->name) != x)
			continue;
		buf_reset(&full);
		buf_addf(&full, "%s/%s/%s", ctx->root, dir.s, x->name);
		if (fs_exists(full.s))
			continue;
		buf_reset(&line);
		buf_addf(&line, "tend attach %s ", id);
		shell_word(x->from, &line);
		strvec_push(&s->not_with, line.s);
	}
	free(id);
	buf_release(&dir);
	buf_release(&full);
	buf_release(&line);
}

/*
 * The second reading: write the entries not skipped to temporary files
 * and their objects into git, then flush them, put them all in place
 * (named in the record first) and commit them as one. A kill at any
 * point leaves only what the same import, run again, finishes: no file
 * in place is ever a part of one, and one in place but not committed is
 * taken as it is. On failure what was written is taken back.
 */
static int write_all(struct ctx *ctx, struct source *src, struct items *it,
		     struct store_batch *batch, struct import_summary *s)
{
	struct writing w;
	struct built b;
	struct progress meter;
	struct buf scratch = BUF_INIT, msg = BUF_INIT;
	size_t total = it->nr - s->skipped;
	int rc;

	memset(&w, 0, sizeof(w));
	buf_init(&w.dir);
	built_init(&b);
	src->second = 1;
	if ((rc = source_open(src, s)) < 0)
		goto out;
	progress_start(&meter, ctx, "importing", "entries");
	for (size_t i = 0; i < it->nr && rc == 0; i++) {
		const struct item *x = &it->v[i];
		git_oid print;

		/* one already there is read for the files it lacks */
		if ((rc = source_next(src, &b, x->skip && !x->known, s)) <= 0) {
			rc = rc < 0 ? rc : changed(src);
			break;
		}
		rc = 0;
		if (x->skip) {
			if (x->known)
				media_absent(ctx, &b, x->known, s);
			built_release(&b);
			continue;
		}
		entry_print(&b.e, &scratch, &print);
		if (git_oid_cmp(&print, &it->v[i].print))
			rc = changed(src);
		else
			rc = write_one(ctx, batch, &w, &b, it->v[i].twin, s);
		built_release(&b);
		if (rc == 0)
			progress_update(&meter, w.entries, total);
	}
	progress_end(&meter);
	if (rc == 0 && (rc = source_next(src, &b, 1, s)) > 0)
		rc = changed(src);
	if (rc < 0 || !w.entries)
		goto out;
	/* the bytes on disk before any file takes its name */
	if ((rc = flush_all(ctx)) < 0 ||
	    (rc = record_write(ctx, src->f, src->file, src->opt, &w)) < 0 ||
	    (rc = move_all(ctx, &w)) < 0)
		goto out;
	buf_addf(&msg, "Import %zu entr%s from %s", w.entries,
		 w.entries == 1 ? "y" : "ies", formats[src->f].source);
	rc = store_batch_commit(batch, msg.s);
out:
	if (rc < 0) {
		unwrite(ctx, &w);
		s->guessed = s->aliased = s->unescaped = s->kept_in = 0;
		strvec_clear(&s->kept);
		memset(s->attached, 0, sizeof(s->attached));
		strvec_clear(&s->missing);
		strvec_clear(&s->too_large);
		strvec_clear(&s->not_with);
	} else {
		s->imported = w.entries;
	}
	if (w.recorded && fs_remove_in(ctx->root, import_record(ctx)) < 0 &&
	    rc == 0)
		warning("the import is committed; '%s' can be removed",
			import_record(ctx));
	writing_release(&w);
	built_release(&b);
	buf_release(&scratch);
	buf_release(&msg);
	return rc;
}

/* The one JSON file of a Day One export folder (Journal.json first). */
static int dayone_file(const char *path, struct buf *out)
{
	struct strvec json = STRVEC_INIT;
	DIR *d;
	struct dirent *de;
	int rc = 0;

	buf_reset(out);
	if (!fs_is_dir(path)) {
		buf_adds(out, path);
		return 0;
	}
	if (!(d = opendir(path)))
		return error("cannot open folder '%s': %s", path,
			     strerror(errno));
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && ends_with(de->d_name, ".json"))
			strvec_push(&json, de->d_name);
	closedir(d);
	strvec_sort(&json);
	if (strvec_find(&json, "Journal.json") >= 0)
		path_join(out, path, "Journal.json");
	else if (json.nr == 1)
		path_join(out, path, json.v[0]);
	else
		rc = error_as(FAIL_USAGE, "'%s' holds %s JSON file; name the "
			      "journal's own file", path,
			      json.nr ? "more than one" : "no");
	strvec_clear(&json);
	return rc;
}

/*
 * Refuse a Markdown folder that is the journal or inside it: its
 * entries, templates and prompts would come back as new entries.
 */
static int outside_journal(struct ctx *ctx, const char *path)
{
	char *abs = realpath(path, NULL);
	size_t n = strlen(ctx->root);
	int inside = abs && !strncmp(abs, ctx->root, n) &&
		     (abs[n] == '/' || !abs[n]);

	free(abs);
	return inside ? error_as(FAIL_USAGE, "'%s' is inside the journal; "
				 "import reads a folder from elsewhere", path)
		      : 0;
}


int import_run(struct ctx *ctx, const char *path, enum import_format f,
	       struct import_summary *s)
{
	return import_run_with(ctx, path, f, NULL, s);
}

int import_run_with(struct ctx *ctx, const char *path, enum import_format f,
		    const struct import_options *opt,
		    struct import_summary *s)
{
	struct source src = { .f = f, .file = path, .dir = path,
			      .scale = ctx->cfg.mood_scale,
			      .jl = JSONLIST_INIT, .opt = opt };
	struct items it = { NULL, 0, 0 };
	struct store_batch *batch = NULL;
	struct buf file = BUF_INIT;
	int rc, read_again = 0;

	if (f == IMPORT_MARKDOWN) {
		if (!fs_is_dir(path)) {
			rc = error("'%s' is not a folder of Markdown files",
				   path);
			goto out;
		}
		if ((rc = outside_journal(ctx, path)) < 0)
			goto out;
	} else if (f == IMPORT_DAYONE_JSON) {
		const char *slash;

		if ((rc = dayone_file(path, &file)) < 0)
			goto out;
		src.file = file.s;
		/* its photos/, audios/...: beside its JSON file */
		slash = strrchr(src.file, '/');
		if (!ctx->encrypted)
			src.media_dir = slash ? xstrndup(src.file,
							 (size_t)(slash -
								  src.file))
					      : xstrdup(".");
		src.media_max = ctx->cfg.attach_max;
	}
	if ((rc = read_all(ctx, &src, &it, s)) < 0 ||
	    (rc = store_batch_new(ctx, &batch)) < 0 ||
	    (rc = mark_known(ctx, batch, &it, src.media_dir != NULL,
			     s)) < 0 ||
	    (rc = clear_leftovers(ctx)) < 0)
		goto out;
	for (size_t i = 0; i < it.nr && !read_again; i++)
		read_again = !it.v[i].skip || it.v[i].known;
	if (read_again)
		rc = write_all(ctx, &src, &it, batch, s);
out:
	source_release(&src);
	for (size_t i = 0; i < it.nr; i++)
		free(it.v[i].known);
	free(it.v);
	store_batch_free(batch);
	buf_release(&file);
	return rc;
}

void import_stopped_release(struct import_stopped *st)
{
	free(st->from);
	free(st->file);
	free(st->command);
	memset(st, 0, sizeof(*st));
}


int import_stopped(struct ctx *ctx, struct import_stopped *st)
{
	struct buf text = BUF_INIT, full = BUF_INIT, cmd = BUF_INIT;
	git_object *tree = NULL;
	char *line, *next;
	int rc, n = 0;

	memset(st, 0, sizeof(*st));
	rc = vault_read(ctx, import_record(ctx), 64L * 1024 * 1024, &text,
			FS_MISSING_OK);
	if (rc != 0)
		return rc < 0 ? FAIL : 0;
	if (store_open(ctx) < 0) {
		buf_release(&text);
		return FAIL;
	}
	/* no commit yet: nothing is committed */
	git_revparse_single(&tree, ctx->repo, "HEAD^{tree}");
	for (line = text.s; *line; line = next, n++) {
		next = strchrnul(line, '\n');
		if (*next)
			*next++ = '\0';
		if (n == 0) {
			st->from = xstrdup(line);
		} else if (n == 1) {
			st->file = xstrdup(line);
			buf_adds(&cmd, "tend import ");
			shell_word(line, &cmd);
			buf_adds(&cmd, " --from ");
			shell_word(st->from, &cmd);
		} else if (starts_with(line, "--exclude=")) {
			buf_adds(&cmd, " --exclude ");
			shell_word(line + strlen("--exclude="), &cmd);
		} else if (!strcmp(line, "--no-default-excludes")) {
			buf_adds(&cmd, " --no-default-excludes");
		} else if (entry_path_ok(line) ||
			   starts_with(line, ATTACH_DIR "/")) {
			path_join(&full, ctx->root, line);
			if (!fs_exists(full.s) ||
			    store_in_tree((git_tree *)tree, line))
				continue;
			if (*line == 'e')
				st->uncommitted++;
			else
				st->uncommitted_files++;
		}
	}
	if (cmd.len)
		st->command = buf_detach(&cmd, NULL);
	git_object_free(tree);
	buf_release(&text);
	buf_release(&full);
	buf_release(&cmd);
	return 0;
}
