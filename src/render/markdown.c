/*
 * Markdown for pages (see internal.h): an entry's body as HTML through
 * cmark's safe mode, and the start of a body as plain text for lists.
 */
#include "internal.h"
#include "attach.h"
#include "fs.h"
#include "site.h"
#include "util.h"

#include <cmark.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* cmark leaves raw HTML and unsafe links out by default since 0.29 */
#if CMARK_VERSION < 0x001d00
#error "tend needs cmark 0.29 or later, whose output is safe by default"
#endif

#define EXCERPT_BYTES 240

/*
 * Does the heading h, the first block of md[0..len), say title (both
 * trimmed)? Either its text as shown (its words, without their marks)
 * or, for a "# Title" line, the line as entry.c reads a title from it
 * (its text between the '#'s, marks and all).
 */
static int heading_says(const char *md, size_t len, cmark_node *h,
			const char *title)
{
	struct buf text = BUF_INIT;
	cmark_iter *it = cmark_iter_new(h);
	cmark_event_type ev;
	const char *p = md, *end = md + len, *eol;
	size_t tlen;
	int line = cmark_node_get_start_line(h), same;

	while (*title == ' ' || *title == '\t')
		title++;
	tlen = strlen(title);
	while (tlen && strchr(" \t\r\n", title[tlen - 1]))
		tlen--;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		const char *lit = cmark_node_get_literal(n);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if ((type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) &&
		    lit)
			buf_adds(&text, lit);
		else if (type == CMARK_NODE_SOFTBREAK ||
			 type == CMARK_NODE_LINEBREAK)
			buf_addch(&text, ' ');
	}
	cmark_iter_free(it);
	same = text.len == tlen && !memcmp(text.s, title, tlen);
	buf_release(&text);
	if (same)
		return 1;
	/* the line it starts on, its '#'s and the spaces around cut off */
	while (--line > 0 && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		p = nl ? nl + 1 : end;
	}
	eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	while (p < eol && *p == ' ')
		p++;
	if (p == eol || *p != '#')
		return 0;
	while (p < eol && *p == '#')
		p++;
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	while (eol > p && strchr(" \t\r#", eol[-1]))
		eol--;
	return (size_t)(eol - p) == tlen && !memcmp(p, title, tlen);
}

/*
 * Put the headings of doc under a page's heading of level (1..5): the
 * highest of them one level below it, the others as far below that as
 * they were below it, none further than h6.
 */
static void headings_nest(cmark_node *doc, int level)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int top = 7;

	for (int pass = 0; pass < 2; pass++) {
		cmark_iter_reset(it, doc, CMARK_EVENT_ENTER);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			int was;

			if (ev != CMARK_EVENT_ENTER ||
			    cmark_node_get_type(n) != CMARK_NODE_HEADING)
				continue;
			was = cmark_node_get_heading_level(n);
			if (!pass) {
				top = was < top ? was : top;
				continue;
			}
			was += level + 1 - top;
			cmark_node_set_heading_level(n, was > 6 ? 6 : was);
		}
	}
	cmark_iter_free(it);
}

/*
 * Is the code block n the figure o names: its text that of o->fig_text,
 * but for the line breaks and spaces at their ends?
 */
static int is_figure(cmark_node *n, const struct md_opts *o)
{
	const char *lit = cmark_node_get_literal(n), *want = o->fig_text;
	size_t a, b;

	if (!o->fig_html || !want || !lit ||
	    cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK)
		return 0;
	a = strlen(lit);
	b = strlen(want);
	while (a && strchr(" \t\r\n", lit[a - 1]))
		a--;
	while (b && strchr(" \t\r\n", want[b - 1]))
		b--;
	return a == b && !memcmp(lit, want, a);
}

/*
 * The data: URL of the image file at target (relative to root), of type
 * type, into out; nothing when it cannot be read or is over max bytes.
 */
static void data_url(const char *root, const char *target, const char *type,
		     long max, struct buf *out)
{
	struct buf data = BUF_INIT;
	size_t n;
	char *b64;

	buf_reset(out);
	if (fs_read_in(root, target, (size_t)max, &data, FS_QUIET) < 0 ||
	    data.len > (size_t)max) {
		buf_release(&data);
		return;
	}
	n = sodium_base64_encoded_len(data.len,
				      sodium_base64_VARIANT_ORIGINAL);
	b64 = xmalloc(n);
	sodium_bin2base64(b64, n, (const unsigned char *)data.s, data.len,
			  sodium_base64_VARIANT_ORIGINAL);
	buf_addf(out, "data:%s;base64,%s", type, b64);
	free(b64);
	buf_release(&data);
}

