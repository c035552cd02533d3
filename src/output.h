/*
 * Printing the entries a query found, in the formats of list and search:
 * text for people, JSON (SPEC §6), IDs or paths for scripts.
 */
#ifndef TEND_OUTPUT_H
#define TEND_OUTPUT_H

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
 * and other control characters '?', so that nothing an entry holds can
 * move the cursor or command the terminal.
 */
void output_clean(struct buf *out, const char *s);

#endif
