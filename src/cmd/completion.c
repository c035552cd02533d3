/*
 * tend completion: the scripts that teach bash, zsh and fish to complete
 * tend's commands, options, option values and entry IDs, written from
 * the command table so that they cannot drift from it (tend-completion
 * (1)); and the words of the journal those scripts ask for.
 */
#include "cmd.h"
#include "age.h"
#include "buf.h"
#include "config.h"
#include "error.h"
#include "index.h"
#include "journal.h"
#include "key.h"
#include "prompts.h"
#include "strvec.h"
#include "templates.h"
#include "util.h"
#include "vault.h"
#include "version.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_completion_help[] =
"usage: tend completion bash|zsh|fish\n"
"       tend completion values KIND\n"
"\n"
"Print the script that teaches a shell to complete tend: its commands,\n"
"their options, the values options take (formats, template names,\n"
"goals, tags, feelings, prompt topics) and entry IDs. make install and\n"
"the Debian package put the scripts where each shell finds them; to\n"
"load one in this shell only:\n"
"\n"
"  bash   source <(tend completion bash)\n"
"  zsh    source <(tend completion zsh)     (after compinit)\n"
"  fish   tend completion fish | source\n"
"\n"
"The scripts ask 'tend completion values KIND' for what your journal\n"
"holds (KIND: ids, tags, feelings, goals, topics, templates). It reads\n"
"the index as it is and builds none, never asks for a passphrase (an\n"
"encrypted journal's words come only while it is unlocked), and prints\n"
"nothing when it cannot tell.\n";

const char cmd_completion_shortopts[] = ":";
const struct option cmd_completion_options[] = { { NULL, 0, NULL, 0 } };

/*
 * What an option's value is, for completion: "@KIND" asks tend for the
 * journal's words of KIND (or the shell for "@files", "@dirs"); other
 * text is the values themselves, separated by spaces; "" takes a value
 * with nothing to offer (a date, a message). cmd NULL: any command.
 * Options not here and taking a value offer nothing.
 */
static const struct {
	const char *cmd, *option, *values;
} option_values[] = {
	{ NULL, "tag", "@tags" },
	{ NULL, "not-tag", "@tags" },
	{ NULL, "feeling", "@feelings" },
	{ NULL, "goal", "@goals" },
	{ NULL, "topic", "@topics" },
	{ NULL, "template", "@templates" },
	{ NULL, "output", "@files" },
	{ NULL, "o", "@files" },	/* a short option of no long name */
	{ "edit", "prompts", "@topics" },
	{ "export", "format", "md json html" },
	{ "export", "split", "@dirs" },
	{ "ground", "exercise", "senses box 4-7-8" },
	{ "import", "from", "tend-json jrnl-json dayone-json markdown" },
	{ "list", "format", "text json ids paths" },
	{ "mood", "by", "day week month weekday tag feeling goal" },
	{ "new", "prompt", "@topics" },
	{ "prep", "format", "md html" },
	{ "render", "output", "@dirs" },
	{ "review", "rate", "@goals" },
	{ "search", "format", "text json ids paths" },
	{ "templates", "show", "@templates" },
};

/*
 * What a command's arguments are: its first (a subcommand, say), and
 * those after it, when the first is one of after (NULL: whatever it
 * is). Commands not here offer nothing.
 */
static const struct {
	const char *cmd, *first, *rest, *after;
} arguments[] = {
	{ "attach", "@ids", "@files", NULL },
	{ "clone", "", "@dirs", NULL },
	{ "completion", "bash zsh fish values",
	  "ids tags feelings goals topics templates", "values" },
	{ "edit", "@ids", NULL, NULL },
	{ "goal", "add list show done pause resume drop edit", "@goals",
	  "show done pause resume drop edit" },
	{ "import", "@files", NULL, NULL },
	{ "init", "@dirs", NULL, NULL },
	{ "log", "@ids", NULL, NULL },
	{ "plan", "show", NULL, NULL },
	{ "prompt", "@topics", NULL, NULL },
	{ "purge", "@ids", "@ids", NULL },
	{ "remote", "add list remove", NULL, NULL },
	{ "restore", "@ids", NULL, NULL },
	{ "rm", "@ids", NULL, NULL },
	{ "show", "@ids", NULL, NULL },
};

