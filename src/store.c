#include "store.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "locknote.h"
#include "util.h"
#include "vault.h"

#include <dirent.h>
#include <errno.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int store_fail(int code, const char *what)
{
	int errnum = errno;
	const git_error *e = git_error_last();
	const char *msg = e && e->message ? e->message : "unknown error";
	int full = e ? error_full_in(msg) : error_is_full(errnum) ? errnum : 0;

	if (code == GIT_ELOCKED)
		return error_as(FAIL_BUSY, "%s: %s (another process is "
				"using the repository)", what, msg);
	/* a full disk in the one wording, whatever libgit2 was writing */
	if (full)
		return error("%s: %s", what, strerror(full));
	return error("%s: %s", what, msg);
}

int store_setup(void)
{
	if (git_libgit2_init() < 0)
		return store_fail(-1, "cannot start libgit2");
	if (git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1) < 0)
		return store_fail(-1, "cannot turn on fsync");
	return 0;
}

void store_teardown(void)
{
	git_libgit2_shutdown();
}

int store_open(struct ctx *ctx)
{
	struct buf git = BUF_INIT;
	struct stat st;
	int rc;

	if (ctx->repo)
		return 0;
	if (!ctx->git_started) {
		if (store_setup() < 0)
			return FAIL;
		ctx->git_started = 1;
	}
	/* history stays in the journal: no link or gitfile to elsewhere */
	path_join(&git, ctx->root, ".git");
	rc = lstat(git.s, &st);
	buf_release(&git);
	if (rc < 0 || !S_ISDIR(st.st_mode))
		return error("the journal's '.git' is %s; tend keeps the "
			     "history in a .git folder inside the journal",
			     rc < 0 ? "missing" : "not a folder");
	rc = git_repository_open_ext(&ctx->repo, ctx->root,
				     GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (rc < 0)
		return store_fail(rc, "cannot open the journal's git "
				  "repository");
	return 0;
}

void store_close(struct ctx *ctx)
{
	git_repository_free(ctx->repo);
	ctx->repo = NULL;
	if (ctx->git_started)
		store_teardown();
	ctx->git_started = 0;
}

int store_signature(struct ctx *ctx, git_signature **sig)
{
	const char *name = ctx->cfg.author_name;
	const char *email = ctx->cfg.author_email;
	const char *gname = NULL, *gemail = NULL;
	git_config *gc = NULL;
	int rc;

	if ((!name || !email) &&
	    git_repository_config_snapshot(&gc, ctx->repo) == 0) {
		if (!name && !git_config_get_string(&gname, gc, "user.name") &&
		    *gname)
			name = gname;
		if (!email &&
		    !git_config_get_string(&gemail, gc, "user.email") &&
		    *gemail)
			email = gemail;
	}
	rc = git_signature_now(sig, name ? name : "tend",
			       email ? email : "tend@localhost");
	if (rc < 0)
		rc = git_signature_now(sig, "tend", "tend@localhost");
	git_config_free(gc);
	return rc < 0 ? store_fail(rc, "cannot make a commit signature") : 0;
}

/* The commit HEAD points to, or NULL on an unborn branch. */
static int head_commit(struct ctx *ctx, git_commit **out)
{
	git_oid id;
	int rc = git_reference_name_to_id(&id, ctx->repo, "HEAD");

	*out = NULL;
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return 0;
	if (rc < 0)
		return store_fail(rc, "cannot read HEAD");
	rc = git_commit_lookup(out, ctx->repo, &id);
	return rc < 0 ? store_fail(rc, "cannot read the last commit") : 0;
}

/*
 * The tree to commit: the last commit's, with paths as git's index now
 * has them, and nothing else, so that whatever else is staged (by the
 * user, with git) stays staged and out of tend's commit, as `git commit
 * PATHS` does. The first commit takes the whole index.
 */
static int commit_tree(struct ctx *ctx, git_index *idx, git_commit *parent,
		       const struct strvec *paths, git_oid *out)
{
	git_tree *base = NULL;
	git_tree_update *up;
	size_t n = 0;
	int rc;

	if (!parent)
		return git_index_write_tree(out, idx);
	if ((rc = git_commit_tree(&base, parent)) < 0)
		return rc;
	up = xcalloc(paths->nr + 1, sizeof(*up));
	for (size_t i = 0; i < paths->nr; i++) {
		const git_index_entry *ie =
			git_index_get_bypath(idx, paths->v[i], 0);
		git_tree_entry *te = NULL;

		if (ie) {
			up[n].action = GIT_TREE_UPDATE_UPSERT;
			git_oid_cpy(&up[n].id, &ie->id);
			up[n].filemode = (git_filemode_t)ie->mode;
			up[n++].path = paths->v[i];
		} else if (!git_tree_entry_bypath(&te, base, paths->v[i])) {
			up[n].action = GIT_TREE_UPDATE_REMOVE;
			up[n++].path = paths->v[i];
		}
		git_tree_entry_free(te);
	}
	rc = git_tree_create_updated(out, ctx->repo, base, n, up);
	free(up);
	git_tree_free(base);
	return rc;
}

/* A commit message as git keeps it: message ending in a newline. */
static void commit_message(const char *message, struct buf *msg)
{
	buf_adds(msg, message);
	if (!msg->len || msg->s[msg->len - 1] != '\n')
		buf_addch(msg, '\n');
}

/*
 * Is the object id in the repository whole? libgit2 may report a write
 * done that a full disk cut short; the object read back says.
 */
static int object_whole(git_repository *repo, const git_oid *id)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	int rc = git_repository_odb(&odb, repo);

	if (rc == 0)
		rc = git_odb_refresh(odb);
	if (rc == 0)
		rc = git_odb_read(&obj, odb, id);
	git_odb_object_free(obj);
	git_odb_free(odb);
	return rc == 0;
}

/*
 * Why a libgit2 write failed, for when libgit2 reports done a write that
 * did not take (a full disk can make it): git's message or errno, taken
 * before anything else is tried. write_begin() clears both before the
 * write, write_why() takes them after it.
 */
struct write_why {
	char msg[256];
	int errnum;
};

static void write_begin(void)
{
	git_error_clear();
	errno = 0;
}

static void write_why(struct write_why *why)
{
	const git_error *e = git_error_last();

	why->errnum = errno;
	snprintf(why->msg, sizeof(why->msg), "%s",
		 e && e->message ? e->message : "");
}

/* Fail with what and the reason in why (a full disk in one wording). */
static int write_failed(const struct write_why *why, const char *what)
{
	int full = error_full_in(why->msg);

	if (full)
		return error("%s: %s", what, strerror(full));
	if (why->msg[0])
		return error("%s: %s", what, why->msg);
	if (why->errnum)
		return error("%s: %s", what, strerror(why->errnum));
	return error("%s: what was written is not on the disk", what);
}

/*
 * Move the branch HEAD names (HEAD itself when it names none) from
 * parent (NULL: the branch is unborn) to the commit id, message in its
 * log, and read it back. Returns 0, FAIL, or FAIL_BUSY.
 */
