# The phone inbox (issue 20): Markdown files another app commits to
# inbox/ through the same remote are filed as entries by tend sync and
# tend save, in one commit; what cannot be read stays, named.
. tests/cli/lib.sh

# pg ARGS: git in the phone's clone, as the phone
pg() {
	GIT_AUTHOR_NAME=Phone GIT_AUTHOR_EMAIL=phone@example.com \
	GIT_COMMITTER_NAME=Phone GIT_COMMITTER_EMAIL=phone@example.com \
		git -C "$T/phone" "$@"
}

# phone_push DATE: the phone commits all it has, at DATE, and pushes
phone_push() {
	pg add -A &&
	GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" \
		pg commit -q -m "Notes from the phone" &&
	pg push -q origin HEAD:main || fail "the phone cannot push"
}

git init -q --bare --initial-branch=main "$T/bare.git"
journal "$T/j"
"$TEND" remote add origin "$T/bare.git" >/dev/null
"$TEND" new -m "Written here." --date 2026-11-01 "Home entry" >/dev/null
"$TEND" sync >/dev/null 2>&1
git clone -q "$T/bare.git" "$T/phone"
P="$T/phone/inbox"
mkdir -p "$P"

# --- what comes from the phone ------------------------------------------

printf -- '---\ndate: 2026-12-01T08:15:00+01:00\ntitle: Morning pages\nweather: rain   # my own key\nlocation:\n  city: Lyon\n---\n\nWords from the bus.\n' \
	>"$P/note one.md"
printf -- '---\ncreated: 2026-12-02T21:40:00+01:00\nmodified: 2026-12-03T07:00:00+01:00\n---\n\n# After the call\n\nShe listened.\n' \
	>"$P/obsidian.md"
printf 'Daily note, no heading.\n' >"$P/2026-12-03.md"
printf 'Walk by the river.\n' >"$P/2026-12-04 0930 river walk.md"
printf 'Plain thought.\n' >"$P/Groceries and worries.md"
printf '# Heading wins\n\nText.\n' >"$P/2026-12-06 name loses.md"
printf 'keep me\n' >"$P/.gitkeep"
printf 'This folder is for the phone.\n' >"$P/README.md"
cp "$P/note one.md" "$T/note-one.orig"
phone_push "2026-12-05T10:00:00+00:00"
before=$(commits)

t sync
expect_rc 0 "sync files what the phone put in the inbox"
expect_out "Filed inbox/note one.md as 2026-12-01-0815-morning-pages" \
	"names what it filed, with its ID"
expect_eq "six entries filed" 6 "$(grep -c '^Filed ' "$OUT")"
expect_eq "one commit for the phone's, one filing them" \
	$((before + 2)) "$(commits)"
expect_eq "the filing commit says what it did" \
	"File 6 entries from inbox/" "$(subject)"
expect "its message names each file" sh -c \
	"git log -1 --format=%b | grep -qx 'inbox/obsidian.md -> 2026-12-02-2140-after-the-call'"
expect_eq "the inbox holds only its own files" ".gitkeep README.md" \
	"$(ls -A inbox | sort | paste -sd ' ')"
expect_eq "nothing left to commit" "" "$(git status --porcelain)"
expect_eq "the remote got the move" "$(git rev-parse HEAD)" \
	"$(git -C "$T/bare.git" rev-parse main)"

f=entries/2026/12/2026-12-01-0815-morning-pages.md
expect "a file with a date and a title is moved byte for byte" \
	cmp -s "$T/note-one.orig" "$f"
expect "a rename in git" sh -c \
	"git show -M --name-status HEAD | grep -q '^R100'"
f=entries/2026/12/2026-12-02-2140-after-the-call.md
expect "the date from created, its own offset kept" \
	grep -qx 'date: 2026-12-02T21:40:00+01:00' "$f"
expect "created and modified are kept" grep -qx \
	'modified: 2026-12-03T07:00:00+01:00' "$f"
expect "no title key added when there is a heading" \
	sh -c "! grep -q '^title:' '$f'"
expect "the name of a file with a heading kept in aliases" grep -qx \
	'aliases: \[obsidian\]' "$f"
f=entries/2026/12/2026-12-03-0000-entry.md
expect "the date from the file name" \
	grep -qx 'date: 2026-12-03T00:00:00+00:00' "$f"
