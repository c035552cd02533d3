# tend import (issue 7) from jrnl, Day One and tend's own JSON: the files
# it writes byte for byte, one commit per import, dates in the right zone
# across DST, running it twice, a partial overlap, all-or-nothing on
# malformed input, usage errors, and a round trip through tend export.
# The Markdown folders are in t-import-markdown.sh.
. tests/cli/lib.sh
F="$FIXTURES/import"

# expect_err_re REGEX DESC: stderr has a line matching the extended REGEX
expect_err_re() {
	if grep -qE -- "$1" "$ERR"; then
		pass "$2"
	else
		fail "$2" "stderr matches no line: $1" "stderr: $(head -c 600 "$ERR")"
	fi
}

# re TEXT: TEXT with the characters regexes read quoted
re() {
	printf '%s' "$1" | sed 's/[].[^$*+?(){}|\\]/\\&/g'
}

# json_of ID: the entry ID as tend list --format json shows it, as
# [date, title, tags]
json_of() {
	"$TEND" list --format json |
		jq -c --arg id "$1" '.[] | select(.id == $id) | [.date, .title, .tags]'
}

# path_of TITLE: the file of the entry titled TITLE
path_of() {
	"$TEND" list --format json |
		jq -r --arg t "$1" '.[] | select(.title == $t) | .path'
}

# --- jrnl -------------------------------------------------------------------
journal "$T/jrnl"
sed -i 's|^\[journal\]$|&\ntimezone = Europe/Berlin|' tend.ini
"$TEND" save -m "Dates in Berlin" >/dev/null ||
	fail "cannot save tend.ini with the time zone"
expect "the journal's time zone is Europe/Berlin" \
	grep -qx 'timezone = Europe/Berlin' tend.ini
before=$(commits)

t import "$F/jrnl.json" --from jrnl-json
expect_rc 0 "import --from jrnl-json"
expect_out "Imported 9 entries from jrnl." "says how many it imported"
expect_no_out "Skipped" "nothing was skipped in an empty journal"
expect_eq "one commit for the whole import" "$((before + 1))" "$(commits)"
expect_eq "its subject says what" "Import 9 entries from jrnl" "$(subject)"
expect_eq "the commit holds the 9 entry files" 9 \
	"$(git show --name-only --format= HEAD | grep -c '^entries/.*\.md$')"
expect_eq "and nothing else" 9 "$(git show --name-only --format= HEAD | \
	grep -c .)"
expect_eq "the work tree is clean" "" "$(git status --porcelain)"

d=entries/2026
printf -- '---\ntitle: The dishes, again\ndate: 2026-01-14T20:40:00+01:00\ntags: [conflict]\n---\n\nWe circled the same argument for an hour.\nI noticed I stop listening the moment my voice goes up.\n' \
	>"$T/want"
expect "the file: title, date with its offset, tags without @, body" \
	cmp "$T/want" "$d/01/2026-01-14-2040-the-dishes-again.md"
expect_eq "entry files are private (0600)" 600 \
	"$(mode "$d/01/2026-01-14-2040-the-dishes-again.md")"

printf -- '---\ntitle: Before the clocks changed\ndate: 2026-03-29T01:30:00+01:00\ntags: [boundaries]\n---\n\nWrote 境界線 (boundary) on a sticky note and put it on the fridge.\n' \
	>"$T/want"
expect "01:30 on the night of the change is still winter time (+01:00)" \
	cmp "$T/want" "$d/03/2026-03-29-0130-before-the-clocks-changed.md"
printf -- '---\ntitle: After the clocks changed\ndate: 2026-03-29T03:30:00+02:00\n---\n\nLost an hour of sleep. Kept the promise not to read her messages.\n' \
	>"$T/want"
expect "03:30 is summer time (+02:00); no tags: no tags line" \
	cmp "$T/want" "$d/03/2026-03-29-0330-after-the-clocks-changed.md"

