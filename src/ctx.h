/*
 * What every command gets from the dispatcher: the journal, its settings
 * and its git repository. There are no other globals.
 */
#ifndef TEND_CTX_H
#define TEND_CTX_H

#include <time.h>

#include "config.h"

/* libgit2's, named only: the modules that use git include <git2.h> */
typedef struct git_repository git_repository;

struct age_identity;

struct ctx {
	const char *journal_opt;	/* --journal DIR, or NULL */
	char *root;		/* absolute path of the journal, or NULL */
	struct config cfg;	/* user config, then the journal's */
	git_repository *repo;	/* the journal's repository, or NULL */
	int git_started;	/* libgit2 is set up (store_open() does it) */
	struct index *index;	/* the journal's index, or NULL */
	int lock_fd;		/* the held .tend/lock, or -1 */
	size_t lock_kept;	/* bytes of a dead holder's notes in it,
				   after the pid line (locknote.h) */
	time_t now;		/* when the command started */
	int out_tty;		/* stdout is a terminal */
	int err_tty;		/* stderr is a terminal */
	int in_tty;		/* stdin is a terminal */
	int encrypted;		/* the journal has a key (vault.h) */
	struct age_identity *key;	/* its key once unlocked, or NULL */
	char *opened_at;	/* HEAD when a command without NEED_JOURNAL
				   opened the journal (cmd_open_journal()),
				   for [sync] auto; else NULL */
};

#endif
