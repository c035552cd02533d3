/*
 * tend unlock: keep an encrypted journal's key unlocked for a while.
 */
#include "cmd.h"
#include "error.h"
#include "key.h"
#include "util.h"
#include "vault.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The longest time a key is kept: a day. */
#define UNLOCK_MAX_SECONDS (24L * 60 * 60)

const char cmd_unlock_help[] =
"usage: tend unlock [--for DURATION]\n"
"\n"
"Unlock an encrypted journal for a while: ask for its passphrase once\n"
"and keep the journal's key in the kernel's keyring of your user, so\n"
"that the commands that follow do not ask again. After DURATION\n"
"(default 15m; a number with s, m or h, at most 24h) the kernel forgets\n"
"the key; 'tend lock' forgets it at once. While it is unlocked, any\n"
"program running as you can read the journal.\n"
"\n"
"An encrypted journal keeps its key in key.age, locked with your\n"
"passphrase, and every file tend writes for you as an age file: the\n"
"age tool reads any of them with the key alone, for example\n"
"  age -d -i key.age entries/2026/12/2026-12-04-2034.md.age\n"
"The passphrase comes from the terminal, or, for scripts, from the\n"
"file TEND_PASSPHRASE_FILE names, or from what the command in\n"
"TEND_PASSPHRASE_COMMAND prints (for example 'pass show tend'). With\n"
"none of these and the key not unlocked, a command exits with status 7\n"
"(the journal is locked), as it does for a wrong passphrase.\n"
"\n"
"Options:\n"
"  --for DURATION  how long to keep it unlocked (default 15m)\n";

const char cmd_unlock_shortopts[] = ":";
const struct option cmd_unlock_options[] = {
	{ "for", required_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 }
};

/*
 * Read a DURATION, "90s", "15m", "2h" or "15" (minutes), into *seconds.
 * Returns 0, or -1 when it is not one or is out of range.
 */
static int parse_duration(const char *s, long *seconds)
{
	char *end;
	long n, unit = 60;

	if (*s < '0' || *s > '9')
		return -1;
	n = strtol(s, &end, 10);
	if (!strcmp(end, "s"))
		unit = 1;
	else if (!strcmp(end, "h"))
		unit = 60 * 60;
	else if (*end && strcmp(end, "m"))
		return -1;
	if (n < 1 || n > UNLOCK_MAX_SECONDS / unit)
		return -1;
	*seconds = n * unit;
	return 0;
}

/* A duration in words: "15 minutes", "2 hours", "90 seconds". */
static void say_duration(long s, char *out, size_t size)
{
	long n = s % 3600 == 0 ? s / 3600 : s % 60 == 0 ? s / 60 : s;
	const char *unit = s % 3600 == 0 ? "hour" : s % 60 == 0 ? "minute"
								 : "second";

	snprintf(out, size, "%ld %s%s", n, unit, n == 1 ? "" : "s");
}

int cmd_unlock(int argc, char **argv, struct ctx *ctx)
{
	long seconds = VAULT_KEEP_SECONDS;
	struct age_identity id;
	char words[64];
	int c, rc;

	while ((c = getopt_long(argc, argv, cmd_unlock_shortopts,
				cmd_unlock_options, NULL)) != -1) {
		if (c != 'f')
			return usage_option("unlock", c, argv);
		if (parse_duration(optarg, &seconds) < 0)
			return usage_error("unlock", "'%s' is not a duration "
					   "of 1s to 24h, such as 15m or 2h",
					   optarg);
	}
	if (optind < argc)
		return usage_error("unlock", "unlock takes no arguments");
	if (!ctx->encrypted)
		return exit_code(error_as(FAIL_USAGE, "this journal is not "
				 "encrypted: there is nothing to unlock"));
	/* the passphrase, asked anew even when a key is kept */
	rc = key_ask(ctx->root, "Passphrase of the journal: ", &id);
	if (!rc)
		rc = key_keep(ctx->root, &id, seconds);
	age_identity_wipe(&id);
	if (rc < 0)
		return exit_code(rc);
	say_duration(seconds, words, sizeof(words));
	printf("Unlocked for %s ('tend lock' locks it now)\n", words);
	return 0;
}
