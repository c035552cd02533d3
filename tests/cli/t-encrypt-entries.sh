# Entries in an encrypted journal: written, listed, searched, shown,
# edited, removed and restored as in a plain one, with no word of them
# readable at rest, and each readable with the stock age tool.
. tests/cli/lib.sh

encrypted_setup
printf 'not the one\n' >"$T/wrong"
J="$T/j"

# the words that must never be readable at rest
SECRETS="Googled flats|zanzibarquiet|bluntfeeling|tagtomsecret|nightdrive|Quiet plans|Evening words"

mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor append 'printf "nightdrive came back.\n" >>"$1"'
mk_editor fail 'printf "zanzibarquiet typed before the crash\n" >>"$1"; kill -9 $$'
mk_editor where 'printf "%s\n" "$1" >"'"$T"'/draft-path"; printf "x\n" >>"$1"'

"$TEND" init --encrypt "$J" >/dev/null 2>&1 || {
	echo "Bail out! cannot make an encrypted journal"
	exit 1
}
cd "$J" || exit 1

t new "Googled flats" -m "zanzibarquiet and more words." --mood 3 \
	--tag tagtomsecret --feeling bluntfeeling --date "2026-11-02 21:40"
expect_rc 0 "new -m writes an entry in an encrypted journal"
id=$(cat "$OUT")
expect_eq "its ID is the date and time alone" "2026-11-02-2140" "$id"
expect "its file is entries/YYYY/MM/ID.md.age" \
	test -f entries/2026/11/2026-11-02-2140.md.age
expect_eq "which is an age file" "age-encryption.org/v1" \
	"$(head -1 entries/2026/11/2026-11-02-2140.md.age)"
expect_eq "committed with a message that names no title" \
	"Add entry: 2026-11-02-2140" "$(subject)"
t new "Second thoughts" -m "Another." --date "2026-11-02 21:40"
expect_eq "a clash of minutes gets -2" "2026-11-02-2140-2" "$(cat "$OUT")"

t list
expect_rc 0 "list"
expect_out "Googled flats" "list shows the title, decrypted"
t show "$id"
expect_rc 0 "show"
expect_out "zanzibarquiet and more words." "show prints the text"
t search zanzibarquiet
expect_rc 0 "search"
expect_out "$id" "search finds the entry by a word of its body"
t search tagtomsecret
expect_out "$id" "and by its tag"

# the stock age tool reads an entry with key.age and the passphrase
printf 'correct horse battery\n' >"$T/typed"
on_tty "cd '$J' && age -d -i key.age entries/2026/11/$id.md.age"
expect_eq "age -d -i key.age reads the entry" 0 "$rc"
expect "and prints its Markdown" grep -q 'zanzibarquiet and more words' "$OUT"
expect "front matter and all" grep -q 'title: Googled flats' "$OUT"

# an entry the age tool wrote, to the journal's key, is read by tend
recipient=$(printf 'correct horse battery\n' |
	script -qec "age -d '$J/key.age'" /dev/null |
	sed -n 's/.*public key: \(age1[a-z0-9]*\).*/\1/p' | tr -d '\r')
expect "(the journal's public key is in key.age)" test -n "$recipient"
mkdir -p entries/2026/10
printf -- '---\ntitle: Written by age\ndate: 2026-10-05 08:00\n---\nagewroteme here.\n' |
	age -r "$recipient" -o entries/2026/10/2026-10-05-0800.md.age
t show 2026-10-05-0800
expect_out "agewroteme here." "tend reads an entry the age tool wrote"
t search agewroteme
expect_out "2026-10-05-0800" "and finds it in a search"
t save
expect_rc 0 "save commits it"

# edit: the draft is in memory, the file written back encrypted
EDITOR="$T/append" t edit "$id"
expect_rc 0 "edit"
t show "$id"
expect_out "nightdrive came back." "the edit is in the entry"
expect_eq "committed with its ID" "Edit entry: $id" "$(subject)"
expect "the entry is still an age file" \
	grep -q 'age-encryption.org/v1' "entries/2026/11/$id.md.age"
EDITOR="$T/where" t edit "$id"
expect "the draft was in XDG_RUNTIME_DIR" \
	grep -q "^$XDG_RUNTIME_DIR/tend/drafts/" "$T/draft-path"
expect_eq "and nothing is left there" "" \
	"$(ls -A "$XDG_RUNTIME_DIR/tend/drafts")"