static int move_branch(git_repository *repo, const git_commit *parent,
		       const git_oid *id, const char *message)
{
	git_reference *head = NULL, *moved = NULL;
	struct buf name = BUF_INIT, log = BUF_INIT;
	struct write_why why;
	git_oid now;
	int rc;

	if ((rc = git_reference_lookup(&head, repo, "HEAD")) < 0) {
		rc = store_fail(rc, "cannot read HEAD");
		goto out;
	}
	buf_adds(&name, git_reference_type(head) == GIT_REFERENCE_SYMBOLIC ?
			git_reference_symbolic_target(head) : "HEAD");
	buf_addf(&log, "commit%s: ", parent ? "" : " (initial)");
	buf_add(&log, message, strchrnul(message, '\n') - message);
	write_begin();
	if (parent)
		rc = git_reference_create_matching(&moved, repo, name.s, id, 1,
						   git_commit_id(parent),
						   log.s);
	else
		rc = git_reference_create(&moved, repo, name.s, id, 0, log.s);
	write_why(&why);
	if (rc < 0) {
		rc = store_fail(rc, "cannot move the journal's branch");
		goto out;
	}
	if (git_reference_name_to_id(&now, repo, name.s) < 0 ||
	    !git_oid_equal(&now, id))
		rc = write_failed(&why, "cannot move the journal's branch");
out:
	git_reference_free(moved);
	git_reference_free(head);
	buf_release(&name);
	buf_release(&log);
	return rc < 0 ? rc : 0;
}

/*
 * The index as it was before a commit wrote it, kept (a second name of
 * the same file, which takes no room) until the branch has moved, to put
 * back if it cannot.
 */
#define INDEX_BEFORE "index.tend-before"

/*
 * Make the commit id (made on parent, NULL for the first) the branch's,
 * with idx as git's index: the index written first, then the branch
 * moved, as git does, so that a tend stopped between the two leaves the
 * files staged, not committed files that git would take for removed.
 * When the branch cannot move, the index as it was goes back. Returns 0,
 * FAIL or FAIL_BUSY; on failure nothing is committed.
 */
static int place_commit(git_repository *repo, git_index *idx,
			const git_commit *parent, const git_oid *id,
			const char *message)
{
	struct buf index = BUF_INIT, before = BUF_INIT;
	git_tree *tree = NULL;
	int rc, kept;

	buf_addf(&index, "%sindex", git_repository_path(repo));
	buf_addf(&before, "%s" INDEX_BEFORE, git_repository_path(repo));
	unlink(before.s);
	kept = link(index.s, before.s) == 0;
	if ((rc = git_index_write(idx)) < 0) {
		rc = store_fail(rc, "cannot write git's index");
		goto out;
	}
	if ((rc = move_branch(repo, parent, id, message)) == 0)
		goto out;
	/* the index as it was; else the last commit's, which is close */
	if (kept) {
		if (rename(before.s, index.s) < 0)
			warning("cannot put git's index back: %s",
				strerror(errno));
	} else if (parent && (git_commit_tree(&tree, parent) < 0 ||
			      git_index_read_tree(idx, tree) < 0 ||
			      git_index_write(idx) < 0)) {
		warning("cannot put git's index back: %s",
			git_error_last() ? git_error_last()->message
					 : "unknown error");
	}
out:
	unlink(before.s);
	git_tree_free(tree);
	buf_release(&index);
	buf_release(&before);
	return rc;
}

void store_index_kept_clear(struct ctx *ctx)
{
	struct buf before = BUF_INIT;

	if (store_open(ctx) < 0)
		return;
	buf_addf(&before, "%s" INDEX_BEFORE, git_repository_path(ctx->repo));
	unlink(before.s);
	buf_release(&before);
}

int store_commit(struct ctx *ctx, const struct strvec *paths,
		 const char *message, int *committed)
{
	git_index *idx = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_oid tree_id, id;
	struct buf full = BUF_INIT, msg = BUF_INIT;
	const git_commit *parents[1];
	struct write_why why;
	int rc, ret = FAIL;

	if (store_open(ctx) < 0)
		return FAIL;
	*committed = 0;
	locknote_commit(ctx);
	rc = git_repository_index(&idx, ctx->repo);
	if (rc < 0 || (rc = git_index_read(idx, 0)) < 0) {
		ret = store_fail(rc, "cannot read git's index");
		goto out;
	}
	/* staged in memory: git's index is written with the commit */
	for (size_t i = 0; i < paths->nr; i++) {
		struct stat st;

		path_join(&full, ctx->root, paths->v[i]);
		if (lstat(full.s, &st) == 0)
			rc = git_index_add_bypath(idx, paths->v[i]);
		else
			rc = git_index_remove_bypath(idx, paths->v[i]);
		if (rc < 0) {
			buf_reset(&full);
			buf_addf(&full, "cannot stage '%s'", paths->v[i]);
			ret = store_fail(rc, full.s);
			goto out;
		}
	}
	if (head_commit(ctx, &parent) < 0)
		goto out;
	if ((rc = commit_tree(ctx, idx, parent, paths, &tree_id)) < 0) {
		ret = store_fail(rc, "cannot write the tree");
		goto out;
	}
	if (parent && git_oid_equal(git_commit_tree_id(parent), &tree_id)) {
		/* nothing changed; what was staged may bring git's index up */
		if (git_index_write(idx) < 0)
			warning("cannot update git's index: %s",
				git_error_last() ? git_error_last()->message
						 : "unknown error");
		ret = 0;
		goto out;
	}
	if ((rc = git_tree_lookup(&tree, ctx->repo, &tree_id)) < 0) {
		ret = store_fail(rc, "cannot read the tree");
		goto out;
	}
	if (store_signature(ctx, &sig) < 0)
		goto out;
	commit_message(message, &msg);
	parents[0] = parent;
	write_begin();
	rc = git_commit_create(&id, ctx->repo, NULL, sig, sig, NULL, msg.s,
			       tree, parent ? 1 : 0, parents);
	write_why(&why);
	if (rc < 0) {
		ret = store_fail(rc, "cannot commit");
		goto out;
	}
	if (!object_whole(ctx->repo, &id)) {
		ret = write_failed(&why, "cannot commit");
		goto out;
	}
	if ((ret = place_commit(ctx->repo, idx, parent, &id, msg.s)) < 0)
		goto out;
	*committed = 1;
out:
	locknote_clear(ctx);
	git_signature_free(sig);
	git_tree_free(tree);
	git_commit_free(parent);
	git_index_free(idx);
	buf_release(&full);
	buf_release(&msg);
	return ret;
}

