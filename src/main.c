/*
 * tend: the command table and the one dispatcher. It reads the global
 * options, does the set-up each command asks for (find the journal, read
 * its settings, open git, take the lock), runs the command and checks
 * that its output reached stdout.
 */
#include "cmd/cmd.h"
#include "age.h"
#include "config.h"
#include "convert.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "journal.h"
#include "store.h"
#include "sync.h"
#include "util.h"
#include "vault.h"
#include "version.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Sorted by name. */
const struct command tend_commands[] = {
	{ "attach", cmd_attach, NEED_JOURNAL | NEED_LOCK,
	  "keep files with an entry: photos, recordings, documents",
	  cmd_attach_help, cmd_attach_shortopts, cmd_attach_options },
	{ "check", cmd_check, NEED_JOURNAL,
	  "check every entry and goal file; exit 3 on problems",
	  cmd_check_help, cmd_check_shortopts, cmd_check_options },
	{ "clone", cmd_clone, 0,
	  "make a journal from one a git remote holds", cmd_clone_help,
	  cmd_clone_shortopts, cmd_clone_options },
	{ "completion", cmd_completion, OWN_SETTINGS,
	  "the shell completion scripts, for bash, zsh and fish",
	  cmd_completion_help, cmd_completion_shortopts,
	  cmd_completion_options },
	{ "decrypt", cmd_decrypt, NEED_JOURNAL | NEED_LOCK,
	  "turn an encrypted journal back into a plain one",
	  cmd_decrypt_help, cmd_decrypt_shortopts, cmd_decrypt_options },
	{ "edit", cmd_edit, NEED_JOURNAL,
	  "open an entry in your editor, commit if changed", cmd_edit_help,
	  cmd_edit_shortopts, cmd_edit_options },
	{ "encrypt", cmd_encrypt, NEED_JOURNAL | NEED_LOCK | KEYLESS,
	  "turn the journal into an encrypted one, history and all",
	  cmd_encrypt_help, cmd_encrypt_shortopts, cmd_encrypt_options },
	{ "export", cmd_export, NEED_JOURNAL,
	  "entries as one file: Markdown, JSON or HTML", cmd_export_help,
	  cmd_export_shortopts, cmd_export_options },
	{ "goal", cmd_goal, NEED_JOURNAL,
	  "personal goals and how they go", cmd_goal_help,
	  cmd_goal_shortopts, cmd_goal_options },
	{ "ground", cmd_ground, 0,
	  "a few minutes to steady yourself, paced", cmd_ground_help,
	  cmd_ground_shortopts, cmd_ground_options },
	{ "import", cmd_import, NEED_JOURNAL,
	  "entries from jrnl, Day One, Markdown or tend", cmd_import_help,
	  cmd_import_shortopts, cmd_import_options },
	{ "index", cmd_index, NEED_JOURNAL,
	  "bring the search index up to date (--rebuild: anew)",
	  cmd_index_help, cmd_index_shortopts, cmd_index_options },
	{ "init", cmd_init, 0,
	  "create a journal (a git repository)", cmd_init_help,
	  cmd_init_shortopts, cmd_init_options },
	{ "list", cmd_list, NEED_JOURNAL,
	  "list entries, newest first", cmd_list_help,
	  cmd_list_shortopts, cmd_list_options },
	{ "lock", cmd_lock, NEED_JOURNAL | KEYLESS,
	  "lock an encrypted journal now", cmd_lock_help,
	  cmd_lock_shortopts, cmd_lock_options },
	{ "log", cmd_log, NEED_JOURNAL,
	  "history of the journal or of one entry", cmd_log_help,
	  cmd_log_shortopts, cmd_log_options },
	{ "mood", cmd_mood, NEED_JOURNAL,
	  "your mood in figures and a chart", cmd_mood_help,
	  cmd_mood_shortopts, cmd_mood_options },
	{ "new", cmd_new, NEED_JOURNAL,
	  "write a new entry", cmd_new_help,
	  cmd_new_shortopts, cmd_new_options },
	{ "passwd", cmd_passwd, NEED_JOURNAL | NEED_LOCK | KEYLESS,
	  "change an encrypted journal's passphrase", cmd_passwd_help,
	  cmd_passwd_shortopts, cmd_passwd_options },
	{ "plan", cmd_plan, NEED_JOURNAL,
	  "your plan for the hard moments", cmd_plan_help,
	  cmd_plan_shortopts, cmd_plan_options },
	{ "prep", cmd_prep, NEED_JOURNAL,
	  "a page to take to your next therapy session", cmd_prep_help,
	  cmd_prep_shortopts, cmd_prep_options },
	{ "prompt", cmd_prompt, NEED_JOURNAL,
	  "a question to write about today, and why", cmd_prompt_help,
	  cmd_prompt_shortopts, cmd_prompt_options },
	{ "purge", cmd_purge, NEED_JOURNAL | NEED_LOCK,
	  "take entries out of the whole history, for good",
	  cmd_purge_help, cmd_purge_shortopts, cmd_purge_options },
	{ "remote", cmd_remote, NEED_JOURNAL,
	  "the git remotes the journal syncs with", cmd_remote_help,
	  cmd_remote_shortopts, cmd_remote_options },
	{ "render", cmd_render, NEED_JOURNAL,
	  "your journal as a private website", cmd_render_help,
	  cmd_render_shortopts, cmd_render_options },
	{ "restore", cmd_restore, NEED_JOURNAL | NEED_LOCK,
	  "bring back a deleted or older version of an entry",
	  cmd_restore_help,
	  cmd_restore_shortopts, cmd_restore_options },
	{ "review", cmd_review, NEED_JOURNAL,
	  "a weekly self-assessment of your goals", cmd_review_help,
	  cmd_review_shortopts, cmd_review_options },
	{ "rm", cmd_rm, NEED_JOURNAL | NEED_LOCK,
	  "delete an entry (it stays in the history)", cmd_rm_help,
	  cmd_rm_shortopts, cmd_rm_options },
	{ "save", cmd_save, NEED_JOURNAL | NEED_LOCK,
	  "commit edits made in other editors", cmd_save_help,
	  cmd_save_shortopts, cmd_save_options },
	{ "search", cmd_search, NEED_JOURNAL,
	  "full-text search, best match first", cmd_search_help,
	  cmd_search_shortopts, cmd_search_options },
	{ "show", cmd_show, NEED_JOURNAL,
	  "print an entry, or an older version of it", cmd_show_help,
	  cmd_show_shortopts, cmd_show_options },
	{ "status", cmd_status, NEED_JOURNAL,
	  "edits not yet saved, kept drafts", cmd_status_help,
	  cmd_status_shortopts, cmd_status_options },
	{ "sync", cmd_sync, NEED_JOURNAL | NEED_LOCK,
	  "save, fetch, merge and push: in step with a remote",
	  cmd_sync_help, cmd_sync_shortopts, cmd_sync_options },
	{ "templates", cmd_templates, NEED_JOURNAL,
	  "the entry templates there are", cmd_templates_help,
	  cmd_templates_shortopts, cmd_templates_options },
	{ "unlock", cmd_unlock, NEED_JOURNAL | KEYLESS,
	  "unlock an encrypted journal for a while", cmd_unlock_help,
	  cmd_unlock_shortopts, cmd_unlock_options },
};

