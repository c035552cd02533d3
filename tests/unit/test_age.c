/*
 * Unit tests of age.c: the key strings of the spec's example, files
 * that come back whole for every size around a chunk's, files changed,
 * cut short or for someone else refused, the passphrase, and the stock
 * `age` tool (Debian's age) reading what tend writes and tend reading
 * what it writes.
 */
#include "age.h"
#include "fs.h"
#include "unit.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

static const char *dir;	/* the test's folder (main) */

/* The plain text of n bytes that tests write: a pattern, not zeros. */
static void plain_of(size_t n, struct buf *out)
{
	buf_reset(out);
	for (size_t i = 0; i < n; i++)
		buf_addch(out, (char)('a' + (i * 7 + i / 251) % 26));
}

/* Write data[0..n) to the file name in dir; its path into path. */
static void put_file(const char *name, const void *data, size_t n,
		     struct buf *path)
{
	FILE *f;

	buf_reset(path);
	buf_addf(path, "%s/%s", dir, name);
	f = fopen(path->s, "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f)) {
		printf("Bail out! cannot write %s\n", path->s);
		exit(1);
	}
}

/* Read the file at path (which may be out's own text) into out.
 * Returns 0, or -1 when it cannot. */
static int get_file(const char *path, struct buf *out)
{
	char *copy = xstrdup(path);
	int rc = fs_read(copy, 1 << 24, out, FS_QUIET) ? -1 : 0;

	free(copy);
	return rc;
}

static int same(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && !memcmp(a->s, b->s, a->len);
}

/* The spec's example identity and recipient (c2sp.org/age). */
static void test_key_strings(void)
{
	static const char id_text[] = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYY"
		"SJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
	static const char r_text[] = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s"
		"82hzrye869xeexvn73equnujwj";
	struct age_identity id;
	unsigned char r[AGE_KEY_BYTES];
	struct buf b = BUF_INIT;
	char text[sizeof(id_text)];

	CHECK_INT(age_identity_parse(id_text, &id), 0);
	age_recipient_text(id.recipient, &b);
	CHECK_STR(b.s, r_text);
	age_identity_text(&id, &b);
	CHECK_STR(b.s, id_text);
	CHECK_INT(age_recipient_parse(r_text, r), 0);
	CHECK(!memcmp(r, id.recipient, sizeof(r)));
	/* in a file as age-keygen writes it, and in lower case */
	buf_reset(&b);
	buf_addf(&b, "# created: 2026-12-04\n# public key: %s\n%s\n", r_text,
		 id_text);
	CHECK_INT(age_identity_parse(b.s, &id), 0);
	for (size_t i = 0; i < sizeof(id_text); i++)
		text[i] = (char)(id_text[i] >= 'A' && id_text[i] <= 'Z'
				 ? id_text[i] | 0x20 : id_text[i]);
	CHECK_INT(age_identity_parse(text, &id), 0);
	/* a character changed, cases mixed, two keys, the wrong kind */
	memcpy(text, id_text, sizeof(id_text));
	text[30] = text[30] == 'Z' ? 'Y' : 'Z';
	CHECK_INT(age_identity_parse(text, &id), AGE_BAD);
	memcpy(text, id_text, sizeof(id_text));
	text[40] = (char)(text[40] | 0x20);
	CHECK_INT(age_identity_parse(text, &id), AGE_BAD);
	buf_reset(&b);
	buf_addf(&b, "%s\n%s\n", id_text, id_text);
	CHECK_INT(age_identity_parse(b.s, &id), AGE_BAD);
	CHECK_INT(age_identity_parse(r_text, &id), AGE_BAD);
	CHECK_INT(age_recipient_parse(id_text, r), AGE_BAD);
	CHECK_INT(age_recipient_parse("age1", r), AGE_BAD);
	CHECK_INT(age_identity_parse("", &id), AGE_BAD);
	buf_release(&b);
}

