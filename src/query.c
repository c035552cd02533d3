#include "query.h"
#include "dates.h"
#include "error.h"
#include "index.h"
#include "util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

void filter_init(struct filter *f)
{
	memset(f, 0, sizeof(*f));
	f->limit = -1;
}

void filter_release(struct filter *f)
{
	strvec_clear(&f->tags);
	strvec_clear(&f->not_tags);
	strvec_clear(&f->goals);
	strvec_clear(&f->feelings);
	filter_init(f);
}

/* Read a mood number of an EXPR, in 1..scale. */
static int mood_number(const char *s, int scale, int *out)
{
	long n;

	if (parse_whole(s, scale, &n) < 0 || n < 1)
		return -1;
	*out = (int)n;
	return 0;
}

/*
 * Read --mood EXPR: "4", "<=4", ">=4", "<4", ">4", "=4", "3..5". Sets the
 * inclusive range [lo, hi]. Returns 0 or FAIL_USAGE after reporting.
 */
static int parse_mood(const char *expr, int scale, int *lo, int *hi)
{
	const char *dots = strstr(expr, "..");
	char *first = NULL;
	int a, b, rc = -1;

	if (dots) {
		first = xstrndup(expr, (size_t)(dots - expr));
		if (!mood_number(first, scale, &a) &&
		    !mood_number(dots + 2, scale, &b) && a <= b) {
			*lo = a;
			*hi = b;
			rc = 0;
		}
	} else if (!strncmp(expr, "<=", 2) || !strncmp(expr, ">=", 2)) {
		if (!mood_number(expr + 2, scale, &a)) {
			*lo = expr[0] == '<' ? 1 : a;
			*hi = expr[0] == '<' ? a : scale;
			rc = 0;
		}
	} else if (expr[0] == '<' || expr[0] == '>') {
		if (!mood_number(expr + 1, scale, &a)) {
			*lo = expr[0] == '<' ? 1 : a + 1;
			*hi = expr[0] == '<' ? a - 1 : scale;
			rc = 0;
		}
	} else if (!mood_number(expr + (expr[0] == '='), scale, &a)) {
		*lo = *hi = a;
		rc = 0;
	}
	free(first);
	if (rc < 0)
		return error_as(FAIL_USAGE, "cannot read the mood '%s': give a "
				"mood from 1 to %d, as 4, <=4, >6 or 3..5",
				expr, scale);
	return 0;
}

int filter_option(struct filter *f, int c, const char *value,
		  const struct ctx *ctx)
{
	struct when w;

	switch (c) {
	case OPT_FROM:
	case OPT_TO:
	case OPT_ON:
		if (when_parse(value, ctx->now, &w) < 0)
			return FAIL_USAGE;
		if (c != OPT_TO && (!f->has_from || w.from > f->from))
			f->from = w.from;
		if (c != OPT_FROM && (!f->has_to || w.to < f->to))
			f->to = w.to;
		f->has_from |= c != OPT_TO;
		f->has_to |= c != OPT_FROM;
		return 1;
	case OPT_TAG:
		strvec_push_unique(&f->tags, value);
		return 1;
	case OPT_NOT_TAG:
		strvec_push_unique(&f->not_tags, value);
		return 1;
	case OPT_GOAL:
		strvec_push_unique(&f->goals, value);
		return 1;
	case OPT_FEELING:
		strvec_push_unique(&f->feelings, value);
		return 1;
	case OPT_MOOD:
		if (parse_mood(value, ctx->cfg.mood_scale, &f->mood_lo,
			       &f->mood_hi) < 0)
			return FAIL_USAGE;
		return 1;
	case OPT_SHARED:
		f->shared = 1;
		return 1;
	case OPT_PRIVATE:
		f->private_only = 1;
		return 1;
	case OPT_NO_PRIVATE:
		f->no_private = 1;
		return 1;
	case OPT_REVERSE:
		f->reverse = 1;
		return 1;
	case 'n':
		if (parse_whole(value, 1L << 40, &f->limit) < 0)
			return error_as(FAIL_USAGE, "-n needs a whole number, "
					"not '%s'", value);
		return 1;
	}
	return 0;
}

void hit_release(struct hit *h)
{
	entry_release(&h->e);
	free(h->snippet);
	h->snippet = NULL;
}

