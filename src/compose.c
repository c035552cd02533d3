/*
 * Writing a new entry: from the command line, standard input or the
 * user's editor, from a template, checked, saved and committed, never
 * losing what was written. Used by new and review.
 */
#include "compose.h"
#include "care.h"
#include "draft.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "journal.h"
#include "query.h"
#include "stats.h"
#include "goals.h"
#include "slug.h"
#include "store.h"
#include "templates.h"
#include "util.h"
#include "vault.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void compose_init(struct compose *c)
{
	memset(c, 0, sizeof(*c));
	c->verb = "Add entry";
}

void compose_release(struct compose *c)
{
	strvec_clear(&c->feelings);
	strvec_clear(&c->goals);
	strvec_clear(&c->tags);
	strvec_clear(&c->ratings);
	compose_init(c);
}

/* Lists from the options join the lists the entry has already. */
static void add_list(struct entry *e, const char *key,
		     const struct strvec *have, const struct strvec *more)
{
	struct strvec all = STRVEC_INIT;

	if (!more->nr)
		return;
	for (size_t i = 0; i < have->nr; i++)
		strvec_push_unique(&all, have->v[i]);
	for (size_t i = 0; i < more->nr; i++)
		strvec_push_unique(&all, more->v[i]);
	entry_set_list(e, key, &all);
	strvec_clear(&all);
}

/* Put what c says into the entry's front matter. */
static void apply_options(struct entry *e, const struct compose *c)
{
	if (c->title && *c->title)
		entry_set_str(e, "title", c->title);
	if (c->date)
		entry_set_date(e, c->date);
	if (c->mood)
		entry_set_int(e, "mood", c->mood);
	add_list(e, "feelings", &e->feelings, &c->feelings);
	add_list(e, "goals", &e->goals, &c->goals);
	add_list(e, "tags", &e->tags, &c->tags);
	if (c->ratings.nr)
		entry_set_ratings(e, &c->ratings);
	if (c->prompt)
		entry_set_str(e, "prompt", c->prompt);
	if (c->share)
		entry_set_bool(e, "share", 1);
	if (c->private)
		entry_set_bool(e, "private", 1);
}

/* Replace the body of e with text, after a blank line. */
static void set_body(struct entry *e, const char *text, size_t len)
{
	struct buf out = BUF_INIT;

	fm_write(&e->fm, &out);
	e->fm.body_off = out.len;
	if (len && text[0] != '\n' && text[0] != '\r')
		buf_adds(&out, "\n");
	buf_add(&out, text, len);
	if (len && text[len - 1] != '\n')
		buf_addch(&out, '\n');
	buf_release(&e->text);
	e->text = out;
}

/* Parse e->text; report problems against name. Returns 0 or FAIL_INVALID. */
static int parse_or_report(struct entry *e, const char *name, int scale)
{
	struct fm_error err = FM_ERROR_INIT;
	int rc = 0;

	if (entry_parse(e, scale, &err) < 0)
		rc = error_at(name, err.line, err.col, "%s", err.msg.s);
	fm_error_release(&err);
	return rc;
}

/* Put the prompt, quoted, at the top of the body of e. */
static void quote_prompt(struct entry *e, const char *prompt)
{
	struct buf text = BUF_INIT;
	size_t len;
	const char *body = entry_body(e, &len);

	while (len && (*body == '\n' || *body == '\r')) {
		body++;
		len--;
	}
	buf_addf(&text, "> %s\n\n", prompt);
	buf_add(&text, body, len);
	set_body(e, text.s, text.len);
	buf_release(&text);
}

/*
 * Start e from the template name: its body, and its front matter with the
 * keys in the order tend writes them (tend-journal(5)), whatever the order in a
 * journal's own template. Returns 0 or a failure after reporting.
 */
static int from_template(struct entry *e, struct ctx *ctx, const char *name,
			 struct buf *source)
{
	struct entry t;
	const char *body;
	size_t len;
	int rc;

