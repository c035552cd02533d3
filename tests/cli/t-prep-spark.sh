# prep's sparkline (issue 18): a mark a day up to 13 weeks; over that a
# mark a week, each the mean of its entries' moods, the marks ending
# with today (so the first may hold fewer days); never more than 105
# marks (a few weeks a mark over years). In Markdown a line of block
# characters; in HTML an inline SVG with role="img", its figures in
# words, a bar a mark, and no block characters anywhere.
. tests/cli/lib.sh
journal "$T/j"

d() {
	date -u -d "$1 days ago" +%F
}
# e K HH:MM MOOD: an entry at HH:MM K days ago with the mood MOOD
e() {
	day=$(d "$1")
	dir="entries/$(echo "$day" | cut -c1-4)/$(echo "$day" | cut -c6-7)"
	mkdir -p "$dir"
	printf -- '---\ntitle: Day %s %s\ndate: %sT%s:00+00:00\nmood: %s\n---\n\nWords.\n' \
		"$1" "$2" "$day" "$2" "$3" >"$dir/$day-$(echo "$2" | tr -d :)-day.md"
}
# today 3 and 3, yesterday 6: a week of 4.0 (its entries' mean, not the
# 4.5 of its days'); 400 days ago 5; 730 days ago 8, the first mark
e 0 12:00 3
e 0 13:00 3
e 1 12:00 6
e 400 12:00 5
e 730 12:00 8
"$TEND" save -m "Two years of moods" >/dev/null || fail "cannot save"

# spark: the sparkline of the page in $OUT, without its indent
spark() {
	sed -n '/ a mark, /{n;n;s/^    //p;q}' "$OUT"
}
# marks: how many characters the sparkline has
marks() {
	spark | tr -d '\n' | LC_ALL=C.UTF-8 wc -m
}
blocks='[▁▂▃▄▅▆▇█]'

# --- two years: a mark a week --------------------------------------------
t prep --since "730 days ago"
expect_rc 0 "prep over two years"
expect_out "A week a mark, $(d 730) to $(d 0):" "the caption says a week a mark"
expect_eq "two years (731 days) are 105 marks" 105 "$(marks)"
# 731 days = 104 weeks and 3: the first mark holds 3 days; day 400 ago
# is the 331st, the 335th counting the 4 before the first, so mark 48
want=$(printf '▆%46s▄%56s▃' '' '')
expect_eq "each week its mean: 8 first, 5 at mark 48, 4.0 last" "$want" \
	"$(spark)"

t prep --since "730 days ago" --format html -o "$T/two.html"
expect_rc 0 "prep --format html over two years"
words="Mood, a week a mark, $(d 730) to $(d 0): 3 of 105 weeks with a mood, from 4.0 to 8.0 of 10; the last 4.0"
expect_eq "HTML: after its caption, an SVG image with its figures in words" \
	"<p>A week a mark, $(d 730) to $(d 0):</p>
<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 40\" class=\"chart chart-spark\" role=\"img\" aria-label=\"$words\"><title>$words</title>" \
	"$(grep -A1 -F '<p>A week a mark, ' "$T/two.html")"
expect_eq "a bar a week with a mood, each titled with its days and mean" \
	"<title>$(d 730) to $(d 728): 8.0</title>
<title>$(d 405) to $(d 399): 5.0</title>
<title>$(d 6) to $(d 0): 4.0</title>" \
	"$(grep '^<rect class="bar"' "$T/two.html" | sed 's/^.*\(<title>.*<\/title>\).*$/\1/')"
expect_eq "the last bar: the week of 4.0 on the scale of 10" \
	'<rect class="bar" x="237.94" y="24.80" width="1.83" height="15.20">' \
	"$(grep '^<rect class="bar"' "$T/two.html" | tail -1 | sed 's/<title>.*//')"
expect_eq "at most 105 marks" 3 "$(grep -c '<rect' "$T/two.html")"
expect_eq "the svg is closed after them" "</svg>" \
	"$(grep -A1 "<title>$(d 6) to $(d 0): 4.0" "$T/two.html" | sed -n 2p)"
expect_not "no block characters in the HTML" LC_ALL=C.UTF-8 grep -q "$blocks" "$T/two.html"
expect_not "nor the code block they were in" grep -q '<pre><code>' \
	"$T/two.html"

# --- up to 13 weeks a day a mark, over it a week ------------------------
t prep --since "90 days ago"
expect_out "A day a mark, $(d 90) to $(d 0):" "91 days: a mark a day"
expect_eq "91 marks" 91 "$(marks)"
expect_eq "the last two days: 6, then 3" "▅▃" "$(spark | LC_ALL=C.UTF-8 \
	sed 's/.*\(..\)$/\1/')"
t prep --since "91 days ago"
expect_out "A week a mark, $(d 91) to $(d 0):" "92 days: a mark a week"
expect_eq "14 marks" 14 "$(marks)"
t prep --since "91 days ago" --format html -o "$T/week.html"
expect "HTML: 14 weeks with one with a mood" grep -qF \
	'aria-label="Mood, a week a mark, '"$(d 91) to $(d 0)"': 1 of 14 weeks with a mood, from 4.0 to 4.0 of 10; the last 4.0"' \
	"$T/week.html"
t prep --since "13 days ago" --format html -o "$T/days.html"
expect "two weeks: a day a mark, each day's bar titled with it" grep -qxF \
	'<rect class="bar" x="207.43" y="17.20" width="13.71" height="22.80"><title>'"$(d 1)"': 6.0</title></rect>' \
	"$T/days.html"

# --- years: never more than 105 marks ------------------------------------
t prep --since "2540 days ago"
expect_rc 0 "prep over seven years"
expect_out "4 weeks a mark, $(d 2540) to $(d 0):" \
	"2,541 days: 4 weeks a mark"
expect_eq "91 marks, not 2,541" 91 "$(marks)"
t prep --since "2540 days ago" --format html -o "$T/years.html"
expect "HTML says so in words" grep -qF \
	"aria-label=\"Mood, 4 weeks a mark, $(d 2540) to $(d 0): 3 of 91 marks with a mood" \
	"$T/years.html"
expect_not "no block characters" LC_ALL=C.UTF-8 grep -q "$blocks" "$T/years.html"
t prep --since "10000 days ago"
expect_rc 0 "27 years of prep"
expect "27 years: still at most 105 marks" test "$(marks)" -le 105 -a "$(marks)" -gt 0

# --- no mood in the time: no sparkline, no chart -----------------------
journal "$T/k"
new_entry "No mood" today
t prep --format html -o "$T/none.html"
expect "no mood: the page says so" grep -qF \
	'No entry in this time has a mood.' "$T/none.html"
expect_not "and draws nothing" grep -q '<svg' "$T/none.html"
# the bars have a colour of the page's own, light and dark
expect "the sparkline's bars are coloured by the page's style" \
	grep -q "svg.chart-spark .bar" "$T/years.html"
done_testing
