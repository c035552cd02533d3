/*
 * Drafts: text being written in the user's editor lives in a file under
 * .tend/drafts/ (mode 0600; never /tmp) until it is safely in the journal.
 * When anything goes wrong the draft is kept and its path is named.
 */
#ifndef TEND_DRAFT_H
#define TEND_DRAFT_H

#include "buf.h"
#include "ctx.h"

struct draft {
	struct buf path;	/* absolute path of the draft file */
	struct buf shown;	/* the draft when the editor opened */
	struct buf text;	/* what it holds after the editor */
};

#define DRAFT_INIT { BUF_INIT, BUF_INIT, BUF_INIT }

/*
 * Write text into a new draft file .tend/drafts/NAME-XXXXXX.md. Returns 0
 * or FAIL.
 */
int draft_create(struct draft *d, const struct ctx *ctx, const char *name,
		 const char *text, size_t len);

/*
 * Open the draft in the editor and read it back into d->text. Prints a
 * hint when the editor returned at once without changing anything.
 * Returns 0, or FAIL / FAIL_USAGE when the editor failed or could not run;
 * then a draft the editor changed is kept and named, and an unchanged one
 * is removed (d->path is emptied).
 */
int draft_edit(struct draft *d, const struct ctx *ctx);

/* Did the editor change the draft? */
int draft_changed(const struct draft *d);

/* Tell the user where the draft is kept. */
void draft_say_kept(const struct draft *d);

/*
 * On a terminal, ask whether to open the draft again after a problem
 * with it. Returns 1 for yes, 0 for no (or when not on a terminal).
 */
int draft_ask_again(const struct ctx *ctx);

/* Delete the draft file (it is in the journal now, or was empty). */
void draft_remove(struct draft *d);

void draft_release(struct draft *d);

#endif
