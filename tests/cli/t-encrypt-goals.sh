# Goals in an encrypted journal: added, listed, shown, edited, paused
# and achieved, named by entries and rated in reviews, reported on,
# checked and rendered as in a plain one, with files whose names say
# nothing of them (goals/H.md.age, the ID in the file) and commit
# messages that name no goal; and tend encrypt and decrypt of a journal
# with goals and their history.
. tests/cli/lib.sh

encrypted_setup
J="$T/j"

# the words that must never be readable at rest: goal IDs, titles, text
SECRETS="quokka-calm|owl-rest|Leave the flat unhurried|Sleep before midnightish|zanzigoal"

mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor why 'printf "Because zanzigoal mornings go wrong.\n" >>"$1"'
mk_editor other_id 'sed -i "s/^id:.*/id: owl-rest/" "$1"'

# opaque: are the files in goals/ all named H.md.age, H 16 hex digits?
opaque() {
	[ -z "$(ls goals | grep -Ev '^[0-9a-f]{16}\.md\.age$')" ]
}

# no_secrets DIR WHAT: no goal word in any byte of the journal DIR, in
# its file names or in its commit messages
no_secrets() {
	{ every_byte "$1"; ls -RA "$1"; git -C "$1" log --format=%B; } \
		>"$T/bytes"
	expect_not "$2" grep -Eqa "$SECRETS" "$T/bytes"
}

# age_show FILE: the stock age tool decrypts FILE of $J into $OUT
age_show() {
	printf 'correct horse battery\n' >"$T/typed"
	on_tty "cd '$J' && age -d -i key.age $1"
}

"$TEND" init --encrypt "$J" >/dev/null 2>&1 || {
	echo "Bail out! cannot make an encrypted journal"
	exit 1
}
cd "$J" || exit 1

# goal add
t goal add quokka-calm "Leave the flat unhurried" --target 2027-03-01 \
	--topic boundaries
expect_rc 0 "goal add in an encrypted journal"
expect_eq "prints the ID" quokka-calm "$(cat "$OUT")"
g=$(ls goals)
expect "the goal's file is goals/H.md.age, H 16 hex digits" opaque
expect_eq "which is an age file" "age-encryption.org/v1" \
	"$(head -1 "goals/$g")"
expect_eq "the goal file is private (0600)" 600 "$(mode "goals/$g")"
expect_eq "committed as Add goal, naming no goal" "Add goal" "$(subject)"
expect_eq "the commit holds just the goal" "goals/$g" \
	"$(git show --name-only --format= HEAD)"
age_show "goals/$g"
expect "the age tool reads it: its ID is in it (id:)" \
	grep -q '^id: quokka-calm' "$OUT"
expect "and its title" grep -q '^title: Leave the flat unhurried' "$OUT"
t goal add owl-rest "Sleep before midnightish"
expect_rc 0 "a second goal"
expect "(named as opaquely)" opaque
expect_eq "two goal files" 2 "$(ls goals | wc -l)"
before=$(commits)
t goal add quokka-calm "Another"
expect_rc 1 "a goal that exists already is not overwritten"
expect_err "the goal 'quokka-calm' exists already" "and says so"
expect_eq "nothing committed" "$before" "$(commits)"

# list and show
t goal list
expect_rc 0 "goal list"
expect_out "quokka-calm" "lists the goals by ID"
expect_out "Leave the flat unhurried" "with their titles"
expect_out "owl-rest" "both of them"
t goal list --json
expect_out '"id":"quokka-calm"' "goal list --json"
t goal show quokka-calm
expect_rc 0 "goal show"
expect_out "Leave the flat unhurried  (quokka-calm)" "shows the goal"
expect_out "target 2027-03-01" "with its target"
t goal show no-such
expect_rc 1 "goal show of a goal that is not there"
expect_err "no goal 'no-such'" "says so"

