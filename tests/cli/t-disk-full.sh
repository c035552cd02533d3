# A full disk: every command that reads goes on, from the index as it
# is or a copy of it in memory, with one warning at most; every command
# that writes fails with "No space left on device" and loses nothing.
# The fault injector (tests/faults/fault.c) makes a disk full from a
# chosen write; where mount is allowed, a small tmpfs is filled for real.
. tests/cli/lib.sh

NOSPACE="No space left on device"
WARNED="tend: warning: cannot update the index: $NOSPACE"
# git itself must not write to a full disk when asked for its status
GIT_OPTIONAL_LOCKS=0
export GIT_OPTIONAL_LOCKS
MNT="$T/mnt"
trap 'cd /; umount "$MNT" 2>/dev/null; rm -rf "$T"' EXIT

# the reads, one a line: a name for the files, then the arguments
cat >"$T/reads" <<EOF
list list
list-json list --format json
search search dishes
show show last
mood mood --by tag
goals goal list
prompt prompt --seed 7
status status
log log
check check
export-md export --format md
export-json export --format json
export-html export --format html
prep prep --since 2026-01-01
EOF

# before NAME: run every read as it is now, into $T/NAME.*
before() {
	while read -r name args; do
		# shellcheck disable=SC2086
		t $args
		cp "$OUT" "$T/$1.$name.out"
		cp "$ERR" "$T/$1.$name.err"
		echo "$rc" >"$T/$1.$name.rc"
	done <"$T/reads"
	t render -o "$T/$1.site"
}

# expect_read WHAT NAME BASE: the read NAME just run did as it did in
# BASE: the same exit status and output; on stderr the same, and the
# one warning at most
expect_read() {
	expect_eq "$1: $2 exits as before" "$(cat "$T/$3.$2.rc")" "$rc"
	if cmp -s "$T/$3.$2.out" "$OUT"; then
		pass "$1: $2 gives the same output"
	else
		fail "$1: $2 gives the same output" \
			"$(diff "$T/$3.$2.out" "$OUT" | head -20)"
	fi
	grep -vxF "$WARNED" "$ERR" >"$T/err.rest"
	expect "$1: $2 says nothing else on stderr" \
		cmp -s "$T/$3.$2.err" "$T/err.rest"
	expect_eq "$1: $2 warns once at most" 1 \
		"$(($(grep -cxF "$WARNED" "$ERR") <= 1))"
	expect_no_err "disk I/O error" "$1: $2 shows no SQLite error"
}

# reads WHAT BASE FAULT...: every read with the fault settings, each as
# in BASE
reads() {
	what=$1
	base=$2
	shift 2
	while read -r name args; do
		# shellcheck disable=SC2086
		tfault "$@" -- $args
		expect_read "$what" "$name" "$base"
	done <"$T/reads"
	rm -rf "$T/site"
	tfault "$@" -- render -o "$T/site"
	expect_rc 0 "$what: render to another disk works"
	expect "$what: and renders the same site" diff -r "$T/$base.site" \
		"$T/site"
}

# points N: which of N writes to fail at: the first few, then every
# sixth, and the last few, where a build turns to its WAL
points() {
	i=1
	while [ "$i" -le "$1" ]; do
		if [ "$i" -le 4 ] || [ "$i" -gt $(($1 - 10)) ] ||
			[ $((i % 6)) = 0 ]; then
			echo "$i"
		fi
		i=$((i + 1))
	done
}

# expect_full WHAT: the write just run failed (1), saying why in words
expect_full() {
	expect_rc 1 "$1: exit 1"
	expect_err "$NOSPACE" "$1: says $NOSPACE"
	expect_no_err "disk I/O error" "$1: no SQLite wording"
	expect_no_err "database or disk is full" "$1: no SQLite words"
}

# sound WHAT: the index file passes SQLite's own check
sound() {
	expect_eq "$1: the index is sound" ok \
		"$(sqlite3 .tend/index.db 'PRAGMA integrity_check' 2>&1)"
}

# entry_text TEXT: an entry file under entries/ holds TEXT
entry_text() {
	grep -rlF -- "$1" entries 2>/dev/null | head -1
}

journal "$T/j"
for i in 1 2 3 4 5; do
	t new "Dishes $i" -m "Talked about the dishes, round $i." \
		--mood $((i + 3)) --tag "t$i" --feeling calm \
		--date "2026-01-0$i 20:00"
done
t new "Private" -m "Kept to myself." --private --date "2026-01-06 09:00"
t goal add calm "Stay calm"
# times well before the index reads them: nothing looks changed since
find entries goals -type f -exec touch -d '2026-01-07 12:00' {} +
t list
before base

