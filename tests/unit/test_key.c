/*
 * Unit tests of key.c: a journal's key made, unlocked, locked anew and
 * refused with a wrong passphrase or damaged; the stock age tool opening
 * a file with tend's key.age, and tend a key.age the age tools made; the
 * key kept unlocked in the kernel's keyring, until forgotten or its time
 * is up;
 * the passphrase from a file, a command and a terminal (a pseudo-terminal
 * here, echo off), and none when there is no way to ask.
 */
#include "error.h"
#include "fs.h"
#include "key.h"
#include "unit.h"
#include "util.h"

#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *dir;	/* the test's folder (main) */

/* Write text to dir/name; the path into path. */
static void put(const char *name, const char *text, struct buf *path)
{
	buf_reset(path);
	buf_addf(path, "%s/%s", dir, name);
	if (fs_write_atomic(path->s, text, strlen(text)) < 0) {
		printf("Bail out! cannot write %s\n", path->s);
		exit(1);
	}
}

static void test_key(void)
{
	struct age_identity id, back;
	struct buf path = BUF_INIT, text = BUF_INIT, sealed = BUF_INIT;
	struct stat st;

	CHECK_INT(key_unlock(dir, "x", &back), FAIL);	/* none yet */
	CHECK_INT(key_create(dir, "journal words", &id), 0);
	path_join(&path, dir, KEY_FILE);
	CHECK(!stat(path.s, &st) && (st.st_mode & 0777) == 0600);
	CHECK(!fs_read(path.s, 4096, &sealed, 0) &&
	      age_is_age(sealed.s, sealed.len) &&
	      !memmem(sealed.s, sealed.len, "AGE-SECRET", 10));
	CHECK_INT(key_unlock(dir, "journal words", &back), 0);
	CHECK(!memcmp(id.secret, back.secret, sizeof(id.secret)));
	CHECK_INT(key_unlock(dir, "journal word", &back), FAIL_LOCKED);
	CHECK_INT(key_create(dir, "other", &back), FAIL);
	CHECK_INT(key_unlock(dir, "journal words", &back), 0);
	CHECK(!memcmp(id.secret, back.secret, sizeof(id.secret)));
	/* a new passphrase: the same key */
	CHECK_INT(key_relock(dir, &id, "new words"), 0);
	CHECK_INT(key_unlock(dir, "journal words", &back), FAIL_LOCKED);
	CHECK_INT(key_unlock(dir, "new words", &back), 0);
	CHECK(!memcmp(id.secret, back.secret, sizeof(id.secret)));
	/* damaged: cut short; not a key at all */
	CHECK(!fs_read(path.s, 4096, &sealed, 0));
	CHECK(!fs_write_atomic(path.s, sealed.s, sealed.len - 1));
	CHECK_INT(key_unlock(dir, "new words", &back), FAIL);
	CHECK(!age_encrypt_passphrase("new words", 10, "hello\n", 6, &text) &&
	      !fs_write_atomic(path.s, text.s, text.len));
	CHECK_INT(key_unlock(dir, "new words", &back), FAIL);
	unlink(path.s);
	age_identity_wipe(&id);
	age_identity_wipe(&back);
	buf_release(&path);
	buf_release(&text);
	buf_release(&sealed);
}

/* The age tools and tend's key.age, both ways. */
static void test_age_tool(void)
{
	struct age_identity id, back;
	struct buf path = BUF_INIT, cmd = BUF_INIT, out = BUF_INIT;
	struct buf sealed = BUF_INIT;

	CHECK_INT(key_create(dir, "my journal", &id), 0);
	CHECK_INT(age_encrypt(&id.recipient, 1, "# A hard day\n", 13,
			      &sealed), 0);
	buf_addf(&path, "%s/entry.md.age", dir);
	CHECK(!fs_write_atomic(path.s, sealed.s, sealed.len));
	buf_addf(&cmd, "printf 'my journal\\n' | script -qec \"age -d -i "
		 "'%s/%s' '%s' >'%s/out'\" /dev/null >/dev/null", dir,
		 KEY_FILE, path.s, dir);
	buf_reset(&path);
	buf_addf(&path, "%s/out", dir);
	CHECK(unit_run(cmd.s) == 0 && !fs_read(path.s, 4096, &out, 0) &&
	      !strcmp(out.s, "# A hard day\n"));
	buf_reset(&path);
	path_join(&path, dir, KEY_FILE);
	unlink(path.s);

	/* a key.age that age-keygen and `age -p` made (work factor 18) */
	buf_reset(&cmd);
	buf_addf(&cmd, "age-keygen -o '%s/keygen' 2>/dev/null && "
		 "printf 'typed\\ntyped\\n' | script -qec \"age -p -o '%s' "
		 "'%s/keygen'\" /dev/null >/dev/null", dir, path.s, dir);
	if (unit_run(cmd.s) == 0)
		CHECK_INT(key_unlock(dir, "typed", &back), 0);
	else
		CHECK(!"age-keygen and age -p make a key.age");
	unlink(path.s);
	age_identity_wipe(&id);
	age_identity_wipe(&back);
	buf_release(&path);
	buf_release(&cmd);
	buf_release(&out);
	buf_release(&sealed);
}

