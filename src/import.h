/*
 * Bringing a journal kept elsewhere into this one (tend-import(1)): tend's
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
 * journal (same date, title and body), then read them again to write
 * the rest as new entry files, which are committed at once. Memory holds
 * one entry at a time, not the input. On any failure nothing stays
 * written; after a kill, the same import run again finishes it exactly:
 * what it put in place is taken as it is, what it left half-written is
 * removed. Returns 0 (s says what was done), FAIL_INVALID, FAIL_USAGE or
 * FAIL after reporting.
 */
int import_run(struct ctx *ctx, const char *path, enum import_format f,
	       struct import_summary *s);

/*
 * The record an import keeps while its files go into place, under the
 * journal's root: .tend/import (sealed in an encrypted journal, as
 * .tend/import.age).
 */
const char *import_record(const struct ctx *ctx);

/* An import stopped before its commit, as tend check tells of it. */
struct import_stopped {
	char *from;		/* its --from name, or NULL for none */
	char *file;		/* the file or folder it read */
	size_t uncommitted;	/* its entry files in place, not committed */
};

/*
 * Find the record an import leaves while its files go into place, which
 * stays when it is stopped before its commit, into st (from NULL when
 * there is none). Returns 0 or FAIL.
 */
int import_stopped(struct ctx *ctx, struct import_stopped *st);
void import_stopped_release(struct import_stopped *st);

#endif
