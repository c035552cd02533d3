#include "jsonlist.h"
#include "error.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How much is read at a time. */
#define CHUNK (64 * 1024)

/* What ends a number or a word (true, null...): blanks and punctuation. */
#define DELIMITERS " \t\r\n,:[]{}\""

/* skip_blanks() at the end of the file: not a byte. */
#define AT_END 256

/*
 * Read more of the file onto the end of jl->in. Returns 1 when it grew,
 * 0 at the end of the file, FAIL after reporting a read error.
 */
static int fill(struct jsonlist *jl)
{
	ssize_t n;

	if (jl->eof)
		return 0;
	buf_grow(&jl->in, CHUNK);
	do
		n = read(jl->fd, jl->in.s + jl->in.len, CHUNK);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return error("cannot read '%s': %s", jl->path,
			     strerror(errno));
	if (!n) {
		jl->eof = 1;
		return 0;
	}
	jl->in.len += (size_t)n;
	jl->in.s[jl->in.len] = '\0';
	return 1;
}

/* Pass n bytes, keeping the line and column of where jl->pos is. */
static void advance(struct jsonlist *jl, size_t n)
{
	const unsigned char *p = (const unsigned char *)jl->in.s + jl->pos;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			jl->line++;
			jl->col = 1;
		} else if ((p[i] & 0xc0) != 0x80) {
			jl->col++;	/* a character's first byte */
		}
	}
	jl->pos += n;
}

/* Drop the bytes already passed, once there are many of them. */
static void compact(struct jsonlist *jl)
{
	if (jl->pos < 4 * CHUNK)
		return;
	memmove(jl->in.s, jl->in.s + jl->pos, jl->in.len - jl->pos);
	buf_setlen(&jl->in, jl->in.len - jl->pos);
	jl->pos = 0;
}

/*
 * Pass JSON's blanks. Returns the byte after them, AT_END at the end of
 * the file, or FAIL after a read error.
 */
static int skip_blanks(struct jsonlist *jl)
{
	for (;;) {
		int rc;

		while (jl->pos < jl->in.len) {
			unsigned char c = (unsigned char)jl->in.s[jl->pos];

			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				return c;
			advance(jl, 1);
		}
		if ((rc = fill(jl)) <= 0)
			return rc < 0 ? rc : AT_END;
	}
}

/*
 * Report what was found at jl->pos (byte c) where want was expected, as
 * jansson words it: "WANT expected near 'TOKEN'" (bytes that are not
 * text shown as \xNN). FAIL_INVALID.
 */
static int unexpected(struct jsonlist *jl, int c, const char *want)
{
	struct buf near = BUF_INIT;
	size_t end;
	int rc, text;

	if (c == AT_END) {
		buf_adds(&near, "end of file");
	} else {
		/* the token: a string to its closing quote, else to a
		 * delimiter; not too long to read */
		end = jl->pos + 1;
		while (end < jl->in.len && end - jl->pos < 24 &&
		       (c == '"' ? end == jl->pos + 1 ||
				   jl->in.s[end - 1] != '"'
				 : !strchr(DELIMITERS, jl->in.s[end])))
			end++;
		text = utf8_valid(jl->in.s + jl->pos, end - jl->pos);
		buf_addch(&near, '\'');
		for (size_t i = jl->pos; i < end; i++) {
			unsigned char b = (unsigned char)jl->in.s[i];

			if (b < 0x20 || b == 0x7f || (b >= 0x80 && !text))
				buf_addf(&near, "\\x%02x", b);
			else
				buf_addch(&near, b);
		}
		buf_addch(&near, '\'');
	}
	rc = error_at(jl->path, jl->line, jl->col, "%s expected near %s", want,
		      near.s);
	buf_release(&near);
	return rc;
}

/*
 * Find where the value at jl->pos ends (its first byte is not a blank):
 * a string at its closing quote, an object or list where its brackets
 * close (a string's brackets and escaped quotes not counted), anything
 * else at a delimiter; at the end of the file when it is cut short
 * (jansson then says what is missing). Sets *end. Returns 0, FAIL after
 * a read error, FAIL_INVALID after reporting a value over the limit.
 */
