/*
 * The pages of the site (see internal.h): each page is described as
 * template values, and its key (a hash of those values, the templates
 * and, for an entry, its file) is compared with the key the page was
 * last made with. Only a page whose key changed is rendered and written,
 * so Markdown is run only for the entries whose pages are written.
 */
#include "internal.h"
#include "attach.h"
#include "dates.h"
#include "index.h"
#include "stats.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GROUPS 30		/* tags and feelings on the mood page */

static const char *const weekday_names[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday"
};

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* --- words and dates ----------------------------------------------------- */

/* "Sunday 22 November 2026, 21:14" */
static struct tv *long_date(struct arena *a, const struct tm *tm)
{
	return tv_new_strf(a, "%s %d %s %d, %02d:%02d",
			   weekday_names[(tm->tm_wday + 6) % 7], tm->tm_mday,
			   month_names[tm->tm_mon], tm->tm_year + 1900,
			   tm->tm_hour, tm->tm_min);
}

/* "22 Nov 2026" */
static void add_short_date(struct buf *b, const struct tm *tm)
{
	buf_addf(b, "%d %.3s %d", tm->tm_mday, month_names[tm->tm_mon],
		 tm->tm_year + 1900);
}

struct tv *page_short_date(struct arena *a, const struct tm *tm)
{
	struct buf b = BUF_INIT;
	struct tv *v;

	add_short_date(&b, tm);
	v = tv_new_strn(a, b.s, b.len);
	buf_release(&b);
	return v;
}

/* "22 Nov 2026" of the local day of t. */
static struct tv *local_date(struct arena *a, time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return page_short_date(a, &tm);
}

/* "22 Nov 2026" of a day number. */
struct tv *page_day_date(struct arena *a, long day)
{
	time_t t = (time_t)day * DAY_SECONDS;
	struct tm tm;

	gmtime_r(&t, &tm);
	return page_short_date(a, &tm);
}

const char *page_plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/*
 * What the user wrote, as it may leave the terminal: redacted when the
 * export asks for it (a copy in the arena), else s itself.
 */
const char *page_say(struct render *r, const char *s)
{
	struct buf b = BUF_INIT;
	char *copy;

	if (!s || !r->names)
		return s;
	redact_text(r->names, s, strlen(s), &b);
	copy = arena_strndup(&r->a, b.s, b.len);
	buf_release(&b);
	return copy;
}

/* --- values of pages --------------------------------------------------- */

/*
 * The values every page has: the site's title, the way back to the top
 * ("" or "../"), the page's title and which part of the site it is in.
 */
struct tv *page_values(struct render *r, const char *root,
			      const char *title, const char *section)
{
	struct arena *a = &r->a;
	struct tv *page = tv_new_map(a), *site = tv_new_map(a);
	const char *journal = r->ctx->cfg.title ? r->ctx->cfg.title
						: "My journal";

	tv_put_str(a, site, "title", page_say(r, journal));
	tv_put_str(a, site, "root", root);
	tv_put_strf(a, site, "scale", "%d", r->ctx->cfg.mood_scale);
	tv_put_bool(a, site, "private", r->include_private);
	tv_put(a, page, "site", site);
	tv_put_str(a, page, "title", title);
	tv_put_bool(a, page, section, 1);
	return page;
}

/*
 * The link of the k-th tag of the entry re, for a page at root (an
 * entry of an export has no tags found, and no links).
 */
static struct tv *tag_value(struct render *r, const char *root,
			    const struct rentry *re, size_t k)
{
	const char *tag = re->h->e.tags.v[k];
	const struct rtag *t = re->tags ? re->tags[k] : NULL;
	struct tv *v = tv_new_map(&r->a);

	tv_put_str(&r->a, v, "name", page_say(r, tag));
	if (t && r->links)
		tv_put_strf(&r->a, v, "href", "%stags/%s", root, t->href);
	return v;
}

/* A goal an entry names: its title and link when it has a file. */
static struct tv *goal_value(struct render *r, const char *root,
			     const char *id)
{
	const struct rgoal *g = model_find_goal(r, id);
	struct tv *v = tv_new_map(&r->a);

	tv_put_str(&r->a, v, "id", id);
	tv_put_str(&r->a, v, "title", page_say(r, g && g->g.title ? g->g.title
						      : id));
	if (g && r->links)
		tv_put_strf(&r->a, v, "href", "%sgoals/%s", root, g->href);
	return v;
}

/* A list of the words the user wrote. */
static struct tv *str_list(struct render *r, const struct strvec *sv)
{
	struct tv *l = tv_new_list(&r->a);

	for (size_t i = 0; i < sv->nr; i++)
		tv_push(&r->a, l, tv_new_str(&r->a, page_say(r, sv->v[i])));
	return l;
}

/*
 * Put the list l under key, and whether it has items under "has_KEY",
 * for templates to show a heading only over a list that is not empty.
 */
static void put_list(struct render *r, struct tv *map, const char *key,
		     struct tv *l)
{
	char has[64];

	snprintf(has, sizeof(has), "has_%s", key);
	tv_put(&r->a, map, key, l);
	tv_put_bool(&r->a, map, has, l->nr > 0);
}

/* An entry for lists: title, link, date, mood, tags, words. */
static struct tv *entry_summary(struct render *r, const char *root,
				size_t i)
{
	struct arena *a = &r->a;
	struct rentry *re = &r->e[i];
	const struct entry *e = &re->h->e;
	struct tv *v = tv_new_map(a), *tags = tv_new_list(a);

	tv_put_str(a, v, "title", e->title ? e->title : e->id);
	tv_put_strf(a, v, "href", "%sentries/%s", root, re->href);
	/* made once for every list the entry is in */
	if (!re->date) {
		struct buf b = BUF_INIT;

		add_short_date(&b, &re->wall);
		re->date = buf_detach(&b, NULL);
		datetime_format(&e->date, &b);
		re->datetime = buf_detach(&b, NULL);
	}
	tv_put_str(a, v, "date", re->date);
	tv_put_str(a, v, "datetime", re->datetime);
	if (e->mood)
		tv_put_strf(a, v, "mood", "%d", e->mood);
	for (size_t k = 0; k < e->tags.nr; k++)
		tv_push(a, tags, tag_value(r, root, re, k));
	put_list(r, v, "tags", tags);
	tv_put_strf(a, v, "words", "%zu", e->words);
	tv_put_bool(a, v, "share", e->share);
	tv_put_bool(a, v, "private", e->private);
	return v;
}

