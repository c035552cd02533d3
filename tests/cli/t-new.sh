# tend new from the command line and standard input: the file, its front
# matter, the commit, dates, IDs and every kind of bad input.
. tests/cli/lib.sh
journal "$T/j"
"$TEND" goal add boundaries "Boundaries" >/dev/null

t new "After the argument: dishes" -m "We fought about the dishes again." \
	--mood 4 --feeling frustrated,lonely --feeling lonely --goal boundaries \
	--tag conflict --tag emotional-labour --share --date "2026-11-22 21:14"
expect_rc 0 "new -m writes an entry"
id=$(cat "$OUT")
expect_eq "new prints the ID" "2026-11-22-2114-after-the-argument-dishes" "$id"
f="entries/2026/11/$id.md"
expect "the entry is at entries/YYYY/MM/ID.md" test -f "$f"
expect_eq "the entry file is mode 0600" 600 "$(mode "$f")"
expect_eq "the entry's folders are private" 700 "$(mode entries/2026/11)"
expect_eq "front matter and body are written in the order tend-journal(5) gives" "---
title: \"After the argument: dishes\"
date: 2026-11-22T21:14:00+00:00
mood: 4
feelings: [frustrated, lonely]
goals: [boundaries]
tags: [conflict, emotional-labour]
share: true
---

We fought about the dishes again." "$(cat "$f")"
expect_eq "committed as Add entry: TITLE" "Add entry: After the argument: dishes" "$(subject)"
expect_eq "the commit holds just the entry" "$f" "$(git show --name-only --format= HEAD)"
expect "the work tree is clean" test -z "$(git status --porcelain)"

# dates
TZ=Europe/Berlin t new "winter" -m x --date "2026-01-15 08:05"
expect_eq "a local date gets its offset" "date: 2026-01-15T08:05:00+01:00" \
	"$(grep '^date:' entries/2026/01/*.md)"
TZ=Europe/Berlin t new "summer" -m x --date "2026-07-15 08:05"
expect_eq "summer time gets its offset" "date: 2026-07-15T08:05:00+02:00" \
	"$(grep '^date:' entries/2026/07/*.md)"
t new "day only" -m x --date 2025-02-03
expect_eq "a day alone starts at midnight" "2025-02-03-0000-day-only" "$(cat "$OUT")"
t new "relative" -m x --date "3 days ago"
want=$(date -u -d "3 days ago" +%Y-%m-%d)
expect_out "$want-" "'3 days ago' is three days before now"
t new "yesterday" -m x --date yesterday
expect_out "$(date -u -d yesterday +%Y-%m-%d)-" "'yesterday' is a day before now"
t new "today" -m x --date today
expect_out "$(date -u +%Y-%m-%d)-" "'today' is today"
t new "now" -m x --date now
expect_rc 0 "'now' is understood"
before=$(commits)
for bad in "tomorrowish" "2026-02-30" "13pm" "next year" ""; do
	t new "bad date" -m x --date "$bad"
	expect_rc 2 "an unreadable date '$bad' is a usage error"
done
expect_err "cannot read the date ''" "the message quotes the text"
expect_eq "no commit for bad dates" "$before" "$(commits)"

# moods
for bad in 0 11 -1 abc 4.5 ""; do
	t new "bad mood" -m x --mood "$bad"
	expect_rc 2 "mood '$bad' is refused"
done
expect_err "from 1 to 10" "the message gives the range"
printf '[mood]\nscale = 5\n' >>tend.ini
t new "scale" -m x --mood 6
expect_rc 2 "mood above [mood] scale is refused"
t new "scale" -m x --mood 5
expect_rc 0 "mood at the scale is fine"
git checkout -q tend.ini
expect_eq "no commit for bad moods" "$((before + 1))" "$(commits)"

# IDs and slugs
t new ../../etc/passwd -m "a tricky title"
expect_rc 0 "a title with dots and slashes is fine"
expect_out "-etc-passwd" "its slug is only letters and dashes"
expect_eq "nothing is written outside entries/" "" \
	"$(git ls-files | grep -v '^entries/' | grep -v -e '^tend.ini$' -e '^.gitignore$' -e '^goals/boundaries.md$')"
