/*
 * A libFuzzer target of frontmatter.c and entry.c: the input is an entry
 * file, read as tend reads one (entry_parse()). Text that reads must
 * come back byte for byte when its front matter is written out
 * unchanged; and when tend sets each known key to the value it read (as
 * edit, review and import do), the file must read again with the same
 * values and the same body. Text that does not read must say where.
 */
#include "entry.h"
#include "frontmatter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The ID the file has: it gives the date when the text has none. */
#define ID "2026-11-22-2114-fuzz"

/* Read text as an entry into e; 0, or -1 with a place for the problem. */
static int parse(struct entry *e, const char *text, size_t len)
{
	struct fm_error err = FM_ERROR_INIT;
	int rc;

	entry_init(e);
	e->id = strdup(ID);
	buf_add(&e->text, text, len);
	rc = entry_parse(e, 10, &err);
	if (rc < 0 && (err.line < 1 || err.col < 1 || !err.msg.len))
		abort();
	fm_error_release(&err);
	return rc;
}

/* The front matter written out unchanged, and the body: the same bytes. */
static void check_round_trip(const char *text, size_t len)
{
	struct fm fm;
	struct fm_error err = FM_ERROR_INIT;
	struct buf out = BUF_INIT;

	fm_init(&fm);
	if (fm_parse(&fm, text, len, &err) == 0) {
		fm_write(&fm, &out);
		if (fm.body_off > len)
			abort();
		buf_add(&out, text + fm.body_off, len - fm.body_off);
		if (out.len != len || memcmp(out.s, text, len))
			abort();
	}
	fm_release(&fm);
	fm_error_release(&err);
	buf_release(&out);
}

/* A copy of a list, so that setting a key never reads what it frees. */
static void copy_list(struct strvec *to, const struct strvec *from)
{
	for (size_t i = 0; i < from->nr; i++)
		strvec_push(to, from->v[i]);
}

static int same_list(const struct strvec *a, const struct strvec *b)
{
	if (a->nr != b->nr)
		return 0;
	for (size_t i = 0; i < a->nr; i++)
		if (strcmp(a->v[i], b->v[i]))
			return 0;
	return 1;
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/*
 * Set every known key of e to what e read, then read the result again:
 * the values and the body must be as they were.
 */
static void check_rewrite(struct entry *e)
{
	struct strvec feelings = STRVEC_INIT, goals = STRVEC_INIT;
	struct strvec tags = STRVEC_INIT, ratings = STRVEC_INIT;
	char *title = e->title ? strdup(e->title) : NULL;
	char *prompt = e->prompt ? strdup(e->prompt) : NULL;
	struct buf body = BUF_INIT;
	struct entry again;
	const char *b;
	size_t blen;

	b = entry_body(e, &blen);
	buf_add(&body, b, blen);
	copy_list(&feelings, &e->feelings);
	copy_list(&goals, &e->goals);
	copy_list(&tags, &e->tags);
	copy_list(&ratings, &e->ratings);
	if (title)
		entry_set_str(e, "title", title);
	if (e->has_date) {
		struct datetime dt = e->date;

		entry_set_date(e, &dt);
	}
	if (e->mood)
		entry_set_int(e, "mood", e->mood);
	entry_set_list(e, "feelings", &feelings);
	entry_set_list(e, "goals", &goals);
	entry_set_list(e, "tags", &tags);
	if (ratings.nr)
		entry_set_ratings(e, &ratings);
	if (prompt)
		entry_set_str(e, "prompt", prompt);
	entry_set_bool(e, "share", e->share);
	entry_set_bool(e, "private", e->private);

	if (parse(&again, e->text.s, e->text.len) < 0)
		abort();
	b = entry_body(&again, &blen);
	if (blen != body.len || memcmp(b, body.s, blen))
		abort();
	if (!same_str(again.title, title) || !same_str(again.prompt, prompt) ||
	    again.has_date != e->has_date ||
	    (e->has_date && again.date.t != e->date.t) ||
	    again.mood != e->mood || again.share != e->share ||
	    again.private != e->private ||
	    !same_list(&again.feelings, &feelings) ||
	    !same_list(&again.goals, &goals) ||
	    !same_list(&again.tags, &tags) ||
	    !same_list(&again.ratings, &ratings))
		abort();
	entry_release(&again);
	strvec_clear(&feelings);
	strvec_clear(&goals);
	strvec_clear(&tags);
	strvec_clear(&ratings);
	free(title);
	free(prompt);
	buf_release(&body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct entry e;

	if (parse(&e, text, size) == 0) {
		check_round_trip(text, size);
		check_rewrite(&e);
	}
	entry_release(&e);
	return 0;
}
