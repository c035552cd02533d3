# tend review, as a month of use wanted it (issue 17): --date dates the
# review and what "last time" means; each question on a terminal says
# what 1 and 5 mean and the goal's rating last time; a review may carry
# a mood (--mood, or asked after the ratings); and a review is no goal
# entry for streaks and milestones, though it still rates the goal.
. tests/cli/lib.sh
journal "$T/j"

mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor write 'printf "Felt steadier.\n" >>"$1"'
mk_editor nothing ':'
export T

# front FILE: the front matter of FILE, both --- lines included
front() {
	awk 'NR == 1 { print; next } { print } /^---$/ { exit }' "$1"
}

# jnum KEY: the value of the top-level key KEY in the JSON object in $OUT
jnum() {
	sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" "$OUT" | head -1
}

# line_of TEXT: the number of the first line of $OUT holding TEXT
line_of() {
	grep -nF -- "$1" "$OUT" | head -1 | cut -d: -f1
}

today=$(date -u +%F)
yesterday=$(date -u -d yesterday +%F)
t goal add apple "Eat apples"
t goal add calm "Stay calm"

# --date: the review is dated WHEN, named and titled for that day
before=$(commits)
t review --date 2025-03-02 --rate calm=3 -m "An old week."
expect_rc 0 "review --date WHEN"
id=$(cat "$OUT")
f=$(entry_file "$id")
expect_eq "its ID is of that day" "2025-03-02-0000-weekly-review-2025-03-02" \
	"$id"
expect "it is filed under that month" test "$f" = "entries/2025/03/$id.md"
expect "its date is that day" grep -qx "date: 2025-03-02T00:00:00+00:00" "$f"
expect "its title names that day" \
	grep -qx "title: Weekly review, 2025-03-02" "$f"
expect "it keeps the rating" grep -qx "ratings: {calm: 3}" "$f"
expect_eq "one commit" "$((before + 1))" "$(commits)"
expect_eq "the commit names the day" "Add review: Weekly review, 2025-03-02" \
	"$(subject)"
t review --date '2025-03-09 21:30' --rate calm=4 -m "A later week."
expect_rc 0 "review --date with a time"
expect "it keeps the time" grep -qx "date: 2025-03-09T21:30:00+00:00" \
	"$(entry_file "$(cat "$OUT")")"
t review --date yesterday -m "Words of yesterday."
expect_rc 0 "review --date yesterday"
expect_eq "it is yesterday's review" "$yesterday-" "$(cut -c1-11 "$OUT")"

# a bad --date: nothing written, nothing committed
snap
for bad in "next tuesday" 2025-13-01 "" "3 fortnights ago"; do
	t review --date "$bad" --rate calm=3 -m "never saved"
	expect_rc 2 "--date '$bad' is a usage error"
	expect_err "cannot read the date '$bad'" "and names the date"
done
t review --rate calm=3 -m "never saved" --date
expect_rc 2 "--date without WHEN is a usage error"
expect_err "--date" "and names the option"
same "a bad --date"

# --mood: 1 to [mood] scale, in the front matter
t review --rate calm=4 --mood 7 -m "A good week."
expect_rc 0 "review --mood N"
f=$(entry_file "$(cat "$OUT")")
expect "the mood is in the front matter" grep -qx "mood: 7" "$f"
expect_eq "the keys are in the order tend-journal(5) gives" "title date mood goals tags ratings" \
	"$(front "$f" | sed -n 's/^\([a-z]*\):.*/\1/p' | paste -sd' ')"
t review --mood 10 -m "Just a mood."
expect_rc 0 "the scale's top is a mood"
expect "a review with a mood and no ratings" \
	grep -qx "mood: 10" "$(entry_file "$(cat "$OUT")")"
EDITOR="$T/nothing" t review --mood 3
expect_rc 0 "a review with a mood and nothing written"
expect "is kept, for its mood" \
	grep -qx "mood: 3" "$(entry_file "$(cat "$OUT")")"
