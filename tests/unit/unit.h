/*
 * A tiny test library for the C unit tests: each check prints a TAP line
 * ("ok N - what" or "not ok N - what" with where it failed), and
 * unit_done() prints the plan and gives the exit status.
 */
#ifndef TEND_UNIT_H
#define TEND_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static int unit_count, unit_failed;

/*
 * A new, empty folder for a test's files: TMPDIR/tend-NAME.XXXXXX (/tmp
 * without TMPDIR). Its path is static; no folder, no test: it bails out.
 */
static inline const char *unit_temp_dir(const char *name)
{
	static char path[4096];
	const char *tmp = getenv("TMPDIR");

	snprintf(path, sizeof(path), "%s/tend-%s.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp", name);
	if (!mkdtemp(path)) {
		printf("Bail out! cannot make a folder in %s\n",
		       tmp && *tmp ? tmp : "/tmp");
		exit(1);
	}
	return path;
}

/* Run cmd with the shell; its exit status, or -1 when it did not run. */
static inline int unit_run(const char *cmd)
{
	int rc = system(cmd);

	return rc == -1 ? -1 : WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

static int unit_check(int ok, const char *what, const char *file, int line)
{
	unit_count++;
	printf("%sok %d - %s\n", ok ? "" : "not ", unit_count, what);
	if (!ok) {
		printf("#   at %s:%d\n", file, line);
		unit_failed++;
	}
	return ok;
}

static int unit_check_str(const char *got, const char *want,
			  const char *what, const char *file, int line)
{
	int ok = got && want ? !strcmp(got, want) : got == want;

	if (!unit_check(ok, what, file, line)) {
		printf("#   got:  '%s'\n", got ? got : "(null)");
		printf("#   want: '%s'\n", want ? want : "(null)");
	}
	return ok;
}

static int unit_check_long(long got, long want, const char *what,
			   const char *file, int line)
{
	if (!unit_check(got == want, what, file, line)) {
		printf("#   got:  %ld\n", got);
		printf("#   want: %ld\n", want);
		return 0;
	}
	return 1;
}

#define CHECK(cond) unit_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) \
	unit_check_str((got), (want), #got " is " #want, __FILE__, __LINE__)
#define CHECK_INT(got, want) \
	unit_check_long((long)(got), (long)(want), #got " == " #want, \
			__FILE__, __LINE__)

static int unit_done(void)
{
	printf("1..%d\n", unit_count);
	return unit_failed ? 1 : 0;
}

#endif
