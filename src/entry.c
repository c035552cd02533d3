#include "entry.h"
#include "error.h"
#include "fs.h"
#include "json.h"
#include "util.h"
#include "vault.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const entry_keys[] = {
	"title", "date", "mood", "feelings", "goals", "tags", "ratings",
	"prompt", "share", "private", NULL
};

void entry_init(struct entry *e)
{
	memset(e, 0, sizeof(*e));
	buf_init(&e->text);
	fm_init(&e->fm);
}

/* Forget what was read from the text (but not id, path, text). */
static void clear_fields(struct entry *e)
{
	free(e->title);
	e->title = NULL;
	free(e->prompt);
	e->prompt = NULL;
	strvec_clear(&e->feelings);
	strvec_clear(&e->goals);
	strvec_clear(&e->tags);
	strvec_clear(&e->ratings);
	memset(&e->date, 0, sizeof(e->date));
	e->has_date = 0;
	e->mood = 0;
	e->share = e->private = 0;
	e->words = 0;
}

void entry_release(struct entry *e)
{
	clear_fields(e);
	free(e->id);
	free(e->path);
	buf_release(&e->text);
	fm_release(&e->fm);
	entry_init(e);
}

const char *entry_body(const struct entry *e, size_t *len)
{
	size_t off = e->fm.body_off <= e->text.len ? e->fm.body_off : 0;

	*len = e->text.len - off;
	return e->text.s + off;
}

/* Read a whole number in [lo, hi]; -1 if v is not one. */
static long read_int(const char *s, long lo, long hi)
{
	long n;

	return parse_whole(s, hi, &n) == 0 && n >= lo ? n : -1;
}

/* Count the words of the body: runs of non-blank bytes. */
static size_t count_words(const char *s, size_t len)
{
	size_t n = 0;
	int in_word = 0;

	for (size_t i = 0; i < len; i++) {
		int blank = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
			    s[i] == '\r';

		if (!blank && !in_word)
			n++;
		in_word = !blank;
	}
	return n;
}

/* Does the line at p open or close a fenced code block (``` or ~~~)? */
static int is_fence(const char *p, const char *eol)
{
	int indent = 0;

	while (p < eol && *p == ' ' && indent < 4) {
		p++;
		indent++;
	}
	return indent < 4 && eol - p >= 3 && (*p == '`' || *p == '~') &&
	       p[1] == *p && p[2] == *p;
}

/*
 * Find the first ATX heading ("# Title") of a Markdown body, outside code
 * blocks; sets *start and *len to its text. Returns 1 if found.
 */
static int first_heading(const char *s, size_t len, const char **start,
			 size_t *hlen)
{
	const char *end = s + len;
	int fenced = 0;

	for (const char *line = s, *next; line < end; line = next) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *eol = nl ? nl : end, *p = line, *q;
		int hashes = 0;

		next = eol + 1;
		if (is_fence(line, eol)) {
			fenced = !fenced;
			continue;
		}
		if (fenced)
			continue;
		while (p < eol && *p == '#' && hashes < 7) {
			p++;
			hashes++;
		}
		if (hashes >= 1 && hashes <= 6 && p < eol &&
		    (*p == ' ' || *p == '\t')) {
			while (p < eol && (*p == ' ' || *p == '\t'))
				p++;
			q = eol;
			while (q > p && strchr(" \t\r#", q[-1]))
				q--;
			if (q > p) {
				*start = p;
				*hlen = (size_t)(q - p);
				return 1;
			}
		}
	}
	return 0;
}

int entry_date_from_name(const char *name, struct datetime *dt)
{
	char buf[32];
	size_t n = strlen(name);

	if (n < 10)
		return 0;
	memcpy(buf, name, 10);
	buf[10] = '\0';
	if (n >= 15 && name[10] == '-' && isdigit((unsigned char)name[11]) &&
	    isdigit((unsigned char)name[12]) &&
	    isdigit((unsigned char)name[13]) &&
	    isdigit((unsigned char)name[14]) &&
	    (n == 15 || !isdigit((unsigned char)name[15]))) {
		snprintf(buf + 10, sizeof(buf) - 10, " %.2s:%.2s", name + 11,
			 name + 13);
	}
	if (n > 10 && isdigit((unsigned char)name[10]))
		return 0;
	return datetime_parse(buf, dt) == 0;
}

