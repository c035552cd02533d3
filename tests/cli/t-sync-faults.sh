# A sync that cannot write what it fetched (a full disk, a broken one, a
# kill) leaves no empty or cut file, changes nothing it cannot finish, and
# never pushes an emptied entry; an entry file emptied some other way is
# never saved as an edit.
. tests/cli/lib.sh

bare() {
	git init -q --bare --initial-branch=main "$1"
}

# short TEXT: an entry text of many lines, so that half of it is a cut
long_text() {
	i=0
	while [ $i -lt 400 ]; do
		echo "line $i of what I need to say, and why it matters $1"
		i=$((i + 1))
	done
}

# empties DIR: the entry files of DIR that are empty
empties() {
	find "$1/entries" -type f -size 0 2>/dev/null
}

bare "$T/r.git"
journal "$T/a"
t remote add origin "$T/r.git"
t sync
expect_rc 0 "the first sync pushes the journal"
cd "$T" || exit 1
t clone "$T/r.git" "$T/b"
expect_rc 0 "a second machine clones it"

# a: a long entry; b: sync it in while the disk is full
"$TEND" -J "$T/a" new -m "$(long_text first)" "long one" >/dev/null 2>&1
"$TEND" -J "$T/a" sync >/dev/null 2>&1
path=$(cd "$T/a" && find entries -name '*long-one.md')
head_b=$(git -C "$T/b" rev-parse HEAD)

for mode in whole partial eio; do
	case $mode in
	whole) fault="TEND_FAULT_WRITE=1" ;;
	partial) fault="TEND_FAULT_WRITE=1 TEND_FAULT_PARTIAL=1" ;;
	eio) fault="TEND_FAULT_WRITE=1 TEND_FAULT_ERRNO=EIO" ;;
	esac
	# every write in the journal but git's own folder fails
	# shellcheck disable=SC2086
	tfault $fault TEND_FAULT_PATH="$T/b/" TEND_FAULT_EXCEPT=/.git/:/.tend/lock -- \
		-J "$T/b" sync
	expect_rc 1 "$mode: a sync that cannot write the fetched entry fails"
	case $mode in
	eio) expect_err "Input/output error" "$mode: and says why" ;;
	*) expect_err "No space left on device" "$mode: and says why" ;;
	esac
	expect_eq "$mode: no empty entry file is left" "" "$(empties "$T/b")"
	expect_not "$mode: nor a cut one" test -e "$T/b/$path"
	expect_eq "$mode: HEAD did not move" "$head_b" \
		"$(git -C "$T/b" rev-parse HEAD)"
	expect_eq "$mode: git sees nothing changed" "" \
		"$(git -C "$T/b" status --porcelain)"
	t -J "$T/b" status
	expect_out "Nothing to save" "$mode: status shows no edit of the user's"
	t -J "$T/b" check
	expect_rc 0 "$mode: check finds nothing wrong"
	expect_eq "$mode: no temporary file is left" "" \
		"$(find "$T/b" -path "$T/b/.git" -prune -o -name '*.tmp*' \
			-print)"
done

t -J "$T/b" sync
expect_rc 0 "with room again the sync finishes"
expect "the entry came in whole" cmp "$T/a/$path" "$T/b/$path"
expect_eq "b is where a is" "$(git -C "$T/a" rev-parse HEAD)" \
	"$(git -C "$T/b" rev-parse HEAD)"
expect_eq "git sees nothing changed" "" "$(git -C "$T/b" status --porcelain)"

# the same when both sides changed and the sync joins them
"$TEND" -J "$T/a" new -m "$(long_text second)" "second long" >/dev/null 2>&1
"$TEND" -J "$T/a" sync >/dev/null 2>&1
path2=$(cd "$T/a" && find entries -name '*second-long.md')
"$TEND" -J "$T/b" new -m "written on b" "on b" >/dev/null 2>&1
head_b=$(git -C "$T/b" rev-parse HEAD)
tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH="$T/b/" TEND_FAULT_EXCEPT=/.git/:/.tend/lock \
	-- -J "$T/b" sync
expect_rc 1 "join: a full disk stops the sync"
expect_eq "join: no empty entry file" "" "$(empties "$T/b")"
expect_not "join: nor a cut one" test -e "$T/b/$path2"
expect_eq "join: HEAD did not move" "$head_b" "$(git -C "$T/b" rev-parse HEAD)"
expect_eq "join: git sees nothing changed" "" \
	"$(git -C "$T/b" status --porcelain)"
t -J "$T/b" sync
expect_rc 0 "join: with room the sync joins and pushes"
expect "join: the entry came in whole" cmp "$T/a/$path2" "$T/b/$path2"
expect_eq "join: the remote has it whole" "$(cat "$T/a/$path2")" \
	"$(git -C "$T/r.git" show "main:$path2")"
"$TEND" -J "$T/a" sync >/dev/null 2>&1
expect_eq "join: and so has a, after its sync" "" \
	"$(cd "$T" && diff -r -x .git -x .tend a/entries b/entries)"

# killed while writing the fetched files: nothing cut is left, and the
# next sync finishes
"$TEND" -J "$T/a" new -m "$(long_text third)" "third long" >/dev/null 2>&1
"$TEND" -J "$T/a" sync >/dev/null 2>&1
path3=$(cd "$T/a" && find entries -name '*third-long.md')
tfault TEND_FAULT_KILL=1 TEND_FAULT_PATH="$T/b/.tend/checkout" -- \
	-J "$T/b" sync
expect_rc 137 "kill: the sync was killed while writing"
expect_eq "kill: no empty entry file" "" "$(empties "$T/b")"
expect_not "kill: nor a cut one" test -e "$T/b/$path3"
t -J "$T/b" sync
expect_rc 0 "kill: the next sync finishes"
expect "kill: the entry came in whole" cmp "$T/a/$path3" "$T/b/$path3"
expect_eq "kill: git sees nothing changed" "" \
	"$(git -C "$T/b" status --porcelain)"

# an entry file emptied by hand (or by an older tend) is never saved
cd "$T/b" || exit 1
: >"$path"
before=$(git rev-parse HEAD)
t status
expect_out "emptied, never saved: $path" "status names the emptied entry"
t save
expect_rc 0 "save goes on"
expect_err "not saving '$path': the file is empty" "and says it leaves it"
expect_eq "save commits nothing" "$before" "$(git rev-parse HEAD)"
t check
expect_rc 3 "check: an empty entry file is a problem"
expect_out "$path:1:1: the file is empty" "check names it"
t sync
expect_rc 0 "sync goes on"
expect_eq "sync commits nothing" "$before" "$(git rev-parse HEAD)"
expect_eq "the remote keeps the text" "$(cat "$T/a/$path")" \
	"$(git -C "$T/r.git" show "main:$path")"
t restore "$(basename "$path" .md)"
expect_rc 0 "restore brings the text of the last commit back"
expect "the file is whole again" cmp "$T/a/$path" "$path"
expect_eq "and nothing was committed for it" "$before" "$(git rev-parse HEAD)"
expect_eq "git sees nothing changed" "" "$(git status --porcelain)"

done_testing
