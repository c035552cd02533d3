# tend prep (tend-prep(1), tend-config(5) [share] redact, issue 4 "Session prep"): the
# page to take to a therapy session. Its period (since the newest entry
# tagged session or session-digest, else 14 days, or --since), the counts,
# feelings and tags, the mood figures worked out by hand (the lowest an
# entry's, a day's a daily mean), the sparkline, the change from the time
# before (its days and entries), the active goals with their entries and
# ratings, the shared entries in full, the prompts answered; private
# entries nowhere; -o, --redact, --format and bad input. The lowest
# entries, the question, --include-low, --include-private and the things
# to try are in t-prep-low.sh.
. tests/cli/lib.sh

# d K: the day K days ago; today is d 0
d() {
	date -u -d "$1 days ago" +%F
}
today=$(d 0)

# n K TITLE [OPTIONS...]: a new entry at noon K days ago, its text
# "Words of TITLE."
n() {
	k=$1 title=$2
	shift 2
	"$TEND" new -m "Words of $title." --date "$(d "$k") 12:00" "$@" \
		"$title" >/dev/null 2>&1 || fail "cannot write the entry '$title'"
}

# fm K TITLE FRONT BODY: a new entry at noon K days ago whose front
# matter lines are FRONT (as read by new --stdin)
fm() {
	printf -- '---\n%s\n---\n\n%s\n' "$3" "$4" |
		"$TEND" new --stdin --date "$(d "$1") 12:00" "$2" \
			>/dev/null 2>&1 || fail "cannot write the entry '$2'"
}

# section NAME: the lines of the page in $OUT under "## NAME", up to the
# next "## " heading
section() {
	awk -v h="## $1" '$0 == h { on = 1; next } on && /^## / { exit } on' \
		"$OUT"
}

# spark: the sparkline of the page in $OUT, without its indent
spark() {
	sed -n '/^A day a mark, /{n;n;s/^    //p;q}' "$OUT"
}

# --- an empty journal, and a few moods to compare ---------------------
journal "$T/k"

LC_ALL=C.UTF-8 t prep
expect_rc 0 "prep works on an empty journal"
expect_eq "its title names the last 14 days" \
	"# Session prep: $(d 14) to $today" "$(sed -n 1p "$OUT")"
expect_out "The last 14 days (no entry is tagged 'session' or 'session-digest' yet)." \
	"without a session entry the page says it covers the last 14 days"
expect_out "- 0 entries." "it says there are 0 entries"
expect_out "No entry in this time has a mood." "and that there is no mood"
expect_no_out "## Goals" "no goals section without goals"
expect_no_out "## Marked to share" "no shared section without shared entries"
expect_no_out "## Prompts answered" "no prompts section without prompts"

t prep --redact
expect_rc 2 "--redact without names to replace is a usage error"
expect_err "no names to replace" "and says why"
expect_eq "it prints no page" "" "$(cat "$OUT")"
t prep --redact -o "$T/redacted.md"
expect_rc 2 "--redact -o without names is a usage error too"
expect "and writes no file" test ! -e "$T/redacted.md"

n 5 "Middling" --mood 5
t prep
expect_out "- Mood: mean 5.0 of 10 in 1 entry with a mood (median 5.0); lowest entry 5, highest entry 5." \
	"one mood: its figures, one entry"
# the period is 14 days ago to today; the time before, as many days up
# to the period's first: 28 days ago to 15 days ago
expect_out "- No entry with a mood in the same length of time before ($(d 28) to $(d 15)) to compare with." \
	"nothing to compare with when the time before has no mood, and which days those are"
n 20 "Also middling" --mood 5
t prep
expect_out "- Compared with the same length of time before ($(d 28) to $(d 15)): mean 5.0 in 1 entry with a mood, so about the same." \
	"the same mean before is about the same, of its days and one entry"
expect_out "- 1 entry." "the entry before the period is not counted"
n 22 "Lower" --mood 2
t prep
# before: (5 + 2) / 2 = 3.5; now 5, up 1.5
expect_out "- Compared with the same length of time before ($(d 28) to $(d 15)): mean 3.5 in 2 entries with a mood, so up 1.5." \
	"a higher mean than before is up, by how much, compared with two entries"
n 29 "Too early to compare" --mood 10
t prep
expect_out "- Compared with the same length of time before ($(d 28) to $(d 15)): mean 3.5 in 2 entries with a mood, so up 1.5." \
	"an entry more than twice 14 days ago is not in the time before"
