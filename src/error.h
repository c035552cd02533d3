/*
 * Reporting problems. Modules report with error() and return its value;
 * only the command layer turns a result into an exit code. On a
 * terminal that can erase (not a dumb one), every message erases the
 * rest of its line, so it can be written over a progress meter's
 * (progress.h) in the middle of work.
 */
#ifndef TEND_ERROR_H
#define TEND_ERROR_H

/*
 * What went wrong, as a negative result. The command layer turns it into
 * the exit code of tend(1) EXIT STATUS with exit_code().
 */
enum {
	FAIL = -1,		/* I/O, git, not found */
	FAIL_USAGE = -2,	/* bad flags, config, WHEN, ranges */
	FAIL_INVALID = -3,	/* invalid content, size limits */
	FAIL_BUSY = -4,		/* a lock is held by another process */
	FAIL_REMOTE = -5,	/* a remote could not be reached or refused */
	FAIL_CONFLICTS = -6,	/* sync finished but left conflict copies */
	FAIL_LOCKED = -7	/* an encrypted journal's key stays locked */
};

#define PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Print "tend: MESSAGE" on stderr and return FAIL. */
int error(const char *fmt, ...) PRINTF(1, 2);

/* Print "tend: MESSAGE" on stderr and return code (one of FAIL_*). */
int error_as(int code, const char *fmt, ...) PRINTF(2, 3);

/*
 * Print a problem in a file as "PATH:LINE:COL: MESSAGE" and return
 * FAIL_INVALID.
 */
int error_at(const char *path, int line, int col, const char *fmt, ...)
	PRINTF(4, 5);

/* Print "tend: warning: MESSAGE" on stderr. */
void warning(const char *fmt, ...) PRINTF(1, 2);

/* Print "tend: MESSAGE" on stderr and exit 1; for what cannot go on. */
_Noreturn void die(const char *fmt, ...) PRINTF(1, 2);

/*
 * Does errnum say that a disk, or the user's quota on it, is full
 * (ENOSPC, EDQUOT)? A message then gives strerror(errnum) as its reason,
 * "No space left on device", whatever library the failure came through.
 */
int error_is_full(int errnum);

/*
 * The errnum of a full disk named in a library's message (which ends in
 * strerror's words, as libgit2's do), or 0.
 */
int error_full_in(const char *message);

/* The exit code for a result: 0 for rc >= 0, else -rc. */
int exit_code(int rc);

/*
 * Is the terminal a dumb one, that moves to the start of a line but
 * knows no other control (TERM unset or "dumb", as in Emacs' shell), as
 * git tells? Then nothing is erased with "\033[K".
 */
int term_dumb(void);

#endif
