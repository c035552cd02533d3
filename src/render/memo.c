/*
 * What the last render into a folder was made from, kept as a memo in
 * the index, so that a render with nothing changed reads no entry and
 * makes no page.
 *
 * The stamp of a render is a hash of all it is made from that can be
 * told without reading an entry: the site key (tend's version, the
 * settings pages show, every template and the style sheet, as loaded
 * for this run), today, the index's state (index.h: it changes with any
 * entry or goal file), the goal files and the files under attachments/
 * by name, inode, size and times as they were before the render read
 * them (pages read them from disk, not from the index: a photo replaced
 * by hand is seen), and the folder as it is on
 * disk: the folder, its manifest and its subfolders, each by inode,
 * size and time, so that a page removed or a file added by hand is
 * seen. A render that made the
 * whole site keeps its stamp, with the number of pages and the time its
 * figures hold until (goals.h); the next render into the same folder
 * that finds the same stamp before that time has nothing to do.
 *
 * A folder changed in the same tick of the clock as the render that
 * kept the stamp would look the same afterwards (its time would not
 * move), so no stamp is kept while any of its times is that recent, as
 * git treats a file as racy when it changed as the index was written:
 * the next render that changes nothing keeps it. A tick is a few
 * milliseconds where times are kept to the nanosecond; where every time
 * looked at is a whole second (a file system that keeps seconds, or
 * two), it is taken as two seconds.
 */
#include "internal.h"
#include "attach.h"
#include "fs.h"
#include "index.h"
#include "strvec.h"
#include "util.h"

#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* The folder's own files: the folder, its manifest, its page folders. */
static const char *const site_files[] = {
	"", SITE_MANIFEST, "entries", "archive", "tags", "goals", NULL
};

/* How recent a change of the folder must not be when a stamp is kept. */
#define MEMO_RACY_NS 20000000LL
#define MEMO_RACY_WHOLE_NS 2000000000LL

/* What a stamp holds of a file: its times tell when it last changed. */
struct seen {
	long long newest;	/* the latest time looked at, ns */
	int fine;		/* one of them was not a whole second */
};

static long long ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

/*
 * Fold the file at path as lstat() finds it into h: its device, inode,
 * type, size and times (-1 for each when it is not there).
 */
static uint64_t fold_file(uint64_t h, const char *path, struct seen *seen,
			  struct stat *st)
{
	long long v[6] = { -1, -1, -1, -1, -1, -1 };

	if (!lstat(path, st)) {
		v[0] = (long long)st->st_dev;
		v[1] = (long long)st->st_ino;
		v[2] = (long long)st->st_mode;
		v[3] = (long long)st->st_size;
		v[4] = ns_of(&st->st_mtim);
		v[5] = ns_of(&st->st_ctim);
		for (int k = 4; k < 6; k++) {
			if (v[k] > seen->newest)
				seen->newest = v[k];
			seen->fine |= v[k] % 1000000000LL != 0;
		}
	} else {
		memset(st, 0, sizeof(*st));
	}
	return hash_add(h, v, sizeof(v));
}

/*
 * Fold the site folder dir into h, and the memo's name, from the
 * folder's device and inode, into name; 1 when dir is not a folder.
 */
static int fold_site(const char *dir, uint64_t *h, struct seen *seen,
		     struct buf *name)
{
	struct buf path = BUF_INIT;
	struct stat st;
	int rc = 0;

	for (int i = 0; site_files[i]; i++) {
		path_join(&path, dir, site_files[i]);
		*h = fold_file(*h, *site_files[i] ? path.s : dir, seen, &st);
		if (i == 0 && !S_ISDIR(st.st_mode)) {
			rc = 1;
			break;
		}
		if (i == 0)
			buf_addf(name, "render %llu:%llu",
				 (unsigned long long)st.st_dev,
				 (unsigned long long)st.st_ino);
	}
	buf_release(&path);
	return rc;
}

/* Did what seen looked at change within a tick of the clock before now? */
static int racy(const struct seen *seen, const struct timespec *now)
{
	return seen->newest >= ns_of(now) - (seen->fine ? MEMO_RACY_NS
							: MEMO_RACY_WHOLE_NS);
}

/* Fold the journal's goal files, by name, into h. */
static uint64_t fold_goals(const struct render *r, uint64_t h,
			   struct seen *seen)
{
	struct buf dir = BUF_INIT, path = BUF_INIT;
	struct strvec names = STRVEC_INIT;
	struct stat st;
	struct dirent *d;
	DIR *dh;

	path_join(&dir, r->ctx->root, "goals");
	h = fold_file(h, dir.s, seen, &st);
	if ((dh = opendir(dir.s))) {
		while ((d = readdir(dh)))
			if (d->d_name[0] != '.')
				strvec_push(&names, d->d_name);
		closedir(dh);
	}
	strvec_sort(&names);
	for (size_t i = 0; i < names.nr; i++) {
		path_join(&path, dir.s, names.v[i]);
		h = model_hash_str(h, names.v[i]);
		h = fold_file(h, path.s, seen, &st);
	}
	strvec_clear(&names);
	buf_release(&dir);
	buf_release(&path);
	return h;
}

