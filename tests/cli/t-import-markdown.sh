# tend import --from markdown (issue 7): a folder of notes with
# subfolders, as Obsidian keeps them. Front matter kept byte for byte,
# dates from front matter, `created`, the file name or the file's time,
# titles from front matter, heading or file name; hidden folders, files
# that are not text and files that are not Markdown; the summary; running
# it twice; broken front matter stops it all.
. tests/cli/lib.sh
F="$FIXTURES/import"

# entry TITLE: the file of the entry titled TITLE
entry() {
	"$TEND" list --format json |
		jq -r --arg t "$1" '.[] | select(.title == $t) | .path'
}

# shown TITLE: the entry titled TITLE in tend list --format json, as
# [date, tags]
shown() {
	"$TEND" list --format json |
		jq -c --arg t "$1" '.[] | select(.title == $t) | [.date, .tags]'
}

# ends_with FILE SOURCE: FILE's last bytes are all of SOURCE
ends_with() {
	tail -c "$(wc -c <"$2")" "$1" | cmp -s - "$2"
}

journal "$T/j"
sed -i 's|^\[journal\]$|&\ntimezone = Europe/Berlin|' tend.ini
"$TEND" save -m "Dates in Berlin" >/dev/null ||
	fail "cannot save tend.ini with the time zone"

# the notes: the fixtures, and what git should not carry as it is
md="$T/Notes"
cp -R "$F/markdown" "$md"
expect "the copy has the hidden .obsidian folder" test -d "$md/.obsidian"
printf -- '---\r\ntitle: Repair attempt\r\ndate: 2026-03-15T11:00:00+01:00\r\ntags: [repair, conflict]\r\nweather: rain   # it matters, somehow\r\n---\r\n\r\nI said sorry without the "but".\r\nShe said thank you without the "finally".\r\n' \
	>"$md/Daily/2026-03-15 repair attempt.md"
expect_eq "the CRLF note has its carriage returns (od)" 9 \
	"$(od -An -c "$md/Daily/2026-03-15 repair attempt.md" | grep -o '\\r' | wc -l)"
printf 'Draft of what I want to say\000\000\001 to her on Friday.\n' \
	>"$md/Old/binary-draft.md"
mkdir -p "$md/.git" "$md/Daily/.trash"
printf -- '---\ntitle: Inside .git\ndate: 2026-01-02T10:00:00+01:00\n---\n\nNever an entry.\n' \
	>"$md/.git/NOTES.md"
printf -- '---\ntitle: Thrown away\ndate: 2026-01-03T10:00:00+01:00\n---\n\nDeleted in Obsidian.\n' \
	>"$md/Daily/.trash/thrown away.md"
printf -- '---\ntitle: A hidden note\ndate: 2026-01-04T10:00:00+01:00\n---\n\nHidden by its name.\n' \
	>"$md/Daily/.unsent.md"
touch -d '2026-04-02 22:15:00 UTC' "$md/Inbox/loose thoughts.md"
touch -d '2026-04-09 17:40:00 UTC' "$md/Inbox/after the call.md"

before=$(commits)
t import "$md" --from markdown
expect_rc 0 "import --from markdown"
expect_out "Imported 9 entries from Markdown." "says how many it imported"
expect_out "Guessed 2 dates from the files' times." \
	"and how many dates came from the files' times"
expect_out "Skipped 2 files that are not text:" "and which files are not text"
expect "the one with NUL bytes, listed by its path" \
	grep -qE '^  (.*/)?Old/binary-draft\.md$' "$OUT"
expect "the one that is not UTF-8, listed by its path" \
	grep -qE '^  (.*/)?Old/letter-1999\.md$' "$OUT"
expect_out "Ignored 2 files that are not Markdown." \
	"the .png and the .pdf are counted, the hidden files are not"
expect_no_out "already in the journal" "nothing was skipped as known"
expect_eq "one commit" "$((before + 1))" "$(commits)"
expect_eq "its subject says from Markdown" "Import 9 entries from Markdown" \
	"$(subject)"
expect_eq "it holds the 9 entry files" 9 \
	"$(git show --name-only --format= HEAD | grep -c '^entries/.*\.md$')"
expect_eq "and nothing else" 9 "$(git show --name-only --format= HEAD | \
	grep -c .)"
expect_eq "the work tree is clean" "" "$(git status --porcelain)"
expect_eq "only .md files under entries/" "" "$(find entries -type f ! -name \
	'*.md')"
expect_eq "every entry at entries/YYYY/MM/" "" \
	"$(find entries -type f | grep -vE '^entries/[0-9]{4}/[0-9]{2}/[^/]+\.md$')"

# front matter kept as it is
f=$(entry "Session 7 with Dr. Okafor")
expect_eq "an entry's file is where its date says" \
	"entries/2026/02/2026-02-10-1800-" "$(printf '%s' "$f" | cut -c1-32)"
expect "front matter kept byte for byte: comments, unknown keys, lists" \
	cmp "$F/markdown/Therapy/2026-02-10 Session with Dr. Okafor.md" "$f"
expect_eq "and read with its date and tags" \
	'["2026-02-10T18:00:00+01:00",["therapy","anger"]]' \
	"$(shown "Session 7 with Dr. Okafor")"
f=$(entry "Nähe und Abstand — 距離 🌱")
expect "unicode in title and body, kept byte for byte" \
	cmp "$F/markdown/Therapy/2026-02-24 Nähe.md" "$f"
f=$(entry "Repair attempt")
expect "CRLF front matter and body, kept byte for byte" \
	cmp "$md/Daily/2026-03-15 repair attempt.md" "$f"
