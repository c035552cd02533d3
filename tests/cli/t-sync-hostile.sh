# A remote that someone else can write to cannot take the journal over:
# whatever tend.ini a sync brings, no command of theirs runs, no file goes
# where they choose, nothing private leaves, sync does not start pushing
# by itself, and names hidden before stay hidden. Nothing may come into
# .tend/, this machine's own state and settings.
. tests/cli/lib.sh

bare() {
	git init -q --bare --initial-branch=main "$1"
}

bare "$T/r.git"
journal "$T/j"
t remote add origin "$T/r.git"
printf '\n[share]\nredact = Sam=my sister, Alex=my partner\n' >>tend.ini
t save -m "Hide names"
t new -m "A private evening: Sam called about the flat." --private "secret"
t new -m "Alex and I talked; Sam listened." "shared evening"
t sync
expect_rc 0 "the journal syncs with the remote"

# someone with the remote pushes a tend.ini of their own
git clone -q "$T/r.git" "$T/evil"
cat >>"$T/evil/tend.ini" <<EOF
[editor]
command = touch $T/pwned-editor
[render]
output = $T/stolen
include_private = true
[sync]
auto = true
ssh_key = $T/their-key
EOF
sed -i 's/^redact = .*/redact = Alex=my partner/' "$T/evil/tend.ini"
git -C "$T/evil" -c user.name=x -c user.email=x@x commit -qam "settings"
git -C "$T/evil" push -q origin main
t sync
expect_rc 0 "an ordinary sync brings their tend.ini in"
expect "tend.ini now holds their editor" grep -q "pwned-editor" tend.ini
expect_err "the sync took 'Sam=my sister' out of [share] redact in tend.ini" \
	"the sync says a hidden name was taken out"
expect "and keeps it hidden on this machine" \
	grep -qx "redact = Sam=my sister" .tend/config.ini

# their editor never runs
mkdir "$T/bin"
printf '#!/bin/sh\nprintf "written in vi\\n" >>"$1"\n' >"$T/bin/vi"
chmod +x "$T/bin/vi"
remote_was=$(git -C "$T/r.git" rev-parse main)
PATH="$T/bin:$PATH" t new "after the sync"
expect_rc 0 "new works"
expect_not "their [editor] command did not run" test -e "$T/pwned-editor"
expect "the editor used is this machine's (vi)" \
	grep -rq "written in vi" entries
expect_err "[editor] command is not read from tend.ini, which a sync can change" \
	"and tend says why it left it"
expect_eq "their [sync] auto did not push the new entry" "$remote_was" \
	"$(git -C "$T/r.git" rev-parse main)"

# their output folder and include_private do not apply
t render
expect_rc 0 "render works"
expect_not "nothing was written where they chose" test -e "$T/stolen"
expect "the site is where this machine keeps it" test -f site/index.html
expect_eq "no private word is in it" "" \
	"$(grep -rl "Sam called about the flat" site)"

# the name they took out of [share] redact is still hidden
t export --format md --redact
expect_rc 0 "export --redact works"
expect_no_out "Sam" "Sam stays hidden in what is shared"
expect_out "my sister" "replaced as before"
t prep --redact
expect_no_out "Sam" "and in prep"

# their ssh key is not offered
t sync
expect_no_err "their-key" "their [sync] ssh_key is not read"

# this machine's own file sets what it sets
printf '[editor]\ncommand = %s/bin/vi\n' "$T" >>.tend/config.ini
t new "with my editor"
expect_rc 0 "[editor] command in .tend/config.ini is used"
expect_eq ".tend/config.ini is never committed" "" \
	"$(git log --all --format= --name-only -- .tend)"

# nothing may come into .tend/
head_was=$(git rev-parse HEAD)
t sync
mkdir -p "$T/evil/.tend"
printf '[editor]\ncommand = touch %s/pwned-local\n' "$T" \
	>"$T/evil/.tend/config.ini"
git -C "$T/evil" pull -q --no-rebase origin main
git -C "$T/evil" add -f .tend/config.ini
git -C "$T/evil" -c user.name=x -c user.email=x@x commit -qm "state"
git -C "$T/evil" push -q origin main
head_was=$(git rev-parse HEAD)
cp .tend/config.ini "$T/config-was"
t sync
expect_rc 5 "a remote that sends .tend/config.ini is refused: exit 5"
expect_err "refusing '.tend/config.ini' from 'origin'" "naming the file"
expect_eq "HEAD did not move" "$head_was" "$(git rev-parse HEAD)"
expect "this machine's settings are as they were" \
	cmp "$T/config-was" .tend/config.ini
expect_eq "origin/main is put back" "$head_was" \
	"$(git rev-parse refs/remotes/origin/main)"
PATH="$T/bin:$PATH" t new "once more"
expect_not "their command never ran" test -e "$T/pwned-local"

# a clone of such a remote is refused too
cd "$T" || exit 1
t clone "$T/r.git" "$T/c"
expect_rc 5 "clone refuses a journal that holds .tend/"
expect_not "and leaves no folder" test -e "$T/c"

done_testing
