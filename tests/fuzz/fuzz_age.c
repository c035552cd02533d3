/*
 * A libFuzzer target of age.c: the input is a file that claims to be an
 * age file, as a clone could fetch one from a remote. It is read with
 * one fixed identity (the seeds in tests/fuzz/corpus/age/ are encrypted
 * to it, so inputs reach the MAC and the payload). Reading gives a known
 * code, nothing else; a file that opens, sealed again, opens to the same
 * bytes; a file refused leaves no plain text behind.
 */
#include "age.h"
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The seeds' identity: its secret is 32 bytes of 0x42. */
static struct age_identity id;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct buf text = BUF_INIT;
	unsigned char secret[AGE_KEY_BYTES];

	(void)argc;
	(void)argv;
	if (age_init() < 0)
		abort();
	memset(secret, 0x42, sizeof(secret));
	memcpy(id.secret, secret, sizeof(secret));
	/* the recipient, through the key's text as age writes it */
	age_identity_text(&id, &text);
	if (age_identity_parse(text.s, &id))
		abort();
	buf_release(&text);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT, sealed = BUF_INIT, again = BUF_INIT;
	int rc = age_decrypt(&id, data, size, &out);

	if (rc != AGE_OK && rc != AGE_BAD && rc != AGE_NOT_MINE &&
	    rc != AGE_UNSUPPORTED)
		abort();
	if (rc != AGE_OK && out.len)
		abort();
	if (rc == AGE_OK) {
		if (age_encrypt(&id.recipient, 1, out.s, out.len, &sealed) ||
		    age_decrypt(&id, sealed.s, sealed.len, &again) ||
		    again.len != out.len ||
		    (out.len && memcmp(again.s, out.s, out.len)))
			abort();
	}
	buf_release(&out);
	buf_release(&sealed);
	buf_release(&again);
	return 0;
}
