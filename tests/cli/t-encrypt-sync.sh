# sync and clone of an encrypted journal: two clones through a bare
# remote, edits both ways, conflict copies as in a plain journal, no
# word readable in any of them or the remote; a plain journal and one of
# another key are never joined to it.
. tests/cli/lib.sh

encrypted_setup
SECRETS="Googled flats|zanzibarquiet|bluntfeeling|tagtomsecret|nightdrive"
SECRETS="$SECRETS|mineonly|theirsonly|Leaving Tom|Samantha|Alexander"

git init -q --bare "$T/remote.git"
"$TEND" init --encrypt "$T/a" --title "Leaving Tom" >/dev/null 2>&1
cd "$T/a" || exit 1
t new -m "zanzibarquiet at the start." "Googled flats" --tag tagtomsecret \
	--feeling bluntfeeling --date "2026-11-02 21:40"
id=$(cat "$OUT")
t remote add origin "$T/remote.git"
t sync
expect_rc 0 "sync pushes an encrypted journal"
expect_eq "the remote has its branch" "$(git rev-parse HEAD)" \
	"$(git -C "$T/remote.git" rev-parse main)"

cd "$T" || exit 1
t clone "$T/remote.git" "$T/b"
expect_rc 0 "clone of an encrypted journal"
expect_out "Cloned an encrypted journal of 1 entry into $T/b" "says so"
expect "key.age came with it" test -f "$T/b/key.age"
cd "$T/b" || exit 1
t show "$id"
expect_out "zanzibarquiet at the start." "the clone reads with the passphrase"
t new -m "nightdrive from b." "From b" --date "2026-11-03 08:00"
t sync
expect_rc 0 "b syncs"
cd "$T/a" || exit 1
t sync
expect_rc 0 "a syncs"
t show 2026-11-03-0800
expect_out "nightdrive from b." "a has b's entry"

# both sides edit one entry: a conflict copy, encrypted, as in a plain one
mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor mine 'printf "mineonly words.\n" >>"$1"'
mk_editor theirs 'printf "theirsonly words.\n" >>"$1"'
EDITOR="$T/mine" t edit "$id"
expect_rc 0 "(a edits the entry)"
t sync
cd "$T/b" || exit 1
EDITOR="$T/theirs" t edit "$id"
t sync
expect_rc 6 "b's sync leaves a conflict copy (exit 6)"
copy=$(find entries -name "$id.conflict-*.md.age")
expect "the copy is ID.conflict-HASH.md.age" test -n "$copy"
t show "$id"
expect_out "theirsonly words." "b keeps its own version at the entry's path"
printf 'correct horse battery\n' >"$T/typed"
on_tty "cd '$T/b' && age -d -i key.age '$copy'"
expect "the copy holds a's version, encrypted" grep -q 'mineonly words.' "$OUT"
t status
expect_out "$copy" "status lists the copy"
t check
expect_rc 3 "check reports it"
rm "$copy"
t sync
expect_rc 0 "b syncs once the copy is dealt with"
cd "$T/a" && t sync && cd "$T/b" || exit 1
expect_eq "a and b are at one commit" "$(git -C "$T/a" rev-parse HEAD)" \
	"$(git rev-parse HEAD)"

# names a sync takes out of [share] redact stay hidden here, sealed
recipient=$(printf 'correct horse battery\n' |
	script -qec "age -d '$T/a/key.age'" /dev/null |
	sed -n 's/.*public key: \(age1[a-z0-9]*\).*/\1/p' | tr -d '\r')
expect "(the journal's public key is in key.age)" test -n "$recipient"
cd "$T/a" || exit 1
printf '[share]\nredact = Samantha=my sister, Alexander=my partner\n' |
	age -r "$recipient" -o tend.ini.age
t new -m "Samantha and Alexander came by." "Visit" --date "2026-11-05 18:00"
t save
t sync
expect_rc 0 "(a syncs names to redact, in tend.ini.age)"
cd "$T/b" || exit 1
t sync
printf '[share]\nredact = Alexander=my partner\n' |
	age -r "$recipient" -o tend.ini.age
t save
t sync
expect_rc 0 "(b takes Samantha out of [share] redact and syncs)"
cd "$T/a" || exit 1
t sync
expect_rc 0 "a syncs what b changed"
expect_err "the sync took 'Samantha=my sister' out of [share] redact in tend.ini.age; on this machine it stays hidden (kept in .tend/config.ini.age)" \
	"and keeps the name it took out, saying where"