expect "the body kept" grep -qx 'Daily note, no heading.' "$f"
expect "a daily note keeps its name in aliases, for [[2026-12-03]]" \
	grep -qx 'aliases: \["2026-12-03"\]' "$f"
f="entries/2026/12/2026-12-04-0930-river-walk.md"
expect "a date and time from the name" \
	grep -qx 'date: 2026-12-04T09:30:00+00:00' "$f"
expect "the title from the rest of the name" grep -qx \
	'title: river walk' "$f"
expect "and the whole name in aliases" grep -qx \
	'aliases: \["2026-12-04 0930 river walk"\]' "$f"
f="entries/2026/12/2026-12-05-1000-groceries-and-worries.md"
expect "the date from the commit that added it" \
	grep -qx 'date: 2026-12-05T10:00:00+00:00' "$f"
expect "the title from the file name" \
	grep -qx 'title: Groceries and worries' "$f"
expect_not "no aliases when the title is the name" grep -q '^aliases:' "$f"
f=entries/2026/12/2026-12-06-0000-heading-wins.md
expect "a heading is the title before the name" test -f "$f"
expect "and the name goes in aliases" grep -qx \
	'aliases: \["2026-12-06 name loses"\]' "$f"
expect_not "a file with a title key of its own gets none" grep -q \
	'^aliases:' entries/2026/12/2026-12-01-0815-morning-pages.md
t show 2026-12-01-0815
expect_rc 0 "a filed entry shows"
expect_out "Morning pages" "with its title"
t list
expect_out "After the call" "and lists with the heading's title"

# --- the phone's clone gets the move ------------------------------------

pg pull -q origin main 2>/dev/null
expect "the phone's inbox is empty after a pull" \
	test ! -e "$P/note one.md"

# --- what cannot be read stays -------------------------------------------

printf -- '---\ntitle: [broken\n---\nText.\n' >"$P/bad.md"
printf '\377\376not utf-8\n' >"$P/latin.md"
printf -- '---\ncreated: {{date}}\n---\nTemplate.\n' >"$P/template.md"
ln -s bad.md "$P/link.md"
mkdir "$P/sub"
printf 'in a folder\n' >"$P/sub/deep.md"
printf 'Good one.\n' >"$P/2026-12-07 good.md"
phone_push "2026-12-07T12:00:00+00:00"
t sync
expect_rc 0 "a sync with files it cannot read still succeeds: exit 0"
expect_out "Filed inbox/2026-12-07 good.md as 2026-12-07-0000-good" \
	"the good file is filed"
expect_err "inbox/bad.md:3:1: cannot read front matter" "a bad front matter is named with its place"
expect_err "'inbox/latin.md' stays in the inbox" "text not UTF-8 stays"
expect_err "created must look like" "a created key that is no date stays"
expect_err "'inbox/link.md' stays in the inbox: a symbolic link" \
	"a symbolic link is refused"
expect_err "'inbox/sub' stays in the inbox: a folder" "a folder stays"
expect_err "5 files stay in 'inbox/'" "and a count of what stays"
for f in bad.md latin.md template.md link.md sub/deep.md; do
	expect "inbox/$f is still there" test -e "inbox/$f"
done
expect "the link is still a link" test -L inbox/link.md
expect_eq "nothing left to commit" "" "$(git status --porcelain)"

# status and check name each, with why; the inbox's own files are none
printf 'Next one.\n' >"inbox/2026-12-08 next.md"
t status
expect_rc 0 "status with files that stay in the inbox: exit 0"
expect_out "In the inbox, not filed" "status lists what stays in the inbox"
expect_out "  inbox/bad.md: its text cannot be read for certain (cannot" \
	"a bad front matter, with why"
expect_out "  inbox/latin.md: its text cannot be read for certain (" \
	"text not UTF-8"
expect_out "  inbox/template.md: mend its created key, or give it a date" \
	"a created key that is no date"
expect_out "  inbox/link.md: a symbolic link is never followed" "a link"
expect_out "  inbox/sub: a folder; only the files directly in the inbox" \
	"a folder"
expect_out "In the inbox, to be filed as entries by 'tend save' or" \
	"and what the next save files"
