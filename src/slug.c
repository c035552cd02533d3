#include "slug.h"

#include <string.h>

void slug_make(const char *title, struct buf *out)
{
	size_t start = out->len;
	const unsigned char *p = (const unsigned char *)title;

	for (; *p && out->len - start < SLUG_MAX; p++) {
		int c = *p;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf_addch(out, c);
		else if (out->len > start && out->s[out->len - 1] != '-')
			buf_addch(out, '-');
	}
	while (out->len > start && out->s[out->len - 1] == '-')
		buf_setlen(out, out->len - 1);
	if (out->len == start)
		buf_adds(out, "entry");
}

int slug_valid(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > SLUG_MAX || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      (c == '-' && s[i + 1] != '-')))
			return 0;
	}
	return 1;
}
