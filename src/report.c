#include "report.h"
#include "dates.h"
#include "entry.h"
#include "error.h"
#include "goal.h"
#include "goals.h"
#include "html.h"
#include "json.h"
#include "output.h"
#include "query.h"
#include "stats.h"
#include "strvec.h"
#include "termchart.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- session prep ------------------------------------------------------ */

#define TOP 5		/* feelings and tags shown */
#define LOWS 3		/* entries of the lowest mood shown */
#define LINE_BYTES 120	/* of an entry's first line shown, about */
#define SPARK_DAILY 91	/* days a sparkline gives a mark each, at most */
#define SPARK_MARKS 105	/* marks of a sparkline, at most: 2 years' weeks */
#define SPARK_W 240	/* the size of its SVG */
#define SPARK_H 40

/* One entry of the period, as much as the page needs. */
struct item {
	char *id, *path, *title, *prompt;
	time_t when;
	struct tm wall;		/* when, by the entry's own clock */
	int has_time;		/* its date has a time of day */
	int mood, share;
	struct strvec goals, ratings;	/* ratings: goal, value, ... */
};

/* What is gathered from the entries of the period. */
struct period {
	struct item *v;
	size_t nr, alloc;
	struct tallies feelings, tags;	/* how often each came up */
	struct tally before;	/* the moods of the period before */
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Take one entry of the period (oldest first). */
static int take(const struct entry *e, void *data)
{
	struct period *p = data;
	struct item *it;

	ALLOC_GROW(p->v, p->nr + 1, p->alloc);
	it = &p->v[p->nr++];
	memset(it, 0, sizeof(*it));
	it->id = xstrdup(e->id);
	it->path = xstrdup(e->path);
	it->title = dup_or_null(e->title);
	it->prompt = dup_or_null(e->prompt);
	it->when = e->date.t;
	if (e->has_date) {
		it->wall = e->date.wall;
		it->has_time = e->date.has_time;
	} else {
		localtime_r(&it->when, &it->wall);
	}
	it->mood = e->mood;
	it->share = e->share;
	for (size_t i = 0; i < e->goals.nr; i++)
		strvec_push(&it->goals, e->goals.v[i]);
	for (size_t i = 0; i < e->ratings.nr; i++)
		strvec_push(&it->ratings, e->ratings.v[i]);
	tallies_add_words(&p->feelings, e->feelings.v, e->feelings.nr, 0);
	tallies_add_words(&p->tags, e->tags.v, e->tags.nr, 0);
	return 0;
}

/* Take the mood of one entry of the period before. */
static int take_before(const struct entry *e, void *data)
{
	struct period *p = data;

	if (e->mood)
		tally_add(&p->before, e->mood);
	return 0;
}

static void period_release(struct period *p)
{
	for (size_t i = 0; i < p->nr; i++) {
		free(p->v[i].id);
		free(p->v[i].path);
		free(p->v[i].title);
		free(p->v[i].prompt);
		strvec_clear(&p->v[i].goals);
		strvec_clear(&p->v[i].ratings);
	}
	free(p->v);
	tallies_release(&p->feelings);
	tallies_release(&p->tags);
}

/* Entries between from and to (inclusive); private ones with o's say. */
static int gather(struct ctx *ctx, const struct prep_opts *o, time_t from,
		  time_t to, int (*fn)(const struct entry *, void *),
		  void *data)
{
	struct filter f;
	int rc;

	filter_init(&f);
	f.has_from = f.has_to = 1;
	f.from = from;
	f.to = to;
	f.no_private = !o->with_private;
	f.reverse = 1;	/* oldest first */
	rc = query_each(ctx, &f, fn, data);
	filter_release(&f);
	return rc;
}

static const char *title_of(const struct item *it)
{
	return it->title ? it->title : it->id;
}

/* "2026-11-12 \"After the call\"" for an entry. */
static void add_entry_ref(struct buf *out, const struct item *it)
{
	day_format(it->when, out);
	buf_addf(out, " \"%s\"", title_of(it));
}

/* "2026-11-12 02:40": when an entry was written, by its own clock. */
static void add_clock(struct buf *out, const struct item *it)
{
	const struct tm *w = &it->wall;

	buf_addf(out, "%04d-%02d-%02d", w->tm_year + 1900, w->tm_mon + 1,
		 w->tm_mday);
	if (it->has_time)
		buf_addf(out, " %02d:%02d", w->tm_hour, w->tm_min);
}

/*
 * "- Lowest day: 2026-11-12, a daily mean of 2.5 (2 entries): "A", "B"":
 * a day, the mean of its moods, and its entries with a mood.
 */
static void write_day(struct buf *out, const struct period *p,
		      const struct chart_day *d, const char *what)
{
	struct buf titles = BUF_INIT;
	long listed = 0;

	for (size_t i = 0; i < p->nr; i++)
		if (p->v[i].mood && day_of(p->v[i].when) == d->day)
			buf_addf(&titles, "%s \"%s\"", listed++ ? "," : "",
				 title_of(&p->v[i]));
	buf_addf(out, "- %s day: ", what);
	day_number_format(d->day, out);
	buf_addf(out, ", a daily mean of %.1f (%ld entr%s):%s\n", d->value,
		 listed, listed == 1 ? "y" : "ies", titles.s);
	buf_release(&titles);
}

/* "2026-11-01 to 2026-11-14", or one day: the days from t0 to t1. */
static void add_span(struct buf *out, time_t t0, time_t t1)
{
	day_format(t0, out);
	if (day_of(t1) != day_of(t0)) {
		buf_adds(out, " to ");
		day_format(t1, out);
	}
}

/*
 * The sparkline of a prep page: a mark for each per days of the days
 * first .. last, the last mark ending with the last day (so the first
 * may stand for fewer).
 */
struct spark {
	double *values;		/* a mean mood a mark; NaN: none */
	size_t n;
	long per, first, last;
};

/*
 * Make the sparkline of the days first .. last into sp (its values the
 * caller's to free): a mark a day up to SPARK_DAILY days, else a mark a
 * week, or as many weeks as keep it to SPARK_MARKS marks; each the mean
 * mood of the entries of its days (days[0..nd) are daily means with
 * their counts), NaN when none has a mood.
 */
static void spark_make(struct spark *sp, const struct chart_day *days,
		       size_t nd, long first, long last)
{
	long len = last >= first ? last - first + 1 : 1, skip;
	long weeks = (len + 7 * SPARK_MARKS - 1) / (7 * SPARK_MARKS);
	double *sum;
	long *count;

	sp->per = len <= SPARK_DAILY ? 1 : 7 * weeks;
	sp->n = (size_t)((len + sp->per - 1) / sp->per);
	sp->first = first;
	sp->last = first + len - 1;
	skip = (long)sp->n * sp->per - len;	/* of the first mark's days */
	sp->values = xcalloc(sp->n, sizeof(*sp->values));
	sum = xcalloc(sp->n, sizeof(*sum));
	count = xcalloc(sp->n, sizeof(*count));
	for (size_t i = 0; i < nd; i++) {
		long k = days[i].day - first;

		if (k < 0 || k >= len)
			continue;
		k = (k + skip) / sp->per;
		sum[k] += days[i].value * (double)days[i].count;
		count[k] += days[i].count;
	}
	for (size_t k = 0; k < sp->n; k++)
		sp->values[k] = count[k] ? sum[k] / (double)count[k] : NAN;
	free(sum);
	free(count);
}

/*
 * "a day a mark, 2026-11-01 to 2026-11-14" (or a week, or N weeks), with
 * a capital when cap is set.
 */
static void spark_caption(struct buf *out, const struct spark *sp, int cap)
{
	if (sp->per == 1)
		buf_adds(out, cap ? "A day" : "a day");
	else if (sp->per == 7)
		buf_adds(out, cap ? "A week" : "a week");
	else
		buf_addf(out, "%ld weeks", sp->per / 7);
	buf_adds(out, " a mark, ");
	day_number_format(sp->first, out);
	buf_adds(out, " to ");
	day_number_format(sp->last, out);
}

/*
 * The sparkline sp as an inline SVG, for the page in HTML: a bar a mark
 * as high as its mood on the scale 1..scale, each with a <title> of its
 * days and mean; the whole with role="img" and its text alternative in
 * words (what a mark is, from when to when, how many have a mood, their
 * lowest and highest, and the last).
 */
static void spark_svg(struct buf *out, const struct spark *sp, int scale)
{
	const double h = SPARK_H, step = SPARK_W / (double)sp->n;
	const double gap = step / 5;
	double lo = 0, hi = 0, latest = 0;
	struct buf label = BUF_INIT;
	size_t with = 0;

	for (size_t k = 0; k < sp->n; k++) {
		double v = sp->values[k];

		if (isnan(v))
			continue;
		lo = !with || v < lo ? v : lo;
		hi = !with || v > hi ? v : hi;
		latest = v;
		with++;
	}
	buf_adds(&label, "Mood, ");
	spark_caption(&label, sp, 0);
	buf_addf(&label, ": %zu of %zu %s%s with a mood", with, sp->n,
		 sp->per == 1 ? "day" : sp->per == 7 ? "week" : "mark",
		 sp->n == 1 ? "" : "s");
	if (with)
		buf_addf(&label, ", from %.1f to %.1f of %d; the last %.1f",
			 lo, hi, scale, latest);
	buf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		 "viewBox=\"0 0 %d %d\" class=\"chart chart-spark\" "
		 "role=\"img\" aria-label=\"", SPARK_W, SPARK_H);
	html_escapes(out, label.s);
	buf_adds(out, "\"><title>");
	html_escapes(out, label.s);
	buf_adds(out, "</title>\n");
	for (size_t k = 0; k < sp->n; k++) {
		long end = sp->last - (long)(sp->n - 1 - k) * sp->per;
		long start = end - sp->per + 1;
		double v = sp->values[k], bh = (h - 2) * v / scale;

		if (isnan(v))
			continue;
		buf_addf(out, "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" "
			 "width=\"%.2f\" height=\"%.2f\"><title>",
			 (double)k * step + gap / 2, h - bh, step - gap, bh);
		if (start < sp->first)
			start = sp->first;
		if (start < end) {
			day_number_format(start, out);
			buf_adds(out, " to ");
		}
		day_number_format(end, out);
		buf_addf(out, ": %.1f</title></rect>\n", v);
	}
	buf_adds(out, "</svg>");
	buf_release(&label);
}