static int read_item(struct entry *e, const struct fm_item *it, int scale,
		     struct fm_error *err)
{
	const struct fm_value *v = &it->val;
	const char *k = it->key;
	long n;

	if (!strcmp(k, "title") || !strcmp(k, "prompt")) {
		if (v->kind == FM_NULL)
			return 0;
		if (v->kind != FM_SCALAR)
			return fm_value_error(err, v, "%s must be text", k);
		*(!strcmp(k, "title") ? &e->title : &e->prompt) =
			xstrdup(v->str);
	} else if (!strcmp(k, "date")) {
		if (v->kind == FM_NULL)
			return 0;
		if (v->kind != FM_SCALAR || datetime_parse(v->str, &e->date))
			return fm_value_error(err, v, "date must look like "
				   "2026-11-22T21:14:00+01:00 or 2026-11-22");
		e->has_date = 1;
	} else if (!strcmp(k, "mood")) {
		if (v->kind == FM_NULL)
			return 0;
		n = v->kind == FM_SCALAR ? read_int(v->str, 1, scale) : -1;
		if (n < 0)
			return fm_value_error(err, v, "mood must be a whole "
					      "number from 1 to %d", scale);
		e->mood = (int)n;
	} else if (!strcmp(k, "feelings")) {
		return fm_read_list(it, &e->feelings, err);
	} else if (!strcmp(k, "goals")) {
		return fm_read_list(it, &e->goals, err);
	} else if (!strcmp(k, "tags")) {
		return fm_read_list(it, &e->tags, err);
	} else if (!strcmp(k, "ratings")) {
		if (v->kind == FM_NULL)
			return 0;
		if (v->kind != FM_MAP)
			return fm_value_error(err, v, "ratings must be a map "
					      "like {goal: 3}");
		for (size_t i = 0; i + 1 < v->items.nr; i += 2) {
			const char *goal = v->items.v[i];
			char num[24];

			n = read_int(v->items.v[i + 1], 1, RATING_MAX);
			if (n < 0)
				return fm_value_error(err, v, "rating of '%s' "
						      "must be a whole number "
						      "from 1 to %d", goal,
						      RATING_MAX);
			for (size_t k = 0; k < e->ratings.nr; k += 2)
				if (!strcmp(e->ratings.v[k], goal))
					return fm_value_error(err, v, "'%s' is "
							      "rated twice",
							      goal);
			snprintf(num, sizeof(num), "%ld", n);
			strvec_push(&e->ratings, goal);
			strvec_push(&e->ratings, num);
		}
	} else if (!strcmp(k, "share") || !strcmp(k, "private")) {
		return fm_read_bool(it, !strcmp(k, "share") ? &e->share
							    : &e->private,
				    err);
	}
	return 0;
}

/*
 * Is s[0..n) a YAML 1.1 boolean word (true/false, yes/no, on/off), in any
 * case, maybe in quotes?
 */
static int is_bool_word(const char *s, size_t n)
{
	static const char *const words[] = {
		"true", "false", "yes", "no", "on", "off", NULL
	};

	if (n >= 2 && (*s == '"' || *s == '\'') && s[n - 1] == *s) {
		s++;
		n -= 2;
	}
	for (int i = 0; words[i]; i++)
		if (n == strlen(words[i]) && !strncasecmp(s, words[i], n))
			return 1;
	return 0;
}

/*
 * A text without front matter whose first paragraph (the lines up to the
 * first blank one) holds a line "private: true" (any case, any YAML
 * boolean) was meant to have front matter, as other tools write it
 * without the lines "---": refused, so that it is not shown (privacy
 * fails closed). The text starts at off. Returns 0 or -1 with err filled.
 */
static int check_bare_private(const char *text, size_t len, size_t off,
			      struct fm_error *err)
{
	const char *p = text + off, *end = text + len;
	int seen_text = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end, *a = p, *b = eol;