# entries name it, reviews rate it
t new -m "Out of the door at eight." --goal quokka-calm "Door"
expect_rc 0 "new --goal"
expect_err "milestone for your goal 'Leave the flat unhurried': first entry" \
	"announces the first entry's milestone"
entry=$(cat "$OUT")
t review --rate quokka-calm=4 -m "A good week."
expect_rc 0 "review --rate"
review=$(cat "$OUT")
expect_eq "committed as Add review with the entry's ID" \
	"Add review: $review" "$(subject)"
t review --rate no-such=3 -m "x"
expect_rc 2 "review of a goal that is not there"
expect_err "no goal 'no-such'" "says so"
t goal show quokka-calm --json
expect_out '"entries":2' "goal show counts the entries that name it"
expect_out "\"rating\":4,\"entry\":\"$review\"" "and the review's rating"
t list --goal quokka-calm
expect_out "$entry" "list --goal finds its entries"
printf '\n5\n' >"$T/typed"
on_tty "cd '$J' && '$TEND' review -m 'Asked.'"
expect_eq "review on a terminal" 0 "$rc"
expect "asks about each active goal by its title" \
	grep -q "How did 'Leave the flat unhurried' go this week?" "$OUT"
t goal show quokka-calm --json
expect_out '"rating":5' "and keeps the rating given"

# edit: in memory, written back encrypted
EDITOR="$T/why" t goal edit quokka-calm
expect_rc 0 "goal edit"
expect_eq "committed as Edit goal" "Edit goal" "$(subject)"
age_show "goals/$g"
expect "the edit is in the goal" grep -q 'Because zanzigoal' "$OUT"
expect "its ID stays in it" grep -q '^id: quokka-calm' "$OUT"
expect "no draft is left" test -z "$(ls .tend/drafts 2>/dev/null)"
before=$(commits)
EDITOR="$T/other_id" t goal edit quokka-calm </dev/null
expect_rc 3 "an edit that changes the goal's id: is refused"
expect_err "id must stay 'quokka-calm'" "and says why"
expect_eq "(nothing committed)" "$before" "$(commits)"
expect "the draft is kept" test -n "$(ls .tend/drafts)"
expect "named for no goal" \
	test -z "$(ls .tend/drafts | grep -v '^goal-.*\.md\.age$')"
rm -f .tend/drafts/*

# status
t goal pause owl-rest
expect_rc 0 "goal pause"
expect_out "The goal 'owl-rest' is paused." "says so"
expect_eq "committed as Pause goal" "Pause goal" "$(subject)"
t goal resume owl-rest
expect_eq "committed as Resume goal" "Resume goal" "$(subject)"
t goal drop owl-rest
expect_eq "committed as Drop goal" "Drop goal" "$(subject)"
t goal done quokka-calm
expect_rc 0 "goal done"
expect_err "milestone for your goal 'Leave the flat unhurried': achieved" \
	"announces the achievement"
expect_eq "committed as Achieve goal" "Achieve goal" "$(subject)"
t goal list
expect_no_out "quokka-calm" "an achieved goal is not active"
t goal list --all
expect_out "achieved" "goal list --all shows its status"
expect_out "dropped" "and the dropped one's"
t goal resume quokka-calm
expect_rc 0 "(resumed for the reports)"
expect "the goal files are still named opaquely" opaque
expect_eq "still two of them" 2 "$(ls goals | wc -l)"

# the reports: prep, render
t prep
expect_rc 0 "prep"
expect_out "### Leave the flat unhurried (quokka-calm)" "prep shows the goal"
expect_out "Rated" "and its rating"
t render
expect_rc 0 "render"
site=$(ls -d "$XDG_RUNTIME_DIR"/tend/site-*)
expect "the site is in memory and has the goal's page" \
	test -f "$site/goals/quokka-calm.html"
expect "which shows its title" \
	grep -q 'Leave the flat unhurried' "$site/goals/quokka-calm.html"
expect "and its text" grep -q 'zanzigoal' "$site/goals/quokka-calm.html"
expect "the goals' page lists both" \
	grep -q 'owl-rest' "$site/goals/index.html"
expect "an entry page links to its goal" \
	grep -rq 'goals/quokka-calm.html' "$site/entries"
expect_not "no site in the journal" test -e site

# check
t check
expect_rc 0 "check finds no problem"
expect_err "3 entries and 2 goals, no problems" "and counts the goals"
git mv "goals/$g" goals/0123456789abcdef.md.age
t check
expect_rc 3 "check: a goal file renamed by hand is a problem"
expect_out "goals/0123456789abcdef.md.age:" "named by its path"
expect_out "the goal 'quokka-calm' belongs in goals/$g" \
	"with where it belongs"
t goal show quokka-calm
expect_rc 1 "its goal is not found where it belongs"
t list
expect_err "goals/0123456789abcdef.md.age:" \
	"the index warns of it, as of a broken file"
git mv goals/0123456789abcdef.md.age "goals/$g"
cp "goals/$g" goals/fedcba9876543210.md.age
t check
expect_rc 3 "check: a copy of a goal file is a problem"
expect_out "goals/fedcba9876543210.md.age:" "named by its path"
t goal list --all
expect_rc 0 "goal list with the copy there"
expect_eq "lists the goal once" 1 "$(grep -c quokka-calm "$OUT")"
rm goals/fedcba9876543210.md.age
recipient=$(printf 'correct horse battery\n' |
	script -qec "age -d '$J/key.age'" /dev/null |
	sed -n 's/.*public key: \(age1[a-z0-9]*\).*/\1/p' | tr -d '\r')
