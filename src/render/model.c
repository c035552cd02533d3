/*
 * The site model (see internal.h): the entries of the index, their page
 * names, months and tags, the goals and their progress, the templates
 * (each folded into the site key as it loads), and the hashes page keys
 * are made of. Below the pages: it makes no values and writes nothing.
 */
#include "internal.h"
#include "builtin.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "html.h"
#include "index.h"
#include "insights.h"
#include "slug.h"
#include "stats.h"
#include "util.h"
#include "vault.h"
#include "version.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEMPLATE_MAX (1024 * 1024)
#define PAGE_NAME_MAX 200	/* bytes of a page's name, before ".html" */

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
 * journal (NAME.html.age in an encrypted one, decrypted), else the
 * built-in one. Every text loaded goes into the site key, and every one
 * of the journal's into r->overrides.
 */
static int load_template(void *data, const char *name, struct buf *text,
			 struct buf *source)
{
	struct render *r = data;
	struct buf rel = BUF_INIT, file = BUF_INIT;
	const struct builtin_file *f;
	int rc = 1;

	buf_reset(text);
	buf_reset(source);
	if (!template_name_ok(name))
		goto out;
	buf_addf(&rel, "templates/html/%s%s", name,
		 strchr(name, '.') ? "" : ".html");
	vault_name(r->ctx, rel.s, &file);
	rc = vault_read(r->ctx, file.s, TEMPLATE_MAX, text, FS_MISSING_OK);
	if (rc < 0)
		goto out;
	if (!rc && text->len > TEMPLATE_MAX) {
		rc = error_at(file.s, 1, 1, "a template is at most %d bytes",
			      TEMPLATE_MAX);
		goto out;
	}
	if (!rc) {
		buf_adds(source, file.s);
		if (r->overrides)
			strvec_push_unique(r->overrides, file.s);
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
	buf_release(&file);
	return rc;
}

/* The stylesheet: the journal's templates/html/style.css or ours. */
int model_load_css(struct render *r, struct buf *css)
{
	struct buf source = BUF_INIT;
	int rc = load_template(r, "style.css", css, &source);

	buf_release(&source);
	return rc > 0 ? error("there is no style.css") : rc;
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
struct rtag *model_find_tag(const struct render *r, const char *key)
{
	struct rtag k = { .key = (char *)key };

	return r->ntags ? bsearch(&k, r->tags, r->ntags, sizeof(k),
				  cmp_tag_key) : NULL;
}

/* The goal with a file called id, or NULL. */
struct rgoal *model_find_goal(const struct render *r, const char *id)
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
static char *name_href(const char *name)
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
void model_entry_clock(struct rentry *re, const struct hit *h)
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

		model_entry_clock(re, &r->hits.v[i]);
		re->name = names[i];
		re->href = name_href(re->name);
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
		t->count = t->nr;
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
		r->tags[i].href = name_href(files[i]);
	}
	free(files);
	for (size_t i = 0; i < nuses; i++)
		free(uses[i].key);
	free(uses);
	buf_release(&base);
}

/*
 * The goals that have a readable file, with their progress. In an
 * encrypted journal goals.c reads their files decrypted, by the names
 * their IDs give (vault_goal_path()); the site names its pages by ID
 * all the same, as it is plain text wherever render puts it.
 */
