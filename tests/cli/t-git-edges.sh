# git round the edges (issue 20): words that begin with '-' are words
# after '--' and a clear usage error before it, never the help; tend log
# in a shallow clone shows what the clone holds and says it is shallow;
# a sync to a bare repository whose HEAD names a branch it lacks points
# HEAD at the journal's branch, so that a plain git clone checks it out.
. tests/cli/lib.sh
cd "$T"
journal "$T/j"

# --- a title that begins with '-' --------------------------------------
snap
t new "- what I said" -m "I said it."
expect_rc 2 "a '- text' word before '--': exit 2"
expect_err "'- what I said' would be read as options" "says why"
expect_err "after '--'" "and how to give it"
expect_no_out "usage: tend new" "never the help"
same "nothing written"
t new -m "I said it." -- "- what I said"
expect_rc 0 "after '--', with the options before it: exit 0"
expect_eq "the title is the words as given" "- what I said" \
	"$("$TEND" list --format json | jq -r '.[0].title')"
t new "-x what" -m text
expect_rc 2 "a word of one dash and spaces is refused too"
t new -m"joined text" "Joined"
expect_rc 0 "an option with its value joined, spaces and all, still works"
expect_eq "and its text is the body" "joined text" \
	"$(tail -n 1 "$(entry_file "$("$TEND" list --format ids |
		grep joined)")")"
t search "- what"
expect_rc 2 "every command refuses such a word alike"
expect_err "tend search [OPTIONS] -- '- what'" "naming itself"

# --- a shallow clone ------------------------------------------------------
for i in 1 2 3; do
	"$TEND" new "Old $i" -m "old $i" --date "2026-10-0$i 10:00" \
		>/dev/null 2>&1
done
git -C "$T/j" clone -q --bare . "$T/bare.git"
git clone -q --depth 1 "file://$T/bare.git" "$T/shallow" 2>/dev/null
expect "the clone is shallow" test -f "$T/shallow/.git/shallow"
cd "$T/shallow"
t log
expect_rc 0 "log in a shallow clone: exit 0"
expect_eq "shows the one commit the clone holds" 1 "$(wc -l <"$OUT")"
expect_out "$(git log -1 --format=%h)" "the commit at its HEAD"
expect_err "history is shallow" "and says the history is shallow"
expect_err "git fetch --unshallow" "and how to fetch the rest"
id=$("$TEND" list --format ids --on 2026-10-01)
expect "an entry of the shallow clone" test -n "$id"
t log "$id"
expect_rc 0 "log ID in a shallow clone: exit 0"
expect_out "$(git log -1 --format=%h)" \
	"the history it holds of that entry: where the clone begins"
t show "$id"
expect_rc 0 "show reads it"
cd "$T"
git clone -q --depth 2 "file://$T/bare.git" "$T/shallow2" 2>/dev/null
cd "$T/shallow2"
t log
expect_eq "a clone of depth 2 shows its two commits" 2 "$(wc -l <"$OUT")"
t log "no-such-entry"
expect_rc 1 "an entry in no commit it holds: exit 1"
expect_err "in the history this shallow clone holds" "says which history"
cd "$T"
# a whole clone says nothing of the kind
t -J "$T/j" log
expect_no_err "shallow" "a whole history is not called shallow"

# --- a bare remote whose HEAD names a branch it lacks --------------------
git -c init.defaultBranch=master init -q --bare "$T/usb.git"
expect_eq "git init --bare made HEAD master" refs/heads/master \
	"$(git -C "$T/usb.git" symbolic-ref HEAD)"
t -J "$T/j" remote add usb "$T/usb.git"
t -J "$T/j" sync usb
expect_rc 0 "sync to it: exit 0"
expect_out "usb's HEAD is now main" "says it pointed HEAD at main"
expect_eq "HEAD names the branch tend pushed" refs/heads/main \
	"$(git -C "$T/usb.git" symbolic-ref HEAD)"
git clone -q "$T/usb.git" "$T/plain" 2>/dev/null
expect "a plain git clone checks the journal out" \
	test -f "$T/plain/tend.ini"
expect_eq "every entry" "$(cd "$T/j" && git ls-files entries | sort)" \
	"$(cd "$T/plain" && git ls-files entries | sort)"
"$TEND" -J "$T/j" new "Later" -m later >/dev/null 2>&1
t -J "$T/j" sync usb
expect_no_out "HEAD is now" "the next sync says nothing of HEAD"
# a HEAD that names a branch the bare repository has is left alone
git -C "$T/usb.git" branch other main
git -C "$T/usb.git" symbolic-ref HEAD refs/heads/other
"$TEND" -J "$T/j" new "Later still" -m later >/dev/null 2>&1
t -J "$T/j" sync usb
expect_eq "a HEAD on a branch it has stays" refs/heads/other \
	"$(git -C "$T/usb.git" symbolic-ref HEAD)"
# made as the README says: HEAD main from the start
git init -q --bare -b main "$T/made.git"
t -J "$T/j" remote add made "$T/made.git"
t -J "$T/j" sync made
expect_no_out "HEAD is now" "git init --bare -b main needs nothing"
git clone -q "$T/made.git" "$T/plain2" 2>/dev/null
expect "and clones whole" test -f "$T/plain2/tend.ini"

done_testing
