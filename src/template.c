/*
 * HTML templates: a small mustache of tend's own (see template.h).
 *
 * A template is compiled once into a flat list of ops that points into
 * its kept text: text runs, interpolations, sections (whose body is the
 * ops up to the section's end), inverted sections and partials (linked
 * to the compiled partial). Rendering walks the ops with the context
 * stack and the partial indentation as linked frames on the C stack, so
 * a render allocates nothing but what it appends to out. A render to a
 * sink hands out over whenever it holds TMPL_SINK_CHUNK bytes, and a
 * list made one item at a time asks its maker for each item in turn:
 * then nothing is held but the current item and one chunk.
 *
 * Indentation of standalone partials works as if every line of the
 * partial's text were indented before compiling (mustache's rule): an op
 * that starts a line of the text has bol set, and a text op indents after
 * each line break inside it. A line start right before a closing tag
 * belongs to the section's body, so it becomes an empty text op there.
 *
 * Booleans, lists and maps interpolate as nothing; only strings (and
 * trusted HTML) have a text.
 */
#include "template.h"
#include "html.h"
#include "util.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TMPL_MAX_DEPTH 32	/* partials inside partials */
#define TMPL_MAX_NEST 100	/* sections inside sections, in one text */

/* Arenas */

struct arena_block {
	struct arena_block *next;
	size_t size, used;	/* bytes of mem, and of them in use */
	max_align_t mem[];
};

