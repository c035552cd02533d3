/*
 * The progress meter: how far a long piece of work has come, on one line
 * of the terminal, "tend: indexing 250 of 1000 files (25%)", written over
 * as the count goes up and cleared when the work ends.
 *
 * A meter shows only when stderr is a terminal: never in a pipe, a log
 * or a test's capture. It shows nothing until the work has run for
 * PROGRESS_DELAY_MS, then rewrites its line at most once every
 * PROGRESS_INTERVAL_MS. The rule is time, not the size of the work (as
 * git's progress waits before it shows): what is slow depends on the
 * disk, the network and the machine, not on a count; a thousand files
 * read in a blink need no meter, and ten objects from a slow remote may.
 * Time is read on a monotonic clock (CLOCK_MONOTONIC_COARSE: a few
 * milliseconds are precision enough, and reading it costs next to
 * nothing, as work may count a step every microsecond).
 *
 * The line is written and the cursor then put back at its start, as
 * git's meter does (on a dumb terminal, which cannot erase, a line is
 * padded with spaces over the longer one before it, and cleared with
 * spaces), so that whatever comes next on stderr (an error from
 * deep inside the work, which ends its line with an erase: error.h)
 * writes over it. progress_end() clears the line rather than ending it
 * with a newline: what the work did is said after it in tend's own words
 * ("Imported 250 entries"), and work such as an index refresh runs ahead
 * of a command's own output, where a finished meter would be litter.
 */
#ifndef TEND_PROGRESS_H
#define TEND_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ctx;

/* How long work runs before its meter shows, in milliseconds. */
#define PROGRESS_DELAY_MS 1000

/* The least time between two writes of the line, in milliseconds. */
#define PROGRESS_INTERVAL_MS 250

/*
 * One meter. A zeroed one is idle: updating and ending it do nothing,
 * so a meter that was never started needs no care.
 */
struct progress {
	FILE *out;		/* the terminal; NULL: nothing is shown */
	const char *what;	/* the work: "indexing" */
	const char *noun;	/* what is counted: "files", or NULL */
	uint64_t (*now)(void);	/* the clock, in milliseconds */
	uint64_t next;		/* no line is written before this time */
	int shown;		/* a line is on the terminal */
	int dumb;		/* the terminal cannot erase: spaces do */
	size_t width;		/* the longest line written, for those */
};

/*
 * Start p on work that begins now: what says what is done (a verb:
 * "indexing", "receiving"), noun what is counted ("files"; NULL for
 * none, as in "rendering page 5 of 9"). The meter writes to stderr when
 * ctx says it is a terminal (a dumb one too: term_dumb() of error.h);
 * else it stays idle. Both strings must outlive the meter.
 */
void progress_start(struct progress *p, const struct ctx *ctx,
		    const char *what, const char *noun);

/*
 * progress_start() to the stream out (NULL: idle) with the clock now,
 * which returns milliseconds that never go back, on a terminal that can
 * erase (set p->dumb after it for one that cannot): for tests.
 */
void progress_start_on(struct progress *p, FILE *out, uint64_t (*now)(void),
		       const char *what, const char *noun);

/*
 * The work has done done of total things (total 0: not known, and the
 * line shows the count alone). Writes the line when it is time to.
 */
void progress_update(struct progress *p, size_t done, size_t total);

/*
 * The work is over, done or failed: clear the line if one is shown, so
 * that the next message starts on a clean line, and make p idle. Call
 * it before reporting what went wrong.
 */
void progress_end(struct progress *p);

#endif