	entry_init(&t);
	if ((rc = template_entry(ctx, name, &t.text, source)) < 0 ||
	    (rc = parse_or_report(&t, source->s, ctx->cfg.mood_scale)) < 0)
		goto out;
	fm_overlay(&e->fm, &t.fm, entry_keys);
	body = entry_body(&t, &len);
	set_body(e, body, len);
	rc = parse_or_report(e, source->s, ctx->cfg.mood_scale);
out:
	entry_release(&t);
	return rc;
}

/* Is the line p[0..n) (its line break included) word alone? */
static int line_is(const char *p, size_t n, const char *word)
{
	size_t w = strlen(word);

	while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' ||
		     p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return n == w && !memcmp(p, word, w);
}

/* How the line of the feelings of late begins (feelings_hint()). */
#define FEELINGS_HINT "# feelings lately:"

/*
 * Append text[0..len) to out without the lines of the front matter that
 * begin as FEELINGS_HINT: the draft's line of the feelings of late is
 * never kept, however it was edited, and whichever way the draft comes
 * back (the editor, or a kept draft given to --stdin).
 */
static void add_without_hint(struct buf *out, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	int in_fm = len >= 3 && !memcmp(text, "---", 3);

	for (size_t k = 0; p < end; k++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (in_fm && k > 0 && (line_is(p, n, "---") ||
				       line_is(p, n, "...")))
			in_fm = 0;	/* its end */
		else if (in_fm && k > 0 && n >= strlen(FEELINGS_HINT) &&
			 !memcmp(p, FEELINGS_HINT, strlen(FEELINGS_HINT))) {
			p += n;
			continue;
		}
		buf_add(out, p, n);
		p += n;
	}
}

/* Read all of standard input (as much as a draft may keep). */
static int read_stdin(struct buf *out)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		buf_add(out, chunk, n);
		if (out->len > DRAFT_MAX_BYTES)
			return error_as(FAIL_INVALID, "standard input is "
					"larger than %d MiB",
					DRAFT_MAX_BYTES >> 20);
	}
	if (ferror(stdin))
		return error("cannot read standard input: %s",
			     strerror(errno));
	return 0;
}

/*
 * Start e from text read on standard input: a text with front matter is
 * taken as it is (its keys over the template's when there is one); plain
 * text becomes the body.
 */
static int start_from_stdin(struct entry *e, const struct buf *input,
			    int template, int scale)
{
	struct entry in;
	const char *body;
	size_t len;
	int rc;

	entry_init(&in);
	add_without_hint(&in.text, input->s, input->len);
	rc = parse_or_report(&in, "<stdin>", scale);
	if (rc)
		goto out;
	body = entry_body(&in, &len);
	if (in.fm.present && !template) {
		buf_release(&e->text);
		e->text = in.text;
		buf_init(&in.text);
	} else {
		if (in.fm.present) {
			fm_overlay(&e->fm, &in.fm, entry_keys);
			if (len && body[0] == '\n') {
				body++;
				len--;
			}
		}
		set_body(e, body, len);
	}
out:
	entry_release(&in);
	return rc;
}

/* What checking a draft of a new entry needs. */
struct draft_check {
	struct entry *e;
	int scale;
};

/* Take the draft as the entry if it reads well (see draft_edit()). */
static int check_draft(const struct draft *d, void *data)
{
	struct draft_check *c = data;

	buf_reset(&c->e->text);
	add_without_hint(&c->e->text, d->text.s, d->text.len);
	return parse_or_report(c->e, d->path.s, c->scale);
}

/* How far back, and how many, the feelings a draft suggests. */
#define FEELING_DAYS 30
#define FEELING_WORDS 8

static int add_feelings(const struct entry *e, void *data)
{
	tallies_add_words(data, e->feelings.v, e->feelings.nr, 0);
	return 0;
}

/*
 * The line a draft shows under feelings:, the journal's feelings of the
 * last FEELING_DAYS, the most written first, into out ("" when none, or
 * when the journal has no index yet).
 */