printf -- '---\ndate: 2026-04-02T07:00:00+02:00\n---\n\nWoke up calm. No title today, just that.\n' \
	>"$T/want"
expect "an empty title: no title line" \
	cmp "$T/want" "$(find $d/04 -name '2026-04-02-0700*.md')"
expect_eq "and the slug 'entry' in its ID" "$d/04/2026-04-02-0700-entry.md" \
	"$(find $d/04 -name '2026-04-02-0700*.md')"

printf -- '---\ntitle: Nothing more to say\ndate: 2026-04-05T22:10:00+02:00\ntags: [boundaries]\n---\n' \
	>"$T/want"
expect "an empty body: the file ends after the closing ---" \
	cmp "$T/want" "$d/04/2026-04-05-2210-nothing-more-to-say.md"

f=$d/04/2026-04-08-1830-letter-i-will-not-send.md
printf -- '---\ntitle: Letter I will not send\ndate: 2026-04-08T18:30:00+02:00\ntags: [letters, starred]\n---\n\nDear M,\r\nI am not angry any more.\r\nI am tired, and that is different.\r\n' \
	>"$T/want"
expect "a body with CRLF is kept byte for byte; starred is a tag" cmp \
	"$T/want" "$f"
expect_eq "the three carriage returns are in the file (od)" 3 \
	"$(od -An -c "$f" | grep -o '\\r' | wc -l)"
expect_eq "and no newline was added at the end" '\r  \n' \
	"$(tail -c 2 "$f" | od -An -c | sed 's/^ *//')"

expect "two entries on the same minute: the first keeps the ID" \
	grep -q 'Ten minutes each' "$d/03/2026-03-10-2115-check-in.md"
expect "the second gets -2" \
	grep -q 'Second round' "$d/03/2026-03-10-2115-check-in-2.md"

t list --format json
expect_rc 0 "list --format json after the import"
expect_eq "list shows 9 entries" 9 "$(jq length "$OUT")"
expect_eq "with their dates, titles and tags, oldest first" \
'["2026-01-14T20:40:00+01:00","The dishes, again",["conflict"]]
["2026-02-03T19:05:00+01:00","Session 4 – what I want, what I fear",["therapy","starred"]]
["2026-03-10T21:15:00+01:00","Check-in",[]]
["2026-03-10T21:15:00+01:00","Check-in",[]]
["2026-03-29T01:30:00+01:00","Before the clocks changed",["boundaries"]]
["2026-03-29T03:30:00+02:00","After the clocks changed",[]]
["2026-04-05T22:10:00+02:00","Nothing more to say",["boundaries"]]
["2026-04-08T18:30:00+02:00","Letter I will not send",["letters","starred"]]' \
	"$(jq -c 'reverse | .[] | select(.date != "2026-04-02T07:00:00+02:00") |
		[.date, .title, .tags]' "$OUT")"
expect_eq "the untitled one has its date and no tags" '[]' \
	"$(jq -c '.[] | select(.date == "2026-04-02T07:00:00+02:00") | .tags' "$OUT")"
f=$(path_of "Session 4 – what I want, what I fear")
expect "accents and emoji in a body are kept" \
	grep -qx 'Ich weiß es nicht. Noch nicht. 😶' "$f"
t check
expect_rc 0 "tend check finds nothing wrong with what was imported"

# the same file again
snap
t import "$F/jrnl.json" --from jrnl-json
expect_rc 0 "the same import again is not an error"
expect_out "Nothing new to import: 9 entries are already in the journal." \
	"it says there is nothing new"
expect_no_out "Imported" "and imports nothing"
same "importing the same file twice"

# a partial overlap
t import "$F/jrnl-more.json" --from jrnl-json
expect_rc 0 "an import that overlaps the journal"
expect_out "Imported 1 entry from jrnl." "imports the one new entry"
expect_out "Skipped 2 already in the journal." "and counts the two it had"
expect_eq "in one commit" "$(($(git rev-list --count "$head0") + 1))" \
	"$(commits)"
