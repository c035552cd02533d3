/*
 * The folder a journal is rendered into (see site.h).
 */
#include "site.h"
#include "buf.h"
#include "error.h"
#include "fs.h"
#include "strvec.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The manifest's first line: this, ' ', its generation, '\n' */
#define MANIFEST_HEADER "tend render manifest 1"
#define GEN_AT (sizeof(MANIFEST_HEADER))	/* where the generation is */
#define HEADER_LEN (GEN_AT + 17)
#define MANIFEST_MAX (256 * 1024 * 1024)
#define LOCK_TRIES 50		/* a tenth of a second each: 5 s */
#define TMP_PREFIX ".tend-"	/* site_write()'s temporary files */

void site_manifest_head(const char *dir, struct buf *out)
{
	struct buf path = BUF_INIT;
	char head[HEADER_LEN];
	int fd;
	ssize_t n = -1;

	buf_reset(out);
	path_join(&path, dir, SITE_MANIFEST);
	fd = open(path.s, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, head, sizeof(head));
		close(fd);
	}
	if (n > 0)
		buf_add(out, head, (size_t)n);
	buf_release(&path);
}

int site_path_ok(const char *path)
{
	const char *slash = strchr(path, '/');

	if (!*path || *path == '.' || !utf8_valid(path, strlen(path)))
		return 0;
	if (!slash)
		return 1;
	return slash[1] && slash[1] != '.' && !strchr(slash + 1, '/');
}

static int cmp_page(const void *a, const void *b)
{
	return strcmp(((const struct site_page *)a)->path,
		      ((const struct site_page *)b)->path);
}

/* The page of the last render at path, or NULL: looked up by its hash. */
static struct site_page *old_page(const struct site *s, const char *path)
{
	size_t mask = s->nslots - 1, i;

	if (!s->nslots)
		return NULL;
	for (i = hash_add(HASH_INIT, path, strlen(path)) & mask;
	     s->slots[i]; i = (i + 1) & mask)
		if (!strcmp(s->old[s->slots[i] - 1].path, path))
			return &s->old[s->slots[i] - 1];
	return NULL;
}

/* Make the table old_page() looks pages up in: twice as many slots as
 * pages, or more, a power of two; each the page's index + 1, or 0. */
static void hash_old(struct site *s)
{
	size_t n = 16;

	while (n < 2 * s->nold)
		n *= 2;
	s->nslots = n;
	s->slots = xcalloc(n, sizeof(*s->slots));
	for (size_t k = 0; k < s->nold; k++) {
		const char *path = s->old[k].path;
		size_t i = hash_add(HASH_INIT, path, strlen(path)) & (n - 1);

		while (s->slots[i])
			i = (i + 1) & (n - 1);
		s->slots[i] = k + 1;
	}
}

