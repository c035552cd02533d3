/*
 * Unit tests of progress.c, the progress meter: driven into a memory
 * stream on a clock the test moves by hand, it must show nothing for
 * short work, write its line in one form, no more often than its
 * interval, and leave a clean line when the work ends.
 */
#include "progress.h"
#include "ctx.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

/* The test's clock: milliseconds it sets itself. */
static uint64_t clock_ms;

static uint64_t test_clock(void)
{
	return clock_ms;
}

/* A memory stream and what it holds. */
struct screen {
	FILE *f;
	char *s;
	size_t len;
};

static void screen_open(struct screen *sc)
{
	sc->s = NULL;
	sc->len = 0;
	sc->f = open_memstream(&sc->s, &sc->len);
}

/* What was written since the last call, as a string (emptied after). */
static const char *screen_take(struct screen *sc, char *into, size_t size)
{
	fflush(sc->f);
	snprintf(into, size, "%.*s", (int)sc->len, sc->s);
	rewind(sc->f);
	fflush(sc->f);
	sc->len = 0;
	return into;
}

static void screen_close(struct screen *sc)
{
	fclose(sc->f);
	free(sc->s);
}

/* Work shorter than the delay shows nothing, and ending it writes none. */
static void test_short_work(void)
{
	struct screen sc;
	struct progress p;
	char got[256];

	screen_open(&sc);
	clock_ms = 5000;
	progress_start_on(&p, sc.f, test_clock, "indexing", "files");
	for (size_t i = 1; i <= 1000; i++) {
		clock_ms = 5000 + i * (PROGRESS_DELAY_MS - 1) / 1000;
		progress_update(&p, i, 1000);
	}
	CHECK_STR(screen_take(&sc, got, sizeof(got)), "");
	progress_end(&p);
	CHECK_STR(screen_take(&sc, got, sizeof(got)), "");
	screen_close(&sc);
}

/* The line once the delay is over: count, total, noun, percentage. */
static void test_line(void)
{
	struct screen sc;
	struct progress p;
	char got[256];

	screen_open(&sc);
	clock_ms = 0;
	progress_start_on(&p, sc.f, test_clock, "indexing", "files");
	clock_ms = PROGRESS_DELAY_MS;
	progress_update(&p, 250, 1000);
	CHECK_STR(screen_take(&sc, got, sizeof(got)),
		  "tend: indexing 250 of 1000 files (25%)\033[K\r");
	progress_end(&p);
	CHECK_STR(screen_take(&sc, got, sizeof(got)), "\r\033[K");

	/* no noun; more done than the total said stays at 100% */
	progress_start_on(&p, sc.f, test_clock, "rendering page", NULL);
	clock_ms += PROGRESS_DELAY_MS;
	progress_update(&p, 3, 9);
	CHECK_STR(screen_take(&sc, got, sizeof(got)),
		  "tend: rendering page 3 of 9 (33%)\033[K\r");
	clock_ms += PROGRESS_INTERVAL_MS;
	progress_update(&p, 12, 9);
	CHECK_STR(screen_take(&sc, got, sizeof(got)),
		  "tend: rendering page 12 of 9 (100%)\033[K\r");
	progress_end(&p);
	screen_take(&sc, got, sizeof(got));

	/* a total not known: the count alone */
	progress_start_on(&p, sc.f, test_clock, "receiving", "objects");
	clock_ms += PROGRESS_DELAY_MS;
	progress_update(&p, 7, 0);
	CHECK_STR(screen_take(&sc, got, sizeof(got)),
		  "tend: receiving 7 objects\033[K\r");
	progress_end(&p);
	screen_close(&sc);
}

/* Count the lines written: each ends in "\r" after the erase. */
static int lines_in(const char *s)
{
	int n = 0;

	while ((s = strstr(s, "\033[K\r"))) {
		n++;
		s++;
	}
	return n;
}

/* Updates come fast; the line is written once per interval at most. */
static void test_throttle(void)
{
	struct screen sc;
	struct progress p;
	char got[65536];

	screen_open(&sc);
	clock_ms = 100;
	progress_start_on(&p, sc.f, test_clock, "importing", "entries");
	clock_ms += PROGRESS_DELAY_MS;
	progress_update(&p, 1, 100000);
	CHECK_INT(lines_in(screen_take(&sc, got, sizeof(got))), 1);
	/* just short of the interval: nothing */
	clock_ms += PROGRESS_INTERVAL_MS - 1;
	progress_update(&p, 2, 100000);
	CHECK_STR(screen_take(&sc, got, sizeof(got)), "");
	clock_ms += 1;
	progress_update(&p, 3, 100000);
	CHECK_STR(screen_take(&sc, got, sizeof(got)),
		  "tend: importing 3 of 100000 entries (0%)\033[K\r");
	/* ten thousand updates in ten seconds: once per interval */
	for (int i = 0; i < 10000; i++) {
		clock_ms++;
		progress_update(&p, (size_t)i + 4, 100000);
	}
	CHECK_INT(lines_in(screen_take(&sc, got, sizeof(got))),
		  10000 / PROGRESS_INTERVAL_MS);
	progress_end(&p);
	screen_close(&sc);
}

/* An ended meter, or one never started, writes nothing more. */
static void test_idle(void)
{
	struct screen sc;
	struct progress p, zero;
	struct ctx ctx;
	char got[256];

	screen_open(&sc);
	clock_ms = 0;
	progress_start_on(&p, sc.f, test_clock, "indexing", "files");
	clock_ms += PROGRESS_DELAY_MS;
	progress_update(&p, 1, 2);
	progress_end(&p);
	screen_take(&sc, got, sizeof(got));
	clock_ms += PROGRESS_DELAY_MS;
	progress_update(&p, 2, 2);
	progress_end(&p);
	CHECK_STR(screen_take(&sc, got, sizeof(got)), "");

	memset(&zero, 0, sizeof(zero));
	progress_update(&zero, 1, 2);
	progress_end(&zero);
	CHECK(!zero.out && !zero.shown);

	/* on stderr only when it is a terminal */
	memset(&ctx, 0, sizeof(ctx));
	progress_start(&p, &ctx, "indexing", "files");
	CHECK(p.out == NULL);
	ctx.err_tty = 1;
	progress_start(&p, &ctx, "indexing", "files");
	CHECK(p.out == stderr);
	progress_end(&p);
	screen_close(&sc);
}

/* A dumb terminal: spaces over what a longer line left, and to clear. */
static void test_dumb(void)
{
	struct screen sc;
	struct progress p;
	char got[256];

	screen_open(&sc);
	clock_ms = 0;
	progress_start_on(&p, sc.f, test_clock, "receiving", "objects");
	p.dumb = 1;
	clock_ms += PROGRESS_DELAY_MS;
	progress_update(&p, 1000, 0);
	CHECK_STR(screen_take(&sc, got, sizeof(got)),
		  "tend: receiving 1000 objects\r");
	clock_ms += PROGRESS_INTERVAL_MS;
	progress_update(&p, 7, 0);
	CHECK_STR(screen_take(&sc, got, sizeof(got)),
		  "tend: receiving 7 objects   \r");
	progress_end(&p);
	CHECK_STR(screen_take(&sc, got, sizeof(got)),
		  "\r                            \r");
	screen_close(&sc);
}

int main(void)
{
	test_short_work();
	test_line();
	test_throttle();
	test_idle();
	test_dumb();
	return unit_done();
}
