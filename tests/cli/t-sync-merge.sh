# tend sync (issue 6) between two journals A and B cloned from one bare
# repository: diverged edits are merged, a file changed differently on
# both sides leaves a conflict copy (exit 6), an edited file wins over its
# deletion, and a commit bringing a symbolic link out of the journal is
# refused. After each case git fsck is clean and no word is lost.
. tests/cli/lib.sh

# g ARGS: git as another person, for commits made outside tend
g() {
	GIT_AUTHOR_NAME=Other GIT_AUTHOR_EMAIL=other@example.com \
	GIT_COMMITTER_NAME=Other GIT_COMMITTER_EMAIL=other@example.com \
		git "$@"
}

# tip REPO [REF]: the commit REF (default main) names in REPO
tip() {
	git -C "$1" rev-parse --verify -q "${2:-refs/heads/main}"
}

# short7 REPO: the first 7 hex digits of REPO's main, as conflict copies
# are named
short7() {
	printf '%.7s' "$(tip "$1")"
}

# parents REPO: how many parents REPO's HEAD has
parents() {
	git -C "$1" log -1 --format=%P HEAD | wc -w
}

# state DIR: HEAD, the branches and a checksum of every file of DIR but
# .git/ and .tend/, to see that nothing changed
state() {
	git -C "$1" rev-parse HEAD
	git -C "$1" for-each-ref --format='%(refname) %(objectname)' refs/heads
	(cd "$1" && find . \( -path ./.git -o -path ./.tend \) -prune -o \
		-type f -print | LC_ALL=C sort | xargs sha256sum)
}

# tracking DIR: DIR's remote-tracking refs
tracking() {
	git -C "$1" for-each-ref --format='%(refname) %(objectname)' refs/remotes
}

# links DIR: the symbolic links in DIR's work tree
links() {
	(cd "$1" && find . -path ./.git -prune -o -type l -print)
}

# copies: the conflict copies in both journals
copies() {
	(cd "$T" && find a b \( -path '*/.git' -o -path '*/.tend' \) -prune -o \
		-name '*.conflict-*' -print)
}

# A ARGS / B ARGS: run tend in journal A / B, from inside it
A() {
	cd "$T/a" && t "$@"
}
B() {
	cd "$T/b" && t "$@"
}

# said WORD...: words written on one side, which both must keep
words=""
said() {
	words="$words $*"
}

# kept CASE: git fsck of the remote and both journals is clean, both
# journals are at the remote's commit with nothing to save, and every
# word said so far is in the files of both
kept() {
	expect "$1: git fsck --strict of the remote is clean" \
		git -C "$T/bare.git" fsck --strict
	expect "$1: and of A" git -C "$T/a" fsck --strict
	expect "$1: and of B" git -C "$T/b" fsck --strict
	expect_eq "$1: A is at the remote's commit" "$(tip "$T/bare.git")" \
		"$(tip "$T/a" HEAD)"
	expect_eq "$1: so is B" "$(tip "$T/bare.git")" "$(tip "$T/b" HEAD)"
	expect_eq "$1: nothing is left to save in A or B" "" \
		"$(git -C "$T/a" status --porcelain)$(git -C "$T/b" status --porcelain)"
	for j in a b; do
		missing=""
		for w in $words; do
			grep -rqF -- "$w" "$T/$j/entries" "$T/$j/goals" ||
				missing="$missing $w"
		done
		expect_eq "$1: every word written is in $j's files" "" "$missing"
	done
}

# mk TITLE DAY: write an entry in the current journal, print its ID
mk() {
	"$TEND" new "$1" -m "Base words of $1." --date "2026-11-0$2 10:00"
}

git init -q --bare --initial-branch=main "$T/bare.git"
journal "$T/a"
t remote add origin "$T/bare.git"
one=$(mk One 1) two=$(mk Two 2) three=$(mk Three 3) four=$(mk Four 4)
five=$(mk Five 5) six=$(mk Six 6) walk=$(mk Walk 7)
f1=$(entry_file "$one") f2=$(entry_file "$two") f3=$(entry_file "$three")
f4=$(entry_file "$four") f5=$(entry_file "$five") f6=$(entry_file "$six")
f7=$(entry_file "$walk")
expect_eq "seven entries to work on" 7 "$(find entries -name '*.md' | wc -l)"
t goal add rest "Rest more"
t sync
expect_rc 0 "A sends its journal to the empty remote"
cd "$T" || exit 1
t clone "$T/bare.git" "$T/b"
expect_rc 0 "B is cloned from it"
expect "B has A's entries" cmp "$T/a/$f7" "$T/b/$f7"
said Base
kept "start"

