/*
 * tend prep: a page to bring to a therapy session. What happened since
 * the last session: how many entries, how the mood went and how it
 * compares with the time before, the lowest and highest days, the
 * entries of the lowest mood (those not marked to share when the user
 * agrees), what the last session said to try, the feelings and tags
 * that came up most, each active goal, the entries marked to share in
 * full, and the prompts answered. Private entries are in it only when
 * asked for.
 */
#include "cmd.h"
#include "dates.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "output.h"
#include "redact.h"
#include "render/render.h"
#include "report.h"
#include "strvec.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

const char cmd_prep_help[] =
"usage: tend prep [--since WHEN] [--format md|html] [-o FILE] [--redact]\n"
"                 [--include-low] [--include-private]\n"
"\n"
"A page to take to your next therapy session, in Markdown or HTML: what\n"
"you wrote since your last session (the last entry tagged 'session' or\n"
"'session-digest'; else the last 14 days): how many entries, your mood\n"
"with a sparkline (a mark a day; over more than 13 weeks a mark a week\n"
"or a few, never more than 105; in HTML a small chart) and how it\n"
"compares with the same time before (which days, how many entries), the\n"
"lowest and highest days by their mean mood, the three entries of your\n"
"lowest mood in the lower half of the scale (their date, mood, title and\n"
"first line), what your last session entry listed under a heading with\n"
"'to try' in it, the feelings and tags that came up most, each active\n"
"goal with its entries and ratings, every entry marked 'share: true' in\n"
"full, and the prompts you answered.\n"
"\n"
"Of the entries of your lowest mood, those not marked to share are\n"
"listed with their first line only if you say so: on a terminal prep\n"
"asks (no, unless you answer y); elsewhere it does not, and says how\n"
"many. Their titles are in the page all the same, among the days and\n"
"goals, as every entry's are. Private entries are never in it, unless\n"
"you give --include-private.\n"
"\n"
"  --since WHEN       start there instead (today, 2 weeks ago, 2026-11-01)\n"
"  --format FORM      md (the default), or html: one page to open or\n"
"                     print, its style inline, loading nothing\n"
"  -o FILE            write it to FILE (mode 0600), not to the terminal\n"
"  --redact           replace the names of [share] redact in tend.ini\n"
"  --include-low      the entries of your lowest mood too, without being\n"
"                     asked, though not marked to share\n"
"  --include-private  private entries too, everywhere in the page\n"
"\n"
"From an encrypted journal the page is plain text, as asked: it is\n"
"yours to keep somewhere safe, or to delete.\n";

enum {
	OPT_SINCE = 1, OPT_FORMAT, OPT_REDACT, OPT_INCLUDE_LOW,
	OPT_INCLUDE_PRIVATE
};

const char cmd_prep_shortopts[] = ":o:";
const struct option cmd_prep_options[] = {
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "redact", no_argument, NULL, OPT_REDACT },
	{ "include-low", no_argument, NULL, OPT_INCLUDE_LOW },
	{ "include-private", no_argument, NULL, OPT_INCLUDE_PRIVATE },
	{ NULL, 0, NULL, 0 }
};

/*
 * Ask on the terminal whether to put in the page the nr entries of the
 * lowest mood that list names, which are not marked to share. Returns 1
 * for yes; anything but an answer starting with y is no.
 */
static int ask_low(size_t nr, const char *list)
{
	char answer[16];

	fflush(stdout);
	fprintf(stderr, "tend: %s of the lowest mood in this time %s not "
		"marked to share:\n%s", nr == 1 ? "an entry" : "entries",
		nr == 1 ? "is" : "are", list);
	fprintf(stderr, "List %s among the page's lowest moments, with "
		"%s first line? [y/N] ", nr == 1 ? "it" : "them",
		nr == 1 ? "its" : "their");
	fflush(stderr);
	return fgets(answer, sizeof(answer), stdin) &&
	       (answer[0] == 'y' || answer[0] == 'Y');
}