/* The summaries of the entries r->e[idx[0..n)], newest first when
 * newest is set; with anchors, the first of each day has the anchor
 * "dYYYY-MM-DD" that charts link the day to (day_href()). */
static struct tv *entry_list(struct render *r, const char *root,
			     const size_t *idx, size_t n, int newest,
			     int anchors)
{
	struct tv *l = tv_new_list(&r->a);

	for (size_t k = 0; k < n; k++) {
		size_t i = idx[newest ? n - 1 - k : k];
		struct tv *v = entry_summary(r, root, i);
		const struct tm *w = &r->e[i].wall;

		if (anchors && (!k || r->e[i].day != r->e[idx[newest ?
						n - k : k - 1]].day))
			tv_put_strf(&r->a, v, "anchor", "d%04d-%02d-%02d",
				    w->tm_year + 1900, w->tm_mon + 1,
				    w->tm_mday);
		tv_push(&r->a, l, v);
	}
	return l;
}

/* --- writing pages ------------------------------------------------------- */

/*
 * One more page done: is it on disk as key makes it, and so kept? Each
 * page of the site asks once, which counts it for the progress.
 */
static int kept(struct render *r, const char *path, uint64_t key)
{
	progress_update(&r->meter, ++r->done, r->total);
	return site_keep(r->site, path, key);
}

/*
 * What a page gets only once it is known to be written: the Markdown of
 * an entry or a goal, a list of entries. Each is stood for in the page's
 * key by a hash (the entry's file, the goal's file, the entries' keys),
 * so that a page that is kept costs none of them.
 */
struct later {
	const struct rentry *entry;	/* its body, or NULL */
	const struct rgoal *goal;	/* its body, or NULL */
	int list;			/* an "entries" list: */
	const size_t *idx;		/* r->e[idx[0 .. n)] */
	size_t n;
	int newest;			/* newest first */
	int anchors;			/* an anchor on each day */
};

/* Fold what l stands for into the key h. */
static uint64_t later_key(const struct render *r, const struct later *l,
			  uint64_t h)
{
	if (l->entry)
		h = hash_add(h, &l->entry->h->sum, sizeof(l->entry->h->sum));
	if (l->goal)
		h = hash_add(h, l->goal->g.text.s, l->goal->g.text.len);
	for (size_t k = 0; l->list && k < l->n; k++) {
		h = hash_add(h, &r->e[l->idx[k]].key, sizeof(r->e[0].key));
	}
	if (l->list) {
		h = hash_add(h, &l->newest, sizeof(l->newest));
		h = hash_add(h, &l->anchors, sizeof(l->anchors));
	}
	return h;
}

/* Put into page what l stands for. Returns 0 or a failure. */
static int later_put(struct render *r, const struct later *l,
		     struct tv *page)
{
	struct buf html = BUF_INIT;
	int rc = 0;

	if (l->entry) {
		if ((rc = index_body(r->ctx, l->entry->h->e.path, &r->md)) < 0)
			return rc;
		/* under the page's <h1> of its title, which it says once */
		markdown_html(r->md.s, r->md.len, &(struct md_opts){
			.level = 1, .title = l->entry->h->e.title,
			.entry = l->entry->h->e.path, .up = "../",
			.held = &r->attached }, &html);
		tv_put_html(&r->a, page, "body", html.s, html.len);
	}
	if (l->goal) {
		/* without its headings over nothing; none at all when blank */
		goal_body(&l->goal->g, &r->md);
		/* a goal keeps no files: a link into attachments/ is text */
		markdown_html(r->md.s, r->md.len, &(struct md_opts){
			.entry = l->goal->g.path }, &html);
		if (r->md.len)
			tv_put_html(&r->a, page, "body", html.s, html.len);
	}
	if (l->list)
		tv_put(&r->a, page, "entries", entry_list(r, "../", l->idx,
							 l->n, l->newest,
							 l->anchors));
	buf_release(&html);
	return 0;
}

/*
 * Render the page at path from the template tmpl and the values page,
 * with what l adds (may be NULL), and write it with key. The arena is
 * emptied afterwards. Returns 0 or a failure.
 */
static int write_page(struct render *r, const char *path, const char *tmpl,
		      struct tv *page, const struct later *l, uint64_t key)
{
	int rc;

	if (l && (rc = later_put(r, l, page)) < 0)
		goto out;
	buf_reset(&r->out);
	if ((rc = tmpl_render(r->tmpl, tmpl, page, &r->out)) < 0)
		goto out;
	rc = site_write(r->site, path, key, r->out.s, r->out.len);
out:
	arena_clear(&r->a);
	return rc;
}

/*
 * Make the page at path from the template tmpl and the values page,
 * and what l adds (may be NULL): kept when its key (the site's, the
 * path, the values, l's) is as before, else finished, rendered and
 * written. Returns 0 or a failure.
 */
static int emit(struct render *r, const char *path, const char *tmpl,
		struct tv *page, const struct later *l)
{
	uint64_t key = tv_hash(model_page_key(r, path), page);

	if (l)
		key = later_key(r, l, key);
	if (kept(r, path, key)) {
		arena_clear(&r->a);
		return 0;
	}
	return write_page(r, path, tmpl, page, l, key);
}

static void put_neighbour(struct render *r, struct tv *page, const char *key,
			  size_t i)
{
	struct tv *v = tv_new_map(&r->a);
	const struct entry *e = &r->e[i].h->e;

	tv_put_str(&r->a, v, "title", e->title ? e->title : e->id);
	tv_put_str(&r->a, v, "href", r->e[i].href);
	tv_put(&r->a, v, "date", page_short_date(&r->a, &r->e[i].wall));
	tv_put(&r->a, page, key, v);
}

/*
 * The values of an entry's own page (all but its body): re, the entry
 * r->e[i] (or, in an export, one of its entries, which has no links).
 */