static int value_end(struct jsonlist *jl, size_t *end)
{
	size_t i = jl->pos;
	int c = (unsigned char)jl->in.s[i], str = c == '"', esc = 0, rc;
	long depth = c == '{' || c == '[';

	if (str || depth) {
		i++;
		for (;;) {
			if (i >= jl->in.len && (rc = fill(jl)) <= 0) {
				if (rc < 0)
					return rc;
				break;	/* cut short */
			}
			if (i - jl->pos >= JSONLIST_MAX_VALUE)
				goto too_big;
			c = (unsigned char)jl->in.s[i++];
			if (esc)
				esc = 0;
			else if (str && c == '\\')
				esc = 1;
			else if (c == '"')
				str = !str;
			else if (str)
				continue;
			else if (c == '{' || c == '[')
				depth++;
			else if (c == '}' || c == ']')
				depth--;
			if (!str && !depth)
				break;
		}
	} else {
		for (;;) {
			if (i >= jl->in.len && (rc = fill(jl)) <= 0) {
				if (rc < 0)
					return rc;
				break;
			}
			if (i - jl->pos >= JSONLIST_MAX_VALUE)
				goto too_big;
			if (strchr(DELIMITERS, jl->in.s[i]))
				break;
			i++;
		}
		if (i == jl->pos)
			i++;	/* a lone delimiter: jansson names it */
	}
	*end = i;
	return 0;
too_big:
	return error_at(jl->path, jl->line, jl->col, "a value over the size "
			"limit of %ld MiB of JSON (an entry is at most 1 MiB)",
			JSONLIST_MAX_VALUE >> 20);
}

/*
 * Parse the value from jl->pos to end with jansson into *out (or only
 * check it, with out NULL) and pass it. A problem is reported at its
 * place in the file. Returns 0 or FAIL_INVALID.
 */
static int parse_value(struct jsonlist *jl, size_t end, json_t **out)
{
	json_error_t err;
	json_t *v = json_loadb(jl->in.s + jl->pos, end - jl->pos,
			       JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err);

	if (!v) {
		int line = err.line > 0 ? err.line : 1;
		int col = err.column > 0 ? err.column : 1;

		/* jansson counts from the value's first byte */
		if (line == 1)
			col += jl->col - 1;
		return error_at(jl->path, line + jl->line - 1, col, "%s",
				err.text);
	}
	if (out)
		*out = v;
	else
		json_decref(v);
	advance(jl, end - jl->pos);
	return 0;
}

/* Pass the value at jl->pos (byte c), checked; 0 or < 0 after reporting. */
static int pass_value(struct jsonlist *jl, int c, const char *want)
{
	size_t end;
	int rc;

	if (c == AT_END || strchr(",:]}", c))
		return unexpected(jl, c, want);
	if ((rc = value_end(jl, &end)) < 0)
		return rc;
	return parse_value(jl, end, NULL);
}

/* At the end of the document: nothing but blanks may follow. */
static int document_end(struct jsonlist *jl)
{
	int c = skip_blanks(jl);

	if (c < 0)
		return c;
	if (c != AT_END)
		return unexpected(jl, c, "end of file");
	jl->done = 1;
	return 0;
}

/*
 * Read the name of a member at jl->pos (a string) into *name (owned by
 * jl) and pass it; a name the object already has is a problem, as it is
 * to jansson. Returns 0 or < 0 after reporting.
 */
static int member_name(struct jsonlist *jl, const char **name)
{
	json_t *s = NULL;
	size_t end;
	int line = jl->line, col = jl->col, rc;
	struct buf token = BUF_INIT;

	if ((rc = value_end(jl, &end)) < 0)
		return rc;
	buf_add(&token, jl->in.s + jl->pos, end - jl->pos);
	if ((rc = parse_value(jl, end, &s)) < 0)
		goto out;
	if (json_object_get(jl->keys, json_string_value(s))) {
		rc = error_at(jl->path, line, col, "duplicate object key "
			      "near '%s'", token.s);
		goto out;
	}
	json_object_set_new(jl->keys, json_string_value(s), json_null());
	*name = json_object_iter_key(json_object_iter_at(jl->keys,
							 json_string_value(s)));
out:
	json_decref(s);
	buf_release(&token);
	return rc;
}

