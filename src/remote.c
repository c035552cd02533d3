#include "remote.h"
#include "error.h"
#include "fs.h"
#include "locknote.h"
#include "util.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* What a conversation has offered the remote so far. */
enum {
	TRIED_USER = 1 << 0,
	TRIED_AGENT = 1 << 1,
	TRIED_KEY = 1 << 2,
	TRIED_HTTPS = 1 << 3
};

/* The keys ssh itself tries, under $HOME, when [sync] ssh_key is unset. */
static const char *const default_keys[] = {
	".ssh/id_ed25519", ".ssh/id_ecdsa", ".ssh/id_rsa"
};

void remote_talk_init(struct remote_talk *t, const struct ctx *ctx,
		      int quiet)
{
	memset(t, 0, sizeof(*t));
	t->ctx = ctx;
	t->quiet = quiet;
	buf_init(&t->said);
	buf_init(&t->refused);
}

/* Forget an https password, overwriting it first. */
static void forget_password(struct remote_talk *t)
{
	if (t->cred_pass)
		memset(t->cred_pass, 0, strlen(t->cred_pass));
	free(t->cred_pass);
	free(t->cred_user);
	free(t->cred_url);
	t->cred_pass = t->cred_user = t->cred_url = NULL;
}

void remote_talk_release(struct remote_talk *t)
{
	remote_progress_end(t);
	forget_password(t);
	buf_release(&t->said);
	buf_release(&t->refused);
}

/* The user name to log in with when the URL names none. */
static const char *login_name(void)
{
	const char *user = getenv("USER");
	struct passwd *pw;

	if (user && *user)
		return user;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "git";
}

/* path with a leading "~/" read as the home folder, into out. */
static void expand_home(const char *path, struct buf *out)
{
	const char *home = getenv("HOME");

	buf_reset(out);
	if (starts_with(path, "~/") && home)
		path_join(out, home, path + 2);
	else
		buf_adds(out, path);
}

/*
 * Offer the key file at key (and key.pub when it is there) as the
 * credential. Returns libgit2's result.
 */
static int offer_key(git_credential **out, const char *user, const char *key)
{
	struct buf pub = BUF_INIT;
	int rc;

	buf_addf(&pub, "%s.pub", key);
	rc = git_credential_ssh_key_new(out, user,
					fs_exists(pub.s) ? pub.s : NULL, key,
					NULL);
	buf_release(&pub);
	return rc;
}

/*
 * Run `git credential ACTION` with input on its stdin, and its stdout
 * into out when out is not NULL. The terminal prompt is off when tend
 * may not ask. Returns 0 when git ran and exited 0, else -1.
 */
static int run_credential_helper(const struct remote_talk *t,
				 const char *action, const char *input,
				 struct buf *out)
{
	int in[2], res[2], status;
	ssize_t n;
	char chunk[1024];
	pid_t pid;

