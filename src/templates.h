/*
 * Entry templates (tend-journal(5)): built into the binary from
 * templates/entries/ and overridden by the journal's own
 * templates/entries/NAME.md.
 */
#ifndef TEND_TEMPLATES_H
#define TEND_TEMPLATES_H

#include "buf.h"
#include "ctx.h"
#include "strvec.h"

/*
 * Load the entry template name into out, and where it came from (for
 * messages) into source. Returns 0, or FAIL_USAGE after reporting an
 * unknown name (with the names there are), or FAIL.
 */
int template_entry(const struct ctx *ctx, const char *name, struct buf *out,
		   struct buf *source);

/* What the built-in template name is for, a line, or NULL. */
const char *template_about(const char *name);

/* The names of every entry template, built-in and the journal's, sorted. */
void template_entry_names(const struct ctx *ctx, struct strvec *names);

#endif
