# tend render (tend-render(1), issue 5): the pages it writes, what is in them
# and what is never in them (scripts, hostile markup, private entries,
# anything loaded from elsewhere), the incremental render (nothing
# written twice, only what shows a changed entry, removed pages gone),
# the folders it refuses, template overrides and template errors.
. tests/cli/lib.sh
journal "$T/j"
SITE="$T/j/site"

# n TITLE DATE [OPTIONS...]: a new entry with the text "Words of TITLE."
n() {
	title=$1 date=$2
	shift 2
	"$TEND" new -m "Words of $title." --date "$date" "$@" "$title" \
		>/dev/null 2>&1 || fail "cannot write the entry '$title'"
}

# stamp: every file of the site with its inode and time, one a line
stamp() {
	(cd "$SITE" && find . -type f ! -name .tend-render \
		-printf '%p %i %T@\n' | sort)
}

# changed BEFORE AFTER: the files whose inode or time differ, or that
# are new; one name a line
changed() {
	printf '%s\n' "$2" | while read -r f rest; do
		printf '%s\n' "$1" | grep -qxF "$f $rest" || echo "${f#./}"
	done
}

# pages: every page of the site, one a line
pages() {
	(cd "$SITE" && find . -type f ! -name .tend-render | sed 's|^\./||' |
		sort)
}

# --- an empty journal -------------------------------------------------
t render
expect_rc 0 "render works on an empty journal"
expect_out "Rendered 6 pages into $SITE: 6 written, 0 unchanged, 0 removed." \
	"and says how many pages it wrote, and where"
expect_out "Open $SITE/index.html" "and which file to open"
expect_eq "the pages of an empty site" "archive/index.html
goals/index.html
index.html
mood.html
style.css
tags/index.html" "$(pages | grep -v '^$')" 
expect "the home page says there is nothing yet" \
	grep -q 'No entries yet' "$SITE/index.html"
expect_eq "the site folder is private (0700)" 700 "$(mode "$SITE")"
expect_eq "and its pages too (0600)" 600 "$(mode "$SITE/index.html")"
expect "site/ is not part of the journal's history" \
	sh -c '[ -z "$(git status --porcelain)" ]'

# --- a small journal -------------------------------------------------
mkdir -p goals
cat >goals/boundaries.md <<'EOF'
---
title: Say what I need
status: active
started: 2026-10-01
---

Name one need a week.
EOF
"$TEND" save -m "Add a goal" >/dev/null
n "The dishes again" "2026-10-03 21:10" --mood 3 --tag conflict \
	--tag Home --feeling frustrated --goal boundaries
n "Walk by the river" "2026-10-12 18:00" --mood 7 --tag home \
	--tag self-care --feeling calm
n "Said no" "2026-11-02 20:30" --mood 6 --tag conflict --goal boundaries \
	--share
n "Quiet day" "2026-11-05 09:00" --mood 5 --tag rest
n "Last one" "2026-11-20 08:00" --mood 8 --tag start
t render
expect_rc 0 "render works on a small journal"
expect_eq "every page of tend-render(1) is there" "archive/2026-10.html
archive/2026-11.html
archive/index.html
entries/2026-10-03-2110-the-dishes-again.html
entries/2026-10-12-1800-walk-by-the-river.html
entries/2026-11-02-2030-said-no.html
entries/2026-11-05-0900-quiet-day.html
entries/2026-11-20-0800-last-one.html
goals/boundaries.html
goals/index.html
index.html
mood.html
style.css
tags/conflict.html
tags/home.html
tags/index.html
tags/rest.html
tags/self-care.html
tags/start.html" "$(pages)"
expect_out "Rendered 19 pages into $SITE: 18 written, 1 unchanged, 0 removed." \
	"every page but the style sheet is written"
for page in $(pages | grep '\.html$'); do
	f="$SITE/$page"
	grep -qF "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; img-src 'self' data:" "$f" ||
		fail "$page has no Content-Security-Policy"
	grep -qF '<meta name="robots" content="noindex' "$f" ||
		fail "$page is not marked noindex"
	grep -qiE '<script|<iframe|<object|<embed|<img' "$f" &&
		fail "$page has a script, a frame, an object or an image"
	grep -qiE '(src|href)="(https?:)?//' "$f" &&
		fail "$page loads or links to another site"
	grep -qiE ' style=|<style' "$f" && fail "$page has inline style"