#define ARENA_ALIGN _Alignof(max_align_t)
#define ARENA_FIRST 4096

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	void *p;

	if (n > SIZE_MAX / 2)
		die("out of memory (asked for %zu bytes)", n);
	n = (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
	if (!b || b->size - b->used < n) {
		size_t size = b ? b->size * 2 : ARENA_FIRST;
		struct arena_block **s = &a->spare;

		/* a block emptied by arena_clear() that holds n, else anew */
		while (*s && (*s)->size < n)
			s = &(*s)->next;
		if (*s) {
			b = *s;
			*s = b->next;
		} else {
			if (size < n)
				size = n;
			b = xmalloc(sizeof(*b) + size);
			b->size = size;
		}
		b->next = a->head;
		b->used = 0;
		a->head = b;
	}
	p = (char *)b->mem + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

/*
 * Grow the allocation p (of old bytes, old > 0) to n bytes: in place when
 * it is the last one of the newest block and there is room, else as a new
 * copy. Returns where the allocation is now.
 */
static void *arena_grow(struct arena *a, void *p, size_t old, size_t n)
{
	struct arena_block *b = a->head;
	void *q;

	old = (old + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
	if (b && (char *)p + old == (char *)b->mem + b->used &&
	    n <= SIZE_MAX / 2) {
		size_t want = (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;

		if (want - old <= b->size - b->used) {
			memset((char *)b->mem + b->used, 0, want - old);
			b->used += want - old;
			return p;
		}
	}
	q = arena_alloc(a, n);
	memcpy(q, p, old < n ? old : n);
	return q;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		die("out of memory (string too long)");
	p = arena_alloc(a, len + 1);
	if (len)
		memcpy(p, s, len);
	return p;
}

/* Free the blocks from b on. */
static void arena_release_from(struct arena_block *b)
{
	while (b) {
		struct arena_block *next = b->next;

		free(b);
		b = next;
	}
}

void arena_clear(struct arena *a)
{
	struct arena_block *b = a->head;

	if (!b)
		return;
	/* the newest block is the largest: the next page starts in it */
	while (b->next) {
		struct arena_block *old = b->next;

		b->next = old->next;
		old->next = a->spare;
		a->spare = old;
	}
	b->used = 0;
}

void arena_release(struct arena *a)
{
	arena_release_from(a->head);
	arena_release_from(a->spare);
	a->head = a->spare = NULL;
}

/* Values */

/* A new value of kind in a. */
static struct tv *tv_new(struct arena *a, enum tv_kind kind)
{
	struct tv *v = arena_alloc(a, sizeof(*v));

	v->kind = kind;
	v->s = "";
	return v;
}

struct tv *tv_new_null(struct arena *a)
{
	return tv_new(a, TV_NULL);
}

struct tv *tv_new_bool(struct arena *a, int b)
{
	struct tv *v = tv_new(a, TV_BOOL);

	v->b = !!b;
	return v;
}

struct tv *tv_new_str(struct arena *a, const char *s)
{
	return s ? tv_new_strn(a, s, strlen(s)) : tv_new_null(a);
}

struct tv *tv_new_strn(struct arena *a, const char *s, size_t len)
{
	struct tv *v;

	if (!s)
		return tv_new_null(a);
	v = tv_new(a, TV_STR);
	v->s = arena_strndup(a, s, len);
	v->len = len;
	return v;
}

/* A string value of fmt formatted with ap. */
static struct tv *tv_new_vstrf(struct arena *a, const char *fmt, va_list ap)
{
	struct tv *v = tv_new(a, TV_STR);
	char small[256], *s;
	va_list cp;
	int n;

	/* formatted once when it fits (most do), else again at its size */
	va_copy(cp, ap);
	n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0)
		die("cannot format text");
	if ((size_t)n < sizeof(small)) {
		s = arena_strndup(a, small, (size_t)n);
	} else {
		s = arena_alloc(a, (size_t)n + 1);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	}
	v->s = s;
	v->len = (size_t)n;
	return v;
}

struct tv *tv_new_strf(struct arena *a, const char *fmt, ...)
{
	struct tv *v;
	va_list ap;

	va_start(ap, fmt);
	v = tv_new_vstrf(a, fmt, ap);
	va_end(ap);
	return v;
}

struct tv *tv_new_html(struct arena *a, const char *s, size_t len)
{
	struct tv *v = tv_new(a, TV_HTML);

	if (!s)
		len = 0;
	v->s = arena_strndup(a, s, len);
	v->len = len;
	return v;
}

struct tv *tv_new_list(struct arena *a)
{
	return tv_new(a, TV_LIST);
}

struct tv *tv_new_map(struct arena *a)
{
	return tv_new(a, TV_MAP);
}

struct tv *tv_new_made(struct arena *a, size_t nr, tv_make_fn make,
		       void *data)
{
	struct tv *v = tv_new(a, TV_LIST);

	v->nr = nr;
	v->make = make;
	v->make_data = data;
	return v;
}

/*
 * Make room for one more item (and key, for a map) in v, doubling its
 * arrays inside the arena.
 */
static void tv_grow(struct arena *a, struct tv *v)
{
	size_t n;

	if (v->nr < v->alloc)
		return;
	n = v->alloc ? v->alloc * 2 : 4;
	if (n > SIZE_MAX / 2 / sizeof(void *))
		die("out of memory (too many values)");
	if (v->alloc) {
		v->items = arena_grow(a, v->items, v->alloc * sizeof(*v->items),
				      n * sizeof(*v->items));
		if (v->kind == TV_MAP)
			v->keys = arena_grow(a, v->keys,
					     v->alloc * sizeof(*v->keys),
					     n * sizeof(*v->keys));
	} else {
		v->items = arena_alloc(a, n * sizeof(*v->items));
		if (v->kind == TV_MAP)
			v->keys = arena_alloc(a, n * sizeof(*v->keys));
	}
	v->alloc = n;
}

void tv_push(struct arena *a, struct tv *list, struct tv *v)
{
	if (list->kind != TV_LIST || list->make)
		die("tv_push on a value that is not a list of its own items");
	tv_grow(a, list);
	list->items[list->nr++] = v ? v : tv_new_null(a);
}

void tv_put(struct arena *a, struct tv *map, const char *key, struct tv *v)
{
	if (map->kind != TV_MAP)
		die("tv_put on a value that is not a map");
	if (!v)
		v = tv_new_null(a);
	for (size_t i = 0; i < map->nr; i++) {
		if (!strcmp(map->keys[i], key)) {
			map->items[i] = v;
			return;
		}
	}
	tv_grow(a, map);
	map->keys[map->nr] = arena_strndup(a, key, strlen(key));
	map->items[map->nr++] = v;
}

void tv_put_str(struct arena *a, struct tv *map, const char *key,
		const char *s)
{
	tv_put(a, map, key, tv_new_str(a, s));
}

void tv_put_strf(struct arena *a, struct tv *map, const char *key,
		 const char *fmt, ...)
{
	struct tv *v;
	va_list ap;

	va_start(ap, fmt);
	v = tv_new_vstrf(a, fmt, ap);
	va_end(ap);
	tv_put(a, map, key, v);
}

void tv_put_bool(struct arena *a, struct tv *map, const char *key, int b)
{
	tv_put(a, map, key, tv_new_bool(a, b));
}

void tv_put_html(struct arena *a, struct tv *map, const char *key,
		 const char *s, size_t len)
{
	tv_put(a, map, key, tv_new_html(a, s, len));
}

/* The value of the key s[0..len) in map, or NULL. */
static const struct tv *map_find(const struct tv *map, const char *s,
				 size_t len)
{
	if (!map || map->kind != TV_MAP)
		return NULL;
	for (size_t i = 0; i < map->nr; i++) {
		const char *k = map->keys[i];

		if (!strncmp(k, s, len) && !k[len])
			return map->items[i];
	}
	return NULL;
}

const struct tv *tv_get(const struct tv *map, const char *key)
{
	return map_find(map, key, strlen(key));
}

/* Fold a length into h as 8 bytes, so that boundaries count. */
static uint64_t hash_len(uint64_t h, size_t n)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)n >> (8 * i));
	return hash_add(h, b, sizeof(b));
}

