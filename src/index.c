#include "index.h"
#include "age.h"
#include "dbcrypt.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "goal.h"
#include "progress.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * Bump when the tables change, or what reading a file puts in them: an
 * index of another version is rebuilt.
 */
#define SCHEMA_VERSION "8"

/*
 * A file changed this close (in nanoseconds) to the moment it was indexed
 * may change again without its size or time showing it (the clock ticks
 * coarsely): it is read again at the next refresh, as git does.
 */
#define RACY_NS 2000000000LL

/* How long a writer waits for another to let go of the index. */
#define BUSY_MS 5000

/*
 * The most memos kept (index_memo_set()): one for each folder a render
 * went to. Past them, all but the newest go.
 */
#define MEMOS_MAX "32"

static const char schema[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE files("
	" path TEXT PRIMARY KEY,"	/* relative to the journal */
	" kind INTEGER NOT NULL,"	/* 0 entry, 1 goal */
	" id TEXT NOT NULL,"
	" size INTEGER NOT NULL,"
	" mtime INTEGER NOT NULL,"	/* nanoseconds */
	" seen INTEGER NOT NULL,"	/* when it was read, nanoseconds */
	" problem TEXT,"		/* why it cannot be read */
	/* where an entry's date came from: DATED_* */
	" dated INTEGER NOT NULL DEFAULT 0,"
	/* a broken entry's date, as well as can be told, for "last" */
	" broken_date INTEGER"
	") WITHOUT ROWID;"
	"CREATE INDEX files_id ON files(id);"
	"CREATE INDEX files_waiting ON files(dated) WHERE dated = 2;"
	"CREATE TABLE entries("
	" n INTEGER PRIMARY KEY,"	/* also the rowid in fts */
	" path TEXT NOT NULL UNIQUE,"
	" id TEXT NOT NULL,"
	" title TEXT,"
	" date INTEGER NOT NULL,"	/* seconds since the epoch */
	" date_text TEXT NOT NULL,"	/* RFC 3339, its own offset */
	" wall INTEGER NOT NULL,"	/* its own clock, read as UTC */
	" mood INTEGER,"
	/* the lists, each item on a line of its own: "\nA\nB\n" */
	" feelings TEXT NOT NULL,"
	" goals TEXT NOT NULL,"
	" tags TEXT NOT NULL,"
	" ratings TEXT NOT NULL,"	/* "\ngoal=value\n..." */
	" prompt TEXT,"
	" share INTEGER NOT NULL,"
	" private INTEGER NOT NULL,"
	" words INTEGER NOT NULL,"
	" sum INTEGER NOT NULL,"	/* hash_add() of the whole file */
	" seq INTEGER NOT NULL);"	/* the refresh that read it (meta seq) */
	"CREATE INDEX entries_date ON entries(date, id);"
	"CREATE INDEX entries_wall ON entries(wall);"
	"CREATE INDEX entries_seq ON entries(seq);"
	/*
	 * an entry's tags (key "t:" and the tag folded) and goals ("g:"),
	 * each once, with the entry's date, ID and privacy: a tag's entries
	 * are counted and paged through in the index alone
	 */
	"CREATE TABLE marks(key TEXT NOT NULL, n INTEGER NOT NULL,"
	" date INTEGER NOT NULL, id TEXT NOT NULL,"
	" private INTEGER NOT NULL);"
	"CREATE INDEX marks_key ON marks(key, private, date, id, n);"
	"CREATE TABLE goals(id TEXT PRIMARY KEY, path TEXT NOT NULL UNIQUE,"
	" title TEXT, status TEXT NOT NULL, started TEXT, target TEXT,"
	" achieved TEXT, topics TEXT NOT NULL,"
	" sum INTEGER NOT NULL) WITHOUT ROWID;"	/* as an entry's */
	"CREATE VIRTUAL TABLE fts USING fts5(title, body, tags, feelings,"
	" tokenize='unicode61 remove_diacritics 2');";

/* Where the date of an entry came from. */
enum {
	DATED_OWN,		/* its front matter or file name */
	DATED_COMMIT,		/* the commit that added the file */
	DATED_FILE		/* the file's time: not committed yet */
};

/* The statements a refresh uses, prepared once. */
enum {
	DEL_FTS, DEL_MARKS, DEL_ENTRY, DEL_GOAL, DEL_FILE,
	INS_ENTRY, INS_FTS, INS_MARK, INS_FILE, INS_GOAL, SET_DATE,
	SET_MARK_DATE, SET_DATED, ROW_OF, PLACE_OF, SEQ_OF, SET_SEQ, NSTMTS
};

static const char *const sql[NSTMTS] = {
	[DEL_FTS] = "DELETE FROM fts WHERE rowid IN"
		    " (SELECT n FROM entries WHERE path = ?1)",
	[DEL_MARKS] = "DELETE FROM marks WHERE n IN"
		      " (SELECT n FROM entries WHERE path = ?1)",
	[DEL_ENTRY] = "DELETE FROM entries WHERE path = ?1",
	[DEL_GOAL] = "DELETE FROM goals WHERE path = ?1",
	[DEL_FILE] = "DELETE FROM files WHERE path = ?1",
	[INS_ENTRY] = "INSERT INTO entries(path, id, title, date, date_text,"
		      " wall, mood, feelings, goals, tags, ratings, prompt,"
		      " share, private, words, sum, seq)"
		      " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		      " ?, ?)",
	[INS_FTS] = "INSERT INTO fts(rowid, title, body, tags, feelings)"
		    " VALUES(?, ?, ?, ?, ?)",
	[INS_MARK] = "INSERT INTO marks(key, n, date, id, private)"
		     " VALUES(?, ?, ?, ?, ?)",
	[INS_FILE] = "INSERT OR REPLACE INTO files(path, kind, id, size,"
		     " mtime, seen, problem, dated, broken_date)"
		     " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[INS_GOAL] = "INSERT OR REPLACE INTO goals(id, path, title, status,"
		     " started, target, achieved, topics, sum)"
		     " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[SET_DATE] = "UPDATE entries SET date = ?2, date_text = ?3, wall = ?4"
		     " WHERE path = ?1",
	[SET_MARK_DATE] = "UPDATE marks SET date = ?2 WHERE n ="
			  " (SELECT n FROM entries WHERE path = ?1)",
	[SET_DATED] = "UPDATE files SET dated = 1 WHERE path = ?1",
	/* what the index holds of a file, for row_print() */
	[ROW_OF] = "SELECT f.problem, f.dated, f.broken_date, e.id, e.date,"
		   " e.date_text, e.sum, g.sum FROM files f"
		   " LEFT JOIN entries e ON e.path = f.path"
		   " LEFT JOIN goals g ON g.path = f.path WHERE f.path = ?1",
	/*
	 * where a file puts its entry, for index_seq(): all the index holds
	 * of it but the entry's title, words, prompt, share and body
	 */
	[SEQ_OF] = "SELECT seq FROM entries WHERE path = ?1",
	[SET_SEQ] = "UPDATE entries SET seq = ?2 WHERE path = ?1",
	[PLACE_OF] = "SELECT f.problem, f.kind, e.id, e.date, e.date_text,"
		     " e.wall, e.mood, e.feelings, e.goals, e.tags, e.ratings,"
		     " e.private, g.sum FROM files f"
		     " LEFT JOIN entries e ON e.path = f.path"
		     " LEFT JOIN goals g ON g.path = f.path WHERE f.path = ?1",
};

/*
 * Does an SQLite failure (code, on db) say that the disk takes no more
 * writes: full, or failing to write? Returns the errno to report
 * (ENOSPC, EDQUOT, EIO or EROFS), or 0. SQLite says SQLITE_FULL when a
 * write found no space, but a shared-memory or journal file that cannot
 * grow or be made shows as an I/O error with the errno behind it.
 */
static int unwritable_errno(sqlite3 *db, int code)
{
	int e = db ? sqlite3_system_errno(db) : 0;

	switch (code & 0xff) {
	case SQLITE_FULL:
		return e == EDQUOT ? EDQUOT : ENOSPC;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return error_is_full(e) || e == EIO || e == EROFS ? e : 0;
	}
	return 0;
}

/* Why code failed on db, in words: a full disk as strerror says it. */
static const char *reason(sqlite3 *db, int code)
{
	int e = unwritable_errno(db, code);

	if (e)
		return strerror(e);
	return db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
}

int index_error(struct ctx *ctx, const char *what)
{
	sqlite3 *db = ctx->index ? ctx->index->db : NULL;
	int code = db ? sqlite3_errcode(db) : SQLITE_ERROR;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return error_as(FAIL_BUSY, "%s: the index is busy (another "
				"tend is updating it)", what);
	return error("%s: %s", what, db ? reason(db, code) : "no index");
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Is this an error that means the database file is not sound? */
static int is_damage(int code)
{
	code &= 0xff;
	return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

/* Run SQL that returns no rows. Returns the SQLite result code. */
static int exec(sqlite3 *db, const char *text)
{
	return sqlite3_exec(db, text, NULL, NULL, NULL);
}

/* The value of key in meta, or NULL; the caller frees it. */
static char *meta_get(sqlite3 *db, const char *key, int *rc)
{
	sqlite3_stmt *st = NULL;
	char *value = NULL;

	*rc = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?",
				 -1, &st, NULL);
	if (*rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		*rc = sqlite3_step(st);
		if (*rc == SQLITE_ROW)
			value = xstrdup((const char *)
					sqlite3_column_text(st, 0));
		if (*rc == SQLITE_ROW || *rc == SQLITE_DONE)
			*rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return value;
}

static int meta_set(sqlite3 *db, const char *key, const char *value)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta(key, "
				    "value) VALUES(?, ?)", -1, &st, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK
						     : sqlite3_errcode(db);
	}
	sqlite3_finalize(st);
	return rc;
}

/* 128 random bits in hexadecimal, into token; returns token. */
#define TOKEN_SIZE 33
static char *random_token(char token[TOKEN_SIZE])
{
	unsigned char bits[16];

	sqlite3_randomness((int)sizeof(bits), bits);
	for (size_t i = 0; i < sizeof(bits); i++)
		snprintf(token + 2 * i, 3, "%02x", bits[i]);
	return token;
}

static int meta_set_num(sqlite3 *db, const char *key, long long n)
{
	char v[32];

	snprintf(v, sizeof(v), "%lld", n);
	return meta_set(db, key, v);
}

/*
 * Give the index a new state (see index_state()): 128 random bits,
 * which no state before had.
 */
static int new_state(sqlite3 *db)
{
	char token[TOKEN_SIZE];

	return meta_set(db, "state", random_token(token));
}

/*
 * What the index was read with, beside the files: the mood scale (it
 * decides what reads as valid) and the local time zone (dates written
 * without an offset are in it). An index made with others is rebuilt.
 */
static void settings(int scale, struct buf *out)
{
	const char *tz = getenv("TZ");
	char link[512];
	ssize_t n;
	time_t jan = 1767225600, jul = 1782864000;	/* in 2026 */
	struct tm a, b;

	if (!tz) {
		n = readlink("/etc/localtime", link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = '\0';
		tz = link;
	}
	localtime_r(&jan, &a);
	localtime_r(&jul, &b);
	buf_reset(out);
	buf_addf(out, "scale=%d zone=%s %ld %ld", scale, tz,
		 (long)a.tm_gmtoff, (long)b.tm_gmtoff);
}

/*
 * Does db hold a complete index of this version, made with these
 * settings? Returns 1 if so, 0 if it must be built, or a negative SQLite
 * code (negated) when db is damaged.
 */
static int schema_ready(sqlite3 *db, int scale)
{
	struct buf want = BUF_INIT;
	char *version, *have = NULL, *complete = NULL;
	int rc, ready;

	settings(scale, &want);
	version = meta_get(db, "schema", &rc);
	if (rc != SQLITE_OK && is_damage(rc)) {
		buf_release(&want);
		return -rc;
	}
	if (rc == SQLITE_OK)
		have = meta_get(db, "settings", &rc);
	if (rc == SQLITE_OK)
		complete = meta_get(db, "complete", &rc);
	ready = version && !strcmp(version, SCHEMA_VERSION) && have &&
		!strcmp(have, want.s) && complete;
	free(version);
	free(have);
	free(complete);
	buf_release(&want);
	return ready;
}

/*
 * Inside a write transaction, empty db and make the tables anew. Returns
 * an SQLite result code.
 */
static int make_schema(sqlite3 *db, int scale)
{
	struct buf want = BUF_INIT;
	char token[TOKEN_SIZE];
	int rc;

	settings(scale, &want);
	rc = exec(db, "DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS meta;"
		  "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS entries;"
		  "DROP TABLE IF EXISTS goals; DROP TABLE IF EXISTS marks;");
	if (rc == SQLITE_OK)
		rc = exec(db, schema);
	if (rc == SQLITE_OK)
		rc = meta_set(db, "schema", SCHEMA_VERSION);
	if (rc == SQLITE_OK)
		rc = meta_set(db, "settings", want.s);
	if (rc == SQLITE_OK)
		rc = meta_set(db, "born", random_token(token));
	buf_release(&want);
	return rc;
}

/* fold(TEXT): the text in lower case, as utf8_fold() makes it. */
static void fold_sql(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);

	(void)argc;
	if (!s) {
		sqlite3_result_null(c);
		return;
	}
	sqlite3_result_text(c, utf8_fold((const char *)s), -1, free);
}

/* How open_db() opens a database to write: made when missing. */
#define OPEN_WRITE (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)

/* The SQLite VFS that keeps an encrypted journal's index encrypted. */
#define SEALED_VFS "tend-index"

/*
 * The VFS to open the index of the journal with, into *vfs: NULL for a
 * plain journal, else SEALED_VFS, registered with a key made from the
 * journal's for the index alone (dbcrypt.h). Returns an SQLite result
 * code: SQLITE_AUTH when the key stays locked.
 */
static int index_vfs(struct ctx *ctx, const char **vfs)
{
	unsigned char key[DBCRYPT_KEY_BYTES];
	int rc = SQLITE_OK;

	*vfs = NULL;
	if (!ctx->encrypted)
		return SQLITE_OK;
	if (!sqlite3_vfs_find(SEALED_VFS)) {
		if (vault_subkey(ctx, "index", key) < 0)
			rc = SQLITE_AUTH;
		else if (dbcrypt_register(SEALED_VFS, key) < 0)
			rc = SQLITE_ERROR;
		age_wipe(key, sizeof(key));
	}
	if (rc == SQLITE_OK)
		*vfs = SEALED_VFS;
	return rc;
}

/*
 * Open the database at path (":memory:" too, or a "file:" URI with
 * SQLITE_OPEN_URI among flags) with tend's settings; encrypted on disk
 * in an encrypted journal.
 */
static int open_db(struct ctx *ctx, const char *path, int flags,
		   sqlite3 **db)
{
	const char *vfs = NULL;
	int rc = strcmp(path, ":memory:") ? index_vfs(ctx, &vfs) : SQLITE_OK;

	*db = NULL;
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_open_v2(path, db, flags | SQLITE_OPEN_NOFOLLOW, vfs);
	if (rc == SQLITE_OK && vfs)
		rc = dbcrypt_prepare(*db);

	/*
	 * Grow the file before its header counts the new pages, so that
	 * no one ever sees it shorter than it says (is_cut_short()).
	 */
	int chunk = 256 * 1024;

	if (rc == SQLITE_OK)
		sqlite3_file_control(*db, "main", SQLITE_FCNTL_CHUNK_SIZE,
				     &chunk);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(*db, BUSY_MS);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(*db, "fold", 1, SQLITE_UTF8 |
					     SQLITE_DETERMINISTIC |
					     SQLITE_INNOCUOUS, NULL, fold_sql,
					     NULL, NULL);
	if (rc == SQLITE_OK)
		rc = exec(*db, "PRAGMA synchronous = NORMAL;"
			  "PRAGMA temp_store = MEMORY;");
	return rc;
}

/* Remove the index files (the database, its WAL and shared memory). */
static void remove_files(const char *path)
{
	static const char *const ends[] = { "", "-wal", "-shm", NULL };
	struct buf p = BUF_INIT;

	for (int i = 0; ends[i]; i++) {
		buf_reset(&p);
		buf_addf(&p, "%s%s", path, ends[i]);
		if (unlink(p.s) < 0 && errno != ENOENT)
			warning("cannot remove '%s': %s", p.s,
				strerror(errno));
	}
	buf_release(&p);
}

static unsigned long be(const unsigned char *p, int n)
{
	unsigned long v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

/*
 * Is the database file at path shorter than its own header says? A cut
 * file reads without errors where it ends, so this is looked at first.
 */
static int is_cut_short(const char *path)
{
	unsigned char h[100];
	struct stat st;
	unsigned long page, pages;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), cut = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && read(fd, h, sizeof(h)) == sizeof(h) &&
	    !memcmp(h, "SQLite format 3", 16) &&
	    be(h + 24, 4) == be(h + 92, 4)) {	/* size field valid */
		page = be(h + 16, 2);
		pages = be(h + 28, 4);
		if (page == 1)
			page = 65536;
		cut = (unsigned long long)st.st_size <
		      (unsigned long long)page * pages;
	}
	close(fd);
	return cut;
}

/*
 * Where the index lives: .tend/index.db, when .tend is (or can be made)
 * a real folder of the journal. Returns 0, or -1 (use memory).
 */
static int index_path(const struct ctx *ctx, struct buf *path)
{
	struct stat st;

	path_join(path, ctx->root, ".tend");
	if (mkdir(path->s, 0700) < 0 && errno != EEXIST) {
		warning("cannot keep an index in '%s' (%s); working without "
			"one", path->s, strerror(errno));
		return -1;
	}
	if (lstat(path->s, &st) < 0 || !S_ISDIR(st.st_mode)) {
		warning("'%s' is not a folder; working without an index",
			path->s);
		return -1;
	}
	buf_adds(path, "/index.db");
	return 0;
}

/* A file found on disk. */
struct found {
	char *path;		/* relative to the journal */
	long long size, mtime;
	int kind;		/* 0 entry, 1 goal */
};

/*
 * Files found under a folder, in path order, what to warn of, and the
 * folders that could not be read (what the index holds of them stays).
 */
struct found_list {
	struct found *v;
	size_t nr, alloc;
	struct strvec warnings;
	struct strvec unread;
};

static void found_clear(struct found_list *l)
{
	for (size_t i = 0; i < l->nr; i++)
		free(l->v[i].path);
	free(l->v);
	strvec_clear(&l->warnings);
	strvec_clear(&l->unread);
	memset(l, 0, sizeof(*l));
}

/* The refresh in progress. */
struct refresh {
	struct ctx *ctx;
	sqlite3 *db;
	sqlite3_stmt *st[NSTMTS];
	long long seen;		/* the time of this refresh */
	int building;		/* from nothing: nothing to forget */
	int scanned;		/* found, to_read and gone are filled */
	sqlite3_stmt *known;	/* the files table, in path order */
	int known_rc;		/* SQLITE_ROW while a row is current */
	struct found_list found;	/* the files on disk */
	size_t *to_read;	/* indices in found of the files to read */
	size_t nto_read;
	struct strvec gone;	/* paths no longer on disk */
	struct strvec undated;	/* entries to date from git */
	struct index_stats stats;
	int changed;		/* a row was added, changed or removed */
	long long seq;		/* this refresh's number: meta seq, + 1 */
	int moved;		/* more than entries rewritten in place */
};

/* Move to the next row of the files table. */
static void next_known(struct refresh *r)
{
	r->known_rc = sqlite3_step(r->known);
}

/* Is path inside one of the folders in dirs? */
static int is_under(const char *path, const struct strvec *dirs)
{
	for (size_t i = 0; i < dirs->nr; i++) {
		size_t n = strlen(dirs->v[i]);

		if (!strncmp(path, dirs->v[i], n) && path[n] == '/')
			return 1;
	}
	return 0;
}

/* A file the index holds is not on disk: gone, unless it could not look. */
static void not_found(struct refresh *r, const char *path)
{
	if (!is_under(path, &r->found.unread))
		strvec_push(&r->gone, path);
}

/*
 * Take the file found[i] (in path order): rows of the files table that
 * sort before it are gone; if it is new, or its size or time differ, or
 * it changed too close to when it was read, it is to be read.
 */
static void see_file(struct refresh *r, size_t i)
{
	const struct found *f = &r->found.v[i];
	int c = 1;

	r->stats.files++;
	while (r->known_rc == SQLITE_ROW &&
	       (c = strcmp((const char *)sqlite3_column_text(r->known, 0),
			   f->path)) < 0) {
		not_found(r, (const char *)sqlite3_column_text(r->known, 0));
		next_known(r);
	}
	if (r->known_rc != SQLITE_ROW)
		c = 1;
	if (!c) {
		long long ksize = sqlite3_column_int64(r->known, 1);
		long long kmtime = sqlite3_column_int64(r->known, 2);
		long long kseen = sqlite3_column_int64(r->known, 3);

		next_known(r);
		/* a time in the future is set by hand, not by the clock */
		if (ksize == f->size && kmtime == f->mtime &&
		    (kseen - kmtime >= RACY_NS || kmtime > kseen))
			return;
	}
	r->to_read[r->nto_read++] = i;
}

/* One name in a folder, with what a walk needs of it. */
struct dir_item {
	char *key;		/* the name, with "/" after a folder's */
	int is_dir;
	long long size, mtime;
};

static int cmp_item(const void *a, const void *b)
{
	return strcmp(((const struct dir_item *)a)->key,
		      ((const struct dir_item *)b)->key);
}

/*
 * Read the folder fd (named rel) into items, sorted in path order: the
 * files whose names end in ext (vault_md()) and, when deep, the
 * folders. Links are never followed (they are noted in warn); hidden
 * names and conflict copies are not entries.
 * Returns the number of items; the caller frees each key and the array.
 */
static size_t read_dir(DIR *d, const char *rel, int deep, const char *ext,
		       struct dir_item **items, struct strvec *warn)
{
	struct dirent *de;
	size_t n = 0, alloc = 0;

	*items = NULL;
	while ((de = readdir(d))) {
		struct stat st;
		struct dir_item *it;

		if (de->d_name[0] == '.' ||
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (S_ISLNK(st.st_mode)) {
			struct buf w = BUF_INIT;

			buf_addf(&w, "skipping symbolic link '%s/%s'", rel,
				 de->d_name);
			strvec_push(warn, w.s);
			buf_release(&w);
			continue;
		}
		if (!(S_ISDIR(st.st_mode) && deep) &&
		    !(S_ISREG(st.st_mode) && ends_with(de->d_name, ext) &&
		      !strstr(de->d_name, ".conflict-")))
			continue;
		ALLOC_GROW(*items, n + 1, alloc);
		it = &(*items)[n++];
		it->is_dir = S_ISDIR(st.st_mode);
		it->key = xmalloc(strlen(de->d_name) + 2);
		strcpy(it->key, de->d_name);
		if (it->is_dir)
			strcat(it->key, "/");
		it->size = st.st_size;
		it->mtime = (long long)st.st_mtim.tv_sec * 1000000000LL +
			    st.st_mtim.tv_nsec;
	}
	if (n)
		qsort(*items, n, sizeof(**items), cmp_item);
	return n;
}

/* Add a file to a list of found files. */
static void add_found(struct found_list *out, const char *path,
		      const struct dir_item *it, int kind)
{
	struct found *f;

	ALLOC_GROW(out->v, out->nr + 1, out->alloc);
	f = &out->v[out->nr++];
	f->path = xstrdup(path);
	f->size = it->size;
	f->mtime = it->mtime;
	f->kind = kind;
}

/* Open the subfolder named by a folder item (its key ends in '/'). */
static int open_sub(DIR *d, struct dir_item *it)
{
	it->key[strlen(it->key) - 1] = '\0';
	return openat(dirfd(d), it->key, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		      O_CLOEXEC);
}

/* Note that the folder rel cannot be read, and why (errno). */
static void unreadable(struct found_list *out, const char *rel)
{
	struct buf w = BUF_INIT;

	buf_addf(&w, "cannot read folder '%s': %s", rel, strerror(errno));
	strvec_push(&out->warnings, w.s);
	strvec_push(&out->unread, rel);
	buf_release(&w);
}

/*
 * Collect the files under the folder fd (named rel) whose names end in
 * ext into out, in path order; subfolders too when deep is set. Closes
 * fd. A fd below 0 is a folder that could not be opened, errno saying
 * why.
 */
static void collect(int fd, struct buf *rel, int kind, int deep,
		    const char *ext, struct found_list *out)
{
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dir_item *items;
	size_t n, len = rel->len;

	if (!d) {
		unreadable(out, rel->s);
		if (fd >= 0)
			close(fd);
		return;
	}
	n = read_dir(d, rel->s, deep, ext, &items, &out->warnings);
	for (size_t i = 0; i < n; i++) {
		buf_setlen(rel, len);
		buf_addf(rel, "/%s", items[i].key);
		if (items[i].is_dir) {
			int sub = open_sub(d, &items[i]);

			buf_setlen(rel, rel->len - 1);
			collect(sub, rel, kind, deep, ext, out);
		} else {
			add_found(out, rel->s, &items[i], kind);
		}
		free(items[i].key);
	}
	buf_setlen(rel, len);
	free(items);
	closedir(d);
}

/* One folder of entries/ to collect, perhaps in a thread of its own. */
struct task {
	int fd, err;	/* the folder, or -1 and why it did not open */
	struct buf rel;
	struct found_list list;
};

/* The tasks, and the next one to take; their files end in ext. */
struct tasks {
	struct task *v;
	size_t nr, next;
	pthread_mutex_t lock;
	const char *ext;
};

static void *worker(void *data)
{
	struct tasks *t = data;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&t->lock);
		i = t->next++;
		pthread_mutex_unlock(&t->lock);
		if (i >= t->nr)
			return NULL;
		errno = t->v[i].err;
		collect(t->v[i].fd, &t->v[i].rel, 0, 1, t->ext,
			&t->v[i].list);
	}
}

/*
 * Collect the files of entries/ whose names end in ext into out, in
 * path order. Its folders (years, as tend
 * files them) are read by several threads at once: on a large journal
 * the refresh is mostly waiting on stat(), once a file.
 */
static void collect_entries(int fd, const char *ext, struct found_list *out)
{
	DIR *d = fdopendir(fd);
	struct dir_item *items;
	struct tasks t = { NULL, 0, 0, PTHREAD_MUTEX_INITIALIZER, ext };
	pthread_t threads[4];
	size_t n, nthreads = 0, k = 0;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	struct buf rel = BUF_INIT;

	if (!d) {
		unreadable(out, "entries");
		close(fd);
		return;
	}
	n = read_dir(d, "entries", 1, ext, &items, &out->warnings);
	t.v = xcalloc(n + 1, sizeof(*t.v));
	for (size_t i = 0; i < n; i++) {
		if (!items[i].is_dir)
			continue;
		t.v[t.nr].fd = open_sub(d, &items[i]);
		t.v[t.nr].err = errno;
		buf_init(&t.v[t.nr].rel);
		buf_addf(&t.v[t.nr].rel, "entries/%s", items[i].key);
		t.nr++;
	}
	while (nthreads < 4 && (long)nthreads + 1 < cpus &&
	       nthreads + 1 < t.nr &&
	       !pthread_create(&threads[nthreads], NULL, worker, &t))
		nthreads++;
	worker(&t);
	for (size_t i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	/* put it together in path order */
	for (size_t i = 0; i < n; i++) {
		if (items[i].is_dir) {
			struct task *task = &t.v[k++];

			for (size_t w = 0; w < task->list.warnings.nr; w++)
				strvec_push(&out->warnings,
					    task->list.warnings.v[w]);
			for (size_t w = 0; w < task->list.unread.nr; w++)
				strvec_push(&out->unread,
					    task->list.unread.v[w]);
			for (size_t f = 0; f < task->list.nr; f++) {
				ALLOC_GROW(out->v, out->nr + 1, out->alloc);
				out->v[out->nr++] = task->list.v[f];
			}
			task->list.nr = 0;
			found_clear(&task->list);
			buf_release(&task->rel);
		} else {
			buf_reset(&rel);
			buf_addf(&rel, "entries/%s", items[i].key);
			add_found(out, rel.s, &items[i], 0);
		}
		free(items[i].key);
	}
	pthread_mutex_destroy(&t.lock);
	free(t.v);
	free(items);
	buf_release(&rel);
	closedir(d);
}

/*
 * Compare entries/ and goals/ with the files table: fills r->to_read and
 * r->gone. An entries/ that is a link or cannot be opened is refused
 * (FAIL, reported); goals/ then is only warned of, and skipped.
 */
static int scan(struct refresh *r)
{
	static const char *const tops[] = { "entries", "goals" };
	struct buf rel = BUF_INIT, full = BUF_INIT;
	int rc = 0;

	for (int k = 0; k < 2 && !rc; k++) {
		int fd;

		path_join(&full, r->ctx->root, tops[k]);
		fd = open(full.s, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			  O_CLOEXEC);
		if (fd < 0 && k == 1 && (errno == ELOOP || errno == ENOTDIR)) {
			warning("skipping '%s': a symbolic link, and tend "
				"never follows links out of the journal",
				full.s);
		} else if (fd < 0 && k == 1 && errno != ENOENT) {
			warning("skipping '%s': %s", full.s, strerror(errno));
			strvec_push(&r->found.unread, "goals");
		} else if (fd < 0) {
			if (errno == ELOOP || errno == ENOTDIR)
				rc = error("refusing to follow symbolic link "
					   "'%s'", full.s);
			else if (errno != ENOENT)
				rc = error("cannot open folder '%s': %s",
					   full.s, strerror(errno));
		}
		if (fd < 0)
			continue;
		buf_reset(&rel);
		buf_adds(&rel, tops[k]);
		if (k == 0)
			collect_entries(fd, vault_md(r->ctx), &r->found);
		else
			collect(fd, &rel, 1, 0, vault_md(r->ctx), &r->found);
	}
	buf_release(&rel);
	buf_release(&full);
	for (size_t i = 0; i < r->found.warnings.nr; i++)
		warning("%s", r->found.warnings.v[i]);
	if (rc)
		return rc;

	rc = sqlite3_prepare_v2(r->db, "SELECT path, size, mtime, seen FROM "
				"files ORDER BY path", -1, &r->known, NULL);
	if (rc != SQLITE_OK)
		return rc;
	next_known(r);
	r->to_read = xcalloc(r->found.nr + 1, sizeof(*r->to_read));
	for (size_t i = 0; i < r->found.nr; i++)
		see_file(r, i);
	/* what is left of the table is gone from disk */
	while (r->known_rc == SQLITE_ROW) {
		not_found(r, (const char *)sqlite3_column_text(r->known, 0));
		next_known(r);
	}
	if (r->known_rc != SQLITE_DONE)
		rc = r->known_rc;
	sqlite3_finalize(r->known);
	r->known = NULL;
	return rc;
}

/* Step a statement that returns no rows, and reset it for reuse. */
static int run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Forget everything the index holds of path. */
static int forget(struct refresh *r, const char *path)
{
	for (int k = DEL_FTS; k <= DEL_FILE; k++) {
		int rc;

		sqlite3_bind_text(r->st[k], 1, path, -1, SQLITE_STATIC);
		if ((rc = run(r->st[k])) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* Join a list with sep into out (replacing it). */
static void join(struct buf *out, const struct strvec *list, char sep)
{
	buf_reset(out);
	for (size_t i = 0; i < list->nr; i++) {
		if (i)
			buf_addch(out, sep);
		buf_adds(out, list->v[i]);
	}
}

/*
 * A list as the entries table keeps it: each item on a line of its own,
 * with a line break before the first and after the last ("\nA\nB\n"), so
 * that instr() finds "\nA\n" exactly.
 */
static void lines(struct buf *out, const struct strvec *list)
{
	join(out, list, '\n');
	if (list->nr) {
		buf_addch(out, '\n');
		buf_insert_ch(out, 0, '\n');
	}
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Put a read entry in the tables. */
static int add_entry(struct refresh *r, struct entry *e)
{
	sqlite3_stmt *st = r->st[INS_ENTRY];
	struct buf date = BUF_INIT, list = BUF_INIT;
	struct strvec marked = STRVEC_INIT;
	sqlite3_int64 n;
	const char *body;
	size_t len;
	int rc;

	datetime_format(&e->date, &date);
	bind_text(st, 1, e->path);
	bind_text(st, 2, e->id);
	bind_text(st, 3, e->title);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)e->date.t);
	bind_text(st, 5, date.s);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)e->date.t +
			   (sqlite3_int64)e->date.offset * 60);
	if (e->mood)
		sqlite3_bind_int(st, 7, e->mood);
	lines(&list, &e->feelings);
	bind_text(st, 8, list.s);
	lines(&list, &e->goals);
	bind_text(st, 9, list.s);
	lines(&list, &e->tags);
	bind_text(st, 10, list.s);
	buf_reset(&list);
	for (size_t i = 0; i + 1 < e->ratings.nr; i += 2)
		buf_addf(&list, "\n%s=%s", e->ratings.v[i],
			 e->ratings.v[i + 1]);
	if (list.len)
		buf_addch(&list, '\n');
	bind_text(st, 11, list.s);
	bind_text(st, 12, e->prompt);
	sqlite3_bind_int(st, 13, e->share);
	sqlite3_bind_int(st, 14, e->private);
	sqlite3_bind_int64(st, 15, (sqlite3_int64)e->words);
	sqlite3_bind_int64(st, 16, (sqlite3_int64)hash_add(HASH_INIT,
							   e->text.s,
							   e->text.len));
	sqlite3_bind_int64(st, 17, r->seq);
	if ((rc = run(st)) != SQLITE_OK)
		goto out;
	n = sqlite3_last_insert_rowid(r->db);

	st = r->st[INS_FTS];
	body = entry_body(e, &len);
	sqlite3_bind_int64(st, 1, n);
	bind_text(st, 2, e->title);
	sqlite3_bind_text(st, 3, body, (int)len, SQLITE_STATIC);
	join(&list, &e->tags, ' ');
	bind_text(st, 4, list.s);
	join(&list, &e->feelings, ' ');
	bind_text(st, 5, list.s);
	rc = run(st);
	for (size_t k = 0; rc == SQLITE_OK && k < e->tags.nr + e->goals.nr;
	     k++) {
		char *folded = k < e->tags.nr ? utf8_fold(e->tags.v[k]) : NULL;

		buf_reset(&list);
		buf_addf(&list, "%s:%s", folded ? "t" : "g", folded ? folded
			 : e->goals.v[k - e->tags.nr]);
		free(folded);
		/* two spellings of one tag, or a goal named twice: once */
		if (strvec_find(&marked, list.s) >= 0)
			continue;
		strvec_push(&marked, list.s);
		st = r->st[INS_MARK];
		bind_text(st, 1, list.s);
		sqlite3_bind_int64(st, 2, n);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)e->date.t);
		bind_text(st, 4, e->id);
		sqlite3_bind_int(st, 5, !!e->private);
		rc = run(st);
	}
out:
	strvec_clear(&marked);
	buf_release(&date);
	buf_release(&list);
	return rc;
}