done
pass "every page has the CSP and noindex, no script, no outside link, no inline style"
expect "tags that differ only in case share one page" \
	grep -q 'href="../tags/home.html"' \
	"$SITE/entries/2026-10-03-2110-the-dishes-again.html"
expect "the tag page lists both entries, newest first" sh -c \
	"grep -o '\.\./entries/[^\"]*' '$SITE/tags/home.html' | tr '\n' ' ' |
	grep -qx '../entries/2026-10-12-1800-walk-by-the-river.html ../entries/2026-10-03-2110-the-dishes-again.html '"
expect "an entry page links to its goal" \
	grep -q 'href="../goals/boundaries.html"' \
	"$SITE/entries/2026-11-02-2030-said-no.html"
expect "and to the entries before and after it" sh -c \
	"grep -q 'rel=\"prev\" href=\"2026-10-12-1800-walk-by-the-river.html\"' '$SITE/entries/2026-11-02-2030-said-no.html' &&
	 grep -q 'rel=\"next\" href=\"2026-11-05-0900-quiet-day.html\"' '$SITE/entries/2026-11-02-2030-said-no.html'"
expect "the entry's body is there, as HTML" \
	grep -q '<p>Words of Said no.</p>' \
	"$SITE/entries/2026-11-02-2030-said-no.html"
expect "the month page lists the month's entries" sh -c \
	"[ \$(grep -c 'class=\"entry-title\"' '$SITE/archive/2026-11.html') = 3 ]"
expect "the goal page lists its entries" sh -c \
	"[ \$(grep -c 'class=\"entry-title\"' '$SITE/goals/boundaries.html') = 2 ]"
expect_not "a goal page leaves out ratings while there are none" \
	grep -q 'id="h-ratings"' "$SITE/goals/boundaries.html"
expect "the mood page has the timeline, calendar and bars" sh -c \
	"grep -q 'chart-time' '$SITE/mood.html' && grep -q 'chart-cal' '$SITE/mood.html' && [ \$(grep -c 'chart-bars' '$SITE/mood.html') = 3 ]"
expect "charts have a text alternative" \
	grep -q 'role="img" aria-label="' "$SITE/mood.html"
expect "the home page has the sparkline and the latest entries" sh -c \
	"grep -q 'chart-spark' '$SITE/index.html' && grep -q 'Words of Last one.' '$SITE/index.html'"
expect "the home page lists the active goal" \
	grep -q 'href="goals/boundaries.html">Say what I need<' "$SITE/index.html"
expect "the style sheet has a dark theme and a print style" sh -c \
	"grep -q 'prefers-color-scheme: dark' '$SITE/style.css' && grep -q '@media print' '$SITE/style.css'"
expect_no_out "warning" "no warnings on a sound journal"
expect "no temporary file is left behind" sh -c \
	"[ -z \"\$(find '$SITE' -name '*.tmp')\" ]"

# --- incremental ------------------------------------------------------
before=$(stamp)
man=$(stat -c '%i %Y' "$SITE/.tend-render")
sleep 1
t render
expect_rc 0 "a second render works"
expect_out "19 pages into $SITE: 0 written, 19 unchanged, 0 removed." \
	"and writes nothing when nothing changed"
expect_eq "not one file is touched" "" "$(changed "$before" "$(stamp)")"
expect_eq "not even its list of pages" "$man" \
	"$(stat -c '%i %Y' "$SITE/.tend-render")"

f=$(entry_file 2026-11-05-0900-quiet-day)
sed 's/Words of Quiet day\./Words of a quiet day, changed./' "$f" >"$T/x"
cat "$T/x" >"$f"
"$TEND" save >/dev/null
t render
expect_rc 0 "render after one entry changed"
got=$(changed "$before" "$(stamp)")
# its page, the home page (its excerpt), and the lists that show its
# number of words
expect_eq "only the pages that show that entry are written" \
	"archive/2026-11.html
entries/2026-11-05-0900-quiet-day.html
index.html
tags/rest.html" "$got"
expect "the new words are on its page" grep -q 'a quiet day, changed' \
	"$SITE/entries/2026-11-05-0900-quiet-day.html"

before=$(stamp)
sleep 1
"$TEND" new -m "A new day." --date "2026-11-06 10:00" --mood 4 \
	--tag rest "New day" >/dev/null
t render
got=$(changed "$before" "$(stamp)")
expect_eq "a new entry writes its page and the pages that list it" \
	"archive/2026-11.html