age_show "goals/$g"
cp "$OUT" "$T/age.out"
tr -d '\r' <"$OUT" | sed -n '/---$/,$p' | sed '1s/.*/---/' |
	sed '/^id:/d' | age -r "$recipient" -o "$T/noid.age"
cp "goals/$g" "$T/g.keep"
cp "$T/noid.age" "goals/$g"
t check
expect_rc 3 "check: a goal file without its id: is a problem"
expect_out "goals/$g:1:1: no id:" "and says so"
# an id: that would name a file out of the goals' pages' folder
# (what age printed on the terminal, from the front matter's first line)
tr -d '\r' <"$T/age.out" | sed -n '/---$/,$p' | sed '1s/.*/---/' |
	sed 's/^id:.*/id: ..\/..\/escape/' | age -r "$recipient" -o "goals/$g"
t check
expect_rc 3 "check: a goal file whose id: is no goal ID is a problem"
expect_out "id must be lowercase words" "and says so"
cp "$T/g.keep" "goals/$g"
t check
expect_rc 0 "(mended)"
t new "Stray" -m "Words." --goal no-such-goal
expect_rc 2 "new --goal naming no goal: exit 2"
expect_err "(the goals are: owl-rest, quokka-calm; 'tend goal add' makes one)" "with the goals there are"
printf -- '---\ntitle: Stray\ngoals: [no-such-goal]\n---\n\nWords.\n' |
	"$TEND" new --stdin >/dev/null
t check
expect_rc 3 "check: an entry naming a goal with no file is a problem"
expect_out "goal 'no-such-goal' has no file goals/" "and says so"
expect_no_out "no-such-goal.md" "naming the file it would have"
t rm "$(git log -1 --format=%s | sed 's/^Add entry: //')"

expect "the work tree is clean" test -z "$(git status --porcelain)"
no_secrets "$J" \
	"no goal ID, title or text in any byte, file name or message"

# tend encrypt of a plain journal with goals and their history
P="$T/p"
"$TEND" init "$P" >/dev/null 2>&1
cd "$P" || exit 1
"$TEND" goal add quokka-calm "Leave the flat unhurried" --topic boundaries \
	>/dev/null 2>&1
