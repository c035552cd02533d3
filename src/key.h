/*
 * The key of an encrypted journal: one age identity (age.h), kept in the
 * journal as KEY_FILE, an age file locked with the user's passphrase
 * (age's scrypt recipient), so that every clone holds it and the stock
 * age tool reads any of the journal's files with it alone: `age -d -i
 * key.age FILE.age` asks for the passphrase and prints the file.
 *
 * The passphrase comes from TEND_PASSPHRASE_FILE (a file that holds it),
 * TEND_PASSPHRASE_COMMAND (a command that prints it, run by /bin/sh:
 * `pass show tend`), or the terminal, asked with echo off. An unlocked
 * key may be kept for a while in the kernel's user keyring.
 */
#ifndef TEND_KEY_H
#define TEND_KEY_H

#include "age.h"
#include "buf.h"

#define KEY_FILE "key.age"

/*
 * The scrypt work factor (log2 N) of a key.age tend writes: 64 MiB and
 * a fraction of a second to unlock, so that unlocking stays under 1 s
 * and 128 MiB on a small machine; key.age files of age's own work
 * factor (18) and up to AGE_SCRYPT_MAX_LOG_N are read too.
 */
#define KEY_LOG_N 16

/* The most bytes of a passphrase read from a file, command or terminal. */
#define KEY_PASSPHRASE_MAX 1024

/*
 * Make a new key for the journal at root, locked with pass, into its
 * KEY_FILE (refused when there is one); the identity into id. Returns 0
 * or FAIL after reporting.
 */
int key_create(const char *root, const char *pass, struct age_identity *id);

/*
 * The text of a KEY_FILE that holds id locked with pass, into out.
 * Returns 0 or FAIL after reporting.
 */
int key_seal(const struct age_identity *id, const char *pass,
	     struct buf *out);

/*
 * Unlock the key of the journal at root with pass into id. Returns 0;
 * FAIL_LOCKED after reporting a wrong passphrase; FAIL after reporting a
 * KEY_FILE missing, damaged or not a key.
 */
int key_unlock(const char *root, const char *pass, struct age_identity *id);

/*
 * Lock the key id anew with the passphrase pass: the journal's KEY_FILE
 * is replaced, atomically. Returns 0 or FAIL after reporting.
 */
int key_relock(const char *root, const struct age_identity *id,
	       const char *pass);

/*
 * Keep the unlocked key id of the journal at root for seconds: in the
 * kernel's user keyring (libkeyutils), named after the journal's
 * KEY_FILE, readable by the user's own processes, dropped by the kernel
 * when the time is up or by key_forget(). A new passphrase (a new
 * KEY_FILE) leaves it behind: the next command asks again. Returns 0 or
 * FAIL after reporting.
 */
int key_keep(const char *root, const struct age_identity *id, long seconds);

/*
 * The key kept for the journal at root, into id: returns 0; 1 when none
 * is kept (never, or its time is up, or forgotten); FAIL after reporting
 * a KEY_FILE that cannot be read.
 */
int key_kept(const char *root, struct age_identity *id);

/*
 * Forget the key kept for the journal at root, at once (none kept:
 * nothing to do). Returns 0 or FAIL after reporting.
 */
int key_forget(const char *root);

/*
 * The passphrase, into out: from TEND_PASSPHRASE_FILE (its one line, the
 * line break left out), else from TEND_PASSPHRASE_COMMAND (what it
 * prints, the last line break left out), else asked on the terminal tty
 * (NULL: /dev/tty) with prompt, and with confirm asked again to be sure.
 * Returns 0; when there is no terminal to ask on, FAIL_LOCKED (or with
 * confirm, asking for a new one, FAIL_USAGE) after saying how to give
 * one; FAIL_USAGE after reporting an empty passphrase, two that differ,
 * or a file or command that gave none.
 */
int key_passphrase(const char *prompt, int confirm, const char *tty,
		   struct buf *out);

/*
 * A new passphrase, into out: from TEND_NEW_PASSPHRASE_FILE, else asked
 * twice on the terminal tty (NULL: /dev/tty) with prompt. Returns as
 * key_passphrase().
 */
int key_new_passphrase(const char *prompt, const char *tty, struct buf *out);

/*
 * Ask for the passphrase (key_passphrase(), with prompt) and unlock the
 * key of the journal at root with it into id. Returns 0, or FAIL_LOCKED
 * (a wrong passphrase, none given, or none to be had) or FAIL after
 * reporting.
 */
int key_ask(const char *root, const char *prompt, struct age_identity *id);

/* Wipe the passphrase in b and release it. */
void key_passphrase_release(struct buf *b);

#endif
