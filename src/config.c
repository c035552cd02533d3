#include "config.h"
#include "buf.h"
#include "error.h"
#include "fs.h"
#include "util.h"

#include <ctype.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->mood_scale = 10;
	cfg->care_low = -1;
	cfg->attach_max = ATTACH_MAX_DEFAULT;
}

void config_release(struct config *cfg)
{
	free(cfg->journal_path);
	free(cfg->title);
	free(cfg->timezone);
	free(cfg->editor);
	free(cfg->author_name);
	free(cfg->author_email);
	free(cfg->render_output);
	free(cfg->sync_remote);
	free(cfg->sync_branch);
	free(cfg->sync_ssh_key);
	free(cfg->redact);
	free(cfg->care_message);
	free(cfg->care_no_plan);
	free(cfg->care_ground);
	free(cfg->inbox_path);
	config_init(cfg);
}

char *config_user_path(void)
{
	struct buf path = BUF_INIT;
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		buf_addf(&path, "%s/tend/config.ini", xdg);
	else
		buf_addf(&path, "%s/.config/tend/config.ini",
			 home ? home : "");
	return buf_detach(&path, NULL);
}

/* What one read of a file needs: where we are and what went wrong. */
struct reader {
	struct config *cfg;
	const char *path;
	enum config_source source;
	int quiet;		/* no warnings */
	const char *p, *end;	/* the rest of the file */
	const char *line;	/* the current line */
	size_t line_len;
	int lineno;
	int rc;			/* first error, or 0 */
};

/* inih asks for the next line; hand it over and count it. */
static char *next_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	const char *nl;
	size_t n;

	if (r->p >= r->end || num < 2)
		return NULL;
	nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	n = nl ? (size_t)(nl - r->p) + 1 : (size_t)(r->end - r->p);
	r->line = r->p;
	r->line_len = n;
	r->lineno++;
	if (n > (size_t)num - 1)
		n = (size_t)num - 1;	/* checked before parsing: never */
	memcpy(str, r->p, n);
	str[n] = '\0';
	r->p += r->line_len;
	return str;
}

/* Column of value in the current line (1-based), for messages. */
static int value_col(const struct reader *r)
{
	const char *eq = memchr(r->line, '=', r->line_len);
	const char *v;

	if (!eq)
		eq = memchr(r->line, ':', r->line_len);
	if (!eq)
		return 1;
	v = eq + 1;
	while (v < r->line + r->line_len && (*v == ' ' || *v == '\t'))
		v++;
	return (int)(v - r->line) + 1;
}

static int bad_value(struct reader *r, const char *section, const char *name,
		     const char *value, const char *want)
{
	if (!r->rc) {
		fflush(stdout);
		fprintf(stderr, "%s:%d:%d: bad value for '%s' in [%s]: '%s' "
			"(%s)\n", r->path, r->lineno, value_col(r),
			name, section, value, want);
		r->rc = FAIL_USAGE;
	}
	return 0;
}

static void set_str(char **field, const char *value)
{
	free(*field);
	*field = *value ? xstrdup(value) : NULL;
}

static int read_bool(const char *v)
{
	static const char *const yes[] = { "true", "yes", "on", "1", NULL };
	static const char *const no[] = { "false", "no", "off", "0", NULL };

	for (int i = 0; yes[i]; i++) {
		if (!strcasecmp(v, yes[i]))
			return 1;
		if (!strcasecmp(v, no[i]))
			return 0;
	}
	return -1;
}

/* Is name a time zone of the system's database? */
static int zone_exists(const char *name)
{
	struct buf path = BUF_INIT;
	const char *dir = getenv("TZDIR");
	int ok;

	if (!*name || *name == '/' || strstr(name, ".."))
		return 0;
	buf_addf(&path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo",
		 name);
	ok = !fs_is_dir(path.s) && fs_exists(path.s);
	buf_release(&path);
	return ok;
}

/* Does text hold no angle bracket or line break (git refuses those)? */
static int identity_ok(const char *v)
{
	return !strpbrk(v, "<>\n");
}

/* Is every comma-separated item of redact "NAME" or "NAME=TEXT"? */
static int redact_ok(const char *v)
{
	const char *p = v;

	while (*p) {
		const char *end = strchrnul(p, ',');
		const char *q = p;

		while (q < end && isspace((unsigned char)*q))
			q++;
		if (q == end || *q == '=')
			return 0;
		p = *end ? end + 1 : end;
	}
	return 1;
}

