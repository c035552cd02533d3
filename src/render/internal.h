/*
 * The render module's own header, for src/render/ only: the site model
 * (the entries, tags, goals and months a site or an export is made of)
 * and what its three layers give the one above. model.c gathers the
 * model and the inputs of page keys; markdown.c turns Markdown into
 * HTML and excerpts; pages.c makes every page's values and writes the
 * pages; render.c and export.c are the entry points of render.h.
 */
#ifndef TEND_RENDER_INTERNAL_H
#define TEND_RENDER_INTERNAL_H

#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "chart.h"
#include "ctx.h"
#include "goal.h"
#include "goals.h"
#include "progress.h"
#include "query.h"
#include "redact.h"
#include "site.h"
#include "strvec.h"
#include "template.h"


#define LATEST 10		/* entries on the home page */
#define TAG_PAGE 100		/* entries on each page of a tag */
#define SPARK_DAYS 90		/* days of the home page's sparkline */

/* An entry as the site shows it. */
struct rentry {
	const struct hit *h;
	char *name;		/* its page's file name in entries/ */
	char *href;		/* name escaped for a URL */
	long day;		/* the day on its own clock */
	struct tm wall;		/* its own clock */
	uint64_t key;		/* a hash of what lists show of it */
	int touched;		/* read anew since the shape (below) */
	/* the tag of each of its tags (NULL: none, or not known yet) */
	const struct rtag **tags;
	char *date, *datetime;	/* as lists show them, once made */
};

/*
 * One page of a tag's: the page-th (0 for the first, which has the
 * newest entries), which lists the tag's entries t->entries[at .. at+n).
 */
struct rslice {
	size_t page, at, n;
};

/*
 * A tag (all its spellings in any case) and its entries. Its entries
 * are listed TAG_PAGE to a page, newest first: the first page is
 * tags/FILE.html, the next tags/FILE.2.html, and so on (a file name
 * has no '.', so these are no other tag's).
 */
struct rtag {
	char *key;		/* folded */
	char *name;		/* the spelling used most */
	char *href;		/* its page in tags/, escaped */
	char *file;		/* its page's file name in tags/ */
	size_t *entries;	/* indexes in r->e, oldest first */
	size_t nr, alloc;
	size_t count;		/* the site's entries with it */
	/* a render of what changed: the pages to make (else all) */
	struct rslice *slices;
	size_t nslices, slices_alloc;
};

/* A goal that has a file, its progress and its entries. */
struct rgoal {
	struct goal g;
	struct goal_progress p;
	char *file, *href;	/* its page in goals/ */
	size_t *entries;	/* indexes in r->e, oldest first */
	size_t nr, alloc;
};

/* A month with entries. */
struct rmonth {
	int year, mon;		/* mon 1..12 */
	size_t *entries;	/* indexes in r->e, oldest first */
	size_t nr, alloc;
};

/*
 * What a render that made the whole site knew of the site's shape, kept
 * for the next render into the folder (memo.c). When since then entries
 * were only read anew in place (index_seq(): no entry came or went, no
 * date, mood, list or privacy changed), that render reads only them and
 * the entries their pages show, and makes only the pages they touch.
 */
struct shape {
	long long seq;		/* the index's refresh it was made at */
	long pages;		/* pages the site has */
	size_t ne;		/* entries in the site */
	struct strvec months;	/* "YYYY-MM" of each month, oldest first */
	struct strvec tags;	/* key, name and file of each tag, by key */
	int clash;		/* two entries' IDs make one page name */
	struct strvec changed;	/* the paths read anew since (render.c) */
	struct strvec insights;	/* the home page's (model_insights()) */
};

void shape_release(struct shape *s);

struct render {
	struct ctx *ctx;
	int include_private;
	int links;		/* pages link to each other (not in export) */
	const struct redactions *names;	/* export: names to redact */
	long today;
	struct hits hits;	/* oldest first */
	struct rentry *e;
	size_t ne;
	size_t ne_all;		/* the site's entries (e may hold some) */
	const struct shape *shape;	/* a render of what it touches */
	struct rtag *tags;	/* sorted by key */
	size_t ntags;
	struct rgoal *goals;	/* sorted by ID */
	size_t ngoals;
	struct rmonth *months;	/* oldest first */
	size_t nmonths;
	struct tmpl_set *tmpl;
	struct strvec *overrides;
	uint64_t site_key;	/* the templates, settings and version */
	struct arena a;
	struct buf out, md;
	struct site *site;	/* NULL: pages are not written */
	struct progress meter;	/* pages written or kept, of total */
	size_t done, total;
	long long until;	/* the figures hold until then (goals.h) */
	int goal_warned;	/* a goal file could not be read */
	/* the goal files and attachments: their stamp before any was read
	   (memo.c), and whether one changed within a tick of it */
	uint64_t files_stamp;
	int files_racy;
	struct strvec attached;	/* the files under attachments/, sorted,
				   none reached through a link (memo.c) */
};

