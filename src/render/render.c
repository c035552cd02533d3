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

int render_site(struct ctx *ctx, const struct render_opts *o,
		struct render_stats *st)
{
	struct render r;
	struct site site;
	struct buf css = BUF_INIT, state = BUF_INIT;
	int rc, opened = 0, known;
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
	/* the index's state before any entry is read: see memo.c */
	known = !index_state(ctx, &state);
	if (memo_unchanged(&r, o->out, known ? state.s : NULL, &pages)) {
		st->pages = st->unchanged = pages;
		goto out;
	}
	if ((rc = model_gather(&r)) < 0)
		goto out;
	if ((rc = site_open(&site, o->out)) < 0) {
		site_close(&site);
		goto out;
	}
	opened = 1;
	r.site = &site;
	rc = pages_write(&r, &css);
out:
	progress_end(&r.meter);
	if (opened) {
		int frc = site_finish(&site, rc == 0);

		if (!rc)
			rc = frc;
		st->pages = (long)site.nnow;
		st->written = site.written;
		st->unchanged = site.unchanged;
		st->removed = site.removed;
		/* while the folder is still locked against another render */
		if (!rc)
			memo_keep(&r, o->out, known ? state.s : NULL,
				  st->pages);
		site_close(&site);
	}
	model_release(&r);
	buf_release(&css);
	buf_release(&state);
	return rc;
}
