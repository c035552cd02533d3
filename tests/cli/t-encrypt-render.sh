# render and prep in an encrypted journal: the site goes to a private
# folder in memory ($XDG_RUNTIME_DIR/tend/site-ID), a folder on a disk
# only with --yes; no word of an entry is left on a disk by them; the
# user's own HTML templates are read encrypted (NAME.html.age); private
# entries stay out; prep's page is plain, as asked.
. tests/cli/lib.sh

encrypted_setup
J="$T/j"
MEM="$XDG_RUNTIME_DIR/tend"

# the words that must never be readable on a disk
SECRETS="quokkamarsh|velvetgrudge|tagbrineleaf|Lanterns over water"
SECRETS="$SECRETS|Tideline notes|hiddenorchard|zephyrmoss|cobaltstyle"

# d K: the day K days ago
d() {
	date -u -d "$1 days ago" +%F
}

# leaks: every byte under the journal folder (git's objects
# decompressed, the index, .tend/), its file names, its commit messages
# and the files of ours in the temporary folder made since the test
# began, into $T/bytes
leaks() {
	every_byte "$J" >"$T/bytes"
	ls -RA "$J" >>"$T/bytes"
	git -C "$J" log --all --format='%B' >>"$T/bytes"
	find "${TMPDIR:-/tmp}" -xdev -type f -user "$(id -u)" \
		-newer "$T/began" ! -path "$T/bytes" 2>/dev/null |
		while read -r f; do cat "$f"; done >>"$T/bytes" 2>/dev/null
}

: >"$T/began"
"$TEND" init --encrypt "$J" >/dev/null 2>&1 || {
	echo "Bail out! cannot make an encrypted journal"
	exit 1
}
cd "$J" || exit 1
recipient=$(printf 'correct horse battery\n' |
	script -qec "age -d '$J/key.age'" /dev/null |
	sed -n 's/.*public key: \(age1[a-z0-9]*\).*/\1/p' | tr -d '\r')
[ -n "$recipient" ] || {
	echo "Bail out! no public key in key.age"
	exit 1
}

t new "Lanterns over water" -m "quokkamarsh walked home by the river." \
	--mood 4 --tag tagbrineleaf --feeling velvetgrudge --share \
	--date "$(d 3) 21:40"
expect_rc 0 "an entry to share"
t new "Tideline notes" -m "Nothing much, a walk." --mood 6 \
	--date "$(d 2) 08:15"
expect_rc 0 "a second entry"
t new "Orchard" -m "hiddenorchard is mine alone." --private \
	--date "$(d 1) 22:00"
expect_rc 0 "a private entry"

# --- render into memory ------------------------------------------------
t render
expect_rc 0 "render works in an encrypted journal"
expect_out "into $MEM/site-" "into a folder of its own in XDG_RUNTIME_DIR/tend"
expect_out "in a private folder in memory, not on a disk" "and says so"
SITE=$(ls -d "$MEM"/site-* 2>/dev/null)
expect_eq "one site folder" 1 "$(printf '%s\n' "$SITE" | grep -c .)"
expect_out "Open $SITE/index.html" "says what to open"
expect_eq "the folder is private" 700 "$(mode "$SITE" 2>/dev/null)"
expect "the entry's page holds its words" \
	grep -rq quokkamarsh "$SITE/entries"
expect "and its title" grep -rq "Lanterns over water" "$SITE/entries"
expect "the tag has its page" grep -rqs tagbrineleaf "$SITE/tags"
expect_not "the private entry is left out" grep -rq hiddenorchard "$SITE"
expect_not "no site/ in the journal" test -e site
leaks
expect_not "no word of an entry in the journal, its history, index, TMPDIR" \
	grep -Eqa "$SECRETS" "$T/bytes"
expect "(the index is there to look in)" test -s .tend/index.db

sleep 0.1
t render
expect_rc 0 "render again"
t render -v
expect_rc 0 "and again, with nothing changed"
expect_out "Read no entry: nothing changed since the last render." \
	"reads no entry, as in a plain journal"
expect_out ": 0 written," "and writes no page"

# another journal has a folder of its own
"$TEND" init --encrypt "$T/j2" >/dev/null 2>&1 ||
	fail "cannot make a second encrypted journal"
t -J "$T/j2" render
expect_rc 0 "render a second journal"
expect_eq "into a folder of its own" 2 \
	"$(ls -d "$MEM"/site-* 2>/dev/null | grep -c .)"
expect "the first journal's site is still there" \
	grep -rq quokkamarsh "$SITE/entries"