/* Files of every size around a chunk's come back whole. */
static void test_round_trip(void)
{
	static const size_t sizes[] = {
		0, 1, 15, 16, 17, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK,
		3 * CHUNK + 5
	};
	struct age_identity id, other;
	struct buf plain = BUF_INIT, sealed = BUF_INIT, back = BUF_INIT;
	unsigned char r[2][AGE_KEY_BYTES];

	age_identity_new(&id);
	age_identity_new(&other);
	memcpy(r[0], other.recipient, AGE_KEY_BYTES);
	memcpy(r[1], id.recipient, AGE_KEY_BYTES);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(*sizes); k++) {
		char what[80];

		plain_of(sizes[k], &plain);
		snprintf(what, sizeof(what), "%zu bytes come back whole",
			 sizes[k]);
		unit_check(!age_encrypt(r + 1, 1, plain.s, plain.len,
					&sealed) &&
			   !age_decrypt(&id, sealed.s, sealed.len, &back) &&
			   same(&plain, &back), what, __FILE__, __LINE__);
		snprintf(what, sizeof(what), "%zu bytes: not in the clear",
			 sizes[k]);
		unit_check(sizes[k] < 16 ||
			   !memmem(sealed.s, sealed.len, plain.s, 16), what,
			   __FILE__, __LINE__);
	}
	/* two recipients: each reads it */
	plain_of(1000, &plain);
	CHECK_INT(age_encrypt(r, 2, plain.s, plain.len, &sealed), 0);
	CHECK(!age_decrypt(&id, sealed.s, sealed.len, &back) &&
	      same(&plain, &back));
	CHECK(!age_decrypt(&other, sealed.s, sealed.len, &back) &&
	      same(&plain, &back));
	/* no recipient, or one of no use (zero, a point of low order) */
	CHECK_INT(age_encrypt(r, 0, plain.s, plain.len, &back), AGE_BAD);
	memset(r[0], 0, AGE_KEY_BYTES);
	CHECK_INT(age_encrypt(r, 1, plain.s, plain.len, &back), AGE_BAD);
	memcpy(r[0], other.recipient, AGE_KEY_BYTES);
	/* the same text twice: two different files */
	CHECK_INT(age_encrypt(r + 1, 1, plain.s, plain.len, &back), 0);
	CHECK(!same(&sealed, &back));
	age_identity_wipe(&id);
	age_identity_wipe(&other);
	buf_release(&plain);
	buf_release(&sealed);
	buf_release(&back);
}

/* Files changed anywhere, cut short, or for someone else are refused. */
static void test_refused(void)
{
	struct age_identity id, other;
	struct buf plain = BUF_INIT, sealed = BUF_INIT, bad = BUF_INIT;
	struct buf back = BUF_INIT;
	size_t header_end, flips = 0, refused = 0;

	age_identity_new(&id);
	age_identity_new(&other);
	plain_of(2 * CHUNK + 100, &plain);
	CHECK_INT(age_encrypt(&id.recipient, 1, plain.s, plain.len, &sealed),
		  0);
	CHECK_INT(age_decrypt(&other, sealed.s, sealed.len, &back),
		  AGE_NOT_MINE);
	CHECK_INT(back.len, 0);
	header_end = (size_t)((char *)memmem(sealed.s, sealed.len, "\n--- ",
					     5) - sealed.s) + 5 + 43 + 1;
	/* a bit flipped in every 97th byte: header, nonce, each chunk */
	for (size_t at = 0; at < sealed.len; at += 97) {
		int rc;

		buf_reset(&bad);
		buf_add(&bad, sealed.s, sealed.len);
		bad.s[at] ^= 0x04;
		rc = age_decrypt(&id, bad.s, bad.len, &back);
		flips++;
		refused += rc == AGE_BAD || (at < header_end && rc < 0);
	}
	CHECK_INT(refused, flips);
	/* cut at the end of a chunk, inside one, after the header */
	CHECK_INT(age_decrypt(&id, sealed.s, header_end + 16 + CHUNK + 16,
			      &back), AGE_BAD);
	CHECK_INT(age_decrypt(&id, sealed.s, sealed.len - 1, &back), AGE_BAD);
	CHECK_INT(age_decrypt(&id, sealed.s, header_end + 16, &back),
		  AGE_BAD);
	CHECK_INT(age_decrypt(&id, sealed.s, header_end, &back), AGE_BAD);
	CHECK_INT(age_decrypt(&id, sealed.s, 30, &back), AGE_BAD);
	/* a chunk more, copied from its own: refused */
	buf_reset(&bad);
	buf_add(&bad, sealed.s, sealed.len);
	buf_add(&bad, sealed.s + header_end + 16, CHUNK + 16);
	CHECK_INT(age_decrypt(&id, bad.s, bad.len, &back), AGE_BAD);
	/* another version of the format, and not age at all */
	buf_reset(&bad);
	buf_adds(&bad, "age-encryption.org/v2\n");
	CHECK_INT(age_decrypt(&id, bad.s, bad.len, &back), AGE_UNSUPPORTED);
	CHECK_INT(age_decrypt(&id, plain.s, plain.len, &back), AGE_BAD);
	CHECK(age_is_age(sealed.s, sealed.len));
	CHECK(!age_is_age(plain.s, plain.len));
	age_identity_wipe(&id);
	age_identity_wipe(&other);
	buf_release(&plain);
	buf_release(&sealed);
	buf_release(&bad);
	buf_release(&back);
}

