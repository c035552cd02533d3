/*
 * tend edit: change an entry in the user's editor and commit the change.
 */
#include "care.h"
#include "cmd.h"
#include "builtin.h"
#include "config.h"
#include "entry.h"
#include "error.h"
#include "frontmatter.h"
#include "journal.h"
#include "prompts.h"
#include "revise.h"
#include "slug.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_edit_help[] =
"usage: tend edit [ID]\n"
"       tend edit --settings | --prompts TOPIC | --template NAME\n"
"\n"
"Open an entry (by default the newest) in your editor. The text goes to\n"
"a draft in .tend/drafts/ first; when you close the editor it is checked,\n"
"written back and committed as \"Edit entry: ID\" if anything changed.\n"
"If the editor fails, or the front matter is broken, the draft is kept\n"
"and its path is printed.\n"
"\n"
"ID is an entry ID, a unique start of one, the path of its file, or\n"
"'last'. Your editor is $VISUAL, else $EDITOR, else [editor] command,\n"
"else vi.\n"
"\n"
"--settings, --prompts and --template open the journal's own files the\n"
"same way, and make them when they are not there yet. In an encrypted\n"
"journal that is the way to change them: the draft is in memory and the\n"
"file is written back encrypted (NAME.age), committed with a message\n"
"that names no topic or template.\n"
"\n"
"Options:\n"
"  --settings        the journal's settings, tend.ini (tend.ini.age),\n"
"                    checked as tend reads them; settings tend cannot\n"
"                    read stop other commands, not this one\n"
"  --prompts TOPIC   your prompts of TOPIC, prompts/TOPIC.md: a title and\n"
"                    an about line in front matter, then one prompt a\n"
"                    line starting with '- '\n"
"  --template NAME   your entry template NAME, templates/entries/NAME.md,\n"
"                    which starts as the built-in one of that name\n";

const char cmd_edit_shortopts[] = ":";
const struct option cmd_edit_options[] = {
	{ "settings", no_argument, NULL, 's' },
	{ "prompts", required_argument, NULL, 'p' },
	{ "template", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 }
};

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

/* Accept settings that tend reads without a mistake. */
static int check_settings(const struct draft *d, void *data)
{
	struct config cfg;
	int rc;

	(void)data;
	config_init(&cfg);
	rc = config_parse(&cfg, d->path.s, d->text.s, d->text.len,
			  CONFIG_JOURNAL);
	config_release(&cfg);
	return rc < 0 ? FAIL_INVALID : 0;
}

/* Accept a topic file with front matter that reads and a prompt. */
static int check_prompts(const struct draft *d, void *data)
{
	(void)data;
	return prompts_check(d->path.s, d->text.s, d->text.len);
}

/* What one of the journal's own files is, to edit it. */
struct own_file {
	struct buf path, id, msg, hint, seed;
};

/*
 * Set r up to edit the journal's own file that option (a cmd_edit
 * option's letter) with arg (a valid name) names: its path in this
 * journal, message, check and the text a new one starts as.
 */
static void own_file(struct ctx *ctx, int option, const char *arg,
		     struct own_file *f, struct revision *r)
{
	const struct builtin_file *b;
	struct buf rel = BUF_INIT;

	if (option == 's') {
		buf_adds(&rel, "tend.ini");
		buf_adds(&f->id, "settings");
		buf_adds(&f->seed, "; This journal's settings, shared by its "
			 "clones; every key is in\n; config.example.ini. "
			 "For example:\n;\n; [journal]\n; title = My "
			 "journal\n");
		r->what = "settings";
		r->check = check_settings;
	} else if (option == 'p') {
		buf_addf(&rel, "prompts/%s.md", arg);
		buf_addf(&f->id, "prompts-%s", arg);
		buf_addf(&f->seed, "---\ntitle: %s\nabout: what these "
			 "questions are for\n---\n\n- \n", arg);
		r->what = "topic file";
		r->check = check_prompts;
	} else {
		buf_addf(&rel, "templates/entries/%s.md", arg);
		buf_addf(&f->id, "template-%s", arg);
		buf_addf(&f->seed, "entries/%s.md", arg);
		b = builtin_find(f->seed.s);
		buf_reset(&f->seed);
		if (b)
			buf_add(&f->seed, b->data, b->len);
		else
			buf_adds(&f->seed, "---\ntags: []\n---\n\n");
		r->what = "template";
		r->check = check_draft;	/* read as tend new reads it */
	}
	vault_name(ctx, rel.s, &f->path);
	/* an encrypted journal's messages name no topic or template */
	if (option == 's')
		buf_adds(&f->msg, "Edit settings");
	else if (ctx->encrypted)
		buf_adds(&f->msg, option == 'p' ? "Edit prompts" :
			 "Edit template");
	else
		buf_addf(&f->msg, "Edit %s: %s", option == 'p' ? "prompts" :
			 "template", arg);
	buf_addf(&f->hint, "rm %s, then tend save", f->path.s);
	r->path = f->path.s;
	r->id = f->id.s;
	r->message = f->msg.s;
	r->remove_hint = f->hint.s;
	r->seed = f->seed.s;
	buf_release(&rel);
}

int cmd_edit(int argc, char **argv, struct ctx *ctx)
{
	struct buf path = BUF_INIT, msg = BUF_INIT, hint = BUF_INIT;
	struct buf head = BUF_INIT, now = BUF_INIT;
	struct own_file f = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT,
			      BUF_INIT };
	struct edit_check check = { NULL, ctx->cfg.mood_scale };
	struct revision r = { .what = "entry", .check = check_draft,
			      .data = &check };
	const char *arg = NULL;
	char *id = NULL;
	int c, rc, own = 0;

	while ((c = getopt_long(argc, argv, cmd_edit_shortopts,
				cmd_edit_options, NULL)) != -1) {
		if (c != 's' && c != 'p' && c != 't')
			return usage_option("edit", c, argv);
		if (own && own != c)
			return usage_error("edit", "edit opens one file: "
					   "--settings, --prompts or "
					   "--template, once");
		own = c;
		arg = optarg;
	}
	if (own) {
		if (optind < argc)
			return usage_error("edit", "edit opens one file: an "
					   "entry, or --settings, --prompts or "
					   "--template");
		if (own != 's' && !slug_valid(arg))
			return usage_error("edit", "'%s' is not a %s name "
					   "(names are lowercase words like "
					   "'daily')", arg, own == 'p'
					   ? "topic" : "template");
		check.id = own == 't' ? arg : NULL;
		own_file(ctx, own, arg, &f, &r);
		rc = revise_file(ctx, &r);
		goto out;
	}
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
	store_head_hex(ctx, &head);
	rc = revise_file(ctx, &r);
	store_head_hex(ctx, &now);
	if (!rc && strcmp(head.s, now.s))
		care_after_edit(ctx, path.s);
out:
	free(id);
	buf_release(&path);
	buf_release(&msg);
	buf_release(&hint);
	buf_release(&head);
	buf_release(&now);
	buf_release(&f.path);
	buf_release(&f.id);
	buf_release(&f.msg);
	buf_release(&f.hint);
	buf_release(&f.seed);
	return exit_code(rc);
}
