/*
 * HTML templates: a small mustache of tend's own (tend-render(1)).
 *
 *   {{name}}            the value, escaped for HTML text and attributes
 *   {{{name}}} {{&name}} the value raw, but only when the program made it
 *                       as trusted HTML (tv_new_html(): cmark's safe
 *                       output, the program's own SVG); any other value is
 *                       escaped there too
 *   {{#name}}...{{/name}} a section: once for true, a non-empty string or
 *                       a map (pushed as the context), once per item of a
 *                       non-empty list (each pushed); skipped for null,
 *                       false, "" and []
 *   {{^name}}...{{/name}} an inverted section: only when name is falsy
 *   {{>name}}           a partial: the template called name, rendered in
 *                       the current context (indented like its tag when
 *                       the tag stands alone on its line)
 *   {{! comment }}      nothing
 *   a.b.c               dotted names: a is looked up from the innermost
 *                       context outwards, b and c inside it
 *   {{.}}               the current context itself
 *
 * A list can be made one item at a time (tv_new_made()), for lists too
 * long to hold: a section goes through it from its first item, and each
 * item is made when its turn comes and forgotten after it.
 *
 * A section, inverted, closing, comment or partial tag alone on its line
 * takes the line with it ("standalone", as mustache specifies). Blanks
 * inside a tag are allowed: {{ name }}. Set-delimiter tags are not
 * supported and are an error.
 *
 * A template is compiled once, and every error is reported as
 * "SOURCE:LINE:COL: message" (error_at()), SOURCE being where the
 * template came from.
 */
#ifndef TEND_TEMPLATE_H
#define TEND_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"

/*
 * An arena: memory for the values of one page, freed all at once.
 * Allocation never fails (running out of memory ends tend).
 */
struct arena {
	struct arena_block *head;
	struct arena_block *spare;	/* emptied by arena_clear() */
};

#define ARENA_INIT { NULL, NULL }

/* n bytes, aligned for any type, zeroed. */
void *arena_alloc(struct arena *a, size_t n);

/* A NUL-terminated copy of s[0..len) in a. */
char *arena_strndup(struct arena *a, const char *s, size_t len);

/* Free everything allocated in a; a can be used again. */
void arena_release(struct arena *a);

/*
 * Forget everything allocated in a but keep its blocks for what comes
 * next (one page after another: memory taken once, and touched once,
 * however many pages are made); arena_release() frees them.
 */
void arena_clear(struct arena *a);

/* The values templates read. */
enum tv_kind {
	TV_NULL,	/* nothing: falsy, renders as "" */
	TV_BOOL,
	TV_STR,		/* text, always escaped */
	TV_HTML,	/* trusted HTML: raw in {{{ }}}, escaped in {{ }} */
	TV_LIST,
	TV_MAP		/* keys in the order they were put */
};

/*
 * What makes item i of a list made one item at a time: puts it in *item
 * (its memory the maker's, kept until the next call) and returns 0, or a
 * failure after reporting it, which stops the render.
 */
struct tv;
typedef int (*tv_make_fn)(void *data, size_t i, const struct tv **item);

struct tv {
	enum tv_kind kind;
	int b;			/* TV_BOOL */
	const char *s;		/* TV_STR, TV_HTML: NUL-terminated */
	size_t len;
	struct tv **items;	/* TV_LIST: the items; TV_MAP: the values */
	const char **keys;	/* TV_MAP: the keys */
	size_t nr, alloc;
	tv_make_fn make;	/* TV_LIST of nr items made one at a time */
	void *make_data;	/* for make */
};

/*
 * Values live in an arena: every tv_* function that takes one allocates
 * there, copies the strings it is given, and never fails. The returned
 * pointers belong to the arena.
 */
struct tv *tv_new_null(struct arena *a);
struct tv *tv_new_bool(struct arena *a, int b);
struct tv *tv_new_str(struct arena *a, const char *s);	/* NULL: null */
struct tv *tv_new_strn(struct arena *a, const char *s, size_t len);
struct tv *tv_new_strf(struct arena *a, const char *fmt, ...) PRINTF(2, 3);
struct tv *tv_new_html(struct arena *a, const char *s, size_t len);
struct tv *tv_new_list(struct arena *a);
struct tv *tv_new_map(struct arena *a);

/*
 * A list of nr items made one at a time by make(data, i, ...) as a
 * section goes through it (again from item 0 each time a section names
 * it), so that only one item is held at a time. Nothing can be pushed on
 * it, and it cannot be hashed. Inside one of its items no such list can
 * be gone through: the render fails there, for a list inside its own
 * items repeats without end in all but name.
 */