snap
for bad in 0 11 x 3.5 -1 "" " 4" 99999999999999999999; do
	t review --rate calm=3 --mood "$bad" -m "never saved"
	expect_rc 2 "--mood '$bad' is a usage error"
	expect_err "mood must be a whole number from 1 to 10, not '$bad'" \
		"and says the range"
done
same "a bad --mood"
# scale N: set [mood] scale of the journal to N, committed
cp tend.ini "$T/tend.ini"
scale() {
	cp "$T/tend.ini" tend.ini
	printf '\n[mood]\nscale = %s\n' "$1" >>tend.ini
	git -c user.name=Me -c user.email=me@example.org commit -qam "Scale"
}
scale 5
t review --mood 6 -m "never saved"
expect_rc 2 "--mood over [mood] scale is a usage error"
expect_err "from 1 to 5, not '6'" "with the journal's scale"
t review --mood 5 -m "Top of a small scale."
expect_rc 0 "--mood at [mood] scale"
scale 10

# On a terminal each question says what 1 and 5 mean and the goal's
# rating last time: the one before the review's date, whenever written.
# calm was rated 3 on 2025-03-02 and 4 on 2025-03-09 (and 4 today).
printf '2\n\n' >"$T/typed"
on_tty "EDITOR='$T/write' '$TEND' review --date 2025-03-05 --mood 6"
expect_eq "review --date on a terminal" 0 "$rc"
expect_out "How did 'Eat apples' go in the week to 2025-03-05?" \
	"a question names the week it looks back on"
expect_out "1 = not at all, 5 = very well" "it says what 1 and 5 mean"
expect_out "not rated before" "a goal never rated says so"
expect_out "last time (2025-03-02): 3" \
	"a rated goal shows its rating before the review's date"
expect_no_out "2025-03-09" "not one given after it"
expect_no_out "Mood" "--mood is not asked again"
f=$(git show --name-only --format= HEAD)
expect "the answer is kept" grep -qx "ratings: {apple: 2}" "$f"
expect "and the mood of --mood" grep -qx "mood: 6" "$f"
expect "and the date" grep -q "^date: 2025-03-05T" "$f"

printf '1\n3\n\n' >"$T/typed"
on_tty "EDITOR='$T/write' '$TEND' review"
expect_eq "review on a terminal" 0 "$rc"
expect_out "How did 'Stay calm' go this week?" \
	"a review of today asks of this week"
expect_out "last time (2025-03-05): 2" \
	"last time is the latest rating of each goal"
expect_out "last time ($today): 4" "today's earlier review counts"
expect_out "Mood today, 1 to 10? (Enter to skip)" \
	"then it asks the mood, on the journal's scale"
expect "after the ratings" \
	test "$(line_of "Mood today")" -gt "$(line_of "How did 'Stay calm'")"
f=$(git show --name-only --format= HEAD)
expect "the ratings are kept" grep -qx "ratings: {apple: 1, calm: 3}" "$f"
expect_not "a skipped mood is not written" grep -q "^mood:" "$f"

# typed answers out of range are refused and asked again
printf '0\n6\nabc\n3.5\n-1\n 4\n4\n\n11\n0\nten\n8\n' >"$T/typed"
on_tty "EDITOR='$T/write' '$TEND' review"
expect_eq "review with answers out of range" 0 "$rc"
for bad in 0 6 abc 3.5 -1 " 4"; do
	expect_out "tend: '$bad' is not from 1 to 5" \
		"a rating of '$bad' is refused"
done
expect_eq "the question is asked until answered" 7 \
	"$(grep -c "How did 'Eat apples'" "$OUT")"
for bad in 11 0 ten; do
	expect_out "tend: '$bad' is not from 1 to 10" \
		"a mood of '$bad' is refused"
done
expect_eq "the mood is asked until answered" 4 \
	"$(grep -c "Mood today" "$OUT")"
f=$(git show --name-only --format= HEAD)
expect "the good answers are kept" grep -qx "ratings: {apple: 4}" "$f"
expect "and the mood" grep -qx "mood: 8" "$f"

