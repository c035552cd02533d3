#include "sync.h"
#include "age.h"
#include "checkout.h"
#include "config.h"
#include "convert.h"
#include "error.h"
#include "fs.h"
#include "key.h"
#include "locknote.h"
#include "progress.h"
#include "redact.h"
#include "remote.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void sync_report_init(struct sync_report *r)
{
	memset(r, 0, sizeof(*r));
	merge_result_init(&r->merge);
	inbox_result_init(&r->inbox);
}

void sync_report_release(struct sync_report *r)
{
	free(r->remote);
	free(r->branch);
	merge_result_release(&r->merge);
	inbox_result_release(&r->inbox);
	sync_report_init(r);
}

/* Is url a local path (not a URL, not scp-like HOST:PATH)? */
static int is_local(const char *url)
{
	const char *colon = strchr(url, ':');
	const char *slash = strchr(url, '/');

	return !strstr(url, "://") && !(colon && (!slash || colon < slash));
}

/*
 * A remote that is a folder which is not there (a backup disk not
 * mounted, say) gets a plain message rather than libgit2's. Returns 0,
 * or FAIL_REMOTE after reporting what failed.
 */
static int check_folder(const char *url, const char *what)
{
	if (!is_local(url) || fs_is_dir(url))
		return 0;
	return error_as(FAIL_REMOTE, "%s: there is no folder '%s' (if it is "
			"on a disk, is the disk there?)", what, url);
}

/*
 * The lock file git makes to move branch in the remote at url, into out,
 * when the remote is a folder on this machine (left empty otherwise):
 * DIR/refs/heads/BRANCH.lock of a bare repository, or of its .git.
 */
static void folder_lock(const char *url, const char *branch,
			struct buf *out)
{
	struct buf git = BUF_INIT;

	buf_reset(out);
	if (starts_with(url, "file://"))
		url += strlen("file://");
	else if (!is_local(url))
		return;
	path_join(&git, url, ".git");
	if (!fs_is_dir(git.s))
		path_join(&git, url, "");
	buf_addf(out, "%s/refs/heads/%s.lock", git.s, branch);
	buf_release(&git);
}

/*
 * After a push to a bare repository in a folder of this machine (url),
 * whose HEAD names a branch it does not have (git init --bare makes
 * HEAD master; tend pushes the journal's branch), point HEAD at branch,
 * so that a plain git clone of it checks the journal out. A HEAD that
 * names a branch there is left alone. Only a warning when it fails: the
 * push is done.
 */
static void point_head(const char *url, const char *branch,
		       const char *remote, int quiet)
{
	git_repository *repo = NULL;
	git_reference *head = NULL, *target = NULL;
	struct buf ref = BUF_INIT;

	if (starts_with(url, "file://"))
		url += strlen("file://");
	else if (!is_local(url))
		return;
	if (git_repository_open_ext(&repo, url, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL) < 0 ||
	    !git_repository_is_bare(repo) ||
	    git_reference_lookup(&head, repo, "HEAD") < 0 ||
	    git_reference_type(head) != GIT_REFERENCE_SYMBOLIC ||
	    git_reference_lookup(&target, repo,
				 git_reference_symbolic_target(head)) == 0)
		goto out;
	buf_addf(&ref, "refs/heads/%s", branch);
	if (git_repository_set_head(repo, ref.s) < 0)
		warning("'%s' names a branch it does not have as its HEAD, "
			"so a git clone of it checks out nothing; tend could "
			"not make it %s", remote, branch);
	else if (!quiet)
		printf("%s's HEAD is now %s (it named a branch it did not "
		       "have), so that a git clone of it checks the journal "
		       "out\n", remote, branch);
out:
	buf_release(&ref);
	git_reference_free(target);
	git_reference_free(head);
	git_repository_free(repo);
}

/* The number of commits reachable from tip but not from hide (or NULL). */
static size_t count_commits(git_repository *repo, const git_oid *tip,
			    const git_oid *hide)
{
	git_revwalk *walk = NULL;
	git_oid id;
	size_t n = 0;

	if (git_revwalk_new(&walk, repo) < 0)
		return 0;
	if (git_revwalk_push(walk, tip) == 0 &&
	    (!hide || git_revwalk_hide(walk, hide) == 0))
		while (git_revwalk_next(&id, walk) == 0)
			n++;
	git_revwalk_free(walk);
	return n;
}

/* Count the files added, changed and deleted from a to b into r. */
static void count_files(git_repository *repo, git_tree *a, git_tree *b,
			struct sync_report *r)
{
	git_diff *diff = NULL;

	if (git_diff_tree_to_tree(&diff, repo, a, b, NULL) < 0)
		return;
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		git_delta_t st = git_diff_get_delta(diff, i)->status;

		if (st == GIT_DELTA_ADDED)
			r->added++;
		else if (st == GIT_DELTA_DELETED)
			r->deleted++;
		else
			r->changed++;
	}
	git_diff_free(diff);
}

/*
 * The remote to sync with: name, else [sync] remote, else origin, else
 * the journal's only remote. Sets *out and r->remote. Returns 0 or
 * FAIL_USAGE (there is none such) after reporting.
 */
static int find_remote(struct ctx *ctx, const char *name, git_remote **out,
		       struct sync_report *r)
{
	git_strarray names = { NULL, 0 };
	int rc, asked = name || ctx->cfg.sync_remote;

	if (!name)
		name = ctx->cfg.sync_remote ? ctx->cfg.sync_remote : "origin";
	if (git_remote_list(&names, ctx->repo) < 0)
		return store_fail(-1, "cannot read the journal's remotes");
	if (!asked && names.count == 1)
		name = names.strings[0];
	rc = remote_name_ok(name) ? git_remote_lookup(out, ctx->repo, name)
				  : GIT_ENOTFOUND;
	if (rc == 0)
		r->remote = xstrdup(name);
	else if (rc != GIT_ENOTFOUND)
		rc = store_fail(rc, "cannot read the journal's remotes");
	else if (!names.count)
		rc = error_as(FAIL_USAGE, "the journal has no remote to sync "
			      "with; add one with 'tend remote add origin "
			      "URL'");
	else
		rc = error_as(FAIL_USAGE, "the journal has no remote '%s'; "
			      "'tend remote list' shows the ones it has",
			      name);
	git_strarray_dispose(&names);
	return rc;
}

