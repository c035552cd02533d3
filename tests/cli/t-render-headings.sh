# An entry's own headings under the page's (issue 18): on its page (the
# title an <h1>) its highest headings are <h2>, in export --format html
# (the title an <h2>) <h3>, the others as far below those as they were,
# none past <h6>; a first heading that says the title (the title taken
# from it, or title: the same) is shown once, as the title; one name,
# "to share", for share: true in the site, the export and the help.
. tests/cli/lib.sh
top=$(pwd)
journal "$T/j"

# e ID FRONT BODY: the entry file entries/2026/11/ID.md, front matter
# FRONT ("" for none, a hand-written file) and the text BODY
e() {
	if [ -n "$2" ]; then
		printf -- '---\n%s\n---\n\n%s\n' "$2" "$3"
	else
		printf '%s\n' "$3"
	fi >"entries/2026/11/$1.md"
}
mkdir -p entries/2026/11
e 2026-11-02-2000-levels "title: Levels
date: 2026-11-02T20:00:00+00:00" "# Top

Words one.

## Sub

Words two.

###### Deep

Words three."
e 2026-11-03-2000-seconds "title: Only seconds
date: 2026-11-03T20:00:00+00:00" "## What happened

Words.

### What I needed

More words."
e 2026-11-04-2000-after-the-call "" "# After the call

I rang back.

## Later

It was fine."
e 2026-11-05-2000-said-it "title: Said it
date: 2026-11-05T20:00:00+00:00
share: true" "#   Said it   #

Words of said it."
e 2026-11-06-2000-other "title: Other
date: 2026-11-06T20:00:00+00:00" "# Not the title

Words of other."
e 2026-11-07-2000-the-long-day "" "# The *long* day

Words of the long day."
e 2026-11-08-2000-later "" "Words first.

# Later on

Words after."
e 2026-11-09-2000-setext "title: Underlined
date: 2026-11-09T20:00:00+00:00" "Underlined
==========

Words under."
"$TEND" save -m "Entries with headings" >/dev/null || fail "cannot save"

t render -o "$T/site"
expect_rc 0 "render"
# body ID: the body of the entry's page; title ID: its <h1> lines
body() {
	sed -n '/^<div class="body">$/,/^<\/div>$/p' "$T/site/entries/$1.html"
}
title() {
	grep '<h1>' "$T/site/entries/$1.html"
}

# --- the entry's page ---------------------------------------------------
expect_eq "its page: # is <h2>, ## <h3>, ###### stays <h6>" \
	'<div class="body">
<h2>Top</h2>
<p>Words one.</p>
<h3>Sub</h3>
<p>Words two.</p>
<h6>Deep</h6>
<p>Words three.</p>

</div>' "$(body 2026-11-02-2000-levels)"
expect_eq "a body whose highest heading is ## starts at <h2> too" \
	'<div class="body">
<h2>What happened</h2>
<p>Words.</p>
<h3>What I needed</h3>
<p>More words.</p>

</div>' "$(body 2026-11-03-2000-seconds)"
expect_eq "a title taken from the first heading is the page's <h1>" \
	'<h1>After the call</h1>' "$(title 2026-11-04-2000-after-the-call)"
expect_eq "and not again in the body, whose ## is now the highest" \
	'<div class="body">
<p>I rang back.</p>
<h2>Later</h2>
<p>It was fine.</p>

</div>' "$(body 2026-11-04-2000-after-the-call)"
expect_eq "title: the same as the first heading (its #s and spaces aside): once" \
	'<div class="body">
<p>Words of said it.</p>

</div>' "$(body 2026-11-05-2000-said-it)"
expect_eq "a first heading that is not the title stays" \
	'<div class="body">
<h2>Not the title</h2>
<p>Words of other.</p>

</div>' "$(body 2026-11-06-2000-other)"
expect_eq "a title taken with its marks from a heading with emphasis" \
	'<h1>The *long* day</h1>' "$(title 2026-11-07-2000-the-long-day)"
expect_eq "that heading is not shown again either" \
	'<div class="body">
<p>Words of the long day.</p>

</div>' "$(body 2026-11-07-2000-the-long-day)"
expect_eq "a heading after the first words stays, though it named the entry" \
	'<div class="body">
<p>Words first.</p>
<h2>Later on</h2>
<p>Words after.</p>

