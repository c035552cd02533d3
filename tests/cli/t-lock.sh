# The journal lock (.tend/lock) and git's own locks: a busy journal is
# exit 4 with the holder named, and writers at the same time lose nothing.
. tests/cli/lib.sh
journal "$T/j"
mkdir -p .tend

# hold .tend/lock from another process, as another tend would
sh -c 'exec 9>>.tend/lock; flock -x 9; echo $$ >.tend/lock; : >"$1"; exec sleep 30' \
	holder "$T/ready" &
holder=$!
while [ ! -e "$T/ready" ]; do sleep 0.05; done
before=$(commits)
t new "While busy" -m "Words written while the journal is busy."
expect_rc 4 "new waits, then gives up on a held lock with exit 4"
expect_err "another tend (pid $holder) holds '.tend/lock'" "naming the holder's pid"
expect_eq "nothing is committed" "$before" "$(commits)"
expect_eq "no entry file is written" "" "$(find . -path ./.git -prune -o -name '*.md' -path './entries/*' -print)"
expect "the text is kept in a draft" grep -rq "Words written while the journal is busy." .tend/drafts
expect_err "your draft is kept in" "and the draft is named"
t save
expect_rc 4 "save (locked before it starts) is busy too"
kill "$holder"
wait "$holder" 2>/dev/null
t new "After" -m "After the other one finished."
expect_rc 0 "once the holder is gone the journal is free"
expect_eq "and a finished tend leaves no pid in the lock" "" "$(cat .tend/lock)"
rm -rf .tend/drafts

# a git lock left by another process
: >.git/index.lock
before=$(commits)
t new "Git busy" -m "Written while git was busy."
expect_rc 4 "a git index.lock is exit 4"
expect_err "git lock '$T/j/.git/index.lock' is held by another process" "naming the file"
expect_eq "nothing is committed" "$before" "$(commits)"
expect "the text is kept in a draft" grep -rq "Written while git was busy." .tend/drafts
rm .git/index.lock
rm -rf .tend/drafts

# two writers at once: twenty entries, twenty commits, nothing lost
writer() {
	for i in 1 2 3 4 5 6 7 8 9 10; do
		"$TEND" new "Writer $1 entry $i" -m "Line $i from writer $1." \
			>/dev/null 2>>"$T/writers.err" || echo "failed $1 $i" >>"$T/writers.err"
	done
}
before=$(commits)
writer a &
a=$!
writer b &
b=$!
wait $a $b
expect_eq "two writers at once make twenty commits" "$((before + 20))" "$(commits)"
expect_eq "and twenty entry files" 21 "$(find entries -name '*.md' | wc -l)"
expect_eq "no writer failed" "" "$(cat "$T/writers.err" 2>/dev/null)"
for w in a b; do
	for i in 1 2 3 4 5 6 7 8 9 10; do
		grep -rqx "Line $i from writer $w." entries || echo "lost $w $i"
	done
done >"$T/lost"
expect_eq "every line written is in the journal" "" "$(cat "$T/lost")"
expect "git fsck is clean" git fsck --strict
expect "the work tree is clean" test -z "$(git status --porcelain)"
done_testing
