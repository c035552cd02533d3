#include "frontmatter.h"
#include "error.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

void fm_init(struct fm *fm)
{
	memset(fm, 0, sizeof(*fm));
	fm->eol = "\n";
	buf_init(&fm->open);
	buf_init(&fm->close);
}

static void value_release(struct fm_value *val)
{
	free(val->str);
	val->str = NULL;
	strvec_clear(&val->items);
	val->kind = FM_NULL;
}

static void item_release(struct fm_item *it)
{
	free(it->key);
	value_release(&it->val);
	buf_release(&it->raw);
	buf_release(&it->trailer);
}

void fm_release(struct fm *fm)
{
	for (size_t i = 0; i < fm->nr; i++)
		item_release(&fm->items[i]);
	free(fm->items);
	buf_release(&fm->open);
	buf_release(&fm->close);
	fm_init(fm);
}

void fm_error_release(struct fm_error *err)
{
	buf_release(&err->msg);
}

/* The state of one parse of a front matter block. */
struct parse {
	yaml_parser_t parser;
	yaml_event_t ev;
	int have_ev;
	struct fm_error *err;
	const char *text;	/* the YAML between the delimiter lines */
	size_t len;
	int ready;		/* parser is initialised */
	int last_line;		/* last line (from 0) with value text */
	int null_line;		/* the line of a document that is only a
				   null word ("~"), or -1 */
};

static int fail_at(struct parse *p, size_t line, size_t col,
		   const char *fmt, ...) PRINTF(4, 5);

