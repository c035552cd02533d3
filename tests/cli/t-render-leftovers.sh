# tend render after a render that was killed: the next render removes the
# temporary files (.tend-PID-N.tmp) the killed one left, in the site
# folder and in every folder of it, and nothing else; a render that is
# still running (it holds the site's lock) keeps its own.
. tests/cli/lib.sh
journal "$T/j"
SITE="$T/j/site"

for i in 1 2 3; do
	"$TEND" new -m "Words $i, a secret kept." --tag "t$i" --private \
		"Entry $i" >/dev/null 2>&1 || fail "cannot write entry $i"
done
"$TEND" new -m "An open entry." --tag open "Open" >/dev/null 2>&1 ||
	fail "cannot write the open entry"

# leftovers: the temporary files of a render anywhere in the site
leftovers() {
	find "$SITE" -name '.tend-*.tmp' -o -name '..tend-render.tmp*' | sort
}

# the writes of a whole render, to kill one at a chosen write
rm -rf "$SITE"
tfault TEND_FAULT_LOG="$T/writes" TEND_FAULT_PATH=/site/ -- render \
	--include-private
expect_rc 0 "a render with every write logged"
first_entry=$(grep -n '/site/entries/' "$T/writes" | head -n 1 | cut -d: -f1)
first_tag=$(grep -n '/site/tags/' "$T/writes" | head -n 1 | cut -d: -f1)

# --- killed while writing a page of a folder the manifest does not name --
rm -rf "$SITE"
tfault TEND_FAULT_KILL="$first_tag" TEND_FAULT_PATH=/site/ -- render \
	--include-private
expect_rc 137 "a first render killed while writing a tag page"
expect "it left a temporary file in entries/ or tags/" \
	sh -c "find '$SITE/entries' '$SITE/tags' -name '.tend-*.tmp' | grep -q ."
t render
expect_rc 0 "the next render works"
expect_eq "and removes what the killed render left, in every folder" "" \
	"$(leftovers)"
expect_not "no private word is left in the site" grep -rq 'a secret kept' \
	"$SITE"

# --- killed while writing the manifest of a new site -------------------
rm -rf "$SITE"
tfault TEND_FAULT_KILL=1 TEND_FAULT_PATH=/site/ -- render
expect_rc 137 "a first render killed at its first write (the manifest)"
expect_eq "it left only a temporary file" 1 \
	"$(find "$SITE" -mindepth 1 | wc -l)"
t render
expect_rc 0 "the next render takes the folder as its own"
expect_no_err "not empty" "and does not call it someone else's"
expect_eq "and removes the temporary file" "" "$(leftovers)"
expect "the site is whole" test -f "$SITE/entries/$("$TEND" list -n 1 \
	--format ids).html"

# --- killed half-way through a later render ----------------------------
"$TEND" new -m "One more." --tag later "Later" >/dev/null 2>&1
tfault TEND_FAULT_KILL=2 TEND_FAULT_PATH=/site/entries/ -- render \
	--include-private
expect_rc 137 "a later render killed in entries/"
t render
expect_rc 0 "the next render works"
expect_eq "and leaves nothing of the killed one" "" "$(leftovers)"

# --- killed while adding a new page to the manifest --------------------
"$TEND" new -m "And another." --tag another "Another" >/dev/null 2>&1
another=$("$TEND" list --tag another --format ids)
tfault TEND_FAULT_KILL=2 TEND_FAULT_PATH=/site/.tend-render -- render
expect_rc 137 "a render killed half-way through its second new page"
expect "the first new page, the entry's, was made" \
	test -f "$SITE/entries/$another.html"
"$TEND" rm "$another" >/dev/null 2>&1
t render
expect_rc 0 "after the entry is removed, the next render works"
expect "and removes the page the killed render made of it" \
	test ! -e "$SITE/entries/$another.html"
expect_eq "and leaves nothing of the killed one" "" "$(leftovers)"
"$TEND" new -m "Last." "Last" >/dev/null 2>&1
t render
expect_rc 0 "a render after that"
expect_eq "the manifest ends with a whole line" "" \
	"$(tail -c 1 "$SITE/.tend-render")"
expect "and every page it names is there" sh -c "cd '$SITE' &&
	tail -n +2 .tend-render | cut -d' ' -f2 | xargs ls >/dev/null"

# --- planted: leftovers of renders, and files that only look like them --
mkdir -p "$SITE/extra" "$SITE/.hidden" "$T/outside"
for f in .tend-4242-0.tmp entries/.tend-4242-1.tmp tags/.tend-1-22.tmp \
	extra/.tend-4242-3.tmp ..tend-render.tmpAbC123; do
	printf 'half a page' >"$SITE/$f"
done
# not a render's: other names, a hidden folder, a link out of the site
for f in .tend-notes.tmp entries/.tend-4242-1.tmp.bak tend-1-2.tmp \
	extra/keep.txt extra/.tend-1-x.tmp .tend-1-2.tmpx ..tend-render.tmpAbC \
	.hidden/.tend-1-2.tmp; do
	printf 'mine' >"$SITE/$f"
done
printf 'mine' >"$T/outside/.tend-1-2.tmp"
ln -s "$T/outside" "$SITE/link"
(cd "$SITE" && find . -mindepth 1 | sort) >"$T/before"
t render
expect_rc 0 "a render with files planted in the site"
expect_eq "the render's leftovers are gone, in the folder and its folders" \
	"" "$(find "$SITE" -name '.tend-4242-*.tmp' -o -name '.tend-1-22.tmp' \
	-o -name '..tend-render.tmpAbC123')"
(cd "$SITE" && find . -mindepth 1 | sort) >"$T/after"
expect_eq "nothing else is removed" "./..tend-render.tmpAbC123
./.tend-4242-0.tmp
./entries/.tend-4242-1.tmp
./extra/.tend-4242-3.tmp
./tags/.tend-1-22.tmp" "$(comm -23 "$T/before" "$T/after")"
expect "a file beyond a link out of the site is kept" \
	test -f "$T/outside/.tend-1-2.tmp"
expect "and one in a hidden folder (no page goes there)" \
	test -f "$SITE/.hidden/.tend-1-2.tmp"

# --- a render still running holds the lock: its files stay ------------
printf 'being written' >"$SITE/entries/.tend-777-0.tmp"
# the holder: flock on the site folder, then sleep in the same process
sh -c 'exec 9<"$1"; flock -x 9; : >"$2"; exec sleep 30' sh "$SITE" \
	"$T/held" &
holder=$!
while [ ! -e "$T/held" ]; do sleep 0.1; done
t render
expect_rc 4 "while another render holds the site, a render gives up"
expect "and leaves that render's temporary file alone" \
	test -f "$SITE/entries/.tend-777-0.tmp"
kill "$holder"
wait "$holder" 2>/dev/null
t render
expect_rc 0 "when it is done, the next render works"
expect "and removes what it left" test ! -e "$SITE/entries/.tend-777-0.tmp"

done_testing
