/*
 * tend ground: a short exercise to come back to the present, paced on the
 * terminal, and afterwards, if the user wants, a check-in of their mood.
 */
#include "cmd.h"
#include "compose.h"
#include "error.h"
#include "output.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char cmd_ground_help[] =
"usage: tend ground [--exercise NAME | --list] [--no-check-in]\n"
"\n"
"A few minutes to come back to where you are, when feelings run high or\n"
"you start to go numb. On a terminal tend walks you through it at a calm\n"
"pace; anywhere else it prints the steps once. Ctrl-C stops at once.\n"
"\n"
"  senses   five things you see, four you touch, three you hear, two you\n"
"           smell, one you taste; each step waits for Enter (default)\n"
"  box      box breathing: in, hold, out, hold, four counts each, four\n"
"           rounds, with a timer\n"
"  4-7-8    in for four, hold for seven, out for eight, four rounds,\n"
"           with a timer\n"
"\n"
"Afterwards tend asks how you are now: a mood (Enter to skip) becomes a\n"
"check-in entry tagged grounding. Nothing is written unless you answer.\n"
"\n"
"Options:\n"
"  -e, --exercise NAME  the exercise to do (default: senses)\n"
"  --list               list the exercises\n"
"  --no-check-in        do not ask about your mood afterwards\n"
"\n"
"This is a way to steady yourself, not a treatment. If you are in\n"
"danger, call your local emergency number; 'tend plan show' prints your\n"
"own plan and the numbers you put in it.\n";

enum { LIST = 256, NO_CHECK_IN };

const char cmd_ground_shortopts[] = ":e:";
const struct option cmd_ground_options[] = {
	{ "exercise", required_argument, NULL, 'e' },
	{ "list", no_argument, NULL, LIST },
	{ "no-check-in", no_argument, NULL, NO_CHECK_IN },
	{ NULL, 0, NULL, 0 }
};

/* One step of an exercise. */
struct step {
	const char *text;
	int counts;		/* a breath of this many seconds, or 0: a step
				   that waits for Enter */
};

struct exercise {
	const char *name;
	const char *about;	/* one line for --list */
	const char *intro;
	const struct step *steps;
	int rounds;		/* how many times the steps are done */
	const char *outro;
};

static const struct step senses_steps[] = {
	{ "Look around you. Name five things you can see, one at a time.",
	  0 },
	{ "Notice four things you can touch: your feet on the floor, the "
	  "seat under you, the fabric of your clothes.", 0 },
	{ "Listen. Find three things you can hear, near and far.", 0 },
	{ "Find two things you can smell, or think of two smells you like.",
	  0 },
	{ "Notice one thing you can taste, or take a sip of water.", 0 },
	{ NULL, 0 }
};

static const struct step box_steps[] = {
	{ "Breathe in", 4 },
	{ "Hold", 4 },
	{ "Breathe out", 4 },
	{ "Hold", 4 },
	{ NULL, 0 }
};

static const struct step four_seven_eight_steps[] = {
	{ "Breathe in through your nose", 4 },
	{ "Hold", 7 },
	{ "Breathe out slowly", 8 },
	{ NULL, 0 }
};

static const struct exercise exercises[] = {
	{ "senses", "five things you see, down to one you taste",
	  "Let's come back to where you are, one sense at a time. Take your "
	  "time: there is no wrong answer.",
	  senses_steps, 1,
	  "You are here, in this moment. Well done for staying with it." },
	{ "box", "box breathing: in, hold, out, hold, four counts each",
	  "Box breathing: in, hold, out and hold, four counts each, four "
	  "rounds. Breathe gently; if a count feels long, go shorter.",
	  box_steps, 4,
	  "Let your breath go back to its own pace. Well done." },
	{ "4-7-8", "in for four, hold for seven, out for eight",
	  "In for four, hold for seven, out for eight, four rounds. If it "
	  "feels too long, count a little faster.",
	  four_seven_eight_steps, 4,
	  "Let your breath go back to its own pace. Well done." },
};

/* How wide the text is set: a comfortable line on any terminal. */
#define WIDTH 72

/* Set by Ctrl-C: leave at once. */
static volatile sig_atomic_t stopped;

static void on_interrupt(int sig)
{
	(void)sig;
	stopped = 1;
}

static const struct exercise *find_exercise(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(exercises); i++)
		if (!strcmp(exercises[i].name, name))
			return &exercises[i];
	return NULL;
}

static int unknown_exercise(const char *name)
{
	const char *names[ARRAY_SIZE(exercises)], *near;

	for (size_t i = 0; i < ARRAY_SIZE(exercises); i++)
		names[i] = exercises[i].name;
	near = closest_word(name, names, ARRAY_SIZE(exercises));
	if (near)
		return usage_error("ground", "there is no exercise '%s'; did "
				   "you mean '%s'? (tend ground --list)",
				   name, near);
	return usage_error("ground", "there is no exercise '%s' (tend "
			   "ground --list)", name);
}

/* Wait ms milliseconds; 0, or -1 when Ctrl-C stopped the wait. */
static int pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (!stopped && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	return stopped ? -1 : 0;
}

/*
 * Read a line the user types into line (without its line break). Returns
 * its length, or -1 at the end of input or when Ctrl-C stopped it.
 */
