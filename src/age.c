/*
 * age files (see age.h), following c2sp.org/age: a text header that
 * wraps a 16-byte file key for each recipient and ends with an HMAC of
 * itself, then a 16-byte nonce and the payload in chunks of 64 KiB,
 * each sealed with ChaCha20-Poly1305 under a key made from the file key
 * and the nonce.
 */
#include "age.h"
#include "util.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define VERSION_LINE "age-encryption.org/v1\n"
#define VERSION_ANY "age-encryption.org/"
#define FILE_KEY_BYTES 16
#define NONCE_BYTES 16
#define TAG_BYTES crypto_aead_chacha20poly1305_ietf_ABYTES
#define CHUNK (64 * 1024)
#define BODY_MAX 4096		/* the longest stanza body read */
#define STANZAS_MAX 64		/* the most stanzas a header may have */
#define X25519_INFO "age-encryption.org/v1/X25519"
#define SCRYPT_LABEL "age-encryption.org/v1/scrypt"
#define SECRET_HRP "age-secret-key-"
#define PUBLIC_HRP "age"

static const char bech32_chars[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

int age_init(void)
{
	return sodium_init() < 0 ? AGE_NO_CRYPTO : 0;
}

const char *age_error(int code)
{
	switch (code) {
	case AGE_OK:
		return "no error";
	case AGE_NOT_MINE:
		return "it is locked with another key or passphrase";
	case AGE_UNSUPPORTED:
		return "it is in a kind of age file tend does not read";
	case AGE_NO_CRYPTO:
		return "the cryptography library could not start";
	default:
		return "it is not a whole age file (damaged, cut short or "
		       "changed)";
	}
}

/* --- Bech32 (BIP 173, without its length limit) ---------------------- */

static uint32_t polymod_step(uint32_t chk, unsigned v)
{
	static const uint32_t gen[5] = {
		0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3
	};
	uint32_t top = chk >> 25;

	chk = (chk & 0x1ffffff) << 5 ^ v;
	for (int k = 0; k < 5; k++)
		if (top >> k & 1)
			chk ^= gen[k];
	return chk;
}

/* The checksum state after the human-readable part hrp (lower case). */
static uint32_t polymod_hrp(const char *hrp)
{
	uint32_t chk = 1;
	size_t n = strlen(hrp);

	for (size_t i = 0; i < n; i++)
		chk = polymod_step(chk, (unsigned char)hrp[i] >> 5);
	chk = polymod_step(chk, 0);
	for (size_t i = 0; i < n; i++)
		chk = polymod_step(chk, (unsigned char)hrp[i] & 31);
	return chk;
}

/* bytes[0..n) as Bech32 with hrp (lower case), upper case when upper. */
static void bech32_encode(const char *hrp, const unsigned char *bytes,
			  size_t n, int upper, struct buf *out)
{
	unsigned char five[128];
	size_t nf = 0;
	uint32_t acc = 0, chk;
	int bits = 0;

	for (size_t i = 0; i < n && nf + 2 < sizeof(five); i++) {
		acc = acc << 8 | bytes[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			five[nf++] = (unsigned char)(acc >> bits & 31);
		}
	}
	if (bits)
		five[nf++] = (unsigned char)(acc << (5 - bits) & 31);
	buf_reset(out);
	buf_adds(out, hrp);
	buf_addch(out, '1');
	chk = polymod_hrp(hrp);
	for (size_t i = 0; i < nf; i++) {
		chk = polymod_step(chk, five[i]);
		buf_addch(out, bech32_chars[five[i]]);
	}
	for (int i = 0; i < 6; i++)
		chk = polymod_step(chk, 0);
	chk ^= 1;
	for (int i = 0; i < 6; i++)
		buf_addch(out, bech32_chars[chk >> 5 * (5 - i) & 31]);
	for (size_t i = 0; upper && i < out->len; i++)
		if (out->s[i] >= 'a' && out->s[i] <= 'z')
			out->s[i] = (char)(out->s[i] - 'a' + 'A');
}

/*
 * Read s[0..len) as Bech32 with the human-readable part hrp (lower
 * case): all in one case, a valid checksum, and exactly n bytes with no
 * stray bits. Returns 0 or AGE_BAD.
 */
static int bech32_decode(const char *s, size_t len, const char *hrp,
			 unsigned char *bytes, size_t n)
{
	size_t nh = strlen(hrp), got = 0;
	int lower = 0, upper = 0, bits = 0;
	uint32_t chk, acc = 0;

	if (len < nh + 1 + 6 || s[nh] != '1')
		return AGE_BAD;
	for (size_t i = 0; i < len; i++) {
		lower |= s[i] >= 'a' && s[i] <= 'z';
		upper |= s[i] >= 'A' && s[i] <= 'Z';
	}
	if (lower && upper)
		return AGE_BAD;
	for (size_t i = 0; i < nh; i++)
		if ((s[i] | (upper ? 0x20 : 0)) != hrp[i])
			return AGE_BAD;
	chk = polymod_hrp(hrp);
	for (size_t i = nh + 1; i < len; i++) {
		char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] | 0x20)
						    : s[i];
		const char *at = c ? strchr(bech32_chars, c) : NULL;
		unsigned v;

		if (!at)
			return AGE_BAD;
		v = (unsigned)(at - bech32_chars);
		chk = polymod_step(chk, v);
		if (i + 6 >= len)
			continue;	/* the checksum */
		acc = acc << 5 | v;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			if (got == n)
				return AGE_BAD;
			bytes[got++] = (unsigned char)(acc >> bits);
		}
		acc &= (1u << bits) - 1;
	}
	return chk == 1 && got == n && bits < 5 && !acc ? 0 : AGE_BAD;
}

