# tend mood (tend-mood(1), issue 4): the figures of a small fixed journal,
# checked against sums done by hand; every --by; filters; the chart in
# Unicode and in ASCII; the tables' headings and single entries (issue
# 18); an empty selection; bad input. t-insights.sh tests the insights.
. tests/cli/lib.sh
journal "$T/j"

# figures COUNT MEAN MEDIAN MIN MAX STDEV TREND STREAK: mood --json's object
figures() {
	printf '"count":%s,"mean":%s,"median":%s,"min":%s,"max":%s,' "$1" "$2" \
		"$3" "$4" "$5"
	printf '"stdev":%s,"trend_per_week":%s,"longest_streak_days":%s' "$6" \
		"$7" "$8"
}

# groups KEY COUNT MEAN...: mood --json --by's object, with the figures $all
# and the insights $said
groups() {
	g=
	while [ $# -ge 3 ]; do
		g="$g${g:+,}{\"key\":\"$1\",\"count\":$2,\"mean\":$3}"
		shift 3
	done
	printf '{%s,"groups":[%s],%s}' "$all" "$g" "$said"
}

# the insights of mood --json: none, or the one sentence this journal's
# figures carry, the run of 9-12 March (a weekday needs 4 moods, 3 such
# weekdays; a tag, feeling or goal 5; the last weeks 4 in each span)
none='"insights":[]'
run4='"insights":["The longest run of days with an entry is 4 days, from 9 Mar 2026 to 12 Mar 2026."]'
said=$run4

n() {	# n DATE [OPTIONS...]: a new entry at noon on DATE
	date=$1
	shift
	"$TEND" new -m "On $date." --date "$date 12:00" "$@" >/dev/null ||
		fail "cannot write the entry of $date"
}
"$TEND" goal add boundaries "Boundaries" >/dev/null
"$TEND" goal add communication "Communication" >/dev/null
# day 0 is Monday 2026-03-02; days 0, 1, 2, 7, 14, 35 have a mood
n 2026-03-02 --mood 4 --tag conflict --feeling hurt
n 2026-03-03 --mood 6 --tag friends --feeling calm
n 2026-03-04 --mood 2 --tag conflict --feeling hurt --feeling lonely \
	--goal boundaries
n 2026-03-09 --mood 8 --tag friends --feeling calm --goal boundaries
n 2026-03-10			# no mood: in the run of days, not the figures
n 2026-03-11
n 2026-03-12
n 2026-03-16 --mood 10 --tag friends --goal communication
n 2026-04-06 --mood 6 --tag work --private

# By hand, moods 4 6 2 8 10 6 on days 0 1 2 7 14 35:
#   mean 36/6 = 6; sorted 2 4 6 6 8 10, median 6; min 2, max 10
#   deviations -2 0 -4 2 4 0: squares 40, variance 40/6, stdev 2.58199
#   slope: sum x*dy = -8 + 14 + 56 = 62; sxx = 1475 - 59^2/6 = 5369/6;
#   62 / (5369/6) a day = 2604/5369 a week = 0.485007
#   days with an entry: 2-4 March (3), 9-12 March (4), 16 March, 6 April
all=$(figures 6 6 6 2 10 2.58199 0.485007 4)

t mood --json
expect_rc 0 "mood --json works"
expect_eq "mood --json has every figure, as computed by hand" "{$all,$said}" \
	"$(cat "$OUT")"

# groups, each key with its count and mean
t mood --json --by day
expect_eq "--by day: each day with a mood, in time order" \
	"$(groups 2026-03-02 1 4 2026-03-03 1 6 2026-03-04 1 2 \
		2026-03-09 1 8 2026-03-16 1 10 2026-04-06 1 6)" \
	"$(cat "$OUT")"
t mood --json --by week
expect_eq "--by week: keyed by the Monday, (4+6+2)/3 = 4 in the first" \
	"$(groups 2026-03-02 3 4 2026-03-09 1 8 2026-03-16 1 10 2026-04-06 1 6)" \
	"$(cat "$OUT")"
t mood --json --by month
expect_eq "--by month: 30/5 in March, 6 in April" \
	"$(groups 2026-03 5 6 2026-04 1 6)" \
	"$(cat "$OUT")"
t mood --json --by weekday
expect_eq "--by weekday: Monday first, (4+8+10+6)/4 = 7" \
	"$(groups Mon 4 7 Tue 1 6 Wed 1 2)" \
	"$(cat "$OUT")"
t mood --json --by tag
expect_eq "--by tag: ranked by mean; friends (6+8+10)/3, conflict (4+2)/2" \
	"$(groups friends 3 8 work 1 6 conflict 2 3)" \
	"$(cat "$OUT")"
t mood --json --by feeling
expect_eq "--by feeling: an entry counts in each of its feelings" \
	"$(groups calm 2 7 hurt 2 3 lonely 1 2)" \
	"$(cat "$OUT")"
t mood --json --by goal
expect_eq "--by goal: ranked by mean, (2+8)/2 for boundaries" \
	"$(groups communication 1 10 boundaries 2 5)" \
	"$(cat "$OUT")"

# the same in words
LC_ALL=C.UTF-8 t mood
expect_rc 0 "mood prints a summary"
expect_out "6 entries with a mood: mean 6.0, median 6, lowest 2, highest 10, standard deviation 2.6" \
	"the summary has count, mean, median, lowest, highest, spread"
expect_out "trend: +0.49 a week; the longest run of days with an entry: 4" \
	"and the trend and the longest run"
LC_ALL=C.UTF-8 t mood --by tag
expect_eq "--by tag lists the groups ranked by mean, under headings" \
	"tag entries mean
friends 3 8.0
work 1 6.0*
conflict 2 3.0" "$(awk '/^  [a-z]/ {print $1, $2, $3}' "$OUT")"
expect_eq "the headings name each column, over it" \
	"  tag                entries  mean" "$(sed -n 4p "$OUT")"
expect_out "  * a single entry: its mood, not a mean" \
	"a note says what the * of a single entry means"
for by in day week month weekday feeling goal; do
	t mood --by $by
	expect_out "$(printf '  %-18s entries  mean' \
		"$(echo $by | sed 's/^week$/week of/')")" \
		"--by $by has its headings"
done
t mood --by month --to 2026-03-31
expect_out "  2026-03                  5   6.0  " \
	"a group of several entries is not marked"
expect_no_out "*" "and with no single entry there is no note"

# the chart: a day a column from the first day to the last; days with no
# mood are blank; mood 1..10 maps to the eight levels
spark_utf8="  ▃▅▂    ▆      █                    ▅"
spark_ascii="  -=.    +      #                    ="
LC_ALL=C.UTF-8 t mood
expect_eq "on a UTF-8 locale the chart is Unicode blocks" "$spark_utf8" \
	"$(sed -n 4p "$OUT")"
expect_out "  2026-03-02" "the chart is labelled with its first day"
expect_out "2026-04-06" "and its last"
LC_ALL=C.UTF-8 t mood --ascii
expect_eq "--ascii draws the chart in ASCII" "$spark_ascii" "$(sed -n 4p "$OUT")"
expect_eq "--ascii prints nothing but ASCII" "" "$(LC_ALL=C tr -d '\n -~' <"$OUT")"
LC_ALL=C t mood
expect_eq "without a UTF-8 locale the chart is ASCII" "$spark_ascii" "$(sed -n 4p "$OUT")"
expect_eq "and everything is ASCII" "" "$(LC_ALL=C tr -d '\n -~' <"$OUT")"
(unset LC_ALL LC_CTYPE; LANG=en_US.UTF-8 "$TEND" mood) >"$T/lang.out" 2>&1
expect_eq "LANG alone names a UTF-8 locale too" "$spark_utf8" "$(sed -n 4p "$T/lang.out")"
LC_ALL=C.UTF-8 t mood --by tag
expect_out "friends                  3   8.0  ████████████████████████" \
	"--by tag draws bars in blocks, 8/10 of 30 columns"
LC_ALL=C.UTF-8 t mood --by tag --ascii
expect_out "conflict                 2   3.0  #########" "and with --ascii in #"
expect_eq "--by tag --ascii prints nothing but ASCII" "" \
	"$(LC_ALL=C tr -d '\n -~' <"$OUT")"
LC_ALL=POSIX t mood --by feeling
expect_eq "a POSIX locale gets ASCII bars" "" "$(LC_ALL=C tr -d '\n -~' <"$OUT")"

# filters narrow the figures
t mood --json --from 2026-03-03 --to 2026-03-09
# 6 2 8 on days 1 2 7: mean 16/3; squares 4/9 + 100/9 + 64/9 = 56/3,
# stdev sqrt(56/9); slope (sum x*dy = 38/3) / (sxx = 62/3) = 38/62 a day
expect_eq "--from/--to narrow every figure" \
	"{$(figures 3 5.33333 6 2 8 2.49444 4.29032 2),$none}" \
	"$(cat "$OUT")"
t mood --json --tag conflict
expect_eq "--tag: 4 then 2 two days later is -1 a day, -7 a week" \
	"{$(figures 2 3 3 2 4 1 -7 1),$none}" \
	"$(cat "$OUT")"
t mood --json --no-private
# the five moods of March: 4 6 2 8 10 on days 0 1 2 7 14; squares 40/5;
# sum x*dy = 62, sxx = 255 - 24^2/5 = 134.8; 62*7/134.8 a week
expect_eq "--no-private leaves out the private entry (which mood shows)" \
	"{$(figures 5 6 6 2 10 2.82843 3.21958 4),$run4}" \
	"$(cat "$OUT")"
t mood --json --by tag --from 2026-03-09
# 8 10 6 on days 0 7 28: squares 0 4 4, stdev sqrt(8/3); sum x*dy =
# 14 - 56 = -42, sxx = 833 - 35^2/3 = 1274/3; -42*3*7/1274 a week
expect_eq "filters narrow the groups too" \
	"$(all=$(figures 3 8 8 6 10 1.63299 -0.692308 4)
		groups friends 2 9 work 1 6)" \
	"$(cat "$OUT")"
