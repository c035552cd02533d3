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
new_entry "Calmer" "2026-10-09 07:30" --mood 6 --goal steps --goal nofile
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

done_testing