archive/index.html
entries/2026-11-05-0900-quiet-day.html
entries/2026-11-06-1000-new-day.html
entries/2026-11-20-0800-last-one.html
index.html
mood.html
tags/index.html
tags/rest.html" "$got"

before=$(stamp)
sleep 1
sed 's/^title: Say what I need$/title: Say what I need, plainly/' \
	goals/boundaries.md >"$T/x" && cat "$T/x" >goals/boundaries.md
"$TEND" save >/dev/null
t render
got=$(changed "$before" "$(stamp)")
expect_eq "a goal's new title rewrites its pages and the entries naming it" \
	"entries/2026-10-03-2110-the-dishes-again.html
entries/2026-11-02-2030-said-no.html
goals/boundaries.html
goals/index.html
index.html" "$got"
expect "where the new title shows" grep -q 'Say what I need, plainly' \
	"$SITE/entries/2026-11-02-2030-said-no.html"

"$TEND" rm 2026-11-20-0800-last-one >/dev/null
t render
expect_rc 0 "render after an entry is removed"
expect_out ", 2 removed." "says two pages were removed"
expect "the removed entry's page is gone" \
	test ! -e "$SITE/entries/2026-11-20-0800-last-one.html"
expect "and so is the page of the tag only it had" \
	test ! -e "$SITE/tags/start.html"
expect_not "and no page links to it" \
	grep -rq '2026-11-20-0800-last-one\|tags/start.html' "$SITE"
printf 'pomegranate, half written' >"$SITE/entries/.tend-99999-0.tmp"
printf 'half written' >"$SITE/.tend-99999-1.tmp"
t render
expect_eq "what a stopped render left half written is removed" "" \
	"$(find "$SITE" -name '.tend-*.tmp')"
rm "$SITE/entries/2026-11-02-2030-said-no.html"
t render
expect "a page deleted by hand is written again" \
	test -f "$SITE/entries/2026-11-02-2030-said-no.html"
expect_out "1 written" "and only that one"

# --- private entries --------------------------------------------------
n "Only for me" "2026-11-07 22:00" --mood 1 --tag secretive --private \
	--feeling ashamed
"$TEND" new --private --date "2026-11-08 22:00" --mood 2 \
	-m "pomegranate whisper" "Another private one" >/dev/null
t render
expect_not "a private entry appears nowhere: not its title" \
	grep -rq 'Only for me\|Another private one' "$SITE"
expect_not "nor its words" grep -rq 'pomegranate' "$SITE"
expect_not "nor its tag or feeling" grep -rqi 'secretive\|ashamed' "$SITE"
expect "it has no page" sh -c "! ls '$SITE/entries' | grep -q 'only-for-me'"
expect "the counts leave it out" grep -q '5 entries since' "$SITE/index.html"
expect "the mood figures leave it out" \
	grep -q '5 entries with a mood: mean 5.0 of 10' "$SITE/mood.html"
t render --include-private
expect_rc 0 "render --include-private"
expect "with --include-private it has its page" \
	test -f "$SITE/entries/2026-11-07-2200-only-for-me.html"
expect "marked private" grep -q 'badge private' \
	"$SITE/entries/2026-11-07-2200-only-for-me.html"
expect "and is counted" grep -q '7 entries since' "$SITE/index.html"
t render
expect "a render without it removes the private pages again" \
	test ! -e "$SITE/entries/2026-11-07-2200-only-for-me.html"
expect_not "and every trace" grep -rq 'pomegranate\|secretive' "$SITE"

# --- progress on a terminal ---------------------------------------------
mkdir -p "$T/p" && cd "$T/p" && "$TEND" init . >/dev/null && mkdir -p entries/2020/01
i=0
while [ $i -lt 300 ]; do
	printf -- '---\ntitle: n%d\nmood: 5\n---\n\nx\n' $i \
		>entries/2020/01/2020-01-01-0000-n$i.md
	i=$((i + 1))
done
tty_clock 0 render
expect_rc 0 "a render on a terminal"
expect_no_out "rendering" "shows no meter when it is over within a second"
tty_clock 1000 render -o "$T/p-slow"
expect_out "tend: rendering 307 of 307 pages (100%)" \
	"a slow render shows its progress on a terminal, up to the last page"
expect "and clears the line before its summary" \
	grep -q "$(printf '\r\033\\[K')[A-Z]" "$OUT"
