# tend review (tend-journal(5), tend-review(1), issue 4): a weekly self-assessment of the
# goals, written as an entry tagged review with a ratings map and a goals
# list, and committed; bad ratings are refused; on a terminal without
# --rate it asks about each active goal, then opens the editor. A review
# reaches no milestone (issue 17; more in t-review-week.sh).
. tests/cli/lib.sh
journal "$T/j"

mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor write 'cp "$1" "$T/seen"; printf "Felt steadier.\n" >>"$1"'
mk_editor nothing 'cp "$1" "$T/seen"'
export T

# front FILE: the front matter of FILE, both --- lines included
front() {
	awk 'NR == 1 { print; next } { print } /^---$/ { exit }' "$1"
}

# entry_count: how many entry files there are
entry_count() {
	find entries -name '*.md' 2>/dev/null | wc -l
}

today=$(date -u +%F)
t goal add boundaries "Hold my boundaries"
t goal add calm "Stay calm"
t goal add apple "Eat apples"
t goal add zed "Sleep more"
t goal pause zed

# review --rate
before=$(commits)
t review --rate boundaries=3 --rate calm=4 -m "A steadier week."
expect_rc 0 "review --rate -m writes a review"
id=$(cat "$OUT")
f=$(entry_file "$id")
expect "it is an entry under entries/" test -n "$f" -a -f "$f"
expect_eq "it is named for today's review" \
	"$today-" "$(printf %s "$id" | cut -c1-11)"
expect "its title says it is the week's review" \
	grep -qx "title: Weekly review, $today" "$f"
expect "it is tagged review" grep -qx "tags: \[review\]" "$f"
expect "it lists the goals it rated" grep -qx "goals: \[boundaries, calm\]" "$f"
expect "it has the ratings map" \
	grep -qx "ratings: {boundaries: 3, calm: 4}" "$f"
expect_eq "the keys are in the order tend-journal(5) gives" "title date goals tags ratings" \
	"$(front "$f" | sed -n 's/^\([a-z]*\):.*/\1/p' | paste -sd' ')"
expect "the text is the body" grep -qx "A steadier week." "$f"
expect_eq "one commit" "$((before + 1))" "$(commits)"
case $(subject) in
*"Weekly review, $today") pass "the commit says it is the review" ;;
*) fail "the commit says it is the review" "got: $(subject)" ;;
esac
expect_eq "the commit holds just the review" "$f" \
	"$(git show --name-only --format= HEAD)"
expect "the work tree is clean" test -z "$(git status --porcelain)"
expect_no_err "milestone" \
	"a review announces no milestone, not even a goal's first entry"

t list --tag review --format json
expect_out '"ratings":{"boundaries":3,"calm":4}' "list --format json has the ratings"
expect_out '"goals":["boundaries","calm"]' "and the goals"
t goal show boundaries --json
expect_out "\"ratings\":[{\"date\":\"$today\",\"rating\":3,\"entry\":\"$id\"}]" \
	"goal show --json has the rating with its day and entry"
expect_out '"entries":1' "the review counts as an entry of the goal"
expect_out '"milestones":[]' "but reaches no milestone (issue 17)"

sleep 1	# a second later, so that the two reviews never share a date
t review --rate boundaries=05 -m "Better."
expect_rc 0 "a second review the same day"
id2=$(cat "$OUT")
expect_not "it gets its own ID" test "$id" = "$id2"
expect "a leading zero is read as the number" \
	grep -qx "ratings: {boundaries: 5}" "$(entry_file "$id2")"
expect_no_err "milestone" "nor does a second one"
t goal show boundaries --json
expect_out "{\"date\":\"$today\",\"rating\":3,\"entry\":\"$id\"},{\"date\":\"$today\",\"rating\":5,\"entry\":\"$id2\"}" \
	"goal show has both ratings, oldest first"
t goal show boundaries
expect_out "$today 3, $today 5" "and so does its text"

# bad ratings: nothing written, nothing committed
before=$(commits)
files=$(entry_count)
for bad in boundaries=0 boundaries=6 boundaries=x boundaries= boundaries=3.5 \
	boundaries=-1 "boundaries=+3" "boundaries= 3" boundaries=99999999999999999999; do
	t review --rate "$bad" -m "never saved"
	expect_rc 2 "--rate $bad is a usage error"
