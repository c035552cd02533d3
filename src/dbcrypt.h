/*
 * An SQLite VFS that keeps a database encrypted at rest: every page of
 * the database file, every page image in its rollback journal and every
 * page in its WAL is sealed with XChaCha20-Poly1305 under a key held in
 * memory only. No word of what SQLite stores can be read in those files;
 * what is left in the clear is SQLite's own bookkeeping (the headers of
 * the journal and the WAL, page numbers, salts and checksums) and the
 * -shm file, which holds no content.
 *
 * Each page of DBCRYPT_PAGE bytes keeps its last DBCRYPT_RESERVE bytes
 * for the VFS (SQLite's reserved bytes: it never uses them): a random
 * 24-byte nonce and the 16-byte tag. The rest of the page is encrypted in
 * place, bound to where it lies (which file, which page), so that a page
 * changed, moved or read with another key is an error, never content:
 * SQLITE_NOTADB for the first page of the database, SQLITE_CORRUPT for
 * the others, which a cache takes as the sign to build itself anew.
 *
 * Use: dbcrypt_register("NAME", key), then for each connection
 * sqlite3_open_v2(path, &db, flags, "NAME") and dbcrypt_prepare(db)
 * before anything else. With another key (or a database not made this
 * way) sqlite3_open_v2() itself fails, with SQLITE_NOTADB, since SQLite
 * reads the database's header as it opens it. Temporary files are
 * refused, not encrypted (dbcrypt_prepare() keeps them in memory); so
 * are super-journals, and with them transactions that write to several
 * attached databases. A write the VFS cannot seal (pages of another
 * size, reserved bytes missing or in use) fails with SQLITE_IOERR_WRITE;
 * SQLite's log (SQLITE_CONFIG_LOG) says why.
 */
#ifndef TEND_DBCRYPT_H
#define TEND_DBCRYPT_H

#include <sqlite3.h>

#define DBCRYPT_KEY_BYTES 32
#define DBCRYPT_PAGE 4096	/* the only page size the VFS takes */
#define DBCRYPT_RESERVE 40	/* bytes the VFS keeps at the end of a page */

/*
 * Register an SQLite VFS called name (not the default one) that
 * encrypts with key through the default VFS of the moment. The key is
 * copied (a key for pages alone is derived from it, so the journal's own
 * key may be given) and wiped by dbcrypt_unregister(). Several may be
 * registered at once, each under its own name. Returns 0, or -1 after
 * reporting (a name taken already, no cryptography).
 */
int dbcrypt_register(const char *name,
		     const unsigned char key[DBCRYPT_KEY_BYTES]);

/*
 * Unregister the VFS called name and wipe its key; nothing when there
 * is no such dbcrypt VFS. Every connection opened through it must be
 * closed first.
 */
void dbcrypt_unregister(const char *name);

/*
 * Set up db, just opened through a dbcrypt VFS, before it is used: pages
 * of DBCRYPT_PAGE bytes with DBCRYPT_RESERVE reserved bytes when the
 * database is new (an existing one keeps its own, which the VFS checks,
 * and VACUUM keeps them), and temporary files in memory (PRAGMA
 * temp_store = MEMORY), since the VFS writes none. Reports nothing:
 * returns an SQLite result code, SQLITE_MISUSE when db is not open
 * through a dbcrypt VFS.
 */
int dbcrypt_prepare(sqlite3 *db);

#endif
