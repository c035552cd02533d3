# tend import that keeps everything and says everything (issue 20): Day
# One's escapes out of titles; jrnl's and Day One's own fields kept under
# jrnl: and dayone:, through later edits and tend check; --exclude and
# the default excludes of a Markdown folder (Templates/, .trash/), named
# in the summary; every problem of an import in one run, capped at 50;
# a generic heading keeps the file name in aliases.
. tests/cli/lib.sh

# file TITLE: the file of the entry titled TITLE
file() {
	"$TEND" list --format json |
		jq -r --arg t "$1" '.[] | select(.title == $t) | .path'
}

# fm FILE: the front matter of FILE, its dashes left out
fm() {
	sed -n '2,/^---$/p' "$1" | sed '$d'
}

# --- Day One: escapes, own fields --------------------------------------------
journal "$T/dayone"
before=$(commits)
t import "$FIXTURES/import-dayone" --from dayone-json
expect_rc 0 "a Day One export with escaped titles and its own fields"
expect_out "Imported 2 entries from Day One." "says how many"
expect_out "Kept Day One's own fields of 2 entries under 'dayone:': creationDevice, creationDeviceType, deep, duration, empty, isPinned, list, location, modifiedDate, none, timeZone, userActivity, uuid, weather." \
	"names the fields kept, and under which key"
expect_out "Could not find 2 files the export names; their links stay in the text:
  2026-05-01-1000-i-love-this-state: photos/aaa.jpeg
  2026-05-01-1000-i-love-this-state: photos/bbb.jpeg" \
	"names the photos its folder does not hold, by entry"
expect_out "Left out 'richText' of 1 entry: the same text, kept as Markdown." \
	"says why richText is left out"
expect_out "Took Markdown's '\\' escapes out of 2 titles." \
	"counts the titles unescaped"
expect_eq "one commit" "$((before + 1))" "$(commits)"
f=$(file "I love this state!")
expect_eq "the title has no backslash" \
	entries/2026/05/2026-05-01-1000-i-love-this-state.md "$f"
cat >"$T/want" <<'WANT'
title: I love this state!
date: 2026-05-01T10:00:00+02:00
tags: [walks, starred]
dayone:
  uuid: "0A1B2C3D4E5F40718293A4B5C6D7E8F9"
  modifiedDate: "2026-05-01T08:20:00Z"
  timeZone: Europe/Berlin
  isPinned: false
  duration: 0
  creationDevice: "Mika's iPhone"
  creationDeviceType: iPhone
  location:
    region:
      center:
        longitude: 13.4
        latitude: 52.47
      radius: 75
    localityName: Berlin
    country: Germany
    placeName: Tempelhofer Feld
  weather:
    temperatureCelsius: 14.5
    conditionsDescription: Partly Cloudy
    weatherCode: partly-cloudy
WANT
fm "$f" >"$T/got"
expect "its front matter: title, date, tags, then dayone: as data" \
	cmp "$T/want" "$T/got"
expect_eq "the body keeps its escapes byte for byte" \
	'We walked the whole field\. ![](dayone-moment://P1)' "$(tail -n 1 "$f")"
expect_not "photos and richText are not in it" grep -qE 'photos|richText' "$f"
f=$(file "Why #1 matters (to me)")
expect "an escaped '#' and a closing '#' run: 'Why #1 matters (to me)'" \
	test -n "$f"
cat >"$T/want" <<'WANT'
  deep:
    a:
      b:
        c:
          d:
            e: "{\"f\":1}"
  empty: {}
  none: null
  list:
    - "true"
    - 12
    - "yes"
    -
      - 1
      - 2
WANT
fm "$f" | sed -n '/^  deep:/,$p' >"$T/got"
expect "strings quoted as YAML needs, deep values as JSON text" \
	cmp "$T/want" "$T/got"
