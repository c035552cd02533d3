/*
 * Unit tests of slug.c: the slug of a title (tend-journal(5)), which names
 * entry and goal files, so it must never escape its folder or break an ID,
 * and the test of whether a word is already a slug.
 */
#include "slug.h"
#include "unit.h"

#include <string.h>

/* Check that title makes the slug want, appended to an empty buffer. */
static void check_slug(const char *title, const char *want, int line)
{
	struct buf b = BUF_INIT;
	char what[200];

	slug_make(title, &b);
	snprintf(what, sizeof(what), "slug of '%s'", title);
	unit_check_str(b.s, want, what, __FILE__, line);
	snprintf(what, sizeof(what), "slug of '%s' is valid", title);
	unit_check(slug_valid(b.s), what, __FILE__, line);
	buf_release(&b);
}

#define SLUG_IS(title, want) check_slug((title), (want), __LINE__)

/* Check that slug_make appends to prefix, leaving it as it was. */
static void check_append(const char *prefix, const char *title,
			 const char *want, int line)
{
	struct buf b = BUF_INIT;
	char what[200];

	buf_adds(&b, prefix);
	slug_make(title, &b);
	snprintf(what, sizeof(what), "'%s' + slug of '%s'", prefix, title);
	unit_check_str(b.s, want, what, __FILE__, line);
	buf_release(&b);
}

#define APPEND_IS(prefix, title, want) \
	check_append((prefix), (title), (want), __LINE__)

static void test_make(void)
{
	SLUG_IS("After the argument about the dishes",
		"after-the-argument-about-the-dishes");
	SLUG_IS("after-the-argument", "after-the-argument");
	SLUG_IS("UPPER lower MiXeD", "upper-lower-mixed");
	SLUG_IS("Session 12: week 3", "session-12-week-3");
	SLUG_IS("2026 goals", "2026-goals");
	SLUG_IS("0123456789", "0123456789");
	SLUG_IS("AZaz09", "azaz09");
	/* no way out of the folder */
	SLUG_IS("../../etc/passwd", "etc-passwd");
	SLUG_IS("/etc/passwd", "etc-passwd");
	SLUG_IS("..", "entry");
	SLUG_IS("a\\b/c", "a-b-c");
	/* nothing left: "entry" */
	SLUG_IS("", "entry");
	SLUG_IS("   ", "entry");
	SLUG_IS("---", "entry");
	SLUG_IS("?!", "entry");
	SLUG_IS("\xf0\x9f\x98\x80\xf0\x9f\x99\x82", "entry");
	/* non-ASCII bytes become '-' and runs fold */
	SLUG_IS("Caf\xc3\xa9 au lait", "caf-au-lait");
	SLUG_IS("\xc3\x84rger \xc3\xbc" "ber M\xc3\xbcll", "rger-ber-m-ll");
	SLUG_IS("I \xe2\x9d\xa4\xef\xb8\x8f you", "i-you");
	SLUG_IS("na\xc3\xafve", "na-ve");
	/* punctuation and blanks fold into one '-', trimmed at the ends */
	SLUG_IS("  Hello, World!  ", "hello-world");
	SLUG_IS("!!!Why?!!!", "why");
	SLUG_IS("-dash-", "dash");
	SLUG_IS("a -- b", "a-b");
	SLUG_IS("a_b.c", "a-b-c");
	SLUG_IS("tab\tand\nnewline\r", "tab-and-newline");
	SLUG_IS("\"quoted\" 'words'", "quoted-words");
}

