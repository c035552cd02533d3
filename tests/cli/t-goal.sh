# tend goal (tend-journal(5), tend-goal(1), issue 4): goals/ID.md written and committed,
# listed, shown, its status changed and edited; and its progress read
# from the entries that name it, checked against numbers worked out by
# hand for a small journal dated relative to today.
. tests/cli/lib.sh
journal "$T/j"

mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor retitle 'sed -i "s/^title:.*/title: Keep calm/" "$1"
printf "Because I go numb when it gets loud.\n" >>"$1"'
mk_editor nothing ':'
mk_editor badstatus 'sed -i "s/^status:.*/status: maybe/" "$1"'
mk_editor started 'sed -i "s/^started:.*/started: $T_STARTED/" "$1"'

# front FILE: the front matter of FILE, both --- lines included
front() {
	awk 'NR == 1 { print; next } { print } /^---$/ { exit }' "$1"
}

# jnum KEY: the value of the top-level key KEY in the JSON object in $OUT
jnum() {
	sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" "$OUT" | head -1
}

# goal_count: how many goal files there are
goal_count() {
	ls goals 2>/dev/null | wc -l
}

today=$(date -u +%F)

# goal add
t goal add boundaries "Hold my boundaries" --target 2027-03-01 \
	--topic boundaries --topic needs
expect_rc 0 "goal add writes a goal"
expect_eq "goal add prints the ID" boundaries "$(cat "$OUT")"
g=goals/boundaries.md
expect "the goal is goals/ID.md" test -f "$g"
expect_eq "its front matter is title, status, started, target, topics" "---
title: Hold my boundaries
status: active
started: $today
target: 2027-03-01
topics: [boundaries, needs]
---" "$(front "$g")"
expect "its body asks why it matters" grep -qx "## Why it matters" "$g"
expect "and what success looks like" grep -qx "## What success looks like" "$g"
expect_eq "the goal file is private (0600)" 600 "$(mode "$g")"
expect_eq "so is goals/ (0700)" 700 "$(mode goals)"
expect_eq "committed as Add goal: ID" "Add goal: boundaries" "$(subject)"
expect_eq "the commit holds just the goal" "$g" \
	"$(git show --name-only --format= HEAD)"
expect "the work tree is clean" test -z "$(git status --porcelain)"

t goal add self-care Time for me
expect_rc 0 "a title may be several words"
expect "they make one title" grep -qx "title: Time for me" goals/self-care.md
expect_not "a goal without --target has no target" grep -q "^target:" \
	goals/self-care.md
t goal add yes-no no
expect "a title YAML would misread is quoted" grep -qx 'title: "no"' \
	goals/yes-no.md
t goal show yes-no --json
expect_out '"title":"no"' "and reads back as the same text"
long=$(printf 'a%.0s' $(seq 60))
t goal add "$long" Long
expect_rc 0 "a 60-byte ID is fine"

before=$(commits)
goals_before=$(goal_count)
for bad in Bad a--b -lead trail- a_b x.y ../evil "" é "a$long" "a b"; do
	t goal add -- "$bad" "A title"
	expect_rc 2 "'$bad' is not a goal ID"
done
expect_err "is not a goal ID" "the message says why"
expect_eq "no file for bad IDs" "$goals_before" "$(goal_count)"
expect "nothing was written outside goals/ either" test ! -e evil.md
cp "$g" "$T/g.before"
t goal add boundaries "Something else"
expect_rc 1 "a goal that exists already is not overwritten"
expect_err "the goal 'boundaries' exists already" "and says so"
expect "the goal file is untouched" cmp "$T/g.before" "$g"
for bad in tomorrowish 2026-02-30 "next year" ""; do
	t goal add later "Later" --target "$bad"
	expect_rc 2 "an unreadable --target '$bad' is a usage error"