#define NCOMMANDS (sizeof(tend_commands) / sizeof(*tend_commands))
const size_t tend_ncommands = NCOMMANDS;

static void print_help(FILE *out)
{
	fprintf(out,
		"usage: tend [-J DIR | --journal DIR] COMMAND [ARGS]\n"
		"\n"
		"tend keeps a private journal as Markdown files in a git\n"
		"repository. Every change is a commit; nothing is lost.\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", tend_commands[i].name,
			tend_commands[i].summary);
	fprintf(out,
		"\n"
		"Options:\n"
		"  -J, --journal DIR  use the journal in DIR\n"
		"  -h, --help         show this help\n"
		"  --version          show the version\n"
		"\n"
		"The journal is --journal DIR, else $TEND_JOURNAL, else the\n"
		"journal around the current folder, else [journal] path in\n"
		"~/.config/tend/config.ini, else ~/.local/share/tend/journal.\n"
		"'tend COMMAND --help' tells more about each command, and\n"
		"'tend help COMMAND' opens its manual page.\n");
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(tend_commands[i].name, name))
			return &tend_commands[i];
	return NULL;
}

/*
 * Does argv ask for help: --help or -h as an option of the command (not
 * as the value of one, as in `tend new -m --help`)? Reads the arguments
 * with the command's own options, on a copy, as the command will.
 */
static int wants_help(const struct command *cmd, int argc, char **argv)
{
	char **copy = xcalloc((size_t)argc + 1, sizeof(*copy));
	int c, help = 0;

	memcpy(copy, argv, (size_t)argc * sizeof(*copy));
	optind = 0;
	opterr = 0;
	while (!help && (c = getopt_long(argc, copy, cmd->shortopts,
					 cmd->options, NULL)) != -1)
		help = c == '?' && (optopt == 'h' ||
				    (!optopt && !strcmp(copy[optind - 1],
							"--help")));
	free(copy);
	optind = 0;
	return help;
}

