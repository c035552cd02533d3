/*
 * Unit tests of the front matter module (src/frontmatter.h), tend-journal(5):
 * byte-exact round trips and golden rewrites over the corpus in
 * tests/regress/frontmatter/, refused YAML with its exact position, and
 * quoting that reads back as the same string.
 *
 * The golden rewrite of NAME.md is compared with NAME.expected.md; run with
 * UPDATE_GOLDEN=1 to write those files instead (then read them by eye).
 */
#include "entry.h"
#include "frontmatter.h"
#include "fs.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define CORPUS "tests/regress/frontmatter"
#define CORPUS_MIN 18		/* files in the corpus, at least */

/* A check named by the caller, for checks made in loops. */
#define CHECK_AT(cond, what) \
	unit_check(!!(cond), (what), __FILE__, __LINE__)

/*
 * Append s to out for a test's name: control bytes, DEL and C1 controls
 * as \xNN, so that a name stays on one TAP line.
 */
static void add_shown(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			buf_addf(out, "\\x%02x", *p);
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			buf_addf(out, "\\xc2\\x%02x", p[1]);
			p++;
		} else
			buf_addch(out, *p);
	}
}

/* Read the file at path into out (replacing it). Returns 0 or -1. */
static int read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;
	int rc;

	buf_reset(out);
	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	rc = ferror(f) ? -1 : 0;
	fclose(f);
	return rc;
}

/* Replace the file at path with data[0..len). Returns 0 or -1. */
static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc;

	if (!f)
		return -1;
	rc = fwrite(data, 1, len, f) == len ? 0 : -1;
	if (fclose(f))
		rc = -1;
	return rc;
}

/*
 * Print where got and want first differ, as TAP comments, with a little
 * context around it (line ends and other control bytes shown as \xNN).
 */
static void show_diff(const char *got, size_t glen, const char *want,
		      size_t wlen)
{
	struct buf g = BUF_INIT, w = BUF_INIT, tmp = BUF_INIT;
	size_t i = 0, from;

	while (i < glen && i < wlen && got[i] == want[i])
		i++;
	from = i > 30 ? i - 30 : 0;
	buf_add(&tmp, got + from, (glen < i + 30 ? glen : i + 30) - from);
	add_shown(&g, tmp.s);
	buf_reset(&tmp);
	buf_add(&tmp, want + from, (wlen < i + 30 ? wlen : i + 30) - from);
	add_shown(&w, tmp.s);
	printf("#   first difference at byte %zu (got %zu bytes, want %zu)\n",
	       i, glen, wlen);
	printf("#   got:  '%s'\n", g.s);
	printf("#   want: '%s'\n", w.s);
	buf_release(&g);
	buf_release(&w);
	buf_release(&tmp);
}

/* Compare two byte strings as one named check. */
static int check_bytes(const char *got, size_t glen, const char *want,
		       size_t wlen, const char *what)
{
	int ok = glen == wlen && !memcmp(got, want, glen);

	if (!CHECK_AT(ok, what))
		show_diff(got, glen, want, wlen);
	return ok;
}

/* The corpus inputs (not the .expected.md files), sorted. */
static void corpus_files(struct strvec *files)
{
	struct strvec all = STRVEC_INIT;

	CHECK(fs_walk(".", CORPUS, ".md", &all, NULL) == 0);
	for (size_t i = 0; i < all.nr; i++)
		if (!ends_with(all.v[i], ".expected.md"))
			strvec_push(files, all.v[i]);
	strvec_clear(&all);
	CHECK(files->nr >= CORPUS_MIN);
}

/* The path of the golden file of a corpus file: NAME.expected.md. */
static void expected_path(const char *path, struct buf *out)
{
	buf_reset(out);
	buf_add(out, path, strlen(path) - 3);
	buf_adds(out, ".expected.md");
}

/* fm_parse then fm_write and the body give back the exact bytes. */
static void test_round_trip(const struct strvec *files)
{
	struct buf text = BUF_INIT, out = BUF_INIT, what = BUF_INIT;

	for (size_t i = 0; i < files->nr; i++) {
		struct fm fm;
		struct fm_error err = FM_ERROR_INIT;
		int rc;

		fm_init(&fm);
		buf_reset(&what);
		buf_addf(&what, "read %s", files->v[i]);
		if (!CHECK_AT(read_file(files->v[i], &text) == 0, what.s))
			continue;
		rc = fm_parse(&fm, text.s, text.len, &err);
		buf_reset(&what);
		buf_addf(&what, "fm_parse %s", files->v[i]);
		if (!CHECK_AT(rc == 0, what.s))
			printf("#   %d:%d: %s\n", err.line, err.col, err.msg.s);
		buf_reset(&out);
		fm_write(&fm, &out);
		CHECK(fm.body_off <= text.len);
		if (fm.body_off <= text.len)
			buf_add(&out, text.s + fm.body_off,
				text.len - fm.body_off);
		buf_reset(&what);
		buf_addf(&what, "round trip of %s is byte for byte",
			 files->v[i]);
		check_bytes(out.s, out.len, text.s, text.len, what.s);
		fm_release(&fm);
		fm_error_release(&err);
	}
	buf_release(&text);
	buf_release(&out);
	buf_release(&what);
}

/* Parse one corpus file into fm; returns 0 or -1 (as a failed check). */
static int parse_corpus(const char *name, struct buf *text, struct fm *fm)
{
	struct fm_error err = FM_ERROR_INIT;
	struct buf path = BUF_INIT;
	int rc = -1;

	buf_addf(&path, "%s/%s", CORPUS, name);
	if (CHECK_AT(read_file(path.s, text) == 0, path.s) &&
	    CHECK_AT(fm_parse(fm, text->s, text->len, &err) == 0, path.s))
		rc = 0;
	fm_error_release(&err);
	buf_release(&path);
	return rc;
}