/* What the value of cmd's option o is (option_values), or NULL. */
static const char *value_of(const char *cmd, const char *o)
{
	const char *any = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(option_values); i++) {
		if (strcmp(option_values[i].option, o))
			continue;
		if (!option_values[i].cmd)
			any = option_values[i].values;
		else if (!strcmp(option_values[i].cmd, cmd))
			return option_values[i].values;
	}
	return any;
}

/* The short option that stands for the long option o of cmd, or 0. */
static int short_of(const struct command *cmd, const struct option *o)
{
	if (o->flag || o->val <= 0 || o->val > 127 ||
	    !strchr(cmd->shortopts + (*cmd->shortopts == ':'), o->val))
		return 0;
	return o->val;
}

/*
 * The options of cmd as the scripts want them: into all, every option
 * ("--format -n ..."); into valued, those that take a value, each with
 * what it is ("--format=text json|-n=|").
 */
static void options_of(const struct command *cmd, struct buf *all,
		       struct buf *valued)
{
	const char *s;

	for (const struct option *o = cmd->options; o->name; o++) {
		int c = short_of(cmd, o);
		const char *v = value_of(cmd->name, o->name);

		buf_addf(all, "%s--%s", all->len ? " " : "", o->name);
		if (c)
			buf_addf(all, " -%c", c);
		if (o->has_arg == no_argument)
			continue;
		/* an optional value comes only after '=' */
		buf_addf(valued, "--%s%s=%s|", o->name,
			 o->has_arg == optional_argument ? "?" : "",
			 v ? v : "");
		if (c)
			buf_addf(valued, "-%c=%s|", c, v ? v : "");
	}
	/* short options of no long name */
	for (s = cmd->shortopts + (*cmd->shortopts == ':'); *s; s++) {
		int named = 0;

		if (*s == ':')
			continue;
		for (const struct option *o = cmd->options; o->name; o++)
			named |= short_of(cmd, o) == *s;
		if (named)
			continue;
		buf_addf(all, " -%c", *s);
		if (s[1] == ':') {
			char name[2] = { *s, 0 };
			const char *v = value_of(cmd->name, name);

			buf_addf(valued, "-%c=%s|", *s, v ? v : "");
		}
	}
}

/* The arguments entry of cmd, or -1. */
static int arguments_of(const char *cmd)
{
	for (size_t i = 0; i < ARRAY_SIZE(arguments); i++)
		if (!strcmp(arguments[i].cmd, cmd))
			return (int)i;
	return -1;
}

/* Print s for a single-quoted shell word. */
static void put_quoted(const char *s)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
}

/*
 * The data every script reads, as shell functions (bash and zsh read
 * them alike): __tend_commands (name<TAB>summary lines), __tend_opts
 * CMD (its options), __tend_valued CMD (its options that take a value:
 * "OPT=VALUES|..."), __tend_args CMD N FIRST (what its Nth argument
 * is, FIRST being its first).
 */
static void put_sh_data(void)
{
	struct buf all = BUF_INIT, valued = BUF_INIT;

	fputs("__tend_commands() {\n\tprintf '%s\\t%s\\n'", stdout);
	for (size_t i = 0; i < tend_ncommands; i++) {
		fputs(" \\\n\t\t'", stdout);
		put_quoted(tend_commands[i].name);
		fputs("' '", stdout);
		put_quoted(tend_commands[i].summary);
		putchar('\'');
	}
	fputs(" \\\n\t\t'help' 'a command'\\''s manual page'\n}\n\n",
	      stdout);
	fputs("__tend_opts() {\n\tcase $1 in\n", stdout);
	for (size_t i = 0; i < tend_ncommands; i++) {
		buf_reset(&all);
		buf_reset(&valued);
		options_of(&tend_commands[i], &all, &valued);
		printf("\t%s) __tend_o='%s' __tend_v='|", tend_commands[i].name,
		       all.s);
		put_quoted(valued.s);
		fputs("' ;;\n", stdout);
	}
	fputs("\t*) __tend_o= __tend_v= ;;\n\tesac\n}\n\n", stdout);
	fputs("__tend_args() {\n\tcase $1 in\n", stdout);
	for (size_t i = 0; i < ARRAY_SIZE(arguments); i++) {
		printf("\t%s) if [ \"$2\" = 1 ]; then __tend_a='%s'",
		       arguments[i].cmd, arguments[i].first);
		if (!arguments[i].rest) {
			fputs("; else __tend_a=-; fi ;;\n", stdout);
			continue;
		}
		if (arguments[i].after) {
			printf("\n\t\telse case \" %s \" in *\" $3 \"*) "
			       "__tend_a='%s' ;; *) __tend_a=- ;; esac; "
			       "fi ;;\n",
			       arguments[i].after, arguments[i].rest);
			continue;
		}
		printf("; else __tend_a='%s'; fi ;;\n", arguments[i].rest);
	}
	fputs("\thelp) if [ \"$2\" = 1 ]; then __tend_a='@commands'; "
	      "else __tend_a=-; fi ;;\n", stdout);
	fputs("\t*) __tend_a=- ;;\n\tesac\n}\n\n", stdout);
	buf_release(&all);
	buf_release(&valued);
}

