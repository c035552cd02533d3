/*
 * Bringing the journal's files from one tree of its history to another
 * (what a sync that fetched something does), so that a failure never
 * leaves a cut file: every new file is written in full to a temporary
 * file and flushed before any file of the journal changes, and then
 * renamed into place.
 */
#ifndef TEND_CHECKOUT_H
#define TEND_CHECKOUT_H

#include <git2.h>

#include "ctx.h"

/*
 * Make the journal's files, which are as tree from has them, what tree to
 * has, and git's index with them. A file that differs from from (an
 * edit not saved, an untracked file in the way) is never touched: the
 * checkout is refused before anything changes. When a new file cannot be
 * written in full (a full disk, say) nothing changes either. Returns 0,
 * or FAIL after reporting.
 */
int checkout_tree(struct ctx *ctx, git_tree *from, git_tree *to);

#endif
