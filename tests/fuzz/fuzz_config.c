/*
 * A libFuzzer target of config.c: the input is a config file, read as the
 * user's config.ini, a journal's tend.ini and its .tend/config.ini
 * (tend-config(5)). A file that can be opened is either read (0) or
 * refused with FILE:LINE:COL (FAIL_USAGE); nothing else. Reading the
 * same file twice in a row gives the same settings as reading it once,
 * but for the redact names, which add up: they are there twice.
 */
#include "buf.h"
#include "config.h"
#include "error.h"
#include "fuzz.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The file each input is written to (made once, removed at exit). */
static struct buf path = BUF_INIT;

static void remove_file(void)
{
	unlink(path.s);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd;

	(void)argc;
	(void)argv;
	fuzz_temp_template(&path);
	fd = mkstemp(path.s);
	if (fd < 0)
		abort();
	close(fd);
	atexit(remove_file);
	return 0;
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Is twice the redact list of once, twice over? */
static int redact_twice(const struct config *once, const struct config *twice)
{
	struct buf want = BUF_INIT;
	int same;

	if (!once->redact || !*once->redact)
		return same_str(once->redact, twice->redact);
	buf_addf(&want, "%s, %s", once->redact, once->redact);
	same = twice->redact && !strcmp(want.s, twice->redact);
	buf_release(&want);
	return same;
}

/* Do two configs hold the same settings (the redact names aside)? */
static int same_config(const struct config *a, const struct config *b)
{
	return same_str(a->journal_path, b->journal_path) &&
	       same_str(a->title, b->title) &&
	       same_str(a->timezone, b->timezone) &&
	       same_str(a->editor, b->editor) &&
	       same_str(a->author_name, b->author_name) &&
	       same_str(a->author_email, b->author_email) &&
	       a->mood_scale == b->mood_scale &&
	       same_str(a->render_output, b->render_output) &&
	       a->include_private == b->include_private &&
	       same_str(a->sync_remote, b->sync_remote) &&
	       same_str(a->sync_branch, b->sync_branch) &&
	       a->sync_auto == b->sync_auto &&
	       same_str(a->sync_ssh_key, b->sync_ssh_key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path.s, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
	for (int source = CONFIG_USER; source <= CONFIG_LOCAL; source++) {
		struct config once, twice;
		int rc, rc2;

		config_init(&once);
		config_init(&twice);
		rc = config_read(&once, path.s, source);
		if (rc != 0 && rc != FAIL_USAGE)
			abort();
		rc2 = config_read(&twice, path.s, source);
		if (rc2 == 0)
			rc2 = config_read(&twice, path.s, source);
		if (rc2 != rc || (rc == 0 && (!same_config(&once, &twice) ||
					      !redact_twice(&once, &twice))))
			abort();
		config_release(&once);
		config_release(&twice);
	}
	return 0;
}