int model_gather_goals(struct render *r)
{
	struct strvec ids = STRVEC_INIT;
	struct buf path = BUF_INIT;
	char **files;
	int rc = 0;

	goals_ids(r->ctx, &ids);
	r->goals = xcalloc(ids.nr + 1, sizeof(*r->goals));
	for (size_t i = 0; i < ids.nr; i++) {
		struct rgoal *rg = &r->goals[r->ngoals];

		goal_init(&rg->g);
		if (goals_peek(r->ctx, ids.v[i], &rg->g) < 0) {
			vault_goal_path(r->ctx, ids.v[i], &path);
			warning("%s cannot be read; 'tend check' tells why",
				path.s);
			r->goal_warned = 1;
			continue;
		}
		/* the site shows how goals go; an export only their titles */
		if (r->links && (rc = goals_progress(r->ctx, &rg->g,
						  r->include_private,
						  &rg->p)) < 0) {
			goal_release(&rg->g);
			break;
		}
		if (r->links && rg->p.until < r->until)
			r->until = rg->p.until;
		r->ngoals++;
	}
	strvec_clear(&ids);
	buf_release(&path);
	if (rc < 0)
		return rc;
	qsort(r->goals, r->ngoals, sizeof(*r->goals), cmp_goal_id);
	files = xcalloc(r->ngoals + 1, sizeof(*files));
	for (size_t i = 0; i < r->ngoals; i++)
		files[i] = xstrdup(r->goals[i].g.id);
	unique_names(files, r->ngoals);
	for (size_t i = 0; i < r->ngoals; i++) {
		r->goals[i].file = files[i];
		r->goals[i].href = name_href(files[i]);
	}
	free(files);
	for (size_t i = 0; i < r->ne; i++) {
		const struct strvec *goals = &r->e[i].h->e.goals;

		for (size_t k = 0; k < goals->nr; k++) {
			struct rgoal *g = model_find_goal(r, goals->v[k]);

			if (!g || (g->nr && g->entries[g->nr - 1] == i))
				continue;
			ALLOC_GROW(g->entries, g->nr + 1, g->alloc);
			g->entries[g->nr++] = i;
		}
	}
	return 0;
}