int store_create(struct ctx *ctx, const struct strvec *paths,
		 const char *message)
{
	git_repository_init_options opts;
	int rc, committed;

	git_repository_init_options_init(&opts,
					 GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH |
		     GIT_REPOSITORY_INIT_NO_REINIT;
	opts.mode = GIT_REPOSITORY_INIT_SHARED_UMASK;
	opts.initial_head = "main";
	if (!ctx->git_started) {
		if (store_setup() < 0)
			return FAIL;
		ctx->git_started = 1;
	}
	rc = git_repository_init_ext(&ctx->repo, ctx->root, &opts);
	if (rc < 0)
		return store_fail(rc, "cannot create the git repository");
	return store_commit(ctx, paths, message, &committed);
}

static int cmp_change(const void *a, const void *b)
{
	return strcmp(((const struct store_change *)a)->path,
		      ((const struct store_change *)b)->path);
}

int store_in_tree(git_tree *tree, const char *path)
{
	git_tree_entry *te = NULL;
	int found;

	if (!tree)
		return 0;
	found = git_tree_entry_bypath(&te, tree, path) == 0;
	git_tree_entry_free(te);
	return found;
}

/* The size of the file at path in tree, or 0 when it is not there. */
static size_t blob_size(struct ctx *ctx, git_tree *tree, const char *path)
{
	git_tree_entry *te = NULL;
	git_odb *odb = NULL;
	git_object_t type;
	size_t size = 0;

	if (git_tree_entry_bypath(&te, tree, path) == 0 &&
	    git_repository_odb(&odb, ctx->repo) == 0 &&
	    git_odb_read_header(&size, &type, odb, git_tree_entry_id(te)) < 0)
		size = 0;
	git_odb_free(odb);
	git_tree_entry_free(te);
	return size;
}

/*
 * Is the file at path (st its lstat) as tree has it? Only git's index
 * left behind the last commit (by a git stopped between moving the
 * branch and writing the index) lists such a file.
 */
static int as_committed(struct ctx *ctx, git_tree *tree, const char *path,
			const struct stat *st)
{
	git_tree_entry *te = NULL;
	git_oid id;
	int same = 0;

	if (S_ISREG(st->st_mode) &&
	    git_tree_entry_bypath(&te, tree, path) == 0 &&
	    git_tree_entry_filemode(te) == GIT_FILEMODE_BLOB &&
	    git_repository_hashfile(&id, ctx->repo, path, GIT_OBJECT_BLOB,
				    NULL) == 0)
		same = git_oid_equal(&id, git_tree_entry_id(te));
	git_tree_entry_free(te);
	return same;
}

int store_changes(struct ctx *ctx, struct store_changes *out)
{
	static char *specs[] = {
		"entries/", "goals/", "prompts/", "templates/", "attachments/",
		"tend.ini",
		"tend.ini.age", "key.age", "plan.md", "plan.md.age"
	};
	git_status_options opts;
	git_status_list *list = NULL;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	struct buf full = BUF_INIT;
	int rc, ret = FAIL;

	if (store_open(ctx) < 0)
		return FAIL;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		     GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	opts.pathspec.strings = specs;
	opts.pathspec.count = sizeof(specs) / sizeof(*specs);
	if (head_commit(ctx, &head) < 0)
		goto out;
	if (head && (rc = git_commit_tree(&tree, head)) < 0) {
		ret = store_fail(rc, "cannot read the last commit");
		goto out;
	}
	if ((rc = git_status_list_new(&list, ctx->repo, &opts)) < 0) {
		ret = store_fail(rc, "cannot compare the journal with git");
		goto out;
	}
	for (size_t i = 0; i < git_status_list_entrycount(list); i++) {
		const git_status_entry *se = git_status_byindex(list, i);
		const git_diff_delta *d = se->index_to_workdir ?
					  se->index_to_workdir :
					  se->head_to_index;
		const char *path;
		struct store_change *c;
		struct stat st;
		int in_head, in_wd;

		if (!d)
			continue;
		path = d->new_file.path ? d->new_file.path : d->old_file.path;
		path_join(&full, ctx->root, path);
		in_wd = lstat(full.s, &st) == 0;
		in_head = store_in_tree(tree, path);
		if (!in_wd && !in_head)
			continue;
		/* only git's index apart from the commit can hide that */
		if (se->head_to_index && in_wd && in_head &&
		    as_committed(ctx, tree, path, &st)) {
			strvec_push(&out->behind, path);
			continue;
		}
		ALLOC_GROW(out->v, out->nr + 1, out->alloc);
		c = &out->v[out->nr++];
		c->path = xstrdup(path);
		c->kind = !in_wd ? 'D' : !in_head ? 'A' : 'M';
		c->symlink = in_wd && S_ISLNK(st.st_mode);
		c->emptied = c->kind == 'M' && !c->symlink &&
			     !st.st_size && starts_with(path, "entries/") &&
			     blob_size(ctx, tree, path) > 0;
	}
	if (out->nr)
		qsort(out->v, out->nr, sizeof(*out->v), cmp_change);
	ret = 0;
out:
	git_status_list_free(list);
	git_tree_free(tree);
	git_commit_free(head);
	buf_release(&full);
	return ret;
}

void store_changes_clear(struct store_changes *c)
{
	for (size_t i = 0; i < c->nr; i++)
		free(c->v[i].path);
	free(c->v);
	c->v = NULL;
	c->nr = c->alloc = 0;
	strvec_clear(&c->behind);
}

/* The tree of revision rev; reports a revision that does not exist. */
static int rev_tree(struct ctx *ctx, const char *rev, git_tree **tree)
{
	git_object *obj = NULL;
	int rc = git_revparse_single(&obj, ctx->repo, rev);

	*tree = NULL;
	if (rc < 0) {
		git_object_free(obj);
		return error("no revision '%s' in the journal's history", rev);
	}
	rc = git_object_peel((git_object **)tree, obj, GIT_OBJECT_TREE);
	git_object_free(obj);
	if (rc < 0)
		return error("revision '%s' is not a commit", rev);
	return 0;
}

/* store_read(), the bytes as they are when raw is set. */
static int read_blob(struct ctx *ctx, const char *rev, const char *path,
		     struct buf *out, int raw)
{
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;
	int rc = FAIL;

	if (store_open(ctx) < 0)
		return FAIL;
	if (rev_tree(ctx, rev, &tree) < 0)
		return FAIL;
	if (git_tree_entry_bypath(&te, tree, path) < 0 ||
	    git_tree_entry_type(te) != GIT_OBJECT_BLOB ||
	    git_tree_entry_filemode(te) == GIT_FILEMODE_LINK) {
		error("'%s' is not in revision '%s'", path, rev);
		goto out;
	}
	if (git_blob_lookup(&blob, ctx->repo, git_tree_entry_id(te)) < 0) {
		store_fail(-1, "cannot read a file from history");
		goto out;
	}
	if (raw) {
		buf_reset(out);
		buf_add(out, git_blob_rawcontent(blob),
			(size_t)git_blob_rawsize(blob));
		rc = 0;
	} else {
		rc = vault_open_bytes(ctx, path, git_blob_rawcontent(blob),
				      (size_t)git_blob_rawsize(blob), out);
	}
out:
	git_blob_free(blob);
	git_tree_entry_free(te);
	git_tree_free(tree);
	return rc;
}

int store_read(struct ctx *ctx, const char *rev, const char *path,
	       struct buf *out)
{
	return read_blob(ctx, rev, path, out, 0);
}

int store_read_raw(struct ctx *ctx, const char *rev, const char *path,
		   struct buf *out)
{
	return read_blob(ctx, rev, path, out, 1);
}

/* A walk of the files under dir: their paths, "DIR/...", into files. */
struct files_walk {
	const char *dir;
	struct strvec *files;
};

/* Collect the paths of the plain files (no links) of a tree walk. */
static int collect_file(const char *root, const git_tree_entry *te,
			void *data)
{
	struct files_walk *w = data;
	struct buf path = BUF_INIT;

	if (git_tree_entry_type(te) == GIT_OBJECT_TREE ||
	    (git_tree_entry_filemode(te) != GIT_FILEMODE_BLOB &&
	     git_tree_entry_filemode(te) != GIT_FILEMODE_BLOB_EXECUTABLE))
		return 0;
	buf_addf(&path, "%s/%s%s", w->dir, root, git_tree_entry_name(te));
	strvec_push(w->files, path.s);
	buf_release(&path);
	return 0;
}

int store_files_at(struct ctx *ctx, const char *rev, const char *dir,
		   struct strvec *files)
{
	struct files_walk w = { dir, files };
	git_tree *tree = NULL, *sub = NULL;
	git_tree_entry *te = NULL;
	int rc = 0;

	if (store_open(ctx) < 0 || rev_tree(ctx, rev, &tree) < 0)
		return FAIL;
	if (git_tree_entry_bypath(&te, tree, dir) == 0 &&
	    git_tree_entry_type(te) == GIT_OBJECT_TREE &&
	    (git_tree_lookup(&sub, ctx->repo, git_tree_entry_id(te)) < 0 ||
	     git_tree_walk(sub, GIT_TREEWALK_PRE, collect_file, &w) < 0))
		rc = store_fail(-1, "cannot read a folder from history");
	git_tree_free(sub);
	git_tree_entry_free(te);
	git_tree_free(tree);
	return rc;
}

/*
 * Collect the paths of entry files (NAME.md, or an encrypted journal's
 * NAME.md.age) during a tree walk.
 */
static int collect_entry(const char *root, const git_tree_entry *te,
			 void *data)
{
	struct buf path = BUF_INIT;
	const char *name = git_tree_entry_name(te);

	if (git_tree_entry_type(te) == GIT_OBJECT_TREE)
		return name[0] == '.' ? 1 : 0;
	if (git_tree_entry_filemode(te) != GIT_FILEMODE_BLOB &&
	    git_tree_entry_filemode(te) != GIT_FILEMODE_BLOB_EXECUTABLE)
		return 0;
	if (!(ends_with(name, ".md") || ends_with(name, ".md.age")) ||
	    name[0] == '.' ||
	    strstr(name, ".conflict-"))
		return 0;
	buf_addf(&path, "%s%s", root, name);
	strvec_push(data, path.s);
	buf_release(&path);
	return 0;
}

/*
 * Entry paths in tree whose names could match name: under
 * entries/YYYY/MM when name starts with a month, else all of entries/.
 */
static int tree_entry_paths(struct ctx *ctx, git_tree *tree,
			    const char *name, struct strvec *paths)
{
	git_tree_entry *te = NULL;
	git_tree *sub = NULL;
	struct buf prefix = BUF_INIT;
	int rc = 0;

	if (name && strlen(name) >= 7 && name[4] == '-' &&
	    strspn(name, "0123456789") == 4 &&
	    strspn(name + 5, "0123456789") >= 2)
		buf_addf(&prefix, "entries/%.4s/%.2s/", name, name + 5);
	else
		buf_adds(&prefix, "entries/");
	buf_setlen(&prefix, prefix.len - 1);
	if (git_tree_entry_bypath(&te, tree, prefix.s) == 0 &&
	    git_tree_entry_type(te) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&sub, ctx->repo, git_tree_entry_id(te)) == 0) {
		buf_addch(&prefix, '/');
		rc = git_tree_walk(sub, GIT_TREEWALK_PRE, collect_entry, paths);
		/* the walk gives paths relative to sub: put the prefix back */
		for (size_t i = 0; i < paths->nr; i++) {
			struct buf full = BUF_INIT;

			if (starts_with(paths->v[i], "entries/"))
				continue;
			buf_addf(&full, "%s%s", prefix.s, paths->v[i]);
			free(paths->v[i]);
			paths->v[i] = buf_detach(&full, NULL);
		}
	}
	git_tree_free(sub);
	git_tree_entry_free(te);
	buf_release(&prefix);
	return rc < 0 ? store_fail(rc, "cannot read a tree") : 0;
}

