# tend goal add --why and --success, and its questions on a terminal
# (issue 17): the words go under the goal file's "## Why it matters" and
# "## What success looks like"; without a terminal nothing is asked and
# nothing waits for input; goal show and the goal's page leave out a
# heading with nothing under it, and the page its ratings and entries
# while there are none; all of it in an encrypted journal too.
. tests/cli/lib.sh
journal "$T/j"
today=$(date -u +%F)

# body FILE: the goal file FILE after its front matter
body() {
	awk 'seen >= 2 { print } /^---$/ { seen++ }' "$1"
}

# ask ARGS...: tend goal add ARGS on a terminal, typing $T/typed
ask() {
	on_tty "'$TEND' goal add $*"
}

why_q="Why does this goal matter to you?"
success_q="What would success look like?"

# --- --why and --success ---------------------------------------------
t goal add calm "Stay calm" --why "I go numb when it gets loud." \
	--success "I say what I feel before I leave the room."
expect_rc 0 "goal add --why --success"
expect_eq "it prints the ID" calm "$(cat "$OUT")"
expect_eq "nothing is asked or said" "" "$(cat "$ERR")"
expect_eq "the words go under the goal file's headings" "
## Why it matters

I go numb when it gets loud.

## What success looks like

I say what I feel before I leave the room." "$(body goals/calm.md)"
expect_eq "the front matter is as before" "---
title: Stay calm
status: active
started: $today
---" "$(sed -n 1,5p goals/calm.md)"
expect_eq "committed as Add goal: ID" "Add goal: calm" "$(subject)"
t goal show calm
expect_rc 0 "goal show"
expect_out "## Why it matters" "goal show has the why heading"
expect_out "I go numb when it gets loud." "and the why"
expect_out "## What success looks like" "the success heading"
expect_out "I say what I feel before I leave the room." "and what success is"
expect_eq "the words come after the figures, a blank line between" \
	"milestones: none yet

## Why it matters" "$(sed -n '/^milestones:/,/^## Why/p' "$OUT")"
t goal show calm --json
expect_no_out "I go numb" "goal show --json is as before"

t goal add edges "Edges" --why "   spaced out  " --success ""
expect_rc 0 "--why with spaces around, an empty --success"
expect "the spaces are taken off" grep -qx "spaced out" goals/edges.md
expect_eq "an empty --success leaves its heading alone" \
	"## What success looks like" "$(tail -1 goals/edges.md)"
t goal show edges
expect_out "spaced out" "goal show has the why"
expect_no_out "## What success" "but not the empty success heading"

t goal add hash "Hash" --why '# not mine: YAML: yes, "quoted" <b>x</b>'
expect_rc 0 "--why is taken as it is, Markdown and all"
expect "into the body, not the front matter" grep -qxF \
	'# not mine: YAML: yes, "quoted" <b>x</b>' goals/hash.md
t check
expect_rc 0 "the goal files check clean"

long=$(printf 'a%.0s' $(seq 1000))
t goal add long "Long" --why "$long" --success "$long"
expect_rc 0 "--why and --success of 1000 bytes are fine"
expect_eq "kept whole" 2 "$(grep -cx "$long" goals/long.md)"

# --- failures ---------------------------------------------------------
before=$(commits)
nl='
'
tab=$(printf '\t')
# refused WHAT TEXT: --why TEXT and --success TEXT are usage errors
refused() {
	t goal add nope "Nope" --why "$2"
	expect_rc 2 "--why $1 is refused"
	t goal add nope "Nope" --success "$2"
	expect_rc 2 "--success $1 too"
}
refused "of two lines" "two${nl}lines"
refused "with a tab" "a${tab}tab"
refused "with a control character" "$(printf 'bell\a')"
refused "that is not UTF-8" "$(printf 'bad \377')"
refused "of 1001 bytes" "a$long"
expect_err "--success is one line of at most 1000 bytes of text" \
	"the message says what --success must be"
t goal add nope "Nope" --why "two${nl}lines"
expect_err "--why is one line of at most 1000 bytes of text" \
	"and what --why must be"
t goal add nope "Nope" --why
expect_rc 2 "--why without its text"
expect_err "option '--why' of 'goal' needs a value" "says so"
for sub in list "show calm" "done calm" "pause calm" "resume calm" \
	"drop calm" "edit calm"; do
	# shellcheck disable=SC2086
	t goal $sub --why "Because"
	expect_rc 2 "goal ${sub%% *} does not take --why"
	# shellcheck disable=SC2086
	t goal $sub --success "Done"
	expect_rc 2 "nor --success"
done
expect_err "'goal edit' does not take --success" "the message names it"
t goal add calm "Again" --why "x"
expect_rc 1 "a goal that exists is not written over, --why or not"
expect "no goal file for bad input" test ! -e goals/nope.md
expect_eq "nothing was committed for bad input" "$before" "$(commits)"
expect "the work tree is clean" test -z "$(git status --porcelain)"

# --- not a terminal: no questions, nothing waits ----------------------
printf 'Piped words.\nMore.\n' |
	"$TEND" goal add piped "Piped" >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0 "goal add with a pipe for input"
