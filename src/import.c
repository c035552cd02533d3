#include "import.h"
#include "buf.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "slug.h"
#include "store.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The largest JSON file read, to keep memory in bounds. */
#define IMPORT_MAX_JSON (1024L * 1024 * 1024)

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

void import_summary_init(struct import_summary *s)
{
	struct strvec empty = STRVEC_INIT;

	memset(s, 0, sizeof(*s));
	s->not_text = empty;
}

void import_summary_release(struct import_summary *s)
{
	strvec_clear(&s->not_text);
	import_summary_init(s);
}

/* One entry to import. */
struct item {
	struct entry e;		/* its whole text, parsed */
	char *want;		/* tend-json: the path it had, or NULL */
	uint64_t key;		/* of its date, title and body */
	int skip;		/* already in the journal */
	int guessed;		/* its date is its file's time */
};

struct items {
	struct item *v;
	size_t nr, alloc;
	const char *file;	/* what was read, for messages */
	int scale;		/* the journal's mood scale */
};

static struct item *item_new(struct items *it)
{
	struct item *x;

	ALLOC_GROW(it->v, it->nr + 1, it->alloc);
	x = &it->v[it->nr++];
	memset(x, 0, sizeof(*x));
	entry_init(&x->e);
	return x;
}

static void items_release(struct items *it)
{
	for (size_t i = 0; i < it->nr; i++) {
		entry_release(&it->v[i].e);
		free(it->v[i].want);
	}
	free(it->v);
	it->v = NULL;
	it->nr = it->alloc = 0;
}

/* Report a problem with entry n (from 1) of the file; FAIL_INVALID. */
static int bad(const struct items *it, size_t n, const char *fmt, ...)
	PRINTF(3, 4);

