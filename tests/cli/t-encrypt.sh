# An encrypted journal: init --encrypt, its key in key.age, unlock, lock
# and passwd, and what it refuses to do while it cannot yet.
. tests/cli/lib.sh

printf 'correct horse battery\n' >"$T/pass"
printf 'a new one, longer\n' >"$T/pass2"
printf 'not the one\n' >"$T/wrong"
TEND_PASSPHRASE_FILE="$T/pass"
export TEND_PASSPHRASE_FILE
J="$T/j"

t init --encrypt "$J" --title "Leaving Tom quietly"
expect_rc 0 "init --encrypt creates a journal"
expect_out "Created an encrypted journal in $J" "and says it is encrypted"
expect_out "keep it safe" "and that the passphrase cannot be recovered"
expect_eq "its first commit holds the key, the settings and .gitignore" \
	".gitignore key.age tend.ini.age" \
	"$(git -C "$J" ls-tree --name-only HEAD | paste -sd ' ')"
expect_eq "key.age and tend.ini.age are private" "600 600" \
	"$(mode "$J/key.age") $(mode "$J/tend.ini.age")"
expect_not "there is no plain tend.ini" test -e "$J/tend.ini"
expect_eq "the first commit's message names no title" \
	"Start encrypted journal" "$(git -C "$J" log -1 --format=%s)"
expect_eq "the settings are an age file" "age-encryption.org/v1" \
	"$(head -1 "$J/tend.ini.age")"
expect_eq "the key is locked with the passphrase (scrypt)" "-> scrypt" \
	"$(sed -n 2p "$J/key.age" | cut -c1-9)"
every_byte "$J" >"$T/bytes"
expect_not "no byte of the folder or its history holds the title" \
	grep -qa 'Leaving Tom' "$T/bytes"
"$TEND" init "$T/plain-titled" --title "Leaving Tom quietly" >/dev/null
every_byte "$T/plain-titled" >"$T/bytes"
expect "(where a plain journal's do)" grep -qa 'Leaving Tom' "$T/bytes"
expect "git fsck is clean" git -C "$J" fsck --strict
expect "the work tree is clean" test -z "$(git -C "$J" status --porcelain)"

# the stock age tool reads the settings with key.age and the passphrase
printf 'correct horse battery\n' >"$T/typed"
on_tty "cd '$J' && age -d -i key.age tend.ini.age"
expect_eq "age -d -i key.age reads tend.ini.age (asking the passphrase)" \
	0 "$rc"
expect "and it holds the title" grep -q 'title = Leaving Tom quietly' "$OUT"

# a passphrase typed on a terminal, twice; two that differ change nothing
printf 'one thing\nanother\n' >"$T/typed"
on_tty "env -u TEND_PASSPHRASE_FILE '$TEND' init --encrypt '$T/differ'"
expect_eq "init --encrypt with two different passphrases fails" 2 "$rc"
expect "and says they differ" grep -q 'the two passphrases differ' "$OUT"
expect_not "and makes no journal" test -e "$T/differ/key.age"
printf 'typed twice\ntyped twice\n' >"$T/typed"
on_tty "env -u TEND_PASSPHRASE_FILE '$TEND' init --encrypt '$T/typed-j'"
expect_eq "init --encrypt takes a passphrase typed twice" 0 "$rc"
printf 'typed twice\n' >"$T/typed-pass"
TEND_PASSPHRASE_FILE="$T/typed-pass" "$TEND" -J "$T/typed-j" unlock \
	>/dev/null 2>&1
expect_eq "and unlocks with it" 0 "$?"
"$TEND" -J "$T/typed-j" lock >/dev/null 2>&1

t init --encrypt "$T/nopass" </dev/null
expect_rc 0 "init --encrypt takes TEND_PASSPHRASE_FILE"
( unset TEND_PASSPHRASE_FILE
  setsid "$TEND" init --encrypt "$T/none" >"$OUT" 2>"$ERR" </dev/null
  echo $? >"$T/rc" )
rc=$(cat "$T/rc")
expect_rc 2 "init --encrypt with no way to ask for a passphrase fails"
expect_err "no terminal to ask for the new passphrase on; set TEND_PASSPHRASE_FILE" "and says what to set"
expect_not "and makes no journal" test -e "$T/none/key.age"

cd "$J" || exit 1
head0=$(git rev-parse HEAD)

# unlock, lock, and the time an unlock lasts
t unlock --for 5m
expect_rc 0 "unlock with the passphrase"
expect_out "Unlocked for 5 minutes" "says for how long"
TEND_PASSPHRASE_FILE="$T/wrong" t unlock
expect_rc 7 "unlock with a wrong passphrase: exit 7"
expect_err "wrong passphrase: the journal stays locked" "and says so"
t lock
expect_rc 0 "lock"
expect_out "Locked" "says it is locked"
t lock
expect_rc 0 "lock when locked is fine"
for bad in 0 25h 15x -1 1.5h ""; do
	t unlock --for "$bad"
	expect_rc 2 "unlock --for '$bad' is refused"
done
t unlock extra
expect_rc 2 "unlock takes no arguments"
t unlock --for 1s
expect_rc 0 "unlock --for 1s"
expect_out "Unlocked for 1 second" "(one second)"
t unlock --for 2h
expect_out "Unlocked for 2 hours" "unlock --for 2h"
t lock

# passwd: the current passphrase, then the new one
TEND_NEW_PASSPHRASE_FILE="$T/pass2" TEND_PASSPHRASE_FILE="$T/wrong" t passwd
expect_rc 7 "passwd with a wrong current passphrase: exit 7"
expect_eq "and changes nothing" "$head0" "$(git rev-parse HEAD)"
expect "key.age is as it was" git diff --quiet HEAD -- key.age
TEND_NEW_PASSPHRASE_FILE="$T/pass2" t passwd
expect_rc 0 "passwd"
expect_out "passphrase is changed" "says so"
expect_eq "and commits key.age alone" "key.age" \
	"$(git show --format= --name-only HEAD)"
expect_eq "with a message that says what kind of change" \
	"Change the passphrase" "$(subject)"
expect "the work tree is clean" test -z "$(git status --porcelain)"
t unlock
expect_rc 7 "the old passphrase no longer unlocks"
TEND_PASSPHRASE_FILE="$T/pass2" t unlock
expect_rc 0 "the new one does"
printf 'a new one, longer\n' >"$T/typed"
on_tty "cd '$J' && age -d -i key.age tend.ini.age"
expect "and age reads the settings with the new passphrase" \
	grep -q 'title = Leaving Tom quietly' "$OUT"
t lock

TEND_PASSPHRASE_FILE="$T/pass2" t passwd
expect_rc 2 "passwd with no new passphrase and no terminal fails"
expect_err "TEND_NEW_PASSPHRASE_FILE" "and says how to give one"

# in a plain journal these say there is nothing to do
cd "$T" && journal "$T/plain"
for c in unlock lock passwd; do
	t "$c"
	expect_rc 2 "$c in a plain journal is refused"
	expect_err "this journal is not encrypted" "and says why ($c)"
done

done_testing
