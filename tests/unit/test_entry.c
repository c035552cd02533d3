/*
 * Unit tests of reading entries (src/entry.h), tend-journal(5) and
 * tend-list(1): the known keys and their checks with the position of a bad
 * value, the fallbacks for title and date, word counts, empty bodies, titles
 * made from a body, the JSON object of an entry, and aliases added. Runs
 * with TZ=UTC.
 */
#include "entry.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"

/* A check named by the caller, for checks made in loops. */
#define CHECK_AT(cond, what) \
	unit_check(!!(cond), (what), __FILE__, __LINE__)

/*
 * Fill e (initialised or released) with text and id, and parse it with
 * the mood scale. Returns what entry_parse returns; err holds the error.
 */
static int parse(struct entry *e, const char *id, const char *text,
		 int scale, struct fm_error *err)
{
	entry_release(e);
	fm_error_release(err);
	err->line = err->col = 0;
	if (id)
		e->id = xstrdup(id);
	buf_adds(&e->text, text);
	return entry_parse(e, scale, err);
}

/* The entry's date as RFC 3339, in a static buffer. */
static const char *date_of(const struct entry *e)
{
	static char s[64];
	struct buf b = BUF_INIT;

	datetime_format(&e->date, &b);
	snprintf(s, sizeof(s), "%s", b.s);
	buf_release(&b);
	return s;
}

/* text is refused at line:col with a message that holds needle. */
static void expect_bad(const char *what, const char *text, int scale,
		       int line, int col, const char *needle)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;
	struct buf name = BUF_INIT;
	int rc;

	entry_init(&e);
	rc = parse(&e, NULL, text, scale, &err);
	buf_addf(&name, "%s: refused", what);
	CHECK_AT(rc == -1, name.s);
	buf_reset(&name);
	buf_addf(&name, "%s: at %d:%d", what, line, col);
	if (!CHECK_AT(err.line == line && err.col == col, name.s))
		printf("#   got %d:%d: %s\n", err.line, err.col, err.msg.s);
	buf_reset(&name);
	buf_addf(&name, "%s: message holds '%s'", what, needle);
	if (!CHECK_AT(err.msg.len && strstr(err.msg.s, needle), name.s))
		printf("#   got: '%s'\n", err.msg.s);
	entry_release(&e);
	fm_error_release(&err);
	buf_release(&name);
}

static void test_mood(void)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;

	entry_init(&e);
	CHECK(parse(&e, NULL, "---\nmood: 7\n---\n", 10, &err) == 0);
	CHECK_INT(e.mood, 7);
	CHECK(parse(&e, NULL, "---\nmood: 1\n---\n", 10, &err) == 0);
	CHECK_INT(e.mood, 1);
	CHECK(parse(&e, NULL, "---\nmood: 10\n---\n", 10, &err) == 0);
	CHECK_INT(e.mood, 10);
	CHECK(parse(&e, NULL, "---\nmood: 5\n---\n", 5, &err) == 0);
	CHECK_INT(e.mood, 5);
	CHECK(parse(&e, NULL, "---\nmood: \"4\"\n---\n", 10, &err) == 0);
	CHECK_INT(e.mood, 4);
	CHECK(parse(&e, NULL, "---\nmood:\n---\n", 10, &err) == 0);
	CHECK_INT(e.mood, 0);
	CHECK(parse(&e, NULL, "---\ntitle: x\n---\n", 10, &err) == 0);
	CHECK_INT(e.mood, 0);
	entry_release(&e);
	fm_error_release(&err);

	expect_bad("mood over the scale", "---\ntitle: t\nmood: 11\n---\n",
		   10, 3, 7, "from 1 to 10");
	expect_bad("mood over a scale of 5", "---\nmood: 6\n---\n", 5, 2, 7,
		   "from 1 to 5");
	expect_bad("mood 0", "---\nmood: 0\n---\n", 10, 2, 7, "mood");
	expect_bad("mood negative", "---\nmood: -3\n---\n", 10, 2, 7, "mood");
	expect_bad("mood abc", "---\ntitle: t\nmood: abc\n---\n", 10, 3, 7,
		   "whole number");
	expect_bad("mood 4.5", "---\nmood:   4.5\n---\n", 10, 2, 9, "mood");
	expect_bad("mood huge", "---\nmood: 99999999999999999999\n---\n",
		   10, 2, 7, "mood");
	expect_bad("mood as a list", "---\nmood: [4]\n---\n", 10, 2, 7,
		   "mood");
	expect_bad("mood on a CRLF line", "---\r\ntitle: t\r\n\r\n"
		   "mood: 12\r\n---\r\n", 10, 4, 7, "mood");
	expect_bad("mood after a BOM", "\xef\xbb\xbf---\nmood: x\n---\n", 10,
		   2, 7, "mood");
}