/*
 * Refuse words that getopt would read as a bundle of short options: an
 * argument (before "--") that begins with one '-', then a letter that
 * is none of the command's options, and holds a space, like the title
 * "- what I said". Read as options it would be a run of unknown ones,
 * or even -h. Returns 0, or 2 after saying how to give such words.
 */
static int words_as_options(const struct command *cmd, int argc,
			    char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1] || a[1] == '-' || !strchr(a, ' ') ||
		    (a[1] != ':' && strchr(cmd->shortopts, a[1])))
			continue;
		return usage_error(cmd->name, "'%s' would be read as options: "
				   "give words that begin with '-' after "
				   "'--', and the options before it, as in "
				   "tend %s [OPTIONS] -- '%s'", a, cmd->name,
				   a);
	}
	return 0;
}

/* Use [journal] timezone for local time. */
static void apply_timezone(const struct config *cfg)
{
	if (cfg->timezone)
		setenv("TZ", cfg->timezone, 1);
	tzset();
}

/*
 * [sync] auto: after a command that committed, sync quietly. A sync
 * that fails is a warning only: the command did its work, and its
 * commit is safe here.
 */
static void auto_sync(struct ctx *ctx)
{
	struct sync_report r;
	int rc;

	sync_report_init(&r);
	rc = journal_lock(ctx);
	if (rc == 0)
		rc = sync_run(ctx, NULL, SYNC_QUIET, &r);
	journal_unlock(ctx);
	if (rc < 0)
		warning("the automatic sync did not finish (see above); "
			"your change is committed here: run 'tend sync' "
			"later");
	else if (r.merge.nr)
		warning("the automatic sync left %zu conflict cop%s to look "
			"at: see 'tend status'", r.merge.nr,
			r.merge.nr == 1 ? "y" : "ies");
	sync_report_release(&r);
}

/*
 * Does the command line open the journal's settings to mend them (tend
 * edit --settings)? Then settings tend cannot read must not stop it.
 */
static int mends_settings(const struct command *cmd, int argc, char **argv)
{
	if (cmd->fn != cmd_edit)
		return 0;
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--settings"))
			return 1;
	return 0;
}

/*
 * Read the journal's own settings: tend.ini, or in an encrypted journal
 * VAULT_CONFIG, once the key is unlocked (a command that works without
 * the key, KEYLESS, reads none). Settings that cannot be read stop the
 * command, unless it mends them. Returns 0 or a failure.
 */
static int read_journal_config(unsigned flags, int mending,
				struct ctx *ctx)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	int rc;

	if (!vault_detect(ctx)) {
		path_join(&path, ctx->root, "tend.ini");
		rc = config_read(&ctx->cfg, path.s, CONFIG_JOURNAL);
		goto out;
	}
	rc = 0;
	if (flags & KEYLESS)
		goto out;
	path_join(&path, ctx->root, "tend.ini");
	if (fs_exists(path.s))
		warning("tend.ini is not read in an encrypted journal: its "
			"settings are kept encrypted in %s", VAULT_CONFIG);
	if ((rc = vault_unlock(ctx)) < 0)
		goto out;
	rc = vault_read(ctx, VAULT_CONFIG, 1024 * 1024, &text,
			FS_MISSING_OK);
	if (rc == 0)
		rc = config_parse(&ctx->cfg, VAULT_CONFIG, text.s, text.len,
				  CONFIG_JOURNAL);
	else
		rc = rc > 0 ? 0 : rc;
out:
	if (rc == FAIL_USAGE && mending)
		rc = 0;		/* what is wrong was said; the editor opens */
	buf_release(&path);
	age_wipe(text.s, text.len);
	buf_release(&text);
	return rc;
}

/*
 * Read the journal's settings of this machine: CONFIG_LOCAL_PATH, then
 * in an encrypted journal whose key is open CONFIG_LOCAL_SEALED. Returns
 * 0 or a failure.
 */
