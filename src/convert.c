/*
 * Turning a plain journal into an encrypted one, and back (convert.h).
 */
#include "convert.h"
#include "age.h"
#include "attach.h"
#include "checkout.h"
#include "config.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "goal.h"
#include "journal.h"
#include "key.h"
#include "locknote.h"
#include "progress.h"
#include "site.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where a conversion notes how far it came, for convert_resume(). */
#define STATE_FILE ".tend/convert"

/*
 * The records of what was purged, in the journal: a file for each purge
 * (see struct purge).
 */
#define PURGE_DIR ".tend-purged"

/* The files of git's that may hold ids of the old history. */
static const char *const git_heads[] = {
	"ORIG_HEAD", "FETCH_HEAD", "MERGE_HEAD", "CHERRY_PICK_HEAD",
	"REVERT_HEAD", "AUTO_MERGE", NULL
};

/* --- A map from an object at a path to what it became ---------------- */

/* A null oid, for what is keyed by a path alone. */
static const git_oid no_id;

/* The id of git's empty tree (set by convert()). */
static git_oid empty_tree;

struct memo_item {
	git_oid from;
	char *path;		/* NULL: a free slot */
	git_oid to;
	char *name;		/* or what it became, a name */
};

struct memo {
	struct memo_item *v;
	size_t alloc, nr;
};

static uint64_t memo_hash(const git_oid *id, const char *path)
{
	return hash_add(hash_add(HASH_INIT, id->id, sizeof(id->id)), path,
			strlen(path));
}

/* The item for (id, path): found, or the free slot it would go in. */
static struct memo_item *memo_slot(struct memo *m, const git_oid *id,
				   const char *path)
{
	size_t i = memo_hash(id, path) & (m->alloc - 1);

	while (m->v[i].path && (!git_oid_equal(&m->v[i].from, id) ||
				strcmp(m->v[i].path, path)))
		i = (i + 1) & (m->alloc - 1);
	return &m->v[i];
}

static void memo_grow(struct memo *m)
{
	struct memo old = *m;

	m->alloc = old.alloc ? old.alloc * 2 : 1024;
	m->v = xcalloc(m->alloc, sizeof(*m->v));
	for (size_t i = 0; i < old.alloc; i++)
		if (old.v[i].path)
			*memo_slot(m, &old.v[i].from, old.v[i].path) =
				old.v[i];
	free(old.v);
}

/* What (id, path) became, or NULL. */
static const git_oid *memo_get(struct memo *m, const git_oid *id,
			       const char *path)
{
	struct memo_item *it;

	if (!m->alloc)
		return NULL;
	it = memo_slot(m, id, path);
	return it->path ? &it->to : NULL;
}

static void memo_put(struct memo *m, const git_oid *id, const char *path,
		     const git_oid *to)
{
	struct memo_item *it;

	if ((m->nr + 1) * 2 > m->alloc)
		memo_grow(m);
	it = memo_slot(m, id, path);
	if (!it->path) {
		it->path = xstrdup(path);
		git_oid_cpy(&it->from, id);
		m->nr++;
	}
	git_oid_cpy(&it->to, to);
}

/*
 * The name (id, path) became, or NULL; no_id as id for what a path
 * alone names.
 */
static const char *memo_name(struct memo *m, const git_oid *id,
			     const char *path)
{
	struct memo_item *it;

	if (!m->alloc)
		return NULL;
	it = memo_slot(m, id, path);
	return it->path ? it->name : NULL;
}

/* Note that (id, path) became the object to, named name. */
static void memo_put_name(struct memo *m, const git_oid *id,
			  const char *path, const git_oid *to,
			  const char *name)
{
	struct memo_item *it;

	memo_put(m, id, path, to);
	it = memo_slot(m, id, path);
	free(it->name);
	it->name = xstrdup(name);
}

static void memo_clear(struct memo *m)
{
	for (size_t i = 0; i < m->alloc; i++) {
		free(m->v[i].path);
		free(m->v[i].name);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* --- The conversion ---------------------------------------------------- */

struct conv {
	struct ctx *ctx;
	git_repository *repo;
	int encrypt;
	const struct age_identity *id;	/* the key files are sealed to */
	git_oid key_blob;		/* KEY_FILE, encrypting */
	struct memo memo;		/* objects converted */
	struct memo names;		/* entry paths: old to new (by name) */
	struct memo taken;		/* new entry paths given out */
	struct memo goals;		/* goal files: to blobs and names */
	struct purge *purge;		/* purging: what goes, or NULL */
	const git_oid *tip;		/* the history to convert (NULL:
					 * HEAD) */
	struct progress meter;
	size_t done, total;
};

/* --- What a purge takes out ------------------------------------------- */

/*
 * What a purge takes out of every version of the history: each file
 * whose path's hash, or whose blob, the record names. The record holds
 * those hashes and blob ids alone, never a name or a word, and goes
 * into the journal under PURGE_DIR, so that another clone can take the
 * same out of its own history (the rewrite is the same for the same
 * record, commit for commit).
 */
struct purge {
	struct memo gone;		/* (blob, "") and (no_id, path hash) */
	struct strvec lines;		/* the record: "blob HEX", "path HEX" */
	struct strvec paths;		/* the paths, when found by IDs */
	struct strvec shown;		/* "ID  TITLE" for each ID asked */
	struct strvec asked;		/* the IDs asked for */
	size_t changed;			/* commits whose files change */
	size_t commits;			/* commits in the history */
};

/* The SHA-256 of path, in hex, into out. */
static void path_hash(const char *path, struct buf *out)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)path, strlen(path));
	buf_reset(out);
	for (size_t i = 0; i < sizeof(h); i++)
		buf_addf(out, "%02x", h[i]);
}

/* git's empty blob: no entry is purged for holding nothing. */
static const char empty_blob[] = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";

/*
 * Does the file at path, blob id, go with the purge? Only files under
 * entries/ do, by their path or as a version the record names, and
 * under attachments/, by their path alone.
 */
static int purge_gone(struct purge *p, const char *path, const git_oid *id)
{
	struct buf h = BUF_INIT;
	int gone;

	if (!starts_with(path, "entries/") &&
	    !starts_with(path, ATTACH_DIR "/"))
		return 0;
	/* an attachment goes by its path alone: the same photo kept with
	   another entry is that entry's, and stays */
	if (starts_with(path, "entries/") && memo_get(&p->gone, id, ""))
		return 1;
	path_hash(path, &h);
	gone = memo_get(&p->gone, &no_id, h.s) != NULL;
	buf_release(&h);
	return gone;
}

/* Add a line of the record ("blob HEX" or "path HEX") to what goes. */
static int purge_take_line(struct purge *p, const char *line)
{
	char hex[GIT_OID_HEXSZ + 1], norm[GIT_OID_HEXSZ + 6];
	git_oid id;

	if (starts_with(line, "blob ") && strlen(line) == 45 &&
	    strspn(line + 5, "0123456789abcdef") == 40 &&
	    git_oid_fromstr(&id, line + 5) == 0) {
		/* the empty blob is no entry's words: never taken out */
		if (strcmp(line + 5, empty_blob))
			memo_put(&p->gone, &id, "", &id);
		git_oid_tostr(hex, sizeof(hex), &id);
		snprintf(norm, sizeof(norm), "blob %s", hex);
		line = norm;
	} else if (starts_with(line, "path ") && strlen(line) == 69 &&
		   strspn(line + 5, "0123456789abcdef") == 64) {
		memo_put(&p->gone, &no_id, line + 5, &no_id);
	} else {
		return -1;
	}
	strvec_push_unique(&p->lines, line);
	return 0;
}

/* Does name start with an entry ID's "YYYY-MM-DD-HHMM"? */
static int has_stamp(const char *name)
{
	static const char shape[] = "dddd-dd-dd-dddd";

	for (size_t i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] == 'd' ? name[i] < '0' || name[i] > '9'
				    : name[i] != '-')
			return 0;
	return 1;
}

/*
 * The base of an entry's encrypted ID: the date and time its old ID
 * starts with, else the date of its front matter in the blob id, else
 * the first of the month its folder entries/YYYY/MM names; into out.
 */
static void entry_stamp(struct conv *cv, const char *path, const char *name,
			const git_oid *id, struct buf *out)
{
	git_blob *blob = NULL;
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;

	buf_reset(out);
	if (has_stamp(name)) {
		buf_add(out, name, 15);
		return;
	}
	entry_init(&e);
	if (git_blob_lookup(&blob, cv->repo, id) == 0) {
		buf_add(&e.text, git_blob_rawcontent(blob),
			(size_t)git_blob_rawsize(blob));
		if (entry_parse(&e, 10, &err) == 0 && e.has_date)
			buf_addf(out, "%04d-%02d-%02d-%02d%02d",
				 e.date.wall.tm_year + 1900,
				 e.date.wall.tm_mon + 1, e.date.wall.tm_mday,
				 e.date.wall.tm_hour, e.date.wall.tm_min);
	}
	/* path is the folder: entries/YYYY/MM/ as tend files them */
	if (!out->len && strlen(path) >= 16 &&
	    strspn(path + 8, "0123456789") == 4 && path[12] == '/' &&
	    strspn(path + 13, "0123456789") == 2)
		buf_addf(out, "%.4s-%.2s-01-0000", path + 8, path + 13);
	if (!out->len)
		buf_adds(out, "1970-01-01-0000");
	git_blob_free(blob);
	fm_error_release(&err);
	entry_release(&e);
}

/*
 * The old ID of an entry's or goal's file name (NAME.md, or a conflict
 * copy of one, NAME.conflict-HASH.md), into id; the copy's
 * ".conflict-HASH" into copy. Returns 0, or -1 when name is no such
 * file's.
 */
