# tend encrypt and tend decrypt: a journal with history turned into an
# encrypted one and back, with no plain object left, and a kill at any
# write leaving it either as it was or converted whole.
. tests/cli/lib.sh

encrypted_setup

# the words that must not be readable once it is encrypted
SECRETS="Googled flats|zanzibarquiet|bluntfeeling|tagtomsecret|nightdrive|Leaving Tom|Edited away"

# a plain journal with history: entries added, edited, removed and
# restored, a rendered site, and a remote it synced with
"$TEND" init "$T/j" --title "Leaving Tom" >/dev/null
cd "$T/j" || exit 1
new_entry "Googled flats" "2026-11-02 21:40" --tag tagtomsecret \
	--feeling bluntfeeling
first=$(ls entries/2026/11)
first=${first%.md}
new_entry "Googled flats" "2026-11-02 21:40"
second=$(ls entries/2026/11 | grep -- -2.md)
second=${second%.md}
printf 'zanzibarquiet was here. Edited away.\n' >>"entries/2026/11/$first.md"
t save
printf 'nightdrive, then nothing.\n' >"$T/body"
t new -m "nightdrive, then nothing." "Late" --date "2026-10-01 23:10"
late=$(cat "$OUT")
t rm "$late"
t restore "$late"
t rm "$second"
# hand-made entries whose names hold no date: their front matter's date,
# else their folder's month
mkdir -p entries/2026/09 entries/2026/08
printf -- '---\ntitle: Notes\ndate: 2026-09-03 08:15\n---\nHand made.\n' \
	>entries/2026/09/my-notes.md
printf 'No front matter at all.\n' >entries/2026/08/undated.md
t save
t render
git init -q --bare "$T/remote.git"
t remote add origin "$T/remote.git"
t sync
expect_rc 0 "(a plain journal with history, synced)"
commits0=$(commits)
git log --format='%an %ae %ad %cd' >"$T/who0"
cp -a "$T/j" "$T/plain-copy"

# what it refuses, changing nothing
snap
t encrypt
expect_rc 2 "encrypt without --yes and no terminal is refused"
expect_err "give --yes" "and says how"
same "encrypt refused"
printf 'unsaved\n' >>"entries/2026/11/$first.md"
t encrypt --yes
expect_rc 2 "encrypt with changes not saved is refused"
expect_err "changes not saved" "and says so"
git checkout -q -- entries
git tag a-tag
t encrypt --yes
expect_rc 2 "encrypt with a tag is refused"
expect_err "refs/tags/a-tag" "and names it"
git tag -d a-tag >/dev/null
mkdir -p .tend/drafts && printf 'a draft\n' >.tend/drafts/new-abc123.md
t encrypt --yes
expect_rc 2 "encrypt with drafts kept is refused"
expect_err "drafts kept" "and says so"
rm .tend/drafts/new-abc123.md
t unlock
expect_rc 2 "unlock of a plain journal is refused"
same "refusals"

# a link anywhere in the history, deep in a folder and long gone
"$TEND" init "$T/linked" >/dev/null
(cd "$T/linked" && mkdir -p notes/deep && ln -s /etc/passwd notes/deep/l &&
	git add notes && git -c user.name=u -c user.email=u@x commit -qm l &&
	git rm -q notes/deep/l &&
	git -c user.name=u -c user.email=u@x commit -qm gone)
cd "$T/linked" || exit 1
t encrypt --yes
expect_rc 2 "encrypt of a history with a symbolic link is refused"
expect_err "'notes/deep/l' in the history is a symbolic link" "and names it"
expect_not "and makes no key" test -e key.age
cd "$T/j" || exit 1

t encrypt --yes
expect_rc 0 "encrypt --yes"
expect_out "Encrypted the journal: $commits0 commits rewritten" \
	"says how many commits"
expect_out "The remote 'origin' still holds the old, plain history" \
	"and that the remote still holds the plain history"
expect_eq "as many commits as before" "$commits0" "$(commits)"
git log --format='%an %ae %ad %cd' >"$T/who1"
expect "with the same authors and dates" cmp -s "$T/who0" "$T/who1"
expect "key.age is committed" git cat-file -e HEAD:key.age
expect "so is tend.ini.age" git cat-file -e HEAD:tend.ini.age
expect_not "and no tend.ini" test -e tend.ini
expect_eq "entry files are ID.md.age with IDs of date and time" \
	"entries/2026/08/2026-08-01-0000.md.age entries/2026/09/2026-09-03-0815.md.age entries/2026/10/2026-10-01-2310.md.age entries/2026/11/2026-11-02-2140.md.age" \
	"$(find entries -type f | sort | paste -sd ' ')"
expect "the work tree is clean" test -z "$(git status --porcelain)"
expect "git fsck is clean" git fsck --strict
expect_eq "no ref but the branch" "refs/heads/main" \
	"$(git for-each-ref --format='%(refname)')"
