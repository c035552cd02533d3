/*
 * Reading a JSON document too long to hold whole: the elements of its
 * list (the document itself, or one member of the object it is), one at
 * a time, each parsed by jansson, and the rest of the document checked
 * as it is passed. Memory is one element, never the document.
 */
#ifndef TEND_JSONLIST_H
#define TEND_JSONLIST_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"

/* The largest element (or other value) read: 8 MiB of JSON. */
#define JSONLIST_MAX_VALUE (8L * 1024 * 1024)

/* jsonlist_open(): the document is JSON, but not of the shape asked. */
#define JSONLIST_NO_LIST 1

struct jsonlist {
	int fd;
	const char *path;	/* what is read, for messages */
	const char *key;	/* the member that holds the list, or NULL */
	struct buf in;		/* bytes read and not yet passed */
	size_t pos;		/* the next byte of in to look at */
	int eof;		/* the file has no more */
	int line, col;		/* where in.s[pos] is, from 1 (col in
				 * characters, as jansson counts) */
	int more;		/* an element has been read from the list */
	int done;		/* the list and the document are read */
	size_t count;		/* elements read so far */
	json_t *keys;		/* the members of the top object seen */
};

#define JSONLIST_INIT { .fd = -1, .in = BUF_INIT }

/*
 * Open the JSON file at path and go to the start of its list: the
 * document itself when key is NULL, else the member key of the object
 * the document is (the other members are checked as they are passed).
 * Returns 0; JSONLIST_NO_LIST when the document is not a list (key NULL)
 * or has no list named key (nothing reported: the caller says what it
 * wanted); FAIL_INVALID after reporting PATH:LINE:COL for JSON that
 * cannot be read before there; FAIL after reporting a file that cannot
 * be opened. jsonlist_close() it in any case.
 */
int jsonlist_open(struct jsonlist *jl, const char *path, const char *key);

/*
 * Read the next element of the list into *out (the caller decrefs it;
 * with out NULL it is passed over unparsed, for a second reading of a
 * document already checked). Returns 1 for an element, 0 when the list
 * has ended and the rest of the document has been checked, FAIL_INVALID
 * after reporting PATH:LINE:COL (an element over JSONLIST_MAX_VALUE is
 * one such problem), FAIL after a read error.
 */
int jsonlist_next(struct jsonlist *jl, json_t **out);

void jsonlist_close(struct jsonlist *jl);

#endif