/*
 * Every value starts with its kind; strings and keys with their length;
 * lists and maps with their number of items; so that no two different
 * values fold the same bytes.
 */
uint64_t tv_hash(uint64_t h, const struct tv *v)
{
	unsigned char kind = v ? (unsigned char)v->kind : TV_NULL;

	h = hash_add(h, &kind, 1);
	if (!v)
		return h;
	switch (v->kind) {
	case TV_NULL:
		break;
	case TV_BOOL: {
		unsigned char b = !!v->b;

		h = hash_add(h, &b, 1);
		break;
	}
	case TV_STR:
	case TV_HTML:
		h = hash_len(h, v->len);
		h = hash_add(h, v->s, v->len);
		break;
	case TV_LIST:
		if (v->make)
			die("tv_hash of a list made one item at a time");
		h = hash_len(h, v->nr);
		for (size_t i = 0; i < v->nr; i++)
			h = tv_hash(h, v->items[i]);
		break;
	case TV_MAP:
		h = hash_len(h, v->nr);
		for (size_t i = 0; i < v->nr; i++) {
			size_t n = strlen(v->keys[i]);

			h = hash_len(h, n);
			h = hash_add(h, v->keys[i], n);
			h = tv_hash(h, v->items[i]);
		}
		break;
	}
	return h;
}

/* Is v true for a section: not null, false, "" or []? */
static int tv_truthy(const struct tv *v)
{
	if (!v)
		return 0;
	switch (v->kind) {
	case TV_NULL:
		return 0;
	case TV_BOOL:
		return v->b;
	case TV_STR:
	case TV_HTML:
		return v->len > 0;
	case TV_LIST:
		return v->nr > 0;
	case TV_MAP:
		return 1;
	}
	return 0;
}

/* Compiled templates */

enum op_kind {
	OP_TEXT,	/* s[0..len) */
	OP_VAR,		/* {{name}} */
	OP_RAW,		/* {{{name}}} and {{&name}} */
	OP_SECTION,	/* {{#name}}: the body is the ops up to end */
	OP_INVERTED,	/* {{^name}} */
	OP_PARTIAL	/* {{>name}}: indented by s[0..len) if standalone */
};

/* One part of a name: a.b.c has three. */
struct seg {
	const char *s;
	size_t len;
};

struct op {
	enum op_kind kind;
	int bol;		/* starts a line of the text */
	int standalone;		/* OP_PARTIAL: alone on its line */
	const char *s;
	size_t len;
	size_t seg, nseg;	/* the name is segs[seg..seg + nseg) */
	size_t end;		/* OP_SECTION, OP_INVERTED */
	size_t off;		/* where the tag starts in the text */
	struct tmpl *partial;	/* OP_PARTIAL, once linked */
};

struct tmpl {
	char *name;
	char *text;		/* what the loader gave; ops point into it */
	size_t len;
	char *source;		/* for messages */
	struct op *ops;
	size_t nr, alloc;
	struct seg *segs;
	size_t nr_segs, alloc_segs;
};

struct tmpl_set {
	tmpl_load_fn load;
	void *data;
	struct tmpl **list;	/* every template compiled and linked */
	size_t nr, alloc;
	unsigned long max_steps;	/* of a render's page, of an item */
	size_t max_output;
};

static void tmpl_free(struct tmpl *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->text);
	free(t->source);
	free(t->ops);
	free(t->segs);
	free(t);
}

struct tmpl_set *tmpl_set_new(tmpl_load_fn load, void *data)
{
	struct tmpl_set *set = xcalloc(1, sizeof(*set));

	set->load = load;
	set->data = data;
	set->max_steps = TMPL_MAX_STEPS;
	set->max_output = TMPL_MAX_OUTPUT;
	return set;
}

void tmpl_set_limits(struct tmpl_set *set, unsigned long steps,
		     size_t output)
{
	set->max_steps = steps;
	set->max_output = output;
}

void tmpl_set_free(struct tmpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nr; i++)
		tmpl_free(set->list[i]);
	free(set->list);
	free(set);
}

/* The template of the name s[0..len) in set, or NULL. */
static struct tmpl *set_find(const struct tmpl_set *set, const char *s,
			     size_t len)
{
	for (size_t i = 0; i < set->nr; i++) {
		const char *n = set->list[i]->name;

		if (!strncmp(n, s, len) && !n[len])
			return set->list[i];
	}
	return NULL;
}

/*
 * Load the template of the name s[0..len) and add it to set, not yet
 * compiled, as *out. Returns 0, 1 when there is no such template, or the
 * loader's failure.
 */
