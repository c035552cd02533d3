# tend render after entries were edited in place (issue 14): the render
# keeps the site's shape in the index (its months, tags, entries), and
# the next render, when only entries' words, titles, prompts or sharing
# changed since, reads only the entries the pages of those entries show
# and makes only those pages. Each case here is checked against a
# render of the whole site: a copy of the site as it was before the
# change, rendered in full, and a render into an empty folder must
# both be byte for byte the site the short render made, manifest and
# all, with the same pages written. Anything else (a mood, a tag, a new
# entry, a page removed by hand, a new index) renders the whole site.
. tests/cli/lib.sh
journal "$T/j"
SITE="$T/j/site"
WHEN=1795136400		# 2026-11-20 01:00 UTC

# r [ARGS...]: tend render -v at $WHEN
r() {
	SOURCE_DATE_EPOCH=$WHEN t render -v "$@"
}

# settle: render until a render finds nothing to do, so that the site is
# whole and its shape kept
settle() {
	r
	sleep 0.1
	r
	[ "$rc" = 0 ] || fail "a render to settle the site failed" \
		"$(cat "$ERR")"
	rm -rf "$T/full"
	cp -a "$SITE" "$T/full"
}

# read_count: how many entries the last render read, and of how many
read_count() {
	sed -n 's/^Read \([0-9]*\) of \([0-9]*\) entr.*/\1 \2/p' "$OUT"
}

# written: the "N written, N unchanged, N removed" of the last render
written() {
	sed -n 's/^Rendered .*: \(.* removed\)\.$/\1/p' "$OUT"
}

# after WHAT SHORT: a render after the change WHAT; SHORT is 1 when it
# must read only some of the entries, 0 when all. Then the copy of the
# site kept by settle is rendered in full, and the site is rendered into
# an empty folder: both must be the site this render made. Sets $said
# and $count, what the render wrote and read.
after() {
	r
	expect_rc 0 "$1: the render"
	count=$(read_count)
	set -- "$1" "$2" $count
	if [ "$2" = 1 ]; then
		expect "$1: reads only some entries ($3 of $4)" \
			test "$3" -lt "$4"
	else
		expect_eq "$1: reads every entry" "$4" "$3"
	fi
	said=$(written)
	r -o "$T/full"
	expect_rc 0 "$1: the whole site rendered from the copy"
	expect_eq "$1: writes the pages a whole render writes" \
		"$(written)" "$said"
	expect "$1: the site is the whole render's, byte for byte" \
		diff -r "$SITE" "$T/full"
	rm -rf "$T/cold"
	r -o "$T/cold"
	expect "$1: and a render into an empty folder's" \
		diff -r "$SITE" "$T/cold"
}

mkdir -p goals
cat >goals/steps.md <<'EOF'
---
title: Small steps
status: active
started: 2026-09-01
---
EOF
"$TEND" save -m "Add a goal" >/dev/null
new_entry "Late summer" "2026-09-03 08:00" --mood 6 --tag Home
new_entry "A long walk" "2026-09-20 19:00" --mood 7 --tag Home --tag walks
new_entry "The first row" "2026-10-02 21:00" --mood 3 --tag home --goal steps
# a goal with no file: in the front matter (--goal refuses it)
printf -- '---\ntitle: Calmer\ndate: 2026-10-09T07:30:00+00:00\nmood: 6\ngoals: [steps, nofile]\n---\n\nWords of Calmer.\n' |
	"$TEND" new --stdin >/dev/null 2>&1 || fail "cannot write the entry 'Calmer'"
new_entry "Quiet Sunday" "2026-10-18 10:00" --mood 7 --tag Home --tag walks
new_entry "Said no" "2026-11-02 22:15" --mood 5 --goal steps --tag work
new_entry "Only mine" "2026-11-05 23:00" --mood 2 --private --tag Home
new_entry "A year ago tomorrow" "2025-11-20 09:00" --mood 5 --tag walks
new_entry "Tired" "2026-11-12 06:45" --mood 4 --tag work
new_entry "Better" "2026-11-15 01:30" --mood 8 --goal steps --tag Home
new_entry "Last night" "2026-11-19 23:30" --mood 6 --tag walks
# older entries, that the pages of the later ones do not show
for m in 1 2 3 4 5 6; do
	new_entry "Winter $m" "2026-0$m-10 08:00" --mood $((m + 2)) --tag old
	new_entry "Spring $m" "2026-0$m-20 08:00" --mood 5 --tag old --tag Home
done

# --- words added to an entry in the middle --------------------------------
settle
printf '\nA walk by the river.\n' >>"$(entry_file '2026-10-09-0730-calmer')"
after "words added to an entry" 1
expect "the entry's page has the new words" grep -q 'A walk by the river' \
	"$SITE/entries/2026-10-09-0730-calmer.html"