expect_eq "whose subject is in the singular" "Import 1 entry from jrnl" \
	"$(subject)"
expect_eq "that adds one file" "A	entries/2026/04/2026-04-12-1000-repair.md" \
	"$(git show --name-status --format= HEAD)"
expect_eq "the old entries are untouched" "" \
	"$(git diff "$head0" HEAD -- entries/2026/01 entries/2026/03)"

# a duplicate inside the input itself
printf '{"tags": {}, "entries": [%s, %s]}\n' \
	'{"title": "Said it twice", "body": "I need you to ask before inviting your brother.\n", "date": "2026-06-01", "time": "12:00", "tags": []}' \
	'{"title": "Said it twice", "body": "I need you to ask before inviting your brother.\n", "date": "2026-06-01", "time": "12:00", "tags": []}' \
	>"$T/twice.json"
t import "$T/twice.json" --from jrnl-json
expect_rc 0 "an input holding the same entry twice"
expect_out "Imported 1 entry from jrnl." "imports it once"
expect_eq "one file for it" 1 "$(find entries -name \
	'2026-06-01-1200-said-it-twice*' | wc -l)"

# --- malformed input: exit 3, where the problem is, nothing written --------
snap
t import "$F/jrnl-truncated.json" --from jrnl-json
expect_rc 3 "truncated JSON is malformed input"
expect_err_re "$(re "$F/jrnl-truncated.json"):12:[0-9]+: " \
	"the message gives PATH:LINE:COL: (the end, line 12)"
same "truncated JSON"

t import "$F/jrnl-badcomma.json" --from jrnl-json
expect_rc 3 "JSON with a missing comma is malformed input"
expect_err_re "$(re "$F/jrnl-badcomma.json"):7:[0-9]+: " \
	"the message gives PATH:LINE:COL: on the line of the mistake"
same "a missing comma"

t import "$F/jrnl-nodate.json" --from jrnl-json
expect_rc 3 "a jrnl entry without a date is malformed input"
expect_err "$F/jrnl-nodate.json: entry 2: " "the message gives PATH: entry N:"
expect_err "date" "and names the missing field"
same "an entry missing its date (after a good one)"

t import "$F/jrnl-wrongtype.json" --from jrnl-json
expect_rc 3 "tags as a string, not a list, is malformed input"
expect_err "$F/jrnl-wrongtype.json: entry 2: " \
	"the message gives PATH: entry N:"
expect_err "tags" "and names the field"
same "a field of the wrong type"

t import "$F/jrnl.json" --from dayone-json
expect_rc 3 "jrnl's file read as Day One's lacks creationDate"
expect_err "entry 1: " "the first entry is the one named"
expect_err "creationDate" "with the field it lacks"
same "the wrong --from"

printf '# Not JSON at all\n\nJust a note about the weekend.\n' >"$T/note.json"
t import "$T/note.json" --from jrnl-json
expect_rc 3 "a file that is not JSON is malformed input"
expect_err_re "$(re "$T/note.json"):1:[0-9]+: " "at line 1"
same "a file that is not JSON"

printf '{"tags": {}, "entries": [{"title": "Late", "body": "x\\n", "date": "2026-02-30", "time": "25:61"}]}\n' \
	>"$T/baddate.json"
t import "$T/baddate.json" --from jrnl-json
expect_rc 3 "a date that does not exist is malformed input"
expect_err "$T/baddate.json: entry 1: " "named by its entry"
same "an impossible date"

# the file is read an entry at a time, but all of it is checked before
# anything is written: a mistake after the last entry stops it all
sed '$ s/^}$/} and more/' "$F/jrnl.json" >"$T/jrnl-tail.json"
t import "$T/jrnl-tail.json" --from jrnl-json
expect_rc 3 "something after the end of the JSON is malformed input"
expect_err_re "$(re "$T/jrnl-tail.json"):[0-9]+:[0-9]+: end of file expected near 'and'" \
	"at its line and column"
