/*
 * Slugs: the part of an entry ID (and a goal ID) made from a title.
 */
#ifndef TEND_SLUG_H
#define TEND_SLUG_H

#include "buf.h"

#define SLUG_MAX 60

/*
 * Append the slug of title to out (tend-journal(5)): ASCII letters lowered,
 * digits kept, every other byte a '-', runs of '-' folded, no '-' at either
 * end, at most SLUG_MAX bytes, "entry" when nothing is left.
 */
void slug_make(const char *title, struct buf *out);

/* 1 if s is already a slug (non-empty, [a-z0-9-], no '-' at the ends). */
int slug_valid(const char *s);

#endif