static void test_dates(void)
{
	static const struct {
		const char *text, *want;
		int has_time;
	} good[] = {
		{ "2026-11-22T21:14:00+01:00", "2026-11-22T21:14:00+01:00", 1 },
		{ "2026-11-22T21:14:00-05:30", "2026-11-22T21:14:00-05:30", 1 },
		{ "2026-11-22T21:14:00Z", "2026-11-22T21:14:00+00:00", 1 },
		{ "2026-11-22", "2026-11-22T00:00:00+00:00", 0 },
		{ "2026-11-22 21:14", "2026-11-22T21:14:00+00:00", 1 },
		{ "2026-11-22 21:14:05", "2026-11-22T21:14:05+00:00", 1 },
		{ "2026-11-22T21:14", "2026-11-22T21:14:00+00:00", 1 },
		{ "\"2026-02-29\"", NULL, 0 },
		{ "'2028-02-29'", "2028-02-29T00:00:00+00:00", 0 },
		{ NULL, NULL, 0 }
	};
	static const char *const bad[] = {
		"22/11/2026", "2026-13-01", "2026-02-30", "2026-11-22T25:00",
		"yesterday", "2026-11-22 21", "2026-11-22junk", "2026-11",
		"2026-11-22T21:14:00+1", "[2026-11-22]", "20261122",
		"2026-11-22T21:60", NULL
	};
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;
	struct buf text = BUF_INIT, what = BUF_INIT;

	entry_init(&e);
	for (int i = 0; good[i].text; i++) {
		int rc;

		buf_reset(&text);
		buf_addf(&text, "---\ndate: %s\n---\n", good[i].text);
		rc = parse(&e, NULL, text.s, 10, &err);
		buf_reset(&what);
		buf_addf(&what, "date %s is %s", good[i].text,
			 good[i].want ? "read" : "refused");
		if (!good[i].want) {
			/* 2026 is not a leap year */
			CHECK_AT(rc == -1 && err.line == 2 && err.col == 7,
				 what.s);
			continue;
		}
		if (!CHECK_AT(rc == 0 && e.has_date, what.s))
			continue;
		buf_reset(&what);
		buf_addf(&what, "date %s reads as %s", good[i].text,
			 good[i].want);
		if (!CHECK_AT(!strcmp(date_of(&e), good[i].want), what.s))
			printf("#   got: %s\n", date_of(&e));
		buf_reset(&what);
		buf_addf(&what, "date %s has a time: %d", good[i].text,
			 good[i].has_time);
		CHECK_AT(e.date.has_time == good[i].has_time, what.s);
	}
	for (int i = 0; bad[i]; i++) {
		buf_reset(&text);
		buf_addf(&text, "---\ntitle: t\ndate:  %s\n---\n", bad[i]);
		buf_reset(&what);
		buf_addf(&what, "date %s", bad[i]);
		expect_bad(what.s, text.s, 10, 3, 8, "date must look like");
	}
	CHECK(parse(&e, NULL, "---\ndate:\n---\n", 10, &err) == 0);
	CHECK_INT(e.has_date, 0);
	entry_release(&e);
	fm_error_release(&err);
	buf_release(&text);
	buf_release(&what);
}

static void test_booleans(void)
{
	static const struct {
		const char *text;
		int want;
	} vals[] = {
		{ "true", 1 }, { "false", 0 }, { "yes", 1 }, { "no", 0 },
		{ "True", 1 }, { "NO", 0 }, { "on", 1 }, { "off", 0 },
		{ "", 0 }, { NULL, 0 }
	};
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;
	struct buf text = BUF_INIT, what = BUF_INIT;

	entry_init(&e);
	for (int i = 0; vals[i].text; i++) {
		int rc;

		buf_reset(&text);
		buf_addf(&text, "---\nshare: %s\nprivate: %s\n---\n",
			 vals[i].text, vals[i].text);
		rc = parse(&e, NULL, text.s, 10, &err);
		buf_reset(&what);
		buf_addf(&what, "share and private '%s' are %d", vals[i].text,
			 vals[i].want);
		CHECK_AT(rc == 0 && e.share == vals[i].want &&
			 e.private == vals[i].want, what.s);
	}
	CHECK(parse(&e, NULL, "---\nshare: true\nprivate: false\n---\n", 10,
		    &err) == 0);
	CHECK(e.share == 1 && e.private == 0);
	CHECK(parse(&e, NULL, "---\nshare: no\nprivate: yes\n---\n", 10,
		    &err) == 0);
	CHECK(e.share == 0 && e.private == 1);
	CHECK(parse(&e, NULL, "---\ntitle: x\n---\n", 10, &err) == 0);
	CHECK(e.share == 0 && e.private == 0);
	entry_release(&e);
	fm_error_release(&err);
	buf_release(&text);
	buf_release(&what);

	expect_bad("share maybe", "---\ntitle: t\nshare: maybe\n---\n", 10, 3,
		   8, "share must be true or false");
	expect_bad("private 1", "---\nprivate: 1\n---\n", 10, 2, 10,
		   "private must be true or false");
	expect_bad("private as a list", "---\nprivate: [true]\n---\n", 10, 2,
		   10, "private");
}

