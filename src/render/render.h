/*
 * The HTML journal (tend-render(1)): the pages of `tend render` and the one
 * self-contained page of `export --format html`, made from the index,
 * the entry and goal files, and the HTML templates (built in from
 * templates/html/, or the journal's own templates/html/NAME.html).
 */
#ifndef TEND_RENDER_H
#define TEND_RENDER_H

#include <time.h>

#include "buf.h"
#include "ctx.h"
#include "query.h"
#include "redact.h"
#include "sink.h"
#include "strvec.h"

struct render_opts {
	const char *out;	/* the folder to render into */
	int include_private;	/* private entries too */
};

struct render_stats {
	long pages;		/* pages the site has */
	long written, unchanged, removed;
	long read, entries;	/* entries read from the index, of all */
	struct strvec overrides;	/* the journal's templates used */
};

/*
 * Render the site into o->out, as of ctx->now: only the pages whose
 * input changed are written, pages the last render made that are no
 * longer part of the site are removed. Progress on a terminal. Returns
 * 0; FAIL_INVALID after reporting a template error (before any page is
 * written); FAIL or FAIL_BUSY after reporting. The caller releases
 * st->overrides.
 */
int render_site(struct ctx *ctx, const struct render_opts *o,
		struct render_stats *st);

/*
 * One self-contained HTML page of the entries f selects (oldest first
 * with f->reverse), written to out as it is made, so that it can hold
 * any number of them: the style inline, a mood chart, every entry in
 * full. With names set, titles and bodies are redacted. *count is how
 * many entries it has; overrides names the journal's templates used.
 * Returns 0, FAIL_INVALID after reporting a template error (before
 * anything is written) or a template's limit, or FAIL (out's failure
 * too); out is the caller's to commit or abort.
 */
int render_export(struct ctx *ctx, const struct filter *f,
		  const struct redactions *names, struct sink *out,
		  struct strvec *overrides, size_t *count);

/*
 * One self-contained HTML page of a Markdown document md[0..len) (prep's
 * page, redacted already when it should be), titled title, with the
 * style inline, through the template "document"; its code block of the
 * text fig_text, when there is one, is the HTML fig_html instead, a
 * figure tend drew (both NULL: none). With names set, the journal's
 * title is redacted too. Appends to out. Returns 0, or FAIL_INVALID
 * after reporting a template error, or FAIL.
 */
int render_document(struct ctx *ctx, const char *title, const char *md,
		    size_t len, const char *fig_text, const char *fig_html,
		    const struct redactions *names, struct buf *out,
		    struct strvec *overrides);

/*
 * The body md[0..len) of an entry, for a Markdown document in which
 * each entry is a section under its heading of level (1..5), appended
 * to out: its first block left out when it is a heading that says title
 * (NULL: none is), the highest of its other headings one level below
 * level and the rest as far below that as they were (none past six),
 * written as "### Words"; all else byte for byte. Headings inside a
 * quote or a list stay as they are.
 */
void render_markdown_section(const char *md, size_t len, const char *title,
			     int level, struct buf *out);

/*
 * Today, for pages: SOURCE_DATE_EPOCH when it is set to a time (for
 * reproducible sites, as build tools read it), else ctx->now.
 */
time_t render_now(const struct ctx *ctx);

#endif
