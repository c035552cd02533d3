/*
 * tend attach: keep files with an entry (tend-attach(1)): copied into
 * the entry's folder of attachments/, linked from the entry, committed
 * together.
 */
#include "cmd.h"
#include "attach.h"
#include "config.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "journal.h"
#include "store.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char cmd_attach_help[] =
"usage: tend attach ID FILE...\n"
"\n"
"Keep files with an entry: each FILE is copied into the entry's folder,\n"
"attachments/YYYY/MM/ID/NAME (NAME its name made safe: letters, digits,\n"
"'.', '_' and '-'; NAME-2 and on when that is taken), and a link to it\n"
"is added at the end of the entry (an image, shown in place, for png,\n"
"jpg, gif, webp and avif). The entry and its files are committed\n"
"together, \"Attach to entry: ID\". A file larger than [attachments]\n"
"max_mib (25 MiB unless set) is refused, and then nothing is attached.\n"
"\n"
"rm, restore and purge take an entry's files with it; render copies the\n"
"files that the entries it shows link to, and export --format html\n"
"holds their images; check names links to files that are not there.\n"
"Not yet in an encrypted journal.\n"
"\n"
"ID is an entry ID, a unique start of one, the path of its file, or\n"
"'last'.\n";

const char cmd_attach_shortopts[] = ":";
const struct option cmd_attach_options[] = { { NULL, 0, NULL, 0 } };

/* A file to attach, read and checked before anything is written. */
struct incoming {
	const char *from;	/* as given */
	struct buf data;
	char *to;		/* relative to the journal */
};

/*
 * Read the file at from into in, refusing what is no regular file or is
 * larger than max bytes. Returns 0 or a failure after reporting.
 */
static int read_incoming(const char *from, long max, struct incoming *in)
{
	struct stat st;

	in->from = from;
	if (stat(from, &st) < 0)
		return error("cannot attach '%s': %s", from, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return error_as(FAIL_USAGE, "cannot attach '%s': it is not a "
				"file", from);
	if (st.st_size > max)
		return error_as(FAIL_INVALID, "cannot attach '%s': it is "
				"%.1f MiB, over the %ld MiB of [attachments] "
				"max_mib", from,
				(double)st.st_size / (1024 * 1024),
				max / (1024 * 1024));
	if (fs_read(from, (size_t)max, &in->data, 0) < 0)
		return FAIL;
	return 0;
}

/*
 * The path in dir for name, numbered past the files there and the names
 * taken already (NAME-2.EXT, NAME-3.EXT ...). The caller frees it.
 */
static char *free_name(const struct ctx *ctx, const char *dir,
		       const char *name, const struct strvec *taken)
{
	struct buf safe = BUF_INIT, path = BUF_INIT, full = BUF_INIT;

	attach_safe_name(name, &safe);
	for (int n = 1;; n++) {
		buf_reset(&path);
		buf_addf(&path, "%s/", dir);
		name_numbered(&path, safe.s, n);
		path_join(&full, ctx->root, path.s);
		if (!fs_exists(full.s) && strvec_find(taken, path.s) < 0)
			break;
	}
	buf_release(&safe);
	buf_release(&full);
	return buf_detach(&path, NULL);
}

/*
 * The link to the attachment at path (relative to the journal) from the
 * entry file entry: as many "../" as the entry's folder is deep, then
 * path with what a link cannot hold escaped. An image link for images.
 */
static void add_link(struct buf *out, const char *entry, const char *path)
{
	const char *name = strrchr(path, '/') + 1;

	buf_adds(out, attach_image_type(name) ? "![" : "[");
	for (const char *p = name; *p; p++) {
		if (strchr("\\[]", *p))
			buf_addch(out, '\\');
		buf_addch(out, *p);
	}
	buf_adds(out, "](");
	for (const char *p = entry; (p = strchr(p, '/')); p++)
		buf_adds(out, "../");
	for (const char *p = path; *p; p++) {
		if (strchr(" ()<>%", *p) || (unsigned char)*p < 0x20)
			buf_addf(out, "%%%02X", (unsigned char)*p);
		else
			buf_addch(out, *p);
	}
	buf_adds(out, ")\n");
}

int cmd_attach(int argc, char **argv, struct ctx *ctx)
{
	struct buf path = BUF_INIT, dir = BUF_INIT, text = BUF_INIT;
	struct buf msg = BUF_INIT;
	struct strvec paths = STRVEC_INIT, taken = STRVEC_INIT;
	struct incoming *in = NULL;
	size_t n = 0;
	char *id = NULL;
	int c, rc, committed;

	while ((c = getopt_long(argc, argv, cmd_attach_shortopts,
				cmd_attach_options, NULL)) != -1)
		return usage_option("attach", c, argv);
	if (argc - optind < 2)
		return usage_error("attach", "attach takes an entry and the "
				   "files to attach to it");
	if (ctx->encrypted)
		return exit_code(error_as(FAIL_USAGE, "attachments are not "
					  "kept in an encrypted journal yet: "
					  "nothing was attached"));
	if ((rc = journal_resolve(ctx, argv[optind], &path)) < 0)
		goto out;
	id = entry_path_id(path.s);
	if (attach_dir(path.s, &dir) < 0) {
		rc = error("'%s' is not an entry file of entries/", path.s);
		goto out;
	}
	/* every file read and checked before anything is written */
	n = (size_t)(argc - optind - 1);
	in = xcalloc(n, sizeof(*in));
	for (size_t i = 0; i < n; i++) {
		buf_init(&in[i].data);
		if ((rc = read_incoming(argv[optind + 1 + i],
					ctx->cfg.attach_max, &in[i])) < 0)
			goto out;
		in[i].to = free_name(ctx, dir.s, in[i].from, &taken);
		strvec_push(&taken, in[i].to);
	}
	if ((rc = fs_read_in(ctx->root, path.s, 64L * 1024 * 1024, &text,
			     0)) < 0)
		goto out;
	if (text.len && text.s[text.len - 1] != '\n')
		buf_addch(&text, '\n');
	for (size_t i = 0; i < n; i++) {
		buf_addch(&text, '\n');
		add_link(&text, path.s, in[i].to);
	}
	/* the files, then the entry that links to them; one commit */
	for (size_t i = 0; i < n; i++) {
		if ((rc = fs_write_in(ctx->root, in[i].to, in[i].data.s,
				      in[i].data.len)) < 0)
			goto undo;
		strvec_push(&paths, in[i].to);
	}
	if ((rc = fs_write_in(ctx->root, path.s, text.s, text.len)) < 0)
		goto undo;
	strvec_push(&paths, path.s);
	buf_addf(&msg, "Attach to entry: %s", id);
	if ((rc = store_commit(ctx, &paths, msg.s, &committed)) < 0)
		goto out;	/* on disk, not committed: tend save will */
	index_note(ctx, path.s);
	for (size_t i = 0; i < n; i++)
		printf("Attached %s to %s as %s\n", in[i].from, id, in[i].to);
	goto out;
undo:
	/* what was written of this attach goes; the entry is as it was */
	for (size_t i = 0; i < paths.nr; i++)
		if (strcmp(paths.v[i], path.s))
			fs_remove_in(ctx->root, paths.v[i]);
out:
	for (size_t i = 0; in && i < n; i++) {
		buf_release(&in[i].data);
		free(in[i].to);
	}
	free(in);
	free(id);
	strvec_clear(&paths);
	strvec_clear(&taken);
	buf_release(&path);
	buf_release(&dir);
	buf_release(&text);
	buf_release(&msg);
	return exit_code(rc);
}