t mood --json --on 2026-03-02
expect_eq "one mood: no spread, and no trend to tell" \
	"{$(figures 1 4 4 4 4 0 null 1),$none}" \
	"$(cat "$OUT")"
t mood --on 2026-03-02
expect_out "1 entry with a mood" "one entry is one entry"
expect_out "trend: not enough to tell" "and the trend says so"

# nothing to show
t mood --json --tag nothing-like-this
expect_rc 0 "an empty selection is not an error"
expect_eq "an empty selection: count 0, figures null" \
	"{$(figures 0 null null null null null null 0),$none}" \
	"$(cat "$OUT")"
t mood --json --by goal --tag nothing-like-this
expect_out '"groups":[]' "and no groups"
t mood --tag nothing-like-this
expect_rc 0 "the text form of an empty selection works"
expect_out "No entries with a mood." "and says there is nothing"
t mood --json --on 2026-03-11
expect_eq "entries without a mood: no figures, but a run of 1 day" \
	"{$(figures 0 null null null null null null 1),$none}" \
	"$(cat "$OUT")"
t mood --on 2026-03-11
expect_out "No entries with a mood among these." "and the text says so"

# bad input
for bad in year Day "" tags; do
	t mood --by "$bad"
	expect_rc 2 "--by '$bad' is a usage error"