/* A passphrase, at a small work factor for speed; at the most read. */
static void test_passphrase(void)
{
	struct buf plain = BUF_INIT, sealed = BUF_INIT, back = BUF_INIT;
	struct age_identity id;
	char *p;

	plain_of(CHUNK + 3, &plain);
	CHECK_INT(age_encrypt_passphrase("correct horse", 10, plain.s,
					 plain.len, &sealed), 0);
	CHECK(!age_decrypt_passphrase("correct horse", sealed.s, sealed.len,
				      &back) && same(&plain, &back));
	CHECK_INT(age_decrypt_passphrase("correct horse ", sealed.s,
					 sealed.len, &back), AGE_NOT_MINE);
	CHECK_INT(back.len, 0);
	/* not for an identity */
	age_identity_new(&id);
	CHECK_INT(age_decrypt(&id, sealed.s, sealed.len, &back),
		  AGE_NOT_MINE);
	/* a work factor over the most tend reads */
	p = strstr(sealed.s, " 10\n");
	CHECK(p != NULL);
	if (p) {
		memcpy(p, " 23", 3);
		CHECK_INT(age_decrypt_passphrase("correct horse", sealed.s,
						 sealed.len, &back),
			  AGE_UNSUPPORTED);
		memcpy(p, " 0a", 3);
		CHECK_INT(age_decrypt_passphrase("correct horse", sealed.s,
						 sealed.len, &back), AGE_BAD);
	}
	/* an identity's file is not for a passphrase */
	CHECK_INT(age_encrypt(&id.recipient, 1, "x", 1, &sealed), 0);
	CHECK_INT(age_decrypt_passphrase("x", sealed.s, sealed.len, &back),
		  AGE_NOT_MINE);
	age_identity_wipe(&id);
	buf_release(&plain);
	buf_release(&sealed);
	buf_release(&back);
}