/* A key kept unlocked in the kernel's keyring, for a while. */
static void test_kept(void)
{
	struct age_identity id, back;
	struct buf path = BUF_INIT;

	path_join(&path, dir, KEY_FILE);
	unlink(path.s);
	CHECK_INT(key_kept(dir, &back), FAIL);		/* no key.age */
	CHECK_INT(key_keep(dir, &id, 60), FAIL);
	CHECK_INT(key_create(dir, "kept words", &id), 0);
	CHECK_INT(key_kept(dir, &back), 1);
	CHECK_INT(key_keep(dir, &id, 60), 0);
	memset(&back, 0, sizeof(back));
	CHECK(!key_kept(dir, &back) &&
	      !memcmp(back.secret, id.secret, sizeof(id.secret)) &&
	      !memcmp(back.recipient, id.recipient, sizeof(id.recipient)));
	CHECK_INT(key_forget(dir), 0);
	CHECK_INT(key_kept(dir, &back), 1);
	CHECK_INT(key_forget(dir), 0);			/* none: fine */
	/* its time up: gone */
	CHECK_INT(key_keep(dir, &id, 1), 0);
	CHECK_INT(key_kept(dir, &back), 0);
	sleep(2);
	CHECK_INT(key_kept(dir, &back), 1);
	/* a new passphrase: the key kept before is not found */
	CHECK_INT(key_keep(dir, &id, 60), 0);
	CHECK_INT(key_relock(dir, &id, "newer words"), 0);
	CHECK_INT(key_kept(dir, &back), 1);
	CHECK_INT(key_keep(dir, &id, 60), 0);
	CHECK_INT(key_kept(dir, &back), 0);
	CHECK_INT(key_forget(dir), 0);
	unlink(path.s);
	age_identity_wipe(&id);
	age_identity_wipe(&back);
	buf_release(&path);
}

/* The passphrase from TEND_PASSPHRASE_FILE, then _COMMAND. */
static void test_file_and_command(void)
{
	struct buf pass = BUF_INIT, path = BUF_INIT;

	unsetenv("TEND_PASSPHRASE_COMMAND");
	put("pass", "file words\n", &path);
	setenv("TEND_PASSPHRASE_FILE", path.s, 1);
	CHECK(!key_passphrase("?", 1, "/nonexistent", &pass) &&
	      !strcmp(pass.s, "file words"));
	put("pass", "crlf words\r\n", &path);
	CHECK(!key_passphrase("?", 0, NULL, &pass) &&
	      !strcmp(pass.s, "crlf words"));
	put("pass", "no line break", &path);
	CHECK(!key_passphrase("?", 0, NULL, &pass) &&
	      !strcmp(pass.s, "no line break"));
	put("pass", "two\nlines\n", &path);
	CHECK_INT(key_passphrase("?", 0, NULL, &pass), FAIL_USAGE);
	CHECK_INT(pass.len, 0);
	put("pass", "\n", &path);
	CHECK_INT(key_passphrase("?", 0, NULL, &pass), FAIL_USAGE);
	setenv("TEND_PASSPHRASE_FILE", "/nonexistent/pass", 1);
	CHECK_INT(key_passphrase("?", 0, NULL, &pass), FAIL);

	/* the file wins over the command; the command alone */
	put("pass", "file words\n", &path);
	setenv("TEND_PASSPHRASE_FILE", path.s, 1);
	setenv("TEND_PASSPHRASE_COMMAND", "printf 'command words\\n'", 1);
	CHECK(!key_passphrase("?", 0, NULL, &pass) &&
	      !strcmp(pass.s, "file words"));
	unsetenv("TEND_PASSPHRASE_FILE");
	CHECK(!key_passphrase("?", 0, NULL, &pass) &&
	      !strcmp(pass.s, "command words"));
	setenv("TEND_PASSPHRASE_COMMAND", "echo some; exit 3", 1);
	CHECK_INT(key_passphrase("?", 0, NULL, &pass), FAIL_USAGE);
	CHECK_INT(pass.len, 0);
	setenv("TEND_PASSPHRASE_COMMAND", "true", 1);
	CHECK_INT(key_passphrase("?", 0, NULL, &pass), FAIL_USAGE);
	setenv("TEND_PASSPHRASE_COMMAND", "printf 'a\\nb\\n'", 1);
	CHECK_INT(key_passphrase("?", 0, NULL, &pass), FAIL_USAGE);
	unsetenv("TEND_PASSPHRASE_COMMAND");
	/* no terminal to ask on */
	CHECK_INT(key_passphrase("?", 0, "/nonexistent/tty", &pass),
		  FAIL_LOCKED);
	/* a new one, asked for with nowhere to ask: a usage problem */
	CHECK_INT(key_passphrase("?", 1, "/nonexistent/tty", &pass),
		  FAIL_USAGE);
	/* a new passphrase comes from its own file, never the current's */
	put("pass", "current words\n", &path);
	setenv("TEND_PASSPHRASE_FILE", path.s, 1);
	CHECK_INT(key_new_passphrase("?", "/nonexistent/tty", &pass),
		  FAIL_USAGE);
	put("new", "new words\n", &path);
	setenv("TEND_NEW_PASSPHRASE_FILE", path.s, 1);
	CHECK(!key_new_passphrase("?", "/nonexistent/tty", &pass) &&
	      !strcmp(pass.s, "new words"));
	put("new", "two\nlines\n", &path);
	CHECK_INT(key_new_passphrase("?", NULL, &pass), FAIL_USAGE);
	put("new", "\n", &path);
	CHECK_INT(key_new_passphrase("?", NULL, &pass), FAIL_USAGE);
	unsetenv("TEND_NEW_PASSPHRASE_FILE");
	unsetenv("TEND_PASSPHRASE_FILE");
	key_passphrase_release(&pass);
	buf_release(&path);
}