static void feelings_hint(struct ctx *ctx, struct buf *out)
{
	struct tallies t;
	struct filter f;

	tallies_init(&t, 1);
	filter_init(&f);
	f.has_from = 1;
	f.from = ctx->now - FEELING_DAYS * DAY_SECONDS;
	f.no_private = 1;	/* a new entry may leave the terminal */
	if (index_if_built(ctx) == 0 && query_each(ctx, &f, add_feelings,
						   &t) == 0 && t.nr) {
		tallies_sort(&t, TALLY_COUNT);
		buf_adds(out, FEELINGS_HINT);
		for (size_t i = 0; i < t.nr && i < FEELING_WORDS; i++)
			buf_addf(out, "%s %s", i ? "," : "", t.v[i].name);
		buf_adds(out, " (this line goes when you save)\n");
	}
	filter_release(&f);
	tallies_release(&t);
}

/* Put line into e's front matter after its feelings: line. */
static void add_hint(struct entry *e, const char *line)
{
	const char *at = strstr(e->text.s, "\nfeelings:");
	struct buf text = BUF_INIT;
	size_t off;

	if (!*line || !at || (size_t)(at - e->text.s) >= e->fm.body_off)
		return;
	off = (size_t)(strchrnul(at + 1, '\n') - e->text.s);
	if (e->text.s[off] != '\n')
		return;
	buf_add(&text, e->text.s, off + 1);
	buf_adds(&text, line);
	buf_adds(&text, e->text.s + off + 1);
	buf_release(&e->text);
	e->text = text;
}

/* A key the draft offered and the user left empty is no key. */
static void drop_empty(struct entry *e, const char *key)
{
	const struct fm_item *it = fm_get(&e->fm, key);

	if (it && it->val.kind == FM_NULL)
		entry_unset(e, key);
}

/*
 * Let the user write the entry in the editor, starting from e with the
 * template's body. On success e holds what they wrote. Returns 0 or a
 * failure of draft_edit() (which has said what happened to the draft).
 */
static int compose(struct entry *e, struct draft *d, struct ctx *ctx,
		   const struct buf *tmpl)
{
	struct draft_check check = { e, ctx->cfg.mood_scale };
	struct buf hint = BUF_INIT;
	struct datetime now;
	int rc;

	/* a mood and feelings to fill in, and the feelings of late */
	if (!fm_get(&e->fm, "title"))
		fm_set(&e->fm, "title", "", entry_keys);
	if (!fm_get(&e->fm, "date")) {
		datetime_local(ctx->now, &now);
		entry_set_date(e, &now);
	}
	if (!fm_get(&e->fm, "mood"))
		fm_set(&e->fm, "mood", "", entry_keys);
	if (!fm_get(&e->fm, "feelings"))
		fm_set(&e->fm, "feelings", "", entry_keys);
	/* the template's body, or a blank line to write under */
	set_body(e, tmpl->len ? tmpl->s : "\n", tmpl->len ? tmpl->len : 1);
	feelings_hint(ctx, &hint);
	add_hint(e, hint.s);
	if (draft_create(d, ctx, "new", e->text.s, e->text.len) < 0) {
		buf_release(&hint);
		return FAIL;
	}
	rc = draft_edit(d, ctx, check_draft, &check);
	if (!rc && !draft_changed(d))
		rc = check_draft(d, &check);
	if (!rc) {
		drop_empty(e, "mood");
		drop_empty(e, "feelings");
	}
	buf_release(&hint);
	return rc;
}

/*
 * The title e has in its front matter, or NULL: not one made up from
 * its mood and feelings (a check-in's), which can change.
 */
static const char *own_title(const struct entry *e)
{
	const struct fm_item *t = fm_get(&e->fm, "title");

	return t && t->val.kind != FM_NULL ? e->title : NULL;
}

void compose_base_id(const struct ctx *ctx, const struct datetime *date,
		     const char *name, struct buf *base)
{
	const struct tm *w = &date->wall;

	buf_addf(base, "%04d-%02d-%02d-%02d%02d", w->tm_year + 1900,
		 w->tm_mon + 1, w->tm_mday, w->tm_hour, w->tm_min);
	if (!ctx->encrypted) {
		buf_addch(base, '-');
		slug_make(name, base);
	}
}