/*
 * The mood part: figures, the change from the time before (before up
 * to from), the sparkline, the lowest and highest days.
 */
static void write_mood(struct buf *out, const struct period *p,
		       time_t from, time_t to, time_t before, int scale,
		       struct prep_spark *figure)
{
	struct sample *s = xcalloc(p->nr + 1, sizeof(*s));
	struct mood_stats st;
	struct chart_day *days;
	struct spark sp;
	size_t n = 0, nd, a, b, lo = 0, hi = 0, at;
	long first = day_of(from), len = day_of(to) - first + 1;

	for (size_t i = 0; i < p->nr; i++)
		if (p->v[i].mood) {
			s[n].when = p->v[i].when;
			s[n++].mood = p->v[i].mood;
		}
	if (!n) {
		buf_adds(out, "No entry in this time has a mood.\n\n");
		free(s);
		return;
	}
	days = daily_of_samples(s, n, &nd);
	mood_stats(s, n, &st);
	/* the lowest and highest are an entry's mood, not a day's mean */
	buf_addf(out, "- Mood: mean %.1f of %d in %zu entr%s with a mood "
		 "(median %.1f); lowest entry %d, highest entry %d.\n",
		 st.mean, scale, n, n == 1 ? "y" : "ies", st.median, st.min,
		 st.max);
	if (p->before.count) {
		double mean = tally_mean(&p->before), change = st.mean - mean;
		long nb = p->before.count;

		buf_adds(out, "- Compared with the same length of time before "
			 "(");
		add_span(out, before, from - 1);
		buf_addf(out, "): mean %.1f in %ld entr%s with a mood, so ",
			 mean, nb, nb == 1 ? "y" : "ies");
		if (fabs(change) < 0.05)
			buf_adds(out, "about the same.\n");
		else
			buf_addf(out, "%s %.1f.\n", change > 0 ? "up" : "down",
				 fabs(change));
	} else {
		buf_adds(out, "- No entry with a mood in the same length of "
			 "time before (");
		add_span(out, before, from - 1);
		buf_adds(out, ") to compare with.\n");
	}

