/*
 * The phone inbox (see inbox.h): the files of [inbox] path read, dated,
 * titled and moved to entries/ in one commit, or left where they are.
 */
#include "inbox.h"
#include "compose.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "store.h"
#include "util.h"
#include "vault.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* One file of the inbox on its way to entries/. */
struct item {
	char *src;		/* inbox/NAME, relative to the root */
	struct buf orig;	/* its bytes, to put back on failure */
	mode_t mode;		/* its permission bits */
	time_t mtime;		/* its time, for one not committed */
	struct entry e;		/* the entry it becomes */
	char *slug_name;	/* what its ID's slug is made of */
	int own_date;		/* it had a date key */
	struct buf id, path;	/* its new ID and file */
	int written;		/* path was written for it (not found) */
	int removed;		/* src was removed from the disk */
};

void inbox_result_init(struct inbox_result *r)
{
	memset(r, 0, sizeof(*r));
}

void inbox_result_release(struct inbox_result *r)
{
	strvec_clear(&r->filed);
	for (size_t i = 0; i < r->nleft; i++) {
		free(r->left[i].path);
		free(r->left[i].why);
	}
	free(r->left);
	r->left = NULL;
	r->nleft = r->alloc = 0;
	strvec_clear(&r->waiting);
}

const char *inbox_dir(const struct ctx *ctx)
{
	return ctx->cfg.inbox_path ? ctx->cfg.inbox_path : INBOX_DEFAULT;
}

/* Is name a Markdown file's: NAME.md or NAME.markdown, in any case? */
static int is_markdown(const char *name)
{
	size_t n = strlen(name);

	return (n > 3 && !strcasecmp(name + n - 3, ".md")) ||
	       (n > 9 && !strcasecmp(name + n - 9, ".markdown"));
}

/* Is name one the inbox keeps for itself: hidden, or a README? */
static int is_own(const char *name)
{
	return name[0] == '.' || (!strncasecmp(name, "readme", 6) &&
				  (!name[6] || name[6] == '.'));
}

/* Read n digits at s into *out; returns 1 when they are all digits. */
static int digits(const char *s, int n, int *out)
{
	*out = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		*out = *out * 10 + (s[i] - '0');
	}
	return 1;
}

/*
 * Read the date at the start of a file name: YYYY-MM-DD, then perhaps a
 * time after a blank, '_', '-' or 'T': HHMM, HH:MM, HH-MM or HH.MM, and
 * seconds the same way (dropped), in local time. Sets *rest to what
 * follows, blanks and dashes passed over. Returns 1 with dt filled in,
 * else 0.
 */
static int name_date(const char *name, struct datetime *dt,
		     const char **rest)
{
	struct buf text = BUF_INIT;
	const char *p = name + 10;
	int hh, mm, x, ok;

	if (strlen(name) < 10 || name[4] != '-' || name[7] != '-' ||
	    !digits(name, 4, &x) || !digits(name + 5, 2, &x) ||
	    !digits(name + 8, 2, &x) || isdigit((unsigned char)*p))
		return 0;
	buf_add(&text, name, 10);
	if (strchr(" _-T", *p) && *p && digits(p + 1, 2, &hh)) {
		const char *q = p + 3;

		if (*q && strchr(":-.", *q) && digits(q + 1, 2, &mm))
			q += 3;
		else if (digits(q, 2, &mm))
			q += 2;
		else
			q = NULL;
		if (q && !isdigit((unsigned char)*q) && hh < 24 && mm < 60) {
			buf_addf(&text, " %02d:%02d", hh, mm);
			p = q;
			if (*p && strchr(":-.", *p) && digits(p + 1, 2, &x) &&
			    !isdigit((unsigned char)p[3]))
				p += 3;
		}
	}
	ok = datetime_parse(text.s, dt) == 0;
	buf_release(&text);
	while (*p == ' ' || *p == '-' || *p == '_')
		p++;
	*rest = p;
	return ok;
}

/*
 * A title from a file name: the name without its ending and without a
 * date at its start, into out when it is one line of text.
 */