void hits_clear(struct hits *h)
{
	for (size_t i = 0; i < h->nr; i++)
		hit_release(&h->v[i]);
	free(h->v);
	memset(h, 0, sizeof(*h));
}

/* One value the SQL of a query binds: text (borrowed) or a number. */
struct bind {
	const char *text;
	sqlite3_int64 num;
};

/* What the SQL of a query binds, in order. */
struct binds {
	struct bind *v;
	size_t nr, alloc;
};

static void bind_text_at(struct binds *b, const char *s)
{
	ALLOC_GROW(b->v, b->nr + 1, b->alloc);
	b->v[b->nr].text = s;
	b->v[b->nr++].num = 0;
}

static void bind_num_at(struct binds *b, sqlite3_int64 n)
{
	ALLOC_GROW(b->v, b->nr + 1, b->alloc);
	b->v[b->nr].text = NULL;
	b->v[b->nr++].num = n;
}

/*
 * Add "AND [NOT] (column holds the item)" for each item of list, in any
 * case. The entries table keeps a list as "\nA\nB\n"; the items to find
 * are kept in words, as "\na\n" folded to lower case as fold() does.
 */
static void add_members(struct buf *sql, struct binds *b, const char *column,
			const struct strvec *list, int not,
			struct strvec *words)
{
	for (size_t i = 0; i < list->nr; i++) {
		struct buf w = BUF_INIT;
		char *folded = utf8_fold(list->v[i]);

		buf_addf(&w, "\n%s\n", folded);
		buf_addf(sql, " AND %sinstr(fold(e.%s), ?)", not ? "NOT " : "",
			 column);
		bind_text_at(b, strvec_push(words, w.s));
		buf_release(&w);
		free(folded);
	}
}

/* Split a list the entries table keeps ("\nA\nB\n") into list. */
static void split_lines(const char *s, struct strvec *list)
{
	while (s && *s) {
		const char *nl = strchrnul(s, '\n');

		if (nl > s)
			strvec_pushn(list, s, (size_t)(nl - s));
		s = *nl ? nl + 1 : nl;
	}
}

static char *dup_column(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? xstrdup((const char *)s) : NULL;
}

/* Fill a hit from a row of the query. */
static void read_row(sqlite3_stmt *st, struct hit *h, int search)
{
	struct entry *e = &h->e;
	struct strvec ratings = STRVEC_INIT;

	entry_init(e);
	e->path = dup_column(st, 0);
	e->id = dup_column(st, 1);
	e->title = dup_column(st, 2);
	if (!datetime_parse((const char *)sqlite3_column_text(st, 4),
			    &e->date))
		e->has_date = 1;
	e->date.t = (time_t)sqlite3_column_int64(st, 3);
	e->mood = sqlite3_column_int(st, 5);
	split_lines((const char *)sqlite3_column_text(st, 6), &e->feelings);
	split_lines((const char *)sqlite3_column_text(st, 7), &e->goals);
	split_lines((const char *)sqlite3_column_text(st, 8), &e->tags);
	split_lines((const char *)sqlite3_column_text(st, 9), &ratings);
	for (size_t i = 0; i < ratings.nr; i++) {
		char *eq = strchr(ratings.v[i], '=');

		if (!eq)
			continue;
		strvec_pushn(&e->ratings, ratings.v[i],
			     (size_t)(eq - ratings.v[i]));
		strvec_push(&e->ratings, eq + 1);
	}
	strvec_clear(&ratings);
	e->prompt = dup_column(st, 10);
	e->share = sqlite3_column_int(st, 11);
	e->private = sqlite3_column_int(st, 12);
	e->words = (size_t)sqlite3_column_int64(st, 13);
	h->sum = (uint64_t)sqlite3_column_int64(st, 14);
	h->snippet = search ? dup_column(st, 15) : NULL;
	h->rank = search ? sqlite3_column_double(st, 16) : 0;
}

/*
 * Can the query give the oldest first itself? Only when all are wanted:
 * "-n 5 --reverse" is the newest five, turned around afterwards.
 */
static int oldest_first(const struct filter *f, const char *match)
{
	return f->reverse && !match && f->limit < 0 && f->cap <= 0;
}

/*
 * Build the SQL of a query and what it binds. With wrap, the newest N of
 * a limit come oldest first when f->reverse asks for it.
 */
