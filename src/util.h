/*
 * Small helpers every module uses: allocation that dies on exhaustion,
 * growing arrays, and a few string tests.
 */
#ifndef TEND_UTIL_H
#define TEND_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Allocators that never return NULL: running out of memory ends tend. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * Make room in the array p (with alloc slots) for at least nr elements,
 * growing it by half again each time.
 */
#define ALLOC_GROW(p, nr, alloc) \
	do { \
		if ((nr) > (alloc)) { \
			size_t grow_ = (alloc) + (alloc) / 2 + 8; \
			(alloc) = grow_ < (nr) ? (nr) : grow_; \
			(p) = xrealloc((p), (alloc) * sizeof(*(p))); \
		} \
	} while (0)

/* The number of elements of a fixed array. */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

int starts_with(const char *s, const char *prefix);
int ends_with(const char *s, const char *suffix);

/*
 * Read s as a whole number from 0 to max: digits only, no sign, nothing
 * after. Returns 0 with *n set, or -1.
 */
int parse_whole(const char *s, long max, long *n);

/* Is s one line of valid UTF-8 text, without control characters? */
int is_one_line(const char *s);

/* Is every byte of s[0..len) a blank (space, tab, CR, LF, FF, VT)? */
int is_blank(const char *s, size_t len);

/*
 * Check that s[0..len) is well-formed UTF-8 without NUL bytes.
 * Returns 1 if so, 0 if not.
 */
int utf8_valid(const char *s, size_t len);

/*
 * s in lower case, for comparing words in any case: every letter Unicode
 * gives a lower-case form (Ä as ä, not only A as a). Bytes that are not
 * UTF-8 are kept. The caller frees the result.
 */
char *utf8_fold(const char *s);

/* The length of the longest well-formed UTF-8 start of s, without NUL. */
size_t utf8_prefix(const char *s, size_t len);


/*
 * Fold data[0..len) into the 64-bit FNV-1a hash h (start from HASH_INIT):
 * a fingerprint that tells when bytes changed, not a secure digest.
 */
#define HASH_INIT UINT64_C(0xcbf29ce484222325)
uint64_t hash_add(uint64_t h, const void *data, size_t len);

/*
 * The one of the n words choices that word was most likely meant to be:
 * within a few typing slips (letters added, dropped, changed or swapped;
 * a third of its length, at least one), the nearest; NULL when none is.
 */
const char *closest_word(const char *word, const char *const *choices,
			 size_t n);

#endif
