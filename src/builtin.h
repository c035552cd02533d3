/*
 * The files of the project's templates/ folder, compiled into the binary
 * by tools/embed (see the Makefile).
 */
#ifndef TEND_BUILTIN_H
#define TEND_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name;	/* under templates/: "entries/daily.md" */
	const char *data;	/* NUL-terminated */
	size_t len;
};

/* Every built-in file, ending with an entry whose name is NULL. */
extern const struct builtin_file builtin_files[];

/* The built-in file called name, or NULL. */
const struct builtin_file *builtin_find(const char *name);

#endif