/* Read from fd until want is among what was read (into got), or EOF. */
static int read_until(int fd, const char *want, struct buf *got)
{
	char chunk[256];
	ssize_t n;

	while (!strstr(got->s, want)) {
		n = read(fd, chunk, sizeof(chunk));
		if (n <= 0)
			return -1;
		buf_add(got, chunk, (size_t)n);
	}
	return 0;
}

/*
 * Typed on a terminal: the child asks on the pseudo-terminal's far end
 * (twice when confirm), the test types once the prompt is there, and
 * sees what the terminal shows. Returns the child's passphrase (or its
 * failure, "FAIL n") in result, and what was shown in shown.
 */
static void typed(int confirm, const char *first, const char *second,
		  struct buf *result, struct buf *shown)
{
	int master, slave, fds[2];
	char name[128], chunk[256];
	pid_t pid;
	ssize_t n;

	buf_reset(result);
	buf_reset(shown);
	if (openpty(&master, &slave, name, NULL, NULL) < 0 || pipe(fds) < 0) {
		CHECK(!"a pseudo-terminal");
		return;
	}
	fflush(stdout);	/* or the child would print it again */
	pid = fork();
	if (pid == 0) {
		struct buf pass = BUF_INIT;
		int rc;

		close(master);
		close(fds[0]);
		rc = key_passphrase("Passphrase: ", confirm, name, &pass);
		if (rc)
			buf_addf(&pass, "FAIL %d", rc);
		fs_write_all(fds[1], pass.s, pass.len);
		_exit(0);
	}
	close(slave);
	close(fds[1]);
	read_until(master, "Passphrase: ", shown);
	fs_write_all(master, first, strlen(first));
	if (confirm) {
		read_until(master, "Again", shown);
		fs_write_all(master, second, strlen(second));
	}
	while ((n = read(fds[0], chunk, sizeof(chunk))) > 0)
		buf_add(result, chunk, (size_t)n);
	waitpid(pid, NULL, 0);
	/* what the terminal showed after the last answer */
	fcntl(master, F_SETFL, O_NONBLOCK);
	while ((n = read(master, chunk, sizeof(chunk))) > 0)
		buf_add(shown, chunk, (size_t)n);
	close(master);
	close(fds[0]);
}

static void test_terminal(void)
{
	struct buf result = BUF_INIT, shown = BUF_INIT;

	unsetenv("TEND_PASSPHRASE_FILE");
	unsetenv("TEND_PASSPHRASE_COMMAND");
	typed(0, "quiet words\n", NULL, &result, &shown);
	CHECK_STR(result.s, "quiet words");
	CHECK(strstr(shown.s, "Passphrase: ") != NULL);
	CHECK(!strstr(shown.s, "quiet"));
	typed(1, "twice said\n", "twice said\n", &result, &shown);
	CHECK_STR(result.s, "twice said");
	CHECK(strstr(shown.s, "Again, to be sure: ") && !strstr(shown.s,
								 "twice"));
	typed(1, "one thing\n", "another\n", &result, &shown);
	CHECK_STR(result.s, "FAIL -2");
	typed(0, "\n", NULL, &result, &shown);
	CHECK_STR(result.s, "FAIL -2");
	buf_release(&result);
	buf_release(&shown);
}

int main(void)
{
	if (age_init() < 0) {
		printf("Bail out! cannot start libsodium\n");
		return 1;
	}
	dir = unit_temp_dir("key");
	test_key();
	test_age_tool();
	test_kept();
	test_file_and_command();
	test_terminal();
	if (fs_remove_tree(dir, 1) < 0)
		printf("# cannot remove '%s'\n", dir);
	return unit_done();
}