same "a mistake after the last entry"
sed 's/^  "tags": {/  "tags": [/' "$F/jrnl.json" >"$T/jrnl-badtags.json"
t import "$T/jrnl-badtags.json" --from jrnl-json
expect_rc 3 "a mistake in the tags before the entries is malformed input"
expect_err_re "$(re "$T/jrnl-badtags.json"):[0-9]+:[0-9]+: " "with where it is"
same "a mistake in the top object"

# the wrong shape for the format
t import "$F/jrnl.json" --from tend-json
expect_rc 3 "jrnl's export read as tend's JSON is malformed input"
expect_err "$F/jrnl.json: not tend's JSON: it is not a list of entries" \
	"it says what tend's JSON is"
printf '[{"text": "Just text.\\n"}]\n' >"$T/tend-list.json"
t import "$T/tend-list.json" --from jrnl-json
expect_rc 3 "tend's JSON read as jrnl's is malformed input"
expect_err "$T/tend-list.json: not jrnl's JSON: there is no \"entries\" list at its top" \
	"it says what is missing"
printf '{"metadata": {"version": "1.0"}, "entries": {}}\n' >"$T/dayone-shape.json"
t import "$T/dayone-shape.json" --from dayone-json
expect_rc 3 "a Day One export whose entries are not a list is malformed input"
expect_err "not a Day One export: there is no \"entries\" list at its top" \
	"it says what is missing"
same "the wrong shapes"

# --- usage errors -------------------------------------------------------------
t import
expect_rc 2 "import without PATH is a usage error"
t import "$F/jrnl.json"
expect_rc 2 "import without --from is a usage error"
expect_err "--from" "and says what is missing"
t import "$F/jrnl.json" --from evernote
expect_rc 2 "an unknown format is a usage error"
expect_err "evernote" "the message quotes it"
t import "$F/jrnl.json" --from
expect_rc 2 "--from without a value is a usage error"
t import "$F/jrnl.json" "$F/jrnl-more.json" --from jrnl-json
expect_rc 2 "two PATHs are a usage error"
t import "$T/no-such.json" --from jrnl-json
expect_rc 1 "a PATH that does not exist is exit 1"
expect_err "$T/no-such.json" "the message names it"
t import --help
expect_out "usage: tend import" "--help"
same "usage errors"

# --- Day One ----------------------------------------------------------------
journal "$T/dayone"
sed -i 's|^\[journal\]$|&\ntimezone = Asia/Tokyo|' tend.ini
"$TEND" save -m "Dates in Tokyo" >/dev/null ||
	fail "cannot save tend.ini with the time zone"
before=$(commits)
t import "$F/dayone" --from dayone-json
expect_rc 0 "import --from dayone-json with the export's folder"
expect_out "Imported 4 entries from Day One." "says how many"
expect_eq "one commit" "$((before + 1))" "$(commits)"
expect_eq "its subject says from Day One" "Import 4 entries from Day One" \
	"$(subject)"
expect_eq "the photos folder is not imported" "" \
	"$(find entries -type f ! -name '*.md')"

printf -- '---\ntitle: Awake after the fight\ndate: 2026-03-08T01:30:00-05:00\ntags: [conflict]\ndayone:\n  uuid: "5C1E2B7A9D3F4E61A0B8C7D6E5F40312"\n  modifiedDate: "2026-03-08T06:41:12Z"\n  timeZone: America/New_York\n---\n\nWe both said things we will have to take back.\nTomorrow: apologise first, explain second.' \
	>"$T/want"
expect "06:30Z is 01:30 in New York before DST (-05:00); heading: title" \
	cmp "$T/want" entries/2026/03/2026-03-08-0130-awake-after-the-fight.md