/*
 * Pass the members of the top object, after its '{' (first set) or
 * after a member: up to the one named jl->key, with jl->pos at its value
 * (1), or to the end of the object and of the document (0), checking
 * each value passed. Returns < 0 after reporting a problem.
 */
static int pass_members(struct jsonlist *jl, int first)
{
	for (;;) {
		const char *name = NULL;
		int c, rc;

		compact(jl);
		if ((c = skip_blanks(jl)) < 0)
			return c;
		if (c == '}') {
			advance(jl, 1);
			return document_end(jl);
		}
		if (!first) {
			if (c != ',')
				return unexpected(jl, c, "',' or '}'");
			advance(jl, 1);
			if ((c = skip_blanks(jl)) < 0)
				return c;
		}
		if (c != '"')
			return unexpected(jl, c, first ? "string or '}'"
							: "string");
		if ((rc = member_name(jl, &name)) < 0)
			return rc;
		if ((c = skip_blanks(jl)) < 0)
			return c;
		if (c != ':')
			return unexpected(jl, c, "':'");
		advance(jl, 1);
		if ((c = skip_blanks(jl)) < 0)
			return c;
		if (jl->key && !strcmp(name, jl->key)) {
			if (c == AT_END || strchr(",:]}", c))
				return unexpected(jl, c, "value");
			return 1;
		}
		if ((rc = pass_value(jl, c, "value")) < 0)
			return rc;
		first = 0;
	}
}

int jsonlist_open(struct jsonlist *jl, const char *path, const char *key)
{
	struct stat st;
	int c, rc;

	memset(jl, 0, sizeof(*jl));
	buf_init(&jl->in);
	jl->path = path;
	jl->key = key;
	jl->line = jl->col = 1;
	jl->keys = json_object();
	if ((jl->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	if (fstat(jl->fd, &st) < 0)
		return error("cannot read '%s': %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return error("'%s' is not a file", path);
	if ((c = skip_blanks(jl)) < 0)
		return c;
	if (c != '[' && c != '{')
		return unexpected(jl, c, "'[' or '{'");
	if ((c == '[') != !key)
		return JSONLIST_NO_LIST;
	advance(jl, 1);
	if (c == '{') {
		if ((rc = pass_members(jl, 1)) <= 0)
			return rc < 0 ? rc : JSONLIST_NO_LIST;
		if ((c = skip_blanks(jl)) < 0)
			return c;
		if (c != '[')
			return JSONLIST_NO_LIST;
		advance(jl, 1);
	}
	return 0;
}

int jsonlist_next(struct jsonlist *jl, json_t **out)
{
	size_t end;
	int c, rc;

	if (jl->done)
		return 0;
	compact(jl);
	if ((c = skip_blanks(jl)) < 0)
		return c;
	if (c == ']') {
		advance(jl, 1);
		rc = jl->key ? pass_members(jl, 0) : document_end(jl);
		return rc < 0 ? rc : 0;
	}
	if (jl->more) {
		if (c != ',')
			return unexpected(jl, c, "',' or ']'");
		advance(jl, 1);
		if ((c = skip_blanks(jl)) < 0)
			return c;
	}
	if (c == AT_END || strchr(",:]}", c))
		return unexpected(jl, c, jl->more ? "value" : "value or ']'");
	if ((rc = value_end(jl, &end)) < 0)
		return rc;
	if (out) {
		if ((rc = parse_value(jl, end, out)) < 0)
			return rc;
	} else {
		advance(jl, end - jl->pos);
	}
	jl->more = 1;
	jl->count++;
	return 1;
}

void jsonlist_close(struct jsonlist *jl)
{
	if (jl->fd >= 0)
		close(jl->fd);
	jl->fd = -1;
	buf_release(&jl->in);
	json_decref(jl->keys);
	jl->keys = NULL;
}