	/*
	 * a character a mark: the mean mood of its days, a space for none;
	 * a code block after a line of text, which ends the list before
	 * it, so that Markdown keeps its spaces
	 */
	if (len < 1)
		len = 1;
	spark_make(&sp, days, nd, first, first + len - 1);
	buf_adds(out, "\n");
	spark_caption(out, &sp, 1);
	buf_adds(out, ":\n\n    ");
	at = out->len;
	termchart_spark(sp.values, sp.n, 1, scale, 1, out);
	if (figure) {
		buf_add(&figure->text, out->s + at, out->len - at);
		spark_svg(&figure->svg, &sp, scale);
	}
	buf_adds(out, "\n\n");

	/*
	 * the lowest and highest of those days: an entry is of the period
	 * by its own clock, which may put it on a local day outside
	 */
	for (a = 0; a < nd && days[a].day < first; a++)
		;
	for (b = a; b < nd && days[b].day < first + len; b++)
		;
	if (a < b) {
		daily_extremes(days + a, b - a, &lo, &hi);
		for (int k = 0; k < 2; k++)
			write_day(out, p, &days[a + (k ? hi : lo)],
				  k ? "Highest" : "Lowest");
		buf_addch(out, '\n');
	}
	free(sp.values);
	free(days);
	free(s);
}

/*
 * Into low, the indexes in p of the LOWS entries with the lowest moods
 * of those in the lower half of the scale (at most scale / 2): the
 * lowest first, and of equal moods the older (p is oldest first).
 * Returns how many (fewer when fewer have such a mood).
 */
static size_t lowest(const struct period *p, int scale, size_t low[LOWS])
{
	size_t nr = 0;

	for (size_t i = 0; i < p->nr; i++) {
		size_t k = nr;

		if (!p->v[i].mood || p->v[i].mood > scale / 2)
			continue;
		while (k && p->v[low[k - 1]].mood > p->v[i].mood)
			k--;
		if (k == LOWS)
			continue;
		if (nr < LOWS)
			nr++;
		memmove(low + k + 1, low + k, (nr - 1 - k) * sizeof(*low));
		low[k] = i;
	}
	return nr;
}

/*
 * How many '#' open the heading s[0..e), 1 to 6; 0 when it is no
 * heading.
 */
static int heading_level(const char *s, const char *e)
{
	int n = 0;

	while (s + n < e && s[n] == '#')
		n++;
	return n >= 1 && n <= 6 && (s + n == e || s[n] == ' ' ||
				    s[n] == '\t') ? n : 0;
}