/* What the parse of some corpus files holds: kinds, values, lines. */
static void test_corpus_values(void)
{
	struct buf text = BUF_INIT;
	struct fm fm;
	struct fm_item *it;

	fm_init(&fm);
	if (!parse_corpus("body-only.md", &text, &fm)) {
		CHECK_INT(fm.present, 0);
		CHECK_INT(fm.nr, 0);
		CHECK_INT(fm.body_off, 0);
	}
	if (!parse_corpus("empty-block.md", &text, &fm)) {
		CHECK_INT(fm.present, 1);
		CHECK_INT(fm.nr, 0);
		CHECK_INT(fm.body_off, 8);
	}
	if (!parse_corpus("bom.md", &text, &fm)) {
		CHECK_INT(fm.present, 1);
		CHECK_INT(fm.nr, 3);
		it = fm_get(&fm, "mood");
		CHECK(it && it->line == 3 && it->val.line == 3 &&
		      it->val.col == 7);
	}
	if (!parse_corpus("crlf.md", &text, &fm)) {
		CHECK_STR(fm.eol, "\r\n");
		it = fm_get(&fm, "title");
		CHECK(it && !strcmp(it->raw.s, "title: Early morning, "
				    "CRLF\r\n"));
		CHECK(it && it->val.kind == FM_SCALAR &&
		      !strcmp(it->val.str, "Early morning, CRLF"));
		it = fm_get(&fm, "feelings");
		CHECK(it && !strcmp(it->trailer.s,
				    "# typed on the work laptop\r\n"));
		CHECK_STR(fm.close.s, "---\r\n");
	}
	if (!parse_corpus("dots-close.md", &text, &fm))
		CHECK_STR(fm.close.s, "...\n");
	if (!parse_corpus("comments.md", &text, &fm)) {
		CHECK_STR(fm.open.s, "---\n# written by hand; keep these "
			  "comments\n# second comment line\n");
		it = fm_get(&fm, "mood");
		CHECK(it && it->val.kind == FM_SCALAR &&
		      !strcmp(it->val.str, "3"));
		CHECK(it && !strcmp(it->trailer.s,
				    "  # indented comment between keys\n"));
		it = fm_get(&fm, "tags");
		CHECK(it && !strcmp(it->trailer.s,
				    "# after the last key\n#   and another\n"));
	}
	if (!parse_corpus("block-list.md", &text, &fm)) {
		it = fm_get(&fm, "tags");
		CHECK(it && it->val.kind == FM_LIST && it->val.items.nr == 2 &&
		      !strcmp(it->val.items.v[1], "b"));
		CHECK(it && !strcmp(it->raw.s, "tags:\n  - a\n  - b\n"));
		it = fm_get(&fm, "goals");
		CHECK(it && !strcmp(it->raw.s, "goals:\n- boundaries\n"
				    "- self-care\n"));
	}
	if (!parse_corpus("literal-block.md", &text, &fm)) {
		it = fm_get(&fm, "notes");
		CHECK(it && it->val.kind == FM_SCALAR && it->val.str &&
		      !strcmp(it->val.str, "first line of the note\n"
			      "  indented line, kept as is\n\n"
			      "a line after a blank line\n"
			      "# this is text, not a comment\n"));
		CHECK(it && !strcmp(it->trailer.s, ""));
		it = fm_get(&fm, "folded");
		CHECK(it && it->val.kind == FM_SCALAR && it->val.str &&
		      !strcmp(it->val.str, "folded text over two lines"));
		it = fm_get(&fm, "tags");
		CHECK(it && it->line == 13);
	}
	if (!parse_corpus("nested-unknown.md", &text, &fm)) {
		it = fm_get(&fm, "people");
		CHECK(it && it->val.kind == FM_OTHER);
		CHECK(it && !strncmp(it->raw.s, "people:\n  family:\n", 18) &&
		      ends_with(it->raw.s, "    since: 2019\n"));
		it = fm_get(&fm, "mood");
		CHECK(it && it->line == 11);
	}
	if (!parse_corpus("quoted-escapes.md", &text, &fm)) {
		it = fm_get(&fm, "title");
		CHECK(it && it->val.quoted && it->val.str &&
		      !strcmp(it->val.str, "She said \"no\" \xc3\xa9t\xc3\xa9 "
			      "\xf0\x9f\x98\xa2 tab\there"));
		it = fm_get(&fm, "prompt");
		CHECK(it && it->val.str &&
		      !strcmp(it->val.str, "it's the 'single' kind"));
		it = fm_get(&fm, "quote");
		CHECK(it && it->val.str &&
		      !strcmp(it->val.str, "line one\nline two \\ "
			      "backslash A"));
	}
	if (!parse_corpus("ratings.md", &text, &fm)) {
		it = fm_get(&fm, "ratings");
		CHECK(it && it->val.kind == FM_MAP && it->val.items.nr == 4);
		CHECK(it && it->val.items.nr == 4 &&
		      !strcmp(it->val.items.v[2], "communication") &&
		      !strcmp(it->val.items.v[3], "4"));
	}
	if (!parse_corpus("body-dashes.md", &text, &fm)) {
		CHECK_INT(fm.nr, 2);
		CHECK(!strncmp(text.s + fm.body_off, "Part one.\n", 10));
	}
	if (!parse_corpus("close-at-eof.md", &text, &fm)) {
		CHECK_INT(fm.body_off, text.len);
		CHECK_STR(fm.close.s, "---");
	}
	fm_release(&fm);
	buf_release(&text);
}

/* Step over a UTF-8 byte order mark at the start of s[0..*len). */
static void skip_bom(const char **s, size_t *len)
{
	if (*len >= 3 && !memcmp(*s, "\xef\xbb\xbf", 3)) {
		*s += 3;
		*len -= 3;
	}
}

/*
 * Rewrite every corpus file through the entry API with the same edits
 * and compare with NAME.expected.md (or write it, with UPDATE_GOLDEN=1).
 * The rewritten file must read back with the new values and the body
 * unchanged.
 */
