#include "fs.h"
#include "error.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void path_join(struct buf *out, const char *a, const char *b)
{
	buf_reset(out);
	buf_adds(out, a);
	if (*b) {
		if (out->len && out->s[out->len - 1] != '/')
			buf_addch(out, '/');
		buf_adds(out, b);
	}
}

void name_numbered(struct buf *out, const char *name, int n)
{
	const char *dot = strrchr(name, '.');
	size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);

	if (n < 2)
		buf_adds(out, name);
	else
		buf_addf(out, "%.*s-%d%s", (int)stem, name, n, name + stem);
}

/* Report a failed read of path unless quiet; keeps errno. Returns -1. */
static int read_failed(unsigned flags, const char *path, const char *why)
{
	int saved = errno;

	if (!(flags & FS_QUIET)) {
		if (saved == ELOOP)
			error("refusing to follow symbolic link '%s'", path);
		else
			error("cannot read '%s': %s", path, why);
	}
	errno = saved;
	return -1;
}

int fs_read(const char *path, size_t limit, struct buf *out,
	    unsigned flags)
{
	int fd, rc = -1;
	struct stat st;

	buf_reset(out);
	fd = open(path, O_RDONLY | O_CLOEXEC |
		  (flags & FS_FOLLOW ? 0 : O_NOFOLLOW));
	if (fd < 0) {
		/* a folder on the way that is a file: no such file either */
		if ((errno == ENOENT || errno == ENOTDIR) &&
		    (flags & FS_MISSING_OK))
			return 1;
		return read_failed(flags, path, strerror(errno));
	}
	if (fstat(fd, &st) < 0) {
		read_failed(flags, path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		read_failed(flags, path, "not a regular file");
		goto out;
	}
	/* room for the whole file at once, as its size says */
	if (st.st_size > 0)
		buf_grow(out, (size_t)st.st_size < limit
			      ? (size_t)st.st_size + 1 : limit + 1);
	for (;;) {
		size_t want = limit + 1 - out->len, room;
		ssize_t n;

		if (!want)
			break;
		room = out->alloc > out->len + 1 ? out->alloc - out->len - 1
						 : 0;
		if (want > room)
			want = room ? room : want > 65536 ? 65536 : want;
		buf_grow(out, want);
		n = read(fd, out->s + out->len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			read_failed(flags, path, strerror(errno));
			goto out;
		}
		if (!n)
			break;
		out->len += (size_t)n;
		out->s[out->len] = '\0';
	}
	rc = 0;
out:
	if (rc) {
		int saved = errno;

		close(fd);
		errno = saved;
		return rc;
	}
	close(fd);
	return rc;
}

int fs_read_in(const char *root, const char *rel, size_t limit,
	       struct buf *out, unsigned flags)
{
	struct buf full = BUF_INIT;
	int rc;

	buf_reset(out);
	if (fs_check_inside(root, rel) < 0)
		return -1;
	path_join(&full, root, rel);
	rc = fs_read(full.s, limit, out, flags & ~FS_FOLLOW);
	buf_release(&full);
	return rc;
}

/* Split path into its folder (into dir) and return its last component. */
static const char *split_dir(const char *path, struct buf *dir)
{
	const char *slash = strrchr(path, '/');

	buf_reset(dir);
	if (!slash) {
		buf_addch(dir, '.');
		return path;
	}
	buf_add(dir, path, slash == path ? 1 : (size_t)(slash - path));
	return slash + 1;
}

int fs_fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	if (fsync(fd) < 0 && errno != EINVAL) {
		int saved = errno;

		close(fd);
		return error("cannot sync '%s': %s", path, strerror(saved));
	}
	close(fd);
	return 0;
}

int fs_write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int fs_open_temp(const char *path, struct buf *tmp)
{
	struct buf dir = BUF_INIT;
	const char *base = split_dir(path, &dir);
	int fd;

	buf_reset(tmp);
	buf_addf(tmp, "%s/.%s" FS_TEMP_MARK "XXXXXX", dir.s, base);
	fd = mkstemp(tmp->s);
	if (fd < 0)
		error("cannot create a file in '%s': %s", dir.s,
		      strerror(errno));
	buf_release(&dir);
	return fd;
}

