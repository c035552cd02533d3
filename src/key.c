/*
 * The key of an encrypted journal (see key.h).
 */
#include "key.h"
#include "error.h"
#include "fs.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <keyutils.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define KEY_FILE_MAX 4096	/* a key.age is a few hundred bytes */

/* The text of a key file, as age-keygen writes one, into out. */
static void key_text(const struct age_identity *id, struct buf *out)
{
	struct buf r = BUF_INIT, secret = BUF_INIT;

	age_recipient_text(id->recipient, &r);
	age_identity_text(id, &secret);
	buf_reset(out);
	buf_addf(out, "# the key of a tend journal\n# public key: %s\n%s\n",
		 r.s, secret.s);
	age_wipe(secret.s, secret.len);
	buf_release(&secret);
	buf_release(&r);
}

int key_seal(const struct age_identity *id, const char *pass,
	     struct buf *out)
{
	struct buf text = BUF_INIT;
	int rc;

	key_text(id, &text);
	rc = age_encrypt_passphrase(pass, KEY_LOG_N, text.s, text.len, out);
	age_wipe(text.s, text.len);
	buf_release(&text);
	if (rc)
		rc = error("cannot lock the journal's key: %s", age_error(rc));
	return rc;
}

/* Lock id with pass into the file at path, atomically. */
static int write_key(const char *path, const struct age_identity *id,
		     const char *pass)
{
	struct buf sealed = BUF_INIT;
	int rc = key_seal(id, pass, &sealed);

	if (!rc && fs_write_atomic(path, sealed.s, sealed.len) < 0)
		rc = FAIL;
	buf_release(&sealed);
	return rc;
}

int key_create(const char *root, const char *pass, struct age_identity *id)
{
	struct buf path = BUF_INIT;
	int rc;

	path_join(&path, root, KEY_FILE);
	if (fs_exists(path.s)) {
		rc = error("'%s' is there already: this journal has a key",
			   path.s);
	} else {
		age_identity_new(id);
		rc = write_key(path.s, id, pass);
		if (rc)
			age_identity_wipe(id);
	}
	buf_release(&path);
	return rc;
}

int key_unlock(const char *root, const char *pass, struct age_identity *id)
{
	struct buf path = BUF_INIT, sealed = BUF_INIT, text = BUF_INIT;
	int rc;

	path_join(&path, root, KEY_FILE);
	rc = fs_read(path.s, KEY_FILE_MAX, &sealed, FS_MISSING_OK);
	if (rc == 1) {
		rc = error("'%s' is missing: the journal's key is not there",
			   path.s);
	} else if (!rc) {
		rc = age_decrypt_passphrase(pass, sealed.s, sealed.len, &text);
		if (rc == AGE_NOT_MINE)
			rc = error_as(FAIL_LOCKED, "wrong passphrase: the "
				      "journal stays locked");
		else if (rc)
			rc = error("cannot read '%s': %s", path.s,
				   age_error(rc));
		else if (age_identity_parse(text.s, id))
			rc = error("'%s' holds no key", path.s);
	}
	age_wipe(text.s, text.len);
	buf_release(&text);
	buf_release(&sealed);
	buf_release(&path);
	return rc;
}

int key_relock(const char *root, const struct age_identity *id,
	       const char *pass)
{
	struct buf path = BUF_INIT;
	int rc;

	path_join(&path, root, KEY_FILE);
	rc = write_key(path.s, id, pass);
	buf_release(&path);
	return rc;
}

/* --- a key kept unlocked ------------------------------------------------ */

/*
 * The name the key of the journal at root is kept under: "tend:key:" and
 * a hash of its KEY_FILE, so that clones of one journal share it and a
 * new passphrase names another. Returns 0 or FAIL after reporting.
 */
static int kept_name(const char *root, struct buf *name)
{
	struct buf path = BUF_INIT, sealed = BUF_INIT;
	int rc;

	path_join(&path, root, KEY_FILE);
	rc = fs_read(path.s, KEY_FILE_MAX, &sealed, 0);
	if (!rc) {
		buf_reset(name);
		buf_addf(name, "tend:key:%016" PRIx64,
			 hash_add(HASH_INIT, sealed.s, sealed.len));
	}
	buf_release(&path);
	buf_release(&sealed);
	return rc < 0 ? FAIL : 0;
}