/* Fill in the error at a 0-based position of the YAML text; returns -1. */
static int fail_at(struct parse *p, size_t line, size_t col,
		   const char *fmt, ...)
{
	va_list ap;

	if (p->err->msg.len)
		return -1;
	p->err->line = (int)line + 2;	/* the text starts on line 2 */
	p->err->col = (int)col + 1;
	va_start(ap, fmt);
	buf_vaddf(&p->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Length of the line break at text[i], counted as libyaml counts them
 * (LF, CR LF, CR, NEL, LS, PS), or 0 when there is none.
 */
static size_t break_len(const char *text, size_t i, size_t len)
{
	const unsigned char *p = (const unsigned char *)text + i;
	size_t left = len - i;

	if (p[0] == '\r')
		return left > 1 && p[1] == '\n' ? 2 : 1;
	if (p[0] == '\n')
		return 1;
	if (left >= 2 && p[0] == 0xc2 && p[1] == 0x85)
		return 2;
	if (left >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0xa8 || p[2] == 0xa9))
		return 3;
	return 0;
}

/* Report libyaml's own problem. */
static int fail_yaml(struct parse *p)
{
	yaml_parser_t *y = &p->parser;
	size_t line = y->problem_mark.line, col = y->problem_mark.column;

	if (y->error == YAML_READER_ERROR) {
		line = col = 0;
		for (size_t i = 0; i < y->problem_offset && i < p->len;) {
			size_t k = break_len(p->text, i, p->len);

			if (k) {
				line++;
				col = 0;
				i += k;
			} else {
				/* count characters, not bytes */
				if (((unsigned char)p->text[i] & 0xc0) != 0x80)
					col++;
				i++;
			}
		}
	}
	if (y->context)
		return fail_at(p, line, col, "cannot read front matter: %s "
			       "%s at %d:%d", y->problem ? y->problem : "",
			       y->context, (int)y->context_mark.line + 2,
			       (int)y->context_mark.column + 1);
	return fail_at(p, line, col, "cannot read front matter: %s",
		       y->problem ? y->problem : "invalid YAML");
}

/* Move to the next event. Returns 0 or -1. */
static int next(struct parse *p)
{
	if (p->have_ev)
		yaml_event_delete(&p->ev);
	p->have_ev = 0;
	if (!yaml_parser_parse(&p->parser, &p->ev))
		return fail_yaml(p);
	p->have_ev = 1;
	return 0;
}

/*
 * Refuse anchors, aliases and tags on the current event, and scalars
 * holding a NUL character (which no C string could keep).
 */
static int check_plain_node(struct parse *p)
{
	yaml_event_t *ev = &p->ev;
	const yaml_char_t *anchor = NULL, *tag = NULL;
	yaml_mark_t m = ev->start_mark;

	if (ev->type == YAML_SCALAR_EVENT &&
	    memchr(ev->data.scalar.value, '\0', ev->data.scalar.length))
		return fail_at(p, m.line, m.column,
			       "a value holds a NUL character");
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return fail_at(p, m.line, m.column,
			       "YAML aliases (*%s) are not allowed",
			       (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (anchor)
		return fail_at(p, m.line, m.column,
			       "YAML anchors (&%s) are not allowed",
			       (const char *)anchor);
	if (tag)
		return fail_at(p, m.line, m.column,
			       "YAML tags (%s) are not allowed",
			       (const char *)tag);
	return 0;
}

/* Note the last line of the current event's text. */
static void note_end(struct parse *p)
{
	yaml_mark_t s = p->ev.start_mark, e = p->ev.end_mark;
	size_t line = e.line;

	if (p->ev.type == YAML_SCALAR_EVENT && !p->ev.data.scalar.length)
		return;
	if (e.column == 0 && e.line > s.line)
		line--;
	if ((int)line > p->last_line)
		p->last_line = (int)line;
}

static int is_null_scalar(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") ||
	       !strcmp(v, "Null") || !strcmp(v, "NULL");
}

static int read_node(struct parse *p, struct fm_value *val, int depth);

/*
 * Read the items of the collection whose start event is current, up to
 * and including its end event. Scalars are kept in val->items; anything
 * deeper makes the value FM_OTHER.
 */
static int read_collection(struct parse *p, struct fm_value *val, int depth,
			   yaml_event_type_t end)
{
	yaml_mark_t m = p->ev.start_mark;

	if (depth > FM_MAX_DEPTH)
		return fail_at(p, m.line, m.column,
			       "front matter is nested deeper than %d levels",
			       FM_MAX_DEPTH);
	for (;;) {
		if (next(p) < 0)
			return -1;
		if (p->ev.type == end) {
			if (p->ev.type == YAML_SEQUENCE_END_EVENT ||
			    p->ev.type == YAML_MAPPING_END_EVENT)
				note_end(p);
			return 0;
		}
		if (check_plain_node(p) < 0)
			return -1;
		if (p->ev.type == YAML_SCALAR_EVENT) {
			strvec_pushn(&val->items,
				     (const char *)p->ev.data.scalar.value,
				     p->ev.data.scalar.length);
			note_end(p);
		} else {
			struct fm_value inner = { 0 };
			int rc = read_node(p, &inner, depth + 1);

			value_release(&inner);
			if (rc < 0)
				return -1;
			val->kind = FM_OTHER;
		}
	}
}

/* Read the node whose first event is current into val. */
static int read_node(struct parse *p, struct fm_value *val, int depth)
{
	yaml_event_t *ev = &p->ev;

	if (check_plain_node(p) < 0)
		return -1;
	val->line = (int)ev->start_mark.line + 2;
	val->col = (int)ev->start_mark.column + 1;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		note_end(p);
		if (is_null_scalar(ev)) {
			val->kind = FM_NULL;
			return 0;
		}
		val->kind = FM_SCALAR;
		val->str = xstrndup((const char *)ev->data.scalar.value,
				    ev->data.scalar.length);
		val->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		return 0;
	case YAML_SEQUENCE_START_EVENT:
		val->kind = FM_LIST;
		return read_collection(p, val, depth, YAML_SEQUENCE_END_EVENT);
	case YAML_MAPPING_START_EVENT:
		val->kind = FM_MAP;
		if (read_collection(p, val, depth, YAML_MAPPING_END_EVENT) < 0)
			return -1;
		if (val->items.nr % 2)
			val->kind = FM_OTHER;
		return 0;
	default:
		return fail_at(p, ev->start_mark.line, ev->start_mark.column,
			       "cannot read front matter here");
	}
}

/*
 * Offsets of the starts of the lines of text, plus its end. Lines end
 * where libyaml says they do, so that its line numbers index this table.
 */
static size_t *line_starts(const char *text, size_t len, size_t *nlines)
{
	size_t n = 1, alloc = 0, *starts = NULL;

	ALLOC_GROW(starts, 2, alloc);
	starts[0] = 0;
	for (size_t i = 0; i < len;) {
		size_t k = break_len(text, i, len);

		if (!k) {
			i++;
			continue;
		}
		i += k;
		if (i < len) {
			ALLOC_GROW(starts, n + 2, alloc);
			starts[n++] = i;
		}
	}
	starts[n] = len;
	*nlines = n;
	return starts;
}

/* Is the line text[s..e) blank or only a comment? */
static int is_filler_line(const char *text, size_t s, size_t e)
{
	while (s < e && (text[s] == ' ' || text[s] == '\t'))
		s++;
	return s == e || text[s] == '#' || text[s] == '\r' || text[s] == '\n';
}

/*
 * Length of the delimiter line at s ("---" or, when closing, "..."),
 * with trailing blanks and its line end; 0 if s is not one. A lone CR
 * ends the line only when cr is set.
 */
static size_t delimiter_line(const char *s, const char *end, int closing,
			     int cr)
{
	const char *p = s;

	if (end - p < 3)
		return 0;
	if (memcmp(p, "---", 3) && !(closing && !memcmp(p, "...", 3)))
		return 0;
	p += 3;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
		p++;
	if (p < end && (*p == '\n' || (cr && *p == '\r')))
		return (size_t)(p + 1 - s);
	if (p == end && closing)
		return (size_t)(p - s);
	return 0;
}

/*
 * The start of the line after the one at p: past the next LF, or, when
 * cr is set, past the next LF, CR LF or lone CR. end when there is none.
 */
static const char *next_line(const char *p, const char *end, int cr)
{
	while (p < end && *p != '\n' && !(cr && *p == '\r'))
		p++;
	if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
		p++;
	return p < end ? p + 1 : end;
}

/*
 * The first line from p on that closes front matter, with its length in
 * *close_len; end and 0 when there is none. With cr set a lone CR ends a
 * line, as it does for libyaml.
 */
static const char *find_close(const char *p, const char *end, int cr,
			      size_t *close_len)
{
	for (; p < end; p = next_line(p, end, cr))
		if ((*close_len = delimiter_line(p, end, 1, cr)))
			return p;
	*close_len = 0;
	return end;
}

/*
 * The first line in [p, stop) that YAML reads as the end of a document
 * ("..." and a blank) but tend does not (more than blanks follow), or
 * NULL.
 */
static const char *document_end(const char *p, const char *stop)
{
	for (; p < stop; p = next_line(p, stop, 1))
		if (stop - p > 3 && !memcmp(p, "...", 3) &&
		    (p[3] == ' ' || p[3] == '\t') &&
		    !delimiter_line(p, stop, 1, 1))
			return p;
	return NULL;
}

/* The first CR in [p, stop) that no LF follows (in text up to end). */
static const char *lone_cr(const char *p, const char *stop, const char *end)
{
	for (; p < stop; p++)
		if (*p == '\r' && (p + 1 == end || p[1] != '\n'))
			return p;
	return NULL;
}

/* Report the lone CR at at; returns -1. */
static int cr_error(struct fm_error *err, const char *text, const char *at)
{
	return fm_error_at(err, text, (size_t)(at - text), "lines end in CR "
			   "only (old Mac style); save the file with LF line "
			   "endings");
}

/*
 * Length of the blank at p (before end): a space, a tab or a byte-order
 * mark; 0 when p is not blank.
 */
static size_t blank_len(const char *p, const char *end)
{
	if (*p == ' ' || *p == '\t')
		return 1;
	if (end - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		return 3;
	return 0;
}

/*
 * For a text whose first line (from s, after a byte-order mark) is not
 * "---": does its first line that is not blank look like the opening of
 * front matter all the same? That is a line of three or more dashes, or of
 * pluses (TOML, as Hugo writes it), with blank lines or blanks before it or
 * a lone CR after it. Such a block is not read, so the text is refused
 * (tend-journal(5): privacy fails closed) with err saying what to change.
 * Returns 0 when the text is plain Markdown, else -1.
 */
static int check_opening(const char *text, const char *s, const char *end,
			 struct fm_error *err)
{
	const char *p = s, *a, *b, *eol, *cr;
	int blank_lines = 0;
	size_t n, k;

	for (;; blank_lines++) {
		for (eol = p; eol < end && *eol != '\n' && *eol != '\r'; eol++)
			;
		for (a = p; a < eol && (k = blank_len(a, eol)); a += k)
			;
		for (b = eol; b > a && (b[-1] == ' ' || b[-1] == '\t'); b--)
			;
		if (a < b)
			break;
		if (eol == end)
			return 0;	/* blank throughout */
		p = next_line(p, end, 1);
	}
	n = (size_t)(b - a);
	if (n < 3 || (*a != '-' && *a != '+'))
		return 0;
	for (const char *q = a; q < b; q++)
		if (*q != *a)
			return 0;
	if ((cr = lone_cr(s, eol < end ? eol + 1 : end, end)))
		return cr_error(err, text, cr);
	if (*a == '+')
		return fm_error_at(err, text, (size_t)(a - text), "front "
				   "matter in TOML ('+++') is not read; write "
				   "it in YAML between two lines '---'");
	if (blank_lines)
		return fm_error_at(err, text, (size_t)(a - text), "front "
				   "matter must start on the first line; "
				   "delete the blank lines before '---'");
	if (a > p)
		return fm_error_at(err, text, (size_t)(a - text), "front "
				   "matter must start at the beginning of the "
				   "first line; delete what is before '---'");
	if (n > 3)
		return fm_error_at(err, text, (size_t)(a - text), "front "
				   "matter opens with a line of three dashes "
				   "'---', not %zu", n);
	return fm_error_at(err, text, (size_t)(a - text), "front matter is "
			   "not closed (a line '---' must end it)");
}

/* The key's item, with the YAML text's lines [first, last] as its raw. */
static struct fm_item *add_item(struct fm *fm, const char *key)
{
	struct fm_item *it;

	ALLOC_GROW(fm->items, fm->nr + 1, fm->alloc);
	it = &fm->items[fm->nr++];
	memset(it, 0, sizeof(*it));
	it->key = xstrdup(key);
	buf_init(&it->raw);
	buf_init(&it->trailer);
	return it;
}

/* Parse the top-level mapping; items get their raw lines afterwards. */
static int read_mapping(struct parse *p, struct fm *fm, int *key_lines,
			int *last_lines)
{
	size_t col;

	if (p->ev.type != YAML_MAPPING_START_EVENT)
		return fail_at(p, p->ev.start_mark.line,
			       p->ev.start_mark.column,
			       "front matter must be 'key: value' lines");
	if (check_plain_node(p) < 0)
		return -1;
	if (p->ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE)
		return fail_at(p, p->ev.start_mark.line,
			       p->ev.start_mark.column,
			       "write front matter as one 'key: value' "
			       "per line, not in { }");
	col = p->ev.start_mark.column;
	for (;;) {
		struct fm_item *it;
		yaml_mark_t m;
		char *key;

		if (next(p) < 0)
			return -1;
		if (p->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		m = p->ev.start_mark;
		if (check_plain_node(p) < 0)
			return -1;
		if (p->ev.type != YAML_SCALAR_EVENT ||
		    !p->ev.data.scalar.length)
			return fail_at(p, m.line, m.column,
				       "a key must be a word");
		/* a key after '?' (on its line or the next) is not a line */
		if (m.column != col)
			return fail_at(p, m.line, m.column,
				       "write 'key: value', without '?'");
		key = xstrndup((const char *)p->ev.data.scalar.value,
			       p->ev.data.scalar.length);
		if (fm_get(fm, key)) {
			fail_at(p, m.line, m.column,
				"key '%s' appears more than once", key);
			free(key);
			return -1;
		}
		if (fm->nr && key_lines[fm->nr - 1] == (int)m.line) {
			free(key);
			return fail_at(p, m.line, m.column,
				       "one key per line, please");
		}
		it = add_item(fm, key);
		free(key);
		key_lines[fm->nr - 1] = (int)m.line;
		it->line = (int)m.line + 2;
		it->col = (int)m.column + 1;
		p->last_line = (int)m.line;
		if (next(p) < 0 || read_node(p, &it->val, 2) < 0)
			return -1;
		last_lines[fm->nr - 1] = p->last_line;
	}
}

/* Run libyaml over the YAML text; fills fm's items (without raw lines). */
static int read_yaml(struct parse *p, struct fm *fm, int *key_lines,
		     int *last_lines)
{
	yaml_mark_t m;

	if (next(p) < 0)	/* stream start */
		return -1;
	if (next(p) < 0)
		return -1;
	if (p->ev.type == YAML_STREAM_END_EVENT)
		return 0;	/* nothing but comments */
	m = p->ev.start_mark;
	if (p->ev.data.document_start.version_directive ||
	    p->ev.data.document_start.tag_directives.start !=
	    p->ev.data.document_start.tag_directives.end)
		return fail_at(p, m.line, m.column,
			       "YAML directives are not allowed");
	if (next(p) < 0)
		return -1;
	if (p->ev.type == YAML_SCALAR_EVENT && is_null_scalar(&p->ev) &&
	    check_plain_node(p) == 0) {
		/* an empty document, maybe written as a null word */
		if (p->ev.data.scalar.length)
			p->null_line = (int)p->ev.start_mark.line;
	} else if (read_mapping(p, fm, key_lines, last_lines) < 0) {
		return -1;
	}
	if (next(p) < 0)	/* document end */
		return -1;
	if (next(p) < 0)
		return -1;
	if (p->ev.type != YAML_STREAM_END_EVENT)
		return fail_at(p, p->ev.start_mark.line,
			       p->ev.start_mark.column,
			       "front matter holds more than one document");
	return 0;
}

/*
 * For a block that is only a null word, note where the word will be in
 * open once the YAML text (whose lines begin at starts) is added to it:
 * the first thing on its line, where a key set later must not follow it.
 * What goes with the word is its line's blanks before and after it, so
 * that a comment after it is left at the start of the line (" ~\t# c"
 * without the word would be a tab before a comment, which YAML refuses).
 */
static void note_null(struct fm *fm, const struct parse *p,
		      const size_t *starts, size_t nlines)
{
	const char *line, *word;
	size_t n;

	if (p->null_line < 0 || (size_t)p->null_line >= nlines)
		return;
	line = p->text + starts[p->null_line];
	word = line + strspn(line, " \t");
	n = strcspn(word, " \t\r\n#");
	if ((n == 1 && *word == '~') ||
	    (n == 4 && (!strncmp(word, "null", 4) ||
			!strncmp(word, "Null", 4) ||
			!strncmp(word, "NULL", 4)))) {
		fm->null_at = fm->open.len + (size_t)(line - p->text);
		fm->null_len = (size_t)(word - line) + n +
			       strspn(word + n, " \t");
	}
}

int fm_parse(struct fm *fm, const char *text, size_t len,
	     struct fm_error *err)
{
	const char *end = text + len, *s = text, *yaml, *line, *cr_close;
	const char *bom, *marker;
	struct parse p;
	size_t open_len, close_len = 0, cr_len, nlines, *starts = NULL;
	int *key_lines = NULL, *last_lines = NULL, rc = -1;

	fm_release(fm);
	memset(&p, 0, sizeof(p));
	p.err = err;
	p.null_line = -1;
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	open_len = delimiter_line(s, end, 0, 0);
	if (!open_len) {
		/* no front matter: all body, after a BOM (kept in open) */
		const char *nl = memchr(s, '\n', (size_t)(end - s));

		if (check_opening(text, s, end, err) < 0) {
			fm->present = 1;
			return -1;
		}
		buf_add(&fm->open, text, (size_t)(s - text));
		fm->body_off = (size_t)(s - text);
		fm->eol = nl && nl > s && nl[-1] == '\r' ? "\r\n" : "\n";
		return 0;
	}
	fm->present = 1;
	fm->eol = s[open_len - 2] == '\r' ? "\r\n" : "\n";
	yaml = s + open_len;
	line = find_close(yaml, end, 0, &close_len);
	/* a closing line that a lone CR hides from us but not from libyaml */
	cr_close = find_close(yaml, end, 1, &cr_len);
	if (cr_len && cr_close < line) {
		const char *cr = lone_cr(yaml, cr_close + cr_len, end);

		cr_error(err, text, cr ? cr : cr_close);
		goto out;
	}
	if (!close_len) {
		err->line = 1;
		err->col = 1;
		buf_adds(&err->msg, "front matter is not closed "
			 "(a line '---' must end it)");
		goto out;
	}
	p.text = yaml;
	p.len = (size_t)(line - yaml);
	/*
	 * libyaml takes a byte-order mark for the start of a document,
	 * where tend sees none: such a block would not be read as tend
	 * writes it, so it is refused
	 */
	if ((bom = memmem(yaml, p.len, "\xef\xbb\xbf", 3))) {
		fm_error_at(err, text, (size_t)(bom - text), "a byte-order "
			    "mark inside front matter; remove it");
		goto out;
	}
	if (p.len > FM_MAX_BYTES) {
		err->line = 1;
		err->col = 1;
		buf_addf(&err->msg, "front matter is larger than %d KiB",
			 FM_MAX_BYTES / 1024);
		goto out;
	}
	buf_add(&fm->open, text, (size_t)(yaml - text));
	buf_add(&fm->close, line, close_len);
	fm->body_off = (size_t)(line + close_len - text);

	starts = line_starts(p.text, p.len, &nlines);
	for (size_t i = 0; i < nlines && p.len; i++) {
		if (is_filler_line(p.text, starts[i], starts[i + 1]))
			continue;
		if (p.text[starts[i]] == '%') {
			fail_at(&p, i, 0, "YAML directives are not allowed");
			goto out;
		}
		break;
	}
	key_lines = xcalloc(nlines + 1, sizeof(int));
	last_lines = xcalloc(nlines + 1, sizeof(int));
	if (!yaml_parser_initialize(&p.parser))
		die("out of memory (YAML parser)");
	p.ready = 1;
	yaml_parser_set_input_string(&p.parser, (const unsigned char *)p.text,
				     p.len);
	yaml_parser_set_encoding(&p.parser, YAML_UTF8_ENCODING);
	if (read_yaml(&p, fm, key_lines, last_lines) < 0)
		goto out;
	/*
	 * a line "..." and a comment inside the block is not its end for
	 * tend, but libyaml ends the document there: what follows it
	 * reads only while it is blank, and a key set would not read
	 */
	if ((marker = document_end(yaml, line))) {
		fm_error_at(err, text, (size_t)(marker - text), "a line that "
			    "starts '...' inside front matter; only a line "
			    "'---' alone may end it");
		goto out;
	}

	/* give each item its own lines and the filler lines after them */
	if (!p.len)
		nlines = 0;
	for (size_t i = 0; i < fm->nr; i++) {
		size_t first = (size_t)key_lines[i];
		size_t stop = i + 1 < fm->nr ? (size_t)key_lines[i + 1]
					      : nlines;
		size_t last = (size_t)last_lines[i];

		if (i == 0)
			buf_add(&fm->open, p.text, starts[first]);
		if (last >= stop)
			last = stop - 1;
		while (last + 1 < stop &&
		       !is_filler_line(p.text, starts[last + 1],
				       starts[last + 2]))
			last++;
		buf_add(&fm->items[i].raw, p.text + starts[first],
			starts[last + 1] - starts[first]);
		buf_add(&fm->items[i].trailer, p.text + starts[last + 1],
			starts[stop] - starts[last + 1]);
	}
	if (!fm->nr) {
		note_null(fm, &p, starts, nlines);
		buf_add(&fm->open, p.text, p.len);
	} else
		fm->indent = strspn(fm->items[0].raw.s, " ");
	rc = 0;
out:
	if (p.have_ev)
		yaml_event_delete(&p.ev);
	if (p.ready)
		yaml_parser_delete(&p.parser);
	free(starts);
	free(key_lines);
	free(last_lines);
	if (rc < 0) {
		fm_release(fm);
		fm->present = 1;
	}
	return rc;
}

struct fm_item *fm_get(const struct fm *fm, const char *key)
{
	for (size_t i = 0; i < fm->nr; i++)
		if (!strcmp(fm->items[i].key, key))
			return &fm->items[i];
	return NULL;
}

static long order_of(const char *const *order, const char *key)
{
	for (long i = 0; order && order[i]; i++)
		if (!strcmp(order[i], key))
			return i;
	return -1;
}

/* Where a new key goes among fm's items (see fm_set). */
static size_t insert_pos(const struct fm *fm, const char *key,
			 const char *const *order)
{
	long want = order_of(order, key);
	size_t pos = fm->nr;
	int found = 0;

	if (want < 0)
		return fm->nr;
	for (size_t i = 0; i < fm->nr; i++) {
		long o = order_of(order, fm->items[i].key);

		if (o >= 0 && o < want) {
			pos = i + 1;
			found = 1;
		}
	}
	if (found)
		return pos;
	for (size_t i = 0; i < fm->nr; i++) {
		long o = order_of(order, fm->items[i].key);

		if (o > want)
			return i;
	}
	return fm->nr;
}

/* Start a block for a text that had none (after its BOM, if any). */
static void make_present(struct fm *fm)
{
	if (fm->present)
		return;
	fm->present = 1;
	buf_adds(&fm->open, "---");
	buf_adds(&fm->open, fm->eol);
	buf_reset(&fm->close);
	buf_adds(&fm->close, "---");
	buf_adds(&fm->close, fm->eol);
}

/*
 * Make the lines of b from from on (a block that holds no key: blank
 * lines, comments and its null word's line) plain for the key that
 * comes: a CR that no LF follows ends a line for YAML and becomes an LF,
 * and the blanks before a comment or an end of line go. After a null
 * word YAML lets them hold a tab; before a key it does not.
 */
static void plain_lines(struct buf *b, size_t from)
{
	size_t w = from;

	for (size_t r = from; r < b->len; r++)
		if (b->s[r] == '\r' && (r + 1 == b->len || b->s[r + 1] != '\n'))
			b->s[r] = '\n';
	for (size_t r = from; r < b->len;) {
		size_t lead = strspn(b->s + r, " \t");
		const char *rest = b->s + r + lead;

		if (rest == b->s + b->len || *rest == '#' || *rest == '\n' ||
		    (*rest == '\r' && rest[1] == '\n'))
			r += lead;
		while (r < b->len && b->s[r] != '\n')
			b->s[w++] = b->s[r++];
		if (r < b->len)
			b->s[w++] = b->s[r++];
	}
	buf_setlen(b, w);
}

/* Insert an empty item for key at its place; returns it. */
static struct fm_item *insert_item(struct fm *fm, const char *key,
				   const char *const *order)
{
	size_t pos = insert_pos(fm, key, order);
	struct fm_item *it;

	if (!fm->nr && fm->null_len) {
		/* "~" then a key is not YAML: the first key takes its place */
		memmove(fm->open.s + fm->null_at,
			fm->open.s + fm->null_at + fm->null_len,
			fm->open.len - fm->null_at - fm->null_len);
		buf_setlen(&fm->open, fm->open.len - fm->null_len);
		fm->null_len = 0;
		/* past the opening line ("---", after a BOM) */
		plain_lines(&fm->open, (size_t)(strchr(fm->open.s, '\n') -
						fm->open.s) + 1);
	}
	add_item(fm, key);
	it = &fm->items[fm->nr - 1];
	if (pos < fm->nr - 1) {
		struct fm_item tmp = *it;

		memmove(&fm->items[pos + 1], &fm->items[pos],
			(fm->nr - 1 - pos) * sizeof(*it));
		fm->items[pos] = tmp;
		it = &fm->items[pos];
	}
	return it;
}

/* Read a one-line scalar or flow value back into val (best effort). */
static void reread_value(struct fm_item *it)
{
	struct fm tmp;
	struct fm_error err = FM_ERROR_INIT;
	struct buf doc = BUF_INIT;
	struct fm_item *got;

	fm_init(&tmp);
	buf_adds(&doc, "---\n");
	buf_add(&doc, it->raw.s, it->raw.len);
	buf_adds(&doc, "\n---\n");
	value_release(&it->val);
	if (!fm_parse(&tmp, doc.s, doc.len, &err) &&
	    (got = fm_get(&tmp, it->key))) {
		it->val = got->val;
		memset(&got->val, 0, sizeof(got->val));
	}
	fm_release(&tmp);
	fm_error_release(&err);
	buf_release(&doc);
}

/*
 * Where the comment of a one-line item begins ("mood: 3  # rough"): the
 * blanks before a '#' that is outside quotes. Returns len when there is
 * none, or when the line is not one simple line.
 */
static size_t line_comment(const char *s, size_t len)
{
	char quote = 0, prev = ':';

	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (memchr(s, '\n', len) || memchr(s, '\r', len))
		return len;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (quote) {
			if (c == '\\' && quote == '"')
				i++;
			else if (c == quote)
				quote = 0;
			continue;
		}
		if ((c == '"' || c == '\'') && strchr(":[{,-", prev)) {
			quote = c;
		} else if (c == '#' && i &&
			   (s[i - 1] == ' ' || s[i - 1] == '\t')) {
			while (i && (s[i - 1] == ' ' || s[i - 1] == '\t'))
				i--;
			return i;
		}
		if (c != ' ' && c != '\t')
			prev = c;
	}
	return len;
}

void fm_set(struct fm *fm, const char *key, const char *value,
	    const char *const *order)
{
	struct fm_item *it = fm_get(fm, key);
	struct buf comment = BUF_INIT;

	make_present(fm);
	if (it) {
		size_t end = it->raw.len, at;

		while (end && strchr("\r\n", it->raw.s[end - 1]))
			end--;
		at = line_comment(it->raw.s, it->raw.len);
		if (at < end)
			buf_add(&comment, it->raw.s + at, end - at);
	} else {
		it = insert_item(fm, key, order);
	}
	buf_reset(&it->raw);
	for (size_t i = 0; i < fm->indent; i++)
		buf_addch(&it->raw, ' ');
	fm_quote(key, 0, &it->raw);
	buf_addch(&it->raw, ':');
	if (*value) {
		buf_addch(&it->raw, ' ');
		buf_adds(&it->raw, value);
	}
	buf_add(&it->raw, comment.s, comment.len);
	buf_adds(&it->raw, fm->eol);
	buf_release(&comment);
	reread_value(it);
}

void fm_unset(struct fm *fm, const char *key)
{
	struct fm_item *it = fm_get(fm, key);
	size_t i;

	if (!it)
		return;
	i = (size_t)(it - fm->items);
	if (i > 0)
		buf_add(&fm->items[i - 1].trailer, it->trailer.s,
			it->trailer.len);
	else
		buf_add(&fm->open, it->trailer.s, it->trailer.len);
	item_release(it);
	memmove(it, it + 1, (fm->nr - i - 1) * sizeof(*it));
	fm->nr--;
}

/* Copy a value (deeply). */
static void value_copy(struct fm_value *dst, const struct fm_value *src)
{
	dst->kind = src->kind;
	dst->str = src->str ? xstrdup(src->str) : NULL;
	dst->quoted = src->quoted;
	dst->line = src->line;
	dst->col = src->col;
	memset(&dst->items, 0, sizeof(dst->items));
	for (size_t i = 0; i < src->items.nr; i++)
		strvec_push(&dst->items, src->items.v[i]);
}

void fm_overlay(struct fm *dst, const struct fm *src,
		const char *const *order)
{
	for (size_t i = 0; i < src->nr; i++) {
		const struct fm_item *from = &src->items[i];
		struct fm_item *it = fm_get(dst, from->key);

		make_present(dst);
		if (!it)
			it = insert_item(dst, from->key, order);
		buf_reset(&it->raw);
		/* at dst's indentation, not src's */
		for (size_t k = 0; k < dst->indent; k++)
			buf_addch(&it->raw, ' ');
		buf_add(&it->raw, from->raw.s + src->indent,
			from->raw.len - src->indent);
		value_release(&it->val);
		value_copy(&it->val, &from->val);
	}
}

void fm_write(const struct fm *fm, struct buf *out)
{
	buf_add(out, fm->open.s, fm->open.len);
	if (!fm->present)
		return;
	for (size_t i = 0; i < fm->nr; i++) {
		buf_add(out, fm->items[i].raw.s, fm->items[i].raw.len);
		buf_add(out, fm->items[i].trailer.s, fm->items[i].trailer.len);
	}
	buf_add(out, fm->close.s, fm->close.len);
}

/* Words YAML 1.1 reads as booleans or null. */
static int is_yaml11_word(const char *s)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "true", "false", "on", "off", "null",
		NULL
	};

	for (int i = 0; words[i]; i++)
		if (!strcasecmp(s, words[i]))
			return 1;
	return 0;
}

/*
 * A character YAML cannot hold plainly: a C1 control (U+0080..U+009F,
 * NEL among them), a line or paragraph separator, the BOM, U+FFFE or
 * U+FFFF. Returns the length of its UTF-8 form at p and sets *cp, or 0.
 */
static int special_unicode(const unsigned char *p, unsigned *cp)
{
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		*cp = p[1];
		return 2;
	}
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
		*cp = 0x2000 + p[2] - 0x80;
		return 3;
	}
	if (p[0] == 0xef &&
	    ((p[1] == 0xbb && p[2] == 0xbf) ||
	     (p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)))) {
		*cp = p[1] == 0xbb ? 0xfeff : 0xffc0 + (p[2] & 0x3f);
		return 3;
	}
	return 0;
}