/* Add the names of value to a redact list (comma-separated). */
static void add_redact(char **field, const char *value)
{
	struct buf all = BUF_INIT;

	if (!*value)
		return;
	if (*field)
		buf_addf(&all, "%s, ", *field);
	buf_adds(&all, value);
	free(*field);
	*field = buf_detach(&all, NULL);
}

/*
 * Settings only this machine's files may set: they run a command, name
 * a file or folder here, or decide what leaves this machine and where.
 */
static int machine_only(const char *section, const char *name)
{
	static const char *const keys[] = {
		"editor", "command", "render", "output",
		"render", "include_private", "sync", "remote",
		"sync", "auto", "sync", "ssh_key", NULL
	};

	for (size_t i = 0; keys[i]; i += 2)
		if (!strcmp(section, keys[i]) && !strcmp(name, keys[i + 1]))
			return 1;
	return 0;
}

/*
 * Can value be [inbox] path: a relative path of plain folder names (no
 * "..", none hidden, no empty part), not one of the folders tend keeps
 * itself, nor inside one? A remote can set it (tend.ini), so it must
 * name only a folder of the journal where nothing else lives.
 */
static int inbox_path_ok(const char *value)
{
	static const char *const own[] = {
		"entries", "goals", "templates", "prompts", "attachments",
		"site", NULL
	};
	const char *p = value;
	size_t first;

	if (!*value || *value == '/')
		return 0;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (!n || p[0] == '.' || memchr(p, '\\', n))
			return 0;
		p += n;
		if (*p == '/' && !*++p)
			return 0;
	}
	first = strcspn(value, "/");
	for (size_t i = 0; own[i]; i++)
		if (strlen(own[i]) == first && !strncmp(value, own[i], first))
			return 0;
	return 1;
}

static int handle(void *user, const char *section, const char *name,
		  const char *value)
{
	struct reader *r = user;
	struct config *c = r->cfg;
	long n;
	int b;

#define IS(s, k) (!strcmp(section, s) && !strcmp(name, k))
	if (r->source == CONFIG_JOURNAL && machine_only(section, name)) {
		if (!r->quiet)
			warning("%s:%d: [%s] %s is not read from tend.ini, "
				"which a sync can change; set it in "
				"%s (this journal on this machine) or in "
				"your own config", r->path, r->lineno,
				section, name, CONFIG_LOCAL_PATH);
		return 1;
	}
	if (IS("journal", "path")) {
		if (r->source != CONFIG_USER) {
			if (!r->quiet)
				warning("%s:%d: [journal] path is read only "
					"from the user config", r->path,
					r->lineno);
			return 1;
		}
		set_str(&c->journal_path, value);
	} else if (IS("journal", "title")) {
		set_str(&c->title, value);
	} else if (IS("journal", "timezone")) {
		if (*value && !zone_exists(value))
			return bad_value(r, section, name, value,
					 "a time zone like Europe/Berlin");
		set_str(&c->timezone, value);
	} else if (IS("editor", "command")) {
		set_str(&c->editor, value);
	} else if (IS("author", "name") || IS("author", "email")) {
		if (!identity_ok(value))
			return bad_value(r, section, name, value,
					 "no '<' or '>'");
		set_str(!strcmp(name, "name") ? &c->author_name
					       : &c->author_email, value);
	} else if (IS("mood", "scale")) {
		if (parse_whole(value, 100, &n) < 0 || n < 2)
			return bad_value(r, section, name, value,
					 "a whole number from 2 to 100");
		c->mood_scale = (int)n;
	} else if (IS("care", "low")) {
		if (parse_whole(value, 100, &n) < 0)
			return bad_value(r, section, name, value,
					 "a whole number from 0 to 100");
		c->care_low = (int)n;
	} else if (IS("care", "quiet")) {
		if ((b = read_bool(value)) < 0)
			return bad_value(r, section, name, value,
					 "true or false");
		c->care_quiet = b;
	} else if (IS("care", "message")) {
		set_str(&c->care_message, value);
	} else if (IS("care", "no_plan")) {
		set_str(&c->care_no_plan, value);
	} else if (IS("care", "ground")) {
		set_str(&c->care_ground, value);
	} else if (IS("render", "output")) {
		set_str(&c->render_output, value);
	} else if (IS("render", "include_private") || IS("sync", "auto")) {
		b = read_bool(value);
		if (b < 0)
			return bad_value(r, section, name, value,
					 "true or false");
		*(IS("sync", "auto") ? &c->sync_auto
				     : &c->include_private) = b;
	} else if (IS("sync", "remote")) {
		set_str(&c->sync_remote, value);
	} else if (IS("sync", "branch")) {
		set_str(&c->sync_branch, value);
	} else if (IS("sync", "ssh_key")) {
		set_str(&c->sync_ssh_key, value);
	} else if (IS("inbox", "path")) {
		if (!inbox_path_ok(value))
			return bad_value(r, section, name, value,
					 "a folder of the journal, like inbox or "
					 "phone/new: no '..', not hidden, not "
					 "entries, goals or another of tend's");
		set_str(&c->inbox_path, value);
	} else if (IS("attachments", "max_mib")) {
		if (parse_whole(value, 4096, &n) < 0 || n < 1)
			return bad_value(r, section, name, value,
					 "a whole number of MiB from 1 to 4096");
		c->attach_max = n * 1024 * 1024;
	} else if (IS("share", "redact")) {
		if (!redact_ok(value))
			return bad_value(r, section, name, value,
					 "names like 'Alex=my partner, Sam'");
		add_redact(&c->redact, value);
	} else if (!r->quiet) {
		warning("%s:%d: unknown key '%s' in [%s]", r->path,
			r->lineno, name, section);
	}
#undef IS
	return 1;
}