expect_not "no reflogs" test -e .git/logs
expect_eq "no loose object" "0" \
	"$(git count-objects -v | sed -n 's/^count: //p')"
expect_not "the index of plain text is gone" test -e .tend/index.db
expect_not "so is the site rendered into the journal" test -e site
every_byte "$T/j" >"$T/bytes"
git log --format='%B' >>"$T/bytes"
expect_not "no word of the journal is left in any byte of it" \
	grep -Eqa "$SECRETS" "$T/bytes"
every_byte "$T/plain-copy" >"$T/bytes"
expect "(where the plain copy has them)" grep -Eqa "$SECRETS" "$T/bytes"
expect_eq "commit messages name IDs" \
	"Remove entry: 2026-11-02-2140-2" \
	"$(git log --format=%s | grep -x 'Remove entry: 2026-11-02-2140-2')"
expect_eq "or say how many files changed" "Change 2 files" \
	"$(git log -1 --format=%s)"
expect_eq "the first is the journal's start, with no title" \
	"Start journal" "$(git log --format=%s | tail -1)"

t list
expect_rc 0 "list"
expect_out "Googled flats" "shows the titles, decrypted"
expect_out "2026-11-02-2140" "under the new IDs"
t show 2026-11-02-2140
expect_out "zanzibarquiet was here." "show prints the last version"
t log 2026-11-02-2140
expect_out "Edit entry: 2026-11-02-2140" "log follows the entry's history"
t show 2026-11-02-2140 --rev \
	"$(git log --format=%h --grep='^Add entry: 2026-11-02-2140-2$')"
expect_rc 0 "show --rev reads an old version"
expect_no_out "zanzibarquiet" "(from before the edit)"
t restore 2026-11-02-2140-2
expect_rc 0 "restore brings back an entry removed before the encryption"
t list
expect_out "2026-11-02-2140-2" "(it is listed again)"
printf 'correct horse battery\n' >"$T/typed"
on_tty "cd '$T/j' && age -d -i key.age entries/2026/10/2026-10-01-2310.md.age"
expect "the age tool reads a converted entry" grep -q 'nightdrive, then nothing.' "$OUT"
every_byte "$T/remote.git" >"$T/bytes"
expect "the remote still holds the plain history (as said)" \
	grep -Eqa "$SECRETS" "$T/bytes"
git fetch -q origin	# by hand: a remote-tracking branch on the plain history
t sync
expect_rc 5 "a sync with the remote of the plain history is refused"
expect_not "and no remote-tracking branch is left on it" \
	git rev-parse -q --verify refs/remotes/origin/main
expect_err "holds a plain journal's history" "and says why"
expect_err "'tend sync --force' replaces it" "and how to replace it"
every_byte "$T/j" >"$T/bytes"
expect_not "and leaves none of that history on the disk" \
	grep -Eqa "$SECRETS" "$T/bytes"
expect "git fsck is clean" git fsck --strict

# sync --force replaces it, only while the remote is where it was
git clone -q -b main "$T/remote.git" "$T/other"
cp -a "$T/remote.git" "$T/remote-copy.git"
(cd "$T/other" && git -c user.name=o -c user.email=o@x commit -q \
	--allow-empty -m moved && git push -q origin HEAD:main)
t sync --force
expect_rc 5 "sync --force when the remote moved since is refused"
expect_err "moved since this journal was rewritten" "and says so"
expect_eq "and the remote is not replaced" \
	"$(git -C "$T/other" rev-parse HEAD)" \
	"$(git -C "$T/remote.git" rev-parse main)"
rm -rf "$T/remote.git"
mv "$T/remote-copy.git" "$T/remote.git"
t sync --force
expect_rc 0 "sync --force replaces the remote's plain history"
expect_out "Replaced the history of 'origin' (branch main)" "says so"
expect_eq "the remote is at the journal's commit" "$(git rev-parse HEAD)" \
	"$(git -C "$T/remote.git" rev-parse main)"
every_byte "$T/remote.git" >"$T/bytes"
expect_not "and no byte of the (folder) remote holds a word any more" \
	grep -Eqa "$SECRETS" "$T/bytes"
expect "the remote's git fsck is clean" git -C "$T/remote.git" fsck --strict
t sync
expect_rc 0 "a plain sync then is in step"
t sync --force
expect_rc 2 "sync --force with nothing to replace is refused"
expect_err "replaces only the history" "and says what it is for"

t encrypt --yes
expect_rc 2 "encrypt of an encrypted journal is refused"
expect_err "encrypted already" "and says so"