# --- diverged edits to different entries ---------------------------------

printf 'Almond words from A.\n' >>"$T/a/$f1"
A save
a_edit=$(tip "$T/a" HEAD)
printf 'Banana words from B, not saved.\n' >>"$T/b/$f2"
said Almond Banana
A sync
expect_rc 0 "A syncs its edit"
expect_eq "and pushes it" "$a_edit" "$(tip "$T/bare.git")"
B sync
expect_rc 0 "B syncs an edit to another entry: merged"
expect_out "Received 1 commit" "B received A's commit"
expect_out "Sent" "and sent its own"
expect_eq "B's HEAD is a merge commit with 2 parents" 2 "$(parents "$T/b")"
expect "one of them A's commit" \
	sh -c "git -C '$T/b' log -1 --format=%P | grep -q $a_edit"
ours=$(git -C "$T/b" log -1 --format=%P | tr ' ' '\n' | grep -v "$a_edit")
expect "B's unsaved edit was committed first: the other parent has it" \
	sh -c "git -C '$T/b' show '$ours:$f2' | grep -q 'Banana words'"
expect_eq "the merge is pushed" "$(tip "$T/b" HEAD)" "$(tip "$T/bare.git")"
A sync
expect_rc 0 "A syncs again"
expect_out "Received" "and receives the merge"
expect "A has B's edit" grep -q "Banana words from B" "$T/a/$f2"
expect "B has A's edit" grep -q "Almond words from A" "$T/b/$f1"
expect_eq "no conflict copies" "" "$(copies)"
kept "different entries"

# --- the same entry edited differently ----------------------------------

sed -i 's/^Base words of Three\.$/Kumquat words from A./' "$T/a/$f3"
A save
cp "$T/a/$f3" "$T/three-a"
A sync
expect_rc 0 "A syncs its edit of Three"
theirs=$(short7 "$T/bare.git")
sed -i 's/^Base words of Three\.$/Lime words from B./' "$T/b/$f3"
B save
cp "$T/b/$f3" "$T/three-b"
said Kumquat Lime
copy=${f3%.md}.conflict-$theirs.md
B sync
expect_rc 6 "B syncs its own edit of Three: a conflict, exit 6"
expect_out "$three.conflict-$theirs.md" "stdout names the conflict copy"
expect "our version stays at the entry's path" cmp "$T/three-b" "$T/b/$f3"
expect "theirs is the copy beside it, byte for byte" cmp "$T/three-a" "$T/b/$copy"
expect_eq "B's HEAD is a merge commit with 2 parents" 2 "$(parents "$T/b")"
expect "the merge commit holds our version" \
	sh -c "git -C '$T/b' show HEAD:$f3 | cmp - '$T/three-b'"
expect "and the copy" \
	sh -c "git -C '$T/b' show HEAD:$copy | cmp - '$T/three-a'"
expect_eq "the sync finished: the merge is pushed" "$(tip "$T/b" HEAD)" \
	"$(tip "$T/bare.git")"
expect_eq "no conflict markers anywhere" "" \
	"$(grep -rl '^<<<<<<<\|^>>>>>>>' "$T/b/entries" "$T/b/goals")"
B status
expect_rc 0 "status after the conflict"
expect_out "$three.conflict-$theirs.md" "lists the copy"
B check
expect_rc 3 "check reports the copy: exit 3"
expect_out "$copy:1:1:" "naming it"
expect_out "conflict copy" "as a conflict copy"
A sync
expect_rc 0 "A syncs: receives the merge"
expect "A has the copy too" cmp "$T/three-a" "$T/a/$copy"
expect "and B's version at the path" cmp "$T/three-b" "$T/a/$f3"
A check
expect_rc 3 "check in A reports the copy as well"
expect_out "$copy" "naming it"
kept "one entry edited on both sides"