static int entry_name(const char *name, struct buf *id, struct buf *copy)
{
	const char *c = strstr(name, ".conflict-");
	size_t n = strlen(name);

	buf_reset(id);
	buf_reset(copy);
	if (n < 4 || !ends_with(name, ".md") || name[0] == '.')
		return -1;
	if (c) {
		buf_add(id, name, (size_t)(c - name));
		buf_add(copy, c, n - 3 - (size_t)(c - name));
	} else {
		buf_add(id, name, n - 3);
	}
	return 0;
}

/*
 * The new name of the entry file at path (in the folder dir, named
 * name, blob id) when encrypting: its ID's date and time, numbered on
 * a clash, the same for every version of it and its conflict copies.
 */
static void entry_new_name(struct conv *cv, const char *dir, const char *name,
			   const git_oid *id, struct buf *out)
{
	struct buf old = BUF_INIT, copy = BUF_INIT, key = BUF_INIT;
	struct buf stamp = BUF_INIT, try = BUF_INIT;
	const char *known;

	entry_name(name, &old, &copy);
	buf_addf(&key, "%s%s", dir, old.s);
	known = memo_name(&cv->names, &no_id, key.s);
	if (!known) {
		entry_stamp(cv, dir, old.s, id, &stamp);
		for (unsigned k = 1;; k++) {
			buf_reset(&try);
			buf_addf(&try, "%s%s", dir, stamp.s);
			if (k > 1)
				buf_addf(&try, "-%u", k);
			if (!memo_get(&cv->taken, &no_id, try.s))
				break;
		}
		memo_put(&cv->taken, &no_id, try.s, &no_id);
		memo_put_name(&cv->names, &no_id, key.s, &no_id,
			      try.s + strlen(dir));
		known = memo_name(&cv->names, &no_id, key.s);
	}
	buf_reset(out);
	buf_addf(out, "%s%s.md" VAULT_EXT, known, copy.s);
	buf_release(&old);
	buf_release(&copy);
	buf_release(&key);
	buf_release(&stamp);
	buf_release(&try);
}

/*
 * The name the file name (in the folder dir, "" at the top, else ending
 * in '/') takes in the converted history, into out; empty when it is
 * left out.
 */
static void new_name(struct conv *cv, const char *dir, const char *name,
		     const git_oid *id, struct buf *out)
{
	struct buf old = BUF_INIT, copy = BUF_INIT;

	buf_reset(out);
	if (!*dir && !strcmp(name, ".gitignore")) {
		buf_adds(out, name);
	} else if (cv->encrypt) {
		if (starts_with(dir, "entries/") &&
		    !entry_name(name, &old, &copy))
			entry_new_name(cv, dir, name, id, out);
		else
			buf_addf(out, "%s" VAULT_EXT, name);
	} else if (!(!*dir && !strcmp(name, KEY_FILE))) {
		if (ends_with(name, VAULT_EXT))
			buf_add(out, name, strlen(name) - strlen(VAULT_EXT));
		else
			buf_adds(out, name);
	}
	buf_release(&old);
	buf_release(&copy);
}

/*
 * Write text, the file at path converted (age_rc: how the age step went),
 * as a blob into out. Returns 0, or FAIL after reporting.
 */
static int write_converted(struct conv *cv, const char *path, int age_rc,
			   const struct buf *text, git_oid *out)
{
	int rc;

	if (age_rc)
		return error("cannot %s '%s' of the history: %s",
			     cv->encrypt ? "encrypt" : "decrypt", path,
			     age_error(age_rc));
	rc = git_blob_create_from_buffer(out, cv->repo, text->s, text->len);
	return rc < 0 ? store_fail(rc, "cannot write a file of the new "
				   "history") : 0;
}

/* The blob id at path, converted, into out (once for each). */
static int map_blob(struct conv *cv, const git_oid *id, const char *path,
		    git_oid *out)
{
	const git_oid *known = memo_get(&cv->memo, id, path);
	git_blob *blob = NULL;
	struct buf text = BUF_INIT;
	int rc;

	if (known) {
		git_oid_cpy(out, known);
		return 0;
	}
	if (!strcmp(path, ".gitignore")) {
		git_oid_cpy(out, id);
		return 0;
	}
	if ((rc = git_blob_lookup(&blob, cv->repo, id)) < 0)
		return store_fail(rc, "cannot read a file of the history");
	if (cv->encrypt)
		rc = age_encrypt(&cv->id->recipient, 1,
				 git_blob_rawcontent(blob),
				 (size_t)git_blob_rawsize(blob), &text);
	else
		rc = age_decrypt(cv->id, git_blob_rawcontent(blob),
				 (size_t)git_blob_rawsize(blob), &text);
	git_blob_free(blob);
	if (!(rc = write_converted(cv, path, rc, &text, out)))
		memo_put(&cv->memo, id, path, out);
	if (!cv->encrypt)
		age_wipe(text.s, text.len);
	buf_release(&text);
	return rc;
}

/*
 * Is name, in the folder dir, a goal's file (or a conflict copy of one)
 * as the conversion finds them: directly in goals/, NAME.md when
 * encrypting, NAME.md.age when decrypting?
 */
static int is_goal_file(const struct conv *cv, const char *dir,
			const char *name)
{
	return !strcmp(dir, VAULT_GOALS) && name[0] != '.' &&
	       ends_with(name, cv->encrypt ? ".md" : ".md" VAULT_EXT) &&
	       strlen(name) > strlen(cv->encrypt ? ".md" : ".md" VAULT_EXT);
}

/* Can a goal's ID name its plain file, ID.md? */
static int names_file(const char *id)
{
	return *id && *id != '.' && !strchr(id, '/') &&
	       !strstr(id, ".conflict-");
}

/*
 * Encrypting, the goal file name, of text[0..len): its new name into
 * out, H.md.age (vault_goal_file() of its ID with the new key), and
 * the text with its ID put in (id:) into plain. Returns 0, or FAIL
 * after reporting a front matter that cannot be read.
 */
static int seal_goal(struct conv *cv, const char *path, const char *name,
		     const char *text, size_t len, struct buf *out,
		     struct buf *plain)
{
	struct buf id = BUF_INIT, copy = BUF_INIT, file = BUF_INIT;
	struct fm_error err = FM_ERROR_INIT;
	const char *base;
	int rc = 0;

	entry_name(name, &id, &copy);
	if (goal_text_set_id(text, len, id.s, plain, &err) < 0) {
		rc = error("'%s' of the history cannot take its goal's ID "
			   "(id:): its front matter cannot be read (line %d: "
			   "%s)", path, err.line, err.msg.s);
		goto out;
	}
	vault_goal_file(cv->id, id.s, &file);
	base = file.s + strlen(VAULT_GOALS);
	buf_add(out, base, strlen(base) - strlen(".md" VAULT_EXT));
	buf_addf(out, "%s.md" VAULT_EXT, copy.s);
out:
	buf_release(&id);
	buf_release(&copy);
	buf_release(&file);
	fm_error_release(&err);
	return rc;
}

/*
 * Decrypting, the goal file name, of the plain text[0..len): its new
 * name into out, the ID.md its id: names, and the text without id:
 * into plain. A file whose id: names no file keeps its name, H.md, and
 * its text.
 */
static void open_goal(const char *name, const char *text, size_t len,
		      struct buf *out, struct buf *plain)
{
	struct buf id = BUF_INIT, copy = BUF_INIT, file = BUF_INIT;
	struct fm_error err = FM_ERROR_INIT;

	buf_add(&file, name, strlen(name) - strlen(VAULT_EXT));
	entry_name(file.s, &id, &copy);
	if (goal_text_take_id(text, len, &id, plain, &err) == 0 &&
	    names_file(id.s)) {
		buf_addf(out, "%s%s.md", id.s, copy.s);
	} else {
		buf_adds(out, file.s);
		buf_reset(plain);
		buf_add(plain, text, len);
	}
	buf_release(&id);
	buf_release(&copy);
	buf_release(&file);
	fm_error_release(&err);
}

/*
 * The goal file name at path (blob id), converted: its blob into out
 * and its name into new. Encrypting, ID.md becomes H.md.age with id: ID
 * in its front matter (seal_goal()); decrypting, the reverse
 * (open_goal()). A conflict copy, NAME.conflict-HASH.md, keeps its
 * ".conflict-HASH". Once for each blob and path.
 */
static int map_goal(struct conv *cv, const git_oid *id, const char *path,
		    const char *name, struct buf *new, git_oid *out)
{
	const git_oid *known = memo_get(&cv->goals, id, path);
	git_blob *blob = NULL;
	struct buf plain = BUF_INIT, text = BUF_INIT;
	const char *data;
	size_t len;
	int rc;

	buf_reset(new);
	if (known) {
		git_oid_cpy(out, known);
		buf_adds(new, memo_name(&cv->goals, id, path));
		return 0;
	}
	if ((rc = git_blob_lookup(&blob, cv->repo, id)) < 0)
		return store_fail(rc, "cannot read a file of the history");
	data = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	if (cv->encrypt) {
		if ((rc = seal_goal(cv, path, name, data, len, new,
				    &plain)) < 0)
			goto out;
		rc = age_encrypt(&cv->id->recipient, 1, plain.s, plain.len,
				 &text);
	} else if (!(rc = age_decrypt(cv->id, data, len, &text))) {
		open_goal(name, text.s, text.len, new, &plain);
		age_wipe(text.s, text.len);
		buf_reset(&text);
		buf_add(&text, plain.s, plain.len);
	}
	if (!(rc = write_converted(cv, path, rc, &text, out)))
		memo_put_name(&cv->goals, id, path, out, new->s);
out:
	git_blob_free(blob);
	age_wipe(plain.s, plain.len);
	if (!cv->encrypt)
		age_wipe(text.s, text.len);
	buf_release(&plain);
	buf_release(&text);
	return rc;
}