static int bad(const struct items *it, size_t n, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	rc = error_as(FAIL_INVALID, "%s: entry %zu: %s", it->file, n, msg.s);
	buf_release(&msg);
	return rc;
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

/* The identity of an entry for "already there": date, title, body. */
static uint64_t entry_key(const struct entry *e)
{
	int64_t t = e->has_date ? (int64_t)e->date.t : 0;
	const char *title = own_title(e);
	size_t len;
	const char *body = entry_body(e, &len);
	uint64_t h = hash_add(HASH_INIT, &t, sizeof(t));

	h = hash_add(h, title, strlen(title) + 1);
	return hash_add(h, body, len);
}

static int same_entry(const struct entry *a, const struct entry *b)
{
	size_t la, lb;
	const char *ba = entry_body(a, &la), *bb = entry_body(b, &lb);

	return a->has_date == b->has_date &&
	       (!a->has_date || a->date.t == b->date.t) &&
	       !strcmp(own_title(a), own_title(b)) &&
	       la == lb && !memcmp(ba, bb, la);
}

/*
 * Parse the text of x; a problem is reported at where (a file, or "entry
 * N" of the input with line and column inside its text).
 */
static int item_parse(const struct items *it, struct item *x, size_t n,
		      const char *file)
{
	struct fm_error err = FM_ERROR_INIT;
	int rc = 0;

	if (entry_parse(&x->e, it->scale, &err) < 0)
		rc = file ? error_at(file, err.line, err.col, "%s", err.msg.s)
			  : bad(it, n, "its text, line %d column %d: %s",
				err.line, err.col, err.msg.s);
	fm_error_release(&err);
	x->key = entry_key(&x->e);
	return rc;
}

/*
 * Make x a new entry with front matter title (none when NULL or empty),
 * date and tags, then one empty line and body byte for byte.
 */
static int item_build(const struct items *it, struct item *x, size_t n,
		      const char *title, const struct datetime *dt,
		      const struct strvec *tags, const char *body, size_t len)
{
	struct fm_error err = FM_ERROR_INIT;

	entry_parse(&x->e, it->scale, &err);	/* an empty text: no keys */
	fm_error_release(&err);
	if (title && *title)
		entry_set_str(&x->e, "title", title);
	entry_set_date(&x->e, dt);
	if (tags->nr)
		entry_set_list(&x->e, "tags", tags);
	if (len) {
		buf_addch(&x->e.text, '\n');
		buf_add(&x->e.text, body, len);
	}
	return item_parse(it, x, n, NULL);
}

/* Read the JSON file at path into *out. */
static int load_json(const char *path, json_t **out)
{
	json_error_t err;
	struct stat st;

	if (stat(path, &st) < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return error("'%s' is not a file", path);
	if (st.st_size > IMPORT_MAX_JSON)
		return error_as(FAIL_INVALID, "'%s' is over the size limit of "
				"an import (%ld bytes)", path,
				IMPORT_MAX_JSON);
	*out = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (!*out)
		return error_at(path, err.line > 0 ? err.line : 1,
				err.column > 0 ? err.column : 1, "%s",
				err.text);
	return 0;
}

/*
 * The string obj[key] into *s (and its length into *len when not NULL);
 * NULL when absent or null. A missing one, when required, or one that is
 * not a string is reported.
 */
static int get_str(const struct items *it, size_t n, json_t *obj,
		   const char *key, int required, const char **s, size_t *len)
{
	json_t *v = json_object_get(obj, key);

	*s = NULL;
	if (len)
		*len = 0;
	if (!v || json_is_null(v))
		return required ? bad(it, n, "it has no '%s'", key) : 0;
	if (!json_is_string(v))
		return bad(it, n, "'%s' is not a string", key);
	*s = json_string_value(v);
	if (len)
		*len = json_string_length(v);
	else if (strlen(*s) != json_string_length(v))
		return bad(it, n, "'%s' holds a NUL character", key);
	return 0;
}

/*
 * Add the tags of obj["tags"] (strings; a leading '@' dropped) and, when
 * obj["starred"] is true, "starred".
 */
static int get_tags(const struct items *it, size_t n, json_t *obj,
		    struct strvec *tags)
{
	json_t *v = json_object_get(obj, "tags"), *s;
	size_t i;

	if (v && !json_is_null(v)) {
		if (!json_is_array(v))
			return bad(it, n, "'tags' is not a list");
		json_array_foreach(v, i, s) {
			const char *t;

			if (!json_is_string(s))
				return bad(it, n, "tag %zu is not a string",
					   i + 1);
			t = json_string_value(s);
			if (*t == '@')
				t++;
			if (!is_one_line(t))
				return bad(it, n, "tag %zu is not one line of "
					   "text", i + 1);
			if (*t)
				strvec_push_unique(tags, t);
		}
	}
	v = json_object_get(obj, "starred");
	if (v && !json_is_null(v) && !json_is_boolean(v))
		return bad(it, n, "'starred' is not true or false");
	if (v && json_is_true(v))
		strvec_push_unique(tags, "starred");
	return 0;
}

/* The list obj["entries"] of a jrnl or Day One export. */
static int entries_of(const struct items *it, json_t *root, const char *what,
		      json_t **out)
{
	*out = json_is_object(root) ? json_object_get(root, "entries") : NULL;
	if (!*out || !json_is_array(*out))
		return error_as(FAIL_INVALID, "%s: not %s: there is no "
				"\"entries\" list at its top", it->file, what);
	return 0;
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

static int read_jrnl(struct items *it, json_t *root)
{
	json_t *list, *obj;
	size_t i;

	if (entries_of(it, root, "jrnl's JSON", &list) < 0)
		return FAIL_INVALID;
	json_array_foreach(list, i, obj) {
		struct strvec tags = STRVEC_INIT;
		const char *date, *time, *title, *body;
		size_t n = i + 1, len;
		struct datetime dt;
		int rc;

		if (!json_is_object(obj))
			return bad(it, n, "not an object");
		if ((rc = get_str(it, n, obj, "date", 1, &date, NULL)) < 0 ||
		    (rc = get_str(it, n, obj, "time", 1, &time, NULL)) < 0 ||
		    (rc = get_str(it, n, obj, "title", 1, &title, NULL)) < 0 ||
		    (rc = get_str(it, n, obj, "body", 1, &body, &len)) < 0)
			return rc;
		if (jrnl_date(date, time, &dt) < 0)
			return bad(it, n, "cannot read the date '%s %s' (want "
				   "YYYY-MM-DD and HH:MM)", date, time);
		if (!is_one_line(title))
			return bad(it, n, "the title is not one line of text");
		if ((rc = get_tags(it, n, obj, &tags)) == 0)
			rc = item_build(it, item_new(it), n, title, &dt, &tags,
					body, len);
		strvec_clear(&tags);
		if (rc < 0)
			return rc;
	}
	return 0;
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
	while (end > h && strchr(" \t\r#", text[end - 1]))
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

static int read_dayone(struct items *it, json_t *root)
{
	json_t *list, *obj;
	size_t i;

	if (entries_of(it, root, "a Day One export", &list) < 0)
		return FAIL_INVALID;
	json_array_foreach(list, i, obj) {
		struct strvec tags = STRVEC_INIT;
		struct buf title = BUF_INIT;
		const char *created, *zone, *text, *body;
		size_t n = i + 1, len, blen;
		struct datetime utc, dt;
		int rc;

		if (!json_is_object(obj))
			return bad(it, n, "not an object");
		if ((rc = get_str(it, n, obj, "creationDate", 1, &created,
				  NULL)) < 0 ||
		    (rc = get_str(it, n, obj, "timeZone", 0, &zone, NULL)) < 0 ||
		    (rc = get_str(it, n, obj, "text", 1, &text, &len)) < 0)
			return rc;
		if (datetime_parse(created, &utc) < 0 || !utc.has_offset)
			return bad(it, n, "cannot read the creationDate '%s' "
				   "(want YYYY-MM-DDTHH:MM:SSZ)", created);
		datetime_in_zone(utc.t, zone ? zone : "UTC", &dt);
		dayone_split(text, len, &title, &body, &blen);
		if ((rc = get_tags(it, n, obj, &tags)) == 0)
			rc = item_build(it, item_new(it), n, title.s, &dt,
					&tags, body, blen);
		strvec_clear(&tags);
		buf_release(&title);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Is path a plain entry path: entries/.../NAME.md, nothing hidden? */
static int entry_path_ok(const char *path)
{
	const char *p = path;

	if (!starts_with(path, "entries/") || !ends_with(path, ".md") ||
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

static int read_tend(struct items *it, json_t *root)
{
	json_t *obj;
	size_t i;

	if (!json_is_array(root))
		return error_as(FAIL_INVALID, "%s: not tend's JSON: it is not "
				"a list of entries", it->file);
	json_array_foreach(root, i, obj) {
		const char *text, *path;
		size_t n = i + 1, len;
		struct item *x;
		int rc;

		if (!json_is_object(obj))
			return bad(it, n, "not an object");
		if ((rc = get_str(it, n, obj, "text", 1, &text, &len)) < 0 ||
		    (rc = get_str(it, n, obj, "path", 0, &path, NULL)) < 0)
			return rc;
		if (path && !entry_path_ok(path))
			return bad(it, n, "'%s' is not the path of an entry "
				   "(entries/.../NAME.md)", path);
		if (memchr(text, '\0', len))
			return bad(it, n, "its text holds a NUL character");
		x = item_new(it);
		if (path) {
			x->want = xstrdup(path);
			x->e.id = entry_path_id(path);
		}
		buf_add(&x->e.text, text, len);
		if ((rc = item_parse(it, x, n, NULL)) < 0)
			return rc;
	}
	return 0;
}

/*
 * The .md files under dir/rel (recursively, hidden names and links left
 * out) into md, paths relative to dir; other files are counted in
 * *ignored.
 */
static int walk_markdown(const char *dir, const char *rel, struct strvec *md,
			 size_t *ignored)
{
	struct buf path = BUF_INIT, sub = BUF_INIT;
	DIR *d;
	struct dirent *de;
	int rc = 0;

	path_join(&path, dir, rel);
	if (!(d = opendir(path.s))) {
		rc = error("cannot open folder '%s': %s", path.s,
			   strerror(errno));
		goto out;
	}
	while (rc == 0 && (de = readdir(d))) {
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		buf_reset(&sub);
		if (*rel)
			buf_addf(&sub, "%s/", rel);
		buf_adds(&sub, de->d_name);
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			rc = walk_markdown(dir, sub.s, md, ignored);
		else if (S_ISREG(st.st_mode) &&
			 (ends_with(de->d_name, ".md") ||
			  ends_with(de->d_name, ".markdown")))
			strvec_push(md, sub.s);
		else
			(*ignored)++;
	}
	closedir(d);
out:
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

/* Does the body of e start (after blank lines) with a heading "# ..."? */
static int starts_with_heading(const struct entry *e)
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
	buf_release(&title);
	return found;
}

/*
 * Make the Markdown file x (its text read from full, stem its name
 * without the extension) an entry: its front matter kept, a scalar tags
 * made a list, a date from created, the file name or its time (counted
 * as guessed), and a title from the file name when it has none.
 */
static int markdown_fill(const struct items *it, struct item *x,
			 const char *full, const char *stem)
{
	const struct fm_item *tags, *created;
	struct datetime dt;
	struct stat st;
	int rc;

	if ((rc = item_parse(it, x, 0, full)) < 0)
		return rc;
	tags = fm_get(&x->e.fm, "tags");
	if (tags && tags->val.kind == FM_SCALAR) {
		struct strvec list = STRVEC_INIT;

		strvec_push(&list, tags->val.str);
		entry_set_list(&x->e, "tags", &list);
		strvec_clear(&list);
	}
	if (!fm_get(&x->e.fm, "date")) {
		created = fm_get(&x->e.fm, "created");
		if (created && created->val.kind == FM_SCALAR &&
		    datetime_parse(created->val.str, &dt) == 0) {
			entry_set_date(&x->e, &dt);
		} else if (created) {
			return error_at(full, created->val.line,
					created->val.col, "cannot read the "
					"date in created");
		} else if (date_in_name(stem, &dt)) {
			entry_set_date(&x->e, &dt);
		} else if (stat(full, &st) == 0) {
			datetime_local(st.st_mtime, &dt);
			entry_set_date(&x->e, &dt);
			x->guessed = 1;
		}
	}
	if (!*own_title(&x->e) && !starts_with_heading(&x->e))
		entry_set_str(&x->e, "title", stem);
	return item_parse(it, x, 0, full);
}

static int read_markdown(struct items *it, const char *dir,
			 struct import_summary *s)
{
	struct strvec md = STRVEC_INIT;
	struct buf full = BUF_INIT;
	int rc;

	if ((rc = walk_markdown(dir, "", &md, &s->ignored)) < 0)
		goto out;
	strvec_sort(&md);
	for (size_t i = 0; i < md.nr && rc == 0; i++) {
		const char *name = strrchr(md.v[i], '/');
		struct item *x;
		char *stem;

		name = name ? name + 1 : md.v[i];
		path_join(&full, dir, md.v[i]);
		x = item_new(it);
		if (fs_read(full.s, ENTRY_MAX_BYTES, &x->e.text, 0) < 0) {
			rc = FAIL;
			break;
		}
		if (memchr(x->e.text.s, '\0', x->e.text.len) ||
		    !utf8_valid(x->e.text.s, x->e.text.len)) {
			strvec_push(&s->not_text, md.v[i]);
			entry_release(&x->e);
			it->nr--;
			continue;
		}
		stem = xstrndup(name, strrchr(name, '.') - name);
		x->e.id = xstrdup(stem);
		rc = markdown_fill(it, x, full.s, stem);
		free(stem);
	}
out:
	strvec_clear(&md);
	buf_release(&full);
	return rc;
}

/* An entry already in the journal: its key and its path. */
struct known {
	uint64_t key;
	char *path;
};

static int cmp_known(const void *a, const void *b)
{
	uint64_t x = ((const struct known *)a)->key;
	uint64_t y = ((const struct known *)b)->key;

	return x < y ? -1 : x > y;
}

/* Items in order of key, then of place in the input. */
static int cmp_item(const void *a, const void *b)
{
	const struct item *x = *(struct item *const *)a;
	const struct item *y = *(struct item *const *)b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Skip an item that an earlier one of the input says already. */
static void mark_twice(struct items *it)
{
	struct item **order = xcalloc(it->nr + 1, sizeof(*order));

	for (size_t i = 0; i < it->nr; i++)
		order[i] = &it->v[i];
	qsort(order, it->nr, sizeof(*order), cmp_item);
	for (size_t i = 1; i < it->nr; i++)
		for (size_t j = i; j-- > 0 && order[j]->key == order[i]->key;)
			if (!order[i]->skip && !order[j]->skip &&
			    same_entry(&order[j]->e, &order[i]->e)) {
				order[i]->skip = 1;
				break;
			}
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
	rc = fs_read(full.s, ENTRY_MAX_BYTES, &e->text, FS_QUIET);
	if (rc == 0 && entry_parse(e, ctx->cfg.mood_scale, &err) < 0)
		rc = -1;
	fm_error_release(&err);
	buf_release(&full);
	return rc;
}

/*
 * Mark the items that are in the journal already, or earlier in the
 * input, as skipped; count them in s.
 */
static int mark_known(struct ctx *ctx, struct items *it,
		      struct import_summary *s)
{
	struct strvec files = STRVEC_INIT;
	struct known *k = NULL;
	size_t nk = 0;

	if (fs_walk(ctx->root, "entries", ".md", &files, NULL) < 0)
		return FAIL;
	k = xcalloc(files.nr + 1, sizeof(*k));
	for (size_t i = 0; i < files.nr; i++) {
		struct entry e;

		entry_init(&e);
		if (load_quietly(ctx, files.v[i], &e) == 0) {
			k[nk].key = entry_key(&e);
			k[nk++].path = files.v[i];
		}
		entry_release(&e);
	}
	qsort(k, nk, sizeof(*k), cmp_known);
	for (size_t i = 0; i < it->nr; i++) {
		struct item *x = &it->v[i];
		struct known want = { x->key, NULL }, *hit;

		hit = nk ? bsearch(&want, k, nk, sizeof(*k), cmp_known) : NULL;
		while (hit && hit > k && hit[-1].key == x->key)
			hit--;
		for (; hit && hit < k + nk && hit->key == x->key && !x->skip;
		     hit++) {
			struct entry e;

			entry_init(&e);
			if (load_quietly(ctx, hit->path, &e) == 0 &&
			    same_entry(&e, &x->e))
				x->skip = 1;
			entry_release(&e);
		}
	}
	mark_twice(it);
	for (size_t i = 0; i < it->nr; i++)
		s->skipped += (size_t)it->v[i].skip;
	free(k);
	strvec_clear(&files);
	return 0;
}

/*
 * A free path for x: the path it had (tend-json), else
 * entries/YYYY/MM/YYYY-MM-DD-HHMM-SLUG.md; "-2", "-3"... when taken.
 */
static int free_path(struct ctx *ctx, const struct item *x, struct buf *out)
{
	const struct tm *w = &x->e.date.wall;
	struct buf base = BUF_INIT, full = BUF_INIT;
	int rc = FAIL;

	if (x->want) {
		buf_add(&base, x->want, strlen(x->want) - strlen(".md"));
	} else {
		buf_addf(&base, "entries/%04d/%02d/%04d-%02d-%02d-%02d%02d-",
			 w->tm_year + 1900, w->tm_mon + 1, w->tm_year + 1900,
			 w->tm_mon + 1, w->tm_mday, w->tm_hour, w->tm_min);
		slug_make(x->e.title ? x->e.title : "", &base);
	}
	for (int n = 1; n < 10000 && rc < 0; n++) {
		buf_reset(out);
		buf_adds(out, base.s);
		if (n > 1)
			buf_addf(out, "-%d", n);
		buf_adds(out, ".md");
		path_join(&full, ctx->root, out->s);
		if (!fs_exists(full.s))
			rc = 0;
	}
	if (rc < 0)
		error("no free name for '%s'", base.s);
	buf_release(&base);
	buf_release(&full);
	return rc;
}

/* Write a new file rel under root (never over one). Returns 0 or FAIL. */
static int write_new(const char *root, const char *rel, const struct buf *text)
{
	struct buf dir = BUF_INIT, full = BUF_INIT;
	const char *slash = strrchr(rel, '/');
	int fd, rc = FAIL;

	buf_add(&dir, rel, (size_t)(slash - rel));
	if (fs_mkdirs(root, dir.s) < 0 || fs_check_inside(root, rel) < 0)
		goto out;
	path_join(&full, root, rel);
	fd = open(full.s, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		error("cannot create '%s': %s", full.s, strerror(errno));
		goto out;
	}
	if (fs_write_all(fd, text->s, text->len) < 0) {
		error("cannot write '%s': %s", full.s, strerror(errno));
		close(fd);
		unlink(full.s);
		goto out;
	}
	if (close(fd) < 0) {
		error("cannot write '%s': %s", full.s, strerror(errno));
		unlink(full.s);
		goto out;
	}
	rc = 0;
out:
	buf_release(&dir);
	buf_release(&full);
	return rc;
}

/* Take back the files of an import that failed, and their new folders. */
static void unwrite(struct ctx *ctx, const struct strvec *paths)
{
	struct buf full = BUF_INIT;

	for (size_t i = paths->nr; i-- > 0;) {
		char *slash;

		path_join(&full, ctx->root, paths->v[i]);
		unlink(full.s);
		/* folders it made, once empty (rmdir leaves any other) */
		while ((slash = strrchr(full.s, '/')) &&
		       strlen(full.s) > strlen(ctx->root) + strlen("/entries")) {
			*slash = '\0';
			if (rmdir(full.s) < 0)
				break;
		}
	}
	buf_release(&full);
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

/* Write the items not skipped and commit them as one. */
static int write_all(struct ctx *ctx, struct items *it, enum import_format f,
		     struct import_summary *s)
{
	struct strvec paths = STRVEC_INIT;
	struct buf path = BUF_INIT, msg = BUF_INIT;
	size_t total = it->nr - s->skipped;
	int rc = 0, shown = 0;

	for (size_t i = 0; i < it->nr && rc == 0; i++) {
		if (it->v[i].skip)
			continue;
		if ((rc = free_path(ctx, &it->v[i], &path)) < 0 ||
		    (rc = write_new(ctx->root, path.s, &it->v[i].e.text)) < 0)
			break;
		strvec_push(&paths, path.s);
		s->guessed += (size_t)it->v[i].guessed;
		if (ctx->err_tty && (paths.nr % 100 == 0 || paths.nr == total)) {
			fprintf(stderr, "\rtend: importing %zu of %zu entries",
				paths.nr, total);
			shown = 1;
		}
	}
	if (shown)
		fputs("\r\033[K", stderr);
	if (rc == 0 && paths.nr)
		rc = flush_all(ctx);
	if (rc == 0 && paths.nr) {
		struct store_file *files = xcalloc(paths.nr, sizeof(*files));

		for (size_t i = 0, k = 0; i < it->nr; i++) {
			if (it->v[i].skip)
				continue;
			files[k].path = paths.v[k];
			files[k].data = it->v[i].e.text.s;
			files[k++].len = it->v[i].e.text.len;
		}
		buf_addf(&msg, "Import %zu entr%s from %s", paths.nr,
			 paths.nr == 1 ? "y" : "ies", formats[f].source);
		rc = store_commit_new(ctx, files, paths.nr, msg.s);
		free(files);
	}
	if (rc < 0) {
		unwrite(ctx, &paths);
		s->guessed = 0;
	} else {
		s->imported = paths.nr;
	}
	strvec_clear(&paths);
	buf_release(&path);
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
	struct items it = { NULL, 0, 0, path, ctx->cfg.mood_scale };
	struct buf file = BUF_INIT;
	json_t *root = NULL;
	int rc;

	if (f == IMPORT_MARKDOWN) {
		if (!fs_is_dir(path)) {
			rc = error("'%s' is not a folder of Markdown files",
				   path);
			goto out;
		}
		if ((rc = outside_journal(ctx, path)) < 0)
			goto out;
		rc = read_markdown(&it, path, s);
	} else {
		if ((rc = f == IMPORT_DAYONE_JSON ? dayone_file(path, &file)
						  : 0) < 0)
			goto out;
		if (file.len)
			it.file = file.s;
		if ((rc = load_json(it.file, &root)) < 0)
			goto out;
		rc = f == IMPORT_TEND_JSON ? read_tend(&it, root) :
		     f == IMPORT_JRNL_JSON ? read_jrnl(&it, root) :
		     read_dayone(&it, root);
	}
	json_decref(root);
	root = NULL;
	if (rc < 0 || (rc = mark_known(ctx, &it, s)) < 0)
		goto out;
	rc = write_all(ctx, &it, f, s);
out:
	json_decref(root);
	items_release(&it);
	buf_release(&file);
	return rc;
}