/*
 * Note the lock git takes to change name (a ref, or a file like
 * "index.lock") in the journal's git folder (see locknote.h).
 */
static void note_lock(struct ctx *ctx, const char *name)
{
	struct buf path = BUF_INIT;

	buf_addf(&path, "%s%s%s", git_repository_path(ctx->repo), name,
		 ends_with(name, ".lock") ? "" : ".lock");
	locknote_add(ctx, path.s, NULL);
	buf_release(&path);
}

/*
 * Check out tree to and move the branch refname from commit was (whose
 * tree is from) to commit now. When the branch cannot move, the files go
 * back to from. Returns 0, FAIL or FAIL_BUSY.
 */
static int move_to(struct ctx *ctx, const char *refname, git_tree *from,
		   const git_oid *was, git_tree *to, const git_oid *now,
		   const char *why)
{
	git_reference *ref = NULL;
	int rc;

	note_lock(ctx, "index.lock");
	note_lock(ctx, refname);
	if ((rc = checkout_tree(ctx, from, to)) < 0)
		goto out;
	rc = git_reference_create_matching(&ref, ctx->repo, refname, now, 1,
					   was, why);
	git_reference_free(ref);
	if (rc < 0) {
		rc = store_fail(rc, "cannot move the journal's branch");
		checkout_tree(ctx, to, from);
	}
out:
	locknote_clear(ctx);
	return rc;
}

/* The message of the merge commit: what came in, and what was kept. */
static void merge_message(const struct sync_report *r, size_t theirs,
			  struct buf *msg)
{
	const struct merge_result *m = &r->merge;

	buf_addf(msg, "Sync with '%s': join %zu commit%s from there\n",
		 r->remote, theirs, theirs == 1 ? "" : "s");
	if (m->nr || m->kept.nr)
		buf_addch(msg, '\n');
	for (size_t i = 0; i < m->nr; i++)
		buf_addf(msg, "Conflict copy: %s (theirs of %s)\n",
			 m->copies[i].copy, m->copies[i].path);
	for (size_t i = 0; i < m->kept.nr; i++)
		buf_addf(msg, "Kept the edited %s (deleted on one side)\n",
			 m->kept.v[i]);
}

/*
 * Join the commit theirs into ours with a merge commit that has both as
 * parents, and move the branch to it (*ours becomes it).
 */
static int join(struct ctx *ctx, const char *refname, git_oid *ours,
		const git_oid *theirs, struct sync_report *r)
{
	git_commit *oc = NULL, *tc = NULL;
	git_tree *base = NULL, *ot = NULL, *tt = NULL, *joined = NULL;
	git_signature *sig = NULL;
	git_oid base_id, id;
	struct buf msg = BUF_INIT;
	char tag[8];
	const git_commit *parents[2];
	int rc;

	rc = git_merge_base(&base_id, ctx->repo, ours, theirs);
	if (rc == GIT_ENOTFOUND) {
		rc = error("'%s' holds a journal with no history in common "
			   "with this one; tend does not join two unrelated "
			   "journals", r->remote);
		goto out;
	}
	if (rc < 0 || (rc = git_commit_lookup(&oc, ctx->repo, ours)) < 0 ||
	    (rc = git_commit_lookup(&tc, ctx->repo, theirs)) < 0 ||
	    (rc = git_commit_tree(&ot, oc)) < 0 ||
	    (rc = git_commit_tree(&tt, tc)) < 0) {
		rc = store_fail(rc, "cannot read the two histories");
		goto out;
	}
	{
		git_commit *bc = NULL;

		rc = git_commit_lookup(&bc, ctx->repo, &base_id);
		if (rc == 0)
			rc = git_commit_tree(&base, bc);
		git_commit_free(bc);
		if (rc < 0) {
			rc = store_fail(rc, "cannot read the common commit");
			goto out;
		}
	}
	if ((rc = merge_check_incoming(ctx->repo, ot, tt, r->remote)) < 0)
		goto out;
	git_oid_tostr(tag, sizeof(tag), theirs);
	if ((rc = merge_trees(ctx->repo, base, ot, tt, tag, &r->merge)) < 0)
		goto out;
	if ((rc = git_tree_lookup(&joined, ctx->repo, &r->merge.tree)) < 0) {
		rc = store_fail(rc, "cannot read the joined tree");
		goto out;
	}
	r->received = count_commits(ctx->repo, theirs, ours);
	merge_message(r, r->received, &msg);
	if ((rc = store_signature(ctx, &sig)) < 0)
		goto out;
	parents[0] = oc;
	parents[1] = tc;
	rc = git_commit_create(&id, ctx->repo, NULL, sig, sig, NULL, msg.s,
			       joined, 2, parents);
	if (rc < 0) {
		rc = store_fail(rc, "cannot commit the merge");
		goto out;
	}
	if ((rc = move_to(ctx, refname, ot, ours, joined, &id,
			  "tend sync: merge")) < 0)
		goto out;
	count_files(ctx->repo, ot, joined, r);
	r->merged = 1;
	git_oid_cpy(ours, &id);
out:
	git_signature_free(sig);
	git_tree_free(joined);
	git_tree_free(base);
	git_tree_free(ot);
	git_tree_free(tt);
	git_commit_free(oc);
	git_commit_free(tc);
	buf_release(&msg);
	return rc;
}

/* Move the branch on to theirs, a descendant of ours. */
static int fast_forward(struct ctx *ctx, const char *refname,
			const git_oid *ours, const git_oid *theirs,
			struct sync_report *r)
{
	git_commit *oc = NULL, *tc = NULL;
	git_tree *ot = NULL, *tt = NULL;
	int rc;