/* The 16 hex digits at s as a number into *key; -1 when they are not. */
static int parse_key(const char *s, uint64_t *key)
{
	uint64_t v = 0;

	for (int k = 0; k < 16; k++) {
		int c = (unsigned char)s[k], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*key = v;
	return 0;
}

/* The 16 hex digits of key into out. */
static void key_hex(uint64_t key, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (int k = 0; k < 16; k++)
		out[k] = hex[(key >> (60 - 4 * k)) & 15];
}

/*
 * What the page path made with key adds to a manifest's generation: the
 * generation of a manifest is these of all its pages, XORed (the same
 * for the same pages and keys, however they were written).
 */
static uint64_t page_gen(const char *path, uint64_t key)
{
	return hash_add(hash_add(HASH_INIT, path, strlen(path) + 1), &key,
			sizeof(key));
}

/*
 * The manifest's first line, with the generation gen, into out
 * (HEADER_LEN bytes and a NUL): a memo tied to the manifest
 * (render/memo.c) sees by it that other keys were written, though the
 * manifest's size and times may not tell.
 */
static void header(uint64_t gen, char *out)
{
	memcpy(out, MANIFEST_HEADER " ", GEN_AT);
	key_hex(gen, out + GEN_AT);
	out[HEADER_LEN - 1] = '\n';
	out[HEADER_LEN] = '\0';
}

/*
 * Read the manifest into s->old, sorted, its paths in its text (kept in
 * s->manifest). Lines that do not read as "KEY PATH" with a page path
 * are left out, so a damaged manifest can only make pages be written
 * again; a last line cut short is left out too, and s->manifest_end says
 * where the whole lines end. Returns 1 when there is none, 0, or FAIL.
 */
static int read_manifest(struct site *s)
{
	struct buf text = BUF_INIT, path = BUF_INIT;
	size_t alloc = 0;
	char *line, *nl;
	int rc;

	path_join(&path, s->dir, SITE_MANIFEST);
	rc = fs_read(path.s, MANIFEST_MAX, &text, FS_MISSING_OK);
	buf_release(&path);
	if (rc) {
		buf_release(&text);
		return rc;
	}
	for (line = text.s; *line; line = nl + 1) {
		uint64_t key;

		nl = strchrnul(line, '\n');
		if (!*nl)
			break;	/* a line cut short */
		*nl = '\0';
		if (nl - line < 18 || line[16] != ' ' ||
		    parse_key(line, &key) || !site_path_ok(line + 17))
			continue;
		ALLOC_GROW(s->old, s->nold + 1, alloc);
		s->old[s->nold].path = line + 17;
		s->old[s->nold].key = key;
		s->old[s->nold].line = (size_t)(line - text.s);
		s->old[s->nold++].present = 0;
	}
	s->manifest_end = (size_t)(line - text.s);
	/* one written before manifests had a generation has none */
	s->has_gen = s->manifest_end >= HEADER_LEN &&
		     !memcmp(text.s, MANIFEST_HEADER " ", GEN_AT) &&
		     !parse_key(text.s + GEN_AT, &(uint64_t){ 0 });
	s->manifest = buf_detach(&text, NULL);
	/* tend writes it sorted: sort only one that is not */
	for (size_t i = 1; i < s->nold; i++)
		if (cmp_page(&s->old[i - 1], &s->old[i]) > 0) {
			qsort(s->old, s->nold, sizeof(*s->old), cmp_page);
			break;
		}
	hash_old(s);
	return 0;
}

/*
 * Is name a temporary file of a render: TMP_PREFIX "PID-N.tmp", as
 * write_file() names them, or the manifest's temporary file as renders
 * before wrote it (".tend-render.tmp" after a dot, and six characters)?
 * Only a render that was stopped leaves one, and a render that runs
 * holds the folder's lock, so the one that holds it may remove them.
 */
static int is_tmp_name(const char *name)
{
	static const char old[] = "." SITE_MANIFEST ".tmp";
	const char *p = name + strlen(TMP_PREFIX);
	size_t pid, seq;

	if (starts_with(name, old))
		return strlen(name) == strlen(old) + 6;
	if (!starts_with(name, TMP_PREFIX))
		return 0;
	pid = strspn(p, "0123456789");
	seq = pid && p[pid] == '-' ? strspn(p + pid + 1, "0123456789") : 0;
	return seq && !strcmp(p + pid + 1 + seq, ".tmp");
}

/*
 * Read the folder sub ("" for the folder itself): mark the pages of the
 * manifest that are in it, and remove the temporary files a stopped
 * render left (they may hold a private page). With subs, add to it the
 * folders in it that a page can be in (not hidden ones).
 */
static void see_present(struct site *s, const char *sub, struct strvec *subs)
{
	struct buf path = BUF_INIT;
	int fd = *sub ? openat(s->fd, sub, O_RDONLY | O_DIRECTORY |
			       O_NOFOLLOW | O_CLOEXEC)
		      : dup(s->fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	size_t prefix;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(d);	/* a dup() of s->fd shares where it was read to */
	if (*sub) {
		buf_adds(&path, sub);
		buf_addch(&path, '/');
	}
	prefix = path.len;
	while ((de = readdir(d))) {
		struct site_page *p;

		if (is_tmp_name(de->d_name)) {
			unlinkat(dirfd(d), de->d_name, 0);
			continue;
		}
		if (de->d_name[0] == '.')
			continue;
		if (subs && (de->d_type == DT_DIR ||
			     de->d_type == DT_UNKNOWN))
			strvec_push(subs, de->d_name);
		buf_setlen(&path, prefix);
		buf_adds(&path, de->d_name);
		if ((p = old_page(s, path.s)) &&
		    (de->d_type == DT_REG || de->d_type == DT_UNKNOWN))
			p->present = 1;
	}
	closedir(d);
	buf_release(&path);
}

/*
 * Is the folder open at fd empty, but for . and .. and what a render that
 * was stopped before its manifest was written left?
 */
static int is_empty(int fd)
{
	int copy = dup(fd);
	DIR *d = copy >= 0 ? fdopendir(copy) : NULL;
	struct dirent *de;
	int empty = 1;

	if (!d) {
		if (copy >= 0)
			close(copy);
		return 0;
	}
	rewinddir(d);
	while (empty && (de = readdir(d)))
		empty = !strcmp(de->d_name, ".") ||
			!strcmp(de->d_name, "..") || is_tmp_name(de->d_name);
	closedir(d);
	return empty;
}

/*
 * Write data[0..len) to the file name (the page path) in the folder open
 * at dir, atomically: into a temporary file TMP_PREFIX "PID-N.tmp" beside
 * it, renamed over it. With flush the file is on disk before the rename
 * and the rename after it. Returns 0 or FAIL after reporting.
 */
static int write_file(struct site *s, int dir, const char *name,
		      const char *path, const char *data, size_t len,
		      int flush)
{
	char tmp[64];
	int fd;

	do {
		snprintf(tmp, sizeof(tmp), TMP_PREFIX "%ld-%lu.tmp",
			 (long)getpid(), s->tmp_seq++);
		fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL |
			    O_NOFOLLOW | O_CLOEXEC, 0600);
	} while (fd < 0 && errno == EEXIST);
	if (fd < 0)
		return error("cannot write '%s/%s': %s", s->dir, path,
			     strerror(errno));
	if (fs_write_all(fd, data, len) < 0 || (flush && fsync(fd) < 0)) {
		error("cannot write '%s/%s': %s", s->dir, path,
		      strerror(errno));
		close(fd);
		goto fail;
	}
	if (close(fd) < 0) {
		error("cannot write '%s/%s': %s", s->dir, path,
		      strerror(errno));
		goto fail;
	}
	if (renameat(dir, tmp, dir, name) < 0) {
		error("cannot replace '%s/%s': %s", s->dir, path,
		      strerror(errno));
		goto fail;
	}
	if (flush && fsync(dir) < 0)
		return error("cannot flush '%s/%s': %s", s->dir, path,
			     strerror(errno));
	return 0;
fail:
	unlinkat(dir, tmp, 0);
	return FAIL;
}

/* Take the folder's lock, waiting for another render a while. */
static int lock_dir(struct site *s)
{
	struct timespec tenth = { 0, 100000000L };

	for (int i = 0; i < LOCK_TRIES; i++) {
		if (!flock(s->fd, LOCK_EX | LOCK_NB))
			return 0;
		if (errno != EWOULDBLOCK)
			return error("cannot lock '%s': %s", s->dir,
				     strerror(errno));
		nanosleep(&tenth, NULL);
	}
	return error_as(FAIL_BUSY, "'%s' is being rendered by another tend; "
			"try again when it is done", s->dir);
}

int site_open(struct site *s, const char *dir)
{
	struct strvec subs = STRVEC_INIT;
	int rc;

	memset(s, 0, sizeof(*s));
	s->fd = s->manifest_fd = -1;
	s->dir = xstrdup(dir);
	if (fs_mkdir_p(dir) < 0)
		return FAIL;
	s->fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (s->fd < 0) {
		struct stat st;
		int link = errno == ELOOP ||
			   (!lstat(dir, &st) && S_ISLNK(st.st_mode));

		return error("cannot open '%s': %s", dir,
			     link ? "it is a symbolic link" : strerror(errno));
	}
	if ((rc = lock_dir(s)) < 0)
		return rc;
	if ((rc = read_manifest(s)) < 0)
		return rc;
	if (rc == 1) {
		if (!is_empty(s->fd))
			return error("'%s' is not empty and was not made by "
				     "tend render; render into a new or empty "
				     "folder", dir);
		char head[HEADER_LEN + 1];

		/* mark it as ours at once, in case this render fails */
		header(0, head);
		if (write_file(s, s->fd, SITE_MANIFEST, SITE_MANIFEST, head,
			       HEADER_LEN, 1) < 0)
			return FAIL;
		s->manifest_end = HEADER_LEN;
	}
	/*
	 * Every folder a page can be in: the manifest's own, and any other
	 * (a render stopped before it wrote the manifest leaves temporary
	 * files in folders the manifest does not name).
	 */
	see_present(s, "", &subs);
	for (size_t i = 0; i < subs.nr; i++)
		see_present(s, subs.v[i], NULL);
	strvec_clear(&subs);
	return 0;
}

/* Record the page of this render. */
static void record(struct site *s, const char *path, uint64_t key)
{
	ALLOC_GROW(s->now, s->nnow + 1, s->alloc);
	s->now[s->nnow].path = xstrdup(path);
	s->now[s->nnow].key = key;
	s->now[s->nnow++].present = 1;
}

int site_keep(struct site *s, const char *path, uint64_t key)
{
	struct site_page *p = old_page(s, path);

	if (!p || !p->present || p->key != key)
		return 0;
	record(s, path, key);
	s->unchanged++;
	return 1;
}

/*
 * The open folder of the page path, made when missing (never through a
 * symbolic link); its file name in *name. Returns the fd or -1.
 */
static int page_dir(struct site *s, const char *path, const char **name)
{
	const char *slash = strchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 0;
	struct site_dir *d;
	char *sub;
	int fd;

	*name = slash ? slash + 1 : path;
	if (!slash)
		return s->fd;
	for (size_t i = 0; i < s->ndirs; i++)
		if (strlen(s->dirs[i].name) == len &&
		    !strncmp(s->dirs[i].name, path, len))
			return s->dirs[i].fd;
	sub = xstrndup(path, len);
	if (mkdirat(s->fd, sub, 0700) < 0 && errno != EEXIST) {
		error("cannot make '%s/%s': %s", s->dir, sub, strerror(errno));
		free(sub);
		return -1;
	}
	fd = openat(s->fd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd < 0) {
		error("cannot open '%s/%s': %s", s->dir, sub,
		      errno == ELOOP || errno == ENOTDIR
		      ? "it is not a folder (a symbolic link?)"
		      : strerror(errno));
		free(sub);
		return -1;
	}
	ALLOC_GROW(s->dirs, s->ndirs + 1, s->dirs_alloc);
	d = &s->dirs[s->ndirs++];
	d->name = sub;
	d->fd = fd;
	return fd;
}

/*
 * Before the page at path is made, add it to the manifest unless it is
 * there: with the key 0, which no page is made with, so that the next
 * render makes it again or removes it. Then a render stopped before its
 * end leaves no page the next one does not know for its own (one of a
 * private entry, say, that it would not remove). A line that a stopped
 * render cut short is cut off first. Returns 0 or FAIL after reporting.
 */
static int add_to_manifest(struct site *s, const char *path)
{
	struct buf line = BUF_INIT;
	int rc = 0;

	if (old_page(s, path))
		return 0;
	if (s->manifest_fd < 0) {
		s->manifest_fd = openat(s->fd, SITE_MANIFEST, O_WRONLY |
					O_APPEND | O_NOFOLLOW | O_CLOEXEC);
		if (s->manifest_fd >= 0 &&
		    ftruncate(s->manifest_fd, (off_t)s->manifest_end) < 0) {
			close(s->manifest_fd);
			s->manifest_fd = -1;
		}
	}
	buf_addf(&line, "%016x %s\n", 0, path);
	if (s->manifest_fd < 0 ||
	    fs_write_all(s->manifest_fd, line.s, line.len) < 0)
		rc = error("cannot write '%s/%s': %s", s->dir, SITE_MANIFEST,
			   strerror(errno));
	buf_release(&line);
	return rc;
}

int site_write(struct site *s, const char *path, uint64_t key,
	       const char *data, size_t len)
{
	const char *name;
	int dir;

	if (!site_path_ok(path))
		return error("cannot write the page '%s': not a page name",
			     path);
	if ((dir = page_dir(s, path, &name)) < 0 ||
	    add_to_manifest(s, path) < 0 ||
	    write_file(s, dir, name, path, data, len, 0) < 0)
		return FAIL;
	record(s, path, key);
	s->written++;
	return 0;
}

/* Is the page p of the last render one of this render's (now sorted)? */
static int in_now(const struct site *s, const struct site_page *p)
{
	return s->nnow && bsearch(p, s->now, s->nnow, sizeof(*s->now),
				  cmp_page);
}

/* Write the manifest of pages[0..n) (sorted by path). */
static int write_manifest(struct site *s, const struct site_page *pages,
			  size_t n)
{
	struct buf text = BUF_INIT;
	char head[HEADER_LEN + 1];
	uint64_t gen = 0;
	int rc;

	for (size_t i = 0; i < n; i++)
		gen ^= page_gen(pages[i].path, pages[i].key);
	header(gen, head);
	buf_add(&text, head, HEADER_LEN);
	for (size_t i = 0; i < n; i++) {
		char key[17];

		key_hex(pages[i].key, key);
		key[16] = ' ';
		buf_add(&text, key, sizeof(key));
		buf_adds(&text, pages[i].path);
		buf_addch(&text, '\n');
	}
	rc = write_file(s, s->fd, SITE_MANIFEST, SITE_MANIFEST, text.s,
			text.len, 1);
	buf_release(&text);
	return rc;
}

/*
 * Write into the manifest, in place, the keys of pages[0..n) that are
 * not those read (the same pages as read, in the same order) and a new
 * generation, and flush it. Returns 0 or FAIL after reporting.
 */
static int update_manifest(struct site *s, const struct site_page *pages,
			   size_t n)
{
	int fd = openat(s->fd, SITE_MANIFEST, O_WRONLY | O_NOFOLLOW |
			O_CLOEXEC);
	int rc = fd < 0 ? -1 : ftruncate(fd, (off_t)s->manifest_end);
	char head[HEADER_LEN + 1];
	uint64_t gen = 0;

	for (size_t i = 0; !rc && i < n; i++) {
		char key[16];

		gen ^= page_gen(pages[i].path, pages[i].key);
		if (pages[i].key == s->old[i].key)
			continue;
		key_hex(pages[i].key, key);
		if (pwrite(fd, key, sizeof(key), (off_t)s->old[i].line) !=
		    (ssize_t)sizeof(key))
			rc = -1;
	}
	header(gen, head);
	if (!rc && pwrite(fd, head, HEADER_LEN, 0) != (ssize_t)HEADER_LEN)
		rc = -1;
	if (!rc)
		rc = fdatasync(fd);
	if (rc)
		error("cannot write '%s/%s': %s", s->dir, SITE_MANIFEST,
		      strerror(errno));
	if (fd >= 0 && close(fd) < 0 && !rc)
		rc = error("cannot write '%s/%s': %s", s->dir, SITE_MANIFEST,
			   strerror(errno));
	return rc ? FAIL : 0;
}

int site_whole(const struct site *s)
{
	for (size_t i = 0; i < s->nold; i++)
		if (!s->old[i].present)
			return 0;
	return s->nold > 0;
}

/*
 * The manifest pages[0..n) (sorted) against the one read: 2 when it is
 * the same, 1 when only keys differ, 0 when the pages do.
 */
static int as_before(const struct site *s, const struct site_page *pages,
		     size_t n)
{
	int same = 2;

	if (n != s->nold)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(pages[i].path, s->old[i].path))
			return 0;
		if (pages[i].key != s->old[i].key)
			same = 1;
	}
	return same;
}