expect_eq "its page, its month, its goal and the home page are written" \
	"4 written, 39 unchanged, 0 removed" "$said"

# --- a title changed: the pages before and after it link to it ------------
settle
f=$(entry_file '2026-10-18-1000-quiet-sunday')
sed 's/^title: Quiet Sunday$/title: A loud Sunday/' "$f" >"$T/e"
cat "$T/e" >"$f"
after "a title changed" 1
expect "the next entry's page links to it by its new title" \
	grep -q 'A loud Sunday' "$SITE/entries/2026-11-02-2215-said-no.html"
expect "and so does the one before" \
	grep -q 'A loud Sunday' "$SITE/entries/2026-10-09-0730-calmer.html"

# --- the tag's less used spelling, and its page ---------------------------
settle
printf '\nRain.\n' >>"$(entry_file '2026-10-02-2100-the-first-row')"
after "words added to an entry tagged in the other case" 1
expect "the tag's page keeps the spelling most used" \
	grep -q '<title>Home' "$SITE/tags/home.html"

# --- an entry of this day a year ago, and the oldest ----------------------
settle
printf '\nA year on.\n' >>"$(entry_file '2025-11-20-0900-a-year-ago-tomorrow')"
after "words added to the entry of this day a year ago" 1
expect "the home page shows it on this day" grep -q 'A year ago tomorrow' \
	"$SITE/index.html"

# --- two entries at once, and sharing -------------------------------------
settle
printf '\nMore.\n' >>"$(entry_file '2026-09-03-0800-late-summer')"
f=$(entry_file '2026-11-19-2330-last-night')
sed 's/^mood: 6$/mood: 6\nshare: true/' "$f" >"$T/e"
cat "$T/e" >"$f"
after "words added to one entry, another marked to share" 1

# --- a private entry: not in the site ------------------------------------
settle
printf '\nNobody reads this.\n' >>"$(entry_file '2026-11-05-2300-only-mine')"
after "a private entry edited" 1
expect_eq "nothing is written" "0 written, 43 unchanged, 0 removed" \
	"$said"
expect_eq "and no entry is read" "0" "${count% *}"
expect_not "its words are nowhere in the site" \
	grep -rq 'Nobody reads this' "$SITE"

# --- what makes the whole site again --------------------------------------
settle
f=$(entry_file '2026-11-12-0645-tired')
sed 's/^mood: 4$/mood: 3/' "$f" >"$T/e"
cat "$T/e" >"$f"
after "a mood changed" 0

settle
f=$(entry_file '2026-11-12-0645-tired')
sed 's/^tags: \[work\]$/tags: [work, sleep]/' "$f" >"$T/e"
cat "$T/e" >"$f"
after "a tag added" 0
expect "the new tag has its page" test -f "$SITE/tags/sleep.html"

settle
new_entry "Another day" "2026-11-17 12:00" --mood 5 --tag work
after "an entry added" 0

settle
git rm -q "$(entry_file '2026-11-17-1200-another-day')"
after "an entry removed" 0
expect "its page is gone" \
	test ! -e "$SITE/entries/2026-11-17-1200-another-day.html"

settle
f=$(entry_file '2026-11-15-0130-better')
sed 's/^private: false$//; s/^mood: 8$/mood: 8\nprivate: true/' "$f" >"$T/e"
cat "$T/e" >"$f"
after "an entry made private" 0
expect_not "its words leave the site" grep -rq 'Words of Better' "$SITE"

settle
rm "$SITE/entries/2026-10-09-0730-calmer.html"
rm "$T/full/entries/2026-10-09-0730-calmer.html"
printf '\nAgain.\n' >>"$(entry_file '2026-11-19-2330-last-night')"
after "a page removed by hand" 0
expect "the page is there again" \
	test -f "$SITE/entries/2026-10-09-0730-calmer.html"

settle
rm -f .tend/index.db*
printf '\nOnce more.\n' >>"$(entry_file '2026-11-19-2330-last-night')"
after "the index made again" 0

settle
printf '<!doctype html>\n<title>{{title}}</title>\n<p>mine</p>\n' \
	>"$T/tpl"
mkdir -p templates/html
cp "$T/tpl" templates/html/entry.html
after "a template of the journal's own" 0
rm -r templates

settle
sqlite3 .tend/index.db "UPDATE meta SET value = value || 'x 1' \
	WHERE key LIKE 'memo shape %'"
printf '\nA line.\n' >>"$(entry_file '2026-11-19-2330-last-night')"
after "a shape kept in the index that cannot be read" 0

settle
for f in $(find entries -name '*.md' | sort); do
	printf '\nAll of them.\n' >>"$f"
done
for i in 1 2 3 4 5 6; do
	new_entry "More $i" "2026-08-0$i 08:00" --mood 5
