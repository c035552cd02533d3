/*
 * tend new: write a new entry, from the command line, standard input or
 * the user's editor, and commit it.
 */
#include "cmd.h"
#include "dates.h"
#include "draft.h"
#include "entry.h"
#include "error.h"
#include "fs.h"
#include "index.h"
#include "journal.h"
#include "slug.h"
#include "store.h"
#include "templates.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char cmd_new_help[] =
"usage: tend new [TITLE...] [-m TEXT | --stdin | --no-edit] [OPTIONS]\n"
"\n"
"Write a new entry. Without -m, --stdin or --no-edit your editor opens\n"
"on a draft, kept in .tend/drafts/ until the entry is safely committed.\n"
"The entry is saved as entries/YYYY/MM/ID.md and committed as\n"
"\"Add entry: TITLE\"; its ID is printed. An entry left empty, or still\n"
"exactly its template, is discarded.\n"
"\n"
"Options:\n"
"  -m, --message TEXT  the entry's text\n"
"  --stdin             read the entry from standard input; it may begin\n"
"                      with front matter (---, key: value lines, ---)\n"
"  --no-edit           write the entry from the options alone, even\n"
"                      without text (a quick mood check-in)\n"
"  --mood N            mood from 1 to [mood] scale (default 10)\n"
"  --feeling F         a feeling; repeat it, or separate with commas\n"
"  --goal G            a goal the entry is about; repeatable\n"
"  --tag T             a tag; repeatable\n"
"  --date WHEN         when it happened: now, today, yesterday,\n"
"                      '3 days ago', 'last monday', 2026-11-02,\n"
"                      '2026-11-02 21:30', 9pm (default: now)\n"
"  --template NAME     start from an entry template (built in: daily)\n"
"  --share             mark it to bring to therapy\n"
"  --private           keep it out of everything that leaves the terminal\n"
"\n"
"Your editor is $VISUAL, else $EDITOR, else [editor] command, else vi.\n";

enum { STDIN = 256, NO_EDIT, MOOD, FEELING, GOAL, TAG, DATE, TEMPLATE,
       SHARE, PRIVATE };

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

/* Lists from the options join the lists the entry has already. */
static void add_list(struct entry *e, const char *key,
		     const struct strvec *have, const struct strvec *more)
{
	struct strvec all = STRVEC_INIT;

	if (!more->nr)
		return;
	for (size_t i = 0; i < have->nr; i++)
		strvec_push_unique(&all, have->v[i]);
	for (size_t i = 0; i < more->nr; i++)
		strvec_push_unique(&all, more->v[i]);
	entry_set_list(e, key, &all);
	strvec_clear(&all);
}

/* Put what the options say into the entry's front matter. */
static void apply_options(struct entry *e, const struct new_opts *o,
			  const struct datetime *date)
{
	if (o->title.len)
		entry_set_str(e, "title", o->title.s);
	if (date)
		entry_set_date(e, date);
	if (o->mood)
		entry_set_int(e, "mood", o->mood);
	add_list(e, "feelings", &e->feelings, &o->feelings);
	add_list(e, "goals", &e->goals, &o->goals);
	add_list(e, "tags", &e->tags, &o->tags);
	if (o->share)
		entry_set_bool(e, "share", 1);
	if (o->private)
		entry_set_bool(e, "private", 1);
}

/* Replace the body of e with text, after a blank line. */
static void set_body(struct entry *e, const char *text, size_t len)
{
	struct buf out = BUF_INIT;

	fm_write(&e->fm, &out);
	e->fm.body_off = out.len;
	if (len && text[0] != '\n' && text[0] != '\r')
		buf_adds(&out, "\n");
	buf_add(&out, text, len);
	if (len && text[len - 1] != '\n')
		buf_addch(&out, '\n');
	buf_release(&e->text);
	e->text = out;
}

/* Parse e->text; report problems against name. Returns 0 or FAIL_INVALID. */
static int parse_or_report(struct entry *e, const char *name, int scale)
{
	struct fm_error err = FM_ERROR_INIT;
	int rc = 0;

	if (entry_parse(e, scale, &err) < 0)
		rc = error_at(name, err.line, err.col, "%s", err.msg.s);
	fm_error_release(&err);
	return rc;
}

/* Read all of standard input (as much as a draft may keep). */
static int read_stdin(struct buf *out)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		buf_add(out, chunk, n);
		if (out->len > DRAFT_MAX_BYTES)
			return error_as(FAIL_INVALID, "standard input is "
					"larger than %d MiB",
					DRAFT_MAX_BYTES >> 20);
	}
	if (ferror(stdin))
		return error("cannot read standard input: %s",
			     strerror(errno));
	return 0;
}