snap
t import "$FIXTURES/import-dayone" --from dayone-json
expect_rc 0 "the same export again"
same "a second import of the same export"
t check
expect_rc 0 "tend check accepts dayone:"
expect_err "no problems" "and finds no problem"
t show "$(basename "$f" .md)"
expect_rc 0 "tend show reads it"
t export --format json
expect_rc 0 "tend export reads it"
expect_eq "and gives it as it is" "$(cat "$f")" \
	"$(jq -r --arg p "$f" '.[] | select(.path == $p) | .text' "$OUT")"
fm "$f" | sed -n '/^dayone:/,$p' >"$T/kept"
printf '#!/bin/sh\nsed -i "s/Keep the/Keep, always, the/" "$1"\n' \
	>"$T/editor"
chmod +x "$T/editor"
EDITOR="$T/editor" VISUAL= t edit "$(basename "$f" .md)"
expect_rc 0 "an edit of it"
expect "the edit is in" grep -q "Keep, always, the" "$f"
fm "$f" | sed -n '/^dayone:/,$p' >"$T/got"
expect "dayone: stays byte for byte through the edit" cmp "$T/kept" "$T/got"

# --- jrnl: own fields --------------------------------------------------------
journal "$T/jrnl"
t import "$FIXTURES/import-jrnl/jrnl.json" --from jrnl-json
expect_rc 0 "a jrnl export with uuid and creator"
expect_out "Kept jrnl's own fields of 1 entry under 'jrnl:': creator, uuid." \
	"names jrnl's fields kept"
cat >"$T/want" <<'WANT'
title: First day at the new job.
date: 2026-04-01T09:15:00+00:00
tags: [work]
jrnl:
  uuid: B7F0C3A2-1D4E-4F5A-8B6C-7D8E9F0A1B2C
  creator:
    device_agent: iPhone/iPhone12,1
    generation_date: "2026-04-01T07:15:00Z"
    host_name: mika-phone
    os_agent: iOS/17.2
    software_agent: Day One iOS/2024.3
WANT
fm "$(file "First day at the new job.")" >"$T/got"
expect "jrnl: holds uuid and creator; starred and tags are tend's" \
	cmp "$T/want" "$T/got"
expect_not "an entry with no other fields has no jrnl:" \
	grep -q '^jrnl:' "$(file "No extra fields here.")"
t check
expect_rc 0 "tend check accepts jrnl:"

# --- Markdown: excludes, aliases, escapes -----------------------------------
journal "$T/vault"
before=$(commits)
t import "$FIXTURES/import-vault" --from markdown
expect_rc 0 "a vault whose Templates/ holds created: {{date}}"
expect_out "Imported 7 entries from Markdown." "imports the 7 notes"
expect_out "Excluded 2 files:" "says how many files it left out"
expect_out "  .trash/ (1 file), by default" "names .trash/"
expect_out "  Templates/ (1 file), by default" "names Templates/"
expect_out "Templates/ and .trash/ are left out by default: --no-default-excludes reads Templates/." \
	"and says how to read them"
expect_out "Kept the file names of 4 entries with a generic heading as aliases." \
	"counts the aliases"
expect_out "Took Markdown's '\\' escapes out of 1 title." \
	"counts the title unescaped"
expect_eq "one commit" "$((before + 1))" "$(commits)"
expect_not "no template came in" grep -rq '{{date}}' entries
expect_not "no deleted note came in" grep -rq 'Thrown away' entries
a=entries/2023/09/2023-09-12-0000-notes.md
b=entries/2023/09/2023-09-30-0000-notes.md
expect_eq "the daily note keeps its name as an alias" \
	'aliases: ["2023-09-12"]' "$(grep '^aliases' "$a")"
expect_eq "so does the other, after its own tags" \
	"$(printf 'date: 2023-09-30T00:00:00+00:00\ntags: [plans]\naliases: ["2023-09-30"]')" \
	"$(fm "$b")"
