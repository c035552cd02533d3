/*
 * Unit tests of merge.c (tend-journal(5)): the whole-file three-way join of two
 * trees that `tend sync` makes, checked entry by entry (path, mode and
 * content of every file of the joined tree, and no empty folder left),
 * with the conflict copies and kept files it reports; the names of the
 * conflict copies; and the refusal of symbolic links that could lead out
 * of the journal.
 *
 * The trees live in a throwaway bare repository made in a temporary
 * folder, removed at the end. Trees are written in a small notation: an
 * array of struct file, ended by a NULL path.
 */
#include "merge.h"
#include "buf.h"
#include "error.h"
#include "fs.h"
#include "store.h"
#include "strvec.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

/* A check named by the caller, for checks made in helpers. */
#define CHECK_AT(cond, what, line) \
	unit_check(!!(cond), (what), __FILE__, (line))

/* The one repository of this test, made by main(). */
static git_repository *repo;

#define TAG "abc1234"
#define EXEC GIT_FILEMODE_BLOB_EXECUTABLE
#define LINK GIT_FILEMODE_LINK

/* One file of a tree: mode 0 is a plain file; len 0 means strlen(text). */
struct file {
	const char *path;
	const char *text;
	git_filemode_t mode;
	size_t len;
};

static git_filemode_t mode_of(const struct file *f)
{
	return f->mode ? f->mode : GIT_FILEMODE_BLOB;
}

static size_t len_of(const struct file *f)
{
	return f->len ? f->len : strlen(f->text);
}

/* Die on a libgit2 failure while building a fixture: nothing to test. */
static void git_must(int rc, const char *what)
{
	if (rc < 0) {
		const git_error *e = git_error_last();

		die("test fixture: %s: %s", what, e ? e->message : "?");
	}
}

/*
 * Write the tree of the files of list under prefix (with its slash, or
 * "") into *id, with a subtree for each folder.
 */
static void build(const struct file *list, const char *prefix, git_oid *id)
{
	size_t plen = strlen(prefix);
	git_treebuilder *tb = NULL;

	git_must(git_treebuilder_new(&tb, repo, NULL), "treebuilder");
	for (const struct file *f = list; f->path; f++) {
		const char *rest, *slash;
		struct buf name = BUF_INIT;
		git_oid oid;

		if (strncmp(f->path, prefix, plen))
			continue;
		rest = f->path + plen;
		slash = strchr(rest, '/');
		buf_add(&name, rest, slash ? (size_t)(slash - rest)
			: strlen(rest));
		if (!slash) {
			git_must(git_blob_create_from_buffer(&oid, repo,
							     f->text,
							     len_of(f)),
				 "blob");
			git_must(git_treebuilder_insert(NULL, tb, name.s, &oid,
							mode_of(f)),
				 f->path);
		} else if (!git_treebuilder_get(tb, name.s)) {
			struct buf sub = BUF_INIT;

			buf_add(&sub, f->path, (size_t)(slash - f->path) + 1);
			build(list, sub.s, &oid);
			git_must(git_treebuilder_insert(NULL, tb, name.s, &oid,
							GIT_FILEMODE_TREE),
				 sub.s);
			buf_release(&sub);
		}
		buf_release(&name);
	}
	git_must(git_treebuilder_write(id, tb), "write tree");
	git_treebuilder_free(tb);
}

/* The tree of list (NULL: no tree at all). The caller frees it. */
static git_tree *tree_of(const struct file *list)
{
	git_tree *tree = NULL;
	git_oid id;

	if (!list)
		return NULL;
	build(list, "", &id);
	git_must(git_tree_lookup(&tree, repo, &id), "lookup tree");
	return tree;
}

/* Append one file as a line "PATH MODE TEXT", TEXT with \n and \xNN. */
static void add_line(struct strvec *lines, const char *path,
		     git_filemode_t mode, const char *text, size_t len)
{
	struct buf line = BUF_INIT;

	buf_addf(&line, "%s %06o ", path, (unsigned)mode);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\n')
			buf_adds(&line, "\\n");
		else if (c < 0x20 || c == '\\' || c >= 0x7f)
			buf_addf(&line, "\\x%02x", c);
		else
			buf_addch(&line, c);
	}
	strvec_push(lines, line.s);
	buf_release(&line);
}

/* The lines, sorted, each ended by a line break, into out. */
static void join_lines(struct strvec *lines, struct buf *out)
{
	strvec_sort(lines);
	for (size_t i = 0; i < lines->nr; i++)
		buf_addf(out, "%s\n", lines->v[i]);
	strvec_clear(lines);
}

