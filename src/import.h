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

/* Why a field of the source is not kept with its entry. */
enum import_why {
	IMPORT_LEFT_ATTACHED,	/* photos, audio...: not kept in an
				 * encrypted journal yet */
	IMPORT_LEFT_SAME,	/* richText: the text, kept as Markdown */
	IMPORT_LEFT_LARGE	/* over what its front matter may hold */
};

/* A field of the source left out, and of how many entries. */
struct import_left {
	char *field;
	enum import_why why;
	size_t entries;		/* entries that had it */
	size_t items;		/* the things in it (photos...), all told */
};

/* What a Markdown import left out with --exclude or by default. */
struct import_excluded {
	char *path;		/* relative to the folder; "DIR/" a folder */
	char *pattern;		/* the GLOB that matched it */
	size_t files;		/* files in it (1 for a file) */
	int by_default;		/* the pattern is a default one */
};

/*
 * Day One's kinds of attached files, in the order the summary gives
 * them: photos, videos, audio recordings, PDFs.
 */
#define IMPORT_MEDIA_KINDS 4

/* The word for n files of kind k ("photo", "photos"...). */
const char *import_media_word(int k, size_t n);

/* What an import did. */
struct import_summary {
	size_t imported;	/* entries written and committed */
	size_t skipped;		/* already in the journal (or twice in it) */
	size_t guessed;		/* dates taken from a file's time */
	struct strvec not_text;	/* .md files skipped: not text */
	size_t ignored;		/* other files, not Markdown */
	struct import_excluded *excluded;	/* in the order met */
	size_t excluded_nr, excluded_alloc;
	size_t aliased;		/* entries given their file name as alias */
	size_t unescaped;	/* titles whose Markdown escapes went */
	size_t kept_in;		/* entries with the source's own fields */
	struct strvec kept;	/* the names of those fields, sorted */
	struct import_left *left;	/* fields left out, in order met */
	size_t left_nr, left_alloc;
	size_t attached[IMPORT_MEDIA_KINDS];	/* files kept, by kind */
	struct strvec missing;	/* "ID: photos/NAME", files not found */
	struct strvec too_large;	/* "ID: videos/NAME (N MiB)", files
					 * over [attachments] max_mib */
	struct strvec not_with;	/* "tend attach ID FILE": files of
				 * entries already in the journal that
				 * are not with them */
};

void import_summary_init(struct import_summary *s);
void import_summary_release(struct import_summary *s);

/* How a Markdown folder is read. */
struct import_options {
	struct strvec exclude;	/* --exclude GLOBs */
	int no_defaults;	/* --no-default-excludes */
};

/*
 * The patterns a Markdown import leaves out unless told not to, a
 * NULL-terminated list: Obsidian's templates and its deleted notes.
 */
extern const char *const import_default_excludes[];

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
 * import_run() with options (NULL: the defaults). A Markdown file or
 * folder that opt excludes is not read (it is named in s->excluded).
 * Every problem of the input is reported, up to IMPORT_MAX_SHOWN of
 * them and then how many more, before it returns FAIL_INVALID; a JSON
 * mistake that leaves the rest unreadable ends the reading there.
 */
int import_run_with(struct ctx *ctx, const char *path, enum import_format f,
		    const struct import_options *opt,
		    struct import_summary *s);

/* The most problems of an input an import shows one by one. */
#define IMPORT_MAX_SHOWN 50

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
	size_t uncommitted_files;	/* and their attachments */
	char *command;		/* the command that finishes it, as the
				 * shell reads it, or NULL */
};

/*
 * Find the record an import leaves while its files go into place, which
 * stays when it is stopped before its commit, into st (from NULL when
 * there is none). Returns 0 or FAIL.
 */
int import_stopped(struct ctx *ctx, struct import_stopped *st);
void import_stopped_release(struct import_stopped *st);

#endif