void page_entry_values(struct render *r, struct tv *page,
			 const struct rentry *re, size_t i)
{
	struct arena *a = &r->a;
	const struct entry *e = &re->h->e;
	struct tv *list;
	struct buf iso = BUF_INIT;

	tv_put(a, page, "date", long_date(a, &re->wall));
	datetime_format(&e->date, &iso);
	tv_put_str(a, page, "datetime", iso.s);
	buf_release(&iso);
	if (r->links)
		tv_put_strf(a, page, "month_href", "../archive/%04d-%02d.html",
			    re->wall.tm_year + 1900, re->wall.tm_mon + 1);
	tv_put_strf(a, page, "month", "%s %d", month_names[re->wall.tm_mon],
		    re->wall.tm_year + 1900);
	if (e->mood)
		tv_put_strf(a, page, "mood", "%d", e->mood);
	put_list(r, page, "feelings", str_list(r, &e->feelings));
	list = tv_new_list(a);
	for (size_t k = 0; k < e->tags.nr; k++)
		tv_push(a, list, tag_value(r, "../", re, k));
	put_list(r, page, "tags", list);
	list = tv_new_list(a);
	for (size_t k = 0; k < e->goals.nr; k++)
		tv_push(a, list, goal_value(r, "../", e->goals.v[k]));
	put_list(r, page, "goals", list);
	list = tv_new_list(a);
	for (size_t k = 0; k + 1 < e->ratings.nr; k += 2) {
		struct tv *g = goal_value(r, "../", e->ratings.v[k]);

		tv_put_str(a, g, "value", e->ratings.v[k + 1]);
		tv_push(a, list, g);
	}
	put_list(r, page, "ratings", list);
	tv_put_str(a, page, "prompt", page_say(r, e->prompt));
	tv_put_bool(a, page, "share", e->share);
	tv_put_bool(a, page, "private", e->private);
	tv_put_strf(a, page, "words", "%zu", e->words);
	tv_put_str(a, page, "id", page_say(r, e->id));
	tv_put_str(a, page, "path", page_say(r, e->path));
	if (i > 0 && r->links)
		put_neighbour(r, page, "prev", i - 1);
	if (i + 1 < r->ne && r->links)
		put_neighbour(r, page, "next", i + 1);
	tv_put_bool(a, page, "has_neighbours", r->links && r->ne_all > 1);
}

/*
 * Fold into h the files of the entry file path's folder of attachments
 * that a render copies (r->attached): which of its links lead to one.
 */
static uint64_t attached_input(const struct render *r, const char *path,
			       uint64_t h)
{
	const struct strvec *all = &r->attached;
	struct buf dir = BUF_INIT;
	size_t lo = 0, hi = all->nr;

	if (!all->nr || attach_dir(path, &dir) < 0)
		goto out;
	buf_addch(&dir, '/');
	while (lo < hi) {	/* the first at or after dir */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(all->v[mid], dir.s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < all->nr && starts_with(all->v[lo], dir.s); lo++)
		h = model_hash_str(h, all->v[lo]);
out:
	buf_release(&dir);
	return h;
}

/*
 * The key of an entry's page, from what its values are made of (so that
 * a page that is kept costs no values): the entry, the links of its
 * tags and goals, what it shows of the entries before and after, and
 * which of its attachments the site holds.
 * Keep it in step with page_entry_values().
 */
static uint64_t entry_page_key(const struct render *r, size_t i,
			       const char *path)
{
	const struct rentry *re = &r->e[i];
	const struct entry *e = &re->h->e;
	uint64_t h = model_page_key(r, path);

	/* its fields and tags, as its summary has them, and its body */
	h = hash_add(h, &re->key, sizeof(re->key));
	h = hash_add(h, &re->h->sum, sizeof(re->h->sum));
	for (size_t k = 0; k < e->goals.nr; k++)
		h = model_goal_input(r, e->goals.v[k], h);
	for (size_t k = 0; k + 1 < e->ratings.nr; k += 2)
		h = model_goal_input(r, e->ratings.v[k], h);
	h = i > 0 ? model_link_input(&r->e[i - 1], h) : model_hash_num(h, -1);
	h = i + 1 < r->ne ? model_link_input(&r->e[i + 1], h) : model_hash_num(h, -1);
	h = attached_input(r, e->path, h);
	return model_hash_num(h, r->links);
}

/* The page of the entry r->e[i]. */
static int entry_page(struct render *r, size_t i)
{
	const struct entry *e = &r->e[i].h->e;
	struct buf path = BUF_INIT;
	struct tv *page;
	uint64_t key;
	int rc = 0;

	buf_addf(&path, "entries/%s.html", r->e[i].name);
	key = entry_page_key(r, i, path.s);
	if (!kept(r, path.s, key)) {
		page = page_values(r, "../", e->title ? e->title : e->id,
				   "in_entries");
		page_entry_values(r, page, &r->e[i], i);
		rc = write_page(r, path.s, "entry", page,
				&(struct later){ .entry = &r->e[i] }, key);
	}
	buf_release(&path);
	return rc;
}

static int entry_pages(struct render *r)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < r->ne; i++)
		rc = entry_page(r, i);
	return rc;
}

/*
 * The page of the month m, between the months prev and next ("YYYY-MM",
 * or NULL when there is none).
 */
static int month_page(struct render *r, const struct rmonth *m,
		      const char *prev, const char *next)
{
	struct buf path = BUF_INIT;
	struct tv *page;
	int rc;

	buf_addf(&path, "%s %d", month_names[m->mon - 1], m->year);
	page = page_values(r, "../", path.s, "in_archive");
	tv_put_strf(&r->a, page, "count", "%zu %s", m->nr,
		    page_plural((long)m->nr, "entry", "entries"));
	if (prev)
		tv_put_strf(&r->a, page, "prev_href", "%s.html", prev);
	if (next)
		tv_put_strf(&r->a, page, "next_href", "%s.html", next);
	buf_reset(&path);
	buf_addf(&path, "archive/%04d-%02d.html", m->year, m->mon);
	rc = emit(r, path.s, "month", page,
		  &(struct later){ .list = 1, .idx = m->entries, .n = m->nr,
				   .anchors = 1 });
	buf_release(&path);
	return rc;
}

