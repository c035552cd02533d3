/*
 * tend check: read every entry and goal file and say what is wrong with
 * them, without changing any.
 */
#include "cmd.h"
#include "attach.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "goal.h"
#include "import.h"
#include "inbox.h"
#include "journal.h"
#include "util.h"
#include "vault.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char cmd_check_help[] =
"usage: tend check\n"
"\n"
"Read every entry and goal file and report what is wrong: front matter\n"
"that cannot be read, dates, moods out of range, goals named that have\n"
"no goals/GOAL.md, conflict copies left by a sync, files over the size\n"
"limits, text that is not UTF-8, symbolic links, entries that share\n"
"an ID, links to attached files that are not there (tend attach),\n"
"empty entry files, temporary files of a tend stopped while\n"
"writing, an import stopped before its commit, files in the inbox\n"
"that 'tend save' cannot file (with why), and in an encrypted\n"
"journal plain files among yours. Each problem is a\n"
"line PATH:LINE:COL: message. Exit status 3 when there is any problem,\n"
"0 when there is none. No file is changed.\n"
"\n"
"What looks like front matter but cannot be read for certain is a\n"
"problem too: blank lines before the first '---', lines that end in CR\n"
"only, TOML between '+++' lines, 'private: true' with no '---' around\n"
"it, and a known key in another case ('Private:'). Until it is mended,\n"
"such an entry is left out of render, export and prep.\n";

const char cmd_check_shortopts[] = ":";
const struct option cmd_check_options[] = { { NULL, 0, NULL, 0 } };

/* What a check found so far. */
struct findings {
	long problems;
	long entries, goals;
};

static void problem(struct findings *f, const char *path, int line, int col,
		    const char *fmt, ...) PRINTF(5, 6);

static void problem(struct findings *f, const char *path, int line, int col,
		    const char *fmt, ...)
{
	va_list ap;

	printf("%s:%d:%d: ", path, line, col);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	f->problems++;
}

/*
 * The files under dir: .md files (in an encrypted journal .md.age) in
 * files, links in links. A top folder that is itself a link is a
 * problem, and is not walked.
 */
static void collect(struct ctx *ctx, const char *dir, struct strvec *files,
		    struct strvec *links, struct findings *f)
{
	struct buf path = BUF_INIT;
	struct stat st;

	path_join(&path, ctx->root, dir);
	if (lstat(path.s, &st) == 0 && S_ISLNK(st.st_mode))
		problem(f, dir, 1, 1, "a symbolic link; tend never follows "
			"links out of the journal");
	else if (lstat(path.s, &st) == 0 &&
		 fs_walk(ctx->root, dir, vault_md(ctx), files, links) < 0)
		f->problems++;	/* a folder that cannot be read: said */
	buf_release(&path);
}

/* Read one file into text; a file that cannot be read is a problem. */
static int read_one(struct ctx *ctx, const char *path, struct buf *text,
		    struct findings *f)
{
	if (vault_read(ctx, path, ENTRY_MAX_BYTES, text, 0) < 0) {
		problem(f, path, 1, 1, "cannot be read");
		return -1;
	}
	return 0;
}

static void check_goals(struct ctx *ctx, const struct strvec *files,
			struct strvec *ids, struct findings *f)
{
	for (size_t i = 0; i < files->nr; i++) {
		const char *path = files->v[i];
		struct fm_error err = FM_ERROR_INIT;
		struct goal g;

		goal_init(&g);
		if (strchr(path + strlen("goals/"), '/')) {
			problem(f, path, 1, 1, "not read as a goal: goal files "
				"go directly in goals/");
		} else if (strstr(path, ".conflict-")) {
			problem(f, path, 1, 1, "a conflict copy left by a "
				"sync: take what you need into the goal, then "
				"delete it");
		} else if (!read_one(ctx, path, &g.text, f)) {
			if (goal_parse_file(ctx, path, &g, &err) < 0)
				problem(f, path, err.line, err.col, "%s",
					err.msg.s);
			if (g.id)	/* none: an encrypted one's, no id: */
				strvec_push(ids, g.id);
			f->goals++;
		}
		fm_error_release(&err);
		goal_release(&g);
	}
}

/* An entry's ID and path, to sort by ID. */
struct id_path {
	const char *id, *path;
};

static int cmp_id(const void *a, const void *b)
{
	const struct id_path *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : strcmp(x->path, y->path);
}

/*
 * Report the entries that share an ID (ids[i] is the ID of paths[i]):
 * each names the next one with its ID, the last the first.
 */