/* The stock age tool reads what tend writes; tend what it writes. */
static void test_age_tool(void)
{
	struct age_identity id;
	struct buf plain = BUF_INIT, sealed = BUF_INIT, back = BUF_INIT;
	struct buf key = BUF_INIT, kpath = BUF_INIT, path = BUF_INIT;
	struct buf cmd = BUF_INIT, r = BUF_INIT;
	static const size_t sizes[] = { 0, 5, CHUNK, 3 * CHUNK + 7 };

	if (unit_run("age --version >/dev/null 2>&1") != 0) {
		CHECK(!"the age tool is installed (make deps installs it)");
		return;
	}
	age_identity_new(&id);
	age_identity_text(&id, &key);
	buf_addch(&key, '\n');
	put_file("key.txt", key.s, key.len, &kpath);
	age_recipient_text(id.recipient, &r);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(*sizes); k++) {
		char what[80];

		plain_of(sizes[k], &plain);
		age_encrypt(&id.recipient, 1, plain.s, plain.len, &sealed);
		put_file("by-tend.age", sealed.s, sealed.len, &path);
		buf_reset(&cmd);
		/* into a file the shell makes: age makes none for nothing */
		buf_addf(&cmd, "age -d -i '%s' '%s' >'%s/out'", kpath.s,
			 path.s, dir);
		snprintf(what, sizeof(what),
			 "age reads %zu bytes tend wrote", sizes[k]);
		buf_reset(&back);
		buf_addf(&back, "%s/out", dir);
		unit_check(unit_run(cmd.s) == 0 && !get_file(back.s, &back) &&
			   same(&plain, &back), what, __FILE__, __LINE__);

		put_file("plain", plain.s, plain.len, &path);
		buf_reset(&cmd);
		buf_addf(&cmd, "age -r '%s' -o '%s/by-age.age' '%s'", r.s,
			 dir, path.s);
		buf_reset(&path);
		buf_addf(&path, "%s/by-age.age", dir);
		snprintf(what, sizeof(what),
			 "tend reads %zu bytes age wrote", sizes[k]);
		unit_check(unit_run(cmd.s) == 0 && !get_file(path.s, &sealed) &&
			   !age_decrypt(&id, sealed.s, sealed.len, &back) &&
			   same(&plain, &back), what, __FILE__, __LINE__);
	}
	/* a key that age-keygen made */
	buf_reset(&cmd);
	buf_addf(&cmd, "age-keygen -o '%s/keygen.txt' 2>/dev/null", dir);
	buf_reset(&path);
	buf_addf(&path, "%s/keygen.txt", dir);
	CHECK(unit_run(cmd.s) == 0 && !get_file(path.s, &key) &&
	      !age_identity_parse(key.s, &id));
	buf_reset(&cmd);
	buf_addf(&cmd, "printf 'from age' | age -e -i '%s' -o '%s/k.age'",
		 path.s, dir);
	buf_reset(&path);
	buf_addf(&path, "%s/k.age", dir);
	CHECK(unit_run(cmd.s) == 0 && !get_file(path.s, &sealed) &&
	      !age_decrypt(&id, sealed.s, sealed.len, &back) &&
	      back.len == 8 && !memcmp(back.s, "from age", 8));

	/*
	 * Passphrases, typed at age's prompt on a terminal (script(1) gives
	 * it one): age reads a file tend locked with one, and tend one age
	 * locked; and an entry read with the journal's own key as the issue
	 * promises, `age -d -i key.age ENTRY.age`, key.age locked with the
	 * passphrase.
	 */
	plain_of(CHUNK + 9, &plain);
	age_encrypt_passphrase("two words", 10, plain.s, plain.len, &sealed);
	put_file("pass.age", sealed.s, sealed.len, &path);
	buf_reset(&cmd);
	buf_addf(&cmd, "printf 'two words\\n' | script -qec \"age -d -o "
		 "'%s/out' '%s'\" /dev/null >/dev/null", dir, path.s);
	buf_reset(&back);
	buf_addf(&back, "%s/out", dir);
	CHECK(unit_run(cmd.s) == 0 && !get_file(back.s, &back) &&
	      same(&plain, &back));
	put_file("plain", plain.s, plain.len, &path);
	buf_reset(&cmd);
	buf_addf(&cmd, "printf 'two words\\ntwo words\\n' | script -qec "
		 "\"age -p -o '%s/pass2.age' '%s'\" /dev/null >/dev/null",
		 dir, path.s);
	buf_reset(&path);
	buf_addf(&path, "%s/pass2.age", dir);
	CHECK(unit_run(cmd.s) == 0 && !get_file(path.s, &sealed) &&
	      !age_decrypt_passphrase("two words", sealed.s, sealed.len,
				      &back) && same(&plain, &back));
	CHECK_INT(age_decrypt_passphrase("two word", sealed.s, sealed.len,
					 &back), AGE_NOT_MINE);

	age_identity_new(&id);
	age_identity_text(&id, &key);
	buf_addch(&key, '\n');
	age_encrypt_passphrase("my journal", 10, key.s, key.len, &sealed);
	put_file("key.age", sealed.s, sealed.len, &kpath);
	age_encrypt(&id.recipient, 1, "# A hard day\n", 13, &sealed);
	put_file("entry.md.age", sealed.s, sealed.len, &path);
	buf_reset(&cmd);
	buf_addf(&cmd, "printf 'my journal\\n' | script -qec \"age -d -i "
		 "'%s' -o '%s/out' '%s'\" /dev/null >/dev/null", kpath.s,
		 dir, path.s);
	buf_reset(&back);
	buf_addf(&back, "%s/out", dir);
	CHECK(unit_run(cmd.s) == 0 && !get_file(back.s, &back) &&
	      back.len == 13 && !memcmp(back.s, "# A hard day\n", 13));

	age_identity_wipe(&id);
	buf_release(&plain);
	buf_release(&sealed);
	buf_release(&back);
	buf_release(&key);
	buf_release(&kpath);
	buf_release(&path);
	buf_release(&cmd);
	buf_release(&r);
}

int main(void)
{
	if (age_init() < 0) {
		printf("Bail out! cannot start libsodium\n");
		return 1;
	}
	dir = unit_temp_dir("age");
	test_key_strings();
	test_round_trip();
	test_refused();
	test_passphrase();
	test_age_tool();
	if (fs_remove_tree(dir, 1) < 0)
		printf("# cannot remove '%s'\n", dir);
	return unit_done();
}
