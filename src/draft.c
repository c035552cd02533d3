#include "draft.h"
#include "age.h"
#include "editor.h"
#include "error.h"
#include "fs.h"
#include "journal.h"
#include "vault.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int draft_create(struct draft *d, struct ctx *ctx, const char *name,
		 const char *text, size_t len)
{
	struct buf dir = BUF_INIT, path = BUF_INIT;
	int fd, rc = FAIL;

	buf_reset(&d->path);
	d->ctx = ctx;
	d->in_memory = ctx->encrypted;
	if (d->in_memory ? vault_memory_dir("drafts", &dir) < 0
			 : journal_state_dir(ctx, "drafts", &dir) < 0)
		goto out;
	buf_addf(&path, "%s/%s-XXXXXX.md", dir.s, name);
	fd = mkstemps(path.s, 3);
	if (fd < 0) {
		error("cannot create a draft in '%s': %s", dir.s,
		      strerror(errno));
		goto out;
	}
	close(fd);
	if (fs_write_atomic(path.s, text, len) < 0) {
		unlink(path.s);
		goto out;
	}
	buf_adds(&d->path, path.s);
	buf_reset(&d->shown);
	buf_add(&d->shown, text, len);
	rc = 0;
out:
	buf_release(&dir);
	buf_release(&path);
	return rc;
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Run the editor once on the draft and read it back into d->text. */
static int edit_once(struct draft *d, struct ctx *ctx)
{
	double started = seconds_now();

	if (fs_read(d->path.s, DRAFT_MAX_BYTES, &d->shown, 0) < 0)
		return FAIL;
	if (editor_run(&ctx->cfg, d->path.s) < 0) {
		draft_say_kept(d);
		return FAIL;
	}
	if (fs_read(d->path.s, DRAFT_MAX_BYTES, &d->text, 0) < 0)
		return error("the editor left no draft at '%s'", d->path.s);
	if (!draft_changed(d) && seconds_now() - started < 1.0)
		fputs("tend: the editor returned at once without a change; if "
		      "it opens a window and returns, make it wait, e.g. "
		      "EDITOR=\"code --wait\"\n", stderr);
	return 0;
}

/*
 * On a terminal, ask whether to open the draft again after a problem
 * with it. Returns 1 for yes, 0 for no (or when not on a terminal).
 */
static int ask_again(const struct ctx *ctx)
{
	char answer[16];

	if (!ctx->in_tty || !ctx->err_tty)
		return 0;
	fputs("Open the editor again to fix it? [Y/n] ", stderr);
	fflush(stderr);
	if (!fgets(answer, sizeof(answer), stdin))
		return 0;
	return answer[0] != 'n' && answer[0] != 'N';
}

int draft_edit(struct draft *d, struct ctx *ctx,
	       int (*check)(const struct draft *d, void *data), void *data)
{
	struct strvec words = STRVEC_INIT;
	int rc = editor_split(editor_command(&ctx->cfg), &words);

	strvec_clear(&words);
	if (rc < 0) {
		draft_remove(d);	/* nothing was written in it yet */
		return rc;
	}
	for (;;) {
		if ((rc = edit_once(d, ctx)) < 0)
			return rc;
		if (!draft_changed(d) || !(rc = check(d, data)))
			return 0;
		if (!ask_again(ctx)) {
			draft_say_kept(d);
			return rc;
		}
	}
}

int draft_changed(const struct draft *d)
{
	return d->text.len != d->shown.len ||
	       memcmp(d->text.s, d->shown.s, d->text.len);
}

const char *draft_keep(struct draft *d)
{
	struct buf rel = BUF_INIT, text = BUF_INIT;
	const char *base;

	if (!d->in_memory || !d->path.len)
		return d->path.s;
	base = strrchr(d->path.s, '/') + 1;
	buf_addf(&rel, ".tend/drafts/%s" VAULT_EXT, base);
	if (fs_read(d->path.s, DRAFT_MAX_BYTES, &text, 0) < 0 ||
	    vault_write(d->ctx, rel.s, text.s, text.len) < 0) {
		warning("the draft stays in memory, in plain text, at '%s'",
			d->path.s);
	} else {
		draft_remove(d);
		path_join(&d->path, d->ctx->root, rel.s);
		d->in_memory = 0;
	}
	age_wipe(text.s, text.len);
	buf_release(&text);
	buf_release(&rel);
	return d->path.s;
}

void draft_say_kept(struct draft *d)
{
	int sealed = d->in_memory && d->path.len;
	const char *path = draft_keep(d);

	if (sealed && !d->in_memory)
		fprintf(stderr, "tend: your draft is kept encrypted in '%s' "
			"('age -d -i key.age FILE' prints it)\n", path);
	else
		fprintf(stderr, "tend: your draft is kept in '%s'\n", path);
}

void draft_remove(struct draft *d)
{
	if (d->path.len && unlink(d->path.s) < 0 && errno != ENOENT)
		warning("cannot remove the draft '%s': %s", d->path.s,
			strerror(errno));
	buf_reset(&d->path);
}

void draft_release(struct draft *d)
{
	buf_release(&d->path);
	buf_release(&d->shown);
	buf_release(&d->text);
}