void model_forget(struct render *r)
{
	for (size_t i = 0; i < r->ne; i++) {
		free(r->e[i].name);
		free(r->e[i].href);
		free(r->e[i].tags);
		free(r->e[i].date);
		free(r->e[i].datetime);
	}
	free(r->e);
	for (size_t i = 0; i < r->ntags; i++) {
		free(r->tags[i].key);
		free(r->tags[i].name);
		free(r->tags[i].href);
		free(r->tags[i].file);
		free(r->tags[i].entries);
		free(r->tags[i].slices);
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
	r->e = NULL;
	r->tags = NULL;
	r->goals = NULL;
	r->months = NULL;
	r->ne = r->ntags = r->ngoals = r->nmonths = 0;
	r->until = TIME_HOLDS_EVER;
	r->goal_warned = 0;
}

void model_release(struct render *r)
{
	model_forget(r);
	tmpl_set_free(r->tmpl);
	strvec_clear(&r->attached);
	arena_release(&r->a);
	buf_release(&r->out);
	buf_release(&r->md);
}

uint64_t model_hash_str(uint64_t h, const char *s)
{
	return s ? hash_add(h, s, strlen(s) + 1) : hash_add(h, "\1", 1);
}

/* Fold the number n into h. */
uint64_t model_hash_num(uint64_t h, long long n)
{
	return hash_add(h, &n, sizeof(n));
}

/* Fold the strings of sv into h. */
uint64_t model_hash_strvec(uint64_t h, const struct strvec *sv)
{
	h = model_hash_num(h, (long long)sv->nr);
	for (size_t i = 0; i < sv->nr; i++)
		h = model_hash_str(h, sv->v[i]);
	return h;
}

/*
 * What a link to an entry shows of it (its title, its page, its day),
 * folded into h.
 */
uint64_t model_link_input(const struct rentry *re, uint64_t h)
{
	const struct entry *e = &re->h->e;

	h = model_hash_str(h, e->title ? e->title : e->id);
	h = model_hash_str(h, re->name);
	h = model_hash_num(h, (long long)e->date.t);
	return model_hash_num(h, e->date.offset);
}

/*
 * Every field of an entry but its body, folded into h: what its values
 * are made from, as the index read them (the date may come from git).
 */
static uint64_t fields_input(const struct rentry *re, uint64_t h)
{
	const struct entry *e = &re->h->e;

	h = model_link_input(re, h);
	h = model_hash_str(h, e->id);
	h = model_hash_str(h, e->path);
	h = model_hash_num(h, e->mood);
	h = model_hash_strvec(h, &e->feelings);
	h = model_hash_strvec(h, &e->goals);
	h = model_hash_strvec(h, &e->tags);
	h = model_hash_strvec(h, &e->ratings);
	h = model_hash_str(h, e->prompt);
	h = model_hash_num(h, e->share);
	h = model_hash_num(h, e->private);
	return model_hash_num(h, (long long)e->words);
}

/*
 * Find the tag of each of re's tags (into re->tags, for its links), and
 * fold their pages into h.
 */
static uint64_t tags_input(const struct render *r, struct rentry *re,
			   uint64_t h)
{
	const struct entry *e = &re->h->e;

	free(re->tags);
	re->tags = xcalloc(e->tags.nr + 1, sizeof(*re->tags));
	for (size_t k = 0; k < e->tags.nr; k++) {
		char *key = utf8_fold(e->tags.v[k]);
		const struct rtag *t = model_find_tag(r, key);

		re->tags[k] = t;
		h = hash_add(h, t ? t->file : "", t ? strlen(t->file) + 1 : 1);
		free(key);
	}
	return h;
}

/* Fold what is shown of a goal an entry names into h. */
uint64_t model_goal_input(const struct render *r, const char *id,
			   uint64_t h)
{
	const struct rgoal *g = model_find_goal(r, id);

	if (!g)
		return hash_add(h, "", 1);
	h = hash_add(h, g->file, strlen(g->file) + 1);
	return hash_add(h, g->g.title ? g->g.title : "",
			g->g.title ? strlen(g->g.title) + 1 : 1);
}


/* --- moods --------------------------------------------------------------- */

/*
 * The daily means of the moods of the entries, sorted by day, from day
 * from on; the caller frees the result.
 */
struct chart_day *model_daily_moods(const struct render *r, long from,
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
	*ndays = daily_means(d, nd);
	return d;
}

/* A tag by the name the site shows it by; other words as first seen. */
static const char *insight_name(int kind, const struct tally *t,
				const void *data)
{
	const struct rtag *tag = kind == INSIGHT_TAG
				 ? model_find_tag(data, t->key) : NULL;

	return tag ? tag->name : NULL;
}

void model_insights(const struct render *r, struct strvec *out)
{
	struct insights in;

	if (r->shape) {
		for (size_t i = 0; i < r->shape->insights.nr; i++)
			strvec_push(out, r->shape->insights.v[i]);
		return;
	}
	/* each entry on its own clock, as the charts have it */
	insights_init(&in, r->ctx->cfg.mood_scale, r->today);
	for (size_t i = 0; i < r->ne; i++) {
		const struct entry *e = &r->e[i].h->e;

		insights_add(&in, r->e[i].day, e->mood, &e->tags,
			     &e->feelings, &e->goals);
	}
	insights_say(&in, insight_name, r, out);
	insights_release(&in);
}

/* --- beginning and gathering ------------------------------------------- */

/* Begin: the site key, and every template compiled. */
void model_begin(struct render *r, struct ctx *ctx, int with_private,
		 struct strvec *overrides)
{
	char scale[32];

	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->include_private = with_private;
	r->overrides = overrides;
	r->today = day_of(ctx->now);
	r->until = TIME_HOLDS_EVER;
	r->site_key = hash_add(HASH_INIT, TEND_VERSION, sizeof(TEND_VERSION));
	snprintf(scale, sizeof(scale), "%d %d", ctx->cfg.mood_scale,
		 with_private);
	r->site_key = hash_add(r->site_key, scale, strlen(scale) + 1);
	/* the journal's title, and the clock local dates are read on */
	r->site_key = model_hash_str(r->site_key, ctx->cfg.title);
	r->site_key = model_hash_str(r->site_key, getenv("TZ"));
	r->tmpl = tmpl_set_new(load_template, r);
}

/* Gather the entries (from the index), tags, months and goals. */
int model_gather(struct render *r)
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
		r->e[i].key = tags_input(r, &r->e[i],
					 fields_input(&r->e[i], HASH_INIT));
	r->ne_all = r->ne;
	return model_gather_goals(r);
}

/* The start of every page's key: the site's, and the page's path. */
uint64_t model_page_key(const struct render *r, const char *path)
{
	return hash_add(r->site_key, path, strlen(path) + 1);
}

/* --- the shape, and what a change touches -------------------------------- */

long model_shape_month(const struct shape *s, int year, int mon)
{
	char name[32];

	snprintf(name, sizeof(name), "%04d-%02d", year, mon);
	return strvec_find(&s->months, name);
}