	if (pipe(in) < 0)
		return -1;
	if (pipe(res) < 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(res[1], 1);
		close(in[0]);
		close(in[1]);
		close(res[0]);
		close(res[1]);
		if (t->quiet || !t->ctx->in_tty)
			setenv("GIT_TERMINAL_PROMPT", "0", 1);
		execlp("git", "git", "credential", action, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(res[1]);
	if (pid > 0) {
		void (*old)(int) = signal(SIGPIPE, SIG_IGN);

		/* when git stops reading, its exit status tells why */
		(void)fs_write_all(in[1], input, strlen(input));
		signal(SIGPIPE, old);
	}
	close(in[1]);
	while (pid > 0 && (n = read(res[0], chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (out)
			buf_add(out, chunk, (size_t)n);
	}
	close(res[0]);
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The value of "key=" in git credential's output, or NULL; caller frees. */
static char *credential_value(const struct buf *out, const char *key)
{
	size_t klen = strlen(key);
	const char *p = out->s;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > klen && !strncmp(p, key, klen) && p[klen] == '=')
			return xstrndup(p + klen + 1, len - klen - 1);
		p = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* The input git credential reads for this credential. */
static void credential_input(const struct remote_talk *t, struct buf *in)
{
	buf_addf(in, "url=%s\n", t->cred_url);
	if (t->cred_user)
		buf_addf(in, "username=%s\n", t->cred_user);
	if (t->cred_pass)
		buf_addf(in, "password=%s\n", t->cred_pass);
	buf_addch(in, '\n');
}

/*
 * Ask `git credential fill` for a user name and password for url.
 * Returns 0 with them in t, or -1.
 */
static int credential_fill(struct remote_talk *t, const char *url,
			   const char *user)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	int rc = -1;

	forget_password(t);
	t->cred_url = xstrdup(url);
	t->cred_user = user && *user ? xstrdup(user) : NULL;
	credential_input(t, &in);
	if (run_credential_helper(t, "fill", in.s, &out) == 0) {
		free(t->cred_user);
		t->cred_user = credential_value(&out, "username");
		t->cred_pass = credential_value(&out, "password");
		rc = t->cred_user && t->cred_pass ? 0 : -1;
	}
	if (out.s)
		memset(out.s, 0, out.len);
	buf_release(&in);
	buf_release(&out);
	if (rc < 0)
		forget_password(t);
	return rc;
}

/* Tell git credential whether the password worked ("approve"/"reject"). */
static void credential_tell(struct remote_talk *t, const char *action)
{
	struct buf in = BUF_INIT;

	if (!t->cred_pass)
		return;
	credential_input(t, &in);
	run_credential_helper(t, action, in.s, NULL);
	memset(in.s, 0, in.len);
	buf_release(&in);
	forget_password(t);
}

/*
 * libgit2 asks for a credential, once per try: each way is offered once
 * (ssh-agent, then [sync] ssh_key or the default keys, or git
 * credential for https), then the answer is "authentication failed", so
 * a wrong key never loops.
 */
static int credentials(git_credential **out, const char *url,
		       const char *url_user, unsigned int allowed,
		       void *payload)
{
	struct remote_talk *t = payload;
	const char *user = url_user && *url_user ? url_user : login_name();
	const char *sock = getenv("SSH_AUTH_SOCK");
	const char *home = getenv("HOME");
	struct buf key = BUF_INIT;
	int rc;

	if ((allowed & GIT_CREDENTIAL_USERNAME) && !(t->tried & TRIED_USER)) {
		t->tried |= TRIED_USER;
		return git_credential_username_new(out, user);
	}
	if ((allowed & GIT_CREDENTIAL_SSH_KEY) && !(t->tried & TRIED_AGENT) &&
	    sock && *sock) {
		t->tried |= TRIED_AGENT;
		return git_credential_ssh_key_from_agent(out, user);
	}
	if ((allowed & GIT_CREDENTIAL_SSH_KEY) && t->ctx->cfg.sync_ssh_key &&
	    !(t->tried & TRIED_KEY)) {
		t->tried |= TRIED_KEY;
		expand_home(t->ctx->cfg.sync_ssh_key, &key);
		if (!fs_exists(key.s)) {
			git_error_set(GIT_ERROR_SSH, "the key file '%s' of "
				      "[sync] ssh_key does not exist", key.s);
			buf_release(&key);
			return GIT_EAUTH;
		}
		rc = offer_key(out, user, key.s);
		buf_release(&key);
		return rc;
	}
	while ((allowed & GIT_CREDENTIAL_SSH_KEY) &&
	       !t->ctx->cfg.sync_ssh_key && home &&
	       t->next_key < ARRAY_SIZE(default_keys)) {
		path_join(&key, home, default_keys[t->next_key++]);
		if (fs_exists(key.s)) {
			rc = offer_key(out, user, key.s);
			buf_release(&key);
			return rc;
		}
	}
	buf_release(&key);
	if ((allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) &&
	    !(t->tried & TRIED_HTTPS)) {
		t->tried |= TRIED_HTTPS;
		if (credential_fill(t, url, url_user) == 0)
			return git_credential_userpass_plaintext_new(
				out, t->cred_user, t->cred_pass);
	}
	credential_tell(t, "reject");
	if (allowed & GIT_CREDENTIAL_SSH_KEY)
		git_error_set(GIT_ERROR_SSH, "authentication failed as '%s': "
			      "no key in ssh-agent, in [sync] ssh_key or in "
			      "~/.ssh was accepted", user);
	else
		git_error_set(GIT_ERROR_HTTP, "authentication failed: %s",
			      (t->tried & TRIED_HTTPS)
			      ? "the password was refused, or git credential "
				"had none"
			      : "tend has no way to log in there");
	return GIT_EAUTH;
}

/* data as unpadded base64, the way ssh prints fingerprints. */
static void base64(const unsigned char *data, size_t len, struct buf *out)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				     "abcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)data[i] << 16;
		size_t n = len - i < 3 ? len - i : 3;

		if (n > 1)
			v |= (unsigned)data[i + 1] << 8;
		if (n > 2)
			v |= data[i + 2];
		for (size_t k = 0; k <= n; k++)
			buf_addch(out, digits[(v >> (18 - 6 * k)) & 63]);
	}
}

/*
 * A host that libgit2 could not check (not in ~/.ssh/known_hosts, a key
 * that differs from the one there, a TLS certificate no authority
 * vouches for) is refused, never accepted silently.
 */
static int check_host(git_cert *cert, int valid, const char *host,
		      void *payload)
{
	struct buf msg = BUF_INIT;

	(void)payload;
	if (valid)
		return 0;
	if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2) {
		const git_cert_hostkey *hk = (const git_cert_hostkey *)cert;

		buf_addf(&msg, "the host key of '%s' is not in "
			 "~/.ssh/known_hosts, or differs from the key there",
			 host);
		if (hk->type & GIT_CERT_SSH_SHA256) {
			buf_adds(&msg, " (it is SHA256:");
			base64(hk->hash_sha256, sizeof(hk->hash_sha256), &msg);
			buf_addch(&msg, ')');
		}
		buf_adds(&msg, "; if that is your server's key, connect once "
			 "with ssh to add it");
	} else {
		buf_addf(&msg, "the certificate of '%s' is not trusted", host);
	}
	git_error_set_str(GIT_ERROR_SSH, msg.s);
	buf_release(&msg);
	return GIT_ECERTIFICATE;
}

/*
 * Progress of a transfer. Once all has come or gone, the refs are
 * locked next: the notes of those locks are renewed (locknote.h).
 */
static int fetch_progress(const git_indexer_progress *stats, void *payload)
{
	struct remote_talk *t = payload;

	if (stats->received_objects < stats->total_objects ||
	    !stats->total_deltas) {
		progress_update(&t->receiving, stats->received_objects,
				stats->total_objects);
	} else {
		/* all came in: the deltas among them are worked out next */
		progress_end(&t->receiving);
		progress_update(&t->resolving, stats->indexed_deltas,
				stats->total_deltas);
	}
	if (stats->received_objects == stats->total_objects)
		locknote_touch(t->ctx);
	return 0;
}

static int push_progress(unsigned int current, unsigned int total,
			 size_t bytes, void *payload)
{
	struct remote_talk *t = payload;

	(void)bytes;
	progress_update(&t->sending, current, total);
	if (current == total)
		locknote_touch(t->ctx);
	return 0;
}

void remote_progress_end(struct remote_talk *t)
{
	progress_end(&t->receiving);
	progress_end(&t->resolving);
	progress_end(&t->sending);
}

/* Keep what the remote says (a hook's reason, say) for a failure. */
static int sideband(const char *str, int len, void *payload)
{
	struct remote_talk *t = payload;

	if (len > 0 && t->said.len < 16384)
		buf_add(&t->said, str, (size_t)len);
	return 0;
}

/* The remote refused one ref, with a reason. */
static int push_status(const char *ref, const char *status, void *payload)
{
	struct remote_talk *t = payload;

	if (status)
		buf_addf(&t->refused, "%s%s (%s)", t->refused.len ? ", " : "",
			 status, ref);
	return 0;
}

void remote_callbacks(struct remote_talk *t, git_remote_callbacks *cb)
{
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	cb->credentials = credentials;
	cb->certificate_check = check_host;
	cb->transfer_progress = fetch_progress;
	cb->push_transfer_progress = push_progress;
	cb->sideband_progress = sideband;
	cb->push_update_reference = push_status;
	cb->payload = t;
	/* every connection offers each credential afresh, once */
	t->tried = 0;
	t->next_key = 0;
	/* and is waited for from now: it receives or sends */
	remote_progress_end(t);
	if (!t->quiet) {
		progress_start(&t->receiving, t->ctx, "receiving", "objects");
		progress_start(&t->resolving, t->ctx, "resolving", "deltas");
		progress_start(&t->sending, t->ctx, "sending", "objects");
	}
}

/* Is this line of the remote's only progress ("Counting objects: 5")? */
static int is_progress(const char *line, size_t len)
{
	static const char *const noise[] = {
		"Enumerating objects", "Counting objects",
		"Compressing objects", "Total ", "Writing objects",
		"Resolving deltas", "Receiving objects"
	};

	if (!len)
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(noise); i++)
		if (len >= strlen(noise[i]) &&
		    !strncmp(line, noise[i], strlen(noise[i])))
			return 1;
	return 0;
}