/* A goal's date as text, or NULL. */
static void bind_date(sqlite3_stmt *st, int i, int has,
		      const struct datetime *dt, struct buf *tmp)
{
	buf_reset(tmp);
	if (!has) {
		sqlite3_bind_null(st, i);
		return;
	}
	if (dt->has_time)
		datetime_format(dt, tmp);
	else
		buf_addf(tmp, "%04d-%02d-%02d", dt->wall.tm_year + 1900,
			 dt->wall.tm_mon + 1, dt->wall.tm_mday);
	sqlite3_bind_text(st, i, tmp->s, -1, SQLITE_TRANSIENT);
}

static int add_goal(struct refresh *r, struct goal *g)
{
	sqlite3_stmt *st = r->st[INS_GOAL];
	struct buf tmp = BUF_INIT;
	int rc;

	bind_text(st, 1, g->id);
	bind_text(st, 2, g->path);
	bind_text(st, 3, g->title);
	bind_text(st, 4, g->status);
	bind_date(st, 5, g->has_started, &g->started, &tmp);
	bind_date(st, 6, g->has_target, &g->target, &tmp);
	bind_date(st, 7, g->has_achieved, &g->achieved, &tmp);
	join(&tmp, &g->topics, '\n');
	bind_text(st, 8, tmp.s);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)hash_add(HASH_INIT,
							   g->text.s,
							   g->text.len));
	rc = run(st);
	buf_release(&tmp);
	return rc;
}