# the page names its first day (14 days ago) and gives it a mark: an
# entry early on that day is in the period, as with --since '14 days ago'
"$TEND" new -m "Early." --mood 9 --date "$(d 14) 00:30" \
	"Early on the first day" >/dev/null 2>&1 || fail "cannot write 'Early'"
t prep
first=$(sed -n '1s/^# Session prep: \([0-9-]*\) to .*/\1/p' "$OUT")
if [ "$first" = "$(d 14)" ]; then
	expect_out "- 2 entries." \
		"an entry on the first day the page names is counted"
else
	pass "an entry on the first day the page names is counted"
fi

# an entry of today on its own clock (00:30 in UTC+2) is of yesterday
# here (UTC): it is in the period, but no day of the page has its mood,
# so there is no lowest or highest day to name
journal "$T/m"
printf -- '---\ndate: %sT00:30:00+02:00\nmood: 3\n---\n\nA night.\n' \
	"$today" | "$TEND" new --stdin "Past midnight" >/dev/null 2>&1 ||
	fail "cannot write 'Past midnight'"
t prep --since today
expect_rc 0 "prep works when the period's moods are on no day of the page"
expect_out "- 1 entry." "the entry of today on its own clock is counted"
expect_out "in 1 entry with a mood (median 3.0)" "and so is its mood"
expect_no_out "Lowest day" "but no day of the page is the lowest"
expect_no_out "Highest day" "nor the highest"

# --- a fixed journal ---------------------------------------------------
journal "$T/j"
"$TEND" goal add boundaries "Hold my boundaries" >/dev/null 2>&1
"$TEND" goal add calm "Stay calm" >/dev/null 2>&1
"$TEND" goal add self-care "Time for me" >/dev/null 2>&1
"$TEND" goal add rest "Rest more" >/dev/null 2>&1
"$TEND" goal add gone "Gone away" >/dev/null 2>&1
"$TEND" goal add finished "All finished" >/dev/null 2>&1
"$TEND" goal pause rest >/dev/null 2>&1
"$TEND" goal drop gone >/dev/null 2>&1
"$TEND" goal done finished >/dev/null 2>&1

# before the period (14 days): in the time before, 20 and 16 days ago
# (moods 4 and 8, mean 6) and a private mood 1 that must not count
n 30 "Long ago" --mood 1 --tag ancient --feeling dusty
n 20 "Before the period" --mood 4 --tag earlier --feeling wistful \
	--goal boundaries
n 18 "Private before" --mood 1 --private
n 16 "Also before" --mood 8
fm 15 "Old rating" "goals: [boundaries]
ratings: {boundaries: 1}" "An old review."

# the period
n 12 "After the argument" --mood 3 --feeling hurt --feeling lonely \
	--tag conflict --tag work --goal boundaries
"$TEND" new -m "$(printf 'Sam and I walked.\n\nIt helped.')" \
	--date "$(d 10) 12:00" --mood 7 --feeling calm --tag friends --share \
	"Walk with Sam" >/dev/null 2>&1 || fail "cannot write 'Walk with Sam'"
"$TEND" new -m "We talked late." --date "$(d 10) 18:00" --mood 8 \
	--feeling calm --feeling hurt --tag friends --tag conflict \
	"Evening call" >/dev/null 2>&1 || fail "cannot write 'Evening call'"
"$TEND" new -m "$(printf 'Alex said no. Alexander laughed. ALEX, alex!\n\n- I stayed calm')" \
	--date "$(d 7) 12:00" --mood 2 --feeling hurt --tag conflict \
	--goal boundaries --share "Talk with Alex" >/dev/null 2>&1 ||
	fail "cannot write 'Talk with Alex'"
fm 5 "Hidden title" "mood: 1
feelings: [secretfeel]
goals: [boundaries]
tags: [secrettag]
ratings: {boundaries: 5}
prompt: \"A hidden prompt?\"
share: true
private: true" "Hidden words xyzzy."
fm 3 "Needs" "feelings: [lonely]
prompt: \"What did I need?\"" "I needed rest."
n 1 "Good day" --mood 7 --goal calm --goal rest
"$TEND" review --rate boundaries=4 --rate calm=2 -m "Steadier." \
	>/dev/null 2>&1 || fail "cannot write the review"