static void check_duplicates(const struct strvec *ids,
			     const struct strvec *paths, struct findings *f)
{
	struct id_path *v = xcalloc(ids->nr + 1, sizeof(*v));
	size_t i = 0;

	for (size_t k = 0; k < ids->nr; k++) {
		v[k].id = ids->v[k];
		v[k].path = paths->v[k];
	}
	qsort(v, ids->nr, sizeof(*v), cmp_id);
	while (i < ids->nr) {
		size_t end = i + 1;

		while (end < ids->nr && !strcmp(v[end].id, v[i].id))
			end++;
		for (size_t k = i; end - i > 1 && k < end; k++)
			problem(f, v[k].path, 1, 1, "the ID '%s' is also the "
				"ID of %s", v[k].id,
				v[k + 1 < end ? k + 1 : i].path);
		i = end;
	}
	free(v);
}

/* What check_link() needs to know. */
struct link_check {
	struct ctx *ctx;
	const char *path;
	int first;		/* the file's line of the body's first */
	struct findings *f;
};

/* A link of an entry into attachments/: is the file there? */
static void check_link(const char *target, int line, void *data)
{
	struct link_check *c = data;
	struct buf full = BUF_INIT;
	struct stat st;

	path_join(&full, c->ctx->root, target);
	if (fs_check_inside(c->ctx->root, target) < 0)
		problem(c->f, c->path, c->first + line - 1, 1, "links to "
			"'%s', reached through a symbolic link, which tend "
			"never follows", target);
	else if (lstat(full.s, &st) < 0 || !S_ISREG(st.st_mode))
		problem(c->f, c->path, c->first + line - 1, 1, "links to "
			"'%s', which is not in the journal (tend restore "
			"brings back the files of a version of the entry)",
			target);
	buf_release(&full);
}

/* Report the links of entry e to attachments that are not there. */
static void check_attachments(struct ctx *ctx, const struct entry *e,
			      struct findings *f)
{
	struct link_check c = { ctx, e->path, 1, f };
	size_t len;
	const char *body = entry_body(e, &len);

	/* most entries link to no file: no need to read their Markdown */
	if (!memmem(body, len, ATTACH_DIR "/", strlen(ATTACH_DIR "/")))
		return;
	for (const char *p = e->text.s; p < body; p++)
		c.first += *p == '\n';
	attach_links_each(e->path, body, len, check_link, &c);
}

static void check_entries(struct ctx *ctx, const struct strvec *files,
			  const struct strvec *goal_ids, struct findings *f)
{
	struct strvec ids = STRVEC_INIT, paths = STRVEC_INIT;

	for (size_t i = 0; i < files->nr; i++) {
		const char *path = files->v[i];
		struct fm_error err = FM_ERROR_INIT;
		struct entry e;
		const struct fm_item *goals;
		struct buf file = BUF_INIT;

		entry_init(&e);
		e.id = entry_path_id(path);
		e.path = xstrdup(path);
		if (strstr(path, ".conflict-")) {
			problem(f, path, 1, 1, "a conflict copy left by a "
				"sync: take what you need into the entry, then "
				"delete it");
			goto next;
		}
		strvec_push(&ids, e.id);
		strvec_push(&paths, path);
		f->entries++;
		if (read_one(ctx, path, &e.text, f) < 0)
			goto next;
		if (!e.text.len) {
			problem(f, path, 1, 1, "the file is empty; if its "
				"last commit is not, 'tend restore %s' brings "
				"its text back, else 'tend rm %s' deletes it",
				e.id, e.id);
			goto next;
		}
		if (entry_parse(&e, ctx->cfg.mood_scale, &err) < 0) {
			problem(f, path, err.line, err.col, "%s", err.msg.s);
			goto next;
		}
		check_attachments(ctx, &e, f);
		goals = fm_get(&e.fm, "goals");
		for (size_t k = 0; goals && k < e.goals.nr; k++)
			if (strvec_find(goal_ids, e.goals.v[k]) < 0 &&
			    !vault_goal_path(ctx, e.goals.v[k], &file))
				problem(f, path, goals->val.line,
					goals->val.col, "goal '%s' has no "
					"file %s", e.goals.v[k], file.s);
next:
		buf_release(&file);
		fm_error_release(&err);
		entry_release(&e);
	}
	check_duplicates(&ids, &paths, f);
	strvec_clear(&ids);
	strvec_clear(&paths);
}

/*
 * What a write of tend's that was stopped (killed, or the machine down)
 * can leave: its temporary files, and the entry files of an import in
 * place but not committed.
 */