</div>' "$(body 2026-11-08-2000-later)"
expect_eq "an underlined first heading the same as title: is left out too" \
	'<div class="body">
<p>Words under.</p>

</div>' "$(body 2026-11-09-2000-setext)"
expect_eq "each page has one <h1>" "1 1 1 1 1 1 1 1" \
	"$(for f in "$T"/site/entries/*.html; do
		grep -c '<h1' "$f"; done | tr '\n' ' ' | sed 's/ $//')"

# --- the month's page ---------------------------------------------------
month="$T/site/archive/2026-11.html"
expect "the month's page lists the entries" \
	grep -qF '<a class="entry-title" href="../entries/2026-11-02-2000-levels.html">Levels</a>' \
	"$month"
expect "under its own <h1>" grep -qxF '<h1>November 2026</h1>' "$month"
expect_eq "and shows no heading of theirs" "" "$(grep -E \
	'<h[1-6]>(Top|Sub|Deep|What happened|What I needed|Later|Later on|Not the title)<' \
	"$month")"

# --- export --format html ------------------------------------------------
t export --format html
expect_rc 0 "export --format html"
cp "$OUT" "$T/export.html"
# article TITLE: the body of the exported entry TITLE
article() {
	sed -n "/^<h2>$1<\/h2>\$/,/^<\/article>\$/p" "$T/export.html" |
		sed -n '/^<div class="body">$/,/^<\/div>$/p'
}
expect_eq "export: the title <h2>, # <h3>, ## <h4>, ###### <h6>" \
	'<div class="body">
<h3>Top</h3>
<p>Words one.</p>
<h4>Sub</h4>
<p>Words two.</p>
<h6>Deep</h6>
<p>Words three.</p>

</div>' "$(article Levels)"
expect_eq "export: a body whose highest heading is ## starts at <h3>" \
	'<div class="body">
<h3>What happened</h3>
<p>Words.</p>
<h4>What I needed</h4>
<p>More words.</p>

</div>' "$(article 'Only seconds')"
expect_eq "export: a title from the first heading once" \
	'<div class="body">
<p>I rang back.</p>
<h3>Later</h3>
<p>It was fine.</p>

</div>' "$(article 'After the call')"
expect_eq "export: title: the same as the first heading once" \
	'<div class="body">
<p>Words of said it.</p>

</div>' "$(article 'Said it')"
expect_eq "export: no <h1> but the page's" 1 "$(grep -c '<h1' "$T/export.html")"
printf '[share]\nredact = Said\n' >>tend.ini
t export --format html --redact
expect_rc 0 "export --redact"
expect "export --redact: the title redacted" grep -qF '<h2>[name] it</h2>' \
	"$OUT"
expect_not "and its heading, redacted alike, left out" \
	grep -qF '<h3>[name] it</h3>' "$OUT"
t export --format md
expect "export --format md is each file as it is, its heading kept" \
	grep -qx '# After the call' "$OUT"

# --- one name for share: true ------------------------------------------
expect "the entry's page calls it 'to share'" grep -qF \
	'<span class="badge">to share</span>' \
	"$T/site/entries/2026-11-05-2000-said-it.html"
expect "so does the month's page" grep -qF \
	'<span class="badge">to share</span>' "$month"
expect "and the export" grep -qF '<span class="badge">to share</span>' \
	"$T/export.html"
sh "$top/tools/make-demo" "$TEND" "$top/samples" "$T/demo" >/dev/null 2>&1 ||
	fail "make-demo"
expect "the demo site marks entries 'to share'" \
	grep -rqF '<span class="badge">to share</span>' "$T/demo/site"
expect_eq "and never 'to bring to therapy'" "" \
	"$(grep -rli 'bring to therapy' "$T/demo/site")"
t new --help
expect_out "  --share             mark it to share: tend prep has it in full" \
	"tend new --help: --share marks it to share"
helps=$("$TEND" --help 2>&1
	for c in $("$TEND" --help 2>&1 | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
		"$TEND" "$c" --help 2>&1
	done)
expect_eq "no command's help says 'bring to therapy'" "" \
	"$(printf '%s\n' "$helps" | grep -i 'bring to therapy')"
expect "the help of some commands names 'to share'" \
	sh -c 'printf "%s\n" "$1" | grep -q "marked to share"' sh "$helps"
expect_eq "nor does the README" "" \
	"$(grep -i 'bring to therapy' "$top/README.md")"
done_testing