/* The month pages and the archive's index. */
static int archive_pages(struct render *r)
{
	struct buf path = BUF_INIT, prev = BUF_INIT, next = BUF_INIT;
	struct tv *page, *years, *year = NULL, *months = NULL;
	int rc = 0;

	for (size_t i = 0; !rc && i < r->nmonths; i++) {
		buf_reset(&prev);
		buf_reset(&next);
		if (i > 0)
			buf_addf(&prev, "%04d-%02d", r->months[i - 1].year,
				 r->months[i - 1].mon);
		if (i + 1 < r->nmonths)
			buf_addf(&next, "%04d-%02d", r->months[i + 1].year,
				 r->months[i + 1].mon);
		rc = month_page(r, &r->months[i], i > 0 ? prev.s : NULL,
				i + 1 < r->nmonths ? next.s : NULL);
	}
	if (rc)
		goto out;
	page = page_values(r, "../", "Archive", "in_archive");
	years = tv_new_list(&r->a);
	for (size_t i = r->nmonths; i-- > 0;) {
		const struct rmonth *m = &r->months[i];
		struct tv *mv = tv_new_map(&r->a);

		if (!year || i + 1 == r->nmonths ||
		    r->months[i + 1].year != m->year) {
			year = tv_new_map(&r->a);
			months = tv_new_list(&r->a);
			tv_put_strf(&r->a, year, "year", "%d", m->year);
			tv_put(&r->a, year, "months", months);
			tv_push(&r->a, years, year);
		}
		tv_put_str(&r->a, mv, "name", month_names[m->mon - 1]);
		tv_put_strf(&r->a, mv, "href", "%04d-%02d.html", m->year,
			    m->mon);
		tv_put_strf(&r->a, mv, "count", "%zu", m->nr);
		tv_push(&r->a, months, mv);
	}
	tv_put(&r->a, page, "years", years);
	tv_put_strf(&r->a, page, "count", "%zu %s", r->ne,
		    page_plural((long)r->ne, "entry", "entries"));
	rc = emit(r, "archive/index.html", "archive", page, NULL);
out:
	buf_release(&path);
	buf_release(&prev);
	buf_release(&next);
	return rc;
}

/* The number of pages of the tag t. */
static size_t tag_page_count(const struct rtag *t)
{
	return t->count > TAG_PAGE ? (t->count + TAG_PAGE - 1) / TAG_PAGE
				   : 1;
}

/* The path ("tags/FILE.html", "tags/FILE.2.html") or the link from
 * another page of the tag t of its page-th page (0 for the first). */
static const char *tag_page_name(struct render *r, const struct rtag *t,
				 size_t page, int link)
{
	/* t->href is t->file escaped, and ".html" */
	size_t len = link ? strlen(t->href) - 5 : strlen(t->file);
	const char *base = link ? t->href : t->file;
	struct tv *v = page ? tv_new_strf(&r->a, "%s%.*s.%zu.html",
					  link ? "" : "tags/", (int)len, base,
					  page + 1)
			    : tv_new_strf(&r->a, "%s%.*s.html",
					  link ? "" : "tags/", (int)len, base);

	return v->s;
}

/*
 * The page-th page of the tag t (0 for the first), of the entries
 * t->entries[at .. at+n).
 */
static int tag_page(struct render *r, const struct rtag *t, size_t page,
		    size_t at, size_t n)
{
	size_t pages = tag_page_count(t);
	struct buf title = BUF_INIT, path = BUF_INIT;
	struct tv *page_v;
	int rc;

	if (page)
		buf_addf(&title, "%s: page %zu of %zu", t->name, page + 1,
			 pages);
	page_v = page_values(r, "../", page ? title.s : t->name, "in_tags");
	tv_put_str(&r->a, page_v, "tag", t->name);
	tv_put_strf(&r->a, page_v, "count", "%zu %s", t->count,
		    page_plural((long)t->count, "entry", "entries"));
	if (pages > 1) {
		tv_put_bool(&r->a, page_v, "paged", 1);
		tv_put_strf(&r->a, page_v, "page", "%zu", page + 1);
		tv_put_strf(&r->a, page_v, "pages", "%zu", pages);
		if (page)
			tv_put_str(&r->a, page_v, "newer_href",
				   tag_page_name(r, t, page - 1, 1));
		if (page + 1 < pages)
			tv_put_str(&r->a, page_v, "older_href",
				   tag_page_name(r, t, page + 1, 1));
	}
	buf_adds(&path, tag_page_name(r, t, page, 0));
	rc = emit(r, path.s, "tag", page_v,
		  &(struct later){ .list = 1, .idx = t->entries + at, .n = n,
				   .newest = 1 });
	buf_release(&title);
	buf_release(&path);
	return rc;
}

/* Every page of the tag t, newest entries first. */
static int tag_all_pages(struct render *r, const struct rtag *t)
{
	int rc = 0;

	for (size_t p = 0; !rc && p < tag_page_count(t); p++) {
		size_t lo = p * TAG_PAGE;
		size_t n = t->nr - lo < TAG_PAGE ? t->nr - lo : TAG_PAGE;

		rc = tag_page(r, t, p, t->nr - lo - n, n);
	}
	return rc;
}

static int tag_pages(struct render *r)
{
	struct tv *page, *list;
	int rc = 0;

	for (size_t i = 0; !rc && i < r->ntags; i++)
		rc = tag_all_pages(r, &r->tags[i]);
	if (rc)
		return rc;
	page = page_values(r, "../", "Tags", "in_tags");
	list = tv_new_list(&r->a);
	for (size_t i = 0; i < r->ntags; i++) {
		struct tv *v = tv_new_map(&r->a);

		tv_put_str(&r->a, v, "name", r->tags[i].name);
		tv_put_str(&r->a, v, "href", r->tags[i].href);
		tv_put_strf(&r->a, v, "count", "%zu", r->tags[i].nr);
		tv_push(&r->a, list, v);
	}
	tv_put(&r->a, page, "tags", list);
	return emit(r, "tags/index.html", "tags", page, NULL);
}


/*
 * The link of a day in a chart (struct chart_links): the day's anchor
 * on its month's page (month_page()), from a page at root (arg).
 */
static void day_href(long day, struct buf *out, const void *root)
{
	struct buf d = BUF_INIT;

	chart_day_format(day, &d);
	buf_addf(out, "%sarchive/%.7s.html#d%s", (const char *)root, d.s,
		 d.s);
	buf_release(&d);
}

/*
 * The entries of a bar of the mood page that has no page of its own (a
 * weekday, a feeling): r->e[idx[0 .. n)], oldest first.
 */
struct group {
	size_t *idx;
	size_t n, alloc;
};

/* Add the entry r->e[i] to g, once however many of its words lead. */
static void group_add(struct group *g, size_t i)
{
	if (g->n && g->idx[g->n - 1] == i)
		return;
	ALLOC_GROW(g->idx, g->n + 1, g->alloc);
	g->idx[g->n++] = i;
}

