/*
 * A fault injector for tests, loaded with LD_PRELOAD: it makes writes to
 * files fail as a full or broken disk makes them fail, or kills the
 * process at a chosen write, so that tests can see what tend leaves
 * behind. It is never part of tend.
 *
 * Every write to a regular file whose path contains TEND_FAULT_PATH (all
 * regular files when unset) and none of the ':'-separated parts of
 * TEND_FAULT_EXCEPT is counted, from 1;
 * writes to pipes, terminals and sockets never are. Then:
 *
 *   TEND_FAULT_WRITE=N   the Nth counted write and every one after it
 *                        fails with TEND_FAULT_ERRNO (ENOSPC or EIO;
 *                        default ENOSPC); with TEND_FAULT_PARTIAL=1 the
 *                        Nth first writes half of its bytes, as a disk
 *                        that fills mid-write does
 *   TEND_FAULT_KILL=N    the process kills itself with SIGKILL at the Nth
 *                        counted write, after writing half of its bytes
 *   TEND_FAULT_STOP=N    the process stops itself (SIGSTOP) just before
 *                        the Nth counted write, for a test to change
 *                        something under it and let it go on (kill -CONT)
 *   TEND_FAULT_LOG=FILE  each counted write appends "N PATH" to FILE,
 *                        to learn how many writes a command makes
 *   TEND_FAULT_CLOCK=MS  CLOCK_MONOTONIC_COARSE, the clock of tend's
 *                        progress meters (src/progress.h) and of nothing
 *                        else of tend's, reads MS milliseconds later at
 *                        each reading than at the one before: 1000 shows
 *                        every meter from its first update on, 0 never
 *                        shows one, however long the work takes
 *   TEND_FAULT_SLEEP=FILE  nanosleep() returns at once, as if the time
 *                        had passed, and appends the milliseconds it was
 *                        asked to wait to FILE, a line each: the pace of
 *                        tend ground, without the wait
 *   TEND_FAULT_SIGINT=N  the Nth nanosleep() raises SIGINT, as Ctrl-C
 *                        does, and is interrupted
 *
 * With TEND_FAULT_WRITE set, creating a file, a folder or a link and
 * growing a file with ftruncate or fallocate under the path fail the same
 * way, once the failing write has been reached.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static long counted;		/* writes counted so far */
static int failing;		/* the failing write has been reached */

/* An integer from the environment; 0 when unset. */
static long env_long(const char *name)
{
	const char *v = getenv(name);

	return v ? strtol(v, NULL, 10) : 0;
}

static int fault_errno(void)
{
	const char *v = getenv("TEND_FAULT_ERRNO");

	return v && !strcmp(v, "EIO") ? EIO : ENOSPC;
}

/* Does path fall under TEND_FAULT_PATH, and not TEND_FAULT_EXCEPT? */
static int path_matches(const char *path)
{
	const char *want = getenv("TEND_FAULT_PATH");
	const char *except = getenv("TEND_FAULT_EXCEPT");

	while (except && *except && path) {
		const char *end = strchrnul(except, ':');

		if (end > except && memmem(path, strlen(path), except,
					   (size_t)(end - except)))
			return 0;
		except = *end ? end + 1 : end;
	}
	return !want || !*want || (path && strstr(path, want));
}

/* Is fd a regular file under TEND_FAULT_PATH? Its path into path. */
static int fd_matches(int fd, char *path, size_t size)
{
	char link[64];
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, size - 1);
	if (n < 0)
		return 0;
	path[n] = '\0';
	return path_matches(path);
}

/* Note a counted write in the log. */
static void log_write(const char *path)
{
	static ssize_t (*real_write)(int, const void *, size_t);
	const char *log = getenv("TEND_FAULT_LOG");
	char line[4200];
	int fd, n;

	if (!log)
		return;
	if (!real_write)
		real_write = dlsym(RTLD_NEXT, "write");
	fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%ld %s\n", counted, path);
	if (n > 0 && (size_t)n < sizeof(line))
		real_write(fd, line, (size_t)n);
	close(fd);
}

/*
 * What to do with a write of len bytes to fd: 0 to let it through, 1
 * to write only *part bytes and then fail or die, -1 to fail it.
 */
static int decide(int fd, size_t len, size_t *part)
{
	char path[4096];
	long fail_at = env_long("TEND_FAULT_WRITE");
	long kill_at = env_long("TEND_FAULT_KILL");
	int saved = errno;

	if (!fd_matches(fd, path, sizeof(path))) {
		errno = saved;
		return 0;
	}
	counted++;
	log_write(path);
	if (env_long("TEND_FAULT_STOP") == counted)
		kill(getpid(), SIGSTOP);
	errno = saved;
	*part = len / 2;
	if (kill_at && counted == kill_at)
		return 1;
	if (fail_at && counted >= fail_at) {
		failing = 1;
		if (counted == fail_at && env_long("TEND_FAULT_PARTIAL") &&
		    *part)
			return 1;
		return -1;
	}
	return 0;
}

/* After a part was written: die, or let the next write fail. */
static void after_part(void)
{
	if (env_long("TEND_FAULT_KILL") == counted)
		kill(getpid(), SIGKILL);
}