grep 'Kumquat' "$T/b/$copy" >>"$T/b/$f3"
rm "$T/b/$copy"
B save
expect_rc 0 "B takes A's words in and deletes the copy"
B check
expect_rc 0 "check is clean once the copy is deleted and saved"
B status
expect_no_out "conflict" "status lists no copy any more"
B sync
expect_rc 0 "B syncs the resolution"
A sync
expect_rc 0 "A receives it"
expect_not "the copy is gone from A" test -e "$T/a/$copy"
A check
expect_rc 0 "check is clean in A too"
kept "after the copy is deleted"

# --- the same edit on both sides ----------------------------------------

printf 'Mango words the same on both sides.\n' >>"$T/a/$f4"
printf 'Mango words the same on both sides.\n' >>"$T/b/$f4"
said Mango
A save
A sync
expect_rc 0 "A syncs an edit"
B save
B sync
expect_rc 0 "B syncs the very same edit: no conflict"
expect_eq "no conflict copy" "" "$(copies)"
expect "the entry is that edit" cmp "$T/a/$f4" "$T/b/$f4"
A sync
expect_rc 0 "A syncs"
kept "the same edit"

# --- edit against delete, both ways --------------------------------------

printf 'Nectarine words from A.\n' >>"$T/a/$f5"
said Nectarine
A save
cp "$T/a/$f5" "$T/five-a"
A sync
expect_rc 0 "A syncs its edit of Five"
B rm "$five"
expect_rc 0 "B deletes Five"
B sync
expect_rc 0 "B syncs: edit against delete"
expect "the edited version is kept" cmp "$T/five-a" "$T/b/$f5"
A sync
expect_rc 0 "A syncs"
expect "A keeps its edit" cmp "$T/five-a" "$T/a/$f5"
expect_eq "no conflict copy" "" "$(copies)"
kept "edited in A, deleted in B"

rm "$T/a/$f6"
A save
A sync
expect_rc 0 "A deletes Six and syncs"
printf 'Olive words from B, not saved.\n' >>"$T/b/$f6"
said Olive
cp "$T/b/$f6" "$T/six-b"
B sync
expect_rc 0 "B syncs its edit of Six: delete against edit"
expect "the edited version is kept" cmp "$T/six-b" "$T/b/$f6"
A sync
expect_rc 0 "A syncs"
expect "A has Six back, edited" cmp "$T/six-b" "$T/a/$f6"
A list --format ids
expect_out "$six" "and lists it"
expect_eq "no conflict copy" "" "$(copies)"
kept "deleted in A, edited in B"

# --- a goal edited on both sides ----------------------------------------

sed -i '/^## Why it matters$/a Papaya reason from A.' "$T/a/goals/rest.md"
sed -i '/^## Why it matters$/a Quince reason from B.' "$T/b/goals/rest.md"
said Papaya Quince
A save
cp "$T/a/goals/rest.md" "$T/rest-a"
A sync
expect_rc 0 "A syncs its edit of the goal"
theirs=$(short7 "$T/bare.git")
gcopy=goals/rest.conflict-$theirs.md
B save
cp "$T/b/goals/rest.md" "$T/rest-b"
B sync
expect_rc 6 "B syncs its own edit of the goal: exit 6"
expect_out "$gcopy" "stdout names the goal's conflict copy"
expect "our version stays at goals/rest.md" cmp "$T/rest-b" "$T/b/goals/rest.md"
expect "theirs is in the copy, byte for byte" cmp "$T/rest-a" "$T/b/$gcopy"
expect "both are in the commit" \
	sh -c "git -C '$T/b' show HEAD:$gcopy | cmp - '$T/rest-a' &&
		git -C '$T/b' show HEAD:goals/rest.md | cmp - '$T/rest-b'"
B status
expect_out "$gcopy" "status lists the goal's copy"
B check
expect_rc 3 "check reports it"
expect_out "$gcopy" "naming it"
A sync
expect_rc 0 "A receives the merge"
expect "with the copy" cmp "$T/rest-a" "$T/a/$gcopy"
kept "a goal edited on both sides"

