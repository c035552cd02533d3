/*
 * The folder a journal is rendered into (tend-render(1)): what tend wrote
 * there, so that a render writes only the pages whose input changed and
 * removes only pages it wrote itself.
 *
 * A manifest, .tend-render in the folder, lists every page with the key
 * (a hash of everything the page was made from) it was made with, after
 * a first line that names its generation (a hash of its keys). A
 * page whose key is the same as last time, and whose file is still
 * there, is not written again. Pages are written atomically (a temporary
 * file .tend-PID-N.tmp in the same folder, renamed over the page) and
 * not flushed one by one: the site can always be made again from the
 * journal. The manifest is written so too, after the pages are flushed;
 * or, when a render made the same pages as the last, only its keys that
 * changed and its generation are written over, in place. A folder that
 * is not empty and has no manifest is not ours, and is refused (but for
 * temporary files of a render that was stopped). A page the manifest
 * does not name yet is added to it before it is made, so that no page of
 * a render that was stopped is left unknown (and never removed).
 */
#ifndef TEND_SITE_H
#define TEND_SITE_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* The manifest's name in the folder. */
#define SITE_MANIFEST ".tend-render"

struct site_page {
	char *path;		/* "entries/ID.html": a name, or DIR/NAME */
	uint64_t key;
	int present;		/* the file is in the folder now */
	size_t line;		/* where its line starts in the manifest */
};

struct site_dir {
	char *name;		/* "" for the folder itself */
	int fd;
};

struct site {
	char *dir;		/* the folder, as given */
	int fd;			/* the folder, open and locked */
	int manifest_fd;	/* the manifest, open to add to, or -1 */
	size_t manifest_end;	/* where its last whole line ends */
	char *manifest;		/* its text as read (old's paths are in it) */
	int has_gen;		/* its first line has a generation */
	struct site_page *old;	/* the manifest as read, sorted by path */
	size_t nold;
	size_t *slots, nslots;	/* old's pages by a hash of their paths */
	struct site_page *now;	/* the pages of this render */
	size_t nnow, alloc;
	struct site_dir *dirs;	/* subfolders opened so far */
	size_t ndirs, dirs_alloc;
	unsigned long tmp_seq;	/* for temporary names */
	long written, unchanged, removed;
};

/*
 * Open the folder dir for a render, making it (mode 0700) when it does
 * not exist, and lock it against another render (waiting up to 5 s).
 * Reads the manifest and sees which of its pages are on disk; removes
 * the temporary files of a render that was stopped, in the folder and
 * its subfolders (and nothing else: a render still running holds the
 * lock). Returns 0;
 * FAIL after reporting a folder that is not empty and has no manifest, a
 * symbolic link, or what cannot be read; FAIL_BUSY when another render
 * holds it.
 */
int site_open(struct site *s, const char *dir);

/*
 * Is the page at path on disk as key makes it? Then it is kept (counted
 * as unchanged) and 1 is returned; else 0, and the caller writes it.
 */
int site_keep(struct site *s, const char *path, uint64_t key);

/*
 * Write the page at path (its folder made as needed), atomically, and
 * record key for it. Returns 0 or FAIL after reporting.
 */
int site_write(struct site *s, const char *path, uint64_t key,
	       const char *data, size_t len);

/* Is every page of the manifest read by site_open() on disk? */
int site_whole(const struct site *s);

/*
 * After the last page: when complete, remove the pages of the last
 * render that this one did not make; when not (a render that failed
 * half-way), remove nothing. Then, unless nothing changed at all, flush
 * the folder's files to disk and write the manifest: this render's
 * pages and the last one's still there, so no page is forgotten. When
 * those are the pages it named, only the keys that changed are written,
 * in place (a key cut short by a crash matches no page: that page is
 * made again). Returns 0 or FAIL.
 */
int site_finish(struct site *s, int complete);

/*
 * The first line of the manifest in dir, into out ("" when there is
 * none): it changes whenever a render writes the manifest.
 */
void site_manifest_head(const char *dir, struct buf *out);

/* Close the folders and free s (safe after a failed site_open()). */
void site_close(struct site *s);

/* Is path a page name site_write() takes: NAME or DIR/NAME, no dots at
 * the start of either, no other '/'? */
int site_path_ok(const char *path);

#endif
