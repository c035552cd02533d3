/*
 * Charts for the terminal: a sparkline of values and horizontal bars,
 * in Unicode blocks or, where the terminal cannot show them, in ASCII.
 */
#ifndef TEND_TERMCHART_H
#define TEND_TERMCHART_H

#include <stddef.h>

#include "buf.h"

/* Can the terminal show UTF-8 (LC_ALL, LC_CTYPE or LANG say so)? */
int term_utf8(void);

/*
 * Append a sparkline of values[0..n) between lo and hi, one character a
 * value; a value that is NaN (no data) is a space.
 */
void termchart_spark(const double *values, size_t n, double lo,
		     double hi, int utf8, struct buf *out);

/* Append a bar of width columns for value out of max (eighths in UTF-8). */
void termchart_bar(double value, double max, int width, int utf8,
		   struct buf *out);

/*
 * Put values[0..n) into at most width buckets (their means; NaN where a
 * bucket has none) in out, which has room for width. Returns how many.
 */
size_t termchart_buckets(const double *values, size_t n, size_t width,
			 double *out);

#endif
