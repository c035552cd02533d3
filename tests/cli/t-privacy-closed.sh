# Privacy fails closed (tend-journal(5)): an entry whose front matter cannot
# be read for certain, written by hand in a form that looks like front
# matter (blank lines or blanks before '---', CR-only line ends, a known
# key in another case, TOML, "private: true" with no '---' around it), is
# a check problem at PATH:LINE:COL that says how to mend it, and is left
# out of render, export and prep with a warning naming the file, never
# shown. Mended, it is a normal private entry, still left out. The file
# is never changed by reading it.
. tests/cli/lib.sh
journal "$T/j"

t new "Open letter" -m "The garden grows marigold here." --date "2024-05-02 09:00"
expect_rc 0 "a public entry to render beside them"
mkdir -p entries/2024/05
n_case=0

# leaks WHAT FILE: the word of the private body is nowhere in FILE (or
# under it, for a folder)
leaks() {
	if grep -rqi larkspur "$2"; then
		fail "$1 holds no word of the private body" \
			"$(grep -rli larkspur "$2" | head -5)"
	else
		pass "$1 holds no word of the private body"
	fi
}

# outputs NAME PATH: render, export (json, md, html) and prep leave the
# entry out, each naming PATH on stderr; the public entry is still there
outputs() {
	t render
	expect_rc 0 "$1: render works"
	leaks "$1: the rendered site" site
	expect "$1: the public entry is rendered" grep -rq marigold site
	expect_err "$2" "$1: render warns of the file"
	for fmt in json md html; do
		t export --format "$fmt"
		expect_rc 0 "$1: export --format $fmt works"
		leaks "$1: export --format $fmt" "$OUT"
		expect_out marigold "$1: export --format $fmt has the public entry"
		expect_err "$2" "$1: export --format $fmt warns of the file"
	done
	t export --format md -o "$T/out.md"
	leaks "$1: export -o FILE" "$T/out.md"
	expect_err "wrote $T/out.md: 1 entry" "$1: export counts only the public entry"
	t prep --since 2000-01-01
	expect_rc 0 "$1: prep works"
	leaks "$1: prep" "$OUT"
	expect_out "- 1 entry." "$1: prep counts only the public entry"
	expect_err "$2" "$1: prep warns of the file"
	t prep --since 2000-01-01 --format html
	leaks "$1: prep --format html" "$OUT"
}

# closed NAME WHERE MESSAGE BAD FIXED: the entry file written with the
# printf format BAD is a check problem "PATH:WHERE: MESSAGE" and left out
# everywhere; written as FIXED it is a normal private entry, left out
# with no warning, and exported with --include-private
closed() {
	n_case=$((n_case + 1))
	f=entries/2024/05/2024-05-0$((n_case % 9 + 1))-1000-$1.md
	# shellcheck disable=SC2059
	printf -- "$4" >"$f"
	cp "$f" "$T/copy"

	t check
	expect_rc 3 "$1: check finds the problem"
	expect_out "$f:$2: $3" "$1: check says where and how to mend it"
	outputs "$1" "$f:$2: $3"
	t list
	expect_rc 0 "$1: list still works"
	expect "$1: the file is not changed by reading it" cmp "$f" "$T/copy"

	# shellcheck disable=SC2059
	printf -- "$5" >"$f"
	t check
	expect_rc 0 "$1: mended, check is clean"
	t render
	leaks "$1: mended, the rendered site" site
	expect_no_err "$f" "$1: mended, render has no warning"
	t export --format json
	leaks "$1: mended, export" "$OUT"
	expect_no_err "$f" "$1: mended, export has no warning"
	t prep --since 2000-01-01
	leaks "$1: mended, prep" "$OUT"
	t export --format md --include-private
	expect_out "larkspur" "$1: mended, it reads as a private entry"
	t list --private --format ids
	expect_eq "$1: mended, list --private names it" \
		"$(basename "$f" .md)" "$(cat "$OUT")"
	rm -f "$f"
}

fm='private: true\nshare: true\ntags: [larkspur-tag]\n'
body='# Larkspur heading\n\nThe larkspur secret I told no one.\n\n---\n\nMore.\n'
ok="---\n$fm---\n$body"

msg_first="front matter must start on the first line; delete the blank lines before '---'"
closed blank 2:1 "$msg_first" "\n$ok" "$ok"
closed blanks 5:1 "$msg_first" "\n\n  \n\t\n$ok" "$ok"
closed bom-blank 2:1 "$msg_first" "\357\273\277\n$ok" "\357\273\277$ok"
closed crlf-blank 2:1 "$msg_first" \
	"\r\n---\r\nprivate: true\r\nshare: true\r\n---\r\nlarkspur\r\n" \
	"---\r\nprivate: true\r\nshare: true\r\n---\r\nlarkspur\r\n"
closed indented 1:3 "front matter must start at the beginning of the first line; delete what is before '---'" \
	"  $ok" "$ok"
closed dashes 1:1 "front matter opens with a line of three dashes '---', not 4" \
	"----\n$fm----\n$body" "$ok"
