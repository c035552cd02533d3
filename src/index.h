/*
 * The index, .tend/index.db: an SQLite cache of what the journal's files
 * say, for fast lists, filters and full-text search (tend-journal(5)). It is
 * never the truth. Before every command that reads, it is refreshed: each
 * file's size and modification time are compared with what the index
 * holds, and only what changed is read again. A missing index is built,
 * a damaged one is built anew, and when .tend cannot hold one it is kept
 * in memory for the one command.
 */
#ifndef TEND_INDEX_H
#define TEND_INDEX_H

#include <sqlite3.h>

#include "buf.h"
#include "ctx.h"
#include "strvec.h"

struct index {
	sqlite3 *db;
	int memory;		/* held in memory for this command only */
	int read_only;		/* the disk's, as it was: the disk is full */
	sqlite3_stmt *body;	/* index_body()'s statement, or NULL */
};

enum {
	INDEX_REBUILD = 1 << 0,	/* start from nothing */
	INDEX_SAVE = 1 << 1	/* the refresh must reach the disk */
};

/* What a refresh found. */
struct index_stats {
	long files;		/* entry and goal files in the journal */
	long read;		/* files read (new or changed) */
	long removed;		/* files gone since the last refresh */
	long broken;		/* files that cannot be read as entries */
};

/*
 * Open the journal's index into ctx->index and bring it up to date with
 * the files, showing progress on a terminal when reading takes a while.
 * When the disk is full, reads go on with one warning: from the index as
 * it is when that is up to date, else from a copy in memory brought up
 * to date there (unless INDEX_SAVE: then that is a failure). stats may
 * be NULL. Returns 0, FAIL, or FAIL_BUSY when another process holds the
 * index for longer than the lock wait.
 */
int index_open(struct ctx *ctx, unsigned flags, struct index_stats *stats);

/*
 * Index one entry file that tend has just written, when the index exists
 * already (it is not built for this). A failure is only a warning: the
 * next refresh sees the file anyway.
 */
void index_note(struct ctx *ctx, const char *path);

/* Print one warning for each file that cannot be read as an entry. */
void index_warn_broken(struct ctx *ctx);

/* index_open() unless ctx->index is open already. */
int index_ready(struct ctx *ctx);

/*
 * index_ready() when the journal has an index already; 1, building
 * none, when it has not: for what only helps (a hint), which must not
 * make a command that does not read the index build it.
 */
int index_if_built(struct ctx *ctx);

/*
 * The IDs and paths of the entry files (read well or not) whose IDs start
 * with prefix, appended to ids and paths in the same order.
 */
int index_find(struct ctx *ctx, const char *prefix, struct strvec *ids,
	       struct strvec *paths);

/* What index_words() lists. */
enum index_word {
	INDEX_WORD_IDS,		/* the entries' IDs */
	INDEX_WORD_TAGS,
	INDEX_WORD_FEELINGS,
	INDEX_WORD_GOALS	/* the goals' IDs */
};

/*
 * The words of kind that the journal's index holds as it is, appended
 * to words, each once, sorted: for completion, which must answer at
 * once and so neither builds the index nor brings it up to date, and
 * says nothing. Returns 0; 1 when there is no index to read (none
 * built, an encrypted journal's key not unlocked, a damaged or older
 * index).
 */
int index_words(struct ctx *ctx, enum index_word kind, struct strvec *words);

/* The path of the newest entry into path; 1 when there is none. */
int index_newest(struct ctx *ctx, struct buf *path);

/*
 * The body (the text after the front matter) of the entry file at path,
 * as the index holds it, into out (replacing its contents). For reading
 * many bodies quickly after a refresh. Returns 0, or FAIL after reporting
 * (not indexed, the index cannot be read).
 */
int index_body(struct ctx *ctx, const char *path, struct buf *out);

/*
 * The state of the open index into out: a token that changes in the
 * same transaction as any row the index holds (an entry or goal file
 * read anew and found different, one gone, a date taken from git, a
 * build), and never comes back. Two readings alike: nothing the index
 * holds changed between them. Returns 0; 1 when it cannot be told (an
 * index held in memory, or made before states were kept).
 */
int index_state(struct ctx *ctx, struct buf *out);

/*
 * Where the index's rows stand, for those who keep what they made of
 * them (a render, see render/memo.c): born (into born), a token of this
 * index that a build makes anew; seq, which counts the refreshes that
 * changed a row; moved, the last of those that did more than read
 * entries anew in place: added or removed a file, read a goal file
 * anew, or changed an entry's ID, date, mood, lists or privacy (all but
 * its title, words, prompt, share and body). Returns 0; 1 when it
 * cannot be told (an index in memory, or one made before these were
 * kept).
 */
int index_seq(struct ctx *ctx, struct buf *born, long long *seq,
	      long long *moved);

/*
 * The paths of the entries read anew after the refresh numbered since
 * (index_seq()), into paths. Returns 0 or FAIL after
 * reporting.
 */
int index_changed(struct ctx *ctx, long long since, struct strvec *paths);

/*
 * Where the entry of date (seconds) and ID id stands among the entries
 * the index marks with key ("t:" and a tag folded, or "g:" and a goal),
 * private ones only with with_private: how many of them come after it
 * by date and then ID, into *rank, and how many there are, into *count.
 * Returns 0 or FAIL after reporting.
 */
int index_mark_place(struct ctx *ctx, const char *key, int with_private,
		     long long date, const char *id, long long *rank,
		     long long *count);

/*
 * Memos: short notes that those who read the index keep in it about
 * what they made from it (a render's stamp), found again by name. A
 * memo is a cache: it goes when the index is built again, and past 32
 * memos all but the newest go. index_memo()
 * puts the memo called name into out and returns 0, or 1 when there is
 * none. index_memo_set() keeps value (NULL: removes the memo) and gives
 * the index a state if it has none; it returns 0, or 1 when the memo
 * could not be kept at once (an index in memory or on a full disk,
 * another writer at work: it does not wait), which is never an error.
 */
int index_memo(struct ctx *ctx, const char *name, struct buf *out);
int index_memo_set(struct ctx *ctx, const char *name, const char *value);

/*
 * Close the index (safe when not open), and forget the key of an
 * encrypted journal's index.
 */
void index_close(struct ctx *ctx);

/*
 * Report an SQLite failure of the index as "tend: WHAT: MESSAGE". Returns
 * FAIL_BUSY when the database was locked, else FAIL.
 */
int index_error(struct ctx *ctx, const char *what);

#endif