static void test_make_length(void)
{
	char title[200], want[200];
	struct buf b = BUF_INIT;

	/* 70 letters: cut to 60 */
	memset(title, 'a', 70);
	title[70] = '\0';
	memset(want, 'a', SLUG_MAX);
	want[SLUG_MAX] = '\0';
	SLUG_IS(title, want);

	/* exactly 60 letters are kept */
	title[SLUG_MAX] = '\0';
	SLUG_IS(title, want);

	/* 59 letters then a word: the cut falls on the '-', which goes */
	memset(title, 'a', 59);
	strcpy(title + 59, " bcd");
	want[59] = '\0';
	SLUG_IS(title, want);

	/* a non-ASCII letter right at the cut */
	memset(title, 'a', 59);
	strcpy(title + 59, "\xc3\xa9tude");
	SLUG_IS(title, want);

	/* 58 letters, a non-ASCII byte pair, one letter: 60 */
	memset(title, 'a', 58);
	strcpy(title + 58, "\xc3\xa9" "b");
	memset(want, 'a', 58);
	strcpy(want + 58, "-b");
	SLUG_IS(title, want);

	/* leading punctuation does not count towards the 60 */
	strcpy(title, "... ");
	memset(title + 4, 'x', 60);
	strcpy(title + 64, "yz");
	memset(want, 'x', 60);
	want[60] = '\0';
	SLUG_IS(title, want);

	SLUG_IS("The quick brown fox jumps over the lazy dog and keeps "
		"running far away",
		"the-quick-brown-fox-jumps-over-the-lazy-dog-and-keeps-runnin");
	SLUG_IS("What did I need in that moment that I did not ask for, "
		"again and again?",
		"what-did-i-need-in-that-moment-that-i-did-not-ask-for-again");

	/* long runs of punctuation between words */
	strcpy(title, "start");
	memset(title + 5, '!', 150);
	strcpy(title + 155, "end");
	SLUG_IS(title, "start-end");

	slug_make("What did I need in that moment that I did not ask for, "
		  "again and again? And again.", &b);
	CHECK(b.len <= SLUG_MAX);
	CHECK(b.len > 0 && b.s[b.len - 1] != '-');
	CHECK_INT(strlen(b.s), b.len);
	buf_release(&b);
}

static void test_make_appends(void)
{
	char title[100], want[200];

	APPEND_IS("2026-11-22-2114-", "After the argument",
		  "2026-11-22-2114-after-the-argument");
	/* the prefix's own '-' is neither trimmed nor doubled */
	APPEND_IS("2026-11-22-2114-", "!!x", "2026-11-22-2114-x");
	APPEND_IS("2026-11-22-2114-", "", "2026-11-22-2114-entry");
	APPEND_IS("2026-11-22-2114-", "---", "2026-11-22-2114-entry");
	APPEND_IS("2026-11-22-2114-", "x!!", "2026-11-22-2114-x");
	APPEND_IS("Keep This", "and that", "Keep Thisand-that");
	APPEND_IS("abc", "!x", "abcx");
	APPEND_IS("abc", "!!!", "abcentry");
	APPEND_IS("prefix--", "..", "prefix--entry");

	/* the 60 bytes are the slug's own, not the buffer's */
	memset(title, 'b', 70);
	title[70] = '\0';
	strcpy(want, "2026-11-22-2114-");
	memset(want + 16, 'b', SLUG_MAX);
	want[16 + SLUG_MAX] = '\0';
	APPEND_IS("2026-11-22-2114-", title, want);
}

static void test_valid(void)
{
	char s[100];

	CHECK(slug_valid("a"));
	CHECK(slug_valid("2026"));
	CHECK(slug_valid("after-the-argument"));
	CHECK(slug_valid("a-b-c"));
	CHECK(slug_valid("entry"));
	CHECK(!slug_valid(""));
	CHECK(!slug_valid("-"));
	CHECK(!slug_valid("-a"));
	CHECK(!slug_valid("a-"));
	CHECK(!slug_valid("a--b"));
	CHECK(!slug_valid("A"));
	CHECK(!slug_valid("Abc"));
	CHECK(!slug_valid("a b"));
	CHECK(!slug_valid("a_b"));
	CHECK(!slug_valid("a.b"));
	CHECK(!slug_valid("a/b"));
	CHECK(!slug_valid(".."));
	CHECK(!slug_valid("a\n"));
	CHECK(!slug_valid("caf\xc3\xa9"));

	memset(s, 'a', SLUG_MAX);
	s[SLUG_MAX] = '\0';
	CHECK(slug_valid(s));
	s[SLUG_MAX] = 'a';
	s[SLUG_MAX + 1] = '\0';
	CHECK(!slug_valid(s));
}

int main(void)
{
	test_make();
	test_make_length();
	test_make_appends();
	test_valid();
	return unit_done();
}
