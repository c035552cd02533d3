# tend remote, tend sync and tend clone (issue 6) with remotes that are
# folders: a bare repository named by its path and as file://, and git's
# own CLI working on the same repository from the other end.
. tests/cli/lib.sh

# g ARGS: git as another person, for commits made outside tend
g() {
	GIT_AUTHOR_NAME=Other GIT_AUTHOR_EMAIL=other@example.com \
	GIT_COMMITTER_NAME=Other GIT_COMMITTER_EMAIL=other@example.com \
		git "$@"
}

# bare DIR: an empty bare repository whose HEAD is main
bare() {
	git init -q --bare --initial-branch=main "$1"
}

# tip REPO [REF]: the commit REF (default main) names in REPO
tip() {
	git -C "$1" rev-parse --verify -q "${2:-refs/heads/main}"
}

# state DIR: HEAD, every ref and a checksum of every file of DIR but
# .git/ and .tend/ (tend's own state), to see that nothing changed
state() {
	git -C "$1" rev-parse HEAD
	git -C "$1" for-each-ref --format='%(refname) %(objectname)'
	(cd "$1" && find . \( -path ./.git -o -path ./.tend \) -prune -o \
		-type f -print | LC_ALL=C sort | xargs sha256sum)
}

# parents [REV]: how many parents the commit has
parents() {
	git log -1 --format=%P "${1:-HEAD}" | wc -w
}

bare "$T/bare.git"
journal "$T/a"

# --- tend remote ---------------------------------------------------------

t remote list
expect_rc 0 "remote list without remotes"
expect_eq "prints nothing" "" "$(cat "$OUT")"

t sync
expect_rc 2 "sync without a remote is a usage error: exit 2"
expect "and says why on stderr" test -s "$ERR"
expect_eq "and commits nothing" 1 "$(commits)"

t remote add origin ../bare.git
expect_rc 0 "remote add NAME PATH"
url=$(git config --get remote.origin.url)
expect_eq "it is a git remote: git remote -v shows it, to fetch" \
	"origin	$url (fetch)" "$(git remote -v | grep '(fetch)')"