/*
 * The part the bash and zsh scripts share after the data: __tend_parse
 * reads the words before the cursor (in the array __tend_w, the cursor's
 * word last) into __tend_cmd, __tend_j (the journal named), and what
 * to offer: __tend_what ("@KIND", "+" and options, words, "-" nothing)
 * with __tend_pre, a prefix the offers must keep (an option's
 * "--name="). A journal named as ~/... is the one under $HOME.
 */
static const char sh_parse[] =
"__tend_values() {\n"
"\tif [ -n \"$__tend_j\" ]; then\n"
"\t\tcommand tend --journal \"$__tend_j\" completion values \"$1\" "
"2>/dev/null\n"
"\telse\n"
"\t\tcommand tend completion values \"$1\" 2>/dev/null\n"
"\tfi\n"
"}\n"
"\n"
"# what the option $1 of $__tend_v takes: sets __tend_what, or fails\n"
"__tend_value_of() {\n"
"\tcase $__tend_v in\n"
"\t*\"|$1=\"*) __tend_what=${__tend_v#*\"|$1=\"} ;;\n"
"\t*) return 1 ;;\n"
"\tesac\n"
"\t__tend_what=${__tend_what%%|*}\n"
"\t[ -n \"$__tend_what\" ] || __tend_what=-\n"
"}\n"
"\n"
"__tend_parse() {\n"
"\tlocal i=1 n=${#__tend_w[@]} w first= narg=0\n"
"\t__tend_cmd= __tend_j= __tend_pre= __tend_what=-\n"
"\tlocal cur=${__tend_w[n - 1]}\n"
"\twhile [ \"$i\" -lt $((n - 1)) ]; do\n"
"\t\tw=${__tend_w[i]}\n"
"\t\tif [ -z \"$__tend_cmd\" ]; then\n"
"\t\t\tcase $w in\n"
"\t\t\t-J|--journal)\n"
"\t\t\t\tif [ $((i + 1)) = $((n - 1)) ]; then\n"
"\t\t\t\t\t__tend_what=@dirs; return\n"
"\t\t\t\tfi\n"
"\t\t\t\ti=$((i + 1))\n"
"\t\t\t\t__tend_j=${__tend_w[i]} ;;\n"
"\t\t\t--journal=*) __tend_j=${w#--journal=} ;;\n"
"\t\t\t-J?*) __tend_j=${w#-J} ;;\n"
"\t\t\t-*) ;;\n"
"\t\t\t*) __tend_cmd=$w; __tend_opts \"$w\" ;;\n"
"\t\t\tesac\n"
"\t\telif [ \"$w\" = -- ]; then\n"
"\t\t\tnarg=$((narg + 1000))\n"
"\t\telif [ \"$narg\" -lt 1000 ] && [ \"${w#-}\" != \"$w\" ]; then\n"
"\t\t\t# an option: its value is the next word, unless joined\n"
"\t\t\tcase $w in\n"
"\t\t\t*=*) ;;\n"
"\t\t\t*) if __tend_value_of \"$w\" && [ \"${w#--}\" != \"$w\" -o "
"${#w} = 2 ]; then\n"
"\t\t\t\t# the cursor is on its value: offer that\n"
"\t\t\t\t[ $((i + 1)) = $((n - 1)) ] && return\n"
"\t\t\t\ti=$((i + 1))\n"
"\t\t\tfi ;;\n"
"\t\t\tesac\n"
"\t\telse\n"
"\t\t\tnarg=$((narg + 1))\n"
"\t\t\t[ \"$narg\" = 1 ] && first=$w\n"
"\t\tfi\n"
"\t\ti=$((i + 1))\n"
"\tdone\n"
"\tcase $__tend_j in\n"
"\t\\~) __tend_j=$HOME ;;\n"
"\t\\~/*) __tend_j=$HOME/${__tend_j#\\~/} ;;\n"
"\tesac\n"
"\tif [ -z \"$__tend_cmd\" ]; then\n"
"\t\tcase $cur in\n"
"\t\t--journal=*) __tend_pre=--journal=; __tend_what=@dirs ;;\n"
"\t\t-*) __tend_what='+--journal -J --help -h --version' ;;\n"
"\t\t*) __tend_what=@commands ;;\n"
"\t\tesac\n"
"\t\treturn\n"
"\tfi\n"
"\tif [ \"$narg\" -lt 1000 ]; then\n"
"\t\tcase $cur in\n"
"\t\t--*=*)\n"
"\t\t\t__tend_pre=${cur%%=*}=\n"
"\t\t\t__tend_value_of \"${cur%%=*}\" ||\n"
"\t\t\t\t__tend_value_of \"${cur%%=*}?\" || __tend_what=-\n"
"\t\t\treturn ;;\n"
"\t\t-*) __tend_what=\"+$__tend_o\"; return ;;\n"
"\t\tesac\n"
"\tfi\n"
"\t__tend_args \"$__tend_cmd\" $((narg % 1000 + 1)) \"$first\"\n"
"\t__tend_what=$__tend_a\n"
"}\n";

