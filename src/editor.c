#include "editor.h"
#include "buf.h"
#include "error.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Is v set to something other than blanks? */
static int is_set(const char *v)
{
	return v && v[strspn(v, " \t\n")];
}

const char *editor_command(const struct config *cfg)
{
	const char *v = getenv("VISUAL");

	if (is_set(v))
		return v;
	v = getenv("EDITOR");
	if (is_set(v))
		return v;
	if (is_set(cfg->editor))
		return cfg->editor;
	return "vi";
}

int editor_split(const char *cmd, struct strvec *words)
{
	struct buf word = BUF_INIT;
	const char *p = cmd;
	int in_word = 0;
	char quote = 0;

	for (; *p; p++) {
		char c = *p;

		if (quote == '\'') {
			if (c == '\'')
				quote = 0;
			else
				buf_addch(&word, c);
		} else if (quote == '"') {
			if (c == '"')
				quote = 0;
			else if (c == '\\' && p[1] == '\n')
				p++;	/* a line continued */
			else if (c == '\\' && p[1] && strchr("\"\\$`", p[1]))
				buf_addch(&word, *++p);
			else
				buf_addch(&word, c);
		} else if (c == ' ' || c == '\t' || c == '\n') {
			if (in_word)
				strvec_pushn(words, word.s, word.len);
			buf_reset(&word);
			in_word = 0;
		} else {
			in_word = 1;
			if (c == '\'' || c == '"')
				quote = c;
			else if (c == '\\' && p[1] == '\n')
				p++;
			else if (c == '\\' && p[1])
				buf_addch(&word, *++p);
			else
				buf_addch(&word, c);
		}
	}
	if (in_word && !quote)
		strvec_pushn(words, word.s, word.len);
	buf_release(&word);
	if (quote)
		return error_as(FAIL_USAGE, "cannot read the editor command "
				"'%s': a %c quote is not closed", cmd, quote);
	if (!words->nr)
		return error_as(FAIL_USAGE, "the editor command is empty");
	return 0;
}

int editor_run(const struct config *cfg, const char *path)
{
	const char *cmd = editor_command(cfg);
	struct strvec argv = STRVEC_INIT;
	struct sigaction ignore, old_int, old_quit;
	int status, pipefd[2], child_errno = 0, rc = FAIL;
	pid_t pid;
	ssize_t n;

	if (editor_split(cmd, &argv) < 0) {
		strvec_clear(&argv);
		return FAIL_USAGE;
	}
	strvec_push(&argv, path);
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		error("cannot start the editor: %s", strerror(errno));
		goto out;
	}
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		int e;

		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		close(pipefd[0]);
		execvp(argv.v[0], argv.v);
		e = errno;
		if (write(pipefd[1], &e, sizeof(e)) < 0)
			_exit(126);
		_exit(127);
	}
	close(pipefd[1]);
	if (pid < 0) {
		error("cannot start the editor: %s", strerror(errno));
		close(pipefd[0]);
		goto restore;
	}
	do {
		n = read(pipefd[0], &child_errno, sizeof(child_errno));
	} while (n < 0 && errno == EINTR);
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			error("cannot wait for the editor: %s",
			      strerror(errno));
			goto restore;
		}
	}
	if (n == (ssize_t)sizeof(child_errno))
		error("cannot run the editor '%s': %s (set VISUAL or "
		      "EDITOR, or [editor] command in the config)", argv.v[0],
		      strerror(child_errno));
	else if (WIFSIGNALED(status))
		error("the editor '%s' was killed by signal %d", cmd,
		      WTERMSIG(status));
	else if (WEXITSTATUS(status))
		error("the editor '%s' failed (exit status %d)", cmd,
		      WEXITSTATUS(status));
	else
		rc = 0;
restore:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
out:
	strvec_clear(&argv);
	return rc;
}