/* --- base64, without padding, canonical -------------------------------- */

static void b64_add(struct buf *out, const unsigned char *p, size_t n)
{
	size_t want = sodium_base64_ENCODED_LEN(n,
				sodium_base64_VARIANT_ORIGINAL_NO_PADDING);

	buf_grow(out, want);
	sodium_bin2base64(out->s + out->len, want, p, n,
			  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	out->len += strlen(out->s + out->len);
}

/*
 * Read s[0..len) as canonical unpadded base64 of exactly n bytes into
 * p. Returns 0 or AGE_BAD.
 */
static int b64_read(const char *s, size_t len, unsigned char *p, size_t n)
{
	struct buf again = BUF_INIT;
	size_t got = 0;
	const char *end = NULL;
	int ok;

	if (len % 4 == 1 || len / 4 * 3 + (len % 4 ? len % 4 - 1 : 0) != n)
		return AGE_BAD;
	ok = !sodium_base642bin(p, n, s, len, NULL, &got, &end,
				sodium_base64_VARIANT_ORIGINAL_NO_PADDING) &&
	     got == n && end == s + len;
	/* canonical: the unused bits of the last character are zero */
	if (ok) {
		b64_add(&again, p, n);
		ok = again.len == len && !memcmp(again.s, s, len);
	}
	buf_release(&again);
	return ok ? 0 : AGE_BAD;
}

/* --- keys -------------------------------------------------------------- */

/* HKDF-SHA-256 (RFC 5869) of ikm with salt and info, 32 bytes into out. */
static void hkdf(const unsigned char *salt, size_t nsalt,
		 const unsigned char *ikm, size_t nikm, const char *info,
		 unsigned char out[32])
{
	static const unsigned char one = 1, none = 0;
	crypto_auth_hmacsha256_state st;
	unsigned char prk[32];

	crypto_auth_hmacsha256_init(&st, nsalt ? salt : &none, nsalt);
	crypto_auth_hmacsha256_update(&st, ikm, nikm);
	crypto_auth_hmacsha256_final(&st, prk);
	crypto_auth_hmacsha256_init(&st, prk, sizeof(prk));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)info,
				      strlen(info));
	crypto_auth_hmacsha256_update(&st, &one, 1);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(prk, sizeof(prk));
	sodium_memzero(&st, sizeof(st));
}

void age_identity_new(struct age_identity *id)
{
	randombytes_buf(id->secret, sizeof(id->secret));
	crypto_scalarmult_base(id->recipient, id->secret);
}

