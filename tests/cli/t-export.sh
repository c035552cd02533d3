# tend export (tend-export(1), issue 5): Markdown with front matter, JSON with
# each file's whole text, one self-contained HTML page; filters, the
# order, private entries only with --include-private, --redact, -o, and
# bad input.
. tests/cli/lib.sh
journal "$T/j"

n() {	# n TITLE DATE TEXT [OPTIONS...]
	title=$1 date=$2 text=$3
	shift 3
	"$TEND" new -m "$text" --date "$date" "$@" "$title" >/dev/null 2>&1 ||
		fail "cannot write the entry '$title'"
}
n "Talk with Alex" "2026-10-03 21:10" "Alex said no to the dishes. ALEX!" \
	--mood 3 --tag conflict --feeling hurt
n "Walk" "2026-10-12 18:00" "A walk with Sam; alexander came too." \
	--mood 7 --tag self-care
n "Hidden" "2026-10-20 09:00" "pomegranate, for nobody." --private \
	--tag secretive
printf -- '---\ntitle: "Unicode: café — 日本"\ndate: 2026-11-01T08:00:00+09:00\nunknown_key: [kept, as is]\n---\n\nLine one.\r\nLine two with a tab\tand "quotes".\n' |
	"$TEND" new --stdin >/dev/null || fail "cannot write the unicode entry"
files() {	# the entry files, oldest first, not the private one
	for id in 2026-10-03-2110-talk-with-alex 2026-10-12-1800-walk \
		2026-11-01-0800-unicode-caf; do
		find entries -name "$id*.md"
	done
}

# --- md -------------------------------------------------------------------
t export --format md
expect_rc 0 "export --format md"
printf '%s\n' "# Talk with Alex" "" \
	"2026-10-03 21:10 · mood 3 of 10 · feelings: hurt · tags: conflict" \
	"" "Alex said no to the dishes. ALEX!" "" \
	"# Walk" "" "2026-10-12 18:00 · mood 7 of 10 · tags: self-care" "" \
	"A walk with Sam; alexander came too." "" \
	"# Unicode: café — 日本" "" "2026-11-01 08:00" "" >"$T/want.md"
printf 'Line one.\r\nLine two with a tab\tand "quotes".\n' >>"$T/want.md"
expect "is each entry a section under its title, its facts in words, \
oldest first" cmp "$T/want.md" "$OUT"
expect_no_out "pomegranate" "without the private entry"
t export --format md --include-private
expect_out "pomegranate" "which --include-private adds"
expect_out "2026-10-20 09:00 · tags: secretive · private" \
	"and says it is private"
t export --format md --tag conflict
expect_eq "filters select the entries" 1 "$(grep -c '^# ' "$OUT")"
t export --format md -n 1
expect_out "Unicode" "-n 1 is the newest"
expect_no_out "Talk with Alex" "and only it"
t export --format md --reverse
expect_eq "--reverse puts the newest first" "# Unicode: café — 日本" \
	"$(head -n 1 "$OUT")"
# other tools read it as many entries, not one with a YAML block
"$TEND" export --format md >"$T/all.md"
if command -v pandoc >/dev/null; then
	pandoc -f markdown -t json "$T/all.md" >"$T/doc.json" 2>"$ERR"
	expect_eq "pandoc reads one section a level-1 heading an entry" 3 \
		"$(jq '[.blocks[] | select(.t == "Header" and .c[0] == 1)] |
			length' "$T/doc.json")"
	expect_eq "and no metadata: nothing read as a YAML block" "{}" \
		"$(jq -c .meta "$T/doc.json")"
	expect_eq "the sections are the entries, in order" \
		"Talk with Alex|Walk|Unicode: café — 日本" \
		"$(pandoc -f markdown -t plain --shift-heading-level-by=0 \
			"$T/all.md" | sed -n '1p;/^Walk$/p;/^Unicode/p' |
			paste -sd'|')"
else
	fail "pandoc is installed (make deps)"
