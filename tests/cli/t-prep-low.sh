# tend prep brings the worst moments forward (issue 17): the entries of
# the lowest mood (at most three, of moods in the lower half of the
# scale; date, mood, title, first line), those not marked to share only
# after a yes on the terminal or with --include-low, else counted as left
# out; private ones only with --include-private; the lowest figure an
# entry's mood, a day's a daily mean; the change with its days and
# entries; the items under the "to try" heading of the last session
# entry carried forward; the same in HTML, escaped; and the plan file
# (plan.md, plan.md.age) never in it.
. tests/cli/lib.sh

# d K: the day K days ago; today is d 0
d() {
	date -u -d "$1 days ago" +%F
}

# fm K HH:MM TITLE FRONT BODY: a new entry at HH:MM K days ago, its front
# matter lines FRONT (as new --stdin reads them), its body BODY
fm() {
	printf -- '---\n%s\n---\n\n%s\n' "$4" "$5" |
		"$TEND" new --stdin --date "$(d "$1") $2" "$3" \
			>/dev/null 2>&1 || fail "cannot write the entry '$3'"
}

# section NAME [FILE]: the lines of the page in FILE ($OUT) under
# "## NAME", up to the next "## " heading
section() {
	awk -v h="## $1" '$0 == h { on = 1; next } on && /^## / { exit } on' \
		"${2:-$OUT}"
}

# --- a journal worked out by hand ---------------------------------------
journal "$T/j"
# before the period: moods 4 and 6
fm 10 12:00 "Ten days ago" "mood: 4" "Words of ten days ago."
fm 8 12:00 "Eight days ago" "mood: 6" "Words of eight days ago."
# the last session: its digest 6 days ago at 18:00, from the template's
# headings; what is under "What I want to try" is carried forward, an
# item of two lines as one, a paragraph as an item, an empty item and a
# rule not at all
fm 6 18:00 "After the session" "tags: [therapy, session-digest]" \
"## What we talked about

The old story.

## What I want to try

- Saying no once a day
- A walk
  after dinner
1. Breathe *before* answering

Ask for a pause.
-

---

### At home

* Leave the dishes

## What I'm still thinking about

- notcarried"
# the period, from the second after it
fm 4 02:40 "Night" "mood: 1" \
"## What happened

can't breathe… don't know how much longer I can do this

More."
fm 4 12:00 "Shared low" "mood: 3
share: true" "> - A quote item with *stars*."
fm 2 12:00 "Middle" "mood: 5" "Words of the middle."
fm 2 20:00 "Hidden low" "mood: 1
private: true" "hiddenword under the covers."
fm 1 09:00 "Headings only" "mood: 1" "## Nothing but a heading"
fm 1 12:00 "Good" "mood: 8" "Words of a good day."

# By hand: the period is from the second after the digest (6 days ago
# 18:00) to the end of today; the time before is as many whole days
# (6) from the first second of 12 days ago up to the digest: moods 4
# and 6, mean 5.0 of 2 entries.
#   moods, private aside: 1 3 5 1 8: mean 18/5 = 3.6, so down 1.4;
#   sorted 1 1 3 5 8: median 3; lowest entry 1, highest 8
#   by day: 4 days ago (1 + 3) / 2 = 2.0, the lowest; 2 days ago 5.0,
#   the highest; yesterday (1 + 8) / 2 = 4.5
#   the lowest entries, moods up to 5: Night (1), Headings only (1,
#   later), Shared low (3); Middle (5) is the fourth, not shown
t prep
expect_rc 0 "prep works, not on a terminal"
expect_eq "how it went: the lowest an entry's mood, a day's a daily mean, the change with its days and entries" "
- 5 entries.

- Mood: mean 3.6 of 10 in 5 entries with a mood (median 3.0); lowest entry 1, highest entry 8.
- Compared with the same length of time before ($(d 12) to $(d 6)): mean 5.0 in 2 entries with a mood, so down 1.4." \
	"$(section "How it went" | sed '/^A day a mark/,$d')"
expect_out "- Lowest day: $(d 4), a daily mean of 2.0 (2 entries): \"Night\", \"Shared low\"" \
	"the lowest day says its figure is a daily mean, of how many entries"
