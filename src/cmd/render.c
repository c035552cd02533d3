/*
 * tend render: the journal as a private static website (tend-render(1)).
 */
#include "cmd.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "render/render.h"
#include "util.h"
#include "vault.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_render_help[] =
"usage: tend render [-o DIR [--yes]] [--include-private] [-v]\n"
"\n"
"Make your journal into a private website: a home page with your latest\n"
"entries, your mood over the last 90 days, your active goals and what\n"
"you wrote on this day in earlier years; a page for every entry, month,\n"
"tag (a hundred entries to a page, newest first) and goal; and a page of\n"
"your mood over time, by weekday, tag and feeling. Open its index.html\n"
"in a browser: nothing is loaded from the internet and no script runs.\n"
"Private entries are left out.\n"
"\n"
"Only the pages whose entries, goals or templates changed are written\n"
"again; pages of entries that are gone are removed. When nothing has\n"
"changed since the last render into the folder (its stamp is kept in\n"
"the index), no entry is read at all. When entries were only edited in\n"
"place (their words, titles, prompts, sharing), only the pages they\n"
"touch are made: their own, their neighbours', their month's, the page\n"
"of each of their tags that lists them, their goals', and the home\n"
"page. A new, removed or moved entry, or a changed mood, tag, feeling,\n"
"goal or privacy, makes the whole site again. tend never writes into a\n"
"folder that is not empty unless an earlier render made it.\n"
"\n"
"  -o, --output DIR     render into DIR (default: [render] output of\n"
"                       .tend/config.ini or your own config, else site/\n"
"                       in the journal; in an encrypted journal, a\n"
"                       private folder in memory)\n"
"  --include-private    private entries too ([render] include_private)\n"
"  -v, --verbose        say how many entries were read from the index\n"
"  --yes                render an encrypted journal into a folder on a\n"
"                       disk all the same (see below)\n"
"\n"
"Your own templates/html/NAME.html (index, entry, month, archive, tags,\n"
"tag, goals, goal, mood, and the parts head, meta, foot, list and\n"
"facts) and templates/html/style.css take the place of the built-in\n"
"ones.\n"
"SOURCE_DATE_EPOCH, when set, is the day the pages are made on.\n"
"\n"
"From an encrypted journal the site is plain text, so it goes to a\n"
"private folder in memory, $XDG_RUNTIME_DIR/tend/site-ID (a tmpfs: gone\n"
"at logout or restart); into a folder on a disk (-o, [render] output)\n"
"only with --yes. Your own templates there are\n"
"templates/html/NAME.html.age.\n";

enum { OPT_INCLUDE_PRIVATE = 1, OPT_YES };

const char cmd_render_shortopts[] = ":o:v";
const struct option cmd_render_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "include-private", no_argument, NULL, OPT_INCLUDE_PRIVATE },
	{ "verbose", no_argument, NULL, 'v' },
	{ "yes", no_argument, NULL, OPT_YES },
	{ NULL, 0, NULL, 0 }
};

/*
 * The folder an encrypted journal's site goes to when none is named,
 * into dir: a private folder in memory (vault_memory_dir()) named
 * site-HASH, HASH a hash of the journal's path, so that each journal
 * has its own. Returns 0 or FAIL after reporting.
 */
static int memory_site(const struct ctx *ctx, struct buf *dir)
{
	uint64_t h = hash_add(HASH_INIT, ctx->root, strlen(ctx->root));
	char sub[32];

	snprintf(sub, sizeof(sub), "site-%012llx",
		 (unsigned long long)(h & UINT64_C(0xffffffffffff)));
	return vault_memory_dir(sub, dir);
}

/*
 * Where to render, into dir: -o out, else [render] output (in the
 * journal unless it is a whole path), else site/ in the journal. In an
 * encrypted journal, with neither, a private folder in memory, and a
 * folder on a disk only with yes, with a warning: the site is plain
 * text. *memory is set when the folder is the one in memory. Returns
 * 0; FAIL_USAGE after refusing a folder on a disk, or FAIL after
 * reporting.
 */
static int site_dir(const struct ctx *ctx, const char *out, int yes,
		    struct buf *dir, int *memory)
{
	const char *named = out ? out : ctx->cfg.render_output;

	*memory = !named && ctx->encrypted;
	if (*memory)
		return memory_site(ctx, dir);
	if (out || (named && *named == '/'))
		buf_adds(dir, named);	/* -o is from here, as given */
	else
		path_join(dir, ctx->root, named ? named : "site");
	if (!ctx->encrypted || vault_in_memory(dir->s))
		return 0;
	if (!yes)
		return error_as(FAIL_USAGE, "'%s' is on a disk, and the site "
				"of an encrypted journal is plain text: "
				"render there with --yes, or %s to render "
				"into a private folder in memory", dir->s,
				out ? "leave out -o"
				    : "take [render] output out of your "
				      "settings");
	warning("'%s' is on a disk: the site is your journal in plain "
		"text there, for whoever can read that disk; delete it when "
		"you are done with it", dir->s);
	return 0;
}

int cmd_render(int argc, char **argv, struct ctx *ctx)
{
	struct render_opts o = { NULL, ctx->cfg.include_private };
	struct render_stats st = { 0 };	/* its overrides empty */
	struct buf dir = BUF_INIT, index = BUF_INIT;
	int c, rc, verbose = 0, yes = 0, memory;

	while ((c = getopt_long(argc, argv, cmd_render_shortopts,
				cmd_render_options, NULL)) != -1) {
		if (c == 'o')
			o.out = optarg;
		else if (c == OPT_INCLUDE_PRIVATE)
			o.include_private = 1;
		else if (c == 'v')
			verbose = 1;
		else if (c == OPT_YES)
			yes = 1;
		else
			return usage_option("render", c, argv);
	}
	if (optind < argc)
		return usage_error("render", "unexpected '%s'", argv[optind]);
	if (o.out && !*o.out)
		return usage_error("render", "-o needs a folder");
	if ((rc = site_dir(ctx, o.out, yes, &dir, &memory)) < 0)
		goto out;
	o.out = dir.s;
	ctx->now = render_now(ctx);
	rc = render_site(ctx, &o, &st);
	if (ctx->index)
		index_warn_broken(ctx);	/* the entries left out */
	for (size_t i = 0; i < st.overrides.nr; i++)
		printf("Using your own %s\n", st.overrides.v[i]);
	if (!rc) {
		printf("Rendered %ld page%s into %s: %ld written, %ld "
		       "unchanged, %ld removed.\n", st.pages,
		       st.pages == 1 ? "" : "s", dir.s, st.written,
		       st.unchanged, st.removed);
		if (memory)
			printf("It is in a private folder in memory, not on a "
			       "disk: gone when you log out or restart.\n");
		if (verbose && st.entries < 0)
			printf("Read no entry: nothing changed since the "
			       "last render.\n");
		else if (verbose)
			printf("Read %ld of %ld %s.\n", st.read, st.entries,
			       st.entries == 1 ? "entry" : "entries");
		path_join(&index, dir.s, "index.html");
		printf("Open %s\n", index.s);
	}
out:
	strvec_clear(&st.overrides);
	buf_release(&dir);
	buf_release(&index);
	return exit_code(rc);
}
