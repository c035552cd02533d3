#include "progress.h"
#include "buf.h"
#include "ctx.h"
#include "error.h"

#include <time.h>

/* Milliseconds on the system's coarse monotonic clock. */
static uint64_t coarse_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void progress_start(struct progress *p, const struct ctx *ctx,
		    const char *what, const char *noun)
{
	progress_start_on(p, ctx->err_tty ? stderr : NULL, coarse_ms, what,
			  noun);
	p->dumb = term_dumb();
}

void progress_start_on(struct progress *p, FILE *out, uint64_t (*now)(void),
		       const char *what, const char *noun)
{
	p->out = out;
	p->what = what;
	p->noun = noun;
	p->now = now;
	p->shown = 0;
	p->dumb = 0;
	p->width = 0;
	p->next = out ? now() + PROGRESS_DELAY_MS : 0;
}

void progress_update(struct progress *p, size_t done, size_t total)
{
	struct buf line = BUF_INIT;
	uint64_t t;

	if (!p->out || (t = p->now()) < p->next)
		return;
	p->next = t + PROGRESS_INTERVAL_MS;
	buf_addf(&line, "tend: %s %zu", p->what, done);
	if (total)
		buf_addf(&line, " of %zu", total);
	if (p->noun)
		buf_addf(&line, " %s", p->noun);
	if (total)
		buf_addf(&line, " (%zu%%)",
			 done < total ? done * 100 / total : (size_t)100);
	/* erase what a longer line left, and back to the line's start */
	if (p->dumb) {
		size_t len = line.len;

		while (line.len < p->width)
			buf_addch(&line, ' ');
		if (len > p->width)
			p->width = len;
		buf_addch(&line, '\r');
	} else {
		buf_adds(&line, "\033[K\r");
	}
	fwrite(line.s, 1, line.len, p->out);
	fflush(p->out);
	buf_release(&line);
	p->shown = 1;
}

void progress_end(struct progress *p)
{
	if (p->out && p->shown && p->dumb) {
		fputc('\r', p->out);
		for (size_t i = 0; i < p->width; i++)
			fputc(' ', p->out);
		fputc('\r', p->out);
		fflush(p->out);
	} else if (p->out && p->shown) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
	}
	p->out = NULL;
	p->shown = 0;
}
