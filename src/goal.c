#include "goal.h"
#include "entry.h"
#include "slug.h"
#include "util.h"
#include "vault.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

const char *const goal_keys[] = {
	"id", "title", "status", "started", "target", "achieved", "topics", NULL
};

const char *const goal_statuses[] = {
	"active", "achieved", "paused", "dropped", NULL
};

void goal_init(struct goal *g)
{
	memset(g, 0, sizeof(*g));
	buf_init(&g->text);
	fm_init(&g->fm);
}

/* Forget what was read from the text (but not id, path, text). */
static void clear_fields(struct goal *g)
{
	free(g->title);
	free(g->status);
	g->title = g->status = NULL;
	strvec_clear(&g->topics);
	g->has_started = g->has_target = g->has_achieved = 0;
}

void goal_release(struct goal *g)
{
	clear_fields(g);
	free(g->id);
	free(g->path);
	buf_release(&g->text);
	fm_release(&g->fm);
	goal_init(g);
}

/* Read a date key into dt; *has is set when there is one. */
static int read_date(const struct fm_item *it, struct datetime *dt,
		     int *has, struct fm_error *err)
{
	const struct fm_value *v = &it->val;

	*has = 0;
	if (v->kind == FM_NULL)
		return 0;
	if (v->kind != FM_SCALAR || datetime_parse(v->str, dt) < 0)
		return fm_value_error(err, v, "%s must be a date like "
				      "2026-11-22", it->key);
	*has = 1;
	return 0;
}

static int read_item(struct goal *g, const struct fm_item *it,
		     struct fm_error *err)
{
	const struct fm_value *v = &it->val;
	const char *k = it->key;

	if (!strcmp(k, "id")) {
		/* a plain journal's goal is named by its file */
		if (g->id || v->kind == FM_NULL)
			return 0;
		if (v->kind != FM_SCALAR || !*v->str)
			return fm_value_error(err, v, "id must be the goal's "
					      "ID");
		g->id = xstrdup(v->str);
	} else if (!strcmp(k, "title")) {
		if (v->kind == FM_NULL)
			return 0;
		if (v->kind != FM_SCALAR)
			return fm_value_error(err, v, "title must be text");
		g->title = xstrdup(v->str);
	} else if (!strcmp(k, "status")) {
		if (v->kind == FM_NULL)
			return 0;
		for (int i = 0; v->kind == FM_SCALAR && goal_statuses[i]; i++)
			if (!strcmp(v->str, goal_statuses[i])) {
				g->status = xstrdup(v->str);
				return 0;
			}
		return fm_value_error(err, v, "status must be active, "
				      "achieved, paused or dropped");
	} else if (!strcmp(k, "started")) {
		return read_date(it, &g->started, &g->has_started, err);
	} else if (!strcmp(k, "target")) {
		return read_date(it, &g->target, &g->has_target, err);
	} else if (!strcmp(k, "achieved")) {
		return read_date(it, &g->achieved, &g->has_achieved, err);
	} else if (!strcmp(k, "topics")) {
		return fm_read_list(it, &g->topics, err);
	}
	return 0;
}

int goal_parse(struct goal *g, struct fm_error *err)
{
	clear_fields(g);
	if (g->text.len > ENTRY_MAX_BYTES) {
		err->line = err->col = 1;
		buf_addf(&err->msg, "goal is larger than %d MiB",
			 ENTRY_MAX_BYTES >> 20);
		return -1;
	}
	if (fm_check_text(g->text.s, g->text.len, err) < 0 ||
	    fm_parse(&g->fm, g->text.s, g->text.len, err) < 0 ||
	    fm_check_keys(&g->fm, goal_keys, err) < 0)
		return -1;
	for (size_t i = 0; i < g->fm.nr; i++)
		if (read_item(g, &g->fm.items[i], err) < 0)
			return -1;
	if (!g->status)
		g->status = xstrdup("active");
	if (!g->title && g->id)
		g->title = xstrdup(g->id);
	return 0;
}

void goal_set(struct goal *g, const char *key, const char *value)
{
	struct buf out = BUF_INIT;
	size_t off = g->fm.body_off <= g->text.len ? g->fm.body_off : 0;

	if (value)
		fm_set(&g->fm, key, value, goal_keys);
	else
		fm_unset(&g->fm, key);
	fm_write(&g->fm, &out);
	buf_add(&out, g->text.s + off, g->text.len - off);
	g->fm.body_off = out.len - (g->text.len - off);
	buf_release(&g->text);
	g->text = out;
}

