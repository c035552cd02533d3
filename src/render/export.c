/*
 * The self-contained pages (see render.h): export --format html, which
 * streams its entries from the index into its sink one at a time, and
 * prep's document.
 */
#include "render.h"
#include "internal.h"
#include "index.h"
#include "stats.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/*
 * An export being written: the entries of its filter, read from the
 * index twice, in one snapshot of it. The first time for what the page
 * says of them all (how many, from when to when, the mood by day); the
 * second as the template goes through them, each made when its turn
 * comes and forgotten after it.
 */
struct export {
	struct render *r;
	const struct filter *f;
	struct query_cursor cur;
	int reading;		/* cur is open */
	size_t next;		/* the entry cur gives next */
	size_t n;		/* how many there are */
	struct hit h;		/* the entry being made */
	struct rentry re;
	struct buf md, text, html;
};

/*
 * Start reading the entries again from the first, into x->cur. Returns
 * 0 or FAIL after reporting.
 */
static int export_rewind(struct export *x)
{
	if (x->reading)
		query_close(&x->cur);
	x->next = 0;
	x->reading = 1;
	return query_open(x->r->ctx, x->f, &x->cur);
}

/*
 * Read the next entry into x->h and x->re. Returns 1, 0 after the last,
 * or FAIL after reporting.
 */
static int export_next(struct export *x)
{
	int rc = query_next(&x->cur, &x->h);

	if (rc > 0) {
		model_entry_clock(&x->re, &x->h);
		x->next++;
	}
	return rc;
}

/*
 * The first reading: how many entries (x->n), the first and last of
 * them, whichever way they are listed (*lo and *hi, on their own clocks),
 * and the daily means of their moods (*days of *ndays, the caller's to
 * free). Returns 0 or FAIL after reporting.
 */
static int export_sum(struct export *x, struct tm *lo, struct tm *hi,
		      struct chart_day **days, size_t *ndays)
{
	struct chart_day *d = NULL;
	size_t nd = 0, alloc = 0;
	time_t lo_t = 0, hi_t = 0;
	int rc = export_rewind(x);

	while (!rc && (rc = export_next(x)) > 0) {
		const struct entry *e = &x->h.e;

		if (!x->n || e->date.t < lo_t) {
			lo_t = e->date.t;
			*lo = x->re.wall;
		}
		if (!x->n || e->date.t > hi_t) {
			hi_t = e->date.t;
			*hi = x->re.wall;
		}
		x->n++;
		if (e->mood) {
			ALLOC_GROW(d, nd + 1, alloc);
			d[nd].day = x->re.day;
			d[nd].value = e->mood;
			d[nd++].count = 1;
		}
		rc = 0;
	}
	if (!d)
		d = xcalloc(1, sizeof(*d));
	*ndays = daily_means(d, nd);
	*days = d;
	return rc;
}

/*
 * Make entry i of the export (tv_make_fn): its values as the page shows
 * it, its body in full, in the render's arena, which is emptied first.
 */
static int export_item(void *data, size_t i, const struct tv **item)
{
	struct export *x = data;
	struct render *r = x->r;
	const struct entry *e;
	struct md_opts mo = { .level = 2 };	/* under its <h2> */
	struct tv *v;
	int rc;

	if ((!i || !x->reading) && (rc = export_rewind(x)) < 0)
		return rc;
	if (i != x->next)
		die("export: entry %zu asked for, %zu is next", i, x->next);
	if ((rc = export_next(x)) <= 0)
		return rc ? rc : error("the index changed during the export");
	e = &x->h.e;
	arena_clear(&r->a);
	v = tv_new_map(&r->a);
	page_entry_values(r, v, &x->re, i);
	/* its title once: a first heading that says it is left out */
	mo.title = e->title ? page_say(r, e->title) : NULL;
	tv_put_str(&r->a, v, "title", mo.title ? mo.title : page_say(r, e->id));
	if ((rc = index_body(r->ctx, e->path, &x->md)) < 0)
		return rc;
	/* its images in the page, which stands alone */
	mo.entry = e->path;
	mo.root = r->ctx->root;
	mo.embed_max = r->ctx->cfg.attach_max;
	if (r->names) {
		buf_reset(&x->text);
		redact_text(r->names, x->md.s, x->md.len, &x->text);
		markdown_html(x->text.s, x->text.len, &mo, &x->html);
	} else {
		markdown_html(x->md.s, x->md.len, &mo, &x->html);
	}
	tv_put_html(&r->a, v, "body", x->html.s, x->html.len);
	*item = v;
	return 0;
}