/*
 * The date of an entry whose front matter cannot be read, as well as it
 * can be told: a "date:" line that reads, else the date of its name,
 * else the file's time.
 */
static time_t broken_date(const struct entry *e, const struct found *f)
{
	const char *p = e->text.s, *end = p + e->text.len;
	struct datetime dt;

	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n > 5 && n < 64 && !strncmp(p, "date:", 5)) {
			char v[64];
			size_t k = n - 5;
			char *s = v;

			memcpy(v, p + 5, k);
			v[k] = '\0';
			while (*s == ' ' || *s == '"' || *s == '\'')
				s++;
			while (k && strchr(" \r\"'", v[k - 1]))
				v[--k] = '\0';
			if (!datetime_parse(s, &dt))
				return dt.t;
		}
		p = nl ? nl + 1 : NULL;
	}
	if (e->id && entry_date_from_name(e->id, &dt))
		return dt.t;
	return (time_t)(f->mtime / 1000000000LL);
}

/*
 * What the index holds of the file at path, as one number: equal
 * numbers, equal rows. With ROW_OF as which: the file's problem and how
 * it is dated; an entry's ID, date and the sum of its text; a goal's
 * sum, as a goal is read from its file by those who show it. With
 * PLACE_OF: where it puts its entry (see index_seq()). 0 when it holds
 * nothing.
 */
