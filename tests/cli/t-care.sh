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

# reasons: the reason of tend prompt --json for seeds 0..11, a line each,
# in $T/reasons (and TOPIC|REASON in $T/choices)
reasons() {
	: >"$T/json"
	for s in $(seq 0 11); do
		"$TEND" prompt --json --seed "$s" >>"$T/json" 2>>"$T/perr"
	done
	field reason "$T/json" >"$T/reasons"
	field topic "$T/json" | paste -d'|' - "$T/reasons" >"$T/choices"
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

# the plan: its first lines; headings alone are no plan
printf '# My plan for the hard moments\n\n## What helps me\n\n## Who I can call\n\n' >plan.md
"$TEND" save >/dev/null
t new -m "Low again." --mood 2 --date "2 days ago"
expect_err "call your local emergency number" "a plan of empty headings is no plan"
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
t new -m "Low again." --mood 2 --date "2 days ago"
expect_err "From your plan (all of it: tend plan show):" "the plan is shown"
expect_err "  Cold water on my face." "its first lines"
expect_err "  Samira 0170 555 0101" "who to call"
expect_no_err "# My plan for the hard moments" "without its title"
expect_no_err "Line nine" "at most eight lines"
expect_err "  ..." "and a mark that there is more"
expect_no_err "emergency number now" "no 'no plan' line"

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
expect_err "Cold water on my face." "the plan still shown"
rm plan.md
"$TEND" save >/dev/null
t new -m "Meh." --mood 4 --date "8 days ago"
expect_err "Call someone you trust." "[care] no_plan"
expect_no_err "That sounds like" "not tend's own line"
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
