/*
 * tend templates: the entry templates there are.
 */
#include "cmd.h"
#include "builtin.h"
#include "error.h"
#include "fs.h"
#include "output.h"
#include "templates.h"
#include "vault.h"

#include <getopt.h>
#include <stdio.h>

const char cmd_templates_help[] =
"usage: tend templates [--show NAME]\n"
"\n"
"List the entry templates for 'tend new --template NAME', each with\n"
"what it is for: the built-in ones, and the journal's own\n"
"templates/entries/NAME.md, which take the place of a built-in one of\n"
"the same name (in an encrypted journal, NAME.md.age; 'tend edit\n"
"--template NAME' makes or changes one).\n"
"\n"
"Options:\n"
"  --show NAME   print the template NAME, as 'tend new' starts from it\n";

const char cmd_templates_shortopts[] = ":";
const struct option cmd_templates_options[] = {
	{ "show", required_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 }
};

/* Print the template name. */
static int show(struct ctx *ctx, const char *name)
{
	struct buf text = BUF_INIT, source = BUF_INIT;
	int rc = template_entry(ctx, name, &text, &source);

	if (rc == 0)
		output_text(ctx, text.s, text.len, 0);
	buf_release(&text);
	buf_release(&source);
	return exit_code(rc);
}

int cmd_templates(int argc, char **argv, struct ctx *ctx)
{
	struct strvec names = STRVEC_INIT;
	struct buf rel = BUF_INIT, full = BUF_INIT;
	const char *name = NULL;
	int c;

	while ((c = getopt_long(argc, argv, cmd_templates_shortopts,
				cmd_templates_options, NULL)) != -1) {
		if (c != 's')
			return usage_option("templates", c, argv);
		name = optarg;
	}
	if (optind < argc)
		return usage_error("templates", "templates takes no arguments");
	if (name)
		return show(ctx, name);
	template_entry_names(ctx, &names);
	for (size_t i = 0; i < names.nr; i++) {
		int builtin, own;

		buf_reset(&rel);
		buf_addf(&rel, "templates/entries/%s%s", names.v[i],
			 vault_md(ctx));
		path_join(&full, ctx->root, rel.s);
		own = fs_exists(full.s);
		buf_reset(&rel);
		buf_addf(&rel, "entries/%s.md", names.v[i]);
		builtin = builtin_find(rel.s) != NULL;
		if (own)
			printf("%-16s %s\n", names.v[i], builtin
			       ? "yours, in place of the built-in one"
			       : "yours");
		else
			printf("%-16s built in: %s\n", names.v[i],
			       template_about(names.v[i]) ?
			       template_about(names.v[i]) : "");
	}
	strvec_clear(&names);
	buf_release(&rel);
	buf_release(&full);
	return 0;
}
