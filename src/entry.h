/*
 * An entry: one Markdown file with front matter (tend-journal(5)). The known
 * keys are read into fields; the file's text is kept so that writing it back
 * changes only what was set.
 */
#ifndef TEND_ENTRY_H
#define TEND_ENTRY_H

#include <stddef.h>

#include "buf.h"
#include "ctx.h"
#include "dates.h"
#include "frontmatter.h"
#include "strvec.h"

#define ENTRY_MAX_BYTES (1024 * 1024)
#define RATING_MAX 5

/* The known keys, in the order tend writes them. */
extern const char *const entry_keys[];

struct entry {
	char *id;		/* the file name without ".md" */
	char *path;		/* relative to the journal root */
	struct buf text;	/* the whole file (entry_set_*() update it) */
	struct fm fm;
	char *title;		/* NULL when none */
	struct datetime date;
	int has_date;		/* date is known */
	int mood;		/* 0 when none */
	struct strvec feelings, goals, tags;
	struct strvec ratings;	/* goal, value, goal, value, ... */
	char *prompt;
	int share, private;
	size_t words;
};

void entry_init(struct entry *e);
void entry_release(struct entry *e);

/*
 * Read the front matter of e->text and the known keys (mood in 1..scale).
 * The title falls back to the body's first heading, for a check-in (no
 * words, a mood or feelings) to "Check-in, mood 5 · tired", then to the
 * ID; the date to a date at the start of the file name (when e->id is
 * set). Returns 0, or -1 with
 * err filled in; a bad file is never changed by reading it.
 */
int entry_parse(struct entry *e, int scale, struct fm_error *err);

/*
 * Read and parse the journal's file path (decrypted, in an encrypted
 * journal), with the journal's mood scale. Reports problems as
 * PATH:LINE:COL. Returns 0, FAIL (cannot read) or FAIL_INVALID (bad
 * content or too large).
 */
int entry_load(struct entry *e, struct ctx *ctx, const char *path);

/* The body: the text after the front matter. */
const char *entry_body(const struct entry *e, size_t *len);

/*
 * Set a known key of the front matter to a value, written as tend-journal(5)
 * says (quoted when needed), and update the field. An empty list removes the
 * key.
 */
void entry_set_str(struct entry *e, const char *key, const char *value);
void entry_set_int(struct entry *e, const char *key, long value);
void entry_set_bool(struct entry *e, const char *key, int value);
void entry_set_list(struct entry *e, const char *key,
		    const struct strvec *items);
void entry_set_date(struct entry *e, const struct datetime *dt);

/*
 * Add alias to the aliases list of e, as its front matter was last
 * parsed, so that a [[alias]] wikilink of a notes app still finds it: a
 * new list, or one added to a list or a word there, unless it is there
 * already; aliases of another shape are left as they are. Returns 1
 * when it was added, else 0.
 */
int entry_add_alias(struct entry *e, const char *alias);

/* Set ratings from goal, value, goal, value... (a flow map). */
void entry_set_ratings(struct entry *e, const struct strvec *pairs);

/* Remove a key from the front matter (its field is left as it is). */
void entry_unset(struct entry *e, const char *key);

/*
 * Is the body blank, or exactly the template body it started from (blanks
 * at the ends aside)? tmpl may be NULL.
 */
int entry_body_is_empty(const struct entry *e, const char *tmpl,
			size_t tmpl_len);

/*
 * A title from the body for an entry written without one: its first
 * heading, else its first sentence, at most 80 bytes, cut at a word.
 * Lines of the template the entry started from (tmpl, may be empty) are
 * passed over, so that the title comes from the user's own words.
 * Appends to out; appends nothing when there is nothing to take.
 */
void entry_title_from_body(const char *body, size_t len, const char *tmpl,
			   size_t tmpl_len, struct buf *out);

/*
 * Append the JSON object of e (tend-list(1)) without its closing brace, so a
 * caller can add keys before closing it.
 */
void entry_json(const struct entry *e, struct buf *out);

/*
 * The ID of an entry path (or of an ID): its file name without ".md"
 * (or ".md.age", in an encrypted journal).
 * The caller frees the result.
 */
char *entry_path_id(const char *path);

/* Append the ID of each of paths to ids. */
void entry_path_ids(const struct strvec *paths, struct strvec *ids);

/*
 * Pick the one ID among ids that name matches (exactly, else as a
 * prefix). Returns its index, -1 (none) or -2 (several; reported).
 */
long entry_match_id(const char *name, const struct strvec *ids);

/* Is the text a date-stamped ID prefix "YYYY-MM-DD[-HHMM]"? Fills dt. */
int entry_date_from_name(const char *name, struct datetime *dt);

#endif