/* The tree at dir ("" or ending in '/'), converted, into out. */
static int map_tree(struct conv *cv, const git_tree *tree, const char *dir,
		    git_oid *out)
{
	const git_oid *known = memo_get(&cv->memo, git_tree_id(tree), dir);
	git_treebuilder *tb = NULL;
	struct buf path = BUF_INIT, name = BUF_INIT;
	int rc;

	if (known) {
		git_oid_cpy(out, known);
		return 0;
	}
	if ((rc = git_treebuilder_new(&tb, cv->repo, NULL)) < 0) {
		rc = store_fail(rc, "cannot make a tree");
		goto out;
	}
	for (size_t i = 0; i < git_tree_entrycount(tree) && !rc; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(tree, i);
		const char *n = git_tree_entry_name(te);
		git_filemode_t mode = git_tree_entry_filemode(te);
		git_tree *sub = NULL;
		git_oid id;

		buf_reset(&path);
		buf_addf(&path, "%s%s", dir, n);
		if (mode == GIT_FILEMODE_TREE) {
			buf_addch(&path, '/');
			if ((rc = git_tree_lookup(&sub, cv->repo,
						  git_tree_entry_id(te))) < 0)
				rc = store_fail(rc, "cannot read a folder of "
						"the history");
			else
				rc = map_tree(cv, sub, path.s, &id);
			git_tree_free(sub);
			/* a folder the purge emptied goes */
			if (!rc && cv->purge && git_oid_equal(&id, &empty_tree))
				continue;
			if (!rc && (rc = git_treebuilder_insert(NULL, tb, n,
					&id, GIT_FILEMODE_TREE)) < 0)
				rc = store_fail(rc, "cannot make a tree");
			continue;
		}
		if (cv->purge) {
			if (purge_gone(cv->purge, path.s,
				       git_tree_entry_id(te)))
				continue;
			buf_reset(&name);
			buf_adds(&name, n);
			git_oid_cpy(&id, git_tree_entry_id(te));
		} else if (is_goal_file(cv, dir, n)) {
			rc = map_goal(cv, git_tree_entry_id(te), path.s, n,
				      &name, &id);
		} else {
			new_name(cv, dir, n, git_tree_entry_id(te), &name);
			if (!name.len)
				continue;
			rc = map_blob(cv, git_tree_entry_id(te), path.s, &id);
		}
		if (!rc && git_treebuilder_get(tb, name.s))
			rc = error("two files of one commit would both be "
				   "'%s%s' once converted; tend cannot convert "
				   "it", dir, name.s);
		if (!rc && (rc = git_treebuilder_insert(NULL, tb, name.s, &id,
							mode)) < 0)
			rc = store_fail(rc, "cannot make a tree");
	}
	if (!rc && !*dir && cv->encrypt &&
	    (rc = git_treebuilder_insert(NULL, tb, KEY_FILE, &cv->key_blob,
					 GIT_FILEMODE_BLOB)) < 0)
		rc = store_fail(rc, "cannot make a tree");
	if (!rc && (rc = git_treebuilder_write(out, tb)) < 0)
		rc = store_fail(rc, "cannot write a tree");
	if (!rc)
		memo_put(&cv->memo, git_tree_id(tree), dir, out);
out:
	git_treebuilder_free(tb);
	buf_release(&path);
	buf_release(&name);
	return rc;
}

/*
 * A message for the encrypted commit of tree on parent (NULL: the
 * first), that says what kind of change by IDs alone, into out.
 */
static int describe(struct conv *cv, git_tree *parent, git_tree *tree,
		    size_t parents, struct buf *out)
{
	git_diff *diff = NULL;
	const git_diff_delta *d;
	size_t n;
	int rc;

	buf_reset(out);
	if (!parents) {
		buf_adds(out, "Start journal");
		return 0;
	}
	if (parents > 1) {
		buf_adds(out, "Merge");
		return 0;
	}
	rc = git_diff_tree_to_tree(&diff, cv->repo, parent, tree, NULL);
	if (rc < 0)
		return store_fail(rc, "cannot compare two commits");
	n = git_diff_num_deltas(diff);
	d = n == 1 ? git_diff_get_delta(diff, 0) : NULL;
	if (d && starts_with(d->new_file.path, "entries/") &&
	    ends_with(d->new_file.path, ".md" VAULT_EXT) &&
	    !strstr(d->new_file.path, ".conflict-")) {
		char *id = entry_path_id(d->new_file.path);

		buf_addf(out, "%s entry: %s",
			 d->status == GIT_DELTA_ADDED ? "Add" :
			 d->status == GIT_DELTA_DELETED ? "Remove" : "Edit",
			 id);
		free(id);
	} else if (d && starts_with(d->new_file.path, VAULT_GOALS) &&
		   ends_with(d->new_file.path, ".md" VAULT_EXT) &&
		   !strstr(d->new_file.path, ".conflict-")) {
		buf_addf(out, "%s goal",
			 d->status == GIT_DELTA_ADDED ? "Add" :
			 d->status == GIT_DELTA_DELETED ? "Remove" : "Edit");
	} else if (n) {
		buf_addf(out, "Change %zu file%s", n, n == 1 ? "" : "s");
	} else {
		buf_adds(out, "Save");
	}
	git_diff_free(diff);
	return 0;
}

/*
 * Write the new history's commit for c: its author and committer, msg,
 * tree and the n parents, into out, noted as what c became. Returns 0
 * or FAIL.
 */
static int write_commit(struct conv *cv, git_commit *c, const char *msg,
			git_tree *tree, size_t n, git_commit **parents,
			git_oid *out)
{
	int rc = git_commit_create(out, cv->repo, NULL, git_commit_author(c),
				   git_commit_committer(c), NULL, msg, tree,
				   n, (const git_commit **)parents);

	if (rc < 0)
		return store_fail(rc, "cannot write a commit of the new "
				  "history");
	memo_put(&cv->memo, git_commit_id(c), "", out);
	return 0;
}

/*
 * Does msg name an entry the purge takes out: an ID in it (a date and
 * time, a slug after it) whose file, entries/YYYY/MM/ID.md or .md.age,
 * is one the record names?
 */
static int names_purged_id(struct purge *p, const char *msg)
{
	static const char shape[] = "dddd-dd-dd-dddd";
	const size_t n = sizeof(shape) - 1;
	struct buf id = BUF_INIT, path = BUF_INIT, h = BUF_INIT;
	int named = 0;

	for (const char *s = msg; *s && !named; s++) {
		size_t i = 0, len;

		while (i < n && s[i] && (shape[i] == 'd'
					 ? isdigit((unsigned char)s[i])
					 : s[i] == '-'))
			i++;
		if (i < n)
			continue;
		len = n + strspn(s + n, "abcdefghijklmnopqrstuvwxyz0123456789-");
		/* the longest ID there, and each shorter one ending at a '-' */
		for (size_t j = len; j >= n && !named; j--) {
			if ((j < len && s[j] != '-') || s[j - 1] == '-')
				continue;
			buf_reset(&id);
			buf_add(&id, s, j);
			for (int k = 0; k < 2 && !named; k++) {
				buf_reset(&path);
				buf_addf(&path, "entries/%.4s/%.2s/%s.md%s",
					 s, s + 5, id.s, k ? VAULT_EXT : "");
				path_hash(path.s, &h);
				named = memo_get(&p->gone, &no_id, h.s) != NULL;
			}
		}
	}
	buf_release(&id);
	buf_release(&path);
	buf_release(&h);
	return named;
}

/*
 * May the message of commit c (tree old, its first parent's ptree, or
 * NULL) stay? Not when the commit changed a file the purge takes out,
 * nor when it names such an entry's ID: then it gets a neutral one.
 * Only the commit and the record are looked at, so the answer is the
 * same in every clone.
 */
static int names_purged(struct conv *cv, git_tree *ptree, git_tree *old,
			const char *msg)
{
	git_diff_options opts;
	git_diff *diff = NULL;
	char *spec[] = { "entries", ATTACH_DIR };
	int named = names_purged_id(cv->purge, msg);

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.pathspec.strings = spec;
	opts.pathspec.count = 1;
	if (!named &&
	    git_diff_tree_to_tree(&diff, cv->repo, ptree, old, &opts) < 0)
		return 1;	/* unknown: neutral is safe */
	for (size_t i = 0; !named && i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		named = (!git_oid_is_zero(&d->old_file.id) &&
			 purge_gone(cv->purge, d->old_file.path,
				    &d->old_file.id)) ||
			(!git_oid_is_zero(&d->new_file.id) &&
			 purge_gone(cv->purge, d->new_file.path,
				    &d->new_file.id));
	}
	git_diff_free(diff);
	return named;
}

/*
 * The commit c with what the purge takes out gone (its parents are
 * already), into out: the same author, dates and message (a neutral one
 * when it names what went). A commit whose change went altogether goes
 * too, and becomes its parent; parents that became one are one.
 */
static int purge_commit(struct conv *cv, git_commit *c, git_oid *out)
{
	size_t np = git_commit_parentcount(c), n = 0;
	git_commit **parents = xcalloc(np + 1, sizeof(*parents));
	git_commit *first = NULL;
	git_tree *old = NULL, *tree = NULL, *ptree = NULL;
	const char *msg = git_commit_message(c);
	git_oid tree_id;
	int rc = 0;

	for (size_t i = 0; i < np && !rc; i++) {
		const git_oid *p = memo_get(&cv->memo,
					    git_commit_parent_id(c, i), "");
		size_t k = 0;

		while (p && k < n && !git_oid_equal(git_commit_id(parents[k]),
						    p))
			k++;
		if (!p)
			rc = error("cannot find a commit's parent in the new "
				   "history");
		else if (k == n && (rc = git_commit_lookup(&parents[n++],
							  cv->repo, p)) < 0)
			rc = store_fail(rc, "cannot read a commit");
	}
	if (!rc && ((rc = git_commit_tree(&old, c)) < 0 ||
		    (rc = map_tree(cv, old, "", &tree_id)) < 0 ||
		    (rc = git_tree_lookup(&tree, cv->repo, &tree_id)) < 0))
		rc = rc == FAIL ? rc : store_fail(rc, "cannot purge a "
						  "commit's files");
	if (rc)
		goto out;
	if (np && (rc = git_commit_parent(&first, c, 0)) < 0) {
		rc = store_fail(rc, "cannot read a commit");
		goto out;
	}
	/* it changed only what went: it goes (one that changed nothing,
	 * as it was, stays) */
	if (n == 1 && git_oid_equal(&tree_id, git_commit_tree_id(parents[0]))
	    && (np > 1 || !git_oid_equal(git_commit_tree_id(c),
					 git_commit_tree_id(first)))) {
		git_oid_cpy(out, git_commit_id(parents[0]));
		memo_put(&cv->memo, git_commit_id(c), "", out);
		goto out;
	}
	if (first && git_commit_tree(&ptree, first) < 0) {
		rc = store_fail(-1, "cannot read a commit");
		goto out;
	}
	if (names_purged(cv, ptree, old, msg))
		msg = "Change entries\n";
	rc = write_commit(cv, c, msg, tree, n, parents, out);
out:
	for (size_t i = 0; i < n; i++)
		git_commit_free(parents[i]);
	free(parents);
	git_commit_free(first);
	git_tree_free(old);
	git_tree_free(tree);
	git_tree_free(ptree);
	return rc;
}