static int set_load(struct tmpl_set *set, const char *s, size_t len,
		    struct tmpl **out)
{
	struct buf text = BUF_INIT, source = BUF_INIT;
	char *name = xstrndup(s, len);
	struct tmpl *t;
	int rc = set->load(set->data, name, &text, &source);

	if (rc) {
		free(name);
		buf_release(&text);
		buf_release(&source);
		return rc < 0 ? rc : 1;
	}
	t = xcalloc(1, sizeof(*t));
	t->name = name;
	t->text = buf_detach(&text, &t->len);
	if (!source.len)
		buf_adds(&source, name);
	t->source = buf_detach(&source, NULL);
	ALLOC_GROW(set->list, set->nr + 1, set->alloc);
	set->list[set->nr++] = t;
	*out = t;
	return 0;
}

/* The 1-based line and column (in characters) of text[off]. */
static void text_pos(const char *text, size_t off, int *line, int *col)
{
	int l = 1, c = 1;

	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			c++;
		}
		if (l == INT_MAX || c == INT_MAX)
			break;
	}
	*line = l;
	*col = c;
}

static int fail_at(const struct tmpl *t, size_t off, const char *fmt, ...)
	PRINTF(3, 4);

/* Report fmt at text offset off of t as SOURCE:LINE:COL; FAIL_INVALID. */
static int fail_at(const struct tmpl *t, size_t off, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	int line, col, rc;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	text_pos(t->text, off, &line, &col);
	rc = error_at(t->source, line, col, "%s", msg.s);
	buf_release(&msg);
	return rc;
}

/* The state of compiling one template. */
struct parse {
	struct tmpl *t;
	int at_bol;		/* the next op starts a line */
	size_t open[TMPL_MAX_NEST];	/* ops of the open sections */
	size_t nr_open;
};

enum tag_kind {
	TAG_VAR, TAG_RAW, TAG_SECTION, TAG_INVERTED, TAG_CLOSE,
	TAG_COMMENT, TAG_PARTIAL
};

/* One tag as read from the text. */
struct tag {
	enum tag_kind kind;
	size_t off, end;	/* its "{{", and just after its "}}" */
	const char *name;	/* trimmed */
	size_t len;
};

static int is_blank_ch(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_name_ch(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/*
 * Is s[0..len) a name: "." or parts of letters, digits, '_' and '-'
 * joined by '.'; for a partial, one part that may also hold '.' and '/'?
 */
static int name_valid(const char *s, size_t len, int partial)
{
	int part = 0;

	if (!partial && len == 1 && s[0] == '.')
		return 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_name_ch(c) || (partial && c == '/')) {
			part = 1;
		} else if (c == '.') {
			if (!partial && !part)
				return 0;
			part = partial;
		} else {
			return 0;
		}
	}
	return part;
}

/* Find the bytes want (wlen of them) in text[from..len); its offset. */
static size_t text_find(const char *text, size_t len, size_t from,
			const char *want, size_t wlen)
{
	if (len < wlen)
		return len;
	for (size_t i = from; i + wlen <= len; i++) {
		const char *p = memchr(text + i, want[0], len - wlen + 1 - i);

		if (!p)
			break;
		i = (size_t)(p - text);
		if (!memcmp(p, want, wlen))
			return i;
	}
	return len;
}

/* Read the tag whose "{{" is at off into *tag. Returns 0 or FAIL_INVALID. */
static int tag_read(const struct tmpl *t, size_t off, struct tag *tag)
{
	const char *text = t->text;
	size_t q = off + 2, e, close = 2;
	int triple = q < t->len && text[q] == '{';

	tag->off = off;
	tag->kind = TAG_VAR;
	if (triple) {
		tag->kind = TAG_RAW;
		q++;
		close = 3;
	}
	e = text_find(text, t->len, q, triple ? "}}}" : "}}", close);
	if (e == t->len)
		return fail_at(t, off, "unclosed tag");
	tag->end = e + close;
	while (q < e && is_blank_ch(text[q]))
		q++;
	if (!triple && q < e) {
		switch (text[q]) {
		case '!':
			tag->kind = TAG_COMMENT;
			tag->name = text + q;
			tag->len = 0;
			return 0;
		case '=':
			return fail_at(t, off,
				       "set-delimiter tags are not supported");
		case '#':
			tag->kind = TAG_SECTION;
			break;
		case '^':
			tag->kind = TAG_INVERTED;
			break;
		case '/':
			tag->kind = TAG_CLOSE;
			break;
		case '>':
			tag->kind = TAG_PARTIAL;
			break;
		case '&':
			tag->kind = TAG_RAW;
			break;
		}
		if (tag->kind != TAG_VAR)
			q++;
	}
	while (q < e && is_blank_ch(text[q]))
		q++;
	while (e > q && is_blank_ch(text[e - 1]))
		e--;
	tag->name = text + q;
	tag->len = e - q;
	if (!tag->len)
		return fail_at(t, off, "empty tag");
	if (!name_valid(tag->name, tag->len, tag->kind == TAG_PARTIAL)) {
		/* up to a line break: a tag missing a '}' runs on */
		size_t n = 0;

		while (n < tag->len && n < 32 &&
		       (unsigned char)tag->name[n] >= 0x20)
			n++;
		return fail_at(t, off, "invalid name '%.*s%s'", (int)n,
			       tag->name, n < tag->len ? "..." : "");
	}
	return 0;
}