static int row_print(struct refresh *r, int which, const char *path,
		     uint64_t *out)
{
	sqlite3_stmt *st = r->st[which];
	int rc;

	*out = 0;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		uint64_t h = HASH_INIT;

		for (int k = 0; k < sqlite3_column_count(st); k++) {
			int type = sqlite3_column_type(st, k);
			const unsigned char *v = sqlite3_column_text(st, k);

			h = hash_add(h, &type, sizeof(type));
			if (v)
				h = hash_add(h, v, strlen((const char *)v) +
					     1);
		}
		*out = h;
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Read one file (new or changed) into the index: its rows anew, or, when
 * it cannot be read as an entry or goal, the problem to warn of.
 */
static int read_file(struct refresh *r, const struct found *f)
{
	struct ctx *ctx = r->ctx;
	struct buf full = BUF_INIT, problem = BUF_INIT;
	struct fm_error err = FM_ERROR_INIT;
	struct entry e;
	struct goal g;
	sqlite3_stmt *st = r->st[INS_FILE];
	char *id = entry_path_id(f->path);
	int rc, dated = DATED_OWN;
	uint64_t before = 0, after = 0, place = 0, place_after = 0;
	sqlite3_int64 seq = 0;

	entry_init(&e);
	goal_init(&g);
	if (!r->building) {
		/* the refresh that read it last, kept if it reads the same */
		sqlite3_stmt *q = r->st[SEQ_OF];

		sqlite3_bind_text(q, 1, f->path, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			seq = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
	}
	if (!r->building &&
	    ((rc = row_print(r, ROW_OF, f->path, &before)) != SQLITE_OK ||
	     (rc = row_print(r, PLACE_OF, f->path, &place)) != SQLITE_OK))
		goto out;
	if (!r->building && (rc = forget(r, f->path)) != SQLITE_OK)
		goto out;
	path_join(&full, ctx->root, f->path);
	if (f->kind == 0) {
		e.id = xstrdup(id);
		e.path = xstrdup(f->path);
		if (vault_read_at(ctx, full.s, f->path, ENTRY_MAX_BYTES,
				  &e.text, FS_QUIET) < 0)
			buf_addf(&problem, "%s:1:1: cannot be read: %s",
				 f->path, strerror(errno));
		else if (entry_parse(&e, ctx->cfg.mood_scale, &err) < 0)
			buf_addf(&problem, "%s:%d:%d: %s", f->path, err.line,
				 err.col, err.msg.s);
	} else {
		/* its ID is its name's, or an encrypted journal's id: */
		if (vault_read_at(ctx, full.s, f->path, ENTRY_MAX_BYTES,
				  &g.text, FS_QUIET) < 0)
			buf_addf(&problem, "%s:1:1: cannot be read: %s",
				 f->path, strerror(errno));
		else if (goal_parse_file(ctx, f->path, &g, &err) < 0)
			buf_addf(&problem, "%s:%d:%d: %s", f->path, err.line,
				 err.col, err.msg.s);
	}
	if (!problem.len) {
		if (f->kind == 0 && !e.has_date) {
			/* for now; date_from_git() looks for its commit */
			datetime_local((time_t)(f->mtime / 1000000000LL),
				       &e.date);
			e.has_date = 1;
			dated = DATED_FILE;
			strvec_push(&r->undated, f->path);
		}
		rc = f->kind == 0 ? add_entry(r, &e) : add_goal(r, &g);
		if (rc != SQLITE_OK)
			goto out;
	} else {
		r->stats.broken++;
	}
	bind_text(st, 1, f->path);
	sqlite3_bind_int(st, 2, f->kind);
	bind_text(st, 3, id);
	sqlite3_bind_int64(st, 4, f->size);
	sqlite3_bind_int64(st, 5, f->mtime);
	sqlite3_bind_int64(st, 6, r->seen);
	bind_text(st, 7, problem.len ? problem.s : NULL);
	sqlite3_bind_int(st, 8, dated);
	if (problem.len && f->kind == 0)
		sqlite3_bind_int64(st, 9, (sqlite3_int64)broken_date(&e, f));
	rc = run(st);
	r->stats.read++;
	if (rc == SQLITE_OK && (r->building ||
				(rc = row_print(r, ROW_OF, f->path, &after)) !=
				SQLITE_OK || after != before))
		r->changed = 1;
	else if (rc == SQLITE_OK && seq) {
		st = r->st[SET_SEQ];
		bind_text(st, 1, f->path);
		sqlite3_bind_int64(st, 2, seq);
		rc = run(st);
	}
	if (rc == SQLITE_OK && !r->building &&
	    (rc = row_print(r, PLACE_OF, f->path, &place_after)) ==
	    SQLITE_OK && (!place || place_after != place))
		r->moved = 1;
out:
	free(id);
	entry_release(&e);
	goal_release(&g);
	fm_error_release(&err);
	buf_release(&full);
	buf_release(&problem);
	return rc;
}

/*
 * Date the entries that name no date of their own by the commit that added
 * each file (tend-journal(5)), in one walk of the history for all of them.
 * Until a file is committed its date is the file's time; those are looked at
 * again whenever HEAD has moved.
 */
static int date_from_git(struct refresh *r)
{
	sqlite3_stmt *st = NULL;
	struct strvec waiting = STRVEC_INIT, *paths = &r->undated;
	struct buf head = BUF_INIT, text = BUF_INIT;
	char *seen_head = NULL;
	time_t *when = NULL;
	int rc;

	rc = sqlite3_prepare_v2(r->db, "SELECT path FROM files WHERE "
				"dated = 2 ORDER BY path", -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		strvec_push(&waiting, (const char *)sqlite3_column_text(st, 0));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto out;
	rc = SQLITE_OK;
	if (!waiting.nr)
		goto out;
	store_head_hex(r->ctx, &head);
	seen_head = meta_get(r->db, "head", &rc);
	if (rc != SQLITE_OK)
		goto out;
	if (!seen_head || strcmp(seen_head, head.s))
		paths = &waiting;	/* all of them, sorted */
	else
		strvec_sort(paths);
	if (paths->nr && head.len) {
		when = xcalloc(paths->nr, sizeof(*when));
		store_added_dates(r->ctx, paths, when);
	}
	for (size_t i = 0; when && rc == SQLITE_OK && i < paths->nr; i++) {
		struct datetime dt;

		if (!when[i])
			continue;
		datetime_local(when[i], &dt);
		buf_reset(&text);
		datetime_format(&dt, &text);
		st = r->st[SET_DATE];
		bind_text(st, 1, paths->v[i]);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)dt.t);
		bind_text(st, 3, text.s);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)dt.t +
				   (sqlite3_int64)dt.offset * 60);
		if ((rc = run(st)) == SQLITE_OK) {
			st = r->st[SET_MARK_DATE];
			bind_text(st, 1, paths->v[i]);
			sqlite3_bind_int64(st, 2, (sqlite3_int64)dt.t);
			rc = run(st);
		}
		if (rc == SQLITE_OK) {
			st = r->st[SET_DATED];
			bind_text(st, 1, paths->v[i]);
			rc = run(st);
			r->changed = 1;
			r->moved = 1;
		}
	}
	if (rc == SQLITE_OK)
		rc = meta_set(r->db, "head", head.s);