/*
 * Privacy fails closed: a key written in another case, a "private: true"
 * line with no "---" around it, and a block that does not start on the
 * first line make the entry unreadable, never a public one.
 */
static void test_fails_closed(void)
{
	static const char *const keys[] = {
		"Title", "DATE", "Mood", "Feelings", "GOALS", "Tags",
		"Ratings", "Prompt", "Share", "Private", NULL
	};
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;
	struct buf text = BUF_INIT, want = BUF_INIT;

	for (int i = 0; keys[i]; i++) {
		buf_reset(&text);
		buf_addf(&text, "---\ntitle: t\n%s: 3\n---\nbody\n",
			 keys[i]);
		buf_reset(&want);
		buf_addf(&want, "'%s' is not a key tend knows; did you mean '",
			 keys[i]);
		expect_bad(keys[i], text.s, 10, 3, 1, want.s);
	}
	expect_bad("Private: true", "---\nPrivate: true\n---\nsecret\n", 10,
		   2, 1, "did you mean 'private'?");
	expect_bad("PRIVATE: yes", "---\nmood: 3\nPRIVATE: yes\n---\n", 10,
		   3, 1, "did you mean 'private'?");
	expect_bad("a case key before a bad value",
		   "---\nMood: 3\nmood: 99\n---\n", 10, 2, 1,
		   "did you mean 'mood'?");

	expect_bad("bare private: true", "private: true\n\nsecret\n", 10, 1, 1,
		   "'private: true' is read only in front matter");
	expect_bad("bare Private: Yes after other keys",
		   "\ntitle: x\n  Private: \"Yes\"  \n\nsecret\n", 10, 3, 3,
		   "put a line '---' before the first line");
	expect_bad("bare private after a BOM",
		   "\xef\xbb\xbfprivate: on\r\nsecret\r\n", 10, 1, 2,
		   "'private: on' is read only");
	expect_bad("blank line before the block",
		   "\n---\nprivate: true\n---\nsecret\n", 10, 2, 1,
		   "front matter must start on the first line");
	expect_bad("CR line ends", "---\rprivate: true\r---\rsecret\r", 10,
		   1, 4, "lines end in CR only");

	/* prose that is not a key stays body; a known key in case is fine */
	entry_init(&e);
	CHECK(parse(&e, NULL, "Private: thoughts on why I left.\n", 10,
		    &err) == 0);
	CHECK(!e.fm.present && !e.private);
	CHECK(parse(&e, NULL, "Title\n\nprivate: true\n", 10, &err) == 0);
	CHECK(!e.private);
	CHECK(parse(&e, NULL, "Dear diary,\nprivately: yes\n", 10, &err) ==
	      0);
	CHECK(parse(&e, NULL, "---\ntitle: x\n---\nprivate: true\n", 10,
		    &err) == 0);
	CHECK(!e.private);
	CHECK(parse(&e, NULL, "---\nprivate: true\nPrivacy: x\n---\n"
		    "One.\n\n---\n\nTwo.\n", 10, &err) == 0);
	CHECK(e.private == 1);
	entry_release(&e);
	fm_error_release(&err);
	buf_release(&text);
	buf_release(&want);
}

/* sv holds exactly the n strings given. */
static int same_list(const struct strvec *sv, size_t n, ...)
{
	va_list ap;
	int ok = sv->nr == n;

	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		const char *s = va_arg(ap, const char *);

		if (ok && strcmp(sv->v[i], s))
			ok = 0;
	}
	va_end(ap);
	return ok;
}

static void test_lists(void)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;

	entry_init(&e);
	CHECK(parse(&e, NULL, "---\nfeelings: [frustrated, lonely]\n"
		    "goals: [boundaries]\ntags: [conflict, emotional-labour]\n"
		    "---\n", 10, &err) == 0);
	CHECK(same_list(&e.feelings, 2, "frustrated", "lonely"));
	CHECK(same_list(&e.goals, 1, "boundaries"));
	CHECK(same_list(&e.tags, 2, "conflict", "emotional-labour"));

	/* a single scalar is a one-item list */
	CHECK(parse(&e, NULL, "---\ntags: conflict\nfeelings: \"sad, tired\"\n"
		    "goals: self-care\n---\n", 10, &err) == 0);
	CHECK(same_list(&e.tags, 1, "conflict"));
	CHECK(same_list(&e.feelings, 1, "sad, tired"));
	CHECK(same_list(&e.goals, 1, "self-care"));

	/* repeated items fold, empty items go */
	CHECK(parse(&e, NULL, "---\ntags: [a, b, a, '', b, c]\nfeelings:\n"
		    "  - calm\n  - calm\n  - ok\n---\n", 10, &err) == 0);
	CHECK(same_list(&e.tags, 3, "a", "b", "c"));
	CHECK(same_list(&e.feelings, 2, "calm", "ok"));

	/* empty and null lists */
	CHECK(parse(&e, NULL, "---\ntags: []\nfeelings:\ngoals: ~\n---\n", 10,
		    &err) == 0);
	CHECK(e.tags.nr == 0 && e.feelings.nr == 0 && e.goals.nr == 0);
	entry_release(&e);
	/* an empty text is no item either, as '' in a list is none */
	CHECK(parse(&e, NULL, "---\ntags: ''\nfeelings: |\ngoals: \"\"\n---\n",
		    10, &err) == 0);
	CHECK(e.tags.nr == 0 && e.feelings.nr == 0 && e.goals.nr == 0);
	entry_release(&e);
	fm_error_release(&err);

	expect_bad("tags as a map", "---\ntitle: t\ntags: {a: b}\n---\n", 10,
		   3, 7, "tags must be a list");
	expect_bad("goals nested", "---\ngoals: [[a]]\n---\n", 10, 2, 8,
		   "goals must be a list");
	expect_bad("title as a list", "---\ntitle: [a, b]\n---\n", 10, 2, 8,
		   "title must be text");
}