expect_eq "asks nothing" "" "$(cat "$ERR")"
expect_not "and reads nothing from it" grep -q "Piped words" goals/piped.md
expect_eq "its headings are there to fill in" "
## Why it matters

## What success looks like" "$(body goals/piped.md)"
t goal add nulled "Nulled" </dev/null
expect_rc 0 "goal add with /dev/null for input"
expect_eq "asks nothing" "" "$(cat "$ERR")"
mkfifo "$T/fifo"
sleep 30 >"$T/fifo" &
writer=$!
timeout 10 "$TEND" goal add waited "Waited" <"$T/fifo" >"$OUT" 2>"$ERR"
rc=$?
kill "$writer" 2>/dev/null
expect_rc 0 "goal add with a pipe that never ends does not wait on it"
t goal show piped
expect_no_out "## Why" "goal show leaves out empty headings"
expect_no_out "## What" "both of them"

# --- on a terminal ----------------------------------------------------
printf 'Because I matter too.\n\n' >"$T/typed"
ask asked Asked
expect_rc 0 "goal add on a terminal"
expect_out "$why_q" "asks why the goal matters"
expect_out "$success_q" "and what success would look like"
expect_out "(Enter skips)" "saying that Enter skips"
expect_eq "the answer goes under its heading; Enter skipped the other" "
## Why it matters

Because I matter too.

## What success looks like" "$(body goals/asked.md)"
expect_eq "committed" "Add goal: asked" "$(subject)"

printf '\n   Walks, three a week.  \n' >"$T/typed"
ask walks Walks
expect_rc 0 "the first question skipped, the second answered"
expect_eq "the answer trimmed, under its heading" "
## Why it matters

## What success looks like

Walks, three a week." "$(body goals/walks.md)"

printf 'Only the success.\n' >"$T/typed"
ask given Given --why "\"Said already.\""
expect_rc 0 "--why given on a terminal"
expect_no_out "$why_q" "is not asked again"
expect_out "$success_q" "the question left is"
expect "both are in the file" sh -c \
	'grep -qx "Said already." goals/given.md &&
	grep -qx "Only the success." goals/given.md'
printf 'Only the why.\n' >"$T/typed"
ask given2 Given --success "\"Said.\""
expect_no_out "$success_q" "--success given: its question is not asked"
expect "the answer to the other is kept" \
	grep -qx "Only the why." goals/given2.md
: >"$T/typed"
ask both Both --why "\"W.\"" --success "\"\""
expect_rc 0 "--why and --success given"
expect_no_out "$why_q" "nothing is asked"
expect_no_out "$success_q" "not even for an empty --success"

printf 'one\ttab\nRetried.\nDone.\n' >"$T/typed"
ask retry Retry
expect_rc 0 "an answer that is not one line of text"
expect_out "an answer is one line of at most 1000 bytes of text" \
	"is refused with a reason"
expect_eq "the question is asked again" 2 "$(grep -o "$why_q" "$OUT" | wc -l)"
expect_eq "the answers given after it are kept" "
## Why it matters

Retried.

## What success looks like

Done." "$(body goals/retry.md)"

: >"$T/typed"
ask ended Ended
expect_rc 0 "the input ends before an answer"
expect "the goal is written all the same" test -f goals/ended.md
expect_eq "with nothing under its headings" "
## Why it matters

## What success looks like" "$(body goals/ended.md)"

before=$(commits)
printf 'Never asked.\n' >"$T/typed"
ask calm Again
expect_rc 1 "a goal that exists already, on a terminal"
expect_no_out "$why_q" "is refused before any question"
printf 'Never asked.\n' >"$T/typed"
ask Bad Bad
expect_rc 2 "so is a bad ID"
expect_no_out "$why_q" "before any question too"
expect_eq "nothing was committed" "$before" "$(commits)"

# --- goal show and sections with nothing in them ---------------------
mk_goal() {
	printf -- '---\ntitle: %s\n---\n%s' "$1" "$2" >"goals/$1.md"
}
mk_goal shape '
## Why it matters

### A part with nothing

## What success looks like
### Smaller

Kept words.

# Code

```
# a line in code, not a heading
```

Notes
-----

A note.

Setext, empty
=============

## Last, empty

'
mk_goal nothing '

## Why it matters


## What success looks like

'
"$TEND" save -m "Goals by hand" >/dev/null 2>&1
t goal show shape
expect_rc 0 "goal show of a goal written by hand"
sed -n '/^milestones:/,$p' "$OUT" | sed 1,2d >"$T/shown"
expect_eq "headings over nothing are left out, code and text kept" \
"## What success looks like
### Smaller

Kept words.

# Code

