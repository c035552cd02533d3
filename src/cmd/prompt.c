/*
 * tend prompt: a question to write about today, and why it was chosen.
 */
#include "cmd.h"
#include "error.h"
#include "json.h"
#include "output.h"
#include "prompts.h"
#include "util.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>

const char cmd_prompt_help[] =
"usage: tend prompt [TOPIC] [--list] [--json] [--seed N]\n"
"\n"
"Print a prompt to write about, and on the next line why it was chosen.\n"
"Without TOPIC tend chooses for you: when your mood has been low this\n"
"week, grounding or self-care; otherwise, taking turns day by day, a\n"
"topic that keeps coming up in your tags, one of your active goals'\n"
"topics, or the topic you have not written about for longest. A prompt\n"
"you answered in the last 60 days is not asked again while its topic\n"
"has others. The same journal, day and seed give the same prompt.\n"
"\n"
"The prompts are built in (one file per topic); your own prompts/TOPIC.md\n"
"in the journal, in the same form, join them: a title and an about line\n"
"in front matter, then one prompt a line starting with '- ' (in an\n"
"encrypted journal, prompts/TOPIC.md.age).\n"
"To answer one: tend new --prompt (or --prompt=TOPIC).\n"
"\n"
"Options:\n"
"  --list      the topics, with how many prompts each has\n"
"  --json      as JSON: {topic, text, reason}; with --list\n"
"              [{topic, title, count}]\n"
"  --seed N    another choice for the same day\n";

enum { OPT_LIST = 1, OPT_JSON, OPT_SEED };

const char cmd_prompt_shortopts[] = ":";
const struct option cmd_prompt_options[] = {
	{ "list", no_argument, NULL, OPT_LIST },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ NULL, 0, NULL, 0 }
};

static void print_list(const struct library *lib, int json)
{
	struct buf out = BUF_INIT;

	if (json)
		buf_addch(&out, '[');
	for (size_t i = 0; i < lib->nr; i++) {
		const struct topic *t = &lib->v[i];

		if (!json) {
			buf_addf(&out, "%-16s %3zu  ", t->id, t->prompts.nr);
			output_clean(&out, t->title);
			buf_addch(&out, '\n');
			continue;
		}
		buf_adds(&out, i ? ",\n{" : "\n{");
		json_key(&out, "topic", 1);
		json_str(&out, t->id);
		json_key(&out, "title", 0);
		json_str(&out, t->title);
		json_key(&out, "count", 0);
		buf_addf(&out, "%zu}", t->prompts.nr);
	}
	if (json)
		buf_adds(&out, lib->nr ? "\n]\n" : "]\n");
	fwrite(out.s, 1, out.len, stdout);
	buf_release(&out);
}

int cmd_prompt(int argc, char **argv, struct ctx *ctx)
{
	struct library lib;
	struct choice choice;
	long seed = 0;
	int c, rc, list = 0, json = 0;

	while ((c = getopt_long(argc, argv, cmd_prompt_shortopts,
				cmd_prompt_options, NULL)) != -1) {
		if (c == OPT_LIST)
			list = 1;
		else if (c == OPT_JSON)
			json = 1;
		else if (c == OPT_SEED && parse_whole(optarg, LONG_MAX,
						      &seed) < 0)
			return usage_error("prompt", "--seed needs a whole "
					   "number, not '%s'", optarg);
		else if (c != OPT_SEED)
			return usage_option("prompt", c, argv);
	}
	if (argc - optind > 1 || (list && optind < argc))
		return usage_error("prompt", "give one topic, or --list");
	if ((rc = library_load(ctx, &lib)) < 0)
		goto out;
	if (list) {
		print_list(&lib, json);
		goto out;
	}
	rc = prompt_choose(ctx, &lib, optind < argc ? argv[optind] : NULL,
			   (unsigned long)seed, &choice);
	if (rc < 0)
		goto out;
	if (json) {
		struct buf out = BUF_INIT;

		buf_addch(&out, '{');
		json_key(&out, "topic", 1);
		json_str(&out, choice.topic->id);
		json_key(&out, "text", 0);
		json_str(&out, choice.text);
		json_key(&out, "reason", 0);
		json_str(&out, choice.reason);
		buf_adds(&out, "}\n");
		fwrite(out.s, 1, out.len, stdout);
		buf_release(&out);
	} else {
		/* the user's own prompts can hold anything: cleaned */
		struct buf out = BUF_INIT;

		output_clean(&out, choice.text);
		buf_adds(&out, "\n(");
		output_clean(&out, choice.topic->title);
		buf_adds(&out, ": ");
		output_clean(&out, choice.reason);
		buf_adds(&out, ")\n");
		fwrite(out.s, 1, out.len, stdout);
		buf_release(&out);
	}
	choice_release(&choice);
out:
	library_release(&lib);
	return exit_code(rc);
}