void age_identity_from(struct age_identity *id,
		       const unsigned char secret[AGE_KEY_BYTES])
{
	memcpy(id->secret, secret, AGE_KEY_BYTES);
	crypto_scalarmult_base(id->recipient, id->secret);
}

void age_identity_wipe(struct age_identity *id)
{
	sodium_memzero(id, sizeof(*id));
}

void age_identity_text(const struct age_identity *id, struct buf *out)
{
	bech32_encode(SECRET_HRP, id->secret, sizeof(id->secret), 1, out);
}

void age_recipient_text(const unsigned char recipient[AGE_KEY_BYTES],
			struct buf *out)
{
	bech32_encode(PUBLIC_HRP, recipient, AGE_KEY_BYTES, 0, out);
}

/* s without the blanks around it: its start, its length in *len. */
static const char *trimmed(const char *s, size_t *len)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
		     s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	*len = n;
	return s;
}

int age_identity_parse(const char *s, struct age_identity *id)
{
	const char *key = NULL;
	size_t n = 0;

	/* one key line; blank lines and "# ..." comments around it */
	for (const char *line = s; *line;) {
		const char *nl = strchrnul(line, '\n');
		size_t len;
		const char *t;

		for (t = line; t < nl && (*t == ' ' || *t == '\t' ||
					  *t == '\r'); t++)
			;
		len = (size_t)(nl - t);
		while (len && (t[len - 1] == ' ' || t[len - 1] == '\t' ||
			       t[len - 1] == '\r'))
			len--;
		if (len && *t != '#') {
			if (key)
				return AGE_BAD;
			key = t;
			n = len;
		}
		line = *nl ? nl + 1 : nl;
	}
	if (!key ||
	    bech32_decode(key, n, SECRET_HRP, id->secret, sizeof(id->secret))) {
		age_identity_wipe(id);
		return AGE_BAD;
	}
	crypto_scalarmult_base(id->recipient, id->secret);
	return 0;
}

int age_recipient_parse(const char *s, unsigned char recipient[AGE_KEY_BYTES])
{
	size_t n;

	s = trimmed(s, &n);
	return bech32_decode(s, n, PUBLIC_HRP, recipient, AGE_KEY_BYTES);
}

/* --- writing ----------------------------------------------------------- */

/* Add a stanza: its arguments line ("-> " args), then body, wrapped. */
static void add_stanza(struct buf *hdr, const char *args,
		       const unsigned char *body, size_t n)
{
	struct buf text = BUF_INIT;
	size_t at = 0;

	buf_adds(hdr, "-> ");
	buf_adds(hdr, args);
	buf_addch(hdr, '\n');
	b64_add(&text, body, n);
	/* lines of 64, the last shorter (empty when the rest is 64 too) */
	for (;;) {
		size_t line = text.len - at < 64 ? text.len - at : 64;

		buf_add(hdr, text.s + at, line);
		buf_addch(hdr, '\n');
		at += line;
		if (line < 64)
			break;
	}
	buf_release(&text);
}

/* Seal the 16-byte file key with key (nonce zero) into body[32]. */
static void wrap_key(const unsigned char key[32],
		     const unsigned char file_key[FILE_KEY_BYTES],
		     unsigned char body[FILE_KEY_BYTES + TAG_BYTES])
{
	static const unsigned char zero[12];

	crypto_aead_chacha20poly1305_ietf_encrypt(body, NULL, file_key,
						  FILE_KEY_BYTES, NULL, 0,
						  NULL, zero, key);
}

/* The chunk nonce: an 11-byte big-endian counter and the last flag. */
static void chunk_nonce(uint64_t counter, int last, unsigned char n[12])
{
	memset(n, 0, 12);
	for (int i = 10; i >= 3; i--) {
		n[i] = (unsigned char)(counter & 0xff);
		counter >>= 8;
	}
	n[11] = last ? 1 : 0;
}