tty_clock 1000 TERM=dumb render -o "$T/p-dumb"
expect_out "tend: rendering 307 of 307 pages (100%)" \
	"a render into a new folder shows its progress on a dumb terminal too"
expect_not "with no control but the line's start" \
	grep -q "$(printf '\033')" "$OUT"
tty_clock 0 TERM=dumb render -o ''
expect_rc 2 "a usage error on a dumb terminal"
expect_not "says so without a control sequence either" \
	grep -q "$(printf '\033')" "$OUT"
t render
expect_no_err "rendering" "and none when it is not a terminal"
cd "$T/j"

# --- render -o --------------------------------------------------------
t render -o "$T/elsewhere/site"
expect_rc 0 "render -o a folder outside the journal"
expect "the site is there" test -f "$T/elsewhere/site/index.html"
expect "its pages link with relative paths" \
	grep -q 'href="../style.css"' "$T/elsewhere/site/entries/2026-11-02-2030-said-no.html"
cd "$T" && t -J "$T/j" render -o out && cd "$T/j"
expect "-o is relative to the folder tend runs in" test -f "$T/out/index.html"

printf '[render]\noutput = public\n' >.tend/config.ini
t render
expect "[render] output is where render writes, in the journal" \
	test -f "$T/j/public/index.html"
printf '[render]\noutput = %s\n' "$T/abs-site" >.tend/config.ini
t render
expect "or anywhere, given a full path" test -f "$T/abs-site/index.html"
rm .tend/config.ini
rm -rf "$T/j/public"

mkdir -p "$T/notmine"
echo "my own file" >"$T/notmine/index.html"
t render -o "$T/notmine"
expect_rc 1 "render refuses a folder that is not empty and not a site"
expect_err "'$T/notmine' is not empty and was not made by tend render" \
	"and says why"
expect_eq "the folder's file is untouched" "my own file" \
	"$(cat "$T/notmine/index.html")"
expect_eq "and nothing is added" "index.html" "$(ls -A "$T/notmine")"

mkdir -p "$T/real"
ln -s "$T/real" "$T/linked"
t render -o "$T/linked"
expect_rc 1 "render refuses a folder that is a symbolic link"
expect_err "it is a symbolic link" "and says so"
expect_eq "and writes nothing through it" "" "$(ls -A "$T/real")"

mkdir -p "$T/s2"
t render -o "$T/s2"
ln -s "$T/real" "$T/s2/tags.new"
rm -rf "$T/s2/tags" && ln -s "$T/real" "$T/s2/tags"
t render -o "$T/s2"
expect_rc 1 "render refuses a subfolder that is a symbolic link"
expect_eq "and writes nothing through it" "" "$(ls -A "$T/real")"

# a page the manifest never listed is never removed
mkdir -p "$T/s3"
t render -o "$T/s3"
echo "notes" >"$T/s3/entries/my-notes.txt"
"$TEND" rm 2026-11-06-1000-new-day >/dev/null
t render -o "$T/s3"
expect_eq "a file of the user's in the site stays" "notes" \
	"$(cat "$T/s3/entries/my-notes.txt")"

# --- names of pages ---------------------------------------------------
mkdir -p "$T/names" && cd "$T/names" && "$TEND" init . >/dev/null
mkdir -p entries/2026/10 entries/2026/11 goals
printf -- '---\ntitle: One\ndate: 2026-10-01\ntags: [грусть, "a/b", Грусть]\n---\n\nx\n' \
	>entries/2026/10/same.md
printf -- '---\ntitle: Two\ndate: 2026-11-01\ntags: ["a b"]\n---\n\ny\n' \
	>entries/2026/11/same.md
printf -- '---\ntitle: Three\ndate: 2026-11-02\n---\n\nz\n' \
	>entries/2026/11/index.md
printf -- '---\ntitle: [broken\n---\n' >goals/broken.md
printf -- '---\ntitle: Cafe\ndate: 2026-10-05\n---\n\nA name in Latin-1, not UTF-8.\n' \
	>"$(printf 'entries/2026/10/caf\351.md')"
long=$(printf 'a%.0s' $(seq 1 300))
printf -- '---\ntitle: Long tag\ndate: 2026-10-06\ntags: [%s]\n---\n\nx\n' \
	"$long" >entries/2026/10/long-tag.md
printf -- '---\ntitle: Broken\ndate: [2026\n---\n\nx\n' >entries/2026/10/broken.md
"$TEND" save >/dev/null 2>&1
t render
expect_rc 0 "render of entries that share an ID, and odd tags"
expect_eq "entries that share an ID each get a page; 'index' is never one" \
	"caf-.html