static void test_ratings(void)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;

	entry_init(&e);
	CHECK(parse(&e, NULL, "---\nratings: {boundaries: 2, "
		    "communication: 4}\n---\n", 10, &err) == 0);
	CHECK(same_list(&e.ratings, 4, "boundaries", "2", "communication",
			"4"));
	CHECK(parse(&e, NULL, "---\nratings:\n  a: 1\n  b: 5\n---\n", 10,
		    &err) == 0);
	CHECK(same_list(&e.ratings, 4, "a", "1", "b", "5"));
	CHECK(parse(&e, NULL, "---\nratings:\n---\n", 10, &err) == 0);
	CHECK_INT(e.ratings.nr, 0);
	entry_release(&e);
	fm_error_release(&err);

	expect_bad("rating 6", "---\ntitle: t\nratings: {a: 2, b: 6}\n---\n",
		   10, 3, 10, "rating of 'b' must be a whole number from 1 "
		   "to 5");
	expect_bad("rating 0", "---\nratings: {a: 0}\n---\n", 10, 2, 10,
		   "rating of 'a'");
	expect_bad("rating text", "---\nratings: {a: good}\n---\n", 10, 2,
		   10, "rating of 'a'");
	expect_bad("rating 2.5", "---\nratings: {a: 2.5}\n---\n", 10, 2, 10,
		   "rating of 'a'");
	expect_bad("rating empty", "---\nratings: {a: }\n---\n", 10, 2, 10,
		   "rating of 'a'");
	expect_bad("ratings as a scalar", "---\nratings: 3\n---\n", 10, 2,
		   10, "ratings must be a map");
	expect_bad("ratings as a list", "---\nratings: [a, 3]\n---\n", 10, 2,
		   10, "ratings must be a map");
	expect_bad("ratings nested", "---\nratings: {a: [3]}\n---\n", 10, 2,
		   10, "ratings must be a map");
	expect_bad("a goal rated twice", "---\nratings: {a: 1, a: 2}\n---\n",
		   10, 2, 10, "'a' is rated twice");
}

static void test_fallbacks(void)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;

	entry_init(&e);
	/* the title: front matter, then the first heading, then the ID */
	CHECK(parse(&e, "2026-11-22-2114-x", "---\ntitle: Given\n---\n"
		    "# Heading\n", 10, &err) == 0);
	CHECK_STR(e.title, "Given");
	CHECK(parse(&e, "2026-11-22-2114-x", "---\nmood: 3\n---\n\n"
		    "Some text.\n\n## The heading ##  \nmore\n# Second\n", 10,
		    &err) == 0);
	CHECK_STR(e.title, "The heading");
	CHECK(parse(&e, "2026-11-22-2114-x", "# Only a body\n\ntext\n", 10,
		    &err) == 0);
	CHECK_STR(e.title, "Only a body");
	CHECK(parse(&e, "2026-11-22-2114-x", "---\ntitle:\n---\n#nospace\n"
		    "####### seven\n   text\n", 10, &err) == 0);
	CHECK_STR(e.title, "2026-11-22-2114-x");
	CHECK(parse(&e, NULL, "no heading\n", 10, &err) == 0);
	CHECK_STR(e.title, NULL);
	CHECK(parse(&e, "notes", "---\r\nmood: 2\r\n---\r\n# CRLF head\r\n",
		    10, &err) == 0);
	CHECK_STR(e.title, "CRLF head");
	CHECK(parse(&e, "notes", "\xef\xbb\xbf# Heading after a BOM\n\ntext\n",
		    10, &err) == 0);
	CHECK_STR(e.title, "Heading after a BOM");

	/* the date: front matter, then the ID's prefix */
	CHECK(parse(&e, "2026-11-22-2114-after-the-argument", "body\n", 10,
		    &err) == 0);
	CHECK_INT(e.has_date, 1);
	CHECK_STR(date_of(&e), "2026-11-22T21:14:00+00:00");
	CHECK(parse(&e, "2026-11-22-2114", "body\n", 10, &err) == 0);
	CHECK_STR(date_of(&e), "2026-11-22T21:14:00+00:00");
	CHECK(parse(&e, "2026-11-22-walk", "body\n", 10, &err) == 0);
	CHECK_INT(e.has_date, 1);
	CHECK_STR(date_of(&e), "2026-11-22T00:00:00+00:00");
	CHECK(parse(&e, "2026-11-22-21145-x", "body\n", 10, &err) == 0);
	CHECK_STR(date_of(&e), "2026-11-22T00:00:00+00:00");
	CHECK(parse(&e, "2026-11-22-2114-x", "---\ndate: 2025-01-02T03:04:05"
		    "+01:00\n---\n", 10, &err) == 0);
	CHECK_STR(date_of(&e), "2025-01-02T03:04:05+01:00");
	CHECK(parse(&e, "notes", "body\n", 10, &err) == 0);
	CHECK_INT(e.has_date, 0);
	CHECK(parse(&e, "2026-13-45-1200-x", "body\n", 10, &err) == 0);
	CHECK_INT(e.has_date, 0);
	CHECK(parse(&e, "20261122-x", "body\n", 10, &err) == 0);
	CHECK_INT(e.has_date, 0);
	CHECK(parse(&e, NULL, "body\n", 10, &err) == 0);
	CHECK_INT(e.has_date, 0);
	entry_release(&e);
	fm_error_release(&err);
}