/* The bash script: the data, the parser, and _tend for complete -F. */
static void put_bash(void)
{
	printf("# bash completion for tend %s, written by 'tend completion "
	       "bash'\n# from its command table: write it anew rather than "
	       "edit it.\n\n", TEND_VERSION);
	put_sh_data();
	fputs(sh_parse, stdout);
	fputs("\n"
"_tend() {\n"
"\tlocal __tend_w=() __tend_cmd __tend_j __tend_pre __tend_what\n"
"\tlocal __tend_o __tend_v __tend_a i cur words\n"
"\t# bash splits --opt=value at '=': join it again\n"
"\tfor ((i = 0; i <= COMP_CWORD; i++)); do\n"
"\t\tif [[ ${COMP_WORDS[i]} == = && ${#__tend_w[@]} -gt 1 &&\n"
"\t\t      ${__tend_w[-1]} == --* && ${__tend_w[-1]} != *=* ]]; then\n"
"\t\t\t__tend_w[-1]+==\n"
"\t\telif ((i > 0)) && [[ ${COMP_WORDS[i - 1]} == = &&\n"
"\t\t      ${__tend_w[-1]} == --*= ]]; then\n"
"\t\t\t__tend_w[-1]+=${COMP_WORDS[i]}\n"
"\t\telse\n"
"\t\t\t__tend_w+=(\"${COMP_WORDS[i]}\")\n"
"\t\tfi\n"
"\tdone\n"
"\t__tend_parse\n"
"\tcur=${__tend_w[-1]#\"$__tend_pre\"}\n"
"\tcase $__tend_what in\n"
"\t@files) compopt -o filenames 2>/dev/null\n"
"\t\tmapfile -t COMPREPLY < <(compgen -f -- \"$cur\"); return ;;\n"
"\t@dirs) compopt -o filenames 2>/dev/null\n"
"\t\tmapfile -t COMPREPLY < <(compgen -d -- \"$cur\"); return ;;\n"
"\t@commands) words=$(__tend_commands | cut -f1) ;;\n"
"\t@*) words=$(__tend_values \"${__tend_what#@}\") ;;\n"
"\t-) COMPREPLY=(); return ;;\n"
"\t+*) words=$(printf '%s\\n' ${__tend_what#+}) ;;\n"
"\t*) words=$(printf '%s\\n' $__tend_what) ;;\n"
"\tesac\n"
"\t# not compgen -W, which would expand $(...) in a tag: each word as\n"
"\t# it is, quoted for the line\n"
"\tlocal -a all\n"
"\tlocal w q\n"
"\tmapfile -t all <<<\"$words\"\n"
"\tCOMPREPLY=()\n"
"\tfor w in \"${all[@]}\"; do\n"
"\t\t[[ -n $w && $w == \"$cur\"* ]] || continue\n"
"\t\tprintf -v q '%q' \"$w\"\n"
"\t\tCOMPREPLY+=(\"$q\")\n"
"\tdone\n"

"}\n"
"\n"
"complete -F _tend tend\n", stdout);
}

