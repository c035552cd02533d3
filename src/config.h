/*
 * Settings (tend-config(5)): the user's config.ini, then the journal's
 * tend.ini, then the journal's .tend/config.ini (this machine's, never
 * committed); later values win. Read with inih; every value is checked as it
 * is read.
 *
 * tend.ini comes with every sync, so whoever can push to a remote can
 * change it. The settings that run a command, choose where files are
 * written or read, or decide what leaves this machine and where it goes
 * ([editor] command, [render] output and include_private, [sync] remote,
 * auto and ssh_key) are therefore read only from this machine's own
 * files, never from tend.ini. [share] redact is read from all three, and
 * the names add up: a sync can hide more, never less.
 */
#ifndef TEND_CONFIG_H
#define TEND_CONFIG_H

#include <stddef.h>

/* Lines longer than this are an error, never split (inih's buffer). */
#define CONFIG_MAX_LINE 198

struct config {
	char *journal_path;	/* [journal] path (user config only) */
	char *title;		/* [journal] title */
	char *timezone;		/* [journal] timezone */
	char *editor;		/* [editor] command */
	char *author_name;	/* [author] name */
	char *author_email;	/* [author] email */
	int mood_scale;		/* [mood] scale, default 10 */
	char *render_output;	/* [render] output, default "site" */
	int include_private;	/* [render] include_private */
	char *sync_remote;	/* [sync] remote */
	char *sync_branch;	/* [sync] branch */
	int sync_auto;		/* [sync] auto */
	char *sync_ssh_key;	/* [sync] ssh_key: a private key file */
	char *redact;		/* [share] redact */
	int care_low;		/* [care] low, or -1: config_care_low() */
	int care_quiet;		/* [care] quiet: no kind reply */
	char *care_message;	/* [care] message, or NULL: tend's line */
	char *care_no_plan;	/* [care] no_plan, or NULL: tend's line */
	char *care_ground;	/* [care] ground, or NULL: tend's line */
	char *inbox_path;	/* [inbox] path, or NULL: INBOX_DEFAULT */
	long attach_max;	/* [attachments] max_mib, in bytes */
};

/* The folder other apps drop new entries in, unless [inbox] path. */
#define INBOX_DEFAULT "inbox"

/* The largest file tend attach takes, unless [attachments] max_mib. */
#define ATTACH_MAX_DEFAULT (25L * 1024 * 1024)

/* Where a settings file comes from. */
enum config_source {
	CONFIG_USER,		/* ~/.config/tend/config.ini */
	CONFIG_JOURNAL,		/* JOURNAL/tend.ini, committed and synced */
	CONFIG_LOCAL		/* JOURNAL/.tend/config.ini, this machine's */
};

void config_init(struct config *cfg);
void config_release(struct config *cfg);

/*
 * Read the INI file at path, of source, into cfg; its values replace
 * earlier ones (redact names are added). A missing file is fine.
 * Unknown keys, and keys tend.ini may not set, are warnings. Returns 0,
 * or FAIL_USAGE after reporting "FILE:LINE:COL: message" for a bad value
 * or a line over CONFIG_MAX_LINE bytes, or FAIL when it cannot be read.
 */
int config_read(struct config *cfg, const char *path,
		enum config_source source);

/*
 * As config_read(), from text[0..len) that name (for messages) held,
 * with no warnings: to learn what a version of a file set.
 */
int config_read_text(struct config *cfg, const char *name, const char *text,
		     size_t len, enum config_source source);

/*
 * As config_read(), from text[0..len) that name (for messages) held,
 * with its warnings: a file read another way (decrypted).
 */
int config_parse(struct config *cfg, const char *name, const char *text,
		 size_t len, enum config_source source);

/*
 * [care] low as it applies: a mood this low or lower makes a very low
 * day; 0 never. Unset, a fifth of the mood scale (2 of 10), at least 1;
 * set to the scale or above, one below it, with a warning.
 */
int config_care_low(const struct config *cfg);

/* The user config path: $XDG_CONFIG_HOME/tend/config.ini or ~/.config/. */
char *config_user_path(void);

/* The path of the journal's own settings of this machine (.tend/). */
#define CONFIG_LOCAL_PATH ".tend/config.ini"

/*
 * Those an encrypted journal keeps sealed (the names a sync took out of
 * [share] redact), read after CONFIG_LOCAL_PATH once the key is open.
 */
#define CONFIG_LOCAL_SEALED ".tend/config.ini.age"

#endif