/* Is s[0..e) a thematic break: three or more of one of - * _? */
static int is_rule(const char *s, const char *e)
{
	int n = 0;

	for (const char *c = s; c < e; c++) {
		if (*c == *s)
			n++;
		else if (*c != ' ' && *c != '\t')
			return 0;
	}
	return n >= 3 && strchr("-*_", *s);
}

/*
 * Where the text of the line s[0..e) starts after a list marker ("- ",
 * "* ", "+ ", "1. ", "1) "), or s when there is none.
 */
static const char *after_marker(const char *s, const char *e)
{
	const char *c = s;

	if (c < e && strchr("-*+", *c)) {
		c++;
	} else {
		while (c < e && c - s < 9 && *c >= '0' && *c <= '9')
			c++;
		if (c == s || c == e || (*c != '.' && *c != ')'))
			return s;
		c++;
	}
	if (c < e && *c != ' ' && *c != '\t')
		return s;
	while (c < e && (*c == ' ' || *c == '\t'))
		c++;
	return c;
}

/*
 * Append s[0..len) to out, cut after about LINE_BYTES bytes, at a word
 * when there is one in its second half, with "…" for what is cut.
 */
static void add_cut(struct buf *out, const char *s, size_t len)
{
	size_t n = len, w;

	if (len > LINE_BYTES) {
		n = LINE_BYTES;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;	/* not inside a character */
		for (w = n; w > LINE_BYTES / 2 && s[w] != ' '; w--)
			;
		if (s[w] == ' ')
			n = w;
		while (n && s[n - 1] == ' ')
			n--;
	}
	buf_add(out, s, n);
	if (n < len)
		buf_adds(out, "…");
}

/*
 * Append the first line of text of an entry's body s[0..len) to out,
 * through add_cut(): not a heading, a rule, a comment or code, without
 * its indent, quote marks or list marker. Appends nothing when there is
 * none.
 */
static void add_first_line(struct buf *out, const char *s, size_t len)
{
	const char *end = s + len;
	int fenced = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *t = s, *e = nl ? nl : end;

		s = nl ? nl + 1 : end;
		while (t < e && (*t == ' ' || *t == '\t'))
			t++;
		while (e > t && strchr(" \t\r", e[-1]))
			e--;
		if (e - t >= 3 && (!strncmp(t, "```", 3) ||
				   !strncmp(t, "~~~", 3))) {
			fenced = !fenced;
			continue;
		}
		if (fenced || t == e || heading_level(t, e) || is_rule(t, e) ||
		    (e - t >= 4 && !strncmp(t, "<!--", 4)))
			continue;
		while (t < e && *t == '>')
			for (t++; t < e && (*t == ' ' || *t == '\t'); t++)
				;
		t = after_marker(t, e);
		if (t < e) {
			add_cut(out, t, (size_t)(e - t));
			return;
		}
	}
}

/*
 * Load the entry of it, for its body. Returns 0 or a failure; e is the
 * caller's to release either way.
 */
static int load_item(struct ctx *ctx, const struct item *it,
		     struct entry *e)
{
	entry_init(e);
	e->id = xstrdup(it->id);
	return entry_load(e, ctx, it->path);
}

/*
 * The entries of the lowest mood, the lowest first: the date, mood,
 * title and first line of each marked to share, and of the others with
 * o->with_low or a yes from o->ask; those left out are counted, with
 * how to put them in. Nothing without a mood in the lower half of the
 * scale. Returns 0 or a failure.
 */
static int write_lows(struct ctx *ctx, struct buf *out,
		      const struct period *p, const struct prep_opts *o)
{
	size_t low[LOWS], hidden = 0, shown = 0;
	size_t nr = lowest(p, ctx->cfg.mood_scale, low);
	int with_low = o->with_low;

	if (!nr)
		return 0;
	for (size_t k = 0; k < nr; k++)
		hidden += !p->v[low[k]].share;
	if (hidden && !with_low && o->ask) {
		struct buf list = BUF_INIT;

		for (size_t k = 0; k < nr; k++) {
			const struct item *it = &p->v[low[k]];

			if (it->share)
				continue;
			buf_adds(&list, "  ");
			add_clock(&list, it);
			buf_addf(&list, "  mood %d  ", it->mood);
			output_clean(&list, title_of(it));
			buf_addch(&list, '\n');
		}
		with_low = o->ask(hidden, list.s);
		buf_release(&list);
	}
	buf_adds(out, "## Lowest moments\n\n");
	for (size_t k = 0; k < nr; k++) {
		const struct item *it = &p->v[low[k]];
		struct entry e;
		const char *body;
		size_t len, mark;
		int rc;

		if (!it->share && !with_low)
			continue;
		if (!shown++)
			buf_adds(out, "The entries of the lowest mood in this "
				 "time, the lowest first:\n\n");
		if ((rc = load_item(ctx, it, &e)) < 0) {
			entry_release(&e);
			return rc;
		}
		buf_adds(out, "- ");
		add_clock(out, it);
		buf_addf(out, ", mood %d, \"%s\"", it->mood, title_of(it));
		mark = out->len;
		buf_adds(out, ": ");
		body = entry_body(&e, &len);
		add_first_line(out, body, len);
		if (out->len == mark + 2)
			buf_setlen(out, mark);	/* no line of text */
		buf_addch(out, '\n');
		entry_release(&e);
	}
	if (shown)
		buf_addch(out, '\n');
	if (hidden && !with_low) {
		if (shown)
			buf_addf(out, "%zu more of the lowest", hidden);
		else if (hidden == 1)
			buf_adds(out, "The entry of the lowest mood");
		else
			buf_addf(out, "The %zu entries of the lowest mood",
				 hidden);
		buf_addf(out, " %s not marked to share, so %s not listed "
			 "here: `tend prep --include-low` lists %s.\n\n",
			 hidden == 1 ? "is" : "are",
			 hidden == 1 ? "it is" : "they are",
			 hidden == 1 ? "it" : "them");
	}
	return 0;
}