expect "its [[wikilink]] to the first is byte for byte" \
	grep -qx 'The day we planned on \[\[2023-09-12\]\]. It rained.' "$b"
expect_eq "a heading used twice: the alias is added to the note's own" \
	'aliases: [first reading, books]' \
	"$(grep '^aliases' entries/2023/10/2023-10-01-1000-reading-list.md)"
expect_eq "and given to the other" 'aliases: [books-2]' \
	"$(grep '^aliases' entries/2023/10/2023-10-02-1000-reading-list.md)"
expect_not "a heading that is unique and not a daily note's: no alias" \
	grep -q '^aliases' entries/2023/10/2023-10-04-1000-unfinished.md
f=entries/2023/10/2023-10-03-1000-what-i-learnt-today.md
expect_eq "an escaped heading: its title written without the escapes" \
	'title: "What I learnt [today]!"' "$(grep '^title' "$f")"
expect "the body keeps its escapes" \
	grep -qxF 'Escapes stay in the body: \[today\]\!' "$f"
t list --format json
expect_eq "list shows the titles" \
	'["Notes","Notes","Reading list","Reading list","Sketch","Unfinished","What I learnt [today]!"]' \
	"$(jq -c '[.[].title] | sort' "$OUT")"
t check
expect_rc 0 "tend check accepts aliases"

# --exclude: a folder, a glob at any depth; the defaults stay
journal "$T/excl"
t import "$FIXTURES/import-vault" --from markdown --exclude Drafts/ \
	--exclude '*.excalidraw.md'
expect_rc 0 "--exclude a folder and a glob"
expect_out "Imported 5 entries from Markdown." "leaves the two out"
expect_out "Excluded 4 files:" "counts all four left out"
expect_out "  Drafts/ (1 file), by --exclude 'Drafts/'" "names the folder"
expect_out "  Ideas/plan.excalidraw.md, by --exclude '*.excalidraw.md'" \
	"names the file the glob matched at depth"
expect_out "  Templates/ (1 file), by default" "the defaults still apply"
expect_not "the draft is not in" grep -rq 'A draft.' entries
t import "$FIXTURES/import-vault" --from markdown --exclude 'Ideas/*.md' \
	--exclude Daily --exclude Drafts/draft.md
expect_rc 0 "--exclude a path glob, a folder without '/', a file"
expect_out "Nothing to import: no entries in it." "every note is left out"
expect_out "  Daily/ (2 files), by --exclude 'Daily'" \
	"a pattern naming a folder leaves it out"
expect_out "  Ideas/books.md, by --exclude 'Ideas/*.md'" "a path glob"
expect_out "  Drafts/draft.md, by --exclude 'Drafts/draft.md'" "a file"

# --no-default-excludes: the template is read, and stops it all
snap
t import "$FIXTURES/import-vault" --from markdown --no-default-excludes
expect_rc 3 "--no-default-excludes reads Templates/: its {{date}} is a problem"
expect_err "Templates/Daily note.md:2:10: cannot read the date in created" \
	"named by its place"
expect_err "1 problem in '$FIXTURES/import-vault': nothing was imported" \
	"and that nothing was imported"
expect_no_out "Imported" "no summary"
same "a refused import"

# --- every problem in one run ------------------------------------------------
journal "$T/bad"
snap
t import "$FIXTURES/import-vault-bad" --from markdown --no-default-excludes
expect_rc 3 "a vault with four bad notes among good ones"
expect_eq "every problem, in order, then how many" \
"$FIXTURES/import-vault-bad/Moods/a.md:3:7: mood must be a whole number from 1 to 10
$FIXTURES/import-vault-bad/Moods/b.md:3:7: mood must be a whole number from 1 to 10
$FIXTURES/import-vault-bad/Moods/c.md:3:7: mood must be a whole number from 1 to 10
$FIXTURES/import-vault-bad/Templates/Daily note.md:2:10: cannot read the date in created
tend: 4 problems in '$FIXTURES/import-vault-bad': nothing was imported" \
	"$(cat "$ERR")"