t new "😢😢" -m "only emoji" --date "2026-03-01 10:00"
expect_eq "an emoji title gets the slug 'entry'" "2026-03-01-1000-entry" "$(cat "$OUT")"
t new "😢😢" -m "again" --date "2026-03-01 10:00"
expect_eq "a clash gets -2" "2026-03-01-1000-entry-2" "$(cat "$OUT")"
t new "😢😢" -m "and again" --date "2026-03-01 10:00"
expect_eq "and then -3" "2026-03-01-1000-entry-3" "$(cat "$OUT")"
expect "the first one is untouched" grep -q "only emoji" entries/2026/03/2026-03-01-1000-entry.md
long=$(printf 'word%.0s ' $(seq 1 40))
t new "$long" -m x
slug=$(sed 's/^[0-9-]*-[0-9]\{4\}-//' "$OUT")
expect "a long title's slug is at most 60 bytes" test "${#slug}" -le 60

# a title from the text
t new -m "Today was hard. We fought again."
expect_out "-today-was-hard" "without a title the first sentence names it"
expect "and it is in the front matter" grep -qx 'title: Today was hard' "$(entry_file "$(cat "$OUT")")"

# quoting keeps YAML honest
t new "yes" -m x --tag "no" --tag "it's"
f=$(entry_file "$(cat "$OUT")")
expect "a YAML word as title is quoted" grep -qx 'title: "yes"' "$f"
expect "tags that YAML would misread are quoted" grep -qx "tags: \[\"no\", \"it's\"\]" "$f"
t list --format json
expect_out '"title":"yes"' "and it reads back as the same text"
expect_out '"tags":["no","it'"'"'s"]' "tags read back as written"

# standard input
t new --stdin <<'IN'
Plain text from standard input.
IN
expect_rc 0 "new --stdin takes plain text"
f=$(entry_file "$(cat "$OUT")")
expect "its body is the text" grep -qx 'Plain text from standard input.' "$f"
printf -- '---\r\ntitle: From stdin\r\nmood: 7\r\nextra: {a: [1, 2]}\r\n---\r\n\r\nHello *there*\r\n' >"$T/in.md"
t new --stdin --tag added <"$T/in.md"
expect_rc 0 "new --stdin takes a whole file with front matter"
f=$(entry_file "$(cat "$OUT")")
printf -- '---\r\ntitle: From stdin\r\ndate: %s\r\nmood: 7\r\ntags: [added]\r\nextra: {a: [1, 2]}\r\n---\r\n\r\nHello *there*\r\n' \
	"$(sed -n 's/^date: \(.*\)\r$/\1/p' "$f")" >"$T/want.md"
expect "and keeps it byte for byte, CRLF and unknown keys too" cmp "$T/want.md" "$f"

before=$(commits)
printf '\n  \n' >"$T/blank"
t new --stdin <"$T/blank"
expect_rc 0 "blank standard input is discarded, not an error"
expect_err "the entry is empty; nothing was saved" "with a message"
t new "Only a title" -m ""
expect_rc 0 "an empty -m is discarded too"
expect_err "nothing was saved" "with the same message"
t new "Only a title" --template daily -m ""
expect_err "nothing was saved" "a title alone does not make an entry"
expect_eq "nothing was committed" "$before" "$(commits)"