/* End hdr with its MAC, then add the payload of plain: into out. */
static void finish(struct buf *hdr, const unsigned char file_key[16],
		   const unsigned char *plain, size_t len, struct buf *out)
{
	unsigned char mac_key[32], mac[32], nonce[NONCE_BYTES], key[32];
	unsigned char cn[12];
	size_t at = 0;
	uint64_t counter = 0;

	buf_adds(hdr, "---");
	hkdf(NULL, 0, file_key, FILE_KEY_BYTES, "header", mac_key);
	crypto_auth_hmacsha256(mac, (const unsigned char *)hdr->s, hdr->len,
			       mac_key);
	buf_addch(hdr, ' ');
	b64_add(hdr, mac, sizeof(mac));
	buf_addch(hdr, '\n');

	buf_reset(out);
	buf_add(out, hdr->s, hdr->len);
	randombytes_buf(nonce, sizeof(nonce));
	buf_add(out, nonce, sizeof(nonce));
	hkdf(nonce, sizeof(nonce), file_key, FILE_KEY_BYTES, "payload", key);
	do {
		size_t n = len - at < CHUNK ? len - at : CHUNK;
		int last = at + n == len;
		unsigned long long sealed = 0;

		chunk_nonce(counter++, last, cn);
		buf_grow(out, n + TAG_BYTES);
		crypto_aead_chacha20poly1305_ietf_encrypt(
			(unsigned char *)out->s + out->len, &sealed,
			plain + at, n, NULL, 0, NULL, cn, key);
		out->len += (size_t)sealed;
		out->s[out->len] = '\0';
		at += n;
	} while (at < len);
	sodium_memzero(mac_key, sizeof(mac_key));
	sodium_memzero(key, sizeof(key));
}

int age_encrypt(const unsigned char (*r)[AGE_KEY_BYTES], size_t n,
		const void *plain, size_t len, struct buf *out)
{
	struct buf hdr = BUF_INIT, args = BUF_INIT;
	unsigned char file_key[FILE_KEY_BYTES];
	int rc = 0;

	if (!n)
		return AGE_BAD;	/* a file nobody could open */
	if (age_init() < 0)
		return AGE_NO_CRYPTO;
	randombytes_buf(file_key, sizeof(file_key));
	buf_adds(&hdr, VERSION_LINE);
	for (size_t i = 0; !rc && i < n; i++) {
		unsigned char es[32], share[32], shared[32], salt[64];
		unsigned char key[32], body[FILE_KEY_BYTES + TAG_BYTES];

		randombytes_buf(es, sizeof(es));
		crypto_scalarmult_base(share, es);
		if (crypto_scalarmult(shared, es, r[i]) < 0) {
			rc = AGE_BAD;	/* a recipient of no use */
		} else {
			memcpy(salt, share, 32);
			memcpy(salt + 32, r[i], 32);
			hkdf(salt, sizeof(salt), shared, sizeof(shared),
			     X25519_INFO, key);
			wrap_key(key, file_key, body);
			buf_reset(&args);
			buf_adds(&args, "X25519 ");
			b64_add(&args, share, sizeof(share));
			add_stanza(&hdr, args.s, body, sizeof(body));
		}
		sodium_memzero(es, sizeof(es));
		sodium_memzero(shared, sizeof(shared));
		sodium_memzero(key, sizeof(key));
	}
	if (!rc)
		finish(&hdr, file_key, plain, len, out);
	sodium_memzero(file_key, sizeof(file_key));
	buf_release(&hdr);
	buf_release(&args);
	return rc;
}

/* The scrypt key of pass with salt (16 bytes) and work factor 2^log_n. */
static int scrypt_key(const char *pass, const unsigned char salt[16],
		      int log_n, unsigned char key[32])
{
	unsigned char s[sizeof(SCRYPT_LABEL) - 1 + 16];

	memcpy(s, SCRYPT_LABEL, sizeof(SCRYPT_LABEL) - 1);
	memcpy(s + sizeof(SCRYPT_LABEL) - 1, salt, 16);
	return crypto_pwhash_scryptsalsa208sha256_ll(
		(const uint8_t *)pass, strlen(pass), s, sizeof(s),
		(uint64_t)1 << log_n, 8, 1, key, 32) ? AGE_NO_CRYPTO : 0;
}