static void name_title(const char *name, struct buf *out)
{
	struct datetime dt;
	const char *rest = name, *dot = strrchr(name, '.');
	struct buf t = BUF_INIT;

	if (!name_date(name, &dt, &rest))
		rest = name;
	if (dot && dot >= rest)
		buf_add(&t, rest, (size_t)(dot - rest));
	while (t.len && (t.s[t.len - 1] == ' ' || t.s[t.len - 1] == '-'))
		buf_setlen(&t, t.len - 1);
	if (t.len && is_one_line(t.s))
		buf_adds(out, t.s);
	buf_release(&t);
}

/*
 * The file name name (without its folder) is how the app's [[wikilinks]]
 * know the note: keep its stem in the aliases of e when the title is
 * another (title: "" for none), so that they still find it.
 */
static void keep_stem(struct entry *e, const char *name, const char *title)
{
	const char *dot = strrchr(name, '.');
	struct buf stem = BUF_INIT;

	buf_add(&stem, name, dot ? (size_t)(dot - name) : strlen(name));
	if (stem.len && strcmp(stem.s, title) && is_one_line(stem.s) &&
	    utf8_valid(stem.s, stem.len))
		entry_add_alias(e, stem.s);
	buf_release(&stem);
}

/*
 * Leave src in the inbox, for a trouble at line:col of it that msg says
 * (NULL: the whole file): note it in r with why, and say so unless
 * r->quiet.
 */
static void leave_at(struct inbox_result *r, const char *src, int line,
		     int col, const char *msg, const char *why)
{
	struct inbox_left *l;

	if (!r->quiet) {
		if (msg)
			error_at(src, line, col, "%s", msg);
		warning("'%s' stays in the inbox: %s", src, why);
	}
	ALLOC_GROW(r->left, r->nleft + 1, r->alloc);
	l = &r->left[r->nleft++];
	l->path = xstrdup(src);
	l->line = msg ? line : 1;
	l->col = msg ? col : 1;
	if (msg) {
		struct buf b = BUF_INIT;

		buf_addf(&b, "%s (%s)", why, msg);
		l->why = buf_detach(&b, NULL);
	} else {
		l->why = xstrdup(why);
	}
}

/* Leave src in the inbox, as a whole, for why. */
static void leave(struct inbox_result *r, const char *src, const char *why)
{
	leave_at(r, src, 1, 1, NULL, why);
}

/*
 * Read the file of it as an entry, then give it the date and title it
 * needs: its date from the date key, else the created key, else its
 * name, else added (the commit that added it, 0 for none), else its
 * time; a title key from its name when it has neither a title nor a
 * heading. Returns 0, or -1 after saying why it stays (noted in r).
 */
static int read_item(struct ctx *ctx, struct item *it, time_t added,
		     struct inbox_result *r)
{
	struct fm_error err = FM_ERROR_INIT;
	const char *name = strrchr(it->src, '/') + 1, *rest;
	const struct fm_item *created;
	struct datetime dt;
	struct buf title = BUF_INIT;
	int rc = -1, own = 0;

	buf_add(&it->e.text, it->orig.s, it->orig.len);
	if (entry_parse(&it->e, ctx->cfg.mood_scale, &err) < 0) {
		leave_at(r, it->src, err.line, err.col, err.msg.s,
			 "its text cannot be read for certain");
		goto out;
	}
	it->own_date = it->e.has_date;
	created = fm_get(&it->e.fm, "created");
	if (it->own_date) {
		;
	} else if (created && created->val.kind != FM_NULL) {
		if (created->val.kind != FM_SCALAR ||
		    datetime_parse(created->val.str, &dt)) {
			leave_at(r, it->src, created->val.line,
				 created->val.col, "created must look like "
				 "2026-11-22T21:14:00+01:00 or 2026-11-22",
				 "mend its created key, or give it a date "
				 "key");
			goto out;
		}
	} else if (!name_date(name, &dt, &rest)) {
		datetime_local(added ? added : it->mtime, &dt);
	}
	if (!it->own_date)
		entry_set_date(&it->e, &dt);