printf -- '---\ndate: 2026-03-08T03:30:00-04:00\ndayone:\n  uuid: "7B2D4F6A8C0E4B1D9F3A5C7E9B1D3F50"\n  modifiedDate: "2026-03-08T07:35:02Z"\n  timeZone: America/New_York\n---\n\nStill awake. The clock on the oven jumped an hour and I only noticed now.\n' \
	>"$T/want"
expect "07:30Z is 03:30 after it (-04:00); no heading: the whole text" \
	cmp "$T/want" "$(find entries/2026/03 -name '2026-03-08-0330*.md')"
expect_eq "its ID has the slug 'entry'" \
	entries/2026/03/2026-03-08-0330-entry.md \
	"$(find entries/2026/03 -name '2026-03-08-0330*.md')"
printf -- '---\ntitle: Only a heading\ndate: 2026-01-05T12:00:00+00:00\ndayone:\n  uuid: E0F1A2B3C4D54E6F8091A2B3C4D5E6F7\n---\n' >"$T/want"
expect "no timeZone is UTC; a heading alone leaves an empty body" \
	cmp "$T/want" entries/2026/01/2026-01-05-1200-only-a-heading.md

t list --format json
expect_eq "list shows the four with their own zones, the journal's ignored" \
'["2026-01-05T12:00:00+00:00","Only a heading",[]]
["2026-02-20T19:00:00+01:00","Nein sagen üben 🌿",["therapy","boundaries","starred"]]
["2026-03-08T01:30:00-05:00","Awake after the fight",["conflict"]]' \
	"$(jq -c 'reverse | .[] | select(.date != "2026-03-08T03:30:00-04:00") |
		[.date, .title, .tags]' "$OUT")"
f=$(path_of "Nein sagen üben 🌿")
expect_eq "the Berlin entry's ID has Berlin's wall time" \
	"entries/2026/02/2026-02-20-1900-" "$(printf '%s' "$f" | cut -c1-32)"
printf -- '---\ntitle: Nein sagen üben 🌿\ndate: 2026-02-20T19:00:00+01:00\ntags: [therapy, boundaries, starred]\ndayone:\n  uuid: A94C1E3B5D7F4A2C8E0B6D4F2A8C6E04\n  timeZone: Europe/Berlin\n---\n\nIn der Sitzung geübt: »Nein, das passt mir nicht.« 不 (bù).\r\nIt felt strange, and then it felt good.\r\n' \
	>"$T/want"
expect "the body: after the heading and the empty line under it, CRLF kept" \
	cmp "$T/want" "$f"

snap
t import "$F/dayone/Journal.json" --from dayone-json
expect_rc 0 "the same export again, given as its Journal.json"
expect_out "Nothing new to import: 4 entries are already in the journal." \
	"nothing is new"
same "Day One twice"

t import "$F/dayone-nodate" --from dayone-json
expect_rc 3 "a Day One entry without creationDate is malformed input"
expect_err ": entry 2: " "the message gives the entry"
expect_err "creationDate" "and the field"
same "Day One without creationDate"
t import "$F/dayone-badtype" --from dayone-json
expect_rc 3 "a text that is a number is malformed input"
expect_err "Journal.json: entry 1: " "the message gives the file and the entry"
expect_err "text" "and the field"
same "Day One with a wrong type"
mkdir "$T/empty-export"
t import "$T/empty-export" --from dayone-json
expect "a folder with no .json file is refused" test "$rc" != 0
same "a folder without Journal.json"

# --- tend-json: a round trip through export ---------------------------------
journal "$T/rt"
n() {	# n TITLE DATE TEXT [OPTIONS...]
	title=$1 date=$2 text=$3
	shift 3
	"$TEND" new -m "$text" --date "$date" "$@" "$title" >/dev/null 2>&1 ||
		fail "cannot write the entry '$title'"
}
n "Talk about the move" "2026-05-01 20:00" \
	"She wants the city, I want the coast." \
	--mood 4 --feeling anxious,hopeful --tag conflict --tag moving
