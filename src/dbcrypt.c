/*
 * The encrypting VFS (see dbcrypt.h). It wraps the default VFS, which
 * still opens, locks, syncs and maps (-shm) the files; this one only
 * changes what the pages hold on their way to and from the disk.
 *
 * Where the pages lie in each kind of file:
 *
 *   database  page n at (n - 1) * DBCRYPT_PAGE: the whole file is pages;
 *   WAL       a 32-byte header, then frames of a 24-byte frame header
 *             (page number, commit size, two salts, two checksums) and
 *             a page;
 *   journal   a header padded to a sector (a multiple of 512 bytes),
 *             then records of a 4-byte page number, a page and a 4-byte
 *             checksum, and a new header at the next multiple of the
 *             sector whenever SQLite syncs the journal in the middle of
 *             a transaction.
 *
 * The database's and the WAL's pages are found by their offset. The
 * journal's depend on where its headers fell, so they are told by what
 * SQLite asks for: exactly one page at an offset 4 more than a multiple
 * of 8 (records start at a multiple of 8 from a header, and are 4104
 * bytes long), where no header starts. Any other write to the journal
 * must be bookkeeping: at most the 28 bytes of a header, or a header
 * padded with zeros; anything else is refused, so that no page can go
 * out in the clear.
 *
 * A page is sealed where it lies: its first DATA bytes encrypted with
 * XChaCha20-Poly1305, its last DBCRYPT_RESERVE bytes (SQLite's reserved
 * bytes, which it never uses) holding a random nonce and the tag. The
 * additional data binds it to where it lies: the kind of file, the
 * page's offset in it, and for the journal the record's page number, for
 * the WAL the frame header's page number and commit size (not its salts
 * and checksums: when a transaction writes a page twice, SQLite writes
 * the frames after it with zeros there and fills them in at the commit).
 * SQLite copies a page from one file to another (a rollback, a
 * checkpoint) by reading it and writing it through the VFS, so it is
 * sealed anew for where it goes. What is not bound is time: an older
 * copy of a page, or of the whole file, put back where it was, opens.
 *
 * SQLite sees zeros in the reserved bytes of every page it reads, and
 * zeros are all it ever leaves there, so the WAL's checksums (taken over
 * the whole plain page) hold when the WAL is read again: the VFS refuses
 * a page whose reserved bytes are not zero rather than let them break.
 *
 * A page that does not open is an error: SQLITE_NOTADB for the first
 * page of the database, SQLITE_CORRUPT for any other. Two exceptions:
 *
 *   - A page of the database stored as all zeros reads as zeros. Given
 *     a chunk size, SQLite grows the file ahead of its pages, and it may
 *     read pages between the end of the database and the end of the
 *     file (btree.c, allocateBtreePage(), after an incremental vacuum).
 *     Whoever can write the file can so zero a page; SQLite finds a
 *     zeroed b-tree page damaged, but not a zeroed overflow page (the
 *     tail of a long text) or free page: acceptable for a cache.
 *   - A whole WAL frame read while SQLite recovers the WAL: a crash may
 *     leave the last frame torn, and SQLite ends the log at the first
 *     frame whose checksum fails, so a frame that does not open reads
 *     as zeros, which no salt matches: the log ends before it.
 */
#include "dbcrypt.h"
#include "error.h"

#include <sodium.h>
#include <stdint.h>
#include <string.h>

#define PAGE DBCRYPT_PAGE
#define DATA (DBCRYPT_PAGE - DBCRYPT_RESERVE)	/* the bytes encrypted */
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define WAL_HEADER 32
#define FRAME_HEADER 24
#define FRAME (FRAME_HEADER + PAGE)
#define FRAME_BOUND 8		/* the frame header's bytes bound to it */
#define RECORD_PGNO 4		/* a journal record's page number */
#define JOURNAL_FIELDS 28	/* the bytes of a journal header that count */
#define JOURNAL_ALIGN 512	/* the least sector size */
#define HEAD_MAX FRAME_HEADER	/* the most bytes read before a page */
#define AD_MAX (1 + 8 + FRAME_BOUND)
#define SUBKEY_CONTEXT "tend dbcrypt pages v1"
#define STR_(x) #x
#define STR(x) STR_(x)

/* What region_read() says of a page that does not open. */
#define SEAL_BROKEN (-1)

_Static_assert(NONCE_BYTES + TAG_BYTES == DBCRYPT_RESERVE,
	       "the reserved bytes hold a nonce and a tag");
