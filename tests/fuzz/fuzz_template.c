/*
 * A libFuzzer target of template.c: the input is compiled as the template
 * "main" (and served again as the partial "self", so that it can call
 * itself), beside a few fixed partials, then rendered twice against a
 * fixed nested tree. Both renders must agree, and a failed one must leave
 * the output as it was.
 */
#include "template.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The input, for the loader. */
struct input {
	const char *data;
	size_t size;
};

static const struct {
	const char *name;
	const char *text;
} partials[] = {
	{ "head", "<h1>{{title}}</h1>\n" },
	{ "item", "  {{#tags}}\n  <b>{{.}}</b>\n  {{/tags}}\n  {{>head}}\n" },
	{ "deep", "{{#next}}\n  {{>deep}}\n{{/next}}\n{{n}}|" },
	{ "raw", "{{{h}}}{{&s}}{{{.}}}" },
	{ "lines", "one\ntwo\n\tthree {{n}}\n  {{>head}}\nfour" },
};

/* Serve the input as "main" and "self", and the fixed partials. */
static int load(void *data, const char *name, struct buf *text,
		struct buf *source)
{
	const struct input *in = data;

	if (!strcmp(name, "main") || !strcmp(name, "self")) {
		buf_add(text, in->data, in->size);
		buf_addf(source, "fuzz/%s", name);
		return 0;
	}
	for (size_t i = 0; i < sizeof(partials) / sizeof(*partials); i++) {
		if (!strcmp(name, partials[i].name)) {
			buf_adds(text, partials[i].text);
			buf_addf(source, "fuzz/%s", name);
			return 0;
		}
	}
	if (!strcmp(name, "broken"))
		return error("cannot read 'broken'");
	return 1;
}

/* A map of name to a string, for the lists of the tree. */
static struct tv *named(struct arena *a, const char *name, struct tv *tags)
{
	struct tv *m = tv_new_map(a);

	tv_put_str(a, m, "name", name);
	tv_put(a, m, "tags", tags);
	return m;
}

/* The data every input is rendered with: every kind, nested. */
static struct tv *tree_make(struct arena *a)
{
	struct tv *root = tv_new_map(a), *l = tv_new_list(a);
	struct tv *tags = tv_new_list(a), *maps = tv_new_list(a);
	struct tv *m = tv_new_map(a), *b = tv_new_map(a), *c = tv_new_map(a);
	struct tv *n1 = tv_new_map(a), *n2 = tv_new_map(a);

	tv_put_str(a, root, "title", "T <&> \"'`");
	tv_put_str(a, root, "s", "<script>x</script>");
	tv_put_html(a, root, "h", "<i>x</i>", 8);
	tv_put_bool(a, root, "t", 1);
	tv_put_bool(a, root, "f", 0);
	tv_put(a, root, "n", tv_new_null(a));
	tv_put_str(a, root, "e", "");
	tv_put_html(a, root, "eh", "", 0);
	tv_put_str(a, root, "bad", "\xff\xfe\x01 \xc3");
	tv_put_str(a, root, "nl", "a\nb\r\n");
	tv_push(a, l, tv_new_str(a, "a"));
	tv_push(a, l, tv_new_str(a, "b<"));
	tv_push(a, l, tv_new_str(a, ""));
	tv_put(a, root, "list", l);
	tv_put(a, root, "empty", tv_new_list(a));
	tv_push(a, tags, tv_new_str(a, "x"));
	tv_push(a, tags, tv_new_html(a, "<y>", 3));
	tv_push(a, maps, named(a, "one", tags));
	tv_push(a, maps, named(a, "two", tv_new_list(a)));
	tv_push(a, maps, tv_new_bool(a, 1));
	tv_put(a, root, "maps", maps);
	tv_put(a, root, "tags", tags);
	tv_put_str(a, c, "c", "deep");
	tv_put(a, b, "b", c);
	tv_put(a, m, "a", b);
	tv_put(a, m, "list", l);
	tv_put(a, root, "m", m);
	tv_put_str(a, n2, "n", "2");
	tv_put_bool(a, n2, "next", 0);
	tv_put_str(a, n1, "n", "1");
	tv_put(a, n1, "next", n2);
	tv_put(a, root, "next", n1);
	return root;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { (const char *)data, size };
	struct tmpl_set *set = tmpl_set_new(load, &in);
	struct buf out = BUF_INIT, again = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct tv *tree = tree_make(&a);
	int rc, rc2;

	buf_adds(&out, "kept");
	buf_adds(&again, "kept");
	rc = tmpl_render(set, "main", tree, &out);
	if (rc < 0 && strcmp(out.s, "kept"))
		abort();
	/* compiled once: the second render reads the same ops */
	rc2 = tmpl_render(set, "main", tree, &again);
	if (rc != rc2 || out.len != again.len ||
	    memcmp(out.s, again.s, out.len))
		abort();
	buf_release(&out);
	buf_release(&again);
	tmpl_set_free(set);
	arena_release(&a);
	return 0;
}