/*
 * The zsh script: the data, the parser, and _tend, which compinit finds
 * as the file _tend in fpath, or which registers itself when sourced.
 */
static void put_zsh(void)
{
	printf("#compdef tend\n# zsh completion for tend %s, written by "
	       "'tend completion zsh'\n# from its command table: write it "
	       "anew rather than edit it.\n\n", TEND_VERSION);
	put_sh_data();
	fputs(sh_parse, stdout);
	fputs("\n"
"_tend() {\n"
"\temulate -L zsh\n"
"\tsetopt ksh_arrays no_nomatch\n"
"\tlocal -a __tend_w lines names descs\n"
"\tlocal __tend_cmd __tend_j __tend_pre __tend_what\n"
"\tlocal __tend_o __tend_v __tend_a line\n"
"\t# ksh_arrays: words[0] is tend, the cursor's word last\n"
"\t__tend_w=(\"${(@)words[0,CURRENT-1]}\")\n"
"\t__tend_parse\n"
"\t# compadd -a reads only the first element under ksh_arrays\n"
"\tunsetopt ksh_arrays\n"
"\tcase $__tend_what in\n"
"\t@files) _files ;;\n"
"\t@dirs) _files -/ ;;\n"
"\t@commands)\n"
"\t\tlines=(\"${(@f)$(__tend_commands)}\")\n"
"\t\tfor line in \"${lines[@]}\"; do\n"
"\t\t\tnames+=(\"${line%%$'\\t'*}\")\n"
"\t\t\tdescs+=(\"${line%%$'\\t'*} -- ${line#*$'\\t'}\")\n"
"\t\tdone\n"
"\t\tcompadd -l -d descs -a names ;;\n"
"\t@*) names=(${(f)\"$(__tend_values \"${__tend_what#@}\")\"})\n"
"\t\tcompadd -P \"$__tend_pre\" -a names ;;\n"
"\t-) return 1 ;;\n"
"\t+*) names=(${=__tend_what#+}); compadd -a names ;;\n"
"\t*) names=(${=__tend_what}); compadd -P \"$__tend_pre\" -a names ;;\n"
"\tesac\n"
"}\n"
"\n"
"if [ \"${funcstack[1]}\" = _tend ]; then\n"
"\t_tend \"$@\"\n"
"else\n"
"\tcompdef _tend tend\n"
"fi\n", stdout);
}

/*
 * End fish's line for the option called name of cmd: what its value is,
 * when it takes one.
 */
static void put_fish_value(int takes, const char *name, const char *cmd)
{
	const char *v = takes ? value_of(cmd, name) : NULL;

	if (!takes)
		putchar('\n');
	else if (!v || !*v)
		fputs(" -x\n", stdout);
	else if (!strcmp(v, "@files"))
		fputs(" -r -F\n", stdout);
	else if (!strcmp(v, "@dirs"))
		fputs(" -x -a '(__fish_complete_directories)'\n", stdout);
	else if (*v == '@')
		printf(" -x -a '(__tend_values %s)'\n", v + 1);
	else
		printf(" -x -a '%s'\n", v);
}

/*
 * fish: a condition and a list for each command, option and argument,
 * fish's own way; the journal named with -J/--journal is passed on.
 */