# and back
t new -m "Written encrypted." "After" --date "2026-11-05 09:00"
commits1=$(commits)
t decrypt
expect_rc 2 "decrypt without --yes and no terminal is refused"
t decrypt --yes
expect_rc 0 "decrypt --yes"
expect_out "Decrypted the journal: $commits1 commits rewritten" "says so"
expect_eq "as many commits" "$commits1" "$(commits)"
expect_not "key.age is gone" test -e key.age
expect "tend.ini is back" grep -q 'title = Leaving Tom' tend.ini
expect_eq "entry files are plain, under the same IDs" \
	"entries/2026/08/2026-08-01-0000.md entries/2026/09/2026-09-03-0815.md entries/2026/10/2026-10-01-2310.md entries/2026/11/2026-11-02-2140-2.md entries/2026/11/2026-11-02-2140.md entries/2026/11/2026-11-05-0900.md" \
	"$(find entries -type f | sort | paste -sd ' ')"
expect "git fsck is clean" git fsck --strict
every_byte "$T/j" >"$T/bytes"
expect_not "no age file is left in any byte of it" \
	grep -qa 'age-encryption.org' "$T/bytes"
t show 2026-11-05-0900
expect_out "Written encrypted." "an entry written while encrypted reads plain"
t decrypt --yes
expect_rc 2 "decrypt of a plain journal is refused"

# a kill at any write of encrypt: as it was, or encrypted whole
rm -rf "$T/j"
cp -a "$T/plain-copy" "$T/base"
cd "$T/base" && git checkout -q -- . && cd "$T" || exit 1
cp -a "$T/base" "$T/k"
cd "$T/k" || exit 1
tfault TEND_FAULT_LOG="$T/writes" -- encrypt --yes
expect_rc 0 "(an encrypt, its writes counted)"
total=$(wc -l <"$T/writes")
# the writes come in runs to one kind of file (git's objects, the new
# pack, the files checked out, ...): the first and last of each run
kills=$(kill_points "$T/writes")
cd "$T" || exit 1
bad=""
for k in $kills; do
	rm -rf "$T/k"
	cp -a "$T/base" "$T/k"
	cd "$T/k" || exit 1
	tfault TEND_FAULT_KILL="$k" -- encrypt --yes
	"$TEND" list >"$T/list.out" 2>"$T/list.err"
	if [ -e key.age ]; then
		every_byte "$T/k" >"$T/bytes"
		[ "$(commits)" = "$commits0" ] &&
			git fsck --strict >/dev/null 2>&1 &&
			! grep -Eqa "$SECRETS" "$T/bytes" &&
			grep -q 'Googled flats' "$T/list.out" &&
			[ ! -e .tend/convert ] &&
			[ -z "$(git status --porcelain)" ] || bad="$bad $k(enc)"
	else
		[ "$(git rev-parse HEAD)" = "$(git -C "$T/base" rev-parse HEAD)" ] &&
			git fsck --strict >/dev/null 2>&1 &&
			grep -q 'Googled flats' "$T/list.out" &&
			[ ! -e .tend/convert ] &&
			[ -z "$(git status --porcelain)" ] || bad="$bad $k(plain)"
	fi
	cd "$T" || exit 1
done
expect_eq "killed at the first and last of each run of its $total writes ($(echo $kills | wc -w) kills), the next command leaves the journal as it was or encrypted whole" \
	"" "$bad"

# and at any run of writes of decrypt: as it was, or plain whole
rm -rf "$T/ebase"
cp -a "$T/base" "$T/ebase"
cd "$T/ebase" && "$TEND" encrypt --yes >/dev/null 2>&1 && cd "$T" || exit 1
cp -a "$T/ebase" "$T/k"
cd "$T/k" || exit 1
tfault TEND_FAULT_LOG="$T/dwrites" -- decrypt --yes
expect_rc 0 "(a decrypt, its writes counted)"
kills=$(kill_points "$T/dwrites")
cd "$T" || exit 1
bad=""
for k in $kills; do
	rm -rf "$T/k"
	cp -a "$T/ebase" "$T/k"
	cd "$T/k" || exit 1
	tfault TEND_FAULT_KILL="$k" -- decrypt --yes
	"$TEND" list >"$T/list.out" 2>"$T/list.err"
	every_byte "$T/k" >"$T/bytes"
	if [ -e key.age ]; then
		[ "$(git rev-parse HEAD)" = "$(git -C "$T/ebase" rev-parse HEAD)" ] &&
			! grep -Eqa "$SECRETS" "$T/bytes" || bad="$bad $k(enc)"
	else
		[ "$(commits)" = "$commits0" ] &&
			! grep -qa 'age-encryption.org' "$T/bytes" ||
			bad="$bad $k(plain)"
	fi
	git fsck --strict >/dev/null 2>&1 &&
		grep -q 'Googled flats' "$T/list.out" &&
		[ ! -e .tend/convert ] &&
		[ -z "$(git status --porcelain)" ] || bad="$bad $k"
	cd "$T" || exit 1
done
expect_eq "killed at the first and last of each run of decrypt's writes, the next command leaves it encrypted as it was or plain whole" \
	"" "$bad"

done_testing