struct tv *tv_new_made(struct arena *a, size_t nr, tv_make_fn make,
		       void *data);

/* Append v to the list. */
void tv_push(struct arena *a, struct tv *list, struct tv *v);

/* Set key of the map to v (replacing an earlier value of key). */
void tv_put(struct arena *a, struct tv *map, const char *key, struct tv *v);

/* Shorthands: tv_put() of tv_new_str(), _strf(), _bool(), _html(). */
void tv_put_str(struct arena *a, struct tv *map, const char *key,
		const char *s);
void tv_put_strf(struct arena *a, struct tv *map, const char *key,
		 const char *fmt, ...) PRINTF(4, 5);
void tv_put_bool(struct arena *a, struct tv *map, const char *key, int b);
void tv_put_html(struct arena *a, struct tv *map, const char *key,
		 const char *s, size_t len);

/* The value of key in map, or NULL (also when map is not a map). */
const struct tv *tv_get(const struct tv *map, const char *key);

/*
 * Fold v (its kinds, keys and bytes, in order) into the hash h
 * (hash_add() of util.h): equal values give equal hashes, and values that
 * differ in any way give different ones but by chance. v holds no list
 * made one item at a time.
 */
uint64_t tv_hash(uint64_t h, const struct tv *v);

/*
 * Where templates come from: put the text of the template called name in
 * text and a name for messages in source ("templates/html/entry.html").
 * Returns 0, 1 when there is no such template (nothing reported), or a
 * failure after reporting.
 */
typedef int (*tmpl_load_fn)(void *data, const char *name, struct buf *text,
			    struct buf *source);

/* A set of templates, compiled when first needed and kept. */
struct tmpl_set;

/* A new set reading through load (with data). Free with tmpl_set_free. */
struct tmpl_set *tmpl_set_new(tmpl_load_fn load, void *data);
void tmpl_set_free(struct tmpl_set *set);

/*
 * Compile the template name and, recursively, every partial it names.
 * Returns 0; FAIL_INVALID after reporting SOURCE:LINE:COL for a syntax
 * error or a partial that does not exist (at the partial's tag); FAIL
 * when name itself does not exist or the loader failed.
 */
int tmpl_compile(struct tmpl_set *set, const char *name);

/*
 * The most one render does, for the page and, apart, for each item of a
 * list made one at a time (so that an export of any number of entries
 * fits, each entry under the limits on its own): ops run (text runs,
 * tags, partials) and bytes made. Sections over lists and partials can
 * repeat without end (a section of the list inside a section of the same
 * list, a partial naming itself twice), and past these the render fails
 * instead of filling memory or running for ever, naming the limit. A
 * build may set lower ones (fuzzing does), and tmpl_set_limits() too.
 */
#ifndef TMPL_MAX_STEPS
#define TMPL_MAX_STEPS 100000000
#endif
#ifndef TMPL_MAX_OUTPUT
#define TMPL_MAX_OUTPUT (256UL << 20)
#endif

/* Set the limits of the renders of set (TMPL_MAX_* unless set). */
void tmpl_set_limits(struct tmpl_set *set, unsigned long steps,
		     size_t output);

/*
 * Render the template name with data as its context, appending to out.
 * Compiles it first when needed. Returns 0, the failure of
 * tmpl_compile(), a failure of a list's maker, or FAIL_INVALID after
 * reporting partials nested more than 32 deep or a list made one item
 * at a time gone through inside its items (at the tag), or a render past
 * a limit (naming the limit, and the tag where it stopped). On failure
 * out is as it was.
 */
int tmpl_render(struct tmpl_set *set, const char *name,
		const struct tv *data, struct buf *out);

/*
 * Where the output of tmpl_render_to() goes as it is made: write(data,
 * s, len) takes the next len bytes, and returns 0 or a failure after
 * reporting it, which stops the render.
 */
struct tmpl_sink {
	int (*write)(void *data, const char *s, size_t len);
	void *data;
};

/* The bytes a render gathers before it hands them to its sink. */
#define TMPL_SINK_CHUNK (64 * 1024)

/*
 * tmpl_render(), handing the output to sink as it is made, in parts of
 * about TMPL_SINK_CHUNK bytes, so that a page of any size is never held
 * whole. Returns as tmpl_render() does, or the sink's failure; on
 * failure what the sink took is its own to discard.
 */
int tmpl_render_to(struct tmpl_set *set, const char *name,
		   const struct tv *data, const struct tmpl_sink *sink);

#endif