	if (it->e.title) {	/* a title key, a heading, a check-in's */
		const struct fm_item *t = fm_get(&it->e.fm, "title");

		own = t && t->val.kind != FM_NULL;
		if (own || it->e.words)
			it->slug_name = xstrdup(it->e.title);
		else
			it->slug_name = xstrdup("check-in");
		buf_adds(&title, it->e.title);
	} else {
		name_title(name, &title);
		if (title.len)
			entry_set_str(&it->e, "title", title.s);
		it->slug_name = xstrdup(title.len ? title.s : "entry");
	}
	if (!own)
		keep_stem(&it->e, name, title.s);
	/* what is written is read again as any entry is */
	if (entry_parse(&it->e, ctx->cfg.mood_scale, &err) < 0) {
		leave_at(r, it->src, err.line, err.col, err.msg.s,
			 "its date or title cannot be added");
		goto out;
	}
	rc = 0;
out:
	fm_error_release(&err);
	buf_release(&title);
	return rc;
}

/*
 * Is the journal's file rel there with exactly text (decrypted)? Then
 * it is this very entry, filed by a run that was stopped before its
 * commit.
 */
static int same_file(const struct ctx *ctx, const char *rel,
		     const struct buf *text)
{
	struct buf have = BUF_INIT;
	int same = vault_read(ctx, rel, ENTRY_MAX_BYTES, &have,
			      FS_QUIET) == 0 && have.len == text->len &&
		   !memcmp(have.s, text->s, text->len);

	buf_release(&have);
	return same;
}

/*
 * Find a new ID for it that no file has (the ID of its date and title,
 * then -2, -3, ...; never one whose file is there, unless that file is
 * the very same entry) and write it there. Returns 0 or FAIL after
 * reporting.
 */
static int place_item(struct ctx *ctx, struct item *it)
{
	struct buf base = BUF_INIT, full = BUF_INIT;
	int rc = FAIL, n;

	compose_base_id(ctx, &it->e.date, it->slug_name, &base);
	for (n = 1; n < COMPOSE_MAX_CLASH; n++) {
		compose_id_path(ctx, &it->e.date, base.s, n, &it->id,
				&it->path);
		path_join(&full, ctx->root, it->path.s);
		if (!fs_exists(full.s)) {
			rc = vault_write(ctx, it->path.s, it->e.text.s,
					 it->e.text.len);
			it->written = rc == 0;
			break;
		}
		if (same_file(ctx, it->path.s, &it->e.text)) {
			rc = 0;
			break;
		}
	}
	if (n == COMPOSE_MAX_CLASH)
		error("no free name for '%s'", base.s);
	buf_release(&base);
	buf_release(&full);
	return rc;
}

/* Free what the items hold. */
static void items_free(struct item *items, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		free(items[i].src);
		buf_release(&items[i].orig);
		entry_release(&items[i].e);
		free(items[i].slug_name);
		buf_release(&items[i].id);
		buf_release(&items[i].path);
	}
	free(items);
}

/* Is dir (under root), or a folder it is in, a symbolic link? */
static int through_link(const char *root, const char *dir)
{
	struct buf full = BUF_INIT;
	struct stat st;
	const char *p = dir;
	int link = 0;

	buf_adds(&full, root);
	while (*p && !link) {
		size_t n = strcspn(p, "/");

		buf_addch(&full, '/');
		buf_add(&full, p, n);
		link = lstat(full.s, &st) == 0 && S_ISLNK(st.st_mode);
		p += n + (p[n] == '/');
	}
	buf_release(&full);
	return link;
}

/*
 * The names in the inbox folder root/dir, sorted, into names (none when
 * there is no such folder). A folder reached through a symbolic link is
 * not read: a warning (noted in r when r->quiet), and no names (a sync
 * that brought one must still push). Returns 0, or FAIL after
 * reporting.
 */
static int list_dir(const char *root, const char *dir, struct strvec *names,
		    struct inbox_result *r)
{
	struct buf full = BUF_INIT;
	struct dirent *d;
	DIR *dp;
	int rc = 0;