/*
 * The values of group.html for g, the list a bar's link (#id) opens:
 * its id, its name, how many entries, and its entries newest first, each
 * with its link, date and mood: TAG_PAGE of them at most, as a tag's
 * first page has ("shown" says how many when there are more). Frees
 * g's entries.
 */
static struct tv *group_value(struct render *r, const char *id,
			      const char *name, struct group *g)
{
	struct arena *a = &r->a;
	struct tv *v = tv_new_map(a), *list = tv_new_list(a);

	tv_put_str(a, v, "id", id);
	tv_put_str(a, v, "name", name);
	tv_put_strf(a, v, "count", "%zu %s", g->n,
		    page_plural((long)g->n, "entry", "entries"));
	if (g->n > TAG_PAGE)
		tv_put_strf(a, v, "shown", "%d", TAG_PAGE);
	for (size_t k = g->n; k-- > 0 && g->n - k <= TAG_PAGE;) {
		const struct rentry *re = &r->e[g->idx[k]];
		struct tv *e = tv_new_map(a);

		tv_put_strf(a, e, "href", "entries/%s", re->href);
		tv_put_strf(a, e, "date", "%d %.3s %d, %02d:%02d",
			    re->wall.tm_mday, month_names[re->wall.tm_mon],
			    re->wall.tm_year + 1900, re->wall.tm_hour,
			    re->wall.tm_min);
		tv_put_strf(a, e, "mood", "%d", re->h->e.mood);
		tv_push(a, list, e);
	}
	tv_put(a, v, "entries", list);
	free(g->idx);
	return v;
}

/*
 * Bars of the mean mood of each word of the entries' lists (tags or
 * feelings, as which picks), in any case: the MAX_GROUPS used most,
 * highest mean first (stats.h's tallies, as `tend mood --by` has them).
 * A tag's bar links to its page; a feeling's to its list on this page,
 * which go under "feeling_groups" in page.
 */
static void word_bars(struct render *r, int feelings, struct tv *page,
		      struct buf *svg)
{
	static const char *const tag_head[] = {
		"Tag", "Mean mood", "Entries"
	};
	static const char *const feeling_head[] = {
		"Feeling", "Mean mood", "Entries"
	};
	struct tallies g;
	struct chart_bar *bars;
	struct group *groups;
	struct tv *list;

	tallies_init(&g, 1);
	for (size_t i = 0; i < r->ne; i++) {
		const struct entry *e = &r->e[i].h->e;
		const struct strvec *l = feelings ? &e->feelings : &e->tags;

		if (e->mood)
			tallies_add_words(&g, l->v, l->nr, e->mood);
	}
	tallies_top(&g, MAX_GROUPS);
	bars = xcalloc(g.nr + 1, sizeof(*bars));
	for (size_t i = 0; i < g.nr; i++) {
		/* the name shown: the tag's own, else as first seen */
		const struct rtag *t = feelings ? NULL
					       : model_find_tag(r, g.v[i].key);

		bars[i].label = t ? t->name : g.v[i].name;
		bars[i].value = tally_mean(&g.v[i]);
		bars[i].count = g.v[i].count;
		if (t)
			bars[i].href = tv_new_strf(&r->a, "tags/%s",
						   t->href)->s;
		else if (feelings)
			bars[i].href = tv_new_strf(&r->a, "#feeling-%zu",
						   i + 1)->s;
	}
	/* the entries of each feeling's bar, for its list */
	groups = xcalloc(g.nr + 1, sizeof(*groups));
	for (size_t i = 0; feelings && i < r->ne; i++) {
		const struct entry *e = &r->e[i].h->e;

		for (size_t k = 0; e->mood && k < e->feelings.nr; k++) {
			char *key = utf8_fold(e->feelings.v[k]);

			for (size_t j = 0; j < g.nr; j++)
				if (!strcmp(key, g.v[j].key))
					group_add(&groups[j], i);
			free(key);
		}
	}
	list = tv_new_list(&r->a);
	for (size_t i = 0; feelings && i < g.nr; i++)
		tv_push(&r->a, list, group_value(r, bars[i].href + 1,
						 bars[i].label, &groups[i]));
	if (feelings)
		tv_put(&r->a, page, "feeling_groups", list);
	chart_bars(svg, bars, g.nr, 1, r->ctx->cfg.mood_scale,
		   feelings ? feeling_head : tag_head,
		   feelings ? "The mean mood of the entries with each "
			      "feeling, and how many there are"
			    : "The mean mood of the entries with each tag, "
			      "and how many there are");
	tallies_release(&g);
	free(groups);
	free(bars);
}

/* Put an SVG chart made into svg under key, and empty svg. */
void page_put_chart(struct render *r, struct tv *page, const char *key,
		      struct buf *svg)
{
	tv_put_html(&r->a, page, key, svg->s, svg->len);
	buf_reset(svg);
}

/*
 * The key of the mood page, from what it is made of: today, every
 * entry (its mood, day, tags, feelings and goals: the insights name
 * them) and the names tags are shown by. Keep it in step with
 * mood_page().
 */
static uint64_t mood_page_key(const struct render *r)
{
	uint64_t h = model_page_key(r, "mood.html");

	h = model_hash_num(h, r->today);
	for (size_t i = 0; i < r->ne; i++) {
		const struct entry *e = &r->e[i].h->e;

		h = model_hash_num(h, r->e[i].day);
		h = model_hash_num(h, (long long)e->date.t);
		h = model_hash_num(h, e->mood);
		h = model_hash_strvec(h, &e->tags);
		h = model_hash_strvec(h, &e->feelings);
		h = model_hash_strvec(h, &e->goals);
		/* the lists of weekdays and feelings link to it, at its time */
		h = model_hash_str(h, r->e[i].href);
		h = model_hash_num(h, e->date.offset);
	}
	for (size_t i = 0; i < r->ntags; i++) {
		h = hash_add(h, r->tags[i].name, strlen(r->tags[i].name) + 1);
		h = model_hash_str(h, r->tags[i].href);
	}
	return h;
}

/*
 * The mood page: the figures of every mood, the insights in words, each
 * day's mean over time and on a calendar of the last year, and the mean
 * by weekday, by tag and by feeling. Kept as it is while its key is
 * unchanged.
 */