/*
 * Is the tag alone on its line, but for spaces and tabs? If so, set *from
 * to where its line starts and *next to where the next line starts (or
 * the end of the text). text_start is where the text after the previous
 * tag starts.
 */
static int tag_standalone(const struct tmpl *t, const struct tag *tag,
			  size_t text_start, size_t *from, size_t *next)
{
	const char *text = t->text;
	size_t i = tag->off, j = tag->end;

	if (tag->kind == TAG_VAR || tag->kind == TAG_RAW)
		return 0;
	while (i > text_start && (text[i - 1] == ' ' || text[i - 1] == '\t'))
		i--;
	if (i > 0 && text[i - 1] != '\n')
		return 0;
	while (j < t->len && (text[j] == ' ' || text[j] == '\t'))
		j++;
	if (j < t->len && text[j] == '\r' && j + 1 < t->len &&
	    text[j + 1] == '\n')
		j++;
	if (j < t->len && text[j] != '\n')
		return 0;
	*from = i;
	*next = j < t->len ? j + 1 : j;
	return 1;
}

/* Append a new op of kind at text offset off to the template; the op. */
static struct op *op_add(struct parse *p, enum op_kind kind, size_t off)
{
	struct tmpl *t = p->t;
	struct op *op;

	ALLOC_GROW(t->ops, t->nr + 1, t->alloc);
	op = &t->ops[t->nr++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->off = off;
	return op;
}

/* Take the line start waiting for the next op, for op. */
static void op_take_bol(struct parse *p, struct op *op)
{
	op->bol = p->at_bol;
	p->at_bol = 0;
}

/* Append the text t->text[from..to) as an op. */
static void text_add(struct parse *p, size_t from, size_t to)
{
	struct op *op;

	if (from == to)
		return;
	op = op_add(p, OP_TEXT, from);
	op_take_bol(p, op);
	op->s = p->t->text + from;
	op->len = to - from;
	p->at_bol = p->t->text[to - 1] == '\n';
}

/* Keep the name of tag (split at '.' unless it is a partial's) in op. */
static void name_add(struct parse *p, struct op *op, const struct tag *tag)
{
	struct tmpl *t = p->t;
	size_t i = 0;

	op->seg = t->nr_segs;
	if (tag->kind != TAG_PARTIAL && tag->len == 1 && tag->name[0] == '.')
		return;
	while (i <= tag->len) {
		size_t k = i;

		while (k < tag->len &&
		       (tag->kind == TAG_PARTIAL || tag->name[k] != '.'))
			k++;
		ALLOC_GROW(t->segs, t->nr_segs + 1, t->alloc_segs);
		t->segs[t->nr_segs].s = tag->name + i;
		t->segs[t->nr_segs++].len = k - i;
		op->nseg++;
		i = k + 1;
	}
}

/* The text of the name of op in t (the whole, dotted). */
static void op_name(const struct tmpl *t, const struct op *op,
		    const char **s, size_t *len)
{
	const struct seg *first, *last;

	if (!op->nseg) {
		*s = ".";
		*len = 1;
		return;
	}
	first = &t->segs[op->seg];
	last = &t->segs[op->seg + op->nseg - 1];
	*s = first->s;
	*len = (size_t)(last->s + last->len - first->s);
}

/* Compile the tag of one section's end into the ops of p. */
static int close_add(struct parse *p, const struct tag *tag, int standalone)
{
	struct tmpl *t = p->t;
	struct op *open;
	const char *s;
	size_t len;

	if (!p->nr_open)
		return fail_at(t, tag->off, "'{{/%.*s}}' closes nothing",
			       (int)tag->len, tag->name);
	open = &t->ops[p->open[p->nr_open - 1]];
	op_name(t, open, &s, &len);
	if (len != tag->len || memcmp(s, tag->name, len))
		return fail_at(t, tag->off, "'{{/%.*s}}' closes '%.*s'",
			       (int)tag->len, tag->name, (int)len, s);
	if (!standalone && p->at_bol) {
		/* the line's start is inside the section */
		struct op *op = op_add(p, OP_TEXT, tag->off);

		op_take_bol(p, op);
		op->s = "";
	}
	t->ops[p->open[--p->nr_open]].end = t->nr;
	return 0;
}

/* Compile one tag into the ops of p. */
static int tag_add(struct parse *p, const struct tag *tag, int standalone,
		   size_t line)
{
	struct tmpl *t = p->t;
	struct op *op;

	switch (tag->kind) {
	case TAG_COMMENT:
		return 0;
	case TAG_CLOSE:
		return close_add(p, tag, standalone);
	case TAG_VAR:
	case TAG_RAW:
		op = op_add(p, tag->kind == TAG_VAR ? OP_VAR : OP_RAW,
			    tag->off);
		break;
	case TAG_SECTION:
	case TAG_INVERTED:
		if (p->nr_open == TMPL_MAX_NEST)
			return fail_at(t, tag->off,
				       "sections nested more than %d deep",
				       TMPL_MAX_NEST);
		p->open[p->nr_open++] = t->nr;
		op = op_add(p, tag->kind == TAG_SECTION ? OP_SECTION :
			    OP_INVERTED, tag->off);
		break;
	case TAG_PARTIAL:
		op = op_add(p, OP_PARTIAL, tag->off);
		if (standalone) {
			op->standalone = 1;
			op->s = t->text + line;
			op->len = tag->off - line;
		}
		break;
	default:
		return 0;
	}
	if (!standalone)
		op_take_bol(p, op);
	name_add(p, op, tag);
	return 0;
}

/* Compile the text of t into its ops. Returns 0 or FAIL_INVALID. */
static int tmpl_parse(struct tmpl *t)
{
	struct parse p = { .t = t, .at_bol = 1 };
	size_t pos = 0, text_start = 0;
	int rc;

	for (;;) {
		struct tag tag = { TAG_VAR, 0, 0, NULL, 0 };
		size_t at = text_find(t->text, t->len, pos, "{{", 2);
		size_t line = 0, next = 0;
		int standalone;

		if (at == t->len)
			break;
		rc = tag_read(t, at, &tag);
		if (rc < 0)
			return rc;
		standalone = tag_standalone(t, &tag, text_start, &line, &next);
		text_add(&p, text_start, standalone ? line : at);
		rc = tag_add(&p, &tag, standalone, line);
		if (rc < 0)
			return rc;
		if (standalone)
			p.at_bol = 1;
		pos = text_start = standalone ? next : tag.end;
	}
	text_add(&p, text_start, t->len);
	if (p.nr_open) {
		const struct op *op = &t->ops[p.open[p.nr_open - 1]];
		const char *s;
		size_t len;

		op_name(t, op, &s, &len);
		return fail_at(t, op->off, "unclosed section '%.*s'",
			       (int)len, s);
	}
	return 0;
}

/*
 * Load and link the partials that t names, adding the ones not yet in
 * set (to be compiled by the caller). Returns 0 or a failure, reported.
 */
static int tmpl_link(struct tmpl_set *set, struct tmpl *t)
{
	for (size_t i = 0; i < t->nr; i++) {
		struct op *op = &t->ops[i];
		const struct seg *name;
		int rc;

		if (op->kind != OP_PARTIAL)
			continue;
		name = &t->segs[op->seg];
		op->partial = set_find(set, name->s, name->len);
		if (op->partial)
			continue;
		rc = set_load(set, name->s, name->len, &op->partial);
		if (rc == 1)
			return fail_at(t, op->off,
				       "partial '%.*s' does not exist",
				       (int)name->len, name->s);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int tmpl_compile(struct tmpl_set *set, const char *name)
{
	size_t first = set->nr;
	struct tmpl *t;
	int rc;

	if (set_find(set, name, strlen(name)))
		return 0;
	rc = set_load(set, name, strlen(name), &t);
	if (rc == 1)
		return error("template '%s' does not exist", name);
	if (rc < 0)
		return rc;
	/* the partials loaded on the way join the end of the list */
	for (size_t i = first; i < set->nr; i++) {
		rc = tmpl_parse(set->list[i]);
		if (rc < 0)
			goto out;
		rc = tmpl_link(set, set->list[i]);
		if (rc < 0)
			goto out;
	}
	rc = 0;
out:
	if (rc < 0) {
		/* nothing compiled before points at what was added */
		while (set->nr > first)
			tmpl_free(set->list[--set->nr]);
	}
	return rc;
}

/* Rendering */

/* A context on the stack: the innermost first. */
struct frame {
	const struct tv *v;
	const struct frame *up;
};

/* The indentation of a standalone partial, inside those of its callers. */
struct indent {
	const char *s;
	size_t len;
	const struct indent *up;
};

/*
 * A render: where its output goes, and how much of its limits it has
 * used. The limits count apart for the page and for each item of a list
 * made one at a time (each is a unit of the render).
 */
struct render {
	const struct tmpl_set *set;
	const char *name;	/* the template rendered, for messages */
	struct buf *out;
	size_t start;		/* out->len when the render began */
	const struct tmpl_sink *sink;	/* NULL: all of it stays in out */
	size_t handed;		/* bytes the sink has taken */
	unsigned long steps;	/* ops run in the unit */
	/*
	 * made() when the unit began, plus the bytes of its items since:
	 * the unit's own bytes are made() - from
	 */
	size_t from;
	const struct tmpl *made_t;	/* in an item: the section of its */
	const struct op *made_op;	/* list (in made_t), else NULL */
};

/* The bytes the render has made so far. */
static size_t made(const struct render *r)
{
	return r->handed + r->out->len - r->start;
}

/* Hand what out holds to the sink. Returns 0 or the sink's failure. */
static int hand_over(struct render *r)
{
	int rc = r->sink->write(r->sink->data, r->out->s, r->out->len);

	r->handed += r->out->len;
	buf_reset(r->out);
	return rc;
}

/* Look up the name of op in the contexts from ctx outwards. */
static const struct tv *ctx_find(const struct tmpl *t, const struct op *op,
				 const struct frame *ctx)
{
	const struct seg *seg;
	const struct tv *v = NULL;

	if (!op->nseg)
		return ctx->v;
	seg = &t->segs[op->seg];
	for (; ctx; ctx = ctx->up) {
		v = map_find(ctx->v, seg[0].s, seg[0].len);
		if (v)
			break;
	}
	for (size_t i = 1; v && i < op->nseg; i++)
		v = map_find(v, seg[i].s, seg[i].len);
	return v;
}

static void indent_add(struct buf *out, const struct indent *ind)
{
	if (!ind)
		return;
	indent_add(out, ind->up);
	buf_add(out, ind->s, ind->len);
}

/* Append text s[0..len), indenting after each line break inside it. */
static void text_indented(struct buf *out, const char *s, size_t len,
			  const struct indent *ind)
{
	while (len) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) + 1 : len;

		buf_add(out, s, n);
		s += n;
		len -= n;
		if (len)
			indent_add(out, ind);
	}
}

static int render_ops(struct render *r, const struct tmpl *t, size_t i,
		      size_t end, const struct frame *ctx,
		      const struct indent *ind, int depth);

/* Render the partial of op, called from t, in the context ctx. */
static int partial_render(struct render *r, const struct tmpl *t,
			  const struct op *op, const struct frame *ctx,
			  const struct indent *ind, int depth)
{
	struct indent in = { op->s, op->len, ind };
	const struct tmpl *p = op->partial;

	if (depth >= TMPL_MAX_DEPTH)
		return fail_at(t, op->off, "partials nested more than %d deep",
			       TMPL_MAX_DEPTH);
	if (!op->standalone)
		ind = NULL;
	else if (op->len)
		ind = &in;
	return render_ops(r, p, 0, p->nr, ctx, ind, depth + 1);
}

/*
 * Report that the render went past a limit at op of t: which limit
 * (max of what, set by macro), whether for the page or for one item of a
 * list, and where it stopped. Returns FAIL_INVALID.
 */
static int over_limit(const struct render *r, const struct tmpl *t,
		      const struct op *op, unsigned long max,
		      const char *what, const char *macro)
{
	struct buf unit = BUF_INIT;
	int line, col, rc;

	if (r->made_op) {
		const char *s;
		size_t len;

		op_name(r->made_t, r->made_op, &s, &len);
		buf_addf(&unit, "one item of '%.*s'", (int)len, s);
	} else {
		buf_adds(&unit, "the page");
	}
	text_pos(t->text, op->off, &line, &col);
	rc = error_as(FAIL_INVALID, "cannot render '%s': over the limit of "
		      "%lu %s (%s) for %s; it stopped at %s:%d:%d", r->name,
		      max, what, macro, unit.s, t->source, line, col);
	buf_release(&unit);
	return rc;
}

/*
 * Render the section at ops[i] of t over v, a list made one item at a
 * time: each item made in its turn and rendered as a unit of its own,
 * whose bytes do not count for the unit around it. Returns 0 or a
 * failure, reported.
 */
static int made_render(struct render *r, const struct tmpl *t, size_t i,
		       const struct tv *v, const struct frame *ctx,
		       const struct indent *ind, int depth)
{
	const struct op *op = &t->ops[i];
	unsigned long steps = r->steps;
	size_t from = r->from;
	struct frame f = { NULL, ctx };
	int rc = 0;

	if (r->made_op) {
		const char *s, *outer;
		size_t len, olen;

		op_name(t, op, &s, &len);
		op_name(r->made_t, r->made_op, &outer, &olen);
		return fail_at(t, op->off, "cannot list '%.*s' inside an item "
			       "of '%.*s', whose items are made one at a time",
			       (int)len, s, (int)olen, outer);
	}
	for (size_t k = 0; k < v->nr && !rc; k++) {
		const struct tv *item = NULL;

		if ((rc = v->make(v->make_data, k, &item)) < 0)
			break;
		r->made_t = t;
		r->made_op = op;
		r->steps = 0;
		r->from = made(r);
		f.v = item;
		rc = render_ops(r, t, i + 1, op->end, &f, ind, depth);
		from += made(r) - r->from;
		r->made_t = NULL;
		r->made_op = NULL;
	}
	r->steps = steps;
	r->from = from;
	return rc;
}

/* Render the section of op (at ops[i] of t) in the context ctx. */
static int section_render(struct render *r, const struct tmpl *t, size_t i,
			  const struct frame *ctx, const struct indent *ind,
			  int depth)
{
	const struct op *op = &t->ops[i];
	const struct tv *v = ctx_find(t, op, ctx);
	struct frame f = { v, ctx };
	int rc = 0;

	if (op->kind == OP_INVERTED)
		return tv_truthy(v) ? 0 :
		       render_ops(r, t, i + 1, op->end, ctx, ind, depth);
	if (!tv_truthy(v))
		return 0;
	if (v->kind != TV_LIST)
		return render_ops(r, t, i + 1, op->end, &f, ind, depth);
	if (v->make)
		return made_render(r, t, i, v, ctx, ind, depth);
	for (size_t k = 0; k < v->nr && !rc; k++) {
		f.v = v->items[k];
		rc = render_ops(r, t, i + 1, op->end, &f, ind, depth);
	}
	return rc;
}

/*
 * Render the ops [i, end) of t in the context ctx, indented by ind,
 * depth partials deep. Returns 0 or FAIL_INVALID, reported.
 */
static int render_ops(struct render *r, const struct tmpl *t, size_t i,
		      size_t end, const struct frame *ctx,
		      const struct indent *ind, int depth)
{
	struct buf *out = r->out;

	for (; i < end; i++) {
		const struct op *op = &t->ops[i];
		const struct tv *v;
		int rc = 0;

		if (++r->steps > r->set->max_steps)
			return over_limit(r, t, op, r->set->max_steps, "steps",
					  "TMPL_MAX_STEPS");
		if (op->bol && ind)
			indent_add(out, ind);
		switch (op->kind) {
		case OP_TEXT:
			if (ind)
				text_indented(out, op->s, op->len, ind);
			else
				buf_add(out, op->s, op->len);
			break;
		case OP_VAR:
		case OP_RAW:
			v = ctx_find(t, op, ctx);
			if (!v || (v->kind != TV_STR && v->kind != TV_HTML))
				break;
			if (op->kind == OP_RAW && v->kind == TV_HTML)
				buf_add(out, v->s, v->len);
			else
				html_escape(out, v->s, v->len);
			break;
		case OP_SECTION:
		case OP_INVERTED:
			rc = section_render(r, t, i, ctx, ind, depth);
			i = op->end - 1;
			break;
		case OP_PARTIAL:
			rc = partial_render(r, t, op, ctx, ind, depth);
			break;
		}
		if (rc < 0)
			return rc;
		if (made(r) - r->from > r->set->max_output)
			return over_limit(r, t, op, r->set->max_output,
					  "bytes of output", "TMPL_MAX_OUTPUT");
		if (r->sink && out->len >= TMPL_SINK_CHUNK &&
		    (rc = hand_over(r)) < 0)
			return rc;
	}
	return 0;
}

/*
 * Render the template name with data into out, handing it to sink as it
 * grows when sink is set. Returns 0 or a failure, reported; on failure
 * out is as it was (but for what the sink took).
 */
static int render_run(struct tmpl_set *set, const char *name,
		      const struct tv *data, struct buf *out,
		      const struct tmpl_sink *sink)
{
	struct render r = { set, name, out, out->len, sink, 0, 0, 0, NULL,
			    NULL };
	struct frame root = { data, NULL };
	const struct tmpl *t = set_find(set, name, strlen(name));
	int rc;

	if (!t) {
		rc = tmpl_compile(set, name);
		if (rc < 0)
			return rc;
		t = set_find(set, name, strlen(name));
	}
	rc = render_ops(&r, t, 0, t->nr, &root, NULL, 0);
	if (!rc && sink && out->len)
		rc = hand_over(&r);
	if (rc < 0)
		buf_setlen(out, r.start);
	return rc;
}

int tmpl_render(struct tmpl_set *set, const char *name,
		const struct tv *data, struct buf *out)
{
	return render_run(set, name, data, out, NULL);
}

int tmpl_render_to(struct tmpl_set *set, const char *name,
		   const struct tv *data, const struct tmpl_sink *sink)
{
	struct buf out = BUF_INIT;
	int rc = render_run(set, name, data, &out, sink);

	buf_release(&out);
	return rc;
}