/* Compare a path with an element of a strvec, for bsearch(). */
static int cmp_path(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

int markdown_attachment_page(const struct strvec *held, const char *target,
			     struct buf *page)
{
	struct buf name = BUF_INIT;
	int ok = held && held->nr &&
		 bsearch(target, held->v, held->nr, sizeof(*held->v),
			 cmp_path) &&
		 attach_site_name(target, &name) == 0;

	buf_reset(page);
	if (ok) {
		buf_addf(page, ATTACH_DIR "/%s", name.s);
		ok = site_path_ok(page->s);
	}
	if (!ok)
		buf_reset(page);
	buf_release(&name);
	return ok;
}

/*
 * Put in place of the link or image n (which leads to the file at
 * target) what it says: a link's text, an image's alt text, or the
 * file's name when it has none; with note set, and a note that the file
 * is not in the page. n is freed.
 */
static void unlink_attachment(cmark_node *n, const char *target, int note)
{
	const char *name = strrchr(target, '/') ? strrchr(target, '/') + 1
						: target;
	cmark_node *child = cmark_node_first_child(n), *text;
	const char *said = child && !cmark_node_next(child) &&
			   cmark_node_get_type(child) == CMARK_NODE_TEXT ?
			   cmark_node_get_literal(child) : NULL;
	struct buf b = BUF_INIT;

	if (!child) {
		said = name;
		text = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(text, name);
		cmark_node_insert_before(n, text);
	}
	while ((child = cmark_node_first_child(n)))
		cmark_node_insert_before(n, child);
	if (note) {
		/* "photo.jpg (attached file, ...)", not the name twice */
		if (said && !strcmp(said, name))
			buf_adds(&b, " (attached file, not in this page)");
		else
			buf_addf(&b, " (attached file %s, not in this page)",
				 name);
		text = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(text, b.s);
		cmark_node_insert_before(n, text);
	}
	cmark_node_free(n);
	buf_release(&b);
}

/*
 * Lead the links and images of doc, the text of the entry file o->entry,
 * into attachments/ to the site's copies of those files; or, with
 * o->root, put each image there in the page (as a data: URL). A link to
 * a file the page cannot hold (not copied, not an image, in another
 * entry's folder) keeps only its text, and in a page that stands alone
 * says so: a page never points at a file that is not there.
 */
static void attachment_links(cmark_node *doc, const struct md_opts *o)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	struct buf target = BUF_INIT, url = BUF_INIT, page = BUF_INIT;
	struct strvec gone = STRVEC_INIT;
	cmark_node **lost = NULL;
	size_t nlost = 0, alloc = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		const char *mime, *u = cmark_node_get_url(n);
		int own;

		if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK &&
						type != CMARK_NODE_IMAGE) ||
		    !u || !attach_link_into(o->entry, u, &target, &own))
			continue;
		buf_reset(&url);
		if (own && o->root) {
			mime = attach_image_type(target.s);
			if (type == CMARK_NODE_IMAGE && mime)
				data_url(o->root, target.s, mime,
					 o->embed_max, &url);
		} else if (own && markdown_attachment_page(o->held, target.s,
							   &page)) {
			buf_addf(&url, "%s%s", o->up ? o->up : "", page.s);
			if (strchr(u, '#'))	/* a page of a PDF, say */
				buf_adds(&url, strchr(u, '#'));
		}
		if (url.len) {
			cmark_node_set_url(n, url.s);
			continue;
		}
		/* changed once the walk is done: it may hold more */
		ALLOC_GROW(lost, nlost + 1, alloc);
		lost[nlost++] = n;
		strvec_push(&gone, target.s);
	}
	cmark_iter_free(it);
	/* the innermost first: an image in a link goes before the link */
	while (nlost--)
		unlink_attachment(lost[nlost], gone.v[nlost], o->root != NULL);
	free(lost);
	strvec_clear(&gone);
	buf_release(&target);
	buf_release(&url);
	buf_release(&page);
}

/*
 * The HTML of Markdown text through cmark in its safe mode, as o asks
 * (NULL: as it is), into out.
 */
void markdown_html(const char *md, size_t len, const struct md_opts *o,
		   struct buf *out)
{
	const int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
	static const struct md_opts none = { 0 };
	cmark_node *doc = cmark_parse_document(md, len, opts);
	cmark_node *n = cmark_node_first_child(doc), *next;
	int drawn = 0;
	char *html;