expect_eq "which is an age file" "age-encryption.org/v1" \
	"$(head -1 .tend/config.ini.age)"
expect_not "not a plain .tend/config.ini" test -e .tend/config.ini
t export --format md --redact
expect_rc 0 "export --redact"
expect_out "my sister and my partner came by." \
	"still hides the name, read from the sealed file"
t -J "$T/b" export --format md --redact
expect_out "Samantha and my partner came by." \
	"(where it was taken out by hand, it is not hidden)"

# nothing readable in either clone or the remote
for where in "$T/a" "$T/b" "$T/remote.git"; do
	every_byte "$where" >"$T/bytes"
	git -C "$where" log --all --format=%B >>"$T/bytes"
	expect_not "no word of the journal in any byte of $(basename "$where")" \
		grep -Eqa "$SECRETS" "$T/bytes"
done

# a plain journal and a journal of another key are never joined to it
"$TEND" init "$T/plain" >/dev/null
cd "$T/plain" || exit 1
new_entry "Plain one" "2026-11-04 10:00"
t remote add origin "$T/remote.git"
head0=$(git rev-parse HEAD)
t sync
expect_rc 5 "a plain journal's sync with an encrypted remote is refused"
expect_err "holds an encrypted journal, and this one is plain" "and says so"
expect_eq "nothing was joined" "$head0" "$(git rev-parse HEAD)"
expect_not "no key.age came in" test -e key.age
expect "git fsck is clean" git fsck --strict
expect_not "and the remote-tracking ref is not left on it" \
	git rev-parse -q --verify refs/remotes/origin/main
git init -q --bare "$T/plain.git"
t remote add plainremote "$T/plain.git"
t sync plainremote
cd "$T/a" || exit 1
t remote add plainremote "$T/plain.git"
head0=$(git rev-parse HEAD)
t sync plainremote
expect_rc 5 "an encrypted journal's sync with a plain remote is refused"
expect_err "holds a plain journal's history" "and says so"
expect_eq "nothing was joined" "$head0" "$(git rev-parse HEAD)"
every_byte "$T/a" >"$T/bytes"
expect_not "and none of what came in is left on the disk" \
	grep -qa "Words of Plain one" "$T/bytes"
expect "git fsck is clean" git fsck --strict
"$TEND" init --encrypt "$T/c" >/dev/null 2>&1
cd "$T/c" || exit 1
t new -m "Other key." "Other" --date "2026-11-04 11:00"
t remote add origin "$T/remote.git"
head0=$(git rev-parse HEAD)
t sync
expect_rc 5 "a journal of another key is refused"
expect_err "encrypted to another key" "and says so"
expect_eq "nothing was joined" "$head0" "$(git rev-parse HEAD)"

# a new passphrase reaches the other clone with a sync
cd "$T/a" || exit 1
printf 'the new one\n' >"$T/pass2"
TEND_NEW_PASSPHRASE_FILE="$T/pass2" t passwd
t sync
expect_rc 7 "after passwd the old passphrase opens a no more"
TEND_PASSPHRASE_FILE="$T/pass2" t sync
expect_rc 0 "a syncs its new key.age"
cd "$T/b" || exit 1
TEND_PASSPHRASE_FILE="$T/pass2" t sync
expect_rc 7 "b's sync still needs b's passphrase, the old one"
t sync
expect_rc 0 "which it takes"
TEND_PASSPHRASE_FILE="$T/pass2" t list
expect_rc 0 "and from then on b opens with the new one"
t list
expect_rc 7 "not the old one"

# decrypted, the names a sync took out of [share] redact stay hidden
cd "$T/a" || exit 1
TEND_PASSPHRASE_FILE="$T/pass2" t decrypt --yes
expect_rc 0 "a is decrypted"
expect_not "it has no sealed settings of its own any more" \
	test -e .tend/config.ini.age
expect "the names they held are in .tend/config.ini" \
	grep -qx "redact = Samantha=my sister" .tend/config.ini
t export --format md --redact
expect_out "my sister and my partner came by." "and still hidden"
expect_not "with no word of warning" grep -q "config.ini" "$ERR"

done_testing
