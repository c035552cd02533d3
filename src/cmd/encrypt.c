/*
 * tend encrypt: turn a plain journal into an encrypted one, history
 * and all; tend decrypt: back again.
 */
#include "cmd.h"
#include "age.h"
#include "convert.h"
#include "error.h"
#include "key.h"
#include "sync.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

const char cmd_encrypt_help[] =
"usage: tend encrypt [--yes]\n"
"\n"
"Turn this journal into an encrypted one (see 'tend unlock --help'):\n"
"ask for a new passphrase (twice), make the journal's key, and rewrite\n"
"the whole history so that every file of every commit but .gitignore\n"
"is an age file that only the key opens. Entry IDs become the date and\n"
"time alone (2026-12-04-2034, then -2 for a second one that minute),\n"
"goal files take names made from their IDs with the key (the ID goes\n"
"into the file, as id:), and commit messages say what kind of change\n"
"by entry IDs; authors and dates stay. No plain copy is left in the\n"
"journal's folder: git's old objects and reflogs, remote-tracking\n"
"branches, the index, and a site rendered into the journal are\n"
"removed.\n"
"\n"
"A remote still holds the old, plain history, as does every other\n"
"clone and backup; 'tend sync' refuses to join it, and 'tend sync\n"
"--force' replaces it (see 'tend sync --help').\n"
"\n"
"It asks before it starts, unless --yes. It is refused while there are\n"
"changes not saved, drafts kept, conflict copies, or branches or tags\n"
"besides the journal's branch. If it is stopped, the next tend command\n"
"finishes it, or undoes it when the history had not been switched yet.\n"
"\n"
"Options:\n"
"  --yes   do not ask\n";

const char cmd_decrypt_help[] =
"usage: tend decrypt [--yes]\n"
"\n"
"Turn this encrypted journal back into a plain one: rewrite the whole\n"
"history so that every file is plain text again, under its own name\n"
"(a goal's file under its ID again, goals/ID.md, without its id:),\n"
"and remove key.age. Entry IDs and commit messages stay as they are.\n"
"No encrypted copy is left in the journal's folder (git's old objects\n"
"and reflogs, remote-tracking branches and the index are removed), and\n"
"a key kept by 'tend unlock' is forgotten. Whoever has the folder can\n"
"then read every word.\n"
"\n"
"It asks before it starts, unless --yes; it is refused as encrypt is.\n"
"\n"
"Options:\n"
"  --yes   do not ask\n";

const char cmd_encrypt_shortopts[] = ":";
const struct option cmd_encrypt_options[] = {
	{ "yes", no_argument, NULL, 'y' },
	{ NULL, 0, NULL, 0 }
};
const char cmd_decrypt_shortopts[] = ":";
const struct option cmd_decrypt_options[] = {
	{ "yes", no_argument, NULL, 'y' },
	{ NULL, 0, NULL, 0 }
};

/* Read --yes; returns 1 for it, 0 without, or an exit code below 0. */
static int read_options(const char *name, int argc, char **argv)
{
	int c, yes = 0;

	while ((c = getopt_long(argc, argv, ":", cmd_encrypt_options,
				NULL)) != -1) {
		if (c != 'y')
			return -usage_option(name, c, argv);
		yes = 1;
	}
	if (optind < argc)
		return -usage_error(name, "%s takes no arguments", name);
	return yes;
}

/*
 * Check that the journal can be converted (into plan), and ask question
 * (a format taking the number of commits and its plural ending) unless
 * yes. Returns 0 to go on, or the exit code to stop with.
 */
static int ask_first(struct ctx *ctx, const char *name, int yes,
		     const char *question, struct convert_plan *plan)
{
	struct buf q = BUF_INIT;
	int rc = convert_check(ctx, plan);

	if (rc < 0)
		return exit_code(rc);
	buf_addf(&q, question, plan->commits, plan->commits == 1 ? "" : "s");
	rc = usage_confirm(ctx, name, yes, q.s);
	buf_release(&q);
	return rc;
}

/* Say what the other copies of the journal still hold. */
static void say_remote(const struct convert_plan *plan, int encrypted)
{
	if (!plan->remotes)
		return;
	printf("The remote '%s' still holds the %s history, as do other "
	       "clones\nand backups: 'tend sync --force' replaces it there "
	       "(other clones\nthen clone it anew).\n", plan->remote.s,
	       encrypted ? "old, plain" : "encrypted");
}

int cmd_encrypt(int argc, char **argv, struct ctx *ctx)
{
	struct convert_plan plan = { 0 };
	struct buf pass = BUF_INIT, sealed = BUF_INIT;
	struct strvec tracking = STRVEC_INIT;
	struct age_identity id;
	int yes = read_options("encrypt", argc, argv), rc;

	if (yes < 0)
		return -yes;
	if (ctx->encrypted)
		return exit_code(error_as(FAIL_USAGE, "the journal is "
				 "encrypted already"));
	if ((rc = ask_first(ctx, "encrypt", yes, "Encrypt the journal, "
			    "rewriting its %zu commit%s?", &plan))) {
		convert_plan_release(&plan);
		return rc;
	}
	if ((rc = key_passphrase("New passphrase of the journal: ", 1, NULL,
				 &pass)) < 0)
		goto out;
	age_identity_new(&id);
	rc = key_seal(&id, pass.s, &sealed);
	key_passphrase_release(&pass);
	if (!rc)
		rc = sync_tracking(ctx, &tracking);
	if (!rc)
		rc = convert_encrypt(ctx, &plan, &id, sealed.s, sealed.len);
	age_identity_wipe(&id);
	/* for sync --force, which replaces what the remotes still hold */
	if (!rc)
		rc = sync_note_rewritten(ctx, &tracking);
	if (rc < 0)
		goto out;
	printf("Encrypted the journal: %zu commit%s rewritten, and no plain "
	       "copy left in\n%s. Its key is in key.age, locked with your "
	       "passphrase:\nwithout the passphrase nothing in it can be "
	       "read, so keep it safe.\nEntry IDs are now dates and times: "
	       "see 'tend list'.\n", plan.commits,
	       plan.commits == 1 ? "" : "s", ctx->root);
	say_remote(&plan, 1);
out:
	convert_plan_release(&plan);
	strvec_clear(&tracking);
	buf_release(&sealed);
	return exit_code(rc);
}

int cmd_decrypt(int argc, char **argv, struct ctx *ctx)
{
	struct convert_plan plan = { 0 };
	struct strvec tracking = STRVEC_INIT;
	int yes = read_options("decrypt", argc, argv), rc;

	if (yes < 0)
		return -yes;
	if (!ctx->encrypted)
		return exit_code(error_as(FAIL_USAGE, "the journal is not "
				 "encrypted"));
	if ((rc = ask_first(ctx, "decrypt", yes, "Decrypt the journal, "
			    "rewriting its %zu commit%s, so that whoever has\n"
			    "its folder can read every word?", &plan))) {
		convert_plan_release(&plan);
		return rc;
	}
	if ((rc = key_forget(ctx->root)) < 0 ||
	    (rc = sync_tracking(ctx, &tracking)) < 0 ||
	    (rc = convert_decrypt(ctx, &plan)) < 0 ||
	    (rc = sync_note_rewritten(ctx, &tracking)) < 0)
		goto out;
	printf("Decrypted the journal: %zu commit%s rewritten; its files "
	       "are plain text\nnow, in %s.\n", plan.commits,
	       plan.commits == 1 ? "" : "s", ctx->root);
	say_remote(&plan, 0);
out:
	convert_plan_release(&plan);
	strvec_clear(&tracking);
	return exit_code(rc);
}