expect_out "  inbox/2026-12-08 next.md" "each by name"
expect_no_out "README" "not the inbox's README"
expect_no_out ".gitkeep" "nor its hidden files"
expect_no_out "Nothing to save" "it does not say there is nothing"
expect_eq "and files nothing" "" \
	"$(git status --porcelain --untracked-files=no)"
expect "the new file is still there" test -f "inbox/2026-12-08 next.md"
t check
expect_rc 3 "check: what stays in the inbox is a problem: exit 3"
expect_out "inbox/bad.md:3:1: stays in the inbox, not filed: its text" \
	"named where the front matter goes wrong"
expect_out "inbox/template.md:2:10: stays in the inbox, not filed: mend" \
	"at the created key"
expect_out "inbox/link.md:1:1: stays in the inbox, not filed: a symbolic" \
	"a link"
stays="inbox/bad.md inbox/latin.md inbox/link.md inbox/sub"
expect_eq "one problem each, none for the file it will file" \
	"$stays inbox/template.md" "$(cut -d: -f1 "$OUT" | paste -sd' ')"
rm "inbox/2026-12-08 next.md"

# --- too large -----------------------------------------------------------

head -c 1100000 /dev/zero | tr '\0' 'a' >inbox/huge.md
t save
expect_rc 0 "save with a file too large"
expect_err "'inbox/huge.md' stays in the inbox: larger than 1 MiB" \
	"a file over 1 MiB stays"
expect "and is there" test -s inbox/huge.md
rm inbox/huge.md

# --- tend save, and a clash of IDs ---------------------------------------

git rm -q -r inbox
GIT_AUTHOR_NAME=Me GIT_AUTHOR_EMAIL=me@example.com \
GIT_COMMITTER_NAME=Me GIT_COMMITTER_EMAIL=me@example.com \
	git commit -q -m "Clear the inbox"
mkdir inbox
printf -- '---\ndate: 2026-12-01T08:15:00+01:00\ntitle: Morning pages\n---\n\nA second one.\n' \
	>inbox/again.md
old=$(cat entries/2026/12/2026-12-01-0815-morning-pages.md)
t save
expect_rc 0 "save files what is in the inbox, committed or not"
expect_out "Filed inbox/again.md as 2026-12-01-0815-morning-pages-2" \
	"a taken ID gets -2"
expect_eq "the entry there is not overwritten" "$old" \
	"$(cat entries/2026/12/2026-12-01-0815-morning-pages.md)"
expect "the new one has its own text" grep -q 'A second one.' \
	entries/2026/12/2026-12-01-0815-morning-pages-2.md
expect_eq "committed" "" "$(git status --porcelain)"

# the name kept in aliases: added to a list there, never twice, and
# never in another shape's place or when it is no line of text
printf -- '---\naliases: [first, "2026-12-20"]\n---\n# Journal\n' \
	>inbox/2026-12-20.md
printf -- '---\naliases: word\n---\n# Journal\n' >inbox/2026-12-21.md
printf -- '---\naliases:\n  a: b\n---\n# Journal\n' >inbox/2026-12-22.md
printf 'Two lines.\n' >"inbox/$(printf '2026-12-23\nx').md"
t save
expect_rc 0 "save files them all"
expect_eq "four filed" 4 "$(grep -c '^Filed ' "$OUT")"
expect "the name already there: the list as it was" grep -qx \
	'aliases: \[first, "2026-12-20"\]' \
	entries/2026/12/2026-12-20-0000-journal.md
expect "a word: a list of it and the name" grep -qx \
	'aliases: \[word, "2026-12-21"\]' \
	entries/2026/12/2026-12-21-0000-journal.md
expect "a map: left as it is" grep -qx '  a: b' \
	entries/2026/12/2026-12-22-0000-journal.md
expect_not "and no name added" grep -q '2026-12-22"' \
	entries/2026/12/2026-12-22-0000-journal.md
expect_not "a name of two lines: no aliases" grep -q '^aliases' \
	entries/2026/12/2026-12-23-0000-entry.md
expect_eq "nothing left in the inbox" "" "$(ls inbox)"
t check
expect_rc 0 "and every one reads as an entry"

