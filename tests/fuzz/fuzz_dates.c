/*
 * A libFuzzer target of dates.c: the input is read as a WHEN (tend-list(1))
 * at a few fixed moments, one of them on a day the clocks change, and as a
 * front matter date (tend-journal(5)). What reads must make sense: a span
 * that starts before it ends and holds its exact time, and a front matter
 * date that, written out as tend writes it, reads back as the same instant
 * and is written the same way again.
 */
#include "dates.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Moments to read relative WHENs at (UTC): an ordinary evening, the
 * night the clocks go forward in Europe/Berlin, a leap day, 31 December. */
static const time_t nows[] = {
	1795382040,	/* 2026-11-22 21:14 */
	1774747800,	/* 2026-03-29 01:30 */
	1709208000,	/* 2024-02-29 12:00 */
	1798760340,	/* 2026-12-31 23:39 */
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* a zone whose clocks change, so that days are not all 24 hours */
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	return 0;
}

/* A WHEN that reads must name a span holding its exact time. */
static void check_when(const char *text)
{
	for (size_t i = 0; i < sizeof(nows) / sizeof(*nows); i++) {
		struct when w;

		if (when_parse(text, nows[i], &w) < 0)
			continue;
		if (w.from > w.to || w.at < w.from || w.at > w.to)
			abort();
	}
}

/*
 * A front matter date that reads is written out and read again: the same
 * instant, the same offset, and the same text when written once more.
 */
static void check_datetime(const char *text)
{
	struct datetime dt, again;
	struct buf out = BUF_INIT, out2 = BUF_INIT;

	if (datetime_parse(text, &dt) < 0)
		return;
	datetime_format(&dt, &out);
	if (datetime_parse(out.s, &again) < 0 || !again.has_offset ||
	    again.t != dt.t || again.offset != dt.offset)
		abort();
	datetime_format(&again, &out2);
	if (strcmp(out.s, out2.s))
		abort();
	buf_release(&out);
	buf_release(&out2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	memcpy(text, data, size);
	text[size] = '\0';
	/* what reads stops at a NUL, as the command line does */
	check_when(text);
	check_datetime(text);
	free(text);
	return 0;
}