void model_shape(const struct render *r, struct shape *s)
{
	struct buf name = BUF_INIT;

	shape_release(s);
	s->ne = r->ne;
	for (size_t i = 0; i < r->nmonths; i++) {
		buf_reset(&name);
		buf_addf(&name, "%04d-%02d", r->months[i].year,
			 r->months[i].mon);
		strvec_push(&s->months, name.s);
	}
	for (size_t i = 0; i < r->ntags; i++) {
		strvec_push(&s->tags, r->tags[i].key);
		strvec_push(&s->tags, r->tags[i].name);
		strvec_push(&s->tags, r->tags[i].file);
	}
	for (size_t i = 0; !s->clash && i < r->ne; i++) {
		safe_name(r->e[i].h->e.id, &name);
		s->clash = strcmp(name.s, r->e[i].name) != 0;
	}
	model_insights(r, &s->insights);
	buf_release(&name);
}

/*
 * Add to rows, a union of queries of the entries' numbers (n), one
 * more made of fmt: "SELECT n FROM ...". Each is a query of its own
 * (not a term of one WHERE), so that each finds its rows by an index.
 */
static void or_rows(struct buf *rows, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void or_rows(struct buf *rows, const char *fmt, ...)
{
	va_list ap;

	if (rows->len)
		buf_adds(rows, " UNION ");
	va_start(ap, fmt);
	buf_vaddf(rows, fmt, ap);
	va_end(ap);
}

/*
 * Add to rows the entries the index marks with a tag (kind 't', s
 * folded) or a goal ('g'), and to texts the mark.
 */
static void or_marked(struct buf *rows, struct strvec *texts, char kind,
		      const char *s)
{
	struct buf w = BUF_INIT;
	char *folded = kind == 't' ? utf8_fold(s) : NULL;

	or_rows(rows, "SELECT n FROM marks WHERE key = ?");
	buf_addf(&w, "%c:%s", kind, folded ? folded : s);
	strvec_push(texts, w.s);
	free(folded);
	buf_release(&w);
}

/*
 * Add to rows the entries the pages that c touches show: c, the two
 * before and after it (its neighbours' pages link to theirs), its
 * month's and those of its goals that have a file in goal_files (its
 * tags': tag_rows()); the entries of the site are those "NOT private"
 * selects in mine (or all).
 */
static void touched_rows(const struct rentry *c, const char *mine,
			 const struct strvec *goal_files, struct buf *rows,
			 struct strvec *texts)
{
	const struct entry *e = &c->h->e;
	struct tm first = c->wall, next = c->wall;

	or_rows(rows, "SELECT n FROM entries WHERE path = ?");
	strvec_push(texts, e->path);
	for (int later = 0; later < 2; later++) {
		or_rows(rows, "SELECT n FROM (SELECT n FROM entries WHERE %s"
			"(date, id) %s (%lld, ?) ORDER BY date %s, id %s"
			" LIMIT 2)", mine, later ? ">" : "<",
			(long long)e->date.t, later ? "" : "DESC",
			later ? "" : "DESC");
		strvec_push(texts, e->id);
	}
	first.tm_mday = 1;
	first.tm_hour = first.tm_min = first.tm_sec = 0;
	next = first;
	next.tm_mon++;
	or_rows(rows, "SELECT n FROM entries WHERE wall >= %lld AND"
		" wall < %lld", (long long)timegm(&first),
		(long long)timegm(&next));
	for (size_t k = 0; k < e->goals.nr; k++)
		/* a goal with no file has no page */
		if (strvec_find(goal_files, e->goals.v[k]) >= 0)
			or_marked(rows, texts, 'g', e->goals.v[k]);
}

/* Where a changed entry is in one of its tags (tag_rows()). */
struct tag_place {
	char *key;		/* the tag, folded */
	const char *path;	/* the entry's */
	long long rank;		/* entries of the tag newer than it */
	long long count;	/* entries of the tag */
};

/*
 * Add to rows the entries of the page of each of e's tags that lists e
 * (a tag's entries are listed TAG_PAGE to a page, newest first), and to
 * places where e is in each tag, for model_gather_touched().
 */
static int tag_rows(struct render *r, const struct entry *e,
		    const char *mine, struct buf *rows, struct strvec *texts,
		    struct tag_place **places, size_t *nplaces,
		    size_t *places_alloc)
{
	struct buf mark = BUF_INIT;
	int rc = 0;

	for (size_t k = 0; !rc && k < e->tags.nr; k++) {
		struct tag_place p = { utf8_fold(e->tags.v[k]), e->path,
				       0, 0 };

		buf_reset(&mark);
		buf_addf(&mark, "t:%s", p.key);
		rc = index_mark_place(r->ctx, mark.s, r->include_private,
				      (long long)e->date.t, e->id, &p.rank,
				      &p.count);
		if (rc < 0) {
			free(p.key);
			break;
		}
		/* by the marks' index alone (index.c) */
		or_rows(rows, "SELECT n FROM (SELECT n FROM marks WHERE"
			" key = ?%s ORDER BY date DESC, id DESC LIMIT %d"
			" OFFSET %lld)", *mine ? " AND private = 0" : "",
			TAG_PAGE, p.rank / TAG_PAGE * TAG_PAGE);
		strvec_push(texts, mark.s);
		ALLOC_GROW(*places, *nplaces + 1, *places_alloc);
		(*places)[(*nplaces)++] = p;
	}
	buf_release(&mark);
	return rc;
}

/*
 * The page of the tag t that lists the entry at place p, as a slice of
 * t->entries (all of that page's entries are among them), added to
 * t->slices unless it is there. Returns 0, or 1 when the entries read
 * do not hold the page (the whole site must be made).
 */
static int tag_slice(const struct render *r, struct rtag *t,
		     const struct tag_place *p)
{
	size_t pos = 0, lo, n, newer, older;

	while (pos < t->nr && strcmp(r->e[t->entries[pos]].h->e.path,
				     p->path))
		pos++;
	if (pos == t->nr || p->rank >= p->count ||
	    (t->count && t->count != (size_t)p->count))
		return 1;
	t->count = (size_t)p->count;
	lo = (size_t)p->rank / TAG_PAGE * TAG_PAGE;
	n = t->count - lo < TAG_PAGE ? t->count - lo : TAG_PAGE;
	/* the page's entries newer than the one at pos, and older */
	newer = (size_t)p->rank - lo;
	older = n - 1 - newer;
	if (older > pos || pos + newer >= t->nr)
		return 1;
	for (size_t i = 0; i < t->nslices; i++)
		if (t->slices[i].page == lo / TAG_PAGE)
			return 0;
	ALLOC_GROW(t->slices, t->nslices + 1, t->slices_alloc);
	t->slices[t->nslices++] = (struct rslice){ lo / TAG_PAGE,
						   pos - older, n };
	return 0;
}

/*
 * Add to rows the entries the home page shows: the newest, the
 * oldest (its "since"), those of the sparkline's days and those of
 * this day in the years since the site's first month (first, "YYYY-").
 */
static void home_rows(const struct render *r, const char *mine,
		      const char *first, struct buf *rows)
{
	time_t t = (time_t)r->today * DAY_SECONDS;
	struct tm today, day;
	int year = first ? atoi(first) : 0;

	gmtime_r(&t, &today);
	or_rows(rows, "SELECT n FROM (SELECT n FROM entries WHERE %s1"
		" ORDER BY date DESC, id DESC LIMIT %d)", mine, LATEST);
	or_rows(rows, "SELECT n FROM (SELECT n FROM entries WHERE %s1"
		" ORDER BY date, id LIMIT 1)", mine);
	or_rows(rows, "SELECT n FROM entries WHERE wall >= %lld",
		(long long)(r->today - SPARK_DAYS + 1) * DAY_SECONDS);
	for (; year && year < today.tm_year + 1900; year++) {
		day = today;
		day.tm_year = year - 1900;
		t = timegm(&day);
		/* 29 February of a year without one: 1 March, not shown */
		or_rows(rows, "SELECT n FROM entries WHERE wall >= %lld AND"
			" wall < %lld", (long long)t,
			(long long)t + DAY_SECONDS);
	}
}

/*
 * Run a query of the site's entries whose numbers rows (a union of
 * queries: or_rows()) gives, into hits.
 */
static int query_site(struct render *r, const char *rows,
		      const struct strvec *texts, struct hits *hits)
{
	struct buf cond = BUF_INIT;
	struct filter f;
	int rc;

	buf_addf(&cond, "e.n IN (%s)", rows);
	filter_init(&f);
	f.no_private = !r->include_private;
	f.reverse = 1;
	f.cond = cond.s;
	f.cond_texts = texts;
	rc = query_run(r->ctx, &f, NULL, NULL, hits);
	filter_release(&f);
	buf_release(&cond);
	return rc;
}

int model_gather_touched(struct render *r)
{
	const struct shape *s = r->shape;
	const char *mine = r->include_private ? "" : "NOT private AND ";
	struct hits changed = { NULL, 0, 0, 0 };
	struct strvec texts = STRVEC_INIT, goal_files = STRVEC_INIT;
	struct buf rows = BUF_INIT;
	struct tag_place *places = NULL;
	size_t nplaces = 0, places_alloc = 0;
	int rc;

	goals_ids(r->ctx, &goal_files);
	for (size_t i = 0; i < s->changed.nr; i++) {
		or_rows(&rows, "SELECT n FROM entries WHERE path = ?");
		strvec_push(&texts, s->changed.v[i]);
	}
	rc = s->changed.nr ? query_site(r, rows.s, &texts, &changed) : 0;
	buf_reset(&rows);
	strvec_clear(&texts);
	for (size_t i = 0; !rc && i < changed.nr; i++) {
		struct rentry c;

		model_entry_clock(&c, &changed.v[i]);
		touched_rows(&c, mine, &goal_files, &rows, &texts);
		rc = tag_rows(r, &changed.v[i].e, mine, &rows, &texts,
			      &places, &nplaces, &places_alloc);
	}
	if (!rc && changed.nr) {
		home_rows(r, mine, s->months.nr ? s->months.v[0] : NULL,
			  &rows);
		rc = query_site(r, rows.s, &texts, &r->hits);
	}
	if (rc)
		goto out;
	gather_entries(r);
	gather_tags(r);
	/* the tags' names and pages, as the whole site has them */
	for (size_t i = 0; i < r->ntags; i++) {
		struct rtag *t = &r->tags[i];
		size_t lo = 0, hi = s->tags.nr / 3, k;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (strcmp(s->tags.v[3 * mid], t->key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		k = 3 * lo;
		if (k >= s->tags.nr || strcmp(s->tags.v[k], t->key)) {
			rc = 1;	/* a tag the shape does not know */
			goto out;
		}
		free(t->name);
		free(t->file);
		free(t->href);
		t->name = xstrdup(s->tags.v[k + 1]);
		t->file = xstrdup(s->tags.v[k + 2]);
		t->href = name_href(t->file);
		t->count = 0;	/* known for the tags of changed entries */
	}
	/* the page of each tag of each changed entry */
	for (size_t i = 0; i < nplaces; i++) {
		struct rtag *t = model_find_tag(r, places[i].key);

		if (!t || tag_slice(r, t, &places[i])) {
			rc = 1;
			goto out;
		}
	}
	for (size_t i = 0; i < r->ne; i++) {
		r->e[i].key = tags_input(r, &r->e[i],
					 fields_input(&r->e[i], HASH_INIT));
		for (size_t k = 0; k < changed.nr; k++)
			r->e[i].touched |= !strcmp(r->e[i].h->e.path,
						   changed.v[k].e.path);
	}
	/* the month of each changed entry, as the shape has it */
	for (size_t i = 0; !rc && i < r->ne; i++)
		rc = r->e[i].touched &&
		     model_shape_month(s, r->e[i].wall.tm_year + 1900,
				       r->e[i].wall.tm_mon + 1) < 0;
	r->ne_all = s->ne;
	if (!rc)
		rc = model_gather_goals(r);
out:
	for (size_t i = 0; i < nplaces; i++)
		free(places[i].key);
	free(places);
	hits_clear(&changed);
	strvec_clear(&texts);
	strvec_clear(&goal_files);
	buf_release(&rows);
	return rc;
}