# --- the index up to date, .tend full from its first write ---------------
reads ".tend full" base TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/.tend/
sound ".tend full"

# --- the whole journal full: reads write nothing in it --------------------
reads "journal full" base TEND_FAULT_WRITE=1 TEND_FAULT_PATH="$T/j/"

# --- an index that is not up to date: read in memory, never wrong --------
f=$(entry_file 2026-01-02-2000-dishes-2)
sed -i -e 's/^title: Dishes 2$/title: Dishes two, edited/' \
	-e 's/round 2/round two zebra/' "$f"
rm "$(entry_file 2026-01-04-2000-dishes-4)"
mkdir -p entries/2026/02
cat >entries/2026/02/by-hand.md <<'EOF'
---
title: By hand
date: 2026-02-01T08:00:00+00:00
mood: 2
---

Written by hand about dishes.
EOF
# what a refresh on a disk with space makes of it, in a copy
cp -a "$T/j" "$T/copy"
(cd "$T/copy" && before stale)
rm -rf "$T/copy"
index0=$(cksum <.tend/index.db)
reads "stale, .tend full" stale TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/.tend/
tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/.tend/ -- search zebra
expect_out "Dishes two, edited" "stale: the changed words are found"
expect_eq "stale: the index file was not written" "$index0" \
	"$(cksum <.tend/index.db)"
sound "stale"
tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/.tend/ -- index
expect_full "index, with work to do"

# kept: put back the index as it was, not up to date
rm -f .tend/index.db-wal .tend/index.db-shm
cp .tend/index.db "$T/index.kept"
kept() {
	rm -f .tend/index.db-wal .tend/index.db-shm
	cp "$T/index.kept" .tend/index.db
}

# --- a tend stopped before its WAL went into the index file --------------
rm -f "$T/log"
tfault TEND_FAULT_LOG="$T/log" TEND_FAULT_PATH=/.tend/index.db -- index
writes=$(wc -l <"$T/log")
expect "a refresh writes the index" test "$writes" -gt 0
kept
at=$(awk '$2 ~ /index\.db$/ { print $1; exit }' "$T/log")
tfault TEND_FAULT_KILL="$at" TEND_FAULT_PATH=/.tend/index.db -- index
expect_rc 137 "a refresh stopped as it copies its WAL into the index"
expect "its WAL is left" test -s .tend/index.db-wal
grep -E '^(list|search|show) ' "$T/reads" >"$T/some"
while read -r name args; do
	# shellcheck disable=SC2086
	tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/.tend/ -- $args
	expect_read "stopped, .tend full" "$name" stale
done <"$T/some"
sound "stopped, .tend full"

# --- writes that fail on an index refresh never leave it damaged ---------
n_bad=0
for partial in 0 1; do
	for i in $(points "$writes"); do
		kept
		tfault TEND_FAULT_WRITE=$i TEND_FAULT_PARTIAL=$partial \
			TEND_FAULT_PATH=/.tend/index.db -- list
		[ "$rc" = 0 ] && cmp -s "$T/stale.list.out" "$OUT" ||
			n_bad=$((n_bad + 1))
		[ "$(sqlite3 .tend/index.db 'PRAGMA integrity_check')" = ok ] ||
			n_bad=$((n_bad + 1))
		t list
		cmp -s "$T/stale.list.out" "$OUT" || n_bad=$((n_bad + 1))
	done
done
expect_eq "a refresh failing at its writes (of $writes; whole or half): \
right lists, a sound index, right after" 0 "$n_bad"

# the same for an index built from nothing, without a rollback journal
rm -f .tend/index.db*
rm -f "$T/log"
tfault TEND_FAULT_LOG="$T/log" TEND_FAULT_PATH=/.tend/index.db -- list
writes=$(wc -l <"$T/log")
n_bad=0
for partial in 0 1; do
	for i in $(points "$writes"); do
		rm -f .tend/index.db*
		tfault TEND_FAULT_WRITE=$i TEND_FAULT_PARTIAL=$partial \
			TEND_FAULT_PATH=/.tend/index.db -- list
		[ "$rc" = 0 ] && cmp -s "$T/stale.list.out" "$OUT" ||
			n_bad=$((n_bad + 1))
		t list
		cmp -s "$T/stale.list.out" "$OUT" || n_bad=$((n_bad + 1))
		t search dishes
		cmp -s "$T/stale.search.out" "$OUT" || n_bad=$((n_bad + 1))
	done
done
expect_eq "a build failing at its writes (of $writes; whole or half): \
right lists, and right ones after" 0 "$n_bad"
sound "after the builds"

