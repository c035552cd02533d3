# tend edit: the same editor flow on an existing entry; a commit only
# when the bytes changed.
. tests/cli/lib.sh
journal "$T/j"

mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor append 'printf "One more line.\n" >>"$1"'
mk_editor nothing ':'
mk_editor fail 'printf "typed before the crash\n" >>"$1"; kill -9 $$'
mk_editor badmood 'sed -i "s/^mood:.*/mood: 12/" "$1"'
mk_editor racer 'printf "changed elsewhere\n" >>"$ENTRY"; printf "mine\n" >>"$1"'
mk_editor blank ': >"$1"'

t new "First" -m "The first entry." --mood 4 --date "2026-11-01 10:00"
first=$(cat "$OUT")
t new "Second" -m "The second entry." --date "2026-11-02 10:00"
second=$(cat "$OUT")
f1=$(entry_file "$first")
f2=$(entry_file "$second")
before=$(commits)

EDITOR="$T/append" t edit "$first"
expect_rc 0 "edit opens the entry and commits the change"
expect "the change is in the file" grep -qx "One more line." "$f1"
expect_eq "committed as Edit entry: ID" "Edit entry: $first" "$(subject)"
expect_eq "one new commit" "$((before + 1))" "$(commits)"
expect "the draft is gone" test -z "$(ls .tend/drafts)"

EDITOR="$T/append" t edit
expect_rc 0 "edit without ID edits the newest entry"
expect "that is the second one" grep -qx "One more line." "$f2"
EDITOR="$T/append" t edit 2026-11-01
expect_rc 0 "a unique prefix of an ID works"
expect_eq "it edited the first" 2 "$(grep -c 'One more line.' "$f1")"
EDITOR="$T/append" t edit "$f2"
expect_rc 0 "the entry's path works"
EDITOR="$T/append" t edit "$T/j/$f2"
expect_rc 0 "so does its absolute path"
EDITOR="$T/append" t edit last
expect_rc 0 "'last' works"
before=$(commits)

cp "$f1" "$T/f1.before"
EDITOR="$T/nothing" t edit "$first"
expect_rc 0 "an edit without changes is fine"
expect_err "no changes to '$first'" "and says so"
expect_eq "nothing was committed" "$before" "$(commits)"
expect "the file is untouched" cmp "$T/f1.before" "$f1"

EDITOR="$T/fail" t edit "$first"
expect_rc 1 "an editor killed mid-way is exit 1"
expect_err "was killed by signal 9" "and says so"
expect_err "your draft is kept in" "the draft is kept"
expect "with the words typed" grep -q "typed before the crash" .tend/drafts/"$first"-*.md
expect "the entry is untouched" cmp "$T/f1.before" "$f1"
rm -f .tend/drafts/*

EDITOR="$T/badmood" t edit "$first"
expect_rc 3 "an edit that breaks the front matter is invalid content"
expect_err "mood must be a whole number from 1 to 10" "and says what is wrong"
expect_err ":4:7:" "at the mood's line and column"
expect "the entry is untouched" cmp "$T/f1.before" "$f1"
expect "the edit is kept as a draft" grep -q "mood: 12" .tend/drafts/"$first"-*.md
expect_eq "nothing was committed" "$before" "$(commits)"
rm -f .tend/drafts/*

# on a terminal tend offers to open the editor again (script gives a tty)
mk_editor fixlater 'if [ -e "$T/second" ]; then sed -i "s/^mood:.*/mood: 3/" "$1"
else : >"$T/second"; sed -i "s/^mood:.*/mood: 12/" "$1"; fi'
export T
printf 'y\n' | script -qec "EDITOR='$T/fixlater' '$TEND' edit $first" /dev/null \
	>"$OUT" 2>&1
rc=$?
expect_rc 0 "on a terminal a broken edit can be fixed in the editor again"
expect_out "Open the editor again to fix it? [Y/n]" "tend asks"
expect "the fixed edit is committed" grep -qx "mood: 3" "$f1"
expect_eq "as one commit" "Edit entry: $first" "$(subject)"
rm "$T/second"
before=$(commits)
cp "$f1" "$T/f1.before"
printf 'n\n' | script -qec "EDITOR='$T/fixlater' '$TEND' edit $first" /dev/null \
	>"$OUT" 2>&1
rc=$?
expect_rc 3 "answering no keeps the draft and is invalid content"
expect_out "your draft is kept in" "and names the draft"
expect "the entry is untouched" cmp "$T/f1.before" "$f1"
expect_eq "nothing was committed" "$before" "$(commits)"
rm -f .tend/drafts/* "$T/second"

ENTRY="$f1" EDITOR="$T/racer" t edit "$first"
expect_rc 1 "an entry changed during the edit is not overwritten"
expect_err "changed while you were editing it" "and says so"
expect "the other change stays" grep -q "changed elsewhere" "$f1"
expect "this edit is kept as a draft" grep -q mine .tend/drafts/"$first"-*.md
rm -f .tend/drafts/*
git checkout -q -- "$f1"

EDITOR="$T/blank" t edit "$first"
expect_rc 0 "emptying an entry in the editor does not delete it"
expect_err "tend rm $first" "and tells how to delete it"
expect "the entry is untouched" cmp "$T/f1.before" "$f1"

t edit nothing-like-this
expect_rc 1 "an unknown entry is exit 1"
expect_err "no entry 'nothing-like-this'" "and named"
t edit 2026-11
expect_rc 1 "an ambiguous prefix is exit 1"
expect_err "names 2 entries" "and the message says so"
expect_err "  $first" "and lists the candidates"
t edit a b
expect_rc 2 "two entries is a usage error"
t edit /etc/passwd
expect_rc 1 "a path outside the journal is refused"
expect_err "is not an entry of the journal" "and says so"
expect "git fsck is clean" git fsck --strict
done_testing
