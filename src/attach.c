/*
 * Attachments (see attach.h): where an entry's files live, safe names,
 * and which of them an entry links to.
 */
#include "attach.h"
#include "error.h"
#include "fs.h"
#include "util.h"

#include <cmark.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* The longest name attach_safe_name() makes. */
#define NAME_MAX_BYTES 100

int attach_dir(const char *entry, struct buf *out)
{
	size_t len = strlen(entry);

	buf_reset(out);
	if (!starts_with(entry, "entries/") || !ends_with(entry, ".md") ||
	    len <= strlen("entries/.md"))
		return -1;
	buf_adds(out, ATTACH_DIR "/");
	buf_add(out, entry + strlen("entries/"),
		len - strlen("entries/") - strlen(".md"));
	return 0;
}

int attach_files(struct ctx *ctx, const char *entry, struct strvec *files,
		 struct strvec *left)
{
	struct strvec found = STRVEC_INIT, links = STRVEC_INIT;
	struct buf dir = BUF_INIT, full = BUF_INIT;
	struct stat st;
	int rc = 0;

	if (attach_dir(entry, &dir) < 0)
		goto out;
	path_join(&full, ctx->root, dir.s);
	if (lstat(full.s, &st) < 0)
		goto out;		/* no folder: no files */
	if (S_ISLNK(st.st_mode))
		strvec_push(&links, dir.s);	/* the link, not its files */
	else if ((rc = fs_walk_all(ctx->root, dir.s, &found, &links)) < 0)
		goto out;
	/* on their own: fs_walk_all() sorts what it is given */
	for (size_t i = 0; i < found.nr; i++) {
		const char *name = strrchr(found.v[i], '/') + 1;

		if (strstr(found.v[i], "/.git/") || !strcmp(name, ".git")) {
			rc = error("'%s' holds a git repository, which the "
				   "journal's history cannot keep: move it "
				   "out of the journal first", dir.s);
			goto out;
		}
		if (!strcmp(name, ".DS_Store") || fs_is_temp_name(name)) {
			if (left)	/* litter, not the user's */
				strvec_push(left, found.v[i]);
		} else {
			strvec_push(files, found.v[i]);
		}
	}
	for (size_t i = 0; left && i < links.nr; i++)
		strvec_push(left, links.v[i]);
	if (left)
		strvec_sort(left);
out:
	strvec_clear(&found);
	strvec_clear(&links);
	buf_release(&dir);
	buf_release(&full);
	return rc;
}

/* Where the symbolic link at full, of size bytes, leads, into out. */
static void read_link(const char *full, size_t size, struct buf *out)
{
	char *to = xmalloc(size + 1);
	ssize_t n = readlink(full, to, size + 1);

	buf_reset(out);
	if (n > 0 && (size_t)n <= size)	/* longer: changed meanwhile */
		buf_add(out, to, (size_t)n);
	free(to);
}

int attach_remove_left(struct ctx *ctx, const struct strvec *left)
{
	struct buf full = BUF_INIT, to = BUF_INIT;
	struct stat st;
	int rc = 0, link;

	for (size_t i = 0; i < left->nr; i++) {
		path_join(&full, ctx->root, left->v[i]);
		link = lstat(full.s, &st) == 0 && S_ISLNK(st.st_mode);
		if (link)
			read_link(full.s, (size_t)st.st_size, &to);
		if (fs_unlink_in(ctx->root, left->v[i]) < 0)
			rc = -1;
		else if (link)
			warning("the symbolic link '%s' (to '%s') is removed, "
				"and does not come back: tend keeps no link in "
				"the history; what it led to is untouched",
				left->v[i], to.s);
	}
	buf_release(&full);
	buf_release(&to);
	return rc;
}

void attach_remove_dir(const struct ctx *ctx, const char *entry)
{
	struct buf dir = BUF_INIT, full = BUF_INIT;

	if (attach_dir(entry, &dir) < 0)
		goto out;
	fs_prune_dirs(ctx->root, dir.s);
	path_join(&full, ctx->root, dir.s);
	if (fs_exists(full.s))
		goto out;	/* it holds a file still */
	/* and the folders above it, up to attachments/, when empty */
	buf_setlen(&dir, (size_t)(strrchr(dir.s, '/') - dir.s));
	fs_rmdir_up(ctx->root, dir.s);
out:
	buf_release(&dir);
	buf_release(&full);
}

void attach_safe_name(const char *name, struct buf *out)
{
	const char *base = strrchr(name, '/'), *dot;
	struct buf b = BUF_INIT;
	size_t keep;

	base = base ? base + 1 : name;
	for (const char *p = base; *p; p++) {
		int ok = isalnum((unsigned char)*p) || strchr("._-", *p);

		if (!ok) {	/* a run of anything else: one '-' */
			if (b.len && b.s[b.len - 1] != '-')
				buf_addch(&b, '-');
		} else if (*p == '.' && b.len && b.s[b.len - 1] == '-') {
			/* "name-.png": "name.png" */
			b.s[b.len - 1] = '.';
		} else if (b.len || (*p != '.' && *p != '-')) {
			buf_addch(&b, *p);
		}
	}
	while (b.len && strchr(".-", b.s[b.len - 1]))
		b.s[--b.len] = '\0';
	if (!b.len)
		buf_adds(&b, "file");
	if (b.len > NAME_MAX_BYTES) {
		/* cut the stem, keep a short extension */
		dot = strrchr(b.s, '.');
		keep = dot && strlen(dot) <= 10 ? strlen(dot) : 0;
		memmove(b.s + NAME_MAX_BYTES - keep, b.s + b.len - keep, keep);
		b.len = NAME_MAX_BYTES;
		b.s[b.len] = '\0';
	}
	buf_add(out, b.s, b.len);
	buf_release(&b);
}

