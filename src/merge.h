/*
 * Joining two lines of history by whole files, so that no word is lost
 * and no file gets conflict markers (tend-sync(1)): a file changed on one side
 * takes that change; a file changed differently on both keeps ours at its
 * path and theirs beside it as NAME.conflict-SHORTHASH.EXT; an edit wins
 * over a deletion. Also the check that a remote sends no symbolic link
 * that leads out of the journal, and nothing into .tend/.
 */
#ifndef TEND_MERGE_H
#define TEND_MERGE_H

#include <git2.h>

#include "strvec.h"

/* One file both sides changed: ours stays at path, theirs is at copy. */
struct merge_copy {
	char *path;
	char *copy;
};

struct merge_result {
	git_oid tree;			/* the joined tree */
	struct merge_copy *copies;	/* sorted by path */
	size_t nr, alloc;
	struct strvec kept;	/* edited here or there, deleted on the other */
};

void merge_result_init(struct merge_result *r);
void merge_result_release(struct merge_result *r);

/*
 * The name of the conflict copy of path for the commit whose hex hash
 * starts with tag: "dir/ID.md" gives "dir/ID.conflict-TAG.md"; with n > 1,
 * "dir/ID.conflict-TAG-N.md"; an age file "dir/ID.md.age" gives
 * "dir/ID.conflict-TAG.md.age". The caller frees the result.
 */
char *merge_copy_name(const char *path, const char *tag, int n);

/*
 * Join ours and theirs, which both grew from base (NULL: the empty tree),
 * into out->tree; tag names the conflict copies (the short hash of their
 * commit). Returns 0, or FAIL after reporting (a file on one side where
 * the other has a folder, or a git error).
 */
int merge_trees(git_repository *repo, git_tree *base, git_tree *ours,
		git_tree *theirs, const char *tag, struct merge_result *out);

/*
 * Look at each file that `to` has and `from` (NULL: none) does not have
 * the same: a symbolic link that is absolute or climbs with ".." would
 * lead out of the journal, and anything in .tend/ would put a remote's
 * words in this machine's own state and settings. Each is reported as
 * coming from where. Returns 0, FAIL_REMOTE when there is any, or FAIL.
 */
int merge_check_incoming(git_repository *repo, git_tree *from,
			 git_tree *to, const char *where);

#endif