int age_encrypt_passphrase(const char *pass, int log_n, const void *plain,
			   size_t len, struct buf *out)
{
	struct buf hdr = BUF_INIT, args = BUF_INIT;
	unsigned char file_key[FILE_KEY_BYTES], salt[16], key[32];
	unsigned char body[FILE_KEY_BYTES + TAG_BYTES];
	int rc;

	if (age_init() < 0 || log_n < 1 || log_n > AGE_SCRYPT_MAX_LOG_N)
		return AGE_NO_CRYPTO;
	randombytes_buf(file_key, sizeof(file_key));
	randombytes_buf(salt, sizeof(salt));
	if ((rc = scrypt_key(pass, salt, log_n, key)) == 0) {
		buf_adds(&hdr, VERSION_LINE);
		buf_adds(&args, "scrypt ");
		b64_add(&args, salt, sizeof(salt));
		buf_addf(&args, " %d", log_n);
		wrap_key(key, file_key, body);
		add_stanza(&hdr, args.s, body, sizeof(body));
		finish(&hdr, file_key, plain, len, out);
	}
	sodium_memzero(file_key, sizeof(file_key));
	sodium_memzero(key, sizeof(key));
	buf_release(&hdr);
	buf_release(&args);
	return rc;
}

/* --- reading ----------------------------------------------------------- */

struct arg {
	const char *s;
	size_t n;
};

struct stanza {
	struct arg a[4];	/* the first arguments */
	size_t nargs;		/* how many there are */
	unsigned char body[BODY_MAX];
	size_t nbody;
};

struct header {
	struct stanza *st;
	size_t n;
	size_t mac_at;		/* the MAC covers data[0 .. mac_at) */
	unsigned char mac[32];
	size_t end;		/* where the payload starts */
};

static int is_b64_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '+' || c == '/';
}

/* The line at data[at..len): its length (without '\n') or -1. */
static long line_at(const char *d, size_t len, size_t at)
{
	const char *nl = at < len ? memchr(d + at, '\n', len - at) : NULL;

	return nl ? (long)(nl - (d + at)) : -1;
}

/* Read the stanza whose "-> " line starts at *at into st. */
static int read_stanza(const char *d, size_t len, size_t *at,
		       struct stanza *st)
{
	char text[BODY_MAX * 4 / 3 + 8];
	size_t nt = 0, i;
	long n = line_at(d, len, *at);

	if (n < 4)
		return AGE_BAD;
	st->nargs = 0;
	for (i = (size_t)*at + 3; i < *at + (size_t)n;) {
		size_t start = i;

		while (i < *at + (size_t)n && d[i] > 0x20 && d[i] < 0x7f)
			i++;
		if (i == start || (i < *at + (size_t)n && d[i] != ' '))
			return AGE_BAD;
		if (st->nargs < 4)
			st->a[st->nargs] = (struct arg){ d + start,
							 i - start };
		st->nargs++;
		if (i < *at + (size_t)n && ++i == *at + (size_t)n)
			return AGE_BAD;	/* a space at the end */
	}
	*at += (size_t)n + 1;
	for (;;) {
		n = line_at(d, len, *at);
		if (n < 0 || n > 64)
			return AGE_BAD;
		for (long k = 0; k < n; k++)
			if (!is_b64_char((unsigned char)d[*at + (size_t)k]))
				return AGE_BAD;
		if (nt + (size_t)n >= sizeof(text))
			return AGE_BAD;
		memcpy(text + nt, d + *at, (size_t)n);
		nt += (size_t)n;
		*at += (size_t)n + 1;
		if (n < 64)
			break;
	}
	if (nt % 4 == 1)
		return AGE_BAD;
	st->nbody = nt / 4 * 3 + (nt % 4 ? nt % 4 - 1 : 0);
	return b64_read(text, nt, st->body, st->nbody);
}

