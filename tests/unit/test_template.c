/*
 * Unit tests of template.c (tend-render(1)): the mustache of tend's templates,
 * byte for byte: escaping of every value, raw HTML only for trusted
 * values, sections, inverted sections, partials and their indentation,
 * dotted names, standalone lines, every compile error at its exact
 * LINE:COL, the partial depth limit; lists made one item at a time, the
 * limits of a render and renders handed to a sink as they are made; and
 * the values, their hash and the arena they live in.
 *
 * Data is written in a small notation parsed by tv_parse(): maps
 * {a: 'x', b: [true, false, null]}, strings in single quotes (\' and \\
 * escape), trusted HTML as h'<b>'.
 */
#include "template.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

/* A check named by the caller, for checks made in helpers. */
#define CHECK_AT(cond, what, line) \
	unit_check(!!(cond), (what), __FILE__, (line))

/* Templates by name, for the loader; the list ends with a NULL name. */
struct tfile {
	const char *name;
	const char *text;
};

struct loader {
	const struct tfile *main;	/* tried first */
	const struct tfile *files;
	int loads;			/* how many times load() read one */
};

/*
 * Serve the template called name from the loader's tables, its source
 * being "t/NAME". "broken" fails as a loader that cannot read would.
 */
static int load(void *data, const char *name, struct buf *text,
		struct buf *source)
{
	struct loader *l = data;

	if (!strcmp(name, "broken"))
		return error("cannot read 'broken'");
	for (int pass = 0; pass < 2; pass++) {
		const struct tfile *f = pass ? l->files : l->main;

		for (; f && f->name; f++) {
			if (strcmp(f->name, name))
				continue;
			buf_adds(text, f->text);
			buf_addf(source, "t/%s", name);
			l->loads++;
			return 0;
		}
	}
	return 1;
}

/*
 * Append s to out for a test's name: line breaks, tabs and other control
 * bytes as \n, \r, \t and \xNN, so that a name stays on one TAP line.
 */
static void add_shown(struct buf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			buf_adds(out, "\\n");
		else if (*p == '\r')
			buf_adds(out, "\\r");
		else if (*p == '\t')
			buf_adds(out, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_addf(out, "\\x%02x", *p);
		else
			buf_addch(out, *p);
	}
}

/* What a check of text (with data) is called. */
static void what_of(struct buf *what, const char *prefix, const char *text,
		    const char *data)
{
	buf_reset(what);
	buf_adds(what, prefix);
	buf_adds(what, " '");
	add_shown(what, text);
	buf_adds(what, "'");
	if (data) {
		buf_adds(what, " with ");
		add_shown(what, data);
	}
}

/* Stderr sent to a temporary file while a test looks at it. */
struct capture {
	FILE *f;
	int saved;
};

static void capture_start(struct capture *c)
{
	fflush(stderr);
	c->f = tmpfile();
	if (!c->f)
		die("cannot make a temporary file");
	c->saved = dup(2);
	dup2(fileno(c->f), 2);
}

/* Put stderr back, and what was written to it in err (replacing it). */
static void capture_end(struct capture *c, struct buf *err)
{
	char chunk[512];
	size_t n;

	fflush(stderr);
	dup2(c->saved, 2);
	close(c->saved);
	rewind(c->f);
	buf_reset(err);
	while ((n = fread(chunk, 1, sizeof(chunk), c->f)) > 0)
		buf_add(err, chunk, n);
	fclose(c->f);
}

static void skip_blanks(const char **s)
{
	while (**s == ' ' || **s == '\n')
		(*s)++;
}

/* Read a quoted string of the notation at *s (after its quote). */
static struct tv *quoted_parse(struct arena *a, const char **s, int html)
{
	struct buf b = BUF_INIT;
	struct tv *v;

	for (; **s && **s != '\''; (*s)++) {
		if (**s == '\\' && (*s)[1])
			(*s)++;
		buf_addch(&b, **s);
	}
	if (**s != '\'')
		die("test data: unclosed string");
	(*s)++;
	v = html ? tv_new_html(a, b.s, b.len) : tv_new_strn(a, b.s, b.len);
	buf_release(&b);
	return v;
}

/* Parse one value of the test notation at *s into a. */
static struct tv *value_parse(struct arena *a, const char **s)
{
	struct tv *v;

	skip_blanks(s);
	if (**s == '{' || **s == '[') {
		int map = **s == '{';
		char end = map ? '}' : ']';

		v = map ? tv_new_map(a) : tv_new_list(a);
		(*s)++;
		for (skip_blanks(s); **s != end; skip_blanks(s)) {
			char key[64];
			size_t n = 0;

			if (map) {
				while (**s && **s != ':' && n < sizeof(key) - 1)
					key[n++] = *(*s)++;
				key[n] = '\0';
				if (*(*s)++ != ':')
					die("test data: no ':' after '%s'",
					    key);
				tv_put(a, v, key, value_parse(a, s));
			} else {
				tv_push(a, v, value_parse(a, s));
			}
			skip_blanks(s);
			if (**s == ',')
				(*s)++;
			else if (**s != end)
				die("test data: bad list or map at '%s'", *s);
		}
		(*s)++;
		return v;
	}
	if (**s == '\'') {
		(*s)++;
		return quoted_parse(a, s, 0);
	}
	if ((*s)[0] == 'h' && (*s)[1] == '\'') {
		*s += 2;
		return quoted_parse(a, s, 1);
	}
	if (starts_with(*s, "true") || starts_with(*s, "false")) {
		v = tv_new_bool(a, **s == 't');
		*s += **s == 't' ? 4 : 5;
		return v;
	}
	if (starts_with(*s, "null")) {
		*s += 4;
		return tv_new_null(a);
	}
	die("test data: cannot read '%s'", *s);
}

/* The value the notation s describes, in a. */
static struct tv *tv_parse(struct arena *a, const char *s)
{
	struct tv *v = value_parse(a, &s);

	skip_blanks(&s);
	if (*s)
		die("test data: left over '%s'", s);
	return v;
}

/*
 * Render the template text (as "main", with the partials of files) with
 * the data of the notation data into out, and what went to stderr into
 * err (when err is NULL stderr stays as it is, so that a sanitizer's
 * report is seen). Returns what tmpl_render() returned.
 */
static int render_into(const char *text, const struct tfile *files,
		       const char *data, struct buf *out, struct buf *err)
{
	struct tfile main[] = { { "main", text }, { NULL, NULL } };
	struct loader l = { main, files, 0 };
	struct tmpl_set *set = tmpl_set_new(load, &l);
	struct arena a = ARENA_INIT;
	const struct tv *v = data ? tv_parse(&a, data) : NULL;
	struct capture c;
	int rc;

	if (err)
		capture_start(&c);
	rc = tmpl_render(set, "main", v, out);
	if (err)
		capture_end(&c, err);
	tmpl_set_free(set);
	arena_release(&a);
	return rc;
}

/* Check that text renders to want, and succeeds. */
static void check_render(const char *text, const struct tfile *files,
			 const char *data, const char *want, int line)
{
	struct buf out = BUF_INIT, what = BUF_INIT;
	int rc = render_into(text, files, data, &out, NULL);

	what_of(&what, "render of", text, data);
	if (!unit_check_str(out.s, want, what.s, __FILE__, line) || rc)
		unit_check_long(rc, 0, "...and no failure", __FILE__, line);
	buf_release(&out);
	buf_release(&what);
}

