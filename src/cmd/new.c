/*
 * tend new: write a new entry, from the command line, standard input or
 * the user's editor, and commit it.
 */
#include "cmd.h"
#include "compose.h"
#include "dates.h"
#include "error.h"
#include "goals.h"
#include "index.h"
#include "prompts.h"
#include "query.h"
#include "stats.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_new_help[] =
"usage: tend new [TITLE...] [-m TEXT | --stdin | --no-edit] [OPTIONS]\n"
"\n"
"Write a new entry. Without -m, --stdin or --no-edit your editor opens\n"
"on a draft, kept in .tend/drafts/ until the entry is safely committed;\n"
"it offers mood: and feelings: to fill in, with the feelings you wrote\n"
"lately on a comment line that is not saved. The entry is saved as\n"
"entries/YYYY/MM/ID.md and committed as \"Add entry: TITLE\"; its ID is\n"
"printed. An entry left empty, or still exactly its template, is\n"
"discarded. A check-in without words or title is called by its mood\n"
"and feelings: \"Check-in, mood 5 \u00b7 tired\".\n"
"\n"
"On a very low day (a mood at or below [care] low, 2 of 10 unless set,\n"
"or a day's mean there) tend answers with a kind word, your plan and\n"
"tend ground instead of a milestone; [care] quiet = true turns that off.\n"
"\n"
"Options:\n"
"  -m, --message TEXT  the entry's text\n"
"  --stdin             read the entry from standard input; it may begin\n"
"                      with front matter (---, key: value lines, ---)\n"
"  --no-edit           write the entry from the options alone, even\n"
"                      without text (a quick mood check-in)\n"
"  --mood N            mood from 1 to [mood] scale (default 10)\n"
"  --feeling F         a feeling; repeat it, or separate with commas\n"
"  --goal G            a goal the entry is about, one of tend goal\n"
"                      list; repeatable\n"
"  --tag T             a tag; repeatable\n"
"  --date WHEN         when it happened: now, today, yesterday,\n"
"                      '3 days ago', 'last monday', 2026-11-02,\n"
"                      '2026-11-02 21:30', 9pm (default: now)\n"
"  --template NAME     start from an entry template: tend templates\n"
"  --prompt[=TOPIC]    answer a prompt tend chooses (see tend prompt),\n"
"                      quoted at the top and kept in prompt:\n"
"  --share             mark it to share: tend prep has it in full\n"
"  --private           keep it out of everything that leaves the terminal\n"
"\n"
"Your editor is $VISUAL, else $EDITOR, else [editor] command, else vi.\n";

enum { STDIN = 256, NO_EDIT, MOOD, FEELING, GOAL, TAG, DATE, TEMPLATE,
       SHARE, PRIVATE, PROMPT };

const char cmd_new_shortopts[] = ":m:";
const struct option cmd_new_options[] = {
	{ "message", required_argument, NULL, 'm' },
	{ "stdin", no_argument, NULL, STDIN },
	{ "no-edit", no_argument, NULL, NO_EDIT },
	{ "mood", required_argument, NULL, MOOD },
	{ "feeling", required_argument, NULL, FEELING },
	{ "goal", required_argument, NULL, GOAL },
	{ "tag", required_argument, NULL, TAG },
	{ "date", required_argument, NULL, DATE },
	{ "template", required_argument, NULL, TEMPLATE },
	{ "share", no_argument, NULL, SHARE },
	{ "private", no_argument, NULL, PRIVATE },
	{ "prompt", optional_argument, NULL, PROMPT },
	{ NULL, 0, NULL, 0 }
};

struct new_opts {
	const char *message;
	int use_stdin, no_edit;
	long mood;			/* 0 when not given */
	struct strvec feelings, goals, tags;
	const char *date;
	const char *template;
	int share, private;
	int prompt;			/* --prompt given */
	const char *topic;		/* --prompt=TOPIC */
	struct buf title;
};

