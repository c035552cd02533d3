/*
 * tend lock: forget an encrypted journal's unlocked key at once.
 */
#include "cmd.h"
#include "error.h"
#include "key.h"

#include <getopt.h>
#include <stdio.h>

const char cmd_lock_help[] =
"usage: tend lock\n"
"\n"
"Lock an encrypted journal now: the key that 'tend unlock' kept in the\n"
"kernel's keyring is forgotten, so the next command asks for the\n"
"passphrase again. Locking a journal that is not unlocked is fine.\n"
"What was already read stays where it went: a rendered site, an\n"
"export, a terminal's scrollback.\n";

const char cmd_lock_shortopts[] = ":";
const struct option cmd_lock_options[] = { { NULL, 0, NULL, 0 } };

int cmd_lock(int argc, char **argv, struct ctx *ctx)
{
	int c;

	while ((c = getopt_long(argc, argv, cmd_lock_shortopts,
				cmd_lock_options, NULL)) != -1)
		return usage_option("lock", c, argv);
	if (optind < argc)
		return usage_error("lock", "lock takes no arguments");
	if (!ctx->encrypted)
		return exit_code(error_as(FAIL_USAGE, "this journal is not "
				 "encrypted: there is nothing to lock"));
	if (key_forget(ctx->root) < 0)
		return exit_code(FAIL);
	printf("Locked: the next command asks for the passphrase\n");
	return 0;
}