index-2.html
long-tag.html
same-2.html
same.html" "$(ls site/entries)"
expect "a file name that is not UTF-8 gets a page whose name is" \
	grep -q 'A name in Latin-1, not UTF-8.' site/entries/caf-.html
expect "a tag too long for a file name gets a page, its name cut" \
	test -f "site/tags/$(printf 'a%.0s' $(seq 1 200)).html"
expect_err "entries/2026/10/broken.md:4:1: cannot read front matter" \
	"render warns of an entry it leaves out, naming the file"
expect "a tag in another alphabet keeps its letters, in one case" \
	test -f "site/tags/грусть.html"
expect "and is linked escaped for the URL" grep -q \
	'href="../tags/%D0%B3%D1%80%D1%83%D1%81%D1%82%D1%8C.html"' \
	"site/entries/same.html"
expect_eq "tags that make the same file name get one each" "a-b-2.html
a-b.html" "$(ls site/tags | grep '^a-b')"
printf -- '---\ntitle: In Tokyo\ndate: 2026-11-01T00:30:00+09:00\n---\n\nx\n' \
	>entries/2026/11/tokyo.md
printf -- '---\ntitle: In Chicago\ndate: 2026-10-31T20:00:00-05:00\n---\n\nx\n' \
	>entries/2026/10/chicago.md
"$TEND" save >/dev/null 2>&1
t render
expect "entries go in the month of their own clock, whatever their order" \
	sh -c "grep -q 'In Chicago' site/archive/2026-10.html &&
	! grep -q 'In Tokyo' site/archive/2026-10.html &&
	grep -q 'In Tokyo' site/archive/2026-11.html &&
	! grep -q 'In Chicago' site/archive/2026-11.html"
expect_eq "and every page is written once" \
	"$(sort -u site/.tend-render | wc -l)" "$(wc -l <site/.tend-render)"
expect_err "goals/broken.md cannot be read" \
	"a goal file that cannot be read is a warning"
expect_out "Rendered" "and the rest is rendered"
cd "$T/j"

# --- a render already running -----------------------------------------
flock "$SITE" -c 'sleep 8' &
holder=$!
sleep 0.5
t render
expect_rc 4 "a render waits for another one, then gives up with exit 4"
expect_err "is being rendered by another tend" "and says why"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# --- templates ---------------------------------------------------------
mkdir -p templates/html
cat >templates/html/foot.html <<'EOF'
</main>
<footer class="site"><p>My own footer.</p></footer>
</body>
</html>
EOF
before=$(stamp)
t render
expect_rc 0 "render with the journal's own template"
expect_out "Using your own templates/html/foot.html" "says which override it used"
expect "every page has the new footer" sh -c \
	"[ \$(grep -rl 'My own footer.' '$SITE' | wc -l) = \$(find '$SITE' -name '*.html' | wc -l) ]"
expect_eq "and every page was written again" \
	"$(pages | grep -c html)" "$(changed "$before" "$(stamp)" | grep -c html)"

printf '{{> head}}\n<h1>{{title}}</h1>\n{{#tags}}\n{{name}}\n{{/goals}}\n' \
	>templates/html/tag.html
before=$(stamp)
t render
expect_rc 3 "a broken template is exit 3"
expect_err "templates/html/tag.html:5:1: " "named as FILE:LINE:COL"
expect_eq "and no page is written" "" "$(changed "$before" "$(stamp)")"
printf '{{> nosuch}}\n' >templates/html/tag.html
t render
expect_rc 3 "a template naming a missing part is exit 3"
expect_err "templates/html/tag.html:1:1: " "at the partial's place"
printf '<h1>{{{title}}}</h1>\n' >templates/html/tag.html
t render
expect_rc 0 "a template may use {{{ }}} (t-render-xss.sh shows it escapes)"
expect_eq "and the pages are made with it" "<h1>conflict</h1>" \
	"$(cat "$SITE/tags/conflict.html")"
rm -rf templates

# --- bad input ---------------------------------------------------------
t render extra
expect_rc 2 "render takes no arguments"
t render -o ""
expect_rc 2 "-o needs a folder"
t render --nope
expect_rc 2 "an unknown option is a usage error"
t render --help
expect_rc 0 "render --help"
expect_out "usage: tend render" "prints the usage"

done_testing
