/*
 * tend templates: the entry templates there are.
 */
#include "cmd.h"
#include "builtin.h"
#include "error.h"
#include "fs.h"
#include "templates.h"
#include "vault.h"

#include <getopt.h>
#include <stdio.h>

const char cmd_templates_help[] =
"usage: tend templates\n"
"\n"
"List the entry templates for 'tend new --template NAME': the built-in\n"
"ones, and the journal's own templates/entries/NAME.md, which take the\n"
"place of a built-in one of the same name (in an encrypted journal,\n"
"NAME.md.age).\n";

const char cmd_templates_shortopts[] = ":";
const struct option cmd_templates_options[] = { { NULL, 0, NULL, 0 } };

int cmd_templates(int argc, char **argv, struct ctx *ctx)
{
	struct strvec names = STRVEC_INIT;
	struct buf rel = BUF_INIT, full = BUF_INIT;
	int c;

	while ((c = getopt_long(argc, argv, cmd_templates_shortopts,
				cmd_templates_options, NULL)) != -1)
		return usage_option("templates", c, argv);
	if (optind < argc)
		return usage_error("templates", "templates takes no arguments");
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
		printf("%-16s %s\n", names.v[i],
		       own && builtin ? "yours, in place of the built-in one"
		       : own ? "yours" : "built in");
	}
	strvec_clear(&names);
	buf_release(&rel);
	buf_release(&full);
	return 0;
}
