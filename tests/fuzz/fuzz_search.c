/*
 * A libFuzzer target of tend search (cmd/search.c and query.c): the input
 * is the QUERY, run as `tend search --all QUERY` over the index of a
 * small journal made once in a temporary folder. A query either finds
 * (exit 0) or is refused as a usage error (exit 2, a query that FTS5
 * cannot read or that is over a limit); any other outcome, a crash or a
 * query that runs for long (libFuzzer's -timeout) is a failure. The
 * output format changes with the input's length, to go through each.
 */
#include "cmd/cmd.h"
#include "ctx.h"
#include "fs.h"
#include "fuzz.h"
#include "index.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
	const char *path, *text;
} entries[] = {
	{ "entries/2026/01/2026-01-14-2040-the-dishes-again.md",
	  "---\ntitle: The dishes, again\ndate: 2026-01-14T20:40:00+01:00\n"
	  "mood: 3\nfeelings: [frustrated, lonely]\ntags: [conflict]\n---\n\n"
	  "He said \"later\" and I felt invisible. Self-care first.\n" },
	{ "entries/2026/02/2026-02-03-1905-session-4.md",
	  "---\ntitle: \"Session 4 \xe2\x80\x93 what I want\"\n"
	  "date: 2026-02-03T19:05:00+01:00\nmood: 6\ntags: [therapy]\n"
	  "share: true\n---\n\nWe talked about stonewalling and the loop. "
	  "R\xc3\xa9sum\xc3\xa9 of boundaries: no, n\xc3\xa3o, \xe3\x81\xaf\xe3"
	  "\x81\x84.\n" },
	{ "entries/2026/03/2026-03-10-2115-check-in.md",
	  "---\ntitle: Check-in\ndate: 2026-03-10 21:15\nprivate: true\n"
	  "feelings: [calm]\n---\n\n# Check-in\n\ncalm calm calm; a *quiet* "
	  "evening, dishes done.\n" },
	{ "entries/2026/04/2026-04-02-0700-entry.md",
	  "Morning pages without front matter: OR AND NOT NEAR \"quoted\".\n" },
};

static struct ctx ctx;

/* Close the index and remove the journal. */
static void remove_journal(void)
{
	index_close(&ctx);
	fs_remove_tree(ctx.root, 1);
}

/* Make the journal under a new temporary folder and index it. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct buf root = BUF_INIT;

	(void)argc;
	(void)argv;
	fuzz_temp_template(&root);
	if (!mkdtemp(root.s))
		abort();
	ctx.root = root.s;	/* owned by ctx from here */
	ctx.lock_fd = -1;
	ctx.now = 1795382040;
	config_init(&ctx.cfg);
	for (size_t i = 0; i < sizeof(entries) / sizeof(*entries); i++) {
		struct buf dir = BUF_INIT, full = BUF_INIT;
		const char *slash = strrchr(entries[i].path, '/');
		FILE *f;

		buf_add(&dir, entries[i].path,
			(size_t)(slash - entries[i].path));
		path_join(&full, ctx.root, entries[i].path);
		if (fs_mkdirs(ctx.root, dir.s) < 0 ||
		    !(f = fopen(full.s, "w")) ||
		    fputs(entries[i].text, f) < 0 || fclose(f))
			abort();
		buf_release(&dir);
		buf_release(&full);
	}
	atexit(remove_journal);
	if (index_open(&ctx, INDEX_REBUILD, NULL) < 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = { "text", "json", "ids" };
	char *query = malloc(size + 1);
	char *argv[] = { "search", "--all", "--format", NULL, query, NULL };
	int code;

	memcpy(query, data, size);
	query[size] = '\0';
	argv[3] = (char *)formats[size % 3];
	optind = 0;
	code = cmd_search(5, argv, &ctx);
	if (code != 0 && code != 2)
		abort();
	fflush(stdout);
	free(query);
	return 0;
}