# By hand, the period (14 days ago to now) has 7 entries that are not
# private: After the argument, Walk with Sam, Evening call, Talk with
# Alex, Needs, Good day and the review.
#   feelings: hurt 3, calm 2, lonely 2 (ties by name)
#   tags: conflict 3, friends 2, review 1, work 1
#   moods 3 7 8 2 7: mean 27/5 = 5.4; sorted 2 3 7 7 8, median 7; the
#   lowest entry 2, the highest 8
#   before (28 to 15 days ago): (4 + 8) / 2 = 6 of 2 entries, so down 0.6
#   by day: 3 (12 days ago), 7.5 (10), 2 (7), 7 (1): lowest 7 days ago,
#   highest 10 days ago with both its entries, a daily mean of 7.5
#   the lowest entries (moods up to 5, half the scale): Talk with Alex
#   (2, shared), After the argument (3, not shared: left out)
#   sparkline, a day a mark from 14 days ago to today (15 marks), mood
#   1..10 on eight blocks: 3 -> 3rd, 7.5 -> 6th, 2 -> 2nd, 7 -> 6th
LC_ALL=C.UTF-8 t prep
expect_rc 0 "prep works"
expect_eq "the title names the period" "# Session prep: $(d 14) to $today" \
	"$(sed -n 1p "$OUT")"
expect_out "The last 14 days (no entry is tagged 'session' or 'session-digest' yet)." \
	"without a session entry it is the last 14 days, and says so"
expect_eq "how it went: counts, feelings, tags, mood, change, sparkline, lowest and highest" "
- 7 entries.
- Feelings most often: hurt (3), calm (2), lonely (2).
- Tags most often: conflict (3), friends (2), review (1), work (1).

- Mood: mean 5.4 of 10 in 5 entries with a mood (median 7.0); lowest entry 2, highest entry 8.
- Compared with the same length of time before ($(d 28) to $(d 15)): mean 6.0 in 2 entries with a mood, so down 0.6.

A day a mark, $(d 14) to $today:

      ▃ ▆  ▂     ▆ 

- Lowest day: $(d 7), a daily mean of 2.0 (1 entry): \"Talk with Alex\"
- Highest day: $(d 10), a daily mean of 7.5 (2 entries): \"Walk with Sam\", \"Evening call\"" \
	"$(section "How it went")"
expect_eq "the lowest entries: the shared one, and one left out" "
The entries of the lowest mood in this time, the lowest first:

- $(d 7) 12:00, mood 2, \"Talk with Alex\": Alex said no. Alexander laughed. ALEX, alex!