static int plain_ok(const char *s, int flow)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	unsigned cp;

	if (!n || is_yaml11_word(s))
		return 0;
	if (!((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z') ||
	      p[0] >= 0x80))
		return 0;
	if (p[n - 1] == ' ')
		return 0;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || strchr(":#'\"[]{}", *p) ||
		    (flow && *p == ','))
			return 0;
		if (*p >= 0x80 && special_unicode(p, &cp))
			return 0;
	}
	return 1;
}

void fm_quote(const char *s, int flow, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;

	if (plain_ok(s, flow)) {
		buf_adds(out, s);
		return;
	}
	buf_addch(out, '"');
	for (; *p; p++) {
		int n;

		switch (*p) {
		case '"':
			buf_adds(out, "\\\"");
			continue;
		case '\\':
			buf_adds(out, "\\\\");
			continue;
		case '\n':
			buf_adds(out, "\\n");
			continue;
		case '\t':
			buf_adds(out, "\\t");
			continue;
		case '\r':
			buf_adds(out, "\\r");
			continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			buf_addf(out, "\\x%02x", *p);
		} else if (*p >= 0x80 && (n = special_unicode(p, &cp))) {
			buf_addf(out, "\\u%04x", cp);
			p += n - 1;
		} else {
			buf_addch(out, *p);
		}
	}
	buf_addch(out, '"');
}

