/*
 * A goal: goals/GOAL.md, front matter and a body on why it matters
 * (SPEC §4). Read like an entry: known keys into fields, the rest kept.
 */
#ifndef TEND_GOAL_H
#define TEND_GOAL_H

#include "buf.h"
#include "dates.h"
#include "frontmatter.h"
#include "strvec.h"

/* The known keys, in the order tend writes them. */
extern const char *const goal_keys[];

/* The statuses a goal can have. */
extern const char *const goal_statuses[];

struct goal {
	char *id;		/* the file name without ".md" */
	char *path;		/* relative to the journal root */
	struct buf text;	/* the whole file */
	struct fm fm;
	char *title;		/* NULL when none */
	char *status;		/* "active" when none is given */
	struct datetime started, target, achieved;
	int has_started, has_target, has_achieved;
	struct strvec topics;
};

void goal_init(struct goal *g);
void goal_release(struct goal *g);

/*
 * Read the front matter of g->text (with g->id set). Returns 0, or -1
 * with err filled in.
 */
int goal_parse(struct goal *g, struct fm_error *err);

/*
 * Set key of the goal's front matter to value (YAML text, quoted as
 * needed) or remove it (value NULL), keeping every other byte; g->text
 * is the file to write. The fields are not read again: parse for that.
 */
void goal_set(struct goal *g, const char *key, const char *value);

/*
 * Make g (goal_init()ed) the file of a new goal, goals/ID.md: its title,
 * status active, the day of started, the day of *target when target is
 * not NULL, the topics when there are any, and headings for the why and
 * the what of it. Read it with goal_parse() for the fields.
 */
void goal_new(struct goal *g, const char *id, const char *title,
	      time_t started, const time_t *target,
	      const struct strvec *topics);

/*
 * Give g status (one of goal_statuses[]): "achieved" sets the day it
 * was achieved to the day of now; any other takes away the day an
 * achieved goal had.
 */
void goal_set_status(struct goal *g, const char *status, time_t now);

#endif