expect_eq "and to push" "origin	$url (push)" "$(git remote -v | grep '(push)')"
case $url in
/*) pass "a relative path is stored absolute" ;;
*) fail "a relative path is stored absolute" "url: $url" ;;
esac
expect_eq "and names the same folder" "$(cd "$T/bare.git" && pwd -P)" \
	"$(cd "$url" 2>/dev/null && pwd -P)"

t remote add origin "$T/elsewhere.git"
expect_rc 1 "a name that is taken: exit 1"
expect_eq "and the remote is left as it was" "$url" \
	"$(git config --get remote.origin.url)"
t remote add "bad name" "$T/bare.git"
expect_rc 2 "an invalid name: exit 2"
expect_eq "and no remote is added" origin "$(git remote)"
t remote add lonely
expect_rc 2 "remote add without a URL is a usage error"

t remote add backup "file://$T/bare.git"
expect_rc 0 "remote add NAME file://PATH"
expect_eq "a URL is stored as given" "file://$T/bare.git" \
	"$(git config --get remote.backup.url)"
t remote list
expect_rc 0 "remote list"
expect_eq "NAME<TAB>URL, one a line, sorted by name" \
	"backup	file://$T/bare.git
origin	$url" "$(cat "$OUT")"

t remote remove backup
expect_rc 0 "remote remove"
expect_eq "git agrees it is gone" origin "$(git remote)"
t remote remove backup
expect_rc 1 "removing it again: exit 1"
t remote remove nosuch
expect_rc 1 "removing an unknown remote: exit 1"
t remote list
expect_eq "the list follows" "origin	$url" "$(cat "$OUT")"
t sync nosuch
expect_rc 2 "sync to an unknown remote: exit 2"

# --- the first push ------------------------------------------------------

t new "First" -m "Apricot words, the first ones." --date "2026-11-01 10:00"
first=$(cat "$OUT")
t sync
expect_rc 0 "the first sync pushes to the empty remote"
expect_out "Sent 2 commit" "and says how many commits it sent"
expect_eq "the remote's main is our HEAD" "$(tip . HEAD)" "$(tip "$T/bare.git")"
expect_eq "nothing else is committed" 2 "$(commits)"
t sync
expect_rc 0 "a second sync"
expect_out "Up to date with 'origin'" "has nothing to do"
expect_eq "and leaves the remote as it was" "$(tip . HEAD)" "$(tip "$T/bare.git")"

# --- tend clone ----------------------------------------------------------

cd "$T" || exit 1
t clone "$T/bare.git" "$T/b"
expect_rc 0 "clone PATH DIR"
expect "DIR is a journal" test -f "$T/b/tend.ini"
t -J "$T/b" list --format ids
expect_rc 0 "list works in it"
expect_eq "and shows the entry" "$first" "$(cat "$OUT")"
expect_eq "at the remote's commit" "$(tip "$T/bare.git")" "$(tip "$T/b" HEAD)"
expect_eq "on main" main "$(git -C "$T/b" symbolic-ref --short HEAD)"
expect_eq "origin is the remote" "$T/bare.git" \
	"$(git -C "$T/b" config --get remote.origin.url)"
t -J "$T/b" status
expect_out "Nothing to save" "a fresh clone has nothing to save"

t clone "file://$T/bare.git" "$T/byurl"
expect_rc 0 "clone file://PATH DIR"
t -J "$T/byurl" list --format ids
expect_eq "lists the entry" "$first" "$(cat "$OUT")"

mkdir "$T/empty"
t clone "$T/bare.git" "$T/empty"
expect_rc 0 "clone into an empty folder that exists"
expect "makes it a journal" test -f "$T/empty/tend.ini"

mkdir "$T/full"
printf 'keep me\n' >"$T/full/keep.txt"
t clone "$T/bare.git" "$T/full"
expect_rc 1 "clone into a folder that is not empty: exit 1"
expect_eq "the folder is untouched" keep.txt "$(ls -A "$T/full")"
expect_eq "and its file too" "keep me" "$(cat "$T/full/keep.txt")"

bare "$T/nothing.git"
t clone "$T/nothing.git" "$T/c"
expect_rc 1 "clone of an empty remote: exit 1"
expect "with a hint to start with tend init" \
	sh -c "cat '$OUT' '$ERR' | grep -q 'tend init'"
expect "and to add the remote" sh -c "cat '$OUT' '$ERR' | grep -q 'tend remote add'"
expect_not "no journal is made" test -e "$T/c/tend.ini"

t clone "$T/nowhere.git" "$T/d"
expect_rc 5 "clone of a path that does not exist: exit 5"
expect "saying why" test -s "$ERR"
expect_not "and no folder is left behind" test -e "$T/d"
t clone "file://$T/nowhere.git" "$T/d"
expect_rc 5 "clone of file:// of nothing: exit 5"
expect_not "no folder left either" test -e "$T/d"
mkdir "$T/e"
t clone "$T/nowhere.git" "$T/e"
expect_rc 5 "clone of nothing into an empty folder that exists: exit 5"
expect "the folder stays" test -d "$T/e"
expect_eq "empty" "" "$(ls -A "$T/e")"

# --- fast-forward --------------------------------------------------------

cd "$T/a" || exit 1
t new "Second" -m "Blueberry words from A." --date "2026-11-02 10:00"
second=$(cat "$OUT")
t sync
expect_rc 0 "sync A after a new entry"
expect_out "Sent 1 commit" "sends one commit"
cd "$T/b" || exit 1
t sync
expect_rc 0 "sync B"
expect_out "Received 1 commit" "receives one commit"
expect_eq "B is at A's commit" "$(tip "$T/a" HEAD)" "$(tip . HEAD)"
expect "B has the entry" grep -q "Blueberry words from A." "$(entry_file "$second")"
expect_eq "fast-forwarded: no merge commit" 0 "$(git rev-list --merges --count HEAD)"
expect_eq "the work tree is clean" "" "$(git status --porcelain)"
t list --format ids
expect_out "$second" "list in B shows it"

# --- edits not saved yet are committed first ----------------------------

fb=$(entry_file "$first")
printf 'Cherry words typed in another editor.\n' >>"$fb"
t sync
expect_rc 0 "sync with an edit not saved"
expect_eq "commits it as tend save does" "Edit entry: $first" "$(subject)"
expect "the edit is in the commit" \
	sh -c "git show HEAD:$fb | grep -q 'Cherry words typed'"
expect_eq "and pushes it" "$(tip . HEAD)" "$(tip "$T/bare.git")"
expect_eq "nothing is left to save" "" "$(git status --porcelain)"
cd "$T/a" || exit 1
t sync
expect_rc 0 "sync A"
expect "A has the edit made in B" grep -q "Cherry words typed" "$fb"

# --- a remote that cannot be reached -------------------------------------

bare "$T/stick.git"
t remote add stick "$T/stick.git"
expect_rc 0 "a remote on a stick"
rm -rf "$T/stick.git"
git remote add nofile "file://$T/nowhere.git"
state . >"$T/before"
for r in stick nofile; do
	t sync "$r"
	expect_rc 5 "sync to an unreachable remote ($r): exit 5"
	expect "saying why on stderr ($r)" test -s "$ERR"
	state . >"$T/after"
	expect "HEAD, refs and files are as they were ($r)" cmp "$T/before" "$T/after"
done
expect_not "no folder is made where the remote was" test -e "$T/stick.git"
head_before=$(tip . HEAD)
printf 'Damson words, unsaved when the stick was gone.\n' >>"$fb"
cp "$fb" "$T/damson"
t sync stick
expect_rc 5 "unreachable with an unsaved edit: exit 5"
expect "the edit is still in the file" cmp "$T/damson" "$fb"
if [ "$(tip . HEAD)" = "$head_before" ]; then
	pass "HEAD did not move"
else
	expect_eq "or only by the save of that edit" "$head_before" "$(tip . HEAD~1)"
	expect "which holds it" sh -c "git show HEAD:$fb | cmp - '$T/damson'"
fi
expect_eq "and the other remote is untouched" "$(tip "$T/b" HEAD)" "$(tip "$T/bare.git")"
t sync
expect_rc 0 "sync to origin afterwards"
expect_eq "sends the edit" "$(tip . HEAD)" "$(tip "$T/bare.git")"
expect "which is in the remote" \
	sh -c "git -C '$T/bare.git' show main:$fb | cmp - '$T/damson'"
git remote remove stick
git remote remove nofile

# --- the git CLI at the other end ----------------------------------------

git clone -q "$T/bare.git" "$T/g"
expect_eq "a plain git clone of the remote has our commit" \
	"$(tip . HEAD)" "$(tip "$T/g" HEAD)"
cd "$T/g" || exit 1
mkdir -p entries/2026/10
byhand=entries/2026/10/2026-10-05-0900-from-git.md
printf -- '---\ntitle: From the git CLI\ndate: 2026-10-05T09:00:00+00:00\n---\n\nElderberry words committed with git.\n' >"$byhand"
g add "$byhand"
g commit -q -m "An entry made with git"
expect "git push to the remote" g push -q origin main
cd "$T/a" || exit 1
t sync
expect_rc 0 "tend sync brings the commit made with git"
expect_out "Received 1 commit" "one commit received"
expect "the file is there" cmp "$byhand" "$T/g/$byhand"
expect_eq "A is at git's commit" "$(tip "$T/g" HEAD)" "$(tip . HEAD)"
t list --format ids
expect_out 2026-10-05-0900-from-git "tend list shows the entry made with git"
t show 2026-10-05-0900-from-git
expect_out "Elderberry words" "tend show shows it"

t new "For git" -m "Fig words for the git clone." --date "2026-11-03 10:00"
forgit=$(cat "$OUT")
t sync
expect_rc 0 "sync an entry written with tend"
expect "git pull in the git clone" git -C "$T/g" pull -q --ff-only origin main
expect "brings the entry" grep -q "Fig words for the git clone." \
	"$T/g/$(entry_file "$forgit")"
expect_eq "and the same commit" "$(tip . HEAD)" "$(tip "$T/g" HEAD)"

# --- tend sync NAME and [sync] remote -------------------------------------

bare "$T/backup.git"
t remote add backup "file://$T/backup.git"
t sync backup
expect_rc 0 "sync NAME pushes to that remote"
expect_eq "its main is our HEAD" "$(tip . HEAD)" "$(tip "$T/backup.git")"
t sync backup
expect_out "Up to date with 'backup'" "the report names the remote"

origin_was=$(tip "$T/bare.git")
printf '[sync]\nremote = backup\n' >.tend/config.ini
t new "Kiwi" -m "Kiwi words for the backup only." --date "2026-11-04 10:00"
t sync
expect_rc 0 "sync with [sync] remote = backup in .tend/config.ini"
expect_eq "goes to backup" "$(tip . HEAD)" "$(tip "$T/backup.git")"
expect_eq "and not to origin" "$origin_was" "$(tip "$T/bare.git")"
expect_eq "this machine's settings are never committed" "" \
	"$(git log --all --format= --name-only -- .tend)"
t sync
expect_out "Up to date with 'backup'" "a second sync is up to date with backup"
t sync origin
expect_rc 0 "sync origin still names origin"
expect_eq "which gets it now" "$(tip . HEAD)" "$(tip "$T/bare.git")"

printf '[sync]\nremote = nosuch\n' >.tend/config.ini
t sync
expect_rc 2 "[sync] remote naming no remote: exit 2"
rm .tend/config.ini

# --- [sync] auto ---------------------------------------------------------

cd "$T" || exit 1
t clone "$T/bare.git" "$T/auto"
expect_rc 0 "a journal for auto sync"
cd "$T/auto" || exit 1
mkdir -p .tend
printf '[sync]\nauto = true\n' >.tend/config.ini
expect_eq "the clone is where the remote is" "$(tip . HEAD)" \
	"$(tip "$T/bare.git")"
was=$(tip "$T/bare.git")
t new "Auto" -m "Grape words pushed by themselves." --date "2026-11-05 10:00"
expect_rc 0 "new with [sync] auto = true"
auto=$(cat "$OUT")
expect_eq "prints only the ID: the sync is quiet" 1 "$(wc -l <"$OUT")"
expect "which names the new entry" test -f "$(entry_file "$auto")"
expect_eq "commits the entry" "Add entry: Auto" "$(subject)"
expect_eq "and pushes it: the remote's main moved to HEAD" \
	"$(tip . HEAD)" "$(tip "$T/bare.git")"
expect_eq "by one commit" "$was" "$(tip "$T/bare.git" main~1)"
tty_clock 1000 new Slow -m Quince
expect_rc 0 "new with auto sync on a terminal, the push taking a while"
expect_no_out "sending" "shows no progress: the sync is quiet"
expect_eq "and pushes" "$(tip . HEAD)" "$(tip "$T/bare.git")"

git remote set-url origin "$T/nowhere.git"
t new "Offline" -m "Honeydew words written offline." --date "2026-11-06 10:00"
expect_rc 0 "new with auto sync and the remote gone still exits 0"
offline=$(cat "$OUT")
expect_err "warning" "and warns on stderr"
expect_eq "the entry is committed" "Add entry: Offline" "$(subject)"
expect "its file is there" grep -q "Honeydew words" "$(entry_file "$offline")"
expect_eq "nothing is left to save" "" "$(git status --porcelain)"
expect_eq "the remote did not move" "$(tip . HEAD~1)" "$(tip "$T/bare.git")"
git remote set-url origin "$T/bare.git"
t sync
expect_rc 0 "sync when the remote is back"
expect_eq "sends what was written offline" "$(tip . HEAD)" "$(tip "$T/bare.git")"

expect "git fsck of the remote is clean" git -C "$T/bare.git" fsck --strict
expect "git fsck of the backup is clean" git -C "$T/backup.git" fsck --strict
expect "git fsck of A is clean" git -C "$T/a" fsck --strict
expect "git fsck of B is clean" git -C "$T/b" fsck --strict
done_testing
