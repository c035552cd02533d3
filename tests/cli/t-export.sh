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
{ first=1; for f in $(files); do
	[ $first = 1 ] || echo; first=0; cat "$f"; done; } >"$T/want.md"
expect "is each entry's file, oldest first, a blank line between" \
	cmp "$T/want.md" "$OUT"
expect_no_out "pomegranate" "without the private entry"
t export --format md --include-private
expect_out "pomegranate" "which --include-private adds"
t export --format md --tag conflict
expect_eq "filters select the entries" 1 "$(grep -c '^title:' "$OUT")"
t export --format md -n 1
expect_out "Unicode" "-n 1 is the newest"
expect_no_out "Talk with Alex" "and only it"
t export --format md --reverse
expect_eq "--reverse puts the newest first" "title: \"Unicode: café — 日本\"" \
	"$(grep -m1 '^title:' "$OUT")"

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