int store_resolve_at(struct ctx *ctx, const char *name, const char *rev,
		     struct buf *path)
{
	struct strvec paths = STRVEC_INIT, ids = STRVEC_INIT;
	char *id = entry_path_id(name);
	git_tree *tree = NULL;
	long i;
	int rc = FAIL;

	if (store_open(ctx) < 0 || rev_tree(ctx, rev, &tree) < 0 ||
	    tree_entry_paths(ctx, tree, id, &paths) < 0)
		goto out;
	entry_path_ids(&paths, &ids);
	i = entry_match_id(id, &ids);
	if (i == -1) {
		error("no entry '%s' in revision '%s'", name, rev);
	} else if (i >= 0) {
		buf_reset(path);
		buf_adds(path, paths.v[i]);
		rc = 0;
	}
out:
	git_tree_free(tree);
	free(id);
	strvec_clear(&paths);
	strvec_clear(&ids);
	return rc;
}

/*
 * A walk of the history from HEAD, newest first (oldest first with
 * reverse): libgit2's revwalk; or, in a shallow clone, whose oldest
 * commits name parents it does not have (which stops that revwalk
 * before its first commit), the commits the clone holds, gathered and
 * sorted by time here.
 */
struct history {
	git_revwalk *walk;
	git_oid *v;		/* shallow: the commits, in order */
	size_t nr, next;
};

/* By commit time, newest first; then by id, for a stable order. */
struct timed_oid {
	git_oid id;
	git_time_t when;
};

static int cmp_newest(const void *a, const void *b)
{
	const struct timed_oid *x = a, *y = b;

	if (x->when != y->when)
		return x->when < y->when ? 1 : -1;
	return git_oid_cmp(&x->id, &y->id);
}

/* Has the list l of n commits id in it? */
static int has_oid(const struct timed_oid *l, size_t n, const git_oid *id)
{
	for (size_t i = 0; i < n; i++)
		if (git_oid_equal(&l[i].id, id))
			return 1;
	return 0;
}

/*
 * Gather the commits a shallow clone holds from HEAD into h. A parent
 * that is not there ends that line. Returns 0 or a libgit2 error.
 */
static int gather_shallow(struct ctx *ctx, int reverse, struct history *h)
{
	struct timed_oid *all = NULL;
	size_t nr = 0, alloc = 0, done = 0;
	git_oid head;
	int rc;

	if ((rc = git_reference_name_to_id(&head, ctx->repo, "HEAD")) < 0)
		return rc;
	ALLOC_GROW(all, nr + 1, alloc);
	all[nr++].id = head;
	/* each commit found, in turn, adds the parents it has */
	for (; done < nr; done++) {
		git_commit *c = NULL;

		if (git_commit_lookup(&c, ctx->repo, &all[done].id) < 0)
			continue;	/* cut off: keep what is known */
		all[done].when = git_commit_time(c);
		for (unsigned i = 0; i < git_commit_parentcount(c); i++) {
			const git_oid *p = git_commit_parent_id(c, i);
			git_object *o = NULL;

			if (has_oid(all, nr, p) ||
			    git_object_lookup(&o, ctx->repo, p,
					      GIT_OBJECT_COMMIT) < 0)
				continue;
			git_object_free(o);
			ALLOC_GROW(all, nr + 1, alloc);
			all[nr].id = *p;
			all[nr++].when = 0;
		}
		git_commit_free(c);
	}
	qsort(all, nr, sizeof(*all), cmp_newest);
	h->v = xcalloc(nr ? nr : 1, sizeof(*h->v));
	for (size_t i = 0; i < nr; i++)
		h->v[i] = all[reverse ? nr - 1 - i : i].id;
	h->nr = nr;
	free(all);
	return 0;
}

