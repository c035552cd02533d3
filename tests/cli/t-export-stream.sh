# tend export written as it is made (issue 13): the same bytes as
# before, in every format and with every option, from a small fixed
# journal (tests/regress/render/journal/ and a few odd entries made
# here), against the files of tests/regress/export/want/; a journal's own
# export template, which can go through the entries more than once; a
# page larger in all than the template engine's output limit, each entry
# far under it; a limit that is hit named as such; -o FILE replaced only
# when all of it is written, and a full disk or a kill on the way leaving
# FILE as it was and nothing beside it. After a change to the output on
# purpose, `make regress-update` writes the files anew: read
# `git diff tests/regress` before committing them.
. tests/cli/lib.sh
top=$(pwd)
golden="$top/tests/regress/export"
journal "$T/j"
cp -R "$top/tests/regress/render/journal/entries" \
	"$top/tests/regress/render/journal/goals" .
mkdir -p entries/2026/09 entries/2026/08
# hand-written: no front matter (its date from its name), CRLF, a time
# zone far east, no line break at the end, a name to redact
printf '# Notes from the bus\n\nAlex was quiet; the heron was not.\n' \
	>entries/2026/08/2026-08-14-bus-notes.md
printf -- '---\r\ntitle: "Unicode: café — 日本"\r\ndate: 2026-09-01T08:00:00+09:00\r\nmood: 4\r\nunknown_key: [kept, as is]\r\n---\r\n\r\nLine one & <b>two</b>.\r\nA tab\there, "quotes" and Alex.\r\n' \
	>entries/2026/09/2026-09-01-0800-unicode.md
printf -- '---\ntitle: West of everything\ndate: 2026-09-01T20:00:00-10:00\nmood: 9\nshare: true\ntags: [home]\n---\nNo line break at the end, alexander.' \
	>entries/2026/09/2026-09-01-2000-west.md
printf '[journal]\ntitle = Notes on the river\n[share]\nredact = Alex=my partner, river=the water, heron\n' >>tend.ini
"$TEND" save -m "The fixed journal" >/dev/null || fail "cannot save the journal"

# export NAME ARGS...: the export ARGS make, in $T/got/NAME, as of
# 2026-11-20 12:00 UTC ("Exported on")
mkdir -p "$T/got"
export_as() {
	name=$1
	shift
	SOURCE_DATE_EPOCH=1795176000 "$TEND" export "$@" >"$T/got/$name" \
		2>"$T/got/$name.err"
	echo "$?" >"$T/got/$name.rc"
}
cases() {
	export_as md.md --format md
	export_as md-private-redact.md --format md --include-private --redact
	export_as md-mood-from.md --format md --mood '>=5' --from 2026-10
	export_as json.json --format json
	export_as json-redact.json --format json --redact
	export_as json-tag-private.json --format json --tag home \
		--include-private
	export_as json-newest-2.json --format json -n 2
	export_as json-none.json --format json --tag nosuch
	export_as html.html --format html
	export_as html-private-redact.html --format html --include-private \
		--redact
	export_as html-newest-first.html --format html --reverse
	export_as html-newest-2.html --format html -n 2 --reverse
	export_as html-shared.html --format html --shared
	export_as html-none.html --format html --tag nosuch
	export_as md-dash.md --format md --tag home -o -
}
cases
# the journal's own export template: a list of contents, then every
# entry (a section over the entries twice), and a partial of its own
mkdir -p templates/html
cp "$golden/override/export.html" "$golden/override/contents.html" \
	templates/html/
