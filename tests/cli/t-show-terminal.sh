# What an entry holds never commands the terminal: tend show (and show
# --rev, prep) on a terminal turn control characters into '?' and keep
# lines and tabs; --raw, a pipe or a file get the bytes as they are. The
# one-line views (log, goal show and list, mood --by, prompt) clean what
# the user wrote as list and search do.
. tests/cli/lib.sh
journal "$T/j"

ESC=$(printf '\033')
C1=$(printf '\302\233')		# U+009B, a terminal's CSI, in UTF-8

# tty CMD: run tend CMD on a terminal (script gives it one; stty -onlcr
# keeps its line breaks as they are); what the terminal got in $OUT
tty() {
	script -qec "stty -onlcr; '$TEND' $*" /dev/null >"$OUT" 2>"$ERR"
	rc=$?
}

# has FILE BYTES: FILE holds BYTES (a fixed string)
has() {
	grep -qF -- "$2" "$1"
}

mkdir -p entries/2026/11
f=entries/2026/11/2026-11-22-2114-hostile.md
# OSC 52 (set the clipboard), clear the screen, home the cursor, CSI as
# U+009B, text written over after a lone CR,
# DEL, and a CRLF line, a tab
printf '%s\n' '---' 'title: Hostile' 'date: 2026-11-22T21:14:00+00:00' \
	'share: true' '---' '' >"$f"
printf 'clip\033]52;c;cm0gLXJmIH4=\007board\n' >>"$f"
printf 'clear\033[2J\033[Hscreen\n' >>"$f"
printf 'csi\302\2332Jcsi\n' >>"$f"
printf 'hidden text\rover it\n' >>"$f"
printf 'del\177del\n' >>"$f"
printf 'windows line\r\n' >>"$f"
printf 'a\ttab, caf\303\251\n' >>"$f"
"$TEND" save -m "Add a hostile entry" >/dev/null 2>&1 ||
	echo "Bail out! cannot save the entry"

# --- show on a terminal -------------------------------------------------
tty show 2026-11-22-2114-hostile
expect_rc 0 "show on a terminal"
expect_not "no ESC reaches the terminal" has "$OUT" "$ESC"
expect_not "nor U+009B (CSI)" has "$OUT" "$C1"
expect_not "nor BEL or DEL" grep -q "$(printf '[\007\177]')" "$OUT"
expect "they show as '?'" sh -c "grep -qF 'clip?]52;c;cm0gLXJmIH4=?board' \
	'$OUT' && grep -qF 'clear?[2J?[Hscreen' '$OUT' &&
	grep -qF 'csi?2Jcsi' '$OUT' &&
	grep -qF 'del?del' '$OUT'"
expect "a lone CR becomes a line break: nothing is written over" \
	sh -c "grep -qx 'hidden text' '$OUT' && grep -qx 'over it' '$OUT'"
expect "a CRLF line stays as it is" grep -q "^windows line$(printf '\r')\$" \
	"$OUT"
expect "tabs, line breaks and UTF-8 stay" \
	grep -qx "$(printf 'a\ttab, caf\303\251')" "$OUT"
expect "the front matter is shown" grep -qx 'title: Hostile' "$OUT"

# a file that is not UTF-8 (an entry to fix, as check says): a terminal
# in another encoding reads byte 0x9b as CSI
latin=entries/2026/11/2026-11-21-1000-latin.md
printf -- '---\ntitle: Latin\n---\n\nlatin\2332Jone\n' >"$latin"
tty show "$latin"
expect_rc 0 "show of a file that is not UTF-8, on a terminal"
expect_not "no byte that is not UTF-8 reaches the terminal" \
	grep -q "$(printf '\233')" "$OUT"
expect_out "latin?2Jone" "it shows as '?'"
t show "$latin"
expect "a pipe gets its bytes" cmp -s "$latin" "$OUT"
rm "$latin"