static void build(const struct filter *f, const char *match,
		  const char *const mark[2], int wrap, struct buf *sql,
		  struct binds *b, struct strvec *words)
{
	wrap = wrap && f->reverse && !match && f->limit >= 0;
	if (wrap)
		buf_adds(sql, "SELECT * FROM (");
	buf_adds(sql, "SELECT e.path, e.id, e.title, e.date, e.date_text, "
		 "e.mood, e.feelings, e.goals, e.tags, e.ratings, e.prompt, "
		 "e.share, e.private, e.words, e.sum");
	if (match) {
		/* the title weighs most, then tags, feelings, the body */
		buf_adds(sql, ", snippet(fts, -1, ?, ?, '…', 16), "
			 "bm25(fts, 10.0, 1.0, 4.0, 2.0) AS rank "
			 "FROM fts JOIN entries e ON e.n = fts.rowid "
			 "WHERE fts MATCH ?");
		bind_text_at(b, mark[0]);
		bind_text_at(b, mark[1]);
		bind_text_at(b, match);
	} else {
		buf_adds(sql, " FROM entries e WHERE 1");
	}
	/* days as the entries' own clocks read, as list shows them */
	if (f->has_from) {
		buf_adds(sql, " AND e.wall >= ?");
		bind_num_at(b, wall_seconds(f->from));
	}
	if (f->has_to) {
		buf_adds(sql, " AND e.wall <= ?");
		bind_num_at(b, wall_seconds(f->to));
	}
	add_members(sql, b, "tags", &f->tags, 0, words);
	add_members(sql, b, "tags", &f->not_tags, 1, words);
	add_members(sql, b, "goals", &f->goals, 0, words);
	add_members(sql, b, "feelings", &f->feelings, 0, words);
	if (f->mood_lo) {
		buf_adds(sql, " AND e.mood BETWEEN ? AND ?");
		bind_num_at(b, f->mood_lo);
		bind_num_at(b, f->mood_hi);
	}
	if (f->shared)
		buf_adds(sql, " AND e.share");
	if (f->private_only)
		buf_adds(sql, " AND e.private");
	if (f->no_private)
		buf_adds(sql, " AND NOT e.private");
	if (f->cond) {
		buf_addf(sql, " AND (%s)", f->cond);
		for (size_t i = 0; f->cond_texts && i < f->cond_texts->nr; i++)
			bind_text_at(b, f->cond_texts->v[i]);
	}
	buf_adds(sql, match ? " ORDER BY rank, e.date DESC"
		 : oldest_first(f, match) ? " ORDER BY e.date, e.id"
		 : " ORDER BY e.date DESC, e.id DESC");
	if (f->limit >= 0) {
		buf_adds(sql, " LIMIT ?");
		bind_num_at(b, f->limit);
		/* turned around by date and ID, the 4th and 2nd columns */
		if (wrap)
			buf_adds(sql, ") ORDER BY 4, 2");
	} else if (f->cap > 0) {
		buf_adds(sql, " LIMIT ?");	/* one more tells of more */
		bind_num_at(b, f->cap + 1);
	}
}

/*
 * The limits of a search, which FTS5 has none of. Its time grows with
 * the number of phrases (each word outside quotes is one, and so is each
 * "quoted phrase") times their matches, as bm25() and snippet() go
 * through every match of every phrase: in 10,000 entries 64 copies of a
 * common word took 4 s, 32 of them 2 s, and 4,000 took 45 s; a NEAR group
 * of 32 words 2 to 4 s. A long phrase costs little, as few places match
 * all of it (500 words in quotes: 1 s). A prefix (word*) stands for every
 * word that starts so and costs far more: four of "t*" took 2 to 3 s,
 * eight of them 8 s. People search with a few words, or a sentence
 * pasted in quotes; these limits leave room for that and keep the worst
 * search to seconds.
 */
#define SEARCH_MAX_BYTES 1000
#define SEARCH_MAX_PHRASES 32
#define SEARCH_MAX_PREFIXES 4

/* Is c part of a word outside quotes, as FTS5 reads one (a "bareword")? */
static int bareword_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '_' || c == 0x1a || c >= 0x80;
}

/*
 * Count the phrases of an FTS5 query: each word outside quotes but the
 * operators (AND, OR, NOT, NEAR), column names (before ':' or in { })
 * and NEAR's distance (a number after ','), and each quoted phrase; and
 * its prefixes, each '*' outside quotes.
 */
