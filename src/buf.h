/*
 * The one growable byte buffer. A buffer's s is never NULL and always
 * NUL-terminated, so it can be used as a C string at any time.
 */
#ifndef TEND_BUF_H
#define TEND_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "error.h"

struct buf {
	size_t len;
	size_t alloc;
	char *s;
};

/* Shared empty string of buffers that own no memory yet; holds only '\0'. */
extern char buf_empty[1];

#define BUF_INIT { 0, 0, buf_empty }

void buf_init(struct buf *b);

/* Free the memory of b and leave it empty, ready for reuse. */
void buf_release(struct buf *b);

/* Ensure room for extra more bytes (plus the terminating NUL). */
void buf_grow(struct buf *b, size_t extra);

void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);

/*
 * Append the UTF-8 string s, then spaces up to width characters (not
 * bytes: a table lines up with "família" in it), as printf's "%-*s"
 * does for ASCII. A character is a code point; a longer s is kept whole.
 */
void buf_add_padded(struct buf *b, const char *s, size_t width);
void buf_addch(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...) PRINTF(2, 3);

/* Insert the byte c at offset pos (at most len). */
void buf_insert_ch(struct buf *b, size_t pos, int c);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);

/* Set the length to len (no larger than now) and terminate there. */
void buf_setlen(struct buf *b, size_t len);
#define buf_reset(b) buf_setlen((b), 0)

/*
 * Take the string out of b, leaving b empty. The caller frees the result,
 * which is never NULL.
 */
char *buf_detach(struct buf *b, size_t *len);

#endif
