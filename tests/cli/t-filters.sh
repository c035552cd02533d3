# The FILTERS of tend-list(1) on list (search shares them): dates and every
# WHEN form, tags, goals, feelings, moods, shared and private, -n.
. tests/cli/lib.sh
journal "$T/j"
"$TEND" goal add boundaries "Boundaries" >/dev/null
"$TEND" goal add self-care "Self-care" >/dev/null

n() {	# n TITLE DATE [OPTIONS...]: a new entry
	title=$1
	date=$2
	shift 2
	"$TEND" new "$title" -m "About $title." --date "$date" "$@" >/dev/null ||
		echo "Bail out! cannot make $title"
}
n "jan" "2025-01-15 09:00" --mood 2 --tag conflict --tag family \
	--feeling angry --goal boundaries
n "feb" "2025-02-10 21:30" --mood 4 --tag conflict --feeling sad --share
n "feb-late" "2025-02-28 23:59" --mood 6 --tag Friends --private
n "mar" "2025-03-01 00:00" --mood 8 --tag walk --feeling calm --goal self-care
n "old" "2024-12-31 12:00" --tag conflict
n "relative" "3 days ago 12:00" --mood 5 --tag recent
n "yest" "yesterday 21:00" --mood 7 --tag recent
n "today" "today 00:01" --mood 9

ids() {
	t list --format ids "$@"
	sed 's/^[0-9-]*-[0-9]\{4\}-//' "$OUT" | paste -sd' '
}

expect_eq "all, newest first" "today yest relative mar feb-late feb jan old" "$(ids)"
expect_eq "--on a day" "feb" "$(ids --on 2025-02-10)"
expect_eq "--on a month" "feb-late feb" "$(ids --on 2025-02)"
expect_eq "--on a year" "mar feb-late feb jan" "$(ids --on 2025)"
expect_eq "--from a day starts at its first second" "mar feb-late feb jan" \
	"$(ids --from 2025-01-15 --to 2025-03-01)"
expect_eq "--to a day ends at its last second" "feb-late feb jan old" \
	"$(ids --to 2025-02-28)"
expect_eq "--from a month" "mar feb-late" "$(ids --from 2025-02-11 --to 2025-03)"
expect_eq "--from with a time" "feb-late" "$(ids --from "2025-02-28 23:59" --to "2025-02-28 23:59")"
expect_eq "--to with a time covers that minute" "feb jan old" "$(ids --to "2025-02-10 21:30")"
expect_eq "--from 9pm on a day" "feb" "$(ids --on 2025-02-10 --from "2025-02-10 9pm")"
expect_eq "--from a year" "today yest relative mar feb-late feb jan" "$(ids --from 2025)"
expect_eq "--on yesterday" "yest" "$(ids --on yesterday)"
expect_eq "--on today" "today" "$(ids --on today)"
expect_eq "--from '3 days ago'" "today yest relative" "$(ids --from "3 days ago")"
expect_eq "--on '3 days ago'" "relative" "$(ids --on "3 days ago")"
expect_eq "--from '1 week ago'" "today yest relative" "$(ids --from "1 week ago")"
expect_eq "--from 'last week'" "today yest relative" "$(ids --from "last week")"
expect_eq "--to '2 weeks ago'" "mar feb-late feb jan old" "$(ids --to "2 weeks ago")"
expect_eq "--from '1 month ago'" "today yest relative" "$(ids --from "1 month ago")"
wd=$(date -d "4 days ago" +%A | tr A-Z a-z)
expect_eq "--from 'last $wd' (4 days ago)" "today yest relative" \
	"$(ids --from "last $wd")"
wd=$(date -d "2 days ago" +%A | tr A-Z a-z)
expect_eq "--from 'last $wd' (2 days ago)" "today yest" "$(ids --from "last $wd")"
expect_eq "--to now" "today yest relative mar feb-late feb jan old" "$(ids --to now)"

for bad in "next tuesday" "2025-13" "2025-02-30" "soon" "3 fortnights ago" "25:00"; do
	t list --from "$bad"
	expect_rc 2 "--from '$bad' is a usage error"
done
expect_err "cannot read the date '25:00'" "with the text quoted"
t list --on "someday"
expect_err "cannot read the date 'someday'" "--on quotes it too"

expect_eq "--tag" "feb jan old" "$(ids --tag conflict)"
expect_eq "--tag twice: both" "jan" "$(ids --tag conflict --tag family)"
expect_eq "--tag in any case" "feb-late" "$(ids --tag friends)"
expect_eq "--tag that no entry has" "" "$(ids --tag nothing)"
expect_eq "--tag matches whole tags only" "" "$(ids --tag conf)"
expect_eq "--not-tag" "today yest relative mar feb-late" "$(ids --not-tag conflict --not-tag family)"
expect_eq "--goal" "mar" "$(ids --goal self-care)"
expect_eq "--feeling" "feb" "$(ids --feeling sad)"
expect_eq "--mood N" "feb" "$(ids --mood 4)"
expect_eq "--mood =N" "feb" "$(ids --mood =4)"
expect_eq "--mood <=N" "feb jan" "$(ids --mood '<=4')"
expect_eq "--mood <N" "jan" "$(ids --mood '<4')"
expect_eq "--mood >=N" "today mar" "$(ids --mood '>=8')"
expect_eq "--mood >N" "today" "$(ids --mood '>8')"
expect_eq "--mood A..B" "yest relative feb-late feb" "$(ids --mood 4..7)"
expect_eq "entries without a mood never match --mood" "" "$(ids --mood 1..10 --on 2024)"
for bad in 0 11 "<=11" abc "5..3" "..4" "4.5" ""; do
	t list --mood "$bad"
	expect_rc 2 "--mood '$bad' is a usage error"
done
expect_err "give a mood from 1 to 10" "and says what a mood is"
expect_eq "--shared" "feb" "$(ids --shared)"
expect_eq "--private" "feb-late" "$(ids --private)"
expect_eq "--no-private" "today yest relative mar feb jan old" "$(ids --no-private)"
expect_eq "-n" "today yest" "$(ids -n 2)"
expect_eq "-n 0" "" "$(ids -n 0)"
expect_eq "--reverse" "old jan feb feb-late mar relative yest today" "$(ids --reverse)"
expect_eq "-n with --reverse: the newest N, oldest first" "yest today" "$(ids -n 2 --reverse)"
expect_eq "filters combine" "jan" \
	"$(ids --tag conflict --mood '<=4' --from 2025 --feeling angry --goal boundaries --no-private)"
expect_eq "every filter, and nothing left" "" "$(ids --tag conflict --shared --private)"
t list --format json --tag conflict --on 2025-02
expect_out '"id":"2025-02-10-2130-feb"' "filters work with json"
t list -n -1
expect_rc 2 "a negative -n is a usage error"
done_testing