_Static_assert(KEY_BYTES == DBCRYPT_KEY_BYTES, "a key is 32 bytes");
_Static_assert(PAGE == 4096, "dbcrypt_prepare() sets PRAGMA page_size");

/* The kinds of file the VFS opens, by the letter bound to their pages. */
enum kind {
	KIND_NONE = 0,
	KIND_DB = 'D',
	KIND_JOURNAL = 'J',
	KIND_WAL = 'W'
};

/* A registered VFS: what SQLite holds, the VFS it wraps, the key. */
struct dbcrypt {
	sqlite3_vfs vfs;	/* first: SQLite's pointer is this one's */
	sqlite3_vfs *base;
	unsigned char key[KEY_BYTES];
	char name[];
};

/*
 * An open file: SQLite's handle, then (at FILE_SIZE) the base VFS's
 * own, which does the I/O. buf holds one page and what precedes it.
 */
struct crypt_file {
	sqlite3_file file;	/* first: pMethods is crypt_methods */
	const struct dbcrypt *owner;
	sqlite3_file *real;
	enum kind kind;
	unsigned char buf[HEAD_MAX + PAGE];
};

#define FILE_SIZE ((sizeof(struct crypt_file) + 7) & ~(size_t)7)

/* --- Where pages lie ------------------------------------------------ */

/* How many bytes before a page are read with it: its number, its frame. */
static int head_len(enum kind kind)
{
	return kind == KIND_WAL ? FRAME_HEADER :
	       kind == KIND_JOURNAL ? RECORD_PGNO : 0;
}

/*
 * The start of the first page of f that ends after pos, for a request
 * (read or write) of amt bytes at off; INT64_MAX when there is none.
 */
static sqlite3_int64 region_after(const struct crypt_file *f,
				  sqlite3_int64 off, int amt,
				  sqlite3_int64 pos)
{
	const sqlite3_int64 first = WAL_HEADER + FRAME_HEADER;
	sqlite3_int64 n;

	switch (f->kind) {
	case KIND_DB:
		return pos / PAGE * PAGE;
	case KIND_WAL:
		if (pos < first)
			return first;
		n = (pos - first) / FRAME;
		if (pos - first - n * FRAME >= PAGE)
			n++;
		return first + n * FRAME;
	default:
		return amt == PAGE && off % 8 == 4 && pos <= off ? off :
		       INT64_MAX;
	}
}

/* The page number before a journal page or in a frame header. */
static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/*
 * The additional data that binds the page at start of f, with head (the
 * head_len() bytes before it), into ad (AD_MAX bytes). Returns its
 * length.
 */
static size_t ad_make(const struct crypt_file *f, sqlite3_int64 start,
		      const unsigned char *head, unsigned char *ad)
{
	size_t n = 0;

	ad[n++] = (unsigned char)f->kind;
	for (int i = 7; i >= 0; i--)
		ad[n++] = (unsigned char)((uint64_t)start >> (8 * i));
	if (f->kind == KIND_JOURNAL) {
		memcpy(ad + n, head, RECORD_PGNO);
		n += RECORD_PGNO;
	} else if (f->kind == KIND_WAL) {
		memcpy(ad + n, head, FRAME_BOUND);
		n += FRAME_BOUND;
	}
	return n;
}

/* --- Pages ------------------------------------------------------------ */

/*
 * Read the page at start of f, and what is bound to it before it, into
 * f->buf and open it there: its plain text at f->buf + HEAD_MAX, its
 * reserved bytes zero. Returns SQLITE_OK; SQLITE_IOERR_SHORT_READ when
 * the file ends before the page does (the page is then zeros);
 * SEAL_BROKEN when it does not open; or the base VFS's error.
 */
static int region_read(struct crypt_file *f, sqlite3_int64 start)
{
	int head = head_len(f->kind), rc;
	unsigned char *page = f->buf + HEAD_MAX, ad[AD_MAX];
	size_t ad_len;

	rc = f->real->pMethods->xRead(f->real, page - head, head + PAGE,
				      start - head);
	if (rc == SQLITE_IOERR_SHORT_READ) {
		memset(page, 0, PAGE);
		return rc;
	}
	if (rc != SQLITE_OK)
		return rc;
	if (sodium_is_zero(page, PAGE))
		return f->kind == KIND_DB ? SQLITE_OK : SEAL_BROKEN;
	ad_len = ad_make(f, start, page - head, ad);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(page, NULL,
			page, DATA, page + DATA + NONCE_BYTES, ad, ad_len,
			page + DATA, f->owner->key))
		return SEAL_BROKEN;
	memset(page + DATA, 0, DBCRYPT_RESERVE);
	return SQLITE_OK;
}