out:
	strvec_clear(&waiting);
	buf_release(&head);
	buf_release(&text);
	free(seen_head);
	free(when);
	return rc;
}

/* The number of this refresh, one more than the last's, into r->seq. */
static int next_seq(struct refresh *r)
{
	int rc;
	char *v = meta_get(r->db, "seq", &rc);

	r->seq = (v ? strtoll(v, NULL, 10) : 0) + 1;
	free(v);
	return rc;
}

/*
 * After a refresh r read what it had to: when a row changed, a new
 * state, and the refresh's number as the index's seq (and as moved,
 * when more than entries in place changed: see index_seq()).
 */
static int mark_changes(struct refresh *r)
{
	int rc = SQLITE_OK;

	if (r->changed || r->building)
		rc = new_state(r->db);
	if (rc == SQLITE_OK && (r->changed || r->building))
		rc = meta_set_num(r->db, "seq", r->seq);
	if (rc == SQLITE_OK && (r->moved || r->building))
		rc = meta_set_num(r->db, "moved", r->seq);
	return rc;
}

/* Prepare the statements of a refresh. */
static int prepare(struct refresh *r)
{
	for (int k = 0; k < NSTMTS; k++) {
		int rc = sqlite3_prepare_v3(r->db, sql[k], -1,
					    SQLITE_PREPARE_PERSISTENT,
					    &r->st[k], NULL);

		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/*
 * Compare the files on disk with the index (once: the first call) and
 * read what changed, inside the write transaction the caller began.
 * Returns an SQLite result code (errors not yet reported), or FAIL after
 * reporting a problem with the journal's folders.
 */
static int refresh(struct refresh *r)
{
	struct progress meter;
	int rc = SQLITE_OK;

	if (!r->st[0])
		rc = prepare(r);
	if (rc == SQLITE_OK)
		rc = next_seq(r);
	if (rc == SQLITE_OK && !r->scanned)
		rc = scan(r);
	r->scanned = 1;
	for (size_t k = 0; rc == SQLITE_OK && k < r->gone.nr; k++) {
		rc = forget(r, r->gone.v[k]);
		r->stats.removed++;
		r->changed = 1;
		r->moved = 1;
	}
	progress_start(&meter, r->ctx, "indexing", "files");
	for (size_t k = 0; rc == SQLITE_OK && k < r->nto_read; k++) {
		rc = read_file(r, &r->found.v[r->to_read[k]]);
		progress_update(&meter, k + 1, r->nto_read);
	}
	progress_end(&meter);
	if (rc == SQLITE_OK)
		rc = date_from_git(r);
	if (rc == SQLITE_OK)
		rc = mark_changes(r);
	return rc;
}

/* The value of PRAGMA data_version: it changes when others commit. */
static int data_version(sqlite3 *db, sqlite3_int64 *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * Inside a read transaction, look at what a refresh has to do. Returns
 * an SQLite result code, or FAIL; *work says if there is any.
 */
static int look_in(struct refresh *r, sqlite3_int64 *version, int *work)
{
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_OK, waiting = 0;

	if (!r->st[0])
		rc = prepare(r);
	if (rc == SQLITE_OK)
		rc = scan(r);
	r->scanned = 1;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(r->db, "SELECT 1 FROM files WHERE "
					"dated = 2 LIMIT 1", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		waiting = rc == SQLITE_ROW;
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = data_version(r->db, version);
	*work = r->nto_read || r->gone.nr || waiting;
	return rc;
}

/*
 * Look at what a refresh has to do without the write lock, so that the
 * usual case, nothing changed, never waits for a writer nor stops one.
 * Returns as look_in() does.
 */
static int look(struct refresh *r, sqlite3_int64 *version, int *work)
{
	int rc = exec(r->db, "BEGIN");

	*work = 1;
	if (rc == SQLITE_OK)
		rc = look_in(r, version, work);
	if (!sqlite3_get_autocommit(r->db))
		exec(r->db, "COMMIT");
	return rc;
}

/* Forget a look taken before others changed the index: scan again. */
static void look_again(struct refresh *r)
{
	found_clear(&r->found);
	free(r->to_read);
	r->to_read = NULL;
	r->nto_read = 0;
	strvec_clear(&r->gone);
	memset(&r->stats, 0, sizeof(r->stats));
	r->scanned = 0;
}

/* Let go of what a refresh holds. */
static void refresh_release(struct refresh *r)
{
	for (int k = 0; k < NSTMTS; k++)
		sqlite3_finalize(r->st[k]);
	found_clear(&r->found);
	free(r->to_read);
	strvec_clear(&r->gone);
	strvec_clear(&r->undated);
}

/*
 * Bring the open index up to date, building it from nothing when it is
 * empty or of another version (or rebuild is set). A build from nothing
 * runs without a rollback journal (it is a cache: an interrupted build is
 * found incomplete and made again), which makes it several times faster;
 * the index is then left in WAL mode for the commands that follow. A
 * rebuild of a sound index stays in WAL mode, so that others go on
 * reading the old one until the new one is complete.
 */
static int update(struct ctx *ctx, int rebuild, struct index_stats *stats)
{
	struct refresh r = { .ctx = ctx, .db = ctx->index->db,
			     .seen = now_ns() };
	sqlite3 *db = r.db;
	sqlite3_int64 seen_version = -1, version;
	int ready = schema_ready(db, ctx->cfg.mood_scale), rc, work;
	int unjournaled = !ready;

	if (ready < 0)
		return -ready;
	if (unjournaled) {
		/* only takes effect when no one else has the index open */
		exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		     "PRAGMA cache_size = -16384");
	} else if ((rc = exec(db, "PRAGMA journal_mode = WAL")) != SQLITE_OK) {
		return rc;
	}
	if (ready && !rebuild) {
		if ((rc = look(&r, &seen_version, &work)) != SQLITE_OK ||
		    !work)
			goto out;
	}
	if ((rc = exec(db, "BEGIN IMMEDIATE")) != SQLITE_OK)
		goto out;
	/* someone may have built or changed it while we waited */
	ready = schema_ready(db, ctx->cfg.mood_scale);
	if (ready < 0) {
		rc = -ready;
		goto out;
	}
	r.building = rebuild || !ready;
	if (r.scanned && (r.building || data_version(db, &version) ||
			  version != seen_version))
		look_again(&r);
	if (r.building && (rc = make_schema(db, ctx->cfg.mood_scale))) {
		/* tables that cannot even be dropped are damaged ones */
		if ((rc & 0xff) == SQLITE_ERROR)
			rc = SQLITE_CORRUPT;
		goto out;
	}
	rc = refresh(&r);
	/*
	 * Without a rollback journal a COMMIT that fails (a full disk) or is
	 * killed leaves the pages it had written, in page order, which may
	 * put "complete" before the rest: it is marked once all else is in.
	 */
	if (rc == SQLITE_OK && r.building && unjournaled &&
	    (rc = exec(db, "COMMIT")) == SQLITE_OK)
		rc = exec(db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK && r.building)
		rc = meta_set(db, "complete", "1");
	if (rc == SQLITE_OK)
		rc = exec(db, "COMMIT");
	/* asked to start from nothing: give back the old one's space too */
	if (rc == SQLITE_OK && rebuild && !unjournaled)
		exec(db, "VACUUM");
out:
	if (rc != SQLITE_OK && !sqlite3_get_autocommit(db))
		exec(db, "ROLLBACK");
	refresh_release(&r);
	if (unjournaled) {
		exec(db, "PRAGMA journal_mode = WAL;"
		     "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000");
		/*
		 * Reads go through the WAL from here on, and their first one
		 * makes its shared memory: a disk too full for that fails
		 * here, where index_open() can still read the index another
		 * way.
		 */
		if (rc == SQLITE_OK)
			rc = exec(db, "SELECT 1 FROM meta LIMIT 1");
	}
	if (stats)
		*stats = r.stats;
	return rc;
}

/* Add path to a "file:" URI, as a URI may hold it: other bytes as %XX. */
static void uri_path(struct buf *uri, const char *path)
{
	for (const char *p = path; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("/-._~", c))
			buf_addch(uri, (char)c);
		else
			buf_addf(uri, "%%%02X", c);
	}
}

/*
 * Open the index at path to read it as it is, writing nothing, for when
 * the disk is full. While its shared-memory file is there (another tend
 * has it open, or one was stopped), it is read through that, read only;
 * SQLite then reads the WAL by itself when no one else has it open.
 * Without one no one has it open, and an index whose WAL is empty or
 * gone is all in its one file, read as a file that does not change.
 * Returns an SQLite result code: SQLITE_CANTOPEN when neither holds.
 */
static int open_read_only(struct ctx *ctx, const char *path, sqlite3 **db)
{
	struct buf uri = BUF_INIT, side = BUF_INIT;
	struct stat st;
	int shm, wal_empty, rc = SQLITE_CANTOPEN;

	*db = NULL;
	buf_addf(&side, "%s-shm", path);
	shm = lstat(side.s, &st) == 0;
	buf_reset(&side);
	buf_addf(&side, "%s-wal", path);
	wal_empty = lstat(side.s, &st) < 0 ? errno == ENOENT
					    : st.st_size == 0;
	if (shm || wal_empty) {
		buf_adds(&uri, "file:");
		uri_path(&uri, path);
		buf_adds(&uri, shm ? "?mode=ro&readonly_shm=1"
				   : "?mode=ro&immutable=1");
		rc = open_db(ctx, uri.s, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
			     db);
	}
	buf_release(&uri);
	buf_release(&side);
	return rc;
}

/* Copy the database from (as its read transaction sees it) into to. */
static int copy_db(sqlite3 *from, sqlite3 *to)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc;

	if (!b)
		return sqlite3_errcode(to);
	rc = sqlite3_backup_step(b, -1);
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE)
		return sqlite3_errcode(to) ? sqlite3_errcode(to) : rc;
	return SQLITE_OK;
}