static int read_local_config(struct ctx *ctx)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	size_t had = ctx->cfg.redact ? strlen(ctx->cfg.redact) : 0;
	int rc;

	path_join(&path, ctx->root, CONFIG_LOCAL_PATH);
	rc = config_read(&ctx->cfg, path.s, CONFIG_LOCAL);
	if (rc == 0 && ctx->encrypted && ctx->cfg.redact &&
	    strlen(ctx->cfg.redact) > had)
		warning("%s holds names to redact in plain text, which "
			"whoever has the folder can read; keep them in %s "
			"('tend edit --settings'), sealed and shared by the "
			"journal's clones", CONFIG_LOCAL_PATH, VAULT_CONFIG);
	path_join(&path, ctx->root, CONFIG_LOCAL_SEALED);
	if (rc == 0 && !ctx->encrypted && fs_exists(path.s))
		warning("%s holds settings sealed with the key of the "
			"encrypted journal this one was, which it has no more: "
			"names to redact kept there are not hidden",
			CONFIG_LOCAL_SEALED);
	if (rc < 0 || !ctx->key)
		goto out;
	rc = vault_read(ctx, CONFIG_LOCAL_SEALED, 1024 * 1024, &text,
			FS_MISSING_OK);
	if (rc == 0)
		rc = config_parse(&ctx->cfg, CONFIG_LOCAL_SEALED, text.s,
				  text.len, CONFIG_LOCAL);
	else
		rc = rc > 0 ? 0 : rc;
out:
	buf_release(&path);
	age_wipe(text.s, text.len);
	buf_release(&text);
	return rc;
}

/*
 * Find the journal and read its settings as a command of flags needs
 * them; with mending, settings that cannot be read do not stop it.
 * Returns 0 or a failure.
 */
static int open_journal(unsigned flags, int mending, struct ctx *ctx)
{
	int rc;

	/* a conversion that was stopped is finished or undone first */
	if ((rc = journal_find(ctx)) < 0 ||
	    (rc = convert_resume(ctx)) < 0 ||
	    (rc = read_journal_config(flags, mending, ctx)) < 0 ||
	    (rc = read_local_config(ctx)) < 0)
		return rc;
	return 0;
}

int cmd_open_journal(struct ctx *ctx)
{
	struct buf head = BUF_INIT;
	int rc;

	if (ctx->root)
		return 0;
	rc = open_journal(NEED_JOURNAL, 0, ctx);
	apply_timezone(&ctx->cfg);
	if (rc == 0) {
		store_head_hex(ctx, &head);
		ctx->opened_at = buf_detach(&head, NULL);
	}
	return rc;
}

/* Set up what cmd needs, run it, and tidy up. Returns the exit code. */
static int run(const struct command *cmd, int argc, char **argv,
	       struct ctx *ctx)
{
	char *user_config = config_user_path();
	struct buf head = BUF_INIT, now = BUF_INIT;
	int rc, code, autosync;

	rc = cmd->flags & OWN_SETTINGS ? 0 :
	     config_read(&ctx->cfg, user_config, CONFIG_USER);
	free(user_config);
	if (rc < 0)
		goto fail;
	if ((cmd->flags & NEED_JOURNAL) &&
	    (rc = open_journal(cmd->flags, mends_settings(cmd, argc, argv),
			       ctx)) < 0)
		goto fail;
	apply_timezone(&ctx->cfg);
	/* an encrypted journal's sync needs its key: not after lock, say */
	autosync = (cmd->flags & NEED_JOURNAL) && ctx->cfg.sync_auto &&
		   cmd->fn != cmd_sync && (!ctx->encrypted || ctx->key);
	if (autosync)
		store_head_hex(ctx, &head);
	if ((cmd->flags & NEED_LOCK) && (rc = journal_lock(ctx)) < 0)
		goto fail;
	optind = 0;
	code = cmd->fn(argc, argv, ctx);
	journal_unlock(ctx);
	if (!autosync && ctx->opened_at && ctx->cfg.sync_auto &&
	    (!ctx->encrypted || ctx->key)) {
		autosync = 1;	/* opened by the command itself */
		buf_adds(&head, ctx->opened_at);
	}
	if (autosync && !code) {
		store_head_hex(ctx, &now);
		if (strcmp(head.s, now.s))
			auto_sync(ctx);
	}
	goto out;
fail:
	code = exit_code(rc);
out:
	journal_unlock(ctx);
	index_close(ctx);
	buf_release(&head);
	buf_release(&now);
	free(ctx->opened_at);
	ctx->opened_at = NULL;
	return code;
}

static int not_a_command(const char *name);

/*
 * Run man with args (NULL-ended), its output to /dev/null when quiet,
 * and wait for it, as system() would: Ctrl-C and Ctrl-\ are man's while
 * it runs. Returns its exit status, or -1 when it cannot run (no man).
 */
