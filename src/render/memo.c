/*
 * What the last render into a folder was made from, kept as a memo in
 * the index, so that a render with nothing changed reads no entry and
 * makes no page.
 *
 * The stamp of a render is a hash of all it is made from that can be
 * told without reading an entry: the site key (tend's version, the
 * settings pages show, every template and the style sheet, as loaded
 * for this run), today, the index's state (index.h: it changes with any
 * entry or goal file), and the folder as it is on disk: the folder, its
 * manifest and its subfolders, each by inode, size and time, so that a
 * page removed or a file added by hand is seen. A render that made the
 * whole site keeps its stamp, with the number of pages and the time its
 * figures hold until (goals.h); the next render into the same folder
 * that finds the same stamp before that time has nothing to do.
 *
 * A folder changed in the same tick of the clock as the render that
 * kept the stamp would look the same afterwards (its time would not
 * move), so no stamp is kept while any of its times is that recent, as
 * git treats a file as racy when it changed as the index was written:
 * the next render that changes nothing keeps it.
 */
#include "internal.h"
#include "fs.h"
#include "index.h"
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* The folders that hold pages (site.h: NAME or DIR/NAME). */
static const char *const page_dirs[] = {
	"", SITE_MANIFEST, "entries", "archive", "tags", "goals", NULL
};

/* How recent a change of the folder must not be when a stamp is kept. */
#define MEMO_RACY_NS 20000000LL

static long long ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

/*
 * Fold the folder dir as it is on disk into h; *newest is the time of
 * the latest change among what was looked at. The memo's name, from the
 * folder's device and inode, into name; 1 when dir is not a folder.
 */
static int fold_folder(const char *dir, uint64_t *h, long long *newest,
		       struct buf *name)
{
	struct buf path = BUF_INIT;
	int rc = 0;

	*newest = 0;
	for (int i = 0; page_dirs[i]; i++) {
		struct stat st;
		long long v[5] = { -1, -1, -1, -1, -1 };

		path_join(&path, dir, page_dirs[i]);
		if (!lstat(*page_dirs[i] ? path.s : dir, &st)) {
			v[0] = (long long)st.st_dev;
			v[1] = (long long)st.st_ino;
			v[2] = (long long)st.st_mode;
			v[3] = (long long)st.st_size;
			v[4] = ns_of(&st.st_mtim);
			if (v[4] > *newest)
				*newest = v[4];
			if (ns_of(&st.st_ctim) > *newest)
				*newest = ns_of(&st.st_ctim);
		}
		if (i == 0) {
			if (v[0] < 0 || !S_ISDIR(st.st_mode)) {
				rc = 1;
				break;
			}
			buf_reset(name);
			buf_addf(name, "render %lld:%lld", v[0], v[1]);
		}
		*h = hash_add(*h, v, sizeof(v));
	}
	buf_release(&path);
	return rc;
}

/*
 * The stamp of a render by r into dir, for the index's state as state
 * (read before any entry), and the memo's name. Returns 0, or 1 when
 * there can be none.
 */
static int stamp(const struct render *r, const char *dir, const char *state,
		 uint64_t *out, long long *newest, struct buf *name)
{
	uint64_t h = hash_add(r->site_key, "memo", 5);

	h = model_hash_num(h, r->today);
	h = model_hash_str(h, state);
	if (fold_folder(dir, &h, newest, name))
		return 1;
	*out = h;
	return 0;
}

int memo_unchanged(struct render *r, const char *dir, const char *state,
		   long *pages)
{
	struct buf name = BUF_INIT, memo = BUF_INIT, want = BUF_INIT;
	uint64_t h;
	long long newest, until;
	int same = 0;

	if (state && !stamp(r, dir, state, &h, &newest, &name) &&
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
	uint64_t h;
	long long newest;

	clock_gettime(CLOCK_REALTIME, &now);
	if (!stamp(r, dir, state, &h, &newest, &name)) {
		if (state && !r->goal_warned &&
		    newest < ns_of(&now) - MEMO_RACY_NS) {
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