/* git_tree_walk() callback: a line for each file, one per empty folder. */
static int walk_one(const char *root, const git_tree_entry *te, void *data)
{
	struct strvec *lines = data;
	struct buf path = BUF_INIT;
	git_object *obj = NULL;

	buf_addf(&path, "%s%s", root, git_tree_entry_name(te));
	git_must(git_tree_entry_to_object(&obj, repo, te), path.s);
	if (git_object_type(obj) == GIT_OBJECT_TREE) {
		if (!git_tree_entrycount((git_tree *)obj)) {
			buf_adds(&path, "/ (empty folder)");
			strvec_push(lines, path.s);
		}
	} else {
		git_blob *blob = (git_blob *)obj;

		add_line(lines, path.s, git_tree_entry_filemode(te),
			 git_blob_rawcontent(blob),
			 (size_t)git_blob_rawsize(blob));
	}
	git_object_free(obj);
	buf_release(&path);
	return 0;
}

/* Check that the tree id holds exactly the files of want. */
static void check_tree(const git_oid *id, const struct file *want, int line)
{
	struct strvec lines = STRVEC_INIT;
	struct buf got = BUF_INIT, exp = BUF_INIT;
	git_tree *tree = NULL;

	if (!unit_check(!git_oid_is_zero(id), "there is a joined tree",
			__FILE__, line))
		return;
	git_must(git_tree_lookup(&tree, repo, id), "lookup joined tree");
	git_must(git_tree_walk(tree, GIT_TREEWALK_PRE, walk_one, &lines),
		 "walk");
	join_lines(&lines, &got);
	for (const struct file *f = want; f->path; f++)
		add_line(&lines, f->path, mode_of(f), f->text, len_of(f));
	join_lines(&lines, &exp);
	unit_check_str(got.s, exp.s, "joined tree, file by file", __FILE__,
		       line);
	git_tree_free(tree);
	buf_release(&got);
	buf_release(&exp);
}

#define TREE_IS(id, want) check_tree(&(id), (want), __LINE__)

/* Where stderr went while it is caught. */
struct caught {
	FILE *tmp;
	int saved;
};

/* Send stderr into a temporary file until catch_end(). */
static void catch_begin(struct caught *c)
{
	fflush(stderr);
	c->tmp = tmpfile();
	c->saved = dup(2);
	if (!c->tmp || c->saved < 0 || dup2(fileno(c->tmp), 2) < 0)
		die("test fixture: cannot catch stderr");
}

/* Put stderr back; what was written to it goes in err (replaced). */
static void catch_end(struct caught *c, struct buf *err)
{
	char chunk[512];
	size_t n;

	fflush(stderr);
	dup2(c->saved, 2);
	close(c->saved);
	rewind(c->tmp);
	buf_reset(err);
	while ((n = fread(chunk, 1, sizeof(chunk), c->tmp)) > 0)
		buf_add(err, chunk, n);
	fclose(c->tmp);
}

/*
 * Join the trees of base (NULL: none), ours and theirs with tag TAG into
 * r (initialised here; the caller releases it), what merge_trees() says
 * on stderr into err. Returns merge_trees().
 */
static int join_err(const struct file *base, const struct file *ours,
		    const struct file *theirs, struct merge_result *r,
		    struct buf *err)
{
	git_tree *b = tree_of(base), *o = tree_of(ours), *t = tree_of(theirs);
	struct caught c;
	int rc;

	merge_result_init(r);
	catch_begin(&c);
	rc = merge_trees(repo, b, o, t, TAG, r);
	catch_end(&c, err);
	git_tree_free(b);
	git_tree_free(o);
	git_tree_free(t);
	return rc;
}

/* join_err() where no message is expected: any is shown as a comment. */
static int join(const struct file *base, const struct file *ours,
		const struct file *theirs, struct merge_result *r)
{
	struct buf err = BUF_INIT;
	int rc = join_err(base, ours, theirs, r, &err);

	if (err.len)
		printf("# stderr: %s", err.s);
	buf_release(&err);
	return rc;
}

/* Check the copies of r, as lines "PATH -> COPY", in their order. */
static void check_copies(const struct merge_result *r, const char *want,
			 int line)
{
	struct buf got = BUF_INIT;

	for (size_t i = 0; i < r->nr; i++)
		buf_addf(&got, "%s -> %s\n", r->copies[i].path,
			 r->copies[i].copy);
	unit_check_str(got.s, want, "conflict copies", __FILE__, line);
	buf_release(&got);
}

/* Check the kept files of r, as lines, in their order. */
static void check_kept(const struct merge_result *r, const char *want,
		       int line)
{
	struct buf got = BUF_INIT;

	for (size_t i = 0; i < r->kept.nr; i++)
		buf_addf(&got, "%s\n", r->kept.v[i]);
	unit_check_str(got.s, want, "kept files", __FILE__, line);
	buf_release(&got);
}

#define COPIES_ARE(r, want) check_copies(&(r), (want), __LINE__)
#define KEPT_ARE(r, want) check_kept(&(r), (want), __LINE__)

/* The files most tests start from. */
#define X "entries/2026/03/x.md"
#define X_COPY "entries/2026/03/x.conflict-" TAG ".md"
#define G "goals/g.md"
#define BASE_FILES \
	{ X, "x base\n", 0, 0 }, \
	{ G, "g base\n", 0, 0 }, \
	{ "tend.ini", "[journal]\n", 0, 0 }

