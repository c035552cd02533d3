/*
 * Escaping for the HTML journal (see html.h).
 */
#include "html.h"
#include "util.h"

#include <string.h>

void html_escape(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;

	buf_grow(out, len);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t ok;

		if (c >= 0x80) {
			ok = utf8_prefix(s + i, len - i);
			if (!ok) {
				/* one bad byte: the replacement character */
				buf_adds(out, "\xef\xbf\xbd");
				i++;
				continue;
			}
			/* the longest run of good UTF-8 that is not ASCII */
			size_t run = 0;

			while (run < ok && (unsigned char)s[i + run] >= 0x80)
				run++;
			buf_add(out, s + i, run);
			i += run;
			continue;
		}
		switch (c) {
		case '&':
			buf_adds(out, "&amp;");
			break;
		case '<':
			buf_adds(out, "&lt;");
			break;
		case '>':
			buf_adds(out, "&gt;");
			break;
		case '"':
			buf_adds(out, "&quot;");
			break;
		case '\'':
			buf_adds(out, "&#39;");
			break;
		case '`':
			buf_adds(out, "&#96;");
			break;
		case '=':
			/* so that text never reads as an attribute (onerror=) */
			buf_adds(out, "&#61;");
			break;
		default:
			if (c >= 0x20 && c != 0x7f)
				buf_addch(out, c);
			else if (c == '\t' || c == '\n' || c == '\r')
				buf_addch(out, c);
		}
		i++;
	}
}

void html_escapes(struct buf *out, const char *s)
{
	if (s)
		html_escape(out, s, strlen(s));
}

void url_escape_segment(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		const unsigned char *run = p;

		/* a run of bytes that stay as they are, at once */
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		       (*p >= '0' && *p <= '9') || (*p && strchr("-._~", *p)))
			p++;
		buf_add(out, run, (size_t)(p - run));
		if (!*p)
			break;
		buf_addch(out, '%');
		buf_addch(out, hex[*p >> 4]);
		buf_addch(out, hex[*p & 15]);
		p++;
	}
}