static int run_man(const char *const *args, int quiet)
{
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old_int, old_quit;
	int status = -1;
	pid_t pid;

	fflush(stdout);
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		if (quiet) {
			int fd = open("/dev/null", O_WRONLY);

			if (fd >= 0) {
				dup2(fd, 1);
				dup2(fd, 2);
				close(fd);
			}
		}
		execvp("man", (char *const *)args);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) == 127)
		return -1;
	return WEXITSTATUS(status);
}

/*
 * tend help [COMMAND]: the manual page, tend(1) or tend-COMMAND(1), with
 * man; where there is no man or it has no such page, the --help text.
 * Returns the exit code.
 */
static int help(int argc, char **argv)
{
	const struct command *cmd = NULL;
	struct buf page = BUF_INIT;
	int code;

	if (argc > 1)
		return exit_code(error_as(FAIL_USAGE, "help takes one "
					  "command"));
	/* tend help help: tend(1) tells of help */
	if (argc && strcmp(argv[0], "help") &&
	    !(cmd = find_command(argv[0])))
		return exit_code(not_a_command(argv[0]));
	buf_adds(&page, cmd ? "tend-" : "tend");
	if (cmd)
		buf_adds(&page, cmd->name);
	if (run_man((const char *[]){ "man", "-w", page.s, NULL }, 1) != 0) {
		if (cmd)
			fputs(cmd->help, stdout);
		else
			print_help(stdout);
		code = 0;
	} else {
		/* man said what went wrong; tend's own code is 1 */
		code = run_man((const char *[]){ "man", page.s, NULL }, 0);
		code = code ? 1 : 0;
	}
	buf_release(&page);
	return code;
}

/* Refuse name, which is no command, with the one it may be a slip of. */
static int not_a_command(const char *name)
{
	const char *names[NCOMMANDS], *near;

	for (size_t i = 0; i < NCOMMANDS; i++)
		names[i] = tend_commands[i].name;
	near = closest_word(name, names, NCOMMANDS);
	if (near)
		return error_as(FAIL_USAGE, "'%s' is not a tend command; did "
				"you mean '%s'? (see 'tend --help')", name,
				near);
	return error_as(FAIL_USAGE, "'%s' is not a tend command; see 'tend "
			"--help'", name);
}

/*
 * Read the global options and the command; run it. Returns the exit
 * code; main() then checks that the output was written.
 */
static int dispatch(int argc, char **argv, struct ctx *ctx)
{
	const struct command *cmd;
	int i, code;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			print_help(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("tend %s\n", TEND_VERSION);
			return 0;
		} else if (!strcmp(a, "-J") || !strcmp(a, "--journal")) {
			if (++i == argc)
				return exit_code(error_as(FAIL_USAGE, "option "
						"'%s' needs a folder", a));
			ctx->journal_opt = argv[i];
		} else if (starts_with(a, "--journal=")) {
			ctx->journal_opt = a + strlen("--journal=");
		} else if (starts_with(a, "-J") && a[2]) {
			ctx->journal_opt = a + 2;
		} else {
			return exit_code(error_as(FAIL_USAGE, "unknown option "
					"'%s' (global options come before the "
					"command; see 'tend --help')", a));
		}
	}
	if (i == argc) {
		print_help(stderr);
		return 2;
	}
	if (!strcmp(argv[i], "help"))
		return help(argc - i - 1, argv + i + 1);
	cmd = find_command(argv[i]);
	if (!cmd)
		return exit_code(not_a_command(argv[i]));
	if ((code = words_as_options(cmd, argc - i, argv + i)))
		return code;
	if (wants_help(cmd, argc - i, argv + i)) {
		fputs(cmd->help, stdout);
		return 0;
	}
	code = run(cmd, argc - i, argv + i, ctx);
	store_close(ctx);
	return code;
}

int main(int argc, char **argv)
{
	struct ctx ctx = { 0 };
	int code;

	umask(077);
	ctx.lock_fd = -1;
	ctx.now = time(NULL);
	ctx.in_tty = isatty(0);
	ctx.out_tty = isatty(1);
	ctx.err_tty = isatty(2);
	config_init(&ctx.cfg);
	code = dispatch(argc, argv, &ctx);
	config_release(&ctx.cfg);
	vault_close(&ctx);
	free(ctx.root);
	if (fflush(stdout) || ferror(stdout)) {
		error("cannot write the output: %s", strerror(errno));
		if (!code)
			code = 1;
	}
	return code;
}
