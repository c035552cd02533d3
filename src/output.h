/*
 * Printing the entries a query found, in the formats of list and search:
 * text for people, JSON (tend-list(1)), IDs or paths for scripts.
 */
#ifndef TEND_OUTPUT_H
#define TEND_OUTPUT_H

#include <stdio.h>

#include "buf.h"
#include "ctx.h"
#include "query.h"

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_IDS, FORMAT_PATHS };

/*
 * Read a --format value among the first n formats (text, json, ids,
 * paths). Returns the format, or FAIL_USAGE after reporting.
 */
int format_parse(const char *s, int n);

/* Use colour on stdout: a terminal, and NO_COLOR is not set. */
int output_colour(const struct ctx *ctx);

/*
 * Print the hits to stdout in format; with search set, text shows each
 * snippet and JSON adds "snippet" and "rank".
 */
void output_hits(const struct ctx *ctx, const struct hits *hits, int format,
		 int search);

/*
 * Append s for a line of text output: line breaks and tabs become spaces
 * and other control characters '?' (C1 ones written in UTF-8, such as
 * U+009B, too, and bytes that are not UTF-8), so that nothing an entry
 * holds can move the cursor or command the terminal.
 */
void output_clean(struct buf *out, const char *s);

/*
 * Append s[0..len) for a terminal as output_clean() does, but keeping its
 * lines: line breaks and tabs stay, and a CR that is not before a LF
 * becomes a line break.
 */
void output_clean_text(struct buf *out, const char *s, size_t len);

/*
 * Print text on f cleaned as output_clean() does, wrapped at width
 * columns (bytes) at its spaces: the first line after lead, the others
 * indented as far, each ending in a line break.
 */
void output_wrap(FILE *f, const char *lead, const char *text, size_t width);

/*
 * Write s[0..len), text the user wrote (an entry, a prep), to stdout: to
 * a terminal through output_clean_text(), unless raw; elsewhere (a pipe,
 * a file) byte for byte.
 */
void output_text(const struct ctx *ctx, const char *s, size_t len, int raw);

#endif