done
settle
for f in $(find entries -name '*.md' | sort); do
	printf '\nAnd again.\n' >>"$f"
done
after "more entries edited than a short render takes" 0


# --- a tag of more entries than a page lists ------------------------------
# a journal of its own: 231 entries tagged "loop", a day apart from
# 2026-01-01, one spelled "Loop" and five private (226 in the site: pages
# of 100, 100 and 26); "even" on every other (113 in the site: two pages)
# and "hundred" on the first 102 (100 in the site: one page)
journal "$T/p"
SITE="$T/p/site"
i=0
while [ $i -lt 231 ]; do
	day=$(date -u -d "@$((1767254400 + i * 86400))" +%Y-%m-%d)
	dir="entries/$(echo "$day" | cut -c1-4)/$(echo "$day" | cut -c6-7)"
	tags="loop"
	[ $i = 17 ] && tags="Loop"
	[ $((i % 2)) = 0 ] && tags="$tags, even"
	[ $i -lt 102 ] && tags="$tags, hundred"
	private=false
	case $i in 3 | 50 | 120 | 200 | 229) private=true ;; esac
	mkdir -p "$dir"
	printf -- '---\ntitle: Loop %s\ndate: %sT08:00:00+00:00\nmood: %s\n' \
		"$i" "$day" $((i % 10 + 1)) >"$dir/$day-0800-loop-$i.md"
	printf -- 'tags: [%s]\nprivate: %s\n---\n\nWords of loop %s.\n' \
		"$tags" "$private" "$i" >>"$dir/$day-0800-loop-$i.md"
	i=$((i + 1))
done
"$TEND" save -m "Add the entries" >/dev/null 2>&1 ||
	fail "cannot save the entries"
settle

# lists PAGE: the titles a page of tags/ lists, newest first, and their
# number: "N FIRST LAST"
lists() {
	sed -n 's|.*class="entry-title" href="[^"]*">\([^<]*\)<.*|\1|p' \
		"$SITE/tags/$1" >"$T/titles"
	echo "$(wc -l <"$T/titles") $(sed -n '1p' "$T/titles")" \
		"$(sed -n '$p' "$T/titles")"
}
expect_eq "a tag's first page lists its 100 newest entries" \
	"100 Loop 230 Loop 129" "$(lists loop.html)"
expect_eq "the second the next 100" "100 Loop 128 Loop 27" \
	"$(lists loop.2.html)"
expect_eq "the third the rest" "26 Loop 26 Loop 0" "$(lists loop.3.html)"
expect "and there is no fourth" test ! -e "$SITE/tags/loop.4.html"
expect "each page says which it is" grep -q \
	'226 entries, newest first: page 2 of 3\. <a href="index.html">' \
	"$SITE/tags/loop.2.html"
expect "the first leads to the second only" sh -c "
	grep -q '<a rel=\"next\" href=\"loop.2.html\">Older entries' \
		'$SITE/tags/loop.html' &&
	! grep -q 'rel=\"prev\"' '$SITE/tags/loop.html'"
expect "the second to the first and the third" sh -c "
	grep -q '<a rel=\"prev\" href=\"loop.html\">← Newer entries' \
		'$SITE/tags/loop.2.html' &&
	grep -q '<a rel=\"next\" href=\"loop.3.html\">' \
		'$SITE/tags/loop.2.html'"
expect "the last back to the second only" sh -c "
	grep -q '<a rel=\"prev\" href=\"loop.2.html\">' \
		'$SITE/tags/loop.3.html' &&
	! grep -q 'rel=\"next\"' '$SITE/tags/loop.3.html'"
expect "a later page's title names its page" grep -q \
	'<title>loop: page 3 of 3' "$SITE/tags/loop.3.html"
expect_eq "a tag of one page's entries has one page" \
	"100 Loop 101 Loop 0" "$(lists hundred.html)"
expect_not "with no ways to others" grep -q 'class="pager"' \
	"$SITE/tags/hundred.html"
expect "and no second page" test ! -e "$SITE/tags/hundred.2.html"
expect_eq "the two pages of a tag on every other entry" \
	"100 Loop 230 Loop 26|13 Loop 24 Loop 0" \
	"$(lists even.html)|$(lists even.2.html)"
expect "the list of tags counts all of a tag's entries" grep -q \
	'href="loop.html">loop</a> <span class="meta">226<' \
	"$SITE/tags/index.html"
expect_not "and links to no later page" grep -q 'loop\.2\.html' \
	"$SITE/tags/index.html"