	if ((rc = git_commit_lookup(&oc, ctx->repo, ours)) < 0 ||
	    (rc = git_commit_lookup(&tc, ctx->repo, theirs)) < 0 ||
	    (rc = git_commit_tree(&ot, oc)) < 0 ||
	    (rc = git_commit_tree(&tt, tc)) < 0) {
		rc = store_fail(rc, "cannot read the remote's commits");
		goto out;
	}
	if ((rc = merge_check_incoming(ctx->repo, ot, tt, r->remote)) < 0 ||
	    (rc = move_to(ctx, refname, ot, ours, tt, theirs,
			  "tend sync: fast-forward")) < 0)
		goto out;
	r->received = count_commits(ctx->repo, theirs, ours);
	count_files(ctx->repo, ot, tt, r);
out:
	git_tree_free(ot);
	git_tree_free(tt);
	git_commit_free(oc);
	git_commit_free(tc);
	return rc;
}

/* Where the remote's branch was when we fetched: 1 and *id, or 0. */
static int remote_tip(git_remote *remote, const char *branch, git_oid *id)
{
	const git_remote_head **heads;
	struct buf name = BUF_INIT;
	size_t n;
	int found = 0;

	buf_addf(&name, "refs/heads/%s", branch);
	if (git_remote_ls(&heads, &n, remote) == 0)
		for (size_t i = 0; i < n && !found; i++)
			if (!strcmp(heads[i]->name, name.s)) {
				git_oid_cpy(id, &heads[i]->oid);
				found = 1;
			}
	buf_release(&name);
	return found;
}

/*
 * Just before a push that replaces the remote's branch: is it still at
 * fetched, where it was when this sync read it? A lease, as git's
 * --force-with-lease: what another clone sent meanwhile is not
 * replaced. (The reading and the push are two connections, and git's
 * library has no push that compares and swaps: what lands between the
 * two is the one thing it misses.) Returns 0, or FAIL_REMOTE after
 * saying why not.
 */
static int still_there(git_remote *remote, struct remote_talk *talk,
		       const struct sync_report *r, const git_oid *fetched)
{
	git_remote_callbacks cbs;
	git_oid now;
	int rc, found;

	git_remote_init_callbacks(&cbs, GIT_REMOTE_CALLBACKS_VERSION);
	remote_callbacks(talk, &cbs);
	rc = git_remote_connect(remote, GIT_DIRECTION_PUSH, &cbs, NULL, NULL);
	if (rc < 0)
		return remote_fail(talk, rc, "cannot reach the remote");
	found = remote_tip(remote, r->branch, &now);
	git_remote_disconnect(remote);
	if (!found || !git_oid_equal(&now, fetched))
		return error_as(FAIL_REMOTE, "'%s' moved while this sync ran "
				"(another clone synced to it): its history was "
				"not replaced; sync again", r->remote);
	return 0;
}

/*
 * Can the history whose tip is theirs join this journal's? An encrypted
 * journal takes only the history of one encrypted to its own key (its
 * tend.ini.age opens with it), never a plain one, which would bring
 * plain text back into it; a plain journal takes no encrypted one.
 * Returns 0, or FAIL_REMOTE after saying what the remote holds.
 */
static int check_kind(struct ctx *ctx, const git_oid *theirs,
		      const char *remote)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;
	struct buf plain = BUF_INIT;
	int rc, keyed;

	if (ctx->encrypted && !ctx->key)
		return error_as(FAIL_LOCKED, "the journal is locked");
	if ((rc = git_commit_lookup(&c, ctx->repo, theirs)) < 0 ||
	    (rc = git_commit_tree(&tree, c)) < 0) {
		rc = store_fail(rc, "cannot read what came in");
		goto out;
	}
	keyed = store_in_tree(tree, KEY_FILE);
	if (!ctx->encrypted && keyed) {
		rc = error_as(FAIL_REMOTE, "'%s' holds an encrypted journal, "
			      "and this one is plain: nothing was joined. "
			      "To work on that one, 'tend clone' it", remote);
	} else if (ctx->encrypted && !keyed) {
		rc = error_as(FAIL_REMOTE, "'%s' holds a plain journal's "
			      "history (as this one was before 'tend "
			      "encrypt'?): joining it would bring plain text "
			      "back, so nothing was joined", remote);
	} else if (ctx->encrypted &&
		   (git_tree_entry_bypath(&te, tree, VAULT_CONFIG) < 0 ||
		    git_blob_lookup(&blob, ctx->repo,
				    git_tree_entry_id(te)) < 0 ||
		    age_decrypt(ctx->key, git_blob_rawcontent(blob),
				(size_t)git_blob_rawsize(blob), &plain))) {
		rc = error_as(FAIL_REMOTE, "'%s' holds a journal encrypted to "
			      "another key than this one's: nothing was "
			      "joined", remote);
	}
	age_wipe(plain.s, plain.len);
out:
	buf_release(&plain);
	git_blob_free(blob);
	git_tree_entry_free(te);
	git_tree_free(tree);
	git_commit_free(c);
	return rc;
}

/*
 * The id noted in SYNC_REWRITTEN for remote's branch into id; with drop
 * set, the note is taken out instead. Returns 1 when there is one, 0
 * when not, FAIL after reporting.
 */
static int rewritten(struct ctx *ctx, const char *remote, const char *branch,
		     git_oid *id, int drop)
{
	struct buf text = BUF_INIT, kept = BUF_INIT, want = BUF_INIT;
	const char *p, *nl;
	int rc, found = 0;

	rc = fs_read_in(ctx->root, SYNC_REWRITTEN, 64 * 1024, &text,
			FS_MISSING_OK);
	if (rc)
		goto out;
	buf_addf(&want, "%s %s ", remote, branch);
	for (p = text.s; *p; p = nl + 1) {
		nl = strchrnul(p, '\n');
		if (!found && starts_with(p, want.s) &&
		    (size_t)(nl - p) == want.len + GIT_OID_HEXSZ &&
		    git_oid_fromstrn(id, p + want.len, GIT_OID_HEXSZ) == 0)
			found = 1;
		else
			buf_addf(&kept, "%.*s\n", (int)(nl - p), p);
		if (!*nl)
			break;
	}
	if (found && drop)
		rc = kept.len ? fs_write_in(ctx->root, SYNC_REWRITTEN, kept.s,
					    kept.len)
			      : fs_remove_in(ctx->root, SYNC_REWRITTEN);
out:
	buf_release(&text);
	buf_release(&kept);
	buf_release(&want);
	return rc < 0 ? FAIL : found;
}

