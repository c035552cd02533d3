/*
 * age files (age-encryption.org/v1, c2sp.org/age): the format an
 * encrypted journal keeps every file in, so that the stock `age` tool
 * reads any of them. Files are encrypted to X25519 recipients or to a
 * passphrase (scrypt), whole, in memory; the payload is age's STREAM of
 * 64 KiB chunks. Built on libsodium, with the Bech32 key strings and the
 * header's text done here.
 *
 * Nothing here reports: a failure is an AGE_* code, which age_error()
 * puts in words. Secrets (identities, file keys, passphrase keys) are
 * wiped from memory once used.
 */
#ifndef TEND_AGE_H
#define TEND_AGE_H

#include <stddef.h>

#include "buf.h"

#define AGE_KEY_BYTES 32

/* The scrypt work factor (log2 N) tend writes with, and the most it reads. */
#define AGE_SCRYPT_LOG_N 18
#define AGE_SCRYPT_MAX_LOG_N 22

enum {
	AGE_OK = 0,
	AGE_BAD = -1,		/* not an age file, damaged or changed */
	AGE_NOT_MINE = -2,	/* for another key, or another passphrase */
	AGE_UNSUPPORTED = -3,	/* a version or work factor tend does not read */
	AGE_NO_CRYPTO = -4	/* libsodium could not start */
};

/* An X25519 identity: its secret, and the recipient it decrypts for. */
struct age_identity {
	unsigned char secret[AGE_KEY_BYTES];
	unsigned char recipient[AGE_KEY_BYTES];
};

/* Start libsodium (once; safe to call again). Returns 0 or AGE_NO_CRYPTO. */
int age_init(void);

/* What code (AGE_*) means, in words: "the file is damaged or changed". */
const char *age_error(int code);

/* A new identity from the system's random source. */
void age_identity_new(struct age_identity *id);

/* The identity whose secret is secret, into id. */
void age_identity_from(struct age_identity *id,
		       const unsigned char secret[AGE_KEY_BYTES]);

/* Wipe id. */
void age_identity_wipe(struct age_identity *id);

/*
 * The identity as age writes it: "AGE-SECRET-KEY-1..." (Bech32,
 * upper case), into out.
 */
void age_identity_text(const struct age_identity *id, struct buf *out);

/* Its recipient as age writes it: "age1..." (Bech32), into out. */
void age_recipient_text(const unsigned char recipient[AGE_KEY_BYTES],
			struct buf *out);

/*
 * Read an identity written as age writes it into id: its one key line,
 * with blank lines and "# " comments around it, as in a file that
 * age-keygen writes. Returns 0 or AGE_BAD.
 */
int age_identity_parse(const char *s, struct age_identity *id);

/* Read a recipient "age1..." into recipient. Returns 0 or AGE_BAD. */
int age_recipient_parse(const char *s, unsigned char recipient[AGE_KEY_BYTES]);

/*
 * Encrypt plain[0..len) to the recipients r[0..n) as an age file, into
 * out. Returns 0; AGE_BAD for no recipient, or one that is not a key
 * (a point of low order); or AGE_NO_CRYPTO.
 */
int age_encrypt(const unsigned char (*r)[AGE_KEY_BYTES], size_t n,
		const void *plain, size_t len, struct buf *out);

/*
 * Encrypt plain[0..len) to the passphrase pass with the scrypt work
 * factor 2^log_n, as an age file, into out. Returns 0 or AGE_NO_CRYPTO.
 */
int age_encrypt_passphrase(const char *pass, int log_n, const void *plain,
			   size_t len, struct buf *out);

/*
 * Decrypt the age file data[0..len) with the identity id into out.
 * Returns 0; AGE_NOT_MINE when no stanza is for id (or the file is for
 * a passphrase); AGE_BAD when it is not a whole, unchanged age file;
 * AGE_UNSUPPORTED for another version of the format.
 */
int age_decrypt(const struct age_identity *id, const void *data, size_t len,
		struct buf *out);

/*
 * Decrypt the age file data[0..len), encrypted to a passphrase, with
 * pass, into out. Returns as age_decrypt(), AGE_NOT_MINE also for a
 * wrong passphrase, and AGE_UNSUPPORTED for a work factor over
 * AGE_SCRYPT_MAX_LOG_N.
 */
int age_decrypt_passphrase(const char *pass, const void *data, size_t len,
			   struct buf *out);

/* Wipe p[0..n) so that no compiler leaves it out. */
void age_wipe(void *p, size_t n);

/* Does data[0..len) start as an age file does? */
int age_is_age(const void *data, size_t len);

#endif
