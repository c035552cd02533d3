/*
 * The HTML journal's entry points (see render.h): the site is gathered
 * once (model.c) from the index, the goal files and the templates; then
 * pages.c makes each page whose key changed.
 */
#include "render.h"
#include "internal.h"
#include "index.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (shape && shape->changed.nr <= TOUCH_MAX && site_whole(site)) {
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
	if ((rc = model_gather(r)) < 0)
		return rc;
	return pages_write(r, css);
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
	/* the index's state and the goal files before any is read: memo.c */
	known = !index_state(ctx, &state);
	memo_goal_files(&r);
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