same "all or nothing: the good notes wait too"

mkdir "$T/many"
for i in $(seq 10 64); do
	printf -- '---\ndate: 2023-09-01T10:%02d:00+02:00\nmood: 99\n---\n\nToo much.\n' \
		"$i" >"$T/many/note-$i.md"
done
printf -- '---\ndate: 2023-09-02T10:00:00+02:00\n---\n\nFine.\n' \
	>"$T/many/fine.md"
t import "$T/many" --from markdown
expect_rc 3 "55 bad notes"
expect_eq "50 named, then the rest counted, then the total" 52 \
	"$(wc -l <"$ERR")"
expect_eq "the 50th named is note-59" "$T/many/note-59.md:3:7: mood must be a whole number from 1 to 10" \
	"$(sed -n 50p "$ERR")"
expect_eq "then how many more" "tend: and 5 more problems" \
	"$(sed -n 51p "$ERR")"
expect_eq "then the total" \
	"tend: 55 problems in '$T/many': nothing was imported" \
	"$(sed -n 52p "$ERR")"
same "55 bad notes"

# JSON: every bad entry, then a JSON mistake ends the reading
cat >"$T/jrnl-bad.json" <<'JSON'
{"entries": [
 {"title": "a", "body": "", "date": "2026-13-01", "time": "10:00"},
 {"title": "b", "body": "", "date": "2026-01-01", "time": "10:00"},
 {"title": "c", "body": "", "time": "10:00"},
 {"title": "d", "body": 5, "date": "2026-01-01", "time": "10:00"}
]}
JSON
t import "$T/jrnl-bad.json" --from jrnl-json
expect_rc 3 "a jrnl export with three bad entries"
expect_eq "all three, by number, then the total" \
"tend: $T/jrnl-bad.json: entry 1: cannot read the date '2026-13-01 10:00' (want YYYY-MM-DD and HH:MM)
tend: $T/jrnl-bad.json: entry 3: it has no 'date'
tend: $T/jrnl-bad.json: entry 4: 'body' is not a string
tend: 3 problems in '$T/jrnl-bad.json': nothing was imported" \
	"$(cat "$ERR")"
printf '{"entries": [\n {"title": "a", "body": "", "date": "x", "time": "y"},\n {"title": oops}\n]}\n' \
	>"$T/jrnl-broken.json"
t import "$T/jrnl-broken.json" --from jrnl-json
expect_rc 3 "a bad entry, then a JSON mistake"
expect_err "entry 1: cannot read the date 'x y'" "the entry before is named"
expect_err "jrnl-broken.json:3:" "the mistake is named where it is"
expect_err "1 problem in '$T/jrnl-broken.json': nothing was imported" \
	"the count says the problems of entries"
same "bad JSON"

# --- usage -------------------------------------------------------------------
t import "$FIXTURES/import-jrnl/jrnl.json" --from jrnl-json --exclude x
expect_rc 2 "--exclude with jrnl-json"
expect_err "--exclude and --no-default-excludes are for --from markdown" \
	"says what it is for"
t import "$FIXTURES/import-dayone" --from dayone-json --no-default-excludes
expect_rc 2 "--no-default-excludes with dayone-json"
t import "$FIXTURES/import-vault" --from markdown --exclude ''
expect_rc 2 "an empty --exclude"
expect_err "--exclude needs a pattern, not ''" "says so"
t import "$FIXTURES/import-vault" --from markdown --exclude "$(printf 'a\nb')"
expect_rc 2 "an --exclude of two lines (the record of an import keeps one)"
t import "$FIXTURES/import-vault" --from markdown --exclude
expect_rc 2 "--exclude without a pattern"
same "usage errors"
t import --help
expect_out "--exclude GLOB" "--help tells of --exclude"
expect_out "--no-default-excludes" "and of --no-default-excludes"

done_testing