	if (!o)
		o = &none;
	if (o->title && n && cmark_node_get_type(n) == CMARK_NODE_HEADING &&
	    heading_says(md, len, n, o->title)) {
		cmark_node_unlink(n);
		cmark_node_free(n);
	}
	if (o->level > 0)
		headings_nest(doc, o->level);
	if (o->entry)
		attachment_links(doc, o);
	buf_reset(out);
	/* block by block, which cmark makes as it would the whole */
	for (n = cmark_node_first_child(doc); n; n = next) {
		next = cmark_node_next(n);
		if (!drawn && is_figure(n, o)) {
			buf_adds(out, o->fig_html);
			buf_addch(out, '\n');
			drawn = 1;
			continue;
		}
		html = cmark_render_html(n, opts);
		buf_adds(out, html);
		free(html);
	}
	cmark_node_free(doc);
}

/* The start of line number line (1-based) of md[0..len), or its end. */
static const char *line_start(const char *md, size_t len, int line)
{
	const char *p = md, *end = md + len;

	while (--line > 0 && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		p = nl ? nl + 1 : end;
	}
	return p;
}

/* Is line p..eol the underline of a setext heading (all '=' or '-')? */
static int is_underline(const char *p, const char *eol)
{
	while (p < eol && *p == ' ')
		p++;
	if (p == eol || (*p != '=' && *p != '-'))
		return 0;
	for (char c = *p; p < eol && *p == c; p++)
		;
	while (p < eol && strchr(" \t\r", *p))
		p++;
	return p == eol;
}

/*
 * Append to out the heading of md[0..len) that starts on line first, at
 * level: an ATX heading ("## Words") with its '#'s made as many as
 * level; a setext one (words over a line of '=' or '-') as an ATX
 * heading of its words, its lines joined by spaces. Returns the number
 * of its last line.
 */
static int add_heading(const char *md, size_t len, int first, int level,
		       struct buf *out)
{
	const char *p = line_start(md, len, first), *end = md + len;
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	int line = first;

	if (!eol)
		eol = end;
	while (p < eol && *p == ' ')
		p++;
	for (int i = 0; i < level; i++)
		buf_addch(out, '#');
	if (*p == '#') {	/* ATX, one line: the rest of it */
		while (p < eol && *p == '#')
			p++;
		if (p == eol || *p == ' ' || *p == '\t') {
			buf_add(out, p, (size_t)(eol - p));
			buf_addch(out, '\n');
			return first;
		}
	}
	/* setext: its lines up to the underline, trimmed, joined */
	for (;; line++) {
		p = line_start(md, len, line);
		if (p == end)
			break;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (line > first && is_underline(p, eol))
			break;
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		while (eol > p && strchr(" \t\r", eol[-1]))
			eol--;
		buf_addch(out, ' ');
		buf_add(out, p, (size_t)(eol - p));
	}
	buf_addch(out, '\n');
	return line;
}

void render_markdown_section(const char *md, size_t len, const char *title,
			     int level, struct buf *out)
{
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	cmark_node *n = cmark_node_first_child(doc);
	const char *p = md, *end = md + len;
	int top = 7;

	/* its title once: a first heading that says it is left out, and
	   the blank lines after it */
	if (title && n && cmark_node_get_type(n) == CMARK_NODE_HEADING &&
	    heading_says(md, len, n, title)) {
		p = line_start(md, len, cmark_node_get_end_line(n) + 1);
		while (p < end && strchr(" \t\r\n", *p))
			p++;
		n = cmark_node_next(n);
	}
	for (cmark_node *h = n; h; h = cmark_node_next(h))
		if (cmark_node_get_type(h) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(h) < top)
			top = cmark_node_get_heading_level(h);
	/* the headings of the document itself (not those in a quote or a
	   list) moved down, the rest byte for byte */
	for (; n; n = cmark_node_next(n)) {
		int first = cmark_node_get_start_line(n), to, last;
		const char *q;

		if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		q = line_start(md, len, first);
		if (q > p)
			buf_add(out, p, (size_t)(q - p));
		to = cmark_node_get_heading_level(n) + level + 1 - top;
		last = add_heading(md, len, first, to > 6 ? 6 : to, out);
		p = line_start(md, len, last + 1);
	}
	if (p < end)
		buf_add(out, p, (size_t)(end - p));
	cmark_node_free(doc);
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
