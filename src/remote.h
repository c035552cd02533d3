/*
 * Talking to a git remote through libgit2: credentials (ssh-agent, a key
 * file, `git credential` for https), host keys checked against
 * ~/.ssh/known_hosts, progress on a terminal, and what the remote says
 * when it refuses a push.
 */
#ifndef TEND_REMOTE_H
#define TEND_REMOTE_H

#include <git2.h>

#include "buf.h"
#include "ctx.h"
#include "progress.h"

/* One conversation with a remote: what was tried and what it said. */
struct remote_talk {
	const struct ctx *ctx;
	int quiet;		/* no progress, no remote messages */
	struct progress receiving;	/* the meter of a fetch */
	struct progress resolving;	/* then of its deltas */
	struct progress sending;	/* the meter of a push */
	unsigned tried;		/* REMOTE_TRIED_* already offered */
	size_t next_key;	/* the next default key file to offer */
	char *cred_url;		/* the https credential to approve/reject */
	char *cred_user, *cred_pass;
	struct buf said;	/* the remote's own messages ("remote: ") */
	struct buf refused;	/* refs the remote refused, with reasons */
};

void remote_talk_init(struct remote_talk *t, const struct ctx *ctx,
		      int quiet);
void remote_talk_release(struct remote_talk *t);

/*
 * Fill cb with the callbacks of t (t is their payload), for a connection
 * about to be made: its progress on a terminal is timed from now.
 */
void remote_callbacks(struct remote_talk *t, git_remote_callbacks *cb);

/*
 * Report that what (a phrase: "cannot fetch from 'origin'") failed with
 * libgit2's code rc, with the remote's own words when it said any.
 * Clears the progress line. Returns FAIL_REMOTE (FAIL_BUSY for a git
 * lock held by another process; FAIL, "No space left on device", for a
 * full disk).
 */
int remote_fail(struct remote_talk *t, int rc, const char *what);

/*
 * After a push that libgit2 took: report the refs the remote refused
 * (FAIL_REMOTE), else tell `git credential` the password worked and
 * return 0.
 */
int remote_pushed(struct remote_talk *t, const char *name);

/* The work went well: keep an https credential that was used. */
void remote_done(struct remote_talk *t);

/* Clear the progress line, when one is shown, and show no more. */
void remote_progress_end(struct remote_talk *t);

/*
 * Does name make a good remote name for git? Returns 1 or 0.
 */
int remote_name_ok(const char *name);

#endif
