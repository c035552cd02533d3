/*
 * The HTML journal's entry points (see render.h): the site is gathered
 * once (model.c) from the index, the goal files and the templates; then
 * pages.c makes each page whose key changed.
 */
#include "render.h"
#include "internal.h"
#include "attach.h"
#include "fs.h"
#include "index.h"
#include "site.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * The most entries read anew since the last render that a render makes
 * only the pages of: past them, the pages they touch are most of the
 * site's.
 */
#define TOUCH_MAX 16

/* The page templates, compiled before any page is written. */
static const char *const page_templates[] = {
	"index", "entry", "archive", "month", "tags", "tag", "goals", "goal",
	"mood", NULL
};

time_t render_now(const struct ctx *ctx)
{
	const char *v = getenv("SOURCE_DATE_EPOCH");
	long n;

	if (v && !parse_whole(v, 253402300799L, &n))
		return (time_t)n;
	return ctx->now;
}

/*
 * Does a render of only what the entries at changed touch leave the
 * site's attachments as they should be? Not when one of those entries
 * has a folder of attachments, or had files of it in the site: an entry
 * made private, removed or given other files is rendered whole, so that
 * no file of it stays in the site that should not. Returns 1 when the
 * touched render is enough.
 */
static int attachments_untouched(struct render *r, const struct site *site,
				 const struct strvec *changed)
{
	struct buf dir = BUF_INIT, full = BUF_INIT, flat = BUF_INIT;
	struct buf name = BUF_INIT;
	int untouched = 1;

	for (size_t i = 0; untouched && i < changed->nr; i++) {
		if (attach_dir(changed->v[i], &dir) < 0)
			continue;
		path_join(&full, r->ctx->root, dir.s);
		if (fs_exists(full.s)) {
			untouched = 0;
			break;
		}
		if (attach_site_name(dir.s, &name) < 0)
			continue;
		buf_reset(&flat);
		buf_addf(&flat, ATTACH_DIR "/%s_", name.s);
		for (size_t k = 0; k < site->nold; k++)
			if (starts_with(site->old[k].path, flat.s))
				untouched = 0;
	}
	buf_release(&dir);
	buf_release(&full);
	buf_release(&flat);
	buf_release(&name);
	return untouched;
}

/*
 * Copy into the site the attachments that its entries link to (only
 * those, so that a file an entry no longer links to stays out), as
 * attachments/NAME (markdown_attachment_page(): those its pages lead
 * to); a copy whose file is as it was (its name, inode, size and times)
 * is kept. Returns 0 or a failure.
 */
static int write_attachments(struct render *r)
{
	struct buf dir = BUF_INIT, full = BUF_INIT;
	struct buf page = BUF_INIT, data = BUF_INIT, md = BUF_INIT;
	struct strvec targets = STRVEC_INIT, done = STRVEC_INIT;
	struct stat st;
	int rc = 0;

	/* a journal with no files kept costs no look at all */
	for (size_t i = 0; !rc && r->attached.nr && i < r->ne; i++) {
		const char *path = r->e[i].h->e.path;

		if (attach_dir(path, &dir) < 0)
			continue;
		path_join(&full, r->ctx->root, dir.s);
		if (!fs_is_dir(full.s))
			continue;	/* most entries: nothing to read */
		if ((rc = index_body(r->ctx, path, &md)) < 0)
			break;
		strvec_clear(&targets);
		attach_links(path, md.s, md.len, &targets);
		for (size_t k = 0; !rc && k < targets.nr; k++) {
			uint64_t key = HASH_INIT;

			if (!markdown_attachment_page(&r->attached,
						      targets.v[k], &page) ||
			    strvec_find(&done, page.s) >= 0)
				continue;	/* tend check says why */
			path_join(&full, r->ctx->root, targets.v[k]);
			if (lstat(full.s, &st) < 0 || !S_ISREG(st.st_mode))
				continue;	/* gone since it was listed */
			strvec_push(&done, page.s);
			key = hash_add(key, targets.v[k], strlen(targets.v[k]));
			key = hash_add(key, &st.st_ino, sizeof(st.st_ino));
			key = hash_add(key, &st.st_size, sizeof(st.st_size));
			key = hash_add(key, &st.st_mtim, sizeof(st.st_mtim));
			key = hash_add(key, &st.st_ctim, sizeof(st.st_ctim));
			if (site_keep(r->site, page.s, key))
				continue;
			if ((rc = fs_read_in(r->ctx->root, targets.v[k],
					     (size_t)st.st_size, &data, 0)) < 0)
				break;
			rc = site_write(r->site, page.s, key, data.s, data.len);
		}
	}
	strvec_clear(&targets);
	strvec_clear(&done);
	buf_release(&dir);
	buf_release(&full);
	buf_release(&page);
	buf_release(&data);
	buf_release(&md);
	return rc;
}