closed toml 1:1 "front matter in TOML ('+++') is not read; write it in YAML between two lines '---'" \
	"+++\nprivate = true\nshare = true\n+++\n$body" "$ok"

msg_cr="lines end in CR only (old Mac style); save the file with LF line endings"
closed cr 1:4 "$msg_cr" \
	"---\rprivate: true\rshare: true\r---\r# Larkspur\r\rThe larkspur secret.\r" \
	"---\nprivate: true\nshare: true\n---\n# Larkspur\n\nThe larkspur secret.\n"
closed mixed 2:14 "$msg_cr" \
	"---\nprivate: true\r---\rThe larkspur secret.\n\n---\n\nMore.\n" \
	"---\nprivate: true\n---\nThe larkspur secret.\n\n---\n\nMore.\n"
closed mixed-crlf 3:12 "$msg_cr" \
	"---\r\nprivate: true\r\nshare: true\r---\r\nThe larkspur secret.\r\n" \
	"---\r\nprivate: true\r\nshare: true\r\n---\r\nThe larkspur secret.\r\n"

closed no-opening 1:1 "'Private: true' is read only in front matter; put a line '---' before the first line and one after the keys" \
	"Private: true\nshare: true\n---\n$body" "$ok"
closed key-case 2:1 "'Private' is not a key tend knows; did you mean 'private'?" \
	"---\nPrivate: true\nshare: true\n---\n$body" "$ok"
closed key-upper 3:1 "'PRIVATE' is not a key tend knows; did you mean 'private'?" \
	"---\nshare: true\nPRIVATE: yes\n---\n$body" "$ok"
closed key-mood 4:1 "'Mood' is not a key tend knows; did you mean 'mood'?" \
	"---\nprivate: true\nshare: true\nMood: 3\n---\n$body" \
	"---\nprivate: true\nshare: true\nmood: 3\n---\n$body"
closed bare 1:1 "'private: true' is read only in front matter; put a line '---' before the first line and one after the keys" \
	"private: true\nshare: true\n\n$body" "$ok"

# Markdown that is not front matter stays an entry; a normal private
# entry is left out without a word
printf -- 'A plain note, marigold too.\n\n---\n\nPart two.\n\n---\n' \
	>entries/2024/05/2024-05-03-1000-plain.md
printf -- '---\ntitle: Rules\n---\nOne marigold.\n\n---\n\nTwo.\n' \
	>entries/2024/05/2024-05-04-1000-rules.md
printf -- 'Setext heading\n---\n\nThe marigold bed.\n' \
	>entries/2024/05/2024-05-05-1000-setext.md
printf -- "$ok" >entries/2024/05/2024-05-06-1000-private.md
t check
expect_rc 0 "thematic breaks in a body and a private entry check clean"
t render
expect_no_err "entries/" "render names no file"
leaks "the rendered site" site
for id in plain rules setext; do
	expect "the entry '$id' is rendered" test -f "site/entries/2024-05-0$(
		case $id in plain) echo 3 ;; rules) echo 4 ;; *) echo 5 ;; esac
	)-1000-$id.html"
done
expect "its text after the break is there" grep -rq "Part two" site/entries
t export --format json
expect_out 'Setext heading\n---\n\nThe marigold bed.' \
	"a Setext heading stays in the body, not front matter"
leaks "export" "$OUT"

# an entry rendered while public, then made private by hand with the key
# in another case: its page is removed, not left behind
f=entries/2024/05/2024-05-07-1000-once-public.md
printf -- '---\ntitle: Once public\n---\nThe larkspur was public.\n' >"$f"
t render
expect "a public entry is rendered" grep -rq larkspur site
printf -- '---\ntitle: Once public\nPrivate: true\n---\nThe larkspur was public.\n' >"$f"
t render
leaks "made private as 'Private: true', the site" site
expect_err "$f:3:1: 'Private' is not a key" "and render names the file"
rm "$f"

# a goal key in another case is a problem of the goal file
mkdir -p goals
printf -- '---\ntitle: Rest\nStatus: dropped\n---\n' >goals/rest.md
t check
expect_rc 3 "a goal key in another case: check finds it"
expect_out "goals/rest.md:3:1: 'Status' is not a key tend knows; did you mean 'status'?" \
	"and says which key is meant"
printf -- '\n---\ntitle: Rest\n---\n' >goals/rest.md
t check
expect_out "goals/rest.md:2:1: $msg_first" "a goal with a blank line first"
printf -- '---\ntitle: Rest\nstatus: dropped\n---\n' >goals/rest.md
t check
expect_rc 0 "mended, the goal checks clean"

# new --stdin refuses such a text rather than make it a public body
printf -- '\n---\nprivate: true\n---\nhollyhock\n' >"$T/in"
t new --stdin <"$T/in"
expect_rc 3 "new --stdin with a blank line before '---' is refused"
expect_err "<stdin>:2:1: $msg_first" "and says why"
expect_not "no entry holds what new was given" grep -rq hollyhock entries

done_testing