fi
# the marks of Markdown in a title or a tag are text, and a body's
# headings go under the entry's
cat >"$T/marks.md" <<'MD'
---
title: "Said *that* [again] #2"
date: 2026-11-05T10:00:00+00:00
tags: [my_tag]
---
# Said *that* [again] #2

## What I felt

Small
=====

> # quoted
MD
"$TEND" new --stdin <"$T/marks.md" >/dev/null 2>&1
t export --format md --on 2026-11-05
printf '%s\n' '# Said \*that\* \[again\] \#2' "" \
	'2026-11-05 10:00 · tags: my\_tag' "" "### What I felt" "" "## Small" \
	"" "> # quoted" >"$T/want-marks.md"
expect "a title's marks escaped, its heading not twice, the body's \
headings under it" cmp "$T/want-marks.md" "$OUT"
"$TEND" rm "$("$TEND" list --format ids --on 2026-11-05)" >/dev/null 2>&1

# --- md --split -------------------------------------------------------------
t export --format md --split "$T/split"
expect_rc 0 "export --format md --split DIR"
expect_err "wrote 3 entries into $T/split" "says what it wrote"
for f in $(files); do
	expect "$(basename "$f"): the entry's file, byte for byte" \
		cmp "$f" "$T/split/$(basename "$f")"
done
expect_eq "the private entry is not among them" 3 \
	"$(ls "$T/split" | wc -l)"
expect_eq "the folder is private (0700)" 700 "$(mode "$T/split")"
t export --format md --split "$T/split"
expect_rc 2 "a folder with files in it: exit 2"
expect_err "is not empty" "says why"
expect_eq "and nothing in it is written over" 3 "$(ls "$T/split" | wc -l)"
: >"$T/a-file"
t export --format md --split "$T/a-file"
expect_rc 2 "a file that is no folder: exit 2"
t export --format json --split "$T/split2"
expect_rc 2 "--split with another format: exit 2"
expect_err "give --format md" "says which"
t export --format md --split "$T/split2" -o "$T/x.md"
expect_rc 2 "--split and -o together: exit 2"
expect "and no folder is made" test ! -e "$T/split2"

# --- json -----------------------------------------------------------------
t export --format json
expect_rc 0 "export --format json"
expect "is JSON" jq -e . "$OUT"
expect_eq "an array of the entries" 3 "$(jq length "$OUT")"
expect_eq "oldest first, with the keys of the entry object of tend-list(1)" \
	'["2026-10-03-2110-talk-with-alex","conflict",3,false]' \
	"$(jq -c '[.[0].id, .[0].tags[0], .[0].mood, .[0].private]' "$OUT")"
i=0
for f in $(files); do
	jq -j ".[$i].text" "$OUT" >"$T/text"
	expect "text is the whole file of $(basename "$f"), byte for byte" \
		cmp "$f" "$T/text"
	i=$((i + 1))
done
expect_eq "body is the text after the front matter" \
	"$(printf '\nLine one.\r\nLine two with a tab\tand "quotes".\n')" \
	"$(jq -j '.[2].body' "$OUT")"
t export --format json --include-private --private
expect_eq "--private --include-private: only the private ones" \
	'["2026-10-20-0900-hidden"]' "$(jq -c '[.[].id]' "$OUT")"
t export --format json --tag nosuch
expect_eq "no entries: an empty array" "[]" "$(jq -c . "$OUT")"

# --- html -----------------------------------------------------------------
t export --format html -o "$T/out.html"
expect_rc 0 "export --format html -o FILE"
expect_err "wrote $T/out.html: 3 entries" "says what it wrote"
expect_eq "the file is private (0600)" 600 "$(mode "$T/out.html")"
expect "it is one page with its style inline" grep -q '<style>' "$T/out.html"
expect_not "loading nothing: no stylesheet link, no src" \
	grep -qiE '<link|src=|<script|@import|url\(' "$T/out.html"
expect "with a Content-Security-Policy" \
	grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$T/out.html"
