/*
 * Drafts: text being written in the user's editor lives in a file under
 * .tend/drafts/ (mode 0600; never /tmp) until it is safely in the journal.
 * When anything goes wrong the draft is kept and its path is named. In
 * an encrypted journal the draft lives in a private folder in memory
 * (vault_memory_dir()), and one that is kept is written back to
 * .tend/drafts/ encrypted, as NAME.md.age.
 */
#ifndef TEND_DRAFT_H
#define TEND_DRAFT_H

#include "buf.h"
#include "ctx.h"

/* The most of a draft tend reads back (an entry may hold 1 MiB). */
#define DRAFT_MAX_BYTES (64 * 1024 * 1024)

struct draft {
	struct buf path;	/* absolute path of the draft file, or "" */
	struct buf shown;	/* the draft when the editor opened */
	struct buf text;	/* what it holds after the editor */
	struct ctx *ctx;	/* the journal, for an encrypted one's */
	int in_memory;		/* path is in a folder in memory */
};

#define DRAFT_INIT { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0 }

/*
 * Write text into a new draft file .tend/drafts/NAME-XXXXXX.md (in an
 * encrypted journal, in memory). Returns 0, or FAIL with d->path left
 * empty.
 */
int draft_create(struct draft *d, struct ctx *ctx, const char *name,
		 const char *text, size_t len);

/*
 * Open the draft in the editor until check() accepts what it holds
 * (check reports what is wrong and returns FAIL_INVALID, or returns 0).
 * After a refusal, on a terminal, the user may open it again. A draft the
 * editor left unchanged is not checked; a hint is printed when the editor
 * returned at once without a change.
 *
 * Returns 0 (d->text holds the result); FAIL_USAGE when the editor
 * command cannot be read (the untouched draft is removed); FAIL when the
 * editor failed; FAIL_INVALID when the text was refused and not fixed.
 * In the last two cases the draft is kept and named.
 */
int draft_edit(struct draft *d, struct ctx *ctx,
	       int (*check)(const struct draft *d, void *data), void *data);

/* Did the editor change the draft? */
int draft_changed(const struct draft *d);

/*
 * Keep the draft: a draft in memory is written encrypted to
 * .tend/drafts/ and the plain one removed (should that fail, it stays in
 * memory, with a warning). Returns the path it is kept at, d->path.s.
 */
const char *draft_keep(struct draft *d);

/* Keep the draft and tell the user where it is kept. */
void draft_say_kept(struct draft *d);

/* Delete the draft file (it is in the journal now, or was empty). */
void draft_remove(struct draft *d);

void draft_release(struct draft *d);

#endif
