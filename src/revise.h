/*
 * Changing a file of the journal in the user's editor: a draft, checked
 * when the editor closes, written back only if the file did not change
 * meanwhile, and committed. Used by edit (entries and the journal's
 * settings, prompts and templates) and goal edit.
 */
#ifndef TEND_REVISE_H
#define TEND_REVISE_H

#include "ctx.h"
#include "draft.h"

/* What revise_file() needs to know of the file. */
struct revision {
	const char *path;	/* relative to the journal */
	const char *id;		/* for the draft's name and messages */
	const char *what;	/* "entry" or "goal", for messages */
	const char *message;	/* the commit message */
	const char *remove_hint;	/* the command that deletes it */
	const char *seed;	/* the text of a file not there yet, or NULL:
				 * it must be there */
	int (*check)(const struct draft *d, void *data);
	void *data;
};

/*
 * Open r->path in the editor (see draft_edit()) and commit the change,
 * if there is one; a file not there yet (with r->seed) starts as the
 * seed and is made. An emptied file is left as it was. Returns 0 or a
 * failure; the draft is kept and named whenever what was written could
 * not be saved.
 */
int revise_file(struct ctx *ctx, const struct revision *r);

#endif
