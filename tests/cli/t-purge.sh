# tend purge: an entry that was edited, renamed, removed, restored and
# conflict-copied, with a draft kept and an edit not saved, leaves every
# version of the history: no byte of it in any object, the index or the
# drafts; every other entry and its history as they were; git fsck
# clean. What it refuses changes nothing, and a kill at any write leaves
# the journal either as it was or purged whole.
. tests/cli/lib.sh

# the words of the entry that goes
SECRETS="Googled flats|flatsecret|leaseplan|draftword|copyword|unsavedword"

mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor crash 'printf "draftword typed before the crash\n" >>"$1"; kill -9 $$'

journal "$T/j"
t new "Googled flats" -m "flatsecret: two rooms near the park." \
	--date "2026-11-01 10:00" --tag flats
gone=$(cat "$OUT")
t new "Other day" -m "Words that stay." --date "2026-11-02 10:00" --mood 6
keep=$(cat "$OUT")
t new "Third" -m "Also staying." --date "2026-11-03 10:00"
third=$(cat "$OUT")
printf 'leaseplan: sign in March.\n' >>"$(entry_file "$gone")"
t save
# renamed by hand, with git
git mv "$(entry_file "$gone")" entries/2026/11/2026-11-01-1000-renamed.md
git -c user.name=Me -c user.email=me@example.org commit -qm "Rename an entry"
renamed=2026-11-01-1000-renamed
t rm "$renamed"
t restore "$renamed"
# a conflict copy, as a sync leaves one, and a commit by hand that names
# the entry and changes another one too
printf -- '---\ntitle: Googled flats\n---\ncopyword from the other laptop.\n' \
	>"entries/2026/11/$renamed.conflict-abc1234.md"
printf 'One more line.\n' >>"$(entry_file "$keep")"
git add -A && git -c user.name=Me -c user.email=me@example.org commit -qm "Googled flats: a copy, and more of Other day"
# a draft kept of it, and an edit not saved
EDITOR="$T/crash" t edit "$renamed"
expect "(a draft of it is kept)" test -n "$(ls .tend/drafts)"
printf 'unsavedword\n' >>"entries/2026/11/$renamed.md"
t list
commits0=$(commits)
expect "(the entry's words are in the history)" \
	sh -c "git cat-file --batch-all-objects --batch | grep -q flatsecret"
t show "$keep"
cp "$OUT" "$T/keep.before"
t log "$keep"
sed 's/^[0-9a-f]* *//' "$OUT" >"$T/keeplog.before"
t show "$third"
cp "$OUT" "$T/third.before"
git log --format='%an %ae %ad %cd %s' -- "$(entry_file "$third")" >"$T/thirdhist.before"

# --- what it refuses, changing nothing -------------------------------------------
head0=$(git rev-parse HEAD)
t purge
expect_rc 2 "purge without an ID is refused"
t purge "$renamed"
expect_rc 2 "without --yes and no terminal it is refused"
expect_err "give --yes" "and says how"
t purge 2026-11-01-1000-nosuch --yes
expect_rc 1 "an ID that is nowhere in the history: exit 1"
expect_err "no entry '2026-11-01-1000-nosuch' in the journal or in its history" "and says so"
t purge 2026-11 --yes
expect_rc 1 "a start of an ID is not taken: IDs are whole"
cp "$(entry_file "$third")" "$T/third.md"
printf 'an edit of another entry\n' >>"$(entry_file "$third")"
t purge "$renamed" --yes
expect_rc 2 "an edit of another entry not saved: refused"
expect_err "changes not saved ('$(entry_file "$third")')" "naming it"
cp "$T/third.md" "$(entry_file "$third")"
git branch other
t purge "$renamed" --yes
expect_rc 2 "another branch: refused"
git branch -D other >/dev/null
expect_eq "none of that changed the history" "$head0" "$(git rev-parse HEAD)"
expect "nor the entry's files" grep -q unsavedword "entries/2026/11/$renamed.md"

# asked on a terminal: no is no
printf 'n\n' >"$T/typed"
on_tty "cd '$T/j' && '$TEND' purge $renamed"
expect "on a terminal it shows the entry" grep -q "$renamed  Googled flats" "$OUT"
expect "and the paths it had under other names" \
	grep -q "$(entry_file "$gone" 2>/dev/null || echo entries/2026/11/$gone.md) (renamed from one of them)" "$OUT"
expect "and how many commits change" grep -q "commits change" "$OUT"
expect_eq "no is no" "$head0" "$(git rev-parse HEAD)"