/* Print what the remote said, but its progress, as "remote: " lines. */
static void print_said(struct remote_talk *t)
{
	const char *p = t->said.s;

	while (*p) {
		size_t len = strcspn(p, "\r\n");

		if (!is_progress(p, len))
			fprintf(stderr, "remote: %.*s\n", (int)len, p);
		p += len;
		p += strspn(p, "\r\n");
	}
	buf_reset(&t->said);
}

int remote_fail(struct remote_talk *t, int rc, const char *what)
{
	const git_error *e = git_error_last();
	const char *msg = e && e->message ? e->message : "unknown error";
	int full;

	remote_progress_end(t);
	print_said(t);
	if (rc == GIT_EAUTH)
		credential_tell(t, "reject");
	if (rc == GIT_ELOCKED)
		return error_as(FAIL_BUSY, "%s: %s (another process is "
				"using the repository)", what, msg);
	/* a full disk is a failure of I/O (1), not of the remote */
	if ((full = error_full_in(msg)))
		return error("%s: %s", what, strerror(full));
	return error_as(FAIL_REMOTE, "%s: %s", what, msg);
}

int remote_pushed(struct remote_talk *t, const char *name)
{
	remote_progress_end(t);
	if (!t->refused.len) {
		remote_done(t);
		return 0;
	}
	print_said(t);
	return error_as(FAIL_REMOTE, "'%s' refused the push: %s", name,
			t->refused.s);
}

void remote_done(struct remote_talk *t)
{
	remote_progress_end(t);
	credential_tell(t, "approve");
}

int remote_name_ok(const char *name)
{
	int valid = 0;

	return git_remote_name_is_valid(&valid, name) == 0 && valid;
}
