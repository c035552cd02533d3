#include "output.h"
#include "error.h"
#include "json.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = { "text", "json", "ids", "paths" };

int format_parse(const char *s, int n)
{
	struct buf names = BUF_INIT;

	for (int i = 0; i < n; i++)
		if (!strcmp(s, formats[i]))
			return i;
	for (int i = 0; i < n; i++)
		buf_addf(&names, "%s%s", i ? (i == n - 1 ? " or " : ", ") : "",
			 formats[i]);
	error_as(FAIL_USAGE, "unknown format '%s' (%s)", s, names.s);
	buf_release(&names);
	return FAIL_USAGE;
}

int output_colour(const struct ctx *ctx)
{
	const char *no = getenv("NO_COLOR");

	return ctx->out_tty && !(no && *no);
}

/*
 * Append the n bytes at s as a terminal may be given them. Control
 * characters become '?': C0 (NUL among them), DEL, and C1 written as
 * UTF-8 (U+009B is a terminal's CSI, as ESC [ is), and so does a byte
 * that is not part of well-formed UTF-8, which a terminal in another
 * encoding may read as a C1 control. With lines, line breaks and tabs are
 * kept and a CR not before a LF (a line break of old Macs, or text
 * hidden by writing over it) becomes a line break; without, each of them
 * becomes a space.
 */
static void clean(struct buf *out, const char *s, size_t n, int lines)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + n;

	while (p < end) {
		size_t left = (size_t)(end - p), len = 1;

		if (*p >= 0x80) {
			/* a whole UTF-8 character, or a byte that is not */
			size_t want = *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;

			if (want <= left &&
			    utf8_prefix((const char *)p, want) == want)
				len = want;
		}
		if (len > 1 && !(*p == 0xc2 && p[1] < 0xa0))
			buf_add(out, (const char *)p, len);
		else if (*p == '\n' || *p == '\t')
			buf_addch(out, lines ? (char)*p : ' ');
		else if (*p == '\r')
			buf_addch(out, !lines ? ' '
				  : left > 1 && p[1] == '\n' ? '\r' : '\n');
		else if (*p < 0x20 || *p >= 0x7f)
			buf_addch(out, '?');	/* C0, DEL, C1, not UTF-8 */
		else
			buf_addch(out, (char)*p);
		p += len;
	}
}

void output_clean(struct buf *out, const char *s)
{
	clean(out, s, strlen(s), 0);
}

void output_clean_text(struct buf *out, const char *s, size_t len)
{
	clean(out, s, len, 1);
}

void output_text(const struct ctx *ctx, const char *s, size_t len, int raw)
{
	struct buf shown = BUF_INIT;

	if (raw || !ctx->out_tty) {
		fwrite(s, 1, len, stdout);
		return;
	}
	output_clean_text(&shown, s, len);
	fwrite(shown.s, 1, shown.len, stdout);
	buf_release(&shown);
}

static void text_line(const struct hit *h, struct buf *out, int search,
		      int colour)
{
	const struct entry *e = &h->e;
	const struct tm *w = &e->date.wall;

	buf_addf(out, "%04d-%02d-%02d %02d:%02d  ", w->tm_year + 1900,
		 w->tm_mon + 1, w->tm_mday, w->tm_hour, w->tm_min);
	if (e->mood)
		buf_addf(out, "%2d", e->mood);
	else
		buf_adds(out, " -");
	buf_adds(out, "  ");
	output_clean(out, e->title ? e->title : e->id);
	for (size_t i = 0; i < e->tags.nr; i++) {
		buf_adds(out, " #");
		output_clean(out, e->tags.v[i]);
	}
	if (e->share)
		buf_adds(out, " (share)");
	if (e->private)
		buf_adds(out, " (private)");
	buf_adds(out, "\n    ");
	output_clean(out, e->id);
	buf_addch(out, '\n');
	if (search && h->snippet) {
		/* one line: the snippet's line breaks become spaces */
		buf_adds(out, "    ");
		for (const char *p = h->snippet; *p;) {
			size_t n = strcspn(p, colour ? "\001\002" : "");

			clean(out, p, n, 0);
			p += n;
			if (*p)		/* a mark of the search: bold */
				buf_adds(out, *p++ == '\001' ? "\033[1;4m"
							      : "\033[22;24m");
		}
		buf_addch(out, '\n');
	}
}

void output_hits(const struct ctx *ctx, const struct hits *hits, int format,
		 int search)
{
	struct buf out = BUF_INIT;

	if (format == FORMAT_JSON)
		buf_addch(&out, '[');
	for (size_t k = 0; k < hits->nr; k++) {
		const struct hit *h = &hits->v[k];

		switch (format) {
		case FORMAT_TEXT:
			text_line(h, &out, search, output_colour(ctx));
			break;
		case FORMAT_JSON:
			buf_adds(&out, k ? ",\n" : "\n");
			entry_json(&h->e, &out);
			if (search) {
				json_key(&out, "snippet", 0);
				json_str(&out, h->snippet);
				json_key(&out, "rank", 0);
				buf_addf(&out, "%.6g", h->rank);
			}
			buf_addch(&out, '}');
			break;
		case FORMAT_IDS:
			buf_addf(&out, "%s\n", h->e.id);
			break;
		case FORMAT_PATHS:
			buf_addf(&out, "%s/%s\n", ctx->root, h->e.path);
			break;
		}
		if (out.len > 65536) {
			fwrite(out.s, 1, out.len, stdout);
			buf_reset(&out);
		}
	}
	if (format == FORMAT_JSON)
		buf_adds(&out, hits->nr ? "\n]\n" : "]\n");
	fwrite(out.s, 1, out.len, stdout);
	buf_release(&out);
}

void output_wrap(FILE *f, const char *lead, const char *text, size_t width)
{
	struct buf clean = BUF_INIT;
	size_t indent = strlen(lead), col = indent;
	const char *p;

	output_clean(&clean, text);
	fputs(lead, f);
	for (p = clean.s + strspn(clean.s, " "); *p; p += strspn(p, " ")) {
		size_t word = strcspn(p, " ");

		if (col > indent && col + 1 + word > width) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, word, f);
		col += word;
		p += word;
	}
	fputc('\n', f);
	buf_release(&clean);
}
