# The pages of a small fixed journal, byte for byte (issue 5): the journal
# is tests/regress/render/journal/, the pages it must give are in
# tests/regress/render/site/. After a change to the pages on purpose,
# `make regress-update` writes them anew: read `git diff tests/regress`
# before committing them.
. tests/cli/lib.sh
golden="$(pwd)/tests/regress/render"
journal "$T/j"
cp -R "$golden/journal/entries" "$golden/journal/goals" .
"$TEND" save -m "The fixed journal" >/dev/null || fail "cannot save the journal"

# 2026-11-20 12:00 UTC: a day with an entry a year before, for "on this day"
SOURCE_DATE_EPOCH=1795176000 t render -o "$T/site"
expect_rc 0 "render of the fixed journal"
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	rm -rf "$golden/site"
	cp -R "$T/site" "$golden/site"
	rm "$golden/site/.tend-render"
	echo "# wrote $golden/site"
fi
for f in $(cd "$golden/site" && find . -type f | sed 's|^\./||' | sort); do
	if cmp -s "$golden/site/$f" "$T/site/$f"; then
		pass "$f is as it should be"
	else
		fail "$f differs from tests/regress/render/site/$f" \
			"$(diff -u "$golden/site/$f" "$T/site/$f" | head -40)"
	fi
done
expect_eq "and there are no other pages" \
	"$(cd "$golden/site" && find . -type f | sort)" \
	"$(cd "$T/site" && find . -type f ! -name .tend-render | sort)"
SOURCE_DATE_EPOCH=1795176000 t render -o "$T/site"
expect_out "0 written, 20 unchanged" "a second render of it writes nothing"
done_testing
