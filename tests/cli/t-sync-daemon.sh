# tend sync and clone over git:// through a real git daemon on 127.0.0.1:
# a journal's first push to an empty bare repository, clones, edits on
# both sides, a push a pre-receive hook refuses, and a server gone away.
. tests/cli/lib.sh
. tests/cli/servers.sh
need_git_daemon

srv="$T/srv"
bare="$srv/x.git"
mkdir -p "$srv"
# as a server's owner makes it: git init --bare, its HEAD naming git's
# default branch, which need not be the journal's main
git init -q --bare "$bare"
start_git_daemon "$srv"
url="git://127.0.0.1:$GIT_PORT/x.git"

# state: what a failed sync must leave as it was
state() {
	git rev-parse HEAD
	git for-each-ref --format='%(refname) %(objectname)'
	git status --porcelain
}

# --- an empty remote cannot be cloned ---------------------------------
cd "$T"
t clone "$url" "$T/e"
expect_rc 1 "clone of an empty remote is exit 1"
expect_err "tend remote add" "with the hint to init, add the remote and sync"
expect_not "and no folder is left behind" test -e "$T/e"

# --- the first push to the empty bare repository -----------------------
journal "$T/a"
t new "Apple" -m "Words of apricot-from-a." --date "2026-11-01 10:00"
apple=$(cat "$OUT")
t new "Almond" -m "Words of almond-from-a." --date "2026-11-02 10:00"
t remote add origin "$url"
expect_rc 0 "remote add origin git://"
n_a=$(commits)
t sync
expect_rc 0 "the first sync pushes to the empty repository"
expect_out "Sent $n_a commit" "and says it sent every commit"
expect_eq "the remote's main is the journal's HEAD" \
	"$(git rev-parse HEAD)" "$(main_of "$bare")"
expect_eq "nothing but main is pushed" "refs/heads/main" \
	"$(git -C "$bare" for-each-ref --format='%(refname)')"
expect_fsck "the remote is clean after the first push" "$bare"
expect_words "the remote has the words" "$bare" apricot-from-a almond-from-a
t sync
expect_rc 0 "a second sync"
expect_out "Up to date with 'origin'" "has nothing to move"

# --- a pre-receive hook refuses the push -------------------------------
cat >"$bare/hooks/pre-receive" <<'EOF'
#!/bin/sh
echo "tend-test: pushes are closed for maintenance" >&2
exit 1
EOF
chmod +x "$bare/hooks/pre-receive"
t new "Damson" -m "Words of damson-from-a." --date "2026-11-03 10:00"
mine=$(git rev-parse HEAD)
theirs=$(main_of "$bare")
before=$(state)
t sync
expect_rc 5 "a push the hook refuses is exit 5"
expect_err "tend-test: pushes are closed for maintenance" \
	"stderr carries the hook's reason"
if grep -qF -e "pushes are closed for maintenance" -e "pre-receive hook declined" \
	"$ERR"; then
	pass "stderr says the remote declined the push"
else
	fail "stderr says the remote declined the push" "stderr: $(cat "$ERR")"
fi
expect_eq "the remote's main did not move" "$theirs" "$(main_of "$bare")"
expect_eq "the journal keeps its commit" "$mine" "$(git rev-parse HEAD)"
expect_eq "and nothing else changed locally" "$before" "$(state)"
expect_words "the words are still in the journal" "$T/a" damson-from-a
rm "$bare/hooks/pre-receive"
t sync
expect_rc 0 "once the hook is gone the sync goes through"
expect_out "Sent 1 commit" "sending the one held back"
expect_eq "the remote's main is the journal's HEAD again" \
	"$mine" "$(main_of "$bare")"
expect_fsck "the remote is clean after the refused push" "$bare"
expect_words "the remote has all the words" "$bare" apricot-from-a \
	almond-from-a damson-from-a

# --- clones ------------------------------------------------------------
mkdir "$T/full"
echo "mine" >"$T/full/keep.txt"
t clone "$url" "$T/full"
expect_rc 1 "clone into a folder that is not empty is exit 1"
expect_eq "and leaves the folder as it was" "keep.txt" "$(ls -A "$T/full")"
expect_eq "with its file untouched" "mine" "$(cat "$T/full/keep.txt")"

cd "$T"
t clone "$url" "$T/x"
expect_rc 0 "clone git://127.0.0.1:PORT/x.git DIR"
expect "makes DIR a journal" "$TEND" -J "$T/x" list
expect_eq "at the remote's main" "$mine" "$(git -C "$T/x" rev-parse HEAD)"
expect_eq "on the branch main" main "$(git -C "$T/x" symbolic-ref --short HEAD)"
expect_words "the clone has the words" "$T/x" apricot-from-a \
	almond-from-a damson-from-a

