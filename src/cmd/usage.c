/*
 * What every command says about its arguments when they are wrong.
 */
#include "cmd.h"
#include "error.h"
#include "goals.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int usage_option(const char *cmd, int c, char **argv)
{
	const char *arg = argv[optind - 1];

	fflush(stdout);
	if (c == ':')
		fprintf(stderr, "tend: option '%s' of '%s' needs a value\n",
			arg, cmd);
	else if (optopt > 0 && optopt < 128 && isalnum(optopt))
		fprintf(stderr, "tend: unknown option '-%c' for '%s'\n",
			optopt, cmd);
	else if (optopt && starts_with(arg, "--") && strchr(arg, '='))
		/* a long option of no value, given one: --shared=1 */
		fprintf(stderr, "tend: option '%.*s' of '%s' takes no value\n",
			(int)(strchr(arg, '=') - arg), arg, cmd);
	else
		fprintf(stderr, "tend: unknown option '%s' for '%s'\n", arg,
			cmd);
	fprintf(stderr, "see 'tend %s --help'\n", cmd);
	return 2;
}

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("tend: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nsee 'tend %s --help'\n", cmd);
	return 2;
}

int usage_confirm(struct ctx *ctx, const char *name, int yes,
		  const char *question)
{
	char answer[16];

	if (yes)
		return 0;
	if (!ctx->in_tty || !ctx->err_tty)
		return usage_error(name, "there is no terminal to ask on: "
				   "give --yes to %s without being asked",
				   name);
	fflush(stdout);
	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	if (!fgets(answer, sizeof(answer), stdin) ||
	    (answer[0] != 'y' && answer[0] != 'Y')) {
		fprintf(stderr, "tend: nothing was changed\n");
		return 1;
	}
	return 0;
}

int usage_goal(struct ctx *ctx, const char *cmd, const char *name)
{
	struct strvec ids = STRVEC_INIT;
	struct buf all = BUF_INIT;
	const char *near;
	int code = 0;

	goals_ids(ctx, &ids);
	if (strvec_find(&ids, name) >= 0)
		goto out;
	near = closest_word(name, (const char *const *)ids.v, ids.nr);
	for (size_t k = 0; k < ids.nr; k++)
		buf_addf(&all, "%s%s", k ? ", " : "", ids.v[k]);
	if (near)
		code = usage_error(cmd, "there is no goal '%s'; did you mean "
				   "'%s'?", name, near);
	else if (ids.nr)
		code = usage_error(cmd, "there is no goal '%s' (the goals "
				   "are: %s; 'tend goal add' makes one)", name,
				   all.s);
	else
		code = usage_error(cmd, "there is no goal '%s': the journal "
				   "has no goals yet ('tend goal add' makes "
				   "one)", name);
out:
	strvec_clear(&ids);
	buf_release(&all);
	return code;
}
