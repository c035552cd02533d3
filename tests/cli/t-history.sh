# show, rm, restore and log: every version stays in git, and comes back.
. tests/cli/lib.sh
journal "$T/j"

t new "Kept" -m "Version one." --date "2026-11-01 10:00"
id=$(cat "$OUT")
f=$(entry_file "$id")
cp "$f" "$T/v1"
t new "Other" -m "Another entry." --date "2026-11-02 10:00"
other=$(cat "$OUT")
sed -i 's/Version one./Version two./' "$f"
t save
cp "$f" "$T/v2"

t show "$id"
expect_rc 0 "show prints an entry"
expect "exactly as its file holds it" cmp "$OUT" "$f"
t show
expect_rc 0 "show without ID shows the newest"
expect "which is the other entry" cmp "$OUT" "$(entry_file "$other")"
t show "$id" --rev HEAD~1
expect_rc 0 "show --rev shows an older version"
expect "the version before the save" cmp "$OUT" "$T/v1"
t show "$id" --rev nonsense
expect_rc 1 "an unknown revision is exit 1"
expect_err "no revision 'nonsense'" "and says so"
t show "$other" --rev HEAD~3
expect_rc 1 "an entry missing from a revision is exit 1"
expect_err "no entry '$other' in revision 'HEAD~3'" "and says so"

t log
expect_rc 0 "log shows the history"
expect_eq "newest first, one line per commit" "Edit entry: $id|Add entry: Other|Add entry: Kept|Start journal: Journal" \
	"$(sed 's/^[0-9a-f]\{7\}  [0-9-]* [0-9:]*  //' "$OUT" | paste -sd'|')"
t log -n 2
expect_eq "log -n limits it" 2 "$(wc -l <"$OUT")"
t log "$id"
expect_eq "log ID shows only that entry's commits" 2 "$(wc -l <"$OUT")"
expect_out "Add entry: Kept" "its first commit"
expect_no_out "Other" "and not the others"
t log -n 0
expect_rc 2 "log -n 0 is a usage error"

# rm keeps uncommitted words in history first
printf 'Words never committed.\n' >>"$f"
cp "$f" "$T/v3"
before=$(commits)
t rm "$id"
expect_rc 0 "rm deletes an entry"
expect_not "the file is gone" test -e "$f"
expect_eq "rm commits the deletion" "Remove entry: $id" "$(subject)"
expect_eq "after committing the unsaved edit" "Save entry: $id" "$(git log -1 --skip=1 --format=%s)"
expect_eq "two commits" "$((before + 2))" "$(commits)"
expect_out "tend restore $id" "rm says how to bring it back"
expect "the unsaved words are in history" sh -c "git show HEAD~1:$f | grep -q 'Words never committed.'"
expect "the work tree is clean" test -z "$(git status --porcelain)"

t show "$id"
expect_rc 1 "a deleted entry is not shown"
t show "$id" --rev HEAD~1
expect_rc 0 "but its last version is in history"
expect "byte for byte" cmp "$OUT" "$T/v3"
t log "$id"
expect_out "Remove entry: $id" "log finds a deleted entry"

t restore "$id"
expect_rc 0 "restore brings back a deleted entry"
expect "as it was before it was deleted" cmp "$f" "$T/v3"
expect_eq "as a new commit" "Restore entry: $id (from $(git rev-parse --short=7 HEAD~2))" "$(subject)"
t restore "$id"
expect_rc 1 "restore of an entry that is there needs --rev"
expect_err "give --rev REV" "and says so"

t restore "$id" --rev HEAD~4
expect_rc 0 "restore --rev brings back an older version"
expect "the file is that version" cmp "$f" "$T/v1"
expect_eq "committed" "Restore entry: $id (from HEAD~4)" "$(subject)"
t restore "$id" --rev HEAD
expect_rc 0 "restoring the same version is fine"
expect_out "already as it was" "and says nothing changed"
t restore "$id" --rev nope
expect_rc 1 "restore from an unknown revision is exit 1"
t restore never-existed
expect_rc 1 "restore of an entry that never was is exit 1"
expect_err "no entry 'never-existed'" "and says so"
t rm
expect_rc 2 "rm needs an ID"
t rm nope
expect_rc 1 "rm of an unknown entry is exit 1"

# an ID wins over a newer entry whose ID starts with it (a clash's -2)
t new "Twin" -m "The first twin." --date "2026-11-20 08:00"
twin=$(cat "$OUT")
t new "Twin" -m "The second twin." --date "2026-11-20 08:00"
expect_eq "(a clash of IDs)" "$twin-2" "$(cat "$OUT")"
t rm "$twin"
t restore "$twin"
expect_rc 0 "restore of an ID that another entry's ID starts with"
expect_out "Restored $twin from" "restores that one"
expect "with its own text" grep -q "The first twin." "$(entry_file "$twin")"
t rm "$twin-2"
t rm "$twin"
t restore "$twin"
expect_rc 0 "still so when both were deleted, the other one later"
expect "and it is the first" grep -q "The first twin." "$(entry_file "$twin")"
t restore "$twin-"
expect_rc 0 "a prefix of the other one's ID alone restores it"
expect "(the second)" grep -q "The second twin." "$(entry_file "$twin-2")"

# restore saves edits not committed yet before replacing them
printf 'Unsaved before restore.\n' >>"$f"
t restore "$id" --rev HEAD~1
expect_rc 0 "restore over unsaved edits"
expect "the unsaved edit is in history" sh -c "git log -p | grep -q 'Unsaved before restore.'"
expect "git fsck is clean" git fsck --strict
done_testing