printf -- '---\nmood: 5\ntitle: [broken\n---\nbody\n' >"$T/broken"
t new --stdin <"$T/broken"
expect_rc 3 "broken front matter on stdin is invalid content"
expect_err "<stdin>:4:1: cannot read front matter" "the message gives the place"
expect_err "flow sequence at 3:8" "and where the broken part starts"
expect_err "your draft is kept in '$T/j/.tend/drafts/new-" "the text is kept as a draft"
expect "the draft holds the text exactly as given" cmp "$T/broken" .tend/drafts/new-*.md
rm -f .tend/drafts/*
printf -- '---\nA paragraph after a rule, never closed.\n' >"$T/rule"
t new --stdin <"$T/rule"
expect_rc 3 "text starting with a --- line that never closes is refused"
expect "and kept as a draft" cmp "$T/rule" .tend/drafts/new-*.md
rm -f .tend/drafts/*
head -c 1100000 /dev/zero | tr '\0' 'a' >"$T/big"
t new "too big" --stdin <"$T/big"
expect_rc 3 "an entry over 1 MiB is refused"
expect_err "larger than 1 MiB" "with a message saying so"
expect "all of it is kept as a draft" cmp "$T/big" .tend/drafts/new-*.md
rm -f .tend/drafts/*
expect_eq "nothing was committed for bad input" "$before" "$(commits)"
t new "far" -m x --date "100000 months ago"
expect_rc 2 "a date before year 1 is a usage error"
expect_err "outside the years 1 to 9999" "and says so"
expect_eq "and keeps no draft" "" "$(ls .tend/drafts)"

# --no-edit: a check-in from options alone
t new --no-edit --mood 6 --tag check-in
expect_rc 0 "new --no-edit writes an entry without text"
f=$(entry_file "$(cat "$OUT")")
expect "it has the mood" grep -qx 'mood: 6' "$f"
ci6=$(cat "$OUT")
expect_out "-check-in" "and an ID from the date, a check-in"
expect_not "no title is written into it" grep -q '^title:' "$f"
expect_eq "committed under its ID: a mood may change" "Add entry: $ci6" "$(subject)"
t new --no-edit --mood 5 --feeling tired,anxious --date "2026-03-01 08:00"
ci=$(cat "$OUT")
expect_eq "with feelings: the ID names none" "2026-03-01-0800-check-in" "$ci"
t list --on 2026-03-01
expect_out "Check-in, mood 5 · tired, anxious" "list shows the check-in's title"
"$TEND" render >/dev/null 2>&1
expect "the rendered site too" grep -q "Check-in, mood 5 · tired, anxious" "site/entries/$ci.html"
t export --format json --on 2026-03-01
expect_out '"title":"Check-in, mood 5 · tired, anxious"' "and the JSON export"
t new --no-edit --feeling numb --date "2026-03-02 08:00"
expect_eq "feelings alone" "2026-03-02-0800-check-in" "$(cat "$OUT")"
t list --on 2026-03-02
expect_out "Check-in · numb" "is a check-in titled by its feeling"
t new --no-edit --tag nothing-else --date "2026-03-03 08:00"
expect_eq "no mood, no feelings: an ID from the date" "2026-03-03-0800-entry" "$(cat "$OUT")"

# templates
t new "Daily" --template daily -m "Slept badly."
expect_rc 0 "a built-in template is used"
f=$(entry_file "$(cat "$OUT")")
expect "its front matter comes along" grep -qx 'tags: \[daily\]' "$f"
t new "Daily" --template nope -m x
expect_rc 2 "an unknown template is a usage error"
expect_err "no template 'nope' (there are: boundary, conflict, daily, flooded, gratitude, review, role, session, session-digest, stay-or-go, trigger)" "and the message lists them"
t new "Daily" --template ../x -m x
expect_rc 2 "a template name cannot be a path"
printf '#!/bin/sh\nsed -i "s/^## How I am, honestly$/&\\nTired, but I slept./" "$1"\n' >"$T/fill"
chmod +x "$T/fill"
EDITOR="$T/fill" t new --template daily --date "2026-05-01 08:00"
expect_rc 0 "a daily entry from the editor"
expect_eq "its title comes from the words written, not the template" \
	"2026-05-01-0800-tired-but-i-slept" "$(cat "$OUT")"
mkdir -p templates/entries
printf -- '---\ntags: [oops\n---\n' >templates/entries/broken.md
t new --template broken -m x
expect_rc 3 "a broken template is invalid content"
expect_err "templates/entries/broken.md:3:1:" "and the message names its file"
rm templates/entries/broken.md
printf -- '---\ntags: [mine]\n---\n\nMy own prompt\n' >templates/entries/daily.md
t new "Override" --template daily --no-edit
f=$(entry_file "$(cat "$OUT")")
expect "the journal's template overrides the built-in one" grep -qx 'tags: \[mine\]' "$f"

# usage
t new -m a --stdin </dev/null
expect_rc 2 "-m and --stdin together are refused"
t new --frobnicate
expect_rc 2 "an unknown option is refused"
expect_err "unknown option '--frobnicate'" "and named"
t new --mood
expect_rc 2 "a missing value is refused"
expect_err "needs a value" "and said"
t new "$(printf 'two\nlines')" -m x
expect_rc 2 "a title with a line break is refused"
t new --tag "" -m x
expect_rc 2 "an empty tag is refused"

cd "$T"
t -J "$T/nowhere" new -m x
expect_rc 1 "no journal is exit 1"
expect_err "no journal at '$T/nowhere'" "and says where it looked"
mkdir "$T/plain"
t -J "$T/plain" new -m x
expect_rc 1 "a folder that is not a journal is exit 1"
expect_err "is not a tend journal" "and says so"

cd "$T/j"
# what the user staged with git stays staged, out of tend's commit
echo "my own notes" >notes.txt
git add notes.txt
t new "Staged aside" -m "Only this entry."
expect_rc 0 "new with something else staged"
expect_not "the commit holds only the entry, not what was staged" \
	sh -c 'git show --name-only --format= HEAD | grep -q notes.txt'
expect "what was staged is still staged" \
	sh -c 'git diff --cached --name-only | grep -qx notes.txt'
expect "and the entry is not left staged" \
	sh -c '[ -z "$(git diff --cached --name-only -- entries)" ]'
git rm -q --cached notes.txt
rm notes.txt

expect "git fsck is clean" git fsck --strict
done_testing
