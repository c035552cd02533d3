/*
 * Files on disk: careful reads, atomic writes, and paths that never leave
 * the journal through a symbolic link.
 */
#ifndef TEND_FS_H
#define TEND_FS_H

#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "strvec.h"

/* out = a + "/" + b (b may be empty). */
void path_join(struct buf *out, const char *a, const char *b);

/*
 * The file name name numbered n, appended to out: name itself for n < 2,
 * else "STEM-N.EXT" (EXT after its last '.', none for a name that only
 * starts with one), for the next try when a name is taken.
 */
void name_numbered(struct buf *out, const char *name, int n);

enum {
	FS_MISSING_OK = 1 << 0,	/* a missing file is not an error */
	FS_FOLLOW = 1 << 1,	/* follow a symbolic link (files not ours) */
	FS_QUIET = 1 << 2	/* report nothing: the caller says it */
};

/*
 * Read the regular file at path into out (replacing its contents). A
 * symbolic link at the last component is refused unless FS_FOLLOW. Reads
 * at most limit + 1 bytes, so a caller sees that a file is over its limit
 * by out->len > limit without reading all of it. Returns 0; 1 when the
 * file does not exist and FS_MISSING_OK is given; else -1 after reporting
 * (or, with FS_QUIET, with errno saying why).
 */
int fs_read(const char *path, size_t limit, struct buf *out,
	    unsigned flags);

/* fs_read() of root/rel, refusing a symbolic link anywhere in rel. */
int fs_read_in(const char *root, const char *rel, size_t limit,
	       struct buf *out, unsigned flags);

/*
 * Write all of data[0..len) to fd, going on after a signal. Returns 0,
 * or -1 with errno set.
 */
int fs_write_all(int fd, const char *data, size_t len);

/*
 * What names tend's temporary files: ".NAME" FS_TEMP_MARK "XXXXXX"
 * beside the file NAME they will replace (six letters or digits); the
 * journal's .gitignore leaves them out.
 */
#define FS_TEMP_MARK ".tmp"

/*
 * Create a new, empty temporary file beside path, named as above (mode
 * 0600); its path goes in tmp. Returns its descriptor, or -1 after
 * reporting.
 */
int fs_open_temp(const char *path, struct buf *tmp);

/*
 * Write data to a new temporary file beside path, named as above, with
 * mode, flushed to disk when sync is set; its path goes in tmp. For a
 * caller that renames it into place later. Returns 0, or -1 after
 * reporting, with nothing left behind.
 */
int fs_write_temp(const char *path, const char *data, size_t len,
		  mode_t mode, int sync, struct buf *tmp);

/* Is name (a file name, without its folder) a temporary file's? */
int fs_is_temp_name(const char *name);

/*
 * Replace the file at path with data, atomically: a temporary file in the
 * same folder, written, flushed and fsynced, renamed over path, then the
 * folder fsynced. The file gets mode 0600. Returns 0 or -1 after reporting;
 * on failure path is untouched.
 */
int fs_write_atomic(const char *path, const char *data, size_t len);

/*
 * fs_write_atomic() of root/rel, making its folders (mode 0700) and
 * refusing to go through a symbolic link.
 */
int fs_write_in(const char *root, const char *rel, const char *data,
		size_t len);

/*
 * Remove root/rel (never through a symbolic link) and fsync its folder.
 * Returns 0 or -1 after reporting.
 */
int fs_remove_in(const char *root, const char *rel);

/*
 * Remove root/rel, which may be a symbolic link itself: the link goes,
 * never what it leads to. No folder of rel may be one. Its folder is
 * fsynced. Returns 0 or -1 after reporting.
 */
int fs_unlink_in(const char *root, const char *rel);

/* mkdir -p for a path outside any journal; new folders get mode 0700. */
int fs_mkdir_p(const char *path);

/*
 * Check that no existing component of rel (a relative path under root) is
 * a symbolic link, so that opening root/rel stays inside root. Missing
 * components are fine. Returns 0, or -1 after reporting.
 */
int fs_check_inside(const char *root, const char *rel);

/*
 * Create the folders of rel under root (mode 0700, each new one fsynced
 * in its parent), refusing to go through a symbolic link or a file.
 * Returns 0 or -1 after reporting.
 */
int fs_mkdirs(const char *root, const char *rel);

/*
 * Collect in files the paths (relative to root, "DIR/...") of the regular
 * files under root/dir whose names end in suffix, recursively, in sorted
 * order. Hidden files and folders are skipped. Symbolic links are never
 * followed: they go in links when it is not NULL, else they are skipped
 * with a warning; a dir reached through one is refused. A missing dir is
 * an empty list. Returns 0 or -1.
 */
int fs_walk(const char *root, const char *dir, const char *suffix,
	    struct strvec *files, struct strvec *links);

/*
 * fs_walk() of every name: hidden files and folders too, whatever the
 * ending; links go in links (never followed).
 */
int fs_walk_all(const char *root, const char *dir, struct strvec *files,
		struct strvec *links);

/*
 * Collect in temps the paths (relative to root) of the temporary files
 * (fs_is_temp_name()) under root/dir, recursively, sorted; links are not
 * followed. Returns 0 or -1.
 */
int fs_walk_temps(const char *root, const char *dir, struct strvec *temps);

/* 1 if path exists (without following a last symbolic link), else 0. */
int fs_exists(const char *path);

/*
 * Is the folder at path empty? Sets *empty; returns 0, or -1 after
 * reporting that it cannot be opened.
 */
int fs_dir_is_empty(const char *path, int *empty);

/* 1 if path is a folder (following links), else 0. */
int fs_is_dir(const char *path);

/*
 * Remove what the folder at path holds, without following links, and the
 * folder itself when self. For undoing what tend itself just made (a
 * clone that failed). Returns 0 or -1 after reporting.
 */
int fs_remove_tree(const char *path, int self);

/*
 * Remove the folder root/rel when it holds nothing but empty folders,
 * and those, never through a symbolic link (no folder of rel may be
 * one). Returns 1 when it went, 0 when it stays.
 */
int fs_prune_dirs(const char *root, const char *rel);

/*
 * Remove the folder root/rel when it is empty, then each folder above it
 * that is left empty, up to the first folder of rel, which stays (the
 * journal's entries/, attachments/); never one reached through a
 * symbolic link.
 */
void fs_rmdir_up(const char *root, const char *rel);

/*
 * Flush everything written to the file system that holds path to the
 * disk (syncfs). Returns 0 or -1 after reporting.
 */
int fs_sync_fs(const char *path);

/* fsync the folder at path. Returns 0 or -1 after reporting. */
int fs_fsync_dir(const char *path);

/* Flush the folder that holds path (after a rename into it). */
int fs_fsync_parent(const char *path);

#endif