void fm_quote_list(const struct strvec *items, struct buf *out)
{
	buf_addch(out, '[');
	for (size_t i = 0; i < items->nr; i++) {
		if (i)
			buf_adds(out, ", ");
		fm_quote(items->v[i], 1, out);
	}
	buf_addch(out, ']');
}

int fm_value_error(struct fm_error *err, const struct fm_value *v,
		   const char *fmt, ...)
{
	va_list ap;

	err->line = v->line;
	err->col = v->col;
	va_start(ap, fmt);
	buf_vaddf(&err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int fm_read_list(const struct fm_item *it, struct strvec *out,
		 struct fm_error *err)
{
	const struct fm_value *v = &it->val;

	if (v->kind == FM_NULL)
		return 0;
	if (v->kind == FM_SCALAR) {
		if (!is_one_line(v->str))
			goto not_one_line;
		/* empty, as an empty item of a list: none (tags: |) */
		if (*v->str)
			strvec_push_unique(out, v->str);
		return 0;
	}
	if (v->kind != FM_LIST)
		return fm_value_error(err, v, "%s must be a list like [a, b]",
				      it->key);
	for (size_t i = 0; i < v->items.nr; i++) {
		if (!is_one_line(v->items.v[i]))
			goto not_one_line;
		if (*v->items.v[i])
			strvec_push_unique(out, v->items.v[i]);
	}
	return 0;
not_one_line:
	return fm_value_error(err, v, "each item of %s must be one line of "
			      "text, without control characters", it->key);
}

int fm_read_bool(const struct fm_item *it, int *out, struct fm_error *err)
{
	static const char *const yes[] = { "true", "yes", "on", NULL };
	static const char *const no[] = { "false", "no", "off", NULL };
	const struct fm_value *v = &it->val;

	*out = 0;
	if (v->kind == FM_NULL)
		return 0;
	for (int i = 0; v->kind == FM_SCALAR && yes[i]; i++) {
		if (!strcasecmp(v->str, yes[i])) {
			*out = 1;
			return 0;
		}
		if (!strcasecmp(v->str, no[i]))
			return 0;
	}
	return fm_value_error(err, v, "%s must be true or false", it->key);
}

int fm_error_at(struct fm_error *err, const char *text, size_t off,
		const char *fmt, ...)
{
	va_list ap;

	err->line = 1;
	err->col = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			err->line++;
			err->col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			err->col++;
		}
	}
	va_start(ap, fmt);
	buf_vaddf(&err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int fm_check_text(const char *text, size_t len, struct fm_error *err)
{
	size_t ok = utf8_prefix(text, len);

	if (ok == len)
		return 0;
	return fm_error_at(err, text, ok, "%s", text[ok]
			   ? "not valid UTF-8 text here"
			   : "a NUL byte here; is it a text file?");
}

int fm_check_keys(const struct fm *fm, const char *const *known,
		  struct fm_error *err)
{
	for (size_t i = 0; i < fm->nr; i++) {
		const struct fm_item *it = &fm->items[i];

		if (order_of(known, it->key) >= 0)
			continue;
		for (size_t k = 0; known[k]; k++) {
			if (strcasecmp(it->key, known[k]))
				continue;
			err->line = it->line;
			err->col = it->col;
			buf_addf(&err->msg, "'%s' is not a key tend knows; "
				 "did you mean '%s'?", it->key, known[k]);
			return -1;
		}
	}
	return 0;
}