int sync_tracking(struct ctx *ctx, struct strvec *out)
{
	git_reference_iterator *it = NULL;
	git_reference *r;
	struct buf line = BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];

	if (store_open(ctx) < 0 ||
	    git_reference_iterator_glob_new(&it, ctx->repo,
					    "refs/remotes/*") < 0)
		return store_fail(-1, "cannot list the remote-tracking "
				  "branches");
	while (git_reference_next(&r, it) == 0) {
		const char *name = git_reference_name(r) +
				   strlen("refs/remotes/");
		const char *slash = strchr(name, '/');

		if (slash && git_reference_type(r) == GIT_REFERENCE_DIRECT &&
		    !strchr(slash + 1, '/') && strcmp(slash + 1, "HEAD")) {
			git_oid_tostr(hex, sizeof(hex),
				      git_reference_target(r));
			buf_reset(&line);
			buf_addf(&line, "%.*s %s %s", (int)(slash - name), name,
				 slash + 1, hex);
			strvec_push(out, line.s);
		}
		git_reference_free(r);
	}
	git_reference_iterator_free(it);
	buf_release(&line);
	return 0;
}

int sync_note_rewritten(struct ctx *ctx, const struct strvec *tracking)
{
	struct buf text = BUF_INIT, remote = BUF_INIT, branch = BUF_INIT;
	size_t had;
	git_oid old;
	int rc;

	rc = fs_read_in(ctx->root, SYNC_REWRITTEN, 64 * 1024, &text,
			FS_MISSING_OK);
	had = text.len;
	for (size_t i = 0; i < tracking->nr && rc >= 0; i++) {
		const char *l = tracking->v[i], *sp = strchr(l, ' ');
		const char *sp2 = sp ? strchr(sp + 1, ' ') : NULL;

		if (!sp2)
			continue;
		buf_reset(&remote);
		buf_add(&remote, l, (size_t)(sp - l));
		buf_reset(&branch);
		buf_add(&branch, sp + 1, (size_t)(sp2 - sp - 1));
		rc = rewritten(ctx, remote.s, branch.s, &old, 0);
		if (rc == 0)
			buf_addf(&text, "%s\n", l);
	}
	if (rc >= 0 && text.len > had)
		rc = fs_write_in(ctx->root, SYNC_REWRITTEN, text.s, text.len);
	buf_release(&text);
	buf_release(&remote);
	buf_release(&branch);
	return rc < 0 ? FAIL : 0;
}

/*
 * For --force: may the remote's branch, at theirs (NULL: there is none),
 * be replaced? Only when a rewrite noted it, and it is still there.
 * Returns 0, or FAIL_USAGE or FAIL_REMOTE after saying why not.
 */
static int lease_holds(struct ctx *ctx, const struct sync_report *r,
		       const git_oid *theirs)
{
	char a[8], b[8];
	git_oid noted;
	int rc = rewritten(ctx, r->remote, r->branch, &noted, 0);

	if (rc < 0)
		return rc;
	if (!rc)
		return error_as(FAIL_USAGE, "--force replaces only the "
				"history a journal had before 'tend encrypt' "
				"or 'tend decrypt' rewrote it, and '%s' (branch "
				"%s) holds none that this journal noted",
				r->remote, r->branch);
	if (theirs && !git_oid_equal(theirs, &noted)) {
		git_oid_tostr(a, sizeof(a), &noted);
		git_oid_tostr(b, sizeof(b), theirs);
		return error_as(FAIL_REMOTE, "'%s' moved since this journal "
				"was rewritten (from %s to %s): another clone "
				"may have synced to it; nothing was replaced",
				r->remote, a, b);
	}
	return 0;
}

/*
 * After the remote's branch was replaced: the note of it goes, and what
 * it held goes from the journal's git folder, and from the remote's
 * when that is a folder here. Returns 0, or FAIL after reporting.
 */
static int replaced(struct ctx *ctx, git_remote *remote,
		    const struct sync_report *r)
{
	const char *url = git_remote_url(remote);
	struct buf ref = BUF_INIT;
	git_oid gone;
	int rc = rewritten(ctx, r->remote, r->branch, &gone, 1);

	/* the log of the remote-tracking ref names what it held */
	buf_addf(&ref, "refs/remotes/%s/%s", r->remote, r->branch);
	if (rc >= 0 && git_reflog_delete(ctx->repo, ref.s) < 0)
		rc = store_fail(-1, "cannot remove a reflog");
	buf_release(&ref);
	if (rc >= 0)
		rc = store_prune(ctx);
	if (rc >= 0 && is_local(url))
		rc = store_prune_at(url);
	else if (rc >= 0)
		warning("'%s' may keep what it held until its git collects "
			"its garbage (git gc --prune=now, on its host)",
			r->remote);
	return rc < 0 ? FAIL : 0;
}

/*
 * Put the remote-tracking ref back where it was before the fetch (or
 * remove it, when there was none), so that what was refused is not left
 * where `git merge origin/main` would take it.
 */
static void restore_tracking(struct ctx *ctx, const char *ref, int had,
			     const git_oid *was)
{
	git_reference *r = NULL;
	int rc;

	note_lock(ctx, ref);
	if (had)
		rc = git_reference_create(&r, ctx->repo, ref, was, 1,
					  "tend sync: refused what came in");
	else
		rc = git_reference_remove(ctx->repo, ref);
	/* its log names what came in too */
	if (rc == 0)
		rc = git_reflog_delete(ctx->repo, ref);
	locknote_clear(ctx);
	git_reference_free(r);
	if (rc < 0)
		warning("cannot put '%s' back as it was; do not merge it "
			"with git", ref);
}

/*
 * The names tend.ini's [share] redact holds in revision rev (of an
 * encrypted journal: VAULT_CONFIG's, decrypted), into out.
 */