/*
 * The index for when the disk is full or fails to write (errnum says
 * how) and the one at path cannot be written: that one read as it is,
 * when it is up to date; else a copy of it in memory brought up to date
 * there, the files that changed read again; else one built in memory.
 * Nothing is written to the disk. A refresh that must reach the disk
 * (INDEX_SAVE) and has work to do fails instead. Returns an SQLite
 * result code, or FAIL after reporting.
 */
static int open_full(struct ctx *ctx, const char *path, unsigned flags,
		     int errnum, struct index_stats *stats)
{
	struct index *ix = ctx->index;
	struct refresh r = { .ctx = ctx, .seen = now_ns() };
	sqlite3 *ro = NULL;
	sqlite3_int64 version;
	int rc, usable = 0, work = 1;

	sqlite3_close(ix->db);
	ix->db = NULL;
	if (!(flags & INDEX_REBUILD) &&
	    open_read_only(ctx, path, &ro) == SQLITE_OK &&
	    exec(ro, "BEGIN") == SQLITE_OK &&
	    schema_ready(ro, ctx->cfg.mood_scale) == 1) {
		r.db = ro;
		if ((rc = look_in(&r, &version, &work)) == FAIL)
			goto out;
		usable = rc == SQLITE_OK;
	}
	if ((flags & INDEX_SAVE) && (!usable || work)) {
		rc = error("cannot bring the index up to date: %s",
			   strerror(errnum));
		goto out;
	}
	warning("cannot update the index: %s", strerror(errnum));
	if (usable && !work) {
		exec(ro, "COMMIT");
		ix->db = ro;
		ix->read_only = 1;
		ro = NULL;
		rc = SQLITE_OK;
		goto out;
	}
	ix->memory = 1;
	rc = open_db(ctx, ":memory:", OPEN_WRITE, &ix->db);
	if (rc == SQLITE_OK && usable && copy_db(ro, ix->db) == SQLITE_OK) {
		/* go on with what look_in() found, in the copy */
		for (int k = 0; k < NSTMTS; k++) {
			sqlite3_finalize(r.st[k]);
			r.st[k] = NULL;
		}
		r.db = ix->db;
		rc = exec(r.db, "BEGIN");
		if (rc == SQLITE_OK)
			rc = refresh(&r);
		if (rc == SQLITE_OK)
			rc = exec(r.db, "COMMIT");
		if (rc != SQLITE_OK && !sqlite3_get_autocommit(r.db))
			exec(r.db, "ROLLBACK");
	} else if (rc == SQLITE_OK) {
		/* nothing to start from: built from the files, in memory */
		sqlite3_close(ix->db);
		rc = open_db(ctx, ":memory:", OPEN_WRITE, &ix->db);
		if (rc == SQLITE_OK) {
			rc = update(ctx, 0, stats);
			stats = NULL;
		}
	}
out:
	if (stats)
		*stats = r.stats;
	refresh_release(&r);
	sqlite3_close(ro);
	return rc;
}

