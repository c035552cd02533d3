/*
 * What the last render into a folder was made from, kept as a memo in
 * the index, so that a render with nothing changed reads no entry and
 * makes no page.
 *
 * The stamp of a render is a hash of all it is made from that can be
 * told without reading an entry: the site key (tend's version, the
 * settings pages show, every template and the style sheet, as loaded
 * for this run), today, the index's state (index.h: it changes with any
 * entry or goal file), the goal files by inode, size and times (pages
 * read them from disk, not from the index), and the folder as it is on
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
	h = fold_goals(r, h, seen);
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
		long long racy = seen.fine ? MEMO_RACY_NS : MEMO_RACY_WHOLE_NS;

		if (state && !r->goal_warned &&
		    seen.newest < ns_of(&now) - racy) {
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