static void redactions_at(struct ctx *ctx, const char *rev,
			  struct redactions *out)
{
	const char *name = ctx->encrypted ? VAULT_CONFIG : "tend.ini";
	struct buf text = BUF_INIT, plain = BUF_INIT;
	struct config cfg;
	git_object *obj = NULL;

	config_init(&cfg);
	buf_addf(&text, "%s:%s", rev, name);
	if (git_revparse_single(&obj, ctx->repo, text.s) == 0 &&
	    git_object_type(obj) == GIT_OBJECT_BLOB &&
	    vault_open_bytes(ctx, name, git_blob_rawcontent((git_blob *)obj),
			     (size_t)git_blob_rawsize((git_blob *)obj),
			     &plain) == 0)
		config_read_text(&cfg, name, plain.s, plain.len,
				 CONFIG_JOURNAL);
	redact_parse(out, cfg.redact);
	git_object_free(obj);
	config_release(&cfg);
	age_wipe(plain.s, plain.len);
	buf_release(&plain);
	buf_release(&text);
}

/* Where this machine keeps names to redact: sealed when the journal is. */
static const char *local_config(const struct ctx *ctx)
{
	return ctx->encrypted ? CONFIG_LOCAL_SEALED : CONFIG_LOCAL_PATH;
}

/*
 * Add items ("NAME" or "NAME=TEXT") to [share] redact of this machine's
 * settings of the journal, local_config(), a line of its own for each.
 * Returns 0 or FAIL.
 */
static int add_local_redactions(struct ctx *ctx, const struct strvec *items)
{
	struct buf text = BUF_INIT;
	int rc;

	rc = vault_read(ctx, local_config(ctx), 1024 * 1024, &text,
			FS_MISSING_OK);
	if (rc < 0)
		goto out;
	if (text.len && text.s[text.len - 1] != '\n')
		buf_addch(&text, '\n');
	buf_addf(&text, "[share]\n; kept when a sync took them out of "
		 "%s\n", ctx->encrypted ? VAULT_CONFIG : "tend.ini");
	for (size_t i = 0; i < items->nr; i++)
		buf_addf(&text, "redact = %s\n", items->v[i]);
	rc = vault_write(ctx, local_config(ctx), text.s, text.len);
out:
	age_wipe(text.s, text.len);
	buf_release(&text);
	return rc < 0 ? FAIL : 0;
}

/*
 * A sync must never show more than before: names that what came in
 * took out of tend.ini's [share] redact (compared with commit was)
 * stay hidden here, kept in .tend/config.ini, and the user is told.
 */
static void keep_redactions(struct ctx *ctx, const git_oid *was)
{
	struct redactions before, after;
	struct strvec items = STRVEC_INIT;
	struct buf names = BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), was);
	redactions_at(ctx, hex, &before);
	redactions_at(ctx, "HEAD", &after);
	for (size_t i = 0; i < before.pairs.nr; i += 2) {
		const char *name = before.pairs.v[i];
		const char *repl = before.pairs.v[i + 1];
		int found = 0;

		for (size_t k = 0; k < after.pairs.nr && !found; k += 2)
			found = !strcmp(after.pairs.v[k], name);
		if (found || strlen(name) + strlen(repl) > 180)
			continue;
		buf_reset(&names);
		if (strcmp(repl, "[name]"))
			buf_addf(&names, "%s=%s", name, repl);
		else
			buf_adds(&names, name);
		strvec_push(&items, names.s);
	}
	if (items.nr && add_local_redactions(ctx, &items) == 0) {
		buf_reset(&names);
		for (size_t i = 0; i < items.nr; i++)
			buf_addf(&names, "%s'%s'", i ? ", " : "",
				 items.v[i]);
		warning("the sync took %s out of [share] redact in %s; "
			"on this machine %s stay%s hidden (kept in %s)",
			names.s, ctx->encrypted ? VAULT_CONFIG : "tend.ini",
			items.nr == 1 ? "it" : "they",
			items.nr == 1 ? "s" : "", local_config(ctx));
	} else if (items.nr) {
		warning("the sync took names out of [share] redact in "
			"%s, and they could not be kept in %s: look at "
			"the redactions before you share",
			ctx->encrypted ? VAULT_CONFIG : "tend.ini",
			local_config(ctx));
	}
	redact_release(&before);
	redact_release(&after);
	strvec_clear(&items);
	buf_release(&names);
}

/*
 * May a purge another clone made, which takes the entries reach out of
 * this journal's history, be made here too? With how's SYNC_TAKE_PURGE,
 * or asked on a terminal; else no: what was fetched never joins, and
 * nothing of this journal is sent back. Returns 0, or FAIL_REMOTE after
 * saying so.
 */
static int take_purge(struct ctx *ctx, const char *remote, unsigned how,
		      const struct strvec *reach)
{
	char answer[16];

	fflush(stdout);
	fprintf(stderr, "tend: another clone purged from the history '%s' "
		"holds %s this journal still has:\n", remote,
		reach->nr == 1 ? "an entry" : "entries");
	for (size_t i = 0; i < reach->nr; i++)
		fprintf(stderr, "  %s\n", reach->v[i]);
	if (how & SYNC_TAKE_PURGE)
		return 0;
	if (!(how & SYNC_QUIET) && ctx->in_tty && ctx->err_tty) {
		fprintf(stderr, "Purge %s here too, every version, for good? "
			"[y/N] ", reach->nr == 1 ? "it" : "them");
		fflush(stderr);
		if (fgets(answer, sizeof(answer), stdin) &&
		    (answer[0] == 'y' || answer[0] == 'Y'))
			return 0;
	}
	return error_as(FAIL_REMOTE, "the sync stops here: this journal "
			"joins that history only once they are purged here "
			"too ('tend sync --take-purge'), and sends none of "
			"them back meanwhile");
}

/*
 * Entries purged on one side and not on the other (convert.h). What the
 * remote's record names and this journal's does not, and this journal's
 * history holds, is to be purged here first, as take_purge() allows:
 * the lines go into again (and when how says that was done, the remote
 * moved meanwhile: FAIL_REMOTE). What this
 * journal's record names and the remote's does not is taken out of what
 * came in: *theirs becomes that history and *replace is set when it
 * changed, for the remote's branch is to be replaced. Returns 0 or a
 * failure after reporting.
 */
