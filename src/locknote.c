#include "locknote.h"
#include "buf.h"
#include "error.h"
#include "fs.h"
#include "util.h"

#include <dirent.h>
#include <git2.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Append text to the end of the held .tend/lock. */
static void note(const struct ctx *ctx, const char *text, size_t len)
{
	struct stat st;

	errno = 0;
	if (fstat(ctx->lock_fd, &st) < 0 ||
	    pwrite(ctx->lock_fd, text, len, st.st_size) != (ssize_t)len)
		warning("cannot note the git locks in '.tend/lock': %s",
			errno ? strerror(errno) : "the disk took part of it");
}

void locknote_add(struct ctx *ctx, const char *path, const char *hex)
{
	struct buf line = BUF_INIT;
	struct timespec now;

	if (ctx->lock_fd < 0 || strchr(path, '\n'))
		return;
	clock_gettime(CLOCK_REALTIME, &now);
	buf_addf(&line, "lock %lld %ld %s%s%s\n", (long long)now.tv_sec,
		 (long)getpid(), path, hex ? " " : "", hex ? hex : "");
	note(ctx, line.s, line.len);
	buf_release(&line);
}

void locknote_commit(struct ctx *ctx)
{
	git_reference *head = NULL;
	struct buf path = BUF_INIT;
	const char *git;

	if (ctx->lock_fd < 0 || !ctx->repo)
		return;
	git = git_repository_path(ctx->repo);
	buf_addf(&path, "%sindex.lock", git);
	locknote_add(ctx, path.s, NULL);
	buf_reset(&path);
	if (git_reference_lookup(&head, ctx->repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC)
		buf_addf(&path, "%s%s.lock", git,
			 git_reference_symbolic_target(head));
	else
		buf_addf(&path, "%sHEAD.lock", git);
	locknote_add(ctx, path.s, NULL);
	git_reference_free(head);
	buf_release(&path);
}

/* The length of the pid line of the held .tend/lock; 0 if unknown. */
static size_t pid_line(const struct ctx *ctx)
{
	char text[64];
	ssize_t n = pread(ctx->lock_fd, text, sizeof(text) - 1, 0);
	char *nl;

	if (n <= 0)
		return 0;
	text[n] = '\0';
	nl = strchr(text, '\n');
	return nl ? (size_t)(nl + 1 - text) : 0;
}

void locknote_clear(struct ctx *ctx)
{
	size_t keep;

	if (ctx->lock_fd < 0 || !(keep = pid_line(ctx)))
		return;
	if (ftruncate(ctx->lock_fd, (off_t)(keep + ctx->lock_kept)) < 0)
		warning("cannot clear the notes in '.tend/lock': %s",
			strerror(errno));
}

void locknote_touch(const struct ctx *ctx)
{
	if (ctx->lock_fd >= 0)
		futimens(ctx->lock_fd, NULL);
}

/* Does any process have the file at path open? */
static int open_anywhere(const char *path)
{
	DIR *proc = opendir("/proc");
	struct dirent *de;
	struct buf dir = BUF_INIT, link = BUF_INIT;
	char target[4096];
	int found = 0;

	if (!proc)
		return 0;
	while (!found && (de = readdir(proc))) {
		DIR *fds;
		struct dirent *fe;

		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		buf_reset(&dir);
		buf_addf(&dir, "/proc/%s/fd", de->d_name);
		if (!(fds = opendir(dir.s)))
			continue;
		while (!found && (fe = readdir(fds))) {
			ssize_t n;

			buf_reset(&link);
			buf_addf(&link, "%s/%s", dir.s, fe->d_name);
			n = readlink(link.s, target, sizeof(target) - 1);
			if (n <= 0)
				continue;
			target[n] = '\0';
			found = !strcmp(target, path);
		}
		closedir(fds);
	}
	closedir(proc);
	buf_release(&dir);
	buf_release(&link);
	return found;
}

/*
 * Is the file at path a lock the dead holder left: made after its note
 * (noted, the note's time) and within the window, open nowhere, and
 * empty or the start of "HEX\n" when hex is known?
 */
static int left_by_holder(const char *path, const char *hex,
			  const struct timespec *noted)
{
	struct stat st;
	char text[128];
	size_t want;
	ssize_t n;
	int fd, ok;

	if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	/* a second of slack: some file systems keep coarse times */
	if (st.st_mtim.tv_sec + 1 < noted->tv_sec ||
	    st.st_mtim.tv_sec > noted->tv_sec + LOCKNOTE_WINDOW_SECONDS)
		return 0;
	if (hex) {
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			return 0;
		n = read(fd, text, sizeof(text));
		close(fd);
		want = strlen(hex);
		ok = n >= 0 && (size_t)n <= want + 1 &&
		     !strncmp(text, hex, (size_t)n < want ? (size_t)n : want) &&
		     ((size_t)n <= want || text[want] == '\n');
		if (!ok)
			return 0;
	}
	return !open_anywhere(path);
}

/* Read the whole file of fd into out; returns 0 or -1. */
static int read_all(int fd, struct buf *out)
{
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st) < 0 || st.st_size > 65536)
		return -1;
	buf_grow(out, (size_t)st.st_size);
	n = pread(fd, out->s, (size_t)st.st_size, 0);
	if (n < 0)
		return -1;
	out->len = (size_t)n;
	out->s[out->len] = '\0';
	return 0;
}