void goal_new(struct goal *g, const char *id, const char *title,
	      time_t started, const time_t *target,
	      const struct strvec *topics, const char *why,
	      const char *success)
{
	struct buf v = BUF_INIT;

	g->id = xstrdup(id);
	buf_addf(&v, "goals/%s.md", id);
	g->path = buf_detach(&v, NULL);
	buf_adds(&g->text, "\n## " GOAL_WHY "\n\n");
	if (why && *why)
		buf_addf(&g->text, "%s\n\n", why);
	buf_adds(&g->text, "## " GOAL_SUCCESS "\n");
	if (success && *success)
		buf_addf(&g->text, "\n%s\n", success);
	fm_init(&g->fm);
	g->fm.body_off = 0;
	fm_quote(title, 0, &v);
	goal_set(g, "title", v.s);
	goal_set(g, "status", "active");
	buf_reset(&v);
	day_format(started, &v);
	goal_set(g, "started", v.s);
	if (target) {
		buf_reset(&v);
		day_format(*target, &v);
		goal_set(g, "target", v.s);
	}
	if (topics->nr) {
		buf_reset(&v);
		fm_quote_list(topics, &v);
		goal_set(g, "topics", v.s);
	}
	buf_release(&v);
}

/* A block of a goal's body, as cmark reads it: its lines, 1-based. */
struct block {
	int level;		/* a heading's, or 0: not a heading */
	int first, last;
	int cut;		/* a heading over nothing: left out */
};

/*
 * Does the heading blocks[i] head nothing: are the blocks after it, up
 * to the next heading of its level or above, headings alone?
 */
static int heads_nothing(const struct block *blocks, size_t nr, size_t i)
{
	for (size_t j = i + 1; j < nr; j++) {
		if (!blocks[j].level)
			return 0;
		if (blocks[j].level <= blocks[i].level)
			break;
	}
	return 1;
}

/*
 * The blocks at the top level of the Markdown md[0..len), in order,
 * into *blocks (the caller frees it), the headings over nothing marked
 * cut; returns how many.
 */
static size_t body_blocks(const char *md, size_t len, struct block **blocks)
{
	cmark_node *doc = cmark_parse_document(md, len,
					       CMARK_OPT_VALIDATE_UTF8);
	size_t nr = 0, alloc = 0;

	*blocks = NULL;
	for (cmark_node *n = cmark_node_first_child(doc); n;
	     n = cmark_node_next(n)) {
		struct block *b;

		ALLOC_GROW(*blocks, nr + 1, alloc);
		b = &(*blocks)[nr++];
		b->level = cmark_node_get_type(n) == CMARK_NODE_HEADING ?
			   cmark_node_get_heading_level(n) : 0;
		b->first = cmark_node_get_start_line(n);
		b->last = cmark_node_get_end_line(n);
	}
	cmark_node_free(doc);
	/* linear: a heading is passed over by one of each level above */
	for (size_t i = 0; i < nr; i++)
		(*blocks)[i].cut = (*blocks)[i].level &&
				   heads_nothing(*blocks, nr, i);
	return nr;
}

/* The length of the line at s[0..len), its line break included. */
static size_t line_len(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] != '\n' && s[i] != '\r')
		i++;
	if (i < len && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
		i++;
	return i < len ? i + 1 : i;
}

void goal_body(const struct goal *g, struct buf *out)
{
	size_t off = g->fm.body_off <= g->text.len ? g->fm.body_off : 0;
	const char *md = g->text.s + off;
	size_t len = g->text.len - off, nr, k = 0, at = 0;
	struct block *blocks;
	int line = 1, after_cut = 0;

	buf_reset(out);
	nr = body_blocks(md, len, &blocks);
	while (at < len) {
		size_t n = line_len(md + at, len - at);
		int blank = is_blank(md + at, n);

		while (k < nr && (!blocks[k].cut || blocks[k].last < line))
			k++;
		if (k < nr && blocks[k].first <= line) {
			/* a heading over nothing, and the blank lines after */
			after_cut = 1;
		} else if (!blank || (!after_cut && out->len)) {
			after_cut = 0;
			buf_add(out, md + at, n);
		}
		at += n;
		line++;
	}
	while (out->len && is_blank(out->s + out->len - 1, 1))
		buf_setlen(out, out->len - 1);
	if (out->len)
		buf_addch(out, '\n');
	free(blocks);
}