export_as html-own-template.html --format html --include-private
export_as html-own-template-none.html --format html --tag nosuch
rm -r templates

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	rm -rf "$golden/want"
	mkdir -p "$golden/want"
	for f in "$T/got"/*; do
		case $f in
		*.err) ;;
		*.rc) [ "$(cat "$f")" = 0 ] ||
			echo "# $(basename "$f" .rc) exited $(cat "$f")" ;;
		*) cp "$f" "$golden/want/" ;;
		esac
	done
	echo "# wrote $golden/want"
fi
for want in "$golden/want"/*; do
	name=$(basename "$want")
	expect_eq "$name: exit 0" 0 "$(cat "$T/got/$name.rc" 2>/dev/null)"
	if cmp -s "$want" "$T/got/$name"; then
		pass "$name is as it was, byte for byte"
	else
		fail "$name differs from tests/regress/export/want/$name" \
			"$(diff -u "$want" "$T/got/$name" | head -30)"
	fi
done
expect_eq "and each case has its file" \
	"$(cd "$golden/want" && ls | sort)" \
	"$(cd "$T/got" && ls | grep -v -e '\.err$' -e '\.rc$' | sort)"
expect "the own template was used" grep -q 'class="contents"' \
	"$T/got/html-own-template.html"
expect "and said so" grep -q "using your own templates/html/export.html" \
	"$T/got/html-own-template.html.err"

# --- -o FILE ------------------------------------------------------------
mkdir "$T/out"
t export --format json -o "$T/out/x.json"
expect_rc 0 "export -o FILE"
expect_err "wrote $T/out/x.json: 8 entries" "says what it wrote"
expect "FILE is what stdout gets" cmp "$golden/want/json.json" "$T/out/x.json"
expect_eq "FILE is private (0600)" 600 "$(mode "$T/out/x.json")"
expect_eq "and nothing else is left beside it" "x.json" "$(ls -A "$T/out")"
echo "the old file" >"$T/out/x.json"
t export --format html -o "$T/out/x.json"
expect_rc 0 "export -o over a file"
expect "replaces it whole" grep -q '</html>' "$T/out/x.json"
expect_eq "and nothing else is left beside it" "x.json" "$(ls -A "$T/out")"
rm "$T/out/x.json"

# --- the template engine's limits -------------------------------------------
# xK is the style sheet 3 * 2^(K-1) times: x1 three times, x2 x1 twice...
mkdir -p templates/html
printf '{{{css}}}{{{css}}}{{{css}}}' >templates/html/x1.html
k=1
while [ $k -lt 15 ]; do
	printf '{{>x%d}}{{>x%d}}' $k $k >"templates/html/x$((k + 1)).html"
	k=$((k + 1))
done
css=$(wc -c <"$top/templates/html/style.css")
entries=$("$TEND" list --no-private --format ids | wc -l)
want=$((entries * 6144 * css))
# x12 an entry: each entry far under the limit, all of them over it
printf '{{#entries}}{{>x12}}{{/entries}}' >templates/html/export.html
"$TEND" export --format html 2>"$ERR" | wc -c >"$T/bytes"
expect_eq "$entries entries of 6,144 style sheets: $want bytes" \
	"$want" "$(cat "$T/bytes")"
expect "more than TMPL_MAX_OUTPUT (256 MiB) in all" \
	test "$(cat "$T/bytes")" -gt $((256 * 1024 * 1024))
expect_eq "with nothing said but the templates used" "" \
	"$(grep -v '^tend: using your own templates/html/' "$ERR")"
# x15 for one entry (3 * 16,384 style sheets): over the limit, named
printf '<p>{{#entries}}{{>x15}}{{/entries}}</p>' >templates/html/export.html
"$TEND" export --format html >/dev/null 2>"$ERR"
rc=$?
expect_rc 3 "one entry over the output limit: exit 3"
expect_err "tend: cannot render 'export': over the limit of 268435456 bytes of output (TMPL_MAX_OUTPUT) for one item of 'entries'; it stopped at templates/html/x1.html:1:" \
	"names the limit, what went over it, and where it stopped"
# the entries inside one of the entries
printf '{{#entries}}\n{{title}}:\n{{#entries}}{{title}}{{/entries}}\n{{/entries}}\n' \
	>templates/html/export.html
t export --format html
expect_rc 3 "the entries inside one of them: exit 3"
expect_err "templates/html/export.html:3:1: cannot list 'entries' inside an item of 'entries', whose items are made one at a time" \
	"says so, at the tag"
rm -r templates
# more than one part of output: 40 entries of 6.6 kB
mkdir -p entries/2026/07
i=10
while [ $i -lt 50 ]; do
	{
		printf -- '---\ntitle: Long %s\ndate: 2026-07-01T10:%02d:00+00:00\nmood: 5\n---\n\n' \
			"$i" "$i"
		j=0
		while [ $j -lt 128 ]; do
			printf 'A line of words that goes on, %03d, to make it long.\n' $j
			j=$((j + 1))
		done
	} >"entries/2026/07/2026-07-01-10$i-long.md"
	i=$((i + 1))
done
"$TEND" save -m "Long entries" >/dev/null || fail "cannot save the long ones"
for fmt in md json html; do
	"$TEND" export --format $fmt >"$T/whole.$fmt" 2>/dev/null
	expect "$fmt: larger than one part ($(wc -c <"$T/whole.$fmt") bytes)" \
		test "$(wc -c <"$T/whole.$fmt")" -gt $((3 * 65536))
done

# a full disk (or a broken one) at the Nth write of FILE: a clear error,
# exit 1, FILE as it was, no temporary file left
for fault in "WRITE=1" "WRITE=2" "WRITE=3 TEND_FAULT_PARTIAL=1" \
	"WRITE=2 TEND_FAULT_ERRNO=EIO"; do
	for fmt in md json html; do
		echo "the old file" >"$T/out/x.$fmt"
		# shellcheck disable=SC2086
		tfault TEND_FAULT_$fault TEND_FAULT_PATH="$T/out/" -- \
			export --format $fmt -o "$T/out/x.$fmt"
		what="$fmt, $fault"
		expect_rc 1 "$what: exit 1"
		case $fault in
		*EIO) reason="Input/output error" ;;
		*) reason="No space left on device" ;;
		esac
		expect_err "tend: cannot write '$T/out/x.$fmt': $reason" \
			"$what: says what and why"
		expect_eq "$what: said once" 1 "$(grep -c . "$ERR")"
		expect_eq "$what: FILE is as it was" "the old file" \
			"$(head -c 80 "$T/out/x.$fmt")"
		expect_eq "$what: nothing beside it" "x.$fmt" "$(ls -A "$T/out")"
		rm "$T/out/x.$fmt"
	done
done
tfault TEND_FAULT_WRITE=2 TEND_FAULT_PATH="$T/out/" -- \
	export --format json -o "$T/out/new.json"
expect_rc 1 "a new FILE on a full disk: exit 1"
expect_eq "and no FILE at all" "" "$(ls -A "$T/out")"

# killed half way: FILE as it was
echo "the old file" >"$T/out/x.md"
tfault TEND_FAULT_KILL=2 TEND_FAULT_PATH="$T/out/" -- \
	export --format md -o "$T/out/x.md"
expect_eq "killed at the second write: exit 137" 137 "$rc"
expect_eq "FILE is as it was" "the old file" "$(head -c 80 "$T/out/x.md")"
rm -f "$T/out"/.x.md.tmp*

# stdout on a full disk: said once, exit 1, and no more is made
for fmt in md json html; do
	tfault TEND_FAULT_WRITE=2 TEND_FAULT_PATH="$OUT" -- export --format $fmt
	expect_rc 1 "$fmt to a full disk: exit 1"
	expect_eq "$fmt: said once" \
		"tend: cannot write the output: No space left on device" \
		"$(head -c 200 "$ERR")"
done

done_testing