/* What a page of f at start that does not open gives SQLite. */
static int broken_page(const struct crypt_file *f, sqlite3_int64 start)
{
	int code = f->kind == KIND_DB && start == 0 ? SQLITE_NOTADB :
		   SQLITE_CORRUPT;

	sqlite3_log(code, "dbcrypt: the page at %lld of a %s does not open "
		    "(another key, or changed)", (long long)start,
		    f->kind == KIND_DB ? "database" :
		    f->kind == KIND_WAL ? "WAL" : "journal");
	return code;
}

/* Refuse a write to f that would put something in the clear. */
static int refuse(const struct crypt_file *f, const char *why,
		  sqlite3_int64 off, int amt)
{
	sqlite3_log(SQLITE_IOERR_WRITE, "dbcrypt: %d bytes at %lld of a %s "
		    "refused: %s", amt, (long long)off,
		    f->kind == KIND_DB ? "database" :
		    f->kind == KIND_WAL ? "WAL" : "journal", why);
	return SQLITE_IOERR_WRITE;
}

/*
 * Does plain, the first page of a database, say what the VFS needs: a
 * page of DBCRYPT_PAGE bytes (big-endian at 16) with at least
 * DBCRYPT_RESERVE reserved bytes (at 20)?
 */
static int header_fits(const unsigned char *plain)
{
	return plain[16] == (PAGE >> 8 & 0xff) && plain[17] == (PAGE & 0xff)
	       && plain[20] >= DBCRYPT_RESERVE;
}

/*
 * Seal plain, a page SQLite writes at start of f, and write it. Returns
 * SQLITE_OK, SQLITE_IOERR_WRITE when the page cannot be sealed, or the
 * base VFS's error.
 */