int key_keep(const char *root, const struct age_identity *id, long seconds)
{
	struct buf name = BUF_INIT;
	key_serial_t k;
	int rc;

	if ((rc = kept_name(root, &name)) < 0)
		return rc;
	k = add_key("user", name.s, id->secret, sizeof(id->secret),
		    KEY_SPEC_USER_KEYRING);
	if (k < 0 ||
	    keyctl_setperm(k, KEY_POS_ALL | KEY_USR_VIEW | KEY_USR_READ |
			   KEY_USR_WRITE | KEY_USR_SEARCH | KEY_USR_LINK |
			   KEY_USR_SETATTR) < 0 ||
	    keyctl_set_timeout(k, (unsigned)(seconds > 0 ? seconds : 1)) < 0) {
		rc = error("cannot keep the journal unlocked: %s",
			   strerror(errno));
		if (k >= 0)
			keyctl_invalidate(k);
	}
	buf_release(&name);
	return rc;
}

/*
 * The key kept for the journal at root, into *k (-1 when none is).
 * Returns 0 or FAIL after reporting.
 */
static int find_kept(const char *root, key_serial_t *k)
{
	struct buf name = BUF_INIT;
	int rc = kept_name(root, &name);

	*k = rc ? -1 : keyctl_search(KEY_SPEC_USER_KEYRING, "user", name.s,
				     0);
	buf_release(&name);
	return rc;
}

int key_kept(const char *root, struct age_identity *id)
{
	unsigned char secret[AGE_KEY_BYTES];
	key_serial_t k;
	int rc;

	if ((rc = find_kept(root, &k)) < 0)
		return rc;
	rc = k >= 0 && keyctl_read(k, (char *)secret, sizeof(secret)) ==
		       (long)sizeof(secret) ? 0 : 1;
	if (!rc)
		age_identity_from(id, secret);
	age_wipe(secret, sizeof(secret));
	return rc;
}

int key_forget(const char *root)
{
	key_serial_t k;
	int rc;

	if ((rc = find_kept(root, &k)) < 0)
		return rc;
	if (k >= 0 && keyctl_invalidate(k) < 0 &&
	    keyctl_unlink(k, KEY_SPEC_USER_KEYRING) < 0)
		rc = error("cannot forget the journal's key: %s",
			   strerror(errno));
	return rc;
}

/* --- the passphrase ------------------------------------------------------ */

void key_passphrase_release(struct buf *b)
{
	age_wipe(b->s, b->alloc);
	buf_release(b);
}

/* Leave out of b the line break at its end ("\n" or "\r\n"). */
static void chomp(struct buf *b)
{
	if (b->len && b->s[b->len - 1] == '\n')
		b->s[--b->len] = '\0';
	if (b->len && b->s[b->len - 1] == '\r')
		b->s[--b->len] = '\0';
}