# --- index --rebuild on a full disk: fails, the index as it was -----------
t list
find entries goals -type f -exec touch -d '2026-01-07 12:00' {} +
t list
cp .tend/index.db "$T/index.kept"
tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/.tend/ -- index --rebuild
expect_full "index --rebuild"
sound "index --rebuild"
tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/.tend/ -- index
expect_rc 0 "index, up to date: nothing to write, exit 0"
expect_out "0 read, 0 gone" "index, up to date: says so"
rm -f "$T/log"
tfault TEND_FAULT_WRITE=2 TEND_FAULT_PATH=/.tend/index.db -- index --rebuild
expect_full "index --rebuild, full after its first write"
sound "index --rebuild, full after its first write"
t list
expect "and list reads as before" cmp -s "$T/stale.list.out" "$OUT"
t save -m "Edits by hand"

# --- writes: each fails with the reason, and loses nothing ---------------
full="TEND_FAULT_WRITE=1 TEND_FAULT_PATH=$T/j/"
snap
tfault $full -- new "Full" -m "Words that must not be lost."
expect_full "new -m"
expect_err "Words that must not be lost." "new -m: the text is shown"
same "new -m"

snap
printf 'From standard input, kept.\n' >"$T/in"
tfault $full -- new --stdin <"$T/in"
expect_full "new --stdin"
expect_err "From standard input, kept." "new --stdin: the text is shown"
same "new --stdin"

snap
tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/entries/ -- new "Kept" \
	-m "Kept in a draft."
expect_full "new -m, entries/ full"
draft=$(sed -n "s/^tend: your draft is kept in '\(.*\)'$/\1/p" "$ERR")
expect "new -m, entries/ full: the draft is named" test -n "$draft"
expect "new -m, entries/ full: and holds the text" \
	grep -qF "Kept in a draft." "$draft"
same "new -m, entries/ full"
rm -f "$draft"

head0=$(git rev-parse HEAD)
tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/.git/ -- new "Saved" \
	-m "Saved, not committed."
expect_full "new -m, .git full"
expect_err "but not committed" "new -m, .git full: says the entry is saved"
expect_eq "new -m, .git full: HEAD is where it was" "$head0" \
	"$(git rev-parse HEAD)"
kept=$(entry_text "Saved, not committed.")
expect "new -m, .git full: the text is in the entry file" test -n "$kept"
expect_eq "new -m, .git full: git sees only that file" "?? $kept" \
	"$(git status --porcelain --untracked-files=all)"
rm -f "$kept"

snap
f=$(entry_file 2026-01-03-2000-dishes-3)
cat >"$T/editor" <<'EOF'
#!/bin/sh
echo "An edit to keep." >>"$1"
EOF
chmod +x "$T/editor"
tfault EDITOR="$T/editor" TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/entries/ -- \
	edit 2026-01-03
expect_full "edit, entries/ full"
draft=$(sed -n "s/^tend: your draft is kept in '\(.*\)'$/\1/p" "$ERR")
expect "edit: the draft with the edit is kept" \
	grep -qF "An edit to keep." "$draft"
same "edit"
rm -f "$draft"

snap
printf '\nAdded by hand.\n' >>"$f"
tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/.git/ -- save
expect_full "save"
expect_eq "save: HEAD is where it was" "$head0" "$(git rev-parse HEAD)"
expect_eq "save: the edit waits in the file" " M $f" \
	"$(git status --porcelain)"
git checkout -q -- "$f"

snap
tfault $full -- rm 2026-01-05
expect_full "rm"
same "rm"
expect "rm: the entry is still there" test -f \
	"$(entry_file 2026-01-05-2000-dishes-5)"

f=$(entry_file 2026-01-05-2000-dishes-5)
tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/objects/ -- rm 2026-01-05
expect_full "rm, the removal not committed"
expect_err "'2026-01-05-2000-dishes-5' is not removed" \
	"rm, the removal not committed: says the entry stays"
expect_eq "rm, the removal not committed: HEAD is where it was" "$head0" \
	"$(git rev-parse HEAD)"
git show "HEAD:$f" >"$T/committed"
expect "rm, the removal not committed: the file is back as committed" \
	cmp -s "$T/committed" "$f"
git reset -q

snap
tfault $full -- goal add sleep "Sleep more"
expect_full "goal add"
same "goal add"
expect "goal add: no goal file" test ! -e goals/sleep.md

tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH=/.git/ -- goal add sleep "Sleep more"
expect_full "goal add, .git full"
expect_err "the goal is saved in 'goals/sleep.md' but not committed" \
	"goal add, .git full: says where the goal is"
expect_eq "goal add, .git full: HEAD is where it was" "$head0" \
	"$(git rev-parse HEAD)"
rm goals/sleep.md