static void test_words(void)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;

	entry_init(&e);
	CHECK(parse(&e, NULL, "---\ntitle: Not counted at all\n---\n"
		    "one two  three\nfour\tfive\r\n\n  six.\n", 10, &err) == 0);
	CHECK_INT(e.words, 6);
	CHECK(parse(&e, NULL, "", 10, &err) == 0);
	CHECK_INT(e.words, 0);
	CHECK(parse(&e, NULL, "---\nmood: 3\n---\n \n\t\n", 10, &err) == 0);
	CHECK_INT(e.words, 0);
	CHECK(parse(&e, NULL, "\xc3\x9c" "ber caf\xc3\xa9 \xf0\x9f\x98\xa2",
		    10, &err) == 0);
	CHECK_INT(e.words, 3);
	entry_release(&e);
	fm_error_release(&err);
}

/* Parse text (which must be fine) and return entry_body_is_empty. */
static int body_empty(const char *text, const char *tmpl)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;
	int rc;

	entry_init(&e);
	if (!CHECK(parse(&e, NULL, text, 10, &err) == 0))
		printf("#   %s\n", err.msg.s);
	rc = entry_body_is_empty(&e, tmpl, tmpl ? strlen(tmpl) : 0);
	entry_release(&e);
	fm_error_release(&err);
	return rc;
}

static void test_body_is_empty(void)
{
	const char *tmpl = "\n## What happened\n\n## What I needed\n\n";

	CHECK(body_empty("", NULL));
	CHECK(body_empty("---\ntitle: A title alone\nmood: 4\n---\n", NULL));
	CHECK(body_empty("---\ntitle: A title alone\n---\n\n  \n\t\r\n",
			 NULL));
	CHECK(body_empty("---\ntitle: x\n---\n\n  \n", tmpl));
	CHECK(!body_empty("---\ntitle: x\n---\nword\n", NULL));
	CHECK(!body_empty("word", tmpl));

	/* still the template */
	CHECK(body_empty("---\ntitle: x\n---\n\n## What happened\n\n"
			 "## What I needed\n\n", tmpl));
	CHECK(body_empty("---\ntitle: x\n---\n## What happened\n\n"
			 "## What I needed", tmpl));
	CHECK(body_empty("---\ntitle: x\n---\n\n\n## What happened   \n\t\n"
			 "## What I needed \t\n\n\n", tmpl));
	CHECK(body_empty("---\r\ntitle: x\r\n---\r\n\r\n## What happened\r\n"
			 "\r\n## What I needed\r\n", tmpl));
	CHECK(body_empty("## What happened\r\n\r\n## What I needed\r\n",
			 "## What happened\n\n## What I needed\n"));

	/* one word more is not */
	CHECK(!body_empty("---\ntitle: x\n---\n\n## What happened\n\nshouted"
			  "\n## What I needed\n", tmpl));
	CHECK(!body_empty("---\ntitle: x\n---\n\n## What happened\n\n"
			  "## What I needed\n\nquiet\n", tmpl));
	CHECK(!body_empty("---\ntitle: x\n---\n\n## What happened now\n\n"
			  "## What I needed\n", tmpl));
	CHECK(!body_empty("---\ntitle: x\n---\n\n## What happened\n\n"
			  "## What I\n", tmpl));
	CHECK(!body_empty("---\ntitle: x\n---\n\n## What  happened\n\n"
			  "## What I needed\n", tmpl));
}

