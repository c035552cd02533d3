/*
 * The HTML journal (see render.h). The site is gathered once from the
 * index (every entry's front matter, newest and oldest), the goal files
 * and the templates; then each page is described as template values,
 * and its key (a hash of those values, the templates and, for an entry,
 * its file) is compared with the key the page was last made with. Only
 * a page whose key changed is rendered and written, so Markdown is run
 * only for the entries whose pages are written.
 */
#include "render.h"
#include "builtin.h"
#include "chart.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "goal.h"
#include "html.h"
#include "index.h"
#include "goals.h"
#include "sink.h"
#include "site.h"
#include "slug.h"
#include "stats.h"
#include "template.h"
#include "util.h"
#include "version.h"

#include <cmark.h>
#include <errno.h>

/* cmark leaves raw HTML and unsafe links out by default since 0.29 */
#if CMARK_VERSION < 0x001d00
#error "tend needs cmark 0.29 or later, whose output is safe by default"
#endif
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LATEST 10		/* entries on the home page */
#define SPARK_DAYS 90		/* days of the home page's sparkline */
#define EXCERPT_BYTES 240
#define MAX_GROUPS 30		/* tags and feelings on the mood page */
#define TEMPLATE_MAX (1024 * 1024)
#define PAGE_NAME_MAX 200	/* bytes of a page's name, before ".html" */

/* The page templates, compiled before any page is written. */
static const char *const page_templates[] = {
	"index", "entry", "archive", "month", "tags", "tag", "goals", "goal",
	"mood", NULL
};

static const char *const weekday_names[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday"
};

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* An entry as the site shows it. */
struct rentry {
	const struct hit *h;
	char *name;		/* its page's file name in entries/ */
	char *href;		/* name escaped for a URL */
	long day;		/* the day on its own clock */
	struct tm wall;		/* its own clock */
	uint64_t key;		/* a hash of what lists show of it */
};

/* A tag (all its spellings in any case) and its entries. */
struct rtag {
	char *key;		/* folded */
	char *name;		/* the spelling used most */
	char *href;		/* its page in tags/, escaped */
	char *file;		/* its page's file name in tags/ */
	size_t *entries;	/* indexes in r->e, oldest first */
	size_t nr, alloc;
};

/* A goal that has a file, its progress and its entries. */
struct rgoal {
	struct goal g;
	struct goal_progress p;
	char *file, *href;	/* its page in goals/ */
	size_t *entries;	/* indexes in r->e, oldest first */
	size_t nr, alloc;
};

/* A month with entries. */
struct rmonth {
	int year, mon;		/* mon 1..12 */
	size_t *entries;	/* indexes in r->e, oldest first */
	size_t nr, alloc;
};

struct render {
	struct ctx *ctx;
	int include_private;
	int links;		/* pages link to each other (not in export) */
	const struct redactions *names;	/* export: names to redact */
	long today;
	struct hits hits;	/* oldest first */
	struct rentry *e;
	size_t ne;
	struct rtag *tags;	/* sorted by key */
	size_t ntags;
	struct rgoal *goals;	/* sorted by ID */
	size_t ngoals;
	struct rmonth *months;	/* oldest first */
	size_t nmonths;
	struct tmpl_set *tmpl;
	struct strvec *overrides;
	uint64_t site_key;	/* the templates, settings and version */
	struct arena a;
	struct buf out, md;
	struct site *site;	/* NULL: pages are not written */
	long done, total;	/* pages, for progress */
};

time_t render_now(const struct ctx *ctx)
{
	const char *v = getenv("SOURCE_DATE_EPOCH");
	long n;

	if (v && !parse_whole(v, 253402300799L, &n))
		return (time_t)n;
	return ctx->now;
}

/* --- templates --------------------------------------------------------- */

/* Is name a template name: lowercase words, a '.' only before "css"? */
static int template_name_ok(const char *name)
{
	char *dot = strchr(name, '.');
	char *base = dot ? xstrndup(name, (size_t)(dot - name)) : NULL;
	int ok = slug_valid(base ? base : name) && (!dot ||
						     !strcmp(dot, ".css"));

	free(base);
	return ok;
}

/*
 * The loader of the template set: templates/html/NAME.html of the
 * journal, else the built-in one. Every text loaded goes into the site
 * key, and every one of the journal's into r->overrides.
 */
static int load_template(void *data, const char *name, struct buf *text,
			 struct buf *source)
{
	struct render *r = data;
	struct buf rel = BUF_INIT;
	const struct builtin_file *f;
	int rc = 1;

	buf_reset(text);
	buf_reset(source);
	if (!template_name_ok(name))
		goto out;
	buf_addf(&rel, "templates/html/%s%s", name,
		 strchr(name, '.') ? "" : ".html");
	rc = fs_read_in(r->ctx->root, rel.s, TEMPLATE_MAX, text,
			FS_MISSING_OK);
	if (rc < 0)
		goto out;
	if (!rc && text->len > TEMPLATE_MAX) {
		rc = error_at(rel.s, 1, 1, "a template is at most %d bytes",
			      TEMPLATE_MAX);
		goto out;
	}
	if (!rc) {
		buf_adds(source, rel.s);
		if (r->overrides)
			strvec_push_unique(r->overrides, rel.s);
	} else if ((f = builtin_find(rel.s + strlen("templates/")))) {
		buf_add(text, f->data, f->len);
		buf_addf(source, "(built-in) %s", f->name);
		rc = 0;
	}
	if (!rc) {
		r->site_key = hash_add(r->site_key, name, strlen(name) + 1);
		r->site_key = hash_add(r->site_key, text->s, text->len + 1);
	}
out:
	buf_release(&rel);
	return rc;
}

/* The stylesheet: the journal's templates/html/style.css or ours. */
static int load_css(struct render *r, struct buf *css)
{
	struct buf source = BUF_INIT;
	int rc = load_template(r, "style.css", css, &source);

	buf_release(&source);
	return rc > 0 ? error("there is no style.css") : rc;
}

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
static struct tv *short_date(struct arena *a, const struct tm *tm)
{
	return tv_new_strf(a, "%d %.3s %d", tm->tm_mday,
			   month_names[tm->tm_mon], tm->tm_year + 1900);
}

/* "22 Nov 2026" of the local day of t. */
static struct tv *local_date(struct arena *a, time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return short_date(a, &tm);
}

/* "22 Nov 2026" of a day number. */
static struct tv *day_date(struct arena *a, long day)
{
	time_t t = (time_t)day * DAY_SECONDS;
	struct tm tm;

	gmtime_r(&t, &tm);
	return short_date(a, &tm);
}

static const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/*
 * What the user wrote, as it may leave the terminal: redacted when the
 * export asks for it (a copy in the arena), else s itself.
 */
static const char *say(struct render *r, const char *s)
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

/* --- Markdown -------------------------------------------------------------- */

/* The HTML of Markdown text, through cmark in its safe mode, into out. */
static void markdown_html(const char *md, size_t len, struct buf *out)
{
	char *html = cmark_markdown_to_html(md, len, CMARK_OPT_DEFAULT |
					    CMARK_OPT_VALIDATE_UTF8);

	buf_reset(out);
	buf_adds(out, html);
	free(html);
}

