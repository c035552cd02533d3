# tend ground: an exercise paced on a terminal (the sleeps logged by the
# fault injector instead of waited), Ctrl-C through a real terminal and at
# a chosen wait, the steps printed once anywhere else, and the check-in
# afterwards that notes a mood only when the user gives one.
. tests/cli/lib.sh

drive="python3 $(pwd)/tests/cli/pty-drive.py"
# (a sanitizer build takes the injector only when told not to mind)
asan="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
fault="env LD_PRELOAD=$TEND_FAULT_LIB ASAN_OPTIONS=$asan"

# ground_tty ARGS...: tend ground ARGS on a terminal with the lines of
# $T/typed, its waits logged in $T/sleeps and skipped
ground_tty() {
	rm -f "$T/sleeps"
	: >"$T/sleeps"
	on_tty "$fault TEND_FAULT_SLEEP='$T/sleeps' '$TEND' ground $*"
}

# drive PAIRS... -- ARGS: tend ARGS on a terminal that types each SEND
# once it has shown its WAIT (tests/cli/pty-drive.py); all in $OUT
drive() {
	$drive "$@" >"$OUT" 2>&1
	rc=$?
}

journal "$T/j"
c0=$(commits)

t ground --list
expect_rc 0 "ground --list"
expect_out "senses   five things you see" "lists the senses exercise"
expect_out "box      box breathing" "and box breathing"
expect_out "4-7-8    in for four" "and 4-7-8"

# not a terminal: the steps, once
t ground </dev/null
expect_rc 0 "ground with no terminal"
expect_out "5. Look around you. Name five things you can see" "prints the first step"
expect_out "1. Notice one thing you can taste" "down to the last"
expect_no_out "How are you now" "and asks nothing"
t ground --exercise box </dev/null
expect_out "- Breathe in for 4 counts" "box breathing's steps"
expect_out "Do this 4 times." "and how many rounds"
t ground -e 4-7-8 </dev/null
expect_out "- Hold for 7 counts" "4-7-8's hold"
expect_out "- Breathe out slowly for 8 counts" "and its breath out"
expect_eq "no terminal, no entry" "$c0" "$(commits)"

# bad input
t ground --exercise bx
expect_rc 2 "an unknown exercise: exit 2"
expect_err "there is no exercise 'bx'; did you mean 'box'?" "names the near one"
t ground -e walking
expect_rc 2 "another unknown exercise"
expect_err "there is no exercise 'walking' (tend ground --list)" "points to the list"
t ground box
expect_rc 2 "an argument instead of --exercise: exit 2"
expect_err "ground takes no arguments" "says so"
t ground --exercise
expect_rc 2 "--exercise without a name: exit 2"

# the pace of box breathing: a count a second, four counts a step,
# four steps, four rounds; the check-in skipped
: >"$T/typed"
ground_tty --exercise box --no-check-in
expect_eq "box breathing exits 0" 0 "$rc"
expect_eq "it waits 64 times" 64 "$(wc -l <"$T/sleeps")"
expect_eq "each wait a second" "1000" "$(sort -u "$T/sleeps")"
expect "a timer counts to four" grep -q "Breathe out *1 2 3 4" "$OUT"
expect "round four is reached" grep -q "Round 4 of 4" "$OUT"
expect "and the end" grep -q "Let your breath go back to its own pace" "$OUT"
expect_not "--no-check-in asks nothing" grep -q "How are you now" "$OUT"

ground_tty -e 4-7-8 --no-check-in
expect_eq "4-7-8: (4 + 7 + 8) x 4 waits" 76 "$(wc -l <"$T/sleeps")"
expect "the breath out counts to eight" grep -q "Breathe out slowly *1 2 3 4 5 6 7 8" "$OUT"

# the senses wait for Enter: with nothing typed, the first step stays
printf '\n\n' >"$T/typed"
ground_tty --no-check-in
expect "two Enters reach the third step" grep -q "3. Listen" "$OUT"
expect_not "and no further" grep -q "2. Find two things" "$OUT"
expect_eq "the senses wait for no timer" 0 "$(wc -l <"$T/sleeps")"
expect_eq "stopped there, nothing is noted" "$c0" "$(commits)"

# Ctrl-C at the sixth wait of box breathing
: >"$T/typed"
on_tty "$fault TEND_FAULT_SLEEP='$T/sleeps' TEND_FAULT_SIGINT=6 '$TEND' ground -e box"
expect_eq "Ctrl-C leaves with exit 0" 0 "$rc"
expect "kindly" grep -q "Stopped. That is all right" "$OUT"
expect "it was holding, second count" grep -q "Hold *1 2" "$OUT"
expect_not "no further step" grep -q "Breathe out" "$OUT"
expect_not "and no check-in" grep -q "How are you now" "$OUT"
expect_eq "and no entry" "$c0" "$(commits)"

