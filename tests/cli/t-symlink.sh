# Symbolic links under the journal are never followed out of it.
. tests/cli/lib.sh
journal "$T/j"
mkdir -p "$T/outside" entries/2026
printf 'secret outside\n' >"$T/outside/secret.md"

ln -s "$T/outside" entries/2025
before=$(commits)
t new "Through a link" -m "Should not leave the journal." --date 2025-05-01
expect_rc 1 "new refuses to write through a symbolic link"
expect_err "refusing to follow symbolic link '$T/j/entries/2025'" "and names it"
expect_eq "nothing is written outside" "secret.md" "$(ls "$T/outside")"
expect_eq "nothing is committed" "$before" "$(commits)"
expect "the words are kept in a draft" grep -rq "Should not leave the journal." .tend/drafts
rm -rf .tend/drafts

ln -s "$T/outside/secret.md" entries/2026/2026-01-01-0000-link.md
t new "Real" -m "A real entry." --date 2026-02-01
t list --format ids
expect_rc 0 "list works beside links"
expect_eq "and lists only real files" "2026-02-01-0000-real" "$(cat "$OUT")"
expect_err "skipping symbolic link 'entries/2025'" "a linked folder is skipped with a warning"
expect_err "skipping symbolic link 'entries/2026/2026-01-01-0000-link.md'" \
	"a linked file is skipped with a warning"
t show 2026-01-01-0000-link
expect_rc 1 "show does not follow a linked entry"
t show entries/2026/2026-01-01-0000-link.md
expect_rc 1 "not even by its path"
expect_no_out "secret outside" "and prints nothing from outside"
t edit entries/2026/2026-01-01-0000-link.md
expect_rc 1 "edit refuses it too"
t rm entries/2026/2026-01-01-0000-link.md
expect_rc 1 "and rm"
expect "the file outside is untouched" test "$(cat "$T/outside/secret.md")" = "secret outside"

# entries/ itself a link to a folder outside
journal "$T/k"
mkdir -p "$T/away/2026/11"
printf -- '---\ntitle: away\n---\nouter secret\n' >"$T/away/2026/11/2026-11-01-1200-away.md"
ln -s "$T/away" entries
t show 2026-11-01
expect_rc 1 "an entries folder that is a link is not read"
expect_no_out "outer secret" "nothing from outside is printed"
expect_err "refusing to follow symbolic link" "and the link is named"
t list
expect_rc 1 "list refuses it too"
t rm 2026-11-01-1200-away
expect_rc 1 "rm cannot reach through it"
expect "the file outside is still there" test -f "$T/away/2026/11/2026-11-01-1200-away.md"
t new "Through" -m "not outside" --date 2026-11-02
expect_rc 1 "new cannot write through it"
expect_eq "nothing new outside" "2026-11-01-1200-away.md" "$(ls "$T/away/2026/11")"
rm entries

# the history stays inside the journal too
git init -q --bare "$T/elsewhere.git"
mv .git "$T/k.git"
printf 'gitdir: %s\n' "$T/elsewhere.git" >.git
t new "Gitfile" -m "where does this go"
expect_rc 1 "a .git file pointing elsewhere is refused"
expect_err "the journal's '.git' is not a folder" "with a message"
expect_eq "nothing was committed elsewhere" "" "$(git --git-dir="$T/elsewhere.git" rev-list --all 2>/dev/null)"
expect_eq "and no entry was written" "" "$(find entries -name '*.md' 2>/dev/null)"
rm .git
ln -s "$T/k.git" .git
t new "Link" -m "where does this go"
expect_rc 1 "a .git that is a link is refused"
rm .git
mv "$T/k.git" .git
t list
expect_rc 0 "the journal works again with its own .git"
cd "$T/j"

mkdir -p templates
ln -s "$T/outside" templates/entries
t new "Tmpl" --template secret --no-edit
expect_rc 1 "a template through a link is refused"
expect_err "refusing to follow symbolic link" "with a message"
rm templates/entries

rm -rf .tend
ln -s "$T/outside" .tend
t new "Draft dir" -m "x"
expect_rc 1 "a linked .tend is not used for the lock"
expect_eq "and nothing is written there" "secret.md" "$(ls "$T/outside")"
done_testing