/* Hand the bytes of a render to the export's file (a tmpl_sink). */
static int export_write(void *data, const char *s, size_t len)
{
	return sink_write(data, s, len);
}

int render_export(struct ctx *ctx, const struct filter *f,
		  const struct redactions *names, struct sink *out,
		  struct strvec *overrides, size_t *count)
{
	struct render r;
	struct export x;
	struct arena page_a = ARENA_INIT;
	struct buf css = BUF_INIT, svg = BUF_INIT, label = BUF_INIT;
	struct tmpl_sink to = { export_write, out };
	struct tv *page;
	struct chart_day *days = NULL;
	struct tm lo = { 0 }, hi = { 0 };
	size_t nd = 0;
	int rc, snapshot = 0;

	memset(&x, 0, sizeof(x));
	x.r = &r;
	x.f = f;
	buf_init(&x.md);
	buf_init(&x.text);
	buf_init(&x.html);
	*count = 0;
	model_begin(&r, ctx, 1, overrides);
	r.names = names;
	if ((rc = tmpl_compile(r.tmpl, "export")) < 0 ||
	    (rc = model_load_css(&r, &css)) < 0 ||
	    (rc = index_ready(ctx)) < 0 || (rc = model_gather_goals(&r)) < 0)
		goto out;
	/* both readings find the same entries */
	if ((rc = query_snapshot_begin(ctx)) < 0)
		goto out;
	snapshot = 1;
	if ((rc = export_sum(&x, &lo, &hi, &days, &nd)) < 0)
		goto out;
	page = page_values(&r, "", ctx->cfg.title ? ctx->cfg.title
						   : "My journal", "in_export");
	tv_put_html(&r.a, page, "css", css.s, css.len);
	tv_put_strf(&r.a, page, "count", "%zu %s", x.n,
		    page_plural((long)x.n, "entry", "entries"));
	if (x.n) {
		tv_put(&r.a, page, "from", page_short_date(&r.a, &lo));
		tv_put(&r.a, page, "to", page_short_date(&r.a, &hi));
	}
	tv_put(&r.a, page, "today", page_day_date(&r.a, r.today));
	buf_addf(&label, "Mood on %zu %s with a mood in these entries", nd,
		 page_plural((long)nd, "day", "days"));
	chart_timeline(&svg, days, nd, 7, 7, 1, ctx->cfg.mood_scale,
		       "Mood over time", label.s);
	page_put_chart(&r, page, "timeline", &svg);
	tv_put(&r.a, page, "entries", tv_new_made(&r.a, x.n, export_item,
						  &x));
	/* the page's values stay; the arena is the entries' from here */
	page_a = r.a;
	memset(&r.a, 0, sizeof(r.a));
	rc = tmpl_render_to(r.tmpl, "export", page, &to);
	*count = x.n;
out:
	if (x.reading)
		query_close(&x.cur);
	if (snapshot)
		query_snapshot_end(ctx);
	hit_release(&x.h);
	model_release(&r);
	arena_release(&page_a);
	free(days);
	buf_release(&css);
	buf_release(&svg);
	buf_release(&label);
	buf_release(&x.md);
	buf_release(&x.text);
	buf_release(&x.html);
	return rc;
}

int render_document(struct ctx *ctx, const char *title, const char *md,
		    size_t len, const char *fig_text, const char *fig_html,
		    const struct redactions *names, struct buf *out,
		    struct strvec *overrides)
{
	struct md_opts mo = { .fig_text = fig_text, .fig_html = fig_html };
	struct render r;
	struct buf css = BUF_INIT, html = BUF_INIT;
	struct tv *page;
	int rc;

	model_begin(&r, ctx, 0, overrides);
	r.names = names;
	if ((rc = tmpl_compile(r.tmpl, "document")) < 0 ||
	    (rc = model_load_css(&r, &css)) < 0)
		goto out;
	page = page_values(&r, "", title, "in_document");
	tv_put_html(&r.a, page, "css", css.s, css.len);
	markdown_html(md, len, &mo, &html);
	tv_put_html(&r.a, page, "body", html.s, html.len);
	tv_put(&r.a, page, "today", page_day_date(&r.a, r.today));
	rc = tmpl_render(r.tmpl, "document", page, out);
out:
	model_release(&r);
	buf_release(&css);
	buf_release(&html);
	return rc;
}