# --- the purge -------------------------------------------------------------------
t purge "$renamed" --yes
expect_rc 0 "purge of an entry with a long history"
expect_out "Purged 1 entry from every version of the journal" "says what it did"
expect_not "its file is gone" test -e "entries/2026/11/$renamed.md"
expect_not "its conflict copy too" test -e "entries/2026/11/$renamed.conflict-abc1234.md"
expect_eq "its draft too" "" "$(ls .tend/drafts)"
expect_eq "the work tree is clean" "" "$(git status --porcelain)"
git cat-file --batch-all-objects --batch >"$T/objects"
expect_not "no object of git holds a word of it" grep -Eqa "$SECRETS" "$T/objects"
expect_not "no reflog is left" test -e .git/logs
expect "git fsck --strict is clean" git fsck --strict
t list
expect_rc 0 "list after the purge"
expect_not "does not list it" grep -q "Googled" "$OUT"
expect_not "and the index holds none of it" grep -Eqa "$SECRETS" .tend/index.db
t search flatsecret
expect_not "search finds nothing of it" grep -q "$renamed" "$OUT"
t show "$keep"
expect "the other entries are as they were, byte for byte" cmp -s "$OUT" "$T/keep.before"
t show "$third"
expect "(the third too)" cmp -s "$OUT" "$T/third.before"
t log "$keep"
sed 's/^[0-9a-f]* *//' "$OUT" >"$T/keeplog.after"
sed -i 's/Googled flats: a copy, and more of Other day/Change entries/' \
	"$T/keeplog.before"
expect "and their log says what it said (but for the name of the one gone)" \
	cmp -s "$T/keeplog.before" "$T/keeplog.after"
expect_eq "their commits keep their authors, dates and messages" \
	"$(cat "$T/thirdhist.before")" \
	"$(git log --format='%an %ae %ad %cd %s' -- "$(entry_file "$third")")"
expect "a commit that named the entry gets a neutral message" \
	test "$(git log --format=%s | grep -c '^Change entries$')" = 1
expect_not "and no message names it" sh -c "git log --format=%B | grep -q 'Googled'"
expect "commits that only changed it are gone" \
	test "$(commits)" -lt "$commits0"
expect "the record is committed" git cat-file -e HEAD:.tend-purged
expect_eq "as the last commit" "Purge entries" "$(subject)"
expect_eq "one file for the purge, in .tend-purged/" 1 "$(ls .tend-purged | wc -l)"
expect "it holds blob ids and hashes of paths" \
	grep -Eq '^(blob [0-9a-f]{40}|path [0-9a-f]{64})$' .tend-purged/*
expect_not "and nothing else" \
	grep -Evq '^(#.*|blob [0-9a-f]{40}|path [0-9a-f]{64})$' .tend-purged/*
expect_not "no name or word" grep -Eqa "$SECRETS|$renamed|renamed" .tend-purged/*
t check
expect_rc 0 "tend check is content"
t purge "$renamed" --yes
expect_rc 1 "once purged, the entry is nowhere to purge again"

# --- what is not the entry stays -------------------------------------------------
# an entry much like it, added in the commit that removed it; a file that
# once held what one of its versions held (nothing); a message naming its
# ID in a commit that did not change it
journal "$T/s"
gc() {
	git -c user.name=Me -c user.email=me@example.org commit -qm "$1"
}
t new "Googled flats" -m "flatsecret: the same long line of words, kept as it is." \
	--date "2026-11-01 10:00"
sgone=$(cat "$OUT")
t new "Googled flats" -m "Another, the same minute." --date "2026-11-01 10:00"
twin=$(cat "$OUT")
expect_eq "(an entry whose ID starts with its)" "$sgone-2" "$twin"
t new "Kept" -m "Words that stay." --date "2026-11-02 10:00"
skeep=$(cat "$OUT")
mkdir -p notes
: >notes/empty.md
: >"$(entry_file "$sgone")"
git add -A && gc "An empty version, and an empty note"
git checkout -q HEAD~1 -- "$(entry_file "$sgone")"
gc "Back again"
# a file outside entries/ holding what a version held; an empty entry
cp "$(entry_file "$sgone")" notes/copy.md
: >entries/2026/11/2026-11-06-1000-blank.md
git add -A && gc "A copy in notes, and a blank entry"
sed "s/^title: .*/title: Much alike/; s/flatsecret/keptsimilar/" \
	"$(entry_file "$sgone")" >entries/2026/11/2026-11-05-1000-much-alike.md
