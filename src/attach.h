/*
 * Attachments: files kept with an entry (tend-attach(1)). The files of
 * the entry entries/P.md live in attachments/P/ (entries/2026/12/ID.md:
 * attachments/2026/12/ID/NAME), and the entry links to them with
 * Markdown links relative to its own file, so that any Markdown tool
 * finds them. What links to a file of attachments/ is read here.
 */
#ifndef TEND_ATTACH_H
#define TEND_ATTACH_H

#include "buf.h"
#include "ctx.h"
#include "strvec.h"

#include <stddef.h>

#define ATTACH_DIR "attachments"

/*
 * The folder of the attachments of the entry file entry (relative to the
 * journal, "entries/...md") into out: "attachments/..." without the
 * ".md". Returns 0; -1 for a path that is not an entry file's.
 */
int attach_dir(const char *entry, struct buf *out);

/*
 * What the attachments folder of the entry file entry holds, relative to
 * the journal, hidden files too, each in sorted order (none when it has
 * no folder): into files the plain files, which the history keeps
 * (those git's ignore rules name too: they are the user's); into left
 * (may be NULL) what it never keeps: litter (a .DS_Store, a temporary
 * file of a write cut short) and the symbolic links, never followed
 * (the folder itself, when it is one). Returns 0 or -1 after reporting
 * (a folder above it that is a link, a git repository in it).
 */
int attach_files(struct ctx *ctx, const char *entry, struct strvec *files,
		 struct strvec *left);

/*
 * Remove each file of left (attach_files()): a symbolic link as a link,
 * never what it leads to, with a warning that names where it led, as it
 * does not come back with the entry. Returns 0, or -1 when one could not
 * be removed (reported; the others are).
 */
int attach_remove_left(struct ctx *ctx, const struct strvec *left);

/*
 * Remove the attachments folder of the entry file entry when what it
 * holds is gone (its empty folders go with it), then the folders above
 * it, up to attachments/, that are left empty. Never through a link.
 */
void attach_remove_dir(const struct ctx *ctx, const char *entry);

/*
 * A file name made safe to keep from name (its last part): letters,
 * digits, '.', '_' and '-' kept, runs of anything else a '-', no '.' or
 * '-' at the start, at most 100 bytes with its extension kept; "file"
 * when nothing is left. Into out.
 */
void attach_safe_name(const char *name, struct buf *out);

/*
 * The MIME type of an image a browser shows, by the name's extension
 * (png, jpg, jpeg, gif, webp, avif), or NULL when it is none of those.
 */
const char *attach_image_type(const char *name);

/*
 * Where a link of the entry file entry leads, when it is a relative
 * link (no scheme, no '/' or '#' at its start) into the entry's own
 * folder of attachments/ (attach_dir()): that path, relative to the
 * journal, its "..", "." and %XX undone, into out. Returns 1 then, else
 * 0 (a link into another entry's folder too: it is none of its files).
 */
int attach_link_target(const char *entry, const char *url, struct buf *out);

/*
 * attach_link_target() of a file in any entry's folder: where a relative
 * link of the entry file entry leads when it is into attachments/, into
 * out, and in *own whether that is the entry's own folder. Returns 1
 * then, else 0.
 */
int attach_link_into(const char *entry, const char *url, struct buf *out,
		     int *own);

/*
 * The attachments the Markdown md[0..len) of the entry file entry links
 * to (links and images, wherever they are), appended to targets in the
 * order they come, each once.
 */
void attach_links(const char *entry, const char *md, size_t len,
		  struct strvec *targets);

/*
 * The name in a rendered site's attachments/ folder of the attachment
 * at target ("attachments/P/NAME"), into out: P/NAME with each '_'
 * doubled and each '/' a '_', as a site holds one level of folders.
 * Returns 0; -1 when target is not under attachments/ or the name would
 * be hidden.
 */
int attach_site_name(const char *target, struct buf *out);

/*
 * Call fn for each link and image of the Markdown md[0..len) of the entry
 * file entry that leads into attachments/, with where it leads and the
 * line of md (from 1) its paragraph starts on, in the order they come.
 */
void attach_links_each(const char *entry, const char *md, size_t len,
		       void (*fn)(const char *target, int line, void *data),
		       void *data);

#endif