done
expect_err "cannot read the date ''" "the message quotes the date"
t goal add later "Later" --topic no-such-topic
expect_rc 2 "an unknown --topic is a usage error"
expect_err "no prompt topic 'no-such-topic'" "and names it"
t goal add later
expect_rc 2 "goal add without a title is a usage error"
t goal add later "Later" --all
expect_rc 2 "goal add does not take --all"
expect "no goal file for bad input" test ! -e goals/later.md
expect_eq "nothing was committed for bad input" "$before" "$(commits)"
expect "the work tree is still clean" test -z "$(git status --porcelain)"

t goal
expect_rc 2 "goal without a subcommand is a usage error"
t goal frob
expect_rc 2 "an unknown subcommand is a usage error"
t goal show
expect_rc 2 "goal show needs an ID"
t goal list extra
expect_rc 2 "goal list takes no ID"

# status: pause, resume, drop, done
t goal add calm "Stay calm"
before=$(commits)
t goal pause calm
expect_rc 0 "goal pause"
expect_out "The goal 'calm' is paused." "says what it did"
expect "status: paused is in the file" grep -qx "status: paused" goals/calm.md
expect_eq "committed as Pause goal: ID" "Pause goal: calm" "$(subject)"
expect_eq "the commit holds just the goal" goals/calm.md \
	"$(git show --name-only --format= HEAD)"
t goal pause calm
expect_rc 0 "pausing a paused goal is fine"
expect_out "paused already" "and says so"
expect_eq "without a commit" "$((before + 1))" "$(commits)"

t goal list
expect_rc 0 "goal list"
expect_out "Hold my boundaries" "lists an active goal"
expect_out "Time for me" "every active goal"
expect_no_out "calm" "but not a paused one"
t goal list --all
expect_out "Stay calm" "--all lists the paused goal too"
expect_out "paused" "with its status"
t goal list --json
expect_rc 0 "goal list --json"
expect_out '"id":"boundaries"' "the JSON has the active goals"
expect_out '"target":"2027-03-01"' "with their target"
expect_out '"topics":["boundaries","needs"]' "and topics"
expect_no_out '"id":"calm"' "but not the paused one"
t goal list --all --json
expect_out '"id":"calm","title":"Stay calm","status":"paused"' \
	"--all --json has the paused goal and its status"

t goal resume calm
expect_rc 0 "goal resume"
expect "status: active is back" grep -qx "status: active" goals/calm.md
expect_eq "committed as Resume goal: ID" "Resume goal: calm" "$(subject)"
t goal drop calm
expect_rc 0 "goal drop"
expect "status: dropped" grep -qx "status: dropped" goals/calm.md
expect_eq "committed as Drop goal: ID" "Drop goal: calm" "$(subject)"
t goal list
expect_no_out "calm" "a dropped goal is not listed"
t goal resume calm

before=$(commits)
for sub in show done pause resume drop edit; do
	EDITOR="$T/nothing" t goal "$sub" nope
	expect_rc 1 "goal $sub of an unknown goal fails"
done
expect_err "no goal 'nope'" "the message names the goal"
t goal done Nope
expect_rc 2 "a goal ID that is not a slug is a usage error"
t goal show ../tend
expect_rc 2 "so is a path"
expect "no file was made for unknown goals" test ! -e goals/nope.md
expect_eq "nothing was committed for unknown goals" "$before" "$(commits)"

# edit
cp goals/calm.md "$T/calm.before"
EDITOR="$T/nothing" t goal edit calm
expect_rc 0 "an edit without changes is fine"
expect_err "no changes to 'calm'" "and says so"
expect_eq "without a commit" "$before" "$(commits)"
EDITOR="$T/badstatus" t goal edit calm
expect_rc 3 "an edit that breaks the front matter is invalid content"
expect_err "status must be active, achieved, paused or dropped" \
	"and says what is wrong"