static int purge_sides(struct ctx *ctx, const char *remote, unsigned how,
		       const git_oid *ours, git_oid *theirs,
		       struct strvec *again, int *replace)
{
	struct strvec mine = STRVEC_INIT, their = STRVEC_INIT;
	struct strvec reach = STRVEC_INIT;
	size_t news = 0, missing = 0;
	git_oid made;
	int rc;

	if ((rc = purge_record_at(ctx, ours, &mine)) < 0 ||
	    (rc = purge_record_at(ctx, theirs, &their)) < 0)
		goto out;
	for (size_t i = 0; i < their.nr; i++)
		news += strvec_find(&mine, their.v[i]) < 0;
	for (size_t i = 0; i < mine.nr; i++)
		missing += strvec_find(&their, mine.v[i]) < 0;
	if (news && (rc = purge_reach(ctx, &their, &reach)) == 0 &&
	    reach.nr) {
		/* purged here already: another clone purged more since */
		if (how & SYNC_PURGED) {
			rc = error_as(FAIL_REMOTE, "'%s' moved while this sync "
				      "ran (another clone purged more): "
				      "sync again", remote);
			goto out;
		}
		if ((rc = take_purge(ctx, remote, how, &reach)) < 0)
			goto out;
		/* their record names all that went, here and there */
		for (size_t i = 0; i < their.nr; i++)
			strvec_push(again, their.v[i]);
		goto out;
	}
	if (!rc && missing) {
		rc = purge_rewrite(ctx, &mine, theirs, &made);
		if (rc == 0 && !git_oid_equal(&made, theirs)) {
			git_oid_cpy(theirs, &made);
			*replace = 1;
		}
	}
out:
	strvec_clear(&mine);
	strvec_clear(&their);
	strvec_clear(&reach);
	return rc;
}

/*
 * The journal's branch: its full name into refname, the name into local.
 * Returns 0, or FAIL when HEAD is on no branch.
 */
static int current_branch(struct ctx *ctx, struct buf *refname,
			  struct buf *local)
{
	git_reference *head = NULL;
	int rc = git_repository_head(&head, ctx->repo);

	if (rc == 0 && !git_reference_is_branch(head))
		rc = error("the journal is on no branch (HEAD is detached); "
			   "check its branch out with git first");
	else if (rc < 0)
		rc = store_fail(rc, "cannot read HEAD");
	else {
		buf_adds(refname, git_reference_name(head));
		buf_adds(local, git_reference_shorthand(head));
	}
	git_reference_free(head);
	return rc;
}

int sync_run(struct ctx *ctx, const char *name, unsigned how,
	     struct sync_report *r)
{
	int quiet = how & SYNC_QUIET, force = how & SYNC_FORCE;
	int purging = 0;
	struct strvec again = STRVEC_INIT;
	git_remote *remote = NULL;
	struct remote_talk talk;
	struct buf refname = BUF_INIT, local = BUF_INIT, spec = BUF_INIT;
	struct buf what = BUF_INIT, tracking = BUF_INIT;
	git_fetch_options fo;
	git_push_options po;
	git_strarray specs;
	git_oid ours, theirs, tracked, was, noted, fetched;
	int rc, have_theirs, had_tracked, push = 1;
	char *specv[1];

	remote_talk_init(&talk, ctx, quiet);
	if ((rc = store_open(ctx)) < 0 ||
	    (rc = find_remote(ctx, name, &remote, r)) < 0 ||
	    (rc = current_branch(ctx, &refname, &local)) < 0)
		goto out;
	r->branch = xstrdup(ctx->cfg.sync_branch ? ctx->cfg.sync_branch
						 : local.s);

	buf_addf(&tracking, "refs/remotes/%s/%s", r->remote, r->branch);
	had_tracked = git_reference_name_to_id(&tracked, ctx->repo,
					       tracking.s) == 0;
	buf_addf(&spec, "+refs/heads/%s:%s", r->branch, tracking.s);
	specv[0] = spec.s;
	specs.strings = specv;
	specs.count = 1;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	remote_callbacks(&talk, &fo.callbacks);
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	buf_addf(&what, "cannot fetch from '%s'", r->remote);
	if ((rc = check_folder(git_remote_url(remote), what.s)) < 0)
		goto out;
	note_lock(ctx, tracking.s);
	note_lock(ctx, "FETCH_HEAD");
	rc = git_remote_fetch(remote, &specs, &fo, "tend sync: fetch");
	locknote_clear(ctx);
	if (rc < 0) {
		rc = remote_fail(&talk, rc, what.s);
		goto out;
	}
	remote_progress_end(&talk);
	/* only now that the remote answered: a failed fetch changes nothing */
	if ((rc = store_save(ctx, NULL, &r->saved)) < 0)
		goto out;
	have_theirs = remote_tip(remote, r->branch, &theirs);
	git_oid_cpy(&fetched, &theirs);
	if ((rc = git_reference_name_to_id(&ours, ctx->repo, "HEAD")) < 0) {
		rc = store_fail(rc, "cannot read HEAD");
		goto out;
	}
	git_oid_cpy(&was, &ours);