static void test_golden(const struct strvec *files)
{
	const char *update = getenv("UPDATE_GOLDEN");
	int updating = update && !strcmp(update, "1");
	struct buf out = BUF_INIT, want = BUF_INIT, path = BUF_INIT;
	struct buf what = BUF_INIT;
	struct strvec tags = STRVEC_INIT;

	strvec_push(&tags, "conflict");
	strvec_push(&tags, "with, comma");
	for (size_t i = 0; i < files->nr; i++) {
		struct entry e, back;
		struct fm_error err = FM_ERROR_INIT;
		const char *body, *body2;
		size_t len, len2;
		int rc;

		entry_init(&e);
		entry_init(&back);
		buf_reset(&what);
		buf_addf(&what, "entry_parse %s", files->v[i]);
		if (read_file(files->v[i], &e.text) < 0 ||
		    !CHECK_AT(entry_parse(&e, 10, &err) == 0, what.s)) {
			printf("#   %d:%d: %s\n", err.line, err.col, err.msg.s);
			goto next;
		}
		body = entry_body(&e, &len);
		skip_bom(&body, &len);
		body = xstrndup(body, len);

		entry_set_int(&e, "mood", 7);
		entry_set_str(&e, "title", "Edited: yes or no");
		entry_set_list(&e, "tags", &tags);
		buf_reset(&out);
		buf_add(&out, e.text.s, e.text.len);

		expected_path(files->v[i], &path);
		if (updating) {
			buf_reset(&what);
			buf_addf(&what, "write %s", path.s);
			CHECK_AT(write_file(path.s, out.s, out.len) == 0,
				 what.s);
		} else {
			buf_reset(&what);
			buf_addf(&what, "rewrite of %s is %s", files->v[i],
				 path.s);
			if (CHECK_AT(read_file(path.s, &want) == 0, path.s))
				check_bytes(out.s, out.len, want.s, want.len,
					    what.s);
		}

		/* the rewrite reads back with the edits and the same body */
		buf_release(&back.text);
		buf_add(&back.text, out.s, out.len);
		fm_error_release(&err);
		rc = entry_parse(&back, 10, &err);
		buf_reset(&what);
		buf_addf(&what, "rewrite of %s reads back", files->v[i]);
		if (!CHECK_AT(rc == 0, what.s)) {
			printf("#   %d:%d: %s\n", err.line, err.col, err.msg.s);
		} else {
			buf_reset(&what);
			buf_addf(&what, "rewrite of %s has the edits",
				 files->v[i]);
			CHECK_AT(back.mood == 7 && back.title &&
				 !strcmp(back.title, "Edited: yes or no") &&
				 back.tags.nr == 2 &&
				 !strcmp(back.tags.v[0], "conflict") &&
				 !strcmp(back.tags.v[1], "with, comma"),
				 what.s);
			body2 = entry_body(&back, &len2);
			skip_bom(&body2, &len2);
			buf_reset(&what);
			buf_addf(&what, "rewrite of %s keeps the body",
				 files->v[i]);
			check_bytes(body2, len2, body, len, what.s);
		}
		free((char *)body);
next:
		fm_error_release(&err);
		entry_release(&e);
		entry_release(&back);
	}
	if (updating)
		printf("# wrote the .expected.md files; read them by eye\n");
	strvec_clear(&tags);
	buf_release(&out);
	buf_release(&want);
	buf_release(&path);
	buf_release(&what);
}

/*
 * fm_parse(text) must fail at line:col with a message that holds needle,
 * and leave no items.
 */
static void expect_error(const char *what, const char *text, int line,
			 int col, const char *needle)
{
	struct fm fm;
	struct fm_error err = FM_ERROR_INIT;
	struct buf name = BUF_INIT;
	int rc;

	fm_init(&fm);
	rc = fm_parse(&fm, text, strlen(text), &err);
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
	CHECK_INT(fm.nr, 0);
	fm_release(&fm);
	fm_error_release(&err);
	buf_release(&name);
}

/* fm_parse(text) succeeds. */
static void expect_ok(const char *what, const char *text)
{
	struct fm fm;
	struct fm_error err = FM_ERROR_INIT;

	fm_init(&fm);
	if (!CHECK_AT(fm_parse(&fm, text, strlen(text), &err) == 0, what))
		printf("#   %d:%d: %s\n", err.line, err.col, err.msg.s);
	fm_release(&fm);
	fm_error_release(&err);
}

/*
 * Front matter of n bytes (0 or at least 2) of comment lines, then
 * "---\nbody\n".
 */
static void big_front_matter(size_t n, struct buf *out)
{
	buf_reset(out);
	buf_adds(out, "---\n");
	while (n) {
		size_t line = n < 128 ? n : 64;

		buf_addch(out, '#');
		for (size_t i = 2; i < line; i++)
			buf_addch(out, 'x');
		buf_addch(out, '\n');
		n -= line;
	}
	buf_adds(out, "---\nbody\n");
}