static int mood_page(struct render *r)
{
	uint64_t key = mood_page_key(r);
	struct tv *page;
	struct sample *samples;
	static const char *const wd_head[] = {
		"Weekday", "Mean mood", "Entries"
	};
	static const char *const wd_ids[] = {
		"weekday-monday", "weekday-tuesday", "weekday-wednesday",
		"weekday-thursday", "weekday-friday", "weekday-saturday",
		"weekday-sunday"
	};
	struct chart_bar wd[7] = { { 0 } };
	struct tally wt[7] = { { 0 } };
	struct group wg[7] = { { 0 } };
	struct tv *wlist;
	struct chart_day *days;
	struct mood_stats st;
	struct buf svg = BUF_INIT, label = BUF_INIT;
	struct strvec said = STRVEC_INIT;
	size_t ns = 0, nd, nwd = 0, ncal = 0;
	int scale = r->ctx->cfg.mood_scale, rc;

	if (kept(r, "mood.html", key))
		return 0;
	page = page_values(r, "", "Mood", "in_mood");
	samples = xcalloc(r->ne + 1, sizeof(*samples));
	for (size_t i = 0; i < r->ne; i++) {
		const struct entry *e = &r->e[i].h->e;
		int k = weekday_of(r->e[i].day);

		if (!e->mood)
			continue;
		samples[ns].when = e->date.t;
		samples[ns++].mood = e->mood;
		tally_add(&wt[k], e->mood);
		group_add(&wg[k], i);
	}
	mood_stats(samples, ns, &st);
	free(samples);
	tv_put_strf(&r->a, page, "count", "%zu", st.count);
	tv_put_strf(&r->a, page, "with_mood", "%zu entr%s with a mood",
		    st.count, st.count == 1 ? "y" : "ies");
	if (st.count) {
		tv_put_strf(&r->a, page, "mean", "%.1f", st.mean);
		tv_put_strf(&r->a, page, "median", "%.1f", st.median);
		tv_put_strf(&r->a, page, "min", "%d", st.min);
		tv_put_strf(&r->a, page, "max", "%d", st.max);
		tv_put_strf(&r->a, page, "stdev", "%.1f", st.stdev);
	}
	model_insights(r, &said);
	put_list(r, page, "insights", str_list(r, &said));
	strvec_clear(&said);
	days = model_daily_moods(r, LONG_MIN, &nd);
	buf_addf(&label, "Mood on %zu %s with a mood, each day's mean and "
		 "its 7-day average", nd, page_plural((long)nd, "day", "days"));
	/* each day links to its entries on its month's page */
	chart_timeline_linked(&svg, days, nd, 7, 7, 1, scale,
			      "Mood over time", label.s,
			      &(struct chart_links){ day_href, "" });
	page_put_chart(r, page, "timeline", &svg);
	/*
	 * the same days for the calendar, which leaves out those before its
	 * own first day (the Monday 52 weeks back) and after today
	 */
	for (size_t k = 0; k < nd; k++)
		ncal += days[k].day >= r->today - weekday_of(r->today) - 52 * 7 &&
			days[k].day <= r->today;
	buf_reset(&label);
	buf_addf(&label, "A calendar of the last year: %zu %s with a mood",
		 ncal, page_plural((long)ncal, "day", "days"));
	chart_calendar(&svg, days, nd, r->today, 1, scale, "The last year",
		       label.s, &(struct chart_links){ day_href, "" });
	page_put_chart(r, page, "calendar", &svg);
	free(days);
	/* the weekdays that have a mood, Monday first, each to its list */
	wlist = tv_new_list(&r->a);
	for (int k = 0; k < 7; k++) {
		if (!wt[k].count)
			continue;
		wd[nwd].label = weekday_names[k];
		wd[nwd].value = tally_mean(&wt[k]);
		wd[nwd].href = tv_new_strf(&r->a, "#%s", wd_ids[k])->s;
		wd[nwd++].count = wt[k].count;
		tv_push(&r->a, wlist, group_value(r, wd_ids[k],
						  weekday_names[k], &wg[k]));
	}
	tv_put(&r->a, page, "weekday_groups", wlist);
	chart_bars(&svg, wd, nwd, 1, scale, wd_head,
		   "The mean mood of the entries of each weekday, and how "
		   "many there are");
	page_put_chart(r, page, "weekdays", &svg);
	word_bars(r, 0, page, &svg);
	page_put_chart(r, page, "by_tag", &svg);
	word_bars(r, 1, page, &svg);
	page_put_chart(r, page, "by_feeling", &svg);
	rc = write_page(r, "mood.html", "mood", page, NULL, key);
	buf_release(&svg);
	buf_release(&label);
	return rc;
}

/* --- goals --------------------------------------------------------------- */

/* What a goal's lists show of it: title, link, status, figures. */
static struct tv *goal_summary(struct render *r, const char *root,
			       const struct rgoal *g)
{
	struct arena *a = &r->a;
	struct tv *v = tv_new_map(a);

	tv_put_str(a, v, "id", g->g.id);
	tv_put_str(a, v, "title", g->g.title ? g->g.title : g->g.id);
	tv_put_strf(a, v, "href", "%sgoals/%s", root, g->href);
	tv_put_str(a, v, "status", g->g.status);
	tv_put_bool(a, v, "active", !strcmp(g->g.status, "active"));
	tv_put_strf(a, v, "count", "%ld %s", g->p.count,
		    page_plural(g->p.count, "entry", "entries"));
	if (g->p.last)
		tv_put(a, v, "last", local_date(a, g->p.last));
	if (g->p.streak)
		tv_put_strf(a, v, "streak", "%ld %s in a row", g->p.streak,
			    page_plural(g->p.streak, "week", "weeks"));
	if (g->g.has_target)
		tv_put(a, v, "target", local_date(a, g->g.target.t));
	return v;
}

/* The milestones of p in the order they were reached, into order[]. */
static void milestones_by_date(const struct goal_progress *p,
			       int order[NMILESTONES])
{
	for (int k = 0; k < NMILESTONES; k++) {
		int j = k;

		/* insertion: few enough; a tie keeps the order of kinds */
		while (j > 0 && p->milestones[order[j - 1]].when >
		       p->milestones[k].when) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = k;
	}
}

/* The entry of g called id, or NULL. */
static const struct rentry *goal_entry(const struct render *r,
				       const struct rgoal *g, const char *id)
{
	for (size_t j = 0; id && j < g->nr; j++)
		if (!strcmp(r->e[g->entries[j]].h->e.id, id))
			return &r->e[g->entries[j]];
	return NULL;
}

/*
 * The page of the goal g: its dates, topics, figures, the mean of its
 * ratings day by day and its milestones; has_ratings and has_entries
 * say whether those sections have anything to show.
 */