/* The title entry_title_from_body makes of body. */
static const char *title_of(const char *body)
{
	static struct buf out = BUF_INIT;

	buf_release(&out);
	entry_title_from_body(body, strlen(body), "", 0, &out);
	return out.s;
}

/* The title of body when it started from the template tmpl. */
static const char *title_with(const char *body, const char *tmpl)
{
	static struct buf out = BUF_INIT;

	buf_release(&out);
	entry_title_from_body(body, strlen(body), tmpl, strlen(tmpl), &out);
	return out.s;
}

static void test_title_from_body(void)
{
	const char *euro = "\xe2\x82\xac";
	struct buf in = BUF_INIT, want = BUF_INIT;
	const char *got;

	CHECK_STR(title_of("Intro line first.\n\n# The heading\n"),
		  "The heading");
	CHECK_STR(title_of("### Deep heading ###\ntext"), "Deep heading");
	CHECK_STR(title_of("  I felt unheard. Then more.\n"),
		  "I felt unheard");
	CHECK_STR(title_of("Why me? Because.\n"), "Why me?");
	CHECK_STR(title_of("Enough!\n"), "Enough!");
	CHECK_STR(title_of("\n\nFirst line\nsecond line.\n"), "First line");
	CHECK_STR(title_of("First line\r\nsecond line.\r\n"), "First line");
	CHECK_STR(title_of("- a list item. More\n"), "a list item");
	CHECK_STR(title_of("> quoted words\n"), "quoted words");
	CHECK_STR(title_of("version 1.5 is out\n"), "version 1.5 is out");
	CHECK_STR(title_of("```\n# not a heading\n```\n# Real\n"), "Real");
	CHECK_STR(title_of(""), "");
	CHECK_STR(title_of("  \n\t\n"), "");

	/* the template's own lines never make the title */
	CHECK_STR(title_with("\n## How I am\nTired but okay. Really.\n\n"
			     "## What happened\n", "\n## How I am\n\n"
			     "## What happened\n"), "Tired but okay");
	CHECK_STR(title_with("\n## How I am\n\n## What happened\n"
			     "# We talked\n", "\n## How I am\n\n"
			     "## What happened\n"), "We talked");
	CHECK_STR(title_with("\n## How I am\n  \n", "## How I am\n"), "");

	/* at most 80 bytes, cut at a word */
	for (int i = 0; i < 12; i++)
		buf_adds(&in, "abcdefghi ");
	got = title_of(in.s);
	for (int i = 0; i < 8; i++)
		buf_adds(&want, i ? " abcdefghi" : "abcdefghi");
	CHECK_STR(got, want.s);
	CHECK_INT(strlen(got), 79);

	/* exactly 80 bytes stay whole */
	buf_reset(&in);
	for (int i = 0; i < 8; i++)
		buf_adds(&in, "abcdefghi ");
	buf_setlen(&in, 79);
	buf_adds(&in, "j more words");
	got = title_of(in.s);
	CHECK_INT(strlen(got), 80);
	CHECK(!strncmp(got, in.s, 80));

	/* one long word is cut at 80 bytes, never inside a character */
	buf_reset(&in);
	buf_reset(&want);
	for (int i = 0; i < 40; i++)
		buf_adds(&in, euro);
	for (int i = 0; i < 26; i++)
		buf_adds(&want, euro);
	CHECK_STR(title_of(in.s), want.s);
	buf_reset(&in);
	buf_reset(&want);
	buf_adds(&in, "x");
	for (int i = 0; i < 40; i++)
		buf_adds(&in, euro);
	buf_adds(&want, "x");
	for (int i = 0; i < 26; i++)
		buf_adds(&want, euro);
	CHECK_STR(title_of(in.s), want.s);
	buf_reset(&in);
	buf_reset(&want);
	buf_adds(&in, "xx");
	for (int i = 0; i < 40; i++)
		buf_adds(&in, "\xf0\x9f\x98\xa2");
	buf_adds(&want, "xx");
	for (int i = 0; i < 19; i++)
		buf_adds(&want, "\xf0\x9f\x98\xa2");
	CHECK_STR(title_of(in.s), want.s);

	/* words of several bytes: cut at the last space before 80 bytes */
	buf_reset(&in);
	buf_reset(&want);
	for (int i = 0; i < 30; i++)
		buf_addf(&in, "%s%s ", euro, euro);
	for (int i = 0; i < 11; i++)
		buf_addf(&want, "%s%s%s", i ? " " : "", euro, euro);
	CHECK_STR(title_of(in.s), want.s);

	/* a long heading is cut too */
	buf_reset(&in);
	buf_adds(&in, "text\n# ");
	for (int i = 0; i < 12; i++)
		buf_adds(&in, "abcdefghi ");
	got = title_of(in.s);
	CHECK_INT(strlen(got), 79);
	buf_release(&in);
	buf_release(&want);
	title_of("");	/* frees the last title */
}