/* Does s[0..e) say "to try", in any case? */
static int says_to_try(const char *s, const char *e)
{
	for (; e - s >= 6; s++)
		if (!strncasecmp(s, "to try", 6))
			return 1;
	return 0;
}

/*
 * Append to items the things to try of a session entry's body
 * s[0..len): under its first heading that says "to try", up to the
 * next heading as high, each list item and each paragraph outside one
 * as "- TEXT" and a line break, its lines joined by spaces; rules and
 * empty items left out.
 */
static void add_to_try(struct buf *items, const char *s, size_t len)
{
	const char *end = s + len;
	int level = 0, open = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *t = s, *e = nl ? nl : end, *text;
		int h;

		s = nl ? nl + 1 : end;
		while (t < e && (*t == ' ' || *t == '\t'))
			t++;
		while (e > t && strchr(" \t\r", e[-1]))
			e--;
		if ((h = heading_level(t, e))) {
			if (level && h <= level)
				break;
			if (!level && says_to_try(t + h, e))
				level = h;
			open = 0;
			continue;
		}
		if (!level || t == e || is_rule(t, e)) {
			open = 0;
			continue;
		}
		text = after_marker(t, e);
		if (text == e)
			continue;	/* an empty item */
		if (open && text == t) {
			items->s[items->len - 1] = ' ';	/* its line break */
		} else {
			buf_adds(items, "- ");
			open = 1;
		}
		buf_add(items, text, (size_t)(e - text));
		buf_addch(items, '\n');
	}
}

/*
 * The things to try that the session entry of s named, carried
 * forward; nothing when there is none or it names none. Returns 0 or a
 * failure.
 */
static int write_to_try(struct ctx *ctx, struct buf *out,
			const struct prep_start *s)
{
	struct buf items = BUF_INIT;
	struct entry e;
	const char *body;
	size_t len;
	int rc;

	if (!s->path)
		return 0;
	entry_init(&e);
	e.id = entry_path_id(s->path);
	if ((rc = entry_load(&e, ctx, s->path)) < 0)
		goto out;
	body = entry_body(&e, &len);
	add_to_try(&items, body, len);
	if (items.len) {
		buf_addf(out, "## To try, from your last session\n\n"
			 "From \"%s\" (", s->title);
		day_format(s->session, out);
		buf_addf(out, "):\n\n%s\n", items.s);
	}
out:
	entry_release(&e);
	buf_release(&items);
	return rc;
}

/* The TOP words of c that came up most, how often each. */
static void write_counts(struct buf *out, const char *what,
			 struct tallies *c)
{
	if (!c->nr)
		return;
	tallies_sort(c, TALLY_COUNT);
	buf_addf(out, "- %s most often: ", what);
	for (size_t i = 0; i < c->nr && i < TOP; i++)
		buf_addf(out, "%s%s (%ld)", i ? ", " : "", c->v[i].name,
			 c->v[i].count);
	buf_adds(out, ".\n");
}

/* What active_goals() gathers: the goals' IDs and titles. */
struct goal_titles {
	struct strvec *ids, *titles;
};

static void add_goal_title(const struct goal *g, void *data)
{
	struct goal_titles *gt = data;

	strvec_push(gt->ids, g->id);
	strvec_push(gt->titles, g->title ? g->title : g->id);
}

/* The active goals, by ID, and their titles. */
static void active_goals(struct ctx *ctx, struct strvec *ids,
			 struct strvec *titles)
{
	struct goal_titles gt = { ids, titles };

	goals_each_active(ctx, add_goal_title, &gt);
}

