#include "templates.h"
#include "builtin.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "slug.h"
#include "util.h"
#include "vault.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* What each built-in template is for, a line each. */
static const char *const abouts[][2] = {
	{ "boundary", "a boundary I want to set, and how to say it" },
	{ "conflict", "after a fight: what happened, what I felt and "
		      "needed, my part" },
	{ "daily", "how I am, what happened between us, what I needed" },
	{ "flooded", "for when it is too much: back into the room, one "
		     "step" },
	{ "gratitude", "three things I am grateful for, someone who "
		       "helped" },
	{ "review", "the week: what I am proud of, where I got stuck" },
	{ "role", "the role I slid into, and what it protected" },
	{ "session", "before a session: what I want to bring" },
	{ "session-digest", "after a session: what landed, what I want to "
			    "try" },
	{ "stay-or-go", "in my own time: what I know, fear and need to "
			"know" },
	{ "trigger", "what happened, what my body felt, the old story it "
		     "touched" },
};

const char *template_about(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(abouts); i++)
		if (!strcmp(abouts[i][0], name))
			return abouts[i][1];
	return NULL;
}

void template_entry_names(const struct ctx *ctx, struct strvec *names)
{
	struct strvec files = STRVEC_INIT;

	for (const struct builtin_file *f = builtin_files; f->name; f++)
		if (starts_with(f->name, "entries/") &&
		    ends_with(f->name, ".md"))
			strvec_pushn(names, f->name + 8, strlen(f->name) - 11);
	if (ctx->root)
		fs_walk(ctx->root, "templates/entries", vault_md(ctx), &files,
			NULL);
	for (size_t i = 0; i < files.nr; i++) {
		const char *base = files.v[i] + strlen("templates/entries/");
		char *name = xstrndup(base, strlen(base) -
					    strlen(vault_md(ctx)));

		if (!strchr(name, '/'))
			strvec_push_unique(names, name);
		free(name);
	}
	strvec_clear(&files);
	strvec_sort(names);
}

int template_entry(const struct ctx *ctx, const char *name, struct buf *out,
		   struct buf *source)
{
	struct buf rel = BUF_INIT;
	const struct builtin_file *f;
	int rc = FAIL_USAGE;

	buf_reset(out);
	buf_reset(source);
	if (!slug_valid(name)) {
		error_as(FAIL_USAGE, "'%s' is not a template name (names are "
			 "lowercase words like 'daily')", name);
		goto out;
	}
	buf_addf(&rel, "templates/entries/%s%s", name, vault_md(ctx));
	if (ctx->root) {
		rc = vault_read(ctx, rel.s, ENTRY_MAX_BYTES, out,
				FS_MISSING_OK);
		if (!rc)
			buf_adds(source, rel.s);
		if (rc <= 0)
			goto out;
		rc = FAIL_USAGE;
	}
	buf_reset(&rel);
	buf_addf(&rel, "entries/%s.md", name);
	f = builtin_find(rel.s);
	if (f) {
		buf_add(out, f->data, f->len);
		buf_addf(source, "(built-in) %s", f->name);
		rc = 0;
	} else {
		struct strvec names = STRVEC_INIT;
		struct buf list = BUF_INIT;

		template_entry_names(ctx, &names);
		for (size_t i = 0; i < names.nr; i++)
			buf_addf(&list, "%s%s", i ? ", " : "", names.v[i]);
		error_as(FAIL_USAGE, "no template '%s' (there are: %s)", name,
			 list.s);
		strvec_clear(&names);
		buf_release(&list);
	}
out:
	buf_release(&rel);
	return rc;
}
