#include "util.h"
#include "error.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory (asked for %zu bytes)", n);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die("out of memory (asked for %zu items)", nmemb);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		die("out of memory (asked for %zu bytes)", n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p;
	size_t len = 0;

	while (len < n && s[len])
		len++;
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

int parse_whole(const char *s, long max, long *n)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		long d = *s - '0';

		if (d < 0 || d > 9 || d > max || v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*n = v;
	return 0;
}

int is_one_line(const char *s)
{
	if (!utf8_valid(s, strlen(s)))
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n\f\v", s[i]) || !s[i])
			return 0;
	return 1;
}

size_t utf8_prefix(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i], min, cp;
		size_t n;

		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			min = 0x80;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			min = 0x800;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			min = 0x10000;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (n >= len - i)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

int utf8_valid(const char *s, size_t len)
{
	return utf8_prefix(s, len) == len;
}

/* Decode one UTF-8 character at s (len bytes left) into *c; its length. */
static size_t utf8_decode(const unsigned char *s, size_t len, unsigned *c)
{
	size_t n = utf8_prefix((const char *)s, len < 4 ? len : 4);
	size_t want = *s < 0x80 ? 1 : *s < 0xe0 ? 2 : *s < 0xf0 ? 3 : 4;

	if (!n || n < want)
		return 0;
	if (want == 1)
		*c = *s;
	else if (want == 2)
		*c = (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	else if (want == 3)
		*c = (unsigned)(s[0] & 0x0f) << 12 |
		     (unsigned)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	else
		*c = (unsigned)(s[0] & 0x07) << 18 |
		     (unsigned)(s[1] & 0x3f) << 12 |
		     (unsigned)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	return want;
}

static size_t utf8_encode(unsigned c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

char *utf8_fold(const char *s)
{
	/* the case rules of Unicode, whatever the user's locale */
	static locale_t unicode;
	static int tried;
	size_t len = strlen(s), o = 0;
	char *out = xmalloc(len * 2 + 1);	/* a lower form may be longer */

	if (!tried) {
		unicode = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		tried = 1;
	}
	for (size_t i = 0; i < len;) {
		const unsigned char *p = (const unsigned char *)s + i;
		unsigned c;
		size_t n;

		if (*p < 0x80) {
			out[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			i++;
			continue;
		}
		n = utf8_decode(p, len - i, &c);
		if (!n) {
			out[o++] = (char)*p;
			i++;
			continue;
		}
		if (unicode) {
			unsigned low = (unsigned)towlower_l((wint_t)c, unicode);

			/* keep the length bound: never grow past 2x */
			if (low && low < 0x110000)
				c = low;
		}
		o += utf8_encode(c, out + o);
		i += n;
	}
	out[o] = '\0';
	return out;
}

uint64_t hash_add(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* How many slips apart a and b are (optimal string alignment). */
static size_t slips(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), best;
	size_t *d = xcalloc((n + 1) * (m + 1), sizeof(*d));

#define D(i, j) d[(i) * (m + 1) + (j)]
	for (size_t i = 0; i <= n; i++)
		D(i, 0) = i;
	for (size_t j = 0; j <= m; j++)
		D(0, j) = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			size_t v = D(i - 1, j - 1) + (a[i - 1] != b[j - 1]);

			if (D(i - 1, j) + 1 < v)
				v = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < v)
				v = D(i, j - 1) + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && D(i - 2, j - 2) + 1 < v)
				v = D(i - 2, j - 2) + 1;
			D(i, j) = v;
		}
	best = D(n, m);
#undef D
	free(d);
	return best;
}

const char *closest_word(const char *word, const char *const *choices,
			 size_t n)
{
	size_t most = strlen(word) / 3, best = (size_t)-1;
	const char *found = NULL;

	if (most < 1)
		most = 1;
	for (size_t i = 0; i < n; i++) {
		size_t k = slips(word, choices[i]);

		if (k <= most && k < best) {
			best = k;
			found = choices[i];
		}
	}
	return found;
}