/*
 * Look at one note line ("lock SECONDS PID PATH[ HEX]", cut from its
 * newline): remove its lock when it is provably a leftover, and append
 * the line to kept when its lock is still there for another reason.
 */
static void recover_one(char *line, struct buf *kept)
{
	struct timespec noted = { 0, 0 };
	struct buf copy = BUF_INIT;
	char *path, *hex, *end;
	long pid;

	if (strncmp(line, "lock ", 5))
		return;
	buf_addf(&copy, "%s\n", line);
	noted.tv_sec = (time_t)strtoll(line + 5, &end, 10);
	pid = *end == ' ' ? strtol(end + 1, &end, 10) : 0;
	if (*end != ' ' || end[1] != '/' || !noted.tv_sec)
		goto out;
	path = end + 1;
	hex = strrchr(path, ' ');
	if (hex && strlen(hex + 1) >= 40 &&
	    strspn(hex + 1, "0123456789abcdef") == strlen(hex + 1))
		*hex++ = '\0';
	else
		hex = NULL;
	if (!fs_exists(path))
		goto out;
	if (!left_by_holder(path, hex, &noted))
		buf_add(kept, copy.s, copy.len);
	else if (unlink(path) < 0 && errno != ENOENT)
		warning("cannot remove '%s', which a tend that was stopped "
			"(pid %ld) left: %s", path, pid, strerror(errno));
	else
		warning("removed '%s', which a tend that was stopped (pid "
			"%ld) left behind", path, pid);
out:
	buf_release(&copy);
}

void locknote_begin(struct ctx *ctx, int fd)
{
	struct buf text = BUF_INIT, kept = BUF_INIT;
	char *line, *next;

	ctx->lock_fd = fd;
	ctx->lock_kept = 0;
	if (read_all(fd, &text) == 0 && (line = strchr(text.s, '\n')))
		for (line++; (next = strchr(line, '\n')); line = next + 1) {
			*next = '\0';
			recover_one(line, &kept);
		}
	buf_reset(&text);
	buf_addf(&text, "%ld\n", (long)getpid());
	buf_add(&text, kept.s, kept.len);
	errno = 0;
	if (ftruncate(fd, 0) < 0 ||
	    pwrite(fd, text.s, text.len, 0) != (ssize_t)text.len)
		warning("cannot write the pid into '.tend/lock': %s",
			errno ? strerror(errno) : "the disk took part of it");
	else
		ctx->lock_kept = kept.len;
	buf_release(&text);
	buf_release(&kept);
}

void locknote_end(struct ctx *ctx)
{
	struct buf text = BUF_INIT;
	size_t skip;

	if (ctx->lock_fd < 0)
		return;
	/* no pid stays behind to be named by the next waiter */
	skip = pid_line(ctx);
	if (ctx->lock_kept && skip && read_all(ctx->lock_fd, &text) == 0 &&
	    text.len >= skip + ctx->lock_kept) {
		if (ftruncate(ctx->lock_fd, 0) < 0 ||
		    pwrite(ctx->lock_fd, text.s + skip - 1,
			   ctx->lock_kept + 1, 0) != (ssize_t)ctx->lock_kept + 1)
			warning("cannot clear '.tend/lock': %s",
				strerror(errno));
	} else if (ftruncate(ctx->lock_fd, 0) < 0) {
		warning("cannot clear '.tend/lock': %s", strerror(errno));
	}
	buf_release(&text);
	ctx->lock_kept = 0;
}
