/*
 * Unit tests of render_markdown_section() (render/render.h): an entry's
 * body made a section of a Markdown document, its headings moved under
 * the entry's, everything else byte for byte.
 */
#include "render/render.h"
#include "unit.h"

#include <string.h>

/* Check that md, under a heading of level, titled title, gives want. */
static void check_section(const char *md, const char *title, int level,
			  const char *want, int line)
{
	struct buf b = BUF_INIT;
	char what[300];

	render_markdown_section(md, strlen(md), title, level, &b);
	snprintf(what, sizeof(what), "section of '%.200s'", md);
	unit_check_str(b.s ? b.s : "", want, what, __FILE__, line);
	buf_release(&b);
}

#define SECTION(md, title, level, want) \
	check_section((md), (title), (level), (want), __LINE__)

/* It appends: what out held stays in front. */
static void test_appends(void)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "# Entry\n\n");
	render_markdown_section("# Part\n", 7, NULL, 1, &b);
	CHECK_STR(b.s, "# Entry\n\n## Part\n");
	CHECK_INT(b.len, strlen("# Entry\n\n## Part\n"));
	buf_release(&b);
}

int main(void)
{
	/* no heading: byte for byte, line breaks of every kind */
	SECTION("Words.\r\nMore\twords.\n", NULL, 1,
		"Words.\r\nMore\twords.\n");
	SECTION("", NULL, 1, "");
	/* the highest heading goes one below the entry's */
	SECTION("# One\n\ntext\n\n## Two\n", NULL, 1,
		"## One\n\ntext\n\n### Two\n");
	SECTION("### Deep\n\n#### Deeper\n", NULL, 1,
		"## Deep\n\n### Deeper\n");
	SECTION("# A\n## B\n### C\n#### D\n##### E\n###### F\n", NULL, 1,
		"## A\n### B\n#### C\n##### D\n###### E\n###### F\n");
	SECTION("# A\n", NULL, 3, "#### A\n");
	/* the closing '#'s and what follows the marks stay as written */
	SECTION("# Closed #\n", NULL, 1, "## Closed #\n");
	/* setext headings become ATX ones, their lines joined */
	SECTION("Big\n===\n\nSmall\n---\nafter\n", NULL, 1,
		"## Big\n\n### Small\nafter\n");
	SECTION("Two\nlines\n====\n", NULL, 1, "## Two lines\n");
	/* not headings: a hashtag, code, a quote, a list, a thematic break */
	SECTION("#tag and words\n", NULL, 1, "#tag and words\n");
	SECTION("```\n# code\n```\n", NULL, 1, "```\n# code\n```\n");
	SECTION("    # indented code\n", NULL, 1, "    # indented code\n");
	SECTION("> # quoted\n", NULL, 1, "> # quoted\n");
	SECTION("- # in a list\n", NULL, 1, "- # in a list\n");
	SECTION("text\n\n---\n\nmore\n", NULL, 1, "text\n\n---\n\nmore\n");
	/* the title once: a first heading that says it goes, with blanks */
	SECTION("# The day\n\nWords.\n", "The day", 1, "Words.\n");
	SECTION("# The *day*\n\nWords.\n", "The day", 1, "Words.\n");
	SECTION("# The day\n\n## After\n", "The day", 1, "## After\n");
	SECTION("Words first.\n\n# The day\n", "The day", 1,
		"Words first.\n\n## The day\n");
	SECTION("# Another\n\nWords.\n", "The day", 1,
		"## Another\n\nWords.\n");
	/* no line break at the end */
	SECTION("# End", NULL, 1, "## End\n");
	SECTION("last words", NULL, 1, "last words");
	test_appends();
	return unit_done();
}