/* Read the header of data[0..len) into h. */
static int read_header(const char *d, size_t len, struct header *h)
{
	size_t at = strlen(VERSION_LINE);
	size_t alloc = 0;
	int rc = 0;

	memset(h, 0, sizeof(*h));
	if (len < at || memcmp(d, VERSION_LINE, at))
		return len >= strlen(VERSION_ANY) &&
		       !memcmp(d, VERSION_ANY, strlen(VERSION_ANY))
		       ? AGE_UNSUPPORTED : AGE_BAD;
	while (!rc) {
		if (len - at >= 3 && !memcmp(d + at, "-> ", 3)) {
			if (h->n == STANZAS_MAX)
				return AGE_BAD;
			if (h->n == alloc) {
				alloc = alloc ? 2 * alloc : 4;
				h->st = xrealloc(h->st, alloc * sizeof(*h->st));
			}
			rc = read_stanza(d, len, &at, &h->st[h->n++]);
		} else if (len - at >= 4 && !memcmp(d + at, "--- ", 4)) {
			long n = line_at(d, len, at);

			if (n != 4 + 43 || !h->n)
				return AGE_BAD;
			h->mac_at = at + 3;
			rc = b64_read(d + at + 4, 43, h->mac, sizeof(h->mac));
			h->end = at + (size_t)n + 1;
			break;
		} else {
			rc = AGE_BAD;
		}
	}
	return rc;
}

static void header_release(struct header *h)
{
	if (h->st)
		sodium_memzero(h->st, h->n * sizeof(*h->st));
	free(h->st);
	memset(h, 0, sizeof(*h));
}

static int arg_is(const struct arg *a, const char *s)
{
	return a->n == strlen(s) && !memcmp(a->s, s, a->n);
}

/* Open a wrapped file key (a body of 32 bytes) with key. */
static int unwrap_key(const unsigned char key[32], const struct stanza *st,
		      unsigned char file_key[FILE_KEY_BYTES])
{
	static const unsigned char zero[12];

	return crypto_aead_chacha20poly1305_ietf_decrypt(
		file_key, NULL, NULL, st->body, st->nbody, NULL, 0, zero,
		key) ? AGE_NOT_MINE : 0;
}

/*
 * With the file key, check the header's MAC and open the payload of
 * d[0..len) into out. Returns 0 or AGE_BAD.
 */
static int open_payload(const char *d, size_t len, const struct header *h,
			const unsigned char file_key[FILE_KEY_BYTES],
			struct buf *out)
{
	unsigned char mac_key[32], mac[32], key[32], cn[12];
	const unsigned char *p = (const unsigned char *)d + h->end;
	size_t rest = len - h->end;
	uint64_t counter = 0;
	int rc = 0;

	hkdf(NULL, 0, file_key, FILE_KEY_BYTES, "header", mac_key);
	crypto_auth_hmacsha256(mac, (const unsigned char *)d, h->mac_at,
			       mac_key);
	sodium_memzero(mac_key, sizeof(mac_key));
	if (sodium_memcmp(mac, h->mac, sizeof(mac)) || rest < NONCE_BYTES)
		return AGE_BAD;
	hkdf(p, NONCE_BYTES, file_key, FILE_KEY_BYTES, "payload", key);
	p += NONCE_BYTES;
	rest -= NONCE_BYTES;
	buf_reset(out);
	do {
		size_t n = rest < CHUNK + TAG_BYTES ? rest : CHUNK + TAG_BYTES;
		int last = n == rest;
		unsigned long long opened = 0;

		/* a last chunk is empty only when the whole payload is */
		if (n < TAG_BYTES || (last && n == TAG_BYTES && counter)) {
			rc = AGE_BAD;
			break;
		}
		chunk_nonce(counter++, last, cn);
		buf_grow(out, n);
		if (crypto_aead_chacha20poly1305_ietf_decrypt(
			    (unsigned char *)out->s + out->len, &opened, NULL,
			    p, n, NULL, 0, cn, key)) {
			rc = AGE_BAD;
			break;
		}
		out->len += (size_t)opened;
		out->s[out->len] = '\0';
		p += n;
		rest -= n;
	} while (rest);
	sodium_memzero(key, sizeof(key));
	if (rc) {
		sodium_memzero(out->s, out->len);
		buf_reset(out);
	}
	return rc;
}

/*
 * The file key of the header h for the identity id: from its X25519
 * stanzas, the one whose key opens. Returns 0, AGE_NOT_MINE or AGE_BAD.
 */