static int goal_page(struct render *r, const struct rgoal *g)
{
	struct buf path = BUF_INIT, svg = BUF_INIT, label = BUF_INIT;
	struct tv *page, *list;
	int order[NMILESTONES], rc;
	struct chart_day *pts = xcalloc(g->p.nratings + 1, sizeof(*pts));
	size_t np;

	page = page_values(r, "../", g->g.title ? g->g.title : g->g.id,
			   "in_goals");
	tv_put(&r->a, page, "goal", goal_summary(r, "../", g));
	if (g->g.has_started)
		tv_put(&r->a, page, "started",
		       local_date(&r->a, g->g.started.t));
	if (g->g.has_achieved)
		tv_put(&r->a, page, "achieved",
		       local_date(&r->a, g->g.achieved.t));
	put_list(r, page, "topics", str_list(r, &g->g.topics));
	if (g->p.first)
		tv_put(&r->a, page, "first",
		       local_date(&r->a, g->p.first));
	tv_put_strf(&r->a, page, "last30", "%ld", g->p.last30);
	tv_put_strf(&r->a, page, "longest", "%ld", g->p.longest);
	if (g->p.mood_early_n)
		tv_put_strf(&r->a, page, "mood_early", "%.1f",
			    g->p.mood_early);
	if (g->p.mood_late_n)
		tv_put_strf(&r->a, page, "mood_late", "%.1f",
			    g->p.mood_late);
	for (size_t k = 0; k < g->p.nratings; k++) {
		const struct rentry *re = goal_entry(r, g,
						     g->p.ratings[k].id);

		/* on its entry's own clock, as its month's page has it */
		pts[k].day = re ? re->day : day_of(g->p.ratings[k].when);
		pts[k].value = g->p.ratings[k].value;
		pts[k].count = 1;
	}
	np = daily_means(pts, g->p.nratings);
	tv_put_bool(&r->a, page, "has_ratings", g->p.nratings > 0);
	tv_put_bool(&r->a, page, "has_entries", g->nr > 0);
	tv_put_strf(&r->a, page, "nratings", "%zu %s", g->p.nratings,
		    page_plural((long)g->p.nratings, "rating", "ratings"));
	buf_reset(&label);
	buf_addf(&label, "%zu %s of this goal, from 1 to %d",
		 g->p.nratings, page_plural((long)g->p.nratings, "rating",
				       "ratings"), RATING_MAX);
	/* reviews come weeks apart: one line through them all */
	chart_timeline_linked(&svg, pts, np, 0, 0, 1, RATING_MAX, "Ratings",
			      label.s, &(struct chart_links){ day_href,
							      "../" });
	free(pts);
	page_put_chart(r, page, "ratings_chart", &svg);
	list = tv_new_list(&r->a);
	milestones_by_date(&g->p, order);
	for (int o = 0; o < NMILESTONES; o++) {
		int k = order[o];
		const struct milestone *m = &g->p.milestones[k];
		struct tv *v;

		if (!m->when)
			continue;
		v = tv_new_map(&r->a);
		tv_put_str(&r->a, v, "name", milestone_names[k]);
		tv_put(&r->a, v, "date", local_date(&r->a, m->when));
		for (size_t j = 0; m->id && j < g->nr; j++)
			if (!strcmp(r->e[g->entries[j]].h->e.id,
				    m->id))
				tv_put_strf(&r->a, v, "href",
					    "../entries/%s",
					    r->e[g->entries[j]].href);
		tv_push(&r->a, list, v);
	}
	put_list(r, page, "milestones", list);
	buf_reset(&path);
	buf_addf(&path, "goals/%s.html", g->file);
	rc = emit(r, path.s, "goal", page,
		  &(struct later){ .goal = g, .list = 1,
				   .idx = g->entries, .n = g->nr,
				   .newest = 1 });
	buf_release(&path);
	buf_release(&svg);
	buf_release(&label);
	return rc;
}

/* A page for each goal, then the list of goals. */
static int goal_pages(struct render *r)
{
	struct tv *page, *list;
	int rc = 0;

	for (size_t i = 0; !rc && i < r->ngoals; i++)
		rc = goal_page(r, &r->goals[i]);
	if (rc)
		return rc;
	page = page_values(r, "../", "Goals", "in_goals");
	list = tv_new_list(&r->a);
	for (size_t i = 0; i < r->ngoals; i++)
		tv_push(&r->a, list, goal_summary(r, "../", &r->goals[i]));
	tv_put(&r->a, page, "goals", list);
	return emit(r, "goals/index.html", "goals", page, NULL);
}

/* --- home ---------------------------------------------------------------- */

/*
 * The home page: the newest entries with their excerpts, the last 90
 * days of mood as a sparkline, the insights in words, the active goals
 * and the entries written on this day in earlier years. Its values are
 * built every run (it shows today) and written only when they changed.
 */
