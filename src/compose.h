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

#endif
