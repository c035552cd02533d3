/*
 * Escaping for the HTML journal, by context: text and quoted attribute
 * values of HTML (and of the SVG in it), and the path part of a URL.
 */
#ifndef TEND_HTML_H
#define TEND_HTML_H

#include <stddef.h>

#include "buf.h"

/*
 * Append s[0..len) escaped for HTML or XML text and for an attribute
 * value in double or single quotes: & < > " ' ` and = become entities
 * (= so that no text can read as an attribute like onerror=).
 * Bytes that are not UTF-8 become U+FFFD, and control characters other
 * than tab and line breaks are dropped, so nothing invalid reaches a page.
 */
void html_escape(struct buf *out, const char *s, size_t len);

/* html_escape() of a C string (NULL appends nothing). */
void html_escapes(struct buf *out, const char *s);

/*
 * Append s percent-encoded for one segment of a URL path: every byte but
 * the unreserved ASCII letters, digits and - . _ ~ becomes %XX, so a
 * name with '/', '?', '#', ':' or spaces stays one relative file name
 * and can never become a scheme like javascript:.
 */
void url_escape_segment(struct buf *out, const char *s);

#endif
