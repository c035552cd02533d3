# The editor flow of tend new (tend-new(1)): which editor, how it is run, the
# draft, and what happens when the entry is empty or the editor fails.
. tests/cli/lib.sh
journal "$T/j"

# editor scripts: each records how it was called
mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor write 'printf "%s\n" "$@" >"$T_ARGS"
stat -c %a "$1" >"$T_MODE"
printf "I wrote this in my editor.\n" >>"$1"'
mk_editor title 'sed -i "s/^title:.*/title: Named in the editor/" "$1"
printf "Some words.\n" >>"$1"'
mk_editor nothing ':'
mk_editor slow_nothing 'sleep 1.2'
mk_editor failing 'printf "half a thought\n" >>"$1"; exit 3'
mk_editor broken 'sed -i "s/^title:.*/title: [oops/" "$1"; printf "text\n" >>"$1"'
mk_editor clear ': >"$1"'
export T_ARGS="$T/args" T_MODE="$T/mode"

EDITOR="$T/write" t new "Editor entry" --mood 5
expect_rc 0 "new opens the editor and commits what was written"
f=$(entry_file "$(cat "$OUT")")
expect "the text is in the entry" grep -qx "I wrote this in my editor." "$f"
expect "the options are in it" grep -qx "mood: 5" "$f"
draft=$(cat "$T/args")
case $draft in
"$T/j/.tend/drafts/"*) pass "the draft lives in .tend/drafts/" ;;
*) fail "the draft lives in .tend/drafts/" "got $draft" ;;
esac
expect_eq "the draft is mode 0600" 600 "$(cat "$T/mode")"
expect_not "the draft is gone after the commit" test -e "$draft"
expect_eq "the drafts folder is private" 700 "$(mode .tend/drafts)"
expect_eq "committed" "Add entry: Editor entry" "$(subject)"

EDITOR="$T/title" t new
expect_rc 0 "a title typed in the editor is used"
expect_out "-named-in-the-editor" "and names the entry"

# which editor
VISUAL="$T/write" EDITOR="$T/failing" t new "visual"
expect_rc 0 "VISUAL comes before EDITOR"
printf '[editor]\ncommand = %s\n' "$T/write" >.tend/config.ini
t new "from config"
expect_rc 0 "[editor] command is used without VISUAL or EDITOR"
rm .tend/config.ini
mkdir "$T/bin"
printf '#!/bin/sh\nprintf "vi was here\\n" >>"$1"\n' >"$T/bin/vi"
chmod +x "$T/bin/vi"
PATH="$T/bin:$PATH" t new "plain vi"
expect_rc 0 "vi is the last resort"
expect "and it was vi" grep -q "vi was here" "$(entry_file "$(cat "$OUT")")"

# split like a shell, run without one
mkdir "$T/dir with space"
cp "$T/write" "$T/dir with space/my editor"
EDITOR="'$T/dir with space/my editor' --flag \"two words\" \$HOME;x" t new "split"
expect_rc 0 "a quoted editor path with arguments runs"
expect_eq "its words arrive as a shell would split them, nothing expanded" \
	"--flag|two words|\$HOME;x" "$(head -3 "$T/args" | paste -sd'|')"
EDITOR="'$T/write" t new "unclosed"
expect_rc 2 "an editor command with an open quote is a usage error"
expect_err "a ' quote is not closed" "and says why"
expect_no_err "draft is kept" "an untouched draft is not kept"

# empty entries are discarded
before=$(commits)
EDITOR="$T/slow_nothing" t new "untouched"
expect_rc 0 "an entry left empty is not an error"
expect_err "the entry is empty; nothing was saved" "it is discarded with a message"
expect_no_err "code --wait" "a slow editor gets no hint"
EDITOR="$T/nothing" t new --template daily
expect_err "nothing was saved" "a template left as it was is empty"
expect_err 'EDITOR="code --wait"' "an editor that returns at once unchanged gets a hint"
EDITOR="$T/clear" t new "cleared"
expect_err "nothing was saved" "an emptied draft is discarded"
expect_eq "nothing was committed" "$before" "$(commits)"
expect_eq "no drafts are left behind" "" "$(ls .tend/drafts)"

# failures keep the draft
EDITOR="$T/failing" t new "fails"
expect_rc 1 "an editor that fails is exit 1"
expect_err "the editor '$T/failing' failed (exit status 3)" "and says how"
expect_err "your draft is kept in '$T/j/.tend/drafts/new-" "and names the draft"
kept=$(ls .tend/drafts/new-*.md)
expect "the draft holds what was written" grep -qx "half a thought" "$kept"
expect_eq "nothing was committed" "$before" "$(commits)"
t status
expect_out "$T/j/$kept" "status lists the kept draft"
rm -f .tend/drafts/*

EDITOR="$T/no-such-editor" t new "missing"
expect_rc 1 "an editor that cannot run is exit 1"
expect_err "cannot run the editor '$T/no-such-editor'" "and says it cannot run it"
expect_err "your draft is kept in '$T/j/.tend/drafts/new-" "the draft is kept and named"
rm -f .tend/drafts/*

EDITOR="$T/broken" t new "broken"
expect_rc 3 "broken front matter from the editor is invalid content"
expect_err "$T/j/.tend/drafts/new-" "the problem names the draft"
expect_err "while parsing a flow sequence at 2:8" "at the broken line"
expect_err "your draft is kept" "and the draft is kept"
expect "with the text in it" grep -qx text .tend/drafts/new-*.md
expect_eq "nothing was committed" "$before" "$(commits)"
rm -f .tend/drafts/*

# on a terminal a broken draft can go back to the editor (script gives a tty)
mk_editor fixlater 'if [ -e "$T/second" ]; then sed -i "s/^title:.*/title: Fixed/" "$1"
else : >"$T/second"; sed -i "s/^title:.*/title: [oops/" "$1"; printf "kept text\n" >>"$1"; fi'
export T
printf 'y\n' | script -qec "EDITOR='$T/fixlater' '$TEND' new" /dev/null >"$OUT" 2>&1
rc=$?
expect_rc 0 "a broken new entry can be fixed in the editor again"
expect_out "Open the editor again to fix it? [Y/n]" "tend asks"
expect_eq "and the fixed entry is committed" "Add entry: Fixed" "$(subject)"
expect "with its text" grep -rqx "kept text" entries
expect_eq "no draft is left" "" "$(ls .tend/drafts)"

# the lock is only taken after the editor, so two can write at once
EDITOR="$T/write" t new "works while a draft is open"
expect_rc 0 "sanity"
expect "git fsck is clean" git fsck --strict
done_testing