/* Add the comma-separated words of value to list. Returns 0 or 2. */
static int add_words(struct strvec *list, const char *value,
		     const char *what)
{
	const char *p = value;

	while (1) {
		const char *end = strchrnul(p, ',');
		const char *s = p, *e = end;
		char *word;

		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		word = xstrndup(s, (size_t)(e - s));
		if (!*word || !is_one_line(word)) {
			free(word);
			return usage_error("new", "'%s' is not a %s (one "
					   "word or phrase, no line breaks)",
					   value, what);
		}
		strvec_push_unique(list, word);
		free(word);
		if (!*end)
			return 0;
		p = end + 1;
	}
}

static int parse_options(int argc, char **argv, struct new_opts *o,
			 const struct ctx *ctx)
{
	int c, rc = 0, sources;

	while (!rc && (c = getopt_long(argc, argv, cmd_new_shortopts,
				cmd_new_options, NULL)) != -1) {
		switch (c) {
		case 'm':
			o->message = optarg;
			break;
		case STDIN:
			o->use_stdin = 1;
			break;
		case NO_EDIT:
			o->no_edit = 1;
			break;
		case MOOD:
			if (parse_whole(optarg, ctx->cfg.mood_scale,
					&o->mood) < 0 || o->mood < 1)
				rc = usage_error("new", "mood must be a whole "
						 "number from 1 to %d, not "
						 "'%s'", ctx->cfg.mood_scale,
						 optarg);
			break;
		case FEELING:
			rc = add_words(&o->feelings, optarg, "feeling");
			break;
		case GOAL:
			rc = add_words(&o->goals, optarg, "goal");
			break;
		case TAG:
			rc = add_words(&o->tags, optarg, "tag");
			break;
		case DATE:
			o->date = optarg;
			break;
		case TEMPLATE:
			o->template = optarg;
			break;
		case SHARE:
			o->share = 1;
			break;
		case PRIVATE:
			o->private = 1;
			break;
		case PROMPT:
			o->prompt = 1;
			o->topic = optarg;
			break;
		default:
			return usage_option("new", c, argv);
		}
	}
	if (rc)
		return rc;
	sources = !!o->message + o->use_stdin + o->no_edit;
	if (sources > 1)
		return usage_error("new", "give only one of -m, --stdin and "
				   "--no-edit");
	for (int i = optind; i < argc; i++)
		buf_addf(&o->title, "%s%s", i > optind ? " " : "", argv[i]);
	if (!is_one_line(o->title.s) || o->title.len > 200)
		return usage_error("new", "a title is one line of at most 200 "
				   "bytes of text");
	if (o->message && !utf8_valid(o->message, strlen(o->message)))
		return usage_error("new", "the text of -m is not valid UTF-8");
	return 0;
}

/* Refuse a --goal that names no goal of the journal. Returns 0 or 2. */
static int check_goals(struct ctx *ctx, const struct strvec *goals)
{
	int code = 0;

	for (size_t i = 0; !code && i < goals->nr; i++)
		code = usage_goal(ctx, "new", goals->v[i]);
	return code;
}

/* The tags and the feelings the journal's entries have, and how often. */
struct words_used {
	struct tallies tags, feelings;
};

static int add_used(const struct entry *e, void *data)
{
	struct words_used *u = data;

	tallies_add_words(&u->tags, e->tags.v, e->tags.nr, 0);
	tallies_add_words(&u->feelings, e->feelings.v, e->feelings.nr, 0);
	return 0;
}

/*
 * Are a and b one word, singular and plural: need, needs; boundary,
 * boundaries; box, boxes?
 */
static int same_stem(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > lb)
		return same_stem(b, a);
	return (lb == la + 1 && ends_with(b, "s") && !strncmp(a, b, la)) ||
	       (lb == la + 2 && ends_with(b, "es") && !strncmp(a, b, la)) ||
	       (lb == la + 2 && ends_with(a, "y") && ends_with(b, "ies") &&
		!strncmp(a, b, la - 1));
}

/*
 * For each of words (what: "tag" or "feeling") the journal has never
 * used, the one in have it is likely meant to be, added to hints as a
 * line to say.
 */