static void test_errors(void)
{
	struct buf big = BUF_INIT;

	expect_error("unclosed", "---\ntitle: x\nmood: 3\n\nbody\n", 1, 1,
		     "not closed");
	expect_error("unclosed, CRLF", "---\r\ntitle: x\r\n", 1, 1,
		     "not closed");

	/* a NUL written as an escape cannot be kept in a C string */
	expect_error("NUL in a value", "---\ntitle: \"a\\0b\"\n---\n", 2, 8,
		     "NUL");
	expect_error("NUL in a key", "---\n\"k\\0\": 1\n---\n", 2, 1, "NUL");

	/* anchors, aliases and tags, at the node */
	expect_error("anchor on a value", "---\ntitle: &a x\n---\n", 2, 8,
		     "anchors");
	expect_error("anchor on a key", "---\nmood: 3\n&k title: x\n---\n",
		     3, 1, "anchors");
	expect_error("anchor on the mapping", "---\n&m\ntitle: x\n---\n",
		     2, 1, "anchors");
	expect_error("anchor in a flow list", "---\ntags: [a, &b c]\n---\n",
		     2, 11, "anchors");
	expect_error("anchor on a list", "---\ntags: &l [a]\n---\n", 2, 7,
		     "anchors");
	expect_error("anchor deep in an unknown key",
		     "---\nextra:\n  deep:\n    - x\n    - &z q\n---\n", 5, 7,
		     "anchors");
	expect_error("alias as a value", "---\ntitle: x\nprompt: *x\n---\n",
		     3, 9, "aliases");
	expect_error("alias in a flow list", "---\ntags: [a, *b]\n---\n",
		     2, 11, "aliases");
	expect_error("alias in a block list",
		     "---\nfeelings:\n  - ok\n  - *f\n---\n", 4, 5, "aliases");
	expect_error("tag !!str", "---\ntitle: !!str x\n---\n", 2, 8,
		     "tags");
	expect_error("local tag !foo", "---\nmood: !foo 3\n---\n", 2, 7,
		     "tags");
	expect_error("tag on a list", "---\ntags: !!seq [a]\n---\n", 2, 7,
		     "tags");
	expect_error("tag on a nested map",
		     "---\nextra:\n  inner: !x {a: 1}\n---\n", 3, 10, "tags");
	expect_error("tag on a key", "---\n!k title: x\n---\n", 2, 1,
		     "tags");
	expect_error("tag on the mapping", "---\n!!map\ntitle: x\n---\n",
		     2, 1, "tags");
	expect_error("tag on an empty document", "---\n!!null\n---\n", 2, 1,
		     "tags");

	/* nesting: 8 levels (the top mapping and 7 lists) are fine */
	expect_ok("nesting of 8 levels", "---\nk: [[[[[[[x]]]]]]]\n---\n");
	expect_error("nesting of 9 levels",
		     "---\nk: [[[[[[[[x]]]]]]]]\n---\n", 2, 11,
		     "nested deeper than 8");
	expect_error("block nesting of 9 levels",
		     "---\na:\n b:\n  c:\n   d:\n    e:\n     f:\n      g:\n"
		     "       h:\n        i: x\n---\n", 10, 9,
		     "nested deeper than 8");

	/* 64 KiB of front matter is fine, a byte more is not */
	big_front_matter(FM_MAX_BYTES, &big);
	expect_ok("front matter of 64 KiB", big.s);
	big_front_matter(FM_MAX_BYTES + 1, &big);
	expect_error("front matter over 64 KiB", big.s, 1, 1, "64 KiB");

	expect_error("duplicate key", "---\ntitle: a\nmood: 3\ntitle: b\n"
		     "---\n", 4, 1, "'title' appears more than once");
	expect_error("duplicate key, CRLF", "---\r\nmood: 3\r\n\r\n"
		     "mood: 4\r\n---\r\n", 4, 1, "more than once");
	expect_error("flow mapping at top level", "---\n{title: x}\n---\n",
		     2, 1, "not in { }");
	expect_error("flow mapping after a comment",
		     "---\n# c\n  {title: x, mood: 3}\n---\n", 3, 3,
		     "not in { }");
	expect_error("unclosed flow list", "---\ntitle: [unclosed\n---\n",
		     3, 1, "at 2:8");
	expect_error("mapping in a plain value", "---\ntitle: a: b\n---\n",
		     2, 9, "cannot read front matter");
	expect_error("unclosed quote", "---\ntitle: x\nprompt: \"open\n"
		     "mood: 3\n---\n", 5, 1, "cannot read front matter");
	expect_error("a list at top level", "---\n- a\n- b\n---\n", 2, 1,
		     "key: value");
	expect_error("a scalar at top level", "---\njust words\n---\n", 2, 1,
		     "key: value");
	expect_error("%YAML directive", "---\n%YAML 1.1\ntitle: x\n---\n",
		     2, 1, "directive");
	expect_error("%TAG directive",
		     "---\n%TAG !e! tag:example.com,2026:\ntitle: x\n---\n",
		     2, 1, "directive");
	expect_error("directive before a document start",
		     "---\n%YAML 1.1\n--- \"x\"\n---\n", 2, 1, "directive");
	expect_error("two documents", "---\ntitle: x\n--- y\n---\n", 3, 1,
		     "more than one document");
	expect_error("two documents after an end",
		     "---\ntitle: x\n... # end\nmood: 3\n---\n", 4, 1,
		     "document");
	expect_error("invalid UTF-8", "---\ntitle: ab\xff\n---\n", 2, 10,
		     "cannot read front matter");
	big_front_matter(0, &big);
	expect_ok("empty block", big.s);
	buf_release(&big);
}

/* fm_parse(text) succeeds and finds no front matter: all is body. */
static void expect_body(const char *what, const char *text)
{
	struct fm fm;
	struct fm_error err = FM_ERROR_INIT;
	int rc;

	fm_init(&fm);
	rc = fm_parse(&fm, text, strlen(text), &err);
	if (!CHECK_AT(rc == 0 && !fm.present, what))
		printf("#   rc %d, present %d: %d:%d: %s\n", rc, fm.present,
		       err.line, err.col, err.msg.s);
	fm_release(&fm);
	fm_error_release(&err);
}

/*
 * Privacy fails closed: a text that looks as if it opens with front
 * matter that cannot be read for certain is refused, at the place to
 * change, rather than read as a body (which would show its keys, and the
 * text of a private entry, as if they were not there).
 */
