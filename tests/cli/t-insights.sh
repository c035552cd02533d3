# Insights in words (issue 18): the sentences of `tend mood`, `mood
# --json` and the site's mood and home pages, on journals whose figures
# are worked out by hand below; each sentence gone when its figures fall
# under the least it needs (src/insights.h: a weekday 4 moods, 3 such
# weekdays, a tenth of the scale apart; a tag, feeling or goal 5 moods,
# 15% of the scale from the mean of all; the last 4 weeks and the 4
# before 4 moods each; a run 3 days); private entries as `mood` and the
# site count them; nothing from an empty journal, and no error.
. tests/cli/lib.sh

# write_on DATE [OPTIONS...]: a new entry at noon on DATE
write_on() {
	date=$1
	shift
	"$TEND" new -m "On $date." --date "$date 12:00" "$@" >/dev/null 2>&1 ||
		fail "cannot write the entry of $date"
}

# the sentences of mood's text, one a line, without their "  - "
said() {
	sed -n '/^Insights:$/,$ s/^  - //p' "$OUT"
}

# the sentences of a page's insights block, one a line
said_on() {
	sed -n '/<ul class="insights">/,/<\/ul>/ s|^<li>\(.*\)</li>$|\1|p' "$1"
}

# the lines of stdin as a JSON list of strings (none holds '"' or '\')
json_list() {
	printf '['
	sep=
	while IFS= read -r line; do
		printf '%s"%s"' "$sep" "$line"
		sep=,
	done
	printf ']'
}

# --- an empty journal ------------------------------------------------------

journal "$T/empty"
t mood
expect_rc 0 "mood in an empty journal works"
expect_no_out "Insights" "and says no insight"
expect_eq "and no error" "" "$(cat "$ERR")"
t mood --json
expect_out '"longest_streak_days":0,"insights":[]}' \
	"--json has an empty list of insights, at its end"
t render -o "$T/empty-site"
expect_rc 0 "an empty journal renders"
expect_not "its mood page has no insights block" \
	grep -q 'h-insights' "$T/empty-site/mood.html"
expect_not "nor its home page" grep -q 'h-insights' "$T/empty-site/index.html"
# entries without a mood on three days in a row: no figure, but a run
for d in 01 02 03; do
	"$TEND" new -m "Words." --date "2026-02-$d 12:00" >/dev/null
done
t mood
expect_eq "no mood: the text says so, then the run" "No entries with a mood among these.
Insights:
  - The longest run of days with an entry is 3 days, from 1 Feb 2026 to 3 Feb 2026." \
	"$(grep -v '^$' "$OUT")"

# --- weekdays, tags, feelings, a run of days --------------------------------

journal "$T/j"
"$TEND" goal add boundaries "Boundaries" >/dev/null
# Four weeks from Monday 2 March 2026, long before the last 8 weeks (so
# no sentence on them):
#   Mondays 2, 9, 16, 23 March: 2 3 3 4, conflict (the last written
#     Conflict), feeling hurt                              12/4 = 3.0
#   Tuesdays 3, 10, 17, 24: 5 5 6 6, goal boundaries       22/4 = 5.5
#   Fridays 6, 13, 20, 27: 7 7 8 8, friends, calm          30/4 = 7.5
#   Wednesday 4: 2, conflict, hurt; Thursday 5: 8, friends, calm
#   Saturday 7: private, no mood; Saturday 10 January: no mood
# All: 12 + 22 + 30 + 2 + 8 = 74 over 14, 5.29.
# Weekdays with 4 moods: Monday, Tuesday, Friday (3): Mondays the
# lowest, Fridays the highest, 4.5 apart (1 needed).
# conflict and hurt: 2 3 3 4 2 = 14/5 = 2.8, 2.49 below (1.5 needed);
# friends and calm: 7 7 8 8 8 = 38/5 = 7.6, 2.31 above; a tag before a
# feeling as far. boundaries: 4 moods, too few (and 0.21 from 5.29).
# Days with an entry: 10 January, 2-7 March (6, with the private
# Saturday), 9-10, 13, 16-17, 20, 23-24, 27.
for d in 02:2 09:3 16:3; do
	write_on "2026-03-${d%:*}" --mood "${d#*:}" --tag conflict \
		--feeling hurt
done
write_on 2026-03-23 --mood 4 --tag Conflict --feeling hurt
for d in 03:5 10:5 17:6 24:6; do
	write_on "2026-03-${d%:*}" --mood "${d#*:}" --goal boundaries
done
for d in 06:7 13:7 20:8 27:8; do
	write_on "2026-03-${d%:*}" --mood "${d#*:}" --tag friends \
		--feeling calm
done
write_on 2026-03-04 --mood 2 --tag conflict --feeling hurt
write_on 2026-03-05 --mood 8 --tag friends --feeling calm
write_on 2026-03-07 --private
write_on 2026-01-10

