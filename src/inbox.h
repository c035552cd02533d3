/*
 * The phone inbox (tend-journal(5)): Markdown files that another app
 * commits to the folder of [inbox] path are filed as entries under
 * entries/YYYY/MM/ID.md, all in one commit, by tend save and tend sync.
 * A file that cannot be read for certain stays where it is, named.
 */
#ifndef TEND_INBOX_H
#define TEND_INBOX_H

#include <stddef.h>

#include "ctx.h"
#include "strvec.h"

/* A file that stays in the inbox, not filed, and why. */
struct inbox_left {
	char *path;		/* DIR/NAME, relative to the journal */
	int line, col;		/* where in it the trouble is (1, 1) */
	char *why;		/* as filing says it */
};

/* What filing the inbox did. */
struct inbox_result {
	struct strvec filed;	/* pairs: the inbox file, the entry's ID */
	struct inbox_left *left;	/* the inbox files that stay */
	size_t nleft, alloc;
	struct strvec waiting;	/* inbox_stuck(): what it would file */
	int plain;		/* an encrypted journal took plain text */
	int quiet;		/* note what stays, say nothing of it */
};

void inbox_result_init(struct inbox_result *r);
void inbox_result_release(struct inbox_result *r);

/* The inbox folder of the journal: [inbox] path, else INBOX_DEFAULT. */
const char *inbox_dir(const struct ctx *ctx);

/*
 * File what the inbox holds, holding the journal's lock: each Markdown
 * file directly in it that reads as an entry gets a date key (from its
 * date or created key, its name, the commit that added it, else its
 * time) and a title key (from its name, when it has no title nor
 * heading) when it lacks them, and moves to a new, free ID, its other
 * bytes as they were (sealed in an encrypted journal); all of them in
 * one commit. What cannot be filed is named on stderr and stays, as
 * does a hidden file or a README. On failure nothing is filed and the
 * inbox is as it was. Returns 0 (r says what happened), or FAIL or
 * FAIL_BUSY after reporting.
 */
int inbox_file(struct ctx *ctx, struct inbox_result *r);

/*
 * What inbox_file() would do, without doing any of it or saying
 * anything: the files it would leave, and why, in r->left (in the order
 * of their names; the inbox folder itself when it is reached through a
 * symbolic link), and the files it would file in r->waiting. For tend
 * status and tend check. Returns 0, or FAIL after reporting that the
 * folder cannot be read.
 */
int inbox_stuck(struct ctx *ctx, struct inbox_result *r);

/*
 * Print what r says on stdout, "Filed PATH as ID" for each file, and a
 * warning for what stays.
 */
void inbox_result_print(const struct ctx *ctx,
			const struct inbox_result *r);

#endif
