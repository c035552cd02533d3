# tend plan: the user's plan for the hard moments, one file of the
# journal, made from empty headings, edited in the editor, committed, and
# shown by tend plan show; never in a rendered site, an export or a prep
# page; sealed in an encrypted journal.
. tests/cli/lib.sh

mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor fill 'cp "$1" "'"$T"'/seed"; sed -i "s/^## Who I can call$/## Who I can call\n\nSamira, planwords 0170 555 0101/" "$1"'
mk_editor nothing 'cp "$1" "'"$T"'/seed"'
mk_editor more 'printf "Walk to the river.\n" >>"$1"'

journal "$T/j"
t plan show
expect_rc 1 "plan show with no plan yet: exit 1"
expect_err "there is no plan yet: 'tend plan' makes one" "and says how to make one"

c0=$(commits)
EDITOR="$T/nothing" t plan
expect_rc 0 "plan opened and closed unchanged"
expect "it opened as empty headings" grep -qx "## Numbers to call in a crisis" "$T/seed"
expect_not "and made no file" test -e plan.md
expect_eq "nor a commit" "$c0" "$(commits)"

EDITOR="$T/fill" t plan
expect_rc 0 "plan written"
expect "plan.md holds it" grep -q "planwords 0170 555 0101" plan.md
expect_eq "committed as Edit plan" "$((c0 + 1)) Edit plan" "$(commits) $(subject)"
t plan show
expect_rc 0 "plan show"
expect_out "Samira, planwords 0170 555 0101" "prints it"
expect_out "## What helps me" "headings and all"

EDITOR="$T/more" t plan
expect_eq "edited again, another commit" "$((c0 + 2))" "$(commits)"
printf 'Call Samira first.\n' >>plan.md
t status
expect_out "plan.md" "an edit by hand is listed by status"
t save
expect_rc 0 "and saved"
expect_eq "committed" "$((c0 + 3))" "$(commits)"
t log
expect_out "Edit plan" "its versions are in the history"

t plan extra
expect_rc 2 "plan takes nothing but 'show'"

# private: no entry, so nowhere that leaves the terminal
t new "A day" -m "An entry." --date "2026-11-01 10:00" --share
t render -o "$T/site"
expect_rc 0 "(render)"
expect_not "the site holds no word of the plan" grep -rqa planwords "$T/site"
t export --format html -o "$T/export.html"
expect_not "an export neither" grep -qa planwords "$T/export.html"
t export --format json
expect_not "nor JSON" grep -qa planwords "$OUT"
t prep --since "2026-10-01"
expect_not "nor a prep page" grep -qa planwords "$OUT"
t search planwords
expect_not "search does not take it for an entry" grep -q plan "$OUT"

# an encrypted journal keeps it sealed
encrypted_setup
"$TEND" init --encrypt "$T/e" >/dev/null 2>&1 || {
	echo "Bail out! cannot make an encrypted journal"
	exit 1
}
cd "$T/e" || exit 1
EDITOR="$T/fill" t plan
expect_rc 0 "plan in an encrypted journal"
expect_eq "plan.md.age, an age file" "age-encryption.org/v1" \
	"$(head -1 plan.md.age)"
expect_not "no plain plan.md" test -e plan.md
t plan show
expect_out "Samira, planwords 0170 555 0101" "plan show decrypts it"
every_byte "$T/e" >"$T/bytes"
expect_not "no word of it is readable at rest" grep -qa planwords "$T/bytes"

done_testing
