#include "output.h"
#include "error.h"
#include "json.h"

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

/* output_clean() of the n bytes at s. */
static void output_clean_n(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	for (const unsigned char *end = p + n; p < end && *p; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			buf_addch(out, ' ');
		else if (*p < 0x20 || *p == 0x7f)
			buf_addch(out, '?');
		else if (*p == 0xc2 && p + 1 < end && p[1] >= 0x80 &&
			 p[1] <= 0x9f)
			buf_addch(out, '?'), p++;	/* C1 controls */
		else
			buf_addch(out, (char)*p);
	}
}

void output_clean(struct buf *out, const char *s)
{
	output_clean_n(out, s, strlen(s));
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

			output_clean_n(out, p, n);
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