/* Each active goal: the entries of the period that name it, its ratings. */
static void write_goals(struct ctx *ctx, struct buf *out,
			const struct period *p)
{
	struct strvec ids = STRVEC_INIT, titles = STRVEC_INIT;

	active_goals(ctx, &ids, &titles);
	if (!ids.nr) {
		strvec_clear(&ids);
		strvec_clear(&titles);
		return;
	}
	buf_adds(out, "## Goals\n\n");
	for (size_t g = 0; g < ids.nr; g++) {
		long n = 0, rated = 0;

		buf_addf(out, "### %s (%s)\n\n", titles.v[g], ids.v[g]);
		for (size_t i = 0; i < p->nr; i++) {
			if (strvec_find(&p->v[i].goals, ids.v[g]) < 0)
				continue;
			buf_adds(out, "- ");
			add_entry_ref(out, &p->v[i]);
			buf_addch(out, '\n');
			n++;
		}
		if (!n)
			buf_adds(out, "No entries named it in this time.\n");
		for (size_t i = 0; i < p->nr; i++) {
			const struct strvec *r = &p->v[i].ratings;

			for (size_t k = 0; k + 1 < r->nr; k += 2) {
				if (strcmp(r->v[k], ids.v[g]))
					continue;
				buf_adds(out, rated++ ? ", " : "\nRated ");
				day_format(p->v[i].when, out);
				buf_addf(out, " %s/5", r->v[k + 1]);
			}
		}
		buf_adds(out, rated ? ".\n\n" : "\n");
	}
	strvec_clear(&ids);
	strvec_clear(&titles);
}

/*
 * Append an entry's body with its headings three levels down, under the
 * page's own (a "# Heading" becomes "#### Heading"); code blocks stay.
 */
static void add_demoted(struct buf *out, const char *s, size_t len)
{
	const char *end = s + len;
	int fenced = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
		size_t hashes = 0;

		if (n >= 3 && (!strncmp(s, "```", 3) || !strncmp(s, "~~~", 3)))
			fenced = !fenced;
		while (hashes < n && s[hashes] == '#')
			hashes++;
		if (!fenced && hashes >= 1 && hashes <= 6 &&
		    (hashes == n || s[hashes] == ' ' || s[hashes] == '\n'))
			buf_adds(out, hashes <= 3 ? "###" : "");
		buf_add(out, s, n);
		s += n;
	}
}

/* Every entry marked to share, in full. Returns 0 or a failure. */
static int write_shared(struct ctx *ctx, struct buf *out,
			const struct period *p)
{
	int any = 0;

	for (size_t i = 0; i < p->nr; i++) {
		const struct item *it = &p->v[i];
		struct entry e;
		const char *body;
		size_t len;
		int rc;

		if (!it->share)
			continue;
		if (!any++)
			buf_adds(out, "## Marked to share\n\n");
		rc = load_item(ctx, it, &e);
		if (rc < 0) {
			entry_release(&e);
			return rc;
		}
		buf_adds(out, "### ");
		add_entry_ref(out, it);
		buf_adds(out, "\n\n");
		body = entry_body(&e, &len);
		while (len && (*body == '\n' || *body == '\r')) {
			body++;
			len--;
		}
		while (len && strchr("\n\r \t", body[len - 1]))
			len--;
		add_demoted(out, body, len);
		buf_adds(out, "\n\n");
		entry_release(&e);
	}
	return 0;
}

/* The prompts the entries of the period answered, each with its entry. */
static void write_prompts(struct buf *out, const struct period *p)
{
	int any = 0;

	for (size_t i = 0; i < p->nr; i++) {
		if (!p->v[i].prompt)
			continue;
		if (!any++)
			buf_adds(out, "## Prompts answered\n\n");
		buf_addf(out, "- %s (", p->v[i].prompt);
		add_entry_ref(out, &p->v[i]);
		buf_adds(out, ")\n");
	}
	if (any)
		buf_addch(out, '\n');
}

/* The first second (local time) of the day n days before t. */
static time_t days_ago(time_t t, int n)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mday -= n;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* Take the newest entry tagged session or session-digest into s. */
static int take_session(const struct entry *e, void *data)
{
	struct prep_start *s = data;

	if (e->date.t > s->session || !s->title) {
		s->session = e->date.t;
		free(s->title);
		free(s->path);
		s->title = xstrdup(e->title ? e->title : e->id);
		s->path = xstrdup(e->path);
	}
	return 0;
}

int report_prep_start(struct ctx *ctx, const struct prep_opts *o,
		      struct prep_start *s)
{
	static const char *const tags[] = { "session", "session-digest" };
	int rc = 0;

	for (int k = 0; k < 2 && !rc; k++) {
		struct filter f;

		filter_init(&f);
		strvec_push(&f.tags, tags[k]);
		f.no_private = !o->with_private;
		f.limit = 1;	/* the newest */
		f.has_to = 1;
		f.to = s->asked && s->from <= ctx->now ? s->from - 1
						       : ctx->now;
		rc = query_each(ctx, &f, take_session, s);
		filter_release(&f);
	}
	if (!rc && !s->asked)
		s->from = s->title ? s->session + 1
				   : days_ago(ctx->now, PREP_DAYS);
	return rc;
}

void prep_start_release(struct prep_start *s)
{
	free(s->title);
	free(s->path);
	s->title = s->path = NULL;
}

int report_prep(struct ctx *ctx, const struct prep_start *s,
		const struct prep_opts *o, struct buf *out,
		struct prep_spark *spark)
{
	struct period p = { .feelings = { .fold = 1 }, .tags = { .fold = 1 } };
	/*
	 * To the end of today: entries are filed by their own clock, and
	 * one written just now where it is later than here is of today too.
	 */
	time_t from = s->from, to = days_ago(ctx->now, -1) - 1, before;
	long days = day_of(to) - day_of(from);
	int rc;