int goal_text_set_id(const char *text, size_t len, const char *id,
		     struct buf *out, struct fm_error *err)
{
	struct fm fm;
	struct buf v = BUF_INIT;
	int rc = -1;

	fm_init(&fm);
	buf_reset(out);
	if (fm_parse(&fm, text, len, err) < 0)
		goto out;
	fm_quote(id, 0, &v);
	fm_set(&fm, "id", v.s, goal_keys);
	fm_write(&fm, out);
	buf_add(out, text + fm.body_off, len - fm.body_off);
	rc = 0;
out:
	fm_release(&fm);
	buf_release(&v);
	return rc;
}

/*
 * Is fm a block of id: alone, as fm_set() makes one where there was no
 * block: its "---" lines around it and nothing else?
 */
static int bare_id_block(const struct fm *fm)
{
	struct buf line = BUF_INIT;
	int bare;

	buf_addf(&line, "---%s", fm->eol);
	bare = fm->nr == 1 && !strcmp(fm->items[0].key, "id") &&
	       !fm->items[0].trailer.len && !strcmp(fm->open.s, line.s) &&
	       !strcmp(fm->close.s, line.s);
	buf_release(&line);
	return bare;
}

int goal_text_take_id(const char *text, size_t len, struct buf *id,
		      struct buf *out, struct fm_error *err)
{
	struct fm fm;
	const struct fm_item *it;
	int rc = -1;

	fm_init(&fm);
	buf_reset(id);
	buf_reset(out);
	if (fm_parse(&fm, text, len, err) < 0)
		goto out;
	it = fm_get(&fm, "id");
	if (it && it->val.kind == FM_SCALAR)
		buf_adds(id, it->val.str);
	if (!bare_id_block(&fm)) {
		fm_unset(&fm, "id");
		fm_write(&fm, out);
	}
	buf_add(out, text + fm.body_off, len - fm.body_off);
	rc = 0;
out:
	fm_release(&fm);
	return rc;
}

int goal_parse_file(const struct ctx *ctx, const char *rel, struct goal *g,
		    struct fm_error *err)
{
	struct buf want = BUF_INIT;
	int rc = -1;

	free(g->id);
	free(g->path);
	g->path = xstrdup(rel);
	g->id = ctx->encrypted ? NULL : entry_path_id(rel);
	if (goal_parse(g, err) < 0)
		goto out;
	if (!ctx->encrypted) {
		rc = 0;
	} else if (!g->id) {
		err->line = err->col = 1;
		buf_adds(&err->msg, "no id: an encrypted journal's goal file "
			 "names its goal in its front matter (id: GOAL)");
	} else if (!slug_valid(g->id)) {
		/* it names files (goal pages) and must stay in their folder */
		fm_value_error(err, &fm_get(&g->fm, "id")->val, "id must be "
			       "lowercase words joined by '-', as a goal's "
			       "ID is");
	} else if (vault_goal_path(ctx, g->id, &want) < 0) {
		err->line = err->col = 1;
		buf_adds(&err->msg, "cannot be read: the journal is locked");
	} else if (strcmp(want.s, rel)) {
		/* g->id is the id: there is */
		fm_value_error(err, &fm_get(&g->fm, "id")->val, "the goal '%s' "
			       "belongs in %s: move this file there (git mv), "
			       "or delete it if it is a copy", g->id, want.s);
	} else {
		rc = 0;
	}
out:
	buf_release(&want);
	return rc;
}

int goal_place(const struct ctx *ctx, struct goal *g)
{
	struct buf path = BUF_INIT, v = BUF_INIT;
	int rc;

	if ((rc = vault_goal_path(ctx, g->id, &path)) < 0)
		goto out;
	free(g->path);
	g->path = buf_detach(&path, NULL);
	if (ctx->encrypted) {
		fm_quote(g->id, 0, &v);
		goal_set(g, "id", v.s);
	}
out:
	buf_release(&path);
	buf_release(&v);
	return rc;
}

void goal_set_status(struct goal *g, const char *status, time_t now)
{
	goal_set(g, "status", status);
	if (!strcmp(status, "achieved")) {
		struct buf v = BUF_INIT;

		day_format(now, &v);
		goal_set(g, "achieved", v.s);
		buf_release(&v);
	} else if (g->has_achieved) {
		goal_set(g, "achieved", NULL);
	}
}
