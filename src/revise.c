#include "revise.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "journal.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <stdio.h>
#include <string.h>

int revise_file(struct ctx *ctx, const struct revision *r)
{
	struct buf before = BUF_INIT, now = BUF_INIT;
	struct draft d = DRAFT_INIT;
	struct strvec paths = STRVEC_INIT;
	unsigned flags = r->seed ? FS_MISSING_OK : 0;
	int rc, committed, missing;

	if ((rc = vault_read(ctx, r->path, ENTRY_MAX_BYTES, &before,
			     flags)) < 0)
		goto out;
	missing = rc > 0;
	rc = 0;
	if (missing)
		buf_adds(&before, r->seed);
	if (before.len > ENTRY_MAX_BYTES) {
		rc = error_at(r->path, 1, 1, "%s is larger than %d MiB",
			      r->what, ENTRY_MAX_BYTES >> 20);
		goto out;
	}
	if ((rc = draft_create(&d, ctx, r->id, before.s, before.len)) < 0 ||
	    (rc = draft_edit(&d, ctx, r->check, r->data)) < 0)
		goto out;	/* draft_edit() told of the draft */
	if (!draft_changed(&d)) {
		fprintf(stderr, "tend: no changes to '%s'\n", r->id);
		draft_remove(&d);
		goto out;
	}
	if (is_blank(d.text.s, d.text.len)) {
		fprintf(stderr, "tend: the %s would be empty, so it is left "
			"as it was (to delete it: %s)\n", r->what,
			r->remove_hint);
		draft_remove(&d);
		goto out;
	}
	if ((rc = journal_lock(ctx)) < 0) {
		draft_say_kept(&d);
		goto out;
	}
	/* as it was when the editor opened: there with that text, or not */
	rc = vault_read(ctx, r->path, ENTRY_MAX_BYTES, &now, flags);
	if (rc < 0 || (rc > 0) != missing ||
	    (!missing && (now.len != before.len ||
			  memcmp(now.s, before.s, now.len)))) {
		rc = error("'%s' changed while you were editing it; your "
			   "version is kept in '%s'", r->path, draft_keep(&d));
		goto out;
	}
	if ((rc = vault_write(ctx, r->path, d.text.s, d.text.len)) < 0) {
		draft_say_kept(&d);
		goto out;
	}
	draft_remove(&d);
	strvec_push(&paths, r->path);
	rc = store_commit(ctx, &paths, r->message, &committed);
	if (rc < 0)
		error("the edit is saved in '%s' but not committed; "
		      "'tend save' commits it", r->path);
out:
	journal_unlock(ctx);
	draft_release(&d);
	strvec_clear(&paths);
	buf_release(&before);
	buf_release(&now);
	return rc;
}