	/*
	 * The time before is as many whole days as the period spans up to
	 * today, so what it holds does not change with the hour prep runs.
	 */
	before = days_ago(from, days > 0 ? (int)days : 1);
	if ((rc = gather(ctx, o, from, to, take, &p)) < 0 ||
	    (rc = gather(ctx, o, before, from - 1, take_before, &p)) < 0)
		goto out;
	buf_adds(out, "# Session prep: ");
	day_format(from, out);
	buf_adds(out, " to ");
	day_format(to, out);
	buf_adds(out, "\n\n");
	if (s->asked) {
		buf_adds(out, "Since the time you asked for.\n\n");
	} else if (s->title) {
		buf_addf(out, "Since your last session entry, \"%s\" (",
			 s->title);
		day_format(s->session, out);
		buf_adds(out, ").\n\n");
	} else {
		buf_addf(out, "The last %d days (no entry is tagged 'session' "
			 "or 'session-digest' yet).\n\n", PREP_DAYS);
	}
	buf_addf(out, "## How it went\n\n- %zu entr%s.\n", p.nr,
		 p.nr == 1 ? "y" : "ies");
	write_counts(out, "Feelings", &p.feelings);
	write_counts(out, "Tags", &p.tags);
	buf_addch(out, '\n');
	write_mood(out, &p, from, to, before, ctx->cfg.mood_scale, spark);
	if ((rc = write_lows(ctx, out, &p, o)) < 0 ||
	    (rc = write_to_try(ctx, out, s)) < 0)
		goto out;
	write_goals(ctx, out, &p);
	if ((rc = write_shared(ctx, out, &p)) < 0)
		goto out;
	write_prompts(out, &p);
out:
	period_release(&p);
	return rc;
}

/* --- goals ------------------------------------------------------------- */

/* Append a goal's date as YYYY-MM-DD (or null) to JSON. */
static void json_day(struct buf *out, int has, const struct datetime *dt)
{
	if (!has) {
		buf_adds(out, "null");
		return;
	}
	buf_addch(out, '"');
	day_format(dt->t, out);
	buf_addch(out, '"');
}

/* Append "YYYY-MM-DD" of t, or "-". */
static void text_day(struct buf *out, time_t t)
{
	if (t)
		day_format(t, out);
	else
		buf_addch(out, '-');
}

/*
 * Append goal g and its progress p as a JSON object to out; full adds
 * the moods of its two halves, its ratings and its milestones.
 */
static void goal_json(const struct goal *g, const struct goal_progress *p,
		      int full, struct buf *out)
{
	buf_addch(out, '{');
	json_key(out, "id", 1);
	json_str(out, g->id);
	json_key(out, "title", 0);
	json_str(out, g->title);
	json_key(out, "status", 0);
	json_str(out, g->status);
	json_key(out, "started", 0);
	json_day(out, g->has_started, &g->started);
	json_key(out, "target", 0);
	json_day(out, g->has_target, &g->target);
	json_key(out, "achieved", 0);
	json_day(out, g->has_achieved, &g->achieved);
	json_key(out, "topics", 0);
	json_strvec(out, &g->topics);
	json_key(out, "entries", 0);
	buf_addf(out, "%ld", p->count);
	json_key(out, "first", 0);
	json_str(out, p->first_id);
	json_key(out, "last", 0);
	json_str(out, p->last_id);
	json_key(out, "last_30_days", 0);
	buf_addf(out, "%ld", p->last30);
	json_key(out, "streak_weeks", 0);
	buf_addf(out, "%ld", p->streak);
	json_key(out, "longest_streak_weeks", 0);
	buf_addf(out, "%ld", p->longest);
	if (full) {
		json_key(out, "mood_first_half", 0);
		if (p->mood_early_n)
			buf_addf(out, "%.2f", p->mood_early);
		else
			buf_adds(out, "null");
		json_key(out, "mood_second_half", 0);
		if (p->mood_late_n)
			buf_addf(out, "%.2f", p->mood_late);
		else
			buf_adds(out, "null");
		json_key(out, "ratings", 0);
		buf_addch(out, '[');
		for (size_t i = 0; i < p->nratings; i++) {
			buf_adds(out, i ? ",{" : "{");
			json_key(out, "date", 1);
			buf_addch(out, '"');
			day_format(p->ratings[i].when, out);
			buf_addch(out, '"');
			json_key(out, "rating", 0);
			buf_addf(out, "%d", p->ratings[i].value);
			json_key(out, "entry", 0);
			json_str(out, p->ratings[i].id);
			buf_addch(out, '}');
		}
		buf_addch(out, ']');
		json_key(out, "milestones", 0);
		buf_addch(out, '[');
		for (int k = 0, n = 0; k < NMILESTONES; k++) {
			if (!p->milestones[k].when)
				continue;
			buf_adds(out, n++ ? ",{" : "{");
			json_key(out, "name", 1);
			json_str(out, milestone_names[k]);
			json_key(out, "date", 0);
			buf_addch(out, '"');
			day_format(p->milestones[k].when, out);
			buf_addch(out, '"');
			json_key(out, "entry", 0);
			json_str(out, p->milestones[k].id);
			buf_addch(out, '}');
		}
		buf_addch(out, ']');
	}
	buf_addch(out, '}');
}