# Ctrl-C typed on a real terminal, through its line discipline
drive "Breathe in" '\x03' -- "$TEND" ground -e box
expect_eq "Ctrl-C on a terminal: exit 0" 0 "$rc"
expect "it stops at once" grep -q "Stopped. That is all right" "$OUT"
expect_not "before round two" grep -q "Round 2" "$OUT"
expect_eq "nothing is noted" "$c0" "$(commits)"

drive "5. Look" '\x03' -- "$TEND" ground
expect_eq "Ctrl-C at a senses step: exit 0" 0 "$rc"
expect "stops there" grep -q "Stopped. That is all right" "$OUT"
expect_not "at the first step" grep -q "4. Notice" "$OUT"

# the check-in
printf '\n\n\n\n\n4\n' >"$T/typed"
ground_tty
expect_eq "a check-in of mood 4: exit 0" 0 "$rc"
expect "asked on the journal's scale" grep -q "Your mood from 1 to 10, or Enter to skip" "$OUT"
expect_eq "one commit" "$((c0 + 1)) Add entry: After grounding (senses)" "$(commits) $(subject)"
f=$(git show --name-only --format= HEAD)
expect "the entry has the mood" grep -qx "mood: 4" "$f"
expect "and is tagged grounding" grep -qx "tags: \[grounding\]" "$f"
expect "it says where it went" grep -q "Noted as $(basename "$f" .md)" "$OUT"

printf '\n\n\n\n\n\n' >"$T/typed"
ground_tty
expect_eq "Enter skips the check-in" "$((c0 + 1))" "$(commits)"

printf '\n\n\n\n\n11\nsome\n0\n' >"$T/typed"
ground_tty
expect "a mood out of range is refused" grep -q "That is not a whole number from 1 to 10" "$OUT"
expect "three tries, then nothing" grep -q "Nothing was noted." "$OUT"
expect_eq "and no entry" "$((c0 + 1))" "$(commits)"

printf '12\n3\n' >"$T/typed"
ground_tty -e box
expect_eq "a wrong answer, then 3" "$((c0 + 2)) Add entry: After grounding (box)" "$(commits) $(subject)"
expect "mood 3 noted" grep -qx "mood: 3" "$(git show --name-only --format= HEAD)"

drive "How are you now" '\x03' -- $fault TEND_FAULT_SLEEP="$T/sleeps" "$TEND" ground -e box
expect_eq "Ctrl-C at the question: exit 0" 0 "$rc"
expect "leaves kindly" grep -q "Stopped. That is all right" "$OUT"
expect_eq "and notes nothing" "$((c0 + 2))" "$(commits)"

# the journal's own scale
printf '[mood]\nscale = 5\n' >>tend.ini
git -c user.name=Me -c user.email=me@example.org commit -qam "Scale of 5"
printf '7\n5\n' >"$T/typed"
ground_tty -e box
expect "the question uses [mood] scale" grep -q "Your mood from 1 to 5" "$OUT"
expect "7 is over it" grep -q "That is not a whole number from 1 to 5" "$OUT"
expect_eq "5 is noted" "$((c0 + 4))" "$(commits)"

# [sync] auto: the check-in is pushed like any new entry
git init -q --bare --initial-branch=main "$T/bare.git"
"$TEND" remote add origin "$T/bare.git" >/dev/null 2>&1
"$TEND" sync >/dev/null 2>&1
printf '[sync]\nauto = true\n' >.tend/config.ini
printf '6\n' >"$T/typed"
ground_tty -e box
expect_eq "[sync] auto: the check-in reaches the remote" \
	"$(git rev-parse HEAD)" "$(git -C "$T/bare.git" rev-parse main)"
expect_eq "and is the check-in" "Add entry: After grounding (box)" "$(subject)"
rm .tend/config.ini

# no journal: the exercise, then no question
mkdir "$T/empty"
printf '3\n' >"$T/typed"
(cd "$T/empty" && TEND_JOURNAL="$T/none" on_tty "$fault TEND_FAULT_SLEEP='$T/sleeps' '$TEND' ground -e box")
expect "no journal: the exercise runs" grep -q "Round 4 of 4" "$OUT"
expect "and says why it cannot note" grep -q "no journal at" "$OUT"
expect_not "with no question" grep -q "How are you now" "$OUT"

# an encrypted journal: the check-in is sealed
encrypted_setup
journal "$T/e"
cd "$T/e"
t encrypt --yes
printf '2\n' >"$T/typed"
ground_tty -e box
f=$(git show --name-only --format= HEAD)
expect "encrypted: the check-in is an .md.age" test "${f%.md.age}" != "$f"
t show "$(basename "$f" .md.age)"
expect_out "mood: 2" "and holds the mood"
expect_out "After grounding (box)" "and its title"

t ground --help
expect_out "Ctrl-C stops at once" "help says Ctrl-C stops"
expect_out "not a treatment" "and what it is not"

done_testing