void compose_id_path(const struct ctx *ctx, const struct datetime *date,
		     const char *base, int n, struct buf *id,
		     struct buf *path)
{
	const struct tm *w = &date->wall;

	buf_reset(id);
	buf_adds(id, base);
	if (n > 1)
		buf_addf(id, "-%d", n);
	buf_reset(path);
	buf_addf(path, "entries/%04d/%02d/%s%s", w->tm_year + 1900,
		 w->tm_mon + 1, id->s, vault_md(ctx));
}

/*
 * Choose a free path entries/YYYY/MM/ID.md for e (ID clashes get -2,
 * -3, ...), with the journal locked. Fills id and path. In an encrypted
 * journal the ID is the date and time alone, YYYY-MM-DD-HHMM, and the
 * file ID.md.age: no word of the title is in its name.
 */
static int choose_path(struct ctx *ctx, const struct entry *e,
		       struct buf *id, struct buf *path)
{
	struct buf base = BUF_INIT, full = BUF_INIT;
	int rc = FAIL;

	/* a check-in's name says nothing of it */
	compose_base_id(ctx, &e->date, own_title(e) ? e->title :
			e->title ? "check-in" : "entry", &base);
	for (int n = 1; n < COMPOSE_MAX_CLASH; n++) {
		compose_id_path(ctx, &e->date, base.s, n, id, path);
		path_join(&full, ctx->root, path->s);
		if (!fs_exists(full.s)) {
			rc = 0;
			break;
		}
	}
	if (rc < 0)
		error("no free name for '%s'", base.s);
	buf_release(&base);
	buf_release(&full);
	return rc;
}

/*
 * Write the entry into the journal and commit it as "VERB: TITLE". Sets
 * *written once the file is in the journal. Returns 0 or a failure.
 */
static int save_entry(struct ctx *ctx, struct entry *e, const char *verb,
		      struct buf *id, int *written)
{
	struct buf path = BUF_INIT, msg = BUF_INIT;
	struct strvec paths = STRVEC_INIT;
	int rc, committed;

	*written = 0;
	if ((rc = journal_lock(ctx)) < 0)
		goto out;
	if ((rc = choose_path(ctx, e, id, &path)) < 0 ||
	    (rc = vault_write(ctx, path.s, e->text.s, e->text.len)) < 0)
		goto out;
	*written = 1;
	strvec_push(&paths, path.s);
	/* an encrypted journal's messages name no title */
	buf_addf(&msg, "%s: %s", verb,
		 own_title(e) && !ctx->encrypted ? e->title : id->s);
	rc = store_commit(ctx, &paths, msg.s, &committed);
	if (rc < 0)
		error("the entry is saved in '%s' but not committed; "
		      "'tend save' commits it", path.s);
	else
		index_note(ctx, path.s);
out:
	journal_unlock(ctx);
	strvec_clear(&paths);
	buf_release(&path);
	buf_release(&msg);
	return rc;
}

/*
 * Give e a title from its body (the first words that are not the
 * template's) and a date (now) when it has none.
 */
static void complete(struct entry *e, const struct ctx *ctx,
		     const struct buf *tmpl)
{
	const struct fm_item *t = fm_get(&e->fm, "title");
	struct datetime now;

	if (!t || t->val.kind == FM_NULL) {
		struct buf title = BUF_INIT;
		size_t len;
		const char *body = entry_body(e, &len);

		entry_title_from_body(body, len, tmpl->s, tmpl->len, &title);
		if (title.len)
			entry_set_str(e, "title", title.s);
		else if (t)
			entry_unset(e, "title");
		buf_release(&title);
	}
	if (!fm_get(&e->fm, "date")) {
		datetime_local(ctx->now, &now);
		entry_set_date(e, &now);
	}
}

/*
 * When the words cannot be kept in a draft either (the disk is full),
 * the terminal is the last place that has them: they go to stderr,
 * between lines that say where they begin and end.
 */