static const struct file base_files[] = { BASE_FILES, { NULL, 0, 0, 0 } };

static void test_one_side(void)
{
	const struct file theirs[] = {
		{ X, "x theirs\n", 0, 0 }, { G, "g base\n", 0, 0 },
		{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file ours[] = {
		{ X, "x base\n", 0, 0 }, { G, "g ours\n", 0, 0 },
		{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file both[] = {
		{ X, "x theirs\n", 0, 0 }, { G, "g ours\n", 0, 0 },
		{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	struct merge_result r;

	/* changed only on theirs: theirs */
	CHECK_INT(join(base_files, base_files, theirs, &r), 0);
	TREE_IS(r.tree, theirs);
	COPIES_ARE(r, "");
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* changed only on ours: ours */
	CHECK_INT(join(base_files, ours, base_files, &r), 0);
	TREE_IS(r.tree, ours);
	COPIES_ARE(r, "");
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* one file on each side: both changes */
	CHECK_INT(join(base_files, ours, theirs, &r), 0);
	TREE_IS(r.tree, both);
	COPIES_ARE(r, "");
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* nothing changed anywhere */
	CHECK_INT(join(base_files, base_files, base_files, &r), 0);
	TREE_IS(r.tree, base_files);
	COPIES_ARE(r, "");
	merge_result_release(&r);

	/* added only on theirs, in a new folder; added only on ours */
	{
		const struct file t[] = {
			BASE_FILES, { "entries/2026/04/new.md", "new\n", 0, 0 },
			{ NULL, 0, 0, 0 }
		};
		const struct file o[] = {
			BASE_FILES, { "prompts/p.md", "p\n", 0, 0 },
			{ NULL, 0, 0, 0 }
		};
		const struct file want[] = {
			BASE_FILES, { "entries/2026/04/new.md", "new\n", 0, 0 },
			{ "prompts/p.md", "p\n", 0, 0 }, { NULL, 0, 0, 0 }
		};

		CHECK_INT(join(base_files, o, t, &r), 0);
		TREE_IS(r.tree, want);
		COPIES_ARE(r, "");
		KEPT_ARE(r, "");
		merge_result_release(&r);
	}
}

static void test_same_change(void)
{
	const struct file same[] = {
		{ X, "x edited alike\n", 0, 0 }, { G, "g base\n", 0, 0 },
		{ "goals/new.md", "added alike\n", 0, 0 },
		{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	struct merge_result r;

	CHECK_INT(join(base_files, same, same, &r), 0);
	TREE_IS(r.tree, same);
	COPIES_ARE(r, "");
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* added alike on both with no base at all */
	CHECK_INT(join(NULL, same, same, &r), 0);
	TREE_IS(r.tree, same);
	COPIES_ARE(r, "");
	KEPT_ARE(r, "");
	merge_result_release(&r);
}

static void test_both_changed(void)
{
	const struct file ours[] = {
		{ X, "x ours\n", 0, 0 }, { G, "g base\n", 0, 0 },
		{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file theirs[] = {
		{ X, "x theirs\n", 0, 0 }, { G, "g base\n", 0, 0 },
		{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file want[] = {
		{ X, "x ours\n", 0, 0 }, { X_COPY, "x theirs\n", 0, 0 },
		{ G, "g base\n", 0, 0 }, { "tend.ini", "[journal]\n", 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	struct merge_result r;
	char *name = merge_copy_name(X, TAG, 1);

	CHECK_STR(name, X_COPY);
	free(name);
	CHECK_INT(join(base_files, ours, theirs, &r), 0);
	TREE_IS(r.tree, want);
	COPIES_ARE(r, X " -> " X_COPY "\n");
	KEPT_ARE(r, "");
	merge_result_release(&r);
	CHECK_INT(r.nr, 0);	/* released and empty again */

	/* added on both, no base: the same */
	{
		const struct file o[] = {
			{ X, "x ours\n", 0, 0 }, { NULL, 0, 0, 0 }
		};
		const struct file t[] = {
			{ X, "x theirs\n", 0, 0 }, { NULL, 0, 0, 0 }
		};
		const struct file w[] = {
			{ X, "x ours\n", 0, 0 }, { X_COPY, "x theirs\n", 0, 0 },
			{ NULL, 0, 0, 0 }
		};

		CHECK_INT(join(NULL, o, t, &r), 0);
		TREE_IS(r.tree, w);
		COPIES_ARE(r, X " -> " X_COPY "\n");
		KEPT_ARE(r, "");
		merge_result_release(&r);

		/* added on both, with a base that lacks it */
		CHECK_INT(join(base_files + 1, o, t, &r), 0);
		TREE_IS(r.tree, w);
		COPIES_ARE(r, X " -> " X_COPY "\n");
		merge_result_release(&r);
	}

	/* several conflicts at once: copies sorted by path */
	{
		const struct file o[] = {
			{ X, "x ours\n", 0, 0 }, { G, "g ours\n", 0, 0 },
			{ "tend.ini", "[journal]\nours\n", 0, 0 },
			{ "entries/2026/01/a.md", "a ours\n", 0, 0 },
			{ NULL, 0, 0, 0 }
		};
		const struct file t[] = {
			{ X, "x theirs\n", 0, 0 }, { G, "g theirs\n", 0, 0 },
			{ "tend.ini", "[journal]\ntheirs\n", 0, 0 },
			{ "entries/2026/01/a.md", "a theirs\n", 0, 0 },
			{ NULL, 0, 0, 0 }
		};
		const struct file w[] = {
			{ X, "x ours\n", 0, 0 }, { X_COPY, "x theirs\n", 0, 0 },
			{ G, "g ours\n", 0, 0 },
			{ "goals/g.conflict-" TAG ".md", "g theirs\n", 0, 0 },
			{ "tend.ini", "[journal]\nours\n", 0, 0 },
			{ "tend.conflict-" TAG ".ini", "[journal]\ntheirs\n",
			  0, 0 },
			{ "entries/2026/01/a.md", "a ours\n", 0, 0 },
			{ "entries/2026/01/a.conflict-" TAG ".md", "a theirs\n",
			  0, 0 },
			{ NULL, 0, 0, 0 }
		};

		CHECK_INT(join(base_files, o, t, &r), 0);
		TREE_IS(r.tree, w);
		COPIES_ARE(r,
			   "entries/2026/01/a.md -> entries/2026/01/a.conflict-"
			   TAG ".md\n"
			   X " -> " X_COPY "\n"
			   G " -> goals/g.conflict-" TAG ".md\n"
			   "tend.ini -> tend.conflict-" TAG ".ini\n");
		KEPT_ARE(r, "");
		merge_result_release(&r);
	}
}

static void test_edit_and_delete(void)
{
	const struct file edited[] = {
		{ X, "x edited\n", 0, 0 }, { G, "g base\n", 0, 0 },
		{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file deleted[] = {
		{ G, "g base\n", 0, 0 }, { "tend.ini", "[journal]\n", 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	struct merge_result r;

	/* edited on ours, deleted on theirs: ours */
	CHECK_INT(join(base_files, edited, deleted, &r), 0);
	TREE_IS(r.tree, edited);
	COPIES_ARE(r, "");
	KEPT_ARE(r, X "\n");
	merge_result_release(&r);

	/* deleted on ours, edited on theirs: theirs comes back */
	CHECK_INT(join(base_files, deleted, edited, &r), 0);
	TREE_IS(r.tree, edited);
	COPIES_ARE(r, "");
	KEPT_ARE(r, X "\n");
	merge_result_release(&r);

	/* deleted only on theirs: gone, with its emptied folders */
	CHECK_INT(join(base_files, base_files, deleted, &r), 0);
	TREE_IS(r.tree, deleted);
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* deleted only on ours: stays gone */
	CHECK_INT(join(base_files, deleted, base_files, &r), 0);
	TREE_IS(r.tree, deleted);
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* deleted on both: gone, nothing kept */
	CHECK_INT(join(base_files, deleted, deleted, &r), 0);
	TREE_IS(r.tree, deleted);
	COPIES_ARE(r, "");
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* deleted on theirs and edited on ours, the other way for G */
	{
		const struct file o[] = {
			{ X, "x edited\n", 0, 0 },
			{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
		};
		const struct file t[] = {
			{ G, "g edited\n", 0, 0 },
			{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
		};
		const struct file w[] = {
			{ X, "x edited\n", 0, 0 }, { G, "g edited\n", 0, 0 },
			{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
		};

		CHECK_INT(join(base_files, o, t, &r), 0);
		TREE_IS(r.tree, w);
		COPIES_ARE(r, "");
		KEPT_ARE(r, X "\n" G "\n");
		merge_result_release(&r);
	}
}

static void test_renames(void)
{
	const struct file base[] = {
		{ "entries/a.md", "words\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file ours[] = {
		{ "entries/b.md", "words\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file theirs[] = {
		{ "notes/c.md", "words\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file want[] = {
		{ "entries/b.md", "words\n", 0, 0 },
		{ "notes/c.md", "words\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	struct merge_result r;

	CHECK_INT(join(base, ours, theirs, &r), 0);
	TREE_IS(r.tree, want);
	COPIES_ARE(r, "");
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* renamed on theirs only: the new name alone */
	CHECK_INT(join(base, base, theirs, &r), 0);
	TREE_IS(r.tree, theirs);
	merge_result_release(&r);

	/* renamed on ours, edited on theirs: both names, the edit kept */
	{
		const struct file t[] = {
			{ "entries/a.md", "words\nmore\n", 0, 0 },
			{ NULL, 0, 0, 0 }
		};
		const struct file w[] = {
			{ "entries/a.md", "words\nmore\n", 0, 0 },
			{ "entries/b.md", "words\n", 0, 0 }, { NULL, 0, 0, 0 }
		};

		CHECK_INT(join(base, ours, t, &r), 0);
		TREE_IS(r.tree, w);
		COPIES_ARE(r, "");
		KEPT_ARE(r, "entries/a.md\n");
		merge_result_release(&r);
	}
}

static void test_copy_taken(void)
{
	const char *copy1 = X_COPY;
	const char *copy2 = "entries/2026/03/x.conflict-" TAG "-2.md";
	const char *copy3 = "entries/2026/03/x.conflict-" TAG "-3.md";
	const struct file ours[] = {
		{ X, "x ours\n", 0, 0 }, { X_COPY, "earlier copy\n", 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	const struct file theirs[] = {
		{ X, "x theirs\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file want[] = {
		{ X, "x ours\n", 0, 0 }, { X_COPY, "earlier copy\n", 0, 0 },
		{ "entries/2026/03/x.conflict-" TAG "-2.md", "x theirs\n",
		  0, 0 },
		{ NULL, 0, 0, 0 }
	};
	struct merge_result r;
	struct buf want_copies = BUF_INIT;

	CHECK_INT(join(base_files, ours, theirs, &r), 0);
	TREE_IS(r.tree, want);
	buf_addf(&want_copies, "%s -> %s\n", X, copy2);
	COPIES_ARE(r, want_copies.s);
	merge_result_release(&r);

	/* the first two taken: -3 */
	{
		const struct file o[] = {
			{ X, "x ours\n", 0, 0 }, { copy1, "one\n", 0, 0 },
			{ copy2, "two\n", 0, 0 }, { NULL, 0, 0, 0 }
		};
		const struct file w[] = {
			{ X, "x ours\n", 0, 0 }, { copy1, "one\n", 0, 0 },
			{ copy2, "two\n", 0, 0 }, { copy3, "x theirs\n", 0, 0 },
			{ NULL, 0, 0, 0 }
		};

		CHECK_INT(join(base_files, o, theirs, &r), 0);
		TREE_IS(r.tree, w);
		buf_reset(&want_copies);
		buf_addf(&want_copies, "%s -> %s\n", X, copy3);
		COPIES_ARE(r, want_copies.s);
		merge_result_release(&r);
	}
	buf_release(&want_copies);
}

static void test_modes(void)
{
	const struct file exec[] = {
		{ X, "x base\n", 0, 0 }, { G, "g base\n", EXEC, 0 },
		{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	struct merge_result r;

	/* made executable on theirs only: theirs' mode */
	CHECK_INT(join(base_files, base_files, exec, &r), 0);
	TREE_IS(r.tree, exec);
	COPIES_ARE(r, "");
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* made executable on ours only: ours' mode */
	CHECK_INT(join(base_files, exec, base_files, &r), 0);
	TREE_IS(r.tree, exec);
	COPIES_ARE(r, "");
	merge_result_release(&r);

	/* made executable on both: no copy */
	CHECK_INT(join(base_files, exec, exec, &r), 0);
	TREE_IS(r.tree, exec);
	COPIES_ARE(r, "");
	merge_result_release(&r);

	/* executable back to plain on theirs */
	CHECK_INT(join(exec, exec, base_files, &r), 0);
	TREE_IS(r.tree, base_files);
	COPIES_ARE(r, "");
	merge_result_release(&r);

	/*
	 * Whole files: an edit here and a mode change there are two
	 * different changes, so theirs (base text, new mode) is a copy.
	 */
	{
		const struct file o[] = {
			{ X, "x base\n", 0, 0 }, { G, "g ours\n", 0, 0 },
			{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
		};
		const struct file w[] = {
			{ X, "x base\n", 0, 0 }, { G, "g ours\n", 0, 0 },
			{ "goals/g.conflict-" TAG ".md", "g base\n", EXEC, 0 },
			{ "tend.ini", "[journal]\n", 0, 0 }, { NULL, 0, 0, 0 }
		};

		CHECK_INT(join(base_files, o, exec, &r), 0);
		TREE_IS(r.tree, w);
		COPIES_ARE(r, G " -> goals/g.conflict-" TAG ".md\n");
		merge_result_release(&r);
	}

	/* the same edit on both, made executable only on ours: a copy */
	{
		const struct file o[] = {
			{ G, "g edited\n", EXEC, 0 }, { NULL, 0, 0, 0 }
		};
		const struct file t[] = {
			{ G, "g edited\n", 0, 0 }, { NULL, 0, 0, 0 }
		};
		const struct file w[] = {
			{ G, "g edited\n", EXEC, 0 },
			{ "goals/g.conflict-" TAG ".md", "g edited\n", 0, 0 },
			{ NULL, 0, 0, 0 }
		};

		CHECK_INT(join(base_files, o, t, &r), 0);
		TREE_IS(r.tree, w);
		COPIES_ARE(r, G " -> goals/g.conflict-" TAG ".md\n");
		merge_result_release(&r);
	}
}

/*
 * A file on one side where the other has a folder: refused (FAIL) when
 * both sides changed that path. When only one side turned the file into
 * a folder or the folder into a file, that side's change is taken like
 * any other one-sided change, whatever else ours changed.
 */
static void test_file_and_folder(void)
{
	const struct file base[] = {
		{ "notes", "a file\n", 0, 0 }, { G, "g\n", 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	const struct file folder[] = {
		{ "notes/a.md", "in a folder\n", 0, 0 }, { G, "g\n", 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	const struct file edited[] = {
		{ "notes", "a file, edited\n", 0, 0 }, { G, "g\n", 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	/* ours' unrelated change, so that the join is a real one */
	const struct file base_g[] = {
		{ "notes", "a file\n", 0, 0 }, { G, "g ours\n", 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	const struct file folder_g[] = {
		{ "notes/a.md", "in a folder\n", 0, 0 },
		{ G, "g ours\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const char *refused = "tend: cannot join the two versions of the "
		"journal (a file on one side may be a folder on the other): ";
	struct buf err = BUF_INIT;
	struct merge_result r;

	/* the file became a folder on ours only: ours */
	CHECK_INT(join(base, folder_g, base, &r), 0);
	TREE_IS(r.tree, folder_g);
	merge_result_release(&r);

	/* the folder became a file on ours only: ours */
	CHECK_INT(join(folder, base_g, folder, &r), 0);
	TREE_IS(r.tree, base_g);
	merge_result_release(&r);

	/* the file became a folder on theirs only: theirs' folder */
	CHECK_INT(join(base, base_g, folder, &r), 0);
	TREE_IS(r.tree, folder_g);
	COPIES_ARE(r, "");
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* the folder became a file on theirs only: theirs' file */
	CHECK_INT(join(folder, folder_g, base, &r), 0);
	TREE_IS(r.tree, base_g);
	COPIES_ARE(r, "");
	KEPT_ARE(r, "");
	merge_result_release(&r);

	/* a folder on theirs, the file edited on ours: refused */
	CHECK_INT(join_err(base, edited, folder, &r, &err), FAIL);
	CHECK(starts_with(err.s, refused));
	merge_result_release(&r);

	/* a folder on ours, the file edited on theirs: refused */
	CHECK_INT(join_err(base, folder, edited, &r, &err), FAIL);
	CHECK(starts_with(err.s, refused));
	merge_result_release(&r);
	buf_release(&err);
}

/*
 * The updates of one join are not given to libgit2 in path order when a
 * conflict copy sorts after a later path of theirs ("d/x.b" gives
 * "d/x.conflict-TAG.b", after "d/x.c/y.md").
 */
static void test_update_order(void)
{
	const struct file base[] = {
		{ "d/x.b", "x\n", 0, 0 }, { "d/x.c/y.md", "y\n", 0, 0 },
		{ "d/z.md", "z\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file ours[] = {
		{ "d/x.b", "x ours\n", 0, 0 }, { "d/x.c/y.md", "y\n", 0, 0 },
		{ "d/z.md", "z\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file theirs[] = {
		{ "d/x.b", "x theirs\n", 0, 0 },
		{ "d/x.c/y.md", "y theirs\n", 0, 0 },
		{ "d/x.c/new.md", "new\n", 0, 0 },
		{ "d/z.md", "z theirs\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	const struct file want[] = {
		{ "d/x.b", "x ours\n", 0, 0 },
		{ "d/x.conflict-" TAG ".b", "x theirs\n", 0, 0 },
		{ "d/x.c/y.md", "y theirs\n", 0, 0 },
		{ "d/x.c/new.md", "new\n", 0, 0 },
		{ "d/z.md", "z theirs\n", 0, 0 }, { NULL, 0, 0, 0 }
	};
	struct merge_result r;

	CHECK_INT(join(base, ours, theirs, &r), 0);
	TREE_IS(r.tree, want);
	COPIES_ARE(r, "d/x.b -> d/x.conflict-" TAG ".b\n");
	merge_result_release(&r);
}

/* Check that merge_copy_name(path, tag, n) is want. */
static void check_name(const char *path, const char *tag, int n,
		       const char *want, int line)
{
	char *got = merge_copy_name(path, tag, n);
	char what[300];

	snprintf(what, sizeof(what), "copy name of '%s', '%s', %d", path,
		 tag, n);
	unit_check_str(got, want, what, __FILE__, line);
	free(got);
}

#define NAME_IS(path, n, want) check_name((path), TAG, (n), (want), __LINE__)

static void test_copy_name(void)
{
	NAME_IS("entries/2026/03/x.md", 1,
		"entries/2026/03/x.conflict-abc1234.md");
	NAME_IS("entries/2026/03/x.md", 2,
		"entries/2026/03/x.conflict-abc1234-2.md");
	NAME_IS("entries/2026/03/x.md", 12,
		"entries/2026/03/x.conflict-abc1234-12.md");
	NAME_IS("entries/2026/03/x.md", 0,
		"entries/2026/03/x.conflict-abc1234.md");
	NAME_IS("x.md", 1, "x.conflict-abc1234.md");
	NAME_IS("tend.ini", 1, "tend.conflict-abc1234.ini");
	/* no extension */
	NAME_IS("notes/README", 1, "notes/README.conflict-abc1234");
	NAME_IS("README", 3, "README.conflict-abc1234-3");
	/* dots in folders are not extensions */
	NAME_IS("entries/v1.2/x", 1, "entries/v1.2/x.conflict-abc1234");
	NAME_IS("entries/v1.2/x.md", 1, "entries/v1.2/x.conflict-abc1234.md");
	NAME_IS("a.b/c.d/e", 2, "a.b/c.d/e.conflict-abc1234-2");
	/* only the last extension */
	NAME_IS("files/x.tar.gz", 1, "files/x.tar.conflict-abc1234.gz");
	/* but for an age file, the extension before .age too */
	NAME_IS("entries/2026/03/2026-03-01-0900.md.age", 1,
		"entries/2026/03/2026-03-01-0900.conflict-abc1234.md.age");
	NAME_IS("tend.ini.age", 2, "tend.conflict-abc1234-2.ini.age");
	NAME_IS("key.age", 1, "key.conflict-abc1234.age");
	NAME_IS(".x.age", 1, ".x.conflict-abc1234.age");
	NAME_IS("a.b/c.age", 1, "a.b/c.conflict-abc1234.age");
	/* hidden names: a leading dot is no extension */
	NAME_IS(".hidden", 1, ".hidden.conflict-abc1234");
	NAME_IS("goals/.hidden", 2, "goals/.hidden.conflict-abc1234-2");
	NAME_IS("goals/.x.md", 1, "goals/.x.conflict-abc1234.md");
	NAME_IS("entries/.x/y", 1, "entries/.x/y.conflict-abc1234");
	/* a trailing dot */
	NAME_IS("notes/x.", 1, "notes/x.conflict-abc1234.");
	/* another tag */
	check_name("x.md", "0123456789abcdef", 1,
		   "x.conflict-0123456789abcdef.md", __LINE__);
}

/*
 * merge_check_incoming(from, to, "origin") with stderr caught into err.
 * Returns what it returns.
 */
static int links(const struct file *from, const struct file *to,
		 struct buf *err)
{
	git_tree *f = tree_of(from), *t = tree_of(to);
	struct caught c;
	int rc;

	catch_begin(&c);
	rc = merge_check_incoming(repo, f, t, "origin");
	catch_end(&c, err);
	git_tree_free(f);
	git_tree_free(t);
	return rc;
}

/* Check that the one link at path to target (of len bytes) is refused. */
static void check_refused(const char *path, const char *target, size_t len,
			  const char *shown, int line)
{
	const struct file to[] = {
		{ G, "g\n", 0, 0 }, { path, target, LINK, len },
		{ NULL, 0, 0, 0 }
	};
	struct buf err = BUF_INIT, want = BUF_INIT;
	char what[300];

	snprintf(what, sizeof(what), "link '%s' to '%s' refused", path,
		 shown);
	CHECK_AT(links(NULL, to, &err) == FAIL_REMOTE, what, line);
	buf_addf(&want, "tend: refusing '%s' from 'origin': it is a symbolic "
		 "link to '%s', which could lead out of the journal\n", path,
		 shown);
	unit_check_str(err.s, want.s, "its message", __FILE__, line);
	buf_release(&err);
	buf_release(&want);
}

#define REFUSED(path, target) \
	check_refused((path), (target), 0, (target), __LINE__)

/* Check that a link at path to target is accepted, silently. */
static void check_accepted(const char *path, const char *target, int line)
{
	const struct file to[] = {
		{ G, "g\n", 0, 0 }, { path, target, LINK, 0 },
		{ NULL, 0, 0, 0 }
	};
	struct buf err = BUF_INIT;
	char what[300];

	snprintf(what, sizeof(what), "link '%s' to '%s' accepted", path,
		 target);
	CHECK_AT(links(NULL, to, &err) == 0, what, line);
	unit_check_str(err.s, "", "nothing on stderr", __FILE__, line);
	buf_release(&err);
}

#define ACCEPTED(path, target) check_accepted((path), (target), __LINE__)

static void test_links(void)
{
	struct buf err = BUF_INIT;

	REFUSED("notes/l", "/etc/passwd");
	REFUSED("notes/l", "/");
	REFUSED("notes/l", "../x");
	REFUSED("l", "..");
	REFUSED("notes/l", "a/../../x");
	REFUSED("notes/l", "a/..");
	REFUSED("notes/l", "./../x");
	REFUSED("entries/2026/03/l", "x/../../../../etc");
	REFUSED("notes/l", "");
	/* a NUL byte in the target */
	check_refused("notes/l", "x\0/../y", 7, "x", __LINE__);

	ACCEPTED("notes/l", "notes/x.md");
	ACCEPTED("notes/l", "x.md");
	ACCEPTED("notes/l", "./x.md");
	ACCEPTED("notes/l", "...");
	ACCEPTED("notes/l", "..x/y..");
	ACCEPTED("notes/l", "a//b/");

	{
		const struct file bad[] = {
			{ G, "g\n", 0, 0 },
			{ "notes/l", "/etc/passwd", LINK, 0 },
			{ NULL, 0, 0, 0 }
		};
		const struct file good[] = {
			{ G, "g\n", 0, 0 },
			{ "notes/l", "notes/x.md", LINK, 0 },
			{ NULL, 0, 0, 0 }
		};
		const struct file plain[] = {
			{ G, "g\n", 0, 0 },
			{ "notes/l", "/etc/passwd", 0, 0 },
			{ NULL, 0, 0, 0 }
		};
		const struct file none[] = {
			{ G, "g\n", 0, 0 }, { NULL, 0, 0, 0 }
		};
		const struct file two[] = {
			{ G, "g\n", 0, 0 },
			{ "notes/l", "/etc/passwd", LINK, 0 },
			{ "notes/m", "notes/x.md", LINK, 0 },
			{ "z", "../up", LINK, 0 },
			{ NULL, 0, 0, 0 }
		};

		/* the same link already in from: not reported */
		CHECK_INT(links(bad, bad, &err), 0);
		CHECK_STR(err.s, "");
		/* a link deleted: fine */
		CHECK_INT(links(bad, none, &err), 0);
		CHECK_STR(err.s, "");
		/* a good link made bad */
		CHECK_INT(links(good, bad, &err), FAIL_REMOTE);
		CHECK(strstr(err.s, "'notes/l'") != NULL);
		/* a plain file made a bad link */
		CHECK_INT(links(plain, bad, &err), FAIL_REMOTE);
		CHECK(strstr(err.s, "'/etc/passwd'") != NULL);
		/* a bad link made a plain file: a file is no link */
		CHECK_INT(links(bad, plain, &err), 0);
		CHECK_STR(err.s, "");
		CHECK_INT(links(NULL, plain, &err), 0);
		/* every bad link is named, the good one is not */
		CHECK_INT(links(none, two, &err), FAIL_REMOTE);
		CHECK_STR(err.s,
			  "tend: refusing 'notes/l' from 'origin': it is a "
			  "symbolic link to '/etc/passwd', which could lead "
			  "out of the journal\n"
			  "tend: refusing 'z' from 'origin': it is a symbolic "
			  "link to '../up', which could lead out of the "
			  "journal\n");
		/* no links at all */
		CHECK_INT(links(NULL, none, &err), 0);
		CHECK_INT(links(none, none, &err), 0);
		CHECK_STR(err.s, "");
	}
	buf_release(&err);
}

/* Nothing may come into .tend/, each machine's own state and settings. */
static void test_state_refused(void)
{
	const struct file settings[] = {
		{ G, "g\n", 0, 0 },
		{ ".tend/config.ini", "[editor]\ncommand = sh -c x\n", 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	const struct file file[] = {
		{ G, "g\n", 0, 0 }, { ".tend", "x\n", 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	const struct file link[] = {
		{ G, "g\n", 0, 0 }, { ".tend", "entries", LINK, 0 },
		{ NULL, 0, 0, 0 }
	};
	const struct file alike[] = {
		{ G, "g\n", 0, 0 }, { ".tendency/x.md", "x\n", 0, 0 },
		{ "entries/.tend/x.md", "x\n", 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	struct buf err = BUF_INIT;

	CHECK_INT(links(NULL, settings, &err), FAIL_REMOTE);
	CHECK_STR(err.s, "tend: refusing '.tend/config.ini' from 'origin': "
		  ".tend/ holds this machine's own state and settings, which "
		  "never come from a remote\n");
	CHECK_INT(links(alike, settings, &err), FAIL_REMOTE);
	CHECK_INT(links(NULL, file, &err), FAIL_REMOTE);
	CHECK(strstr(err.s, "refusing '.tend' from 'origin'") != NULL);
	CHECK_INT(links(NULL, link, &err), FAIL_REMOTE);
	/* names that only look alike are journal files like any other */
	CHECK_INT(links(NULL, alike, &err), 0);
	CHECK_STR(err.s, "");
	/* what is already there on both sides is not news */
	CHECK_INT(links(settings, settings, &err), 0);
	buf_release(&err);
}

int main(void)
{
	const char *dir = unit_temp_dir("merge");
	int rc;

	if (store_setup() < 0)
		return 1;
	git_must(git_repository_init(&repo, dir, 1), "init");

	test_one_side();
	test_same_change();
	test_both_changed();
	test_edit_and_delete();
	test_renames();
	test_copy_taken();
	test_modes();
	test_file_and_folder();
	test_update_order();
	test_copy_name();
	test_links();
	test_state_refused();

	git_repository_free(repo);
	store_teardown();
	if (fs_remove_tree(dir, 1) < 0)
		fprintf(stderr, "# cannot remove '%s'\n", dir);
	rc = unit_done();
	return rc;
}
