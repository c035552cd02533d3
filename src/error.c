#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int term_dumb(void)
{
	const char *term = getenv("TERM");

	return !term || !strcmp(term, "dumb");
}

/*
 * End a message's line. On a terminal the rest of the line is erased
 * first: a progress meter (progress.h) may stand on it, the cursor at
 * its start, and the message is written over it, as git ends the
 * messages of a remote that shows progress.
 */
static void end_line(void)
{
	if (isatty(STDERR_FILENO) && !term_dumb())
		fputs("\033[K", stderr);
	fputc('\n', stderr);
}

static void report(const char *prefix, const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	end_line();
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("tend: ", fmt, ap);
	va_end(ap);
	return FAIL;
}

int error_as(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("tend: ", fmt, ap);
	va_end(ap);
	return code;
}

int error_at(const char *path, int line, int col, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s:%d:%d: ", path, line, col);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	end_line();
	return FAIL_INVALID;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("tend: warning: ", fmt, ap);
	va_end(ap);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("tend: ", fmt, ap);
	va_end(ap);
	exit(1);
}

int error_is_full(int errnum)
{
	return errnum == ENOSPC || errnum == EDQUOT;
}

int error_full_in(const char *message)
{
	static const int full[] = { ENOSPC, EDQUOT };

	for (size_t i = 0; message && i < sizeof(full) / sizeof(*full); i++)
		if (strstr(message, strerror(full[i])))
			return full[i];
	return 0;
}

int exit_code(int rc)
{
	return rc < 0 ? -rc : 0;
}
