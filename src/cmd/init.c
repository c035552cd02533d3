/*
 * tend init: create a journal.
 */
#include "cmd.h"
#include "error.h"
#include "fs.h"
#include "journal.h"
#include "key.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char cmd_init_help[] =
"usage: tend init [DIR] [--title TITLE] [--encrypt]\n"
"\n"
"Create a journal: a folder (mode 0700) holding a git repository on\n"
"branch main, with tend.ini and .gitignore in its first commit.\n"
"\n"
"Without DIR the journal goes where tend looks for it: --journal DIR,\n"
"else $TEND_JOURNAL, else [journal] path in ~/.config/tend/config.ini,\n"
"else ~/.local/share/tend/journal. An empty folder is used as it is; a\n"
"folder with files in it, or one inside another journal, is refused.\n"
"\n"
"With --encrypt the journal is an encrypted one: it asks for a\n"
"passphrase (twice), makes the journal's key and keeps it in key.age,\n"
"locked with the passphrase, and every file tend writes for you is an\n"
"age file (NAME.age) that only the key opens; the settings are in\n"
"tend.ini.age. The passphrase cannot be recovered: without it nothing\n"
"in the journal can be read. It may come from TEND_PASSPHRASE_FILE or\n"
"TEND_PASSPHRASE_COMMAND instead of the terminal.\n"
"\n"
"What that protects: the folder, its history and index, and every clone\n"
"and remote, from whoever lacks the passphrase. What not: a session\n"
"logged in while the journal is unlocked, your editor's own swap or\n"
"history files, and what you take out (export, prep, a site rendered to\n"
"a disk). Not hidden: how many entries there are and when they were\n"
"written, their sizes, and the names of your own prompts and templates.\n"
"\n"
"Options:\n"
"  --title TITLE   the journal's name, kept in tend.ini\n"
"  --encrypt       an encrypted journal (see 'tend unlock --help')\n";

const char cmd_init_shortopts[] = ":";
const struct option cmd_init_options[] = {
	{ "title", required_argument, NULL, 't' },
	{ "encrypt", no_argument, NULL, 'e' },
	{ NULL, 0, NULL, 0 }
};

static const char gitignore[] =
"# Made by tend: the rendered site and tend's own state are not journal.\n"
"/site/\n"
"/.tend/\n"
"# leftovers of editors, and of writes cut short\n"
".*.swp\n"
".*.tmp??????\n"
"*~\n"
".DS_Store\n";

/* Is the title safe to keep in tend.ini as one plain value? */
static int title_ok(const char *t)
{
	if (strlen(t) > 120 || !is_one_line(t))
		return 0;
	return !strstr(t, " ;") && t[0] != ';' && t[0] != '#' &&
	       t[0] != ' ' && (!*t || t[strlen(t) - 1] != ' ');
}

/*
 * Make the key of the new encrypted journal at ctx->root, locked with
 * pass, and keep it unlocked in ctx for the files that follow. Returns
 * 0 or FAIL.
 */
static int make_key(struct ctx *ctx, const char *pass)
{
	struct age_identity *id = xmalloc(sizeof(*id));

	if (key_create(ctx->root, pass, id) < 0) {
		free(id);
		return FAIL;
	}
	ctx->encrypted = 1;
	ctx->key = id;
	return 0;
}

int cmd_init(int argc, char **argv, struct ctx *ctx)
{
	const char *title = "Journal";
	struct strvec paths = STRVEC_INIT;
	struct buf ini = BUF_INIT, path = BUF_INIT, msg = BUF_INIT;
	struct buf pass = BUF_INIT;
	char *dir = NULL;
	struct stat st;
	int c, empty = 0, encrypt = 0, rc = FAIL;

	while ((c = getopt_long(argc, argv, cmd_init_shortopts,
				cmd_init_options, NULL)) != -1) {
		if (c == 't')
			title = optarg;
		else if (c == 'e')
			encrypt = 1;
		else
			return usage_option("init", c, argv);
	}
	if (argc - optind > 1)
		return usage_error("init", "init takes one folder, not %d",
				   argc - optind);
	if (!*title || !title_ok(title))
		return usage_error("init", "the title must be one line of "
				   "at most 120 characters, without ' ;'");
	dir = optind < argc ? xstrdup(argv[optind]) : journal_default_dir(ctx);
	if (journal_refuse_within(dir) < 0)
		goto out;
	if (encrypt && (rc = key_passphrase("New passphrase of the journal: ",
					    1, NULL, &pass)) < 0)
		goto out;
	rc = FAIL;
	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			error("'%s' exists and is not a folder", dir);
			goto out;
		}
		if (fs_dir_is_empty(dir, &empty) < 0)
			goto out;
		if (!empty) {
			error("'%s' is not empty; a journal starts in a new "
			      "or empty folder", dir);
			goto out;
		}
	} else if (fs_mkdir_p(dir) < 0) {
		goto out;
	}
	if (chmod(dir, 0700) < 0) {
		error("cannot make '%s' private: %s", dir, strerror(errno));
		goto out;
	}
	ctx->root = realpath(dir, NULL);
	if (!ctx->root) {
		error("cannot find '%s': %s", dir, strerror(errno));
		goto out;
	}
	buf_addf(&ini, "# Settings of this journal. Every key is described in\n"
		 "# config.example.ini of tend's sources.\n"
		 "[journal]\n"
		 "title = %s\n", title);
	if (encrypt && (rc = make_key(ctx, pass.s)) < 0)
		goto out;
	rc = FAIL;
	vault_name(ctx, "tend.ini", &path);
	strvec_push(&paths, path.s);
	if (vault_write(ctx, path.s, ini.s, ini.len) < 0)
		goto out;
	path_join(&path, ctx->root, ".gitignore");
	if (fs_write_atomic(path.s, gitignore, sizeof(gitignore) - 1) < 0)
		goto out;
	strvec_push(&paths, ".gitignore");
	if (encrypt) {
		strvec_push(&paths, KEY_FILE);
		buf_adds(&msg, "Start encrypted journal");
	} else {
		buf_addf(&msg, "Start journal: %s", title);
	}
	strvec_sort(&paths);
	if ((rc = store_create(ctx, &paths, msg.s)) < 0)
		goto out;
	if ((rc = journal_state_dir(ctx, "", &path)) < 0)
		goto out;
	if (encrypt)
		printf("Created an encrypted journal in %s\n"
		       "Its key is in key.age, locked with your passphrase: "
		       "without the\npassphrase nothing in it can be read, "
		       "so keep it safe.\n", ctx->root);
	else
		printf("Created a journal in %s\n", ctx->root);
	printf(
"Write your first entry with: tend%s%s new\n",
	       optind < argc ? " -J " : "", optind < argc ? ctx->root : "");
	rc = 0;
out:
	free(dir);
	strvec_clear(&paths);
	buf_release(&ini);
	buf_release(&path);
	buf_release(&msg);
	key_passphrase_release(&pass);
	return exit_code(rc);
}