static int read_answer(char *line, size_t size)
{
	size_t len = 0;
	char c;
	ssize_t got;

	while (!stopped) {
		got = read(STDIN_FILENO, &c, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		if (c == '\n')
			break;
		if (len + 1 < size)
			line[len++] = c;
	}
	if (stopped)
		return -1;
	line[len] = '\0';
	return (int)len;
}

/* Say what Ctrl-C did, kindly. */
static void say_stopped(void)
{
	printf("\n\nStopped. That is all right; come back to it any time "
	       "with tend ground.\n");
	fflush(stdout);
}

/*
 * Breathe for n counts with a timer: the label, then a count each
 * second, on one line redrawn in place. 0, or -1 when stopped.
 */
static int breathe(const char *label, int n)
{
	for (int i = 1; i <= n; i++) {
		printf("\r  %-30s", label);
		for (int j = 1; j <= i; j++)
			printf(" %d", j);
		fflush(stdout);
		if (pause_ms(1000) < 0)
			return -1;
	}
	putchar('\n');
	return 0;
}

/* Walk through ex on a terminal. 0, or -1 when stopped. */
static int guide(const struct exercise *ex)
{
	char line[256], lead[16];
	int steps = 0;

	while (ex->steps[steps].text)
		steps++;
	output_wrap(stdout, "", ex->intro, WIDTH);
	if (ex->steps[0].counts)
		printf("(Ctrl-C stops at any time.)\n");
	else
		printf("(Press Enter for each next step; Ctrl-C stops at any "
		       "time.)\n");
	fflush(stdout);
	for (int r = 1; r <= ex->rounds; r++) {
		if (ex->rounds > 1)
			printf("\nRound %d of %d\n", r, ex->rounds);
		for (int i = 0; i < steps; i++) {
			const struct step *s = &ex->steps[i];

			if (s->counts) {
				if (breathe(s->text, s->counts) < 0)
					return -1;
				continue;
			}
			snprintf(lead, sizeof(lead), "%d. ", steps - i);
			putchar('\n');
			output_wrap(stdout, lead, s->text, WIDTH);
			fflush(stdout);
			if (read_answer(line, sizeof(line)) < 0)
				return -1;
		}
	}
	putchar('\n');
	output_wrap(stdout, "", ex->outro, WIDTH);
	fflush(stdout);
	return 0;
}

/* The steps of ex, once, for a reader that is not a terminal. */
static void print_steps(const struct exercise *ex)
{
	char lead[16];
	int steps = 0;

	while (ex->steps[steps].text)
		steps++;
	output_wrap(stdout, "", ex->intro, WIDTH);
	putchar('\n');
	for (int i = 0; i < steps; i++) {
		const struct step *s = &ex->steps[i];

		if (s->counts) {
			printf("- %s for %d counts\n", s->text, s->counts);
			continue;
		}
		snprintf(lead, sizeof(lead), "%d. ", steps - i);
		output_wrap(stdout, lead, s->text, WIDTH);
	}
	if (ex->rounds > 1)
		printf("\nDo this %d times.\n", ex->rounds);
	putchar('\n');
	output_wrap(stdout, "", ex->outro, WIDTH);
}

/*
 * Ask how the user is now; a mood becomes a check-in entry tagged
 * grounding. Enter, the end of input or Ctrl-C leaves it.
 */
static int check_in(struct ctx *ctx, const struct exercise *ex)
{
	struct compose c;
	struct buf id = BUF_INIT, title = BUF_INIT;
	char line[64];
	long mood = 0;
	int rc;

	/* without a journal to note it in, the exercise is all there is */
	if (cmd_open_journal(ctx) < 0)
		return 0;
	for (int tries = 0; !mood && tries < 3; tries++) {
		printf("\nHow are you now? Your mood from 1 to %d, or Enter "
		       "to skip: ", ctx->cfg.mood_scale);
		fflush(stdout);
		if (read_answer(line, sizeof(line)) < 0) {
			if (stopped)
				say_stopped();
			else
				putchar('\n');
			return 0;
		}
		if (!line[strspn(line, " \t")])
			return 0;
		if (parse_whole(line, ctx->cfg.mood_scale, &mood) < 0 ||
		    mood < 1) {
			mood = 0;
			printf("That is not a whole number from 1 to %d.",
			       ctx->cfg.mood_scale);
		}
	}
	if (!mood) {
		printf("\nNothing was noted.\n");
		return 0;
	}
	compose_init(&c);
	buf_addf(&title, "After grounding (%s)", ex->name);
	c.title = title.s;
	c.no_edit = 1;
	c.mood = mood;
	strvec_push(&c.tags, "grounding");
	rc = compose_entry(ctx, &c, &id);
	if (!rc && id.len)
		printf("Noted as %s.\n", id.s);
	compose_release(&c);
	buf_release(&id);
	buf_release(&title);
	return rc;
}

static int list_exercises(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(exercises); i++)
		printf("%-8s %s\n", exercises[i].name, exercises[i].about);
	return 0;
}

int cmd_ground(int argc, char **argv, struct ctx *ctx)
{
	const struct exercise *ex = &exercises[0];
	struct sigaction sa, old;
	int c, list = 0, ask = 1, rc = 0;

	while ((c = getopt_long(argc, argv, cmd_ground_shortopts,
				cmd_ground_options, NULL)) != -1) {
		switch (c) {
		case 'e':
			if (!(ex = find_exercise(optarg)))
				return unknown_exercise(optarg);
			break;
		case LIST:
			list = 1;
			break;
		case NO_CHECK_IN:
			ask = 0;
			break;
		default:
			return usage_option("ground", c, argv);
		}
	}
	if (optind < argc)
		return usage_error("ground", "ground takes no arguments, only "
				   "options");
	if (list)
		return list_exercises();
	if (!ctx->in_tty || !ctx->out_tty) {
		print_steps(ex);
		return 0;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);	/* no SA_RESTART: waits end */
	if (guide(ex) < 0)
		say_stopped();
	else if (ask)
		rc = check_in(ctx, ex);
	sigaction(SIGINT, &old, NULL);
	return exit_code(rc);
}
