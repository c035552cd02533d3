/*
 * The git locks a tend takes, noted in the journal's own lock file
 * (.tend/lock, held with flock while a command changes the journal), so
 * that a tend killed while committing or pushing leaves behind no lock
 * that stops every later command: the next tend that takes .tend/lock
 * finds the note, knows its writer died holding it, and removes what it
 * provably left (and only that). A lock of another git process is never
 * touched.
 *
 * .tend/lock holds the holder's pid on its first line, then one line
 * "lock SECONDS PID PATH[ HEX]" for each git lock file a tend is about to
 * create: when, who, the lock's absolute path (the journal's
 * .git/index.lock, a ref's .lock, or one inside a folder remote), and the
 * id it will write into a ref's lock when that is known. A holder clears
 * its lines as soon as it lets go of those locks. Lines of a dead holder
 * whose locks could not be proved its own (a live process has the file
 * open) are kept, before the holder's own, until they can.
 */
#ifndef TEND_LOCKNOTE_H
#define TEND_LOCKNOTE_H

#include "ctx.h"

/*
 * How long after its note a lock may appear and still be taken for the
 * noted one. Notes are made just before the lock is taken, and renewed
 * while a fetch or push transfers.
 */
#define LOCKNOTE_WINDOW_SECONDS 120

/*
 * Note that the lock file at path (absolute) is about to be taken, to
 * hold hex (a ref's new id) when not NULL. Does nothing when this tend
 * does not hold .tend/lock. A note that cannot be written is a warning.
 */
void locknote_add(struct ctx *ctx, const char *path, const char *hex);

/*
 * Note the locks a commit on HEAD takes: git's index and the branch HEAD
 * names.
 */
void locknote_commit(struct ctx *ctx);

/* The noted locks are let go: clear this tend's notes. */
void locknote_clear(struct ctx *ctx);

/* Renew the notes' time (a transfer is still going on). */
void locknote_touch(const struct ctx *ctx);

/*
 * Called with .tend/lock (fd) just taken: when a holder died with notes
 * in it, remove each noted lock that is provably its leftover: made
 * after the note and within LOCKNOTE_WINDOW_SECONDS, open in no process,
 * and, for a ref, empty or holding (the start of) the noted id; say what
 * was removed. Then write this tend's pid, and the notes that are still
 * open questions. Sets ctx->lock_fd to fd.
 */
void locknote_begin(struct ctx *ctx, int fd);

/*
 * Called before .tend/lock is let go: leave only the notes that are open
 * questions, and no pid.
 */
void locknote_end(struct ctx *ctx);

#endif