static void count_phrases(const char *match, size_t *phrases,
			  size_t *prefixes)
{
	static const char *const operators[] = { "AND", "OR", "NOT", "NEAR" };
	const char *p = match;
	char last = 0;		/* the last character before p, not a space */
	int braces = 0;

	*phrases = *prefixes = 0;
	while (*p) {
		const char *start = p;
		size_t n;
		int skip;

		if (*p == '"') {
			(*phrases)++;
			/* to its closing quote; "" inside is a quote */
			while (*++p && (*p != '"' || p[1] == '"'))
				p += *p == '"';
			last = '"';
			p += !!*p;
			continue;
		}
		if (!bareword_char((unsigned char)*p)) {
			if (*p == '*')
				(*prefixes)++;
			else if (*p == '{' || *p == '}')
				braces = *p == '{';
			if (*p != ' ')
				last = *p;
			p++;
			continue;
		}
		while (bareword_char((unsigned char)*p))
			p++;
		n = (size_t)(p - start);
		skip = braces || p[strspn(p, " ")] == ':' ||
		       (last == ',' && strspn(start, "0123456789") >= n);
		for (size_t i = 0; i < ARRAY_SIZE(operators); i++)
			if (strlen(operators[i]) == n &&
			    !strncmp(start, operators[i], n))
				skip = 1;
		if (!skip)
			(*phrases)++;
		last = p[-1];
	}
}

int query_check_search(const char *match)
{
	size_t len = strlen(match), phrases, prefixes;

	if (len > SEARCH_MAX_BYTES)
		return error_as(FAIL_USAGE, "cannot search: the search is %zu "
				"bytes long, and at most %d go in one", len,
				SEARCH_MAX_BYTES);
	count_phrases(match, &phrases, &prefixes);
	if (phrases > SEARCH_MAX_PHRASES)
		return error_as(FAIL_USAGE, "cannot search: the search has %zu "
				"words and phrases, and at most %d go in one",
				phrases, SEARCH_MAX_PHRASES);
	if (prefixes > SEARCH_MAX_PREFIXES)
		return error_as(FAIL_USAGE, "cannot search: the search has %zu "
				"prefixes (word*), and at most %d go in one",
				prefixes, SEARCH_MAX_PREFIXES);
	return 0;
}

/* Turn "fts5: syntax error near ..." into words for the user. */
static int bad_search(const char *match, const char *msg)
{
	if (starts_with(msg, "fts5: "))
		msg += 6;
	return error_as(FAIL_USAGE, "cannot read the search '%s': %s (words "
			"with - or ' go in double quotes: '\"self-care\"')",
			match, msg);
}

/* What a query does with each row it finds. */
struct rows {
	int search;
	struct hits *out;			/* collect them here, or */
	int (*fn)(const struct entry *e, void *data);	/* give them here */
	void *data;
	long given;			/* rows handed over so far */
};

/* Take one row: into out, or to fn. Returns 0, or fn's failure. */
static int take_row(sqlite3_stmt *st, struct rows *r)
{
	struct hit one;
	int rc;

	r->given++;
	if (r->out) {
		ALLOC_GROW(r->out->v, r->out->nr + 1, r->out->alloc);
		read_row(st, &r->out->v[r->out->nr++], r->search);
		return 0;
	}
	read_row(st, &one, r->search);
	rc = r->fn(&one.e, r->data);
	entry_release(&one.e);
	free(one.snippet);
	return rc;
}

/*
 * Prepare sql into *st and bind b to it, the texts copied or not as how
 * says (SQLITE_TRANSIENT, SQLITE_STATIC). Returns an SQLite result code.
 */
static int prepare(struct ctx *ctx, const char *sql, const struct binds *b,
		   sqlite3_destructor_type how, sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(ctx->index->db, sql, -1, st, NULL);

	for (size_t i = 0; rc == SQLITE_OK && i < b->nr; i++)
		rc = b->v[i].text ? sqlite3_bind_text(*st, (int)i + 1,
						      b->v[i].text, -1, how)
				  : sqlite3_bind_int64(*st, (int)i + 1,
						       b->v[i].num);
	return rc;
}

