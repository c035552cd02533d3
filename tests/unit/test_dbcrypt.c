/*
 * Unit tests of dbcrypt.c: databases with full-text search written
 * through the encrypting VFS in WAL, DELETE, PERSIST and OFF journal
 * modes come back whole, while their files, WALs and journals (copied
 * in mid-transaction) hold none of their words, which the same files
 * made through the default VFS do; a second connection and a second
 * process see what the first commits, and read-only openings (shared
 * memory read only, immutable) read; a hot journal and a WAL never
 * checkpointed are recovered, a torn last frame dropped; another key, a
 * changed byte, a moved page or a page number changed in a journal or a
 * frame is refused by the VFS; FTS5, sorting, CREATE INDEX and VACUUM
 * work; temporary files on disk, pages of another size and a database
 * made without dbcrypt_prepare() are refused.
 */
#include "buf.h"
#include "dbcrypt.h"
#include "fs.h"
#include "unit.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VFS "dbcrypt-test"
#define VFS_OTHER "dbcrypt-test-other"
#define WORD_A "googledflats"
#define WORD_B "zanzibarquiet"
#define ROWS 300

static const char *dir;	/* the test's folder */
static long refused_pages;	/* pages the VFS would not open, so far */
static int log_all;		/* SQLite's log to stderr (DBCRYPT_LOG) */

static const unsigned char key[DBCRYPT_KEY_BYTES] = {
	0x8e, 0x1f, 0x33, 0xa0, 0x54, 0x6b, 0x02, 0xd9, 0x71, 0xc4, 0x19,
	0xee, 0x5a, 0x90, 0x27, 0x3d, 0x66, 0xb8, 0x0c, 0xf1, 0x4e, 0x83,
	0x2a, 0x97, 0xd5, 0x10, 0x6c, 0xbb, 0x38, 0xe2, 0x45, 0x7f
};

/* The path of name in dir; the caller frees it. */
static char *path_of(const char *name)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s/%s", dir, name);
	return buf_detach(&b, NULL);
}

/* Run sql on db; its result code. */
static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/*
 * The first column of the first row of sql on db into *out (-1 when
 * there is no row). Returns the SQLite result code.
 */
static int query_int(sqlite3 *db, const char *sql, long *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	*out = -1;
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * Open path through vfs (NULL: the default VFS), set up as the index
 * would be: dbcrypt_prepare() for a dbcrypt VFS, temporary files in
 * memory. Returns the SQLite result code; *db is set in any case.
 */
static int open_db(const char *path, const char *vfs, sqlite3 **db)
{
	int rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE |
				 SQLITE_OPEN_CREATE, vfs);

	if (rc == SQLITE_OK)
		rc = vfs ? dbcrypt_prepare(*db) :
		     exec(*db, "PRAGMA temp_store = MEMORY");
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(*db, 5000);
	return rc;
}

/* open_db() that must work: else the tests cannot go on. */
static sqlite3 *open_ok(const char *path, const char *vfs)
{
	sqlite3 *db;

	if (open_db(path, vfs, &db) != SQLITE_OK) {
		printf("Bail out! cannot open %s: %s\n", path,
		       sqlite3_errmsg(db));
		exit(1);
	}
	return db;
}

