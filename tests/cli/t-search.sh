# tend search: FTS5 syntax, ranking, snippets, filters, and readable errors.
. tests/cli/lib.sh
journal "$T/j"

n() {
	title=$1
	body=$2
	shift 2
	"$TEND" new "$title" -m "$body" "$@" >/dev/null ||
		echo "Bail out! cannot make $title"
}
n "Stonewalling again" "He went quiet for the whole evening. I felt invisible." \
	--date "2026-03-01 20:00" --tag conflict --feeling lonely
n "A walk" "The river was high. Nobody was stonewalling anybody." \
	--date "2026-03-02 20:00" --tag walk --mood 7
n "Café morning" "Coffee with Priya at the café; she listened." \
	--date "2026-03-03 09:00" --tag friends --feeling grateful --private
n "Self-care list" "Sleep, walks, self-care that is not a chore." \
	--date "2026-03-04 09:00" --tag self-care --share
n "Dishes" "The dishes and the laundry, again, and I felt invisible." \
	--date "2026-03-05 21:00" --tag conflict --mood 3

ids() {
	t search "$@" --format ids
	sed 's/^[0-9-]*-[0-9]\{4\}-//' "$OUT" | paste -sd' '
}

expect_eq "a word finds every entry with it, title match first" \
	"stonewalling-again a-walk" "$(ids stonewalling)"
expect_eq "any case" "stonewalling-again a-walk" "$(ids STONEWALLING)"
expect_eq "a phrase" "stonewalling-again dishes" "$(ids '"felt invisible"' | tr ' ' '\n' | sort -r | paste -sd' ')"
expect_eq "a phrase is words together" "" "$(ids '"invisible felt"')"
expect_eq "a prefix" "stonewalling-again a-walk" "$(ids 'stonewall*')"
expect_eq "AND is the default" "dishes" "$(ids 'dishes invisible')"
expect_eq "OR" "a-walk caf-morning" "$(ids 'river OR priya' | tr ' ' '\n' | sort | paste -sd' ')"
expect_eq "NOT" "stonewalling-again" "$(ids 'invisible NOT laundry')"
expect_eq "accents need not be typed" "caf-morning" "$(ids cafe)"
expect_eq "or may be" "caf-morning" "$(ids café)"
expect_eq "a column: title" "stonewalling-again" "$(ids 'title:stonewalling')"
expect_eq "tags are searched" "stonewalling-again dishes" "$(ids conflict | tr ' ' '\n' | sort -r | paste -sd' ')"
expect_eq "feelings are searched" "caf-morning" "$(ids grateful)"
expect_eq "a quoted word with a dash" "self-care-list" "$(ids '"self-care"')"
expect_eq "nothing found is no error" "" "$(ids zebra)"
t search zebra
expect_rc 0 "and exits 0"

expect_eq "filters apply" "dishes" "$(ids invisible --mood '<=4')"
expect_eq "--no-private" "" "$(ids priya --no-private)"
expect_eq "private entries are found in the terminal" "caf-morning" "$(ids priya)"
expect_eq "--shared" "self-care-list" "$(ids walks --shared)"
expect_eq "-n" "stonewalling-again" "$(ids stonewalling -n 1)"
expect_eq "--reverse: least relevant first" "a-walk stonewalling-again" "$(ids stonewalling --reverse)"

t search river
expect_out "2026-03-02 20:00   7  A walk #walk" "text shows the entry"
expect_out "The [river] was high." "and a snippet with the match in brackets"
t search stonewalling --format json
expect_out '"snippet":"[Stonewalling] again"' "json has the snippet (here: the title)"
expect_out '"rank":-' "and the rank (bm25, lower is better)"
expect_out '"title":"Stonewalling again"' "and the entry object"
NO_COLOR=1 script -qec "'$TEND' search river" /dev/null >"$OUT" 2>&1
expect_out "[river]" "NO_COLOR keeps brackets on a terminal"
script -qec "'$TEND' search river" /dev/null >"$OUT" 2>&1
if grep -q "$(printf '\033\\[1;4mriver')" "$OUT"; then
	pass "on a terminal the match is highlighted"
else
	fail "on a terminal the match is highlighted" "$(cat -v "$OUT")"
fi

for bad in 'self-care' '"unclosed' 'dishes AND' 'NOT dishes' '(' 'nocolumn:word' ''; do
	t search "$bad"
	expect_rc 2 "a search FTS5 cannot read ('$bad') is a usage error"
done
expect_err "cannot read the search" "the message says what"
expect_no_err "SQL" "and is not an SQLite dump"
t search '"unclosed'
expect_err "cannot read the search '\"unclosed': unterminated string" "it quotes the search"
t search
expect_rc 2 "search without a query is a usage error"
t search a b
expect_rc 2 "two words without quotes is a usage error"
expect_err "in quotes" "and says to quote them"
t search x --mood 99
expect_rc 2 "a bad filter is a usage error"

# the best 20 unless asked for more
for i in $(seq 1 23); do
	"$TEND" new "Many $i" -m "A common word: umbrella." --date "2026-04-01 10:00" >/dev/null
done
t search umbrella --format ids
expect_eq "search shows the best 20" 20 "$(wc -l <"$OUT")"
expect_err "the best 20 matches; more with -n N or --all" "and says there are more"
t search umbrella --format ids --all
expect_eq "--all shows every match" 23 "$(wc -l <"$OUT")"
expect_no_err "more with" "and says nothing more"
t search umbrella --format ids -n 22
expect_eq "-n sets how many" 22 "$(wc -l <"$OUT")"
t search umbrella --format ids --reverse
expect_eq "--reverse turns the best 20 around" 20 "$(wc -l <"$OUT")"
done_testing
