#include "checkout.h"
#include "buf.h"
#include "error.h"
#include "fs.h"
#include "journal.h"
#include "progress.h"
#include "store.h"
#include "strvec.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One path the checkout changes; a mode of 0 means absent. */
struct op {
	char *path;
	git_filemode_t old_mode, new_mode;
	git_oid old_id, new_id;
	char *tmp;		/* the new text, written in full, or NULL */
	int in_place;		/* the file already is what it must become */
};

struct ops {
	struct op *v;
	size_t nr, alloc;
};

static void ops_clear(struct ops *ops)
{
	for (size_t i = 0; i < ops->nr; i++) {
		if (ops->v[i].tmp)
			unlink(ops->v[i].tmp);
		free(ops->v[i].tmp);
		free(ops->v[i].path);
	}
	free(ops->v);
}

/* A mode that checkout writes: files and links (never submodules). */
static git_filemode_t kept_mode(git_filemode_t mode)
{
	return mode == GIT_FILEMODE_BLOB ||
	       mode == GIT_FILEMODE_BLOB_EXECUTABLE ||
	       mode == GIT_FILEMODE_LINK ? mode : 0;
}

/* The paths that differ between from and to, one op each. */
static int collect(struct ctx *ctx, git_tree *from, git_tree *to,
		   struct ops *ops)
{
	git_diff_options opts;
	git_diff *diff = NULL;
	int rc;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.flags = GIT_DIFF_INCLUDE_TYPECHANGE | GIT_DIFF_SKIP_BINARY_CHECK;
	rc = git_diff_tree_to_tree(&diff, ctx->repo, from, to, &opts);
	if (rc < 0)
		return store_fail(rc, "cannot compare the two trees");
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		struct op *op;

		ALLOC_GROW(ops->v, ops->nr + 1, ops->alloc);
		op = &ops->v[ops->nr++];
		memset(op, 0, sizeof(*op));
		op->path = xstrdup(d->new_file.path ? d->new_file.path
						    : d->old_file.path);
		if (d->old_file.flags & GIT_DIFF_FLAG_EXISTS)
			op->old_mode = kept_mode(d->old_file.mode);
		if (d->new_file.flags & GIT_DIFF_FLAG_EXISTS)
			op->new_mode = kept_mode(d->new_file.mode);
		git_oid_cpy(&op->old_id, &d->old_file.id);
		git_oid_cpy(&op->new_id, &d->new_file.id);
		if (!op->old_mode && !op->new_mode) {
			free(op->path);
			ops->nr--;
		}
	}
	git_diff_free(diff);
	return 0;
}

/*
 * Is the file at full (lstat in st, or missing when !exists) what a tree
 * holds as mode and id (mode 0: nothing)?
 */
static int is_as(const char *full, const struct stat *st, int exists,
		 git_filemode_t mode, const git_oid *id)
{
	git_oid got;
	char target[4096];
	ssize_t n;

	if (!exists || !mode)
		return !exists && !mode;
	if (mode == GIT_FILEMODE_LINK) {
		if (!S_ISLNK(st->st_mode))
			return 0;
		n = readlink(full, target, sizeof(target));
		return n >= 0 && (size_t)n < sizeof(target) &&
		       git_odb_hash(&got, target, (size_t)n,
				    GIT_OBJECT_BLOB) == 0 &&
		       git_oid_equal(&got, id);
	}
	return S_ISREG(st->st_mode) &&
	       git_odb_hashfile(&got, full, GIT_OBJECT_BLOB) == 0 &&
	       git_oid_equal(&got, id);
}

