/*
 * What every command says about its arguments when they are wrong.
 */
#include "cmd.h"
#include "error.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int usage_option(const char *cmd, int c, char **argv)
{
	const char *arg = argv[optind - 1];

	fflush(stdout);
	if (c == ':')
		fprintf(stderr, "tend: option '%s' of '%s' needs a value\n",
			arg, cmd);
	else if (optopt && optopt != '?')
		fprintf(stderr, "tend: unknown option '-%c' for '%s'\n",
			optopt, cmd);
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
