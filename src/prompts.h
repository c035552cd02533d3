/*
 * Prompts (tend-journal(5)): the built-in library (templates/prompts/TOPIC.md,
 * compiled in) and the journal's own prompts/TOPIC.md, one topic a file:
 * front matter with title and about, then one prompt a line, "- ...".
 * And the choice of a prompt for today, with the reason for it.
 */
#ifndef TEND_PROMPTS_H
#define TEND_PROMPTS_H

#include "ctx.h"
#include "strvec.h"

struct topic {
	char *id;		/* the file name: "grounding" */
	char *title;
	char *about;
	struct strvec prompts;
};

struct library {
	struct topic *v;	/* sorted by id */
	size_t nr, alloc;
};

/*
 * Load the built-in topics and the journal's prompts/TOPIC.md; a file
 * for a built-in topic adds its prompts to it. A file that cannot be
 * read is skipped with a warning. Returns 0 or FAIL.
 */
int library_load(const struct ctx *ctx, struct library *lib);
void library_release(struct library *lib);

/*
 * Check a topic file, text[0..len) (name for messages): its front matter
 * reads, and it holds at least one prompt. Returns 0, or FAIL_INVALID
 * after reporting where it is wrong.
 */
int prompts_check(const char *name, const char *text, size_t len);

/* The topic called id, or NULL. */
const struct topic *library_topic(const struct library *lib, const char *id);

/* A prompt chosen for today. */
struct choice {
	const struct topic *topic;
	const char *text;	/* borrowed from the library */
	char *reason;		/* "because ...", owned */
};

/*
 * Choose a prompt (tend-prompt(1)), from topic when it is not NULL: in the
 * three days after a very low day (an entry's mood at or below [care] low),
 * or when the mood of the last 7 days is low, grounding or self-care; else,
 * by turns that the date and seed decide, a topic of a tag that came up
 * three times or more in 14 days, of an active goal, or the one written
 * about least lately. Within the topic, never a prompt answered in the last
 * 60 days while there are others. The same journal, date and seed give the
 * same choice. Returns 0, FAIL_USAGE for an unknown topic, or FAIL.
 */
int prompt_choose(struct ctx *ctx, const struct library *lib,
		  const char *topic, unsigned long seed, struct choice *out);

void choice_release(struct choice *c);

#endif
