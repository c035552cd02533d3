/*
 * The journal's files as the user wrote them (see vault.h).
 */
#include "vault.h"
#include "age.h"
#include "error.h"
#include "fs.h"
#include "key.h"
#include "util.h"

#include <errno.h>
#include <linux/magic.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

int vault_detect(struct ctx *ctx)
{
	struct buf path = BUF_INIT;
	struct stat st;

	path_join(&path, ctx->root, KEY_FILE);
	ctx->encrypted = lstat(path.s, &st) == 0;
	buf_release(&path);
	return ctx->encrypted;
}

int vault_unlock(struct ctx *ctx)
{
	struct age_identity *id;
	int rc;

	if (ctx->key)
		return 0;
	id = xmalloc(sizeof(*id));
	rc = key_kept(ctx->root, id);
	if (rc == 1)
		rc = key_ask(ctx->root, "Passphrase of the journal: ", id);
	if (rc) {
		age_identity_wipe(id);
		free(id);
		return rc;
	}
	ctx->key = id;
	return 0;
}

void vault_close(struct ctx *ctx)
{
	if (ctx->key) {
		age_identity_wipe(ctx->key);
		free(ctx->key);
		ctx->key = NULL;
	}
}

const char *vault_md(const struct ctx *ctx)
{
	return ctx->encrypted ? ".md" VAULT_EXT : ".md";
}

void vault_name(const struct ctx *ctx, const char *rel, struct buf *out)
{
	buf_reset(out);
	buf_adds(out, rel);
	if (ctx->encrypted)
		buf_adds(out, VAULT_EXT);
}

/*
 * Is the key unlocked, to read or write what (for the message)? Returns
 * 0, or FAIL_LOCKED (reported unless quiet) with errno EACCES.
 */
static int have_key(const struct ctx *ctx, const char *what, int quiet)
{
	if (ctx->key)
		return 0;
	errno = EACCES;
	return quiet ? FAIL_LOCKED : error_as(FAIL_LOCKED, "cannot read or "
					"write '%s': the journal is locked",
					what);
}

/* The errno that stands for an age failure, for quiet callers. */
static int age_errno(int code)
{
	return code == AGE_NO_CRYPTO ? ENOSYS : EBADMSG;
}

/*
 * Decrypt sealed into out as the file rel (for messages), checking the
 * limit. Returns 0, or a failure (reported unless quiet, errno set).
 */
static int open_sealed(const struct ctx *ctx, const char *rel,
		       const char *data, size_t len, size_t limit,
		       struct buf *out, int quiet)
{
	int rc;

	if (!ctx->encrypted) {
		errno = EACCES;
		return quiet ? FAIL : error("cannot read '%s': it is "
				"encrypted, and this journal has no key", rel);
	}
	if ((rc = have_key(ctx, rel, quiet)) < 0)
		return rc;
	rc = age_decrypt(ctx->key, data, len, out);
	if (rc) {
		errno = age_errno(rc);
		buf_reset(out);
		if (quiet)
			return FAIL;
		if (rc == AGE_NOT_MINE)
			return error("cannot read '%s': it is encrypted for "
				     "another key than this journal's", rel);
		return error("cannot read '%s': %s", rel, age_error(rc));
	}
	if (out->len > limit) {
		errno = EFBIG;
		out->len = limit + 1;
		out->s[out->len] = '\0';
	}
	return 0;
}

/*
 * Read the file rel of the journal, root/rel, or when path is set the
 * same file at path (no link checked but the last), decrypted.
 */
static int read_file(const struct ctx *ctx, const char *path,
		     const char *rel, size_t limit, struct buf *out,
		     unsigned flags)
{
	struct buf sealed = BUF_INIT;
	/* age adds a header and 16 bytes a chunk of 64 KiB */
	size_t slack = 4096 + (limit / 65536 + 1) * 16;
	int rc;

	if (!ends_with(rel, VAULT_EXT))
		return path ? fs_read(path, limit, out, flags)
			    : fs_read_in(ctx->root, rel, limit, out, flags);
	rc = path ? fs_read(path, limit + slack, &sealed, flags)
		  : fs_read_in(ctx->root, rel, limit + slack, &sealed, flags);
	if (rc == 0 && sealed.len > limit + slack) {
		/* too large to decrypt whole: as large as a reader sees */
		buf_reset(out);
		buf_grow(out, limit + 1);
		memset(out->s, 0, limit + 1);
		out->len = limit + 1;
		out->s[out->len] = '\0';
	} else if (rc == 0) {
		rc = open_sealed(ctx, rel, sealed.s, sealed.len, limit, out,
				 flags & FS_QUIET);
	} else {
		buf_reset(out);
	}
	buf_release(&sealed);
	return rc;
}

int vault_read(const struct ctx *ctx, const char *rel, size_t limit,
	       struct buf *out, unsigned flags)
{
	return read_file(ctx, NULL, rel, limit, out, flags);
}

int vault_read_at(const struct ctx *ctx, const char *path,
		  const char *rel, size_t limit, struct buf *out,
		  unsigned flags)
{
	return read_file(ctx, path, rel, limit, out, flags);
}

int vault_open_bytes(const struct ctx *ctx, const char *rel,
		     const char *data, size_t len, struct buf *out)
{
	buf_reset(out);
	if (!ends_with(rel, VAULT_EXT)) {
		buf_add(out, data, len);
		return 0;
	}
	return open_sealed(ctx, rel, data, len, (size_t)-2, out, 0);
}