\`\`\`
# a line in code, not a heading
\`\`\`

Notes
-----

A note." "$(cat "$T/shown")"
t goal show nothing
expect_rc 0 "goal show of a goal with empty headings alone"
expect_eq "ends with its figures" "milestones: none yet" "$(tail -1 "$OUT")"

# On a terminal what the goal's file says cannot command it
printf -- '---\ntitle: Esc\n---\n\n## Why it matters\n\n\033]52;c;eA==\007 Said.\n' \
	>goals/esc.md
"$TEND" save -m "Esc" >/dev/null 2>&1
on_tty "'$TEND' goal show esc"
expect_rc 0 "goal show on a terminal"
expect_not "shows no escape" grep -q "$(printf '\033]52')" "$OUT"
expect_out "?]52;c;eA==? Said." "but question marks for it"

# --- the goal's page ---------------------------------------------------
t new "About calm" -m "Calm words." --goal calm
t review --rate calm=3 -m "Rated."
t render -o "$T/site"
expect_rc 0 "render"
p="$T/site/goals"
expect "the page has the why heading" grep -q '<h2>Why it matters</h2>' \
	"$p/calm.html"
expect "and the why" grep -q 'I go numb when it gets loud.' "$p/calm.html"
expect "and what success looks like" \
	grep -q '<h2>What success looks like</h2>' "$p/calm.html"
expect "a goal with ratings has its ratings" grep -q 'id="h-ratings"' \
	"$p/calm.html"
expect "with entries has its entries" grep -q 'id="h-entries"' "$p/calm.html"
expect "and its ratings chart" grep -q 'class="chart chart-time"' "$p/calm.html"
expect "the page of edges has the why" grep -q 'spaced out' "$p/edges.html"
expect_not "but no heading for success" grep -q 'What success' \
	"$p/edges.html"
expect_not "a goal with no words has no heading" grep -q '<h2>Why' \
	"$p/piped.html"
expect_not "and no body" grep -q 'class="body"' "$p/piped.html"
expect_not "nor one written by hand with empty headings" \
	grep -q 'class="body"' "$p/nothing.html"
expect_not "no ratings section without ratings" grep -q 'h-ratings' \
	"$p/piped.html"
expect_not "no entries section without entries" grep -q 'h-entries' \
	"$p/piped.html"
expect_not "nor an empty list" grep -q 'No entries' "$p/piped.html"
expect "the progress is there all the same" grep -q 'id="h-progress"' \
	"$p/piped.html"
expect_not "a hand-written goal: an empty heading left out" \
	grep -q 'Last, empty' "$p/shape.html"
expect "its other words kept" grep -q 'Kept words.' "$p/shape.html"
expect "code kept as code" grep -q '# a line in code, not a heading' \
	"$p/shape.html"
expect "a setext heading with words under it kept" \
	grep -q '<h2>Notes</h2>' "$p/shape.html"
expect_not "one with nothing under it left out" grep -q 'Setext, empty' \
	"$p/shape.html"

# --- help --------------------------------------------------------------
t goal --help
expect_out "[--why TEXT] [--success TEXT]" "goal --help shows the options"
expect_out "  --why TEXT" "and says what --why is"
expect_out "  --success TEXT" "and --success"

# --- an encrypted journal ---------------------------------------------
encrypted_setup
"$TEND" init --encrypt "$T/e" >/dev/null 2>&1 || {
	echo "Bail out! cannot make an encrypted journal"
	exit 1
}
cd "$T/e" || exit 1
t goal add quokka "Quokka goal" --why "zanzibar reasons" \
	--success "xylophone success"
expect_rc 0 "goal add --why --success in an encrypted journal"
expect_eq "committed naming no goal" "Add goal" "$(subject)"
every_byte "$T/e" >"$T/bytes"
expect_not "no word of it is readable at rest" \
	grep -Eqa "zanzibar|xylophone|quokka" "$T/bytes"
t goal show quokka
expect_out "zanzibar reasons" "goal show has the why"
expect_out "xylophone success" "and what success looks like"
printf 'yodel answer\n\n' >"$T/typed"
ask otter Otter
expect_rc 0 "goal add on a terminal in an encrypted journal"
expect_out "$why_q" "asks"
t goal show otter
expect_out "yodel answer" "the answer is in the goal"
expect_no_out "## What success" "the skipped one is left out"
every_byte "$T/e" >"$T/bytes"
expect_not "and not readable at rest" grep -qa "yodel" "$T/bytes"
t goal add bad "Bad" --why "two${nl}lines"
expect_rc 2 "a --why of two lines is refused here too"
before=$(commits)
printf 'Never asked.\n' >"$T/typed"
ask otter Again
expect_rc 1 "a goal that exists already is refused"
expect_no_out "$why_q" "before any question"
expect_eq "nothing committed" "$before" "$(commits)"
t render
expect_rc 0 "render"
site=$(ls -d "$XDG_RUNTIME_DIR"/tend/site-*)
expect "the goal's page has the why" grep -q 'yodel answer' \
	"$site/goals/otter.html"
expect_not "and no empty success heading" grep -q 'What success' \
	"$site/goals/otter.html"
printf 'not the passphrase\n' >"$T/typed"
on_tty "env -u TEND_PASSPHRASE_FILE '$TEND' goal add locked Locked"
expect_rc 7 "a wrong passphrase on the terminal is refused"
expect_no_out "$why_q" "before any question"
expect "and no goal is written" test -z "$(git status --porcelain)"

done_testing