static void test_fails_closed(void)
{
	/* blank lines, or lines of blanks, before "---" */
	expect_error("a blank line first", "\n---\nprivate: true\n---\nx\n",
		     2, 1, "must start on the first line");
	expect_error("three blank lines first",
		     "\n\n\n---\nprivate: true\n---\nx\n", 4, 1,
		     "delete the blank lines before '---'");
	expect_error("lines of blanks first",
		     "  \n\t\n \t \n---\nprivate: true\n---\nx\n", 4, 1,
		     "must start on the first line");
	expect_error("CRLF blank line first",
		     "\r\n---\r\nprivate: true\r\n---\r\nx\r\n", 2, 1,
		     "must start on the first line");
	expect_error("a BOM, then a blank line",
		     "\xef\xbb\xbf\n---\nprivate: true\n---\nx\n", 2, 1,
		     "must start on the first line");
	expect_error("blank lines, then an unclosed block",
		     "\n---\nprivate: true\nx\n", 2, 1,
		     "must start on the first line");
	expect_error("blanks before '---'", "  ---\nprivate: true\n---\n",
		     1, 3, "delete what is before '---'");
	expect_error("a second BOM before '---'",
		     "\xef\xbb\xbf\xef\xbb\xbf---\nprivate: true\n---\n", 1,
		     3, "delete what is before '---'");
	/* libyaml starts a document at a BOM: tend would not see it */
	expect_error("a BOM inside the block",
		     "---\n\r\r\xef\xbb\xbfprivate: true\n---\nx\n", 2, 3,
		     "byte-order mark inside front matter");
	expect_error("a BOM before a second key",
		     "---\ntitle: a\n\xef\xbb\xbfprivate: true\n---\n", 3, 1,
		     "byte-order mark");
	/* libyaml ends its document at "..." and a blank, or starts one */
	expect_error("'...' and a comment inside the block",
		     "---\ntitle: a\n\n...\t# b\n\n---\nx\n", 4, 1,
		     "a line that starts '...' inside front matter");
	expect_error("'...' and a comment, then blank lines and '...'",
		     "---\n\r\nnitle: s\n\n... # t\n \n...\n", 5, 1,
		     "starts '...'");
	expect_error("four dashes", "----\nprivate: true\n----\nx\n", 1, 1,
		     "three dashes '---', not 4");
	expect_error("'---' alone, no line end", "---", 1, 1, "not closed");
	expect_error("TOML", "+++\nprivate = true\n+++\nx\n", 1, 1,
		     "TOML");
	expect_error("TOML after a blank line", "\n+++\ntitle = 'x'\n+++\n",
		     2, 1, "TOML");

	/* a lone CR that hides the opening or the closing line */
	expect_error("CR line ends", "---\rprivate: true\r---\rx\r", 1, 4,
		     "lines end in CR only");
	expect_error("CR line ends after blank lines",
		     "\r\r---\rprivate: true\r---\rx\r", 1, 1,
		     "lines end in CR only");
	expect_error("CR after LF opening",
		     "---\nprivate: true\r---\rsecret\n", 2, 14,
		     "lines end in CR only");
	expect_error("CR hides a close before a later '---'",
		     "---\nprivate: true\r---\rsecret\n\n---\nmore\n", 2, 14,
		     "save the file with LF line endings");
	expect_error("CRLF opening, CR close",
		     "---\r\nprivate: true\r---\r\nx\r\n", 2, 14,
		     "CR only");
	expect_error("CR closing line", "---\nprivate: true\n---\rx\n", 3,
		     4, "CR only");
	/* an explicit key ('?'): its lines are not 'key: value' ones */
	expect_error("a key after '?'", "---\n? private\n---\nx\n", 2, 3,
		     "without '?'");
	expect_error("a key on the line after '?'",
		     "---\n# note\r?\n private\n---\nx\n", 4, 2,
		     "without '?'");
	expect_error("'...' close after a CR",
		     "---\nprivate: true\r...\rx\n", 2, 14, "CR only");

	/* Markdown that is not front matter stays body */
	expect_body("a thematic break later", "Part one.\n\n---\n\nTwo.\n");
	expect_body("a rule after blank lines and text",
		    "\n\nHello\n---\nprivate: true\n---\n");
	expect_body("a Setext heading", "Title\n---\n\nText\n");
	expect_body("other rules first", "\n***\n\ntext\n");
	expect_body("'- - -' is a rule", "- - -\ntext\n");
	expect_body("dashes and words", "--- not a block\ntext\n");
	expect_body("two dashes", "--\ntext\n");
	expect_body("empty", "");
	expect_body("blank lines only", "\n \n\t\n");
	expect_body("a BOM only", "\xef\xbb\xbf");
	expect_body("CR line ends without a block", "one\rtwo\r---\rthree\r");

	/* what still reads */
	expect_ok("a BOM, then '---'", "\xef\xbb\xbf---\nprivate: true\n---\n");
	expect_ok("CR in a quoted value",
		  "---\ntitle: \"a\rb\"\nprivate: true\n---\n");
	expect_ok("CR line ends in the body",
		  "---\nprivate: true\n---\none\rtwo\r---\r");
	expect_ok("blanks after '---'", "--- \t\nprivate: true\n---  \n");
}

/* Keys that differ from known ones only in case are refused. */
static void test_check_keys(void)
{
	static const char *const known[] = { "title", "private", NULL };
	static const struct {
		const char *text;
		int line, col;
		const char *msg;
	} bad[] = {
		{ "---\nPrivate: true\n---\n", 2, 1,
		  "'Private' is not a key tend knows; did you mean "
		  "'private'?" },
		{ "---\ntitle: x\nPRIVATE: yes\n---\n", 3, 1,
		  "'PRIVATE' is not a key tend knows; did you mean "
		  "'private'?" },
		{ "---\nprivate: false\n  # c\n\"pRivate\": true\n---\n", 4,
		  1, "did you mean 'private'?" },
		{ "---\n  title: x\n  Title: y\n---\n", 3, 3,
		  "did you mean 'title'?" },
		{ NULL, 0, 0, NULL }
	};
	struct fm fm;
	struct fm_error err = FM_ERROR_INIT;
	const char *ok = "---\ntitle: x\nprivate: true\nPrivacy: 1\n"
			 "Other: 2\n---\n";

	fm_init(&fm);
	for (int i = 0; bad[i].text; i++) {
		fm_error_release(&err);
		err = (struct fm_error)FM_ERROR_INIT;
		CHECK(fm_parse(&fm, bad[i].text, strlen(bad[i].text),
			       &err) == 0);
		CHECK(fm_check_keys(&fm, known, &err) == -1);
		CHECK_INT(err.line, bad[i].line);
		CHECK_INT(err.col, bad[i].col);
		CHECK_AT(err.msg.len && strstr(err.msg.s, bad[i].msg),
			 bad[i].msg);
	}
	fm_error_release(&err);
	err = (struct fm_error)FM_ERROR_INIT;
	CHECK(fm_parse(&fm, ok, strlen(ok), &err) == 0);
	CHECK(fm_check_keys(&fm, known, &err) == 0);
	CHECK_INT(err.msg.len, 0);
	fm_release(&fm);
	fm_error_release(&err);
}