grep Papaya "$T/b/$gcopy" >>"$T/b/goals/rest.md"
rm "$T/b/$gcopy"
B save
B check
expect_rc 0 "check is clean once the goal's copy is deleted"
B sync
A sync
expect_rc 0 "A receives that"
kept "after the goal's copy is deleted"

# --- a file renamed differently on both sides ----------------------------

wa=${f7%.md}-by-a.md
wb=${f7%.md}-by-b.md
git -C "$T/a" mv "$f7" "$wa"
A save
expect_rc 0 "A renames Walk with git mv and saves"
A sync
expect_rc 0 "and syncs"
mv "$T/b/$f7" "$T/b/$wb"
B save
expect_rc 0 "B renames it otherwise with mv and saves"
B sync
expect_rc 0 "B syncs: renamed on both sides"
expect "B has A's name" cmp "$T/a/$wa" "$T/b/$wa"
expect "and its own" test -f "$T/b/$wb"
expect "with the same words" cmp "$T/b/$wa" "$T/b/$wb"
expect_not "the old name is gone" test -e "$T/b/$f7"
A sync
expect_rc 0 "A syncs"
expect "A has both names" test -f "$T/a/$wa" -a -f "$T/a/$wb"
A list --format ids
expect_out "$(basename "$wa" .md)" "A lists the one"
expect_out "$(basename "$wb" .md)" "and the other"
kept "renamed on both sides"

# --- a symbolic link out of the journal, pushed with git -----------------

mkdir "$T/outside"
printf 'Secret words outside the journal.\n' >"$T/outside/secret.md"
git clone -q "$T/bare.git" "$T/g"
base=$(tip "$T/g" HEAD)
d=$(dirname "$f1")
for target in "$T/outside/secret.md" "../../../../outside/secret.md"; do
	g -C "$T/g" reset -q --hard "$base"
	ln -s "$target" "$T/g/$d/evil.md"
	g -C "$T/g" add "$d/evil.md"
	g -C "$T/g" commit -q -m "A link out of the journal"
	expect "git pushes a link to $target" g -C "$T/g" push -q -f origin main
	state "$T/a" >"$T/before"
	tracking "$T/a" >"$T/tracking-before"
	A sync
	expect_rc 5 "sync refuses a link to $target: exit 5"
	expect_err "evil.md" "naming it on stderr"
	expect_eq "no link in A's work tree" "" "$(links "$T/a")"
	expect_eq "HEAD did not move" "$base" "$(tip "$T/a" HEAD)"
	state "$T/a" >"$T/after"
	expect "nothing local changed: HEAD, branches and files" \
		cmp "$T/before" "$T/after"
	tracking "$T/a" >"$T/tracking-after"
	expect "nor the remote-tracking refs" \
		cmp "$T/tracking-before" "$T/tracking-after"
	expect_no_out "Secret words" "the secret is not shown"
done
g -C "$T/g" reset -q --hard "$base"
ln -s "$T/outside" "$T/g/entries/2026/12"
g -C "$T/g" add entries/2026/12
g -C "$T/g" commit -q -m "A folder that is a link out of the journal"
expect "git pushes a folder that is a link" g -C "$T/g" push -q -f origin main
state "$T/a" >"$T/before"
tracking "$T/a" >"$T/tracking-before"
A sync
expect_rc 5 "sync refuses a folder that is a link out: exit 5"
expect_err "entries/2026/12" "naming it on stderr"
expect_eq "no link in A's work tree" "" "$(links "$T/a")"
state "$T/a" >"$T/after"
expect "nothing local changed" cmp "$T/before" "$T/after"
tracking "$T/a" >"$T/tracking-after"
expect "nor the remote-tracking refs" \
	cmp "$T/tracking-before" "$T/tracking-after"
expect "git fsck --strict of the remote is clean" \
	git -C "$T/bare.git" fsck --strict
expect "and of A" git -C "$T/a" fsck --strict
for j in a b; do
	missing=""
	for w in $words; do
		grep -rqF -- "$w" "$T/$j/entries" "$T/$j/goals" || missing="$missing $w"
	done
	expect_eq "every word written is in $j's files" "" "$missing"
done
done_testing