	if (through_link(root, dir)) {
		if (r->quiet)
			leave(r, dir, "the inbox is not read: it is reached "
			      "through a symbolic link, and tend never "
			      "follows one out of the journal");
		else
			warning("the inbox '%s' is not read: it is reached "
				"through a symbolic link, and tend never "
				"follows one out of the journal", dir);
		return 0;
	}
	path_join(&full, root, dir);
	if (!(dp = opendir(full.s))) {
		if (errno != ENOENT && errno != ENOTDIR)
			rc = error("cannot open '%s': %s", dir,
				   strerror(errno));
		buf_release(&full);
		return rc;
	}
	while ((d = readdir(dp)))
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
			strvec_push(names, d->d_name);
	closedir(dp);
	strvec_sort(names);
	buf_release(&full);
	return 0;
}

/*
 * Look at each name of the inbox folder dir: the files that may be
 * filed go in items (their bytes read), what cannot be is noted in r.
 */
static void gather(struct ctx *ctx, const char *dir,
		   const struct strvec *names, struct item **items,
		   size_t *nr, struct inbox_result *r)
{
	struct buf rel = BUF_INIT, full = BUF_INIT;

	*items = xcalloc(names->nr + 1, sizeof(**items));
	for (size_t i = 0; i < names->nr; i++) {
		const char *name = names->v[i];
		struct item *it = &(*items)[*nr];
		struct stat st;

		if (is_own(name))
			continue;
		buf_reset(&rel);
		buf_addf(&rel, "%s/%s", dir, name);
		path_join(&full, ctx->root, rel.s);
		if (lstat(full.s, &st) < 0) {
			leave(r, rel.s, strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			leave(r, rel.s, "a symbolic link is never followed");
		} else if (S_ISDIR(st.st_mode)) {
			leave(r, rel.s, "a folder; only the files directly "
			      "in the inbox are filed");
		} else if (!S_ISREG(st.st_mode)) {
			leave(r, rel.s, "not a regular file");
		} else if (!is_markdown(name)) {
			leave(r, rel.s, "not a Markdown file (.md)");
		} else if (st.st_size > ENTRY_MAX_BYTES) {
			leave(r, rel.s, "larger than 1 MiB, the most an entry "
			      "may be");
		} else if (fs_read_in(ctx->root, rel.s, ENTRY_MAX_BYTES,
				      &it->orig, FS_QUIET) < 0) {
			leave(r, rel.s, strerror(errno));
			buf_release(&it->orig);
		} else {
			it->src = xstrdup(rel.s);
			it->mode = st.st_mode & 07777;
			it->mtime = st.st_mtime;
			entry_init(&it->e);
			(*nr)++;
		}
	}
	buf_release(&rel);
	buf_release(&full);
}

/*
 * Undo what filing did to the disk: the inbox files put back as they
 * were, the entry files written for them removed.
 */
static void undo(struct ctx *ctx, struct item *items, size_t nr)
{
	struct buf full = BUF_INIT;

	for (size_t i = 0; i < nr; i++) {
		struct item *it = &items[i];

		if (it->removed &&
		    fs_write_in(ctx->root, it->src, it->orig.s,
				it->orig.len) == 0) {
			path_join(&full, ctx->root, it->src);
			if (chmod(full.s, it->mode) < 0)
				warning("cannot set the mode of '%s': %s",
					it->src, strerror(errno));
			it->removed = 0;
		}
		if (it->written && !it->removed &&
		    fs_remove_in(ctx->root, it->path.s) == 0)
			it->written = 0;
	}
	buf_release(&full);
}

/*
 * The commit message: "File N entries from DIR/", then a line for each,
 * "DIR/NAME -> ID" (in an encrypted journal the ID alone: no name the
 * phone gave, which may be a title).
 */
static void message(const struct ctx *ctx, const char *dir,
		    const struct item *items, size_t nr, size_t filed,
		    struct buf *msg)
{
	buf_addf(msg, "File %zu entr%s from %s/\n\n", filed,
		 filed == 1 ? "y" : "ies", dir);
	for (size_t i = 0; i < nr; i++) {
		if (!items[i].path.len)
			continue;
		if (ctx->encrypted)
			buf_addf(msg, "%s\n", items[i].id.s);
		else
			buf_addf(msg, "%s -> %s\n", items[i].src,
				 items[i].id.s);
	}
}

int inbox_file(struct ctx *ctx, struct inbox_result *r)
{
	const char *dir = inbox_dir(ctx);
	struct strvec names = STRVEC_INIT, paths = STRVEC_INIT;
	struct strvec srcs = STRVEC_INIT;
	struct item *items = NULL;
	struct buf msg = BUF_INIT;
	time_t *added = NULL;
	size_t nr = 0, filed = 0;
	int rc, committed;

	if ((rc = list_dir(ctx->root, dir, &names, r)) < 0 || !names.nr)
		goto out;
	gather(ctx, dir, &names, &items, &nr, r);
	if (!nr)
		goto out;
	for (size_t i = 0; i < nr; i++)
		strvec_push(&srcs, items[i].src);
	added = xcalloc(nr, sizeof(*added));
	/* the names are sorted, and so their paths */
	store_added_dates_in(ctx, dir, &srcs, added, 1);
	for (size_t i = 0; i < nr; i++) {
		struct item *it = &items[i];

		if (read_item(ctx, it, added[i], r) < 0)
			continue;
		if ((rc = place_item(ctx, it)) < 0)
			goto fail;
		filed++;
	}
	if (!filed)
		goto out;
	for (size_t i = 0; i < nr; i++) {
		struct item *it = &items[i];

		if (!it->path.len)
			continue;
		if ((rc = fs_remove_in(ctx->root, it->src)) < 0)
			goto fail;
		it->removed = 1;
		strvec_push(&paths, it->src);
		strvec_push_unique(&paths, it->path.s);
	}
	message(ctx, dir, items, nr, filed, &msg);
	if ((rc = store_commit(ctx, &paths, msg.s, &committed)) < 0)
		goto fail;
	for (size_t i = 0; i < nr; i++) {
		if (!items[i].path.len)
			continue;
		strvec_push(&r->filed, items[i].src);
		strvec_push(&r->filed, items[i].id.s);
		index_note(ctx, items[i].path.s);
	}
	if (ctx->encrypted) {
		r->plain = 1;
		warning("the journal is encrypted, but what came in '%s/' "
			"came in plain text: it is filed sealed, yet its "
			"text stays readable in the history of the journal "
			"and of its remote", dir);
	}
	goto out;
fail:
	undo(ctx, items, nr);
	error("nothing was filed from '%s/'; its files are as they were",
	      dir);
out:
	items_free(items, nr);
	free(added);
	strvec_clear(&names);
	strvec_clear(&paths);
	strvec_clear(&srcs);
	buf_release(&msg);
	return rc < 0 ? rc : 0;
}

/* Compare two files that stay, by path, for qsort(). */
static int cmp_left(const void *a, const void *b)
{
	return strcmp(((const struct inbox_left *)a)->path,
		      ((const struct inbox_left *)b)->path);
}

int inbox_stuck(struct ctx *ctx, struct inbox_result *r)
{
	const char *dir = inbox_dir(ctx);
	struct strvec names = STRVEC_INIT;
	struct item *items = NULL;
	size_t nr = 0;
	int rc;

	r->quiet = 1;
	if ((rc = list_dir(ctx->root, dir, &names, r)) < 0 || !names.nr)
		goto out;
	gather(ctx, dir, &names, &items, &nr, r);
	/* read as filing reads them; the time only dates, never refuses */
	for (size_t i = 0; i < nr; i++)
		if (read_item(ctx, &items[i], 0, r) == 0)
			strvec_push(&r->waiting, items[i].src);
out:
	if (r->nleft)
		qsort(r->left, r->nleft, sizeof(*r->left), cmp_left);
	r->quiet = 0;
	items_free(items, nr);
	strvec_clear(&names);
	return rc;
}

void inbox_result_print(const struct ctx *ctx, const struct inbox_result *r)
{
	size_t n = r->nleft;

	for (size_t i = 0; i + 1 < r->filed.nr; i += 2)
		printf("Filed %s as %s\n", r->filed.v[i], r->filed.v[i + 1]);
	if (n)
		warning("%zu file%s stay%s in '%s/', not filed (see above); "
			"mend %s, and 'tend save' files %s", n,
			n == 1 ? "" : "s", n == 1 ? "s" : "", inbox_dir(ctx),
			n == 1 ? "it" : "them", n == 1 ? "it" : "them");
}