static void near_words(const struct strvec *words, struct tallies *have,
		       const char *what, struct strvec *hints)
{
	const char **names = xcalloc(have->nr + 1, sizeof(*names));
	const struct tally *near;
	struct buf line = BUF_INIT;

	for (size_t i = 0; i < have->nr; i++)
		names[i] = have->v[i].name;
	for (size_t i = 0; i < words->nr; i++) {
		const char *w = words->v[i], *close = NULL;

		if (tallies_find(have, w))
			continue;
		for (size_t k = 0; !close && k < have->nr; k++)
			if (same_stem(have->v[k].key, w))
				close = names[k];
		if (!close && strlen(w) >= 4)	/* too short to tell */
			close = closest_word(w, names, have->nr);
		if (!close || !(near = tallies_find(have, close)))
			continue;
		buf_reset(&line);
		buf_addf(&line, "the %s '%s' is new here; your entries use "
			 "'%s' (%ld time%s)", what, w, close, near->count,
			 near->count == 1 ? "" : "s");
		strvec_push(hints, line.s);
	}
	free(names);
	buf_release(&line);
}

/*
 * The hints for the tags and feelings of o that are new to the journal
 * but close to ones it has (boundary and boundaries), into hints; none
 * while the journal has no index.
 */
static void word_hints(struct ctx *ctx, const struct new_opts *o,
		       struct strvec *hints)
{
	struct words_used u;
	struct filter all;

	if (!o->tags.nr && !o->feelings.nr)
		return;
	tallies_init(&u.tags, 1);
	tallies_init(&u.feelings, 1);
	filter_init(&all);
	if (index_if_built(ctx) == 0 &&
	    query_each(ctx, &all, add_used, &u) == 0) {
		near_words(&o->tags, &u.tags, "tag", hints);
		near_words(&o->feelings, &u.feelings, "feeling", hints);
	}
	filter_release(&all);
	tallies_release(&u.tags);
	tallies_release(&u.feelings);
}

int cmd_new(int argc, char **argv, struct ctx *ctx)
{
	struct new_opts o = { 0 };
	struct compose c;
	struct buf id = BUF_INIT;
	struct datetime date;
	struct when when;
	struct library lib = { NULL, 0, 0 };
	struct choice choice = { NULL, NULL, NULL };
	struct strvec hints = STRVEC_INIT;
	int code, rc = 0;

	compose_init(&c);
	buf_init(&o.title);
	code = parse_options(argc, argv, &o, ctx);
	/* the lists go to c, which frees them whatever happens */
	c.feelings = o.feelings;
	c.goals = o.goals;
	c.tags = o.tags;
	if (code || (code = check_goals(ctx, &o.goals)))
		goto out;
	word_hints(ctx, &o, &hints);
	if (o.date) {
		if ((rc = when_parse(o.date, ctx->now, &when)) < 0)
			goto out;
		datetime_local(when.at, &date);
		c.date = &date;
	}
	if (o.prompt) {
		if ((rc = library_load(ctx, &lib)) < 0 ||
		    (rc = prompt_choose(ctx, &lib, o.topic, 0, &choice)) < 0)
			goto out;
		c.prompt = choice.text;
		fprintf(stderr, "tend: a prompt on %s, %s\n",
			choice.topic->title, choice.reason);
	}
	c.title = o.title.s;
	c.message = o.message;
	c.use_stdin = o.use_stdin;
	c.no_edit = o.no_edit;
	c.mood = o.mood;
	c.template = o.template;
	c.share = o.share;
	c.private = o.private;
	rc = compose_entry(ctx, &c, &id);
	if (!rc && id.len) {
		printf("%s\n", id.s);
		for (size_t i = 0; i < hints.nr; i++)
			fprintf(stderr, "tend: %s ('tend edit %s' changes "
				"it)\n", hints.v[i], id.s);
	}
out:
	if (!code)
		code = exit_code(rc);
	compose_release(&c);	/* it owns the lists it was given */
	choice_release(&choice);
	library_release(&lib);
	buf_release(&o.title);
	buf_release(&id);
	strvec_clear(&hints);
	return code;
}