static int home_page(struct render *r)
{
	struct arena *a = &r->a;
	struct tv *page = page_values(r, "", r->ctx->cfg.title
					     ? r->ctx->cfg.title
					     : "My journal", "in_home");
	struct tv *list = tv_new_list(a), *goals = tv_new_list(a);
	struct buf svg = BUF_INIT, label = BUF_INIT, text = BUF_INIT;
	struct strvec said = STRVEC_INIT;
	struct chart_day *days;
	time_t t = (time_t)r->today * DAY_SECONDS;
	struct tm today;
	size_t nd, n = r->ne < LATEST ? r->ne : LATEST;
	double sum = 0;
	long moods = 0;
	int rc = 0;

	for (size_t k = 0; k < n; k++) {
		size_t i = r->ne - 1 - k;
		struct tv *v = entry_summary(r, "", i);

		if ((rc = index_body(r->ctx, r->e[i].h->e.path, &r->md)) < 0)
			goto out;
		markdown_excerpt(r->md.s, r->md.len, &text);
		tv_put_str(a, v, "excerpt", text.s);
		tv_push(a, list, v);
	}
	tv_put(a, page, "latest", list);
	tv_put_strf(a, page, "count", "%zu %s", r->ne_all,
		    page_plural((long)r->ne_all, "entry", "entries"));
	if (r->ne)
		tv_put(a, page, "since", page_short_date(a, &r->e[0].wall));
	days = model_daily_moods(r, r->today - SPARK_DAYS + 1, &nd);
	for (size_t k = 0; k < nd; k++) {
		sum += days[k].value * days[k].count;
		moods += days[k].count;
	}
	if (moods)
		buf_addf(&label, "Mood over the last %d days: %ld %s, mean "
			 "%.1f of %d", SPARK_DAYS, moods,
			 page_plural(moods, "entry", "entries"), sum / moods,
			 r->ctx->cfg.mood_scale);
	else
		buf_addf(&label, "No moods in the last %d days", SPARK_DAYS);
	chart_sparkline(&svg, days, nd, r->today - SPARK_DAYS + 1, SPARK_DAYS,
			1, r->ctx->cfg.mood_scale, "Mood, the last 90 days",
			label.s);
	free(days);
	page_put_chart(r, page, "sparkline", &svg);
	tv_put_str(a, page, "spark_text", label.s);
	model_insights(r, &said);
	put_list(r, page, "insights", str_list(r, &said));
	strvec_clear(&said);
	for (size_t i = 0; i < r->ngoals; i++)
		if (!strcmp(r->goals[i].g.status, "active"))
			tv_push(a, goals, goal_summary(r, "", &r->goals[i]));
	tv_put(a, page, "goals", goals);
	/* on this day, in earlier years, newest first */
	gmtime_r(&t, &today);
	list = tv_new_list(a);
	for (size_t k = r->ne; k-- > 0;) {
		const struct tm *w = &r->e[k].wall;
		struct tv *v;
		int years = today.tm_year - w->tm_year;

		if (w->tm_mon != today.tm_mon || w->tm_mday != today.tm_mday ||
		    years <= 0)
			continue;
		v = entry_summary(r, "", k);
		tv_put_strf(a, v, "ago", "%d %s ago", years,
			    page_plural(years, "year", "years"));
		tv_push(a, list, v);
	}
	tv_put_bool(a, page, "has_on_this_day", list->nr > 0);
	tv_put(a, page, "on_this_day", list);
	tv_put(a, page, "today", page_day_date(a, r->today));
	rc = emit(r, "index.html", "index", page, NULL);
out:
	arena_clear(&r->a);
	buf_release(&svg);
	buf_release(&label);
	buf_release(&text);
	return rc;
}

/* The style sheet, as a page of its own. */
static int style_page(struct render *r, const struct buf *css)
{
	uint64_t key = hash_add(model_page_key(r, "style.css"), css->s, css->len);

	if (kept(r, "style.css", key))
		return 0;
	return site_write(r->site, "style.css", key, css->s, css->len);
}

int pages_write(struct render *r, const struct buf *css)
{
	int rc;

	/* a page for each entry, month, tag's page and goal, and six more */
	r->total = r->ne + r->nmonths + r->ngoals + 6;
	for (size_t i = 0; i < r->ntags; i++)
		r->total += tag_page_count(&r->tags[i]);
	progress_start(&r->meter, r->ctx, "rendering", "pages");
	if ((rc = style_page(r, css)) < 0 || (rc = entry_pages(r)) < 0 ||
	    (rc = archive_pages(r)) < 0 || (rc = tag_pages(r)) < 0 ||
	    (rc = goal_pages(r)) < 0 || (rc = mood_page(r)) < 0)
		return rc;
	return home_page(r);
}

/* Mark in seen[] the item at ptr in items of size each; 1 if new. */
static int mark(char *seen, const void *items, const void *ptr, size_t size)
{
	size_t i = (size_t)((const char *)ptr - (const char *)items) / size;

	if (seen[i])
		return 0;
	seen[i] = 1;
	return 1;
}

/* The months before and after m in the site (r->shape), into prev, next. */
static void shape_months(const struct render *r, const struct rmonth *m,
			 const char **prev, const char **next)
{
	const struct strvec *months = &r->shape->months;
	long i = model_shape_month(r->shape, m->year, m->mon);

	*prev = i > 0 ? months->v[i - 1] : NULL;
	*next = i >= 0 && (size_t)i + 1 < months->nr ? months->v[i + 1]
						      : NULL;
}

int pages_write_touched(struct render *r)
{
	char *entries = xcalloc(r->ne + 1, 1);
	char *months = xcalloc(r->nmonths + 1, 1);
	char *goals = xcalloc(r->ngoals + 1, 1);
	int rc = 0, home = 0;

	/* what the changed entries touch (see internal.h), then make it */
	for (size_t i = 0; i < r->ne; i++) {
		const struct entry *e = &r->e[i].h->e;

		if (!r->e[i].touched)
			continue;
		home = 1;
		for (size_t j = i ? i - 1 : 0; j <= i + 1 && j < r->ne; j++)
			r->total += mark(entries, r->e, &r->e[j],
					 sizeof(*r->e));
		for (size_t k = 0; k < r->nmonths; k++)
			if (r->months[k].year == r->e[i].wall.tm_year + 1900 &&
			    r->months[k].mon == r->e[i].wall.tm_mon + 1)
				r->total += mark(months, r->months,
						 &r->months[k],
						 sizeof(*r->months));
		for (size_t k = 0; k < e->goals.nr; k++) {
			const struct rgoal *g = model_find_goal(r,
								e->goals.v[k]);

			if (g)
				r->total += mark(goals, r->goals, g,
						 sizeof(*r->goals));
		}
	}
	/* the pages of their tags that list them (model.c) */
	for (size_t i = 0; i < r->ntags; i++)
		r->total += r->tags[i].nslices;
	r->total += (size_t)home;
	progress_start(&r->meter, r->ctx, "rendering", "pages");
	for (size_t i = 0; !rc && i < r->ne; i++)
		if (entries[i])
			rc = entry_page(r, i);
	for (size_t i = 0; !rc && i < r->nmonths; i++) {
		const char *prev, *next;

		if (!months[i])
			continue;
		shape_months(r, &r->months[i], &prev, &next);
		rc = month_page(r, &r->months[i], prev, next);
	}
	for (size_t i = 0; !rc && i < r->ntags; i++)
		for (size_t k = 0; !rc && k < r->tags[i].nslices; k++) {
			const struct rslice *sl = &r->tags[i].slices[k];

			rc = tag_page(r, &r->tags[i], sl->page, sl->at, sl->n);
		}
	for (size_t i = 0; !rc && i < r->ngoals; i++)
		if (goals[i])
			rc = goal_page(r, &r->goals[i]);
	if (!rc && home)
		rc = home_page(r);
	free(entries);
	free(months);
	free(goals);
	return rc;
}