/* --- memo.c ------------------------------------------------------------ */

/*
 * Stamp the goal files and the files under attachments/ into r (their
 * names, inodes, sizes and times), before any is read, and list those
 * in r->attached: the memos below are made with that stamp, so that a
 * file changed while the render runs is seen by the next one.
 */
void memo_files(struct render *r);

/*
 * Did the last render into the folder dir make the whole site from the
 * same inputs (r begun and its templates loaded; state the index's,
 * read before any entry; NULL when it has none), with nothing changed
 * in the folder since and the time before its figures' end? Then
 * *pages is how many pages it has and 1 is returned; else 0.
 */
int memo_unchanged(struct render *r, const char *dir, const char *state,
		   long *pages);

/*
 * After a render by r made the whole site of pages in dir, from the
 * index at state: keep its stamp for the next render (when the folder
 * has not changed too recently to tell, and no goal was left out with a
 * warning), or forget the last one.
 */
void memo_keep(struct render *r, const char *dir, const char *state,
	       long pages);

/*
 * The shape the last render into dir kept (see struct shape), into s,
 * when it was made from the same site key, goal files and day as r's,
 * with the folder's manifest as it is now, from this index (born, now
 * at refresh seq, last moved at moved: index_seq()) with nothing but
 * entries read anew in place since, and before its figures' end:
 * returns 0. Else 1, with s empty.
 */
int memo_shape(struct render *r, const char *dir, const char *born,
	       long long seq, long long moved, struct shape *s);

/*
 * Keep s, the shape of the site r made in dir (to the manifest it
 * wrote) from the index born, for the next render; or, with s or born
 * NULL, forget any shape kept for dir, before pages there change.
 */
void memo_keep_shape(struct render *r, const char *dir, const char *born,
		     const struct shape *s);

/* --- model.c ----------------------------------------------------------- */

/*
 * Begin r for ctx: the site key (tend's version, the settings pages show,
 * with_private, the journal's title, the clock) and a template set that
 * loads the journal's templates/html/ or the built-in ones, each folded
 * into the site key as it is loaded and each of the journal's named in
 * overrides (may be NULL). Release with model_release().
 */
void model_begin(struct render *r, struct ctx *ctx, int with_private,
		 struct strvec *overrides);

/* Gather the entries (from the index), tags, months and goals. */
int model_gather(struct render *r);

/*
 * Gather, for r->shape, only the entries the pages of its changed
 * entries show, with the names, tags and months of the whole site as
 * the shape has them, and the goals; each tag of a changed entry with
 * its count and the page of it that lists the entry (in its slices).
 * Returns 0; 1 when the shape does not fit what the index holds (the
 * whole site must be made), or a failure after reporting.
 */
int model_gather_touched(struct render *r);

/* Where the month year-mon (mon 1..12) is in s->months; -1: nowhere. */
long model_shape_month(const struct shape *s, int year, int mon);

/* The shape of the whole site r gathered, into s (emptied first). */
void model_shape(const struct render *r, struct shape *s);

/*
 * The insights (insights.h) of the site's entries, appended to out: of
 * r's entries, or in a render of what changed (r->shape), those the
 * shape kept from the last render of the whole site, which no change
 * to words alone can change. Tags are named as the site names them.
 */
void model_insights(const struct render *r, struct strvec *out);

/*
 * The goals that have a readable file into r->goals, each with its
 * progress when pages link (a site, not an export), and its entries.
 */
int model_gather_goals(struct render *r);

/* Forget what was gathered (the templates stay). */
void model_forget(struct render *r);

void model_release(struct render *r);

/* The stylesheet: the journal's templates/html/style.css or ours. */
int model_load_css(struct render *r, struct buf *css);

/* The tag whose folded form is key, or NULL. */
struct rtag *model_find_tag(const struct render *r, const char *key);

/* The goal with a file called id, or NULL. */
struct rgoal *model_find_goal(const struct render *r, const char *id);

/* The entry of h on its own clock (its day and wall time) into re. */
void model_entry_clock(struct rentry *re, const struct hit *h);

