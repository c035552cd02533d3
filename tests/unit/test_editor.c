/*
 * Unit tests of editor.c: which editor command is used (tend(1) ENVIRONMENT:
 * $VISUAL, $EDITOR, [editor] command, vi) and how it is split into words
 * like a shell would, without running a shell or expanding anything.
 */
#include "editor.h"
#include "error.h"
#include "unit.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>

/*
 * Check that cmd splits into the n words that follow (NULL-terminated
 * list), and that the vector ends in NULL as execvp needs.
 */
static void check_split(int line, const char *cmd, ...)
{
	struct strvec words = STRVEC_INIT;
	const char *want;
	char what[200];
	size_t n = 0;
	va_list ap;

	snprintf(what, sizeof(what), "'%s' splits", cmd);
	if (!unit_check_long(editor_split(cmd, &words), 0, what, __FILE__,
			     line)) {
		strvec_clear(&words);
		return;
	}
	va_start(ap, cmd);
	while ((want = va_arg(ap, const char *))) {
		snprintf(what, sizeof(what), "'%s': word %zu", cmd, n);
		unit_check_str(n < words.nr ? words.v[n] : NULL, want, what,
			       __FILE__, line);
		n++;
	}
	va_end(ap);
	snprintf(what, sizeof(what), "'%s': number of words", cmd);
	unit_check_long((long)words.nr, (long)n, what, __FILE__, line);
	snprintf(what, sizeof(what), "'%s': argv ends in NULL", cmd);
	unit_check(words.nr && !words.v[words.nr], what, __FILE__, line);
	strvec_clear(&words);
}

#define SPLIT_IS(...) check_split(__LINE__, __VA_ARGS__, (const char *)NULL)

/* Check that cmd is refused as a usage error. */
static void check_split_bad(const char *cmd, int line)
{
	struct strvec words = STRVEC_INIT;
	char what[200];

	snprintf(what, sizeof(what), "'%s' is refused", cmd);
	unit_check_long(editor_split(cmd, &words), FAIL_USAGE, what,
			__FILE__, line);
	strvec_clear(&words);
}

#define SPLIT_BAD(cmd) check_split_bad((cmd), __LINE__)

static void test_split(void)
{
	SPLIT_IS("vi", "vi");
	SPLIT_IS("code --wait", "code", "--wait");
	SPLIT_IS("  code   --wait  ", "code", "--wait");
	SPLIT_IS("/usr/bin/emacsclient -t -a ''",
		 "/usr/bin/emacsclient", "-t", "-a", "");
	/* quotes */
	SPLIT_IS("'my editor' -f", "my editor", "-f");
	SPLIT_IS("\"my editor\" -f", "my editor", "-f");
	SPLIT_IS("\"a \\\"b\\\"\" c", "a \"b\"", "c");
	SPLIT_IS("a'b c'd", "ab cd");
	SPLIT_IS("\"a\"'b'c", "abc");
	SPLIT_IS("'it''s'", "its");
	SPLIT_IS("\"it's\"", "it's");
	SPLIT_IS("'say \"hi\"'", "say \"hi\"");
	/* backslashes: outside quotes, inside "...", inside '...' */
	SPLIT_IS("my\\ editor -f", "my editor", "-f");
	SPLIT_IS("\\'x", "'x");
	SPLIT_IS("a\\\\b", "a\\b");
	SPLIT_IS("'a\\b' 'c\\'", "a\\b", "c\\");
	SPLIT_IS("\"a\\nb\"", "a\\nb");
	SPLIT_IS("\"a\\\\b\"", "a\\b");
	SPLIT_IS("\"\\$HOME\"", "$HOME");
	SPLIT_IS("\"\\`x\\`\"", "`x`");
	/* nothing is expanded or interpreted */
	SPLIT_IS("$HOME/x", "$HOME/x");
	SPLIT_IS("\"$HOME\" ${EDITOR}", "$HOME", "${EDITOR}");
	SPLIT_IS("~/bin/ed *.md", "~/bin/ed", "*.md");
	SPLIT_IS("vi ; rm -rf x | cat", "vi", ";", "rm", "-rf", "x", "|",
		 "cat");
	SPLIT_IS("vi;ls", "vi;ls");
	SPLIT_IS("vi && ls > out", "vi", "&&", "ls", ">", "out");
	SPLIT_IS("`date` $(id)", "`date`", "$(id)");
	/* tabs and newlines separate words */
	SPLIT_IS("code\t--wait", "code", "--wait");
	SPLIT_IS("code\n--wait\n", "code", "--wait");
	SPLIT_IS(" \t\ncode \t \n --wait\t", "code", "--wait");
	SPLIT_IS("'a\tb'", "a\tb");
	/* a backslash-newline joins lines, except inside '...' */
	SPLIT_IS("code\\\n--wait", "code--wait");
	SPLIT_IS("\"a\\\nb\"", "ab");
	SPLIT_IS("'a\\\nb'", "a\\\nb");
	/* non-ASCII words pass through */
	SPLIT_IS("\xc3\xa9" "diteur --x", "\xc3\xa9" "diteur", "--x");

	/* unclosed quotes and empty commands */
	SPLIT_BAD("");
	SPLIT_BAD("   ");
	SPLIT_BAD("\t\n ");
	SPLIT_BAD("'my editor");
	SPLIT_BAD("\"my editor");
	SPLIT_BAD("vi 'x");
	SPLIT_BAD("vi \"x\\\"");
	SPLIT_BAD("'it's'");
}

/* Set or unset (NULL) an environment variable. */
static void set_env(const char *name, const char *value)
{
	if (value)
		setenv(name, value, 1);
	else
		unsetenv(name);
}

static void test_command(void)
{
	struct config cfg;

	config_init(&cfg);
	set_env("VISUAL", NULL);
	set_env("EDITOR", NULL);
	CHECK_STR(editor_command(&cfg), "vi");

	cfg.editor = xstrdup("nano -w");
	CHECK_STR(editor_command(&cfg), "nano -w");

	set_env("EDITOR", "emacs -nw");
	CHECK_STR(editor_command(&cfg), "emacs -nw");

	set_env("VISUAL", "code --wait");
	CHECK_STR(editor_command(&cfg), "code --wait");

	/* VISUAL wins even without a config editor */
	config_release(&cfg);
	CHECK_STR(editor_command(&cfg), "code --wait");
	set_env("EDITOR", NULL);
	CHECK_STR(editor_command(&cfg), "code --wait");

	/* an empty variable counts as unset */
	set_env("VISUAL", "");
	set_env("EDITOR", "emacs -nw");
	CHECK_STR(editor_command(&cfg), "emacs -nw");
	set_env("EDITOR", "");
	CHECK_STR(editor_command(&cfg), "vi");
	cfg.editor = xstrdup("nano -w");
	CHECK_STR(editor_command(&cfg), "nano -w");

	/* blanks count as unset too */
	set_env("VISUAL", "  ");
	set_env("EDITOR", "\t");
	CHECK_STR(editor_command(&cfg), "nano -w");

	/* an empty config value falls back to vi */
	config_release(&cfg);
	cfg.editor = xstrdup("");
	CHECK_STR(editor_command(&cfg), "vi");
	config_release(&cfg);

	set_env("VISUAL", NULL);
	set_env("EDITOR", NULL);
}

int main(void)
{
	test_split();
	test_command();
	return unit_done();
}
