# tend init: a new journal is a private git repository with a first commit.
. tests/cli/lib.sh

t init "$T/j" --title "My journal"
expect_rc 0 "init creates a journal"
expect_out "Created a journal in $T/j" "init says where"
expect_eq "journal folder is mode 0700" 700 "$(mode "$T/j")"
expect_eq "tend.ini is mode 0600" 600 "$(mode "$T/j/tend.ini")"
expect_eq ".gitignore is mode 0600" 600 "$(mode "$T/j/.gitignore")"
expect_eq "git folder is private" 700 "$(mode "$T/j/.git")"
expect_eq "branch is main" main "$(git -C "$T/j" symbolic-ref --short HEAD)"
expect_eq "one commit" 1 "$(git -C "$T/j" rev-list --count HEAD)"
expect_eq "first commit holds tend.ini and .gitignore" \
	".gitignore tend.ini" "$(git -C "$T/j" ls-tree --name-only HEAD | tr '\n' ' ' | sed 's/ $//')"
expect "title is in tend.ini" grep -qx 'title = My journal' "$T/j/tend.ini"
expect ".gitignore ignores site/" grep -qx '/site/' "$T/j/.gitignore"
expect ".gitignore ignores .tend/" grep -qx '/.tend/' "$T/j/.gitignore"
expect "git fsck is clean" git -C "$T/j" fsck --strict
expect "work tree is clean" test -z "$(git -C "$T/j" status --porcelain)"
expect_eq "neutral author without any identity" "tend <tend@localhost>" \
	"$(git -C "$T/j" log -1 --format='%an <%ae>')"

t init "$T/j"
expect_rc 1 "init refuses an existing journal"
expect_err "is already a journal" "and says it is one already"

mkdir "$T/j/sub"
t init "$T/j/sub"
expect_rc 1 "init refuses a folder inside a journal"
expect_err "inside the journal in '$T/j'" "and names the journal"
expect_eq "nothing was created inside" "" "$(ls -A "$T/j/sub")"
t init "$T/j/entries/deeper/new"
expect_rc 1 "init refuses a new folder below a journal"
expect_not "and creates no folder there" test -e "$T/j/entries/deeper"

mkdir -m 755 "$T/empty"
t init "$T/empty"
expect_rc 0 "init adopts an existing empty folder"
expect_eq "and makes it private" 700 "$(mode "$T/empty")"

mkdir "$T/full"
echo "my notes" >"$T/full/notes.txt"
t init "$T/full"
expect_rc 1 "init refuses a folder with files"
expect_eq "and leaves the files alone" "my notes" "$(cat "$T/full/notes.txt")"
expect_not "and makes no repository" test -e "$T/full/.git"

echo x >"$T/afile"
t init "$T/afile"
expect_rc 1 "init refuses a file"

t init "$T/a/b/c"
expect_rc 0 "init makes missing parent folders"

# without DIR: --journal, TEND_JOURNAL, then the XDG default
t -J "$T/by-flag" init
expect_rc 0 "init without DIR uses --journal"
expect "journal made at --journal" test -f "$T/by-flag/tend.ini"
TEND_JOURNAL="$T/by-env" t init
expect_rc 0 "init without DIR uses TEND_JOURNAL"
expect "journal made at TEND_JOURNAL" test -f "$T/by-env/tend.ini"
cd "$T"
t init
expect_rc 0 "init without DIR uses the default place"
expect "journal made in XDG_DATA_HOME" test -f "$XDG_DATA_HOME/tend/journal/tend.ini"
t new -m "found without being told where"
expect_rc 0 "the default journal is found from anywhere"

t init "$T/t2" --title "bad ; title"
expect_rc 2 "a title that tend.ini cannot hold is a usage error"
expect_not "and nothing is created" test -e "$T/t2"
t init "$T/t3" --bogus
expect_rc 2 "an unknown option is a usage error"
expect_err "unknown option '--bogus'" "and names it"

done_testing