"$TEND" goal add owl-rest "Sleep before midnightish" >/dev/null 2>&1
"$TEND" new -m "Out of the door." --goal quokka-calm "Door" >/dev/null 2>&1
EDITOR="$T/why" "$TEND" goal edit quokka-calm >/dev/null 2>&1
"$TEND" goal pause owl-rest >/dev/null 2>&1
"$TEND" review --rate quokka-calm=3 -m "Fine." >/dev/null 2>&1
# a goal written by hand without front matter, and a conflict copy of
# one that was in the history for a while
printf 'zanzigoal, in my own words.\n' >goals/owl-rest-too.md
printf -- '---\ntitle: Sleep before midnightish\n---\n' \
	>goals/owl-rest.conflict-ab12cd.md
"$TEND" save >/dev/null 2>&1
git rm -q goals/owl-rest.conflict-ab12cd.md
"$TEND" save >/dev/null 2>&1
expect_eq "(a plain journal with goals and their history)" \
	"goals/owl-rest-too.md goals/owl-rest.md goals/quokka-calm.md" \
	"$(git ls-files goals | paste -sd ' ')"
cp -a "$P" "$T/p-copy"
# every version of every goal file, as blobs
git rev-list --objects HEAD | grep ' goals/' | cut -d' ' -f1 | sort -u \
	>"$T/goal-blobs0"
commits0=$(commits)

t encrypt --yes
expect_rc 0 "encrypt a journal with goals"
expect_eq "as many commits as before" "$commits0" "$(commits)"
expect "its goal files are named opaquely" opaque
expect_eq "all three" 3 "$(ls goals | wc -l)"
expect "git fsck is clean" git fsck --strict
expect_eq "so are those of the history (and its conflict copy's)" "" \
	"$(git log --format= --name-only | grep '^goals/' | sort -u |
		grep -Ev '^goals/[0-9a-f]{16}(\.conflict-ab12cd)?\.md\.age$')"
expect "commit messages say a goal was added" \
	sh -c 'git log --format=%s | grep -qx "Add goal"'
expect "or edited" sh -c 'git log --format=%s | grep -qx "Edit goal"'
t goal list --all
expect_rc 0 "goal list after encrypt"
expect_out "quokka-calm" "lists the goals by their IDs"
expect_out "Leave the flat unhurried" "with their titles"
expect_out "paused" "and statuses"
expect_out "owl-rest-too" "a goal without front matter too"
t goal show quokka-calm --json
expect_out '"entries":2' "goal show counts its entries"
expect_out '"rating":3' "and its rating"
t check
expect_rc 0 "check finds no problem"
t goal add new-one "Added while encrypted"
expect_rc 0 "goal add after encrypt"
EDITOR="$T/why" t goal edit owl-rest
expect_rc 0 "goal edit after encrypt"
no_secrets "$P" "no goal word in any byte, file name or message after encrypt"

# and back
t decrypt --yes
expect_rc 0 "decrypt"
expect_eq "goal files are goals/ID.md again" \
	"goals/new-one.md goals/owl-rest-too.md goals/owl-rest.md goals/quokka-calm.md" \
	"$(git ls-files goals | paste -sd ' ')"
expect "the one not touched since is as it was, byte for byte" \
	cmp goals/quokka-calm.md "$T/p-copy/goals/quokka-calm.md"
expect "the one without front matter too" \
	cmp goals/owl-rest-too.md "$T/p-copy/goals/owl-rest-too.md"
expect_not "no goal file holds an id:" grep -q '^id:' goals/*.md
git rev-list --objects HEAD | grep ' goals/' | cut -d' ' -f1 | sort -u \
	>"$T/goal-blobs1"
expect_eq "every version of every goal file of the history is as it was" \
	"" "$(comm -23 "$T/goal-blobs0" "$T/goal-blobs1")"
expect_eq "the conflict copy of the history is back under its name" \
	"goals/owl-rest.conflict-ab12cd.md" \
	"$(git log --format= --name-only | grep conflict | sort -u)"
t goal list --all
expect_out "Added while encrypted" "goal list after decrypt"
t check
expect_rc 0 "check after decrypt"
expect "git fsck is clean" git fsck --strict

done_testing
