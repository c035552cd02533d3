/*
 * Sync (tend-sync(1)): save pending edits, fetch, fast-forward or join the two
 * histories with a merge commit, push; never forced, never rewritten.
 * Also the remotes themselves, and cloning a journal.
 */
#ifndef TEND_SYNC_H
#define TEND_SYNC_H

#include <stddef.h>

#include "ctx.h"
#include "inbox.h"
#include "merge.h"
#include "strvec.h"

/* What a sync did. */
struct sync_report {
	char *remote;		/* the remote's name */
	char *branch;		/* the remote's branch */
	size_t saved;		/* pending edits committed first */
	size_t received;	/* commits that came in */
	size_t sent;		/* commits that went out */
	size_t added, changed, deleted;	/* files the sync changed here */
	int merged;		/* a merge commit joined both sides */
	int replaced;		/* the remote's branch was replaced (force) */
	struct merge_result merge;	/* conflict copies, kept edits */
	struct inbox_result inbox;	/* what was filed from the inbox */
};

void sync_report_init(struct sync_report *r);
void sync_report_release(struct sync_report *r);

/* How sync_run() goes about it. */
enum {
	SYNC_QUIET = 1 << 0,	/* no progress and no remote messages */
	SYNC_FORCE = 1 << 1,	/* replace a history the journal rewrote */
	SYNC_PURGED = 1 << 2,	/* this clone took in a purge already */
	SYNC_TAKE_PURGE = 1 << 3	/* purge here, unasked, what another
					 * clone purged */
};

/*
 * Sync the journal with the remote called name (NULL: [sync] remote,
 * else "origin"), holding the journal's lock, as how says. With
 * SYNC_FORCE the remote's branch is replaced by the journal's, but only
 * when tend encrypt or decrypt noted it (sync_note_rewritten()) and it is
 * still where it was then (a lease); what it held goes from the journal's
 * git folder, and from the remote's too when it is a folder. Returns 0
 * (conflict copies, if any, are in r), or FAIL_USAGE (no such remote),
 * FAIL_REMOTE (unreachable, refused, authentication, a link out of the
 * journal), FAIL_BUSY or FAIL after reporting. What the inbox holds once
 * the remote's commits are in is filed (inbox_file()) before the push,
 * so that the move goes out too. A fetch that fails
 * changes nothing here: pending edits are committed only once the remote
 * answered.
 */
int sync_run(struct ctx *ctx, const char *name, unsigned how,
	     struct sync_report *r);

/*
 * The journal's remote-tracking branches, each "REMOTE BRANCH HEX", into
 * out: to note after the history is rewritten. Returns 0 or FAIL.
 */
int sync_tracking(struct ctx *ctx, struct strvec *out);

/*
 * Note, in SYNC_REWRITTEN, that the journal's history was rewritten
 * while the remote-tracking branches were as tracking (from
 * sync_tracking()) says, for `tend sync --force`; a branch noted at an
 * earlier rewrite keeps that note. Returns 0 or FAIL after reporting.
 */
int sync_note_rewritten(struct ctx *ctx, const struct strvec *tracking);

/* Where those notes are: lines "REMOTE BRANCH HEX", no words of the user. */
#define SYNC_REWRITTEN ".tend/rewritten"

/*
 * A remote's URL as it should be kept: a local path made absolute (the
 * journal is used from any folder), anything else as it is. The caller
 * frees the result.
 */
char *sync_url(const char *url);

/*
 * Clone the journal at url into dir (which must not exist, or be an empty
 * folder): fetch, pick the branch (the remote's HEAD, else main, else its
 * only branch), refuse links out of the journal and a repository that is
 * no journal, then check the files out. Sets *entries to the number of
 * entry files, and ctx->encrypted for an encrypted journal (whose files
 * come as they are: no key is needed to clone it). On failure dir is as
 * it was. Returns 0, FAIL_REMOTE, FAIL or FAIL_USAGE after reporting.
 */
int sync_clone(struct ctx *ctx, const char *url, const char *dir,
	       size_t *entries);

#endif
