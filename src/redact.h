/*
 * Redaction for what leaves the terminal (tend-config(5) [share] redact): names
 * replaced, as whole words in any case, by what the user chose.
 */
#ifndef TEND_REDACT_H
#define TEND_REDACT_H

#include "buf.h"
#include "strvec.h"

/* The names and what each becomes: name, replacement, name, ... */
struct redactions {
	struct strvec pairs;
};

/*
 * Read "Alex=my partner, Sam=my sister, Priya" (a name alone becomes
 * "[name]"). Longer names are replaced first.
 */
void redact_parse(struct redactions *r, const char *spec);
void redact_release(struct redactions *r);

/* Replace every name in text (whole words, any case) into out. */
void redact_text(const struct redactions *r, const char *text, size_t len,
		 struct buf *out);

#endif
