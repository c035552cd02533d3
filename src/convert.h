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

#include <stddef.h>

#include "buf.h"
#include "ctx.h"

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
 * Finish a conversion of the journal that was stopped (the branch had
 * moved), or undo it (it had not), taking the journal's lock. Returns 0
 * (also when there was none), or a failure after reporting.
 */
int convert_resume(struct ctx *ctx);

#endif