	if (force) {
		rc = lease_holds(ctx, r, have_theirs ? &theirs : NULL);
		push = 1;
	} else if (have_theirs && !git_oid_equal(&ours, &theirs)) {
		rc = check_kind(ctx, &theirs, r->remote);
		if (rc < 0 && rewritten(ctx, r->remote, r->branch, &noted,
					0) == 1 &&
		    git_oid_equal(&noted, &theirs))
			fprintf(stderr, "tend: it is this journal's history "
				"from before it was rewritten; 'tend sync "
				"--force' replaces it\n");
	}
	/* entries purged on one side: on the other too */
	if (rc == 0 && !force && have_theirs && !git_oid_equal(&ours, &theirs))
		rc = purge_sides(ctx, r->remote, how, &ours, &theirs, &again,
				 &force);
	/* purged there by another clone: here first, then a new start */
	if (rc == 0 && again.nr)
		goto out;
	if (rc < 0) {
		/*
		 * That history never joins this one: no ref is left on it
		 * (not even one made before), and it goes from the disk too.
		 */
		restore_tracking(ctx, tracking.s, 0, NULL);
		if (store_prune(ctx) < 0)
			warning("what came from '%s' is still in the "
				"journal's git folder, on no branch",
				r->remote);
		goto out;
	}
	purging = force && !(how & SYNC_FORCE);
	if (purging) {
		/* what came in, purged, joins this journal's history */
		if (git_oid_equal(&ours, &theirs) ||
		    git_graph_descendant_of(ctx->repo, &ours, &theirs) == 1)
			;
		else if (git_graph_descendant_of(ctx->repo, &theirs,
						 &ours) == 1)
			rc = fast_forward(ctx, refname.s, &ours, &theirs, r);
		else
			rc = join(ctx, refname.s, &ours, &theirs, r);
		r->replaced = 1;
	} else if (force) {
		r->replaced = 1;
	} else if (!have_theirs) {
		push = 1;
	} else if (git_oid_equal(&ours, &theirs)) {
		push = 0;
	} else if (git_graph_descendant_of(ctx->repo, &ours, &theirs) == 1) {
		push = 1;
	} else if (git_graph_descendant_of(ctx->repo, &theirs, &ours) == 1) {
		rc = fast_forward(ctx, refname.s, &ours, &theirs, r);
		push = 0;
	} else {
		rc = join(ctx, refname.s, &ours, &theirs, r);
	}
	/* FAIL_REMOTE here: a link out of the journal was refused */
	if (rc == FAIL_REMOTE)
		restore_tracking(ctx, tracking.s, had_tracked, &tracked);
	if (rc == 0 && (r->received || r->merged))
		keep_redactions(ctx, &was);
	/* what a phone put in the inbox is filed, and the move goes out */
	if (rc == 0) {
		size_t had = r->inbox.filed.nr;

		rc = inbox_file(ctx, &r->inbox);
		if (rc == 0 && r->inbox.filed.nr > had) {
			rc = git_reference_name_to_id(&ours, ctx->repo,
						      "HEAD");
			if (rc < 0)
				rc = store_fail(rc, "cannot read HEAD");
			push = 1;
		}
	}
	if (rc < 0 || !push)
		goto done;

	buf_reset(&spec);
	buf_addf(&spec, "%s%s:refs/heads/%s", force ? "+" : "", refname.s,
		 r->branch);
	specv[0] = spec.s;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	remote_callbacks(&talk, &po.callbacks);
	/* a purge replaces only what it took the entries out of */
	if (purging && (rc = still_there(remote, &talk, r, &fetched)) < 0)
		goto out;
	buf_reset(&what);
	folder_lock(git_remote_url(remote), r->branch, &what);
	if (what.len) {
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), &ours);
		locknote_add(ctx, what.s, hex);
	}
	/* a push moves the remote-tracking ref here too, when it is done */
	note_lock(ctx, tracking.s);
	rc = git_remote_push(remote, &specs, &po);
	locknote_clear(ctx);
	if ((rc < 0 || talk.refused.len) && what.len && fs_exists(what.s)) {
		remote_progress_end(&talk);
		rc = error_as(FAIL_REMOTE, "cannot push to '%s': it is locked "
			      "by '%s'. A push that was stopped (a sync "
			      "killed, a disk pulled out) leaves that file; "
			      "if no git or tend is pushing to '%s' now, "
			      "remove the file and sync again", r->remote,
			      what.s, r->remote);
		goto out;
	}
	if (rc < 0) {
		buf_reset(&what);
		buf_addf(&what, "cannot push to '%s'", r->remote);
		rc = remote_fail(&talk, rc, what.s);
		goto out;
	}
	if ((rc = remote_pushed(&talk, r->remote)) < 0)
		goto out;
	point_head(git_remote_url(remote), r->branch, r->remote,
		   how & SYNC_QUIET);
	r->sent = count_commits(ctx->repo, &ours, have_theirs && !force ?
				&theirs : NULL);
	if (force && (rc = replaced(ctx, remote, r)) < 0)
		goto out;
done:
	if (rc == 0)
		remote_done(&talk);
out:
	if (rc < 0 && purging) {
		/* what came in held what was purged: it is not kept */
		restore_tracking(ctx, tracking.s, 0, NULL);
		if (store_prune(ctx) < 0)
			warning("what came from '%s' is still in the "
				"journal's git folder, on no branch",
				r->remote);
		if (talk.refused.len)
			fprintf(stderr, "tend: '%s' still holds the entries "
				"purged here: it must take a forced update of "
				"its branch %s (a protected branch, or a hook, "
				"refuses one); allow that there and sync "
				"again. Nothing here was lost.\n", r->remote,
				r->branch);
	}
	remote_talk_release(&talk);
	git_remote_free(remote);
	buf_release(&refname);
	buf_release(&local);
	buf_release(&spec);
	buf_release(&what);
	buf_release(&tracking);
	if (rc == 0 && again.nr) {
		/* the purge removes what was fetched: it is fetched anew */
		size_t saved = r->saved;

		free(r->remote);
		free(r->branch);
		r->remote = r->branch = NULL;
		r->saved = 0;
		rc = purge_local(ctx, &again);
		if (rc == 0)
			rc = sync_run(ctx, name, how | SYNC_PURGED, r);
		r->saved += saved;
	}
	strvec_clear(&again);
	return rc;
}

char *sync_url(const char *url)
{
	struct buf out = BUF_INIT;
	char *real, *cwd;

	if (!is_local(url) || url[0] == '/')
		return xstrdup(url);
	if ((real = realpath(url, NULL)))
		return real;
	cwd = getcwd(NULL, 0);
	if (!cwd)
		return xstrdup(url);
	path_join(&out, cwd, url);
	free(cwd);
	return buf_detach(&out, NULL);
}