/* An error leaves fm empty but marked present, and err can be reused. */
static void test_error_state(void)
{
	struct fm fm;
	struct fm_error err = FM_ERROR_INIT;
	const char *bad = "---\ntitle: &a x\n---\nbody\n";
	const char *good = "---\ntitle: x\n---\nbody\n";

	fm_init(&fm);
	CHECK(fm_parse(&fm, bad, strlen(bad), &err) == -1);
	CHECK_INT(fm.present, 1);
	CHECK_INT(fm.nr, 0);
	fm_error_release(&err);
	CHECK(fm_parse(&fm, good, strlen(good), &err) == 0);
	CHECK_INT(err.msg.len, 0);
	CHECK(fm_get(&fm, "title") != NULL);
	CHECK(fm_get(&fm, "mood") == NULL);
	fm_release(&fm);
	fm_error_release(&err);
}

/*
 * Items keep their own lines when a value holds a character libyaml
 * counts as a line break (NEL, LS, PS, a lone CR): setting one key must
 * not touch the lines of another.
 */
static void test_unicode_breaks(void)
{
	static const char *const breaks[] = {
		"\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9", "\r", NULL
	};

	for (int i = 0; breaks[i]; i++) {
		struct fm fm;
		struct fm_error err = FM_ERROR_INIT;
		struct buf text = BUF_INIT, out = BUF_INIT, what = BUF_INIT;
		struct fm_item *it;
		int rc;

		fm_init(&fm);
		buf_addf(&text, "---\ntitle: \"a%sb\"\nmood: 3\ntags: [x]\n"
			 "---\nbody\n", breaks[i]);
		rc = fm_parse(&fm, text.s, text.len, &err);
		buf_addf(&what, "break %d in a quoted value: parsed", i);
		CHECK_AT(rc == 0, what.s);
		it = fm_get(&fm, "mood");
		buf_reset(&what);
		buf_addf(&what, "break %d in a quoted value: mood keeps its "
			 "line", i);
		if (!CHECK_AT(it && !strcmp(it->raw.s, "mood: 3\n"), what.s)) {
			buf_reset(&what);
			if (it)
				add_shown(&what, it->raw.s);
			printf("#   raw of mood: '%s'\n", what.s);
		}
		fm_set(&fm, "mood", "7", entry_keys);
		fm_write(&fm, &out);
		buf_reset(&what);
		buf_addf(&what, "break %d in a quoted value: one mood after "
			 "fm_set", i);
		CHECK_AT(strstr(out.s, "mood: 7\n") &&
			 !strstr(out.s, "mood: 3"), what.s);
		fm_release(&fm);
		fm_error_release(&err);
		buf_release(&text);
		buf_release(&out);
		buf_release(&what);
	}
}

/* fm_set, fm_unset and fm_overlay keep what they do not change. */
static void test_set_unset(void)
{
	const char *text = "---\n# top\ntitle: a  # inline\n# after title\n"
			   "zeta: 1\nmood: 3\n# after mood\n---\nbody\n";
	const char *more = "---\nmood: 9\nfeelings: [ok]\n---\n";
	struct fm fm, src;
	struct fm_error err = FM_ERROR_INIT;
	struct buf out = BUF_INIT;

	fm_init(&fm);
	fm_init(&src);
	CHECK(fm_parse(&fm, text, strlen(text), &err) == 0);
	fm_set(&fm, "title", "b", entry_keys);
	fm_set(&fm, "date", "2026-11-22", entry_keys);
	fm_set(&fm, "private", "true", entry_keys);
	fm_set(&fm, "other", "\"x y\"", entry_keys);
	fm_write(&fm, &out);
	CHECK_STR(out.s, "---\n# top\ntitle: b  # inline\n# after title\n"
		  "date: 2026-11-22\nzeta: 1\nmood: 3\n# after mood\n"
		  "private: true\nother: \"x y\"\n---\n");
	CHECK(fm_get(&fm, "other") &&
	      fm_get(&fm, "other")->val.kind == FM_SCALAR &&
	      !strcmp(fm_get(&fm, "other")->val.str, "x y"));
	fm_unset(&fm, "mood");
	fm_unset(&fm, "title");
	fm_unset(&fm, "missing");
	buf_reset(&out);
	fm_write(&fm, &out);
	CHECK_STR(out.s, "---\n# top\n# after title\ndate: 2026-11-22\n"
		  "zeta: 1\n# after mood\nprivate: true\nother: \"x y\"\n"
		  "---\n");
	CHECK(fm_parse(&src, more, strlen(more), &err) == 0);
	fm_overlay(&fm, &src, entry_keys);
	buf_reset(&out);
	fm_write(&fm, &out);
	CHECK_STR(out.s, "---\n# top\n# after title\ndate: 2026-11-22\n"
		  "mood: 9\nfeelings: [ok]\nzeta: 1\n# after mood\n"
		  "private: true\nother: \"x y\"\n---\n");
	CHECK(fm_get(&fm, "feelings") &&
	      fm_get(&fm, "feelings")->val.kind == FM_LIST);

	/* a comment on the line of a key survives a new value */
	{
		static const char *const cases[][3] = {
			{ "mood: 3 # rough day", "7", "mood: 7 # rough day" },
			{ "title: \"a # b\"\t# c", "x", "title: x\t# c" },
			{ "title: 'a # b' # c", "x", "title: x # c" },
			{ "title: it's # c", "x", "title: x # c" },
			{ "tags: [a, \"#b\"]  # c", "[z]", "tags: [z]  # c" },
			{ "title: a#b", "x", "title: x" },
			{ "title: \"a # b\"", "x", "title: x" },
		};

		for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
			struct buf doc = BUF_INIT, want = BUF_INIT;
			const char *key = strchr(cases[i][0], ':');
			char *k = xstrndup(cases[i][0],
					   (size_t)(key - cases[i][0]));

			buf_addf(&doc, "---\n%s\n---\n", cases[i][0]);
			buf_addf(&want, "---\n%s\n---\n", cases[i][2]);
			fm_release(&fm);
			CHECK(fm_parse(&fm, doc.s, doc.len, &err) == 0);
			fm_set(&fm, k, cases[i][1], entry_keys);
			buf_reset(&out);
			fm_write(&fm, &out);
			CHECK_STR(out.s, want.s);
			free(k);
			buf_release(&doc);
			buf_release(&want);
		}
	}

	/* keys indented as a whole stay so, new ones too */
	fm_release(&fm);
	CHECK(fm_parse(&fm, "---\n  title: a\n  mood: 3\n---\n",
		       strlen("---\n  title: a\n  mood: 3\n---\n"), &err) == 0);
	fm_set(&fm, "mood", "4", entry_keys);
	fm_set(&fm, "tags", "[x]", entry_keys);
	buf_reset(&out);
	fm_write(&fm, &out);
	CHECK_STR(out.s, "---\n  title: a\n  mood: 4\n  tags: [x]\n---\n");
	fm_release(&src);
	CHECK(fm_parse(&src, "---\nprompt: why\n---\n",
		       strlen("---\nprompt: why\n---\n"), &err) == 0);
	fm_overlay(&fm, &src, entry_keys);
	buf_reset(&out);
	fm_write(&fm, &out);
	CHECK_STR(out.s, "---\n  title: a\n  mood: 4\n  tags: [x]\n"
		  "  prompt: why\n---\n");
	fm_release(&src);
	CHECK(fm_parse(&src, out.s, out.len, &err) == 0);
	CHECK(fm_get(&src, "prompt") && fm_get(&src, "tags"));

	/* a text without front matter gets a block */
	fm_release(&fm);
	CHECK(fm_parse(&fm, "body\n", 5, &err) == 0);
	fm_set(&fm, "mood", "2", entry_keys);
	buf_reset(&out);
	fm_write(&fm, &out);
	CHECK_STR(out.s, "---\nmood: 2\n---\n");
	fm_release(&fm);
	fm_release(&src);
	fm_error_release(&err);
	buf_release(&out);
}