/* The passphrase that the command cmd prints, into out. */
static int from_command(const char *cmd, struct buf *out)
{
	char chunk[256];
	FILE *p = popen(cmd, "r");
	size_t n;
	int status;

	if (!p)
		return error("cannot run TEND_PASSPHRASE_COMMAND: %s",
			     strerror(errno));
	buf_grow(out, KEY_PASSPHRASE_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		if (out->len + n <= KEY_PASSPHRASE_MAX)
			buf_add(out, chunk, n);
	age_wipe(chunk, sizeof(chunk));
	status = pclose(p);
	if (status == -1)
		return error("cannot run TEND_PASSPHRASE_COMMAND: %s",
			     strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return error_as(FAIL_USAGE, "TEND_PASSPHRASE_COMMAND failed "
				"(%s %d): the journal stays locked",
				WIFEXITED(status) ? "exit" : "signal",
				WIFEXITED(status) ? WEXITSTATUS(status)
						  : WTERMSIG(status));
	chomp(out);
	if (memchr(out->s, '\n', out->len))
		return error_as(FAIL_USAGE, "TEND_PASSPHRASE_COMMAND printed "
				"more than one line");
	return 0;
}

/* The terminal's state while a passphrase is typed, to put back. */
static struct termios saved_term;
static int saved_fd = -1;

/* A signal while echo is off: echo on again, then die of it. */
static void restore_and_die(int sig)
{
	if (saved_fd >= 0)
		tcsetattr(saved_fd, TCSANOW, &saved_term);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Ask prompt on the terminal fd and read a line, echo off, into out. */
static int ask(int fd, const char *prompt, struct buf *out)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa, old[4];
	struct termios quiet;
	int rc = 0, on = !tcgetattr(fd, &saved_term);
	char c;
	ssize_t n = 0;

	buf_reset(out);
	/* room for all of it: no copy of a part left behind by a realloc */
	buf_grow(out, KEY_PASSPHRASE_MAX);
	/* echo off before the prompt shows: what is typed after it is not */
	if (on) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = restore_and_die;
		saved_fd = fd;
		for (int i = 0; i < 4; i++)
			sigaction(sigs[i], &sa, &old[i]);
		quiet = saved_term;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		/* now: what was typed ahead stays, as a script feeds it */
		tcsetattr(fd, TCSANOW, &quiet);
	}
	if (fs_write_all(fd, prompt, strlen(prompt)) < 0)
		rc = error("cannot ask for the passphrase: %s",
			   strerror(errno));
	while (!rc && (n = read(fd, &c, 1)) == 1 && c != '\n')
		if (out->len < KEY_PASSPHRASE_MAX)
			buf_addch(out, c);
	if (!rc && n < 0)
		rc = error("cannot read the passphrase: %s", strerror(errno));
	c = 0;
	if (on) {
		tcsetattr(fd, TCSANOW, &saved_term);
		for (int i = 0; i < 4; i++)
			sigaction(sigs[i], &old[i], NULL);
		saved_fd = -1;
	}
	fs_write_all(fd, "\n", 1);
	if (!rc)
		chomp(out);
	return rc;
}

/*
 * Ask on the terminal tty, twice with confirm (a new passphrase). With no
 * terminal: FAIL_LOCKED, or FAIL_USAGE for a new passphrase, after
 * saying to set the variable env instead.
 */
static int from_terminal(const char *tty, const char *prompt, int confirm,
			 const char *env, struct buf *out)
{
	struct buf again = BUF_INIT;
	int fd = open(tty ? tty : "/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	int rc;

	if (fd < 0 && confirm)
		return error_as(FAIL_USAGE, "there is no terminal to ask for "
				"the new passphrase on; set %s", env);
	if (fd < 0)
		return error_as(FAIL_LOCKED, "the journal is locked and there "
				"is no terminal to ask for its passphrase on; "
				"set %s, or run tend unlock", env);
	rc = ask(fd, prompt, out);
	if (!rc && confirm && out->len) {
		rc = ask(fd, "Again, to be sure: ", &again);
		if (!rc && (again.len != out->len ||
			    memcmp(again.s, out->s, out->len)))
			rc = error_as(FAIL_USAGE, "the two passphrases "
				      "differ; nothing was changed");
	}
	key_passphrase_release(&again);
	close(fd);
	return rc;
}

/*
 * The passphrase of the file that the environment variable env names,
 * its one line, into out. Returns 0, FAIL or FAIL_USAGE.
 */
static int from_file(const char *env, const char *file, struct buf *out)
{
	int rc = fs_read(file, KEY_PASSPHRASE_MAX, out, FS_FOLLOW);

	if (!rc) {
		chomp(out);
		if (memchr(out->s, '\n', out->len))
			rc = error_as(FAIL_USAGE, "'%s' holds more than one "
				      "line; %s is one line, the passphrase",
				      file, env);
	}
	return rc;
}

/* Refuse an empty passphrase; wipe out on failure. */
static int passphrase_done(int rc, struct buf *out)
{
	if (!rc && !out->len)
		rc = error_as(FAIL_USAGE, "the passphrase is empty");
	if (rc)
		key_passphrase_release(out);
	return rc;
}

int key_passphrase(const char *prompt, int confirm, const char *tty,
		   struct buf *out)
{
	const char *file = getenv("TEND_PASSPHRASE_FILE");
	const char *cmd = getenv("TEND_PASSPHRASE_COMMAND");
	int rc;

	buf_reset(out);
	if (file && *file)
		rc = from_file("TEND_PASSPHRASE_FILE", file, out);
	else if (cmd && *cmd)
		rc = from_command(cmd, out);
	else
		rc = from_terminal(tty, prompt, confirm, "TEND_PASSPHRASE_FILE "
				   "or TEND_PASSPHRASE_COMMAND", out);
	return passphrase_done(rc, out);
}

int key_ask(const char *root, const char *prompt, struct age_identity *id)
{
	struct buf pass = BUF_INIT;
	int rc = key_passphrase(prompt, 0, NULL, &pass);

	if (rc == FAIL_USAGE)
		rc = FAIL_LOCKED;
	if (!rc)
		rc = key_unlock(root, pass.s, id);
	key_passphrase_release(&pass);
	return rc;
}

int key_new_passphrase(const char *prompt, const char *tty, struct buf *out)
{
	const char *file = getenv("TEND_NEW_PASSPHRASE_FILE");
	int rc;

	buf_reset(out);
	if (file && *file)
		rc = from_file("TEND_NEW_PASSPHRASE_FILE", file, out);
	else
		rc = from_terminal(tty, prompt, 1, "TEND_NEW_PASSPHRASE_FILE",
				   out);
	return passphrase_done(rc, out);
}
