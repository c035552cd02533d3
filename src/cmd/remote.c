/*
 * tend remote: the git remotes a journal syncs with.
 */
#include "cmd.h"
#include "error.h"
#include "journal.h"
#include "remote.h"
#include "store.h"
#include "strvec.h"
#include "sync.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_remote_help[] =
"usage: tend remote add NAME URL\n"
"       tend remote list\n"
"       tend remote remove NAME\n"
"\n"
"The places 'tend sync' keeps the journal in step with: a private server\n"
"over ssh, a bare repository on a disk, any git host. They are plain git\n"
"remotes (in .git/config), so git sees them too.\n"
"\n"
"  add NAME URL   add a remote; a folder is kept as an absolute path.\n"
"                 URL: a folder, file://PATH, git://HOST/PATH,\n"
"                 ssh://[USER@]HOST[:PORT]/PATH, USER@HOST:PATH,\n"
"                 https://HOST/PATH\n"
"  list           each remote and its URL, one per line (the default)\n"
"  remove NAME    forget a remote (nothing there is touched)\n"
"\n"
"'tend sync' uses [sync] remote of .tend/config.ini or your own config,\n"
"else origin, else the only remote there is.\n";

const char cmd_remote_shortopts[] = ":";
const struct option cmd_remote_options[] = { { NULL, 0, NULL, 0 } };

/* Print each remote as NAME<TAB>URL, sorted by name. */
static int list_remotes(struct ctx *ctx)
{
	git_strarray names = { NULL, 0 };
	struct strvec sorted = STRVEC_INIT;
	int rc = 0;

	if (git_remote_list(&names, ctx->repo) < 0)
		return store_fail(-1, "cannot read the journal's remotes");
	for (size_t i = 0; i < names.count; i++)
		strvec_push(&sorted, names.strings[i]);
	strvec_sort(&sorted);
	for (size_t i = 0; i < sorted.nr && !rc; i++) {
		git_remote *r = NULL;

		if (git_remote_lookup(&r, ctx->repo, sorted.v[i]) < 0) {
			rc = store_fail(-1, "cannot read a remote");
			break;
		}
		printf("%s\t%s\n", sorted.v[i],
		       git_remote_url(r) ? git_remote_url(r) : "");
		git_remote_free(r);
	}
	strvec_clear(&sorted);
	git_strarray_dispose(&names);
	return rc;
}

static int add_remote(struct ctx *ctx, const char *name, const char *given)
{
	git_remote *r = NULL, *old = NULL;
	char *url = sync_url(given);
	int rc;

	if (git_remote_lookup(&old, ctx->repo, name) == 0) {
		rc = error("there is already a remote '%s' (%s); remove it "
			   "first", name, git_remote_url(old));
		goto out;
	}
	if ((rc = git_remote_create(&r, ctx->repo, name, url)) < 0) {
		rc = store_fail(rc, "cannot add the remote");
		goto out;
	}
	printf("Added remote '%s': %s\n", name, url);
out:
	git_remote_free(old);
	git_remote_free(r);
	free(url);
	return rc;
}

static int remove_remote(struct ctx *ctx, const char *name)
{
	int rc = remote_name_ok(name) ? git_remote_delete(ctx->repo, name)
				      : GIT_ENOTFOUND;

	if (rc == GIT_ENOTFOUND)
		return error("the journal has no remote '%s'", name);
	if (rc < 0)
		return store_fail(rc, "cannot remove the remote");
	printf("Removed remote '%s'\n", name);
	return 0;
}

int cmd_remote(int argc, char **argv, struct ctx *ctx)
{
	const char *sub;
	int c, n, rc;

	while ((c = getopt_long(argc, argv, cmd_remote_shortopts,
				cmd_remote_options, NULL)) != -1)
		return usage_option("remote", c, argv);
	sub = optind < argc ? argv[optind] : "list";
	n = argc - optind - 1;
	if (!strcmp(sub, "list")) {
		if (n > 0)
			return usage_error("remote", "remote list takes no "
					   "arguments");
		if ((rc = store_open(ctx)) == 0)
			rc = list_remotes(ctx);
		return exit_code(rc);
	}
	if (!strcmp(sub, "add") && n != 2)
		return usage_error("remote", "remote add takes a NAME and a "
				   "URL");
	if (!strcmp(sub, "remove") && n != 1)
		return usage_error("remote", "remote remove takes a NAME");
	if (strcmp(sub, "add") && strcmp(sub, "remove"))
		return usage_error("remote", "'%s' is not add, list or remove",
				   sub);
	if ((rc = store_open(ctx)) < 0)
		return exit_code(rc);
	if (!strcmp(sub, "add") && !remote_name_ok(argv[optind + 1]))
		return usage_error("remote", "'%s' cannot name a remote: use "
				   "letters, digits, '-' and '_'",
				   argv[optind + 1]);
	if ((rc = journal_lock(ctx)) < 0)
		return exit_code(rc);
	if (!strcmp(sub, "add"))
		rc = add_remote(ctx, argv[optind + 1], argv[optind + 2]);
	else
		rc = remove_remote(ctx, argv[optind + 1]);
	journal_unlock(ctx);
	return exit_code(rc);
}