static void put_fish(void)
{
	printf("# fish completion for tend %s, written by 'tend completion "
	       "fish'\n# from its command table: write it anew rather than "
	       "edit it.\n\n", TEND_VERSION);
	fputs(
"# read the line before the cursor: the journal it names (__tend_j,\n"
"# ~ for $HOME), its command (__tend_cmd) and the command's arguments\n"
"# that are not options (__tend_argv)\n"
"function __tend_scan\n"
"\tset -g __tend_j\n"
"\tset -g __tend_cmd\n"
"\tset -g __tend_argv\n"
"\tset -l words (commandline -opc)\n"
"\tset -l i 2\n"
"\twhile test $i -le (count $words)\n"
"\t\tset -l w $words[$i]\n"
"\t\tif test -z \"$__tend_cmd\"\n"
"\t\t\tswitch $w\n"
"\t\t\t\tcase -J --journal\n"
"\t\t\t\t\tset i (math $i + 1)\n"
"\t\t\t\t\tset -g __tend_j $words[$i]\n"
"\t\t\t\tcase '--journal=*'\n"
"\t\t\t\t\tset -g __tend_j (string sub -s 11 -- $w)\n"
"\t\t\t\tcase '-J?*'\n"
"\t\t\t\t\tset -g __tend_j (string sub -s 3 -- $w)\n"
"\t\t\t\tcase '-*'\n"
"\t\t\t\tcase '*'\n"
"\t\t\t\t\tset -g __tend_cmd $w\n"
"\t\t\tend\n"
"\t\telse if not string match -qr -- '^-' $w\n"
"\t\t\tset -g -a __tend_argv $w\n"
"\t\tend\n"
"\t\tset i (math $i + 1)\n"
"\tend\n"
"\tset -g __tend_j (string replace -r '^~(?=/|$)' $HOME -- $__tend_j)\n"
"end\n"
"\n"
"# the words tend holds of KIND, from the journal the line names\n"
"function __tend_values\n"
"\t__tend_scan\n"
"\tif test -n \"$__tend_j\"\n"
"\t\tcommand tend --journal $__tend_j completion values $argv[1] "
"2>/dev/null\n"
"\telse\n"
"\t\tcommand tend completion values $argv[1] 2>/dev/null\n"
"\tend\n"
"end\n"
"\n"
"# is there no command on the line yet?\n"
"function __tend_no_command\n"
"\t__tend_scan\n"
"\ttest -z \"$__tend_cmd\"\n"
"end\n"
"\n"
"# is the command $argv[1]?\n"
"function __tend_is\n"
"\t__tend_scan\n"
"\ttest \"$__tend_cmd\" = $argv[1]\n"
"end\n"
"\n"
"# is the command $argv[1], with $argv[2] arguments so far (one or\n"
"# more with '+'), the first of them one of $argv[3..]?\n"
"function __tend_at\n"
"\t__tend_is $argv[1]; or return 1\n"
"\tif test \"$argv[2]\" = +\n"
"\t\ttest (count $__tend_argv) -ge 1; or return 1\n"
"\telse\n"
"\t\ttest (count $__tend_argv) = $argv[2]; or return 1\n"
"\tend\n"
"\ttest (count $argv) -le 2; and return 0\n"
"\tcontains -- \"$__tend_argv[1]\" $argv[3..-1]\n"
"end\n"
"\n"
"complete -c tend -f\n"
"complete -c tend -n __tend_no_command -s J -l journal -r -a "
"'(__fish_complete_directories)' -d 'use the journal in DIR'\n"
"complete -c tend -n __tend_no_command -l version "
"-d 'show the version'\n"
"complete -c tend -n __tend_no_command -a help "
"-d 'a command'\\''s manual page'\n", stdout);
	for (size_t i = 0; i < tend_ncommands; i++) {
		const struct command *cmd = &tend_commands[i];

		printf("complete -c tend -n __tend_no_command -a %s -d '",
		       cmd->name);
		put_quoted(cmd->summary);
		fputs("'\n", stdout);
	}
	fputs("complete -c tend -n '__tend_at help 0' -a '", stdout);
	for (size_t i = 0; i < tend_ncommands; i++)
		printf("%s%s", i ? " " : "", tend_commands[i].name);
	fputs("'\n", stdout);
	for (size_t i = 0; i < tend_ncommands; i++) {
		const struct command *cmd = &tend_commands[i];
		int a = arguments_of(cmd->name);

		for (const struct option *o = cmd->options; o->name; o++) {
			int c = short_of(cmd, o);

			printf("complete -c tend -n '__tend_is "
			       "%s' -l %s", cmd->name, o->name);
			if (c)
				printf(" -s %c", c);
			/* an optional value comes only after '=', which
			   fish cannot tell from a word of its own */
			put_fish_value(o->has_arg == required_argument,
				       o->name, cmd->name);
		}
		for (const char *s = cmd->shortopts; *s; s++) {
			int named = 0;

			if (*s == ':')
				continue;
			for (const struct option *o = cmd->options; o->name;
			     o++)
				named |= short_of(cmd, o) == *s;
			if (named)
				continue;
			printf("complete -c tend -n '__fish_seen_subcommand_"
			       "from %s' -s %c", cmd->name, *s);
			put_fish_value(s[1] == ':', (char[2]){ *s, 0 },
				       cmd->name);
		}
		if (a < 0)
			continue;
		for (int pass = 0; pass < 2; pass++) {
			const char *what = pass ? arguments[a].rest
						: arguments[a].first;
			const char *after = pass ? arguments[a].after : NULL;

			if (!what || !*what)
				continue;
			/* the first argument, or those after it */
			printf("complete -c tend -n '__tend_at %s %s%s%s' ",
			       cmd->name, !pass ? "0" : after ? "1" : "+",
			       after ? " " : "", after ? after : "");
			if (!strcmp(what, "@files"))
				fputs("-F\n", stdout);
			else if (!strcmp(what, "@dirs"))
				fputs("-a '(__fish_complete_directories)'\n",
				      stdout);
			else if (*what == '@')
				printf("-a '(__tend_values %s)'\n", what + 1);
			else
				printf("-a '%s'\n", what);
		}
	}
}