/* Start h at HEAD. Returns 0 or a libgit2 error. */
static int history_start(struct ctx *ctx, int reverse, struct history *h)
{
	unsigned sort = GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
			(reverse ? GIT_SORT_REVERSE : 0);
	int rc;

	memset(h, 0, sizeof(*h));
	if (git_repository_is_shallow(ctx->repo) == 1)
		return gather_shallow(ctx, reverse, h);
	if ((rc = git_revwalk_new(&h->walk, ctx->repo)) < 0 ||
	    (rc = git_revwalk_sorting(h->walk, sort)) < 0)
		return rc;
	return git_revwalk_push_head(h->walk);
}

/* The next commit of h into id: 0, GIT_ITEROVER at the end, or an error. */
static int history_next(struct history *h, git_oid *id)
{
	if (h->walk)
		return git_revwalk_next(id, h->walk);
	if (h->next == h->nr)
		return GIT_ITEROVER;
	*id = h->v[h->next++];
	return 0;
}

static void history_release(struct history *h)
{
	git_revwalk_free(h->walk);
	free(h->v);
	memset(h, 0, sizeof(*h));
}

/*
 * store_find_last() of an entry whose ID is name exactly (exact set), or
 * as entry_match_id() matches it. Returns 0; 1 when no commit holds one;
 * FAIL after reporting.
 */
static int find_last(struct ctx *ctx, const char *name, int exact,
		     struct buf *path, struct buf *rev)
{
	struct history walk;
	git_oid id;
	int rc, ret = 1;

	if ((rc = history_start(ctx, 0, &walk)) < 0) {
		ret = store_fail(rc, "cannot walk the history");
		goto out;
	}
	while (ret == 1 && history_next(&walk, &id) == 0) {
		git_commit *c = NULL;
		git_tree *tree = NULL;
		struct strvec paths = STRVEC_INIT, ids = STRVEC_INIT;
		long i = -1;

		if (git_commit_lookup(&c, ctx->repo, &id) == 0 &&
		    git_commit_tree(&tree, c) == 0 &&
		    tree_entry_paths(ctx, tree, name, &paths) == 0) {
			entry_path_ids(&paths, &ids);
			for (size_t k = 0; exact && k < ids.nr && i < 0; k++)
				if (!strcmp(ids.v[k], name))
					i = (long)k;
			if (!exact)
				i = entry_match_id(name, &ids);
			if (i >= 0) {
				char hex[GIT_OID_HEXSZ + 1];

				git_oid_tostr(hex, sizeof(hex), &id);
				buf_reset(path);
				buf_adds(path, paths.v[i]);
				buf_reset(rev);
				buf_adds(rev, hex);
				ret = 0;
			} else if (i == -2) {
				ret = FAIL;
			}
		}
		strvec_clear(&paths);
		strvec_clear(&ids);
		git_tree_free(tree);
		git_commit_free(c);
	}
out:
	history_release(&walk);
	return ret;
}

int store_find_last(struct ctx *ctx, const char *name, struct buf *path,
		    struct buf *rev)
{
	int rc;

	if (store_open(ctx) < 0)
		return FAIL;
	/* an ID that is all of one entry's wins over longer ones it starts */
	rc = find_last(ctx, name, 1, path, rev);
	if (rc == 1)
		rc = find_last(ctx, name, 0, path, rev);
	if (rc == 1 && git_repository_is_shallow(ctx->repo) == 1)
		rc = error("no entry '%s', now or in the history this shallow "
			   "clone holds (git fetch --unshallow fetches the "
			   "rest)", name);
	else if (rc == 1)
		rc = error("no entry '%s', now or in the journal's history",
			   name);
	return rc;
}

/* The blob id of path in commit c; zero when absent. */
static void blob_at(git_commit *c, const char *path, git_oid *out)
{
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;

	memset(out, 0, sizeof(*out));
	if (git_commit_tree(&tree, c) == 0 &&
	    git_tree_entry_bypath(&te, tree, path) == 0)
		git_oid_cpy(out, git_tree_entry_id(te));
	git_tree_entry_free(te);
	git_tree_free(tree);
}

/* Did commit c change path compared with its first parent? */
static int touches(git_commit *c, const char *path)
{
	git_commit *parent = NULL;
	git_oid mine, theirs;
	int changed;

	blob_at(c, path, &mine);
	if (git_commit_parentcount(c) == 0)
		return !git_oid_is_zero(&mine);
	if (git_commit_parent(&parent, c, 0) < 0)
		return 1;
	blob_at(parent, path, &theirs);
	changed = !git_oid_equal(&mine, &theirs);
	git_commit_free(parent);
	return changed;
}

int store_log(struct ctx *ctx, const char *path, long max,
	      void (*fn)(const struct store_log_item *, void *), void *data)
{
	struct history walk;
	git_oid id;
	long shown = 0;
	int rc, ret = FAIL;

	if (store_open(ctx) < 0)
		return FAIL;
	if ((rc = history_start(ctx, 0, &walk)) < 0) {
		ret = store_fail(rc, "cannot walk the history");
		goto out;
	}
	while ((!max || shown < max) && history_next(&walk, &id) == 0) {
		git_commit *c = NULL;
		struct store_log_item item;
		const char *summary;

		if ((rc = git_commit_lookup(&c, ctx->repo, &id)) < 0) {
			ret = store_fail(rc, "cannot read a commit");
			goto out;
		}
		if (path && !touches(c, path)) {
			git_commit_free(c);
			continue;
		}
		git_oid_tostr(item.hash, sizeof(item.hash), &id);
		datetime_local(git_commit_time(c), &item.when);
		summary = git_commit_summary(c);
		item.summary = summary ? summary : "";
		fn(&item, data);
		shown++;
		git_commit_free(c);
	}
	ret = 0;
out:
	history_release(&walk);
	return ret;
}

int store_is_shallow(struct ctx *ctx)
{
	return store_open(ctx) == 0 &&
	       git_repository_is_shallow(ctx->repo) == 1;
}

/* A walk of the history looking for the commits that added files. */
struct added_walk {
	const struct strvec *paths;	/* sorted */
	time_t *when;
	size_t left;			/* paths not found yet */
	time_t commit_time;		/* of the commit being looked at */
};