weekdays="Mondays are your lowest day: 3.0 on average over 4 entries.
Fridays are your highest day: 7.5 on average over 4 entries."
# mood names a tag as the newest entry writes it (as --by tag does)
groups="Entries tagged Conflict average 2.8, against 5.3 overall (5 entries).
Entries with the feeling hurt average 2.8, against 5.3 overall (5 entries).
Entries tagged friends average 7.6, against 5.3 overall (5 entries).
Entries with the feeling calm average 7.6, against 5.3 overall (5 entries)."
run6="The longest run of days with an entry is 6 days, from 2 Mar 2026 to 7 Mar 2026."
run5="The longest run of days with an entry is 5 days, from 2 Mar 2026 to 6 Mar 2026."

t mood
expect_rc 0 "mood works"
expect_eq "mood says each sentence the figures carry, in order" \
	"$weekdays
$groups
$run6" "$(said)"
expect_out "
Insights:
  - Mondays are your lowest day" "under a heading, after the chart"
t mood --by tag
expect_eq "--by says them too, under the table" "$weekdays
$groups
$run6" "$(said)"
t mood --json
expect_out "\"longest_streak_days\":6,\"insights\":$(printf '%s\n' \
	"$weekdays" "$groups" "$run6" | json_list)}" \
	"--json lists the same sentences under insights, at its end"
t mood --json --by goal
expect_out '"groups":[{"key":"boundaries","count":4,"mean":5.5}],"insights":["Mondays' \
	"--json --by: the groups, then the insights"
t mood --no-private
expect_eq "--no-private leaves the private Saturday out of the run" \
	"$weekdays
$groups
$run5" "$(said)"

# below the least each needs: up to 23 March, Tuesdays and Fridays have 3
# moods (Monday alone is left: no weekday), friends and calm 4 (8 7 7 8);
# conflict keeps its 5. All: 12 + 16 + 22 + 2 + 8 = 60 over 12, 5.0.
t mood --to 2026-03-23
expect_eq "sentences under their least counts are left out" \
	"Entries tagged Conflict average 2.8, against 5.0 overall (5 entries).
Entries with the feeling hurt average 2.8, against 5.0 overall (5 entries).
$run6" "$(said)"
# up to 5 March: runs of 4 days, no weekday, no group of 5
t mood --to 2026-03-05
expect_eq "a run of 4 days is said alone" \
	"The longest run of days with an entry is 4 days, from 2 Mar 2026 to 5 Mar 2026." \
	"$(said)"
t mood --to 2026-03-03
expect_no_out "Insights" "a run of 2 days says nothing: no heading"
t mood --json --to 2026-03-03
expect_out '"insights":[]}' "and --json an empty list"
# the gaps are shares of [mood] scale: on 1-20, 2 points between
# weekdays, 3 from the mean for a group; conflict's 2.49 and friends'
# 2.31 are not enough, the weekdays' 4.5 is
cp tend.ini "$T/tend.ini.kept"
printf '[mood]\nscale = 20\n' >>tend.ini
t mood
expect_eq "on a scale of 20 the gaps are twice as far" "$weekdays
$run6" "$(said)"
cp "$T/tend.ini.kept" tend.ini

# the site leaves out the private entry, and names a tag as the site
# does (the spelling used most: conflict)
site_groups=$(echo "$groups" | sed 's/tagged Conflict/tagged conflict/')
t render -o "$T/site"
expect_rc 0 "render works"
expect_eq "the mood page says the sentences, without the private entry" \
	"$weekdays
$site_groups
$run5" "$(said_on "$T/site/mood.html")"
expect_eq "the home page says the same" \
	"$weekdays
$site_groups
$run5" "$(said_on "$T/site/index.html")"
expect "under a heading of their own" \
	grep -q '<h2 id="h-insights">Insights</h2>' "$T/site/index.html"
t render -o "$T/site-all" --include-private
expect_eq "--include-private counts it: a run of 6 days" \
	"$weekdays
$site_groups
$run6" "$(said_on "$T/site-all/mood.html")"

# a change to words alone remakes only the pages it touches, the home
# page among them, from only the entries those show (not the March
# ones of the insights): its insights are those the last whole render
# kept
path=$("$TEND" list --on 2026-01-10 --format paths)
echo "More words." >>"$path"
cp "$T/site/index.html" "$T/index.before"
t render -o "$T/site" -v
expect_rc 0 "a render after a change of words works"
read=$(sed -n 's/^Read \([0-9]*\) of 15 entries\.$/\1/p' "$OUT")
expect "it read only some of the 15 entries (${read:-?})" \
	test "${read:-15}" -lt 15
expect "the entry's page has the new words" \
	grep -rq 'More words.' "$T/site/entries"
expect_eq "and the home page keeps its insights" \
	"$(said_on "$T/index.before")" "$(said_on "$T/site/index.html")"

# a new entry: the whole site again, and new figures. All: 74 + 9 = 83
# over 15, 5.53; friends and calm 47/6 = 7.83
write_on 2026-03-30 --mood 9 --tag friends --feeling calm
t render -o "$T/site"
expect_rc 0 "a render after a new entry works"
friends="Entries tagged friends average 7.8, against 5.5 overall (6 entries)."
expect "the mood page has the new figures" \
	grep -qF "<li>$friends</li>" "$T/site/mood.html"
