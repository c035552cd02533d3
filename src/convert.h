/*
 * Turning a plain journal into an encrypted one (vault.h), and back:
 * the whole history rewritten, commit by commit, so that no plain copy
 * of anything the user wrote stays reachable or on disk.
 *
 * Encrypting, every file of every commit but .gitignore becomes an age
 * file, NAME.age, encrypted to the journal's new key; entries take the
 * IDs of an encrypted journal (the date and time alone), goals the
 * opaque names of their IDs with the ID in the file (vault_goal_file()),
 * and commit messages say what kind of change, by entry IDs (authors and
 * dates are kept). Decrypting, the age files become plain again under
 * their own names, goals under their IDs again, and key.age goes.
 *
 * The branch moves to the new history in one step; the journal's files,
 * refs, reflogs and objects follow. A conversion that was stopped is
 * finished, or undone when its branch had not moved yet, by the next
 * tend (convert_resume()): the journal is either as it was or converted
 * whole, and no object of the other history is left on disk.
 */
#ifndef TEND_CONVERT_H
#define TEND_CONVERT_H

#include <git2.h>
#include <stddef.h>

#include "buf.h"
#include "ctx.h"
#include "strvec.h"

struct age_identity;

/* What a conversion changes, to ask before it. */
struct convert_plan {
	size_t commits;		/* commits to rewrite */
	size_t remotes;		/* remote-tracking branches to drop */
	struct buf remote;	/* the name of one remote, for a message */
};

void convert_plan_release(struct convert_plan *p);

/*
 * Can the journal be converted (encrypted, or decrypted)? Refused,
 * after reporting, while anything could be lost or left behind: changes
 * not saved, drafts kept, conflict copies, more branches than the one,
 * tags, links or submodules in history. Fills plan. Returns 0, FAIL or
 * FAIL_USAGE.
 */
int convert_check(struct ctx *ctx, struct convert_plan *plan);

/*
 * Encrypt the journal, which convert_check() took (into plan), to the
 * key id, whose KEY_FILE text (locked with the user's passphrase) is
 * sealed[0..len). With the journal locked. Returns 0, or FAIL after
 * reporting; a failure before the branch moved leaves the journal as it
 * was.
 */
int convert_encrypt(struct ctx *ctx, const struct convert_plan *plan,
		    const struct age_identity *id, const char *sealed,
		    size_t len);

/*
 * Decrypt the journal, which convert_check() took (into plan), with its
 * unlocked key (ctx->key). With the journal locked. Returns as
 * convert_encrypt().
 */
int convert_decrypt(struct ctx *ctx, const struct convert_plan *plan);

/*
 * Purging: every version of some entries taken out of the whole history
 * (tend purge). The history is rewritten as for a conversion, commit by
 * commit, the same for the same purge; a record of what went, blob ids
 * and hashes of paths, is committed on top as .tend-purged.
 */
struct purge;

/*
 * Find every path the entries ids (exact IDs) ever had in the history,
 * their conflict copies and the paths git finds them renamed to or from,
 * and every version of those files, into *out (purge_free() it, even
 * after a failure). Returns 0, or FAIL after reporting (an ID that is
 * nowhere in the history).
 */
int purge_find(struct ctx *ctx, const struct strvec *ids, struct purge **out);

/* "ID  TITLE" for each entry asked for, to show before it goes. */
const struct strvec *purge_shown(const struct purge *p);

/* Every path that goes, sorted. */
const struct strvec *purge_paths(const struct purge *p);

/* How many commits change. */
size_t purge_changed(const struct purge *p);

void purge_free(struct purge *p);

/*
 * Can the purge p go ahead? Refused, after
 * reporting, while changes not saved or drafts kept of other entries
 * are there, and as convert_check() refuses (branches besides the one,
 * links in history). Fills plan. Returns 0, FAIL or FAIL_USAGE.
 */
int purge_check(struct ctx *ctx, struct purge *p, struct convert_plan *plan);

/*
 * Take what p found out of the history, with the journal locked, and
 * commit the record; the journal's files that go (an edit not saved of
 * one included) and the drafts of those entries go too. Then as a
 * conversion: refs, reflogs, the index and old objects. Returns 0, or
 * FAIL after reporting; a failure before the branch moved leaves the
 * history as it was (the drafts and an edit not saved of the entries
 * that go are gone first, so that a stop never leaves them behind).
 */
int convert_purge(struct ctx *ctx, struct purge *p);

/*
 * The lines of the record of purges (.tend-purged) that commit holds,
 * into lines (none when it holds none). Returns 0, or FAIL after
 * reporting a record that cannot be read.
 */
int purge_record_at(struct ctx *ctx, const git_oid *commit,
		    struct strvec *lines);

/*
 * The history from tip with what the record's lines name taken out,
 * written as new objects only (no ref moves), its tip into out: the
 * same commits as a purge of the same lines made elsewhere. Returns 0
 * or FAIL after reporting.
 */
int purge_rewrite(struct ctx *ctx, const struct strvec *lines,
		  const git_oid *tip, git_oid *out);

/*
 * The entries of the journal's own history that what the record's lines
 * name would take out: their IDs (a path, for a file of no entry's name)
 * into ids. Returns 0 or FAIL.
 */
int purge_reach(struct ctx *ctx, const struct strvec *lines,
		struct strvec *ids);

/*
 * Take what the record's lines name out of the journal's own history,
 * and the drafts of those entries, as convert_purge() does, with no
 * record committed (it came with the history that named it). Returns
 * as convert_purge().
 */
int purge_local(struct ctx *ctx, const struct strvec *lines);

/*
 * Finish a conversion of the journal that was stopped (the branch had
 * moved), or undo it (it had not), taking the journal's lock. Returns 0
 * (also when there was none), or a failure after reporting.
 */
int convert_resume(struct ctx *ctx);

#endif