/*
 * Print the words of kind the journal holds, one a line: quickly and
 * quietly, building nothing and asking for nothing. Returns the exit
 * code: 0 (nothing printed is an answer too), 2 for a kind there is
 * not.
 */
static int put_values(const char *kind, struct ctx *ctx)
{
	static const char *const kinds[] = { "ids", "tags", "feelings",
					     "goals", "topics", "templates" };
	struct strvec words = STRVEC_INIT;
	struct age_identity *key;
	char *user_config;
	size_t k;
	int rc;

	for (k = 0; k < ARRAY_SIZE(kinds) && strcmp(kind, kinds[k]); k++)
		;
	if (k == ARRAY_SIZE(kinds))
		return usage_error("completion", "'%s' is not a kind of "
				   "value: ids, tags, feelings, goals, topics "
				   "or templates", kind);
	/* settings that cannot be read, or no journal: no words */
	user_config = config_user_path();
	rc = config_read(&ctx->cfg, user_config, CONFIG_USER);
	free(user_config);
	if (rc < 0 || journal_find(ctx) < 0)
		return 0;
	if (vault_detect(ctx)) {
		key = xmalloc(sizeof(*key));
		if (key_kept(ctx->root, key)) {
			age_identity_wipe(key);
			free(key);
			return 0;
		}
		ctx->key = key;
	}
	if (k < 4) {
		index_words(ctx, (enum index_word)k, &words);
	} else if (k == 4) {
		struct library lib = { 0 };

		if (library_load(ctx, &lib) == 0)
			for (size_t i = 0; i < lib.nr; i++)
				strvec_push(&words, lib.v[i].id);
		library_release(&lib);
	} else {
		template_entry_names(ctx, &words);
	}
	for (size_t i = 0; i < words.nr; i++)
		if (is_one_line(words.v[i]))
			puts(words.v[i]);
	strvec_clear(&words);
	return 0;
}

/* tend completion bash|zsh|fish, or values KIND. */
int cmd_completion(int argc, char **argv, struct ctx *ctx)
{
	int c;

	while ((c = getopt_long(argc, argv, cmd_completion_shortopts,
				cmd_completion_options, NULL)) != -1)
		return usage_option("completion", c, argv);
	if (optind == argc)
		return usage_error("completion", "say which shell: bash, zsh "
				   "or fish");
	if (!strcmp(argv[optind], "values")) {
		if (argc - optind != 2)
			return usage_error("completion", "values takes one "
					   "KIND");
		return put_values(argv[optind + 1], ctx);
	}
	if (argc - optind > 1)
		return usage_error("completion", "completion takes one shell");
	if (!strcmp(argv[optind], "bash"))
		put_bash();
	else if (!strcmp(argv[optind], "zsh"))
		put_zsh();
	else if (!strcmp(argv[optind], "fish"))
		put_fish();
	else
		return usage_error("completion", "'%s' is not a shell tend "
				   "completes: bash, zsh or fish",
				   argv[optind]);
	return 0;
}