/*
 * Check that rendering text fails with rc, saying exactly want on stderr
 * (one line, the newline added here), and leaving out untouched.
 */
static void check_fail(const char *text, const struct tfile *files,
		       const char *data, int want_rc, const char *want,
		       int line)
{
	struct buf out = BUF_INIT, err = BUF_INIT, msg = BUF_INIT;
	struct buf what = BUF_INIT;
	int rc;

	buf_adds(&out, "kept");
	rc = render_into(text, files, data, &out, &err);
	buf_addf(&msg, "%s\n", want);
	what_of(&what, "message of", text, NULL);
	unit_check_str(err.s, msg.s, what.s, __FILE__, line);
	what_of(&what, "failure of", text, NULL);
	unit_check_long(rc, want_rc, what.s, __FILE__, line);
	what_of(&what, "output kept after", text, NULL);
	unit_check_str(out.s, "kept", what.s, __FILE__, line);
	buf_release(&out);
	buf_release(&err);
	buf_release(&msg);
	buf_release(&what);
}

#define RENDER_IS(text, data, want) \
	check_render((text), NULL, (data), (want), __LINE__)
#define RENDER_P(text, files, data, want) \
	check_render((text), (files), (data), (want), __LINE__)
#define ERROR_IS(text, want) \
	check_fail((text), NULL, NULL, FAIL_INVALID, (want), __LINE__)
#define ERROR_P(text, files, data, rc, want) \
	check_fail((text), (files), (data), (rc), (want), __LINE__)