int site_finish(struct site *s, int complete)
{
	struct site_page *all, *rest;
	size_t nall = 0, nrest = 0, k = 0;
	int rc = 0, same;

	if (s->nnow)
		qsort(s->now, s->nnow, sizeof(*s->now), cmp_page);
	rest = xcalloc(s->nold + 1, sizeof(*rest));
	/*
	 * The pages of the last render that this one did not make: removed
	 * when it is complete, else kept in the manifest, as is one that
	 * cannot be removed, so that tend still knows it for its own.
	 */
	for (size_t i = 0; i < s->nold; i++) {
		const struct site_page *p = &s->old[i];
		const char *name;
		int dir;

		if (in_now(s, p) || (complete && !p->present))
			continue;
		if (complete && (dir = page_dir(s, p->path, &name)) >= 0 &&
		    (!unlinkat(dir, name, 0) || errno == ENOENT)) {
			s->removed++;
			continue;
		}
		if (complete)
			rc = error("cannot remove '%s/%s': %s", s->dir, p->path,
				   strerror(errno));
		rest[nrest++] = *p;
	}
	/* this render's pages and those, both sorted: merged */
	all = xcalloc(s->nnow + nrest + 1, sizeof(*all));
	for (size_t i = 0; i < s->nnow; i++) {
		while (k < nrest && cmp_page(&rest[k], &s->now[i]) < 0)
			all[nall++] = rest[k++];
		all[nall++] = s->now[i];
	}
	while (k < nrest)
		all[nall++] = rest[k++];
	free(rest);
	same = as_before(s, all, nall);
	if (!s->written && !s->removed && same == 2)
		goto out;	/* nothing changed: not even the manifest */
	/* the pages are on disk before the manifest says they are made */
	if ((s->written || s->removed) && syncfs(s->fd) < 0)
		rc = error("cannot flush the pages of '%s': %s", s->dir,
			   strerror(errno));
	if (same && s->has_gen && s->manifest_fd < 0
	    ? update_manifest(s, all, nall) < 0
	    : write_manifest(s, all, nall) < 0)
		rc = FAIL;
out:
	free(all);
	return rc;
}

void site_close(struct site *s)
{
	for (size_t i = 0; i < s->nnow; i++)
		free(s->now[i].path);
	for (size_t i = 0; i < s->ndirs; i++) {
		close(s->dirs[i].fd);
		free(s->dirs[i].name);
	}
	if (s->fd >= 0)
		close(s->fd);
	if (s->manifest_fd >= 0)
		close(s->manifest_fd);
	free(s->manifest);
	free(s->slots);
	free(s->old);
	free(s->now);
	free(s->dirs);
	free(s->dir);
	memset(s, 0, sizeof(*s));
	s->fd = s->manifest_fd = -1;
}