int cmd_prep(int argc, char **argv, struct ctx *ctx)
{
	struct prep_start start = { 0 };
	struct prep_opts o = { 0 };
	struct buf page = BUF_INIT, clean = BUF_INIT;
	struct prep_spark spark = { BUF_INIT, BUF_INIT };
	struct redactions names;
	const char *since = NULL, *file = NULL;
	struct when w;
	int c, rc = 0, redact = 0, html = 0;

	while ((c = getopt_long(argc, argv, cmd_prep_shortopts,
				cmd_prep_options, NULL)) != -1) {
		if (c == OPT_SINCE) {
			since = optarg;
		} else if (c == 'o') {
			file = optarg;
		} else if (c == OPT_REDACT) {
			redact = 1;
		} else if (c == OPT_INCLUDE_LOW) {
			o.with_low = 1;
		} else if (c == OPT_INCLUDE_PRIVATE) {
			o.with_private = 1;
		} else if (c == OPT_FORMAT) {
			if (strcmp(optarg, "md") && strcmp(optarg, "html"))
				return usage_error("prep", "--format takes "
						   "md or html, not '%s'",
						   optarg);
			html = !strcmp(optarg, "html");
		} else {
			return usage_option("prep", c, argv);
		}
	}
	if (optind < argc)
		return usage_error("prep", "prep takes no arguments, only "
				   "options");
	if (redact && (!ctx->cfg.redact || !*ctx->cfg.redact))
		return exit_code(error_as(FAIL_USAGE, "--redact: there are no "
					  "names to replace; list them in "
					  "tend.ini, e.g. [share] redact = "
					  "Alex=my partner, Sam"));
	if (file && !*file)
		return usage_error("prep", "-o needs a file name");
	if (since && (rc = when_parse(since, ctx->now, &w)) < 0)
		return exit_code(rc);
	if (since && w.from > ctx->now)
		return exit_code(error_as(FAIL_USAGE, "--since '%s' is in the "
					  "future", since));
	if (!o.with_low && ctx->in_tty && ctx->err_tty)
		o.ask = ask_low;
	if ((rc = index_ready(ctx)) < 0)
		goto out;
	index_warn_broken(ctx);	/* the entries left out */
	if (since) {
		start.from = w.from;
		start.asked = 1;
	}
	if ((rc = report_prep_start(ctx, &o, &start)) < 0 ||
	    (rc = report_prep(ctx, &start, &o, &page,
			      html ? &spark : NULL)) < 0)
		goto out;
	if (redact) {
		redact_parse(&names, ctx->cfg.redact);
		redact_text(&names, page.s, page.len, &clean);
		redact_release(&names);
		buf_reset(&page);
		buf_add(&page, clean.s, clean.len);
	}
	if (html) {
		struct strvec overrides = STRVEC_INIT;

		buf_reset(&clean);
		if (redact)
			redact_parse(&names, ctx->cfg.redact);
		/* the sparkline drawn, not in characters */
		rc = render_document(ctx, "Session prep", page.s, page.len,
				     spark.svg.len ? spark.text.s : NULL,
				     spark.svg.len ? spark.svg.s : NULL,
				     redact ? &names : NULL, &clean,
				     &overrides);
		if (redact)
			redact_release(&names);
		for (size_t i = 0; i < overrides.nr; i++)
			fprintf(stderr, "tend: using your own %s\n",
				overrides.v[i]);
		strvec_clear(&overrides);
		if (rc < 0)
			goto out;
		buf_reset(&page);
		buf_add(&page, clean.s, clean.len);
	}
	if (file && strcmp(file, "-")) {
		if (fs_write_atomic(file, page.s, page.len) < 0)
			rc = FAIL;
		else
			fprintf(stderr, "tend: wrote %s\n", file);
	} else {
		output_text(ctx, page.s, page.len, 0);
	}
out:
	prep_start_release(&start);
	buf_release(&page);
	buf_release(&clean);
	buf_release(&spark.text);
	buf_release(&spark.svg);
	return exit_code(rc);
}