int vault_seal_bytes(const struct ctx *ctx, const char *rel,
		     const char *data, size_t len, struct buf *out)
{
	int rc;

	buf_reset(out);
	if (!ends_with(rel, VAULT_EXT)) {
		buf_add(out, data, len);
		return 0;
	}
	if (!ctx->encrypted)
		return error("cannot write '%s': this journal has no key to "
			     "encrypt it with", rel);
	if ((rc = have_key(ctx, rel, 0)) < 0)
		return rc;
	rc = age_encrypt(&ctx->key->recipient, 1, data, len, out);
	if (rc)
		return error("cannot encrypt '%s': %s", rel, age_error(rc));
	return 0;
}

int vault_write(const struct ctx *ctx, const char *rel, const char *data,
		size_t len)
{
	struct buf sealed = BUF_INIT;
	int rc;

	if (!ends_with(rel, VAULT_EXT))
		return fs_write_in(ctx->root, rel, data, len);
	rc = vault_seal_bytes(ctx, rel, data, len, &sealed);
	if (!rc)
		rc = fs_write_in(ctx->root, rel, sealed.s, sealed.len);
	buf_release(&sealed);
	return rc;
}

int vault_in_memory(const char *dir)
{
	struct buf path = BUF_INIT;
	struct statfs fs;
	char *slash;
	int in = 0;

	buf_adds(&path, dir);
	for (;;) {
		if (!statfs(path.s, &fs)) {
			in = fs.f_type == TMPFS_MAGIC ||
			     fs.f_type == RAMFS_MAGIC;
			break;
		}
		if (errno != ENOENT || !strcmp(path.s, "/") ||
		    !strcmp(path.s, "."))
			break;
		slash = strrchr(path.s, '/');
		if (!slash) {
			buf_reset(&path);
			buf_adds(&path, ".");
		} else {
			buf_setlen(&path, slash == path.s ? 1
					   : (size_t)(slash - path.s));
		}
	}
	buf_release(&path);
	return in;
}

/* Is the folder at path the user's own, mode 0700, in memory? */
static int private_in_memory(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
	       st.st_uid == geteuid() && !(st.st_mode & 077) &&
	       vault_in_memory(path);
}

int vault_memory_dir(const char *sub, struct buf *out)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	int rc = 0;

	buf_reset(out);
	if (!run || *run != '/')
		return error("XDG_RUNTIME_DIR is not set, and an encrypted "
			     "journal keeps what it shows in plain text only "
			     "in a private folder in memory; log in with a "
			     "session that sets it, or set it to a folder of "
			     "yours on a tmpfs");
	if (!vault_in_memory(run))
		return error("XDG_RUNTIME_DIR ('%s') is not a folder in memory "
			     "(a tmpfs): an encrypted journal keeps no plain "
			     "text on a disk", run);
	buf_addf(out, "%s/tend", run);
	if (mkdir(out->s, 0700) < 0 && errno != EEXIST)
		rc = error("cannot make '%s': %s", out->s, strerror(errno));
	if (!rc && *sub) {
		buf_addf(out, "/%s", sub);
		if (mkdir(out->s, 0700) < 0 && errno != EEXIST)
			rc = error("cannot make '%s': %s", out->s,
				   strerror(errno));
	}
	if (!rc && !private_in_memory(out->s))
		rc = error("'%s' is not a private folder in memory (a tmpfs "
			   "of yours, mode 0700): an encrypted journal "
			   "keeps no plain text on a disk", out->s);
	return rc;
}

/* The subkey of key for purpose (vault_subkey()), into out. */
static void subkey_of(const struct age_identity *key, const char *purpose,
		      unsigned char out[32])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, key->secret, AGE_KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"tend ", 5);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)purpose,
				      strlen(purpose));
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof(st));
}

int vault_subkey(const struct ctx *ctx, const char *purpose,
		 unsigned char out[32])
{
	int rc;

	if ((rc = have_key(ctx, "the index", 0)) < 0)
		return rc;
	subkey_of(ctx->key, purpose, out);
	return 0;
}

void vault_goal_file(const struct age_identity *key, const char *id,
		     struct buf *out)
{
	crypto_auth_hmacsha256_state st;
	unsigned char sub[32], mac[crypto_auth_hmacsha256_BYTES];
	char hex[VAULT_GOAL_HEX + 1];

	subkey_of(key, "goal names", sub);
	crypto_auth_hmacsha256_init(&st, sub, sizeof(sub));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)id,
				      strlen(id));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, sizeof(hex), mac, VAULT_GOAL_HEX / 2);
	buf_reset(out);
	buf_addf(out, VAULT_GOALS "%s.md" VAULT_EXT, hex);
	sodium_memzero(&st, sizeof(st));
	sodium_memzero(sub, sizeof(sub));
}

int vault_goal_path(const struct ctx *ctx, const char *id, struct buf *out)
{
	int rc;

	buf_reset(out);
	if (!ctx->encrypted) {
		buf_addf(out, VAULT_GOALS "%s.md", id);
		return 0;
	}
	if ((rc = have_key(ctx, "goals/", 0)) < 0)
		return rc;
	vault_goal_file(ctx->key, id, out);
	return 0;
}