static void test_escape(void)
{
	RENDER_IS("{{x}}", "{x: '& < > \" \\' `'}",
		  "&amp; &lt; &gt; &quot; &#39; &#96;");
	RENDER_IS("<{{x}}>", "{x: 'plain text'}", "<plain text>");
	RENDER_IS("{{x}}", "{x: '&amp;'}", "&amp;amp;");
	/* bytes that are not UTF-8, and control characters */
	RENDER_IS("{{x}}", "{x: 'a\xff" "b\xc3'}",
		  "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	RENDER_IS("{{x}}", "{x: 'a\x01\x7f" "b\tc'}", "ab\tc");
	RENDER_IS("{{x}}", "{x: 'caf\xc3\xa9'}", "caf\xc3\xa9");
	/* a plain string stays escaped in the raw forms */
	RENDER_IS("{{{x}}}", "{x: '<script>'}", "&lt;script&gt;");
	RENDER_IS("{{&x}}", "{x: '<script>'}", "&lt;script&gt;");
	RENDER_IS("{{{x}}}", "{x: '\"&\\''}", "&quot;&amp;&#39;");
	/* trusted HTML is raw there, and escaped in {{ }} */
	RENDER_IS("{{{h}}}", "{h: h'<b>&amp;</b>'}", "<b>&amp;</b>");
	RENDER_IS("{{&h}}", "{h: h'<b>&amp;</b>'}", "<b>&amp;</b>");
	RENDER_IS("{{h}}", "{h: h'<b>&amp;</b>'}",
		  "&lt;b&gt;&amp;amp;&lt;/b&gt;");
	RENDER_IS("{{{.}}}", "h'<i>'", "<i>");
	RENDER_IS("{{{.}}}", "'<i>'", "&lt;i&gt;");
	/* the template's own text is the template's */
	RENDER_IS("<p class=\"a\">&amp; 'x'</p>", NULL,
		  "<p class=\"a\">&amp; 'x'</p>");
}

static void test_interpolation(void)
{
	RENDER_IS("", NULL, "");
	RENDER_IS("no tags\n", NULL, "no tags\n");
	RENDER_IS("Hello, {{name}}!", "{name: 'Ann'}", "Hello, Ann!");
	RENDER_IS("{{a}}{{b}}{{a}}", "{a: '1', b: '2'}", "121");
	/* nothing for missing names, null, booleans, lists and maps */
	RENDER_IS("[{{x}}]", "{}", "[]");
	RENDER_IS("[{{x}}]", NULL, "[]");
	RENDER_IS("[{{x}}]", "{x: null}", "[]");
	RENDER_IS("[{{x}}|{{y}}]", "{x: true, y: false}", "[|]");
	RENDER_IS("[{{x}}|{{y}}]", "{x: ['a'], y: {a: 'b'}}", "[|]");
	RENDER_IS("[{{{x}}}|{{&y}}]", "{x: true, y: ['a']}", "[|]");
	RENDER_IS("[{{.}}]", "{a: 'b'}", "[]");
	RENDER_IS("[{{.}}]", "'top'", "[top]");
	/* blanks inside tags */
	RENDER_IS("{{ x }}|{{{ x }}}|{{& x }}|{{&x}}", "{x: 'v'}", "v|v|v|v");
	RENDER_IS("{{\tx\n}}|{{  .  }}", "{x: 'v'}", "v|");
	RENDER_IS("{{ #s }}in{{ /s }}{{ ^s }}out{{ /s }}", "{s: true}", "in");
	RENDER_IS("{{x}}}", "{x: 'v'}", "v}");
	RENDER_IS("a }} b { c {x} }", NULL, "a }} b { c {x} }");
	/* names: letters, digits, '_' and '-' */
	RENDER_IS("{{a_b-c9}}", "{a_b-c9: 'ok'}", "ok");
	/* an interpolation never stands alone */
	RENDER_IS("  {{x}}\n", "{x: 'v'}", "  v\n");
	RENDER_IS("{{x}}\n", "{}", "\n");
	RENDER_IS("  {{{x}}}  \n|", "{}", "    \n|");
}

static void test_sections(void)
{
	RENDER_IS("{{#l}}[{{.}}]{{/l}}", "{l: ['a', 'b', 'c']}", "[a][b][c]");
	RENDER_IS("{{#l}}{{n}},{{/l}}", "{l: [{n: '1'}, {n: '2'}]}", "1,2,");
	RENDER_IS("{{#m}}{{a}}{{b}}{{/m}}", "{m: {a: 'A', b: 'B'}}", "AB");
	RENDER_IS("{{#m}}once{{/m}}", "{m: {}}", "once");
	RENDER_IS("{{#t}}once{{/t}}", "{t: true}", "once");
	RENDER_IS("{{#t}}[{{.}}]{{/t}}", "{t: true}", "[]");
	RENDER_IS("{{#s}}<{{.}}>{{/s}}", "{s: 'hi & bye'}", "<hi &amp; bye>");
	RENDER_IS("{{#h}}{{{.}}}{{/h}}", "{h: h'<hr>'}", "<hr>");
	/* falsy: skipped */
	RENDER_IS("[{{#x}}no{{/x}}]", "{x: null}", "[]");
	RENDER_IS("[{{#x}}no{{/x}}]", "{x: false}", "[]");
	RENDER_IS("[{{#x}}no{{/x}}]", "{x: ''}", "[]");
	RENDER_IS("[{{#x}}no{{/x}}]", "{x: h''}", "[]");
	RENDER_IS("[{{#x}}no{{/x}}]", "{x: []}", "[]");
	RENDER_IS("[{{#x}}no{{/x}}]", "{}", "[]");
	RENDER_IS("[{{#x}}no{{/x}}]", NULL, "[]");
	/* items that are false or empty are still items */
	RENDER_IS("{{#l}}<{{.}}>{{/l}}", "{l: [false, '', null, []]}",
		  "<><><><>");
	/* nested lists and the implicit iterator */
	RENDER_IS("{{#l}}({{#.}}{{.}}{{/.}}){{/l}}",
		  "{l: [['a', 'b'], ['c'], []]}", "(ab)(c)()");
	RENDER_IS("{{#.}}{{.}}{{/.}}", "['x', 'y']", "xy");
	/* names are looked up from the innermost context outwards */
	RENDER_IS("{{#l}}{{n}}-{{t}};{{/l}}",
		  "{t: 'T', l: [{n: '1'}, {n: '2', t: 'own'}]}",
		  "1-T;2-own;");
	RENDER_IS("{{#a}}{{#b}}{{#c}}{{x}}{{y}}{{z}}{{/c}}{{/b}}{{/a}}",
		  "{x: '1', a: {y: '2', b: {z: '3', c: {x: '4'}}}}", "423");
	RENDER_IS("{{#m}}{{a}}{{/m}}{{a}}", "{a: 'out', m: {a: 'in'}}",
		  "inout");
	/* a key that is there but null hides the outer one */
	RENDER_IS("{{#m}}[{{a}}]{{/m}}", "{a: 'out', m: {a: null}}", "[]");
	/* contexts that are not maps are passed over */
	RENDER_IS("{{#l}}{{t}}{{.}} {{/l}}", "{t: 'T', l: ['x', true]}",
		  "Tx T ");
	/* the same name inside itself */
	RENDER_IS("{{#a}}{{#a}}{{.}}{{/a}}{{/a}}", "{a: ['x', 'y']}",
		  "xyxy");
	RENDER_IS("{{#l}}{{#l}}{{.}}{{/l}}|{{/l}}", "{l: ['1', '2']}",
		  "12|12|");
	/* sections of dotted names */
	RENDER_IS("{{#a.b}}{{c}}{{/a.b}}", "{a: {b: {c: 'C'}}}", "C");
	RENDER_IS("{{#a.b}}{{.}}{{/a.b}}", "{a: {b: ['1', '2']}}", "12");
	RENDER_IS("{{#a.x}}no{{/a.x}}", "{a: {b: true}}", "");
	/* text around and between */
	RENDER_IS("a{{#t}}b{{/t}}c{{#f}}d{{/f}}e", "{t: true, f: false}",
		  "abce");
}

static void test_inverted(void)
{
	static const char *const falsy[] = {
		"{x: null}", "{x: false}", "{x: ''}", "{x: h''}", "{x: []}",
		"{}", "{y: true}"
	};
	static const char *const truthy[] = {
		"{x: true}", "{x: 'a'}", "{x: h'a'}", "{x: ['a']}",
		"{x: [false]}", "{x: {}}", "{x: {a: 'b'}}"
	};

	for (size_t i = 0; i < sizeof(falsy) / sizeof(*falsy); i++)
		check_render("[{{^x}}yes{{/x}}]", NULL, falsy[i], "[yes]",
			     __LINE__);
	for (size_t i = 0; i < sizeof(truthy) / sizeof(*truthy); i++)
		check_render("[{{^x}}yes{{/x}}]", NULL, truthy[i], "[]",
			     __LINE__);
	RENDER_IS("[{{^x}}yes{{/x}}]", NULL, "[yes]");
	/* an inverted section pushes nothing */
	RENDER_IS("{{^n}}{{y}}{{.}}{{/n}}", "{y: 'Y'}", "Y");
	RENDER_IS("{{#l}}{{.}}{{/l}}{{^l}}none{{/l}}", "{l: []}", "none");
	RENDER_IS("{{#l}}{{.}}{{/l}}{{^l}}none{{/l}}", "{l: ['a']}", "a");
	RENDER_IS("{{^a}}{{^b}}both{{/b}}{{/a}}", "{a: false, b: ''}",
		  "both");
	RENDER_IS("{{^a.b}}no b{{/a.b}}", "{a: {}, b: true}", "no b");
}

static void test_dotted(void)
{
	RENDER_IS("{{a.b.c}}", "{a: {b: {c: 'deep'}}}", "deep");
	RENDER_IS("{{{a.h}}}|{{&a.h}}", "{a: {h: h'<b>'}}", "<b>|<b>");
	RENDER_IS("{{a.b}}", "{a: {b: '<'}}", "&lt;");
	/* the first part outwards, the rest inside it only */
	RENDER_IS("{{#l}}{{m.x}}{{/l}}", "{m: {x: 'X'}, l: [{}, {}]}", "XX");
	RENDER_IS("{{#a}}[{{b.c}}]{{/a}}", "{a: {b: {}}, b: {c: 'ERROR'}}",
		  "[]");
	RENDER_IS("[{{a.b.c}}]", "{a: {b: {}}, c: 'ERROR'}", "[]");
	RENDER_IS("[{{a.b}}]", "{a: 'str'}", "[]");
	RENDER_IS("[{{a.b}}]", "{a: [{b: 'in a list'}]}", "[]");
	RENDER_IS("[{{a.b}}]", "{a: null}", "[]");
	RENDER_IS("[{{a.b}}]", "{}", "[]");
	/* inside a, "a" is a's own a first: a string, without a */
	RENDER_IS("{{#a}}[{{a.a}}]{{/a}}", "{a: {a: 'x'}}", "[]");
	RENDER_IS("{{#a}}[{{a}}]{{/a}}", "{a: {a: 'x'}}", "[x]");
}

static void test_comments(void)
{
	RENDER_IS("a{{! c }}b", NULL, "ab");
	RENDER_IS("a{{!}}b", NULL, "ab");
	RENDER_IS("a{{! {x} # ^ / > }}b", NULL, "ab");
	RENDER_IS("a{{!\nmany\nlines\n}}b", NULL, "ab");
	RENDER_IS("a{{ ! blank first }}b", NULL, "ab");
	RENDER_IS("Begin.\n{{! gone }}\nEnd.\n", NULL, "Begin.\nEnd.\n");
	RENDER_IS("Begin.\n  {{! gone }}\nEnd.\n", NULL, "Begin.\nEnd.\n");
	RENDER_IS("Begin.\n{{!\nSomething's going on here\n}}\nEnd.\n", NULL,
		  "Begin.\nEnd.\n");
	RENDER_IS("Begin.\n  {{!\n  indented\n  }}\nEnd.\n", NULL,
		  "Begin.\nEnd.\n");
	RENDER_IS("|\r\n{{! gone }}\r\n|", NULL, "|\r\n|");
	RENDER_IS("  {{! gone }}\n!", NULL, "!");
	RENDER_IS("!\n  {{! gone }}", NULL, "!\n");
	RENDER_IS("  12 {{! 34 }}\n", NULL, "  12 \n");
	RENDER_IS("12345 {{! Comment Block! }} 67890", NULL, "12345  67890");
}

static void test_standalone(void)
{
	RENDER_IS("|\n{{#t}}\nyes\n{{/t}}\n|", "{t: true}", "|\nyes\n|");
	RENDER_IS("|\n{{#t}}\nyes\n{{/t}}\n|", "{t: false}", "|\n|");
	RENDER_IS("|\n  {{#t}}\n|\n  {{/t}}\n|\n", "{t: true}", "|\n|\n|\n");
	RENDER_IS("|\r\n{{#t}}\r\n{{/t}}\r\n|", "{t: true}", "|\r\n|");
	RENDER_IS("  {{#t}}\n#{{/t}}\n/", "{t: true}", "#\n/");
	RENDER_IS("#{{#t}}\n/\n  {{/t}}", "{t: true}", "#\n/\n");
	RENDER_IS("|\n{{^f}}\nno\n{{/f}}\n|", "{f: false}", "|\nno\n|");
	RENDER_IS("{{#t}} \t\nx\n{{/t}}\t \n", "{t: true}", "x\n");
	RENDER_IS("{{#t}}\n{{/t}}", "{t: true}", "");
	RENDER_IS("{{#l}}\n- {{.}}\n{{/l}}\n", "{l: ['a', 'b']}",
		  "- a\n- b\n");
	RENDER_IS("<ul>\n  {{#l}}\n  <li>{{.}}</li>\n  {{/l}}\n</ul>\n",
		  "{l: ['a', 'b']}",
		  "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
	/* not alone: kept as it is */
	RENDER_IS("{{#t}}{{/t}}\n", "{t: true}", "\n");
	RENDER_IS("  {{#t}}x{{/t}}\n", "{t: true}", "  x\n");
	RENDER_IS("  {{#t}}x{{/t}}\n", "{t: false}", "  \n");
	RENDER_IS("{{#t}} x\n{{/t}}", "{t: true}", " x\n");
	RENDER_IS("a {{#t}}\nb{{/t}}", "{t: true}", "a \nb");
	RENDER_IS("{{#t}}\nb {{/t}}\n", "{t: true}", "b \n");
	RENDER_IS("{{x}}{{#t}}\n{{/t}}", "{t: true, x: 'X'}", "X\n");
	/* a lone CR ends no line */
	RENDER_IS("{{#t}}\rx{{/t}}", "{t: true}", "\rx");
	RENDER_IS("a\r{{#t}}\nx{{/t}}", "{t: true}", "a\r\nx");
	/* nested, all standalone */
	RENDER_IS("{{#a}}\n  {{#b}}\n  {{.}}\n  {{/b}}\n{{/a}}\n",
		  "{a: true, b: ['1', '2']}", "  1\n  2\n");
}

/* Data of n maps inside each other, each true for {{#next}}. */
static void next_chain(struct buf *b, int n)
{
	buf_reset(b);
	for (int i = 0; i < n; i++)
		buf_adds(b, "{next: ");
	buf_adds(b, "{next: false}");
	for (int i = 0; i < n; i++)
		buf_addch(b, '}');
}

static void test_partials(void)
{
	static const struct tfile files[] = {
		{ "p", "x{{a}}" },
		{ "dot", "{{.}}" },
		{ "html/entry.html", "entry" },
		{ "gt", ">" },
		{ "gtnl", ">\n" },
		{ "two", ">\n>" },
		{ "box", "|\n{{{content}}}\n|\n" },
		{ "a", "a1\n  {{>b}}\na2\n" },
		{ "b", "b1\nb2\n" },
		{ "list", "{{#l}}\n- {{.}}\n{{/l}}\n" },
		{ "close", "{{#f}}x\n{{/f}}y" },
		{ "empty", "" },
		{ "inline", "{{>b2}}!\n" },
		{ "b2", "1\n2" },
		{ "node", "<{{n}}{{#kids}}{{>node}}{{/kids}}>" },
		{ "loop", "{{#next}}o{{>loop}}{{/next}}" },
		{ "inner", "{{x}}" },
		{ NULL, NULL }
	};
	struct buf data = BUF_INIT;

	RENDER_P("[{{>p}}]", files, "{a: 'A'}", "[xA]");
	RENDER_P("[{{> p }}|{{>p\t}}]", files, "{a: 'A'}", "[xA|xA]");
	RENDER_P("{{#l}}{{>dot}},{{/l}}", files, "{l: ['1', '<']}",
		 "1,&lt;,");
	RENDER_P("{{#m}}{{>inner}}{{/m}}", files, "{x: 'out', m: {x: 'in'}}",
		 "in");
	RENDER_P("{{>html/entry.html}}", files, NULL, "entry");
	RENDER_P("{{>p}}{{>p}}{{>p}}", files, "{a: '.'}", "x.x.x.");
	/* standalone partials */
	RENDER_P("|\n{{>gtnl}}\n|", files, NULL, "|\n>\n|");
	RENDER_P("|\r\n{{>gt}}\r\n|", files, NULL, "|\r\n>|");
	RENDER_P("  {{>two}}\n>", files, NULL, "  >\n  >>");
	RENDER_P(">\n  {{>two}}", files, NULL, ">\n  >\n  >");
	RENDER_P("\\\n {{>box}}\n/\n", files, "{content: h'<\n->'}",
		 "\\\n |\n <\n->\n |\n/\n");
	RENDER_P("\t{{>b}}\n", files, NULL, "\tb1\n\tb2\n");
	RENDER_P("a\n  {{>empty}}\nb", files, NULL, "a\nb");
	/* not alone: not indented */
	RENDER_P("  {{d}}  {{> two}}\n", files, "{d: '|'}", "  |  >\n>\n");
	RENDER_P("  {{>two}} x\n", files, NULL, "  >\n> x\n");
	/* blanks after the tag still leave it alone on its line */
	RENDER_P("  {{>two}} \t\n", files, NULL, "  >\n  >");
	/* indentation inside indentation */
	RENDER_P("  {{>a}}\n", files, NULL, "  a1\n    b1\n    b2\n  a2\n");
	RENDER_P("  {{>list}}\n", files, "{l: ['x', 'y']}",
		 "  - x\n  - y\n");
	RENDER_P("  {{>list}}\n", files, "{l: []}", "");
	RENDER_P("  {{>inline}}\n", files, NULL, "  1\n2!\n");
	/* a line start before a closing tag is the section's */
	RENDER_P("  {{>close}}", files, "{f: false}", "  y");
	RENDER_P("  {{>close}}", files, "{f: true}", "  x\n  y");
	RENDER_P("  {{>close}}", files, "{f: ['1', '2']}", "  x\n  x\n  y");
	/* recursion over data */
	RENDER_P("{{>node}}", files,
		 "{n: 'a', kids: [{n: 'b', kids: []}, "
		 "{n: 'c', kids: [{n: 'd', kids: false}]}]}",
		 "<a<b><c<d>>>");

	/* 32 partials deep are fine, 33 are not */
	next_chain(&data, 31);
	RENDER_P("{{>loop}}", files, data.s, "ooooooooooooooooooooooooooooooo");
	next_chain(&data, 32);
	ERROR_P("{{>loop}}", files, data.s, FAIL_INVALID,
		"t/loop:1:11: partials nested more than 32 deep");
	ERROR_P("a\n {{>main}}", files, NULL, FAIL_INVALID,
		"t/main:2:2: partials nested more than 32 deep");
	buf_release(&data);
}

static void test_partial_errors(void)
{
	static const struct tfile files[] = {
		{ "a", "x\n{{>nope}}" },
		{ "bad", "ok\n  {{#x}}" },
		{ "uses-broken", "{{>broken}}" },
		{ NULL, NULL }
	};

	ERROR_P("a\n  {{>footer}}", files, NULL, FAIL_INVALID,
		"t/main:2:3: partial 'footer' does not exist");
	ERROR_P("{{#x}}{{>a}}{{/x}}", files, NULL, FAIL_INVALID,
		"t/a:2:1: partial 'nope' does not exist");
	ERROR_P("{{>bad}}", files, NULL, FAIL_INVALID,
		"t/bad:2:3: unclosed section 'x'");
	ERROR_P("{{>uses-broken}}", files, NULL, FAIL,
		"tend: cannot read 'broken'");
	ERROR_P("{{>a}}{{/z}}", files, NULL, FAIL_INVALID,
		"t/main:1:7: '{{/z}}' closes nothing");
}

static void test_errors(void)
{
	struct buf text = BUF_INIT;

	ERROR_IS("abc{{x", "t/main:1:4: unclosed tag");
	ERROR_IS("{{x}", "t/main:1:1: unclosed tag");
	ERROR_IS("{{{x}}", "t/main:1:1: unclosed tag");
	ERROR_IS("ok\n\n  {{! no end }", "t/main:3:3: unclosed tag");
	ERROR_IS("{{", "t/main:1:1: unclosed tag");
	ERROR_IS("a\nb {{}}", "t/main:2:3: empty tag");
	ERROR_IS("{{ }}", "t/main:1:1: empty tag");
	ERROR_IS("{{#}}", "t/main:1:1: empty tag");
	ERROR_IS("{{^ }}", "t/main:1:1: empty tag");
	ERROR_IS("{{/\t}}", "t/main:1:1: empty tag");
	ERROR_IS("{{{ }}}", "t/main:1:1: empty tag");
	ERROR_IS("{{&}}", "t/main:1:1: empty tag");
	ERROR_IS("{{>}}", "t/main:1:1: empty tag");
	ERROR_IS("x\n\n  {{#tags}}\n{{a}}", "t/main:3:3: unclosed section "
		 "'tags'");
	ERROR_IS("{{#a}}{{#b}}{{/b}}", "t/main:1:1: unclosed section 'a'");
	ERROR_IS("{{#a}}\n{{^b.c}}", "t/main:2:1: unclosed section 'b.c'");
	ERROR_IS("{{#a}}{{/b}}", "t/main:1:7: '{{/b}}' closes 'a'");
	ERROR_IS("{{#a}}{{#b}}\n {{/ a }}", "t/main:2:2: '{{/a}}' closes 'b'");
	ERROR_IS("x{{/x}}", "t/main:1:2: '{{/x}}' closes nothing");
	ERROR_IS("{{#a}}{{/a}}{{/a}}", "t/main:1:13: '{{/a}}' closes nothing");
	ERROR_IS("{{=<% %>=}}", "t/main:1:1: set-delimiter tags are not "
		 "supported");
	ERROR_IS("a {{ = | | = }}", "t/main:1:3: set-delimiter tags are not "
		 "supported");
	ERROR_IS("{{a b}}", "t/main:1:1: invalid name 'a b'");
	ERROR_IS("{{a..b}}", "t/main:1:1: invalid name 'a..b'");
	ERROR_IS("{{.a}}", "t/main:1:1: invalid name '.a'");
	ERROR_IS("{{a.}}", "t/main:1:1: invalid name 'a.'");
	ERROR_IS("{{..}}", "t/main:1:1: invalid name '..'");
	ERROR_IS("{{{#a}}}", "t/main:1:1: invalid name '#a'");
	ERROR_IS("{{#a b}}{{/a b}}", "t/main:1:1: invalid name 'a b'");
	ERROR_IS("{{> a b }}", "t/main:1:1: invalid name 'a b'");
	ERROR_IS("{{a{{b}}", "t/main:1:1: invalid name 'a{{b'");
	/* names shown up to a control byte, and 32 bytes at most */
	ERROR_IS("<p>{{title}</p>\n<p>{{x}}</p>",
		 "t/main:1:4: invalid name 'title}</p>...'");
	ERROR_IS("{{abcdefghijklmnopqrstuvwxyz 1234567890}}",
		 "t/main:1:1: invalid name "
		 "'abcdefghijklmnopqrstuvwxyz 12345...'");
	/* columns count characters; a tab is one */
	ERROR_IS("\xc3\xa9t\xc3\xa9 {{x", "t/main:1:5: unclosed tag");
	ERROR_IS("\t\t{{}}", "t/main:1:3: empty tag");
	ERROR_IS("a\r\nb{{}}", "t/main:2:2: empty tag");
	/* the first error counts */
	ERROR_IS("{{}} {{/x}}", "t/main:1:1: empty tag");

	/* 100 sections inside each other are fine, 101 are not */
	for (int i = 0; i < 100; i++)
		buf_adds(&text, "{{#a}}");
	buf_adds(&text, "{{.}}");
	for (int i = 0; i < 100; i++)
		buf_adds(&text, "{{/a}}");
	RENDER_IS(text.s, "{a: 'x'}", "x");
	buf_reset(&text);
	for (int i = 0; i < 101; i++)
		buf_adds(&text, "{{^b}}");
	for (int i = 0; i < 101; i++)
		buf_adds(&text, "{{/b}}");
	ERROR_IS(text.s, "t/main:1:601: sections nested more than 100 deep");
	buf_release(&text);
}

/* A loader that names no source: messages name the template. */
static int load_no_source(void *data, const char *name, struct buf *text,
			  struct buf *source)
{
	(void)data;
	(void)source;
	buf_adds(text, strcmp(name, "main") ? "{{" : "ok\n{{>part}}");
	return 0;
}

/* The set compiles each template once, and forgets the ones that fail. */
static void test_set(void)
{
	struct tfile files[] = {
		{ "page", "<{{>head}}|{{>head}}|{{x}}>" },
		{ "head", "h{{y}}" },
		{ "bad", "{{>part}}" },
		{ "part", "{{#x}}" },
		{ NULL, NULL }
	};
	struct loader l = { NULL, files, 0 };
	struct tmpl_set *set = tmpl_set_new(load, &l);
	struct buf out = BUF_INIT, err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct tv *data = tv_parse(&a, "{x: '1', y: '2'}");
	struct capture c;
	int rc;

	CHECK_INT(tmpl_compile(set, "page"), 0);
	CHECK_INT(l.loads, 2);
	CHECK_INT(tmpl_compile(set, "page"), 0);
	CHECK_INT(tmpl_compile(set, "head"), 0);
	CHECK_INT(l.loads, 2);
	buf_adds(&out, "before:");
	CHECK_INT(tmpl_render(set, "page", data, &out), 0);
	CHECK_STR(out.s, "before:<h2|h2|1>");
	for (int i = 0; i < 9999; i++) {
		buf_reset(&out);
		rc = tmpl_render(set, "page", data, &out);
		if (rc)
			break;
	}
	CHECK_INT(rc, 0);
	CHECK_STR(out.s, "<h2|h2|1>");
	CHECK_INT(l.loads, 2);

	/* a broken partial: nothing of it is kept */
	capture_start(&c);
	rc = tmpl_compile(set, "bad");
	capture_end(&c, &err);
	CHECK_INT(rc, FAIL_INVALID);
	CHECK_STR(err.s, "t/part:1:1: unclosed section 'x'\n");
	files[3].text = "[{{x}}]";
	buf_reset(&out);
	CHECK_INT(tmpl_render(set, "bad", data, &out), 0);
	CHECK_STR(out.s, "[1]");
	CHECK_INT(l.loads, 6);

	/* no such template */
	capture_start(&c);
	rc = tmpl_compile(set, "nope");
	capture_end(&c, &err);
	CHECK_INT(rc, FAIL);
	CHECK_STR(err.s, "tend: template 'nope' does not exist\n");
	capture_start(&c);
	buf_reset(&out);
	rc = tmpl_render(set, "nope", data, &out);
	capture_end(&c, &err);
	CHECK_INT(rc, FAIL);
	CHECK_STR(err.s, "tend: template 'nope' does not exist\n");
	CHECK_STR(out.s, "");
	capture_start(&c);
	rc = tmpl_compile(set, "broken");
	capture_end(&c, &err);
	CHECK_INT(rc, FAIL);
	CHECK_STR(err.s, "tend: cannot read 'broken'\n");

	tmpl_set_free(set);
	tmpl_set_free(NULL);

	set = tmpl_set_new(load_no_source, NULL);
	capture_start(&c);
	rc = tmpl_compile(set, "main");
	capture_end(&c, &err);
	CHECK_INT(rc, FAIL_INVALID);
	CHECK_STR(err.s, "part:1:1: unclosed tag\n");
	tmpl_set_free(set);
	buf_release(&out);
	buf_release(&err);
	arena_release(&a);
}

static void test_values(void)
{
	struct arena a = ARENA_INIT;
	struct tv *m = tv_new_map(&a), *l = tv_new_list(&a), *v;
	char key[16];

	CHECK_INT(tv_new_str(&a, NULL)->kind, TV_NULL);
	CHECK_INT(tv_new_strn(&a, NULL, 3)->kind, TV_NULL);
	v = tv_new_str(&a, "abc");
	CHECK_INT(v->kind, TV_STR);
	CHECK_STR(v->s, "abc");
	CHECK_INT(v->len, 3);
	v = tv_new_strn(&a, "abcdef", 2);
	CHECK_STR(v->s, "ab");
	CHECK_INT(v->len, 2);
	v = tv_new_strf(&a, "%d-%s", 7, "x");
	CHECK_STR(v->s, "7-x");
	CHECK_INT(v->len, 3);
	/* longer than it is first formatted into: formatted at its size */
	{
		char want[1001];

		memset(want, 'w', 1000);
		want[1000] = '\0';
		v = tv_new_strf(&a, "%s%s", want + 745, want + 745);
		CHECK_INT(v->len, 510);
		v = tv_new_strf(&a, "%.255s|", want);
		CHECK_INT(v->len, 256);
		CHECK(v->s[255] == '|' && v->s[256] == '\0');
		v = tv_new_strf(&a, "%.254s|", want);
		CHECK_INT(v->len, 255);
		CHECK(v->s[254] == '|' && v->s[255] == '\0');
	}
	v = tv_new_html(&a, "<b>x", 3);
	CHECK_INT(v->kind, TV_HTML);
	CHECK_STR(v->s, "<b>");
	CHECK_INT(v->len, 3);
	CHECK_INT(tv_new_bool(&a, 5)->b, 1);
	CHECK_INT(tv_new_bool(&a, 0)->b, 0);

	tv_put_str(&a, m, "a", "1");
	tv_put_strf(&a, m, "b", "%03d", 2);
	tv_put_bool(&a, m, "c", 1);
	tv_put_html(&a, m, "d", "<i>", 3);
	tv_put_str(&a, m, "e", NULL);
	tv_put(&a, m, "f", NULL);
	CHECK_INT(m->nr, 6);
	CHECK_STR(tv_get(m, "a")->s, "1");
	CHECK_STR(tv_get(m, "b")->s, "002");
	CHECK_INT(tv_get(m, "c")->kind, TV_BOOL);
	CHECK_INT(tv_get(m, "d")->kind, TV_HTML);
	CHECK_INT(tv_get(m, "e")->kind, TV_NULL);
	CHECK_INT(tv_get(m, "f")->kind, TV_NULL);
	CHECK(tv_get(m, "g") == NULL);
	CHECK(tv_get(m, "") == NULL);
	CHECK(tv_get(l, "a") == NULL);
	CHECK(tv_get(tv_new_str(&a, "a"), "a") == NULL);
	/* a key put again keeps its place */
	tv_put_str(&a, m, "a", "one");
	CHECK_INT(m->nr, 6);
	CHECK_STR(m->keys[0], "a");
	CHECK_STR(tv_get(m, "a")->s, "one");
	CHECK_STR(m->keys[5], "f");

	/* big lists and maps grow inside the arena */
	for (int i = 0; i < 10000; i++)
		tv_push(&a, l, tv_new_strf(&a, "%d", i));
	tv_push(&a, l, NULL);
	CHECK_INT(l->nr, 10001);
	CHECK_STR(l->items[0]->s, "0");
	CHECK_STR(l->items[4567]->s, "4567");
	CHECK_STR(l->items[9999]->s, "9999");
	CHECK_INT(l->items[10000]->kind, TV_NULL);
	/* pushed with nothing allocated between: grown in place */
	l = tv_new_list(&a);
	v = tv_new_str(&a, "same");
	for (int i = 0; i < 5000; i++)
		tv_push(&a, l, v);
	tv_push(&a, l, NULL);
	CHECK_INT(l->nr, 5001);
	CHECK(l->items[0] == v && l->items[2500] == v && l->items[4999] == v);
	CHECK_INT(l->items[5000]->kind, TV_NULL);
	v = tv_new_html(&a, NULL, 5);
	CHECK_INT(v->kind, TV_HTML);
	CHECK_STR(v->s, "");
	CHECK_INT(v->len, 0);
	m = tv_new_map(&a);
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		tv_put_strf(&a, m, key, "v%d", i);
	}
	CHECK_INT(m->nr, 1000);
	CHECK_STR(tv_get(m, "k0")->s, "v0");
	CHECK_STR(tv_get(m, "k999")->s, "v999");
	CHECK_STR(m->keys[500], "k500");
	arena_release(&a);
}

/* The hash of the value of the notation s. */
static uint64_t hash_of(const char *s)
{
	struct arena a = ARENA_INIT;
	uint64_t h = tv_hash(HASH_INIT, tv_parse(&a, s));

	arena_release(&a);
	return h;
}

static void check_hash_differs(const char *x, const char *y, int line)
{
	char what[200];

	snprintf(what, sizeof(what), "hash of %s differs from %s", x, y);
	CHECK_AT(hash_of(x) != hash_of(y), what, line);
}

#define HASH_DIFFERS(x, y) check_hash_differs((x), (y), __LINE__)

static void test_hash(void)
{
	static const char *const tree =
		"{a: ['x', {b: true, c: h'<i>'}], d: null, e: ''}";
	struct arena a = ARENA_INIT;
	struct tv *x, *y;

	CHECK(hash_of(tree) == hash_of(tree));
	CHECK(hash_of("'abc'") == hash_of(" 'abc' "));
	CHECK(hash_of("{}") == hash_of("{ }"));
	/* bytes that pass across a boundary */
	HASH_DIFFERS("['ab', 'c']", "['a', 'bc']");
	HASH_DIFFERS("{a: 'b'}", "{ab: ''}");
	HASH_DIFFERS("{a: {b: 'c'}}", "{a: {bc: ''}}");
	HASH_DIFFERS("[['a'], 'b']", "[['a', 'b']]");
	HASH_DIFFERS("[[], []]", "[[[]]]");
	HASH_DIFFERS("{a: [], b: []}", "{a: [{b: []}]}");
	/* kinds */
	HASH_DIFFERS("'x'", "h'x'");
	HASH_DIFFERS("null", "false");
	HASH_DIFFERS("false", "''");
	HASH_DIFFERS("''", "[]");
	HASH_DIFFERS("[]", "{}");
	HASH_DIFFERS("null", "''");
	HASH_DIFFERS("true", "false");
	HASH_DIFFERS("['a']", "'a'");
	HASH_DIFFERS("{a: null}", "{a: false}");
	/* contents and order */
	HASH_DIFFERS("{}", "{a: null}");
	HASH_DIFFERS("{a: 'x', b: 'y'}", "{b: 'y', a: 'x'}");
	HASH_DIFFERS("{a: 'x', b: 'y'}", "{a: 'x', b: 'z'}");
	HASH_DIFFERS("['x', 'y']", "['y', 'x']");
	HASH_DIFFERS("['x']", "['x', null]");
	HASH_DIFFERS(tree, "{a: ['x', {b: true, c: h'<b>'}], d: null, "
		     "e: ''}");
	/* bytes after a NUL count */
	x = tv_new_strn(&a, "a\0b", 3);
	y = tv_new_strn(&a, "a\0c", 3);
	CHECK(tv_hash(HASH_INIT, x) != tv_hash(HASH_INIT, y));
	/* it folds into h */
	CHECK(tv_hash(1, x) != tv_hash(2, x));
	CHECK(tv_hash(HASH_INIT, NULL) == tv_hash(HASH_INIT, tv_new_null(&a)));
	arena_release(&a);
}

static void test_arena(void)
{
	struct arena a = ARENA_INIT;
	size_t align = _Alignof(max_align_t);
	unsigned char *big;
	char *s, *p[1000];
	int zero = 1;

	for (size_t n = 0; n < 40; n++) {
		unsigned char *q = arena_alloc(&a, n);

		CHECK_AT((uintptr_t)q % align == 0, "aligned", __LINE__);
		for (size_t i = 0; i < n; i++)
			zero &= !q[i];
		memset(q, 0xaa, n);
	}
	CHECK(zero);
	big = arena_alloc(&a, 100000);
	CHECK(big[0] == 0 && big[99999] == 0);
	memset(big, 1, 100000);
	s = arena_strndup(&a, "hello", 3);
	CHECK_STR(s, "hel");
	CHECK_STR(arena_strndup(&a, "", 0), "");
	for (int i = 0; i < 1000; i++) {
		p[i] = arena_alloc(&a, 100);
		snprintf(p[i], 100, "block %d", i);
	}
	CHECK_STR(p[0], "block 0");
	CHECK_STR(p[999], "block 999");
	CHECK(big[99999] == 1);
	/* cleared: its blocks are used again, each allocation zeroed */
	arena_clear(&a);
	CHECK(a.head != NULL && a.spare != NULL);
	for (int i = 0; i < 1000; i++) {
		unsigned char *q = arena_alloc(&a, 100);

		for (int k = 0; k < 100; k++)
			zero &= !q[k];
		memset(q, 0xbb, 100);
	}
	big = arena_alloc(&a, 100000);
	CHECK(zero && big[0] == 0 && big[99999] == 0);
	arena_release(&a);
	CHECK(a.head == NULL && a.spare == NULL);
	arena_release(&a);

	/* used again after release */
	s = arena_strndup(&a, "again", 5);
	CHECK_STR(s, "again");
	{
		struct buf out = BUF_INIT, err = BUF_INIT;
		struct tfile files[] = { { "main", "{{x}}" }, { NULL, NULL } };
		struct loader l = { NULL, files, 0 };
		struct tmpl_set *set = tmpl_set_new(load, &l);
		struct tv *m = tv_new_map(&a);

		tv_put_str(&a, m, "x", "after release");
		CHECK_INT(tmpl_render(set, "main", m, &out), 0);
		CHECK_STR(out.s, "after release");
		arena_release(&a);
		m = tv_new_map(&a);
		tv_put_str(&a, m, "x", "and again");
		buf_reset(&out);
		CHECK_INT(tmpl_render(set, "main", m, &out), 0);
		CHECK_STR(out.s, "and again");
		tmpl_set_free(set);
		buf_release(&out);
		buf_release(&err);
	}
	arena_release(&a);
}

/* The maker of a list's items, for the tests of lists made one at a time. */
struct maker {
	struct arena a;		/* the current item */
	struct buf calls;	/* the items asked for: "0,1,2," */
	size_t fail_at;		/* fail when asked for this one */
	size_t width;		/* each item's "pad": that many 'x' */
};

/* Make item i: {n: 'I', pad: 'xx...'} (tv_make_fn). */
static int make_item(void *data, size_t i, const struct tv **item)
{
	struct maker *m = data;
	struct tv *v;
	char *pad;

	buf_addf(&m->calls, "%zu,", i);
	if (i == m->fail_at)
		return error("cannot make item %zu", i);
	/* the one before is forgotten now */
	arena_clear(&m->a);
	v = tv_new_map(&m->a);
	tv_put_strf(&m->a, v, "n", "%zu", i);
	pad = arena_alloc(&m->a, m->width + 1);
	memset(pad, 'x', m->width);
	tv_put_str(&m->a, v, "pad", pad);
	*item = v;
	return 0;
}

/* A sink that keeps what it is handed, in parts; fails at part fail_at. */
struct keeper {
	struct buf got;
	int parts;
	int fail_at;		/* 0: never */
};

static int keep_part(void *data, const char *s, size_t len)
{
	struct keeper *k = data;

	if (++k->parts == k->fail_at)
		return error("cannot write part %d", k->parts);
	buf_add(&k->got, s, len);
	return 0;
}

/*
 * Render text as "main" with {title: 'T', plain: [{a: '1'}], list: a
 * list of n items made by m}, under the limits steps and output (0: the
 * usual ones), into out (or to k when k is set), what went to stderr in
 * err. Returns what the render returned.
 */
static int made_into(const char *text, const struct tfile *files,
		     struct maker *m, size_t n, unsigned long steps,
		     size_t output, struct buf *out, struct keeper *k,
		     struct buf *err)
{
	struct tfile main[] = { { "main", text }, { NULL, NULL } };
	struct loader l = { main, files, 0 };
	struct tmpl_set *set = tmpl_set_new(load, &l);
	struct arena a = ARENA_INIT;
	struct tv *root = tv_parse(&a, "{title: 'T', plain: [{a: '1'}]}");
	struct tmpl_sink sink = { keep_part, k };
	struct capture c;
	int rc;

	tv_put(&a, root, "list", tv_new_made(&a, n, make_item, m));
	if (steps)
		tmpl_set_limits(set, steps, output);
	capture_start(&c);
	rc = k ? tmpl_render_to(set, "main", root, &sink)
	       : tmpl_render(set, "main", root, out);
	capture_end(&c, err);
	tmpl_set_free(set);
	arena_release(&a);
	return rc;
}

static void test_made(void)
{
	struct maker m = { ARENA_INIT, BUF_INIT, (size_t)-1, 2 };
	struct keeper k = { BUF_INIT, 0, 0 };
	struct buf out = BUF_INIT, err = BUF_INIT, all = BUF_INIT;
	const struct tfile inner[] = {
		{ "inner", "{{#list}}{{n}}{{/list}}" }, { NULL, NULL }
	};
	int rc;

	/* each item made in its turn */
	rc = made_into("{{#list}}[{{n}}{{title}}]{{/list}}", NULL, &m, 3, 0, 0,
		       &out, NULL, &err);
	CHECK_INT(rc, 0);
	CHECK_STR(out.s, "[0T][1T][2T]");
	CHECK_STR(m.calls.s, "0,1,2,");
	CHECK_STR(err.s, "");

	/* a second section goes through it again from the first */
	buf_reset(&out);
	buf_reset(&m.calls);
	rc = made_into("{{#list}}{{n}}{{/list}}|{{#list}}{{n}}{{/list}}"
		       "{{^list}}none{{/list}}", NULL, &m, 3, 0, 0, &out, NULL,
		       &err);
	CHECK_INT(rc, 0);
	CHECK_STR(out.s, "012|012");
	CHECK_STR(m.calls.s, "0,1,2,0,1,2,");

	/* empty: nothing made, the inverted section shown */
	buf_reset(&out);
	buf_reset(&m.calls);
	rc = made_into("{{#list}}{{n}}{{/list}}{{^list}}none{{/list}}", NULL,
		       &m, 0, 0, 0, &out, NULL, &err);
	CHECK_INT(rc, 0);
	CHECK_STR(out.s, "none");
	CHECK_STR(m.calls.s, "");

	/* inside an item of a list of its own items, it can be gone through */
	buf_reset(&out);
	rc = made_into("{{#plain}}{{a}}:{{#list}}{{n}}{{/list}}{{/plain}}",
		       NULL, &m, 2, 0, 0, &out, NULL, &err);
	CHECK_INT(rc, 0);
	CHECK_STR(out.s, "1:01");

	/* but not inside one of the items it makes */
	buf_reset(&out);
	buf_adds(&out, "kept");
	rc = made_into("{{#list}}\n{{#list}}x{{/list}}{{/list}}", NULL, &m, 2,
		       0, 0, &out, NULL, &err);
	CHECK_INT(rc, FAIL_INVALID);
	CHECK_STR(err.s, "t/main:2:1: cannot list 'list' inside an item of "
		  "'list', whose items are made one at a time\n");
	CHECK_STR(out.s, "kept");
	rc = made_into("{{#list}}{{>inner}}{{/list}}", inner, &m, 2, 0, 0,
		       &out, NULL, &err);
	CHECK_INT(rc, FAIL_INVALID);
	CHECK_STR(err.s, "t/inner:1:1: cannot list 'list' inside an item of "
		  "'list', whose items are made one at a time\n");

	/* a maker's failure stops the render there */
	buf_reset(&out);
	buf_reset(&m.calls);
	buf_adds(&out, "kept");
	m.fail_at = 1;
	rc = made_into("{{#list}}{{n}}{{/list}}", NULL, &m, 3, 0, 0, &out, NULL,
		       &err);
	CHECK_INT(rc, FAIL);
	CHECK_STR(err.s, "tend: cannot make item 1\n");
	CHECK_STR(m.calls.s, "0,1,");
	CHECK_STR(out.s, "kept");
	m.fail_at = (size_t)-1;

	/*
	 * The limits hold for the page and each item apart: 5 items of 8
	 * bytes and 3 steps each, 3 bytes and 3 steps of page, are 43 bytes
	 * and 18 steps, under limits of 9 bytes and 6 steps
	 */
	buf_reset(&out);
	m.width = 6;
	rc = made_into("<{{#list}}[{{pad}}]{{/list}}>x", NULL, &m, 5, 6, 9,
		       &out, NULL, &err);
	CHECK_INT(rc, 0);
	CHECK_INT(out.len, 43);
	CHECK_STR(err.s, "");
	/* an item over them is named, with the limit */
	m.width = 8;
	rc = made_into("<{{#list}}[{{pad}}]{{/list}}>x", NULL, &m, 5, 6, 9,
		       &out, NULL, &err);
	CHECK_INT(rc, FAIL_INVALID);
	CHECK_STR(err.s, "tend: cannot render 'main': over the limit of 9 "
		  "bytes of output (TMPL_MAX_OUTPUT) for one item of 'list'; "
		  "it stopped at t/main:1:19\n");
	m.width = 1;
	rc = made_into("{{#list}}{{n}}{{n}}{{n}}{{n}}{{/list}}", NULL, &m, 5, 3,
		       100, &out, NULL, &err);
	CHECK_INT(rc, FAIL_INVALID);
	CHECK_STR(err.s, "tend: cannot render 'main': over the limit of 3 "
		  "steps (TMPL_MAX_STEPS) for one item of 'list'; it stopped "
		  "at t/main:1:25\n");
	/* and so is the page */
	rc = made_into("{{#list}}{{n}}{{/list}}0123456789", NULL, &m, 5, 6, 9,
		       &out, NULL, &err);
	CHECK_INT(rc, FAIL_INVALID);
	CHECK_STR(err.s, "tend: cannot render 'main': over the limit of 9 "
		  "bytes of output (TMPL_MAX_OUTPUT) for the page; it stopped "
		  "at t/main:1:24\n");
	rc = made_into("{{title}}{{title}}{{#list}}{{n}}{{/list}}{{title}}",
		       NULL, &m, 5, 3, 100, &out, NULL, &err);
	CHECK_INT(rc, FAIL_INVALID);
	CHECK_STR(err.s, "tend: cannot render 'main': over the limit of 3 "
		  "steps (TMPL_MAX_STEPS) for the page; it stopped at "
		  "t/main:1:42\n");

	/* to a sink: in parts of TMPL_SINK_CHUNK, the same bytes */
	m.width = 1000;
	buf_reset(&out);
	rc = made_into("<{{#list}}[{{n}}{{pad}}]{{/list}}>", NULL, &m, 300, 0,
		       0, &all, NULL, &err);
	CHECK_INT(rc, 0);
	rc = made_into("<{{#list}}[{{n}}{{pad}}]{{/list}}>", NULL, &m, 300, 0,
		       0, NULL, &k, &err);
	CHECK_INT(rc, 0);
	CHECK_INT(k.got.len, all.len);
	CHECK(!memcmp(k.got.s, all.s, all.len));
	CHECK_INT(k.parts, (int)(all.len + TMPL_SINK_CHUNK - 1) /
		  TMPL_SINK_CHUNK);
	/* a sink's failure stops the render at once */
	buf_reset(&k.got);
	buf_reset(&m.calls);
	k.parts = 0;
	k.fail_at = 1;
	rc = made_into("<{{#list}}[{{n}}{{pad}}]{{/list}}>", NULL, &m, 300, 0,
		       0, NULL, &k, &err);
	CHECK_INT(rc, FAIL);
	CHECK_STR(err.s, "tend: cannot write part 1\n");
	CHECK_INT(k.parts, 1);
	CHECK(m.calls.len < 300 * 2);

	arena_release(&m.a);
	buf_release(&m.calls);
	buf_release(&k.got);
	buf_release(&out);
	buf_release(&err);
	buf_release(&all);
}

int main(void)
{
	/* every line out before a sanitizer's report ends the test */
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_escape();
	test_interpolation();
	test_sections();
	test_inverted();
	test_dotted();
	test_comments();
	test_standalone();
	test_partials();
	test_partial_errors();
	test_errors();
	test_set();
	test_made();
	test_values();
	test_hash();
	test_arena();
	return unit_done();
}