# written: the site's pages a render wrote, by name (all were made
# older than $T/mark before it)
written_pages() {
	find "$SITE" -type f -newer "$T/mark" ! -name .tend-render |
		sed "s|^$SITE/||" | sort | tr '\n' ' '
}
settle
find "$SITE" -type f ! -name .tend-render -exec touch -d '2 minutes ago' {} +
touch -d '1 minute ago' "$T/mark"
printf '\nMore.\n' >>entries/2026/04/2026-04-25-0800-loop-114.md
after "words added to an entry in the middle of a tag's second page" 1
expect_eq "of the tag's pages, only the one that lists it is written" \
	"archive/2026-04.html entries/2026-04-25-0800-loop-114.html tags/even.html tags/loop.2.html " \
	"$(written_pages)"

for i in 128 27 26 129 0 230; do
	settle
	printf '\nAt the edge.\n' >>"$(find entries -name "*-loop-$i.md")"
	after "words added to loop $i, at an end of a page" 1
done

settle
printf '\nOne.\n' >>"$(find entries -name '*-loop-10.md')"
printf '\nTwo.\n' >>"$(find entries -name '*-loop-150.md')"
printf '\nThree.\n' >>"$(find entries -name '*-loop-17.md')"
after "three entries on three pages edited at once" 1

settle
printf '\nHidden.\n' >>"$(find entries -name '*-loop-120.md')"
after "a private entry among a tag's pages edited" 1
expect_eq "nothing is written" "0 written" "${said%%,*}"

# an entry with no date of its own, dated by the commit that adds it
# (its file's time until then): the index pages the tag by that date
printf -- '---\ntitle: Undated\ntags: [loop]\n---\n\nNo date.\n' \
	>entries/2026/02/undated.md
touch -d '2026-02-15 12:00' entries/2026/02/undated.md
"$TEND" list -n 1 >/dev/null 2>&1
git add entries/2026/02/undated.md
GIT_AUTHOR_DATE=2026-06-01T12:00:00Z GIT_COMMITTER_DATE=2026-06-01T12:00:00Z \
	git -c user.name=A -c user.email=a@example.org commit -q \
	-m "An entry with no date"
settle
expect_eq "it is dated by its commit" "100 Loop 129 Loop 28" \
	"$(lists loop.2.html)"
printf '\nNear it.\n' >>"$(find entries -name '*-loop-100.md')"
after "words added to an entry on the page of one dated by git" 1

# the site with the private entries: other pages
SITE="$T/mine"
r() {
	SOURCE_DATE_EPOCH=$WHEN t render -v --include-private -o "$SITE" "$@"
}
settle
expect "with private entries the tag has 232" grep -q \
	'232 entries, newest first: page 1 of 3\.' "$SITE/tags/loop.html"
expect_eq "and its pages part at other entries" "100 Loop 131 Loop 32" \
	"$(lists loop.2.html)"
printf '\nHidden again.\n' >>"$(find entries -name '*-loop-120.md')"
after "a private entry edited, in a site with private entries" 1

# the manifest: the keys that changed are written in place; a render
# killed while it writes one leaves a key that makes that page again
settle
ino=$(stat -c %i "$SITE/.tend-render")
printf '\nIn place.\n' >>"$(find entries -name '*-loop-60.md')"
after "an entry edited: the keys written in place" 1
expect_eq "the manifest is the same file" "$ino" \
	"$(stat -c %i "$SITE/.tend-render")"
expect_eq "it names the generation of its keys, as a whole render's" \
	"$(head -n 1 "$T/full/.tend-render")" "$(head -n 1 "$SITE/.tend-render")"
# a manifest from before generations: written whole, once, with one
settle
sed '1s/^tend render manifest 1 .*/tend render manifest 1/' \
	"$SITE/.tend-render" >"$T/manifest"
cat "$T/manifest" >"$SITE/.tend-render"
ino=$(stat -c %i "$SITE/.tend-render")
printf '\nOld manifest.\n' >>"$(find entries -name '*-loop-62.md')"
r
expect_rc 0 "a render into a folder whose manifest has no generation"
expect "writes it whole" test "$ino" != "$(stat -c %i "$SITE/.tend-render")"
r -o "$T/cold-old"
expect_eq "with the generation a whole render gives it" \
	"$(head -n 1 "$T/cold-old/.tend-render")" \
	"$(head -n 1 "$SITE/.tend-render")"
settle
printf '\nKilled.\n' >>"$(find entries -name '*-loop-61.md')"
SOURCE_DATE_EPOCH=$WHEN tfault TEND_FAULT_KILL=2 \
	TEND_FAULT_PATH=/mine/.tend-render -- render --include-private \
	-o "$SITE"
expect_rc 137 "a render killed as it writes a key into the manifest"
expect "half of a key was written" sh -c \
	"! cmp -s '$SITE/.tend-render' '$T/full/.tend-render' &&
	[ \$(wc -c <'$SITE/.tend-render') = \$(wc -c <'$T/full/.tend-render') ]"
r
expect_rc 0 "the next render"
r -o "$T/full"
expect "makes the site a whole render makes" diff -r "$SITE" "$T/full"

done_testing