/* Compare a string with an element of a strvec, for bsearch(). */
static int cmp_path(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

/* Note the files a commit added that are still waiting for a date. */
static int note_added(const git_diff_delta *d, float progress, void *data)
{
	struct added_walk *w = data;
	char **hit;

	(void)progress;
	if (d->status != GIT_DELTA_ADDED)
		return 0;
	hit = bsearch(d->new_file.path, w->paths->v, w->paths->nr,
		      sizeof(char *), cmp_path);
	if (hit && !w->when[hit - w->paths->v]) {
		w->when[hit - w->paths->v] = w->commit_time;
		w->left--;
	}
	return 0;
}

int store_added_dates(struct ctx *ctx, const struct strvec *paths,
		      time_t *when)
{
	return store_added_dates_in(ctx, "entries", paths, when, 0);
}

int store_added_dates_in(struct ctx *ctx, const char *dir,
			 const struct strvec *paths, time_t *when, int last)
{
	struct added_walk w = { paths, when, paths->nr, 0 };
	struct history walk = { 0 };
	git_diff_options opts;
	char *spec = (char *)dir;
	git_oid id;
	int rc = -1;

	memset(when, 0, paths->nr * sizeof(*when));
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.pathspec.strings = &spec;
	opts.pathspec.count = 1;
	opts.flags = GIT_DIFF_SKIP_BINARY_CHECK;
	/* the first commit met that adds a file dates it: oldest first,
	   or newest first for the latest; the walk ends when all have one */
	if (store_open(ctx) < 0 || history_start(ctx, !last, &walk) < 0)
		goto out;
	while (w.left && history_next(&walk, &id) == 0) {
		git_commit *c = NULL, *parent = NULL;
		git_tree *tree = NULL, *before = NULL;
		git_diff *diff = NULL;

		/* a shallow clone's oldest commit, its parent missing,
		   added all it holds as far as this clone can tell */
		if (git_commit_lookup(&c, ctx->repo, &id) == 0 &&
		    git_commit_tree(&tree, c) == 0 &&
		    (!git_commit_parentcount(c) ||
		     git_commit_parent(&parent, c, 0) < 0 ||
		     git_commit_tree(&before, parent) == 0) &&
		    git_diff_tree_to_tree(&diff, ctx->repo, before, tree,
					  &opts) == 0) {
			w.commit_time = git_commit_time(c);
			git_diff_foreach(diff, note_added, NULL, NULL, NULL,
					 &w);
		}
		git_diff_free(diff);
		git_tree_free(before);
		git_tree_free(tree);
		git_commit_free(parent);
		git_commit_free(c);
	}
	rc = 0;
out:
	history_release(&walk);
	return rc;
}

void store_head_hex(struct ctx *ctx, struct buf *out)
{
	git_oid id;
	char hex[GIT_OID_HEXSZ + 1];

	buf_reset(out);
	if (store_open(ctx) == 0 &&
	    git_reference_name_to_id(&id, ctx->repo, "HEAD") == 0) {
		git_oid_tostr(hex, sizeof(hex), &id);
		buf_adds(out, hex);
	}
}

/* The message that says what changed: one file by name, else a count. */
static void describe(const struct store_changes *ch, size_t n,
		     struct buf *msg)
{
	const struct store_change *c = NULL;
	char *id;

	if (n > 1) {
		buf_addf(msg, "Save %zu changes made outside tend\n\n", n);
		for (size_t i = 0; i < ch->nr; i++)
			if (!ch->v[i].symlink && !ch->v[i].emptied)
				buf_addf(msg, "%c %s\n", ch->v[i].kind,
					 ch->v[i].path);
		return;
	}
	for (size_t i = 0; i < ch->nr && !c; i++)
		if (!ch->v[i].symlink && !ch->v[i].emptied)
			c = &ch->v[i];
	id = entry_path_id(c->path);
	if (starts_with(c->path, "entries/"))
		buf_addf(msg, "%s entry: %s", c->kind == 'A' ? "Add" :
			 c->kind == 'D' ? "Remove" : "Edit", id);
	else
		buf_addf(msg, "%s %s", c->kind == 'A' ? "Add" :
			 c->kind == 'D' ? "Remove" : "Edit", c->path);
	free(id);
}

int store_save(struct ctx *ctx, const char *message, size_t *saved)
{
	struct store_changes changes = { 0 };
	struct strvec paths = STRVEC_INIT;
	struct buf msg = BUF_INIT;
	size_t n;
	int rc, committed = 0;

	*saved = 0;
	if ((rc = store_changes(ctx, &changes)) < 0)
		goto out;
	for (size_t i = 0; i < changes.nr; i++) {
		const struct store_change *c = &changes.v[i];

		if (c->symlink)
			warning("not saving '%s': it is a symbolic link",
				c->path);
		else if (ctx->encrypted && c->kind != 'D' &&
			 !ends_with(c->path, VAULT_EXT))
			warning("not saving '%s': a plain file, in an "
				"encrypted journal; encrypt it to the "
				"journal's key (age -r) or move it out",
				c->path);
		else if (c->emptied)
			store_warn_emptied(c->path);
		else
			strvec_push(&paths, c->path);
	}
	n = paths.nr;
	/* staged with the rest, they bring git's index up to the commit */
	for (size_t i = 0; i < changes.behind.nr; i++)
		strvec_push(&paths, changes.behind.v[i]);
	if (!paths.nr)
		goto out;
	if (message)
		buf_adds(&msg, message);
	else if (n)
		describe(&changes, n, &msg);
	else
		buf_adds(&msg, "Save");	/* nothing to commit: no message */
	if ((rc = store_commit(ctx, &paths, msg.s, &committed)) < 0)
		goto out;
	*saved = committed ? n : 0;
out:
	store_changes_clear(&changes);
	strvec_clear(&paths);
	buf_release(&msg);
	return rc;
}

/* Is name a loose object folder of git's, two hex digits? */
static int is_fanout(const char *name)
{
	return strlen(name) == 2 && strspn(name, "0123456789abcdef") == 2;
}

/* Add what git's index holds to pb too: files staged, not committed. */
static int pack_index(git_repository *repo, git_packbuilder *pb)
{
	git_index *idx = NULL;
	git_odb *odb = NULL;
	int rc;

	if (git_repository_is_bare(repo))
		return 0;
	if ((rc = git_repository_index(&idx, repo)) < 0 ||
	    (rc = git_repository_odb(&odb, repo)) < 0)
		goto out;
	for (size_t i = 0; i < git_index_entrycount(idx) && !rc; i++) {
		const git_index_entry *e = git_index_get_byindex(idx, i);

		if (git_odb_exists(odb, &e->id))
			rc = git_packbuilder_insert(pb, &e->id, e->path);
	}
out:
	git_odb_free(odb);
	git_index_free(idx);
	return rc;
}

/* store_prune() of repo. */
static int prune_repo(git_repository *repo)
{
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	struct buf dir = BUF_INIT, path = BUF_INIT, keep = BUF_INIT;
	DIR *d = NULL;
	struct dirent *de;
	int rc;

	if ((rc = git_packbuilder_new(&pb, repo)) < 0 ||
	    (rc = git_revwalk_new(&walk, repo)) < 0 ||
	    (rc = git_revwalk_push_glob(walk, "refs/*")) < 0 ||
	    (rc = git_packbuilder_insert_walk(pb, walk)) < 0 ||
	    (rc = pack_index(repo, pb)) < 0 ||
	    (rc = git_packbuilder_write(pb, NULL, 0, NULL, NULL)) < 0) {
		rc = store_fail(rc, "cannot pack the journal's history");
		goto out;
	}
	buf_addf(&keep, "pack-%s.", git_packbuilder_name(pb));
	/* the git folder's path ends in '/' */
	buf_addf(&dir, "%sobjects", git_repository_path(repo));
	if (!(d = opendir(dir.s))) {
		rc = error("cannot read '%s': %s", dir.s, strerror(errno));
		goto out;
	}
	while (!rc && (de = readdir(d)))
		if (is_fanout(de->d_name)) {
			path_join(&path, dir.s, de->d_name);
			rc = fs_remove_tree(path.s, 1);
		}
	closedir(d);
	buf_addf(&dir, "/pack");
	if (!rc && !(d = opendir(dir.s)))
		rc = error("cannot read '%s': %s", dir.s, strerror(errno));
	while (!rc && (de = readdir(d))) {
		if (de->d_name[0] == '.' || starts_with(de->d_name, keep.s))
			continue;
		path_join(&path, dir.s, de->d_name);
		if (unlink(path.s) < 0)
			rc = error("cannot remove '%s': %s", path.s,
				   strerror(errno));
	}
	if (d)
		closedir(d);
	/* what lists objects and commits of the old history */
	buf_reset(&path);
	buf_addf(&path, "%sobjects/info/commit-graph",
		 git_repository_path(repo));
	if (!rc)
		unlink(path.s);
	buf_addf(&path, "s");
	if (!rc && fs_is_dir(path.s))
		rc = fs_remove_tree(path.s, 1);
	buf_reset(&path);
	buf_addf(&path, "%sobjects/info/packs", git_repository_path(repo));
	if (!rc)
		unlink(path.s);
	if (!rc && (rc = fs_fsync_dir(dir.s)) == 0) {
		buf_setlen(&dir, dir.len - strlen("/pack"));
		rc = fs_fsync_dir(dir.s);
	}
	if (!rc) {
		git_odb *odb = NULL;

		if (git_repository_odb(&odb, repo) == 0)
			git_odb_refresh(odb);
		git_odb_free(odb);
	}
out:
	git_revwalk_free(walk);
	git_packbuilder_free(pb);
	buf_release(&dir);
	buf_release(&path);
	buf_release(&keep);
	return rc;
}

int store_prune(struct ctx *ctx)
{
	return store_open(ctx) < 0 ? FAIL : prune_repo(ctx->repo);
}

int store_prune_at(const char *path)
{
	git_repository *repo = NULL;
	int rc;

	if ((rc = git_repository_open_bare(&repo, path)) < 0)
		return store_fail(rc, "cannot open the remote's repository");
	rc = prune_repo(repo);
	git_repository_free(repo);
	return rc;
}

void store_warn_emptied(const char *path)
{
	char *id = entry_path_id(path);

	warning("not saving '%s': the file is empty and its last commit is "
		"not; 'tend restore %s' brings its text back, 'tend rm %s' "
		"deletes the entry", path, id, id);
	free(id);
}

/* New objects held in memory before they are written as a pack. */
#define BATCH_PACK_BYTES ((size_t)16 * 1024 * 1024)

/* The most of the packs libgit2 keeps mapped meanwhile. */
#define BATCH_MAPPED_BYTES ((size_t)16 * 1024 * 1024)

/* An object to pack, and its path, which groups alike ones. */
struct pack_item {
	git_oid id;
	const char *name;
};

struct store_batch {
	struct ctx *ctx;
	git_repository *repo;	/* a handle of its own: its odb has mem */
	git_odb *odb;
	git_odb_backend *mem;	/* new objects not yet in a pack */
	git_reference *head;
	git_commit *parent;
	git_tree *base;		/* the last commit's tree */
	git_tree_update *up;	/* the files: path (borrowed), blob */
	size_t nr, alloc;
	size_t held, held_bytes; /* up[held..nr): blobs maybe in mem */
	size_t mapped;		/* libgit2's limit of mapped packs before */
};

/*
 * Where a pack goes as the pack builder makes it: libgit2's indexer, a
 * MiB at a time rather than in the builder's many small pieces.
 */
struct pack_sink {
	git_odb_writepack *wp;
	git_indexer_progress stats;
	struct buf held;
};

#define PACK_SINK_BYTES (1024 * 1024)

static int pack_flush(struct pack_sink *s)
{
	int rc = s->held.len ? s->wp->append(s->wp, s->held.s, s->held.len,
					     &s->stats) : 0;

	buf_reset(&s->held);
	return rc;
}

static int pack_append(void *data, size_t len, void *payload)
{
	struct pack_sink *s = payload;

	buf_add(&s->held, data, len);
	return s->held.len >= PACK_SINK_BYTES ? pack_flush(s) : 0;
}

/*
 * Write those of the objects ids that are in b->mem as one pack of the
 * repository, streamed from libgit2's pack builder into its indexer
 * (the pack is never whole in memory) and flushed as libgit2 flushes
 * packs; then empty b->mem. Returns 0 or a libgit2 error.
 */
static int write_pack(struct store_batch *b, const struct pack_item *ids,
		      size_t n)
{
	git_packbuilder *pb = NULL;
	struct pack_sink sink;
	int rc;

	memset(&sink, 0, sizeof(sink));
	buf_init(&sink.held);
	if ((rc = git_packbuilder_new(&pb, b->repo)) < 0)
		return rc;
	git_packbuilder_set_threads(pb, 0);	/* one per processor */
	for (size_t i = 0; i < n && rc == 0; i++)
		if (b->mem->exists(b->mem, &ids[i].id))
			rc = git_packbuilder_insert(pb, &ids[i].id,
						    ids[i].name);
	if (rc == 0 && git_packbuilder_object_count(pb)) {
		rc = git_odb_write_pack(&sink.wp, b->odb, NULL, NULL);
		if (rc == 0)
			rc = git_packbuilder_foreach(pb, pack_append, &sink);
		if (rc == 0 && (rc = pack_flush(&sink)) == 0)
			rc = sink.wp->commit(sink.wp, &sink.stats);
		if (sink.wp)
			sink.wp->free(sink.wp);
	}
	buf_release(&sink.held);
	git_packbuilder_free(pb);
	if (rc == 0) {
		git_mempack_reset(b->mem);
		rc = git_odb_refresh(b->odb);
	}
	return rc;
}

/*
 * The blobs added since the last pack, and room for more ids after
 * them: into *ids (the caller frees), their number into *n.
 */
static void held_ids(struct store_batch *b, size_t more,
		     struct pack_item **ids, size_t *n)
{
	*n = b->nr - b->held;
	*ids = xcalloc(*n + more + 1, sizeof(**ids));
	for (size_t i = 0; i < *n; i++) {
		git_oid_cpy(&(*ids)[i].id, &b->up[b->held + i].id);
		(*ids)[i].name = b->up[b->held + i].path;
	}
}

/* Pack the blobs added since the last pack. Returns 0 or FAIL. */
static int pack_held(struct store_batch *b)
{
	struct pack_item *ids;
	size_t n;
	int rc;

	held_ids(b, 0, &ids, &n);
	rc = write_pack(b, ids, n);
	free(ids);
	if (rc < 0)
		return store_fail(rc, "cannot write the new files into git");
	b->held = b->nr;
	b->held_bytes = 0;
	return 0;
}

int store_batch_new(struct ctx *ctx, struct store_batch **out)
{
	struct store_batch *b = xcalloc(1, sizeof(*b));
	int rc;

	b->ctx = ctx;
	*out = b;
	if (store_open(ctx) < 0)
		return FAIL;
	/* the packs written stay mapped, and in memory, unless bounded */
	git_libgit2_opts(GIT_OPT_GET_MWINDOW_MAPPED_LIMIT, &b->mapped);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, BATCH_MAPPED_BYTES);
	/* a handle of its own: the mempack must never hold later objects */
	rc = git_repository_open_ext(&b->repo, ctx->root,
				     GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (rc < 0 || (rc = git_repository_odb(&b->odb, b->repo)) < 0 ||
	    (rc = git_mempack_new(&b->mem)) < 0)
		return store_fail(rc, "cannot prepare the commit");
	if ((rc = git_odb_add_backend(b->odb, b->mem, 1000)) < 0) {
		b->mem->free(b->mem);	/* the odb owns it only once added */
		b->mem = NULL;
		return store_fail(rc, "cannot prepare the commit");
	}
	if ((rc = git_repository_head(&b->head, b->repo)) < 0 ||
	    (rc = git_commit_lookup(&b->parent, b->repo,
				    git_reference_target(b->head))) < 0 ||
	    (rc = git_commit_tree(&b->base, b->parent)) < 0)
		return store_fail(rc, "cannot read the last commit");
	return 0;
}

int store_batch_committed(const struct store_batch *b, const char *path)
{
	return store_in_tree(b->base, path);
}

int store_batch_add(struct store_batch *b, const char *path,
		    const char *data, size_t len)
{
	git_tree_update *u;
	int rc;

	ALLOC_GROW(b->up, b->nr + 1, b->alloc);
	u = &b->up[b->nr];
	memset(u, 0, sizeof(*u));
	/*
	 * straight into mem: the odb would look for it in every pack, and
	 * read the folder of packs again, for each new object (one that
	 * is there already is only packed again)
	 */
	if ((rc = git_odb_hash(&u->id, data, len, GIT_OBJECT_BLOB)) < 0 ||
	    (rc = b->mem->write(b->mem, &u->id, data, len,
				GIT_OBJECT_BLOB)) < 0)
		return store_fail(rc, "cannot store a file in git");
	u->action = GIT_TREE_UPDATE_UPSERT;
	u->filemode = GIT_FILEMODE_BLOB;
	u->path = path;
	b->nr++;
	b->held_bytes += len;
	return b->held_bytes >= BATCH_PACK_BYTES ? pack_held(b) : 0;
}

/*
 * Append to ids (with *n of them, room for one more made) the trees of
 * the commit that may be new: the root's and those of every folder of a
 * file added (their names go in dirs, which must outlive ids).
 */
static void new_trees(struct store_batch *b, git_tree *tree,
		      struct pack_item **ids, size_t *n, struct strvec *dirs)
{
	size_t alloc = *n + 1;

	for (size_t i = 0; i < b->nr; i++) {
		const char *p = b->up[i].path, *s = p;
		const char *last = strrchr(p, '/'), *prev;

		/* the folders of a file in the folder of the one before
		 * are there already */
		prev = i ? b->up[i - 1].path : NULL;
		if (!last || (prev && !strncmp(prev, p, (size_t)(last - p)) &&
			      prev[last - p] == '/' &&
			      !strchr(prev + (last - p) + 1, '/')))
			continue;
		while ((s = strchr(s, '/')))
			strvec_pushn(dirs, p, (size_t)(s++ - p));
	}
	strvec_sort(dirs);
	git_oid_cpy(&(*ids)[(*n)++].id, git_tree_id(tree));
	for (size_t i = 0; i < dirs->nr; i++) {
		git_tree_entry *te = NULL;

		if (i && !strcmp(dirs->v[i], dirs->v[i - 1]))
			continue;
		if (git_tree_entry_bypath(&te, tree, dirs->v[i]) == 0) {
			ALLOC_GROW(*ids, *n + 1, alloc);
			git_oid_cpy(&(*ids)[*n].id, git_tree_entry_id(te));
			(*ids)[(*n)++].name = dirs->v[i];
		}
		git_tree_entry_free(te);
	}
}

int store_index_add_file(struct ctx *ctx, git_index *idx, const char *path,
			 const git_oid *id, git_filemode_t mode)
{
	git_index_entry ie;
	struct buf full = BUF_INIT;
	struct stat st;
	int rc;

	path_join(&full, ctx->root, path);
	rc = lstat(full.s, &st);
	buf_release(&full);
	if (rc < 0)
		return GIT_ENOTFOUND;
	memset(&ie, 0, sizeof(ie));
	ie.ctime.seconds = (int32_t)st.st_ctim.tv_sec;
	ie.ctime.nanoseconds = (uint32_t)st.st_ctim.tv_nsec;
	ie.mtime.seconds = (int32_t)st.st_mtim.tv_sec;
	ie.mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
	ie.dev = (uint32_t)st.st_dev;
	ie.ino = (uint32_t)st.st_ino;
	ie.mode = mode;
	ie.uid = st.st_uid;
	ie.gid = st.st_gid;
	ie.file_size = (uint32_t)st.st_size;
	git_oid_cpy(&ie.id, id);
	ie.path = path;
	return git_index_add(idx, &ie);
}

int store_batch_commit(struct store_batch *b, const char *message)
{
	struct ctx *ctx = b->ctx;
	git_index *idx = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_oid tree_id, id;
	struct pack_item *ids = NULL;
	struct strvec dirs = STRVEC_INIT;
	const git_commit *parents[1];
	struct buf msg = BUF_INIT;
	struct write_why why;
	size_t n;
	int rc, ret = FAIL;

	if ((rc = git_tree_create_updated(&tree_id, b->repo, b->base, b->nr,
					  b->up)) < 0 ||
	    (rc = git_tree_lookup(&tree, b->repo, &tree_id)) < 0) {
		ret = store_fail(rc, "cannot write the tree");
		goto out;
	}
	if (store_signature(ctx, &sig) < 0)
		goto out;
	commit_message(message, &msg);
	parents[0] = b->parent;
	if ((rc = git_commit_create(&id, b->repo, NULL, sig, sig, NULL, msg.s,
				    tree, 1, parents)) < 0) {
		ret = store_fail(rc, "cannot commit");
		goto out;
	}
	/* the last blobs, the new trees and the commit: the last pack */
	held_ids(b, 1, &ids, &n);
	git_oid_cpy(&ids[n++].id, &id);
	new_trees(b, tree, &ids, &n, &dirs);
	write_begin();
	rc = write_pack(b, ids, n);
	write_why(&why);
	if (rc < 0) {
		ret = store_fail(rc, "cannot write the commit into git");
		goto out;
	}
	if (!object_whole(b->repo, &id)) {
		ret = write_failed(&why, "cannot write the commit into git");
		goto out;
	}
	/* the files as they are on disk, so that git need not read them */
	rc = git_repository_index(&idx, b->repo);
	if (rc == 0)
		rc = git_index_read(idx, 0);
	for (size_t i = 0; i < b->nr && rc == 0; i++)
		if ((rc = store_index_add_file(ctx, idx, b->up[i].path,
					       &b->up[i].id,
					       GIT_FILEMODE_BLOB)) ==
		    GIT_ENOTFOUND) {
			ret = error("cannot stage '%s': it is gone",
				    b->up[i].path);
			goto out;
		}
	if (rc < 0) {
		ret = store_fail(rc, "cannot stage the new files");
		goto out;
	}
	locknote_commit(ctx);
	ret = place_commit(b->repo, idx, b->parent, &id, msg.s);
out:
	locknote_clear(ctx);
	free(ids);
	strvec_clear(&dirs);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(idx);
	buf_release(&msg);
	return ret;
}

void store_batch_free(struct store_batch *b)
{
	git_odb *own = NULL;

	if (!b)
		return;
	free(b->up);
	if (b->mapped)
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, b->mapped);
	git_reference_free(b->head);
	git_tree_free(b->base);
	git_commit_free(b->parent);
	git_odb_free(b->odb);
	git_repository_free(b->repo);
	/* the journal's own handle sees the new packs */
	if (b->ctx->repo && git_repository_odb(&own, b->ctx->repo) == 0)
		git_odb_refresh(own);
	git_odb_free(own);
	free(b);
}
