# Plurals: no "1 entries", "1 days" and the like anywhere a person reads,
# in the demo journal's site and in what each command prints about a
# journal of one entry, one goal, one tag, one day.
. tests/cli/lib.sh

# bad FILE...: the lines of FILE that put 1 before a plural noun
bad() {
	grep -HiE '(^|[^0-9.,])1 (entries|days|goals|weeks|months|pages|commits|times|problems|ratings|moods|tags|feelings|words|prompts|files|drafts|copies|items|reviews|marks|sundays|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays)\b' "$@"
}

top=$(pwd)
sh tools/make-demo "$TEND" samples "$T/demo" >"$T/demo.out" 2>&1 ||
	echo "Bail out! make-demo failed: $(tail -3 "$T/demo.out")"
find "$T/demo/site" -name '*.html' >"$T/pages"
expect "the demo site has pages" test -s "$T/pages"
expect_eq "the demo site says no '1 entries'" "" \
	"$(bad $(cat "$T/pages") "$T/demo.out" | sed "s|$T/||" | head -5)"

# a journal of one of everything
journal "$T/j"
"$TEND" goal add calm "Stay calm" >/dev/null
"$TEND" new "Only" -m "One entry, one day." --mood 4 --tag home \
	--feeling tired --goal calm --share >/dev/null 2>&1
"$TEND" review --rate calm=3 -m "A week." >/dev/null 2>&1
: >"$T/all"
for cmd in "list" "list --format json" "search entry" "mood" \
	"mood --by tag" "mood --by feeling" "mood --by goal" \
	"mood --by weekday" "mood --by week" "mood --by day" "mood --json" \
	"goal list" "goal show calm" "prep" "prep --format html" \
	"prep --since today --format html" "check" "status" "log" "templates" "render" "export --format md" \
	"export --format html" "prompt" "index"; do
	echo "== tend $cmd" >>"$T/all"
	"$TEND" $cmd >>"$T/all" 2>&1
done
expect_eq "no command says '1 entries' of one entry" "" \
	"$(bad "$T/all" | head -5)"
expect_eq "nor the site of one entry" "" \
	"$(bad $(find site -name '*.html') | sed "s|$T/||" | head -5)"
# the checker itself finds what it looks for
printf 'It holds 1 entries and 1 days.\n' >"$T/sample"
expect_eq "the check catches a wrong plural" 1 "$(bad "$T/sample" | wc -l)"
expect_eq "and passes a right one" "" "$(printf '11 entries, 2.1 days\n' >"$T/ok"; bad "$T/ok")"
done_testing