/*
 * List the files under the journal's attachments/ (hidden ones too, none
 * reached through a symbolic link) into r->attached, and fold each of
 * them and each link there, by name, into h. An attachments/ that is a
 * link is not looked into.
 */
static uint64_t fold_attachments(struct render *r, uint64_t h,
				 struct seen *seen)
{
	struct buf path = BUF_INIT;
	struct strvec links = STRVEC_INIT;
	struct stat st;

	path_join(&path, r->ctx->root, ATTACH_DIR);
	h = fold_file(h, path.s, seen, &st);
	if (S_ISDIR(st.st_mode) &&
	    fs_walk_all(r->ctx->root, ATTACH_DIR, &r->attached, &links) < 0)
		strvec_clear(&r->attached);	/* said; copy nothing */
	for (size_t i = 0; i < r->attached.nr + links.nr; i++) {
		const char *rel = i < r->attached.nr ? r->attached.v[i]
				  : links.v[i - r->attached.nr];

		path_join(&path, r->ctx->root, rel);
		h = model_hash_str(h, rel);
		h = fold_file(h, path.s, seen, &st);
	}
	strvec_clear(&links);
	buf_release(&path);
	return h;
}

void memo_files(struct render *r)
{
	struct seen seen = { 0, 0 };
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	r->files_stamp = fold_goals(r, HASH_INIT, &seen);
	r->files_stamp = fold_attachments(r, r->files_stamp, &seen);
	r->files_racy = racy(&seen, &now);
}

/*
 * The stamp of a render by r into dir, for the index's state as state
 * (read before any entry), and the memo's name. Returns 0, or 1 when
 * there can be none.
 */
static int stamp(const struct render *r, const char *dir, const char *state,
		 uint64_t *out, struct seen *seen, struct buf *name)
{
	uint64_t h = hash_add(r->site_key, "memo", 5);

	memset(seen, 0, sizeof(*seen));
	buf_reset(name);
	h = model_hash_num(h, r->today);
	h = model_hash_str(h, state);
	h = model_hash_num(h, (long long)r->files_stamp);
	if (fold_site(dir, &h, seen, name))
		return 1;
	*out = h;
	return 0;
}

int memo_unchanged(struct render *r, const char *dir, const char *state,
		   long *pages)
{
	struct buf name = BUF_INIT, memo = BUF_INIT, want = BUF_INIT;
	struct seen seen;
	uint64_t h;
	long long until;
	int same = 0;

	if (state && !stamp(r, dir, state, &h, &seen, &name) &&
	    !index_memo(r->ctx, name.s, &memo)) {
		buf_addf(&want, "%016" PRIx64 " ", h);
		same = starts_with(memo.s, want.s) &&
		       sscanf(memo.s + want.len, "%ld %lld", pages,
			      &until) == 2 &&
		       (long long)r->ctx->now < until;
	}
	buf_release(&name);
	buf_release(&memo);
	buf_release(&want);
	return same;
}

void memo_keep(struct render *r, const char *dir, const char *state,
	       long pages)
{
	struct buf name = BUF_INIT, memo = BUF_INIT;
	struct timespec now;
	struct seen seen;
	uint64_t h;

	clock_gettime(CLOCK_REALTIME, &now);
	if (!stamp(r, dir, state, &h, &seen, &name)) {
		if (state && !r->goal_warned && !r->files_racy &&
		    !racy(&seen, &now)) {
			buf_addf(&memo, "%016" PRIx64 " %ld %lld", h, pages,
				 (long long)r->until);
			index_memo_set(r->ctx, name.s, memo.s);
		} else {
			index_memo_set(r->ctx, name.s, NULL);
		}
	}
	buf_release(&name);
	buf_release(&memo);
}

/* --- the shape of the site ---------------------------------------------- */

/*
 * The stamp of the shape of a render by r into dir: the site key, today,
 * the goal files and attachments, and the folder's manifest (by inode,
 * size and times, and the generation of its first line: a render
 * rewrites it by a rename, adds to its end or writes keys over in
 * place), and the memo's name. Returns 0, or 1 when there can be none.
 */
