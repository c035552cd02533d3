/*
 * Output written as it is made, for what may be too large to hold whole
 * (an export of every entry): to stdout, or to a file that takes the
 * place of FILE only once all of it is written (a temporary file in the
 * same folder, fsynced and renamed over FILE, then the folder fsynced),
 * so that FILE is never seen half written and a failure leaves it as it
 * was.
 */
#ifndef TEND_SINK_H
#define TEND_SINK_H

#include <stddef.h>

#include "buf.h"

/* The bytes a sink gathers before it writes them. */
#define SINK_CHUNK (64 * 1024)

struct sink {
	char *path;		/* FILE, or NULL for stdout */
	struct buf tmp;		/* the temporary file's path */
	int fd;			/* -1 when closed */
	struct buf pending;	/* bytes not written yet */
	int failed;		/* a write failed, and was reported */
};

/* A sink not open: sink_abort() of it does nothing. */
#define SINK_INIT { NULL, BUF_INIT, -1, BUF_INIT, 0 }

/*
 * Open s to write to the file path (made with mode 0600), or to stdout
 * when path is NULL or "-". Returns 0, or FAIL after reporting; close s
 * with sink_commit() or sink_abort() either way.
 */
int sink_open(struct sink *s, const char *path);

/*
 * Write data[0..len) after what came before. Returns 0, or FAIL after
 * reporting the first failure (every later call fails quietly).
 */
int sink_write(struct sink *s, const char *data, size_t len);

/*
 * Write what is left and, for a file, put it in FILE's place. Returns 0
 * or FAIL after reporting; s is closed either way (a failed one as by
 * sink_abort()).
 */
int sink_commit(struct sink *s);

/*
 * Close s without finishing it: the temporary file is removed and FILE
 * is as it was (what went to stdout stays there). Safe on a closed sink.
 */
void sink_abort(struct sink *s);

#endif