int index_open(struct ctx *ctx, unsigned flags, struct index_stats *stats)
{
	struct buf path = BUF_INIT;
	struct index *ix = xcalloc(1, sizeof(*ix));
	int rc, damaged = 0, full;

	ctx->index = ix;
	if (index_path(ctx, &path) < 0) {
		ix->memory = 1;
	} else if (is_cut_short(path.s)) {
		warning("the index '%s' is damaged; building it again",
			path.s);
		damaged = 1;
		remove_files(path.s);
	}
	for (;;) {
		rc = open_db(ctx, ix->memory ? ":memory:" : path.s, OPEN_WRITE,
			     &ix->db);
		if (rc == SQLITE_OK)
			rc = update(ctx, flags & INDEX_REBUILD, stats);
		if (rc == SQLITE_OK || rc == FAIL)
			break;
		if (!ix->memory && (full = unwritable_errno(ix->db, rc))) {
			rc = open_full(ctx, path.s, flags, full, stats);
			if (rc != SQLITE_OK && rc != FAIL)
				rc = index_error(ctx, "cannot read the index");
			break;
		}
		if (is_damage(rc) && !ix->memory && !damaged++) {
			warning("the index '%s' is damaged; building it again",
				path.s);
		} else if (!ix->memory && ((rc & 0xff) == SQLITE_CANTOPEN ||
					   (rc & 0xff) == SQLITE_READONLY ||
					   (rc & 0xff) == SQLITE_PERM)) {
			warning("cannot keep an index in '%s' (%s); working "
				"without one", path.s, sqlite3_errstr(rc));
			ix->memory = 1;
		} else {
			rc = index_error(ctx, "cannot bring the index up to "
					 "date");
			break;
		}
		sqlite3_close(ix->db);
		ix->db = NULL;
		if (!ix->memory)
			remove_files(path.s);
	}
	buf_release(&path);
	return rc == SQLITE_OK ? 0 : rc;
}

void index_note(struct ctx *ctx, const char *path)
{
	struct buf db_path = BUF_INIT, full = BUF_INIT;
	struct refresh r = { .ctx = ctx, .seen = now_ns() };
	struct found f = { (char *)path, 0, 0, 0 };
	struct stat st;
	int rc = SQLITE_OK;

	path_join(&db_path, ctx->root, ".tend/index.db");
	path_join(&full, ctx->root, path);
	if (lstat(full.s, &st) < 0)
		goto out;
	f.size = st.st_size;
	f.mtime = (long long)st.st_mtim.tv_sec * 1000000000LL +
		  st.st_mtim.tv_nsec;
	f.kind = starts_with(path, "goals/");
	if (ctx->index && ctx->index->read_only)
		goto out;	/* the disk is full: the next refresh sees it */
	if (ctx->index) {
		r.db = ctx->index->db;	/* open already: use it */
	} else {
		if (!fs_exists(db_path.s))
			goto out;	/* none yet: the next read builds it */
		rc = open_db(ctx, db_path.s, OPEN_WRITE, &r.db);
		if (rc == SQLITE_OK &&
		    schema_ready(r.db, ctx->cfg.mood_scale) != 1)
			goto close;	/* not built yet: a refresh will */
		if (rc == SQLITE_OK)
			rc = exec(r.db, "PRAGMA journal_mode = WAL");
	}
	if (rc == SQLITE_OK)
		rc = exec(r.db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK && (rc = prepare(&r)) == SQLITE_OK &&
	    (rc = next_seq(&r)) == SQLITE_OK &&
	    (rc = read_file(&r, &f)) == SQLITE_OK &&
	    (rc = date_from_git(&r)) == SQLITE_OK &&
	    (rc = mark_changes(&r)) == SQLITE_OK)
		rc = exec(r.db, "COMMIT");
	if (rc != SQLITE_OK) {
		warning("cannot add '%s' to the index (%s); the next command "
			"will", path, reason(r.db, rc));
		if (!sqlite3_get_autocommit(r.db))
			exec(r.db, "ROLLBACK");
	}
close:
	refresh_release(&r);
	if (!ctx->index)
		sqlite3_close(r.db);
out:
	buf_release(&db_path);
	buf_release(&full);
}