/*
 * Quote s, put it in "---\nk: QUOTED\n---\n" and check it reads back as
 * the same string, a scalar. Returns the quoted form in q.
 */
static void check_quote(const char *s, struct buf *q)
{
	struct fm fm;
	struct fm_error err = FM_ERROR_INIT;
	struct buf doc = BUF_INIT, what = BUF_INIT;
	struct fm_item *it;
	int rc;

	fm_init(&fm);
	buf_reset(q);
	fm_quote(s, 0, q);
	buf_addf(&doc, "---\nk: %s\n---\n", q->s);
	rc = fm_parse(&fm, doc.s, doc.len, &err);
	it = fm_get(&fm, "k");
	buf_addch(&what, '\'');
	add_shown(&what, s);
	buf_adds(&what, "' quoted as ");
	add_shown(&what, q->s);
	buf_adds(&what, " reads back");
	if (!CHECK_AT(rc == 0 && it && it->val.kind == FM_SCALAR &&
		      it->val.str && !strcmp(it->val.str, s), what.s)) {
		buf_reset(&what);
		if (rc)
			buf_addf(&what, "%d:%d: %s", err.line, err.col,
				 err.msg.s);
		else if (it && it->val.str)
			add_shown(&what, it->val.str);
		printf("#   got: %s\n", what.s);
	}
	fm_release(&fm);
	fm_error_release(&err);
	buf_release(&doc);
	buf_release(&what);
}

static void test_quote(void)
{
	/* strings that must be double-quoted */
	static const char *const quoted[] = {
		"yes", "No", "ON", "off", "true", "False", "null", "NULL",
		"~", "y", "n", "Y", "", "123", "-7", "1.5", ".5", "1e3",
		"0x1F", "0o17", "1:20", "1_000", "2026-11-22",
		"2026-11-22T21:14:00+01:00", ".inf", "-.Inf", ".NaN",
		"a: b", "a:", "a #b", "#hash", " leading", "trailing ",
		"quote\"s", "\"quoted\"", "it's", "'single'", "[x]", "{x}",
		"- dash", "-", "? q", ": colon", "@at", "`tick", "&anchor",
		"*alias", "!tag", "%percent", "|pipe", ">fold", "=", "<<",
		",comma", "line\nbreak", "tab\there", "cr\rhere",
		"esc\x1b[31m", "del\x7f", "back\\slash\"", "\xc2\x85 NEL",
		"nel \xc2\x85 inside", "ls \xe2\x80\xa8 ps \xe2\x80\xa9",
		"\xef\xbb\xbf" "bom", "c1 \xc2\x9b control",
		"c1 \xc2\x80 first", "nonchar \xef\xbf\xbe",
		NULL
	};
	/* strings that are safe plain and must stay so */
	static const char *const plain[] = {
		"plain words", "\xc3\x9c" "ber", "emoji \xf0\x9f\x98\xa2",
		"After the argument about the dishes", "a-b_c.d", "yes please",
		"no way", "nullable", "onward", "x", "self-care", "it is 5pm",
		"a - b", "what? why!", "fifty% off", "e-mail@host", "a&b*c!d",
		"C++", "caf\xc3\xa9 au lait",
		NULL
	};
	struct buf q = BUF_INIT, what = BUF_INIT;

	for (int i = 0; quoted[i]; i++) {
		check_quote(quoted[i], &q);
		buf_reset(&what);
		buf_adds(&what, "double-quoted: ");
		add_shown(&what, q.s);
		CHECK_AT(q.len >= 2 && q.s[0] == '"' && q.s[q.len - 1] == '"',
			 what.s);
	}
	for (int i = 0; plain[i]; i++) {
		check_quote(plain[i], &q);
		buf_reset(&what);
		buf_adds(&what, "stays plain: ");
		add_shown(&what, q.s);
		CHECK_AT(!strcmp(q.s, plain[i]), what.s);
	}

	/* the exact forms */
	buf_reset(&q);
	fm_quote("yes", 0, &q);
	CHECK_STR(q.s, "\"yes\"");
	buf_reset(&q);
	fm_quote("", 0, &q);
	CHECK_STR(q.s, "\"\"");
	buf_reset(&q);
	fm_quote("say \"hi\"\\\n", 0, &q);
	CHECK_STR(q.s, "\"say \\\"hi\\\"\\\\\\n\"");
	buf_reset(&q);
	fm_quote("\xc2\x85 NEL", 0, &q);
	CHECK_STR(q.s, "\"\\u0085 NEL\"");
	buf_reset(&q);
	fm_quote("Edited: yes or no", 0, &q);
	CHECK_STR(q.s, "\"Edited: yes or no\"");
	buf_reset(&q);
	fm_quote("with, comma", 0, &q);
	CHECK_STR(q.s, "with, comma");
	buf_reset(&q);
	fm_quote("with, comma", 1, &q);
	CHECK_STR(q.s, "\"with, comma\"");
	buf_release(&q);
	buf_release(&what);
}