int fs_fsync_parent(const char *path)
{
	struct buf dir = BUF_INIT;
	int rc;

	split_dir(path, &dir);
	rc = fs_fsync_dir(dir.s);
	buf_release(&dir);
	return rc;
}

int fs_write_temp(const char *path, const char *data, size_t len,
		  mode_t mode, int sync, struct buf *tmp)
{
	int fd = fs_open_temp(path, tmp);

	if (fd < 0)
		return -1;
	if (fs_write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 ||
	    (sync && fsync(fd) < 0)) {
		error("cannot write '%s': %s", path, strerror(errno));
		close(fd);
		unlink(tmp->s);
		return -1;
	}
	if (close(fd) < 0) {
		error("cannot write '%s': %s", path, strerror(errno));
		unlink(tmp->s);
		return -1;
	}
	return 0;
}

int fs_is_temp_name(const char *name)
{
	size_t len = strlen(name), mark = strlen(FS_TEMP_MARK);

	return name[0] == '.' && len > 1 + mark + 6 &&
	       !strncmp(name + len - 6 - mark, FS_TEMP_MARK, mark) &&
	       strspn(name + len - 6, "abcdefghijklmnopqrstuvwxyz"
		      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == 6;
}

int fs_write_atomic(const char *path, const char *data, size_t len)
{
	struct buf tmp = BUF_INIT;
	int rc = -1;

	if (fs_write_temp(path, data, len, 0600, 1, &tmp) < 0)
		goto out;
	if (rename(tmp.s, path) < 0) {
		error("cannot replace '%s': %s", path, strerror(errno));
		unlink(tmp.s);
		goto out;
	}
	rc = fs_fsync_parent(path);
out:
	buf_release(&tmp);
	return rc;
}

int fs_write_in(const char *root, const char *rel, const char *data,
		size_t len)
{
	struct buf dir = BUF_INIT, full = BUF_INIT;
	const char *slash = strrchr(rel, '/');
	int rc = -1;

	if (slash)
		buf_add(&dir, rel, (size_t)(slash - rel));
	if ((slash && fs_mkdirs(root, dir.s) < 0) ||
	    fs_check_inside(root, rel) < 0)
		goto out;
	path_join(&full, root, rel);
	rc = fs_write_atomic(full.s, data, len);
out:
	buf_release(&dir);
	buf_release(&full);
	return rc;
}

/*
 * Remove root/rel once root/checked (rel, or a folder of it) is found
 * to hold no symbolic link; fsync its folder. Returns 0, or -1 after
 * reporting.
 */
static int remove_checked(const char *root, const char *rel,
			  const char *checked)
{
	struct buf full = BUF_INIT;
	int rc = -1;

	if (fs_check_inside(root, checked) < 0)
		goto out;
	path_join(&full, root, rel);
	if (unlink(full.s) < 0 && errno != ENOENT)
		error("cannot remove '%s': %s", full.s, strerror(errno));
	else
		rc = fs_fsync_parent(full.s);
out:
	buf_release(&full);
	return rc;
}

int fs_remove_in(const char *root, const char *rel)
{
	return remove_checked(root, rel, rel);
}

int fs_unlink_in(const char *root, const char *rel)
{
	struct buf dir = BUF_INIT;
	const char *slash = strrchr(rel, '/');
	int rc;

	/* its folders are checked, not itself: unlink() follows no link */
	if (slash)
		buf_add(&dir, rel, (size_t)(slash - rel));
	rc = remove_checked(root, rel, dir.s);
	buf_release(&dir);
	return rc;
}

int fs_mkdir_p(const char *path)
{
	char *copy = xstrdup(path);
	int rc = 0;

	for (char *p = copy + 1;; p++) {
		char c = *p;

		if (c && c != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
			rc = error("cannot create folder '%s': %s", copy,
				   strerror(errno));
			break;
		}
		*p = c;
		if (!c)
			break;
	}
	free(copy);
	return rc;
}

/*
 * Walk the components of rel under root; for each existing one call
 * check(). With create set, make missing folders for all components.
 */
static int walk_components(const char *root, const char *rel, int create)
{
	struct buf path = BUF_INIT;
	const char *p = rel;
	int rc = -1;

	buf_adds(&path, root);
	while (*p) {
		const char *end = strchrnul(p, '/');
		struct stat st;

		if (end == p) {
			p++;
			continue;
		}
		buf_addch(&path, '/');
		buf_add(&path, p, (size_t)(end - p));
		if (lstat(path.s, &st) == 0) {
			if (S_ISLNK(st.st_mode)) {
				error("refusing to follow symbolic link '%s'",
				      path.s);
				goto out;
			}
			if (create && !S_ISDIR(st.st_mode)) {
				error("cannot create folder '%s': "
				      "a file is in the way", path.s);
				goto out;
			}
		} else if (errno != ENOENT) {
			error("cannot look at '%s': %s", path.s,
			      strerror(errno));
			goto out;
		} else if (create) {
			if (mkdir(path.s, 0700) < 0 && errno != EEXIST) {
				error("cannot create folder '%s': %s", path.s,
				      strerror(errno));
				goto out;
			}
			/* the new folder's name must reach the disk too */
			buf_setlen(&path, path.len - (size_t)(end - p) - 1);
			if (fs_fsync_dir(path.len ? path.s : "/") < 0)
				goto out;
			buf_addch(&path, '/');
			buf_add(&path, p, (size_t)(end - p));
		} else {
			break;
		}
		p = *end ? end + 1 : end;
	}
	rc = 0;
out:
	buf_release(&path);
	return rc;
}

int fs_check_inside(const char *root, const char *rel)
{
	return walk_components(root, rel, 0);
}

int fs_mkdirs(const char *root, const char *rel)
{
	return walk_components(root, rel, 1);
}

/*
 * fs_walk() of root/rel, without sorting, hidden names too when hidden
 * is set; with temps set, the temporary files found go there (files and
 * links are then not collected).
 */
static int walk_dir(const char *root, const char *rel, const char *suffix,
		    struct strvec *files, struct strvec *links,
		    struct strvec *temps, int hidden)
{
	struct buf path = BUF_INIT, child = BUF_INIT;
	DIR *d;
	struct dirent *de;
	int rc = 0;

	path_join(&path, root, rel);
	d = opendir(path.s);
	if (!d) {
		if (errno != ENOENT && errno != ENOTDIR)
			rc = error("cannot open folder '%s': %s", path.s,
				   strerror(errno));
		buf_release(&path);
		return rc;
	}
	while ((de = readdir(d))) {
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (de->d_name[0] == '.' && !hidden &&
		    (!temps || !fs_is_temp_name(de->d_name)))
			continue;
		/* looking for temporary files, a plain name is one only
		 * when it is a folder */
		if (temps && de->d_name[0] != '.' && de->d_type != DT_DIR &&
		    de->d_type != DT_UNKNOWN)
			continue;
		path_join(&child, rel, de->d_name);
		path_join(&path, root, child.s);
		if (lstat(path.s, &st) < 0)
			continue;
		if (temps) {
			if (S_ISREG(st.st_mode) && de->d_name[0] == '.')
				strvec_push(temps, child.s);
			else if (S_ISDIR(st.st_mode) && de->d_name[0] != '.' &&
				 walk_dir(root, child.s, NULL, NULL, NULL,
					  temps, 0) < 0)
				rc = -1;
		} else if (S_ISLNK(st.st_mode) && links) {
			strvec_push(links, child.s);
		} else if (S_ISLNK(st.st_mode)) {
			warning("skipping symbolic link '%s'", child.s);
		} else if (S_ISDIR(st.st_mode)) {
			if (walk_dir(root, child.s, suffix, files, links,
				     NULL, hidden) < 0)
				rc = -1;
		} else if (S_ISREG(st.st_mode) &&
			   ends_with(de->d_name, suffix)) {
			strvec_push(files, child.s);
		}
	}
	closedir(d);
	buf_release(&path);
	buf_release(&child);
	return rc;
}

int fs_walk(const char *root, const char *dir, const char *suffix,
	    struct strvec *files, struct strvec *links)
{
	int rc;

	if (fs_check_inside(root, dir) < 0)
		return -1;
	rc = walk_dir(root, dir, suffix, files, links, NULL, 0);
	strvec_sort(files);
	if (links)
		strvec_sort(links);
	return rc;
}

int fs_walk_all(const char *root, const char *dir, struct strvec *files,
		struct strvec *links)
{
	int rc;

	if (fs_check_inside(root, dir) < 0)
		return -1;
	rc = walk_dir(root, dir, "", files, links, NULL, 1);
	strvec_sort(files);
	strvec_sort(links);
	return rc;
}

int fs_walk_temps(const char *root, const char *dir, struct strvec *temps)
{
	int rc;

	if (fs_check_inside(root, dir) < 0)
		return -1;
	rc = walk_dir(root, dir, NULL, NULL, NULL, temps, 0);
	strvec_sort(temps);
	return rc;
}

int fs_sync_fs(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	rc = syncfs(fd);
	if (rc < 0)
		error("cannot flush '%s' to the disk: %s", path,
		      strerror(errno));
	close(fd);
	return rc < 0 ? -1 : 0;
}

int fs_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int fs_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Remove one file or (emptied) folder found by nftw(). */
static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if ((type == FTW_DP ? rmdir(path) : unlink(path)) < 0) {
		error("cannot remove '%s': %s", path, strerror(errno));
		return 1;	/* stops the walk; reported */
	}
	return 0;
}