/* The commit c converted (its parents are already), into out. */
static int map_commit(struct conv *cv, git_commit *c, git_oid *out)
{
	size_t np = git_commit_parentcount(c);
	git_commit **parents = xcalloc(np + 1, sizeof(*parents));
	git_tree *old = NULL, *tree = NULL, *ptree = NULL;
	struct buf msg = BUF_INIT;
	git_oid tree_id;
	int rc;

	for (size_t i = 0; i < np; i++) {
		const git_oid *p = memo_get(&cv->memo,
					    git_commit_parent_id(c, i), "");

		if (!p || (rc = git_commit_lookup(&parents[i], cv->repo,
						  p)) < 0) {
			rc = error("cannot find a commit's parent in the new "
				   "history");
			goto out;
		}
	}
	if ((rc = git_commit_tree(&old, c)) < 0 ||
	    (rc = map_tree(cv, old, "", &tree_id)) < 0 ||
	    (rc = git_tree_lookup(&tree, cv->repo, &tree_id)) < 0) {
		rc = rc == FAIL ? rc : store_fail(rc, "cannot convert a "
						  "commit's files");
		goto out;
	}
	if (!cv->encrypt) {
		buf_adds(&msg, git_commit_message(c));
	} else {
		if (np && (rc = git_commit_tree(&ptree, parents[0])) < 0) {
			rc = store_fail(rc, "cannot read a commit");
			goto out;
		}
		if ((rc = describe(cv, ptree, tree, np, &msg)) < 0)
			goto out;
	}
	rc = write_commit(cv, c, msg.s, tree, np, parents, out);
out:
	for (size_t i = 0; i < np; i++)
		git_commit_free(parents[i]);
	free(parents);
	git_tree_free(old);
	git_tree_free(tree);
	git_tree_free(ptree);
	buf_release(&msg);
	return rc;
}

/*
 * The commits from tip (NULL: HEAD) back, oldest first (parents before
 * children), into walk. Returns 0 or FAIL.
 */
static int walk_history(git_repository *repo, const git_oid *tip,
			git_revwalk **walk)
{
	int rc;

	*walk = NULL;
	if ((rc = git_revwalk_new(walk, repo)) < 0 ||
	    (rc = git_revwalk_sorting(*walk, GIT_SORT_TOPOLOGICAL |
				      GIT_SORT_REVERSE)) < 0 ||
	    (rc = tip ? git_revwalk_push(*walk, tip)
		      : git_revwalk_push_head(*walk)) < 0)
		return store_fail(rc, "cannot walk the history");
	return 0;
}

/* Convert the whole history from HEAD into *head. */
static int map_history(struct conv *cv, git_oid *head)
{
	git_revwalk *walk = NULL;
	git_oid id;
	int rc;

	if ((rc = walk_history(cv->repo, cv->tip, &walk)) < 0)
		return rc;
	progress_start(&cv->meter, cv->ctx, cv->purge ? "purging" :
		       cv->encrypt ? "encrypting" : "decrypting", "commits");
	while (!rc && git_revwalk_next(&id, walk) == 0) {
		git_commit *c = NULL;

		progress_update(&cv->meter, ++cv->done, cv->total);
		if ((rc = git_commit_lookup(&c, cv->repo, &id)) < 0)
			rc = store_fail(rc, "cannot read a commit");
		else
			rc = cv->purge ? purge_commit(cv, c, head)
				       : map_commit(cv, c, head);
		git_commit_free(c);
	}
	progress_end(&cv->meter);
	git_revwalk_free(walk);
	return rc;
}

/* --- Finishing ------------------------------------------------------- */

/*
 * Note the locks git takes in the journal's git folder for a conversion
 * (locknote.h): git's index, the branch ref, packed refs.
 */
static void note_locks(struct ctx *ctx, const char *ref)
{
	const char *names[] = { "index", ref, "packed-refs" };
	struct buf path = BUF_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		buf_reset(&path);
		buf_addf(&path, "%s%s.lock", git_repository_path(ctx->repo),
			 names[i]);
		locknote_add(ctx, path.s, NULL);
	}
	buf_release(&path);
}

/*
 * Write the state file: the branch, its old and new commits, a stage,
 * and what rewrites the history ("conversion" or "purge").
 */
static int state_write(struct ctx *ctx, const char *ref, const git_oid *old,
		       const git_oid *new, const char *stage,
		       const char *kind)
{
	struct buf text = BUF_INIT, dir = BUF_INIT;
	char a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1];
	int rc;

	git_oid_tostr(a, sizeof(a), old);
	git_oid_tostr(b, sizeof(b), new);
	buf_addf(&text, "%s\n%s\n%s\n%s\n%s\n", ref, a, b, stage, kind);
	rc = journal_state_dir(ctx, "", &dir);
	if (!rc)
		rc = fs_write_in(ctx->root, STATE_FILE, text.s, text.len);
	buf_release(&text);
	buf_release(&dir);
	return rc;
}

/* Remove the reflogs: they name every commit the refs ever held. */
static int drop_reflogs(struct ctx *ctx)
{
	struct buf path = BUF_INIT;
	int rc = 0;

	buf_addf(&path, "%s/.git/logs", ctx->root);
	if (fs_is_dir(path.s))
		rc = fs_remove_tree(path.s, 1);
	buf_release(&path);
	return rc;
}

/* Drop every ref but the branch ref, and git's files of other heads. */
static int drop_refs(struct ctx *ctx, const char *ref)
{
	git_reference_iterator *it = NULL;
	git_reference *r;
	struct strvec names = STRVEC_INIT;
	struct buf path = BUF_INIT;
	int rc;

	if ((rc = git_reference_iterator_new(&it, ctx->repo)) < 0)
		return store_fail(rc, "cannot list the journal's refs");
	while (git_reference_next(&r, it) == 0) {
		if (strcmp(git_reference_name(r), ref))
			strvec_push(&names, git_reference_name(r));
		git_reference_free(r);
	}
	git_reference_iterator_free(it);
	for (size_t i = 0; i < names.nr && !rc; i++)
		if ((rc = git_reference_remove(ctx->repo, names.v[i])) < 0)
			rc = store_fail(rc, "cannot remove a ref");
	for (int i = 0; git_heads[i] && !rc; i++) {
		buf_reset(&path);
		buf_addf(&path, "%s/.git/%s", ctx->root, git_heads[i]);
		if (unlink(path.s) < 0 && errno != ENOENT)
			rc = error("cannot remove '%s': %s", path.s,
				   strerror(errno));
	}
	if (!rc)
		rc = drop_reflogs(ctx);
	strvec_clear(&names);
	buf_release(&path);
	return rc;
}

/*
 * Remove what tend keeps beside the history that holds the journal's
 * words in the other form: the index, a checkout's leftovers, the
 * record of an import, and a site rendered into the journal.
 */
static int drop_copies(struct ctx *ctx)
{
	static const char *const files[] = {
		".tend/index.db", ".tend/index.db-wal", ".tend/index.db-shm",
		".tend/import", ".tend/import" VAULT_EXT, NULL
	};
	struct buf path = BUF_INIT;
	int rc = 0;

	for (int i = 0; files[i] && !rc; i++) {
		path_join(&path, ctx->root, files[i]);
		if (unlink(path.s) < 0 && errno != ENOENT)
			rc = error("cannot remove '%s': %s", path.s,
				   strerror(errno));
	}
	path_join(&path, ctx->root, ".tend/checkout");
	if (!rc && fs_is_dir(path.s))
		rc = fs_remove_tree(path.s, 1);
	path_join(&path, ctx->root, "site/" SITE_MANIFEST);
	if (!rc && fs_exists(path.s)) {
		path_join(&path, ctx->root, "site");
		rc = fs_remove_tree(path.s, 1);
	}
	buf_release(&path);
	return rc;
}


/*
 * Finish a conversion whose branch ref moved from old to new: the
 * journal's files (unless stage is "pruning": they are done), the refs,
 * the copies beside the history, and the old objects. Returns 0 or
 * FAIL.
 */