static int region_write(struct crypt_file *f, sqlite3_int64 start,
			const unsigned char *plain)
{
	int head = head_len(f->kind), rc;
	unsigned char *page = f->buf + HEAD_MAX, ad[AD_MAX];
	size_t ad_len;
	uint32_t pgno;

	if (head) {
		/* SQLite wrote the page number or frame header just now */
		rc = f->real->pMethods->xRead(f->real, page - head, head,
					      start - head);
		if (rc != SQLITE_OK)
			return refuse(f, "nothing before it to bind it to",
				      start, PAGE);
	}
	if (!sodium_is_zero(plain + DATA, DBCRYPT_RESERVE))
		return refuse(f, "SQLite's reserved bytes are in use", start,
			      PAGE);
	pgno = head ? be32(page - head) : (uint32_t)(start / PAGE + 1);
	if (pgno == 1 && !header_fits(plain))
		return refuse(f, "the database's page size or reserved bytes "
			      "are not what dbcrypt_prepare() sets", start,
			      PAGE);
	ad_len = ad_make(f, start, page - head, ad);
	randombytes_buf(page + DATA, NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(page,
			page + DATA + NONCE_BYTES, NULL, plain, DATA, ad,
			ad_len, NULL, page + DATA, f->owner->key);
	return f->real->pMethods->xWrite(f->real, page, PAGE, start);
}

/* --- The file's methods ----------------------------------------------- */

static int file_close(sqlite3_file *file)
{
	struct crypt_file *f = (struct crypt_file *)file;
	int rc = f->real->pMethods->xClose(f->real);

	sodium_memzero(f->buf, sizeof(f->buf));
	return rc;
}

/*
 * Read amt bytes at off: the pages among them opened, what lies between
 * them as it is. Pages the file does not reach read as zeros, with
 * SQLITE_IOERR_SHORT_READ, as the base VFS does for bytes.
 */
static int file_read(sqlite3_file *file, void *out, int amt,
		     sqlite3_int64 off)
{
	struct crypt_file *f = (struct crypt_file *)file;
	unsigned char *o = out;
	sqlite3_int64 pos = off, end = off + amt, start, stop;
	int rc, short_read = 0;

	while (pos < end) {
		start = region_after(f, off, amt, pos);
		if (pos < start) {
			stop = start < end ? start : end;
			rc = f->real->pMethods->xRead(f->real, o + (pos - off),
						      (int)(stop - pos), pos);
			if (rc == SQLITE_IOERR_SHORT_READ)
				short_read = 1;
			else if (rc != SQLITE_OK)
				return rc;
			pos = stop;
			continue;
		}
		stop = start + PAGE < end ? start + PAGE : end;
		rc = region_read(f, start);
		if (rc == SEAL_BROKEN) {
			/* a whole frame, read to recover the WAL: torn */
			if (f->kind != KIND_WAL ||
			    start - FRAME_HEADER < off || start + PAGE > end)
				return broken_page(f, start);
			sqlite3_log(SQLITE_NOTICE, "dbcrypt: the page at %lld "
				    "of a WAL does not open: taken as torn, "
				    "the end of the log", (long long)start);
			memset(f->buf + HEAD_MAX, 0, PAGE);
			memset(o + (start - FRAME_HEADER - off), 0,
			       FRAME_HEADER);
		} else if (rc == SQLITE_IOERR_SHORT_READ) {
			short_read = 1;
		} else if (rc != SQLITE_OK) {
			return rc;
		}
		memcpy(o + (pos - off), f->buf + HEAD_MAX + (pos - start),
		       (size_t)(stop - pos));
		pos = stop;
	}
	return short_read ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

/*
 * Is a write of amt bytes at off to a journal, which holds no page,
 * bookkeeping: the fields of a header, a page number, a checksum, or a
 * header padded with zeros to its sector?
 */
static int journal_plain(const unsigned char *in, int amt,
			 sqlite3_int64 off)
{
	return amt <= JOURNAL_FIELDS ||
	       (off % JOURNAL_ALIGN == 0 &&
		sodium_is_zero(in + JOURNAL_FIELDS,
			       (size_t)amt - JOURNAL_FIELDS));
}

/*
 * Write amt bytes at off: a page sealed, bookkeeping as it is. A write
 * that covers part of a page, or more than one, is refused.
 */
static int file_write(sqlite3_file *file, const void *in, int amt,
		      sqlite3_int64 off)
{
	struct crypt_file *f = (struct crypt_file *)file;
	sqlite3_int64 start;

	if (amt <= 0)
		return f->real->pMethods->xWrite(f->real, in, amt, off);
	start = region_after(f, off, amt, off);
	if (start >= off + amt) {
		if (f->kind == KIND_JOURNAL && !journal_plain(in, amt, off))
			return refuse(f, "neither a page nor a header", off,
				      amt);
		return f->real->pMethods->xWrite(f->real, in, amt, off);
	}
	if (start != off || amt != PAGE)
		return refuse(f, "not one whole page", off, amt);
	return region_write(f, start, in);
}

static int file_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xTruncate(real, size);
}

static int file_sync(sqlite3_file *file, int flags)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xSync(real, flags);
}

static int file_size(sqlite3_file *file, sqlite3_int64 *size)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xFileSize(real, size);
}

static int file_lock(sqlite3_file *file, int lock)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xLock(real, lock);
}

static int file_unlock(sqlite3_file *file, int lock)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xUnlock(real, lock);
}

static int file_reserved(sqlite3_file *file, int *out)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xCheckReservedLock(real, out);
}

/*
 * File controls go to the base VFS, but for memory mapping, which would
 * hand SQLite the stored pages: there is none (the methods have no
 * xFetch either).
 */
static int file_control(sqlite3_file *file, int op, void *arg)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	if (op == SQLITE_FCNTL_MMAP_SIZE) {
		*(sqlite3_int64 *)arg = 0;
		return SQLITE_OK;
	}
	return real->pMethods->xFileControl(real, op, arg);
}

static int file_sector_size(sqlite3_file *file)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xSectorSize(real);
}

/*
 * The base VFS's characteristics, with writes that are safe from power
 * loss beyond what they write (SQLite's default on Unix): without it,
 * SQLite pads the WAL to a sector at each commit and may split a page's
 * write at the sector's end, which the VFS could not seal.
 */
static int file_characteristics(sqlite3_file *file)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xDeviceCharacteristics(real) |
	       SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

static int file_shm_map(sqlite3_file *file, int region, int size,
			int extend, void volatile **out)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xShmMap(real, region, size, extend, out);
}

static int file_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xShmLock(real, offset, n, flags);
}

static void file_shm_barrier(sqlite3_file *file)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	real->pMethods->xShmBarrier(real);
}