void index_warn_broken(struct ctx *ctx)
{
	sqlite3_stmt *st = NULL;

	if (!ctx->index || sqlite3_prepare_v2(ctx->index->db, "SELECT problem "
					     "FROM files WHERE problem IS NOT "
					     "NULL ORDER BY path", -1, &st,
					     NULL) != SQLITE_OK)
		return;
	fflush(stdout);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(stderr, "%s\n", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

void index_close(struct ctx *ctx)
{
	if (ctx->index) {
		sqlite3_finalize(ctx->index->body);
		sqlite3_close(ctx->index->db);
		free(ctx->index);
		ctx->index = NULL;
	}
	/* its key too, once no database is open through it */
	dbcrypt_unregister(SEALED_VFS);
}

int index_ready(struct ctx *ctx)
{
	return ctx->index ? 0 : index_open(ctx, 0, NULL);
}

int index_if_built(struct ctx *ctx)
{
	struct buf path = BUF_INIT;
	int there;

	if (ctx->index)
		return 0;
	path_join(&path, ctx->root, ".tend/index.db");
	there = fs_exists(path.s);
	buf_release(&path);
	return there ? index_open(ctx, 0, NULL) : 1;
}

int index_find(struct ctx *ctx, const char *prefix, struct strvec *ids,
	       struct strvec *paths)
{
	sqlite3_stmt *st = NULL;
	struct buf upper = BUF_INIT;
	int rc;

	if ((rc = index_ready(ctx)) < 0)
		return rc;
	/* every text that starts with prefix sorts below prefix + 0xff */
	buf_addf(&upper, "%s\xff", prefix);
	rc = sqlite3_prepare_v2(ctx->index->db, "SELECT id, path FROM files "
				"WHERE kind = 0 AND id >= ? AND id < ? "
				"ORDER BY id, path", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, upper.s, -1, SQLITE_STATIC);
	}
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		strvec_push(ids, (const char *)sqlite3_column_text(st, 0));
		strvec_push(paths, (const char *)sqlite3_column_text(st, 1));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	buf_release(&upper);
	return rc == SQLITE_DONE ? 0 : index_error(ctx, "cannot read the "
						   "index");
}

int index_words(struct ctx *ctx, enum index_word kind, struct strvec *words)
{
	static const char *const sql[] = {
		/* the smallest table that has them: entries that read */
		[INDEX_WORD_IDS] = "SELECT id FROM entries",
		[INDEX_WORD_TAGS] = "SELECT DISTINCT tags FROM entries",
		[INDEX_WORD_FEELINGS] = ("SELECT DISTINCT feelings "
					 "FROM entries"),
		[INDEX_WORD_GOALS] = "SELECT id FROM goals"
	};
	struct buf path = BUF_INIT;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_ERROR;

	path_join(&path, ctx->root, ".tend/index.db");
	if (!fs_exists(path.s) ||
	    open_db(ctx, path.s, SQLITE_OPEN_READONLY, &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql[kind], -1, &st, NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if (!s)		/* a damaged index: nothing to offer */
			continue;
		if (kind == INDEX_WORD_IDS || kind == INDEX_WORD_GOALS) {
			strvec_push(words, s);
			continue;
		}
		/* a list: each item on a line of its own */
		for (const char *end; *s; s = end) {
			end = strchrnul(s, '\n');
			if (end > s)
				strvec_pushn(words, s, (size_t)(end - s));
			if (*end)
				end++;
		}
	}
	strvec_sort(words);
	strvec_uniq(words);
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (!ctx->index)	/* no other database reads through its key */
		dbcrypt_unregister(SEALED_VFS);
	buf_release(&path);
	return rc == SQLITE_DONE ? 0 : 1;
}

int index_newest(struct ctx *ctx, struct buf *path)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = index_ready(ctx)) < 0)
		return rc;
	/* an entry that cannot be read may be the newest: it is shown
	   (and fails with its problem), or edited to mend it */
	rc = sqlite3_prepare_v2(ctx->index->db, "SELECT path FROM (SELECT "
				"path, id, date FROM entries UNION ALL SELECT "
				"path, id, broken_date FROM files WHERE "
				"broken_date IS NOT NULL) ORDER BY date DESC, "
				"id DESC LIMIT 1", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		buf_reset(path);
		buf_adds(path, (const char *)sqlite3_column_text(st, 0));
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 1;
	} else {
		rc = index_error(ctx, "cannot read the index");
	}
	sqlite3_finalize(st);
	return rc;
}

int index_body(struct ctx *ctx, const char *path, struct buf *out)
{
	struct index *ix = ctx->index;
	int rc = ix->body ? SQLITE_OK
		 : sqlite3_prepare_v2(ix->db, "SELECT body FROM fts WHERE "
				      "rowid = (SELECT n FROM entries WHERE "
				      "path = ?)", -1, &ix->body, NULL);

	buf_reset(out);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(ix->body, 1, path, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (rc = sqlite3_step(ix->body)) == SQLITE_ROW) {
		buf_add(out, sqlite3_column_blob(ix->body, 0),
			(size_t)sqlite3_column_bytes(ix->body, 0));
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = error("'%s' is not in the index", path);
	}
	sqlite3_reset(ix->body);
	sqlite3_clear_bindings(ix->body);
	return rc > 0 ? index_error(ctx, "cannot read the index") : rc;
}

int index_state(struct ctx *ctx, struct buf *out)
{
	char *v;
	int rc;

	buf_reset(out);
	if (!ctx->index || ctx->index->memory)
		return 1;
	v = meta_get(ctx->index->db, "state", &rc);
	if (rc != SQLITE_OK || !v) {
		free(v);
		return 1;
	}
	buf_adds(out, v);
	free(v);
	return 0;
}

int index_seq(struct ctx *ctx, struct buf *born, long long *seq,
	      long long *moved)
{
	static const char *const keys[] = { "born", "seq", "moved" };
	char *v[3] = { NULL, NULL, NULL };
	int rc = SQLITE_OK, ok = ctx->index && !ctx->index->memory;

	buf_reset(born);
	for (int k = 0; ok && k < 3; k++)
		ok = (v[k] = meta_get(ctx->index->db, keys[k], &rc)) &&
		     rc == SQLITE_OK;
	if (ok) {
		buf_adds(born, v[0]);
		*seq = strtoll(v[1], NULL, 10);
		*moved = strtoll(v[2], NULL, 10);
	}
	for (int k = 0; k < 3; k++)
		free(v[k]);
	return ok ? 0 : 1;
}

int index_changed(struct ctx *ctx, long long since, struct strvec *paths)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(ctx->index->db, "SELECT path FROM entries"
				    " WHERE seq > ?", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, since);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		strvec_push(paths, (const char *)sqlite3_column_text(st, 0));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0
				 : index_error(ctx, "cannot read the index");
}

/* The key in meta of the memo called name. */
static void memo_key(const char *name, struct buf *key)
{
	buf_reset(key);
	buf_addf(key, "memo %s", name);
}

int index_mark_place(struct ctx *ctx, const char *key, int with_private,
		     long long date, const char *id, long long *rank,
		     long long *count)
{
	static const char *const counts[2] = {
		"SELECT count(*) FROM marks WHERE key = ?1 AND"
		" (?2 OR private = 0)",
		"SELECT count(*) FROM marks WHERE key = ?1 AND"
		" (?2 OR private = 0) AND (date, id) > (?3, ?4)"
	};
	long long *out[2] = { count, rank };
	int rc = SQLITE_OK;

	for (int i = 0; rc == SQLITE_OK && i < 2; i++) {
		sqlite3_stmt *st = NULL;

		rc = sqlite3_prepare_v2(ctx->index->db, counts[i], -1, &st,
					NULL);
		if (rc == SQLITE_OK) {
			bind_text(st, 1, key);
			sqlite3_bind_int(st, 2, with_private);
			sqlite3_bind_int64(st, 3, (sqlite3_int64)date);
			bind_text(st, 4, id);
			rc = sqlite3_step(st);
		}
		if (rc == SQLITE_ROW) {
			*out[i] = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(st);
	}
	return rc == SQLITE_OK ? 0 : index_error(ctx, "cannot read the index");
}

int index_memo(struct ctx *ctx, const char *name, struct buf *out)
{
	struct buf key = BUF_INIT;
	char *v = NULL;
	int rc = SQLITE_OK;

	buf_reset(out);
	if (ctx->index && !ctx->index->memory) {
		memo_key(name, &key);
		v = meta_get(ctx->index->db, key.s, &rc);
	}
	if (v)
		buf_adds(out, v);
	free(v);
	buf_release(&key);
	return v ? 0 : 1;
}

int index_memo_set(struct ctx *ctx, const char *name, const char *value)
{
	struct buf key = BUF_INIT;
	sqlite3 *db = ctx->index ? ctx->index->db : NULL;
	sqlite3_stmt *st = NULL;
	char *state = NULL;
	int rc;

	if (!db || ctx->index->memory || ctx->index->read_only)
		return 1;
	/* nothing to forget, and a state already: nothing to write */
	if (!value && (state = meta_get(db, "state", &rc)) &&
	    index_memo(ctx, name, &key)) {
		free(state);
		buf_release(&key);
		return 0;
	}
	free(state);
	state = NULL;
	memo_key(name, &key);
	/* a memo is not worth a wait for another writer */
	sqlite3_busy_timeout(db, 0);
	rc = exec(db, "BEGIN IMMEDIATE");
	/* an index made before states were kept gets one now */
	if (rc == SQLITE_OK && !(state = meta_get(db, "state", &rc)) &&
	    rc == SQLITE_OK)
		rc = new_state(db);
	if (rc == SQLITE_OK && value) {
		rc = meta_set(db, key.s, value);
		/* past MEMOS_MAX the others go: a cache, not a record */
		if (rc == SQLITE_OK)
			rc = sqlite3_prepare_v2(db, "DELETE FROM meta WHERE"
						" key LIKE 'memo %' AND key <> ?"
						" AND (SELECT count(*) FROM meta"
						" WHERE key LIKE 'memo %') > "
						MEMOS_MAX, -1, &st, NULL);
	} else if (rc == SQLITE_OK) {
		rc = sqlite3_prepare_v2(db, "DELETE FROM meta WHERE key = ?",
					-1, &st, NULL);
	}
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key.s, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK
						     : sqlite3_errcode(db);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = exec(db, "COMMIT");
	if (rc != SQLITE_OK && !sqlite3_get_autocommit(db))
		exec(db, "ROLLBACK");
	sqlite3_busy_timeout(db, BUSY_MS);
	free(state);
	buf_release(&key);
	return rc == SQLITE_OK ? 0 : 1;
}