/* Lists written by fm_quote_list read back item for item. */
static void test_quote_list(void)
{
	static const char *const items[] = {
		"conflict", "with, comma", "[x]", "{y}", "a]b", "c}d",
		"a, b, c", "yes", "", "x: y", "it's", "q\"uote", "#h",
		"tail ,", "\xc3\x9c" "ber", "emoji \xf0\x9f\x98\xa2",
		"null", "3", NULL
	};
	struct strvec sv = STRVEC_INIT;
	struct buf list = BUF_INIT, doc = BUF_INIT;
	struct fm fm;
	struct fm_error err = FM_ERROR_INIT;
	struct fm_item *it;
	int rc;

	fm_init(&fm);
	for (int i = 0; items[i]; i++)
		strvec_push(&sv, items[i]);
	fm_quote_list(&sv, &list);
	buf_addf(&doc, "---\nk: %s\n---\n", list.s);
	rc = fm_parse(&fm, doc.s, doc.len, &err);
	if (!CHECK(rc == 0))
		printf("#   %s\n#   %d:%d: %s\n", list.s, err.line, err.col,
		       err.msg.s);
	it = fm_get(&fm, "k");
	CHECK(it && it->val.kind == FM_LIST);
	if (CHECK(it && it->val.items.nr == sv.nr)) {
		for (size_t i = 0; i < sv.nr; i++) {
			struct buf what = BUF_INIT;

			buf_adds(&what, "list item '");
			add_shown(&what, sv.v[i]);
			buf_adds(&what, "' reads back");
			CHECK_AT(!strcmp(it->val.items.v[i], sv.v[i]),
				 what.s);
			buf_release(&what);
		}
	}
	strvec_clear(&sv);
	strvec_push(&sv, "conflict");
	strvec_push(&sv, "with, comma");
	buf_reset(&list);
	fm_quote_list(&sv, &list);
	CHECK_STR(list.s, "[conflict, \"with, comma\"]");
	strvec_clear(&sv);
	buf_reset(&list);
	fm_quote_list(&sv, &list);
	CHECK_STR(list.s, "[]");
	fm_release(&fm);
	fm_error_release(&err);
	buf_release(&list);
	buf_release(&doc);
}

/*
 * A block that is only a null word reads as empty; a key set in it takes
 * the word's place, as "~" followed by a key is not YAML.
 */
static void test_set_in_null(void)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "---\n~\n---\nBody.\n", "---\n\ntitle: t\n---\nBody.\n" },
		{ "---\nnull\n---\n", "---\n\ntitle: t\n---\n" },
		{ "---\n# mine\n  NULL # none yet\n# end\n---\nB\n",
		  "---\n# mine\n# none yet\n# end\ntitle: t\n---\nB\n" },
		/* the blanks go with the word: a tab before '#' is no YAML */
		{ "---\n# a\n  \n NULL\t# b\n---\n\nBody.\n",
		  "---\n# a\n\n# b\ntitle: t\n---\n\nBody.\n" },
		/* after a null word a blank line may hold a tab; not now */
		{ "---\nnull\n\t\n# s\n---\n", "---\n\n\n# s\ntitle: t\n---\n" },
		/* a lone CR ends a line for YAML: it becomes an LF */
		{ "---\n\r\r\nnull\n\r\t\r\n# s\n---\n",
		  "---\n\n\r\n\n\n\r\n# s\ntitle: t\n---\n" },
		{ "---\n\r\nnull\n\r\t\r\t# c\n---\n",
		  "---\n\r\n\n\n\n# c\ntitle: t\n---\n" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct fm fm, again;
		struct fm_error err = FM_ERROR_INIT;
		struct buf out = BUF_INIT;

		fm_init(&fm);
		fm_init(&again);
		CHECK(fm_parse(&fm, cases[i].text, strlen(cases[i].text),
			       &err) == 0);
		CHECK(fm.nr == 0);
		fm_write(&fm, &out);
		CHECK(out.len == fm.body_off &&
		      !memcmp(out.s, cases[i].text, out.len));
		buf_reset(&out);
		fm_set(&fm, "title", "t", entry_keys);
		fm_write(&fm, &out);
		buf_add(&out, cases[i].text + fm.body_off,
			strlen(cases[i].text) - fm.body_off);
		CHECK_STR(out.s, cases[i].want);
		CHECK(fm_parse(&again, out.s, out.len, &err) == 0);
		CHECK(fm_get(&again, "title") &&
		      !strcmp(fm_get(&again, "title")->val.str, "t"));
		fm_release(&fm);
		fm_release(&again);
		fm_error_release(&err);
		buf_release(&out);
	}
}

int main(void)
{
	struct strvec files = STRVEC_INIT;

	corpus_files(&files);
	test_round_trip(&files);
	test_corpus_values();
	test_golden(&files);
	test_errors();
	test_fails_closed();
	test_check_keys();
	test_error_state();
	test_unicode_breaks();
	test_set_unset();
	test_set_in_null();
	test_quote();
	test_quote_list();
	strvec_clear(&files);
	return unit_done();
}