expect_eq "with its carriage returns (od)" 9 "$(od -An -c "$f" | grep -o \
	'\\r' | wc -l)"
expect_eq "read with its date and tags" \
	'["2026-03-15T11:00:00+01:00",["repair","conflict"]]' \
		"$(shown "Repair attempt")"
f=$(entry "Nothing to say tonight")
expect "front matter and no body: the file as it was" \
	cmp "$F/markdown/Daily/2026-03-20 quiet.md" "$f"

# created: and tags: single
f=$(entry "My boundaries, written down")
expect "created: gives the date when there is no date:" test -n "$f"
expect_eq "the date and a single tag read as a list" \
	'["2026-01-20T21:00:00+01:00",["boundaries"]]' \
	"$(shown "My boundaries, written down")"
expect "tags: boundaries becomes a list in the file" grep -qx \
	'tags: \[boundaries\]' "$f"
expect_not "the single word is gone" grep -qx 'tags: boundaries' "$f"
expect "created: is kept" grep -qx 'created: 2026-01-20T21:00:00+01:00' "$f"
expect "a comment in the front matter is kept" \
	grep -qx '# from my old vault, before tend' "$f"
expect "another unknown key is kept" \
	grep -qx 'aliases: \[limits, "what I will not do"\]' "$f"
sed -n '/^$/,$p' "$F/markdown/Daily/boundaries list.md" >"$T/body"
expect "the body is kept byte for byte" ends_with "$f" "$T/body"

# dates and titles from the file name and the heading
f=$(entry "Second session on asking for help")
expect_eq "a date in the name is its midnight in the journal's zone" \
	'["2026-02-17T00:00:00+01:00",[]]' \
		"$(shown "Second session on asking for help")"
expect "the whole note is the body, byte for byte" \
	ends_with "$f" "$F/markdown/Therapy/2026-02-17.md"
f=$(entry "Morning pages")
expect_eq "HHMM after the date in the name (after a space) is the time" \
	'["2026-03-04T07:30:00+01:00",[]]' "$(shown "Morning pages")"
expect_eq "and the ID's" "entries/2026/03/2026-03-04-0730-morning-pages.md" "$f"
expect "the note is the body" \
	ends_with "$f" "$F/markdown/Daily/2026-03-04 0730 morning pages.md"

# no date anywhere: the file's time
f=$(entry "loose thoughts")
expect_eq "no date, no heading: the file's time (22:15Z, in Berlin) and name" \
	'["2026-04-03T00:15:00+02:00",[]]' "$(shown "loose thoughts")"
expect "its text is the body" ends_with "$f" "$md/Inbox/loose thoughts.md"
expect_eq "the other one gets its file's time and its heading" \
	'["2026-04-09T19:40:00+02:00",[]]' "$(shown "After the call with Mum")"

# what is not imported
t list --format json
expect_eq "list shows the 9" 9 "$(jq length "$OUT")"
expect_no_out "Daily note template" "nothing from .obsidian/"
expect_no_out "Inside .git" "nothing from a .git folder"
expect_no_out "Thrown away" "nothing from another hidden folder"
expect_no_out "A hidden note" "no hidden file"
expect_not "nor the notes that are not text" \
	grep -rqE 'Liebe Gr|Draft of what I want' entries
t check
expect_rc 0 "tend check finds nothing wrong with what was imported"

# the same folder again, then with one note more
snap
t import "$md" --from markdown
expect_rc 0 "the same folder imported again"
expect_out "Nothing new to import: 9 entries are already in the journal." \
	"adds nothing"
same "the same folder twice"

printf '# Asked for what I need\n\nOut loud, at the table, without a speech prepared.\n' \
	>"$md/Inbox/2026-04-20-1915 asked.md"
t import "$md" --from markdown
expect_rc 0 "the folder with one new note"
expect_out "Imported 1 entry from Markdown." "imports just it"
expect_out "Skipped 9 already in the journal." "and counts the others"
expect_eq "in one commit" "$(($(git rev-list --count "$head0") + 1))" \
	"$(commits)"
expect_eq "in the singular" "Import 1 entry from Markdown" "$(subject)"
expect_eq "adding one file, its time from -HHMM in the name" \
	"A	entries/2026/04/2026-04-20-1915-asked-for-what-i-need.md" \
	"$(git show --name-status --format= HEAD)"

# broken front matter: nothing at all is imported
journal "$T/j2"
cp -R "$F/markdown-broken" "$T/broken"
snap
t import "$T/broken" --from markdown
expect_rc 3 "a note with broken front matter is malformed input"
expect_err "Sub/2026-06-11 broken.md:5:1: " \
	"the message gives FILE:LINE:COL: where the front matter breaks"
expect_err "front matter" "and says what"
same "broken front matter"

# a PATH that is not there, a file where a folder is wanted
t import "$T/no-such-folder" --from markdown
expect_rc 1 "a PATH that does not exist is exit 1"
expect_err "$T/no-such-folder" "the message names it"
t import "$md/Inbox/loose thoughts.md" --from markdown
expect "a file for --from markdown is refused" test "$rc" != 0
same "bad PATHs"
expect "git fsck is clean" git fsck --strict
# the journal's own folder is not a Markdown folder to import
snap
t import . --from markdown
expect_rc 2 "a folder inside the journal is refused"
expect_err "is inside the journal" "and the message says so"
same "importing the journal into itself"
mkdir -p entries
t import entries --from markdown
expect_rc 2 "its entries folder too"
done_testing
