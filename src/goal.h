/*
 * A goal: goals/GOAL.md, front matter and a body on why it matters
 * (tend-journal(5)). Read like an entry: known keys into fields, the rest kept.
 * In an encrypted journal the file's name says nothing of the goal
 * (vault_goal_file()), and its ID is in its front matter instead: id:.
 */
#ifndef TEND_GOAL_H
#define TEND_GOAL_H

#include "buf.h"
#include "ctx.h"
#include "dates.h"
#include "frontmatter.h"
#include "strvec.h"

/* The headings of a goal's body, over why it matters and what success
 * looks like (tend-journal(5)). */
#define GOAL_WHY "Why it matters"
#define GOAL_SUCCESS "What success looks like"

/* The known keys, in the order tend writes them. */
extern const char *const goal_keys[];

/* The statuses a goal can have. */
extern const char *const goal_statuses[];

struct goal {
	char *id;		/* the file name without ".md"; in an
				   encrypted journal the front matter's id: */
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
 * Read the front matter of g->text. With g->id set (a plain journal's
 * goal, named by its file) an id: key is kept but not read; with g->id
 * NULL (an encrypted journal's) g->id is read from id:, and stays NULL
 * when there is none. Returns 0, or -1 with err filled in.
 */
int goal_parse(struct goal *g, struct fm_error *err);

/*
 * Read g->text, the goal file rel (goals/ID.md, or in an encrypted
 * journal goals/H.md.age), as goal_parse() does, setting g->path and
 * g->id: the file's name says the ID in a plain journal; in an
 * encrypted one its id: does, and the file must be the one
 * vault_goal_path() gives for it (not renamed or copied by hand).
 * Returns 0, or -1 with err filled in.
 */
int goal_parse_file(const struct ctx *ctx, const char *rel, struct goal *g,
		    struct fm_error *err);

/*
 * Give the new goal g (goal_new()) its place in this journal: in an
 * encrypted one its file is vault_goal_path() of its ID, and its ID is
 * written in its front matter (id:). Returns 0 or FAIL_LOCKED after
 * reporting.
 */
int goal_place(const struct ctx *ctx, struct goal *g);

/*
 * Set key of the goal's front matter to value (YAML text, quoted as
 * needed) or remove it (value NULL), keeping every other byte; g->text
 * is the file to write. The fields are not read again: parse for that.
 */
void goal_set(struct goal *g, const char *key, const char *value);

/*
 * Make g (goal_init()ed) the file of a new goal, goals/ID.md (which
 * goal_place() makes an encrypted journal's file): its title,
 * status active, the day of started, the day of *target when target is
 * not NULL, the topics when there are any, and the headings GOAL_WHY
 * and GOAL_SUCCESS with the text why and success under them (each may
 * be NULL or "": the heading alone, to fill in later). Read it with
 * goal_parse() for the fields.
 */
void goal_new(struct goal *g, const char *id, const char *title,
	      time_t started, const time_t *target,
	      const struct strvec *topics, const char *why,
	      const char *success);

/*
 * The body of the parsed goal g (its Markdown after the front matter)
 * into out, without the sections that hold nothing: a heading is left
 * out, with the blank lines after it, when nothing but headings comes
 * before the next heading of its level or above (cmark reads where the
 * headings are). Blank lines at the start and end are dropped too; out
 * is empty, or ends in one line break.
 */
void goal_body(const struct goal *g, struct buf *out);

/*
 * The goal file text[0..len) with id: set to id, as an encrypted
 * journal keeps it, into out; every other byte is kept. A file without
 * front matter gets a block of id: alone. Returns 0, or -1 with err
 * filled in when its front matter cannot be read.
 */
int goal_text_set_id(const char *text, size_t len, const char *id,
		     struct buf *out, struct fm_error *err);

/*
 * The reverse: the id: of the goal file text[0..len) into id (empty
 * when it has none that is text), and the file without it into out, as
 * a plain journal keeps it; a block left holding nothing as
 * goal_text_set_id() makes it is taken out whole. Returns 0, or -1 with
 * err filled in when its front matter cannot be read.
 */
int goal_text_take_id(const char *text, size_t len, struct buf *id,
		      struct buf *out, struct fm_error *err);

/*
 * Give g status (one of goal_statuses[]): "achieved" sets the day it
 * was achieved to the day of now; any other takes away the day an
 * achieved goal had.
 */
void goal_set_status(struct goal *g, const char *status, time_t now);

#endif