/*
 * Run the query once. Returns an SQLite result code, or a negative
 * failure of the row function.
 */
static int run_once(struct ctx *ctx, const char *sql, const struct binds *b,
		    struct rows *r)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare(ctx, sql, b, SQLITE_STATIC, &st);

	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = take_row(st, r);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Run what f and match select through r. A damaged index is built anew
 * and the query run again, once, when no row was handed over yet.
 */
static int run(struct ctx *ctx, const struct filter *f, const char *match,
	       const char *const mark[2], struct rows *r)
{
	struct buf sql = BUF_INIT;
	struct binds b = { NULL, 0, 0 };
	struct strvec words = STRVEC_INIT;
	int rc;

	build(f, match, mark, 0, &sql, &b, &words);
	rc = run_once(ctx, sql.s, &b, r);
	if (rc > 0 && !r->given && ((rc & 0xff) == SQLITE_CORRUPT ||
				    (rc & 0xff) == SQLITE_NOTADB)) {
		warning("the index is damaged; building it again");
		if (r->out)
			hits_clear(r->out);
		index_close(ctx);
		rc = index_open(ctx, INDEX_REBUILD, NULL);
		if (rc < 0)
			goto out;	/* index_open() reported it */
		rc = run_once(ctx, sql.s, &b, r);
	}
	if (rc == SQLITE_OK)
		rc = 0;
	else if (rc < 0)
		;	/* the row function's own failure, reported */
	else if (match && (rc & 0xff) == SQLITE_ERROR)
		rc = bad_search(match, sqlite3_errmsg(ctx->index->db));
	else
		rc = index_error(ctx, "cannot read the index");
out:
	free(b.v);
	strvec_clear(&words);
	buf_release(&sql);
	return rc;
}

int query_each(struct ctx *ctx, const struct filter *f,
	       int (*fn)(const struct entry *e, void *data), void *data)
{
	struct rows r = { 0, NULL, fn, data, 0 };

	return run(ctx, f, NULL, NULL, &r);
}

int query_run(struct ctx *ctx, const struct filter *f, const char *match,
	      const char *const mark[2], struct hits *out)
{
	struct rows r = { !!match, out, NULL, NULL, 0 };
	int rc = run(ctx, f, match, mark, &r);

	if (!rc && f->limit < 0 && f->cap > 0 && out->nr > (size_t)f->cap) {
		entry_release(&out->v[out->nr - 1].e);
		free(out->v[out->nr - 1].snippet);
		out->nr--;
		out->more = 1;
	}
	if (!rc && f->reverse && !oldest_first(f, match)) {
		for (size_t i = 0; i < out->nr / 2; i++) {
			struct hit tmp = out->v[i];

			out->v[i] = out->v[out->nr - 1 - i];
			out->v[out->nr - 1 - i] = tmp;
		}
	}
	return rc;
}

int query_open(struct ctx *ctx, const struct filter *f,
	       struct query_cursor *c)
{
	struct buf sql = BUF_INIT;
	struct binds b = { NULL, 0, 0 };
	struct strvec words = STRVEC_INIT;
	int rc;

	c->ctx = ctx;
	c->st = NULL;
	build(f, NULL, NULL, 1, &sql, &b, &words);
	/* the texts bound are copied, for words is freed here */
	rc = prepare(ctx, sql.s, &b, SQLITE_TRANSIENT, &c->st);
	free(b.v);
	strvec_clear(&words);
	buf_release(&sql);
	return rc == SQLITE_OK ? 0 : index_error(ctx, "cannot read the index");
}

int query_next(struct query_cursor *c, struct hit *h)
{
	int rc = c->st ? sqlite3_step(c->st) : SQLITE_MISUSE;

	hit_release(h);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return index_error(c->ctx, "cannot read the index");
	read_row(c->st, h, 0);
	return 1;
}

void query_close(struct query_cursor *c)
{
	sqlite3_finalize(c->st);
	c->st = NULL;
}

int query_snapshot_begin(struct ctx *ctx)
{
	int rc = sqlite3_exec(ctx->index->db, "BEGIN", NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : index_error(ctx, "cannot read the index");
}

void query_snapshot_end(struct ctx *ctx)
{
	/* it only read: ending it cannot lose anything */
	sqlite3_exec(ctx->index->db, "COMMIT", NULL, NULL, NULL);
}
