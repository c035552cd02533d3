#include "draft.h"
#include "editor.h"
#include "error.h"
#include "fs.h"
#include "journal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int draft_create(struct draft *d, const struct ctx *ctx, const char *name,
		 const char *text, size_t len)
{
	struct buf dir = BUF_INIT;
	int fd, rc = FAIL;

	if (journal_state_dir(ctx, "drafts", &dir) < 0)
		goto out;
	buf_reset(&d->path);
	buf_addf(&d->path, "%s/%s-XXXXXX.md", dir.s, name);
	fd = mkstemps(d->path.s, 3);
	if (fd < 0) {
		error("cannot create a draft in '%s': %s", dir.s,
		      strerror(errno));
		goto out;
	}
	close(fd);
	if (fs_write_atomic(d->path.s, text, len) < 0) {
		unlink(d->path.s);
		goto out;
	}
	buf_reset(&d->shown);
	buf_add(&d->shown, text, len);
	rc = 0;
out:
	buf_release(&dir);
	return rc;
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int draft_edit(struct draft *d, const struct ctx *ctx)
{
	double started = seconds_now();
	int rc;

	buf_reset(&d->shown);
	if (fs_read(d->path.s, 64 * 1024 * 1024, &d->shown) < 0) {
		error("cannot read the draft '%s'", d->path.s);
		return FAIL;
	}
	rc = editor_run(&ctx->cfg, d->path.s);
	if (rc < 0) {
		/* keep the draft if the editor got to change it */
		if (fs_read(d->path.s, 64 * 1024 * 1024, &d->text) == 0 &&
		    !draft_changed(d)) {
			draft_remove(d);
			buf_reset(&d->path);
		} else {
			draft_say_kept(d);
		}
		return rc;
	}
	if (fs_read(d->path.s, 64 * 1024 * 1024, &d->text) < 0) {
		error("the editor left no draft at '%s'", d->path.s);
		return FAIL;
	}
	if (!draft_changed(d) && seconds_now() - started < 1.0)
		fprintf(stderr, "tend: the editor returned at once without "
			"a change; if it opens a window and returns, make it "
			"wait, e.g. EDITOR=\"code --wait\"\n");
	return 0;
}

int draft_changed(const struct draft *d)
{
	return d->text.len != d->shown.len ||
	       memcmp(d->text.s, d->shown.s, d->text.len);
}

void draft_say_kept(const struct draft *d)
{
	fprintf(stderr, "tend: your draft is kept in '%s'\n", d->path.s);
}

int draft_ask_again(const struct ctx *ctx)
{
	char answer[16];

	if (!ctx->in_tty || !ctx->err_tty)
		return 0;
	fprintf(stderr, "Open the editor again to fix it? [Y/n] ");
	fflush(stderr);
	if (!fgets(answer, sizeof(answer), stdin))
		return 0;
	return answer[0] != 'n' && answer[0] != 'N';
}

void draft_remove(struct draft *d)
{
	if (d->path.len && unlink(d->path.s) < 0 && errno != ENOENT)
		warning("cannot remove the draft '%s': %s", d->path.s,
			strerror(errno));
}

void draft_release(struct draft *d)
{
	buf_release(&d->path);
	buf_release(&d->shown);
	buf_release(&d->text);
}