/*
 * After a clone, make sure HEAD is on a branch with a commit: the
 * remote's HEAD when it named one, else origin/main, else the remote's
 * only branch (a bare remote made by `git init --bare` may point HEAD at
 * a branch nobody pushed). Returns 0, or FAIL (empty, or no way to
 * choose) after reporting.
 */
static int pick_branch(git_repository *repo, const char *url)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL, *branch = NULL, *pick = NULL;
	git_commit *commit = NULL;
	struct buf upstream = BUF_INIT, head = BUF_INIT;
	size_t n = 0;
	int rc;

	if (git_repository_head(&ref, repo) == 0) {
		git_reference_free(ref);
		return 0;
	}
	if (git_reference_lookup(&pick, repo, "refs/remotes/origin/main")) {
		if (git_reference_iterator_glob_new(&it, repo,
						    "refs/remotes/origin/*"))
			return store_fail(-1, "cannot read the clone's refs");
		while (git_reference_next(&ref, it) == 0) {
			if (!strcmp(git_reference_name(ref),
				    "refs/remotes/origin/HEAD")) {
				git_reference_free(ref);
				continue;
			}
			n++;
			git_reference_free(pick);
			pick = ref;
		}
		git_reference_iterator_free(it);
		if (n != 1) {
			git_reference_free(pick);
			return n ? error("'%s' has %zu branches and its HEAD "
					 "names none of them; clone it with "
					 "git, choosing the branch", url, n)
				 : error("'%s' holds no journal yet (it has "
					 "no commits); make one with 'tend "
					 "init', then 'tend remote add origin "
					 "%s' and 'tend sync'", url, url);
		}
	}
	rc = git_commit_lookup(&commit, repo, git_reference_target(pick));
	buf_adds(&upstream, git_reference_shorthand(pick));
	if (rc == 0)
		rc = git_branch_create(&branch, repo,
				       strchr(upstream.s, '/') + 1, commit, 0);
	if (rc == 0)
		rc = git_branch_set_upstream(branch, upstream.s);
	if (rc == 0) {
		buf_adds(&head, git_reference_name(branch));
		rc = git_repository_set_head(repo, head.s);
	}
	if (rc < 0)
		rc = store_fail(rc, "cannot make the journal's branch");
	git_reference_free(branch);
	git_reference_free(pick);
	git_commit_free(commit);
	buf_release(&upstream);
	buf_release(&head);
	return rc;
}

/* The files of a clone being written: a progress meter's count. */
static void checkout_progress(const char *path, size_t done, size_t total,
			      void *payload)
{
	(void)path;
	progress_update(payload, done, total);
}

int sync_clone(struct ctx *ctx, const char *url, const char *dir,
	       size_t *entries)
{
	struct remote_talk talk;
	struct progress meter;
	git_clone_options co;
	git_checkout_options out;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_tree_entry *ini = NULL;
	struct strvec files = STRVEC_INIT;
	struct buf what = BUF_INIT;
	int existed = fs_exists(dir), empty = 0, encrypted = 0, rc;

	*entries = 0;
	if (existed && (!fs_is_dir(dir) || fs_dir_is_empty(dir, &empty) < 0 ||
			!empty))
		return error("cannot clone into '%s': it exists and is not "
			     "an empty folder", dir);
	remote_talk_init(&talk, ctx, 0);
	git_clone_options_init(&co, GIT_CLONE_OPTIONS_VERSION);
	co.checkout_opts.checkout_strategy = GIT_CHECKOUT_NONE;
	remote_callbacks(&talk, &co.fetch_opts.callbacks);
	if (!ctx->git_started) {
		if (store_setup() < 0) {
			rc = FAIL;
			goto out;
		}
		ctx->git_started = 1;
	}
	buf_addf(&what, "cannot clone '%s'", url);
	if ((rc = check_folder(url, what.s)) < 0)
		goto out;
	rc = git_clone(&ctx->repo, url, dir, &co);
	if (rc < 0) {
		rc = remote_fail(&talk, rc, what.s);
		goto out;
	}
	remote_progress_end(&talk);
	if ((rc = pick_branch(ctx->repo, url)) < 0)
		goto out;
	if ((rc = git_revparse_single((git_object **)&head, ctx->repo,
				      "HEAD^{commit}")) < 0 ||
	    (rc = git_commit_tree(&tree, head)) < 0) {
		rc = store_fail(rc, "cannot read the cloned journal");
		goto out;
	}
	/* an encrypted journal: key.age and its settings, tend.ini.age */
	encrypted = store_in_tree(tree, KEY_FILE);
	if (git_tree_entry_bypath(&ini, tree, encrypted ? VAULT_CONFIG
						       : "tend.ini") < 0) {
		rc = error("'%s' holds no tend journal: there is no tend.ini "
			   "at its top", url);
		goto out;
	}
	if ((rc = merge_check_incoming(ctx->repo, NULL, tree, url)) < 0)
		goto out;
	git_checkout_options_init(&out, GIT_CHECKOUT_OPTIONS_VERSION);
	out.checkout_strategy = GIT_CHECKOUT_FORCE;
	out.progress_cb = checkout_progress;
	out.progress_payload = &meter;
	progress_start(&meter, ctx, "checking out", "files");
	rc = git_checkout_head(ctx->repo, &out);
	progress_end(&meter);
	if (rc < 0) {
		rc = store_fail(rc, "cannot write the journal's files");
		goto out;
	}
	remote_done(&talk);
	ctx->encrypted = encrypted;
	fs_walk(dir, "entries", encrypted ? ".md" VAULT_EXT : ".md", &files,
		NULL);
	for (size_t i = 0; i < files.nr; i++)
		if (!strstr(files.v[i], ".conflict-"))
			(*entries)++;
out:
	git_tree_entry_free(ini);
	git_tree_free(tree);
	git_commit_free(head);
	if (rc < 0) {
		git_repository_free(ctx->repo);
		ctx->repo = NULL;
		if (fs_exists(dir))
			fs_remove_tree(dir, !existed);
	}
	remote_talk_release(&talk);
	strvec_clear(&files);
	buf_release(&what);
	return rc;
}