/* The next definition of name: libc's, or a sanitizer's in front of it. */
#define REAL(name) \
	static __typeof__(&name) real_##name; \
	if (!real_##name) \
		*(void **)&real_##name = dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t len)
{
	REAL(write);
	size_t part;
	ssize_t n;

	switch (decide(fd, len, &part)) {
	case -1:
		errno = fault_errno();
		return -1;
	case 1:
		n = real_write(fd, buf, part);
		after_part();
		return n;
	}
	return real_write(fd, buf, len);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	REAL(pwrite);
	size_t part;
	ssize_t n;

	switch (decide(fd, len, &part)) {
	case -1:
		errno = fault_errno();
		return -1;
	case 1:
		n = real_pwrite(fd, buf, part, off);
		after_part();
		return n;
	}
	return real_pwrite(fd, buf, len, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off_t off)
{
	return pwrite(fd, buf, len, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	REAL(writev);
	size_t len = 0, part;
	ssize_t n;

	for (int i = 0; i < cnt; i++)
		len += iov[i].iov_len;
	switch (decide(fd, len, &part)) {
	case -1:
		errno = fault_errno();
		return -1;
	case 1:
		n = cnt > 0 ? write(fd, iov[0].iov_base,
				    iov[0].iov_len < part ? iov[0].iov_len
							  : part) : 0;
		after_part();
		return n;
	}
	return real_writev(fd, iov, cnt);
}

/* Once the disk is "full", nothing new can be made under the path. */
static int full(const char *path)
{
	return failing && env_long("TEND_FAULT_WRITE") && path_matches(path);
}

/*
 * Do open flags create a file? O_TMPFILE holds O_DIRECTORY's bit: a
 * folder opened to be read is not one.
 */
static int creates(int flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

int open(const char *path, int flags, ...)
{
	REAL(open);
	mode_t mode = 0;

	if (creates(flags)) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
		if (full(path) && access(path, F_OK) < 0) {
			errno = fault_errno();
			return -1;
		}
	}
	return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (creates(flags)) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return open(path, flags, mode);
}

int openat(int dir, const char *path, int flags, ...)
{
	REAL(openat);
	mode_t mode = 0;

	if (creates(flags)) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
		if (full(path) && faccessat(dir, path, F_OK, 0) < 0) {
			errno = fault_errno();
			return -1;
		}
	}
	return real_openat(dir, path, flags, mode);
}

int mkdir(const char *path, mode_t mode)
{
	REAL(mkdir);

	/* as on a full disk, a folder that is there already is there */
	if (full(path) && access(path, F_OK) < 0) {
		errno = fault_errno();
		return -1;
	}
	return real_mkdir(path, mode);
}

int symlink(const char *target, const char *path)
{
	REAL(symlink);

	if (full(path)) {
		errno = fault_errno();
		return -1;
	}
	return real_symlink(target, path);
}

int ftruncate(int fd, off_t len)
{
	REAL(ftruncate);
	char path[4096];
	struct stat st;

	if (failing && len > 0 && fstat(fd, &st) == 0 && len > st.st_size &&
	    fd_matches(fd, path, sizeof(path))) {
		errno = fault_errno();
		return -1;
	}
	return real_ftruncate(fd, len);
}

int ftruncate64(int fd, off_t len)
{
	return ftruncate(fd, len);
}

int posix_fallocate(int fd, off_t off, off_t len)
{
	REAL(posix_fallocate);
	char path[4096];

	if (failing && fd_matches(fd, path, sizeof(path)))
		return fault_errno();
	return real_posix_fallocate(fd, off, len);
}

int fallocate(int fd, int mode, off_t off, off_t len)
{
	REAL(fallocate);
	char path[4096];

	if (failing && fd_matches(fd, path, sizeof(path))) {
		errno = fault_errno();
		return -1;
	}
	return real_fallocate(fd, mode, off, len);
}

/* The progress meters' clock, moved by hand (TEND_FAULT_CLOCK). */
int clock_gettime(clockid_t id, struct timespec *ts)
{
	REAL(clock_gettime);
	static long long ms = -1;	/* the last reading */
	const char *step = getenv("TEND_FAULT_CLOCK");

	if (id != CLOCK_MONOTONIC_COARSE || !step || !*step)
		return real_clock_gettime(id, ts);
	if (ms < 0) {
		if (real_clock_gettime(id, ts) < 0)
			return -1;
		ms = (long long)ts->tv_sec * 1000 + ts->tv_nsec / 1000000;
	} else {
		ms += strtol(step, NULL, 10);
	}
	ts->tv_sec = (time_t)(ms / 1000);
	ts->tv_nsec = (long)(ms % 1000) * 1000000;
	return 0;
}

/* Sleeps logged and skipped (TEND_FAULT_SLEEP), Ctrl-C at one of them. */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
	REAL(nanosleep);
	static long sleeps;
	const char *log = getenv("TEND_FAULT_SLEEP");
	FILE *f;

	if (++sleeps == env_long("TEND_FAULT_SIGINT")) {
		raise(SIGINT);
		errno = EINTR;
		return -1;
	}
	if (!log || !*log)
		return real_nanosleep(req, rem);
	if ((f = fopen(log, "a"))) {
		fprintf(f, "%lld\n", (long long)req->tv_sec * 1000 +
			req->tv_nsec / 1000000);
		fclose(f);
	}
	return 0;
}
