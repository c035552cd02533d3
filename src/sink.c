/*
 * Output written as it is made (see sink.h). A file is written as
 * fs_write_atomic() writes one, in parts instead of at once.
 */
#include "sink.h"
#include "error.h"
#include "fs.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sink_open(struct sink *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	buf_init(&s->tmp);
	buf_init(&s->pending);
	s->fd = -1;
	if (!path || !strcmp(path, "-")) {
		/* what stdio holds goes first; then ours, straight to fd 1 */
		fflush(stdout);
		s->fd = STDOUT_FILENO;
		return 0;
	}
	s->path = xstrdup(path);
	s->fd = fs_open_temp(path, &s->tmp);
	if (s->fd < 0) {
		buf_reset(&s->tmp);
		s->failed = 1;
	}
	return s->failed ? FAIL : 0;
}

/* Report a failed write (errno says why) once. Returns FAIL. */
static int write_failed(struct sink *s)
{
	int saved = errno;

	if (!s->failed) {
		if (s->path)
			error("cannot write '%s': %s", s->path,
			      strerror(saved));
		else
			error("cannot write the output: %s", strerror(saved));
	}
	s->failed = 1;
	return FAIL;
}

/* Write what is pending. Returns 0 or FAIL after reporting. */
static int sink_flush(struct sink *s)
{
	int rc = 0;

	if (s->pending.len && fs_write_all(s->fd, s->pending.s,
					   s->pending.len) < 0)
		rc = write_failed(s);
	buf_reset(&s->pending);
	return rc;
}

int sink_write(struct sink *s, const char *data, size_t len)
{
	if (s->failed || s->fd < 0)
		return FAIL;
	if (s->pending.len + len < SINK_CHUNK) {
		buf_add(&s->pending, data, len);
		return 0;
	}
	if (sink_flush(s) < 0)
		return FAIL;
	if (len < SINK_CHUNK) {
		buf_add(&s->pending, data, len);
		return 0;
	}
	return fs_write_all(s->fd, data, len) < 0 ? write_failed(s) : 0;
}

int sink_commit(struct sink *s)
{
	int rc;

	if (s->failed || s->fd < 0 || sink_flush(s) < 0) {
		sink_abort(s);
		return FAIL;
	}
	if (!s->path) {
		s->fd = -1;
		sink_abort(s);
		return 0;
	}
	if (fchmod(s->fd, 0600) < 0 || fsync(s->fd) < 0) {
		rc = write_failed(s);
		sink_abort(s);
		return rc;
	}
	rc = close(s->fd);
	s->fd = -1;
	if (rc < 0) {
		rc = write_failed(s);
		sink_abort(s);
		return rc;
	}
	if (rename(s->tmp.s, s->path) < 0) {
		rc = error("cannot replace '%s': %s", s->path,
			   strerror(errno));
		sink_abort(s);
		return rc;
	}
	buf_reset(&s->tmp);
	rc = fs_fsync_parent(s->path);
	sink_abort(s);
	return rc;
}

void sink_abort(struct sink *s)
{
	if (s->fd >= 0 && s->path)
		close(s->fd);
	s->fd = -1;
	if (s->tmp.len)
		unlink(s->tmp.s);
	buf_release(&s->tmp);
	buf_release(&s->pending);
	free(s->path);
	s->path = NULL;
}
