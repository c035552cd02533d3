#include "journal.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "key.h"
#include "locknote.h"
#include "store.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int journal_refuse_within(const char *dir)
{
	char *inside = journal_enclosing(dir), *abs;
	int rc = 0;

	if (!inside)
		return 0;
	abs = realpath(dir, NULL);
	if (abs && !strcmp(abs, inside))
		rc = error("'%s' is already a journal", dir);
	else
		rc = error("'%s' is inside the journal in '%s'; a journal "
			   "cannot hold another", dir, inside);
	free(abs);
	free(inside);
	return rc;
}

/*
 * Is dir the root of a journal: does it hold tend.ini, or an encrypted
 * journal's KEY_FILE?
 */
static int is_journal(const char *dir)
{
	static const char *const marks[] = { "tend.ini", KEY_FILE };
	struct buf ini = BUF_INIT;
	struct stat st;
	int ok = 0;

	for (int i = 0; i < 2 && !ok; i++) {
		path_join(&ini, dir, marks[i]);
		ok = lstat(ini.s, &st) == 0 && S_ISREG(st.st_mode);
	}
	buf_release(&ini);
	return ok;
}

/* ~/x and relative paths (to HOME) made absolute; caller frees. */
static char *expand_home(const char *path)
{
	const char *home = getenv("HOME");
	struct buf out = BUF_INIT;

	if (path[0] == '~' && (path[1] == '/' || !path[1]))
		buf_addf(&out, "%s%s", home ? home : "", path + 1);
	else if (path[0] != '/')
		buf_addf(&out, "%s/%s", home ? home : "", path);
	else
		buf_adds(&out, path);
	return buf_detach(&out, NULL);
}

char *journal_default_dir(const struct ctx *ctx)
{
	const char *env = getenv("TEND_JOURNAL"), *xdg, *home;
	struct buf out = BUF_INIT;

	if (ctx->journal_opt)
		return xstrdup(ctx->journal_opt);
	if (env && *env)
		return xstrdup(env);
	if (ctx->cfg.journal_path)
		return expand_home(ctx->cfg.journal_path);
	xdg = getenv("XDG_DATA_HOME");
	home = getenv("HOME");
	if (xdg && *xdg == '/')
		buf_addf(&out, "%s/tend/journal", xdg);
	else
		buf_addf(&out, "%s/.local/share/tend/journal",
			 home ? home : "");
	return buf_detach(&out, NULL);
}

char *journal_enclosing(const char *path)
{
	struct buf dir = BUF_INIT;
	char *abs, *slash;

	if (path[0] != '/') {
		char *cwd = getcwd(NULL, 0);

		if (!cwd)
			return NULL;
		buf_addf(&dir, "%s/%s", cwd, path);
		free(cwd);
	} else {
		buf_adds(&dir, path);
	}
	/* climb to the nearest folder that exists */
	while (!(abs = realpath(dir.s, NULL))) {
		slash = strrchr(dir.s, '/');
		if (!slash || slash == dir.s) {
			abs = xstrdup("/");
			break;
		}
		buf_setlen(&dir, (size_t)(slash - dir.s));
	}
	buf_reset(&dir);
	buf_adds(&dir, abs);
	free(abs);
	for (;;) {
		if (is_journal(dir.s))
			return buf_detach(&dir, NULL);
		slash = strrchr(dir.s, '/');
		if (!slash || dir.len == 1)
			break;
		buf_setlen(&dir, slash == dir.s ? 1 : (size_t)(slash - dir.s));
	}
	buf_release(&dir);
	return NULL;
}

/* Use dir as the journal if it is one; says why not otherwise. */
static int use_dir(struct ctx *ctx, const char *dir, const char *from)
{
	char *abs = realpath(dir, NULL);

	if (!abs)
		return error("no journal at '%s' (%s); create one with "
			     "'tend init %s'", dir, from, dir);
	if (!is_journal(abs)) {
		free(abs);
		return error("'%s' (%s) is not a tend journal: it has no "
			     "tend.ini", dir, from);
	}
	ctx->root = abs;
	return 0;
}

int journal_find(struct ctx *ctx)
{
	const char *env = getenv("TEND_JOURNAL");
	char *dir;
	int rc;

	if (ctx->journal_opt)
		return use_dir(ctx, ctx->journal_opt, "from --journal");
	if (env && *env)
		return use_dir(ctx, env, "from TEND_JOURNAL");
	ctx->root = journal_enclosing(".");
	if (ctx->root)
		return 0;
	dir = journal_default_dir(ctx);
	if (ctx->cfg.journal_path) {
		rc = use_dir(ctx, dir, "from [journal] path");
	} else if (!fs_exists(dir)) {
		rc = error("no journal found; create one with 'tend init' "
			   "or name one with --journal DIR");
	} else {
		rc = use_dir(ctx, dir, "the default journal");
	}
	free(dir);
	return rc;
}

int journal_state_dir(const struct ctx *ctx, const char *sub,
		      struct buf *out)
{
	struct buf rel = BUF_INIT;
	int rc;

	buf_addf(&rel, ".tend%s%s", *sub ? "/" : "", sub);
	rc = fs_mkdirs(ctx->root, rel.s);
	path_join(out, ctx->root, rel.s);
	buf_release(&rel);
	return rc;
}

/* Read the pid a lock holder wrote into the lock file; 0 if none. */
static long holder_pid(int fd)
{
	char text[32];
	ssize_t n = pread(fd, text, sizeof(text) - 1, 0);

	if (n <= 0)
		return 0;
	text[n] = '\0';
	return strtol(text, NULL, 10);
}

