#include "merge.h"
#include "buf.h"
#include "error.h"
#include "store.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* What one side did to one path since the base. */
struct change {
	const char *path;	/* owned by the diff */
	git_oid id;
	git_filemode_t mode;
	int present;		/* 0: the side deleted it */
};

struct changes {
	struct change *v;
	size_t nr, alloc;
};

void merge_result_init(struct merge_result *r)
{
	struct strvec empty = STRVEC_INIT;

	memset(r, 0, sizeof(*r));
	r->kept = empty;
}

void merge_result_release(struct merge_result *r)
{
	for (size_t i = 0; i < r->nr; i++) {
		free(r->copies[i].path);
		free(r->copies[i].copy);
	}
	free(r->copies);
	strvec_clear(&r->kept);
	merge_result_init(r);
}

char *merge_copy_name(const char *path, const char *tag, int n)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t stem;

	/* an encrypted journal's ID.md.age: the copy is ID.conflict-T.md.age */
	if (dot && dot != base && !strcmp(dot, ".age")) {
		const char *inner = dot - 1;

		while (inner > base && *inner != '.')
			inner--;
		if (inner > base)
			dot = inner;
	}
	stem = dot && dot != base ? (size_t)(dot - path) : strlen(path);
	struct buf out = BUF_INIT;

	buf_add(&out, path, stem);
	buf_addf(&out, ".conflict-%s", tag);
	if (n > 1)
		buf_addf(&out, "-%d", n);
	buf_adds(&out, path + stem);
	return buf_detach(&out, NULL);
}

/*
 * The diff of two trees, file by file, without rename detection: a
 * rename is a deletion and an addition, so both names survive a join.
 */
static int diff_trees(git_repository *repo, git_tree *a, git_tree *b,
		      git_diff **out)
{
	git_diff_options opts;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
	if (git_diff_tree_to_tree(out, repo, a, b, &opts) < 0)
		return store_fail(-1, "cannot compare two versions of the "
				  "journal");
	return 0;
}

static int cmp_change(const void *a, const void *b)
{
	return strcmp(((const struct change *)a)->path,
		      ((const struct change *)b)->path);
}

/* The changes of diff, sorted by path. */
static void collect(git_diff *diff, struct changes *out)
{
	size_t n = git_diff_num_deltas(diff);

	for (size_t i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		struct change *c;

		ALLOC_GROW(out->v, out->nr + 1, out->alloc);
		c = &out->v[out->nr++];
		c->present = d->status != GIT_DELTA_DELETED;
		c->path = c->present ? d->new_file.path : d->old_file.path;
		git_oid_cpy(&c->id, &d->new_file.id);
		c->mode = (git_filemode_t)d->new_file.mode;
	}
	if (out->nr)
		qsort(out->v, out->nr, sizeof(*out->v), cmp_change);
}

static int same(const struct change *a, const struct change *b)
{
	if (!a->present || !b->present)
		return a->present == b->present;
	return a->mode == b->mode && git_oid_equal(&a->id, &b->id);
}

/* Add an update that puts c (their side) at path, or removes path. */
static void put(git_tree_update **up, size_t *n, size_t *alloc,
		const char *path, const struct change *c)
{
	git_tree_update *u;

	ALLOC_GROW(*up, *n + 1, *alloc);
	u = &(*up)[(*n)++];
	memset(u, 0, sizeof(*u));
	u->path = path;
	if (c && c->present) {
		u->action = GIT_TREE_UPDATE_UPSERT;
		git_oid_cpy(&u->id, &c->id);
		u->filemode = c->mode;
	} else {
		u->action = GIT_TREE_UPDATE_REMOVE;
	}
}

/*
 * The path of a new conflict copy of path: one that ours does not hold
 * already (a copy from an earlier sync of the same commit, say).
 */
static char *fresh_copy(git_tree *ours, const char *path, const char *tag)
{
	for (int n = 1;; n++) {
		char *copy = merge_copy_name(path, tag, n);

		if (!store_in_tree(ours, copy))
			return copy;
		free(copy);
	}
}

/*
 * Apply the updates up to tree into out: the removals first, then the
 * rest on what is left, so that a file that became a folder (or the
 * reverse) on one side is no clash. Returns libgit2's result.
 */
