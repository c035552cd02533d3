/*
 * The journal's files as the user wrote them. In an encrypted journal
 * (one with a KEY_FILE, key.h) tend keeps every file it writes for the
 * user as an age file, NAME.age, encrypted to the journal's key: here
 * they are read back decrypted and written encrypted, and the key is
 * unlocked when it is first needed. In a plain journal these are plain
 * reads and writes.
 */
#ifndef TEND_VAULT_H
#define TEND_VAULT_H

#include <stddef.h>

#include "buf.h"
#include "ctx.h"

/* What names an encrypted file: NAME.md becomes NAME.md.age. */
#define VAULT_EXT ".age"

/* The journal's settings file in an encrypted journal. */
#define VAULT_CONFIG "tend.ini.age"

/* How long `tend unlock` keeps the key unlocked by default. */
#define VAULT_KEEP_SECONDS (15 * 60)

/*
 * Is the journal at ctx->root an encrypted one? Sets ctx->encrypted.
 * Returns it.
 */
int vault_detect(struct ctx *ctx);

/*
 * Unlock the journal's key into ctx->key, once: the key kept by `tend
 * unlock`, else one unlocked with the passphrase (key_passphrase()).
 * Returns 0; FAIL_LOCKED after reporting a wrong passphrase or no way
 * to ask for one; FAIL after reporting a damaged key file.
 */
int vault_unlock(struct ctx *ctx);

/* Wipe and free ctx->key (safe when there is none). */
void vault_close(struct ctx *ctx);

/*
 * The ending of entry files in this journal: ".md", or ".md.age" in an
 * encrypted one.
 */
const char *vault_md(const struct ctx *ctx);

/*
 * The name a file of the user's is kept under in this journal: rel, or
 * rel VAULT_EXT in an encrypted one, into out.
 */
void vault_name(const struct ctx *ctx, const char *rel, struct buf *out);

/*
 * Read root/rel as fs_read_in() does, into out; a NAME.age file is
 * decrypted with the journal's key, which must be unlocked (a command
 * that is not KEYLESS has it; without it, the file is not read). The
 * limit is of the text decrypted. Returns as fs_read_in(); with FS_QUIET
 * a file that cannot be decrypted sets errno to EBADMSG (damaged, or for
 * another key), EFBIG (over the limit) or EACCES (the key stays locked).
 */
int vault_read(const struct ctx *ctx, const char *rel, size_t limit,
	       struct buf *out, unsigned flags);

/*
 * vault_read() of the file at path (root/rel), as fs_read() reads it:
 * only a link at its last component is refused. For a caller that
 * checked the folders on the way.
 */
int vault_read_at(const struct ctx *ctx, const char *path,
		  const char *rel, size_t limit, struct buf *out,
		  unsigned flags);

/*
 * Decrypt data[0..len), a version of the journal's file rel, into out
 * when rel names an age file; else copy it. For versions of files read
 * from git. Returns 0, or FAIL or FAIL_LOCKED after reporting.
 */
int vault_open_bytes(const struct ctx *ctx, const char *rel,
		     const char *data, size_t len, struct buf *out);

/*
 * Encrypt data[0..len) to the journal's key into out when rel names an
 * age file, else copy it. Returns 0, or FAIL after reporting.
 */
int vault_seal_bytes(const struct ctx *ctx, const char *rel,
		     const char *data, size_t len, struct buf *out);

/*
 * Write data[0..len) to root/rel as fs_write_in() does, encrypted when
 * rel names an age file. Returns 0 or FAIL after reporting.
 */
int vault_write(const struct ctx *ctx, const char *rel, const char *data,
		size_t len);

/*
 * Is the folder path, or else the nearest of its parents that is there,
 * on a file system in memory (tmpfs or ramfs)? Links on the way are
 * followed, as writing into it follows them. Returns 1 or 0.
 */
int vault_in_memory(const char *path);

/*
 * A private folder in memory for plain text that must not reach a disk
 * (drafts being edited, a rendered site): $XDG_RUNTIME_DIR/tend/SUB,
 * made with mode 0700, into out. Refused unless XDG_RUNTIME_DIR is a
 * memory-backed file system (tmpfs) and the folder is the user's own.
 * Returns 0 or FAIL after reporting.
 */
int vault_memory_dir(const char *sub, struct buf *out);

/*
 * A key for the journal's local caches (the index), made from the
 * journal's key for one purpose (a short word), into out. The key must
 * be unlocked. Returns 0 or FAIL_LOCKED after reporting.
 */
int vault_subkey(const struct ctx *ctx, const char *purpose,
		 unsigned char out[32]);

/* The folder of goal files, and how long an opaque goal file name is. */
#define VAULT_GOALS "goals/"
#define VAULT_GOAL_HEX 16

/*
 * The file of the goal id in an encrypted journal whose key is key:
 * goals/H.md.age, H the first VAULT_GOAL_HEX hex digits of HMAC-SHA-256
 * of id, keyed with the key's subkey for goal names (vault_subkey()'s
 * "goal names"), into out. The name says nothing of the goal to one
 * without the key, and is found again from the ID alone.
 */
void vault_goal_file(const struct age_identity *key, const char *id,
		     struct buf *out);

/*
 * The file of the goal id in this journal, into out: goals/ID.md, or in
 * an encrypted one vault_goal_file() of its key, which must be unlocked.
 * Returns 0 or FAIL_LOCKED after reporting.
 */
int vault_goal_path(const struct ctx *ctx, const char *id, struct buf *out);

#endif
