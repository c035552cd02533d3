/*
 * The journal's git repository, through libgit2: creating it, committing
 * files, what changed since the last commit, history, and old versions.
 */
#ifndef TEND_STORE_H
#define TEND_STORE_H

#include <git2.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "ctx.h"
#include "dates.h"
#include "strvec.h"

/*
 * Report libgit2's last error after what failed ("cannot read HEAD: ...");
 * a full disk as "WHAT: No space left on device", whatever libgit2 was
 * writing. Returns FAIL_BUSY for code GIT_ELOCKED (a git lock held
 * elsewhere), else FAIL.
 */
int store_fail(int code, const char *what);

/* Is path in tree (as anything)? 0 for a NULL tree. */
int store_in_tree(git_tree *tree, const char *path);

/*
 * Start and stop libgit2 (with fsync of the git folder on); store_open()
 * and store_close() do it when it is needed.
 */
int store_setup(void);
void store_teardown(void);

/*
 * Open the repository of ctx->root into ctx->repo (once; every store_*
 * function does it when it needs to). Returns 0 or FAIL.
 */
int store_open(struct ctx *ctx);
/* Close the repository and stop libgit2 (safe when neither is open). */
void store_close(struct ctx *ctx);

/*
 * Create a repository at ctx->root on branch main and commit paths (files
 * relative to the root) as its first commit. Returns 0 or FAIL.
 */
int store_create(struct ctx *ctx, const struct strvec *paths,
		 const char *message);

/*
 * Commit the current state of paths (relative to the root; a missing file
 * is a removal) on top of HEAD. Sets *committed to 0 when nothing changed.
 * Returns 0, FAIL, or FAIL_BUSY when git's index or a ref is locked.
 */
int store_commit(struct ctx *ctx, const struct strvec *paths,
		 const char *message, int *committed);

/* One file that differs from the last commit. */
struct store_change {
	char *path;
	char kind;		/* 'A' added, 'M' modified, 'D' deleted */
	int symlink;		/* it is a symbolic link (never saved) */
	int emptied;		/* an entry file now empty whose last commit
				   is not (never saved as an edit) */
};

struct store_changes {
	struct store_change *v;
	size_t nr, alloc;
	struct strvec behind;	/* files as last committed, but not as
				   git's index has them (a git stopped
				   before it wrote its index) */
};

/*
 * The files under entries/, goals/, prompts/, templates/, attachments/,
 * tend.ini and plan.md (an encrypted journal's tend.ini.age, plan.md.age
 * and key.age)
 * that differ from the last commit, sorted by path. Returns 0 or FAIL.
 */
int store_changes(struct ctx *ctx, struct store_changes *out);
void store_changes_clear(struct store_changes *c);

/*
 * Remove what a commit of tend's that was stopped left: the copy of git's
 * index it kept to put back. For the holder of the journal's lock.
 */
void store_index_kept_clear(struct ctx *ctx);

/*
 * Read the file at path as it was in revision rev into out, decrypted
 * when it is an encrypted journal's age file (vault.h). Returns 0, or
 * FAIL after reporting (no such revision, or no such file in it, or one
 * that cannot be decrypted).
 */
int store_read(struct ctx *ctx, const char *rev, const char *path,
	       struct buf *out);

/* store_read() of the bytes as git keeps them, never decrypted. */
/*
 * The plain files under the folder dir in revision rev (none when it has
 * no such folder), relative to the journal ("DIR/..."), appended to
 * files. Returns 0 or FAIL after reporting.
 */
int store_files_at(struct ctx *ctx, const char *rev, const char *dir,
		   struct strvec *files);

int store_read_raw(struct ctx *ctx, const char *rev, const char *path,
		   struct buf *out);

/*
 * Find the entry named by name (an ID, a unique prefix of one, or the
 * path of its file) in the tree of revision rev; its path goes in path.
 * Returns 0, or FAIL after reporting.
 */
int store_resolve_at(struct ctx *ctx, const char *name, const char *rev,
		     struct buf *path);

/*
 * Find the newest commit that holds an entry named by name (an ID, else
 * a unique prefix of one: an entry that ever had the ID itself wins over
 * newer ones whose IDs start with it): sets its path and the commit's
 * full hash in rev.
 * Returns 0, or FAIL after reporting.
 */
