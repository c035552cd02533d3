/*
 * YAML front matter: read with libyaml's event API into keys and values,
 * and written back so that every key tend does not change, and the body,
 * stay byte for byte as they were (tend-journal(5)).
 *
 * Values are scalars, lists of scalars and maps of scalars (ratings).
 * Anything else under an unknown key is kept as raw text and not read.
 * Anchors, aliases, tags and YAML directives are refused.
 */
#ifndef TEND_FRONTMATTER_H
#define TEND_FRONTMATTER_H

#include <stddef.h>

#include "buf.h"
#include "strvec.h"

#define FM_MAX_BYTES (64 * 1024)
#define FM_MAX_DEPTH 8

enum fm_kind {
	FM_NULL,	/* empty, "~" or "null" */
	FM_SCALAR,
	FM_LIST,	/* a sequence of scalars */
	FM_MAP,		/* a mapping of scalars to scalars */
	FM_OTHER	/* anything deeper; kept, not read */
};

struct fm_value {
	enum fm_kind kind;
	char *str;		/* FM_SCALAR: the text (owned) */
	int quoted;		/* FM_SCALAR: it was written in quotes */
	struct strvec items;	/* FM_LIST: items; FM_MAP: k, v, ... */
	int line, col;		/* where it starts in the file, 1-based */
};

struct fm_item {
	char *key;
	struct fm_value val;
	struct buf raw;		/* the lines of the key and value */
	struct buf trailer;	/* blank and comment lines after them */
	int line, col;		/* where the key is in the file, 1-based */
};

struct fm {
	int present;		/* the text began with front matter */
	const char *eol;	/* "\n" or "\r\n", from the opening line */
	struct buf open;	/* opening line "---" and lines before a key */
	struct fm_item *items;
	size_t nr, alloc;
	struct buf close;	/* the closing line "---" or "..." */
	size_t indent;		/* blanks before each key (usually 0) */
	size_t body_off;	/* where the body begins in the text */
	size_t null_at, null_len; /* a block that is only a null ("~"):
				   the word in open, taken out when a key
				   is set (null_len 0: none) */
};

struct fm_error {
	int line, col;		/* 1-based, in the whole file */
	struct buf msg;
};

#define FM_ERROR_INIT { 0, 0, BUF_INIT }

void fm_init(struct fm *fm);
void fm_release(struct fm *fm);
void fm_error_release(struct fm_error *err);

/*
 * Read the front matter at the start of text[0..len) into fm (which must
 * be initialised). A text without a block is fine: present is 0 and the
 * body is the whole text. Returns 0, or -1 with err filled in.
 *
 * Privacy fails closed: a text that looks as if it opens with front
 * matter that cannot be read for certain is refused, not taken as body.
 * That is a first line that is not blank made of three or more dashes or
 * of pluses (TOML) after blank lines or blanks, or longer than "---"; and
 * lines that end in a lone CR where they hide the opening or the closing
 * line ("---\rprivate: true\r---\r"). A "---" later in the text, after
 * other text, is Markdown's thematic break and stays body.
 */
int fm_parse(struct fm *fm, const char *text, size_t len,
	     struct fm_error *err);

/* The item with key, or NULL. */
struct fm_item *fm_get(const struct fm *fm, const char *key);

/*
 * Set key to the YAML text value (one line, already quoted as needed),
 * replacing its old lines but keeping the comments on and after them. A new key
 * goes after the last key that comes before it in order (a NULL-terminated
 * list of known keys, in the order they are written), else before the
 * first that comes after it, else at the end.
 */
void fm_set(struct fm *fm, const char *key, const char *value,
	    const char *const *order);

/* Remove key and its lines (its trailing comments stay). */
void fm_unset(struct fm *fm, const char *key);

/*
 * Copy every item of src into dst: its lines replace the lines of the same
 * key in dst, or are added as fm_set() adds them.
 */
void fm_overlay(struct fm *dst, const struct fm *src,
		const char *const *order);

/*
 * Append the front matter to out: nothing when there is none, else the
 * opening line, the items and the closing line. The caller appends the
 * body (text + body_off of the parsed text).
 */
void fm_write(const struct fm *fm, struct buf *out);

/*
 * Typed readers of values, for files with known keys (entries, goals).
 * Each fills err (at the value's place) and returns -1 when the value is
 * not of its kind.
 */

/* Fill in err for a bad value at v's place; returns -1. */
int fm_value_error(struct fm_error *err, const struct fm_value *v,
		   const char *fmt, ...) PRINTF(3, 4);

/* A list of words (flow or block; one scalar is a list of one), into out
 * without blanks or repeats. */
int fm_read_list(const struct fm_item *it, struct strvec *out,
		 struct fm_error *err);

/* A YAML 1.1 boolean (true/false, yes/no, on/off); empty is false. */
int fm_read_bool(const struct fm_item *it, int *out, struct fm_error *err);

/*
 * Fill in err at byte off of text, its line and column (in characters)
 * counted from the start of text; returns -1.
 */
int fm_error_at(struct fm_error *err, const char *text, size_t off,
		const char *fmt, ...) PRINTF(4, 5);

/*
 * Check that no key of fm differs from one of known (a NULL-terminated
 * list) only in case ("Private" for "private"): such a key would be kept
 * but not read. Returns 0, or -1 with err at the key.
 */
int fm_check_keys(const struct fm *fm, const char *const *known,
		  struct fm_error *err);

/*
 * Check that text[0..len) is UTF-8 text without NUL bytes; else fill err
 * with the line and column of the first bad byte and return -1.
 */
int fm_check_text(const char *text, size_t len, struct fm_error *err);

/*
 * Append s to out as a YAML scalar: plain when that reads back as the same
 * string in YAML 1.1, double-quoted otherwise. With flow set it is safe
 * inside [ ] and { }.
 */
void fm_quote(const char *s, int flow, struct buf *out);

/* Append items as a flow list: "[a, b]". */
void fm_quote_list(const struct strvec *items, struct buf *out);

#endif