/*
 * The daily means of the moods of r's entries, sorted by day, from day
 * from on; the caller frees the result.
 */
struct chart_day *model_daily_moods(const struct render *r, long from,
				    size_t *ndays);

/* The start of every page's key: the site's, and the page's path. */
uint64_t model_page_key(const struct render *r, const char *path);

/* Fold the string s (NULL too) into h, with its end. */
uint64_t model_hash_str(uint64_t h, const char *s);

/* Fold the number n into h. */
uint64_t model_hash_num(uint64_t h, long long n);

/* Fold the strings of sv into h. */
uint64_t model_hash_strvec(uint64_t h, const struct strvec *sv);

/* What a link to an entry shows of it, folded into h. */
uint64_t model_link_input(const struct rentry *re, uint64_t h);

/* Fold what is shown of a goal an entry names into h. */
uint64_t model_goal_input(const struct render *r, const char *id,
			  uint64_t h);

/* --- markdown.c -------------------------------------------------------- */

/* How markdown_html() makes a text into HTML. */
struct md_opts {
	/*
	 * The level (1..5) of the page's heading over the text: its own
	 * highest headings go one below it, the others as far below those
	 * as they were, none past h6. 0: as they are.
	 */
	int level;
	/* that heading's text: a first block that says it is left out */
	const char *title;
	/* a code block of the text fig_text: fig_html (NULL: none) */
	const char *fig_text, *fig_html;
	/*
	 * The entry file (relative to the journal) the text is of, whose
	 * links into attachments/ are made to lead to the site's copies
	 * of the files in held (markdown_attachment_page()), with up
	 * before them (NULL entry: as they are); or, with root set, whose
	 * images there are put in the page as data: URLs, each file at
	 * most embed_max bytes. Any other link or image into attachments/
	 * keeps only its text (an image its alt text, or the file's name),
	 * and with root, a note that the file is not in the page.
	 */
	const char *entry, *up;
	const struct strvec *held;
	const char *root;
	long embed_max;
};

/*
 * The page in the site, "attachments/NAME" (attach_site_name()), of the
 * attachment at target (relative to the journal) into page, when a
 * render copies it: when it is one of held (sorted: the files under
 * attachments/, none reached through a link) and its name is one a site
 * may hold. Returns 1 then; else 0, page empty.
 */
int markdown_attachment_page(const struct strvec *held, const char *target,
			     struct buf *page);

/*
 * The HTML of Markdown text, through cmark in its safe mode, as o asks
 * (NULL: as it is), into out.
 */
void markdown_html(const char *md, size_t len, const struct md_opts *o,
		   struct buf *out);

/*
 * The start of the body as plain text, for lists, at most EXCERPT_BYTES
 * (markdown.c), cut at a word, with "…" when there is more; into out.
 */
void markdown_excerpt(const char *md, size_t len, struct buf *out);

/* --- pages.c ----------------------------------------------------------- */

/*
 * Make every page of the site into r->site: the style sheet css, a page
 * for each entry, month, tag and goal, their indexes, the mood page and
 * the home page; each written only when its key changed. Returns 0 or a
 * failure after reporting.
 */
int pages_write(struct render *r, const struct buf *css);

/*
 * Make, of the site of r->shape, only the pages its changed entries
 * touch: the entry's page and its neighbours', its month's, its tags',
 * its goals' and the home page. Returns 0 or a failure after reporting.
 */
int pages_write_touched(struct render *r);

/*
 * The values every page has: the site's title, the way back to the top
 * ("" or "../"), the page's title and which part of the site it is in.
 */
struct tv *page_values(struct render *r, const char *root,
		       const char *title, const char *section);

/*
 * The values of an entry's own page (all but its body): re, the entry
 * r->e[i] (or, in an export, one of its entries, which has no links).
 */
void page_entry_values(struct render *r, struct tv *page,
		       const struct rentry *re, size_t i);

/* Put an SVG chart made into svg under key, and empty svg. */
void page_put_chart(struct render *r, struct tv *page, const char *key,
		    struct buf *svg);

/* "22 Nov 2026" */
struct tv *page_short_date(struct arena *a, const struct tm *tm);

/* "22 Nov 2026" of a day number. */
struct tv *page_day_date(struct arena *a, long day);

/* one when n is 1, else many */
const char *page_plural(long n, const char *one, const char *many);

/*
 * What the user wrote, as it may leave the terminal: redacted when the
 * export asks for it (a copy in r's arena), else s itself.
 */
const char *page_say(struct render *r, const char *s);

#endif