/* Compare a path with an element of a strvec, for bsearch(). */
static int cmp_str(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

/*
 * Check that every folder a new file goes in is a folder, or missing, or
 * a file that the checkout removes (gone, sorted).
 */
static int check_folders(struct ctx *ctx, const char *path,
			 const struct strvec *gone)
{
	struct buf part = BUF_INIT, full = BUF_INIT;
	const char *slash = path;
	int rc = 0;

	while (!rc && (slash = strchr(slash, '/'))) {
		struct stat st;

		buf_reset(&part);
		buf_add(&part, path, (size_t)(slash - path));
		path_join(&full, ctx->root, part.s);
		if (lstat(full.s, &st) == 0 && !S_ISDIR(st.st_mode) &&
		    (S_ISLNK(st.st_mode) || !gone->nr ||
		     !bsearch(part.s, gone->v, gone->nr, sizeof(char *),
			      cmp_str)))
			rc = error("cannot bring the changes into the "
				   "journal's files: '%s' is in the way of "
				   "the folder it must become; move it away, "
				   "then sync again", part.s);
		slash++;
	}
	buf_release(&part);
	buf_release(&full);
	return rc;
}

/*
 * Refuse the checkout when a file it would change is not as from has
 * it (changes not saved, a file in the way). A file that already is as
 * to has it is left alone.
 */
static int check_files(struct ctx *ctx, struct ops *ops)
{
	struct strvec gone = STRVEC_INIT;
	struct buf full = BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < ops->nr; i++)
		if (!ops->v[i].new_mode)
			strvec_push(&gone, ops->v[i].path);
	strvec_sort(&gone);
	for (size_t i = 0; i < ops->nr && !rc; i++) {
		struct op *op = &ops->v[i];
		struct stat st;
		int exists;

		path_join(&full, ctx->root, op->path);
		exists = lstat(full.s, &st) == 0;
		if (exists && S_ISDIR(st.st_mode) && !op->old_mode) {
			continue;	/* a folder the checkout empties */
		} else if (is_as(full.s, &st, exists, op->new_mode,
				 &op->new_id)) {
			op->in_place = 1;
		} else if (!is_as(full.s, &st, exists, op->old_mode,
				  &op->old_id) && exists) {
			rc = error("cannot bring the changes into the "
				   "journal's files: '%s' %s; move that file "
				   "away, then sync again", op->path,
				   op->old_mode ? "has changes that are not "
				   "saved" : "is in the way");
		}
		if (!rc && op->new_mode)
			rc = check_folders(ctx, op->path, &gone);
	}
	strvec_clear(&gone);
	buf_release(&full);
	return rc;
}

/*
 * Write the new text of every file that changes into a file of its own
 * in dir, in full and flushed. On failure the files written so far are
 * removed by ops_clear().
 */
static int write_new(struct ctx *ctx, struct ops *ops, const char *dir)
{
	struct buf name = BUF_INIT, tmp = BUF_INIT, target = BUF_INIT;
	struct progress meter;
	size_t total = 0, done = 0;
	int rc = 0;

	for (size_t i = 0; i < ops->nr; i++)
		total += ops->v[i].new_mode && !ops->v[i].in_place;
	progress_start(&meter, ctx, "checking out", "files");
	path_join(&name, dir, "file");
	for (size_t i = 0; i < ops->nr && !rc; i++) {
		struct op *op = &ops->v[i];
		git_blob *blob = NULL;

		if (!op->new_mode || op->in_place)
			continue;
		progress_update(&meter, ++done, total);
		if (git_blob_lookup(&blob, ctx->repo, &op->new_id) < 0) {
			progress_end(&meter);
			rc = store_fail(-1, "cannot read a file that came in");
			break;
		}
		if (op->new_mode == GIT_FILEMODE_LINK) {
			buf_reset(&tmp);
			buf_addf(&tmp, "%s/link-%zu", dir, i);
			unlink(tmp.s);
			buf_reset(&target);
			buf_add(&target, git_blob_rawcontent(blob),
				(size_t)git_blob_rawsize(blob));
			if (symlink(target.s, tmp.s) < 0) {
				progress_end(&meter);
				rc = error("cannot write '%s': %s", op->path,
					   strerror(errno));
			}
		} else {
			rc = fs_write_temp(name.s, git_blob_rawcontent(blob),
					   (size_t)git_blob_rawsize(blob),
					   op->new_mode ==
					   GIT_FILEMODE_BLOB_EXECUTABLE ?
					   0700 : 0600, 1, &tmp);
			if (rc < 0) {
				progress_end(&meter);
				error("cannot write '%s' (nothing in the "
				      "journal was changed)", op->path);
			}
		}
		if (!rc)
			op->tmp = buf_detach(&tmp, NULL);
		git_blob_free(blob);
	}
	progress_end(&meter);
	buf_release(&name);
	buf_release(&tmp);
	buf_release(&target);
	return rc;
}

/* Remove the folders above path that are empty now, up to the root. */
static void prune_folders(struct ctx *ctx, const char *path,
			  struct strvec *touched)
{
	struct buf dir = BUF_INIT, full = BUF_INIT;
	const char *slash;