1 more of the lowest is not marked to share, so it is not listed here: \`tend prep --include-low\` lists it." \
	"$(section "Lowest moments")"
expect_eq "the sparkline has one mark a day, 15 days" 15 \
	"$(spark | tr -d '\n' | LC_ALL=C.UTF-8 wc -m)"
expect_no_out "ancient" "entries before the period are not counted"
expect_no_out "earlier" "nor their tags"
expect_no_out "wistful" "nor their feelings"
expect_no_out "Before the period" "nor named"

expect_eq "each active goal with its entries and ratings in the period" "
### Hold my boundaries (boundaries)

- $(d 12) \"After the argument\"
- $(d 7) \"Talk with Alex\"
- $today \"Weekly review, $today\"

Rated $today 4/5.

### Stay calm (calm)

- $(d 1) \"Good day\"
- $today \"Weekly review, $today\"

Rated $today 2/5.

### Time for me (self-care)

No entries named it in this time." "$(section Goals)"
expect_no_out "Rest more" "a paused goal is not shown"
expect_no_out "Gone away" "nor a dropped one"
expect_no_out "All finished" "nor an achieved one"
expect_no_out "1/5" "a rating before the period is not shown"

expect_eq "every shared entry in full, its whole body, no front matter" "
### $(d 10) \"Walk with Sam\"

Sam and I walked.

It helped.

### $(d 7) \"Talk with Alex\"

Alex said no. Alexander laughed. ALEX, alex!

- I stayed calm" "$(section "Marked to share")"
expect_no_out "share: true" "no front matter is shown"
expect_no_out "mood: " "not even its mood line"

expect_eq "the prompts answered, with day and title" "
- What did I need? ($(d 3) \"Needs\")" "$(section "Prompts answered")"

# the private entry: mood 1, shared, a prompt, a rating of 5, a goal
for word in "Hidden" "xyzzy" "secretfeel" "secrettag" "A hidden prompt?" \
	"5/5" "Private before"; do
	expect_no_out "$word" "a private entry is nowhere in the page: '$word'"
done
expect_no_out "lowest entry 1" "a private mood is not the lowest"

t prep --format md
expect_rc 0 "--format md works"
cp "$OUT" "$T/md.out"
t prep
expect "and gives the same page" cmp "$OUT" "$T/md.out"

# --- -o FILE -----------------------------------------------------------
t prep
cp "$OUT" "$T/page.md"
(umask 022 && "$TEND" prep -o "$T/prep.md" >"$OUT" 2>"$ERR")
rc=$?
expect_rc 0 "-o FILE works"
expect_eq "-o FILE prints nothing on stdout" "" "$(cat "$OUT")"
expect_err "$T/prep.md" "stderr says where the page went"
expect "the file holds the page" cmp "$T/prep.md" "$T/page.md"
expect_eq "the file is private (0600) even with umask 022" 600 \
	"$(mode "$T/prep.md")"
printf 'old\n' >"$T/old.md"
chmod 644 "$T/old.md"
t prep -o "$T/old.md"
expect_rc 0 "-o over an existing file works"
expect "it replaces the file" cmp "$T/old.md" "$T/page.md"
expect_eq "and the file is then 0600" 600 "$(mode "$T/old.md")"
t prep -o -
expect_rc 0 "-o - works"
expect "-o - is stdout" cmp "$OUT" "$T/page.md"
expect "and writes no file named -" test ! -e ./-
t prep -o "$T/no/such/folder/prep.md"
expect_rc 1 "-o into a folder that does not exist fails"
expect "nothing is written there" test ! -e "$T/no"
expect_eq "and nothing is printed on stdout" "" "$(cat "$OUT")"
expect_err "$T/no/such/folder" "the message names the folder"
expect "the work tree is clean after prep" test -z "$(git status --porcelain)"

# --- bad input -----------------------------------------------------------
t prep --format html -o "$T/prep.html"
expect_rc 0 "prep --format html"
expect "writes one HTML page" grep -q '^<!doctype html>' "$T/prep.html"
expect "with the page's headings" grep -q '<h1>Session prep: ' "$T/prep.html"
expect "its style inline" grep -q '<style>' "$T/prep.html"
expect_not "loading nothing and running nothing" \
	grep -qiE '<link|src=|<script' "$T/prep.html"
expect "with a Content-Security-Policy" \
	grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$T/prep.html"
expect_eq "in a private file" 600 "$(mode "$T/prep.html")"
t prep --format pdf
expect_rc 2 "--format pdf is a usage error"
expect_err "--format takes md or html, not 'pdf'" "and says which there are"
t prep --format xml
expect_rc 2 "--format xml is a usage error"
expect_err "'xml'" "and names it"
t prep stray
expect_rc 2 "a stray argument is a usage error"
t prep --since "not a date"
expect_rc 2 "an unreadable --since is a usage error"
expect_err "cannot read the date 'not a date'" "and quotes the date"
t prep --since 2099-01-01
expect_rc 2 "a --since in the future is a usage error"
expect_err "in the future" "and says so"
t prep --since
expect_rc 2 "--since needs a value"
t prep -o
expect_rc 2 "-o needs a value"
t prep --frob
expect_rc 2 "an unknown option is a usage error"
expect_eq "bad input prints no page" "" "$(cat "$OUT")"

# --- --since -----------------------------------------------------------
# from the start of the day 8 days ago: Talk with Alex (mood 2), Needs,
# Good day (7) and the review; before it, 8 days and the hours of today:
# Also before (16 days ago), After the argument, Walk with Sam, Evening
# call (8, 3, 7, 8; mean 6.5), so down 2.0
LC_ALL=C.UTF-8 t prep --since "$(d 8)"
expect_rc 0 "--since WHEN works"
expect_eq "it sets the start of the period" \
	"# Session prep: $(d 8) to $today" "$(sed -n 1p "$OUT")"
expect_out "Since the time you asked for." "and the page says so"
expect_out "- 4 entries." "counting only the entries since then"
expect_out "- Mood: mean 4.5 of 10 in 2 entries with a mood (median 4.5); lowest entry 2, highest entry 7." \
	"the mood figures of that time"
expect_out "- Compared with the same length of time before ($(d 16) to $(d 9)): mean 6.5 in 4 entries with a mood, so down 2.0." \
	"compared with the same length of time before, its days and entries"
expect_eq "the sparkline covers 9 days" " ▂     ▆ " "$(spark)"
t prep --since "2 days ago"
expect_rc 0 "--since takes words too"
expect_out "- 2 entries." "Good day and the review"
expect_out "- No entry with a mood in the same length of time before ($(d 4) to $(d 3)) to compare with." \
	"Needs has no mood, so nothing to compare with"

# --- --redact ----------------------------------------------------------
printf '\n[share]\nredact = Alex=my partner, Sam\n' >>tend.ini
t prep
expect_out "Alex said no." "without --redact the names stay"
t prep --redact
expect_rc 0 "--redact works"
expect_out "### $(d 10) \"Walk with [name]\"" \
	"a name without a replacement becomes [name], in titles"
expect_out "[name] and I walked." "and in bodies"
expect_out "### $(d 7) \"Talk with my partner\"" \
	"Alex becomes 'my partner' in titles"
expect_out "- Lowest day: $(d 7), a daily mean of 2.0 (1 entry): \"Talk with my partner\"" \
	"wherever the title appears"
expect_out "- $(d 7) 12:00, mood 2, \"Talk with my partner\": my partner said no." \
	"among the lowest entries too, their first line as well"
expect_out "my partner said no. Alexander laughed. my partner, my partner!" \
	"in bodies, in any case, whole words only (Alexander stays)"
expect_out "Compared with the same length of time before" \
	"'same' is not the name Sam"
expect_eq "no Alex or Sam is left" "" "$(grep -iwE 'alex|sam' "$OUT")"
t prep --redact -o "$T/redacted.md"
expect_rc 0 "--redact with -o works"
expect_eq "the file is redacted too" "" "$(grep -iwE 'alex|sam' "$T/redacted.md")"

# --- the period since the last session ---------------------------------
# a session entry 4 days ago at noon: the period is from then to now,
# just over 4 days; the time before is the 4 days and a bit before it,
# which has Talk with Alex (7 days ago, mood 2) and the private entry
# (5 days ago, not counted)
n 4 "Session with Dr K" --tag session
LC_ALL=C.UTF-8 t prep
expect_eq "the period starts at the last session entry" \
	"# Session prep: $(d 4) to $today" "$(sed -n 1p "$OUT")"
expect_out "Since your last session entry, \"Session with Dr K\" ($(d 4))." \
	"the page names the session entry and its day"
expect_out "- 3 entries." "Needs, Good day and the review (not the session itself)"
expect_out "- Mood: mean 7.0 of 10 in 1 entry with a mood (median 7.0); lowest entry 7, highest entry 7." \
	"the mood of the period"
expect_out "- Compared with the same length of time before ($(d 8) to $(d 4)): mean 2.0 in 1 entry with a mood, so up 5.0." \
	"compared with the time before: from 8 days ago to the session"
expect_eq "the sparkline covers the 5 days" "   ▆ " "$(spark)"
expect_no_out "After the argument" "entries before the session are not shown"
expect_no_out "## Marked to share" "nor their shared entries"

# a session-digest later than it wins
"$TEND" new -m "What I took away." --date "$(d 2) 18:00" \
	--tag session-digest "After the session" >/dev/null 2>&1
t prep
expect_out "Since your last session entry, \"After the session\" ($(d 2))." \
	"the newest of session and session-digest starts the period"
expect_out "- 2 entries." "Good day and the review"
# a later session entry that is private does not start it, nor is named
"$TEND" new -m "Secret session." --date "$(d 1) 06:00" --tag session \
	--private "Secret session" >/dev/null 2>&1
t prep
expect_out "Since your last session entry, \"After the session\" ($(d 2))." \
	"a private session entry is not the last session"
expect_no_out "Secret session" "and is not named"
# a session entry in the future does not count
"$TEND" new -m "Not yet." --date "$(date -u -d tomorrow +%F) 12:00" \
	--tag session "Next session" >/dev/null 2>&1
t prep
expect_out "Since your last session entry, \"After the session\" ($(d 2))." \
	"a session entry dated in the future does not start the period"
expect_out "- 2 entries." "nor is it counted"
t prep --since "$(d 12)"
expect_out "Since the time you asked for." "--since overrides the session entry"
expect_out "After the argument" "and reaches back past it"

# a shared entry's headings sit under the page's own
journal "$T/headings"
printf '# Big\n\nText.\n\n## My part\n\n```\n# not a heading\n```\n' |
	"$TEND" new --stdin --share --date "$(d 1) 12:00" "Headings" \
	>/dev/null 2>&1 || fail "cannot write 'Headings'"
t prep
expect_out "#### Big" "a heading in a shared entry goes three levels down"
expect_out "##### My part" "each of them"
expect_out "
# not a heading" "but not a line in a code block"

# a tag or feeling in any case is one, as 'list --tag' finds it, named
# as the first entry of the period writes it
journal "$T/cases"
n 3 "First" --tag Conflict --feeling Hurt
n 2 "Second" --tag conflict --feeling hurt
t prep
expect_out "- Tags most often: Conflict (2)." "Conflict and conflict are one tag"
expect_out "- Feelings most often: Hurt (2)." "Hurt and hurt one feeling"

done_testing