snap
tfault $full -- review -m "A review to keep." --rate calm=3
expect_full "review"
expect_err "A review to keep." "review: the text is shown"
same "review"

snap
cat >"$T/import.json" <<'EOF'
[{"title": "Imported", "date": "2026-03-01T10:00:00+00:00",
  "text": "---\ntitle: Imported\n---\n\nFrom elsewhere.\n"}]
EOF
tfault $full -- import "$T/import.json" --from tend-json
expect_full "import"
same "import"

snap
tfault $full -- render -o "$T/j/site"
expect_full "render into the full disk"
same "render into the full disk"
tfault TEND_FAULT_WRITE=1 TEND_FAULT_PATH="$T/out/" -- render -o "$T/out"
expect_full "render to another full disk"

# sync: a remote with a commit to fetch
git init -q --bare "$T/remote.git"
t remote add origin "$T/remote.git"
t sync
"$TEND" clone "$T/remote.git" "$T/other" >/dev/null 2>&1
(cd "$T/other" && "$TEND" new "Elsewhere" -m "From the other machine." \
	>/dev/null 2>&1 && "$TEND" sync >/dev/null 2>&1)
snap
tfault $full -- sync
expect_full "sync"
same "sync"

# --- a real full disk: a small tmpfs, where mount is allowed --------------
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=2m tmpfs "$MNT" 2>/dev/null; then
	pass "# SKIP a real full disk: mount is not allowed here"
	done_testing
	exit
fi
journal "$MNT/j"
for i in 1 2 3; do
	t new "Real $i" -m "Real dishes, round $i." --mood $((i + 4)) \
		--tag "r$i" --date "2026-01-0$i 20:00"
done
t goal add calm "Stay calm"
find entries goals -type f -exec touch -d '2026-01-07 12:00' {} +
t list
before real
dd if=/dev/zero of="$MNT/fill" bs=4096 >/dev/null 2>&1
expect_eq "the tmpfs is full" 0 "$(df -P "$MNT" | awk 'NR == 2 {print $4}')"
while read -r name args; do
	# shellcheck disable=SC2086
	t $args
	expect_read "real full disk" "$name" real
done <"$T/reads"
rm -rf "$T/site"
t render -o "$T/site"
expect_rc 0 "real full disk: render to another disk works"
expect "real full disk: and renders the same site" diff -r "$T/real.site" \
	"$T/site"

snap
t new "Real full" -m "Real words to keep."
expect_full "real full disk: new -m"
expect_err "Real words to keep." "real full disk: new -m shows the text"
same "real full disk: new -m"
snap
t goal add sleep "Sleep more"
expect_full "real full disk: goal add"
same "real full disk: goal add"
snap
t index --rebuild
expect_full "real full disk: index --rebuild"
same "real full disk: index --rebuild"
snap
printf '\nMore by hand.\n' >>"$(entry_file 2026-01-01-2000-real-1)"
t save
expect_full "real full disk: save"
expect_eq "real full disk: save leaves HEAD" "$head0" "$(git rev-parse HEAD)"
expect_eq "real full disk: the edit waits in the file" \
	" M $(entry_file 2026-01-01-2000-real-1)" "$(git status --porcelain)"

rm -f "$MNT/fill"
git checkout -q -- entries
sound "real full disk, after"
t list
expect "real full disk, after: list as before" cmp -s "$T/real.list.out" \
	"$OUT"
expect_eq "real full disk, after: nothing left behind" "" \
	"$(git status --porcelain --untracked-files=all)"
cd /
umount "$MNT"

# --- a disk that fails to write (EIO): reads go on as on a full one -----------
journal "$T/eio"
t new "Broken" -m "Words on a failing disk."
t new "Again" -m "More words on it."
find entries -type f -exec touch -d '2026-01-07 12:00' {} +
t list
cp "$OUT" "$T/eio.list"
printf '\nEdited by hand.\n' >>"$(find entries -name '*-again.md')"
for args in "list" "search words" "mood"; do
	# shellcheck disable=SC2086
	tfault TEND_FAULT_WRITE=1 TEND_FAULT_ERRNO=EIO -- $args
	expect_rc 0 "a disk that fails to write: $args goes on"
	expect_eq "a disk that fails to write: $args warns once, with why" \
		"tend: warning: cannot update the index: Input/output error" \
		"$(cat "$ERR")"
done
tfault TEND_FAULT_WRITE=1 TEND_FAULT_ERRNO=EIO -- search hand --format ids
expect_out "again" "a disk that fails to write: the edit is found"
tfault TEND_FAULT_WRITE=1 TEND_FAULT_ERRNO=EIO -- save
expect_rc 1 "a disk that fails to write: save fails"
expect_err "Input/output error" "a disk that fails to write: and says why"

done_testing
