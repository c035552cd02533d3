#include "json.h"

void json_str(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		buf_adds(out, "null");
		return;
	}
	buf_addch(out, '"');
	for (; *p; p++) {
		switch (*p) {
		case '"':
			buf_adds(out, "\\\"");
			break;
		case '\\':
			buf_adds(out, "\\\\");
			break;
		case '\n':
			buf_adds(out, "\\n");
			break;
		case '\r':
			buf_adds(out, "\\r");
			break;
		case '\t':
			buf_adds(out, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_addf(out, "\\u%04x", *p);
			else
				buf_addch(out, *p);
		}
	}
	buf_addch(out, '"');
}

void json_strvec(struct buf *out, const struct strvec *sv)
{
	buf_addch(out, '[');
	for (size_t i = 0; i < sv->nr; i++) {
		if (i)
			buf_addch(out, ',');
		json_str(out, sv->v[i]);
	}
	buf_addch(out, ']');
}

void json_key(struct buf *out, const char *key, int first)
{
	if (!first)
		buf_addch(out, ',');
	json_str(out, key);
	buf_addch(out, ':');
}