static int identity_key(const struct header *h, const struct age_identity *id,
			unsigned char file_key[FILE_KEY_BYTES])
{
	int rc = AGE_NOT_MINE;

	for (size_t i = 0; rc == AGE_NOT_MINE && i < h->n; i++) {
		const struct stanza *st = &h->st[i];
		unsigned char share[32], shared[32], salt[64], key[32];

		if (!st->nargs || !arg_is(&st->a[0], "X25519"))
			continue;
		if (st->nargs != 2 || st->nbody != 32 ||
		    b64_read(st->a[1].s, st->a[1].n, share, sizeof(share)))
			return AGE_BAD;
		if (crypto_scalarmult(shared, id->secret, share) < 0)
			return AGE_BAD;	/* a share of low order */
		memcpy(salt, share, 32);
		memcpy(salt + 32, id->recipient, 32);
		hkdf(salt, sizeof(salt), shared, sizeof(shared), X25519_INFO,
		     key);
		rc = unwrap_key(key, st, file_key);
		sodium_memzero(shared, sizeof(shared));
		sodium_memzero(key, sizeof(key));
	}
	return rc;
}

/* The work factor of an scrypt stanza: "1".."22", no leading zero. */
static int read_log_n(const struct arg *a, int *log_n)
{
	int v = 0;

	if (!a->n || a->n > 2 || a->s[0] == '0')
		return AGE_BAD;
	for (size_t i = 0; i < a->n; i++) {
		if (a->s[i] < '0' || a->s[i] > '9')
			return AGE_BAD;
		v = v * 10 + (a->s[i] - '0');
	}
	*log_n = v;
	return v > AGE_SCRYPT_MAX_LOG_N ? AGE_UNSUPPORTED : 0;
}

/*
 * The file key of the header h for the passphrase pass: its scrypt
 * stanza, which must be alone. Returns 0, AGE_NOT_MINE (no scrypt
 * stanza, or another passphrase), AGE_UNSUPPORTED or AGE_BAD.
 */
static int passphrase_key(const struct header *h, const char *pass,
			  unsigned char file_key[FILE_KEY_BYTES])
{
	const struct stanza *st = &h->st[0];
	unsigned char salt[16], key[32];
	int rc, log_n = 0, scrypts = 0;

	for (size_t i = 0; i < h->n; i++)
		scrypts += h->st[i].nargs && arg_is(&h->st[i].a[0], "scrypt");
	if (!scrypts)
		return AGE_NOT_MINE;
	if (h->n != 1 || st->nargs != 3 || st->nbody != 32 ||
	    b64_read(st->a[1].s, st->a[1].n, salt, sizeof(salt)))
		return AGE_BAD;
	if ((rc = read_log_n(&st->a[2], &log_n)) < 0 ||
	    (rc = scrypt_key(pass, salt, log_n, key)) < 0)
		return rc;
	rc = unwrap_key(key, st, file_key);
	sodium_memzero(key, sizeof(key));
	return rc;
}

/* Decrypt data[0..len) with id, or else with pass, into out. */
static int open_file(const struct age_identity *id, const char *pass,
		     const void *data, size_t len, struct buf *out)
{
	unsigned char file_key[FILE_KEY_BYTES];
	struct header h;
	int rc;

	buf_reset(out);
	if (age_init() < 0)
		return AGE_NO_CRYPTO;
	if (!(rc = read_header(data, len, &h)))
		rc = id ? identity_key(&h, id, file_key)
			: passphrase_key(&h, pass, file_key);
	if (!rc)
		rc = open_payload(data, len, &h, file_key, out);
	sodium_memzero(file_key, sizeof(file_key));
	header_release(&h);
	return rc;
}

int age_decrypt(const struct age_identity *id, const void *data, size_t len,
		struct buf *out)
{
	return open_file(id, NULL, data, len, out);
}

int age_decrypt_passphrase(const char *pass, const void *data, size_t len,
			   struct buf *out)
{
	return open_file(NULL, pass, data, len, out);
}

void age_wipe(void *p, size_t n)
{
	if (p && n)
		sodium_memzero(p, n);
}

int age_is_age(const void *data, size_t len)
{
	return len >= strlen(VERSION_ANY) &&
	       !memcmp(data, VERSION_ANY, strlen(VERSION_ANY));
}
