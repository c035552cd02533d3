/*
 * tend passwd: lock an encrypted journal's key with a new passphrase.
 */
#include "cmd.h"
#include "error.h"
#include "key.h"
#include "store.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>

const char cmd_passwd_help[] =
"usage: tend passwd\n"
"\n"
"Change the passphrase of an encrypted journal: asks for the current\n"
"one, then for the new one twice, and commits key.age locked with the\n"
"new one. Only key.age changes: the journal's key, and so every file,\n"
"stays the same. A key kept by 'tend unlock' is forgotten. Other\n"
"clones learn the new passphrase at their next sync; until then they\n"
"take the old one. The old key.age stays in the history, locked with\n"
"the old passphrase: a passphrase that someone else learned is not\n"
"made safe by changing it.\n"
"\n"
"For scripts, the current passphrase may come from TEND_PASSPHRASE_FILE\n"
"or TEND_PASSPHRASE_COMMAND, and the new one from\n"
"TEND_NEW_PASSPHRASE_FILE.\n";

const char cmd_passwd_shortopts[] = ":";
const struct option cmd_passwd_options[] = { { NULL, 0, NULL, 0 } };

int cmd_passwd(int argc, char **argv, struct ctx *ctx)
{
	struct buf new_pass = BUF_INIT;
	struct strvec paths = STRVEC_INIT;
	struct age_identity id;
	int c, rc, committed;

	while ((c = getopt_long(argc, argv, cmd_passwd_shortopts,
				cmd_passwd_options, NULL)) != -1)
		return usage_option("passwd", c, argv);
	if (optind < argc)
		return usage_error("passwd", "passwd takes no arguments");
	if (!ctx->encrypted)
		return exit_code(error_as(FAIL_USAGE, "this journal is not "
				 "encrypted: it has no passphrase (see 'tend "
				 "init --help')"));
	if ((rc = key_ask(ctx->root, "Current passphrase: ", &id)) < 0)
		goto out;
	rc = key_new_passphrase("New passphrase: ", NULL, &new_pass);
	if (!rc)
		rc = key_forget(ctx->root);
	if (!rc)
		rc = key_relock(ctx->root, &id, new_pass.s);
	age_identity_wipe(&id);
	if (rc < 0)
		goto out;
	strvec_push(&paths, KEY_FILE);
	rc = store_commit(ctx, &paths, "Change the passphrase", &committed);
	if (rc < 0) {
		error("key.age is locked with the new passphrase but not "
		      "committed; 'tend save' commits it");
		goto out;
	}
	printf("The journal's passphrase is changed\n");
out:
	key_passphrase_release(&new_pass);
	strvec_clear(&paths);
	return exit_code(rc);
}