# the mood on the journal's scale, asked for the review's day
scale 5
printf '\n\n7\n5\n' >"$T/typed"
on_tty "EDITOR='$T/write' '$TEND' review --date 2025-03-16"
expect_eq "review --date on a terminal, with a mood" 0 "$rc"
expect_out "Mood on 2025-03-16, 1 to 5? (Enter to skip)" \
	"the mood question names the day and the scale"
expect_out "tend: '7' is not from 1 to 5" "a mood over the scale is refused"
expect "the mood is kept" \
	grep -qx "mood: 5" "$(git show --name-only --format= HEAD)"
scale 10

# Milestones: a review is no goal entry for them, however many there
# are; it still counts among the goal's entries and keeps its rating.
milestone="tend: milestone for your goal 'Walk every week'"
M0=$(date -u -d "$today -$(($(date -u +%u) - 1)) days" +%F)
day() {
	date -u -d "$M0 $1 days" +%F
}
t goal add walk "Walk every week"
for k in 35 28 21 14 7 0; do
	t review --date "$(day -$k) 00:00" --rate walk=3 -m "Walked."
	expect_no_err "milestone" "a review $k days back announces no milestone"
done
t goal show walk --json
expect_eq "the reviews count among its entries" 6 "$(jnum entries)"
expect_eq "but make no streak" 0 "$(jnum streak_weeks)"
expect_eq "not even the longest" 0 "$(jnum longest_streak_weeks)"
expect_out '"milestones":[]' "and reach no milestone"
expect_eq "each keeps its rating" 6 "$(grep -o '"rating":3' "$OUT" | wc -l)"
t goal show walk
expect_out "$(day -35) 3, $(day -28) 3" "goal show lists the ratings"
expect_out "milestones: none yet" "and no milestone"

t new w1 -m "A walk." --goal walk --date "$(day -21) 09:00"
expect_err "$milestone: first entry" \
	"the first entry that is not a review is the first entry"
t new w2 -m "A walk." --goal walk --date "$(day -14) 09:00"
t new w3 -m "A walk." --goal walk --date "$(day -7) 09:00"
expect_no_err "milestone" \
	"three weeks of entries, and reviews every week: no streak yet"
t goal show walk --json
expect_eq "the streak is the entries' own" 3 "$(jnum streak_weeks)"
t new w4 -m "A walk." --goal walk --date "$M0 00:00"
expect_err "$milestone: four weeks in a row" \
	"the fourth week of entries reaches the streak"
t goal show walk --json
expect_out "{\"name\":\"four weeks in a row\",\"date\":\"$M0\"" \
	"dated by the entry that made it"
expect_out "{\"name\":\"first entry\",\"date\":\"$(day -21)\"" \
	"and the first entry by the first entry"

# ten entries: reviews do not help; an entry tagged review without
# ratings is no review, and one written by hand with both is one
for k in 5 6 7 8; do
	t new "w$k" -m "A walk." --goal walk --date "$(day -$((k * 7))) 09:00"
done
cat >"$T/review.md" <<'EOF'
---
title: A review by hand
goals: [walk]
tags: [review]
ratings: {walk: 2}
---

By hand.
EOF
t new --stdin --date "$(day -70) 09:00" <"$T/review.md"
expect_rc 0 "a review written with new --stdin"
expect_no_err "milestone" "is no ninth entry"
t new w9 -m "A walk." --goal walk --date "$(day -63) 09:00"
expect_no_err "tenth entry" "nine entries and seven reviews are not ten"
t goal show walk --json
expect_eq "sixteen entries name it" 16 "$(jnum entries)"
expect_out "\"rating\":2" "the hand-made review's rating is listed"
t new w10 -m "Reviewed a walk." --goal walk --tag review \
	--date "$(day -77) 09:00"
expect_err "$milestone: tenth entry" \
	"an entry tagged review without ratings is a goal entry: the tenth"
t check
expect_rc 0 "the journal checks clean"

done_testing