mkdir "$T/b"
t clone "$url" "$T/b"
expect_rc 0 "clone into an existing empty folder"
if ! "$TEND" -J "$T/b" list >"$T/b.list" 2>&1; then
	echo "Bail out! the clone in $T/b is not a journal: $(head -c 300 "$T/b.list")"
	exit 1
fi
expect_eq "whose origin is the URL" "$url" "$(git -C "$T/b" remote get-url origin)"
cd "$T/b"
t remote list
expect_out "origin	$url" "remote list names it"

# --- edits on both sides ----------------------------------------------
t new "Banana" -m "Words of banana-from-b." --date "2026-11-04 10:00"
printf '\nblueberry-from-b, added by hand.\n' >>"$(entry_file "$apple")"
t sync
expect_rc 0 "b sends a new entry and an edit it did not save"
expect_out "Sent 2 commit" "two commits: the entry and the saved edit"
expect_eq "the remote has b's HEAD" "$(git rev-parse HEAD)" "$(main_of "$bare")"
expect_eq "nothing is left unsaved in b" "" "$(git status --porcelain)"

cd "$T/a"
t new "Cherry" -m "Words of cherry-from-a." --date "2026-11-05 10:00"
t sync
expect_rc 0 "a receives b's commits and sends its own"
expect_out "Received 2 commit" "it received b's two commits"
expect_out "Sent" "and sent its own"
expect_eq "a merge commit joins the two" 3 "$(git rev-list --parents -1 HEAD | wc -w)"
expect_eq "the remote has a's HEAD" "$(git rev-parse HEAD)" "$(main_of "$bare")"
expect_words "a has every word" "$T/a" apricot-from-a almond-from-a \
	damson-from-a banana-from-b blueberry-from-b cherry-from-a
expect "a's edited entry has both the old and the new words" \
	grep -q "blueberry-from-b" "$(entry_file "$apple")"

cd "$T/b"
t sync
expect_rc 0 "b syncs again"
expect_out "Received" "and receives a's work"
expect_eq "b is at the remote's main" "$(main_of "$bare")" "$(git rev-parse HEAD)"
expect_eq "which is a's HEAD" "$(git -C "$T/a" rev-parse HEAD)" "$(git rev-parse HEAD)"
expect_words "b has every word" "$T/b" apricot-from-a almond-from-a \
	damson-from-a banana-from-b blueberry-from-b cherry-from-a
expect_words "and the remote" "$bare" apricot-from-a almond-from-a \
	damson-from-a banana-from-b blueberry-from-b cherry-from-a
t list
expect_out "Cherry" "b lists a's entry"
expect_fsck "the remote is clean after the edits both ways" "$bare"
expect_fsck "a is clean" "$T/a"
expect_fsck "b is clean" "$T/b"

cd "$T/a"
head_a=$(git rev-parse HEAD)
t sync
expect_rc 0 "a syncs with nothing new"
expect_out "Up to date with 'origin'" "and is up to date"
expect_eq "and makes no commit" "$head_a" "$(git rev-parse HEAD)"

# --- what comes in as deltas is resolved, with progress on a terminal --
# a long entry, then the same with a line more: git's pack sends the
# second as a delta against the first, which b has
long=$(i=0; while [ $i -lt 300 ]; do
	echo "Line $i of a long evening, the kitchen, the river, again."
	i=$((i + 1))
done)
t new "Long evening" -m "$long" --date "2026-11-05 21:00"
t sync
cd "$T/b"
t sync
cd "$T/a"
printf '\nAnd one more thought, the next morning.\n' \
	>>"$(find entries -name '*-long-evening.md')"
t save
t sync
cd "$T/b"
tty_clock 1000 sync
expect_rc 0 "a sync on a terminal that receives a delta"
expect "shows the deltas worked out" \
	grep -q 'tend: resolving [0-9]* of [0-9]* deltas (100%)' "$OUT"
expect "and the files written" \
	grep -q 'tend: checking out 1 of 1 files (100%)' "$OUT"
expect "b has the new line" grep -rq 'one more thought' entries
cd "$T"
tty_clock 1000 clone "$url" "$T/c"
expect_rc 0 "a clone on a terminal"
expect "shows its files written" \
	grep -q 'tend: checking out [0-9]* of [0-9]* files (100%)' "$OUT"
cd "$T/a"

# --- the server goes away ----------------------------------------------
stop_server "$GIT_PID"
before=$(state)
t sync
expect_rc 5 "a sync with the server gone is exit 5"
expect "with a reason on stderr" test -s "$ERR"
expect_eq "and nothing local changed" "$before" "$(state)"
cd "$T"
t clone "$url" "$T/gone"
expect_rc 5 "a clone with the server gone is exit 5"
expect_not "and leaves no folder" test -e "$T/gone"
done_testing