static void show_kept(const struct buf *text)
{
	fputs("tend: your text could not be kept in a file either; here it "
	      "is, to copy:\n", stderr);
	fwrite(text->s, 1, text->len, stderr);
	if (text->s[text->len - 1] != '\n')
		fputc('\n', stderr);
	fputs("tend: (end of your text)\n", stderr);
}

int compose_entry(struct ctx *ctx, const struct compose *c, struct buf *id)
{
	struct entry e;
	struct draft d = DRAFT_INIT;
	struct buf tmpl = BUF_INIT, source = BUF_INIT, input = BUF_INIT;
	const struct buf *keeping = NULL;	/* the words to keep */
	const char *body, *name;
	size_t len;
	unsigned *reached = NULL;	/* milestones before this entry */
	int rc = 0, written = 0;

	entry_init(&e);
	buf_reset(id);
	if (c->template && (rc = from_template(&e, ctx, c->template,
					       &source)) < 0)
		goto out;
	/* what the entry starts from: the prompt quoted, the template */
	body = entry_body(&e, &len);
	if (c->prompt)		/* a blank line ends the quote */
		buf_addf(&tmpl, "\n> %s\n%s", c->prompt,
			 len && body[0] == '\n' ? "" : "\n");
	buf_add(&tmpl, body, len);

	/* from here on the user's words are kept if anything goes wrong */
	if (c->use_stdin) {
		keeping = &input;
		if ((rc = read_stdin(&input)) < 0 ||
		    (rc = start_from_stdin(&e, &input, !!c->template,
					   ctx->cfg.mood_scale)) < 0)
			goto keep;
		if (c->prompt)
			quote_prompt(&e, c->prompt);
	} else if (c->message) {
		struct buf text = BUF_INIT;

		if (c->prompt)
			buf_addf(&text, "> %s\n\n", c->prompt);
		buf_adds(&text, c->message);
		set_body(&e, text.s, text.len);
		buf_release(&text);
	} else if (c->prompt) {
		set_body(&e, tmpl.s, tmpl.len);
	}
	keeping = &e.text;
	if ((rc = parse_or_report(&e, "<new entry>", ctx->cfg.mood_scale)))
		goto keep;
	apply_options(&e, c);
	if (!c->message && !c->use_stdin && !c->no_edit &&
	    (rc = compose(&e, &d, ctx, &tmpl)) < 0)
		goto out;	/* draft_edit() told of the draft */
	if (!c->no_edit && !c->keep_empty &&
	    entry_body_is_empty(&e, tmpl.s, tmpl.len)) {
		fputs("tend: the entry is empty; nothing was saved\n", stderr);
		draft_remove(&d);
		goto out;
	}
	complete(&e, ctx, &tmpl);
	name = d.path.len ? d.path.s : "<new entry>";
	if ((rc = parse_or_report(&e, name, ctx->cfg.mood_scale)) < 0)
		goto keep;
	reached = xcalloc(e.goals.nr + 1, sizeof(*reached));
	goals_reached(ctx, &e.goals, reached);
	if ((rc = save_entry(ctx, &e, c->verb, id, &written)) < 0)
		goto keep;
	draft_remove(&d);
	/*
	 * a very low day gets kindness, not milestones: those wait; the
	 * reply answers a mood, not a note without one on such a day
	 */
	if (care_is_low(ctx, &e)) {
		if (e.mood)
			care_reply(ctx);
		care_hold_milestones(ctx, &e.goals, reached);
	} else {
		goals_announce(ctx, &e.goals, reached);
		care_announce_held(ctx);
	}
	goto out;
keep:
	/* never lose what was written: keep it as a draft and say where */
	if (written) {
		draft_remove(&d);	/* it is in the journal's folder */
	} else if (d.path.len) {
		draft_say_kept(&d);
	} else if (keeping && keeping->len) {
		if (!draft_create(&d, ctx, "new", keeping->s, keeping->len))
			draft_say_kept(&d);
		else
			show_kept(keeping);
	}
out:
	free(reached);
	entry_release(&e);
	draft_release(&d);
	buf_release(&tmpl);
	buf_release(&source);
	buf_release(&input);
	return rc;
}
