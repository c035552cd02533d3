/*
 * What the fuzz targets share: where their files go.
 */
#ifndef TEND_FUZZ_H
#define TEND_FUZZ_H

#include "buf.h"

#include <stdlib.h>

/*
 * Put "TMPDIR/tend-fuzz-" and the six X that mkstemp() or mkdtemp()
 * replace into b (/tmp when TMPDIR is unset or empty).
 */
static inline void fuzz_temp_template(struct buf *b)
{
	const char *tmp = getenv("TMPDIR");

	buf_addf(b, "%s/tend-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
}

#endif
