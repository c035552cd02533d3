# A very low day ([care]): the kind reply to a new or edited entry whose
# mood, or whose day's mean, is at or below [care] low, with the plan's
# first lines or how to make one and tend ground; milestones held back to
# a better entry; [care] quiet and the wording; the care prompts of the
# days after, with their reason; and prompt reasons that count feelings
# and goals as writing about a topic.
. tests/cli/lib.sh
LIB="$(pwd)/templates/prompts"

# field NAME FILE: a string field of each JSON object in FILE
field() {
	sed "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/; t; s/.*//" "$2"
}

# tty ARGS...: tend ARGS on a terminal (the plan is shown only there);
# all it shows in $OUT
tty() {
	: >"$T/typed"
	on_tty "'$TEND' $*"
}

# reasons: the reason of tend prompt --json for seeds 0..11, a line each,
# in $T/reasons (and TOPIC|REASON in $T/choices)
reasons() {
	: >"$T/json"
	: >"$T/perr"
	for s in $(seq 0 11); do
		"$TEND" prompt --json --seed "$s" >>"$T/json" 2>>"$T/perr" ||
			echo "seed $s failed" >>"$T/perr"
	done
	field reason "$T/json" >"$T/reasons"
	field topic "$T/json" | paste -d'|' - "$T/reasons" >"$T/choices"
	if [ "$(grep -c . "$T/choices")" = 12 ] && ! [ -s "$T/perr" ]; then
		pass "a prompt for each of 12 seeds"
	else
		fail "a prompt for each of 12 seeds" "$(cat "$T/perr")" \
			"$(cat "$T/choices")"
	fi
}

journal "$T/j"
"$TEND" goal add calm "Stay calm" >/dev/null

# the first entry is very low: no milestone, the reply instead
t new -m "Can't breathe. Don't know how long I can do this." --mood 1 --goal calm
expect_rc 0 "a mood-1 entry is saved"
id1=$(cat "$OUT")
expect_eq "stdout is its ID alone" 1 "$(wc -l <"$OUT")"
expect_err "That sounds like a very hard day." "a kind line"
expect_err "call your local emergency number" "no plan yet: where to turn"
expect_err "'tend plan' helps you write down" "and how to make a plan"
expect_err "'tend ground' takes a few minutes" "and tend ground"
expect_no_err "milestone" "no milestone that day"
expect "the milestone waits in .tend/" test -s .tend/care-held

# the day's mean: (1 + 3) / 2 = 2 is still very low
t new -m "A bit steadier." --mood 3
expect_err "That sounds like a very hard day." "mean 2 of the day: the reply"
expect_no_err "milestone" "and still no milestone"
# an entry without a mood on that day: no reply, and no milestone yet
"$TEND" goal add rest "Rest more" >/dev/null
t new -m "Just a note." --goal rest
expect_no_err "very hard day" "no mood, no reply"
expect_no_err "milestone" "but the day is still low: no milestone"

# (1 + 3 + 9) / 3 = 4.3: the day is not very low any more
t new -m "Talked to Sam, feel much better." --mood 9
expect_no_err "very hard day" "mean 4.3: no reply"
expect_err "milestone for your goal 'Stay calm': first entry" "the held milestones now"
expect_err "milestone for your goal 'Rest more': first entry" "every one of them"
expect_not "and it is held no more" test -e .tend/care-held
t new -m "Another." --mood 8
expect_no_err "milestone" "announced once only"

# an entry dated another day stands on its own day
t new -m "Backdated." --mood 6 --date "3 days ago"
expect_no_err "very hard day" "another day's mood 6: no reply"

# the plan: its first lines, on a terminal; headings alone are no plan
printf '# My plan for the hard moments\n\n## What helps me\n\n## Who I can call\n\n' >plan.md
"$TEND" save >/dev/null
tty new -m Low. --mood 2 --date 2026-01-01
expect_out "call your local emergency number" "a plan of empty headings is no plan"
cat >plan.md <<'EOF'
# My plan for the hard moments

## What helps me

Cold water on my face.
Walk to the river.

## Who I can call

Samira 0170 555 0101
Dad 0170 555 0102
Helpline 0800 111 0111
Line eight
Line nine
EOF
"$TEND" save >/dev/null
tty new -m Low. --mood 2 --date 2026-01-02
expect_out "From your plan (all of it: tend plan show):" "the plan is shown"
expect_out "  Cold water on my face." "its first lines"
expect_out "  Samira 0170 555 0101" "who to call"
expect_no_out "# My plan for the hard moments" "without its title"
expect_no_out "Line nine" "at most eight lines"
expect_out "  ..." "and a mark that there is more"
expect_no_out "emergency number now" "no 'no plan' line"
# away from a terminal (a log, a script) the plan's words stay out
t new -m "Low again." --mood 2 --date 2026-01-03
expect_err "Your plan for the hard moments: tend plan show" "not a terminal: the plan is named"
expect_no_err "Samira" "but none of its words"
expect_no_err "emergency number now" "it is there, so no 'no plan' line"

