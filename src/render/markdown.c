/*
 * Markdown for pages (see internal.h): an entry's body as HTML through
 * cmark's safe mode, and the start of a body as plain text for lists.
 */
#include "internal.h"
#include "util.h"

#include <cmark.h>
#include <stdlib.h>

/* cmark leaves raw HTML and unsafe links out by default since 0.29 */
#if CMARK_VERSION < 0x001d00
#error "tend needs cmark 0.29 or later, whose output is safe by default"
#endif

#define EXCERPT_BYTES 240

/* The HTML of Markdown text, through cmark in its safe mode, into out. */
void markdown_html(const char *md, size_t len, struct buf *out)
{
	char *html = cmark_markdown_to_html(md, len, CMARK_OPT_DEFAULT |
					    CMARK_OPT_VALIDATE_UTF8);

	buf_reset(out);
	buf_adds(out, html);
	free(html);
}

/*
 * The start of the body as plain text, for lists: the words of its
 * paragraphs and lists (not its headings), at most EXCERPT_BYTES, cut at
 * a word, with "…" when there is more.
 */
void markdown_excerpt(const char *md, size_t len, struct buf *out)
{
	cmark_node *doc = cmark_parse_document(md, len,
					       CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int in_heading = 0, more = 0;

	buf_reset(out);
	while (!more && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		const char *lit;

		if (type == CMARK_NODE_HEADING) {
			in_heading = ev == CMARK_EVENT_ENTER;
			continue;
		}
		if (in_heading || ev != CMARK_EVENT_ENTER)
			continue;
		if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
			lit = cmark_node_get_literal(n);
			buf_adds(out, lit ? lit : "");
		} else if (type == CMARK_NODE_ITEM && out->len &&
			   cmark_node_previous(n)) {
			/* the items of a list, one after another */
			while (out->len && out->s[out->len - 1] == ' ')
				buf_setlen(out, out->len - 1);
			buf_adds(out, "; ");
		} else if (type == CMARK_NODE_SOFTBREAK ||
			   type == CMARK_NODE_LINEBREAK ||
			   type == CMARK_NODE_PARAGRAPH ||
			   type == CMARK_NODE_ITEM) {
			if (out->len && out->s[out->len - 1] != ' ')
				buf_addch(out, ' ');
		}
		more = out->len > EXCERPT_BYTES;
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	while (out->len && out->s[out->len - 1] == ' ')
		buf_setlen(out, out->len - 1);
	if (out->len > EXCERPT_BYTES) {
		size_t cut = utf8_prefix(out->s, EXCERPT_BYTES);

		while (cut > EXCERPT_BYTES / 2 && out->s[cut] != ' ')
			cut--;
		while (cut && (unsigned char)out->s[cut] >= 0x80 &&
		       ((unsigned char)out->s[cut] & 0xc0) == 0x80)
			cut--;
		buf_setlen(out, cut);
		buf_adds(out, "…");
	}
}