/*
 * The start of the body as plain text, for lists: the words of its
 * paragraphs and lists (not its headings), at most EXCERPT_BYTES, cut at
 * a word, with "…" when there is more.
 */
static void excerpt(const char *md, size_t len, struct buf *out)
{
	cmark_node *doc = cmark_parse_document(md, len,
					       CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int in_heading = 0, more = 0;

	buf_reset(out);
	while (!more && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		const char *lit;

		if (type == CMARK_NODE_HEADING) {
			in_heading = ev == CMARK_EVENT_ENTER;
			continue;
		}
		if (in_heading || ev != CMARK_EVENT_ENTER)
			continue;
		if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
			lit = cmark_node_get_literal(n);
			buf_adds(out, lit ? lit : "");
		} else if (type == CMARK_NODE_ITEM && out->len &&
			   cmark_node_previous(n)) {
			/* the items of a list, one after another */
			while (out->len && out->s[out->len - 1] == ' ')
				buf_setlen(out, out->len - 1);
			buf_adds(out, "; ");
		} else if (type == CMARK_NODE_SOFTBREAK ||
			   type == CMARK_NODE_LINEBREAK ||
			   type == CMARK_NODE_PARAGRAPH ||
			   type == CMARK_NODE_ITEM) {
			if (out->len && out->s[out->len - 1] != ' ')
				buf_addch(out, ' ');
		}
		more = out->len > EXCERPT_BYTES;
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	while (out->len && out->s[out->len - 1] == ' ')
		buf_setlen(out, out->len - 1);
	if (out->len > EXCERPT_BYTES) {
		size_t cut = utf8_prefix(out->s, EXCERPT_BYTES);

		while (cut > EXCERPT_BYTES / 2 && out->s[cut] != ' ')
			cut--;
		while (cut && (unsigned char)out->s[cut] >= 0x80 &&
		       ((unsigned char)out->s[cut] & 0xc0) == 0x80)
			cut--;
		buf_setlen(out, cut);
		buf_adds(out, "…");
	}
}

/* --- gathering --------------------------------------------------------- */

static int cmp_tag_key(const void *a, const void *b)
{
	return strcmp(((const struct rtag *)a)->key,
		      ((const struct rtag *)b)->key);
}

static int cmp_goal_id(const void *a, const void *b)
{
	return strcmp(((const struct rgoal *)a)->g.id,
		      ((const struct rgoal *)b)->g.id);
}

/* The tag whose folded form is key, or NULL. */
static struct rtag *find_tag(const struct render *r, const char *key)
{
	struct rtag k = { .key = (char *)key };

	return r->ntags ? bsearch(&k, r->tags, r->ntags, sizeof(k),
				  cmp_tag_key) : NULL;
}

/* The goal with a file called id, or NULL. */
static struct rgoal *find_goal(const struct render *r, const char *id)
{
	struct rgoal k;

	k.g.id = (char *)id;
	return r->ngoals ? bsearch(&k, r->goals, r->ngoals, sizeof(k),
				   cmp_goal_id) : NULL;
}

/* A name of a page, and the item it names, for unique_names(). */
struct name_ref {
	const char *s;
	size_t i;
};

static int cmp_name_ref(const void *a, const void *b)
{
	const struct name_ref *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Is s one of refs[0..n) (sorted)? */
static int name_taken(const struct name_ref *refs, size_t n, const char *s)
{
	struct name_ref k = { s, 0 };
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_name_ref(&refs[mid], &k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(refs[lo].s, s);
}

/*
 * Put into out a file name made of name: control characters, '/' and
 * '\\' and bytes that are not UTF-8 become '-', a '-' goes before a
 * leading '.' or an empty name, and it is cut (at a character) to
 * PAGE_NAME_MAX bytes, leaving room for ".html" and a "-N".
 */
static void safe_name(const char *name, struct buf *out)
{
	size_t len = strlen(name), i = 0;

	buf_reset(out);
	if (!*name || *name == '.')
		buf_addch(out, '-');
	while (i < len && out->len < PAGE_NAME_MAX) {
		unsigned char c = (unsigned char)name[i];
		size_t ok = c >= 0x80 ? utf8_prefix(name + i, len - i) : 1;
		size_t one = 1;

		if (c >= 0x80 && ok) {
			/* one whole character, as long as its first byte says */
			one = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			if (out->len + one > PAGE_NAME_MAX)
				break;
			buf_add(out, name + i, one);
		} else {
			buf_addch(out, c < 0x20 || c == 0x7f || c == '/' ||
				  c == '\\' || c >= 0x80 ? '-' : c);
		}
		i += one;
	}
}

/*
 * Make names[0..n) (each allocated) the names of pages in one folder:
 * each made safe for a file name (safe_name()), and unique there: a
 * name that an earlier item has, or "index", gets -2, -3, ... (the
 * first not taken). Sorts once, so it stays quick for every entry of a
 * large journal.
 */
static void unique_names(char **names, size_t n)
{
	struct name_ref *refs = xcalloc(n + 1, sizeof(*refs));
	struct strvec made = STRVEC_INIT;
	struct buf try = BUF_INIT;
	char **orig = xcalloc(n + 1, sizeof(*orig));

	for (size_t i = 0; i < n; i++) {
		safe_name(names[i], &try);
		free(names[i]);
		names[i] = buf_detach(&try, NULL);
		orig[i] = names[i];
		refs[i].s = names[i];
		refs[i].i = i;
	}
	if (n)
		qsort(refs, n, sizeof(*refs), cmp_name_ref);
	for (size_t k = 0; k < n; k++) {
		const char *base = refs[k].s;
		int first = !k || strcmp(refs[k - 1].s, base);

		if (first && strcmp(base, "index"))
			continue;
		for (int suffix = 2;; suffix++) {
			buf_reset(&try);
			buf_addf(&try, "%s-%d", base, suffix);
			if (!name_taken(refs, n, try.s) &&
			    strvec_find(&made, try.s) < 0)
				break;
		}
		strvec_push(&made, try.s);
		names[refs[k].i] = buf_detach(&try, NULL);
	}
	/* the names that were replaced: refs pointed at them until now */
	for (size_t i = 0; i < n; i++)
		if (orig[i] != names[i])
			free(orig[i]);
	free(orig);
	free(refs);
	strvec_clear(&made);
	buf_release(&try);
}

/* The escaped href of a page name: "NAME.html". */
static char *page_href(const char *name)
{
	struct buf b = BUF_INIT;

	url_escape_segment(&b, name);
	buf_adds(&b, ".html");
	return buf_detach(&b, NULL);
}

/* The month of an entry on its own clock, as a number: 2026 * 12 + 10. */
static long month_of(const struct rentry *re)
{
	return (re->wall.tm_year + 1900L) * 12 + re->wall.tm_mon;
}

/* An entry and its month, for sorting entries into months. */
struct month_ref {
	long month;
	size_t i;
};

/* By month, then by the entry's place in time (so the sort is stable). */
static int cmp_month_ref(const void *a, const void *b)
{
	const struct month_ref *x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/*
 * The months with entries, oldest first, each with its entries in time
 * order. Entries are in the order of their instants, and a month is of
 * their own clocks, which travel: two months can take turns, so each
 * entry is put in its month by a sort, not by where it comes.
 */
static void gather_months(struct render *r)
{
	struct month_ref *order = xcalloc(r->ne + 1, sizeof(*order));
	size_t alloc = 0;

	for (size_t i = 0; i < r->ne; i++) {
		order[i].month = month_of(&r->e[i]);
		order[i].i = i;
	}
	if (r->ne)
		qsort(order, r->ne, sizeof(*order), cmp_month_ref);
	for (size_t i = 0; i < r->ne; i++) {
		const struct rentry *re = &r->e[order[i].i];
		struct rmonth *m = r->nmonths ? &r->months[r->nmonths - 1]
					      : NULL;

		if (!m || m->year * 12L + m->mon - 1 != order[i].month) {
			ALLOC_GROW(r->months, r->nmonths + 1, alloc);
			m = &r->months[r->nmonths++];
			memset(m, 0, sizeof(*m));
			m->year = re->wall.tm_year + 1900;
			m->mon = re->wall.tm_mon + 1;
		}
		ALLOC_GROW(m->entries, m->nr + 1, m->alloc);
		m->entries[m->nr++] = order[i].i;
	}
	free(order);
}

/* The entry of h on its own clock (its day and wall time) into re. */
static void entry_clock(struct rentry *re, const struct hit *h)
{
	time_t wall = h->e.date.t + (time_t)h->e.date.offset * 60;

	re->h = h;
	re->day = day_of_wall((long long)wall);
	gmtime_r(&wall, &re->wall);
}

/* The entries, their page names, days and months. */
static void gather_entries(struct render *r)
{
	char **names = xcalloc(r->hits.nr + 1, sizeof(*names));

	r->e = xcalloc(r->hits.nr + 1, sizeof(*r->e));
	r->ne = r->hits.nr;
	for (size_t i = 0; i < r->ne; i++)
		names[i] = xstrdup(r->hits.v[i].e.id);
	unique_names(names, r->ne);
	for (size_t i = 0; i < r->ne; i++) {
		struct rentry *re = &r->e[i];

		entry_clock(re, &r->hits.v[i]);
		re->name = names[i];
		re->href = page_href(re->name);
	}
	free(names);
	gather_months(r);
}

/*
 * The file name of a tag's page, from its folded form: ASCII letters,
 * digits, '-' and '_' and every letter beyond ASCII kept, any other
 * byte a '-' (runs folded, none at the ends), "tag" when nothing is left.
 */
static void tag_base(const char *key, struct buf *out)
{
	buf_reset(out);
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		int keep = *p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
			   (*p >= '0' && *p <= '9') || *p == '_';

		if (keep)
			buf_addch(out, *p);
		else if (out->len && out->s[out->len - 1] != '-')
			buf_addch(out, '-');
	}
	while (out->len && out->s[out->len - 1] == '-')
		buf_setlen(out, out->len - 1);
	if (!out->len)
		buf_adds(out, "tag");
}

/* One tag use: the folded tag, its spelling, the entry. */
struct tag_use {
	char *key;
	const char *name;
	size_t entry;
};

static int cmp_tag_use(const void *a, const void *b)
{
	const struct tag_use *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

/* The tags, each with its entries and its most used spelling. */
static void gather_tags(struct render *r)
{
	struct tag_use *uses = NULL;
	size_t nuses = 0, alloc = 0, ntags_alloc = 0;
	struct buf base = BUF_INIT;
	char **files;

	for (size_t i = 0; i < r->ne; i++) {
		const struct strvec *tags = &r->e[i].h->e.tags;

		for (size_t k = 0; k < tags->nr; k++) {
			ALLOC_GROW(uses, nuses + 1, alloc);
			uses[nuses].key = utf8_fold(tags->v[k]);
			uses[nuses].name = tags->v[k];
			uses[nuses++].entry = i;
		}
	}
	if (nuses)
		qsort(uses, nuses, sizeof(*uses), cmp_tag_use);
	for (size_t i = 0; i < nuses;) {
		struct rtag *t;
		size_t j = i, best = i, best_n = 0;

		ALLOC_GROW(r->tags, r->ntags + 1, ntags_alloc);
		t = &r->tags[r->ntags++];
		memset(t, 0, sizeof(*t));
		t->key = xstrdup(uses[i].key);
		while (j < nuses && !strcmp(uses[j].key, t->key)) {
			size_t k = j, n = 0;

			while (k < nuses && !strcmp(uses[k].key, t->key) &&
			       !strcmp(uses[k].name, uses[j].name)) {
				k++;
				n++;
			}
			if (n > best_n) {
				best = j;
				best_n = n;
			}
			j = k;
		}
		t->name = xstrdup(uses[best].name);
		for (size_t k = i; k < j; k++) {
			ALLOC_GROW(t->entries, t->nr + 1, t->alloc);
			t->entries[t->nr++] = uses[k].entry;
		}
		/* one entry may spell it two ways: once, in time order */
		for (size_t a = 1; a < t->nr; a++)
			for (size_t b = a; b > 0 && t->entries[b - 1] >
			     t->entries[b]; b--) {
				size_t tmp = t->entries[b];

				t->entries[b] = t->entries[b - 1];
				t->entries[b - 1] = tmp;
			}
		for (size_t a = 1, w = 1; a <= t->nr; a++) {
			if (a == t->nr) {
				t->nr = w;
				break;
			}
			if (t->entries[a] != t->entries[w - 1])
				t->entries[w++] = t->entries[a];
		}
		tag_base(t->key, &base);
		t->file = xstrdup(base.s);
		i = j;
	}
	files = xcalloc(r->ntags + 1, sizeof(*files));
	for (size_t i = 0; i < r->ntags; i++)
		files[i] = r->tags[i].file;
	unique_names(files, r->ntags);
	for (size_t i = 0; i < r->ntags; i++) {
		r->tags[i].file = files[i];
		r->tags[i].href = page_href(files[i]);
	}
	free(files);
	for (size_t i = 0; i < nuses; i++)
		free(uses[i].key);
	free(uses);
	buf_release(&base);
}

/* The goals that have a readable file, with their progress. */
static int gather_goals(struct render *r)
{
	struct strvec ids = STRVEC_INIT;
	char **files;
	int rc = 0;

	goals_ids(r->ctx, &ids);
	r->goals = xcalloc(ids.nr + 1, sizeof(*r->goals));
	for (size_t i = 0; i < ids.nr; i++) {
		struct rgoal *rg = &r->goals[r->ngoals];

		goal_init(&rg->g);
		if (goals_peek(r->ctx, ids.v[i], &rg->g) < 0) {
			warning("goals/%s.md cannot be read; 'tend check' "
				"tells why", ids.v[i]);
			continue;
		}
		/* the site shows how goals go; an export only their titles */
		if (r->links && (rc = goals_progress(r->ctx, &rg->g,
						  r->include_private,
						  &rg->p)) < 0) {
			goal_release(&rg->g);
			break;
		}
		r->ngoals++;
	}
	strvec_clear(&ids);
	if (rc < 0)
		return rc;
	qsort(r->goals, r->ngoals, sizeof(*r->goals), cmp_goal_id);
	files = xcalloc(r->ngoals + 1, sizeof(*files));
	for (size_t i = 0; i < r->ngoals; i++)
		files[i] = xstrdup(r->goals[i].g.id);
	unique_names(files, r->ngoals);
	for (size_t i = 0; i < r->ngoals; i++) {
		r->goals[i].file = files[i];
		r->goals[i].href = page_href(files[i]);
	}
	free(files);
	for (size_t i = 0; i < r->ne; i++) {
		const struct strvec *goals = &r->e[i].h->e.goals;

		for (size_t k = 0; k < goals->nr; k++) {
			struct rgoal *g = find_goal(r, goals->v[k]);

			if (!g || (g->nr && g->entries[g->nr - 1] == i))
				continue;
			ALLOC_GROW(g->entries, g->nr + 1, g->alloc);
			g->entries[g->nr++] = i;
		}
	}
	return 0;
}

static void render_release(struct render *r)
{
	for (size_t i = 0; i < r->ne; i++) {
		free(r->e[i].name);
		free(r->e[i].href);
	}
	free(r->e);
	for (size_t i = 0; i < r->ntags; i++) {
		free(r->tags[i].key);
		free(r->tags[i].name);
		free(r->tags[i].href);
		free(r->tags[i].file);
		free(r->tags[i].entries);
	}
	free(r->tags);
	for (size_t i = 0; i < r->ngoals; i++) {
		goal_release(&r->goals[i].g);
		goals_progress_release(&r->goals[i].p);
		free(r->goals[i].file);
		free(r->goals[i].href);
		free(r->goals[i].entries);
	}
	free(r->goals);
	for (size_t i = 0; i < r->nmonths; i++)
		free(r->months[i].entries);
	free(r->months);
	hits_clear(&r->hits);
	tmpl_set_free(r->tmpl);
	arena_release(&r->a);
	buf_release(&r->out);
	buf_release(&r->md);
}

/* --- values of pages --------------------------------------------------- */

/*
 * The values every page has: the site's title, the way back to the top
 * ("" or "../"), the page's title and which part of the site it is in.
 */
static struct tv *page_values(struct render *r, const char *root,
			      const char *title, const char *section)
{
	struct arena *a = &r->a;
	struct tv *page = tv_new_map(a), *site = tv_new_map(a);
	const char *journal = r->ctx->cfg.title ? r->ctx->cfg.title
						: "My journal";

	tv_put_str(a, site, "title", say(r, journal));
	tv_put_str(a, site, "root", root);
	tv_put_strf(a, site, "scale", "%d", r->ctx->cfg.mood_scale);
	tv_put_bool(a, site, "private", r->include_private);
	tv_put(a, page, "site", site);
	tv_put_str(a, page, "title", title);
	tv_put_bool(a, page, section, 1);
	return page;
}

/* The link of a tag of an entry, for a page at root. */
static struct tv *tag_value(struct render *r, const char *root,
			    const char *tag)
{
	char *key = utf8_fold(tag);
	const struct rtag *t = find_tag(r, key);
	struct tv *v = tv_new_map(&r->a);

	tv_put_str(&r->a, v, "name", say(r, tag));
	if (t && r->links)
		tv_put_strf(&r->a, v, "href", "%stags/%s", root, t->href);
	free(key);
	return v;
}

/* A goal an entry names: its title and link when it has a file. */
static struct tv *goal_value(struct render *r, const char *root,
			     const char *id)
{
	const struct rgoal *g = find_goal(r, id);
	struct tv *v = tv_new_map(&r->a);

	tv_put_str(&r->a, v, "id", id);
	tv_put_str(&r->a, v, "title", say(r, g && g->g.title ? g->g.title
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
		tv_push(&r->a, l, tv_new_str(&r->a, say(r, sv->v[i])));
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
	const struct rentry *re = &r->e[i];
	const struct entry *e = &re->h->e;
	struct tv *v = tv_new_map(a), *tags = tv_new_list(a);
	struct buf iso = BUF_INIT;

	tv_put_str(a, v, "title", e->title ? e->title : e->id);
	tv_put_strf(a, v, "href", "%sentries/%s", root, re->href);
	tv_put(a, v, "date", short_date(a, &re->wall));
	datetime_format(&e->date, &iso);
	tv_put_str(a, v, "datetime", iso.s);
	buf_release(&iso);
	if (e->mood)
		tv_put_strf(a, v, "mood", "%d", e->mood);
	for (size_t k = 0; k < e->tags.nr; k++)
		tv_push(a, tags, tag_value(r, root, e->tags.v[k]));
	put_list(r, v, "tags", tags);
	tv_put_strf(a, v, "words", "%zu", e->words);
	tv_put_bool(a, v, "share", e->share);
	tv_put_bool(a, v, "private", e->private);
	return v;
}

/* The summaries of the entries r->e[idx[0..n)], newest first when
 * newest is set. */
static struct tv *entry_list(struct render *r, const char *root,
			     const size_t *idx, size_t n, int newest)
{
	struct tv *l = tv_new_list(&r->a);

	for (size_t k = 0; k < n; k++)
		tv_push(&r->a, l, entry_summary(r, root,
						idx[newest ? n - 1 - k : k]));
	return l;
}

/* --- writing pages ------------------------------------------------------- */

static void show_progress(struct render *r)
{
	r->done++;
	if (!r->ctx->err_tty || r->total < 200)
		return;
	if (r->done % 100 == 0 || r->done == r->total)
		fprintf(stderr, "\rtend: rendering page %ld of %ld", r->done,
			r->total);
	if (r->done == r->total)
		fputs("\r\033[K", stderr);
}

/*
 * One more page done: is it on disk as key makes it, and so kept? Each
 * page of the site asks once, which counts it for the progress.
 */
static int kept(struct render *r, const char *path, uint64_t key)
{
	show_progress(r);
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
	if (l->list)
		h = hash_add(h, &l->newest, sizeof(l->newest));
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
		markdown_html(r->md.s, r->md.len, &html);
		tv_put_html(&r->a, page, "body", html.s, html.len);
	}
	if (l->goal) {
		const struct goal *g = &l->goal->g;

		markdown_html(g->text.s + g->fm.body_off,
			      g->text.len - g->fm.body_off, &html);
		tv_put_html(&r->a, page, "body", html.s, html.len);
	}
	if (l->list)
		tv_put(&r->a, page, "entries", entry_list(r, "../", l->idx,
							 l->n, l->newest));
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

/* The start of every page's key: the site's, and the page's path. */
static uint64_t page_key(const struct render *r, const char *path)
{
	return hash_add(r->site_key, path, strlen(path) + 1);
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
	uint64_t key = tv_hash(page_key(r, path), page);

	if (l)
		key = later_key(r, l, key);
	if (kept(r, path, key)) {
		arena_clear(&r->a);
		return 0;
	}
	return write_page(r, path, tmpl, page, l, key);
}

/* Fold the string s (NULL too) into h, with its end. */
static uint64_t hash_str(uint64_t h, const char *s)
{
	return s ? hash_add(h, s, strlen(s) + 1) : hash_add(h, "\1", 1);
}

/* Fold the number n into h. */
static uint64_t hash_num(uint64_t h, long long n)
{
	return hash_add(h, &n, sizeof(n));
}

/* Fold the strings of sv into h. */
static uint64_t hash_strvec(uint64_t h, const struct strvec *sv)
{
	h = hash_num(h, (long long)sv->nr);
	for (size_t i = 0; i < sv->nr; i++)
		h = hash_str(h, sv->v[i]);
	return h;
}

/*
 * What a link to an entry shows of it (its title, its page, its day),
 * folded into h.
 */
static uint64_t link_input(const struct rentry *re, uint64_t h)
{
	const struct entry *e = &re->h->e;

	h = hash_str(h, e->title ? e->title : e->id);
	h = hash_str(h, re->name);
	h = hash_num(h, (long long)e->date.t);
	return hash_num(h, e->date.offset);
}

/*
 * Every field of an entry but its body, folded into h: what its values
 * are made from, as the index read them (the date may come from git).
 */
static uint64_t fields_input(const struct rentry *re, uint64_t h)
{
	const struct entry *e = &re->h->e;

	h = link_input(re, h);
	h = hash_str(h, e->id);
	h = hash_str(h, e->path);
	h = hash_num(h, e->mood);
	h = hash_strvec(h, &e->feelings);
	h = hash_strvec(h, &e->goals);
	h = hash_strvec(h, &e->tags);
	h = hash_strvec(h, &e->ratings);
	h = hash_str(h, e->prompt);
	h = hash_num(h, e->share);
	h = hash_num(h, e->private);
	return hash_num(h, (long long)e->words);
}

/* Fold the page of each of the entry's tags into h (their links). */
static uint64_t tags_input(const struct render *r, const struct entry *e,
			   uint64_t h)
{
	for (size_t k = 0; k < e->tags.nr; k++) {
		char *key = utf8_fold(e->tags.v[k]);
		const struct rtag *t = find_tag(r, key);

		h = hash_add(h, t ? t->file : "", t ? strlen(t->file) + 1 : 1);
		free(key);
	}
	return h;
}

/* Fold what is shown of a goal an entry names into h. */
static uint64_t goal_input(const struct render *r, const char *id,
			   uint64_t h)
{
	const struct rgoal *g = find_goal(r, id);

	if (!g)
		return hash_add(h, "", 1);
	h = hash_add(h, g->file, strlen(g->file) + 1);
	return hash_add(h, g->g.title ? g->g.title : "",
			g->g.title ? strlen(g->g.title) + 1 : 1);
}

/* Put the neighbour of an entry: its title and link. */
static void put_neighbour(struct render *r, struct tv *page, const char *key,
			  size_t i)
{
	struct tv *v = tv_new_map(&r->a);
	const struct entry *e = &r->e[i].h->e;

	tv_put_str(&r->a, v, "title", e->title ? e->title : e->id);
	tv_put_str(&r->a, v, "href", r->e[i].href);
	tv_put(&r->a, v, "date", short_date(&r->a, &r->e[i].wall));
	tv_put(&r->a, page, key, v);
}

/*
 * The values of an entry's own page (all but its body): re, the entry
 * r->e[i] (or, in an export, one of its entries, which has no links).
 */
static void entry_values(struct render *r, struct tv *page,
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
		tv_push(a, list, tag_value(r, "../", e->tags.v[k]));
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
	tv_put_str(a, page, "prompt", say(r, e->prompt));
	tv_put_bool(a, page, "share", e->share);
	tv_put_bool(a, page, "private", e->private);
	tv_put_strf(a, page, "words", "%zu", e->words);
	tv_put_str(a, page, "id", say(r, e->id));
	tv_put_str(a, page, "path", say(r, e->path));
	if (i > 0 && r->links)
		put_neighbour(r, page, "prev", i - 1);
	if (i + 1 < r->ne && r->links)
		put_neighbour(r, page, "next", i + 1);
	tv_put_bool(a, page, "has_neighbours", r->links && r->ne > 1);
}

/*
 * The key of an entry's page, from what its values are made of (so that
 * a page that is kept costs no values): the entry, the links of its
 * tags and goals, and what it shows of the entries before and after.
 * Keep it in step with entry_values().
 */
static uint64_t entry_page_key(const struct render *r, size_t i,
			       const char *path)
{
	const struct rentry *re = &r->e[i];
	const struct entry *e = &re->h->e;
	uint64_t h = page_key(r, path);

	/* its fields and tags, as its summary has them, and its body */
	h = hash_add(h, &re->key, sizeof(re->key));
	h = hash_add(h, &re->h->sum, sizeof(re->h->sum));
	for (size_t k = 0; k < e->goals.nr; k++)
		h = goal_input(r, e->goals.v[k], h);
	for (size_t k = 0; k + 1 < e->ratings.nr; k += 2)
		h = goal_input(r, e->ratings.v[k], h);
	h = i > 0 ? link_input(&r->e[i - 1], h) : hash_num(h, -1);
	h = i + 1 < r->ne ? link_input(&r->e[i + 1], h) : hash_num(h, -1);
	return hash_num(h, r->links);
}

static int entry_pages(struct render *r)
{
	struct buf path = BUF_INIT;
	int rc = 0;

	for (size_t i = 0; !rc && i < r->ne; i++) {
		const struct entry *e = &r->e[i].h->e;
		struct tv *page;
		uint64_t key;

		buf_reset(&path);
		buf_addf(&path, "entries/%s.html", r->e[i].name);
		key = entry_page_key(r, i, path.s);
		if (kept(r, path.s, key))
			continue;
		page = page_values(r, "../", e->title ? e->title : e->id,
				   "in_entries");
		entry_values(r, page, &r->e[i], i);
		rc = write_page(r, path.s, "entry", page,
				&(struct later){ .entry = &r->e[i] }, key);
	}
	buf_release(&path);
	return rc;
}

/* The month pages and the archive's index. */
static int archive_pages(struct render *r)
{
	struct buf path = BUF_INIT, title = BUF_INIT;
	struct tv *page, *years, *year = NULL, *months = NULL;
	int rc = 0;

	for (size_t i = 0; !rc && i < r->nmonths; i++) {
		const struct rmonth *m = &r->months[i];

		buf_reset(&title);
		buf_addf(&title, "%s %d", month_names[m->mon - 1], m->year);
		page = page_values(r, "../", title.s, "in_archive");
		tv_put_strf(&r->a, page, "count", "%zu %s", m->nr,
			    plural((long)m->nr, "entry", "entries"));
		if (i > 0)
			tv_put_strf(&r->a, page, "prev_href", "%04d-%02d.html",
				    r->months[i - 1].year, r->months[i - 1].mon);
		if (i + 1 < r->nmonths)
			tv_put_strf(&r->a, page, "next_href", "%04d-%02d.html",
				    r->months[i + 1].year, r->months[i + 1].mon);
		buf_reset(&path);
		buf_addf(&path, "archive/%04d-%02d.html", m->year, m->mon);
		rc = emit(r, path.s, "month", page,
			  &(struct later){ .list = 1, .idx = m->entries,
					   .n = m->nr });
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
		    plural((long)r->ne, "entry", "entries"));
	rc = emit(r, "archive/index.html", "archive", page, NULL);
out:
	buf_release(&path);
	buf_release(&title);
	return rc;
}

static int tag_pages(struct render *r)
{
	struct buf path = BUF_INIT;
	struct tv *page, *list;
	int rc = 0;

	for (size_t i = 0; !rc && i < r->ntags; i++) {
		const struct rtag *t = &r->tags[i];

		page = page_values(r, "../", t->name, "in_tags");
		tv_put_str(&r->a, page, "tag", t->name);
		tv_put_strf(&r->a, page, "count", "%zu %s", t->nr,
			    plural((long)t->nr, "entry", "entries"));
		buf_reset(&path);
		buf_addf(&path, "tags/%s.html", t->file);
		rc = emit(r, path.s, "tag", page,
			  &(struct later){ .list = 1, .idx = t->entries,
					   .n = t->nr, .newest = 1 });
	}
	buf_release(&path);
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

/* --- moods ----------------------------------------------------------------- */

static int cmp_chart_day(const void *a, const void *b)
{
	long x = ((const struct chart_day *)a)->day;
	long y = ((const struct chart_day *)b)->day;

	return (x > y) - (x < y);
}

/*
 * Sort the moods d[0..nd) (one an entry, in the entries' order) by day
 * and make them the daily means, in place: *ndays of them.
 */
static void merge_days(struct chart_day *d, size_t nd, size_t *ndays)
{
	if (nd)
		qsort(d, nd, sizeof(*d), cmp_chart_day);
	*ndays = 0;
	for (size_t k = 0; k < nd; k++) {
		struct chart_day *last = *ndays ? &d[*ndays - 1] : NULL;

		if (last && last->day == d[k].day) {
			last->value = (last->value * last->count + d[k].value) /
				      (last->count + 1);
			last->count++;
		} else {
			d[(*ndays)++] = d[k];
		}
	}
}

/*
 * The daily means of the moods of the entries, sorted by day, from day
 * from on; the caller frees the result.
 */
static struct chart_day *daily_moods(const struct render *r, long from,
				     size_t *ndays)
{
	struct chart_day *d = xcalloc(r->ne + 1, sizeof(*d));
	size_t nd = 0;

	for (size_t k = 0; k < r->ne; k++) {
		const struct rentry *re = &r->e[k];

		if (!re->h->e.mood || re->day < from)
			continue;
		d[nd].day = re->day;
		d[nd].value = re->h->e.mood;
		d[nd++].count = 1;
	}
	merge_days(d, nd, ndays);
	return d;
}

/* One group of moods (a weekday, a tag, a feeling). */
struct mood_group {
	char *key;		/* folded, or the weekday's number */
	const char *name;	/* as shown */
	double sum;
	long count;
};

static int cmp_group_key(const void *a, const void *b)
{
	return strcmp(((const struct mood_group *)a)->key,
		      ((const struct mood_group *)b)->key);
}

static int cmp_group_count(const void *a, const void *b)
{
	const struct mood_group *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->key, y->key);
}

static int cmp_group_mean(const void *a, const void *b)
{
	const struct mood_group *x = a, *y = b;
	double mx = x->sum / (double)x->count, my = y->sum / (double)y->count;

	if (mx != my)
		return mx < my ? 1 : -1;
	return strcmp(x->key, y->key);
}

/*
 * Bars of the mean mood of each word of the entries' lists (tags or
 * feelings, as which picks), in any case: the MAX_GROUPS used most,
 * highest mean first.
 */
static void word_bars(struct render *r, int feelings, struct buf *svg)
{
	struct mood_group *g = NULL;
	struct chart_bar *bars;
	size_t n = 0, alloc = 0, w = 0;

	for (size_t i = 0; i < r->ne; i++) {
		const struct entry *e = &r->e[i].h->e;
		const struct strvec *l = feelings ? &e->feelings : &e->tags;

		for (size_t k = 0; e->mood && k < l->nr; k++) {
			ALLOC_GROW(g, n + 1, alloc);
			g[n].key = utf8_fold(l->v[k]);
			g[n].name = l->v[k];
			g[n].sum = e->mood;
			g[n++].count = 1;
		}
	}
	if (n)
		qsort(g, n, sizeof(*g), cmp_group_key);
	for (size_t i = 0; i < n; i++) {
		if (w && !strcmp(g[w - 1].key, g[i].key)) {
			g[w - 1].sum += g[i].sum;
			g[w - 1].count++;
			free(g[i].key);
			continue;
		}
		g[w++] = g[i];
	}
	if (w)
		qsort(g, w, sizeof(*g), cmp_group_count);
	n = w < MAX_GROUPS ? w : MAX_GROUPS;
	if (n)
		qsort(g, n, sizeof(*g), cmp_group_mean);
	bars = xcalloc(n + 1, sizeof(*bars));
	for (size_t i = 0; i < n; i++) {
		/* the name shown: the tag's own, else as first seen */
		const struct rtag *t = feelings ? NULL : find_tag(r, g[i].key);

		bars[i].label = t ? t->name : g[i].name;
		bars[i].value = g[i].sum / (double)g[i].count;
		bars[i].count = g[i].count;
	}
	chart_bars(svg, bars, n, 1, r->ctx->cfg.mood_scale,
		   feelings ? "Mood by feeling" : "Mood by tag",
		   feelings ? "The mean mood of the entries with each feeling"
			    : "The mean mood of the entries with each tag");
	for (size_t i = 0; i < w; i++)
		free(g[i].key);
	free(g);
	free(bars);
}

/* Put an SVG chart made into svg under key, and empty svg. */
static void put_chart(struct render *r, struct tv *page, const char *key,
		      struct buf *svg)
{
	tv_put_html(&r->a, page, key, svg->s, svg->len);
	buf_reset(svg);
}

/*
 * The key of the mood page, from what it is made of: today, every
 * entry (its mood, day, tags and feelings) and the names tags are shown
 * by. Keep it in step with mood_page().
 */
static uint64_t mood_page_key(const struct render *r)
{
	uint64_t h = page_key(r, "mood.html");

	h = hash_num(h, r->today);
	for (size_t i = 0; i < r->ne; i++) {
		const struct entry *e = &r->e[i].h->e;

		h = hash_num(h, r->e[i].day);
		h = hash_num(h, (long long)e->date.t);
		h = hash_num(h, e->mood);
		h = hash_strvec(h, &e->tags);
		h = hash_strvec(h, &e->feelings);
	}
	for (size_t i = 0; i < r->ntags; i++)
		h = hash_add(h, r->tags[i].name, strlen(r->tags[i].name) + 1);
	return h;
}

static int mood_page(struct render *r)
{
	uint64_t key = mood_page_key(r);
	struct tv *page;
	struct sample *samples;
	struct chart_bar wd[7];
	double wsum[7] = { 0 };
	long wcount[7] = { 0 };
	struct chart_day *days;
	struct mood_stats st;
	struct buf svg = BUF_INIT, label = BUF_INIT;
	size_t ns = 0, nd, nwd = 0, ncal = 0;
	int scale = r->ctx->cfg.mood_scale, rc;

	if (kept(r, "mood.html", key))
		return 0;
	page = page_values(r, "", "Mood", "in_mood");
	samples = xcalloc(r->ne + 1, sizeof(*samples));
	for (size_t i = 0; i < r->ne; i++) {
		const struct entry *e = &r->e[i].h->e;
		int k = (int)(((r->e[i].day + 3) % 7 + 7) % 7);

		if (!e->mood)
			continue;
		samples[ns].when = e->date.t;
		samples[ns++].mood = e->mood;
		wsum[k] += e->mood;
		wcount[k]++;
	}
	mood_stats(samples, ns, &st);
	free(samples);
	tv_put_strf(&r->a, page, "count", "%zu", st.count);
	if (st.count) {
		tv_put_strf(&r->a, page, "mean", "%.1f", st.mean);
		tv_put_strf(&r->a, page, "median", "%.1f", st.median);
		tv_put_strf(&r->a, page, "min", "%d", st.min);
		tv_put_strf(&r->a, page, "max", "%d", st.max);
		tv_put_strf(&r->a, page, "stdev", "%.1f", st.stdev);
	}
	days = daily_moods(r, LONG_MIN, &nd);
	buf_addf(&label, "Mood on %zu %s with a mood, each day's mean and "
		 "its 7-day average", nd, plural((long)nd, "day", "days"));
	chart_timeline(&svg, days, nd, 7, 7, 1, scale, "Mood over time",
		       label.s);
	put_chart(r, page, "timeline", &svg);
	/*
	 * the same days for the calendar, which leaves out those before its
	 * own first day (the Monday 52 weeks back) and after today
	 */
	for (size_t k = 0; k < nd; k++)
		ncal += days[k].day >= r->today - (r->today + 3) % 7 - 52 * 7 &&
			days[k].day <= r->today;
	buf_reset(&label);
	buf_addf(&label, "A calendar of the last year: %zu %s with a mood",
		 ncal, plural((long)ncal, "day", "days"));
	chart_calendar(&svg, days, nd, r->today, 1, scale, "The last year",
		       label.s);
	put_chart(r, page, "calendar", &svg);
	free(days);
	/* the weekdays that have a mood, Monday first */
	for (int k = 0; k < 7; k++) {
		if (!wcount[k])
			continue;
		wd[nwd].label = weekday_names[k];
		wd[nwd].value = wsum[k] / wcount[k];
		wd[nwd++].count = wcount[k];
	}
	chart_bars(&svg, wd, nwd, 1, scale, "Mood by weekday",
		   "The mean mood of the entries of each weekday");
	put_chart(r, page, "weekdays", &svg);
	word_bars(r, 0, &svg);
	put_chart(r, page, "by_tag", &svg);
	word_bars(r, 1, &svg);
	put_chart(r, page, "by_feeling", &svg);
	rc = write_page(r, "mood.html", "mood", page, NULL, key);
	buf_release(&svg);
	buf_release(&label);
	return rc;
}

/* --- goals ----------------------------------------------------------------- */

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
		    plural(g->p.count, "entry", "entries"));
	if (g->p.last)
		tv_put(a, v, "last", local_date(a, g->p.last));
	if (g->p.streak)
		tv_put_strf(a, v, "streak", "%ld %s in a row", g->p.streak,
			    plural(g->p.streak, "week", "weeks"));
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

static int goal_pages(struct render *r)
{
	struct buf path = BUF_INIT, svg = BUF_INIT, label = BUF_INIT;
	struct tv *page, *list;
	int order[NMILESTONES], rc = 0;

	for (size_t i = 0; !rc && i < r->ngoals; i++) {
		const struct rgoal *g = &r->goals[i];
		struct chart_day *pts = xcalloc(g->p.nratings + 1,
						sizeof(*pts));
		size_t np = 0;

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
			const struct rating_point *rp = &g->p.ratings[k];
			long day = day_of(rp->when);

			if (np && pts[np - 1].day == day) {
				pts[np - 1].value = (pts[np - 1].value *
						     pts[np - 1].count +
						     rp->value) /
						    (pts[np - 1].count + 1);
				pts[np - 1].count++;
				continue;
			}
			pts[np].day = day;
			pts[np].value = rp->value;
			pts[np++].count = 1;
		}
		tv_put_strf(&r->a, page, "nratings", "%zu %s", g->p.nratings,
			    plural((long)g->p.nratings, "rating", "ratings"));
		buf_reset(&label);
		buf_addf(&label, "%zu %s of this goal, from 1 to %d",
			 g->p.nratings, plural((long)g->p.nratings, "rating",
					       "ratings"), RATING_MAX);
		/* reviews come weeks apart: one line through them all */
		chart_timeline(&svg, pts, np, 0, 0, 1, RATING_MAX, "Ratings",
			       label.s);
		free(pts);
		put_chart(r, page, "ratings_chart", &svg);
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
	}
	buf_release(&path);
	buf_release(&svg);
	buf_release(&label);
	if (rc)
		return rc;
	page = page_values(r, "../", "Goals", "in_goals");
	list = tv_new_list(&r->a);
	for (size_t i = 0; i < r->ngoals; i++)
		tv_push(&r->a, list, goal_summary(r, "../", &r->goals[i]));
	tv_put(&r->a, page, "goals", list);
	return emit(r, "goals/index.html", "goals", page, NULL);
}

/* --- home ------------------------------------------------------------------ */

static int home_page(struct render *r)
{
	struct arena *a = &r->a;
	struct tv *page = page_values(r, "", r->ctx->cfg.title
					     ? r->ctx->cfg.title
					     : "My journal", "in_home");
	struct tv *list = tv_new_list(a), *goals = tv_new_list(a);
	struct buf svg = BUF_INIT, label = BUF_INIT, text = BUF_INIT;
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
		excerpt(r->md.s, r->md.len, &text);
		tv_put_str(a, v, "excerpt", text.s);
		tv_push(a, list, v);
	}
	tv_put(a, page, "latest", list);
	tv_put_strf(a, page, "count", "%zu %s", r->ne,
		    plural((long)r->ne, "entry", "entries"));
	if (r->ne)
		tv_put(a, page, "since", short_date(a, &r->e[0].wall));
	days = daily_moods(r, r->today - SPARK_DAYS + 1, &nd);
	for (size_t k = 0; k < nd; k++) {
		sum += days[k].value * days[k].count;
		moods += days[k].count;
	}
	if (moods)
		buf_addf(&label, "Mood over the last %d days: %ld %s, mean "
			 "%.1f of %d", SPARK_DAYS, moods,
			 plural(moods, "entry", "entries"), sum / moods,
			 r->ctx->cfg.mood_scale);
	else
		buf_addf(&label, "No moods in the last %d days", SPARK_DAYS);
	chart_sparkline(&svg, days, nd, r->today - SPARK_DAYS + 1, SPARK_DAYS,
			1, r->ctx->cfg.mood_scale, "Mood, the last 90 days",
			label.s);
	free(days);
	put_chart(r, page, "sparkline", &svg);
	tv_put_str(a, page, "spark_text", label.s);
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
			    plural(years, "year", "years"));
		tv_push(a, list, v);
	}
	tv_put_bool(a, page, "has_on_this_day", list->nr > 0);
	tv_put(a, page, "on_this_day", list);
	tv_put(a, page, "today", day_date(a, r->today));
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
	uint64_t key = hash_add(page_key(r, "style.css"), css->s, css->len);

	if (kept(r, "style.css", key))
		return 0;
	return site_write(r->site, "style.css", key, css->s, css->len);
}

/* --- the whole site ---------------------------------------------------- */

/* Begin: the site key, and every template compiled. */
static int render_begin(struct render *r, struct ctx *ctx, int with_private,
			struct strvec *overrides)
{
	char scale[32];

	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->include_private = with_private;
	r->overrides = overrides;
	r->today = day_of(ctx->now);
	r->site_key = hash_add(HASH_INIT, TEND_VERSION, sizeof(TEND_VERSION));
	snprintf(scale, sizeof(scale), "%d %d", ctx->cfg.mood_scale,
		 with_private);
	r->site_key = hash_add(r->site_key, scale, strlen(scale) + 1);
	/* the journal's title, and the clock local dates are read on */
	r->site_key = hash_str(r->site_key, ctx->cfg.title);
	r->site_key = hash_str(r->site_key, getenv("TZ"));
	r->tmpl = tmpl_set_new(load_template, r);
	return 0;
}

/* Gather the entries (from the index), tags, months and goals. */
static int render_gather(struct render *r)
{
	struct filter f;
	int rc;

	if ((rc = index_ready(r->ctx)) < 0)
		return rc;
	filter_init(&f);
	f.no_private = !r->include_private;
	f.reverse = 1;
	rc = query_run(r->ctx, &f, NULL, NULL, &r->hits);
	filter_release(&f);
	if (rc < 0)
		return rc;
	gather_entries(r);
	gather_tags(r);
	/*
	 * what lists show of each entry (entry_summary()), for the keys of
	 * the pages that list it: the entry and the links of its tags
	 */
	for (size_t i = 0; i < r->ne; i++)
		r->e[i].key = tags_input(r, &r->e[i].h->e,
					 fields_input(&r->e[i], HASH_INIT));
	return gather_goals(r);
}

int render_site(struct ctx *ctx, const struct render_opts *o,
		struct render_stats *st)
{
	struct render r;
	struct site site;
	struct buf css = BUF_INIT;
	int rc, opened = 0;

	memset(st, 0, sizeof(*st));
	render_begin(&r, ctx, o->include_private, &st->overrides);
	r.links = 1;
	for (int i = 0; page_templates[i]; i++)
		if ((rc = tmpl_compile(r.tmpl, page_templates[i])) < 0)
			goto out;
	if ((rc = load_css(&r, &css)) < 0 || (rc = render_gather(&r)) < 0)
		goto out;
	if ((rc = site_open(&site, o->out)) < 0) {
		site_close(&site);
		goto out;
	}
	opened = 1;
	r.site = &site;
	/* a page for each entry, month, tag and goal, and six more */
	r.total = (long)(r.ne + r.nmonths + r.ntags + r.ngoals) + 6;
	if ((rc = style_page(&r, &css)) < 0)
		goto out;
	if ((rc = entry_pages(&r)) < 0 || (rc = archive_pages(&r)) < 0 ||
	    (rc = tag_pages(&r)) < 0 || (rc = goal_pages(&r)) < 0 ||
	    (rc = mood_page(&r)) < 0 || (rc = home_page(&r)) < 0)
		goto out;
out:
	if (r.done && r.ctx->err_tty && r.total >= 200 && r.done < r.total)
		fputs("\r\033[K", stderr);
	if (opened) {
		int frc = site_finish(&site, rc == 0);

		if (!rc)
			rc = frc;
		st->pages = (long)site.nnow;
		st->written = site.written;
		st->unchanged = site.unchanged;
		st->removed = site.removed;
	}
	if (opened)
		site_close(&site);
	render_release(&r);
	buf_release(&css);
	return rc;
}

/* --- export --------------------------------------------------------------- */

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
		entry_clock(&x->re, &x->h);
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
	merge_days(d, nd, ndays);
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
	entry_values(r, v, &x->re, i);
	tv_put_str(&r->a, v, "title", say(r, e->title ? e->title : e->id));
	if ((rc = index_body(r->ctx, e->path, &x->md)) < 0)
		return rc;
	if (r->names) {
		buf_reset(&x->text);
		redact_text(r->names, x->md.s, x->md.len, &x->text);
		markdown_html(x->text.s, x->text.len, &x->html);
	} else {
		markdown_html(x->md.s, x->md.len, &x->html);
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
	render_begin(&r, ctx, 1, overrides);
	r.names = names;
	if ((rc = tmpl_compile(r.tmpl, "export")) < 0 ||
	    (rc = load_css(&r, &css)) < 0 ||
	    (rc = index_ready(ctx)) < 0 || (rc = gather_goals(&r)) < 0)
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
		    plural((long)x.n, "entry", "entries"));
	if (x.n) {
		tv_put(&r.a, page, "from", short_date(&r.a, &lo));
		tv_put(&r.a, page, "to", short_date(&r.a, &hi));
	}
	tv_put(&r.a, page, "today", day_date(&r.a, r.today));
	buf_addf(&label, "Mood on %zu %s with a mood in these entries", nd,
		 plural((long)nd, "day", "days"));
	chart_timeline(&svg, days, nd, 7, 7, 1, ctx->cfg.mood_scale,
		       "Mood over time", label.s);
	put_chart(&r, page, "timeline", &svg);
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
	render_release(&r);
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
		    size_t len, const struct redactions *names,
		    struct buf *out, struct strvec *overrides)
{
	struct render r;
	struct buf css = BUF_INIT, html = BUF_INIT;
	struct tv *page;
	int rc;

	render_begin(&r, ctx, 0, overrides);
	r.names = names;
	if ((rc = tmpl_compile(r.tmpl, "document")) < 0 ||
	    (rc = load_css(&r, &css)) < 0)
		goto out;
	page = page_values(&r, "", title, "in_document");
	tv_put_html(&r.a, page, "css", css.s, css.len);
	markdown_html(md, len, &html);
	tv_put_html(&r.a, page, "body", html.s, html.len);
	tv_put(&r.a, page, "today", day_date(&r.a, r.today));
	rc = tmpl_render(r.tmpl, "document", page, out);
out:
	render_release(&r);
	buf_release(&css);
	buf_release(&html);
	return rc;
}
