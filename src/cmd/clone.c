/*
 * tend clone: a journal from a git remote.
 */
#include "cmd.h"
#include "error.h"
#include "fs.h"
#include "journal.h"
#include "sync.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char cmd_clone_help[] =
"usage: tend clone URL [DIR]\n"
"\n"
"Make a journal in DIR from the one a git remote holds, with the remote\n"
"named origin, so that 'tend sync' works from the start. URL is a folder\n"
"(a bare repository on a disk or USB stick), file://PATH, git://HOST/PATH,\n"
"ssh://[USER@]HOST[:PORT]/PATH, USER@HOST:PATH, or https://HOST/PATH.\n"
"\n"
"Without DIR the journal goes where tend looks for it: --journal DIR,\n"
"else $TEND_JOURNAL, else [journal] path in ~/.config/tend/config.ini,\n"
"else ~/.local/share/tend/journal. DIR must be new or an empty folder;\n"
"when the clone fails it is left as it was. An encrypted journal comes\n"
"as it is, age files and key.age; no passphrase is needed to clone it,\n"
"and the clone asks for the one it was made with.\n"
"\n"
"ssh logs in with the keys in ssh-agent, then with [sync] ssh_key of\n"
"~/.config/tend/config.ini (or ~/.ssh/id_ed25519, id_ecdsa, id_rsa); the\n"
"server's host key must be in ~/.ssh/known_hosts. https asks\n"
"'git credential' for a password or token.\n"
"\n"
"A remote that sends a symbolic link leading out of the journal is\n"
"refused. Exit status 5 when the remote cannot be reached or refuses.\n";

const char cmd_clone_shortopts[] = ":";
const struct option cmd_clone_options[] = { { NULL, 0, NULL, 0 } };

int cmd_clone(int argc, char **argv, struct ctx *ctx)
{
	char *dir = NULL, *url = NULL;
	size_t entries = 0;
	int c, rc = FAIL;

	while ((c = getopt_long(argc, argv, cmd_clone_shortopts,
				cmd_clone_options, NULL)) != -1)
		return usage_option("clone", c, argv);
	if (optind == argc)
		return usage_error("clone", "clone needs the URL of a journal");
	if (argc - optind > 2)
		return usage_error("clone", "clone takes a URL and a folder");
	url = sync_url(argv[optind]);
	dir = optind + 1 < argc ? xstrdup(argv[optind + 1])
				: journal_default_dir(ctx);
	if (journal_refuse_within(dir) < 0)
		goto out;
	if ((rc = sync_clone(ctx, url, dir, &entries)) < 0)
		goto out;
	if (chmod(dir, 0700) < 0)
		warning("cannot make '%s' private: %s", dir, strerror(errno));
	ctx->root = realpath(dir, NULL);
	printf("Cloned %s journal of %zu entr%s into %s\n",
	       ctx->encrypted ? "an encrypted" : "a", entries,
	       entries == 1 ? "y" : "ies", ctx->root ? ctx->root : dir);
	if (ctx->encrypted)
		printf("Its passphrase, the one it was made with, opens it.\n");
	rc = 0;
out:
	free(url);
	free(dir);
	return exit_code(rc);
}