n "Grenzen: 境界 🙂" "2026-05-02 09:30" \
	"Ich habe Nein gesagt, ohne mich zu entschuldigen." \
	--mood 7 --feeling proud --tag boundaries
n "Check-in" "2026-05-03 21:00" "First half: her week."
n "Check-in" "2026-05-03 21:00" "Second half: mine."
n "Just for me" "2026-05-04 07:00" "What I do not say in session yet." --private
printf -- '---\r\ntitle: Saved on Windows\r\ndate: 2026-05-05T08:00:00+02:00\r\nsession: 8\r\n---\r\n\r\nWritten in Notepad at the clinic.\r\nLine two.\r\n' |
	"$TEND" new --stdin >/dev/null || fail "cannot write the CRLF entry"
n "By hand later" "2026-05-06 22:00" "Edited outside tend afterwards."
f=$(entry_file 2026-05-06-2200-by-hand-later)
sed -i 's|^date: .*|&\n# added by hand\nsource: paper notebook, p. 12\n'\
'weather: {sky: grey, mood_of_the_day: "meh"}|' "$f"
printf 'A line added in another editor, with ü and 🌧.\n' >>"$f"
"$TEND" save >/dev/null || fail "cannot save the hand edit"
expect "the hand-edited entry keeps its unknown keys" \
	grep -qx 'source: paper notebook, p. 12' "$f"
expect_eq "the source journal holds 7 entry files" 7 \
	"$(find entries -type f -name '*.md' | wc -l)"
expect "the CRLF entry is saved with CRLF" \
	grep -q "$(printf 'Line two.\r')" "$(entry_file 2026-05-05-0800-saved-on-windows)"

t export --format json --include-private -o "$T/export.json"
expect_rc 0 "export --format json --include-private -o FILE"
expect_eq "the export holds the 7" 7 "$(jq length "$T/export.json")"

journal "$T/rt2"
before=$(commits)
t import "$T/export.json" --from tend-json
expect_rc 0 "import --from tend-json into a new journal"
expect_out "Imported 7 entries from tend." "says how many"
expect_eq "one commit" "$((before + 1))" "$(commits)"
expect_eq "its subject says from tend" "Import 7 entries from tend" "$(subject)"
expect "every entry file is byte-identical at the same path (diff -r)" \
	diff -r "$T/rt/entries" "$T/rt2/entries"
expect "the CRLF entry came back with its CRs" \
	cmp "$T/rt/$(cd "$T/rt" && entry_file 2026-05-05-0800-saved-on-windows)" \
	"$(entry_file 2026-05-05-0800-saved-on-windows)"
t list --format json --private
expect_eq "the private entry is still private" \
	'["2026-05-04-0700-just-for-me"]' \
	"$(jq -c '[.[] | select(.private) | .id]' "$OUT")"
t check
expect_rc 0 "tend check is happy with the imported journal"

snap
t import "$T/export.json" --from tend-json
expect_rc 0 "the same export imported again"
expect_out "Nothing new to import: 7 entries are already in the journal." \
	"adds nothing"
same "tend-json twice"

# a path taken by a different entry: the next free -2 name
journal "$T/rt3"
n "Talk about the move" "2026-05-01 20:00" "A different talk, the same evening."
taken=entries/2026/05/2026-05-01-2000-talk-about-the-move.md
cp "$taken" "$T/taken.before"
t import "$T/export.json" --from tend-json
expect_rc 0 "import where one path is taken by another entry"
expect_out "Imported 7 entries from tend." "imports all seven"
expect "the entry that was there is untouched" cmp "$T/taken.before" "$taken"
jq -j '.[] | select(.path | endswith("-2000-talk-about-the-move.md")) | .text' \
	"$T/export.json" >"$T/want"
expect "the imported one is at the next free -2 name, byte for byte" \
	cmp "$T/want" entries/2026/05/2026-05-01-2000-talk-about-the-move-2.md