# --- a folder on a disk only with --yes --------------------------------
t render -o "$T/disk"
expect_rc 2 "-o DIR on a disk without --yes is refused"
expect_err "'$T/disk' is on a disk" "and says where"
expect_err "plain text: render there with --yes" "and why, and what to do"
expect_not "and writes nothing there" test -e "$T/disk"
printf '[render]\noutput = site\n' >.tend/config.ini
t render
expect_rc 2 "[render] output on a disk is refused too"
expect_err "take [render] output out of your settings" "and says so"
expect_not "and writes no site/" test -e site
rm .tend/config.ini
t render -o "$T/disk" --yes
expect_rc 0 "with --yes it renders there"
expect_err "warning: '$T/disk' is on a disk: the site is your journal" \
	"and warns"
expect "(the site is there, plain)" grep -rq quokkamarsh "$T/disk/entries"
expect_no_out "in a private folder in memory" "nor says it is in memory"
t render -o "$XDG_RUNTIME_DIR/elsewhere/site"
expect_rc 0 "-o DIR in memory needs no --yes"
expect_no_err "warning" "nor warns"
expect "(the site is there)" \
	grep -rq quokkamarsh "$XDG_RUNTIME_DIR/elsewhere/site/entries"
# a relative -o is from where tend runs, as in a plain journal
t render -o ../rel
expect_rc 2 "-o ../rel, on a disk, is refused"
expect_err "'../rel' is on a disk" "(named as given)"
cd "$XDG_RUNTIME_DIR" || exit 1
t -J "$J" render -o rel
expect_rc 0 "-o rel from a folder in memory needs no --yes"
expect "(the site is there)" grep -rq quokkamarsh "$XDG_RUNTIME_DIR/rel"
cd "$J" || exit 1

# --- no folder in memory -----------------------------------------------
XDG_RUNTIME_DIR= t render
expect_rc 1 "render without XDG_RUNTIME_DIR fails"
expect_err "XDG_RUNTIME_DIR is not set" "and says why"
expect_not "and writes no site/" test -e site
mkdir "$T/run"
XDG_RUNTIME_DIR="$T/run" t render
expect_rc 1 "render with XDG_RUNTIME_DIR on a disk fails"
expect_err "is not a folder in memory" "and says why"
expect_eq "and makes nothing there" "" "$(find "$T/run" -mindepth 1)"

# --- the user's own templates, encrypted -------------------------------
mkdir -p templates/html
printf 'body { color: #0047ab; } /* cobaltstyle */\n' |
	age -r "$recipient" -o templates/html/style.css.age
printf '</main>\n<footer>zephyrmoss</footer>\n</body>\n</html>\n' |
	age -r "$recipient" -o templates/html/foot.html.age
# a plain one is not read in an encrypted journal
printf 'body { color: red; } /* plaincssmark */\n' >templates/html/style.css
t render
expect_rc 0 "render with the user's own encrypted templates"
expect_out "Using your own templates/html/style.css.age" "says so"
expect_out "Using your own templates/html/foot.html.age" "and the part"
expect "the site has the user's style" grep -q cobaltstyle "$SITE/style.css"
expect_not "not the plain one" grep -q plaincssmark "$SITE/style.css"
expect "and its part on every page" grep -q zephyrmoss "$SITE/index.html"
rm templates/html/style.css
printf '{{#oops}}\n' | age -r "$recipient" -o templates/html/tag.html.age
t render
expect_rc 3 "a broken encrypted template is refused"
expect_err "templates/html/tag.html.age:" "and named with its file"
rm templates/html/tag.html.age
t render --include-private -o "$XDG_RUNTIME_DIR/with-private"
expect_rc 0 "render --include-private"
expect "has the private entry" \
	grep -rq hiddenorchard "$XDG_RUNTIME_DIR/with-private/entries"
# the site rendered on the disk with --yes aside
rm -rf "$T/disk"
leaks
expect_not "still no word of an entry on the disk" \
	grep -Eqa "$SECRETS" "$T/bytes"

# --- prep --------------------------------------------------------------
t prep
expect_rc 0 "prep works in an encrypted journal"
expect_out "quokkamarsh walked home" "its page holds the shared entry"
expect_out "velvetgrudge" "and the feelings"
expect_no_out "hiddenorchard" "not the private entry"
t prep -o "$T/prep.md"
expect_rc 0 "prep -o FILE needs no --yes: the page is asked for"
expect "the file holds the words" grep -q quokkamarsh "$T/prep.md"
expect_not "not the private entry's" grep -q hiddenorchard "$T/prep.md"
t prep --format html -o "$T/prep.html"
expect_rc 0 "prep --format html"
expect_err "using your own templates/html/style.css.age" \
	"with the user's own style"
expect "inline" grep -q cobaltstyle "$T/prep.html"
expect "and the words" grep -q quokkamarsh "$T/prep.html"
expect_eq "nothing of prep is left in the journal" "" \
	"$(git status --porcelain --ignored | grep -v '^!! .tend/$' |
		grep -v '^?? templates/')"

done_testing
