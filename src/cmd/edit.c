/*
 * tend edit: change an entry in the user's editor and commit the change.
 */
#include "cmd.h"
#include "draft.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "journal.h"
#include "store.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

const char cmd_edit_help[] =
"usage: tend edit [ID]\n"
"\n"
"Open an entry (by default the newest) in your editor. The text goes to\n"
"a draft in .tend/drafts/ first; when you close the editor it is checked,\n"
"written back and committed as \"Edit entry: ID\" if anything changed.\n"
"If the editor fails, or the front matter is broken, the draft is kept\n"
"and its path is printed.\n"
"\n"
"ID is an entry ID, a unique start of one, the path of its file, or\n"
"'last'. Your editor is $VISUAL, else $EDITOR, else [editor] command,\n"
"else vi.\n";

const char cmd_edit_shortopts[] = ":";
const struct option cmd_edit_options[] = { { NULL, 0, NULL, 0 } };

/* What checking an edited entry needs. */
struct edit_check {
	const char *id;
	int scale;
};

/* Accept the draft if it reads as an entry (see draft_edit()). */
static int check_draft(const struct draft *d, void *data)
{
	const struct edit_check *c = data;
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;
	int rc = 0;

	entry_init(&e);
	e.id = xstrdup(c->id);
	buf_add(&e.text, d->text.s, d->text.len);
	if (entry_parse(&e, c->scale, &err) < 0)
		rc = error_at(d->path.s, err.line, err.col, "%s", err.msg.s);
	fm_error_release(&err);
	entry_release(&e);
	return rc;
}

int cmd_edit(int argc, char **argv, struct ctx *ctx)
{
	struct buf path = BUF_INIT, before = BUF_INIT, now = BUF_INIT;
	struct buf msg = BUF_INIT;
	struct draft d = DRAFT_INIT;
	struct strvec paths = STRVEC_INIT;
	struct edit_check check = { NULL, ctx->cfg.mood_scale };
	char *id = NULL;
	int c, rc, committed;

	while ((c = getopt_long(argc, argv, cmd_edit_shortopts,
				cmd_edit_options, NULL)) != -1)
		return usage_option("edit", c, argv);
	if (argc - optind > 1)
		return usage_error("edit", "edit takes one entry");
	rc = journal_resolve(ctx, optind < argc ? argv[optind] : "last", &path);
	if (rc < 0)
		goto out;
	id = entry_path_id(path.s);
	if ((rc = fs_read_in(ctx->root, path.s, ENTRY_MAX_BYTES, &before,
			     0)) < 0)
		goto out;
	if (before.len > ENTRY_MAX_BYTES) {
		rc = error_at(path.s, 1, 1, "entry is larger than %d MiB",
			      ENTRY_MAX_BYTES >> 20);
		goto out;
	}
	if ((rc = draft_create(&d, ctx, id, before.s, before.len)) < 0)
		goto out;
	check.id = id;
	if ((rc = draft_edit(&d, ctx, check_draft, &check)) < 0)
		goto out;	/* draft_edit() told of the draft */
	if (!draft_changed(&d)) {
		fprintf(stderr, "tend: no changes to '%s'\n", id);
		draft_remove(&d);
		goto out;
	}
	if (is_blank(d.text.s, d.text.len)) {
		fprintf(stderr, "tend: the entry would be empty, so it is left "
			"as it was (to delete it: tend rm %s)\n", id);
		draft_remove(&d);
		goto out;
	}
	if ((rc = journal_lock(ctx)) < 0) {
		draft_say_kept(&d);
		goto out;
	}
	if (fs_read_in(ctx->root, path.s, ENTRY_MAX_BYTES, &now, 0) < 0 ||
	    now.len != before.len || memcmp(now.s, before.s, now.len)) {
		rc = error("'%s' changed while you were editing it; your "
			   "version is kept in '%s'", path.s, d.path.s);
		goto out;
	}
	if ((rc = fs_write_in(ctx->root, path.s, d.text.s, d.text.len)) < 0) {
		draft_say_kept(&d);
		goto out;
	}
	draft_remove(&d);
	strvec_push(&paths, path.s);
	buf_addf(&msg, "Edit entry: %s", id);
	rc = store_commit(ctx, &paths, msg.s, &committed);
	if (rc < 0)
		error("the edit is saved in '%s' but not committed; "
		      "'tend save' commits it", path.s);
out:
	journal_unlock(ctx);
	free(id);
	draft_release(&d);
	strvec_clear(&paths);
	buf_release(&path);
	buf_release(&before);
	buf_release(&now);
	buf_release(&msg);
	return exit_code(rc);
}
