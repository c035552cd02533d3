/*
 * tend edit: change an entry in the user's editor and commit the change.
 */
#include "cmd.h"
#include "entry.h"
#include "error.h"
#include "journal.h"
#include "revise.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

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
	struct buf path = BUF_INIT, msg = BUF_INIT, hint = BUF_INIT;
	struct edit_check check = { NULL, ctx->cfg.mood_scale };
	struct revision r = { .what = "entry", .check = check_draft,
			      .data = &check };
	char *id = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, cmd_edit_shortopts,
				cmd_edit_options, NULL)) != -1)
		return usage_option("edit", c, argv);
	if (argc - optind > 1)
		return usage_error("edit", "edit takes one entry");
	rc = journal_resolve(ctx, optind < argc ? argv[optind] : "last", &path);
	if (rc < 0)
		goto out;
	check.id = id = entry_path_id(path.s);
	buf_addf(&msg, "Edit entry: %s", id);
	buf_addf(&hint, "tend rm %s", id);
	r.path = path.s;
	r.id = id;
	r.message = msg.s;
	r.remove_hint = hint.s;
	rc = revise_file(ctx, &r);
out:
	free(id);
	buf_release(&path);
	buf_release(&msg);
	buf_release(&hint);
	return exit_code(rc);
}