/* The JSON of e, with its closing brace. */
static void json_of(const struct entry *e, struct buf *out)
{
	buf_reset(out);
	entry_json(e, out);
	buf_addch(out, '}');
}

static void test_json(void)
{
	const char *full = "---\n"
		"title: \"After the \\\"dishes\\\"\"\n"
		"date: 2026-11-22T21:14:00+01:00\n"
		"mood: 4\n"
		"feelings: [frustrated, lonely]\n"
		"goals: [boundaries, communication]\n"
		"tags: [conflict, emotional-labour]\n"
		"ratings: {boundaries: 2, communication: 5}\n"
		"prompt: \"What did I need?\\nA line\\tand a tab\"\n"
		"share: true\n"
		"private: false\n"
		"extra: kept\n"
		"---\n"
		"\n"
		"We argued. It was \"never\" about the dishes.\n";
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;
	struct buf out = BUF_INIT;

	entry_init(&e);
	CHECK(parse(&e, "2026-11-22-2114-after-the-dishes", full, 10,
		    &err) == 0);
	e.path = xstrdup("entries/2026/11/2026-11-22-2114-after-the-dishes.md");
	json_of(&e, &out);
	CHECK_STR(out.s, "{\"id\":\"2026-11-22-2114-after-the-dishes\","
		  "\"path\":\"entries/2026/11/2026-11-22-2114-after-the-"
		  "dishes.md\","
		  "\"title\":\"After the \\\"dishes\\\"\","
		  "\"date\":\"2026-11-22T21:14:00+01:00\","
		  "\"mood\":4,"
		  "\"feelings\":[\"frustrated\",\"lonely\"],"
		  "\"goals\":[\"boundaries\",\"communication\"],"
		  "\"tags\":[\"conflict\",\"emotional-labour\"],"
		  "\"ratings\":{\"boundaries\":2,\"communication\":5},"
		  "\"prompt\":\"What did I need?\\nA line\\tand a tab\","
		  "\"share\":true,"
		  "\"private\":false,"
		  "\"words\":8}");

	/* an entry with no keys at all */
	CHECK(parse(&e, NULL, "", 10, &err) == 0);
	json_of(&e, &out);
	CHECK_STR(out.s, "{\"id\":null,\"path\":null,\"title\":null,"
		  "\"date\":null,\"mood\":null,\"feelings\":[],\"goals\":[],"
		  "\"tags\":[],\"ratings\":{},\"prompt\":null,"
		  "\"share\":false,\"private\":false,\"words\":0}");

	/* a hand-written file: title and date from the ID, the rest null */
	CHECK(parse(&e, "2026-11-22-0930-walk", "Just a walk\n", 10,
		    &err) == 0);
	e.path = xstrdup("entries/2026/11/2026-11-22-0930-walk.md");
	json_of(&e, &out);
	CHECK_STR(out.s, "{\"id\":\"2026-11-22-0930-walk\","
		  "\"path\":\"entries/2026/11/2026-11-22-0930-walk.md\","
		  "\"title\":\"2026-11-22-0930-walk\","
		  "\"date\":\"2026-11-22T09:30:00+00:00\",\"mood\":null,"
		  "\"feelings\":[],\"goals\":[],\"tags\":[],\"ratings\":{},"
		  "\"prompt\":null,\"share\":false,\"private\":false,"
		  "\"words\":3}");

	/* a rating written "02" is still the JSON number 2 */
	CHECK(parse(&e, NULL, "---\nratings: {boundaries: 02}\n---\n", 10,
		    &err) == 0);
	json_of(&e, &out);
	CHECK(strstr(out.s, "\"ratings\":{\"boundaries\":2}") != NULL);
	entry_release(&e);
	fm_error_release(&err);
	buf_release(&out);
}