expect_out "- Highest day: $(d 2), a daily mean of 5.0 (1 entry): \"Middle\"" \
	"and the highest day"
expect_eq "not on a terminal: the shared low entry, and how many are left out" "
The entries of the lowest mood in this time, the lowest first:

- $(d 4) 12:00, mood 3, \"Shared low\": A quote item with *stars*.

2 more of the lowest are not marked to share, so they are not listed here: \`tend prep --include-low\` lists them." \
	"$(section "Lowest moments")"
expect_no_out "can't breathe" "the first line of an entry not marked to share is not in it"
expect_eq "the things to try of the last session, carried forward" "
From \"After the session\" ($(d 6)):

- Saying no once a day
- A walk after dinner
- Breathe *before* answering
- Ask for a pause.
- Leave the dishes" "$(section "To try, from your last session")"
expect_no_out "notcarried" "nothing under the next heading as high is carried"
expect_no_out "The old story" "nor what is above the heading"
for word in "Hidden low" hiddenword; do
	expect_no_out "$word" "the private entry is nowhere: '$word'"
done
expect_eq "the sections in their order" "## How it went
## Lowest moments
## To try, from your last session
## Marked to share" "$(grep '^## ' "$OUT")"

t prep --include-low
expect_rc 0 "--include-low works"
expect_eq "--include-low: the three lowest, lowest first, the older first of equal moods, each with its first line" "
The entries of the lowest mood in this time, the lowest first:

- $(d 4) 02:40, mood 1, \"Night\": can't breathe… don't know how much longer I can do this
- $(d 1) 09:00, mood 1, \"Headings only\"
- $(d 4) 12:00, mood 3, \"Shared low\": A quote item with *stars*." "$(section "Lowest moments")"
expect_no_out "Words of the middle" "a fourth is not shown"
expect_no_out "not listed here" "nothing is said left out"
expect_no_out "hiddenword" "a private entry is not among them"

# --include-private: the private entry is of the page, mood 1 too:
# moods 1 3 5 1 1 8: mean 19/6 = 3.2, median (1 + 3) / 2 = 2.0; 2 days
# ago (5 + 1) / 2 = 3.0; the lowest three are now of mood 1
t prep --include-private
expect_rc 0 "--include-private works"
expect_out "- 6 entries." "the private entry is counted"
expect_out "- Mood: mean 3.2 of 10 in 6 entries with a mood (median 2.0); lowest entry 1, highest entry 8." \
	"and its mood"
expect_eq "its first line is still left out unless asked for" "
The 3 entries of the lowest mood are not marked to share, so they are not listed here: \`tend prep --include-low\` lists them." \
	"$(section "Lowest moments")"
expect_no_out "hiddenword" "so the private entry's words are not in it"
t prep --include-private --include-low
expect_rc 0 "--include-private --include-low"
expect_eq "with both: the private entry among the lowest, with its first line" "
The entries of the lowest mood in this time, the lowest first:

- $(d 4) 02:40, mood 1, \"Night\": can't breathe… don't know how much longer I can do this
- $(d 2) 20:00, mood 1, \"Hidden low\": hiddenword under the covers.
- $(d 1) 09:00, mood 1, \"Headings only\"" "$(section "Lowest moments")"

# --- on a terminal: asked, the answer no unless it is y ----------------
t prep -o "$T/page-no.md"
# answer WORDS: run prep -o FILE on a terminal, typing WORDS (a line);
# the page in $T/page.md, what the terminal showed in $OUT
answer() {
	printf '%s\n' "$1" >"$T/typed"
	rm -f "$T/page.md"
	on_tty "'$TEND' prep -o '$T/page.md'"
}
answer y
expect_rc 0 "on a terminal prep asks, and y goes on"
expect_out "tend: entries of the lowest mood in this time are not marked to share:" \
	"the question says what the entries are"
expect_out "  $(d 4) 02:40  mood 1  Night" "it names each: date, time, mood, title"
expect_out "  $(d 1) 09:00  mood 1  Headings only" "the other one too"
expect_no_out "mood 3  Shared low" "not the one marked to share"
expect_no_out "Hidden low" "nor the private one"
expect_out "List them among the page's lowest moments, with their first line? [y/N]" \
	"it asks, No the default"
expect "a yes puts them in" grep -qF -- \
	"- $(d 4) 02:40, mood 1, \"Night\": can't breathe" "$T/page.md"
expect_not "and says nothing is left out" grep -q "not listed here" "$T/page.md"
for typed in Y yes; do
	answer "$typed"
	expect "'$typed' is a yes" grep -qF "\"Night\": can't breathe" \
		"$T/page.md"
done
for typed in n no maybe "" " y"; do
	answer "$typed"
	expect_rc 0 "an answer '$typed' goes on"
	expect "'$typed' is a no: they are left out, and counted" \
		cmp -s "$T/page.md" "$T/page-no.md"
done
: >"$T/typed"
rm -f "$T/page.md"
on_tty "'$TEND' prep -o '$T/page.md' </dev/null"
expect_rc 0 "no terminal to answer on: prep goes on"
expect_not "and asks nothing" grep -q "List them" "$OUT"
expect "leaving them out" cmp -s "$T/page.md" "$T/page-no.md"
printf 'y\n' >"$T/typed"
on_tty "'$TEND' prep --include-low -o '$T/page.md'"
expect_not "--include-low: nothing is asked" grep -q "List them" "$OUT"
expect "and they are in" grep -qF "\"Night\": can't breathe" "$T/page.md"
printf 'y\n' >"$T/typed"
on_tty "'$TEND' prep --include-private -o '$T/page.md'"
expect_out "  $(d 2) 20:00  mood 1  Hidden low" \
	"with --include-private the question names the private entry"
expect "and a yes puts it in" grep -q hiddenword "$T/page.md"

# --- HTML: the same content, escaped ------------------------------------
t prep --include-low --format html -o "$T/page.html"
expect_rc 0 "--format html --include-low"
expect "the lowest entries are a section" grep -q '<h2>Lowest moments</h2>' \
	"$T/page.html"
expect "with their first lines" grep -qF "Night&quot;: can't breathe" \
	"$T/page.html"
expect "the things to try too" grep -qF '<h2>To try, from your last session</h2>' \
	"$T/page.html"
expect "each an item" grep -qF '<li>A walk after dinner</li>' "$T/page.html"
expect "the change with its days and entries" grep -qF \
	"($(d 12) to $(d 6)): mean 5.0 in 2 entries with a mood, so down 1.4." \
	"$T/page.html"
expect "the lowest day a daily mean" grep -qF \
	"a daily mean of 2.0 (2 entries)" "$T/page.html"
t prep
spark=$(sed -n '/^A day a mark, /{n;n;s/^    //p;q}' "$OUT")
expect_eq "the sparkline, a mark a day (7 days, 3 with a mood)" 7 \
	"$(printf '%s' "$spark" | LC_ALL=C.UTF-8 wc -m)"
words="Mood, a day a mark, $(d 6) to $(d 0): 3 of 7 days with a mood, from 2.0 to 5.0 of 10; the last 4.5"
expect_eq "HTML draws it after its caption, with its figures in words" \
	"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 40\" class=\"chart chart-spark\" role=\"img\" aria-label=\"$words\"><title>$words</title>" \
	"$(grep -A1 -F '<p>A day a mark, ' "$T/page.html" | sed -n 2p)"
expect_eq "a bar for each of the 3 days with a mood" 3 \
	"$(grep -c '^<rect class="bar"' "$T/page.html")"
t prep --format html -o "$T/page.html"
expect "without --include-low, HTML says what is left out" grep -qF \
	'2 more of the lowest are not marked to share, so they are not listed here: <code>tend prep --include-low</code> lists them.' \
	"$T/page.html"
expect_not "and has not their words" grep -q "breathe" "$T/page.html"

# markup in a low entry's title and first line, and in a thing to try
journal "$T/x"
fm 3 12:00 "Session <b>x</b>" "tags: [session]" "## To try

- Try <script>alert(1)</script> & \"this\""
fm 1 21:00 "Fear & \"dread\" <script>alert(2)</script>" "mood: 2" \
	"<img src=x onerror=alert(3)> so & so"
t prep --include-low
expect_out "- $(d 1) 21:00, mood 2, \"Fear & \"dread\" <script>alert(2)</script>\": <img src=x onerror=alert(3)> so & so" \
	"the Markdown page has the title and first line as written"
expect_out "- Try <script>alert(1)</script> & \"this\"" "and the thing to try"
printf -- '---\ntitle: "Red \\e[31m title"\nmood: 1\n---\n\nRed words.\n' |
	"$TEND" new --stdin --date "$(d 1) 22:00" >/dev/null 2>&1 ||
	fail "cannot write the entry 'Red'"
printf 'n\n' >"$T/typed"
on_tty "'$TEND' prep -o '$T/page.md'"
expect_out "  $(d 1) 22:00  mood 1  Red ?[31m title" \
	"the question shows a title cleaned for the terminal"
expect_not "no escape reaches it" grep -q "$(printf '\033')" "$OUT"
t prep --include-low --format html
expect_rc 0 "the HTML page of them"
expect_not "runs nothing" grep -qiE '<script|<img|onerror=[^&]' "$OUT"
expect_out "Fear &amp; &quot;dread&quot;" "the title's & and quotes escaped"
expect_out "so &amp; so" "the first line's too"
expect_out "&amp; &quot;this&quot;" "the thing to try's too"

# a first line long enough to cut, at a word, and one after a rule, a
# comment and code; the words of a line of 188 bytes: the cut at 120
# falls in the second "twelve", so it ends at the "eleven" before
journal "$T/long"
words="one two three four five six seven eight nine ten eleven twelve"
fm 1 12:00 "Long" "mood: 3" "$words $words $words"
fm 1 13:00 "After code" "mood: 4" "---

<!-- a note -->
\`\`\`
code line
\`\`\`
  > * Indented words."
t prep --include-low
expect_out "- $(d 1) 12:00, mood 3, \"Long\": $words ${words% twelve}…" \
	"a long first line is cut at a word, near 120 bytes, with …"
expect_out "- $(d 1) 13:00, mood 4, \"After code\": Indented words." \
	"a rule, a comment and code are no first line; indent and marks go"
multi=$(printf 'é%.0s' $(seq 70))
fm 1 14:00 "Accents" "mood: 5" "$multi"
t prep --include-low
expect_out "\"Accents\": $(printf 'é%.0s' $(seq 60))…" \
	"a line without a space is cut between characters, not inside one"

# moods in the upper half of the scale are no low moments
journal "$T/high"
fm 1 12:00 "Fine" "mood: 6" "Words of a fine day."
fm 1 13:00 "Shared and low" "mood: 2
share: true" "Words shared."
t prep
expect_out "lowest entry 2" "the lowest entry's mood is 2"
expect_eq "only the low one is a low moment" "
The entries of the lowest mood in this time, the lowest first:

- $(d 1) 13:00, mood 2, \"Shared and low\": Words shared." "$(section "Lowest moments")"
printf 'y\n' >"$T/typed"
on_tty "'$TEND' prep -o '$T/page.md'"
expect_not "with only shared low entries nothing is asked" \
	grep -q "List them" "$OUT"

journal "$T/five"
printf '[mood]\nscale = 5\n' >tend.ini
fm 1 13:00 "Two of five" "mood: 2" "Words of two."
fm 1 14:00 "Three of five" "mood: 3" "Words of three."
t prep --include-low
expect_out "\"Two of five\": Words of two." "on a scale of 5, 2 is low"
expect_no_out "\"Three of five\": Words" "3 is not"

# --- the last session's things to try ------------------------------------
journal "$T/s"
# write_try: an editor that writes two things under the template's "to
# try" heading
printf '#!/bin/sh\nsed -i "s/^## What I want to try$/&\\n\\n- Name the feeling\\n- Ask, do not guess/" "$1"\n' \
	>"$T/write_try"
chmod +x "$T/write_try"
EDITOR="$T/write_try" "$TEND" new --template session-digest \
	--date "$(d 5) 18:00" "Digest" >/dev/null 2>&1 ||
	fail "cannot write the digest from its template"
t prep
expect_eq "the items under the session-digest template's heading" "
From \"Digest\" ($(d 5)):

- Name the feeling
- Ask, do not guess" "$(section "To try, from your last session")"
t prep --since "$(d 2)"
expect_out "From \"Digest\" ($(d 5)):" \
	"with --since, the newest session entry before it"
t prep --since "$(d 5)"
expect_no_out "## To try" "none before the day of --since, no things to try"
# a later session entry without the heading: its things to try (none)
fm 3 12:00 "Plain session" "tags: [session]" "We talked."
t prep
expect_out "Since your last session entry, \"Plain session\"" \
	"a later session entry starts the period"
expect_no_out "## To try" "and with no 'to try' heading there is nothing to carry"
# a private session entry after it: only with --include-private
fm 2 12:00 "Private session" "tags: [session]
private: true" "## To Try

- secretstep"
t prep
expect_no_out "secretstep" "a private session entry's things are not carried"
expect_out "Since your last session entry, \"Plain session\"" \
	"nor does it start the period"
t prep --include-private
expect_out "Since your last session entry, \"Private session\"" \
	"with --include-private it does"
expect_out "- secretstep" "and its things to try ('To Try', any case) are carried"

# --- bad input -------------------------------------------------------------
t prep --include-low=yes
expect_rc 2 "--include-low takes no value"
expect_err "see 'tend prep --help'" "and points to the help"
t prep --include-private=yes
expect_rc 2 "--include-private takes no value"
t prep --include-low stray
expect_rc 2 "--include-low with a stray argument is a usage error"
expect_err "prep takes no arguments" "and says so"
t prep --include-low --since 2099-01-01
expect_rc 2 "--include-low with a --since in the future is a usage error"
expect_err "in the future" "and says so"
printf 'y\n' >"$T/typed"
on_tty "'$TEND' prep --since 2099-01-01"
expect_rc 2 "on a terminal too"
expect_not "asking nothing" grep -q "List them" "$OUT"
t prep --include-low --redact
expect_rc 2 "--include-low --redact without names is a usage error"
expect_err "no names to replace" "and says why"
t prep --help
expect_out "--include-low" "--help names --include-low"
expect_out "--include-private" "and --include-private"
expect_out "on a terminal prep" "and says when it asks"

# --- the plan is never in a prep page ------------------------------------
# write_plan: an editor that writes a plan whose words (planwords) are
# under a heading that says "to try", and a first line of text
printf '#!/bin/sh\nprintf "## What I want to try\\n\\n- planwords to try\\n\\nplanwords first line\\n" >"$1"\n' \
	>"$T/write_plan"
chmod +x "$T/write_plan"
journal "$T/p"
fm 3 12:00 "A session" "tags: [session]" "## What I want to try

- stepword"
fm 1 12:00 "A low day" "mood: 1" "Low words."
EDITOR="$T/write_plan" t plan
expect_rc 0 "a plan"
expect "plan.md holds its words" grep -q planwords plan.md
for args in "" "--include-low --include-private" "--since 2000-01-01" \
	"--format html --include-low --include-private"; do
	# shellcheck disable=SC2086
	t prep $args
	expect_rc 0 "prep $args"
	expect_not "prep $args: no word of the plan" grep -q planwords "$OUT"
done
expect_out "stepword" "(the session entry's things to try are there)"
printf 'y\n' >"$T/typed"
on_tty "'$TEND' prep -o '$T/plan-page.md'"
expect_not "a yes on the terminal brings no word of the plan either" \
	grep -q planwords "$T/plan-page.md" "$OUT"

encrypted_setup
"$TEND" init --encrypt "$T/e" >/dev/null 2>&1 || {
	echo "Bail out! cannot make an encrypted journal"
	exit 1
}
cd "$T/e" || exit 1
fm 3 12:00 "A sealed session" "tags: [session]" "## What I want to try

- sealedstep"
fm 1 12:00 "A sealed low day" "mood: 1" "Sealed low words."
EDITOR="$T/write_plan" t plan
expect "an encrypted journal's plan is plan.md.age" test -f plan.md.age
t prep --include-low --include-private
expect_rc 0 "prep in an encrypted journal"
expect_out "- sealedstep" "has the things to try"
expect_out "\"A sealed low day\": Sealed low words." "and the lowest entry"
expect_not "but no word of the plan" grep -q planwords "$OUT"

done_testing
