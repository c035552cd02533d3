/*
 * A growable list of owned strings, for tags, feelings, argv and the like.
 */
#ifndef TEND_STRVEC_H
#define TEND_STRVEC_H

#include <stddef.h>

struct strvec {
	char **v;	/* NULL-terminated when nr > 0 */
	size_t nr;
	size_t alloc;
};

#define STRVEC_INIT { NULL, 0, 0 }

/* Append a copy of s; returns the copy (owned by the vector). */
char *strvec_push(struct strvec *sv, const char *s);
char *strvec_pushn(struct strvec *sv, const char *s, size_t len);

/* Append a copy of s unless an equal string is already there. */
void strvec_push_unique(struct strvec *sv, const char *s);

/* Index of s in sv, or -1. */
long strvec_find(const struct strvec *sv, const char *s);

/* Sort the strings in byte order. */
void strvec_sort(struct strvec *sv);

/* Drop each string equal to the one before it (sorted: every repeat). */
void strvec_uniq(struct strvec *sv);

/* Free every string and the array, leaving sv empty. */
void strvec_clear(struct strvec *sv);

#endif