		while (a < eol && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (a == b && seen_text)
			return 0;	/* the end of the first paragraph */
		seen_text |= a < b;
		if (b - a > 7 && !strncasecmp(a, "private", 7)) {
			const char *v = a + 7;

			while (v < b && (*v == ' ' || *v == '\t'))
				v++;
			if (v < b && *v++ == ':') {
				while (v < b && (*v == ' ' || *v == '\t'))
					v++;
				if (is_bool_word(v, (size_t)(b - v)))
					return fm_error_at(err, text,
						(size_t)(a - text), "'%.*s' is "
						"read only in front matter; put "
						"a line '---' before the first "
						"line and one after the keys",
						(int)(b - a), a);
			}
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

/*
 * The title of a check-in, an entry of no words with a mood or feelings:
 * "Check-in, mood 5 · tired, calm".
 */
static char *checkin_title(const struct entry *e)
{
	struct buf t = BUF_INIT;

	buf_adds(&t, "Check-in");
	if (e->mood)
		buf_addf(&t, ", mood %d", e->mood);
	for (size_t i = 0; i < e->feelings.nr; i++)
		buf_addf(&t, "%s%s", i ? ", " : " \u00b7 ", e->feelings.v[i]);
	return buf_detach(&t, NULL);
}

int entry_parse(struct entry *e, int scale, struct fm_error *err)
{
	const char *body, *h;
	size_t len, hlen;

	clear_fields(e);
	if (e->text.len > ENTRY_MAX_BYTES) {
		err->line = err->col = 1;
		buf_addf(&err->msg, "entry is larger than %d MiB",
			 ENTRY_MAX_BYTES / (1024 * 1024));
		return -1;
	}
	if (fm_check_text(e->text.s, e->text.len, err) < 0)
		return -1;
	if (fm_parse(&e->fm, e->text.s, e->text.len, err) < 0 ||
	    fm_check_keys(&e->fm, entry_keys, err) < 0)
		return -1;
	if (!e->fm.present && check_bare_private(e->text.s, e->text.len,
						 e->fm.body_off, err) < 0)
		return -1;
	for (size_t i = 0; i < e->fm.nr; i++)
		if (read_item(e, &e->fm.items[i], scale, err) < 0)
			return -1;
	body = entry_body(e, &len);
	e->words = count_words(body, len);
	if (!e->title && first_heading(body, len, &h, &hlen))
		e->title = xstrndup(h, hlen);
	if (!e->title && !e->words && (e->mood || e->feelings.nr))
		e->title = checkin_title(e);
	if (!e->title && e->id)
		e->title = xstrdup(e->id);
	if (!e->has_date && e->id &&
	    entry_date_from_name(e->id, &e->date))
		e->has_date = 1;
	return 0;
}

char *entry_path_id(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (ends_with(base, ".md.age"))
		n -= 7;
	else if (ends_with(base, ".md"))
		n -= 3;
	return xstrndup(base, n);
}

int entry_load(struct entry *e, struct ctx *ctx, const char *path)
{
	struct fm_error err = FM_ERROR_INIT;
	int rc;

	free(e->path);
	free(e->id);
	e->path = xstrdup(path);
	e->id = entry_path_id(path);
	if (vault_read(ctx, path, ENTRY_MAX_BYTES, &e->text, 0) < 0) {
		rc = FAIL;
	} else if (entry_parse(e, ctx->cfg.mood_scale, &err) < 0) {
		rc = error_at(path, err.line, err.col, "%s", err.msg.s);
	} else {
		rc = 0;
	}
	fm_error_release(&err);
	return rc;
}

/*
 * Replace the front matter of e and keep the body: the text is rebuilt so
 * that e->text always holds the file as it would be written.
 */
static void rebuild(struct entry *e)
{
	struct buf out = BUF_INIT;
	size_t len;
	const char *body = entry_body(e, &len);

	fm_write(&e->fm, &out);
	e->fm.body_off = out.len;
	buf_add(&out, body, len);
	buf_release(&e->text);
	e->text = out;
}

static void set_raw(struct entry *e, const char *key, const char *value)
{
	fm_set(&e->fm, key, value, entry_keys);
	rebuild(e);
}

void entry_set_str(struct entry *e, const char *key, const char *value)
{
	struct buf v = BUF_INIT;
	char **field = !strcmp(key, "title") ? &e->title :
		       !strcmp(key, "prompt") ? &e->prompt : NULL;

	fm_quote(value, 0, &v);
	set_raw(e, key, v.s);
	if (field) {
		free(*field);
		*field = xstrdup(value);
	}
	buf_release(&v);
}

void entry_set_int(struct entry *e, const char *key, long value)
{
	struct buf v = BUF_INIT;

	buf_addf(&v, "%ld", value);
	set_raw(e, key, v.s);
	if (!strcmp(key, "mood"))
		e->mood = (int)value;
	buf_release(&v);
}

void entry_set_bool(struct entry *e, const char *key, int value)
{
	set_raw(e, key, value ? "true" : "false");
	if (!strcmp(key, "share"))
		e->share = value;
	else if (!strcmp(key, "private"))
		e->private = value;
}

void entry_set_list(struct entry *e, const char *key,
		    const struct strvec *items)
{
	struct buf v = BUF_INIT;
	struct strvec *field = !strcmp(key, "feelings") ? &e->feelings :
			       !strcmp(key, "goals") ? &e->goals :
			       !strcmp(key, "tags") ? &e->tags : NULL;

	if (!items->nr) {
		entry_unset(e, key);
	} else {
		fm_quote_list(items, &v);
		set_raw(e, key, v.s);
	}
	if (field) {
		strvec_clear(field);
		for (size_t i = 0; i < items->nr; i++)
			strvec_push(field, items->v[i]);
	}
	buf_release(&v);
}

void entry_set_date(struct entry *e, const struct datetime *dt)
{
	struct buf v = BUF_INIT;

	datetime_format(dt, &v);
	set_raw(e, "date", v.s);
	e->date = *dt;
	e->has_date = 1;
	buf_release(&v);
}

void entry_set_ratings(struct entry *e, const struct strvec *pairs)
{
	struct buf v = BUF_INIT;

	buf_addch(&v, '{');
	for (size_t i = 0; i + 1 < pairs->nr; i += 2) {
		if (i)
			buf_adds(&v, ", ");
		fm_quote(pairs->v[i], 1, &v);
		buf_addf(&v, ": %s", pairs->v[i + 1]);
	}
	buf_addch(&v, '}');
	set_raw(e, "ratings", v.s);
	strvec_clear(&e->ratings);
	for (size_t i = 0; i < pairs->nr; i++)
		strvec_push(&e->ratings, pairs->v[i]);
	buf_release(&v);
}

int entry_add_alias(struct entry *e, const char *alias)
{
	const struct fm_item *it = fm_get(&e->fm, "aliases");
	struct strvec list = STRVEC_INIT;
	int added = 0;

	if (it && it->val.kind == FM_LIST)
		for (size_t i = 0; i < it->val.items.nr; i++)
			strvec_push(&list, it->val.items.v[i]);
	else if (it && it->val.kind == FM_SCALAR)
		strvec_push(&list, it->val.str);
	else if (it && it->val.kind != FM_NULL)
		return 0;
	if (strvec_find(&list, alias) < 0) {
		strvec_push(&list, alias);
		entry_set_list(e, "aliases", &list);
		added = 1;
	}
	strvec_clear(&list);
	return added;
}

void entry_unset(struct entry *e, const char *key)
{
	fm_unset(&e->fm, key);
	rebuild(e);
}

/* s[0..len) without blanks at either end. */
static void trim(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* Cut the next line off s[0..*len): its length without trailing blanks. */
static size_t next_line(const char **s, size_t *len, const char **line)
{
	const char *nl = memchr(*s, '\n', *len);
	size_t n = nl ? (size_t)(nl - *s) : *len;

	*line = *s;
	*s += nl ? n + 1 : n;
	*len -= nl ? n + 1 : n;
	while (n && isspace((unsigned char)(*line)[n - 1]))
		n--;
	return n;
}

/* Are a and b the same text line by line, blanks at line ends aside? */
static int same_lines(const char *a, size_t alen, const char *b, size_t blen)
{
	while (alen || blen) {
		const char *la, *lb;
		size_t na = next_line(&a, &alen, &la);
		size_t nb = next_line(&b, &blen, &lb);

		if (na != nb || memcmp(la, lb, na))
			return 0;
	}
	return 1;
}

int entry_body_is_empty(const struct entry *e, const char *tmpl,
			size_t tmpl_len)
{
	size_t len;
	const char *body = entry_body(e, &len);

	trim(&body, &len);
	if (!len)
		return 1;
	if (!tmpl)
		return 0;
	trim(&tmpl, &tmpl_len);
	return same_lines(body, len, tmpl, tmpl_len);
}

/* Is the line s[0..len) (blanks at its ends aside) one of text's lines? */
static int has_line(const char *text, size_t text_len, const char *s,
		    size_t len)
{
	trim(&s, &len);
	while (text_len) {
		const char *line;
		size_t n = next_line(&text, &text_len, &line);

		trim(&line, &n);
		if (n == len && !memcmp(line, s, n))
			return 1;
	}
	return 0;
}

/* Append the first sentence of p[0..end), at most 80 bytes, to out. */
static void add_sentence(const char *p, const char *end, struct buf *out)
{
	const char *stop;

	while (p < end && strchr("#>*-+ \t", *p))
		p++;
	for (stop = p; stop < end && *stop != '\n' && *stop != '\r'; stop++) {
		if (strchr(".?!", *stop) &&
		    (stop + 1 == end || isspace((unsigned char)stop[1]))) {
			if (*stop != '.')
				stop++;
			break;
		}
	}
	if (stop - p > 80) {
		const char *cut = p + 80;

		while (cut > p && *cut != ' ')
			cut--;
		stop = cut > p ? cut : p + 80;
		/* never cut inside a UTF-8 sequence */
		while (stop > p && ((unsigned char)*stop & 0xc0) == 0x80)
			stop--;
	}
	while (stop > p && isspace((unsigned char)stop[-1]))
		stop--;
	buf_add(out, p, (size_t)(stop - p));
}

void entry_title_from_body(const char *body, size_t len, const char *tmpl,
			   size_t tmpl_len, struct buf *out)
{
	const char *h, *s = body;
	size_t hlen, n = len;

	if (!tmpl_len && first_heading(body, len, &h, &hlen)) {
		add_sentence(h, h + hlen, out);
		return;
	}
	while (n) {
		const char *line;
		size_t k = next_line(&s, &n, &line);
		size_t before = out->len;

		if (is_blank(line, k) || (tmpl_len &&
					  has_line(tmpl, tmpl_len, line, k)))
			continue;
		add_sentence(line, line + k, out);
		if (out->len > before)
			return;
	}
}

void entry_json(const struct entry *e, struct buf *out)
{
	struct buf date = BUF_INIT;

	buf_addch(out, '{');
	json_key(out, "id", 1);
	json_str(out, e->id);
	json_key(out, "path", 0);
	json_str(out, e->path);
	json_key(out, "title", 0);
	json_str(out, e->title);
	json_key(out, "date", 0);
	if (e->has_date) {
		datetime_format(&e->date, &date);
		json_str(out, date.s);
	} else {
		buf_adds(out, "null");
	}
	json_key(out, "mood", 0);
	if (e->mood)
		buf_addf(out, "%d", e->mood);
	else
		buf_adds(out, "null");
	json_key(out, "feelings", 0);
	json_strvec(out, &e->feelings);
	json_key(out, "goals", 0);
	json_strvec(out, &e->goals);
	json_key(out, "tags", 0);
	json_strvec(out, &e->tags);
	json_key(out, "ratings", 0);
	buf_addch(out, '{');
	for (size_t i = 0; i + 1 < e->ratings.nr; i += 2) {
		json_key(out, e->ratings.v[i], i == 0);
		buf_adds(out, e->ratings.v[i + 1]);
	}
	buf_addch(out, '}');
	json_key(out, "prompt", 0);
	json_str(out, e->prompt);
	json_key(out, "share", 0);
	buf_adds(out, e->share ? "true" : "false");
	json_key(out, "private", 0);
	buf_adds(out, e->private ? "true" : "false");
	json_key(out, "words", 0);
	buf_addf(out, "%zu", e->words);
	buf_release(&date);
}

void entry_path_ids(const struct strvec *paths, struct strvec *ids)
{
	for (size_t k = 0; k < paths->nr; k++) {
		char *id = entry_path_id(paths->v[k]);

		strvec_push(ids, id);
		free(id);
	}
}

long entry_match_id(const char *name, const struct strvec *ids)
{
	size_t len = strlen(name);
	long found = -1, exact = 0, prefix = 0;

	for (size_t i = 0; i < ids->nr; i++) {
		if (!strcmp(ids->v[i], name)) {
			exact++;
			found = (long)i;
		}
	}
	for (size_t i = 0; !exact && i < ids->nr; i++) {
		if (!strncmp(ids->v[i], name, len)) {
			prefix++;
			found = (long)i;
		}
	}
	if (exact + prefix <= 1)
		return found;
	error("'%s' names %ld entries; give more of the ID:", name,
	      exact + prefix);
	for (size_t i = 0, shown = 0; i < ids->nr && shown < 10; i++) {
		if (exact ? !strcmp(ids->v[i], name)
			  : !strncmp(ids->v[i], name, len)) {
			fprintf(stderr, "  %s\n", ids->v[i]);
			shown++;
		}
	}
	return -2;
}
