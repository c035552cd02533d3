#include "redact.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Trim blanks from both ends of s[0..*len). */
static const char *trim(const char *s, size_t *len)
{
	while (*len && isspace((unsigned char)*s)) {
		s++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)s[*len - 1]))
		(*len)--;
	return s;
}

void redact_parse(struct redactions *r, const char *spec)
{
	const char *p = spec;

	memset(r, 0, sizeof(*r));
	while (p && *p) {
		const char *end = strchrnul(p, ',');
		const char *eq = memchr(p, '=', (size_t)(end - p));
		size_t nlen = (size_t)((eq ? eq : end) - p), rlen;
		const char *name = trim(p, &nlen), *repl;

		if (nlen) {
			strvec_pushn(&r->pairs, name, nlen);
			if (eq) {
				rlen = (size_t)(end - eq - 1);
				repl = trim(eq + 1, &rlen);
				strvec_pushn(&r->pairs, repl, rlen);
			} else {
				strvec_push(&r->pairs, "[name]");
			}
		}
		p = *end ? end + 1 : end;
	}
	/* longest names first, so "Sam Jones" goes before "Sam" */
	for (size_t i = 0; i + 2 < r->pairs.nr; i += 2)
		for (size_t k = i + 2; k < r->pairs.nr; k += 2)
			if (strlen(r->pairs.v[k]) > strlen(r->pairs.v[i])) {
				char *n = r->pairs.v[i], *v = r->pairs.v[i + 1];

				r->pairs.v[i] = r->pairs.v[k];
				r->pairs.v[i + 1] = r->pairs.v[k + 1];
				r->pairs.v[k] = n;
				r->pairs.v[k + 1] = v;
			}
}

void redact_release(struct redactions *r)
{
	strvec_clear(&r->pairs);
}

/* Is c part of a word (letters, digits, _ and any non-ASCII byte)? */
static int wordish(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

void redact_text(const struct redactions *r, const char *text, size_t len,
		 struct buf *out)
{
	size_t i = 0;

	while (i < len) {
		int done = 0;

		if (!i || !wordish((unsigned char)text[i - 1])) {
			for (size_t k = 0; k + 1 < r->pairs.nr && !done; k += 2) {
				const char *name = r->pairs.v[k];
				size_t n = strlen(name);

				if (n > len - i || strncasecmp(text + i, name, n) ||
				    (i + n < len &&
				     wordish((unsigned char)text[i + n])))
					continue;
				buf_adds(out, r->pairs.v[k + 1]);
				i += n;
				done = 1;
			}
		}
		if (!done)
			buf_addch(out, text[i++]);
	}
}
