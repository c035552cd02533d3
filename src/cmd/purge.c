/*
 * tend purge: entries taken out of every version of the journal, for
 * good.
 */
#include "cmd.h"
#include "convert.h"
#include "error.h"
#include "fs.h"
#include "sync.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

const char cmd_purge_help[] =
"usage: tend purge ID... [--yes]\n"
"\n"
"Take entries out of the journal for good: every version of each, under\n"
"every path it ever had (renamed, restored, its conflict copies), and\n"
"its drafts, leave the whole history. 'tend rm' keeps an entry in the\n"
"history; purge leaves nothing to find. Each commit keeps its author,\n"
"dates and message (one that names a purged entry gets a neutral one);\n"
"a commit that only changed what went goes too. Then git's old objects,\n"
"reflogs, remote-tracking branches and the index are removed, so no\n"
"byte of the entries is left in the journal's folder. What went is\n"
"recorded in a file of .tend-purged/, as blob ids and hashes of paths,\n"
"never a name or a word.\n"
"\n"
"IDs are whole entry IDs, of entries in the journal or deleted ones;\n"
"a path is followed when git finds it renamed unchanged, and nothing\n"
"outside entries/ goes. It shows the entries, the paths they had under\n"
"other names and how many commits change, and asks first,\n"
"unless --yes. It is refused while changes of other files are not saved\n"
"or drafts of other entries are kept, and while the journal has\n"
"branches or tags besides its own. If it is stopped, the next tend\n"
"command finishes it, or undoes it when the history had not been\n"
"switched yet.\n"
"\n"
"A remote, other clones and backups still hold the entries until they\n"
"sync: the next 'tend sync' replaces the remote's history, and another\n"
"clone's sync asks before it purges them there (see 'tend sync\n"
"--help').\n"
"\n"
"Options:\n"
"  --yes   do not ask\n";

const char cmd_purge_shortopts[] = ":";
const struct option cmd_purge_options[] = {
	{ "yes", no_argument, NULL, 'y' },
	{ NULL, 0, NULL, 0 }
};

/*
 * Show what goes, and ask unless yes; without a terminal, refuse.
 * Returns 0 to go on, or an exit code.
 */
static int confirm(struct ctx *ctx, const struct purge *p,
		   const struct convert_plan *plan, int yes)
{
	const struct strvec *shown = purge_shown(p);
	struct buf q = BUF_INIT;
	int rc;

	if (!yes && ctx->in_tty && ctx->err_tty) {
		fflush(stdout);
		fprintf(stderr, "Every version of %s, in the whole history:\n",
			shown->nr == 1 ? "this entry goes" :
			"these entries go");
		for (size_t i = 0; i < shown->nr; i++)
			fprintf(stderr, "  %s\n", shown->v[i]);
	}
	buf_addf(&q, "%zu of the journal's %zu commit%s change%s. This "
		 "cannot be undone. Purge?", purge_changed(p), plan->commits,
		 plan->commits == 1 ? "" : "s",
		 purge_changed(p) == 1 ? "s" : "");
	rc = usage_confirm(ctx, "purge", yes, q.s);
	buf_release(&q);
	return rc;
}

int cmd_purge(int argc, char **argv, struct ctx *ctx)
{
	struct convert_plan plan = { 0 };
	struct strvec ids = STRVEC_INIT, tracking = STRVEC_INIT;
	struct purge *p = NULL;
	int c, yes = 0, rc;

	buf_init(&plan.remote);
	while ((c = getopt_long(argc, argv, cmd_purge_shortopts,
				cmd_purge_options, NULL)) != -1) {
		if (c != 'y')
			return usage_option("purge", c, argv);
		yes = 1;
	}
	if (optind == argc)
		return usage_error("purge", "purge needs the ID of an entry");
	for (int i = optind; i < argc; i++)
		strvec_push_unique(&ids, argv[i]);
	if ((rc = purge_find(ctx, &ids, &p)) < 0 ||
	    (rc = purge_check(ctx, p, &plan)) < 0)
		goto out;
	if ((c = confirm(ctx, p, &plan, yes)))
		goto done;
	if ((rc = sync_tracking(ctx, &tracking)) < 0 ||
	    (rc = convert_purge(ctx, p)) < 0 ||
	    (rc = sync_note_rewritten(ctx, &tracking)) < 0)
		goto out;
	printf("Purged %zu entr%s from every version of the journal: %zu "
	       "commit%s changed.\n", ids.nr, ids.nr == 1 ? "y" : "ies",
	       purge_changed(p), purge_changed(p) == 1 ? "" : "s");
	if (plan.remotes)
		printf("The remote '%s' still holds %s until the next 'tend "
		       "sync', which\nreplaces its history.\n",
		       plan.remote.s, ids.nr == 1 ? "it" : "them");
out:
	c = exit_code(rc);
done:
	purge_free(p);
	convert_plan_release(&plan);
	strvec_clear(&ids);
	strvec_clear(&tracking);
	return c;
}