expect "and noindex" grep -q 'name="robots" content="noindex' "$T/out.html"
expect "every entry in full" sh -c "grep -q 'Alex said no to the dishes' '$T/out.html' &&
	grep -q 'A walk with Sam' '$T/out.html' && grep -q 'Line one.' '$T/out.html'"
expect_not "but the private one" grep -q pomegranate "$T/out.html"
expect "a mood chart, inline" grep -q '<svg' "$T/out.html"
expect_not "no links to pages that are not in it" \
	grep -qE 'href="\.\./|href="[a-z]+/' "$T/out.html"
t export --format html --reverse
expect_out "3 entries, from 3 Oct 2026 to 1 Nov 2026" \
	"the page says from when to when, newest first or not"
t export --format html --include-private
expect_out "pomegranate" "--include-private exports the private one too"
expect_out "badge private" "marked as private"

# --- redact -----------------------------------------------------------------
t export --format md --redact
expect_rc 2 "--redact without names is a usage error"
expect_err "no names to replace" "and says why"
printf '[share]\nredact = Alex=my partner, Sam\n[journal]\ntitle = Notes for Alex\n' >>tend.ini
"$TEND" goal add talk-to-alex "Talk to Alex" >/dev/null
n "Goal talk" "2026-11-02 08:00" "About it." --goal talk-to-alex --tag alex \
	--feeling sam-ish
for fmt in md json html; do
	t export --format $fmt --redact
	expect_rc 0 "export --format $fmt --redact"
	if grep -qiw alex "$OUT"; then
		fail "$fmt: the name is gone, in any case, everywhere" \
			"$(grep -oiwE '.{0,30}alex.{0,30}' "$OUT" | head -5)"
	else
		pass "$fmt: the name is gone, in any case, everywhere"
	fi
	expect_no_out "Sam" "$fmt: the other name too"
	expect_out "my partner" "$fmt: replaced as asked"
	expect_out "A walk with [name];" "$fmt: a name alone becomes [name]"
	expect_out "alexander" "$fmt: only whole words"
done
t export --format md --split "$T/split-redact" --redact
expect_rc 0 "export --format md --split DIR --redact"
if grep -rqiw alex "$T/split-redact" ||
	ls "$T/split-redact" | grep -qiw alex; then
	fail "split: the name is gone from every file and file name" \
		"$(grep -riwo '.{0,20}alex.{0,20}' "$T/split-redact" | head -3)" \
		"$(ls "$T/split-redact")"
else
	pass "split: the name is gone from every file and file name"
fi
expect "split: a file named by the redacted ID" \
	test -f "$T/split-redact/2026-10-03-2110-talk-with-my partner.md"
t export --format json --redact
expect_eq "json: in the title, the ID and the path" \
	"Talk with my partner 2026-10-03-2110-talk-with-my partner" \
	"$(jq -r '.[0].title + " " + .[0].id' "$OUT")"
expect_eq "json: in goals and tags" '["talk-to-my partner"] ["my partner"]' \
	"$(jq -c '.[3].goals, .[3].tags' "$OUT" | tr '\n' ' ' | sed 's/ $//')"
"$TEND" rm 2026-11-02-0800-goal-talk >/dev/null
sed -i '/^\[journal\]$/d; /^title = Notes for Alex$/d' tend.ini

# --- bad input --------------------------------------------------------------
t export
expect_rc 2 "export needs --format"
expect_err "--format md, json or html" "and says which"
t export --format pdf
expect_rc 2 "an unknown format is a usage error"
t export --format md --private
expect_rc 2 "--private without --include-private is a usage error"
expect_err "only with --include-private" "and says why"
t export --format md --from nonsense
expect_rc 2 "a bad filter is a usage error"
t export --format md -o "$T/no/such/dir/x.md"
expect_rc 1 "a file that cannot be written is exit 1"
expect "and nothing is there" test ! -e "$T/no/such/dir/x.md"
t export --format md extra
expect_rc 2 "export takes no arguments"
t export --help
expect_out "usage: tend export" "--help"
done_testing
