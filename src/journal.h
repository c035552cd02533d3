/*
 * The journal as a folder (tend-journal(5)): finding it, its lock, its state
 * folder, and its entries as files.
 */
#ifndef TEND_JOURNAL_H
#define TEND_JOURNAL_H

#include <stddef.h>

#include "buf.h"
#include "ctx.h"
#include "entry.h"
#include "strvec.h"

/* How long a command waits for a lock held by another process. */
#define LOCK_WAIT_SECONDS 5

/*
 * Find the journal: --journal DIR, then TEND_JOURNAL, then the journal
 * enclosing the current folder, then [journal] path of the user config,
 * then $XDG_DATA_HOME/tend/journal. Sets ctx->root (absolute, no links).
 * Returns 0, or FAIL after reporting.
 */
int journal_find(struct ctx *ctx);

/*
 * The folder a new journal goes in when `init` names none: the first of
 * --journal, TEND_JOURNAL, [journal] path and the XDG default. The caller
 * frees the result.
 */
char *journal_default_dir(const struct ctx *ctx);

/*
 * The root of the journal that holds path (a folder that may not exist
 * yet), or NULL. The caller frees the result.
 */
char *journal_enclosing(const char *path);

/*
 * Refuse dir as the folder of a new journal when it is a journal already
 * or inside one (a journal cannot hold another). Returns 0, or FAIL
 * after reporting.
 */
int journal_refuse_within(const char *dir);

/*
 * Take .tend/lock for a command that changes the journal, waiting up to
 * LOCK_WAIT_SECONDS for another tend, and for a git lock (index.lock)
 * left by another process; the repository is opened first. Returns 0,
 * FAIL (no sound repository) or FAIL_BUSY naming the holder.
 */
int journal_lock(struct ctx *ctx);

/* Let go of the lock (safe when not held). */
void journal_unlock(struct ctx *ctx);

/*
 * Make the folder .tend/SUB (mode 0700) and put its absolute path in out.
 * Returns 0 or FAIL.
 */
int journal_state_dir(const struct ctx *ctx, const char *sub,
		      struct buf *out);

/*
 * Find the entry a user named: an ID, a unique prefix of one, a path to
 * its file, or "last" (the newest), through the index (which is opened
 * and refreshed when it is not yet). Puts its path, relative to the
 * root, in path. Returns 0, or FAIL after reporting (none, or several).
 */
int journal_resolve(struct ctx *ctx, const char *name, struct buf *path);

/*
 * The conflict copies a sync left (NAME.conflict-SHORTHASH.EXT) under
 * entries/, goals/, prompts/ and templates/ and at the top of the
 * journal, appended to copies in path order.
 */
void journal_conflict_copies(const struct ctx *ctx, struct strvec *copies);

#endif