static int apply(git_repository *repo, git_tree *tree, git_tree_update *up,
		 size_t n, git_oid *out)
{
	git_tree_update *first = xcalloc(n + 1, sizeof(*first));
	git_tree_update *then = xcalloc(n + 1, sizeof(*then));
	git_tree *mid = NULL;
	git_oid mid_id;
	size_t nf = 0, nt = 0;
	int rc;

	for (size_t i = 0; i < n; i++) {
		if (up[i].action == GIT_TREE_UPDATE_REMOVE)
			first[nf++] = up[i];
		else
			then[nt++] = up[i];
	}
	rc = git_tree_create_updated(&mid_id, repo, tree, nf, first);
	if (rc == 0)
		rc = git_tree_lookup(&mid, repo, &mid_id);
	if (rc == 0)
		rc = git_tree_create_updated(out, repo, mid, nt, then);
	git_tree_free(mid);
	free(first);
	free(then);
	return rc;
}

int merge_trees(git_repository *repo, git_tree *base, git_tree *ours,
		git_tree *theirs, const char *tag, struct merge_result *out)
{
	git_diff *dours = NULL, *dtheirs = NULL;
	struct changes o = { 0 }, t = { 0 };
	git_tree_update *up = NULL;
	size_t nup = 0, aup = 0, i = 0, k = 0;
	int rc = FAIL;

	if (diff_trees(repo, base, ours, &dours) < 0 ||
	    diff_trees(repo, base, theirs, &dtheirs) < 0)
		goto out;
	collect(dours, &o);
	collect(dtheirs, &t);
	while (k < t.nr) {
		const struct change *tc = &t.v[k];
		int cmp = i < o.nr ? strcmp(o.v[i].path, tc->path) : 1;
		const struct change *oc;

		if (cmp < 0) {
			i++;	/* only ours changed it: ours has it so */
			continue;
		}
		k++;
		if (cmp > 0) {
			put(&up, &nup, &aup, tc->path, tc);
			continue;
		}
		oc = &o.v[i++];
		if (same(oc, tc))
			continue;
		if (!oc->present || !tc->present) {
			/* an edit wins over a deletion */
			strvec_push(&out->kept, tc->path);
			if (!oc->present)
				put(&up, &nup, &aup, tc->path, tc);
			continue;
		}
		ALLOC_GROW(out->copies, out->nr + 1, out->alloc);
		out->copies[out->nr].path = xstrdup(tc->path);
		out->copies[out->nr].copy = fresh_copy(ours, tc->path, tag);
		put(&up, &nup, &aup, out->copies[out->nr].copy, tc);
		out->nr++;
	}
	if (apply(repo, ours, up, nup, &out->tree) < 0) {
		store_fail(-1, "cannot join the two versions of the journal (a "
			 "file on one side may be a folder on the other)");
		goto out;
	}
	rc = 0;
out:
	free(up);
	free(o.v);
	free(t.v);
	git_diff_free(dours);
	git_diff_free(dtheirs);
	return rc;
}

/* Does a link to target stay inside the folder tree it is in? */
static int link_stays_inside(const char *target, size_t len)
{
	size_t i = 0;

	if (!len || target[0] == '/' || memchr(target, '\0', len))
		return 0;
	while (i < len) {
		size_t part = 0;

		while (i + part < len && target[i + part] != '/')
			part++;
		if (part == 2 && target[i] == '.' && target[i + 1] == '.')
			return 0;
		i += part + 1;
	}
	return 1;
}

int merge_check_incoming(git_repository *repo, git_tree *from,
			 git_tree *to, const char *where)
{
	git_diff *diff = NULL;
	int rc = 0;

	if (diff_trees(repo, from, to, &diff) < 0)
		return FAIL;
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		git_blob *blob = NULL;
		const char *target;
		size_t len;

		if (d->status == GIT_DELTA_DELETED)
			continue;
		if (!strcmp(d->new_file.path, ".tend") ||
		    starts_with(d->new_file.path, ".tend/")) {
			rc = error_as(FAIL_REMOTE, "refusing '%s' from '%s': "
				      ".tend/ holds this machine's own state "
				      "and settings, which never come from "
				      "a remote", d->new_file.path, where);
			break;
		}
		if (d->new_file.mode != GIT_FILEMODE_LINK)
			continue;
		if (git_blob_lookup(&blob, repo, &d->new_file.id) < 0) {
			rc = store_fail(-1, "cannot read a symbolic link");
			break;
		}
		target = git_blob_rawcontent(blob);
		len = (size_t)git_blob_rawsize(blob);
		if (!link_stays_inside(target, len))
			rc = error_as(FAIL_REMOTE, "refusing '%s' from '%s': "
				      "it is a symbolic link to '%.*s', which "
				      "could lead out of the journal",
				      d->new_file.path, where,
				      (int)(len > 200 ? 200 : len), target);
		git_blob_free(blob);
	}
	git_diff_free(diff);
	return rc;
}