expect "as the home page does" \
	grep -qF "<li>$friends</li>" "$T/site/index.html"

# goals named in the front matter alone change the mood page: the goal
# rest on the five conflict entries, 2.8, as far from 5.53 as conflict
"$TEND" goal add rest "Rest" >/dev/null
for p in $("$TEND" list --tag conflict --format paths); do
	sed -i '/^tags: /i goals: [rest]' "$p"
done
t render -o "$T/site"
expect_rc 0 "a render after goals changed works"
rest="Entries linked to the goal rest average 2.8, against 5.5 overall (5 entries)."
expect "the mood page names the goal" \
	grep -qF "<li>$rest</li>" "$T/site/mood.html"

# --- the last weeks ---------------------------------------------------------

# Days before today: 6 7 6 7 on days 1, 3, 5, 27 (the last 4 weeks are
# today and the 27 days before), 6.5; 4 5 4 5 on days 28, 30, 32, 55 (the
# 4 weeks before), 4.5; a 1 on day 56, in neither. 2 points up (1
# needed). No weekday has 4 moods, no run 3 days.
journal "$T/weeks"
ago() {	# ago DAYS MOOD: an entry at noon DAYS days ago
	write_on "$(date -u -d "$1 days ago" +%F)" --mood "$2"
}
ago 1 6; ago 3 7; ago 5 6; ago 27 7
ago 28 4; ago 30 5; ago 32 4; ago 55 5
ago 56 1
up="The last 4 weeks average 6.5, up from 4.5 in the 4 weeks before (4 and 4 entries)."
t mood
expect_eq "mood says how the last 4 weeks compare with the 4 before" \
	"$up" "$(said)"
t render -o "$T/weeks-site"
expect_eq "as the site does" "$up" "$(said_on "$T/weeks-site/index.html")"
# a 1 seven days ago: 27/5 = 5.4 against 4.5, 0.9 apart (1 needed)
ago 7 1
t mood
expect_eq "less than a tenth of the scale apart is close" \
	"The last 4 weeks average 5.4, close to the 4.5 of the 4 weeks before (5 and 4 entries)." \
	"$(said)"
# from 33 days ago, 3 moods in the 4 weeks before (28, 30, 32 days ago)
t mood --from "33 days ago"
expect_no_out "Insights" "3 moods in the 4 weeks before are too few"

# --- words that mean something elsewhere -----------------------------------

# five entries of 1 tagged <i>&" and five of 9, two days apart (no run,
# no weekday with 4 moods): all 5.0, the tag 1.0
journal "$T/odd"
for i in 0 1 2 3 4; do
	write_on "2026-04-$((10 + 4 * i))" --mood 1 --tag '<i>&"'
	write_on "2026-04-$((12 + 4 * i))" --mood 9
done
t mood
expect_eq "mood says a tag as written" \
	'Entries tagged <i>&" average 1.0, against 5.0 overall (5 entries).' \
	"$(said)"
t mood --json
expect_out '"insights":["Entries tagged <i>&\" average 1.0, against 5.0 overall (5 entries)."]}' \
	"--json escapes it as a string"
t render -o "$T/odd-site"
expect "a page escapes it as text" grep -qF \
	'<li>Entries tagged &lt;i&gt;&amp;&quot; average 1.0, against 5.0 overall (5 entries).</li>' \
	"$T/odd-site/mood.html"
cd "$T/weeks" || exit 1

# --- what cannot be read is left out, not an error ---------------------------

mkdir -p entries/2026/01
printf -- '---\nmood: [\n---\nBroken.\n' >entries/2026/01/broken.md
t mood
expect_rc 0 "a file that cannot be read does not stop mood"
expect_err "broken.md" "which names it"
expect_eq "and the insights are those of the others" \
	"The last 4 weeks average 5.4, close to the 4.5 of the 4 weeks before (5 and 4 entries)." \
	"$(said)"

t mood --help
expect_out "Then insights, in words" "mood --help tells of the insights"
expect_out "(4 moods in each)" "and the least each needs"

# private entries: in the terminal's sentences, never in the site's
journal "$T/priv"
for d in 01 02 03 04 05; do
	"$TEND" new -m "Hidden." --mood 1 --tag hiddenthing --feeling hiddenfeel \
		--private --date "2026-02-$d 12:00" >/dev/null 2>&1
	"$TEND" new -m "Open." --mood 8 --tag openthing \
		--date "2026-02-$d 18:00" >/dev/null 2>&1
	"$TEND" new -m "Plain." --mood 6 --date "2026-02-$d 20:00" >/dev/null 2>&1
done
t mood
expect_out "Entries tagged hiddenthing average 1.0" "the terminal names a private tag"
"$TEND" render >/dev/null 2>&1
expect_not "the site's mood page does not" grep -q "hiddenthing\\|hiddenfeel\\|Hidden\." site/mood.html
expect_not "nor its home page" grep -q "hiddenthing\\|hiddenfeel\\|Hidden\." site/index.html
expect "which has insights of its own" grep -q 'class="insights"' site/mood.html

done_testing