done
expect_err "--by takes day, week, month, weekday, tag, feeling or goal, not 'tags'" \
	"the message names the choices and the bad value"
t mood --by
expect_rc 2 "--by without a value is a usage error"
t mood --from "someday"
expect_rc 2 "an unreadable --from is a usage error"
t mood extra
expect_rc 2 "an unexpected argument is a usage error"
expect_err "unexpected 'extra'" "and says which"

# an empty journal
journal "$T/empty"
t mood --json
expect_rc 0 "mood in an empty journal works"
expect_out '"count":0' "and counts nothing"
t mood
expect_out "No entries with a mood." "the text form says so"

# weeks start on Monday; a long time fits the terminal
"$TEND" new -m "Long ago." --date "2025-01-01 12:00" --mood 2 >/dev/null
"$TEND" new -m "Sunday night." --date "2026-03-08 23:30" --mood 3 >/dev/null
"$TEND" new -m "Monday morning." --date "2026-03-09 00:30" --mood 7 >/dev/null
t mood --json --by week
expect_out '"longest_streak_days":2,' "Sunday and Monday are a run of 2 days"
expect_out '"groups":[{"key":"2024-12-30","count":1,"mean":2},{"key":"2026-03-02","count":1,"mean":3},{"key":"2026-03-09","count":1,"mean":7}]' \
	"--by week: a Sunday ends its week, a Monday starts one"
t mood --json --by weekday
expect_out '"groups":[{"key":"Mon","count":1,"mean":7},{"key":"Wed","count":1,"mean":2},{"key":"Sun","count":1,"mean":3}]' \
	"--by weekday: Monday first, Sunday last"
t mood --ascii
width=$(sed -n 4p "$OUT" | awk '{print length}')
expect "fourteen months of moods fit in 80 columns (got $width)" \
	test "$width" -gt 2 -a "$width" -le 80

# the table lines up by characters, not bytes
n 2026-03-10 --mood 5 --tag família --tag work
LC_ALL=C.UTF-8 t mood --by tag --ascii
expect_out "  família                  1   5.0* " \
	"a tag beyond ASCII takes as many columns as its characters"
expect_out "  work                     1   5.0* " "as one in ASCII does"

# a tag in any case is one group, as 'list --tag' finds it in any case,
# named as the newest entry writes it
n 2026-03-11 --mood 3 --tag Home
n 2026-03-12 --mood 5 --tag home
t mood --json --by tag
expect_out '{"key":"home","count":2,"mean":4}' \
	"Home and home are one group"
n 2026-03-13 --mood 7 --tag Home --tag home
t mood --json --by tag
expect_out '{"key":"Home","count":3,"mean":5}' \
	"an entry that spells it both ways counts once: (3 + 5 + 7) / 3"

done_testing
