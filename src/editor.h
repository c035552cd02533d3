/*
 * The user's text editor (tend(1) ENVIRONMENT): $VISUAL, then $EDITOR, then
 * [editor] command, then vi. The command is split into words as a shell
 * would, but run without one.
 */
#ifndef TEND_EDITOR_H
#define TEND_EDITOR_H

#include "config.h"
#include "strvec.h"

/* The editor command line to use (never NULL; points into env or cfg). */
const char *editor_command(const struct config *cfg);

/*
 * Split cmd into words like a POSIX shell: blanks separate words, '...'
 * keeps everything, "..." keeps everything but \", \\, \$ and \`, and a
 * backslash outside quotes keeps the next character. Nothing is expanded.
 * Returns 0, or FAIL_USAGE after reporting an unfinished quote or an
 * empty command.
 */
int editor_split(const char *cmd, struct strvec *words);

/*
 * Run the editor on path and wait for it (Ctrl-C goes to the editor, not
 * to tend). Returns 0 when it exits with status 0; otherwise FAIL after
 * reporting how it failed.
 */
int editor_run(const struct config *cfg, const char *path);

#endif
