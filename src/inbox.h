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

/* What filing the inbox did. */
struct inbox_result {
	struct strvec filed;	/* pairs: the inbox file, the entry's ID */
	struct strvec left;	/* the inbox files that stay, not filed */
	int plain;		/* an encrypted journal took plain text */
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
 * Print what r says on stdout, "Filed PATH as ID" for each file, and a
 * warning for what stays.
 */
void inbox_result_print(const struct ctx *ctx,
			const struct inbox_result *r);

#endif