static int file_shm_unmap(sqlite3_file *file, int delete_flag)
{
	sqlite3_file *real = ((struct crypt_file *)file)->real;

	return real->pMethods->xShmUnmap(real, delete_flag);
}

/* Version 2: shared memory for the WAL, no memory-mapped pages. */
static const sqlite3_io_methods crypt_methods = {
	.iVersion = 2,
	.xClose = file_close,
	.xRead = file_read,
	.xWrite = file_write,
	.xTruncate = file_truncate,
	.xSync = file_sync,
	.xFileSize = file_size,
	.xLock = file_lock,
	.xUnlock = file_unlock,
	.xCheckReservedLock = file_reserved,
	.xFileControl = file_control,
	.xSectorSize = file_sector_size,
	.xDeviceCharacteristics = file_characteristics,
	.xShmMap = file_shm_map,
	.xShmLock = file_shm_lock,
	.xShmBarrier = file_shm_barrier,
	.xShmUnmap = file_shm_unmap
};

/* --- The VFS ---------------------------------------------------------- */

/* The kind of file SQLite opens with flags; KIND_NONE for the others. */
static enum kind kind_of(int flags)
{
	if (flags & SQLITE_OPEN_MAIN_DB)
		return KIND_DB;
	if (flags & SQLITE_OPEN_MAIN_JOURNAL)
		return KIND_JOURNAL;
	if (flags & SQLITE_OPEN_WAL)
		return KIND_WAL;
	return KIND_NONE;
}

/*
 * Open a database, its rollback journal or its WAL through the base VFS;
 * refuse every other file (temporary ones, super-journals) with
 * SQLITE_CANTOPEN, since their contents are not pages it could seal.
 */
static int vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file,
		    int flags, int *out_flags)
{
	struct dbcrypt *d = (struct dbcrypt *)vfs;
	struct crypt_file *f = (struct crypt_file *)file;
	int rc;

	file->pMethods = NULL;
	f->kind = kind_of(flags);
	if (f->kind == KIND_NONE) {
		sqlite3_log(SQLITE_CANTOPEN, "dbcrypt: no file but a "
			    "database, its journal and its WAL (flags 0x%x); "
			    "keep temporary files in memory", flags);
		return SQLITE_CANTOPEN;
	}
	f->owner = d;
	f->real = (sqlite3_file *)((char *)file + FILE_SIZE);
	f->real->pMethods = NULL;
	rc = d->base->xOpen(d->base, name, f->real, flags, out_flags);
	if (rc != SQLITE_OK) {
		if (f->real->pMethods)
			f->real->pMethods->xClose(f->real);
		return rc;
	}
	file->pMethods = &crypt_methods;
	return SQLITE_OK;
}

static sqlite3_vfs *base_of(sqlite3_vfs *vfs)
{
	return ((struct dbcrypt *)vfs)->base;
}

static int vfs_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	sqlite3_vfs *b = base_of(vfs);

	return b->xDelete(b, name, sync_dir);
}

static int vfs_access(sqlite3_vfs *vfs, const char *name, int flags,
		      int *out)
{
	sqlite3_vfs *b = base_of(vfs);

	return b->xAccess(b, name, flags, out);
}

static int vfs_full_pathname(sqlite3_vfs *vfs, const char *name, int n,
			     char *out)
{
	sqlite3_vfs *b = base_of(vfs);

	return b->xFullPathname(b, name, n, out);
}

static void *vfs_dl_open(sqlite3_vfs *vfs, const char *path)
{
	sqlite3_vfs *b = base_of(vfs);

	return b->xDlOpen(b, path);
}

static void vfs_dl_error(sqlite3_vfs *vfs, int n, char *out)
{
	sqlite3_vfs *b = base_of(vfs);

	b->xDlError(b, n, out);
}

static void (*vfs_dl_sym(sqlite3_vfs *vfs, void *lib, const char *sym))(void)
{
	sqlite3_vfs *b = base_of(vfs);

	return b->xDlSym(b, lib, sym);
}

static void vfs_dl_close(sqlite3_vfs *vfs, void *lib)
{
	sqlite3_vfs *b = base_of(vfs);

	b->xDlClose(b, lib);
}

static int vfs_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	sqlite3_vfs *b = base_of(vfs);

	return b->xRandomness(b, n, out);
}

static int vfs_sleep(sqlite3_vfs *vfs, int us)
{
	sqlite3_vfs *b = base_of(vfs);

	return b->xSleep(b, us);
}