	buf_adds(&dir, path);
	while ((slash = strrchr(dir.s, '/'))) {
		buf_setlen(&dir, (size_t)(slash - dir.s));
		path_join(&full, ctx->root, dir.s);
		if (rmdir(full.s) < 0)
			break;
	}
	path_join(&full, ctx->root, dir.s);
	if (strchr(path, '/'))
		strvec_push(touched, full.s);
	else
		strvec_push(touched, ctx->root);
	buf_release(&dir);
	buf_release(&full);
}

/*
 * Put the new files in place and remove the old: removals first, so
 * that a file that becomes a folder (or the other way) has room.
 */
static int put_in_place(struct ctx *ctx, struct ops *ops)
{
	struct strvec touched = STRVEC_INIT;
	struct buf full = BUF_INIT, dir = BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < ops->nr && !rc; i++) {
		struct op *op = &ops->v[i];

		if (op->new_mode || op->in_place)
			continue;
		path_join(&full, ctx->root, op->path);
		if (unlink(full.s) < 0 && errno != ENOENT)
			rc = error("cannot remove '%s': %s", full.s,
				   strerror(errno));
		else
			prune_folders(ctx, op->path, &touched);
	}
	for (size_t i = 0; i < ops->nr && !rc; i++) {
		struct op *op = &ops->v[i];
		const char *slash = strrchr(op->path, '/');
		struct stat st;

		if (!op->tmp)
			continue;
		buf_reset(&dir);
		if (slash)
			buf_add(&dir, op->path, (size_t)(slash - op->path));
		if (slash && fs_mkdirs(ctx->root, dir.s) < 0) {
			rc = FAIL;
			break;
		}
		path_join(&full, ctx->root, op->path);
		if (lstat(full.s, &st) == 0 && S_ISDIR(st.st_mode) &&
		    rmdir(full.s) < 0) {
			rc = error("cannot replace the folder '%s' with a "
				   "file: %s", full.s, strerror(errno));
			break;
		}
		if (rename(op->tmp, full.s) < 0) {
			rc = error("cannot put '%s' in place: %s", full.s,
				   strerror(errno));
			break;
		}
		free(op->tmp);
		op->tmp = NULL;
		path_join(&full, ctx->root, dir.s);
		strvec_push(&touched, full.s);
	}
	/* the names must reach the disk: each folder once */
	strvec_sort(&touched);
	for (size_t i = 0; i < touched.nr && !rc; i++)
		if ((!i || strcmp(touched.v[i], touched.v[i - 1])) &&
		    fs_is_dir(touched.v[i]))
			rc = fs_fsync_dir(touched.v[i]);
	strvec_clear(&touched);
	buf_release(&full);
	buf_release(&dir);
	return rc;
}

/* Make git's index say what the files now are, stat data and all. */
static int update_index(struct ctx *ctx, const struct ops *ops)
{
	git_index *idx = NULL;
	int rc;

	rc = git_repository_index(&idx, ctx->repo);
	if (rc == 0)
		rc = git_index_read(idx, 0);
	for (size_t i = 0; i < ops->nr && rc == 0; i++) {
		const struct op *op = &ops->v[i];

		if (!op->new_mode ||
		    (rc = store_index_add_file(ctx, idx, op->path, &op->new_id,
					       op->new_mode)) == GIT_ENOTFOUND)
			rc = git_index_remove_bypath(idx, op->path);
	}
	if (rc == 0)
		rc = git_index_write(idx);
	if (rc < 0)
		rc = store_fail(rc, "cannot write git's index");
	git_index_free(idx);
	return rc;
}

int checkout_tree(struct ctx *ctx, git_tree *from, git_tree *to)
{
	struct ops ops = { 0 };
	struct buf dir = BUF_INIT;
	int rc;

	if ((rc = collect(ctx, from, to, &ops)) < 0 ||
	    (rc = check_files(ctx, &ops)) < 0)
		goto out;
	/* what a checkout cut short left is of no use now */
	if ((rc = journal_state_dir(ctx, "checkout", &dir)) < 0 ||
	    (rc = fs_remove_tree(dir.s, 0)) < 0 ||
	    (rc = write_new(ctx, &ops, dir.s)) < 0 ||
	    (rc = put_in_place(ctx, &ops)) < 0)
		goto out;
	rc = update_index(ctx, &ops);
out:
	ops_clear(&ops);
	buf_release(&dir);
	return rc < 0 ? FAIL : 0;
}