t save
expect_rc 0 "save with an empty inbox"
expect_out "Nothing to save." "says there is nothing"
t status
expect_out "Nothing to save" "status with an empty inbox has nothing to say"
t check
expect_rc 0 "nor check"

# --- nothing outside the inbox is touched --------------------------------

mkdir -p notes
printf 'Not for the journal.\n' >notes/x.md
printf 'Loose.\n' >loose.md
t save
expect "a folder that is not the inbox is left alone" test -f notes/x.md
expect "a file at the top is left alone" test -f loose.md
rm -r notes loose.md

# --- [inbox] path ------------------------------------------------------------

printf '\n[inbox]\npath = phone/new\n' >>tend.ini
"$TEND" save >/dev/null 2>&1
mkdir -p phone/new inbox
printf 'From the new folder.\n' >"phone/new/2026-12-08 moved.md"
printf 'Old folder, not read now.\n' >inbox/old.md
t save
expect_rc 0 "save with [inbox] path"
expect_out "Filed phone/new/2026-12-08 moved.md as 2026-12-08-0000-moved" \
	"files from the folder [inbox] path names"
expect "the old inbox is not read then" test -f inbox/old.md
expect_eq "the commit names the folder" "File 1 entry from phone/new/" \
	"$(subject)"
printf 'a photo\n' >phone/new/photo.jpg
t status
expect_out "  phone/new/photo.jpg: not a Markdown file (.md)" \
	"status reads the folder [inbox] path names"
expect_no_out "inbox/old.md" "and not the old one"
t check
expect_out "phone/new/photo.jpg:1:1: stays in the inbox, not filed: not a" \
	"and so does check"
rm phone/new/photo.jpg
rm -r inbox
# an inbox that is a symbolic link is never read, and that is said
mkdir "$T/elsewhere"
printf 'Not read.\n' >"$T/elsewhere/2026-12-09 out.md"
mv phone/new "$T/kept-new"
ln -s "$T/elsewhere" phone/new
t status
expect_out "  phone/new: the inbox is not read: it is reached through a" \
	"status: an inbox that is a link"
t check
expect_rc 3 "check: an inbox that is a link is a problem"
expect_out "phone/new:1:1: stays in the inbox, not filed: the inbox is" \
	"named"
expect "and nothing in it was touched" test -f "$T/elsewhere/2026-12-09 out.md"
rm phone/new
mv "$T/kept-new" phone/new

# --- a filing that fails changes nothing ---------------------------------

printf 'Will not be lost.\n' >"phone/new/2027-01-09 kept.md"
ln -s "$T/nowhere" entries/2027	# a link where a folder must go
snap
t save
rm entries/2027
expect_rc 1 "a file that cannot be written: exit 1"
expect "the inbox file is still there" test -f "phone/new/2027-01-09 kept.md"
expect_eq "nothing committed" "$head0" "$(git rev-parse HEAD)"
t save
expect_rc 0 "and the next save files it"
expect "there" test -f entries/2027/01/2027-01-09-0000-kept.md

# --- an encrypted journal --------------------------------------------------

encrypted_setup
git init -q --bare --initial-branch=main "$T/sealed.git"
"$TEND" init --encrypt "$T/e" >/dev/null 2>&1 || fail "no encrypted journal"
cd "$T/e"
"$TEND" remote add origin "$T/sealed.git" >/dev/null
"$TEND" sync >/dev/null 2>&1
rm -rf "$T/phone"
git clone -q "$T/sealed.git" "$T/phone"
mkdir -p "$P"
printf 'Secret words zanzibar.\n' >"$P/2026-12-10 secret.md"
phone_push "2026-12-10T09:00:00+00:00"
t sync
expect_rc 0 "an encrypted journal files the inbox"
expect_out "Filed inbox/2026-12-10 secret.md as 2026-12-10-0000" \
	"with an ID of the date alone"
expect_err "came in plain text" "warns that it travelled in plain text"
expect "sealed as an age file" \
	test -f entries/2026/12/2026-12-10-0000.md.age
expect_not "no plain text in the entry file" \
	grep -q zanzibar entries/2026/12/2026-12-10-0000.md.age
expect_not "the commit message names no title" sh -c \
	"git log -1 --format=%B | grep -q secret"
t show 2026-12-10-0000
expect_out "Secret words zanzibar." "and it reads back"

done_testing
