/*
 * Unit tests of html.c: escaping for HTML text and attributes, and for a
 * segment of a URL path, which everything on a rendered page goes through.
 */
#include "html.h"
#include "unit.h"

#include <string.h>

/* Check that html_escape() of s[0..len) gives want. */
static void check_escape(const char *s, size_t len, const char *want,
			 int line)
{
	struct buf b = BUF_INIT;

	html_escape(&b, s, len);
	unit_check_str(b.s, want, "html_escape", __FILE__, line);
	buf_release(&b);
}

#define ESCAPE(s, want) check_escape((s), sizeof(s) - 1, (want), __LINE__)

static void check_url(const char *s, const char *want, int line)
{
	struct buf b = BUF_INIT;

	url_escape_segment(&b, s);
	unit_check_str(b.s, want, "url_escape_segment", __FILE__, line);
	buf_release(&b);
}

#define URL(s, want) check_url((s), (want), __LINE__)

int main(void)
{
	struct buf b = BUF_INIT;

	ESCAPE("plain words", "plain words");
	ESCAPE("a & b < c > d", "a &amp; b &lt; c &gt; d");
	ESCAPE("\"double\" 'single' `back`",
	       "&quot;double&quot; &#39;single&#39; &#96;back&#96;");
	ESCAPE("<img src=x onerror=alert(1)>",
	       "&lt;img src&#61;x onerror&#61;alert(1)&gt;");
	ESCAPE("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x8c\xbf",
	       "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x8c\xbf");
	ESCAPE("bad \xff byte", "bad \xef\xbf\xbd byte");
	ESCAPE("cut \xe6\x97", "cut \xef\xbf\xbd\xef\xbf\xbd");
	ESCAPE("over\xc0\xaflong", "over\xef\xbf\xbd\xef\xbf\xbdlong");
	ESCAPE("tab\tline\nbreak\r\n", "tab\tline\nbreak\r\n");
	ESCAPE("nul\0bell\aesc\x1b del\x7f", "nulbellesc del");
	ESCAPE("", "");

	html_escapes(&b, NULL);
	CHECK_STR(b.s, "");
	html_escapes(&b, "x<y");
	CHECK_STR(b.s, "x&lt;y");
	html_escape(&b, "=", 1);
	CHECK_INT(b.len, strlen("x&lt;y&#61;"));	/* it appends */
	buf_release(&b);

	URL("2026-11-22-2114-after", "2026-11-22-2114-after");
	URL("a b/c?d#e", "a%20b%2Fc%3Fd%23e");
	URL("javascript:alert(1)", "javascript%3Aalert%281%29");
	URL("caf\xc3\xa9", "caf%C3%A9");
	URL("~keep._-", "~keep._-");
	URL("\"><", "%22%3E%3C");
	return unit_done();
}
