# Settings (tend-config(5)): the user's config.ini and the journal's tend.ini,
# checked line by line; which journal is used; who commits.
. tests/cli/lib.sh
journal "$T/j"
mkdir -p "$XDG_CONFIG_HOME/tend"
user="$XDG_CONFIG_HOME/tend/config.ini"

printf '[mood]\nscale = lots\n' >>tend.ini
t new "x" -m x
expect_rc 2 "a bad value in tend.ini is a config error"
expect_err "$T/j/tend.ini:6:9: bad value for 'scale' in [mood]: 'lots'" \
	"naming FILE:LINE:COL and the value"
git checkout -q tend.ini

mkdir -p .tend
printf '[render]\ninclude_private = perhaps\n' >.tend/config.ini
t list
expect_rc 2 "a bad boolean is a config error"
expect_err "$T/j/.tend/config.ini:2:19: bad value for 'include_private'" \
	"naming the place"
rm .tend/config.ini

printf '[journal]\ntimezone = Mars/Olympus\n' >>tend.ini
t list
expect_rc 2 "an unknown time zone is a config error"
expect_err "tend.ini:6:12: bad value for 'timezone'" "naming the place"
git checkout -q tend.ini

printf '[journal]\ncolour = blue\n' >>tend.ini
t list
expect_rc 0 "an unknown key is only a warning"
expect_err "warning: $T/j/tend.ini:6: unknown key 'colour' in [journal]" "naming the place"
git checkout -q tend.ini

printf '[journal]\ntitle = %s\n' "$(printf 'x%.0s' $(seq 1 250))" >>tend.ini
t list
expect_rc 2 "a line longer than the parser takes is an error, never split"
expect_err "tend.ini:6:199: line is longer than 198 characters" "naming the line"
git checkout -q tend.ini

printf 'this is not ini\n' >>tend.ini
t list
expect_rc 2 "a line that is not INI is a config error"
expect_err "tend.ini:5:1: cannot read this line" "naming the line"
git checkout -q tend.ini

mkdir "$T/dotfiles"
printf '[mood]\nscale = 5\n' >"$T/dotfiles/config.ini"
ln -s "$T/dotfiles/config.ini" "$user"
t new "x" -m x --mood 8
expect_rc 2 "a user config that is a link (dotfiles) is read"
rm "$user"
printf '[mood]\nscale = x\n' >"$user"
t list
expect_rc 2 "a bad value in the user config is a config error too"
expect_err "$user:2:9:" "naming that file"

# the journal's values win over the user's
printf '[mood]\nscale = 5\n' >"$user"
t new "x" -m x --mood 8
expect_rc 2 "the user config's scale applies"
printf '[mood]\nscale = 10\n' >>tend.ini
t new "x" -m x --mood 8
expect_rc 0 "the journal's scale wins over the user's"
git checkout -q tend.ini
rm "$user"

# time zone
printf '[journal]\ntimezone = America/St_Johns\n' >>tend.ini
t new "Newfoundland" -m x --date "2026-07-01 12:00"
expect "[journal] timezone sets the offset" \
	grep -qx 'date: 2026-07-01T12:00:00-02:30' "$(entry_file "$(cat "$OUT")")"
git checkout -q tend.ini

# who commits
t new "No identity" -m x
expect_eq "without any identity the author is neutral" "tend <tend@localhost>" \
	"$(git log -1 --format='%an <%ae>')"
printf '[user]\n\tname = Git Name\n\temail = git@example.org\n' >"$HOME/.gitconfig"
t new "Git identity" -m x
expect_eq "the user's git identity is used" "Git Name <git@example.org>" \
	"$(git log -1 --format='%an <%ae>|%cn <%ce>' | cut -d'|' -f1)"
printf '[author]\nname = Me Myself\nemail = me@example.org\n' >"$user"
t new "Config identity" -m x
expect_eq "[author] in the config comes first" "Me Myself <me@example.org>|Me Myself <me@example.org>" \
	"$(git log -1 --format='%an <%ae>|%cn <%ce>')"
printf '[author]\nname = Journal Me\n' >>tend.ini
t new "Journal identity" -m x
expect_eq "the journal's [author] wins, the rest comes from below" "Journal Me <me@example.org>" \
	"$(git log -1 --format='%an <%ae>')"
git checkout -q tend.ini
printf '[author]\nname = Bad <name>\n' >"$user"
t list
expect_rc 2 "an author with angle brackets is refused"
rm "$user" "$HOME/.gitconfig"

# config.example.ini documents every key tend reads, and all of it is valid
top=$(cd "$(dirname "$FIXTURES")/../.." && pwd)
cp "$top/config.example.ini" "$user"
t list
expect_rc 0 "config.example.ini is a valid config"
expect_no_err "warning" "with no unknown keys"
rm "$user"
grep -o 'IS("[a-z]*", "[a-z_]*")' "$top/src/config.c" | sed 's/IS("\([a-z]*\)", "\([a-z_]*\)")/\1 \2/' |
while read -r section key; do
	awk -v s="[$section]" -v k="$key" '
		/^\[/ { in_s = ($0 == s) }
		in_s && $1 == k && $2 == "=" { found = 1 }
		END { exit !found }' "$top/config.example.ini" || echo "$section.$key"
done >"$T/undocumented"
expect_eq "every key tend reads is in config.example.ini" "" "$(cat "$T/undocumented")"

# which journal
mkdir "$T/elsewhere"
journal "$T/other"
cd "$T/elsewhere"
t list --format paths
expect_rc 1 "outside any journal, without config, there is none"
expect_err "no journal found" "and the message says how to make one"
printf '[journal]\npath = %s\n' "$T/j" >"$user"
t new "via config" -m x
expect_rc 0 "[journal] path is used outside a journal"
expect "the entry is in that journal" test -n "$(find "$T/j/entries" -name '*via-config.md')"
printf '[journal]\npath = ~/relative\n' >"$user"
t list
expect_err "no journal at '$HOME/relative'" "~ in [journal] path is the home folder"
printf '[journal]\npath = %s\n' "$T/j" >"$user"
cd "$T/other"
t new "enclosing" -m x
expect "the enclosing journal comes before the config" \
	test -n "$(find "$T/other/entries" -name '*enclosing.md')"
mkdir -p "$T/other/entries/deep"
cd "$T/other/entries/deep"
t new "from below" -m x
expect "it is found from a folder deep inside" \
	test -n "$(find "$T/other/entries" -name '*from-below.md')"
TEND_JOURNAL="$T/j" t new "env" -m x
expect "TEND_JOURNAL comes before the enclosing journal" \
	test -n "$(find "$T/j/entries" -name '*env.md')"
TEND_JOURNAL="$T/j" t -J "$T/other" new "flag" -m x
expect "--journal comes first of all" test -n "$(find "$T/other/entries" -name '*flag.md')"
t --journal="$T/j" new "flag2" -m x
expect "--journal=DIR works" test -n "$(find "$T/j/entries" -name '*flag2.md')"
t -J
expect_rc 2 "-J without a folder is a usage error"
t --frob list
expect_rc 2 "an unknown global option is a usage error"
done_testing