/* Append the text of goal show: g's fields, then how it goes (p). */
static void goal_text(const struct goal *g, const struct goal_progress *p,
		      struct buf *out)
{
	/* the title and topics as the goal's file holds them: cleaned */
	output_clean(out, g->title);
	buf_addf(out, "  (%s)\nstatus: %s", g->id, g->status);
	if (g->has_started) {
		buf_adds(out, ", since ");
		day_format(g->started.t, out);
	}
	if (g->has_target) {
		buf_adds(out, ", target ");
		day_format(g->target.t, out);
	}
	if (g->has_achieved) {
		buf_adds(out, ", achieved ");
		day_format(g->achieved.t, out);
	}
	buf_addch(out, '\n');
	if (g->topics.nr) {
		buf_adds(out, "topics:");
		for (size_t i = 0; i < g->topics.nr; i++) {
			buf_adds(out, i ? ", " : " ");
			output_clean(out, g->topics.v[i]);
		}
		buf_addch(out, '\n');
	}
	buf_addf(out, "\nentries: %ld", p->count);
	if (p->count) {
		buf_adds(out, " (first ");
		text_day(out, p->first);
		buf_adds(out, ", last ");
		text_day(out, p->last);
		buf_addch(out, ')');
	}
	buf_addf(out, "; %ld in the last 30 days\n", p->last30);
	buf_addf(out, "weeks in a row with an entry: %ld now, %ld at most\n",
		 p->streak, p->longest);
	if (p->mood_early_n || p->mood_late_n) {
		buf_adds(out, "mood of its entries: ");
		if (p->mood_early_n)
			buf_addf(out, "%.1f", p->mood_early);
		else
			buf_addch(out, '-');
		buf_adds(out, " in the first half of its life, ");
		if (p->mood_late_n)
			buf_addf(out, "%.1f", p->mood_late);
		else
			buf_addch(out, '-');
		buf_adds(out, " in the second\n");
	}
	if (p->nratings) {
		buf_adds(out, "ratings:");
		for (size_t i = 0; i < p->nratings; i++) {
			buf_adds(out, i ? ", " : " ");
			day_format(p->ratings[i].when, out);
			buf_addf(out, " %d", p->ratings[i].value);
		}
		buf_addch(out, '\n');
	}
	buf_adds(out, "milestones:");
	for (int k = 0, n = 0; k < NMILESTONES; k++) {
		if (!p->milestones[k].when)
			continue;
		buf_addf(out, "%s %s ", n++ ? "," : "", milestone_names[k]);
		day_format(p->milestones[k].when, out);
	}
	if (!p->milestones[MILESTONE_FIRST].when &&
	    !p->milestones[MILESTONE_ACHIEVED].when)
		buf_adds(out, " none yet");
	buf_addch(out, '\n');
}

int report_goals(struct ctx *ctx, int all, int json, struct buf *out,
		 size_t *shown)
{
	struct strvec ids = STRVEC_INIT;
	int rc = 0;

	*shown = 0;
	goals_ids(ctx, &ids);
	if (json)
		buf_addch(out, '[');
	for (size_t i = 0; i < ids.nr; i++) {
		struct goal g;
		struct goal_progress p;

		goal_init(&g);
		if (goals_load(ctx, ids.v[i], &g) < 0 ||
		    (!all && strcmp(g.status, "active"))) {
			goal_release(&g);
			continue;
		}
		if ((rc = goals_progress(ctx, &g, 1, &p)) < 0) {
			goal_release(&g);
			break;
		}
		if (json) {
			buf_adds(out, *shown ? ",\n" : "\n");
			goal_json(&g, &p, 0, out);
		} else {
			buf_addf(out, "%-16s %-9s %3ld entr%s, last ",
				 g.id, g.status, p.count,
				 p.count == 1 ? "y " : "ies");
			text_day(out, p.last);
			buf_addf(out, ", %ld week%s in a row  ",
				 p.streak, p.streak == 1 ? "" : "s");
			output_clean(out, g.title);
			buf_addch(out, '\n');
		}
		(*shown)++;
		goals_progress_release(&p);
		goal_release(&g);
	}
	if (json)
		buf_adds(out, *shown ? "\n]\n" : "]\n");
	strvec_clear(&ids);
	return rc;
}

int report_goal(struct ctx *ctx, const char *id, int json, struct buf *out)
{
	struct goal g;
	struct goal_progress p;
	int rc;

	goal_init(&g);
	if ((rc = goals_load(ctx, id, &g)) < 0 ||
	    (rc = goals_progress(ctx, &g, 1, &p)) < 0)
		goto out;
	if (json) {
		goal_json(&g, &p, 1, out);
		buf_addch(out, '\n');
	} else {
		goal_text(&g, &p, out);
	}
	goals_progress_release(&p);
out:
	goal_release(&g);
	return rc;
}
