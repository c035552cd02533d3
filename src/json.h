/*
 * Writing JSON: strings escaped for JSON, UTF-8 passed through.
 */
#ifndef TEND_JSON_H
#define TEND_JSON_H

#include "buf.h"
#include "strvec.h"

/* Append s as a JSON string, or null when s is NULL. */
void json_str(struct buf *out, const char *s);

/* Append a list of strings as a JSON array. */
void json_strvec(struct buf *out, const struct strvec *sv);

/* Append "key": (with a comma before it unless first is set). */
void json_key(struct buf *out, const char *key, int first);

#endif