/* Parse what r holds; returns 0, FAIL_USAGE or FAIL after reporting. */
static int parse(struct reader *r)
{
	int rc = ini_parse_stream(next_line, r, handle, r);

	if (r->rc)
		return r->rc;
	if (rc < 0)
		return error("cannot read '%s'", r->path);
	if (rc) {
		fflush(stdout);
		fprintf(stderr, "%s:%d:1: cannot read this line (expected "
			"[section] or key = value)\n", r->path, rc);
		return FAIL_USAGE;
	}
	return 0;
}

/* Refuse lines that inih would split; returns 0 or FAIL_USAGE. */
static int check_lines(const char *path, const char *s, size_t len)
{
	int lineno = 0;

	for (const char *p = s; p < s + len;) {
		const char *nl = memchr(p, '\n', (size_t)(s + len - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(s + len - p);

		lineno++;
		if (n > CONFIG_MAX_LINE) {
			fflush(stdout);
			fprintf(stderr, "%s:%d:%d: line is longer than %d "
				"characters\n", path, lineno,
				CONFIG_MAX_LINE + 1, CONFIG_MAX_LINE);
			return FAIL_USAGE;
		}
		p += n + 1;
	}
	return 0;
}

/* Read text[0..len) of name; with quiet set, no warnings. */
static int read_text(struct config *cfg, const char *name, const char *text,
		     size_t len, enum config_source source, int quiet)
{
	struct reader r = { 0 };
	int rc = check_lines(name, text, len);

	if (rc < 0)
		return rc;
	r.cfg = cfg;
	r.path = name;
	r.source = source;
	r.quiet = quiet;
	r.p = text;
	r.end = text + len;
	return parse(&r);
}

int config_read_text(struct config *cfg, const char *name, const char *text,
		     size_t len, enum config_source source)
{
	return read_text(cfg, name, text, len, source, 1);
}

int config_parse(struct config *cfg, const char *name, const char *text,
		 size_t len, enum config_source source)
{
	return read_text(cfg, name, text, len, source, 0);
}

int config_read(struct config *cfg, const char *path,
		enum config_source source)
{
	struct buf text = BUF_INIT;
	int rc;

	rc = fs_read(path, 1024 * 1024, &text,
		     FS_MISSING_OK | (source == CONFIG_USER ? FS_FOLLOW : 0));
	if (rc == 0)
		rc = read_text(cfg, path, text.s, text.len, source, 0);
	else
		rc = rc > 0 ? 0 : FAIL;
	buf_release(&text);
	return rc;
}

int config_care_low(const struct config *cfg)
{
	int low = cfg->care_low;

	if (low < 0)
		return cfg->mood_scale / 5 > 1 ? cfg->mood_scale / 5 : 1;
	if (low >= cfg->mood_scale) {
		warning("[care] low = %d is not below [mood] scale = %d; "
			"taking %d", low, cfg->mood_scale,
			cfg->mood_scale - 1);
		return cfg->mood_scale - 1;
	}
	return low;
}