git rm -q "$(entry_file "$sgone")"
git add -A && gc "One goes, one much like it comes"
printf 'More.\n' >>"$(entry_file "$skeep")"
git add -A && gc "Kept, and a word on $sgone"
# an entry whose ID starts with the one that goes, with a draft kept
EDITOR="$T/crash" t edit "$twin"
t purge "$sgone" --yes
expect_rc 2 "a draft of an entry whose ID only starts the same: refused"
expect_err "there are drafts kept in" "as a draft of another entry"
rm -f .tend/drafts/*
t purge "$sgone" --yes
expect_rc 0 "(purge of the entry)"
expect "the entry whose ID starts the same stays" test -n "$(entry_file "$twin")"
expect "a copy of a version outside entries/ stays" grep -q flatsecret notes/copy.md
expect "an empty entry stays, as a version of it was empty" \
	test -e entries/2026/11/2026-11-06-1000-blank.md
expect "an entry much like it, added as it went, stays" \
	grep -q keptsimilar entries/2026/11/2026-11-05-1000-much-alike.md
expect "with its history" test "$(git log --format=%H -- \
	entries/2026/11/2026-11-05-1000-much-alike.md | wc -l)" -ge 1
expect "a file that once held nothing, as a version of it did, stays" \
	test -e notes/empty.md
expect "in its history too" test -n "$(git log --format=%H -- notes/empty.md)"
expect_eq "a message that names its ID gets a neutral one" "Change entries" \
	"$(git log --format=%s -1 -- "$(entry_file "$skeep")")"
expect "git fsck --strict is clean" git fsck --strict

# --- an encrypted journal --------------------------------------------------------
encrypted_setup
"$TEND" init --encrypt "$T/e" >/dev/null 2>&1 || {
	echo "Bail out! cannot make an encrypted journal"
	exit 1
}
cd "$T/e" || exit 1
t new "Googled flats" -m "flatsecret in a sealed entry." --date "2026-11-01 10:00"
egone=$(cat "$OUT")
t new "Stays" -m "Sealed and staying." --date "2026-11-02 10:00"
ekeep=$(cat "$OUT")
t purge "$egone" --yes
expect_rc 0 "purge in an encrypted journal"
expect_not "the entry's file is gone" test -e "entries/2026/11/$egone.md.age"
t show "$ekeep"
expect_out "Sealed and staying." "the other entry is there"
expect_eq "and the history has no version of it" "" \
	"$(git log --all --format=%H -- "entries/2026/11/$egone.md.age")"
expect "git fsck --strict is clean" git fsck --strict

# --- killed at each write --------------------------------------------------------
cd "$T" || exit 1
"$TEND" init "$T/base" >/dev/null
cd "$T/base" || exit 1
t new "Googled flats" -m "flatsecret once." --date "2026-11-01 10:00"
kgone=$(cat "$OUT")
printf 'leaseplan later.\n' >>"$(entry_file "$kgone")"
t save
t new "Other day" -m "Words that stay." --date "2026-11-02 10:00"
t list
base_head=$(git rev-parse HEAD)
cd "$T" || exit 1
cp -a "$T/base" "$T/k"
cd "$T/k" || exit 1
rm -f "$T/writes"
tfault TEND_FAULT_LOG="$T/writes" -- purge "$kgone" --yes
expect_rc 0 "(the purge, its writes logged)"
sed -i "s|$T/k/||" "$T/writes"
kills=$(kill_points "$T/writes")
expect "it makes writes to kill it at ($(wc -l <"$T/writes"))" \
	test "$(wc -l <"$T/writes")" -gt 10
cd "$T" || exit 1
bad=""
for k in $kills; do
	rm -rf "$T/k"
	cp -a "$T/base" "$T/k"
	cd "$T/k" || exit 1
	tfault TEND_FAULT_KILL="$k" -- purge "$kgone" --yes
	"$TEND" list >"$T/list.out" 2>"$T/list.err"
	if [ -e "$(entry_file "$kgone")" ]; then
		# as it was
		[ "$(git rev-parse HEAD)" = "$base_head" ] &&
			git fsck --strict >/dev/null 2>&1 &&
			grep -q 'Googled flats' "$T/list.out" &&
			[ ! -e .tend/convert ] &&
			[ -z "$(git status --porcelain)" ] || bad="$bad $k(before)"
	else
		# purged whole
		git cat-file --batch-all-objects --batch >"$T/objects"
		! grep -Eqa "$SECRETS" "$T/objects" &&
			git fsck --strict >/dev/null 2>&1 &&
			grep -q 'Other day' "$T/list.out" &&
			git cat-file -e HEAD:.tend-purged &&
			[ ! -e .tend/convert ] &&
			[ -z "$(git status --porcelain)" ] || bad="$bad $k(purged)"
	fi
	"$TEND" check >/dev/null 2>&1 || bad="$bad $k(check)"
	cd "$T" || exit 1
done
expect_eq "killed at any write, the journal is as it was or purged whole" "" "$bad"

done_testing
