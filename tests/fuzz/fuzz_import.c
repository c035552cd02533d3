/*
 * A libFuzzer target of import.c: the input is a file to import, read as
 * tend's JSON, jrnl's JSON and a Day One export in turn (import_run(),
 * tend-import(1)). The journal is a folder made once without a git
 * repository, so that every import that gets as far as its commit fails
 * there: import.h promises that on any failure nothing stays written, so
 * after each run the folder entries/ must hold no file of any kind. A
 * run must end in success with nothing imported, or in a reported
 * failure (FAIL, FAIL_INVALID, FAIL_USAGE); nothing else.
 */
#include "ctx.h"
#include "error.h"
#include "fs.h"
#include "fuzz.h"
#include "import.h"
#include "store.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ctx ctx;
static struct buf top = BUF_INIT;	/* the temporary folder */
static struct buf input = BUF_INIT;	/* the file imported */
static struct buf entries = BUF_INIT;	/* the journal's entries/ */

static void remove_all(void)
{
	store_close(&ctx);
	fs_remove_tree(top.s, 1);
}

/* Make TMPDIR/tend-fuzz-XXXXXX/{journal/entries,input}. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct buf root = BUF_INIT;

	(void)argc;
	(void)argv;
	fuzz_temp_template(&top);
	if (!mkdtemp(top.s))
		abort();
	path_join(&root, top.s, "journal");
	path_join(&input, top.s, "input");
	if (fs_mkdirs(top.s, "journal/entries") < 0)
		abort();
	path_join(&entries, root.s, "entries");
	ctx.root = root.s;	/* owned by ctx from here */
	ctx.lock_fd = -1;
	ctx.now = 1795382040;
	config_init(&ctx.cfg);
	atexit(remove_all);
	return 0;
}

/* Count anything but folders under entries/. */
static int files_left;

static int count_file(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)path;
	(void)st;
	(void)ftw;
	if (type != FTW_D && type != FTW_DP)
		files_left++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum import_format formats[] = {
		IMPORT_TEND_JSON, IMPORT_JRNL_JSON, IMPORT_DAYONE_JSON
	};
	FILE *f = fopen(input.s, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
	for (size_t i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
		struct import_summary s;
		int rc;

		import_summary_init(&s);
		rc = import_run(&ctx, input.s, formats[i], &s);
		if (rc != 0 && rc != FAIL && rc != FAIL_INVALID &&
		    rc != FAIL_USAGE)
			abort();
		/* there is no repository to commit to */
		if (rc == 0 && s.imported)
			abort();
		files_left = 0;
		if (nftw(entries.s, count_file, 16, FTW_PHYS) == 0 &&
		    files_left)
			abort();
		/* the empty entries/ may go with the folders it made */
		if (fs_mkdirs(top.s, "journal/entries") < 0)
			abort();
		import_summary_release(&s);
	}
	return 0;
}
