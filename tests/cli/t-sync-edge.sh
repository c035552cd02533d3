# sync at its edges: unrelated journals, conflict copies of files that are
# not entries, a fetch that fails before anything is saved, reports.
. tests/cli/lib.sh
git init -q --bare "$T/bare.git"

journal "$T/a"
t new "First" -m "Words from a." --date "2026-11-01 10:00"
t remote add origin "$T/bare.git"
t sync
expect_rc 0 "a's first sync"

# a second journal that did not come from the first
"$TEND" init "$T/other" --title "Another" >/dev/null
cd "$T/other" || exit 1
t new "Elsewhere" -m "Words of another journal." --date "2026-11-02 10:00"
t remote add origin "$T/bare.git"
head=$(git rev-parse HEAD)
t sync
expect_rc 1 "two unrelated journals are not joined"
expect_err "no history in common" "and the message says why"
expect_eq "HEAD did not move" "$head" "$(git rev-parse HEAD)"
expect_eq "the remote did not move" "$(git -C "$T/a" rev-parse HEAD)" \
	"$(git -C "$T/bare.git" rev-parse main)"

# a remote folder that is not there: nothing is saved, nothing moves
cd "$T/a" || exit 1
f=$(find entries -name '*first.md')
printf '\nAn edit not saved yet.\n' >>"$f"
t remote add usb "$T/no-such-disk/journal.git"
head=$(git rev-parse HEAD)
t sync usb
expect_rc 5 "a remote folder that is missing is a remote problem"
expect_err "there is no folder '$T/no-such-disk/journal.git'" "named plainly"
expect_eq "HEAD did not move" "$head" "$(git rev-parse HEAD)"
expect_eq "the edit is still pending, not committed" " M $f" \
	"$(git status --porcelain -- entries)"
t sync
expect_rc 0 "the good remote syncs"
expect_out "Saved 1 change made outside tend." "saving the pending edit first"
expect_out "Sent 1 commit to 'origin' (branch main)." "then sending it"
t sync
expect_out "Up to date with 'origin'." "a second sync has nothing to do"

# tend.ini changed on both sides: a copy beside it, listed everywhere
"$TEND" clone "$T/bare.git" "$T/b" >/dev/null 2>&1
printf '\n[mood]\nscale = 7\n' >>"$T/a/tend.ini"
printf '\n[mood]\nscale = 5\n' >>"$T/b/tend.ini"
t sync
expect_rc 0 "a sends its tend.ini"
cd "$T/b" || exit 1
t sync
expect_rc 6 "b gets a conflict"
copy=$(ls tend.conflict-*.ini)
expect_out "theirs is in $copy" "named tend.conflict-SHORTHASH.ini"
expect "b's own value stays in tend.ini" grep -qx 'scale = 5' tend.ini
expect "a's value is in the copy" grep -qx 'scale = 7' "$copy"
t status
expect_out "  $copy" "status lists the copy"
t check
expect_rc 3 "check reports it"
expect_out "$copy:1:1: a conflict copy left by a sync" "by name"
rm "$copy"
t save
t check
expect_rc 0 "until it is deleted and saved"
t status
expect_no_out "conflict" "status no longer lists it"
expect "git fsck --strict is clean on b" git fsck --strict
expect "and on the remote" git -C "$T/bare.git" fsck --strict

# progress on a terminal, none in a pipe
cd "$T/a" || exit 1
for i in 1 2 3; do t new "More $i" -m "Words $i."; done
t sync
cd "$T/b" || exit 1
tty_clock 1000 sync
expect_rc 0 "a sync on a terminal"
expect "a terminal sees the objects come in" \
	grep -q 'tend: receiving [0-9]* of [0-9]* objects ([0-9]*%)' "$OUT"
expect "and the line is cleared before the report" \
	grep -q "$(printf '\r\033\\[K')Received [0-9]* commits from 'origin'" \
	"$OUT"
cd "$T/a" || exit 1
t new "Quickly" -m "Words."
t sync
cd "$T/b" || exit 1
tty_clock 0 sync
expect_out "Received 1 commit from 'origin'" "a quick sync on a terminal"
expect_no_out "receiving" "shows no progress"
for i in 1 2 3; do t new "Back $i" -m "Words $i."; done
tty_clock 1000 sync
expect "a terminal sees the objects go" \
	grep -q 'tend: sending [0-9]* of [0-9]* objects ([0-9]*%)' "$OUT"
expect "and the line is cleared before the report" \
	grep -q "$(printf '\r\033\\[K')Sent 3 commits to 'origin'" "$OUT"
cd "$T/a" || exit 1
t new "Once more" -m "Words."
t sync
cd "$T/b" || exit 1
t sync
expect_no_err "receiving" "no progress when stderr is not a terminal"

# remote add and sync refuse what they cannot use
t remote add "bad name" "$T/bare.git"
expect_rc 2 "a remote name with a space is refused"
t remote frob
expect_rc 2 "an unknown remote subcommand is a usage error"
t remote list extra
expect_rc 2 "remote list takes no arguments"
t sync nowhere
expect_rc 2 "sync with a remote that does not exist"
expect_err "no remote 'nowhere'" "names it"
t sync a b
expect_rc 2 "sync takes one remote"

# clone refuses a folder inside a journal and a repository that is no journal
t clone "$T/bare.git" "$T/b/inner"
expect_rc 1 "clone into a journal is refused"
expect_eq "and makes nothing there" "no" "$(test -e "$T/b/inner" && echo yes || echo no)"
git init -q "$T/plain" && git -C "$T/plain" -c user.name=x -c user.email=x@x \
	commit -q --allow-empty -m empty
t clone "$T/plain" "$T/c"
expect_rc 1 "a git repository that is not a journal is refused"
expect_err "no tend.ini" "and says why"
expect_eq "no folder is left behind" "no" "$(test -e "$T/c" && echo yes || echo no)"
mkdir "$T/empty-dir"
t clone "$T/plain" "$T/empty-dir"
expect_rc 1 "refused into an empty folder too"
expect_eq "which stays, empty" "" "$(ls -A "$T/empty-dir")"

done_testing