const char *attach_image_type(const char *name)
{
	static const char *const types[] = {
		"png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
		"gif", "image/gif", "webp", "image/webp", "avif", "image/avif",
		NULL
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && types[i]; i += 2)
		if (!strcasecmp(dot + 1, types[i]))
			return types[i + 1];
	return NULL;
}

int attach_site_name(const char *target, struct buf *out)
{
	const char *rest = target + strlen(ATTACH_DIR "/");

	buf_reset(out);
	if (!starts_with(target, ATTACH_DIR "/") || !*rest || *rest == '.')
		return -1;
	/* '_' doubled, so that "a_b/c" and "a/b_c" stay two names */
	for (const char *p = rest; *p; p++) {
		if (*p == '_')
			buf_addch(out, '_');
		buf_addch(out, *p == '/' ? '_' : *p);
	}
	return 0;
}

/* The value of the hex digit c, or -1. */
static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int attach_link_into(const char *entry, const char *url, struct buf *out,
		     int *own)
{
	struct strvec parts = STRVEC_INIT;
	struct buf part = BUF_INIT;
	const char *slash = strrchr(entry, '/');
	const char *p;
	int ok = 0;

	buf_reset(out);
	*own = 0;
	if (!*url || *url == '/' || *url == '#' || *url == '?' ||
	    url[strcspn(url, ":/?#")] == ':')
		return 0;	/* a scheme, a place of its own, or none */
	/* the entry's folder, then the link's parts, "." and ".." undone */
	for (p = entry; slash && p < slash;) {
		size_t n = strcspn(p, "/");

		strvec_pushn(&parts, p, n);
		p += n + (p[n] == '/');
	}
	for (p = url; *p && *p != '?' && *p != '#';) {
		size_t n = strcspn(p, "/?#");

		buf_reset(&part);
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '%' && i + 2 < n && hex(p[i + 1]) >= 0 &&
			    hex(p[i + 2]) >= 0) {
				buf_addch(&part, hex(p[i + 1]) * 16 +
					  hex(p[i + 2]));
				i += 2;
			} else {
				buf_addch(&part, p[i]);
			}
		}
		if (memchr(part.s, '/', part.len) ||
		    memchr(part.s, '\0', part.len)) {
			/* "%2F", "%00": read as no browser would */
			goto out;
		} else if (!part.len || !strcmp(part.s, ".")) {
			;	/* "a//b", "./": nothing to add */
		} else if (!strcmp(part.s, "..")) {
			if (!parts.nr)
				goto out;	/* out of the journal */
			free(parts.v[--parts.nr]);
			parts.v[parts.nr] = NULL;
		} else {
			strvec_push(&parts, part.s);
		}
		p += n + (p[n] == '/');
	}
	if (parts.nr < 2 || strcmp(parts.v[0], ATTACH_DIR))
		goto out;
	for (size_t i = 0; i < parts.nr; i++) {
		if (i)
			buf_addch(out, '/');
		buf_adds(out, parts.v[i]);
	}
	/* an entry's files are those of its own folder: a link into
	   another's (a private one's, say) is no attachment of it */
	*own = attach_dir(entry, &part) == 0 && starts_with(out->s, part.s) &&
	       out->s[part.len] == '/';
	ok = 1;
out:
	if (!ok)
		buf_reset(out);
	strvec_clear(&parts);
	buf_release(&part);
	return ok;
}

int attach_link_target(const char *entry, const char *url, struct buf *out)
{
	int own;

	if (attach_link_into(entry, url, out, &own) && own)
		return 1;
	buf_reset(out);
	return 0;
}

void attach_links_each(const char *entry, const char *md, size_t len,
			void (*fn)(const char *target, int line, void *data),
			void *data)
{
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	struct buf target = BUF_INIT;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		const char *url;
		int line;

		if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK &&
						type != CMARK_NODE_IMAGE))
			continue;
		url = cmark_node_get_url(n);
		if (!url || !attach_link_target(entry, url, &target))
			continue;
		/* an inline has no line of its own: its block's */
		for (line = 0; n && !line; n = cmark_node_parent(n))
			line = cmark_node_get_start_line(n);
		fn(target.s, line ? line : 1, data);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	buf_release(&target);
}

/* attach_links_each()'s fn for attach_links(). */
static void add_target(const char *target, int line, void *data)
{
	(void)line;
	strvec_push_unique(data, target);
}

void attach_links(const char *entry, const char *md, size_t len,
		  struct strvec *targets)
{
	attach_links_each(entry, md, len, add_target, targets);
}
