/*
 * Bringing a journal kept elsewhere into this one (SPEC §6 import): tend's
 * own JSON export, jrnl's JSON, a Day One JSON export, or a folder of
 * Markdown files. All or nothing, one commit, and nothing twice.
 */
#ifndef TEND_IMPORT_H
#define TEND_IMPORT_H

#include <stddef.h>

#include "ctx.h"
#include "strvec.h"

enum import_format {
	IMPORT_TEND_JSON,
	IMPORT_JRNL_JSON,
	IMPORT_DAYONE_JSON,
	IMPORT_MARKDOWN
};

/* Read a --from name ("jrnl-json", ...). Returns 0, or -1 for none such. */
int import_format_parse(const char *name, enum import_format *out);

/* The name a commit and the summary give the source ("jrnl", ...). */
const char *import_format_source(enum import_format f);

/* What an import did. */
struct import_summary {
	size_t imported;	/* entries written and committed */
	size_t skipped;		/* already in the journal (or twice in it) */
	size_t guessed;		/* dates taken from a file's time */
	struct strvec not_text;	/* .md files skipped: not text */
	size_t ignored;		/* other files, not Markdown */
};

void import_summary_init(struct import_summary *s);
void import_summary_release(struct import_summary *s);

/*
 * Import the entries at path, in format f, holding the journal's lock:
 * read and check all of them first (a problem is FAIL_INVALID with its
 * position: PATH:LINE:COL, or "entry N"), leave out those already in the
 * journal (same date, title and body), write the rest as new entry files
 * and commit them at once. On any failure nothing stays written. Returns
 * 0 (s says what was done), FAIL_INVALID, FAIL_USAGE or FAIL after
 * reporting.
 */
int import_run(struct ctx *ctx, const char *path, enum import_format f,
	       struct import_summary *s);

#endif