static int finish(struct ctx *ctx, const char *ref, const git_oid *old,
		  const git_oid *new, const char *stage, const char *kind)
{
	git_commit *a = NULL, *b = NULL;
	git_tree *from = NULL, *to = NULL;
	struct buf path = BUF_INIT;
	int rc = 0;

	note_locks(ctx, ref);
	if (strcmp(stage, "pruning")) {
		if ((rc = git_commit_lookup(&a, ctx->repo, old)) < 0 ||
		    (rc = git_commit_lookup(&b, ctx->repo, new)) < 0 ||
		    (rc = git_commit_tree(&from, a)) < 0 ||
		    (rc = git_commit_tree(&to, b)) < 0)
			rc = store_fail(rc, "cannot read the two histories");
		else
			rc = checkout_tree(ctx, from, to);
		if (!rc)
			rc = state_write(ctx, ref, old, new, "pruning", kind);
	}
	if (!rc)
		rc = drop_refs(ctx, ref);
	if (!rc)
		rc = drop_copies(ctx);
	if (!rc)
		rc = store_prune(ctx);
	path_join(&path, ctx->root, STATE_FILE);
	if (!rc && unlink(path.s) < 0)
		rc = error("cannot remove '%s': %s", path.s, strerror(errno));
	locknote_clear(ctx);
	git_tree_free(from);
	git_tree_free(to);
	git_commit_free(a);
	git_commit_free(b);
	buf_release(&path);
	/*
	 * git's library may still read the packs just removed, and take
	 * objects for there that are not: it opens the journal anew
	 */
	store_close(ctx);
	return rc < 0 ? FAIL : 0;
}

/* The name of the branch HEAD is on, into ref. Returns 0 or FAIL. */
static int head_ref(struct ctx *ctx, struct buf *ref, git_oid *at)
{
	git_reference *head = NULL;
	int rc = git_repository_head(&head, ctx->repo);

	if (rc < 0)
		return store_fail(rc, "cannot read HEAD");
	if (!git_reference_is_branch(head)) {
		git_reference_free(head);
		return error("HEAD is not on a branch; tend converts the "
			     "journal's branch only");
	}
	buf_reset(ref);
	buf_adds(ref, git_reference_name(head));
	git_oid_cpy(at, git_reference_target(head));
	git_reference_free(head);
	return 0;
}

/*
 * Commit the purge's record on top of the history at *tip, which moves
 * to the new commit: PURGE_DIR/NAME, NAME made from what it holds, so
 * that the records of purges made in two clones never clash in a merge.
 * Returns 0 or FAIL.
 */
static int add_record(struct conv *cv, git_oid *tip)
{
	git_commit *c = NULL;
	git_tree *tree = NULL, *dir = NULL, *made = NULL;
	git_tree_entry *te = NULL;
	git_treebuilder *top = NULL, *sub = NULL;
	git_signature *sig = NULL;
	struct buf text = BUF_INIT, name = BUF_INIT;
	git_oid blob, dir_id, tree_id;
	int rc;

	strvec_sort(&cv->purge->lines);
	buf_adds(&text, "# tend: what was purged from every version of "
		 "this journal.\n# A blob's id, or the SHA-256 of a path: "
		 "never a name or a word.\n");
	for (size_t i = 0; i < cv->purge->lines.nr; i++)
		buf_addf(&text, "%s\n", cv->purge->lines.v[i]);
	path_hash(text.s, &name);
	buf_setlen(&name, 16);
	if ((rc = git_commit_lookup(&c, cv->repo, tip)) < 0 ||
	    (rc = git_commit_tree(&tree, c)) < 0)
		goto fail;
	/* the records of earlier purges stay beside it */
	if (git_tree_entry_bypath(&te, tree, PURGE_DIR) == 0 &&
	    git_tree_entry_type(te) == GIT_OBJECT_TREE &&
	    (rc = git_tree_lookup(&dir, cv->repo,
				  git_tree_entry_id(te))) < 0)
		goto fail;
	if ((rc = git_blob_create_from_buffer(&blob, cv->repo, text.s,
					      text.len)) < 0 ||
	    (rc = git_treebuilder_new(&sub, cv->repo, dir)) < 0 ||
	    (rc = git_treebuilder_insert(NULL, sub, name.s, &blob,
					 GIT_FILEMODE_BLOB)) < 0 ||
	    (rc = git_treebuilder_write(&dir_id, sub)) < 0 ||
	    (rc = git_treebuilder_new(&top, cv->repo, tree)) < 0 ||
	    (rc = git_treebuilder_insert(NULL, top, PURGE_DIR, &dir_id,
					 GIT_FILEMODE_TREE)) < 0 ||
	    (rc = git_treebuilder_write(&tree_id, top)) < 0 ||
	    (rc = git_tree_lookup(&made, cv->repo, &tree_id)) < 0)
		goto fail;
	if ((rc = store_signature(cv->ctx, &sig)) < 0)
		goto out;
	rc = git_commit_create(tip, cv->repo, NULL, sig, sig, NULL,
			       "Purge entries\n", made, 1,
			       (const git_commit **)&c);
	if (rc >= 0)
		goto out;
fail:
	rc = store_fail(rc, "cannot commit the record of the purge");
out:
	git_signature_free(sig);
	git_treebuilder_free(top);
	git_treebuilder_free(sub);
	git_tree_entry_free(te);
	git_tree_free(made);
	git_tree_free(dir);
	git_tree_free(tree);
	git_commit_free(c);
	buf_release(&text);
	buf_release(&name);
	return rc < 0 ? FAIL : 0;
}

/* Convert the journal, cv filled in but for the history. */
static int convert(struct conv *cv)
{
	struct ctx *ctx = cv->ctx;
	const char *kind = cv->purge ? "purge" : "conversion";
	struct buf ref = BUF_INIT;
	git_reference *moved = NULL;
	git_oid old, new;
	int rc;

	git_oid_fromstr(&empty_tree,
			"4b825dc642cb6eb9a060e54bf8d69288fbee4904");

	if ((rc = head_ref(ctx, &ref, &old)) < 0)
		goto out;
	/* noted first: what a stop leaves is removed by the next tend */
	memset(&new, 0, sizeof(new));
	if ((rc = state_write(ctx, ref.s, &old, &new, "mapping", kind)) < 0)
		goto out;
	/*
	 * Each object is not synced as it is written, but all of them at
	 * once before the branch moves to them.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
	rc = map_history(cv, &new);
	/* a purge made here, of entries found by ID, is recorded here */
	if (!rc && cv->purge && cv->purge->paths.nr)
		rc = add_record(cv, &new);
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	if (rc < 0) {
		convert_resume(ctx);	/* the new objects go */
		goto out;
	}
	if (fs_sync_fs(ctx->root) < 0 ||
	    (rc = state_write(ctx, ref.s, &old, &new, "prepared", kind)) < 0) {
		rc = FAIL;
		goto out;
	}
	note_locks(ctx, ref.s);
	rc = git_reference_create_matching(&moved, ctx->repo, ref.s, &new, 1,
					   &old, cv->purge ? "tend: purge" :
					   cv->encrypt ? "tend: encrypt" :
					   "tend: decrypt");
	locknote_clear(ctx);
	if (rc < 0) {
		rc = store_fail(rc, "cannot move the branch to the new "
				"history");
		/* not moved: the journal is as it was */
		convert_resume(ctx);
		goto out;
	}
	git_reference_free(moved);
	moved = NULL;
	rc = finish(ctx, ref.s, &old, &new, "prepared", kind);
out:
	git_reference_free(moved);
	buf_release(&ref);
	return rc < 0 ? FAIL : 0;
}

static void conv_release(struct conv *cv)
{
	memo_clear(&cv->memo);
	memo_clear(&cv->names);
	memo_clear(&cv->goals);
	memo_clear(&cv->taken);
}

/* --- Before ------------------------------------------------------------ */

/*
 * Refuse what a conversion cannot take in the folder tree at dir ("" or
 * ending in '/') and below: links and submodules. Each tree is looked
 * at once (seen). Returns 0, or FAIL_USAGE after reporting.
 */
static int check_tree(git_repository *repo, const git_tree *tree,
		      const char *dir, struct memo *seen)
{
	struct buf path = BUF_INIT;
	int rc = 0;

	if (memo_get(seen, git_tree_id(tree), dir))
		return 0;
	memo_put(seen, git_tree_id(tree), dir, git_tree_id(tree));
	for (size_t i = 0; i < git_tree_entrycount(tree) && !rc; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(tree, i);
		git_filemode_t m = git_tree_entry_filemode(te);
		git_tree *sub = NULL;

		buf_reset(&path);
		buf_addf(&path, "%s%s", dir, git_tree_entry_name(te));
		if (m == GIT_FILEMODE_LINK || m == GIT_FILEMODE_COMMIT) {
			rc = error_as(FAIL_USAGE, "'%s' in the history is a "
				      "%s; tend cannot convert it", path.s,
				      m == GIT_FILEMODE_LINK ?
				      "symbolic link" : "submodule");
		} else if (m == GIT_FILEMODE_TREE) {
			buf_addch(&path, '/');
			if (git_tree_lookup(&sub, repo,
					    git_tree_entry_id(te)) < 0)
				rc = store_fail(-1, "cannot read a folder of "
						"the history");
			else
				rc = check_tree(repo, sub, path.s, seen);
			git_tree_free(sub);
		}
	}
	buf_release(&path);
	return rc;
}

/*
 * Look at every folder of the history for what a conversion cannot
 * take: links and submodules. Counts the commits into plan. Returns 0,
 * or FAIL_USAGE after reporting.
 */
