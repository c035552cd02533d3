/*
 * tend render: the journal as a private static website (SPEC §9).
 */
#include "cmd.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "render/render.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_render_help[] =
"usage: tend render [-o DIR] [--include-private] [-v]\n"
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
"                       in the journal)\n"
"  --include-private    private entries too ([render] include_private)\n"
"  -v, --verbose        say how many entries were read from the index\n"
"\n"
"Your own templates/html/NAME.html (index, entry, month, archive, tags,\n"
"tag, goals, goal, mood, and the parts head, meta, foot, list and\n"
"facts) and templates/html/style.css take the place of the built-in\n"
"ones.\n"
"SOURCE_DATE_EPOCH, when set, is the day the pages are made on.\n";

enum { OPT_INCLUDE_PRIVATE = 1 };

const char cmd_render_shortopts[] = ":o:v";
const struct option cmd_render_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "include-private", no_argument, NULL, OPT_INCLUDE_PRIVATE },
	{ "verbose", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 }
};

int cmd_render(int argc, char **argv, struct ctx *ctx)
{
	struct render_opts o = { NULL, ctx->cfg.include_private };
	struct render_stats st;
	struct buf dir = BUF_INIT, index = BUF_INIT;
	int c, rc, verbose = 0;

	while ((c = getopt_long(argc, argv, cmd_render_shortopts,
				cmd_render_options, NULL)) != -1) {
		if (c == 'o')
			o.out = optarg;
		else if (c == OPT_INCLUDE_PRIVATE)
			o.include_private = 1;
		else if (c == 'v')
			verbose = 1;
		else
			return usage_option("render", c, argv);
	}
	if (optind < argc)
		return usage_error("render", "unexpected '%s'", argv[optind]);
	if (o.out && !*o.out)
		return usage_error("render", "-o needs a folder");
	if (o.out)
		buf_adds(&dir, o.out);
	else if (ctx->cfg.render_output && *ctx->cfg.render_output == '/')
		buf_adds(&dir, ctx->cfg.render_output);
	else
		path_join(&dir, ctx->root, ctx->cfg.render_output
			  ? ctx->cfg.render_output : "site");
	o.out = dir.s;
	ctx->now = render_now(ctx);
	rc = render_site(ctx, &o, &st);
	if (ctx->index)
		index_warn_broken(ctx);	/* the entries left out */
	for (size_t i = 0; i < st.overrides.nr; i++)
		printf("Using your own %s\n", st.overrides.v[i]);
	if (!rc) {
		printf("Rendered %ld pages into %s: %ld written, %ld "
		       "unchanged, %ld removed.\n", st.pages, dir.s,
		       st.written, st.unchanged, st.removed);
		if (verbose && st.entries < 0)
			printf("Read no entry: nothing changed since the "
			       "last render.\n");
		else if (verbose)
			printf("Read %ld of %ld %s.\n", st.read, st.entries,
			       st.entries == 1 ? "entry" : "entries");
		path_join(&index, dir.s, "index.html");
		printf("Open %s\n", index.s);
	}
	strvec_clear(&st.overrides);
	buf_release(&dir);
	buf_release(&index);
	return exit_code(rc);
}