# a plan that would command the terminal, or runs on and on
esc=$(printf '\033')
printf '# Plan\n\nA %s]0;owned%s line %s[2J here.\n%s\n' "$esc" "$(printf '\007')" "$esc" \
	"$(printf 'x%.0s' $(seq 1 300))" >plan.md
"$TEND" save >/dev/null
tty new -m Low. --mood 2 --date 2026-01-04
expect_not "no escape reaches the terminal" grep -q "$esc\]0\|$esc\[2J" "$OUT"
expect_out "A ?]0;owned? line ?[2J here." "control characters are shown as ?"
expect_out "$(printf 'x%.0s' $(seq 1 100))..." "a long line is cut at 100"
expect_no_out "$(printf 'x%.0s' $(seq 1 101))" "and no longer"
rm plan.md && mkdir plan.md
tty new -m Low. --mood 2 --date 2026-01-05
expect_eq "a plan that is a folder: still saved" 0 "$rc"
expect_out "call your local emergency number" "and taken as no plan"
rmdir plan.md
"$TEND" save >/dev/null

# edit: an entry edited down to a very low mood gets the reply
printf '#!/bin/sh\nsed -i "s/^mood: .*/mood: 1/" "$1"\n' >"$T/low"
printf '#!/bin/sh\ntrue\n' >"$T/same"
chmod +x "$T/low" "$T/same"
t new -m "Fine day." --mood 7 --date "5 days ago"
id7=$(cat "$OUT")
EDITOR="$T/same" t edit "$id7"
expect_no_err "very hard day" "an edit that changes nothing: no reply"
EDITOR="$T/low" t edit "$id7"
expect_rc 0 "edited to mood 1"
expect_err "That sounds like a very hard day." "the edit gets the reply"

# [care] settings
printf '[care]\nquiet = true\n' >.tend/config.ini
t new -m "Quiet please." --mood 1 --date "6 days ago"
expect_no_err "very hard day" "quiet: no reply"
expect_eq "quiet: the entry is saved all the same" 0 "$rc"
cat >.tend/config.ini <<'EOF'
[care]
low = 4
message = Oof. Be kind to yourself tonight.
ground = Try: tend ground -e box
no_plan = Call someone you trust.
EOF
t new -m "Meh." --mood 4 --date "7 days ago"
expect_err "Oof. Be kind to yourself tonight." "[care] message"
expect_err "Try: tend ground -e box" "[care] ground"
expect_err "Call someone you trust." "[care] no_plan"
expect_no_err "That sounds like" "not tend's own line"
printf '[care]\nmessage = A %s[31mred%s[0m line\n' "$esc" "$esc" >.tend/config.ini
tty new -m Meh. --mood 1 --date 2025-12-01
expect_not "[care] words are cleaned for the terminal too" grep -q "$esc\[31m" "$OUT"
expect_out "A ?[31mred?[0m line" "shown as ?"
printf '[care]\nlow = 0\n' >.tend/config.ini
t new -m "Zero." --mood 1 --date "9 days ago"
expect_no_err "Call someone" "low 0: never a reply"

printf '[care]\nlow = high\n' >.tend/config.ini
t new -m "x" --mood 5
expect_rc 2 "[care] low not a number: exit 2"
expect_err "a whole number from 0 to 100" "says what it must be"
printf '[care]\nquiet = maybe\n' >.tend/config.ini
t new -m "x" --mood 5
expect_rc 2 "[care] quiet not a boolean: exit 2"
expect_err "true or false" "says what it must be"
rm .tend/config.ini

# the day's mean in a journal with no index yet: the mood builds it
journal "$T/fresh"
"$TEND" new -m "Awful." --mood 1 >/dev/null 2>&1
t new -m "A little better." --mood 3
expect_err "That sounds like a very hard day." "no index yet: (1 + 3) / 2 still counts"

