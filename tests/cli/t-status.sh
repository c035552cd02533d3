# status and save: edits made in any other editor are seen and committed.
. tests/cli/lib.sh
journal "$T/j"

t status
expect_rc 0 "status of a fresh journal"
expect_out "Nothing to save" "says there is nothing to save"

t new "One" -m "First words." --date "2026-11-01 10:00"
one=$(cat "$OUT")
t new "Two" -m "Second words." --date "2026-11-02 10:00"
two=$(cat "$OUT")
f1=$(entry_file "$one")
f2=$(entry_file "$two")

printf 'Edited in another editor.\n' >>"$f1"
rm "$f2"
mkdir -p entries/2026/12 goals prompts
printf -- '---\ntitle: By hand\n---\n\nWritten by hand.\n' >entries/2026/12/by-hand.md
printf 'a goal\n' >goals/boundaries.md
printf 'a prompt\n' >prompts/mine.md
printf '\n[mood]\nscale = 7\n' >>tend.ini
printf 'not journal\n' >notes.txt
printf 'swap\n' >entries/2026/12/.by-hand.md.swp
printf 'half\n' >entries/2026/12/.by-hand.md.tmpAb12Cd

t status
expect_rc 0 "status lists changes"
expect_out "modified: $f1" "an edited entry"
expect_out "deleted:  $f2" "a deleted entry"
expect_out "added:    entries/2026/12/by-hand.md" "a new entry"
expect_out "added:    goals/boundaries.md" "a goal"
expect_out "added:    prompts/mine.md" "a prompt"
expect_out "modified: tend.ini" "tend.ini"
expect_no_out "notes.txt" "files outside the journal's folders are not listed"
expect_no_out ".swp" "editors' swap files are ignored"
expect_no_out ".tmpAb12Cd" "so are temporary files of a write cut short"

printf -- '---\nmood: [\n---\n' >entries/2026/12/broken.md
t status
expect_err "entries/2026/12/broken.md:3:1: cannot read front matter" \
	"status reports a changed entry that cannot be read"
expect_rc 0 "and still lists the rest"
expect_out "added:    entries/2026/12/broken.md" "including the broken one"

before=$(commits)
t save
expect_rc 0 "save commits everything status listed"
expect_out "Saved 7 changes" "and says how many"
expect_eq "one commit" "$((before + 1))" "$(commits)"
expect_eq "the message says what" "Save 7 changes made outside tend" "$(subject)"
expect "the body lists the files" sh -c "git log -1 --format=%b | grep -qx 'D $f2'"
expect "the broken entry is saved too: nothing is lost" \
	sh -c "git show HEAD:entries/2026/12/broken.md | grep -q 'mood: \['"
expect_eq "only those files changed" "" "$(git status --porcelain -- entries goals prompts tend.ini)"
expect_eq "notes.txt is left alone" "?? notes.txt" "$(git status --porcelain)"
t status
expect_out "Nothing to save" "status is clean after save"

t save
expect_rc 0 "save with nothing to save is fine"
expect_out "Nothing to save" "and says so"
expect_eq "and commits nothing" "$((before + 1))" "$(commits)"

printf 'More.\n' >>"$f1"
t save -m "My own message"
expect_eq "save -m sets the message" "My own message" "$(subject)"
printf 'Again.\n' >>"$f1"
t save
expect_eq "one changed entry is named" "Edit entry: $one" "$(subject)"
t save -m ""
expect_rc 2 "an empty message is refused"
t save extra
expect_rc 2 "save takes no arguments"

ln -s /etc/passwd entries/2026/12/link.md
t status
expect_out "symbolic link, never saved: entries/2026/12/link.md" "status shows a symbolic link"
t save
expect_err "not saving 'entries/2026/12/link.md'" "save refuses to commit a symbolic link"
expect_eq "nothing is committed for it" "" "$(git ls-files entries/2026/12/link.md)"
rm entries/2026/12/link.md

# a file without front matter is an entry, its date from the file name
printf '# Notes from the bus\n\nWritten on the phone.\n' >entries/2026/12/2026-12-03-0815-bus.md
printf 'no date anywhere\n' >entries/2026/12/undated.md
t save
t list --format json
expect_out '"id":"2026-12-03-0815-bus","path":"entries/2026/12/2026-12-03-0815-bus.md","title":"Notes from the bus","date":"2026-12-03T08:15:00+00:00"' \
	"a hand-made file gets its title from its heading and its date from its name"
when=$(git log -1 --format=%cI | sed 's/Z$/+00:00/')
expect_out "\"id\":\"undated\",\"path\":\"entries/2026/12/undated.md\",\"title\":\"undated\",\"date\":\"$when\"" \
	"without either, its name is the title and the commit that added it the date"
expect "git fsck is clean" git fsck --strict
done_testing