/* exec() that must work. */
static void exec_ok(sqlite3 *db, const char *sql)
{
	if (exec(db, sql) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
}

/* query_int() that must work; its value. */
static long int_ok(sqlite3 *db, const char *sql)
{
	long n;

	if (query_int(db, sql, &n) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
	return n;
}

static const char schema[] =
	"CREATE TABLE entries(n INTEGER PRIMARY KEY, title TEXT, body TEXT);"
	"CREATE VIRTUAL TABLE fts USING fts5(title, body);";

/*
 * The text of row i, about 600 bytes: made-up words, with WORD_A in
 * every row and WORD_B in every third.
 */
static void row_text(long i, struct buf *out)
{
	static const char *const words[] = {
		"morning", "walked", "river", "quiet", "letter", "garden",
		"tired", "sister", "rain", "window", "coffee", "train",
		"laughed", "evening", "market", "bread", "slept", "cold"
	};
	unsigned long x = (unsigned long)i * 2654435761u + 12345;

	buf_reset(out);
	buf_addf(out, "Day %ld. ", i);
	while (out->len < 560) {
		x = x * 1103515245 + 12345;
		buf_addf(out, "%s ", words[(x >> 16) % 18]);
		if (out->len > 200 && out->len < 215)
			buf_adds(out, WORD_A " ");
		if (out->len > 400 && out->len < 415 && i % 3 == 0)
			buf_adds(out, WORD_B " ");
	}
	buf_adds(out, "end.");
}

/* Insert rows from..to-1 into entries and fts, in one transaction. */
static void rows_add(sqlite3 *db, long from, long to)
{
	sqlite3_stmt *st[2];
	struct buf text = BUF_INIT, title = BUF_INIT;

	exec_ok(db, "BEGIN");
	if (sqlite3_prepare_v2(db, "INSERT INTO entries VALUES (?, ?, ?)",
			       -1, &st[0], NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, title, body) "
			       "VALUES (?, ?, ?)", -1, &st[1], NULL) !=
	    SQLITE_OK) {
		printf("Bail out! insert: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	for (long i = from; i < to; i++) {
		row_text(i, &text);
		buf_reset(&title);
		buf_addf(&title, "Entry %ld", i);
		for (int k = 0; k < 2; k++) {
			sqlite3_bind_int64(st[k], 1, i);
			sqlite3_bind_text(st[k], 2, title.s, -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(st[k], 3, text.s, -1,
					  SQLITE_STATIC);
			if (sqlite3_step(st[k]) != SQLITE_DONE) {
				printf("Bail out! insert: %s\n",
				       sqlite3_errmsg(db));
				exit(1);
			}
			sqlite3_reset(st[k]);
		}
	}
	sqlite3_finalize(st[0]);
	sqlite3_finalize(st[1]);
	exec_ok(db, "COMMIT");
	buf_release(&text);
	buf_release(&title);
}

/* How many rows of fts match WORD_A; -1 on an error. */
static long count_a(sqlite3 *db)
{
	long n;

	return query_int(db, "SELECT count(*) FROM fts WHERE fts MATCH '"
			 WORD_A "'", &n) == SQLITE_OK ? n : -1;
}

/* How many rows of fts match WORD_B; -1 on an error. */
static long count_b(sqlite3 *db)
{
	long n;

	return query_int(db, "SELECT count(*) FROM fts WHERE fts MATCH '"
			 WORD_B "'", &n) == SQLITE_OK ? n : -1;
}

/*
 * Does the file at path hold the n bytes at data? 0 or 1; -1 when it
 * cannot be read (read it only when no connection of this process has
 * it open, or a copy: closing a file drops the process's locks on it).
 */
static int file_holds_bytes(const char *path, const void *data, size_t n)
{
	struct buf b = BUF_INIT;
	int rc = -1;

	if (fs_read(path, (size_t)1 << 30, &b, FS_QUIET) == 0)
		rc = memmem(b.s, b.len, data, n) != NULL;
	buf_release(&b);
	return rc;
}

/* Does the file at path hold word? As file_holds_bytes(). */
static int file_holds(const char *path, const char *word)
{
	return file_holds_bytes(path, word, strlen(word));
}

/* Copy the file from to to in another process (keeping our locks). */
static int copy(const char *from, const char *to)
{
	struct buf cmd = BUF_INIT;
	int rc;

	buf_addf(&cmd, "cp '%s' '%s'", from, to);
	rc = unit_run(cmd.s);
	buf_release(&cmd);
	return rc;
}

/* Copy name-suffix to copy-suffix in dir (another process does it). */
static int copy_in(const char *name, const char *to, const char *suffix)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int rc;

	buf_addf(&a, "%s/%s%s", dir, name, suffix);
	buf_addf(&b, "%s/%s%s", dir, to, suffix);
	rc = copy(a.s, b.s);
	buf_release(&a);
	buf_release(&b);
	return rc;
}

/* The size of the file at path; -1 when there is none. */
static long file_size(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n = -1;

	if (f && fseek(f, 0, SEEK_END) == 0)
		n = ftell(f);
	if (f)
		fclose(f);
	return n;
}

/* Change n bytes at off of the file at path: each one's bits flipped. */
static void flip(const char *path, long off, long n)
{
	FILE *f = fopen(path, "r+b");
	int c;

	for (long i = 0; f && i < n; i++) {
		if (fseek(f, off + i, SEEK_SET) || (c = getc(f)) == EOF ||
		    fseek(f, off + i, SEEK_SET) || putc(c ^ 0xff, f) == EOF)
			break;
	}
	if (!f || fclose(f)) {
		printf("Bail out! cannot change %s\n", path);
		exit(1);
	}
}

/* Swap the pages a and b (counted from 1) of the file at path. */
static void swap_pages(const char *path, long a, long b)
{
	unsigned char pa[DBCRYPT_PAGE], pb[DBCRYPT_PAGE];
	FILE *f = fopen(path, "r+b");

	if (!f || fseek(f, (a - 1) * DBCRYPT_PAGE, SEEK_SET) ||
	    fread(pa, 1, sizeof(pa), f) != sizeof(pa) ||
	    fseek(f, (b - 1) * DBCRYPT_PAGE, SEEK_SET) ||
	    fread(pb, 1, sizeof(pb), f) != sizeof(pb) ||
	    fseek(f, (a - 1) * DBCRYPT_PAGE, SEEK_SET) ||
	    fwrite(pb, 1, sizeof(pb), f) != sizeof(pb) ||
	    fseek(f, (b - 1) * DBCRYPT_PAGE, SEEK_SET) ||
	    fwrite(pa, 1, sizeof(pa), f) != sizeof(pa) || fclose(f)) {
		printf("Bail out! cannot swap pages of %s\n", path);
		exit(1);
	}
}

/* Check that neither word is in the file at path (which must exist). */
static void check_clean(const char *path, const char *what)
{
	struct buf w = BUF_INIT;

	buf_addf(&w, "%s: no " WORD_A, what);
	unit_check(file_holds(path, WORD_A) == 0, w.s, __FILE__, __LINE__);
	buf_reset(&w);
	buf_addf(&w, "%s: no " WORD_B, what);
	unit_check(file_holds(path, WORD_B) == 0, w.s, __FILE__, __LINE__);
	buf_release(&w);
}

/* Check that the file at path holds the words, as a control. */
static void check_plain(const char *path, const char *what)
{
	struct buf w = BUF_INIT;

	buf_addf(&w, "%s (default VFS): the words are there", what);
	unit_check(file_holds(path, WORD_A) == 1 &&
		   file_holds(path, WORD_B) == 1, w.s, __FILE__, __LINE__);
	buf_release(&w);
}

/* Register, again, twice, unregister. */
static void test_register(void)
{
	unsigned char other[DBCRYPT_KEY_BYTES];

	memset(other, 0x5c, sizeof(other));
	CHECK_INT(dbcrypt_register(VFS, key), 0);
	CHECK(sqlite3_vfs_find(VFS) != NULL);
	CHECK_STR(sqlite3_vfs_find(VFS)->zName, VFS);
	CHECK(sqlite3_vfs_find(NULL) != sqlite3_vfs_find(VFS));
	fprintf(stderr, "(an error about a name taken is expected)\n");
	CHECK_INT(dbcrypt_register(VFS, key), -1);
	CHECK_INT(dbcrypt_register(VFS_OTHER, other), 0);
	dbcrypt_unregister(VFS_OTHER);
	CHECK(sqlite3_vfs_find(VFS_OTHER) == NULL);
	dbcrypt_unregister(VFS_OTHER);	/* nothing */
	dbcrypt_unregister("unix");	/* not one of ours: nothing */
	CHECK(sqlite3_vfs_find("unix") != NULL);
	CHECK_INT(dbcrypt_register(VFS_OTHER, other), 0);
}

/*
 * In journal mode mode, through vfs (NULL: the default VFS, as a
 * control): a database of ROWS rows, its journal or WAL copied while a
 * transaction that changes every row is open, then closed and opened
 * again. Checks the words are in none of the files (or, as a control,
 * that they are in all).
 */
static void test_mode(const char *mode, const char *vfs)
{
	struct buf name = BUF_INIT, what = BUF_INIT, sql = BUF_INIT;
	char *db_path, *side = NULL, *side_copy = NULL;
	int wal = !strcmp(mode, "WAL"), journal = strcmp(mode, "OFF") && !wal;
	sqlite3 *db;

	buf_addf(&name, "%s-%s.db", mode, vfs ? "crypt" : "plain");
	db_path = path_of(name.s);
	db = open_ok(db_path, vfs);
	buf_addf(&sql, "PRAGMA journal_mode = %s", mode);
	exec_ok(db, sql.s);
	/* small caches, so that pages go to the files mid-transaction */
	exec_ok(db, "PRAGMA cache_size = 10; PRAGMA wal_autocheckpoint = 0");
	exec_ok(db, schema);
	rows_add(db, 0, ROWS);
	buf_addf(&what, "%s mode, %s", mode, vfs ? "encrypted" : "plain");
	unit_check(count_a(db) == ROWS && count_b(db) == ROWS / 3, what.s,
		   __FILE__, __LINE__);
	if (wal || journal) {
		struct buf p = BUF_INIT;

		buf_addf(&p, "%s%s", db_path, wal ? "-wal" : "-journal");
		side = buf_detach(&p, NULL);
		buf_addf(&p, "%s.copy", side);
		side_copy = buf_detach(&p, NULL);
	}
	buf_reset(&what);
	buf_addf(&what, "%s mode, %s %s", mode, vfs ? "encrypted" : "plain",
		 wal ? "WAL" : "journal");
	if (side) {
		/* a transaction that changes every row, left open */
		exec_ok(db, "BEGIN; UPDATE entries SET body = 'gone ' || n;"
			"DELETE FROM fts; INSERT INTO fts(rowid, title, body)"
			" SELECT n, title, body FROM entries");
		CHECK_INT(copy(side, side_copy), 0);
		(vfs ? check_clean : check_plain)(side_copy, what.s);
		exec_ok(db, "ROLLBACK");
		unit_check(count_a(db) == ROWS, "rolled back", __FILE__,
			   __LINE__);
	}
	/* a second transaction that commits */
	exec_ok(db, "DELETE FROM entries WHERE n % 10 = 1;"
		"DELETE FROM fts WHERE rowid % 10 = 1");
	if (wal) {
		CHECK_INT(copy(side, side_copy), 0);
		(vfs ? check_clean : check_plain)(side_copy, what.s);
	}
	CHECK_INT(sqlite3_close(db), SQLITE_OK);

	buf_reset(&what);
	buf_addf(&what, "%s mode, %s database", mode,
		 vfs ? "encrypted" : "plain");
	(vfs ? check_clean : check_plain)(db_path, what.s);
	if (!strcmp(mode, "PERSIST"))
		(vfs ? check_clean : check_plain)(side, "PERSIST mode, "
						  "the journal kept");

	db = open_ok(db_path, vfs);
	buf_reset(&what);
	buf_addf(&what, "%s mode, %s: opened again", mode,
		 vfs ? "encrypted" : "plain");
	unit_check(count_a(db) == ROWS - ROWS / 10 &&
		   int_ok(db, "SELECT count(*) FROM entries") ==
		   ROWS - ROWS / 10, what.s, __FILE__, __LINE__);
	buf_reset(&what);
	buf_addf(&what, "%s mode, %s: integrity_check", mode,
		 vfs ? "encrypted" : "plain");
	unit_check(int_ok(db, "SELECT count(*) FROM pragma_integrity_check"
			  " WHERE integrity_check != 'ok'") == 0 &&
		   exec(db, "INSERT INTO fts(fts) VALUES ('integrity-check')")
		   == SQLITE_OK, what.s, __FILE__, __LINE__);
	sqlite3_close(db);
	free(db_path);
	free(side);
	free(side_copy);
	buf_release(&name);
	buf_release(&what);
	buf_release(&sql);
}

/*
 * Change the page number of the first record in the journal of the
 * database at path: the journal's header is as long as the sector size
 * it gives at 20.
 */
static void journal_pgno_flip(const char *path)
{
	struct buf j = BUF_INIT;
	unsigned char h[24];
	FILE *f;
	long sector = -1;

	buf_addf(&j, "%s-journal", path);
	f = fopen(j.s, "rb");
	if (f && fread(h, 1, sizeof(h), f) == sizeof(h))
		sector = (long)h[20] << 24 | h[21] << 16 | h[22] << 8 | h[23];
	if (f)
		fclose(f);
	if (sector < 512) {
		printf("Bail out! no journal header in %s\n", j.s);
		exit(1);
	}
	flip(j.s, sector + 3, 1);
	buf_release(&j);
}

/*
 * A crash in the middle of a transaction in DELETE mode: the database
 * and its hot journal copied while the transaction has written to the
 * database, then opened: it is rolled back. Then the same rollback in
 * the process itself.
 */
static void test_hot_journal(void)
{
	char *path = path_of("hot.db"), *crash = path_of("hot-crash.db");
	char *before = path_of("hot-before.db");
	char *cut = path_of("hot-nojournal.db");
	char *moved = path_of("hot-moved.db");
	sqlite3 *db = open_ok(path, VFS), *c;
	long n, refused;

	exec_ok(db, "PRAGMA journal_mode = DELETE");
	exec_ok(db, schema);
	rows_add(db, 0, ROWS);
	exec_ok(db, "PRAGMA cache_size = 5");
	CHECK_INT(copy_in("hot.db", "hot-before.db", ""), 0);
	exec_ok(db, "BEGIN; DELETE FROM entries; DELETE FROM fts;"
		"INSERT INTO entries VALUES (1000, 'x', 'y')");
	/* the database changed: pages were spilled before the commit */
	CHECK_INT(copy_in("hot.db", "hot-crash.db", ""), 0);
	CHECK_INT(copy_in("hot.db", "hot-crash.db", "-journal"), 0);
	CHECK_INT(copy_in("hot.db", "hot-nojournal.db", ""), 0);
	CHECK_INT(copy_in("hot.db", "hot-moved.db", ""), 0);
	CHECK_INT(copy_in("hot.db", "hot-moved.db", "-journal"), 0);
	journal_pgno_flip(moved);
	{
		struct buf cmd = BUF_INIT;

		buf_addf(&cmd, "! cmp -s '%s' '%s'", path, before);
		unit_check(unit_run(cmd.s) == 0, "the transaction wrote to "
			   "the database before its commit", __FILE__,
			   __LINE__);
		buf_release(&cmd);
	}
	/* a rollback in the process reads the journal back */
	exec_ok(db, "ROLLBACK");
	CHECK_INT(count_a(db), ROWS);
	CHECK_INT(int_ok(db, "SELECT count(*) FROM entries"), ROWS);
	CHECK_INT(sqlite3_close(db), SQLITE_OK);

	/* the crash's copy: the hot journal rolls it back */
	c = open_ok(crash, VFS);
	CHECK_INT(count_a(c), ROWS);
	CHECK_INT(count_b(c), ROWS / 3);
	CHECK_INT(int_ok(c, "SELECT count(*) FROM entries"), ROWS);
	CHECK_INT(int_ok(c, "SELECT count(*) FROM pragma_integrity_check "
			 "WHERE integrity_check != 'ok'"), 0);
	sqlite3_close(c);
	/* a record's page number changed: its page is bound to it */
	c = open_ok(moved, VFS);
	refused = refused_pages;
	CHECK_INT(query_int(c, "SELECT count(*) FROM entries", &n) & 0xff,
		  SQLITE_CORRUPT);
	CHECK(refused_pages > refused);
	sqlite3_close(c);
	/* without its journal the same copy is not the old database */
	c = open_ok(cut, VFS);
	unit_check(query_int(c, "SELECT count(*) FROM entries", &n) !=
		   SQLITE_OK || n != ROWS, "without the journal it is not "
		   "rolled back", __FILE__, __LINE__);
	sqlite3_close(c);
	free(path);
	free(crash);
	free(before);
	free(cut);
	free(moved);
}

/*
 * A crash in WAL mode: the database and its WAL, never checkpointed,
 * copied and opened: the commits are recovered from the WAL. With the
 * last frame torn, the last commit is dropped and the rest stay.
 */
static void test_wal_recovery(void)
{
	char *path = path_of("wal.db"), *crash = path_of("wal-crash.db");
	char *torn = path_of("wal-torn.db"), *torn_wal;
	char *bare = path_of("wal-bare.db"), *moved = path_of("wal-moved.db");
	struct buf p = BUF_INIT;
	sqlite3 *db = open_ok(path, VFS), *c;
	long n, size, refused;

	exec_ok(db, "PRAGMA journal_mode = WAL;"
		"PRAGMA wal_autocheckpoint = 0");
	exec_ok(db, schema);
	rows_add(db, 0, ROWS);
	rows_add(db, ROWS, ROWS + 1);	/* one small commit at the end */
	CHECK_INT(copy_in("wal.db", "wal-crash.db", ""), 0);
	CHECK_INT(copy_in("wal.db", "wal-crash.db", "-wal"), 0);
	CHECK_INT(copy_in("wal.db", "wal-torn.db", ""), 0);
	CHECK_INT(copy_in("wal.db", "wal-torn.db", "-wal"), 0);
	CHECK_INT(copy_in("wal.db", "wal-bare.db", ""), 0);
	CHECK_INT(copy_in("wal.db", "wal-moved.db", ""), 0);
	CHECK_INT(copy_in("wal.db", "wal-moved.db", "-wal"), 0);
	buf_addf(&p, "%s-wal", crash);
	check_clean(p.s, "a WAL never checkpointed");
	size = file_size(p.s);
	CHECK(size > 32 + 100 * (24 + DBCRYPT_PAGE));

	c = open_ok(crash, VFS);
	CHECK_INT(count_a(c), ROWS + 1);
	CHECK_INT(int_ok(c, "SELECT count(*) FROM entries"), ROWS + 1);
	CHECK_INT(int_ok(c, "SELECT count(*) FROM pragma_integrity_check "
			 "WHERE integrity_check != 'ok'"), 0);
	sqlite3_close(c);

	/* a byte of the last frame's page changed, as a torn write */
	torn_wal = buf_detach(&p, NULL);
	buf_addf(&p, "%s-wal", torn);
	CHECK_INT(file_size(p.s), size);
	flip(p.s, size - DBCRYPT_PAGE + 1000, 1);
	refused = refused_pages;
	c = open_ok(torn, VFS);
	CHECK_INT(int_ok(c, "SELECT count(*) FROM entries"), ROWS);
	CHECK_INT(count_a(c), ROWS);
	CHECK_INT(int_ok(c, "SELECT count(*) FROM pragma_integrity_check "
			 "WHERE integrity_check != 'ok'"), 0);
	CHECK(refused_pages > refused);
	sqlite3_close(c);

	/* the last frame's page number changed: the page is bound to it */
	buf_reset(&p);
	buf_addf(&p, "%s-wal", moved);
	CHECK_INT(file_size(p.s), size);
	flip(p.s, size - DBCRYPT_PAGE - 24 + 3, 1);
	refused = refused_pages;
	c = open_ok(moved, VFS);
	CHECK_INT(int_ok(c, "SELECT count(*) FROM entries"), ROWS);
	CHECK(refused_pages > refused);
	sqlite3_close(c);

	/* the database alone holds none of it: it was all in the WAL */
	c = open_ok(bare, VFS);
	unit_check(query_int(c, "SELECT count(*) FROM entries", &n) !=
		   SQLITE_OK, "without the WAL there is no table", __FILE__,
		   __LINE__);
	sqlite3_close(c);
	CHECK_INT(sqlite3_close(db), SQLITE_OK);
	free(path);
	free(crash);
	free(torn);
	free(torn_wal);
	free(bare);
	free(moved);
	buf_release(&p);
}

/*
 * Two connections on one database in WAL mode, and another process:
 * each sees what the others commit. The other process is forked before
 * this one opens the database (SQLite's connections do not cross a
 * fork), and writes when told through a pipe.
 */
static void test_two_connections(void)
{
	char *path = path_of("two.db");
	sqlite3 *a = open_ok(path, VFS), *b;
	int fds[2], status;
	char go;
	pid_t pid;

	exec_ok(a, "PRAGMA journal_mode = WAL");
	exec_ok(a, schema);
	CHECK_INT(sqlite3_close(a), SQLITE_OK);
	fflush(stdout);
	if (pipe(fds) < 0 || (pid = fork()) < 0) {
		printf("Bail out! cannot fork\n");
		exit(1);
	}
	if (pid == 0) {
		sqlite3 *c;

		close(fds[1]);
		if (read(fds[0], &go, 1) != 1 ||
		    open_db(path, VFS, &c) != SQLITE_OK)
			_exit(1);
		rows_add(c, 40, 50);
		_exit(sqlite3_close(c) == SQLITE_OK ? 0 : 1);
	}
	close(fds[0]);

	a = open_ok(path, VFS);
	rows_add(a, 0, 10);
	b = open_ok(path, VFS);
	CHECK_INT(count_a(b), 10);
	rows_add(a, 10, 20);
	CHECK_INT(count_a(b), 20);
	rows_add(b, 20, 30);
	CHECK_INT(count_a(a), 30);
	/* b reads in a transaction while a writes and checkpoints */
	exec_ok(b, "BEGIN");
	CHECK_INT(count_a(b), 30);
	rows_add(a, 30, 40);
	CHECK_INT(exec(a, "PRAGMA wal_checkpoint(PASSIVE)"), SQLITE_OK);
	CHECK_INT(count_a(b), 30);
	exec_ok(b, "COMMIT");
	CHECK_INT(count_a(b), 40);

	go = 1;
	CHECK(write(fds[1], &go, 1) == 1);
	close(fds[1]);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);
	CHECK_INT(count_a(a), 50);
	CHECK_INT(count_a(b), 50);
	CHECK_INT(exec(a, "PRAGMA wal_checkpoint(TRUNCATE)"), SQLITE_OK);
	CHECK_INT(count_b(b), 17);
	sqlite3_close(b);
	CHECK_INT(sqlite3_close(a), SQLITE_OK);
	b = open_ok(path, VFS);
	CHECK_INT(count_a(b), 50);
	sqlite3_close(b);
	free(path);
}

/*
 * The ways index.c opens an index it must not write to (a full disk):
 * read only, through the WAL's shared memory while another connection
 * has it open, and as a file that does not change when none does.
 */
static void test_read_only(void)
{
	char *path = path_of("ro.db");
	sqlite3 *w = open_ok(path, VFS), *r;
	struct buf uri = BUF_INIT;

	exec_ok(w, "PRAGMA journal_mode = WAL;"
		"PRAGMA wal_autocheckpoint = 0");
	exec_ok(w, schema);
	rows_add(w, 0, 20);
	buf_addf(&uri, "file:%s?mode=ro&readonly_shm=1", path);
	CHECK_INT(sqlite3_open_v2(uri.s, &r, SQLITE_OPEN_READONLY |
				  SQLITE_OPEN_URI, VFS), SQLITE_OK);
	CHECK_INT(dbcrypt_prepare(r), SQLITE_OK);
	CHECK_INT(count_a(r), 20);
	rows_add(w, 20, 30);
	CHECK_INT(count_a(r), 30);
	CHECK_INT(exec(r, "DELETE FROM entries") & 0xff, SQLITE_READONLY);
	sqlite3_close(r);
	CHECK_INT(sqlite3_close(w), SQLITE_OK);

	buf_reset(&uri);
	buf_addf(&uri, "file:%s?mode=ro&immutable=1", path);
	CHECK_INT(sqlite3_open_v2(uri.s, &r, SQLITE_OPEN_READONLY |
				  SQLITE_OPEN_URI, VFS), SQLITE_OK);
	CHECK_INT(dbcrypt_prepare(r), SQLITE_OK);
	CHECK_INT(count_a(r), 30);
	CHECK_INT(count_b(r), 10);
	sqlite3_close(r);
	buf_release(&uri);
	free(path);
}

/*
 * Open path through vfs and read it all: the first SQLite error met,
 * or SQLITE_OK when everything read.
 */
static int read_all(const char *path, const char *vfs)
{
	sqlite3 *db;
	long n;
	int rc = open_db(path, vfs, &db);

	if (rc == SQLITE_OK)
		rc = query_int(db, "SELECT count(*) FROM entries", &n);
	if (rc == SQLITE_OK)
		rc = query_int(db, "SELECT sum(length(body)) FROM entries",
			       &n);
	if (rc == SQLITE_OK)
		rc = query_int(db, "SELECT count(*) FROM fts WHERE fts MATCH "
			       "'" WORD_A "'", &n);
	if (rc == SQLITE_OK)
		rc = query_int(db, "SELECT count(*) FROM pragma_integrity_check"
			       " WHERE integrity_check != 'ok'", &n);
	if (rc == SQLITE_OK && n != 0)
		rc = SQLITE_CORRUPT;
	sqlite3_close(db);
	return rc & 0xff;
}

/* Another key, changed bytes, pages swapped: errors, never rows. */
static void test_tampering(void)
{
	char *path = path_of("tamper.db"), *copy_path;
	sqlite3 *db = open_ok(path, VFS);
	struct buf p = BUF_INIT;
	long refused;

	exec_ok(db, "PRAGMA journal_mode = WAL");
	exec_ok(db, schema);
	rows_add(db, 0, ROWS);
	CHECK_INT(sqlite3_close(db), SQLITE_OK);
	CHECK_INT(read_all(path, VFS), SQLITE_OK);
	CHECK_INT(file_holds_bytes(path, key, sizeof(key)), 0);

	CHECK_INT(read_all(path, VFS_OTHER), SQLITE_NOTADB);
	/* nothing changed by trying */
	CHECK_INT(read_all(path, VFS), SQLITE_OK);
	/* an encrypted database is no database to the default VFS */
	CHECK_INT(read_all(path, NULL), SQLITE_NOTADB);

	buf_addf(&p, "%s.copy", path);
	copy_path = buf_detach(&p, NULL);
	/* a byte of the header */
	CHECK_INT(copy(path, copy_path), 0);
	flip(copy_path, 18, 1);
	refused = refused_pages;
	CHECK_INT(read_all(copy_path, VFS), SQLITE_NOTADB);
	CHECK(refused_pages > refused);
	/* a byte of page 2, of page 5's nonce, of the last page's tag */
	CHECK_INT(copy(path, copy_path), 0);
	flip(copy_path, DBCRYPT_PAGE + 7, 1);
	refused = refused_pages;
	CHECK_INT(read_all(copy_path, VFS), SQLITE_CORRUPT);
	CHECK(refused_pages > refused);
	CHECK_INT(copy(path, copy_path), 0);
	flip(copy_path, 5 * DBCRYPT_PAGE - 30, 1);
	refused = refused_pages;
	CHECK_INT(read_all(copy_path, VFS), SQLITE_CORRUPT);
	CHECK(refused_pages > refused);
	CHECK_INT(copy(path, copy_path), 0);
	flip(copy_path, file_size(copy_path) - 1, 1);
	refused = refused_pages;
	CHECK_INT(read_all(copy_path, VFS), SQLITE_CORRUPT);
	CHECK(refused_pages > refused);
	/* two pages swapped, each sound where it was: the VFS sees it */
	CHECK_INT(copy(path, copy_path), 0);
	swap_pages(copy_path, 3, 4);
	refused = refused_pages;
	CHECK_INT(read_all(copy_path, VFS), SQLITE_CORRUPT);
	CHECK(refused_pages > refused);
	/* a page zeroed reads as zeros (a hole): SQLite finds it damaged */
	CHECK_INT(copy(path, copy_path), 0);
	{
		FILE *f = fopen(copy_path, "r+b");
		static const unsigned char zero[DBCRYPT_PAGE];

		CHECK(f && fseek(f, 2 * DBCRYPT_PAGE, SEEK_SET) == 0 &&
		      fwrite(zero, 1, sizeof(zero), f) == sizeof(zero));
		if (f)
			fclose(f);
	}
	refused = refused_pages;
	CHECK_INT(read_all(copy_path, VFS), SQLITE_CORRUPT);
	CHECK_INT(refused_pages, refused);
	free(path);
	free(copy_path);
}

/*
 * The work of an index, in WAL mode with a chunk size as index.c sets:
 * thousands of rows in FTS5, a sort over all of them, CREATE INDEX,
 * FTS5's optimize, VACUUM; none leaves a word in the files.
 */
static void test_workload(void)
{
	char *path = path_of("work.db"), *wal;
	sqlite3 *db = open_ok(path, VFS);
	int chunk = 256 * 1024;
	long n, size;
	struct buf p = BUF_INIT;

	sqlite3_file_control(db, "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
	exec_ok(db, "PRAGMA journal_mode = WAL");
	exec_ok(db, schema);
	for (long i = 0; i < 3000; i += 500)
		rows_add(db, i, i + 500);
	CHECK_INT(count_a(db), 3000);
	CHECK_INT(count_b(db), 1000);
	/* a sort of 1.8 MB the index cannot help with */
	CHECK_INT(int_ok(db, "SELECT n FROM entries ORDER BY "
			 "substr(body, 30) || n DESC LIMIT 1") >= 0, 1);
	CHECK_INT(int_ok(db, "SELECT count(*) FROM (SELECT DISTINCT "
			 "substr(body, 10, 40) FROM entries)") > 1, 1);
	CHECK_INT(int_ok(db, "SELECT n FROM entries ORDER BY title DESC "
			 "LIMIT 1"), 999);
	CHECK_INT(exec(db, "CREATE INDEX entries_body ON entries(body, n)"),
		  SQLITE_OK);
	CHECK_INT(exec(db, "INSERT INTO fts(fts) VALUES ('optimize')"),
		  SQLITE_OK);
	CHECK_INT(exec(db, "DELETE FROM entries WHERE n % 2 = 0;"
		       "DELETE FROM fts WHERE rowid % 2 = 0"), SQLITE_OK);
	CHECK_INT(exec(db, "VACUUM"), SQLITE_OK);
	CHECK_INT(int_ok(db, "PRAGMA page_size"), DBCRYPT_PAGE);
	CHECK_INT(count_a(db), 1500);
	CHECK_INT(int_ok(db, "SELECT count(*) FROM pragma_integrity_check "
			 "WHERE integrity_check != 'ok'"), 0);
	CHECK_INT(exec(db, "INSERT INTO fts(fts) VALUES ('integrity-check')"),
		  SQLITE_OK);
	buf_addf(&p, "%s-wal", path);
	wal = buf_detach(&p, NULL);
	buf_addf(&p, "%s.copy", wal);
	CHECK_INT(copy(wal, p.s), 0);
	check_clean(p.s, "after VACUUM, the WAL");
	CHECK_INT(exec(db, "PRAGMA wal_checkpoint(TRUNCATE)"), SQLITE_OK);
	CHECK_INT(sqlite3_close(db), SQLITE_OK);
	check_clean(path, "after VACUUM, the database");
	size = file_size(path);
	CHECK(size > 0 && size % (256 * 1024) == 0);
	/* the file is grown ahead in chunks: what lies past the pages */
	db = open_ok(path, VFS);
	CHECK_INT(query_int(db, "SELECT count(*) FROM entries", &n),
		  SQLITE_OK);
	CHECK_INT(n, 1500);
	CHECK_INT(int_ok(db, "PRAGMA page_count") * DBCRYPT_PAGE <= size, 1);
	sqlite3_close(db);
	free(path);
	free(wal);
	buf_release(&p);
}

/*
 * What the VFS refuses rather than write in the clear or seal wrong:
 * temporary files, a database without its reserved bytes, pages of
 * another size, and dbcrypt_prepare() on another VFS.
 */
static void test_refusals(void)
{
	char *path = path_of("refuse.db"), *bare = path_of("bare.db");
	char *big = path_of("big.db");
	sqlite3 *db = open_ok(path, VFS);
	int rc;

	exec_ok(db, schema);
	/* temporary files on disk: refused */
	exec_ok(db, "PRAGMA temp_store = FILE; PRAGMA temp.cache_size = 2");
	rc = exec(db, "CREATE TEMP TABLE t AS WITH RECURSIVE c(x) AS "
		  "(SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) "
		  "SELECT x, '" WORD_A "' || x AS y FROM c");
	CHECK_INT(rc, SQLITE_CANTOPEN);
	sqlite3_close(db);

	/*
	 * No dbcrypt_prepare(): no reserved bytes. The first page alone
	 * (with its end still empty) is refused for its header, a table's
	 * for SQLite's use of the end of the page.
	 */
	CHECK_INT(sqlite3_open_v2(bare, &db, SQLITE_OPEN_READWRITE |
				  SQLITE_OPEN_CREATE, VFS), SQLITE_OK);
	CHECK_INT(exec(db, "PRAGMA user_version = 7"), SQLITE_IOERR);
	CHECK_INT(sqlite3_extended_errcode(db), SQLITE_IOERR_WRITE);
	CHECK_INT(exec(db, schema) & 0xff, SQLITE_IOERR);
	sqlite3_close(db);
	CHECK_INT(file_size(bare), 0);

	/* pages of 8 KiB: refused */
	db = open_ok(big, VFS);
	exec_ok(db, "PRAGMA page_size = 8192");
	CHECK_INT(exec(db, schema) & 0xff, SQLITE_IOERR);
	sqlite3_close(db);

	/* dbcrypt_prepare() wants a dbcrypt VFS */
	CHECK_INT(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE,
				  NULL), SQLITE_OK);
	CHECK_INT(dbcrypt_prepare(db), SQLITE_MISUSE);
	sqlite3_close(db);
	free(path);
	free(bare);
	free(big);
}

/*
 * SQLite's log: count the pages the VFS would not open, and print it all
 * on stderr when DBCRYPT_LOG is set.
 */
static void log_line(void *arg, int code, const char *msg)
{
	(void)arg;
	if (!strncmp(msg, "dbcrypt: the page", 17))
		refused_pages++;
	if (log_all)
		fprintf(stderr, "sqlite %d: %s\n", code, msg);
}

int main(void)
{
	static const char *const modes[] = { "WAL", "DELETE", "PERSIST",
					     "OFF" };

	dir = unit_temp_dir("dbcrypt");
	log_all = getenv("DBCRYPT_LOG") != NULL;
	sqlite3_config(SQLITE_CONFIG_LOG, log_line, NULL);
	test_register();
	for (size_t i = 0; i < sizeof(modes) / sizeof(*modes); i++) {
		test_mode(modes[i], VFS);
		test_mode(modes[i], NULL);
	}
	test_hot_journal();
	test_wal_recovery();
	test_two_connections();
	test_read_only();
	test_tampering();
	test_workload();
	test_refusals();
	dbcrypt_unregister(VFS);
	dbcrypt_unregister(VFS_OTHER);
	CHECK(sqlite3_vfs_find(VFS) == NULL);
	if (!unit_failed) {
		struct buf cmd = BUF_INIT;

		buf_addf(&cmd, "rm -rf '%s'", dir);
		unit_run(cmd.s);
		buf_release(&cmd);
	}
	return unit_done();
}