/*
 * Make the pages of r that changed into site: of the whole site, or,
 * with shape (the last render's, with the entries read anew since), only
 * those the changed entries touch. *touched says which it was.
 */
static int make_pages(struct render *r, const struct buf *css,
		      struct site *site, const struct shape *shape,
		      int *touched)
{
	int rc;

	r->site = site;
	*touched = 0;
	if (shape && shape->changed.nr <= TOUCH_MAX && site_whole(site) &&
	    attachments_untouched(r, site, &shape->changed)) {
		r->shape = shape;
		rc = model_gather_touched(r);
		if (rc <= 0) {
			*touched = !rc;
			return rc ? rc : pages_write_touched(r);
		}
		/* the shape does not fit: the whole site, then */
		model_forget(r);
		r->shape = NULL;
	}
	if ((rc = model_gather(r)) < 0 || (rc = pages_write(r, css)) < 0)
		return rc;
	return write_attachments(r);
}

int render_site(struct ctx *ctx, const struct render_opts *o,
		struct render_stats *st)
{
	struct render r;
	struct site site;
	struct shape shape = { 0 }, made = { 0 };
	struct buf css = BUF_INIT, state = BUF_INIT, born = BUF_INIT;
	long long seq = 0, moved = 0;
	int rc, opened = 0, known, seqd, shaped = 0, touched = 0;
	long pages;

	memset(st, 0, sizeof(*st));
	model_begin(&r, ctx, o->include_private, &st->overrides);
	r.links = 1;
	for (int i = 0; page_templates[i]; i++)
		if ((rc = tmpl_compile(r.tmpl, page_templates[i])) < 0)
			goto out;
	if ((rc = model_load_css(&r, &css)) < 0 ||
	    (rc = index_ready(ctx)) < 0)
		goto out;
	/* the index's state, the goal files and attachments before any is
	   read: memo.c */
	known = !index_state(ctx, &state);
	memo_files(&r);
	if (memo_unchanged(&r, o->out, known ? state.s : NULL, &pages)) {
		st->pages = st->unchanged = pages;
		st->entries = -1;
		goto out;
	}
	/* and where its rows stand, for the shape of the site (memo.c) */
	seqd = !index_seq(ctx, &born, &seq, &moved);
	shaped = seqd && !memo_shape(&r, o->out, born.s, seq, moved, &shape);
	if (shaped && (rc = index_changed(ctx, shape.seq, &shape.changed)) < 0)
		goto out;
	if ((rc = site_open(&site, o->out)) < 0) {
		site_close(&site);
		goto out;
	}
	opened = 1;
	/* pages change from here: no shape holds until one is kept again */
	memo_keep_shape(&r, o->out, NULL, NULL);
	rc = make_pages(&r, &css, &site, shaped ? &shape : NULL, &touched);
out:
	progress_end(&r.meter);
	if (opened) {
		int frc = site_finish(&site, rc == 0 && !touched);

		if (!rc)
			rc = frc;
		st->pages = touched ? shape.pages : (long)site.nnow;
		st->written = site.written;
		st->unchanged = touched ? shape.pages - site.written
					: site.unchanged;
		st->removed = site.removed;
		st->read = (long)r.ne;
		st->entries = (long)r.ne_all;
		/* while the folder is still locked against another render */
		if (!rc) {
			memo_keep(&r, o->out, known ? state.s : NULL,
				  st->pages);
			if (touched) {
				made = shape;
				memset(&shape, 0, sizeof(shape));
			} else {
				model_shape(&r, &made);
			}
			made.seq = seq;
			made.pages = st->pages;
			memo_keep_shape(&r, o->out, seqd ? born.s : NULL,
					&made);
		}
		site_close(&site);
	}
	model_release(&r);
	shape_release(&shape);
	shape_release(&made);
	buf_release(&css);
	buf_release(&state);
	buf_release(&born);
	return rc;
}