/* The first git lock file that exists in the repository, or NULL. */
static const char *git_lock_held(const struct ctx *ctx, struct buf *path)
{
	static const char *const locks[] = {
		".git/index.lock", ".git/HEAD.lock",
		".git/refs/heads/main.lock", NULL
	};

	for (int i = 0; locks[i]; i++) {
		path_join(path, ctx->root, locks[i]);
		if (fs_exists(path->s))
			return locks[i];
	}
	return NULL;
}

static void nap(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

/* Seconds on a clock that only goes forward. */
static double clock_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int journal_lock(struct ctx *ctx)
{
	struct buf path = BUF_INIT;
	double deadline = clock_seconds() + LOCK_WAIT_SECONDS;
	const char *git_lock;
	int fd, said = 0, rc = FAIL;

	if (ctx->lock_fd >= 0)
		return 0;
	/* whoever locks will commit: the repository must be sound first */
	if (store_open(ctx) < 0 || journal_state_dir(ctx, "", &path) < 0)
		goto out;
	path_join(&path, ctx->root, ".tend/lock");
	fd = open(path.s, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		error("cannot open '%s': %s", path.s, strerror(errno));
		goto out;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			error("cannot lock '%s': %s", path.s, strerror(errno));
			close(fd);
			goto out;
		}
		if (clock_seconds() >= deadline) {
			long pid = holder_pid(fd);

			close(fd);
			if (pid > 0)
				rc = error_as(FAIL_BUSY, "the journal is busy: "
					      "another tend (pid %ld) holds "
					      "'.tend/lock'", pid);
			else
				rc = error_as(FAIL_BUSY, "the journal is busy: "
					      "another tend holds "
					      "'.tend/lock'");
			goto out;
		}
		if (!said && ctx->err_tty) {
			fprintf(stderr, "tend: waiting for another tend "
				"(pid %ld) to finish...\n", holder_pid(fd));
			said = 1;
		}
		nap();
	}
	/* a tend killed while it held the lock may have left git locks */
	locknote_begin(ctx, fd);
	store_index_kept_clear(ctx);
	while ((git_lock = git_lock_held(ctx, &path))) {
		if (clock_seconds() >= deadline) {
			journal_unlock(ctx);
			rc = error_as(FAIL_BUSY, "git lock '%s' is held by "
				      "another process; if no git command is "
				      "running, remove it", path.s);
			goto out;
		}
		nap();
	}
	rc = 0;
out:
	buf_release(&path);
	return rc;
}

void journal_unlock(struct ctx *ctx)
{
	if (ctx->lock_fd < 0)
		return;
	locknote_end(ctx);
	close(ctx->lock_fd);
	ctx->lock_fd = -1;
}

/* Resolve a path the user gave to the entry file it names. */
static int resolve_path(struct ctx *ctx, const char *name, struct buf *path)
{
	char *abs = realpath(name, NULL);
	size_t n = strlen(ctx->root);
	struct buf tmp = BUF_INIT;
	int rc = FAIL;

	if (!abs && name[0] != '/') {
		path_join(&tmp, ctx->root, name);
		abs = realpath(tmp.s, NULL);
	}
	if (!abs) {
		error("no entry '%s': no such file", name);
		goto out;
	}
	if (strncmp(abs, ctx->root, n) || abs[n] != '/' ||
	    !starts_with(abs + n + 1, "entries/") || !ends_with(abs, ".md")) {
		error("'%s' is not an entry of the journal in '%s'", name,
		      ctx->root);
		goto out;
	}
	buf_reset(path);
	buf_adds(path, abs + n + 1);
	rc = fs_check_inside(ctx->root, path->s);
out:
	free(abs);
	buf_release(&tmp);
	return rc;
}

int journal_resolve(struct ctx *ctx, const char *name, struct buf *path)
{
	struct strvec paths = STRVEC_INIT, ids = STRVEC_INIT;
	long i;
	int rc;

	if (!*name)
		return error("an entry ID cannot be empty");
	if (!strcmp(name, "last")) {
		rc = index_newest(ctx, path);
		return rc > 0 ? error("the journal has no entries yet") : rc;
	}
	if (strchr(name, '/') || ends_with(name, ".md"))
		return resolve_path(ctx, name, path);
	rc = index_find(ctx, name, &ids, &paths);
	if (!rc) {
		i = entry_match_id(name, &ids);
		if (i == -1) {
			rc = error("no entry '%s'", name);
		} else if (i < 0) {
			rc = FAIL;
		} else {
			buf_reset(path);
			buf_adds(path, paths.v[i]);
		}
	}
	strvec_clear(&paths);
	strvec_clear(&ids);
	return rc;
}

void journal_conflict_copies(const struct ctx *ctx, struct strvec *copies)
{
	static const char *const dirs[] = {
		"entries", "goals", "prompts", "templates"
	};
	struct strvec files = STRVEC_INIT, top = STRVEC_INIT;
	DIR *d = opendir(ctx->root);
	struct dirent *de;

	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.' && strstr(de->d_name, ".conflict-") &&
		    de->d_type != DT_DIR)
			strvec_push(&top, de->d_name);
	if (d)
		closedir(d);
	strvec_sort(&top);
	for (size_t k = 0; k < ARRAY_SIZE(dirs); k++) {
		fs_walk(ctx->root, dirs[k], "", &files, NULL);
		for (size_t i = 0; i < files.nr; i++)
			if (strstr(files.v[i], ".conflict-"))
				strvec_push(copies, files.v[i]);
		strvec_clear(&files);
	}
	for (size_t i = 0; i < top.nr; i++)
		strvec_push(copies, top.v[i]);
	strvec_clear(&top);
}