# the scale: a fifth of it unless set, and never the top of it
journal "$T/five"
printf '[mood]\nscale = 5\n' >>tend.ini
"$TEND" save >/dev/null 2>&1
t new -m x --mood 2
expect_no_err "very hard day" "scale 5: 2 is not very low (a fifth: 1)"
t new -m x --mood 1 --date "2 days ago"
expect_err "That sounds like a very hard day." "1 of 5 is"
printf '[care]\nlow = 10\n' >.tend/config.ini
t new -m x --mood 5 --date "4 days ago"
expect_no_err "very hard day" "[care] low 10 of 5: the best mood is not low"
expect_err "[care] low = 10 is not below [mood] scale = 5; taking 4" "it says what it takes"
t new -m x --mood 4 --date "6 days ago"
expect_err "That sounds like a very hard day." "4 of 5 is, then"
rm .tend/config.ini
journal "$T/hundred"
printf '[mood]\nscale = 100\n' >>tend.ini
"$TEND" save >/dev/null 2>&1
t new -m x --mood 20
expect_err "That sounds like a very hard day." "scale 100: 20 is a fifth"
t new -m x --mood 21 --date "3 days ago"
expect_no_err "very hard day" "21 is not"

# an encrypted journal keeps the held milestones sealed
encrypted_setup
journal "$T/sealed"
t encrypt --yes
"$TEND" goal add zebra-quiet "Quiet evenings" >/dev/null
t new -m "Awful." --mood 1 --goal zebra-quiet
expect_no_err "milestone" "encrypted: no milestone on the low day"
expect_not "no plain file of held milestones" test -e .tend/care-held
expect "a sealed one" test -s .tend/care-held.age
expect_not "which names no goal in the clear" grep -rq "zebra-quiet" .tend
t new -m "Better." --mood 8 --goal zebra-quiet
expect_err "milestone for your goal 'Quiet evenings': first entry" "announced from the sealed file"
expect_not "which is gone" test -e .tend/care-held.age
unset TEND_PASSPHRASE_FILE

# care prompts: the days after a very low day
journal "$T/p"
"$TEND" new -m "Good." --mood 8 --date "1 days ago" >/dev/null
"$TEND" new -m "Awful." --mood 1 --date "1 days ago" 2>/dev/null >/dev/null
"$TEND" new -m "Good." --mood 9 >/dev/null
reasons
expect_eq "after a very low day every prompt is of care" "" \
	"$(grep -v -e '^grounding|' -e '^self-care|' "$T/choices")"
expect_eq "because of that day" "" \
	"$(grep -vx 'because yesterday was very hard (mood 1)' "$T/reasons")"
journal "$T/p2"
"$TEND" new -m "Awful." --mood 2 --date "3 days ago" 2>/dev/null >/dev/null
"$TEND" new -m "Good." --mood 9 >/dev/null
"$TEND" new -m "Good." --mood 9 >/dev/null
reasons
day=$(date -d "3 days ago" +%A)
expect_eq "three days on, still care, naming the weekday" "" \
	"$(grep -vx "because $day was very hard (mood 2)" "$T/reasons")"
journal "$T/p3"
"$TEND" new -m "Awful." --mood 1 --date "4 days ago" 2>/dev/null >/dev/null
"$TEND" new -m "Good." --mood 9 >/dev/null
"$TEND" new -m "Good." --mood 9 >/dev/null
reasons
expect_eq "four days on, the usual rules" "" "$(grep 'very hard' "$T/reasons")"
journal "$T/p4"
"$TEND" new -m "Awful." --mood 1 2>/dev/null >/dev/null
reasons
expect_eq "the same day" "" \
	"$(grep -vx 'because today has been very hard (mood 1)' "$T/reasons")"

# prompt reasons count feelings and goals, not only tags
journal "$T/f"
for topic in $(ls "$LIB" | sed 's/\.md$//'); do
	[ "$topic" = resentment ] && continue
	"$TEND" new -m "About $topic." --tag "$topic" >/dev/null
done
reasons
expect_eq "every other topic written: resentment, never yet" "" \
	"$(grep -vx "resentment|because you haven't written about resentment yet" "$T/choices")"
"$TEND" new -m "Did all the chores again." --feeling resentful --date "5 days ago" >/dev/null
reasons
month=$(date -d "5 days ago" +%B)
expect_eq "a feeling of resentment is writing about it" "" \
	"$(grep -vx "resentment|because you haven't written about resentment since $month" "$T/choices")"

journal "$T/g"
"$TEND" goal add fair-share "Share the chores" --topic resentment >/dev/null
for topic in $(ls "$LIB" | sed 's/\.md$//'); do
	[ "$topic" = resentment ] && continue
	"$TEND" new -m "About $topic." --tag "$topic" >/dev/null
done
"$TEND" new -m "Asked for help with dinner." --goal fair-share --date "5 days ago" >/dev/null
reasons
expect_eq "an entry of a goal of the topic is writing about it" "" \
	"$(grep "resentment yet" "$T/reasons")"
expect "and that rule still chose resentment for some seed" \
	grep -q "resentment|because you haven't written about resentment since" "$T/choices"

done_testing
