#include "buf.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char buf_empty[1];

void buf_init(struct buf *b)
{
	b->len = 0;
	b->alloc = 0;
	b->s = buf_empty;
}

void buf_release(struct buf *b)
{
	if (b->alloc)
		free(b->s);
	buf_init(b);
}

void buf_grow(struct buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;

	if (want < b->len)
		die("out of memory (buffer overflow)");
	if (want <= b->alloc)
		return;
	if (!b->alloc)
		b->s = NULL;
	ALLOC_GROW(b->s, want, b->alloc);
	if (!b->len)
		b->s[0] = '\0';
}

void buf_add(struct buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	buf_grow(b, len);
	memcpy(b->s + b->len, data, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_add_padded(struct buf *b, const char *s, size_t width)
{
	size_t chars = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		chars += (*p & 0xc0) != 0x80;	/* not a continuation byte */
	buf_adds(b, s);
	while (chars++ < width)
		buf_addch(b, ' ');
}

void buf_addch(struct buf *b, int c)
{
	buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void buf_insert_ch(struct buf *b, size_t pos, int c)
{
	if (pos > b->len)
		die("buffer position out of range");
	buf_grow(b, 1);
	memmove(b->s + pos + 1, b->s + pos, b->len - pos + 1);
	b->s[pos] = (char)c;
	b->len++;
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(b->s + b->len, b->alloc ? b->alloc - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		die("cannot format text");
	if ((size_t)n >= (b->alloc ? b->alloc - b->len : 0)) {
		buf_grow(b, (size_t)n);
		n = vsnprintf(b->s + b->len, b->alloc - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_setlen(struct buf *b, size_t len)
{
	if (len > b->len)
		die("buffer length out of range");
	b->len = len;
	if (b->alloc)
		b->s[len] = '\0';
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *s;

	if (!b->alloc)
		buf_grow(b, 0);
	s = b->s;
	if (len)
		*len = b->len;
	buf_init(b);
	return s;
}
