# A tend killed while it holds git's locks (committing, fetching, pushing
# to a folder remote) leaves nothing that stops the next command: the
# next tend that takes the journal lock removes what the killed one
# provably left, and only that. A lock of any other process is respected,
# and a locked folder remote is named with the way to clear it.
. tests/cli/lib.sh

bare() {
	git init -q --bare --initial-branch=main "$1"
}

# locks DIR: the lock files in git folder DIR
locks() {
	find "$1" -name '*.lock' | sort
}

journal "$T/j"

# --- killed while committing ----------------------------------------------

for lock in refs/heads/main.lock index.lock; do
	tfault TEND_FAULT_KILL=1 TEND_FAULT_PATH="/.git/$lock" -- \
		new -m "words before the kill at $lock" "kill $lock"
	expect_rc 137 "$lock: new was killed while it held $lock"
	expect "$lock: which it left behind" test -e ".git/$lock"
	before=$(commits)
	t new -m "the next entry after $lock" "next $lock"
	expect_rc 0 "$lock: the next new is not stopped by it"
	expect_err "removed '$T/j/.git/$lock', which a tend that was stopped" \
		"$lock: and says it removed the leftover"
	expect_eq "$lock: it committed" "$((before + 1))" "$(commits)"
	expect_eq "$lock: no lock is left" "" "$(locks .git)"
	expect_eq "$lock: .tend/lock holds no notes after" "" "$(cat .tend/lock)"
	t save
	expect_rc 0 "$lock: save commits what the killed new wrote"
	expect "$lock: its words are committed" \
		git grep -q "words before the kill at $lock" HEAD -- entries
	expect "$lock: git fsck is clean" git fsck --strict --no-progress
done

tfault TEND_FAULT_KILL=1 TEND_FAULT_PATH=/.git/refs/heads/main.lock -- \
	goal add calm "Stay calm"
expect_rc 137 "goal add was killed while it held the branch lock"
t goal add kind "Be kind"
expect_rc 0 "the next goal add is not stopped by it"
expect_eq "no lock is left" "" "$(locks .git)"

# --- locks that are not the killed tend's own -----------------------------

: >.git/index.lock
before=$(commits)
t new -m "written while git was busy" busy
expect_rc 4 "a git lock no tend noted is respected: exit 4"
expect "and left where it is" test -e .git/index.lock
expect_eq "nothing is committed" "$before" "$(commits)"
rm -f .git/index.lock
rm -rf .tend/drafts

# the killed tend noted the lock, but this one is older than the note
tfault TEND_FAULT_KILL=1 TEND_FAULT_PATH=/.git/refs/heads/main.lock -- \
	new -m "words of the old one" "old lock"
touch -d '10 minutes ago' .git/refs/heads/main.lock
t new -m "written after" after-old
expect_rc 4 "a lock older than the note is not taken for the killed one's"
expect "and is left" test -e .git/refs/heads/main.lock
rm -f .git/refs/heads/main.lock
rm -rf .tend/drafts

# the killed tend noted the lock, but a live process has it open
tfault TEND_FAULT_KILL=1 TEND_FAULT_PATH=/.git/refs/heads/main.lock -- \
	new -m "words of the held one" "held lock"
sh -c 'exec 8<"$1"; : >"$2"; exec sleep 30' holder \
	.git/refs/heads/main.lock "$T/ready" &
holder=$!
while [ ! -e "$T/ready" ]; do sleep 0.05; done
t new -m "written while held" while-held
expect_rc 4 "a noted lock that a live process holds open is respected"
expect "and is left" test -e .git/refs/heads/main.lock
kill "$holder"
wait "$holder" 2>/dev/null
rm -rf .tend/drafts
t new -m "written when free" when-free
expect_rc 0 "once nobody holds it, it is the killed one's leftover"
expect_eq "and it is gone" "" "$(locks .git)"
t save
expect "git fsck is clean" git fsck --strict --no-progress

# --- killed while syncing ---------------------------------------------------

bare "$T/r.git"
t remote add origin "$T/r.git"
t sync
expect_rc 0 "the journal syncs with a folder remote"
cd "$T" || exit 1
t clone "$T/r.git" "$T/b"
expect_rc 0 "a second machine clones it"
cd "$T/j" || exit 1

"$TEND" -J "$T/b" new -m "from b" "from b" >/dev/null 2>&1
"$TEND" -J "$T/b" sync >/dev/null 2>&1
tfault TEND_FAULT_KILL=1 TEND_FAULT_PATH=/.git/refs/remotes/origin/main.lock \
	-- sync
expect_rc 137 "sync was killed while fetching"
t sync
expect_rc 0 "the next sync is not stopped by the fetch's leftover"
expect_eq "no lock is left here" "" "$(locks .git)"
expect "and b's entry came in" git grep -q "from b" HEAD -- entries

# a push moves origin/main here once the remote took it: nothing to fetch
t new -m "pushed, then killed" "pushed then killed"
tfault TEND_FAULT_KILL=1 TEND_FAULT_PATH=/.git/refs/remotes/origin/main.lock \
	-- sync
expect_rc 137 "sync was killed as its push moved origin/main here"
expect_eq "the remote took the push" "$(git rev-parse HEAD)" \
	"$(git -C "$T/r.git" rev-parse main)"
t sync
expect_rc 0 "the next sync is not stopped by the push's leftover"
expect_eq "no lock is left here after it" "" "$(locks .git)"

t new -m "to push" "to push"
tfault TEND_FAULT_KILL=1 TEND_FAULT_PATH="$T/r.git/refs/heads/main.lock" -- \
	sync
expect_rc 137 "sync was killed while pushing into the folder remote"
expect "which it left locked" test -e "$T/r.git/refs/heads/main.lock"

"$TEND" -J "$T/b" new -m "b again" "b again" >/dev/null 2>&1
t -J "$T/b" sync
expect_rc 5 "another machine's push to the locked remote is exit 5"
expect_err "cannot push to 'origin': it is locked by '$T/r.git/refs/heads/main.lock'" \
	"naming the lock file"
expect_err "if no git or tend is pushing to 'origin' now, remove the file" \
	"and how to clear it safely"
expect "b does not remove what it cannot prove is a leftover" \
	test -e "$T/r.git/refs/heads/main.lock"

t sync
expect_rc 0 "the killed machine's next sync clears its own leftover"
expect_err "removed '$T/r.git/refs/heads/main.lock', which a tend that was stopped" \
	"and says so"
expect_eq "the remote holds no lock" "" "$(locks "$T/r.git")"
expect_eq "and has what was pushed" "$(git rev-parse HEAD)" \
	"$(git -C "$T/r.git" rev-parse main)"
t -J "$T/b" sync
expect_rc 0 "then b syncs again"
expect "the remote passes git fsck" git -C "$T/r.git" fsck --strict --no-progress
t sync
expect_eq "both machines hold the same entries" "" \
	"$(diff -r "$T/j/entries" "$T/b/entries")"

# a lock in the remote that no tend here noted stays, and is named
: >"$T/r.git/refs/heads/main.lock"
t new -m "one more" "one more"
t sync
expect_rc 5 "a lock in the remote nobody here noted is exit 5"
expect "and stays" test -e "$T/r.git/refs/heads/main.lock"
rm -f "$T/r.git/refs/heads/main.lock"
t sync
expect_rc 0 "once it is removed the sync goes through"

done_testing
