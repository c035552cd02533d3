# A commit of tend's under a full disk or a kill, at each of its writes
# into git: it is made whole or not at all. A command that says it
# committed did (libgit2 may report done a write the disk did not take);
# one that failed leaves git's index as it was, nothing staged; one that
# was killed leaves what the next command finishes; and git's index
# written behind the branch (by a git stopped between the two)
# never shows committed files as changes.
. tests/cli/lib.sh

NOSPACE="No space left on device"
# git must not refresh its index while the tests look
GIT_OPTIONAL_LOCKS=0
export GIT_OPTIONAL_LOCKS

journal "$T/j"
t new "First" -m "The first entry, committed before anything fails."
expect_rc 0 "a first entry"

# writes ARGS...: the writes into .git/ of tend ARGS, run in a copy of the
# journal made ready by prepare, one "N PATH" a line, into $T/writes
writes() {
	rm -rf "$T/w" "$T/writes"
	cp -a "$T/j" "$T/w"
	(cd "$T/w" && prepare && env LD_PRELOAD="$TEND_FAULT_LIB" \
		ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
		TEND_FAULT_LOG="$T/writes" TEND_FAULT_PATH=/.git/ \
		"$TEND" "$@" >/dev/null 2>&1)
	sed -i "s|$T/w/||" "$T/writes"
}

# fresh: the journal as it was after the first entry, in $T/k
fresh() {
	cd "$T" || exit 1
	rm -rf "$T/k"
	cp -a "$T/j" "$T/k"
	cd "$T/k" || exit 1
}

# whole WHAT: git is sound and its index is the last commit's for every
# file git has (nothing staged that is not committed)
whole() {
	expect_eq "$1: git finds nothing broken" "" \
		"$(git fsck --no-dangling 2>&1)"
	expect_eq "$1: nothing is staged that is not committed" "" \
		"$(git diff --cached --name-status)"
}

# kept WHAT: every entry's words are on disk and in the last commit
kept() {
	expect "$1: the first entry's words are kept" \
		grep -q "The first entry, committed before anything fails." \
		entries/*/*/*-first.md
	expect "$1: and what the command wrote" \
		grep -rq "$words" entries
	expect "$1: and committed" git grep -q "$words" HEAD -- entries
}

# save_after WHAT: tend save then leaves all saved, kept and whole
save_after() {
	t save
	expect_rc 0 "$1: then tend save"
	expect_eq "$1: then nothing is left unsaved" "" \
		"$(git status --porcelain --untracked-files=all)"
	kept "$1"
	whole "$1: then"
}

for cmd in new save; do
	if [ $cmd = new ]; then
		words="Written while the disk filled."
		set -- new "Second" -m "$words"
	else
		words="An edit that must not be lost."
		set -- save -m "An edit, saved while the disk filled."
	fi
	# prepare: in the journal, what the command is to commit
	prepare() {
		if [ $cmd = save ]; then
			printf '%s\n' "$words" \
				>>"$(find entries -name '*-first.md')"
		fi
	}
	writes "$@"
	total=$(wc -l <"$T/writes")
	expect "tend $cmd writes into git more than 4 times ($total)" \
		test "$total" -gt 4
	k=1
	while [ "$k" -le "$total" ]; do
		at=$(sed -n "${k}s/^[0-9]* //p" "$T/writes")
		what="tend $cmd, the disk full from write $k of $total ($at)"
		fresh
		prepare
		head0=$(git rev-parse HEAD)
		tfault TEND_FAULT_WRITE="$k" TEND_FAULT_PATH=/.git/ -- "$@"
		if [ "$(git rev-parse HEAD)" = "$head0" ]; then
			expect_rc 1 "$what: not committed: exit 1"
			expect_err "$NOSPACE" "$what: it says no space is left"
		else
			expect_rc 0 "$what: committed: exit 0"
			expect_eq "$what: committed: one commit more" \
				"$head0" "$(git rev-parse HEAD~1)"
		fi
		whole "$what"
		save_after "$what"

		what="tend $cmd, killed at write $k of $total ($at)"
		fresh
		prepare
		tfault TEND_FAULT_KILL="$k" TEND_FAULT_PATH=/.git/ -- "$@"
		expect_eq "$what: it was killed" 137 "$rc"
		expect_eq "$what: git finds nothing broken" "" \
			"$(git fsck --no-dangling 2>&1)"
		save_after "$what"
		k=$((k + 1))
	done
done

# --- git's index behind the branch --------------------------------------------
# as a git stopped between moving the branch and writing its index leaves
# it: the files of the last commit are on disk, git's index is older
fresh
cp .git/index "$T/index.old"
t new "Third" -m "Committed; then git's index is put back as it was before."
expect_rc 0 "an entry committed"
third=$(find entries -name '*-third.md')
printf 'More to the first.\n' >>"$(find entries -name '*-first.md')"
t save -m "An edit committed"
expect_rc 0 "an edit committed"
cp "$T/index.old" .git/index
expect_eq "git's index is behind: git takes the entry for removed" \
	"D  $third" "$(git status --porcelain | grep "^D ")"
t status
expect_rc 0 "tend status"
expect_out "Nothing to save" "tend status says nothing is to save"
expect_no_out "$third" "it names neither the new entry"
expect_no_out "first" "nor the edited one"
t save
expect_rc 0 "tend save"
expect_out "Nothing to save" "tend save saves nothing"
expect_eq "no commit is made" "An edit committed" "$(subject)"
expect_eq "and git's index is brought up to the branch" "" \
	"$(git status --porcelain --untracked-files=all)"

done_testing