/* As remove_one(), but keeping the top folder. */
static int remove_below(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	return ftw->level ? remove_one(path, st, type, ftw) : 0;
}

int fs_remove_tree(const char *path, int self)
{
	int rc = nftw(path, self ? remove_one : remove_below, 16,
		      FTW_DEPTH | FTW_PHYS);

	if (rc < 0)
		return error("cannot remove '%s': %s", path, strerror(errno));
	return rc ? -1 : 0;
}

/*
 * Remove the folder root/rel when it holds nothing but empty folders,
 * and those; a symbolic link is never followed, and keeps its folder.
 * Returns 1 when the folder went, else 0.
 */
static int prune_dir(const char *root, const char *rel)
{
	struct buf full = BUF_INIT, child = BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd, gone;

	path_join(&full, root, rel);
	/* O_NOFOLLOW: a folder swapped for a link since is not entered */
	if (lstat(full.s, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    (fd = open(full.s, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		       O_CLOEXEC)) < 0) {
		buf_release(&full);
		return 0;
	}
	if (!(d = fdopendir(fd))) {
		close(fd);
		buf_release(&full);
		return 0;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		path_join(&child, rel, de->d_name);
		prune_dir(root, child.s);
	}
	closedir(d);
	gone = rmdir(full.s) == 0;
	buf_release(&full);
	buf_release(&child);
	return gone;
}

void fs_rmdir_up(const char *root, const char *rel)
{
	struct buf dir = BUF_INIT, full = BUF_INIT;

	buf_adds(&dir, rel);
	while (strchr(dir.s, '/') && fs_check_inside(root, dir.s) == 0) {
		path_join(&full, root, dir.s);
		if (rmdir(full.s) < 0)
			break;
		buf_setlen(&dir, (size_t)(strrchr(dir.s, '/') - dir.s));
	}
	buf_release(&dir);
	buf_release(&full);
}

int fs_prune_dirs(const char *root, const char *rel)
{
	struct buf dir = BUF_INIT;
	const char *slash = strrchr(rel, '/');
	int gone = 0;

	if (slash)
		buf_add(&dir, rel, (size_t)(slash - rel));
	if (fs_check_inside(root, dir.s) == 0)
		gone = prune_dir(root, rel);
	buf_release(&dir);
	return gone;
}

int fs_dir_is_empty(const char *path, int *empty)
{
	DIR *d = opendir(path);
	struct dirent *de;

	if (!d)
		return error("cannot open folder '%s': %s", path,
			     strerror(errno));
	*empty = 1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			*empty = 0;
	closedir(d);
	return 0;
}