snap
t import "$F/tend-badpath.json" --from tend-json
expect_rc 3 "a path with .. is malformed input"
expect_err "$F/tend-badpath.json: entry 2: " "the message gives the entry"
same "a path with .."
expect "nothing was written outside the journal" test ! -e "$T/outside.md"
t import "$F/tend-notext.json" --from tend-json
expect_rc 3 "an entry without text is malformed input"
expect_err "$F/tend-notext.json: entry 1: " "the message gives the entry"
expect_err "text" "and the field"
same "tend-json without text"
expect "git fsck is clean" git fsck --strict
# progress on a terminal, none in a pipe: 250 entries made here
journal "$T/progress"
{
	printf '{"tags": {}, "entries": ['
	i=0
	while [ $i -lt 250 ]; do
		[ $i -gt 0 ] && printf ','
		printf '{"date": "2025-06-%02d", "time": "08:%02d", "title": "Morning %d", "body": "Slept badly, talked it through.\\n", "tags": [], "starred": false}' \
			$((i % 28 + 1)) $((i % 60)) $i
		i=$((i + 1))
	done
	printf ']}'
} >"$T/many.json"
tty_clock 0 import "$T/many.json" --from jrnl-json
expect_rc 0 "an import on a terminal"
expect_no_out "importing" "done in no time, it shows no progress"
expect_out "Imported 250 entries from jrnl." "only the summary"
rm -rf "$T/progress" && journal "$T/progress"
tty_clock 1000 import "$T/many.json" --from jrnl-json
expect_out "tend: reading 250 entries" \
	"one that takes a while counts the entries it checks first"
expect_out "tend: importing 200 of 250 entries (80%)" \
	"and shows the count go up as it writes them"
expect "and the line cleared before the summary" \
	grep -q "$(printf '\r\033')\\[KImported 250 entries from jrnl." "$OUT"
expect_eq "all 250 are there" 250 "$(find entries -name '*.md' | wc -l)"
rm -rf "$T/progress" && journal "$T/progress"
tty_clock 1000 TEND_FAULT_PATH=entries TEND_FAULT_WRITE=20 \
	import "$T/many.json" --from jrnl-json
expect_rc 1 "an import that fails halfway on a terminal"
erase=$(printf '\033\\[K')
cr=$(printf '\r')
expect "its message is written over the progress line, erasing it" \
	grep -q "$erase${cr}tend: cannot write .*: No space left.*$erase" "$OUT"
expect_eq "which is not shown again after it" 0 \
	"$(sed 's/.*No space left on device//' "$OUT" | grep -c importing)"
rm -rf "$T/progress" && journal "$T/progress"
t import "$T/many.json" --from jrnl-json
expect_no_err "importing" "no progress when stderr is not a terminal"
expect_out "Imported 250 entries from jrnl." "just the summary"

# --- the limits of what is read, said as limits ------------------------------
journal "$T/limits"
snap
{
	printf '[{"text": "---\\ntitle: Small\\n---\\n"},\n {"text": "'
	head -c 9000000 /dev/zero | tr '\0' 'a'
	printf '"}]\n'
} >"$T/big.json"
t import "$T/big.json" --from tend-json
expect_rc 3 "an entry of 9 MB of JSON is over a limit"
expect_err "$T/big.json:2:2: a value over the size limit of 8 MiB of JSON (an entry is at most 1 MiB)" \
	"it says which limit, and where"
same "an entry over the size limit"
awk 'BEGIN { printf "["; for (i = 0; i <= 1000000; i++)
	printf "%s{\"text\": \"\"}", i ? "," : ""; print "]" }' >"$T/many.json"
# a build without the limit takes its time over them: not forever
timeout 120 "$TEND" import "$T/many.json" --from tend-json >"$OUT" 2>"$ERR"
rc=$?
expect_rc 3 "more than a million entries in one import is over a limit"
expect_err "$T/many.json: over the limit of one import, 1000000 entries: import it in parts" \
	"it says which limit"
same "too many entries"
done_testing