/* Setting keys updates the fields and the text together. */
static void test_set(void)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;
	struct buf out = BUF_INIT;
	struct strvec list = STRVEC_INIT;
	struct datetime dt;

	entry_init(&e);
	CHECK(parse(&e, NULL, "---\ntitle: Old\nextra: [1, 2]\n---\nBody\n",
		    10, &err) == 0);
	entry_set_str(&e, "title", "yes");
	entry_set_int(&e, "mood", 3);
	entry_set_bool(&e, "share", 1);
	entry_set_bool(&e, "private", 0);
	entry_set_str(&e, "prompt", "What now: really?");
	strvec_push(&list, "b");
	strvec_push(&list, "a b");
	entry_set_list(&e, "feelings", &list);
	CHECK(datetime_parse("2026-11-22T21:14:00+01:00", &dt) == 0);
	entry_set_date(&e, &dt);
	buf_add(&out, e.text.s, e.text.len);
	CHECK_STR(out.s, "---\ntitle: \"yes\"\ndate: 2026-11-22T21:14:00"
		  "+01:00\nmood: 3\nfeelings: [b, a b]\n"
		  "prompt: \"What now: really?\"\nshare: true\n"
		  "private: false\nextra: [1, 2]\n---\nBody\n");
	CHECK_STR(e.title, "yes");
	CHECK_STR(e.prompt, "What now: really?");
	CHECK(e.mood == 3 && e.share == 1 && e.private == 0);
	CHECK(same_list(&e.feelings, 2, "b", "a b"));

	/* an empty list removes the key */
	strvec_clear(&list);
	entry_set_list(&e, "feelings", &list);
	entry_unset(&e, "prompt");
	buf_reset(&out);
	buf_add(&out, e.text.s, e.text.len);
	CHECK_STR(out.s, "---\ntitle: \"yes\"\ndate: 2026-11-22T21:14:00"
		  "+01:00\nmood: 3\nshare: true\nprivate: false\n"
		  "extra: [1, 2]\n---\nBody\n");
	CHECK_INT(e.feelings.nr, 0);

	/* what was written reads back the same */
	buf_release(&e.text);
	buf_add(&e.text, out.s, out.len);
	CHECK(entry_parse(&e, 10, &err) == 0);
	CHECK_STR(e.title, "yes");
	CHECK(e.mood == 3 && e.share == 1 && e.has_date);
	entry_release(&e);
	fm_error_release(&err);
	buf_release(&out);
}

static void test_limits(void)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;
	static const char nul[] = "---\ntitle: x\n---\nab\0cd\n";

	entry_init(&e);
	buf_add(&e.text, nul, sizeof(nul) - 1);
	CHECK(entry_parse(&e, 10, &err) == -1);
	/* the NUL is on line 4, after "ab" */
	CHECK(err.line == 4 && err.col == 3 && strstr(err.msg.s, "NUL"));
	entry_release(&e);
	fm_error_release(&err);

	/* invalid UTF-8 is found where it is, in a body too */
	entry_init(&e);
	buf_adds(&e.text, "---\ntitle: x\n---\n\n"
		 "Caf\xc3\xa9 ok, caf\xe9 not\n");
	CHECK(entry_parse(&e, 10, &err) == -1);
	CHECK_INT(err.line, 5);
	CHECK_INT(err.col, 13);
	CHECK(strstr(err.msg.s, "UTF-8") != NULL);
	entry_release(&e);
	fm_error_release(&err);
	err = (struct fm_error)FM_ERROR_INIT;

	entry_init(&e);
	buf_adds(&e.text, "---\ntitle: big\n---\n");
	while (e.text.len <= ENTRY_MAX_BYTES)
		buf_adds(&e.text, "lots of words in a very long entry\n");
	CHECK(entry_parse(&e, 10, &err) == -1);
	CHECK(err.line == 1 && err.col == 1 && strstr(err.msg.s, "1 MiB"));
	entry_release(&e);
	fm_error_release(&err);

	/* a front matter error comes through with its position */
	entry_init(&e);
	CHECK(parse(&e, NULL, "---\ntitle: x\ntags: [a, *b]\n---\n", 10,
		    &err) == -1);
	CHECK(err.line == 3 && err.col == 11);
	entry_release(&e);
	fm_error_release(&err);
}

/* text (parsed) with alias added: added says whether, want the text. */
static void expect_alias(const char *text, const char *alias, int added,
			 const char *want)
{
	struct entry e;
	struct fm_error err = FM_ERROR_INIT;

	entry_init(&e);
	CHECK(parse(&e, NULL, text, 10, &err) == 0);
	CHECK_INT(entry_add_alias(&e, alias), added);
	CHECK_STR(e.text.s, want);
	/* what was written reads back */
	CHECK(entry_parse(&e, 10, &err) == 0);
	fm_error_release(&err);
	entry_release(&e);
}

/* entry_add_alias(): a list made, added to, or left as it is. */
static void test_alias(void)
{
	expect_alias("Body\n", "2023-09-12", 1,
		     "---\naliases: [\"2023-09-12\"]\n---\nBody\n");
	expect_alias("---\naliases: [a]\n---\nB\n", "b: c", 1,
		     "---\naliases: [a, \"b: c\"]\n---\nB\n");
	expect_alias("---\naliases: a\n---\nB\n", "b", 1,
		     "---\naliases: [a, b]\n---\nB\n");
	expect_alias("---\naliases: [a, b]\n---\nB\n", "b", 0,
		     "---\naliases: [a, b]\n---\nB\n");
	expect_alias("---\naliases:\n---\nB\n", "b", 1,
		     "---\naliases: [b]\n---\nB\n");
	expect_alias("---\naliases: {a: b}\n---\nB\n", "b", 0,
		     "---\naliases: {a: b}\n---\nB\n");
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	test_mood();
	test_dates();
	test_booleans();
	test_lists();
	test_ratings();
	test_fallbacks();
	test_words();
	test_body_is_empty();
	test_title_from_body();
	test_json();
	test_set();
	test_limits();
	test_fails_closed();
	test_alias();
	return unit_done();
}
