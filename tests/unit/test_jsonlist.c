/*
 * Unit tests of reading a JSON list an element at a time: the elements
 * of a top list or of one member of a top object, strings that hold
 * brackets and escaped quotes, elements longer than what is read at a
 * time, the shapes that are not a list, and every problem at its line
 * and column, as jansson would give it for the whole document.
 */
#include "buf.h"
#include "error.h"
#include "fs.h"
#include "jsonlist.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

static char path[] = "/tmp/tend-jsonlist-XXXXXX";

/* Write text (len bytes) as the file at path. */
static void put(const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/*
 * Read the list of the file at path (under key, or the top list when
 * NULL) to its end; the elements' JSON (compact, joined by spaces) into
 * got and what tend said on stderr into said. Returns what the last call
 * returned.
 */
static int read_file(const char *key, struct buf *got, struct buf *said)
{
	struct jsonlist jl = JSONLIST_INIT;
	char err[] = "/tmp/tend-jsonlist-err-XXXXXX";
	int fd = mkstemp(err), saved = dup(2), rc;
	json_t *v;

	buf_reset(got);
	fflush(stderr);
	dup2(fd, 2);
	rc = jsonlist_open(&jl, path, key);
	while (rc == 0 && (rc = jsonlist_next(&jl, &v)) == 1) {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

		if (got->len)
			buf_addch(got, ' ');
		buf_adds(got, s);
		free(s);
		json_decref(v);
		rc = 0;
	}
	jsonlist_close(&jl);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	if (fs_read(err, 65536, said, 0) < 0)
		exit(2);
	unlink(err);
	return rc;
}

/* read_file() of text, written at path first. */
static int read_list(const char *text, const char *key, struct buf *got,
		     struct buf *said)
{
	put(text, strlen(text));
	return read_file(key, got, said);
}

static void test_lists(void)
{
	struct buf got = BUF_INIT, said = BUF_INIT;

	CHECK_INT(read_list(" [ {\"a\": 1}, 2, \"x\", [1, [2]], null ] \n",
			    NULL, &got, &said), 0);
	CHECK_STR(got.s, "{\"a\":1} 2 \"x\" [1,[2]] null");
	CHECK_STR(said.s, "");

	CHECK_INT(read_list("[{\"s\": \"]}\\\"[{\"}, {\"t\": \"\\\\\"}]",
			    NULL, &got, &said), 0);
	CHECK_STR(got.s, "{\"s\":\"]}\\\"[{\"} {\"t\":\"\\\\\"}");

	CHECK_INT(read_list("[]", NULL, &got, &said), 0);
	CHECK_STR(got.s, "");

	CHECK_INT(read_list("{\"tags\": {\"x\": [1, {\"]\": \"[\"}]}, "
			    "\"entries\": [{\"n\": 1}, {\"n\": 2}], "
			    "\"after\": {\"y\": null}}", "entries", &got,
			    &said), 0);
	CHECK_STR(got.s, "{\"n\":1} {\"n\":2}");
	CHECK_STR(said.s, "");

	CHECK_INT(read_list("{\"entr\\u0069es\": [true]}", "entries", &got,
			    &said), 0);
	CHECK_STR(got.s, "true");

	buf_release(&got);
	buf_release(&said);
}

static void test_shapes(void)
{
	struct buf got = BUF_INIT, said = BUF_INIT;

	CHECK_INT(read_list("{\"entries\": []}", NULL, &got, &said),
		  JSONLIST_NO_LIST);
	CHECK_INT(read_list("[1]", "entries", &got, &said), JSONLIST_NO_LIST);
	CHECK_INT(read_list("{\"entries\": 3}", "entries", &got, &said),
		  JSONLIST_NO_LIST);
	CHECK_INT(read_list("{}", "entries", &got, &said), JSONLIST_NO_LIST);
	CHECK_INT(read_list("{\"other\": [1]}", "entries", &got, &said),
		  JSONLIST_NO_LIST);
	CHECK_STR(said.s, "");
	/* JSON that is not an object or a list is a problem, as to jansson */
	CHECK_INT(read_list("\"x\"", NULL, &got, &said), FAIL_INVALID);
	CHECK(strstr(said.s, ":1:1: '[' or '{' expected near '\"x\"'"));
	CHECK_INT(read_list("", NULL, &got, &said), FAIL_INVALID);
	CHECK(strstr(said.s, ":1:1: '[' or '{' expected near end of file"));

	buf_release(&got);
	buf_release(&said);
}

/* Each problem at its line and column (in characters, as jansson). */
static void test_problems(void)
{
	struct buf got = BUF_INIT, said = BUF_INIT;

	CHECK_INT(read_list("[1,2", NULL, &got, &said), FAIL_INVALID);
	CHECK_STR(got.s, "1 2");
	CHECK(strstr(said.s, ":1:5: ',' or ']' expected near end of file"));

	CHECK_INT(read_list("[1 2]", NULL, &got, &said), FAIL_INVALID);
	CHECK(strstr(said.s, ":1:4: ',' or ']' expected near '2'"));

	CHECK_INT(read_list("[\"\xc3\xa9\", \"\xc3\xbc\" x]", NULL, &got,
			    &said), FAIL_INVALID);
	CHECK(strstr(said.s, ":1:11: ',' or ']' expected near 'x'"));

	CHECK_INT(read_list("[1,]", NULL, &got, &said), FAIL_INVALID);
	CHECK(strstr(said.s, ":1:4: value expected near ']'"));

	/* inside an element: jansson's words, at the place in the file */
	CHECK_INT(read_list("[\n  {\"a\": 1},\n  {\"b\" 2}\n]", NULL, &got,
			    &said), FAIL_INVALID);
	CHECK_STR(got.s, "{\"a\":1}");
	CHECK(strstr(said.s, ":3:8: ':' expected near '2'"));
	CHECK_INT(read_list("[{\"a\": [1}], 3]", NULL, &got, &said),
		  FAIL_INVALID);
	CHECK(strstr(said.s, ":1:10: ']' expected near '}'"));
	CHECK_INT(read_list("[{\"a\": 1, \"a\": 2}]", NULL, &got, &said),
		  FAIL_INVALID);
	CHECK(strstr(said.s, "duplicate object key"));
	CHECK_INT(read_list("[{\"a\": \"cut short", NULL, &got, &said),
		  FAIL_INVALID);
	CHECK(strstr(said.s, ":1:17: premature end of input"));

	/* the rest of the document is checked too */
	CHECK_INT(read_list("{\"entries\": [], \"entries\": []}", "entries",
			    &got, &said), FAIL_INVALID);
	CHECK(strstr(said.s, ":1:17: duplicate object key near "
		     "'\"entries\"'"));
	CHECK_INT(read_list("{\"entries\": [1], \"x\": [}", "entries", &got,
			    &said), FAIL_INVALID);
	CHECK_STR(got.s, "1");
	CHECK(strstr(said.s, ":1:24: "));
	CHECK_INT(read_list("{\"entries\": [1]} x", "entries", &got, &said),
		  FAIL_INVALID);
	CHECK(strstr(said.s, ":1:18: end of file expected near 'x'"));
	CHECK_INT(read_list("{\"a\": 1 \"entries\": []}", "entries", &got,
			    &said), FAIL_INVALID);
	CHECK(strstr(said.s, ":1:9: ',' or '}' expected near '\"entries\"'"));
	CHECK_INT(read_list("[1] \xff", NULL, &got, &said), FAIL_INVALID);
	CHECK(strstr(said.s, "end of file expected near '\\xff'"));

	buf_release(&got);
	buf_release(&said);
}

/* Elements longer than a read, and one over the limit. */
static void test_long(void)
{
	struct jsonlist jl = JSONLIST_INIT;
	struct buf text = BUF_INIT, got = BUF_INIT, said = BUF_INIT;
	size_t n = 200 * 1024;
	json_t *v = NULL;

	buf_adds(&text, "[\"");
	for (size_t i = 0; i < n; i++)
		buf_adds(&text, i % 3 ? "]" : "\\\"");
	buf_adds(&text, "\", {\"after\": \"the long one\"}]");
	put(text.s, text.len);
	CHECK_INT(jsonlist_open(&jl, path, NULL), 0);
	CHECK_INT(jsonlist_next(&jl, &v), 1);
	CHECK(json_is_string(v) && json_string_length(v) == n);
	CHECK(json_string_value(v)[0] == '"' &&
	      json_string_value(v)[1] == ']');
	json_decref(v);
	CHECK_INT(jsonlist_next(&jl, NULL), 1);	/* passed over, unread */
	CHECK_INT(jsonlist_next(&jl, &v), 0);
	CHECK_INT(jl.count, 2);
	jsonlist_close(&jl);

	buf_reset(&text);
	buf_adds(&text, "[1, \"");
	while (text.len <= (size_t)JSONLIST_MAX_VALUE)
		buf_adds(&text, "0123456789abcdef");
	buf_adds(&text, "\"]");
	put(text.s, text.len);
	buf_reset(&text);
	CHECK_INT(read_file(NULL, &got, &said), FAIL_INVALID);
	CHECK_STR(got.s, "1");
	CHECK(strstr(said.s, ":1:5: a value over the size limit of 8 MiB"));

	buf_release(&text);
	buf_release(&got);
	buf_release(&said);
}

int main(void)
{
	int fd = mkstemp(path);

	if (fd < 0) {
		perror(path);
		return 2;
	}
	close(fd);
	test_lists();
	test_shapes();
	test_problems();
	test_long();
	unlink(path);
	return unit_done();
}
