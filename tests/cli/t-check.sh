# tend check: every entry and goal file is read and each problem named at
# PATH:LINE:COL; no file is ever changed by it.
. tests/cli/lib.sh
journal "$T/j"

mkdir goals
printf -- '---\ntitle: Rest more\nstatus: active\nstarted: 2026-01-01\n---\n\nSleep.\n' >goals/rest.md
t save
t new "Fine" -m "All is well." --date "2026-02-01 10:00" --goal rest
t check
expect_rc 0 "a sound journal checks clean"
expect_eq "and prints no problems" "" "$(cat "$OUT")"
expect_err "1 entry and 1 goal, no problems" "it says what it read"

d=entries/2026/03
mkdir -p "$d" "$T/outside"
printf -- '---\ntitle: [unclosed\n---\nbody\n' >"$d/2026-03-01-1000-yaml.md"
printf -- '---\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\n' \
	>"$d/2026-03-02-1000-bomb.md"
printf -- '---\ntitle: Latin-1\n---\n\ncaf\351 au lait\n' >"$d/2026-03-03-1000-latin.md"
printf -- '---\ntitle: nul\n---\n\nab\000cd\n' >"$d/2026-03-04-1000-nul.md"
{ printf -- '---\ntitle: big\n---\n\n'; head -c 1100000 /dev/zero | tr '\0' 'x'; } \
	>"$d/2026-03-05-1000-big.md"
printf 'secret\n' >"$T/outside/secret.md"
ln -s "$T/outside/secret.md" "$d/2026-03-06-1000-link.md"
printf -- '---\ntitle: mood\nmood: 12\n---\n\nx\n' >"$d/2026-03-07-1000-mood.md"
printf -- '---\ntitle: date\ndate: last tuesday\n---\n\nx\n' >"$d/2026-03-08-1000-date.md"
printf -- '---\ntitle: goal\ngoals: [rest, flying]\n---\n\nx\n' >"$d/2026-03-09-1000-goal.md"
printf -- '---\ntitle: copy\n---\n\ntheirs\n' >"$d/2026-03-09-1000-goal.conflict-abc1234.md"
mkdir -p entries/elsewhere
printf -- '---\ntitle: twin\n---\n\none\n' >"$d/2026-03-10-1000-twin.md"
printf -- '---\ntitle: twin\n---\n\ntwo\n' >entries/elsewhere/2026-03-10-1000-twin.md
printf -- '---\ntitle: Bad goal\nstatus: someday\n---\n' >goals/bad.md
find entries goals -type f -exec sha256sum {} + | sort >"$T/before"

t check
expect_rc 3 "check finds problems: exit 3"
expect_out "$d/2026-03-01-1000-yaml.md:3:1: cannot read front matter" "malformed YAML"
expect_out "$d/2026-03-02-1000-bomb.md:2:4: YAML anchors (&a) are not allowed" \
	"an alias bomb is stopped at its first anchor"
expect_out "$d/2026-03-03-1000-latin.md:5:4: not valid UTF-8 text here" "invalid UTF-8, at its byte"
expect_out "$d/2026-03-04-1000-nul.md:5:3: a NUL byte here" "a NUL byte, at its place"
expect_out "$d/2026-03-05-1000-big.md:1:1: entry is larger than 1 MiB" "a file over the size limit"
expect_out "$d/2026-03-06-1000-link.md:1:1: a symbolic link" "a symbolic link out of the journal"
expect_no_out "secret" "which is not followed"
expect_out "$d/2026-03-07-1000-mood.md:3:7: mood must be a whole number from 1 to 10" "a mood out of range"
expect_out "$d/2026-03-08-1000-date.md:3:7: date must look like" "a date that cannot be read"
expect_out "$d/2026-03-09-1000-goal.md:3:8: goal 'flying' has no file goals/flying.md" \
	"a goal that does not exist"
expect_no_out "goal 'rest'" "a goal that exists is fine"
expect_out "$d/2026-03-09-1000-goal.conflict-abc1234.md:1:1: a conflict copy" "a conflict copy waiting"
expect_out "$d/2026-03-10-1000-twin.md:1:1: the ID '2026-03-10-1000-twin' is also the ID of entries/elsewhere/2026-03-10-1000-twin.md" \
	"duplicate IDs, one way"
expect_out "entries/elsewhere/2026-03-10-1000-twin.md:1:1: the ID" "and the other"
expect_out "goals/bad.md:3:9: status must be active, achieved, paused or dropped" "a bad goal"
expect_err "problems in" "a summary on stderr"
find entries goals -type f -exec sha256sum {} + | sort >"$T/after"
expect "no file was changed by check" cmp "$T/before" "$T/after"

t list --format ids
expect_rc 0 "list still works beside all that"
expect_out "2026-02-01-1000-fine" "and lists the sound entries"
expect_out "2026-03-10-1000-twin" "both twins"
expect_no_out "2026-03-06-1000-link" "not the link"
expect_eq "one warning a broken file (or link)" 1 "$(grep -c 2026-03-01-1000-yaml "$ERR")"
t search x --format ids
expect_rc 0 "so does search"
find entries goals -type f -exec sha256sum {} + | sort >"$T/after"
expect "nor by list or search" cmp "$T/before" "$T/after"

t check extra
expect_rc 2 "check takes no arguments"
rm -rf entries
ln -s "$T/outside" entries
t check
expect_rc 3 "entries/ as a link is a problem"
expect_out "entries:1:1: a symbolic link" "named"
done_testing