/*
 * Start e from text read on standard input: a text with front matter is
 * taken as it is (its keys over the template's when there is one); plain
 * text becomes the body.
 */
static int start_from_stdin(struct entry *e, const struct buf *input,
			    int template, int scale)
{
	struct entry in;
	const char *body;
	size_t len;
	int rc;

	entry_init(&in);
	buf_add(&in.text, input->s, input->len);
	rc = parse_or_report(&in, "<stdin>", scale);
	if (rc)
		goto out;
	body = entry_body(&in, &len);
	if (in.fm.present && !template) {
		buf_release(&e->text);
		e->text = in.text;
		buf_init(&in.text);
	} else {
		if (in.fm.present) {
			fm_overlay(&e->fm, &in.fm, entry_keys);
			if (len && body[0] == '\n') {
				body++;
				len--;
			}
		}
		set_body(e, body, len);
	}
out:
	entry_release(&in);
	return rc;
}

/* What checking a draft of a new entry needs. */
struct draft_check {
	struct entry *e;
	int scale;
};

/* Take the draft as the entry if it reads well (see draft_edit()). */
static int check_draft(const struct draft *d, void *data)
{
	struct draft_check *c = data;

	buf_reset(&c->e->text);
	buf_add(&c->e->text, d->text.s, d->text.len);
	return parse_or_report(c->e, d->path.s, c->scale);
}

/*
 * Let the user write the entry in the editor, starting from e with the
 * template's body. On success e holds what they wrote. Returns 0 or a
 * failure of draft_edit() (which has said what happened to the draft).
 */
static int compose(struct entry *e, struct draft *d, struct ctx *ctx,
		   const struct buf *tmpl)
{
	struct draft_check check = { e, ctx->cfg.mood_scale };
	struct datetime now;
	int rc;

	if (!fm_get(&e->fm, "title"))
		fm_set(&e->fm, "title", "", entry_keys);
	if (!fm_get(&e->fm, "date")) {
		datetime_local(ctx->now, &now);
		entry_set_date(e, &now);
	}
	/* the template's body, or a blank line to write under */
	set_body(e, tmpl->len ? tmpl->s : "\n", tmpl->len ? tmpl->len : 1);
	if (draft_create(d, ctx, "new", e->text.s, e->text.len) < 0)
		return FAIL;
	rc = draft_edit(d, ctx, check_draft, &check);
	if (!rc && !draft_changed(d))
		rc = check_draft(d, &check);
	return rc;
}

/*
 * Choose a free path entries/YYYY/MM/ID.md for e (ID clashes get -2,
 * -3, ...), with the journal locked. Fills id and path.
 */
static int choose_path(struct ctx *ctx, const struct entry *e,
		       struct buf *id, struct buf *path)
{
	const struct tm *w = &e->date.wall;
	struct buf base = BUF_INIT, full = BUF_INIT;
	int rc = FAIL;

	buf_addf(&base, "%04d-%02d-%02d-%02d%02d-", w->tm_year + 1900,
		 w->tm_mon + 1, w->tm_mday, w->tm_hour, w->tm_min);
	slug_make(e->title ? e->title : "", &base);
	for (int n = 1; n < 10000; n++) {
		buf_reset(id);
		buf_adds(id, base.s);
		if (n > 1)
			buf_addf(id, "-%d", n);
		buf_reset(path);
		buf_addf(path, "entries/%04d/%02d/%s.md", w->tm_year + 1900,
			 w->tm_mon + 1, id->s);
		path_join(&full, ctx->root, path->s);
		if (!fs_exists(full.s)) {
			rc = 0;
			break;
		}
	}
	if (rc < 0)
		error("no free name for '%s'", base.s);
	buf_release(&base);
	buf_release(&full);
	return rc;
}

/*
 * Write the entry into the journal and commit it. Sets *written once the
 * file is in the journal. Returns 0 or a failure (FAIL_*).
 */
static int save_entry(struct ctx *ctx, struct entry *e, struct buf *id,
		      int *written)
{
	struct buf path = BUF_INIT, msg = BUF_INIT;
	struct strvec paths = STRVEC_INIT;
	int rc, committed;

	*written = 0;
	if ((rc = journal_lock(ctx)) < 0)
		goto out;
	if ((rc = choose_path(ctx, e, id, &path)) < 0 ||
	    (rc = fs_write_in(ctx->root, path.s, e->text.s, e->text.len)) < 0)
		goto out;
	*written = 1;
	strvec_push(&paths, path.s);
	buf_addf(&msg, "Add entry: %s", e->title ? e->title : id->s);
	rc = store_commit(ctx, &paths, msg.s, &committed);
	if (rc < 0)
		error("the entry is saved in '%s' but not committed; "
		      "'tend save' commits it", path.s);
	else
		index_note(ctx, path.s);
out:
	journal_unlock(ctx);
	strvec_clear(&paths);
	buf_release(&path);
	buf_release(&msg);
	return rc;
}

