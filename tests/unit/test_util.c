/*
 * Unit tests of the small helpers: whole numbers, lines of text, UTF-8,
 * the growable buffer and string lists.
 */
#include "buf.h"
#include "strvec.h"
#include "util.h"

#include <limits.h>
#include <stdlib.h>

#include "unit.h"

static void test_parse_whole(void)
{
	long n = -7;

	CHECK(parse_whole("0", 10, &n) == 0 && n == 0);
	CHECK(parse_whole("10", 10, &n) == 0 && n == 10);
	CHECK(parse_whole("007", 10, &n) == 0 && n == 7);
	CHECK(parse_whole("11", 10, &n) < 0);
	CHECK(parse_whole("6", 5, &n) < 0);
	CHECK(parse_whole("9", 5, &n) < 0);
	CHECK(parse_whole("", 10, &n) < 0);
	CHECK(parse_whole("-1", 10, &n) < 0);
	CHECK(parse_whole("+1", 10, &n) < 0);
	CHECK(parse_whole("1.5", 10, &n) < 0);
	CHECK(parse_whole("4 ", 10, &n) < 0);
	CHECK(parse_whole(" 4", 10, &n) < 0);
	CHECK(parse_whole("abc", 10, &n) < 0);
	CHECK(parse_whole("9223372036854775807", LONG_MAX, &n) == 0 &&
	      n == LONG_MAX);
	CHECK(parse_whole("9223372036854775808", LONG_MAX, &n) < 0);
	CHECK(parse_whole("99999999999999999999999", LONG_MAX, &n) < 0);
	CHECK(parse_whole("100000", 100000, &n) == 0 && n == 100000);
	CHECK(parse_whole("100001", 100000, &n) < 0);
}

static void test_lines(void)
{
	CHECK(is_one_line("After the argument"));
	CHECK(is_one_line(""));
	CHECK(is_one_line("caf\xc3\xa9 \xf0\x9f\x98\xa2"));
	CHECK(!is_one_line("two\nlines"));
	CHECK(!is_one_line("tab\there"));
	CHECK(!is_one_line("bell\a"));
	CHECK(!is_one_line("del\x7f"));
	CHECK(!is_one_line("bad \xc3"));
	CHECK(!is_one_line("bad \xff"));

	CHECK(utf8_valid("", 0));
	CHECK(utf8_valid("\xe2\x82\xac", 3));
	CHECK(!utf8_valid("\xe2\x82", 2));		/* cut short */
	CHECK(!utf8_valid("\xc0\xaf", 2));		/* overlong */
	CHECK(!utf8_valid("\xed\xa0\x80", 3));		/* a surrogate */
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4));	/* past U+10FFFF */
	CHECK(!utf8_valid("a\0b", 3));

	CHECK(is_blank("", 0));
	CHECK(is_blank(" \t\r\n", 4));
	CHECK(!is_blank(" x ", 3));
	CHECK(!is_blank(" \0", 2));
}

static void test_buf(void)
{
	struct buf b = BUF_INIT;
	char *s;
	size_t len;

	CHECK_STR(b.s, "");
	buf_addf(&b, "%s-%d", "mood", 7);
	buf_addch(&b, '!');
	buf_add(&b, "xyz", 2);
	CHECK_STR(b.s, "mood-7!xy");
	CHECK_INT(b.len, 9);
	for (int i = 0; i < 1000; i++)
		buf_addf(&b, "%04d", i);
	CHECK_INT(b.len, 9 + 4000);
	CHECK(!memcmp(b.s + b.len - 4, "0999", 4));
	buf_setlen(&b, 4);
	CHECK_STR(b.s, "mood");
	s = buf_detach(&b, &len);
	CHECK_STR(s, "mood");
	CHECK_INT(len, 4);
	CHECK_STR(b.s, "");
	free(s);
	s = buf_detach(&b, &len);
	CHECK(s && !*s && len == 0);
	free(s);
	buf_release(&b);
}

static void test_strvec(void)
{
	struct strvec sv = STRVEC_INIT;

	strvec_push(&sv, "pear");
	strvec_push_unique(&sv, "apple");
	strvec_push_unique(&sv, "pear");
	strvec_pushn(&sv, "fig tree", 3);
	CHECK_INT(sv.nr, 3);
	CHECK(sv.v[3] == NULL);
	strvec_sort(&sv);
	CHECK_STR(sv.v[0], "apple");
	CHECK_STR(sv.v[1], "fig");
	CHECK_STR(sv.v[2], "pear");
	CHECK_INT(strvec_find(&sv, "fig"), 1);
	CHECK_INT(strvec_find(&sv, "plum"), -1);
	strvec_clear(&sv);
	CHECK_INT(sv.nr, 0);
}

/* fold one text and compare, freeing the result */
static void check_fold(const char *s, const char *want)
{
	char *got = utf8_fold(s);

	CHECK_STR(got, want);
	free(got);
}

static void test_fold(void)
{
	check_fold("Work", "work");
	check_fold("", "");
	check_fold("\xc3\x84rger", "\xc3\xa4rger");		/* Ärger */
	check_fold("\xc5\x92uvre", "\xc5\x93uvre");		/* Œuvre */
	check_fold("\xce\x9b\xce\x9f\xce\x93\xce\x9f\xce\xa3",	/* ΛΟΓΟΣ */
		   "\xce\xbb\xce\xbf\xce\xb3\xce\xbf\xcf\x83");
	check_fold("\xd0\x94\xd0\xbe\xd0\xbc", "\xd0\xb4\xd0\xbe\xd0\xbc");	/* Дом */
	check_fold("\xc8\xba", "\xe2\xb1\xa5");	/* Ⱥ grows to ⱥ */
	check_fold("already \xc3\xa4", "already \xc3\xa4");
	check_fold("bad \xc3 end", "bad \xc3 end");	/* kept as it is */
	check_fold("\xf0\x9f\x98\xa2 SAD", "\xf0\x9f\x98\xa2 sad");
}

/* closest_word() of word among the commands-like choices, or "-". */
static const char *near(const char *word)
{
	static const char *const words[] = {
		"list", "log", "lock", "new", "purge", "prep", "plan", "show",
		"sync", "unlock"
	};
	const char *w = closest_word(word, words, sizeof(words) /
				     sizeof(*words));

	return w ? w : "-";
}

static void test_closest(void)
{
	CHECK_STR(near("lsit"), "list");	/* two letters swapped */
	CHECK_STR(near("lis"), "list");		/* one dropped */
	CHECK_STR(near("synk"), "sync");	/* one changed */
	CHECK_STR(near("purgee"), "purge");	/* one added */
	CHECK_STR(near("unlok"), "unlock");
	CHECK_STR(near("list"), "list");	/* itself */
	CHECK_STR(near("xyzzy"), "-");		/* nothing near */
	CHECK_STR(near("frobnicate"), "-");
	CHECK_STR(near(""), "-");
	CHECK_STR(near("pln"), "plan");		/* the nearest of plan, prep */
	CHECK(closest_word("list", NULL, 0) == NULL);
}

int main(void)
{
	test_closest();
	test_parse_whole();
	test_fold();
	test_lines();
	test_buf();
	test_strvec();
	return unit_done();
}