done
expect_err "from 1 to 5" "the message gives the range"
t review --rate nope=3 -m "never saved"
expect_rc 2 "rating an unknown goal is a usage error"
expect_err "no goal 'nope'" "and names it"
t review --rate boundaris=3 -m "never saved"
expect_rc 2 "a slip in a goal's name is a usage error"
expect_err "there is no goal 'boundaris'; did you mean 'boundaries'?" "naming the goal meant"
t review --rate ../tend=3 -m "never saved"
expect_rc 2 "a path is not a goal"
for bad in boundaries =3 "" ; do
	t review --rate "$bad" -m "never saved"
	expect_rc 2 "--rate '$bad' without GOAL=N is a usage error"
done
t review --rate boundaries=3 --rate calm=9 -m "never saved"
expect_rc 2 "one bad rating among good ones refuses the whole review"
t review --rate calm=3 --rate calm=4 -m "never saved"
expect_rc 2 "rating a goal twice is a usage error"
t review extra -m "never saved"
expect_rc 2 "review takes no other words"
expect_eq "no entry was written for bad ratings" "$files" "$(entry_count)"
expect_eq "nothing was committed for bad ratings" "$before" "$(commits)"
expect "no drafts are left" test -z "$(ls .tend/drafts 2>/dev/null)"

# not a terminal: nothing is asked
printf '3\n4\n' >"$T/answers"
t review -m "Just words." <"$T/answers"
expect_rc 0 "review -m without --rate off a terminal"
expect_no_err "How did" "asks nothing when not on a terminal"
f=$(entry_file "$(cat "$OUT")")
expect "it is tagged review" grep -qx "tags: \[review\]" "$f"
expect_not "it has no ratings" grep -q "^ratings:" "$f"

# --rate without -m: the editor opens on the review template
EDITOR="$T/write" t review --rate apple=2
expect_rc 0 "review --rate without -m opens the editor"
expect "the editor had the review template" grep -qx "## How the week went" "$T/seen"
f=$(entry_file "$(cat "$OUT")")
expect "what was written is saved" grep -qx "Felt steadier." "$f"
expect "with the rating" grep -qx "ratings: {apple: 2}" "$f"
expect "and the tag" grep -qx "tags: \[review\]" "$f"

# on a terminal: a question for each active goal, in order of their IDs
# (apple, boundaries, calm; zed is paused); 9 is refused and asked
# again, Enter skips
rm -f "$T/seen"
before=$(commits)
printf '4\n9\n\n2\n' | script -qec "EDITOR='$T/write' '$TEND' review" /dev/null \
	>"$OUT" 2>&1
rc=$?
expect_rc 0 "review on a terminal asks, then opens the editor"
expect_out "How did 'Eat apples' go this week?" "it asks about the first goal"
expect_out "How did 'Hold my boundaries' go this week?" "and the next"
expect_out "How did 'Stay calm' go this week?" "and the last"
expect_no_out "Sleep more" "but not about a paused goal"
expect_out "'9' is not from 1 to 5" "a rating out of range is refused"
expect_eq "and the question asked again" 2 \
	"$(grep -o "How did 'Hold my boundaries'" "$OUT" | wc -l)"
expect "the editor opened on the review template" \
	grep -qx "## How the week went" "$T/seen"
expect_eq "one commit" "$((before + 1))" "$(commits)"
f=$(git show --name-only --format= HEAD)
case $f in
entries/*) pass "the review is an entry" ;;
*) fail "the review is an entry" "the last commit holds: $f" ;;
esac
expect "it holds the answers as ratings" \
	grep -qx "ratings: {apple: 4, calm: 2}" "$f"
expect "and the goals rated, not the one skipped" \
	grep -qx "goals: \[apple, calm\]" "$f"
expect "it is tagged review" grep -qx "tags: \[review\]" "$f"
expect "and has what was written" grep -qx "Felt steadier." "$f"
t check
expect_rc 0 "the journal checks clean after the review"

printf '\n\n\n' | script -qec "EDITOR='$T/nothing' '$TEND' review" /dev/null \
	>"$OUT" 2>&1
rc=$?
expect_rc 0 "skipping every goal and writing nothing is not an error"
expect_out "nothing was saved" "the empty review is discarded with a message"
expect_eq "and not committed" "$((before + 1))" "$(commits)"

: </dev/null | script -qec "EDITOR='$T/write' '$TEND' review --rate calm=5" \
	/dev/null >"$OUT" 2>&1
rc=$?
expect_rc 0 "review --rate on a terminal"
expect_no_out "How did" "asks nothing when --rate is given"
expect "it has just that rating" \
	grep -qx "ratings: {calm: 5}" "$(git show --name-only --format= HEAD)"

done_testing