int store_find_last(struct ctx *ctx, const char *name, struct buf *path,
		    struct buf *rev);

/* What log shows of one commit. */
struct store_log_item {
	char hash[41];
	struct datetime when;
	const char *summary;	/* first line of the message */
};

/*
 * Call fn for each commit from HEAD back, newest first; with path set,
 * only the commits that changed that file. At most max (0: all). In a
 * shallow clone, the commits it has (store_is_shallow()). Returns 0 or
 * FAIL.
 */
int store_log(struct ctx *ctx, const char *path, long max,
	      void (*fn)(const struct store_log_item *, void *), void *data);

/*
 * Is the journal a shallow clone (git clone --depth), whose history
 * stops short of its first commit?
 */
int store_is_shallow(struct ctx *ctx);

/*
 * For each path of the sorted list paths, the time of the oldest commit
 * in the history of HEAD that added it into when[i], or 0 when no commit
 * has it (not committed yet). One walk of the history for all of them;
 * used for hand-made files that carry no date. Returns 0, or -1 when
 * there is no history to look in (when is left at 0).
 */
int store_added_dates(struct ctx *ctx, const struct strvec *paths,
		      time_t *when);

/*
 * store_added_dates() of files under the folder dir; with last set, the
 * latest commit that added a file dates it (a name used again), not the
 * oldest.
 */
int store_added_dates_in(struct ctx *ctx, const char *dir,
			 const struct strvec *paths, time_t *when, int last);

/*
 * A commit of many new files at once (an import): their objects go into
 * packs of the repository as they come, a pack every 16 MiB, rather than
 * a loose object each or all of them in memory.
 */
struct store_batch;

/*
 * Begin one on top of HEAD into *out, which store_batch_free() frees in
 * any case. Returns 0 or FAIL.
 */
int store_batch_new(struct ctx *ctx, struct store_batch **out);

/* Is path in the last commit (as anything)? */
int store_batch_committed(const struct store_batch *b, const char *path);

/*
 * Add the new file path (relative to the root, not copied: it must stay
 * until the commit is made) with these bytes; its object is stored at
 * once (the file need not be written yet). Returns 0 or FAIL.
 */
int store_batch_add(struct store_batch *b, const char *path,
		    const char *data, size_t len);

/*
 * Commit the files added, which must be in the journal by now with
 * those bytes: the last objects packed, git's index written (its times
 * and sizes taken from the disk), then the branch moved. Returns 0, FAIL
 * or FAIL_BUSY; on failure nothing is committed and git's index is as it
 * was.
 */
int store_batch_commit(struct store_batch *b, const char *message);

void store_batch_free(struct store_batch *b);

/*
 * Put path (relative to the root) in git's index idx as the file on disk
 * now is, with blob id and mode: its stat data too, so that git need not
 * read it again. Returns 0, GIT_ENOTFOUND when there is no such file, or
 * a libgit2 error.
 */
int store_index_add_file(struct ctx *ctx, git_index *idx, const char *path,
			 const git_oid *id, git_filemode_t mode);

/*
 * Commit what store_changes() lists, but symbolic links, emptied
 * entries and, in an encrypted journal, plain files (a warning names
 * each), with message, else one that says what
 * changed; git's index is brought up to the commit for the files it is
 * behind on. Sets *saved to the number of files committed (0: none).
 * Returns 0, FAIL or FAIL_BUSY.
 */
int store_save(struct ctx *ctx, const char *message, size_t *saved);

/*
 * Remove every object that no ref reaches from the disk: what the refs
 * reach is packed anew, then every loose object and every other pack
 * (and git's lists of them, which name commits) are removed, so that
 * nothing of what went is left in the repository. Returns 0 or FAIL.
 */
int store_prune(struct ctx *ctx);

/* store_prune() of the bare repository at path (a folder remote). */
int store_prune_at(const char *path);

/* Warn that the emptied entry at path is not saved, and what to do. */
void store_warn_emptied(const char *path);

/*
 * The author and committer of tend's commits: [author] from the config,
 * else the user's git identity, else a neutral one; never fails for want
 * of an identity. The caller frees *sig. Returns 0 or FAIL.
 */
int store_signature(struct ctx *ctx, git_signature **sig);

/* The commit HEAD points to, in hex, into out; empty when none yet. */
void store_head_hex(struct ctx *ctx, struct buf *out);

#endif
