/*
 * Settings (SPEC §5): the user's config.ini, then the journal's tend.ini,
 * whose values win. Read with inih; every value is checked as it is read.
 */
#ifndef TEND_CONFIG_H
#define TEND_CONFIG_H

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
};

void config_init(struct config *cfg);
void config_release(struct config *cfg);

/*
 * Read the INI file at path into cfg; its values replace earlier ones.
 * A missing file is fine. Unknown keys are warnings. Returns 0, or
 * FAIL_USAGE after reporting "FILE:LINE:COL: message" for a bad value or
 * a line over CONFIG_MAX_LINE bytes, or FAIL when it cannot be read.
 */
int config_read(struct config *cfg, const char *path, int is_journal);

/* The user config path: $XDG_CONFIG_HOME/tend/config.ini or ~/.config/. */
char *config_user_path(void);

#endif