/*
 * Give e a title from its body (the first words that are not the
 * template's) and a date (now) when it has none.
 */
static void complete(struct entry *e, const struct ctx *ctx,
		     const struct buf *tmpl)
{
	const struct fm_item *t = fm_get(&e->fm, "title");
	struct datetime now;

	if (!t || t->val.kind == FM_NULL) {
		struct buf title = BUF_INIT;
		size_t len;
		const char *body = entry_body(e, &len);

		entry_title_from_body(body, len, tmpl->s, tmpl->len, &title);
		if (title.len)
			entry_set_str(e, "title", title.s);
		else if (t)
			entry_unset(e, "title");
		buf_release(&title);
	}
	if (!fm_get(&e->fm, "date")) {
		datetime_local(ctx->now, &now);
		entry_set_date(e, &now);
	}
}

int cmd_new(int argc, char **argv, struct ctx *ctx)
{
	struct new_opts o = { 0 };
	struct entry e;
	struct draft d = DRAFT_INIT;
	struct buf tmpl = BUF_INIT, source = BUF_INIT, input = BUF_INIT;
	struct buf id = BUF_INIT;
	struct datetime date, *datep = NULL;
	struct when when;
	const struct buf *keeping = NULL;	/* the words to keep */
	const char *body, *name;
	size_t len;
	int code, rc = 0, written = 0;

	entry_init(&e);
	buf_init(&o.title);
	if ((code = parse_options(argc, argv, &o, ctx)))
		goto out;
	if (o.date) {
		if ((rc = when_parse(o.date, ctx->now, &when)) < 0)
			goto out;
		datetime_local(when.at, &date);
		datep = &date;
	}
	if (o.template) {
		if ((rc = template_entry(ctx, o.template, &e.text,
					 &source)) < 0 ||
		    (rc = parse_or_report(&e, source.s,
					  ctx->cfg.mood_scale)) < 0)
			goto out;
		body = entry_body(&e, &len);
		buf_add(&tmpl, body, len);
	}

	/* from here on the user's words are kept if anything goes wrong */
	if (o.use_stdin) {
		keeping = &input;
		if ((rc = read_stdin(&input)) < 0 ||
		    (rc = start_from_stdin(&e, &input, !!o.template,
					   ctx->cfg.mood_scale)) < 0)
			goto keep;
	} else if (o.message) {
		set_body(&e, o.message, strlen(o.message));
	}
	keeping = &e.text;
	if ((rc = parse_or_report(&e, "<new entry>", ctx->cfg.mood_scale)))
		goto keep;
	apply_options(&e, &o, datep);
	if (!o.message && !o.use_stdin && !o.no_edit &&
	    (rc = compose(&e, &d, ctx, &tmpl)) < 0)
		goto out;	/* draft_edit() told of the draft */
	if (!o.no_edit && entry_body_is_empty(&e, tmpl.s, tmpl.len)) {
		fputs("tend: the entry is empty; nothing was saved\n", stderr);
		draft_remove(&d);
		goto out;
	}
	complete(&e, ctx, &tmpl);
	name = d.path.len ? d.path.s : "<new entry>";
	if ((rc = parse_or_report(&e, name, ctx->cfg.mood_scale)) < 0 ||
	    (rc = save_entry(ctx, &e, &id, &written)) < 0)
		goto keep;
	printf("%s\n", id.s);
	draft_remove(&d);
	goto out;
keep:
	/* never lose what was written: keep it as a draft and say where */
	if (written) {
		draft_remove(&d);	/* it is in the journal's folder */
	} else if (d.path.len) {
		draft_say_kept(&d);
	} else if (keeping && keeping->len &&
		   !draft_create(&d, ctx, "new", keeping->s, keeping->len)) {
		draft_say_kept(&d);
	}
out:
	if (!code)
		code = exit_code(rc);
	entry_release(&e);
	draft_release(&d);
	strvec_clear(&o.feelings);
	strvec_clear(&o.goals);
	strvec_clear(&o.tags);
	buf_release(&o.title);
	buf_release(&tmpl);
	buf_release(&source);
	buf_release(&input);
	buf_release(&id);
	return code;
}