EDITOR="$T/fail" t edit "$id"
expect_rc 1 "an editor that dies fails the edit"
expect_err "kept encrypted in" "and the draft is kept, encrypted"
kept=$(ls .tend/drafts/*.md.age 2>/dev/null | head -1)
expect "in .tend/drafts/ as NAME.md.age" test -n "$kept"
expect_eq "nothing plain is left in memory" "" \
	"$(ls -A "$XDG_RUNTIME_DIR/tend/drafts")"
printf 'correct horse battery\n' >"$T/typed"
on_tty "cd '$J' && age -d -i key.age '$kept'"
expect "the kept draft reads with age" grep -q 'typed before the crash' "$OUT"
t status
expect_out "$kept" "status lists the kept draft"
rm -f "$kept"

# the user's own prompts and templates, encrypted too
mkdir -p prompts templates/entries
printf -- '---\ntitle: Quiet plans\nabout: what I keep to myself\n---\n- What plan did nightdrive hold?\n' |
	age -r "$recipient" -o prompts/quietplans.md.age
printf -- '---\ntags: [evening]\n---\n\n## What bluntfeeling said\n' |
	age -r "$recipient" -o templates/entries/evening.md.age
t prompt --list
expect_rc 0 "prompt --list"
expect_out "quietplans" "lists the user's own encrypted topic"
t prompt --json --seed 1
expect_rc 0 "prompt"
t templates
expect_rc 0 "templates"
expect "lists the user's own encrypted template" grep -q '^evening *yours' "$OUT"
expect "and the built-in ones" grep -q '^daily *built in' "$OUT"
t new --template evening -m "Evening words." "From a template" \
	--date "2026-11-04 20:00"
expect_rc 0 "new --template with an encrypted template"
t show 2026-11-04-2000
expect_out "tags: [evening]" "the entry has the template's front matter"
t new --template daily -m "Daily words." "Built in" --date "2026-11-04 21:00"
expect_rc 0 "a built-in template still works"
t mood
expect_rc 0 "mood reads the encrypted index"
expect_out "with a mood: mean 3.0" "(mood)"
t export --format json -o "$T/out.json"
expect_rc 0 "export, which is plain by design"
expect "(it holds the words)" grep -q zanzibarquiet "$T/out.json"
t save -m "prompt and template"
expect_rc 0 "(save them)"
expect_err "the commit message is not encrypted" \
	"save -m warns that its message is not encrypted"

# with no memory folder, the editor is refused; -m still works
XDG_RUNTIME_DIR= EDITOR="$T/append" t edit "$id"
expect_rc 1 "edit without XDG_RUNTIME_DIR is refused"
expect_err "XDG_RUNTIME_DIR is not set" "and says why"
XDG_RUNTIME_DIR="$T" EDITOR="$T/append" t edit "$id"
expect_rc 1 "edit with XDG_RUNTIME_DIR on a disk is refused"
expect_err "is not a folder in memory" "and says why"

# rm and restore: the entry comes back byte for byte
before=$(git rev-parse "HEAD:entries/2026/11/$id.md.age")
t rm "$id"
expect_rc 0 "rm"
expect_not "the file is gone" test -e "entries/2026/11/$id.md.age"
t restore "$id"
expect_rc 0 "restore"
expect_eq "it is back as it was committed" "$before" \
	"$(git hash-object "entries/2026/11/$id.md.age")"
t log "$id"
expect_rc 0 "log of the entry"
expect_out "Restore entry: $id" "lists its history"
t check
expect_rc 0 "check reads every entry"

# locked: no passphrase, a wrong one
TEND_PASSPHRASE_FILE="$T/wrong" t list
expect_rc 7 "a wrong passphrase: exit 7"
expect_err "wrong passphrase" "and says so"
( unset TEND_PASSPHRASE_FILE
  setsid "$TEND" show "$id" >"$OUT" 2>"$ERR" </dev/null
  echo $? >"$T/rc" )
rc=$(cat "$T/rc")
expect_rc 7 "no passphrase and no terminal: exit 7"
expect_err "the journal is locked" "and says so"
expect_not "and shows nothing" grep -q zanzibarquiet "$OUT"
t unlock
( unset TEND_PASSPHRASE_FILE
  setsid "$TEND" show "$id" >"$OUT" 2>"$ERR" </dev/null
  echo $? >"$T/rc" )
expect_eq "unlocked, a command needs no passphrase" "0 yes" \
	"$(cat "$T/rc") $(grep -q zanzibarquiet "$OUT" && echo yes)"
t unlock --for 1s
sleep 2
( unset TEND_PASSPHRASE_FILE
  setsid "$TEND" show "$id" >"$OUT" 2>"$ERR" </dev/null
  echo $? >"$T/rc" )
rc=$(cat "$T/rc")
expect_rc 7 "once the unlock expired, it is locked again"
t unlock
t lock
( unset TEND_PASSPHRASE_FILE
  setsid "$TEND" show "$id" >"$OUT" 2>"$ERR" </dev/null
  echo $? >"$T/rc" )
rc=$(cat "$T/rc")
expect_rc 7 "and after lock too"

# [sync] auto syncs after a command that committed, with the key it
# unlocked; after one that runs without the key (passwd), it waits
git init -q --bare "$T/remote.git"
t remote add origin "$T/remote.git"
expect_rc 0 "remote add"
printf '[sync]\nauto = true\n' >.tend/config.ini
t new "Auto" -m "Pushed, nightdrive." --date "2026-11-03 09:00"
expect_rc 0 "new with [sync] auto"
expect_eq "pushes the encrypted journal" "$(git rev-parse HEAD)" \
	"$(git -C "$T/remote.git" rev-parse main)"
printf 'a new one\n' >"$T/pass2"
TEND_NEW_PASSPHRASE_FILE="$T/pass2" t passwd
expect_rc 0 "passwd with [sync] auto"
expect_not "which it does not sync without the key" \
	test "$(git rev-parse HEAD)" = "$(git -C "$T/remote.git" rev-parse main)"
TEND_NEW_PASSPHRASE_FILE="$T/pass" TEND_PASSPHRASE_FILE="$T/pass2" t passwd
rm .tend/config.ini

# a plain file put in an encrypted journal is never committed
mkdir -p entries/2026/12
printf -- '---\ntitle: Plainly\n---\nplainwords left here.\n' \
	>entries/2026/12/2026-12-01-0900.md
cp entries/2026/12/2026-12-01-0900.md tend.ini
head1=$(git rev-parse HEAD)
t save
expect_rc 0 "save with plain files about"
expect_err "not saving 'entries/2026/12/2026-12-01-0900.md': a plain file" \
	"says it does not save the plain entry"
expect_err "not saving 'tend.ini': a plain file" "nor a plain tend.ini"
expect_eq "and commits nothing" "$head1" "$(git rev-parse HEAD)"
t list
expect_no_out "Plainly" "a plain entry is not indexed in an encrypted journal"
expect_err "tend.ini is not read in an encrypted journal" \
	"a plain tend.ini is not read, and tend says so"
t check
expect_rc 3 "check finds plain files in an encrypted journal"
expect_out "entries/2026/12/2026-12-01-0900.md:1:1: a plain file in an encrypted journal" \
	"names the plain entry"
expect_out "tend.ini:1:1: a plain file" "and the plain tend.ini"
rm -f entries/2026/12/2026-12-01-0900.md tend.ini

# the index: rebuilt, and built anew when it is gone or not for this key
t index --rebuild
expect_rc 0 "index --rebuild"
t search zanzibarquiet
expect_out "$id" "and search still finds the entry"
rm -f .tend/index.db*
t list
expect_rc 0 "a missing index is built again"
expect_out "Googled flats" "(list)"
printf 'SQLite format 3\000 and then nonsense' >.tend/index.db
t search zanzibarquiet
expect_rc 0 "an index that does not open with the key is built again"
expect_out "$id" "(search)"

# the names to redact are settings of tend.ini.age, encrypted too
printf -- '[journal]\ntitle = Journal\n[share]\nredact = Tomredactname\n' |
	age -r "$recipient" -o tend.ini.age
t new -m "Tomredactname said nothing." "Redacted" --date "2026-11-06 07:00"
t save
t export --format md --redact -o "$T/redacted.md"
expect_rc 0 "export --redact with names from tend.ini.age"
expect_not "the name is redacted in what goes out" \
	grep -q Tomredactname "$T/redacted.md"
SECRETS="$SECRETS|Tomredactname"

# nothing the user wrote is readable at rest
t index
every_byte "$J" >"$T/bytes"
ls -R "$J" >>"$T/bytes"
git -C "$J" log --all --format='%B' >>"$T/bytes"
expect_not "no word of titles, bodies, tags, feelings or redaction names in the folder" \
	grep -Eqa "$SECRETS" "$T/bytes"
expect "(the index is there to look in)" test -s .tend/index.db
expect "git fsck is clean" git fsck --strict

done_testing