static int vfs_current_time(sqlite3_vfs *vfs, double *out)
{
	sqlite3_vfs *b = base_of(vfs);

	return b->xCurrentTime(b, out);
}

static int vfs_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	sqlite3_vfs *b = base_of(vfs);

	return b->xGetLastError ? b->xGetLastError(b, n, out) : 0;
}

static int vfs_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	sqlite3_vfs *b = base_of(vfs);

	return b->xCurrentTimeInt64(b, out);
}

/*
 * A new struct dbcrypt for name, in memory of its own that is kept out
 * of swap and wiped when freed (sodium_malloc(); freed by sodium_free()),
 * with the key derived from key. Dies when there is no memory.
 */
static struct dbcrypt *dbcrypt_new(const char *name,
				   const unsigned char *key)
{
	size_t len = strlen(name) + 1;
	/* a multiple of 16, or sodium_malloc() gives memory unaligned */
	size_t size = (sizeof(struct dbcrypt) + len + 15) & ~(size_t)15;
	struct dbcrypt *d = sodium_malloc(size);

	if (!d)
		die("out of memory");
	memset(d, 0, size);
	memcpy(d->name, name, len);
	crypto_generichash(d->key, sizeof(d->key),
			   (const unsigned char *)SUBKEY_CONTEXT,
			   sizeof(SUBKEY_CONTEXT) - 1, key,
			   DBCRYPT_KEY_BYTES);
	return d;
}

int dbcrypt_register(const char *name,
		     const unsigned char key[DBCRYPT_KEY_BYTES])
{
	sqlite3_vfs *base = sqlite3_vfs_find(NULL);
	struct dbcrypt *d;
	int rc;

	if (sodium_init() < 0)
		return error("cannot encrypt the index: the cryptography "
			     "library could not start");
	if (!base)
		return error("cannot encrypt the index: SQLite has no VFS");
	if (sqlite3_vfs_find(name))
		return error("cannot register SQLite VFS '%s': the name is "
			     "taken", name);
	d = dbcrypt_new(name, key);
	d->base = base;
	d->vfs.iVersion = base->iVersion >= 2 ? 2 : 1;
	d->vfs.szOsFile = (int)FILE_SIZE + base->szOsFile;
	d->vfs.mxPathname = base->mxPathname;
	d->vfs.zName = d->name;
	d->vfs.pAppData = d;
	d->vfs.xOpen = vfs_open;
	d->vfs.xDelete = vfs_delete;
	d->vfs.xAccess = vfs_access;
	d->vfs.xFullPathname = vfs_full_pathname;
	d->vfs.xDlOpen = vfs_dl_open;
	d->vfs.xDlError = vfs_dl_error;
	d->vfs.xDlSym = vfs_dl_sym;
	d->vfs.xDlClose = vfs_dl_close;
	d->vfs.xRandomness = vfs_randomness;
	d->vfs.xSleep = vfs_sleep;
	d->vfs.xCurrentTime = vfs_current_time;
	d->vfs.xGetLastError = vfs_last_error;
	d->vfs.xCurrentTimeInt64 = vfs_current_time_int64;
	rc = sqlite3_vfs_register(&d->vfs, 0);
	if (rc != SQLITE_OK) {
		sodium_free(d);
		return error("cannot register SQLite VFS '%s': %s", name,
			     sqlite3_errstr(rc));
	}
	return 0;
}

void dbcrypt_unregister(const char *name)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find(name);

	if (!vfs || vfs->xOpen != vfs_open)
		return;
	sqlite3_vfs_unregister(vfs);
	sodium_free(vfs);	/* wipes the key */
}

int dbcrypt_prepare(sqlite3 *db)
{
	sqlite3_vfs *vfs = NULL;
	int reserve = DBCRYPT_RESERVE, rc;

	if (sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER,
				 &vfs) != SQLITE_OK || !vfs ||
	    vfs->xOpen != vfs_open)
		return SQLITE_MISUSE;
	/*
	 * The page size first: setting it asks for no reserved bytes,
	 * which the file control then raises (on a database that has
	 * pages, for its next VACUUM only).
	 */
	rc = sqlite3_exec(db, "PRAGMA page_size = " STR(DBCRYPT_PAGE) ";"
			  "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_file_control(db, "main",
					  SQLITE_FCNTL_RESERVE_BYTES,
					  &reserve);
	return rc;
}