expect_err "your draft is kept in" "the draft is kept"
expect "the goal is untouched" cmp "$T/calm.before" goals/calm.md
expect_eq "nothing was committed" "$before" "$(commits)"
rm -f .tend/drafts/*
EDITOR="$T/retitle" t goal edit calm
expect_rc 0 "goal edit opens the editor and commits the change"
expect "the new title is in the file" grep -qx "title: Keep calm" goals/calm.md
expect "and the new words" grep -qx "Because I go numb when it gets loud." \
	goals/calm.md
expect_eq "committed as Edit goal: ID" "Edit goal: calm" "$(subject)"
expect "no drafts are left" test -z "$(ls .tend/drafts)"
t goal show calm
expect_out "Keep calm" "goal show has the new title"

# Progress, against numbers worked out by hand. Weeks start on Monday;
# M0 is this week's Monday. The goal started 11 weeks before M0. Entries:
#   1  M0-70d  mood 2              week -10
#   2  M0-63d  mood 4              week -9
#   3  M0-56d  mood 3              week -8
#   4  M0-49d  no mood             week -7  (4 weeks in a row)
#   5  M0-42d  mood 3, rated 2     week -6
#   6  M0-14d  mood 6              week -2
#   7  M0-7d   mood 7              week -1
#   8  M0-6d   mood 8, rated 4     week -1
#   9  M0      mood 9              week 0
#  10  now     no mood             week 0   (the tenth entry)
# so: longest run 5 weeks (-10..-6), current run 3 (-2..0); the last 30
# days hold 6..9 (and 10); the life's middle is between M0-38.5d and
# M0-35d, so mood is (2+4+3+3)/4 = 3.00 early and (6+7+8+9)/4 = 7.50 late.
M0=$(date -u -d "$today -$(($(date -u +%u) - 1)) days" +%F)
day() {
	date -u -d "$M0 $1 days" +%F
}
T_STARTED=$(day -77)
export T T_STARTED
EDITOR="$T/started" t goal edit boundaries
expect "the goal's start is set" grep -qx "started: $T_STARTED" "$g"

# The first entry has mood 2, a very low day, whose milestones would
# wait (issue 17); these are counted without that: [care] low = 0.
mkdir -p "$XDG_CONFIG_HOME/tend"
printf '[care]\nlow = 0\n' >"$XDG_CONFIG_HOME/tend/config.ini"
milestone="tend: milestone for your goal 'Hold my boundaries'"
# add NAME DATE [MOOD]: an entry for boundaries; its ID in $id
add() {
	t new "$1" -m "About $1." --goal boundaries --date "$2" ${3:+--mood "$3"}
	id=$(cat "$OUT")
}
# rated NAME DATE MOOD RATING: the same with a rating in its front matter
rated() {
	printf -- '---\ntitle: %s\nmood: %s\ngoals: [boundaries]\nratings: {boundaries: %s}\n---\n\nRated.\n' \
		"$1" "$3" "$4" >"$T/rated.md"
	t new --stdin --date "$2" <"$T/rated.md"
	id=$(cat "$OUT")
}

add one "$(day -70) 10:00" 2
id1=$id
expect_rc 0 "the first entry for the goal"
expect_err "$milestone: first entry" "announces the first-entry milestone"
add two "$(day -63) 10:00" 4
expect_no_err "milestone" "the second entry announces nothing"
add three "$(day -56) 10:00" 3
expect_no_err "milestone" "nor the third"
add four "$(day -49) 10:00"
id4=$id
expect_err "$milestone: four weeks in a row" \
	"the fourth week in a row announces the streak milestone"
expect_eq "and only that" 1 "$(grep -c milestone "$ERR")"
rated five "$(day -42) 10:00" 3 2
id5=$id
expect_rc 0 "an entry with a rating"
expect_no_err "milestone" "a fifth week in a row announces nothing new"
add six "$(day -14) 10:00" 6
expect_no_err "milestone" "a new run of weeks announces nothing"
add seven "$(day -7) 10:00" 7
rated eight "$(day -6) 10:00" 8 4
id8=$id
add nine "$M0 00:00" 9
id9=$id
expect_no_err "milestone" "the ninth entry announces nothing"

t goal show boundaries --json
expect_rc 0 "goal show --json"
expect_eq "entries: 9" 9 "$(jnum entries)"
expect_eq "first is the oldest entry" "\"$id1\"" "$(jnum first)"
expect_eq "last is the newest entry" "\"$id9\"" "$(jnum last)"
expect_eq "4 entries in the last 30 days" 4 "$(jnum last_30_days)"
expect_eq "the current streak is 3 weeks" 3 "$(jnum streak_weeks)"
expect_eq "the longest streak is 5 weeks" 5 "$(jnum longest_streak_weeks)"
expect_eq "mood in the first half of its life is 3.00" 3.00 \
	"$(jnum mood_first_half | awk '{ printf "%.2f", $1 }')"
expect_eq "mood in the second half is 7.50" 7.50 \
	"$(jnum mood_second_half | awk '{ printf "%.2f", $1 }')"
expect_out "\"ratings\":[{\"date\":\"$(day -42)\",\"rating\":2,\"entry\":\"$id5\"},{\"date\":\"$(day -6)\",\"rating\":4,\"entry\":\"$id8\"}]" \
	"ratings over time, oldest first, with their entries"
expect_out "{\"name\":\"first entry\",\"date\":\"$(day -70)\",\"entry\":\"$id1\"}" \
	"the first-entry milestone with its date and entry"
expect_out "{\"name\":\"four weeks in a row\",\"date\":\"$(day -49)\",\"entry\":\"$id4\"}" \
	"the streak milestone with its date and entry"
expect_no_out "tenth entry" "no tenth entry yet"
expect_eq "goal show announces nothing" "" "$(cat "$ERR")"

t goal show boundaries
expect_rc 0 "goal show"
expect_out "Hold my boundaries" "shows the title"
expect_out "$(day -70)" "the first entry's day"
expect_out "$M0" "the last entry's day"
expect_out "3.0" "the mood early in its life"
expect_out "7.5" "and late"
expect_out "$(day -42) 2, $(day -6) 4" "the ratings over time"
expect_out "first entry $(day -70)" "the first-entry milestone"
expect_out "four weeks in a row $(day -49)" "the streak milestone"

t new ten -m "About ten." --goal boundaries --date now
id10=$(cat "$OUT")
expect_err "$milestone: tenth entry" "the tenth entry announces its milestone"
expect_eq "and only that" 1 "$(grep -c milestone "$ERR")"
sleep 1	# a second later, so that the two never share a date
t new eleven -m "About eleven." --goal boundaries --date now
expect_no_err "milestone" "the eleventh announces nothing"
t rm "$(cat "$OUT")"
t goal show boundaries --json
expect_eq "entries: 10" 10 "$(jnum entries)"
expect_eq "last is the tenth" "\"$id10\"" "$(jnum last)"
expect_eq "5 entries in the last 30 days" 5 "$(jnum last_30_days)"
expect_eq "still 3 weeks in a row" 3 "$(jnum streak_weeks)"
expect_out "{\"name\":\"tenth entry\",\"date\":\"$today\",\"entry\":\"$id10\"}" \
	"the tenth-entry milestone is shown"
t goal list
expect_out "Hold my boundaries" "goal list shows the goal"
expect_out "10 entries" "with its count"
t goal list --json
expect_out '"entries":10' "goal list --json has the count"
expect_out '"streak_weeks":3,"longest_streak_weeks":5' "and the streaks"

# done: achieved, once
before=$(commits)
t goal done boundaries
expect_rc 0 "goal done"
expect_out "The goal 'boundaries' is achieved." "says so"
expect "status: achieved" grep -qx "status: achieved" "$g"
expect "achieved: today" grep -qx "achieved: $today" "$g"
expect "the target is kept" grep -qx "target: 2027-03-01" "$g"
expect_eq "committed as Achieve goal: ID" "Achieve goal: boundaries" "$(subject)"
expect_err "$milestone: achieved" "done announces the achieved milestone"
t goal done boundaries
expect_rc 0 "done again is fine"
expect_no_err "milestone" "but is not celebrated twice"
expect_eq "and not committed twice" "$((before + 1))" "$(commits)"
t goal show boundaries --json
expect_out '"status":"achieved"' "goal show --json has the status"
expect_out "\"achieved\":\"$today\"" "and the day"
expect_out "{\"name\":\"achieved\",\"date\":\"$today\"" \
	"the achieved milestone is shown"
expect_eq "the numbers stay: 10 entries" 10 "$(jnum entries)"
expect_eq "mood early stays 3.00" 3.00 \
	"$(jnum mood_first_half | awk '{ printf "%.2f", $1 }')"
t goal show boundaries
expect_out "achieved $today" "goal show says when it was achieved"
t goal list
expect_no_out "Hold my boundaries" "an achieved goal is not active"
t goal list --all
expect_out "achieved" "goal list --all shows it as achieved"
t goal resume boundaries
expect "a resumed goal is active" grep -qx "status: active" "$g"
expect_not "and no longer achieved" grep -q "^achieved:" "$g"

# Milestones are announced by the command that reaches them, once,
# whatever the dates of the entries (entries are often written later).
t goal add walk "Walk every week"
t new w0 -m x --goal walk --date "$M0 00:00"
expect_err "for your goal 'Walk every week': first entry" "a first entry"
t new back -m x --goal walk --date "$(day -14) 10:00"
expect_no_err "first entry" \
	"an older entry written later does not celebrate the first entry again"
t goal add steps "Small steps"
for k in 9 8 7 6 5 4 3 2 1; do
	t new "s$k" -m x --goal steps --date "$(day -$((k * 7 + 100))) 10:00"
done
t new late -m x --goal steps --date "$(day -400) 10:00"
expect_err "for your goal 'Small steps': tenth entry" \
	"the command that makes the tenth entry announces it, whatever its date"
t goal show steps --json
expect_eq "it has 10 entries" 10 "$(jnum entries)"

t goal add gap "Fill the gap"
for k in 0 7 21; do
	t new "g$k" -m x --goal gap --date "$(day -$k) 00:00"
done
t goal show gap --json
expect_eq "three weeks and a gap: the longest run is 2 weeks" 2 \
	"$(jnum longest_streak_weeks)"
t new g14 -m x --goal gap --date "$(day -14) 10:00"
expect_err "for your goal 'Fill the gap': four weeks in a row" \
	"the entry that completes four weeks in a row announces it"

# The first and second half of a goal's life begin with its first entry
# when entries name it before the goal file was written (by hand: tend
# new --goal takes only a goal that has a file).
# by_hand DAYS-AGO MOOD: an entry file naming the goal 'later'
by_hand() {
	d=$(date -u -d "$1 days ago" +%F)
	mkdir -p "entries/$(date -u -d "$d" +%Y/%m)"
	printf -- '---\ntitle: By hand\ndate: %sT10:00:00+00:00\nmood: %s\ngoals: [later]\n---\n\nx\n' \
		"$d" "$2" >"entries/$(date -u -d "$d" +%Y/%m)/$d-1000-by-hand.md"
}
by_hand 60 2
by_hand 10 8
"$TEND" save -m "Entries by hand" >/dev/null 2>&1
t goal add later "Added later"
t goal show later --json
expect_eq "two entries" 2 "$(jnum entries)"
expect_eq "the early entry is in the first half" 2.00 \
	"$(jnum mood_first_half | awk '{ printf "%.2f", $1 }')"
expect_eq "the recent one in the second half" 8.00 \
	"$(jnum mood_second_half | awk '{ printf "%.2f", $1 }')"

# no goals
journal "$T/empty"
t goal list
expect_rc 0 "goal list without goals is fine"
expect_err "no active goals yet" "and says how to add one"
t goal list --json
expect_eq "goal list --json without goals is []" "[]" "$(cat "$OUT")"

done_testing