static int shape_stamp(const struct render *r, const char *dir,
		       uint64_t *out, struct buf *name)
{
	struct buf path = BUF_INIT;
	struct seen manifest = { 0, 0 };
	struct stat st;
	uint64_t h = hash_add(r->site_key, "shape", 6);

	buf_reset(name);
	h = model_hash_num(h, r->today);
	h = model_hash_num(h, (long long)r->files_stamp);
	path_join(&path, dir, SITE_MANIFEST);
	h = fold_file(h, path.s, &manifest, &st);
	/* keys written over in place may leave its size and times as they
	 * were, within a tick of the clock: not its generation */
	site_manifest_head(dir, &path);
	h = model_hash_str(h, path.s);
	buf_release(&path);
	if (!S_ISREG(st.st_mode) || lstat(dir, &st) || !S_ISDIR(st.st_mode))
		return 1;
	buf_addf(name, "shape %llu:%llu", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino);
	*out = h;
	return 0;
}

/* Add s to out, its '%', tab and line breaks as %XX. */
static void add_escaped(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '%' || *s == '\t' || *s == '\n' || *s == '\r')
			buf_addf(out, "%%%02X", (unsigned char)*s);
		else
			buf_addch(out, *s);
	}
}

/* The text of s up to a tab or line break, %XX undone, into out. */
static const char *take_escaped(const char *s, struct buf *out)
{
	buf_reset(out);
	for (; *s && *s != '\t' && *s != '\n'; s++) {
		unsigned v;

		if (*s == '%' && sscanf(s + 1, "%2X", &v) == 1) {
			buf_addch(out, (char)v);
			s += 2;
		} else {
			buf_addch(out, *s);
		}
	}
	return s;
}

/* Read the lines of a shape's memo after its first into s. */
static int read_shape(const char *p, struct shape *s)
{
	struct buf field = BUF_INIT;
	int ok = 1;

	while (ok && p && *p) {
		char kind = *p;
		struct strvec *into = kind == 'm' ? &s->months
				      : kind == 't' ? &s->tags
				      : kind == 'i' ? &s->insights : NULL;
		int fields = kind == 't' ? 3 : 1;

		ok = into && p[1] == ' ';
		p += 2;
		for (int k = 0; ok && k < fields; k++) {
			p = take_escaped(p, &field);
			strvec_push(into, field.s);
			ok = k + 1 < fields ? *p++ == '\t' : *p == '\n';
		}
		p = ok ? p + 1 : NULL;
	}
	buf_release(&field);
	return ok ? 0 : 1;
}

void shape_release(struct shape *s)
{
	strvec_clear(&s->months);
	strvec_clear(&s->tags);
	strvec_clear(&s->changed);
	strvec_clear(&s->insights);
	memset(s, 0, sizeof(*s));
}

int memo_shape(struct render *r, const char *dir, const char *born,
	       long long seq, long long moved, struct shape *s)
{
	struct buf name = BUF_INIT, memo = BUF_INIT, want = BUF_INIT;
	uint64_t h;
	long long until;
	int n = 0, ok = 0;

	memset(s, 0, sizeof(*s));
	if (!shape_stamp(r, dir, &h, &name) &&
	    !index_memo(r->ctx, name.s, &memo)) {
		buf_addf(&want, "%016" PRIx64 " %s ", h, born);
		ok = starts_with(memo.s, want.s) &&
		     sscanf(memo.s + want.len, "%lld %ld %zu %lld\n%n",
			    &s->seq, &s->pages, &s->ne, &until, &n) == 4 &&
		     n > 0 && moved <= s->seq && s->seq <= seq &&
		     (long long)r->ctx->now < until &&
		     !read_shape(memo.s + want.len + n, s);
	}
	if (!ok)
		shape_release(s);
	buf_release(&name);
	buf_release(&memo);
	buf_release(&want);
	return ok ? 0 : 1;
}

void memo_keep_shape(struct render *r, const char *dir, const char *born,
		     const struct shape *s)
{
	struct buf name = BUF_INIT, memo = BUF_INIT;
	uint64_t h;

	if (shape_stamp(r, dir, &h, &name))
		goto out;
	/* files changed within a tick: the next render reads all */
	if (!s || !born || s->clash || r->goal_warned || r->files_racy) {
		index_memo_set(r->ctx, name.s, NULL);
		goto out;
	}
	buf_addf(&memo, "%016" PRIx64 " %s %lld %ld %zu %lld\n", h, born,
		 s->seq, s->pages, s->ne, (long long)r->until);
	for (size_t i = 0; i < s->months.nr; i++)
		buf_addf(&memo, "m %s\n", s->months.v[i]);
	for (size_t i = 0; i + 2 < s->tags.nr; i += 3) {
		buf_adds(&memo, "t ");
		for (int k = 0; k < 3; k++) {
			add_escaped(&memo, s->tags.v[i + k]);
			buf_addch(&memo, k < 2 ? '\t' : '\n');
		}
	}
	for (size_t i = 0; i < s->insights.nr; i++) {
		buf_adds(&memo, "i ");
		add_escaped(&memo, s->insights.v[i]);
		buf_addch(&memo, '\n');
	}
	index_memo_set(r->ctx, name.s, memo.s);
out:
	buf_release(&name);
	buf_release(&memo);
}
