/*
 * Care for a very low day: when an entry's mood, or its day's mean, is
 * at or below [care] low, tend answers with a kind line, the first lines
 * of the user's own plan (or how to make one) and tend ground, instead
 * of celebrating; milestones reached then wait for a better moment.
 */
#ifndef TEND_CARE_H
#define TEND_CARE_H

#include <time.h>

#include "ctx.h"
#include "entry.h"
#include "strvec.h"

/* The plan for the hard moments, under the journal's root (tend plan). */
#define PLAN_FILE "plan.md"

/* The most of a plan tend reads. */
#define PLAN_MAX (1024 * 1024)

/*
 * Is e, just written, on a very low day: its mood at or below [care]
 * low, or the mean of the moods of its day (e among them, private
 * entries too)? 0 with [care] quiet, and when there is no index to say
 * (none is built for this).
 */
int care_is_low(struct ctx *ctx, const struct entry *e);

/* The kind reply, on stderr. */
void care_reply(struct ctx *ctx);

/*
 * After an entry on a very low day: keep the milestones goals reached
 * with it (bits as goals_reached() gave them before it) to announce
 * later, in .tend/ on this machine (sealed in an encrypted journal).
 */
void care_hold_milestones(struct ctx *ctx, const struct strvec *goals,
			  const unsigned *before);

/* After an entry on a better day: announce the milestones held back. */
void care_announce_held(struct ctx *ctx);

/* After an edit of the entry at rel: the reply, if its day is low. */
void care_after_edit(struct ctx *ctx, const char *rel);

#endif
