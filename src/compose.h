/*
 * Composing a new entry (tend-new(1)): from options, a template, a
 * prompt, and text given or written in the editor.
 */
#ifndef TEND_COMPOSE_H
#define TEND_COMPOSE_H

#include "buf.h"
#include "ctx.h"
#include "dates.h"
#include "strvec.h"

struct compose {
	const char *title;		/* NULL for none */
	const char *message;		/* the text (-m), or NULL */
	int use_stdin;			/* read the entry from stdin */
	int no_edit;			/* from the options alone */
	long mood;			/* 0 when not given */
	struct strvec feelings, goals, tags;
	struct strvec ratings;		/* goal, value, goal, value... */
	const struct datetime *date;	/* NULL: now */
	const char *template;		/* an entry template, or NULL */
	const char *prompt;		/* the prompt it answers, or NULL */
	int share, private;
	int keep_empty;			/* keep it without text (ratings) */
	const char *verb;		/* the commit: "VERB: TITLE" */
};

void compose_init(struct compose *c);
void compose_release(struct compose *c);

/*
 * Write a new entry as c says: from the template (and the prompt, quoted
 * at the top), with the text of -m, of stdin (which may carry front
 * matter) or of the editor, and the options over it. An entry left empty,
 * or still just its template, is discarded with a message (id empty).
 * Anything that goes wrong keeps what was written as a draft and names
 * it. Milestones the entry reaches for its goals are announced. Returns
 * 0 with the ID in id, or a failure after reporting.
 */
int compose_entry(struct ctx *ctx, const struct compose *c, struct buf *id);

/* How many IDs a new entry tries: ID, ID-2, ... ID-9999. */
#define COMPOSE_MAX_CLASH 10000

/*
 * The ID of a new entry dated date, before any "-N" for a clash, into
 * base: YYYY-MM-DD-HHMM-SLUG on the wall clock of date, SLUG the slug of
 * name (its title, or "entry" or "check-in"); in an encrypted journal
 * the date and time alone, so that no title is in a file name.
 */
void compose_base_id(const struct ctx *ctx, const struct datetime *date,
		     const char *name, struct buf *base);

/*
 * The nth try of an ID from base (n 1: base itself, else base-N) into
 * id, and its file entries/YYYY/MM/ID.md (.md.age in an encrypted
 * journal) into path, both replaced.
 */
void compose_id_path(const struct ctx *ctx, const struct datetime *date,
		     const char *base, int n, struct buf *id,
		     struct buf *path);

#endif
