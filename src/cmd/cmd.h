/*
 * The commands. Each lives in its own file, parses its own arguments,
 * calls into the modules and returns the exit code of tend(1)'s EXIT
 * STATUS.
 */
#ifndef TEND_CMD_H
#define TEND_CMD_H

#include <getopt.h>

#include "ctx.h"

/* What the dispatcher sets up before a command runs. */
enum {
	NEED_JOURNAL = 1 << 0,	/* find the journal, its tend.ini, git */
	NEED_LOCK = 1 << 1,	/* hold .tend/lock while the command runs */
	/*
	 * In an encrypted journal (vault.h) the key is unlocked before the
	 * journal's settings are read, unless the command runs without it.
	 */
	KEYLESS = 1 << 2,
	/*
	 * The user's settings are not read before the command runs: it
	 * reads them itself, when it needs them, so that settings tend
	 * cannot read do not stop it.
	 */
	OWN_SETTINGS = 1 << 3
};

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct ctx *ctx);
	unsigned flags;
	const char *summary;	/* one line for `tend --help` */
	const char *help;	/* the whole `tend NAME --help` */
	const char *shortopts;	/* its options, for getopt_long() */
	const struct option *options;
};

/*
 * What each command file defines: the command, its help, and its options
 * (which the dispatcher also reads, to tell "--help" from an option's
 * value before any set-up).
 */
#define COMMAND(name) \
	int cmd_##name(int argc, char **argv, struct ctx *ctx); \
	extern const char cmd_##name##_help[]; \
	extern const char cmd_##name##_shortopts[]; \
	extern const struct option cmd_##name##_options[]

COMMAND(attach);
COMMAND(check);
COMMAND(clone);
COMMAND(completion);
COMMAND(decrypt);
COMMAND(edit);
COMMAND(encrypt);
COMMAND(export);
COMMAND(goal);
COMMAND(ground);
COMMAND(import);
COMMAND(index);
COMMAND(init);
COMMAND(list);
COMMAND(lock);
COMMAND(log);
COMMAND(mood);
COMMAND(new);
COMMAND(passwd);
COMMAND(plan);
COMMAND(prep);
COMMAND(prompt);
COMMAND(purge);
COMMAND(remote);
COMMAND(render);
COMMAND(restore);
COMMAND(review);
COMMAND(rm);
COMMAND(save);
COMMAND(search);
COMMAND(show);
COMMAND(status);
COMMAND(sync);
COMMAND(templates);
COMMAND(unlock);

#undef COMMAND

/* The command table (main.c), sorted by name, and its length. */
extern const struct command tend_commands[];
extern const size_t tend_ncommands;

/*
 * For a command that needs the journal only at times (no NEED_JOURNAL):
 * find it and read its settings, unlocking its key, as the dispatcher
 * does for NEED_JOURNAL. Returns 0 or a failure after reporting.
 */
int cmd_open_journal(struct ctx *ctx);

/*
 * Report a bad option as getopt_long left it (c is what it returned:
 * '?' or ':') and return 2.
 */
int usage_option(const char *cmd, int c, char **argv);

/*
 * Ask question on the terminal, for the command name, unless yes; with
 * no terminal to ask on, refuse (give --yes). Returns 0 to go on, or
 * the exit code to stop with (said).
 */
int usage_confirm(struct ctx *ctx, const char *name, int yes,
		  const char *question);

/*
 * Refuse name, for the command cmd, unless it is the ID of one of the
 * journal's goals: with the goal it is likely a slip of, or the goals
 * there are. Returns 0, or 2 after saying so.
 */
int usage_goal(struct ctx *ctx, const char *cmd, const char *name);

/* Report a usage problem of cmd ("tend: MESSAGE") with a pointer to its
 * help, and return 2. */
int usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