# --- the bytes as they are -------------------------------------------
tty show 2026-11-22-2114-hostile --raw
expect_rc 0 "show --raw on a terminal"
expect "--raw gives the terminal the bytes as they are" cmp -s "$f" "$OUT"
t show 2026-11-22-2114-hostile
expect_rc 0 "show into a pipe"
expect "a pipe gets the bytes as they are" cmp -s "$f" "$OUT"
"$TEND" show 2026-11-22-2114-hostile >"$T/file" 2>/dev/null
expect "and so does a file" cmp -s "$f" "$T/file"
t show --help
expect_out "--raw" "show --help tells of --raw"

# --- an older version ---------------------------------------------------
printf 'a new line\n' >>"$f"
"$TEND" save -m "Edit" >/dev/null 2>&1
tty show 2026-11-22-2114-hostile --rev HEAD~1
expect_rc 0 "show --rev on a terminal"
expect_not "no ESC of the older version reaches the terminal" \
	has "$OUT" "$ESC"
expect "it is shown cleaned" grep -qF 'clear?[2J?[Hscreen' "$OUT"
expect_not "and it is the older version" grep -q 'a new line' "$OUT"
tty show 2026-11-22-2114-hostile --rev HEAD~1 --raw
git show HEAD~1:"$f" >"$T/old"
expect "show --rev --raw gives its bytes" cmp -s "$T/old" "$OUT"
t show 2026-11-22-2114-hostile --rev HEAD~1
expect "and so does a pipe" cmp -s "$T/old" "$OUT"

# --- prep: the text of an entry to share ------------------------------
tty prep --since 2026-11-01
expect_rc 0 "prep on a terminal"
expect "prep shows the entry" grep -qF 'clear?[2J?[Hscreen' "$OUT"
expect_not "with no ESC" has "$OUT" "$ESC"
t prep --since 2026-11-01
expect "prep into a pipe keeps the bytes" has "$OUT" "clear$ESC[2J"

# --- one-line views: log, goals, mood, prompts ----------------------------
git -c user.name=Someone -c user.email=s@localhost commit -q --allow-empty \
	-m "$(printf 'Evil \033]52;c;aGk=\007 subject \302\233H')"
t log -n 1
expect_rc 0 "log of a commit whose subject holds escapes"
expect_out "Evil ?]52;c;aGk=? subject ?H" "log shows them as '?'"
expect_not "and no ESC" has "$OUT" "$ESC"
expect_not "nor U+009B" has "$OUT" "$C1"

mkdir -p goals
printf '%s\n' '---' 'title: "Calm \u009b2J down"' 'status: active' \
	'topics: ["grounding\u009bH"]' '---' '' 'Why.' >goals/calm.md
printf '%s\n' '---' 'title: Calm day' 'date: 2026-11-23T09:00:00+00:00' \
	'mood: 6' 'goals: [calm]' 'tags: ["quiet\u009b2J"]' '---' '' 'Ok.' \
	>entries/2026/11/2026-11-23-0900-calm-day.md
t goal show calm
expect_rc 0 "goal show of a goal whose title holds U+009B"
expect_not "goal show prints no U+009B" has "$OUT" "$C1"
expect_out "Calm ?2J down" "but '?'"
expect_out "grounding?H" "in its topics too"
t goal list
expect_not "goal list prints no U+009B" has "$OUT" "$C1"
expect_out "Calm ?2J down" "but '?'"
t mood --by tag
expect_rc 0 "mood --by tag with such a tag"
expect_not "mood prints no U+009B" has "$OUT" "$C1"
expect_out "quiet?2J" "but '?'"

mkdir -p prompts
printf -- '---\ntitle: Mine\n---\n\n- What now\033]52;c;aGk=\007?\n' \
	>prompts/mine.md
t prompt mine
expect_rc 0 "a prompt of the user's own that holds escapes"
expect_not "prompt prints no ESC" has "$OUT" "$ESC"
expect_out "What now?]52;c;aGk=??" "but '?'"
t prompt --list
expect_not "nor does prompt --list" has "$OUT" "$ESC"

done_testing