static int check_history(struct ctx *ctx, struct convert_plan *plan)
{
	git_revwalk *walk = NULL;
	struct memo seen = { 0 };
	git_oid id;
	int rc;

	if ((rc = walk_history(ctx->repo, NULL, &walk)) < 0)
		return rc;
	while (!rc && git_revwalk_next(&id, walk) == 0) {
		git_commit *c = NULL;
		git_tree *tree = NULL;

		plan->commits++;
		if (git_commit_lookup(&c, ctx->repo, &id) < 0 ||
		    git_commit_tree(&tree, c) < 0)
			rc = store_fail(-1, "cannot read a commit");
		else
			rc = check_tree(ctx->repo, tree, "", &seen);
		git_tree_free(tree);
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	memo_clear(&seen);
	return rc;
}

/*
 * Look at the refs: the branch alone, remote-tracking branches (they
 * go, counted in plan), nothing else. Returns 0 or FAIL_USAGE.
 */
static int check_refs(struct ctx *ctx, const char *ref,
		      struct convert_plan *plan)
{
	git_reference_iterator *it = NULL;
	git_reference *r;
	int rc = 0;

	if (git_reference_iterator_new(&it, ctx->repo) < 0)
		return store_fail(-1, "cannot list the journal's refs");
	while (git_reference_next(&r, it) == 0) {
		const char *name = git_reference_name(r);

		if (starts_with(name, "refs/remotes/")) {
			if (!ends_with(name, "/HEAD"))
				plan->remotes++;
			if (!plan->remote.len) {
				const char *s = name + strlen("refs/remotes/");
				const char *e = strchr(s, '/');

				buf_add(&plan->remote, s, e ? (size_t)(e - s)
							    : strlen(s));
			}
		} else if (strcmp(name, ref) && !rc) {
			rc = error_as(FAIL_USAGE, "the journal has '%s' "
				      "besides its branch; tend converts a "
				      "journal of one branch (remove it "
				      "with git first)", name);
		}
		git_reference_free(r);
	}
	git_reference_iterator_free(it);
	return rc;
}

void convert_plan_release(struct convert_plan *p)
{
	buf_release(&p->remote);
}

int convert_check(struct ctx *ctx, struct convert_plan *plan)
{
	struct store_changes changes = { 0 };
	struct strvec drafts = STRVEC_INIT, copies = STRVEC_INIT;
	struct buf ref = BUF_INIT, path = BUF_INIT;
	git_oid head;
	int rc;

	memset(plan, 0, sizeof(*plan));
	buf_init(&plan->remote);
	if ((rc = store_open(ctx)) < 0 || (rc = head_ref(ctx, &ref, &head)) < 0)
		goto out;
	if ((rc = store_changes(ctx, &changes)) < 0)
		goto out;
	if (changes.nr) {
		rc = error_as(FAIL_USAGE, "the journal has changes not saved "
			      "('%s' and %zu more): 'tend save' first, or "
			      "move them away", changes.v[0].path,
			      changes.nr - 1);
		goto out;
	}
	path_join(&path, ctx->root, ".tend/drafts");
	fs_walk(ctx->root, ".tend/drafts", "", &drafts, NULL);
	if (drafts.nr) {
		rc = error_as(FAIL_USAGE, "there are drafts kept in "
			      "'%s': take what you need into the journal, "
			      "then delete them", path.s);
		goto out;
	}
	journal_conflict_copies(ctx, &copies);
	if (copies.nr) {
		rc = error_as(FAIL_USAGE, "there are conflict copies a sync "
			      "left ('%s'): take what you need into the file "
			      "beside it, then delete them", copies.v[0]);
		goto out;
	}
	if ((rc = check_refs(ctx, ref.s, plan)) < 0)
		goto out;
	rc = check_history(ctx, plan);
out:
	store_changes_clear(&changes);
	strvec_clear(&drafts);
	strvec_clear(&copies);
	buf_release(&ref);
	buf_release(&path);
	return rc;
}

int convert_encrypt(struct ctx *ctx, const struct convert_plan *plan,
		    const struct age_identity *id, const char *sealed,
		    size_t len)
{
	struct conv cv = { .ctx = ctx, .repo = ctx->repo, .encrypt = 1,
			   .id = id, .total = plan->commits };
	int rc = git_blob_create_from_buffer(&cv.key_blob, cv.repo, sealed,
					     len);

	rc = rc < 0 ? store_fail(rc, "cannot write key.age") : convert(&cv);
	conv_release(&cv);
	return rc;
}

/*
 * Put the settings of this machine that the encrypted journal kept
 * sealed, text, into its plain ones (CONFIG_LOCAL_PATH), once the
 * journal is plain: names a sync took out of [share] redact stay hidden.
 * Returns 0 or FAIL.
 */
static int unseal_local(struct ctx *ctx, const struct buf *text)
{
	struct buf all = BUF_INIT;
	int rc;

	rc = fs_read_in(ctx->root, CONFIG_LOCAL_PATH, 1024 * 1024, &all,
			FS_MISSING_OK);
	if (rc < 0)
		goto out;
	if (all.len && all.s[all.len - 1] != '\n')
		buf_addch(&all, '\n');
	buf_add(&all, text->s, text->len);
	if ((rc = fs_write_in(ctx->root, CONFIG_LOCAL_PATH, all.s,
			      all.len)) == 0)
		rc = fs_remove_in(ctx->root, CONFIG_LOCAL_SEALED);
out:
	buf_release(&all);
	return rc < 0 ? FAIL : 0;
}

int convert_decrypt(struct ctx *ctx, const struct convert_plan *plan)
{
	struct conv cv = { .ctx = ctx, .repo = ctx->repo, .encrypt = 0,
			   .id = ctx->key, .total = plan->commits };
	struct buf local = BUF_INIT;
	int rc, sealed;

	if (!ctx->key)
		return error_as(FAIL_LOCKED, "the journal is locked");
	/* read while the key is there: the journal will have none */
	sealed = vault_read(ctx, CONFIG_LOCAL_SEALED, 1024 * 1024, &local,
			    FS_MISSING_OK);
	rc = sealed < 0 ? FAIL : convert(&cv);
	if (rc == 0 && sealed == 0 && unseal_local(ctx, &local) < 0)
		rc = error("the journal is decrypted, but the settings kept "
			   "in '%s' could not be put in '%s'",
			   CONFIG_LOCAL_SEALED, CONFIG_LOCAL_PATH);
	conv_release(&cv);
	age_wipe(local.s, local.len);
	buf_release(&local);
	return rc;
}

/* --- Purging ---------------------------------------------------------- */

/* A version of a file under entries/ that a commit changed. */
struct touch {
	char *path;
	git_oid id;
	size_t commit;		/* which, counted from the first */
};

/*
 * The entry ID a path under entries/ names (NAME.md, NAME.md.age, or a
 * conflict copy of one), or whose attachment a file of attachments/ is
 * (attachments/.../NAME/FILE), into id. Returns 0, or -1 for another
 * file.
 */
static int path_entry_id(const char *path, struct buf *id)
{
	const char *base = strrchr(path, '/');
	struct buf name = BUF_INIT, copy = BUF_INIT;
	int rc;

	if (starts_with(path, ATTACH_DIR "/")) {
		/* attachments/P/NAME: a file of the entry entries/P.md; in
		   attachments/YYYY/MM/ID/..., of ID however deep it is */
		const char *rest = path + strlen(ATTACH_DIR "/");
		const char *end = base, *start;

		if (strspn(rest, "0123456789") == 4 && rest[4] == '/' &&
		    strspn(rest + 5, "0123456789") == 2 && rest[7] == '/' &&
		    strchr(rest + 8, '/'))
			end = strchr(rest + 8, '/');
		start = end;
		while (start > path + strlen(ATTACH_DIR) && start[-1] != '/')
			start--;
		if (!end || start == end)
			return -1;
		buf_add(&name, start, (size_t)(end - start));
		buf_adds(&name, ".md");
		rc = entry_name(name.s, id, &copy);
		buf_release(&name);
		buf_release(&copy);
		return rc;
	}
	if (!starts_with(path, "entries/"))
		return -1;
	base = base ? base + 1 : path;
	buf_adds(&name, base);
	if (ends_with(name.s, VAULT_EXT))
		buf_setlen(&name, name.len - strlen(VAULT_EXT));
	rc = entry_name(name.s, id, &copy);
	buf_release(&name);
	buf_release(&copy);
	return rc;
}

/*
 * Every version of every file under entries/ and attachments/ that the
 * history's commits changed, oldest first, into t (*nt of them, counting
 * the commits into p), and each rename git finds (exact, or by likeness) as from[i] ->
 * to[i]. Returns 0 or FAIL.
 */
static int touches(struct ctx *ctx, struct purge *p, struct touch **t,
		   size_t *nt, struct strvec *from, struct strvec *to)
{
	git_diff_options opts;
	git_diff_find_options find;
	char *spec[] = { "entries", ATTACH_DIR };
	git_revwalk *walk = NULL;
	size_t alloc = 0;
	git_oid cid;
	int rc;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
	opts.pathspec.strings = spec;
	opts.pathspec.count = 2;	/* an entry's files go with it */
	/* renamed as it was, by hand: likeness would take in another */
	find.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_EXACT_MATCH_ONLY;
	if ((rc = walk_history(ctx->repo, NULL, &walk)) < 0)
		return rc;
	while (!rc && git_revwalk_next(&cid, walk) == 0) {
		git_commit *c = NULL, *parent = NULL;
		git_tree *tree = NULL, *ptree = NULL;
		git_diff *diff = NULL;

		if ((rc = git_commit_lookup(&c, ctx->repo, &cid)) < 0 ||
		    (rc = git_commit_tree(&tree, c)) < 0 ||
		    (git_commit_parentcount(c) &&
		     ((rc = git_commit_parent(&parent, c, 0)) < 0 ||
		      (rc = git_commit_tree(&ptree, parent)) < 0)) ||
		    (rc = git_diff_tree_to_tree(&diff, ctx->repo, ptree, tree,
						&opts)) < 0 ||
		    (rc = git_diff_find_similar(diff, &find)) < 0)
			rc = store_fail(rc, "cannot read the history");
		for (size_t i = 0; !rc && i < git_diff_num_deltas(diff); i++) {
			const git_diff_delta *d = git_diff_get_delta(diff, i);
			const git_diff_file *f[2] = { &d->old_file,
						      &d->new_file };

			for (int k = 0; k < 2; k++) {
				if (git_oid_is_zero(&f[k]->id))
					continue;
				ALLOC_GROW(*t, *nt + 1, alloc);
				(*t)[*nt].path = xstrdup(f[k]->path);
				git_oid_cpy(&(*t)[*nt].id, &f[k]->id);
				(*t)[(*nt)++].commit = p->commits;
			}
			if (d->status == GIT_DELTA_RENAMED &&
			    git_commit_parentcount(c) < 2) {
				strvec_push(from, d->old_file.path);
				strvec_push(to, d->new_file.path);
			}
		}
		p->commits++;
		git_diff_free(diff);
		git_tree_free(ptree);
		git_tree_free(tree);
		git_commit_free(parent);
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	return rc;
}

/* The title of the entry version id at path, or "" when none. */
static void version_title(struct ctx *ctx, const char *path,
			  const git_oid *id, struct buf *out)
{
	git_blob *blob = NULL;
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;

	buf_reset(out);
	entry_init(&e);
	if (git_blob_lookup(&blob, ctx->repo, id) == 0 &&
	    (!ctx->encrypted || ctx->key) &&
	    vault_open_bytes(ctx, path, git_blob_rawcontent(blob),
			     (size_t)git_blob_rawsize(blob), &e.text) == 0 &&
	    entry_parse(&e, ctx->cfg.mood_scale, &err) == 0 && e.title)
		buf_adds(out, e.title);
	age_wipe(e.text.s, e.text.len);
	git_blob_free(blob);
	fm_error_release(&err);
	entry_release(&e);
}

int purge_find(struct ctx *ctx, const struct strvec *ids, struct purge **out)
{
	struct purge *p = xcalloc(1, sizeof(*p));
	struct touch *t = NULL;
	struct strvec from = STRVEC_INIT, to = STRVEC_INIT;
	struct strvec found = STRVEC_INIT;
	struct memo in = { 0 };		/* (no_id, path): the paths that go */
	struct buf id = BUF_INIT, line = BUF_INIT, title = BUF_INIT;
	size_t nt = 0, last = (size_t)-1;
	int rc, grew;

	*out = p;
	for (size_t i = 0; i < ids->nr; i++)
		strvec_push_unique(&p->asked, ids->v[i]);
	if ((rc = store_open(ctx)) < 0 ||
	    (rc = touches(ctx, p, &t, &nt, &from, &to)) < 0)
		goto out;
	for (size_t i = 0; i < nt; i++)
		if (!path_entry_id(t[i].path, &id) &&
		    strvec_find(ids, id.s) >= 0) {
			memo_put(&in, &no_id, t[i].path, &no_id);
			strvec_push_unique(&found, id.s);
		}
	for (size_t i = 0; i < ids->nr && !rc; i++)
		if (strvec_find(&found, ids->v[i]) < 0)
			rc = error("no entry '%s' in the journal or in its "
				   "history", ids->v[i]);
	/* a path renamed to or from one that goes, goes too */
	do {
		grew = 0;
		for (size_t i = 0; i < from.nr; i++) {
			int a = memo_get(&in, &no_id, from.v[i]) != NULL;
			int b = memo_get(&in, &no_id, to.v[i]) != NULL;

			if (a != b) {
				memo_put(&in, &no_id, a ? to.v[i] : from.v[i],
					 &no_id);
				grew = 1;
			}
		}
	} while (grew && !rc);
	for (size_t i = 0; i < nt && !rc; i++) {
		if (!memo_get(&in, &no_id, t[i].path))
			continue;
		if (t[i].commit != last)
			p->changed++;
		last = t[i].commit;
		buf_reset(&line);
		buf_addf(&line, "blob %s", git_oid_tostr_s(&t[i].id));
		if (strcmp(line.s + 5, empty_blob) &&
		    !starts_with(t[i].path, ATTACH_DIR "/"))
			purge_take_line(p, line.s);
		if (strvec_find(&p->paths, t[i].path) < 0) {
			strvec_push(&p->paths, t[i].path);
			path_hash(t[i].path, &title);
			buf_reset(&line);
			buf_addf(&line, "path %s", title.s);
			purge_take_line(p, line.s);
		}
	}
	/* each entry asked for, with the title of its newest version */
	for (size_t i = 0; i < ids->nr && !rc; i++) {
		size_t k = nt;

		while (k-- > 0)
			if (!path_entry_id(t[k].path, &id) &&
			    !strcmp(id.s, ids->v[i]) &&
			    !strstr(t[k].path, ".conflict-"))
				break;
		buf_reset(&line);
		buf_adds(&line, ids->v[i]);
		if (k < nt) {
			version_title(ctx, t[k].path, &t[k].id, &title);
			if (title.len)
				buf_addf(&line, "  %s", title.s);
		}
		strvec_push(&p->shown, line.s);
	}
	strvec_sort(&p->paths);
	/* a path of another name that goes with them: renamed from one */
	for (size_t i = 0; i < p->paths.nr && !rc; i++)
		if (path_entry_id(p->paths.v[i], &id) ||
		    strvec_find(ids, id.s) < 0) {
			buf_reset(&line);
			buf_addf(&line, "%s (renamed from one of them)",
				 p->paths.v[i]);
			strvec_push(&p->shown, line.s);
		}
out:
	for (size_t i = 0; i < nt; i++)
		free(t[i].path);
	free(t);
	strvec_clear(&from);
	strvec_clear(&to);
	strvec_clear(&found);
	memo_clear(&in);
	buf_release(&id);
	buf_release(&line);
	age_wipe(title.s, title.len);
	buf_release(&title);
	return rc < 0 ? FAIL : 0;
}

const struct strvec *purge_shown(const struct purge *p)
{
	return &p->shown;
}

const struct strvec *purge_paths(const struct purge *p)
{
	return &p->paths;
}

size_t purge_changed(const struct purge *p)
{
	return p->changed;
}

void purge_free(struct purge *p)
{
	if (!p)
		return;
	memo_clear(&p->gone);
	strvec_clear(&p->lines);
	strvec_clear(&p->paths);
	strvec_clear(&p->shown);
	strvec_clear(&p->asked);
	free(p);
}

/*
 * What the folders of attachments of the entries that go hold that the
 * history never keeps (attach_files(): files git ignores, symbolic
 * links), into left. Returns 0 or FAIL after reporting.
 */
static int purge_left(struct ctx *ctx, const struct purge *p,
		      struct strvec *left)
{
	struct strvec files = STRVEC_INIT;
	int rc = 0;

	for (size_t i = 0; i < p->paths.nr && !rc; i++)
		if (starts_with(p->paths.v[i], "entries/") &&
		    ends_with(p->paths.v[i], ".md") &&
		    attach_files(ctx, p->paths.v[i], &files, left) < 0)
			rc = FAIL;
	strvec_clear(&files);
	return rc;
}

/*
 * Bring the files of the journal that the purge takes out back to the
 * last commit's, or remove them when it has none, so that the checkout
 * after the rewrite finds them as it expects and takes them away: an
 * edit not saved of an entry that goes goes with it. What the history
 * never keeps of their folders goes first, each link as a link, so that
 * nothing is reached through one. Returns 0 or FAIL.
 */
static int purge_worktree(struct ctx *ctx, const struct purge *p)
{
	git_object *head = NULL;
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;
	struct buf full = BUF_INIT, now = BUF_INIT;
	struct strvec left = STRVEC_INIT;
	int rc;

	if ((rc = purge_left(ctx, p, &left)) == 0 &&
	    attach_remove_left(ctx, &left) < 0)
		rc = FAIL;
	strvec_clear(&left);
	if (rc)
		return rc;
	for (size_t i = 0; i < p->paths.nr; i++)
		if (starts_with(p->paths.v[i], "entries/"))
			attach_remove_dir(ctx, p->paths.v[i]);
	if (git_revparse_single(&head, ctx->repo, "HEAD^{tree}") < 0)
		return store_fail(-1, "cannot read the last commit");
	for (size_t i = 0; i < p->paths.nr && !rc; i++) {
		const char *rel = p->paths.v[i];

		path_join(&full, ctx->root, rel);
		if (!fs_exists(full.s))
			continue;
		git_tree_entry_free(te);
		te = NULL;
		if (git_tree_entry_bypath(&te, (git_tree *)head, rel) < 0) {
			rc = fs_remove_in(ctx->root, rel) < 0 ? FAIL : 0;
			continue;
		}
		git_blob_free(blob);
		blob = NULL;
		if (git_blob_lookup(&blob, ctx->repo,
				    git_tree_entry_id(te)) < 0) {
			rc = store_fail(-1, "cannot read the last commit");
		} else if (fs_read(full.s, ENTRY_MAX_BYTES * 2, &now,
				   FS_QUIET) < 0 ||
			   now.len != (size_t)git_blob_rawsize(blob) ||
			   memcmp(now.s, git_blob_rawcontent(blob), now.len)) {
			rc = fs_write_in(ctx->root, rel,
					 git_blob_rawcontent(blob),
					 (size_t)git_blob_rawsize(blob));
			rc = rc < 0 ? FAIL : 0;
		}
	}
	git_blob_free(blob);
	git_tree_entry_free(te);
	git_object_free(head);
	buf_release(&full);
	buf_release(&now);
	return rc;
}

/*
 * The entry ID at the start of a draft's file name, into id: a draft is
 * named for its entry's ID, a dash and six random characters, then .md
 * (.md.age when kept encrypted). Returns 0, or -1 for a file named
 * otherwise.
 */
static int draft_id(const char *name, struct buf *id)
{
	size_t n = strlen(name);

	if (ends_with(name, ".md" VAULT_EXT))
		n -= strlen(VAULT_EXT);
	else if (!ends_with(name, ".md"))
		return -1;
	if (n < 11 || name[n - 10] != '-')
		return -1;
	buf_reset(id);
	buf_add(id, name, n - 10);
	return 0;
}

/*
 * Is the draft named name one of an entry that goes: one asked for, or
 * whose file (entries/YYYY/MM/ID.md or .md.age) the record names?
 */
static int draft_gone(struct purge *p, const char *name)
{
	struct buf id = BUF_INIT, path = BUF_INIT, h = BUF_INIT;
	int gone = 0;

	if (draft_id(name, &id) < 0)
		goto out;
	gone = strvec_find(&p->asked, id.s) >= 0;
	for (int k = 0; k < 2 && !gone && id.len >= 10; k++) {
		buf_reset(&path);
		buf_addf(&path, "entries/%.4s/%.2s/%s.md%s", id.s, id.s + 5,
			 id.s, k ? VAULT_EXT : "");
		path_hash(path.s, &h);
		gone = memo_get(&p->gone, &no_id, h.s) != NULL;
	}
out:
	buf_release(&id);
	buf_release(&path);
	buf_release(&h);
	return gone;
}

/* Delete the drafts kept of the entries that go. Returns 0 or FAIL. */
static int drop_drafts(struct ctx *ctx, struct purge *p)
{
	struct strvec drafts = STRVEC_INIT;
	int rc = 0;

	fs_walk(ctx->root, ".tend/drafts", "", &drafts, NULL);
	for (size_t i = 0; i < drafts.nr && !rc; i++)
		if (draft_gone(p, strrchr(drafts.v[i], '/') + 1))
			rc = fs_remove_in(ctx->root, drafts.v[i]) < 0
				? FAIL : 0;
	strvec_clear(&drafts);
	return rc;
}

int purge_check(struct ctx *ctx, struct purge *p, struct convert_plan *plan)
{
	struct store_changes changes = { 0 };
	struct strvec drafts = STRVEC_INIT, left = STRVEC_INIT;
	struct buf ref = BUF_INIT, path = BUF_INIT;
	git_oid head;
	int rc;

	memset(plan, 0, sizeof(*plan));
	buf_init(&plan->remote);
	if ((rc = head_ref(ctx, &ref, &head)) < 0 ||
	    (rc = store_changes(ctx, &changes)) < 0 ||
	    (rc = purge_left(ctx, p, &left)) < 0)
		goto out;
	/* what the history never keeps of their folders goes with them */
	for (size_t i = 0; i < changes.nr && !rc; i++)
		if (strvec_find(&p->paths, changes.v[i].path) < 0 &&
		    strvec_find(&left, changes.v[i].path) < 0)
			rc = error_as(FAIL_USAGE, "the journal has changes not "
				      "saved ('%s'): 'tend save' first, or "
				      "move them away", changes.v[i].path);
	fs_walk(ctx->root, ".tend/drafts", "", &drafts, NULL);
	path_join(&path, ctx->root, ".tend/drafts");
	for (size_t i = 0; i < drafts.nr && !rc; i++)
		if (!draft_gone(p, strrchr(drafts.v[i], '/') + 1))
			rc = error_as(FAIL_USAGE, "there are drafts kept in "
				      "'%s' of other entries: take what you "
				      "need into the journal, then delete "
				      "them", path.s);
	if (!rc)
		rc = check_refs(ctx, ref.s, plan);
	if (!rc)
		rc = check_history(ctx, plan);
out:
	store_changes_clear(&changes);
	strvec_clear(&drafts);
	strvec_clear(&left);
	buf_release(&ref);
	buf_release(&path);
	return rc;
}

int convert_purge(struct ctx *ctx, struct purge *p)
{
	struct conv cv = { .ctx = ctx, .repo = ctx->repo, .purge = p,
			   .total = p->commits };
	int rc;

	if ((rc = drop_drafts(ctx, p)) == 0 &&
	    (rc = purge_worktree(ctx, p)) == 0)
		rc = convert(&cv);
	conv_release(&cv);
	return rc;
}

int purge_record_at(struct ctx *ctx, const git_oid *commit,
		    struct strvec *lines)
{
	git_commit *c = NULL;
	git_tree *tree = NULL, *dir = NULL;
	git_tree_entry *te = NULL;
	struct purge check = { 0 };
	int rc = 0;

	if (git_commit_lookup(&c, ctx->repo, commit) < 0 ||
	    git_commit_tree(&tree, c) < 0) {
		rc = store_fail(-1, "cannot read a commit");
		goto out;
	}
	if (git_tree_entry_bypath(&te, tree, PURGE_DIR) < 0 ||
	    git_tree_entry_type(te) != GIT_OBJECT_TREE)
		goto out;	/* no purge */
	if (git_tree_lookup(&dir, ctx->repo, git_tree_entry_id(te)) < 0) {
		rc = store_fail(-1, "cannot read a commit");
		goto out;
	}
	for (size_t i = 0; i < git_tree_entrycount(dir) && !rc; i++) {
		const git_tree_entry *f = git_tree_entry_byindex(dir, i);
		git_blob *blob = NULL;
		const char *p, *end, *nl;

		if (git_tree_entry_type(f) != GIT_OBJECT_BLOB ||
		    git_blob_lookup(&blob, ctx->repo,
				    git_tree_entry_id(f)) < 0)
			continue;
		p = git_blob_rawcontent(blob);
		end = p + git_blob_rawsize(blob);
		for (; p < end && !rc; p = nl + 1) {
			struct buf line = BUF_INIT;

			nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				nl = end;
			if (*p == '#' || nl == p)
				continue;
			buf_add(&line, p, (size_t)(nl - p));
			if (purge_take_line(&check, line.s))
				rc = error("'%s/%s' of the history holds a "
					   "line tend cannot read: '%s'",
					   PURGE_DIR, git_tree_entry_name(f),
					   line.s);
			buf_release(&line);
		}
		git_blob_free(blob);
	}
	/* each line once, as tend writes it */
	for (size_t i = 0; i < check.lines.nr && !rc; i++)
		strvec_push_unique(lines, check.lines.v[i]);
out:
	memo_clear(&check.gone);
	strvec_clear(&check.lines);
	git_tree_entry_free(te);
	git_tree_free(dir);
	git_tree_free(tree);
	git_commit_free(c);
	return rc;
}

/* A purge of what the record's lines name. */
static struct purge *purge_of(const struct strvec *lines)
{
	struct purge *p = xcalloc(1, sizeof(*p));

	for (size_t i = 0; i < lines->nr; i++)
		purge_take_line(p, lines->v[i]);
	return p;
}

int purge_reach(struct ctx *ctx, const struct strvec *lines,
		struct strvec *ids)
{
	struct purge *p = purge_of(lines), seen = { 0 };
	struct touch *t = NULL;
	struct strvec from = STRVEC_INIT, to = STRVEC_INIT;
	struct buf id = BUF_INIT;
	size_t nt = 0;
	int rc = touches(ctx, &seen, &t, &nt, &from, &to);

	for (size_t i = 0; i < nt; i++) {
		if (!rc && purge_gone(p, t[i].path, &t[i].id))
			strvec_push_unique(ids, path_entry_id(t[i].path, &id)
					   ? t[i].path : id.s);
		free(t[i].path);
	}
	free(t);
	strvec_clear(&from);
	strvec_clear(&to);
	buf_release(&id);
	purge_free(p);
	return rc;
}

int purge_rewrite(struct ctx *ctx, const struct strvec *lines,
		  const git_oid *tip, git_oid *out)
{
	struct conv cv = { .ctx = ctx, .repo = ctx->repo,
			   .purge = purge_of(lines), .tip = tip };
	int rc;

	git_oid_fromstr(&empty_tree,
			"4b825dc642cb6eb9a060e54bf8d69288fbee4904");
	rc = map_history(&cv, out);
	purge_free(cv.purge);
	conv_release(&cv);
	return rc < 0 ? FAIL : 0;
}

int purge_local(struct ctx *ctx, const struct strvec *lines)
{
	struct conv cv = { .ctx = ctx, .repo = ctx->repo,
			   .purge = purge_of(lines) };
	int rc = drop_drafts(ctx, cv.purge);

	if (rc == 0)
		rc = convert(&cv);

	purge_free(cv.purge);
	conv_release(&cv);
	return rc;
}

int convert_resume(struct ctx *ctx)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	struct strvec lines = STRVEC_INIT;
	const char *p, *nl;
	git_oid old, new, at;
	int rc, locked = ctx->lock_fd >= 0;

	path_join(&path, ctx->root, STATE_FILE);
	rc = fs_read(path.s, 4096, &text, FS_MISSING_OK);
	if (rc)
		goto out;	/* none, or said */
	for (p = text.s; (nl = strchr(p, '\n')); p = nl + 1)
		strvec_pushn(&lines, p, (size_t)(nl - p));
	if (lines.nr < 4 || git_oid_fromstr(&old, lines.v[1]) < 0 ||
	    git_oid_fromstr(&new, lines.v[2]) < 0 ||
	    !starts_with(lines.v[0], "refs/heads/")) {
		rc = error("'%s' is damaged; look at the journal with git, "
			   "then remove it", path.s);
		goto out;
	}
	if (!locked && (rc = journal_lock(ctx)) < 0)
		goto out;
	if ((rc = store_open(ctx)) < 0 ||
	    (rc = git_reference_name_to_id(&at, ctx->repo, lines.v[0])) < 0) {
		rc = rc == FAIL ? rc : store_fail(rc, "cannot read the branch");
		goto unlock;
	}
	if (strcmp(lines.v[3], "mapping") && git_oid_equal(&at, &new)) {
		const char *kind = lines.nr > 4 && !strcmp(lines.v[4], "purge")
				   ? "purge" : "conversion";

		warning("finishing the %s of the journal that was stopped",
			kind);
		rc = finish(ctx, lines.v[0], &old, &new, lines.v[3], kind);
	} else if (!strcmp(lines.v[3], "mapping") ||
		   git_oid_equal(&at, &old)) {
		/*
		 * The branch never moved: the new history is of no use, and
		 * goes, with the reflogs, which may name it already.
		 */
		rc = drop_reflogs(ctx);
		if (!rc)
			rc = store_prune(ctx);
		if (!rc && unlink(path.s) < 0)
			rc = error("cannot remove '%s': %s", path.s,
				   strerror(errno));
	} else {
		rc = error("'%s' names commits the branch is at neither; look "
			   "at the journal with git, then remove it", path.s);
	}
unlock:
	if (!locked)
		journal_unlock(ctx);
out:
	buf_release(&path);
	buf_release(&text);
	strvec_clear(&lines);
	return rc < 0 ? rc : 0;
}