static void check_stopped(struct ctx *ctx, struct findings *f)
{
	static const char *const dirs[] = {
		"entries", "goals", ATTACH_DIR
	};
	struct strvec temps = STRVEC_INIT;
	struct import_stopped st;
	struct buf files = BUF_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		if (fs_walk_temps(ctx->root, dirs[i], &temps) < 0)
			f->problems++;	/* a folder that cannot be read */
	for (size_t i = 0; i < temps.nr; i++)
		problem(f, temps.v[i], 1, 1, "a temporary file left by a "
			"tend that was stopped while writing: delete it (an "
			"import run again removes its own)");
	if (import_stopped(ctx, &st) < 0)
		f->problems++;
	else if (st.uncommitted || st.uncommitted_files) {
		if (st.uncommitted_files)
			buf_addf(&files, " and %zu attached file%s",
				 st.uncommitted_files,
				 st.uncommitted_files == 1 ? "" : "s");
		problem(f, import_record(ctx), 1, 1, "an import stopped before "
			"its commit: %zu of its entry files%s are not "
			"committed; run '%s' again to finish it",
			st.uncommitted, files.s,
			st.command ? st.command : "tend import");
	}
	buf_release(&files);
	import_stopped_release(&st);
	strvec_clear(&temps);
}

/*
 * The files of the inbox that filing leaves where they are, each a
 * problem with why (inbox.h); those it would file are none.
 */
static void check_inbox(struct ctx *ctx, struct findings *f)
{
	struct inbox_result r;

	inbox_result_init(&r);
	if (inbox_stuck(ctx, &r) < 0)
		f->problems++;	/* a folder that cannot be read: said */
	for (size_t i = 0; i < r.nleft; i++)
		problem(f, r.left[i].path, r.left[i].line, r.left[i].col,
			"stays in the inbox, not filed: %s", r.left[i].why);
	inbox_result_release(&r);
}

/*
 * In an encrypted journal: the plain files among the user's (entries,
 * goals, prompts, templates, tend.ini), each a problem, since whoever
 * has the folder reads them.
 */
static void check_plain(struct ctx *ctx, struct findings *f)
{
	static const char *const dirs[] = {
		"entries", "goals", "prompts", "templates"
	};
	struct strvec files = STRVEC_INIT;
	struct buf path = BUF_INIT;

	if (!ctx->encrypted)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		fs_walk(ctx->root, dirs[i], "", &files, NULL);
	path_join(&path, ctx->root, "tend.ini");
	if (fs_exists(path.s))
		strvec_push(&files, "tend.ini");
	for (size_t i = 0; i < files.nr; i++)
		if (!ends_with(files.v[i], VAULT_EXT) &&
		    !fs_is_temp_name(strrchr(files.v[i], '/') ?
				     strrchr(files.v[i], '/') + 1 :
				     files.v[i]))
			problem(f, files.v[i], 1, 1, "a plain file in an "
				"encrypted journal, readable by whoever has "
				"the folder: encrypt it to the journal's key "
				"(age -r), or move it out");
	strvec_clear(&files);
	buf_release(&path);
}

int cmd_check(int argc, char **argv, struct ctx *ctx)
{
	struct strvec entries = STRVEC_INIT, goals = STRVEC_INIT;
	struct strvec links = STRVEC_INIT, goal_ids = STRVEC_INIT;
	struct strvec copies = STRVEC_INIT;
	struct findings f = { 0, 0, 0 };
	int c;

	while ((c = getopt_long(argc, argv, cmd_check_shortopts,
				cmd_check_options, NULL)) != -1)
		return usage_option("check", c, argv);
	if (optind < argc)
		return usage_error("check", "check takes no arguments");
	collect(ctx, "entries", &entries, &links, &f);
	collect(ctx, "goals", &goals, &links, &f);
	for (size_t i = 0; i < links.nr; i++)
		problem(&f, links.v[i], 1, 1, "a symbolic link; tend never "
			"follows links out of the journal");
	check_goals(ctx, &goals, &goal_ids, &f);
	check_entries(ctx, &entries, &goal_ids, &f);
	journal_conflict_copies(ctx, &copies);
	for (size_t i = 0; i < copies.nr; i++)
		if (!starts_with(copies.v[i], "entries/") &&
		    !starts_with(copies.v[i], "goals/"))
			problem(&f, copies.v[i], 1, 1, "a conflict copy left "
				"by a sync: take what you need into the file "
				"beside it, then delete it");
	check_stopped(ctx, &f);
	check_inbox(ctx, &f);
	check_plain(ctx, &f);
	fflush(stdout);
	if (f.problems)
		fprintf(stderr, "tend: %ld problem%s in %ld entr%s and %ld "
			"goal%s\n", f.problems, f.problems == 1 ? "" : "s",
			f.entries, f.entries == 1 ? "y" : "ies", f.goals,
			f.goals == 1 ? "" : "s");
	else
		fprintf(stderr, "tend: %ld entr%s and %ld goal%s, no "
			"problems\n", f.entries, f.entries == 1 ? "y" : "ies",
			f.goals, f.goals == 1 ? "" : "s");
	strvec_clear(&entries);
	strvec_clear(&goals);
	strvec_clear(&links);
	strvec_clear(&goal_ids);
	strvec_clear(&copies);
	return f.problems ? 3 : 0;
}
