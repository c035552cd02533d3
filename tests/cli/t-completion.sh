# tend completion: bash's, zsh's and fish's completion of commands,
# options, option values and entry IDs, driven as each shell drives it;
# the words of the journal (tend completion values) quick, quiet, and
# never a reason to build the index or ask for a passphrase.
. tests/cli/lib.sh
cd "$T"
mkdir -p "$T/bin"
ln -s "$TEND" "$T/bin/tend"
PATH="$T/bin:$PATH"
export PATH

journal "$T/j"
"$TEND" goal add boundaries "Hold my boundaries" --why x --success y \
	>/dev/null 2>&1
"$TEND" new "Quiet evening" -m "We talked." --tag Evening --tag rest \
	--feeling calm --goal boundaries --date 2026-11-02 >/dev/null 2>&1
"$TEND" new "The old argument" -m "Again." --tag conflict \
	--feeling angry,tired --date 2026-11-03 >/dev/null 2>&1
id1=$("$TEND" list --format ids --on 2026-11-02)
id2=$("$TEND" list --format ids --on 2026-11-03)
expect "two entries to complete" test -n "$id1" -a -n "$id2"

# the words of the journal
t completion values ids
expect_rc 0 "values ids: exit 0"
expect_eq "values ids: every entry's ID, sorted" \
	"$(printf '%s\n%s' "$id1" "$id2")" "$(cat "$OUT")"
t completion values tags
expect_eq "values tags: each tag once, as written" \
	"$(printf 'Evening\nconflict\nrest')" "$(cat "$OUT")"
t completion values feelings
expect_eq "values feelings" "$(printf 'angry\ncalm\ntired')" "$(cat "$OUT")"
t completion values goals
expect_eq "values goals" "boundaries" "$(cat "$OUT")"
t completion values topics
expect_out "grounding" "values topics: the prompt topics"
t completion values templates
expect_out "daily" "values templates: the entry templates"
t completion values moods
expect_rc 2 "values of a kind there is not: exit 2"
expect_err "'moods' is not a kind of value" "and says so"
t completion ksh
expect_rc 2 "a shell tend does not complete: exit 2"
expect_err "'ksh' is not a shell tend completes" "and says so"
t completion
expect_rc 2 "no shell: exit 2"

# outside any journal: nothing, quietly
mkdir "$T/elsewhere"
(cd "$T/elsewhere" && TEND_JOURNAL= "$TEND" completion values ids) \
	>"$OUT" 2>"$ERR"
expect_eq "no journal: no IDs, exit 0" "0:" "$?:$(cat "$OUT")"
# an index not built is not built for completion
journal "$T/fresh"
mkdir -p "$T/fresh/entries"
printf -- '---\ndate: 2026-11-05\n---\nBy hand.\n' \
	>"$T/fresh/entries/by-hand.md"
rm -rf "$T/fresh/.tend/index.db"*
t completion values ids
expect_rc 0 "a journal without an index: exit 0"
expect_eq "and no IDs" "" "$(cat "$OUT")"
expect "and still no index" test ! -e "$T/fresh/.tend/index.db"
cd "$T/j"

# bash, as bash's programmable completion calls it
"$TEND" completion bash >"$T/tend.bash"
expect "the bash script parses" bash -n "$T/tend.bash"
cat >"$T/complete.bash" <<'SH'
. "$SCRIPT"
complete -p tend
# comp WORD...: COMPREPLY for the cursor at the end of the last word
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_tend
	if [ ${#COMPREPLY[@]} -gt 0 ]; then
		printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
	fi
	echo
}
while IFS= read -r line; do
	eval "comp $line"
done
SH
: >"$T/my file.md"
bash_comp() {
	printf '%s\n' "$@" | SCRIPT="$T/tend.bash" bash "$T/complete.bash" \
		>"$OUT" 2>"$ERR"
}
bash_comp "tend li" "tend list --fo" "tend list --format ''" \
	"tend list --format = j" "tend list --format =" "tend show ''" \
	"tend show ${id2%??????}" "tend goal ''" "tend goal show ''" \
	"tend goal add ''" "tend list --tag ''" "tend new --feeling ''" \
	"tend help lo" "tend -J '$T/fresh' show ''" "tend export -n ''" \
	"tend mood --by w" "tend show -- -" "tend ''" "tend --j" \
	"tend export -o '$T/my'"
expect_no_err "" "bash: no complaint from the script"
expect "complete -p: tend is completed by _tend" \
	grep -qx "complete .*-F _tend tend" "$OUT"
line() { sed -n "$(($1 + 1))p" "$OUT"; }
expect_eq "bash: a command" "list " "$(line 1)"
expect_eq "bash: an option" "--format " "$(line 2)"
expect_eq "bash: --format's values" "ids json paths text " "$(line 3)"
expect_eq "bash: --format=j, as bash splits it" "json " "$(line 4)"
expect_eq "bash: right after --format= (bash's word is '=')" \
	"ids json paths text " "$(line 5)"
expect_eq "bash: entry IDs" "$id1 $id2 " "$(line 6)"
expect_eq "bash: an ID from its start" "$id2 " "$(line 7)"
expect_eq "bash: goal's subcommands" \
	"add done drop edit list pause resume show " "$(line 8)"
expect_eq "bash: goal show offers the goals" "boundaries " "$(line 9)"
expect_eq "bash: goal add offers no goal that is there already" \
	"" "$(line 10)"
expect_eq "bash: --tag offers the tags" "Evening conflict rest " \
	"$(line 11)"
expect_eq "bash: --feeling the feelings" "angry calm tired " "$(line 12)"
expect_eq "bash: help offers the commands" "lock log " "$(line 13)"
expect_eq "bash: -J DIR: the IDs of that journal (none indexed)" \
	"" "$(line 14)"
expect_eq "bash: -n takes a number: nothing offered" "" "$(line 15)"
expect_eq "bash: --by's values" "week weekday " "$(line 16)"
expect_eq "bash: after -- no option is offered" "" "$(line 17)"
expect_eq "bash: the global --journal" "--journal " "$(line 19)"
expect_eq "bash: a file name with a space is one name" \
	"$T/my file.md " "$(line 20)"
expect "bash: every command is offered" \
	sh -c "sed -n 19p '$OUT' | grep -q 'check clone completion'"

# -J DIR, from a folder that is no journal: the IDs of DIR, ~ for $HOME
cd "$T/elsewhere"
bash_comp "tend -J '$T/j' show ''" "tend -J ~/../j show ''" \
	"tend --journal='$T/j' show ''" "tend -J'$T/j' show ''"
expect_eq "bash: -J DIR: that journal's IDs" "$id1 $id2 " "$(line 1)"
expect_eq "bash: -J ~/...: the journal under HOME" "$id1 $id2 " \
	"$(line 2)"
expect_eq "bash: --journal=DIR" "$id1 $id2 " "$(line 3)"
expect_eq "bash: -JDIR" "$id1 $id2 " "$(line 4)"
cd "$T/j"

# settings tend cannot read stop neither the script nor Tab
mkdir -p "$XDG_CONFIG_HOME/tend"
printf '[journal\n' >"$XDG_CONFIG_HOME/tend/config.ini"
t completion bash
expect_rc 0 "broken user settings: the script is still printed"
expect_out "complete -F _tend tend" "whole"
t completion values ids
expect_rc 0 "and values exits 0"
expect_eq "with no words" "" "$(cat "$OUT")"
rm "$XDG_CONFIG_HOME/tend/config.ini"

# every option the command table has, for each command; and the values
# the scripts know without asking are those each command's help names
for c in $("$TEND" --help | awk '/^Commands:/ { f = 1; next }
		/^$/ { f = 0 } f { print $1 }'); do
	echo "tend $c -"
done >"$T/dashes"
SCRIPT="$T/tend.bash" bash "$T/complete.bash" <"$T/dashes" >"$OUT" 2>"$ERR"
expect_no_err "" "bash: no complaint for any command's options"
expect "bash: new - offers --mood, -m and --stdin" \
	sh -c "grep -- '--no-edit' '$OUT' | grep -q -- '--mood .*--stdin' &&
	       grep -- '--no-edit' '$OUT' | grep -q -- ' -m '"
for pair in "list format" "search format" "export format" "prep format" \
	"mood by" "import from" "ground exercise"; do
	set -- $pair
	echo "tend $1 --$2 ''" | SCRIPT="$T/tend.bash" \
		bash "$T/complete.bash" | tail -n 1 >"$T/values"
	"$TEND" "$1" --help >"$T/help"
	missing=
	for v in $(cat "$T/values"); do
		grep -q -- "$v" "$T/help" || missing="$missing $v"
	done
	expect "bash: $1 --$2 offers values ($(cat "$T/values"))" \
		test -n "$(cat "$T/values")"
	expect_eq "and its help names each of them" "" "$missing"
done

# zsh: its real completion system in a real interactive zsh, driven
# through zsh's own pseudo-terminal module (zpty): type, press Tab, and
# read back the line zsh completed
if command -v zsh >/dev/null; then
	"$TEND" completion zsh >"$T/_tend"
	expect "the zsh script parses" zsh -n "$T/_tend"
	cat >"$T/complete.zsh" <<'SH'
zmodload zsh/zpty
zpty z "PS1='%% ' zsh -f -i"
zpty -w z "autoload -U compinit; compinit -u -d '$HOME/.zcompdump';
	source '$SCRIPT'; cd '$DIR'; echo RE\"\"ADY"
zpty -r z out '*READY*'
while IFS= read -r line; do
	# the line, Tab, then the completed line made an echo of itself
	zpty -w -n z "$line"$'\t'
	sleep 0.3
	zpty -w -n z $'\C-aecho "<""<" \C-e ">"">"\n'
	out=
	zpty -r z out '*<<*>>*'
	print -r -- "${${out##*<< }%%>>*}"
done
zpty -d z
SH
	printf '%s\n' "tend li" "tend goal sh" "tend goal show b" \
		"tend list --format j" "tend list --tag=co" \
		"tend new --feeling an" "tend show ${id2%??????}" \
		"tend -J $T/fresh show ${id1%??????}" "tend export -o $T/tend.ba" |
		SCRIPT="$T/_tend" DIR="$T/j" timeout 60 zsh -f "$T/complete.zsh" \
		>"$OUT" 2>"$ERR"
	zl() { sed -n "$1p" "$OUT"; }
	expect_eq "zsh: a command" "tend list " "$(zl 1)"
	expect_eq "zsh: goal's subcommands" "tend goal show " "$(zl 2)"
	expect_eq "zsh: goal show offers the goals" \
		"tend goal show boundaries " "$(zl 3)"
	expect_eq "zsh: --format's values" "tend list --format json " \
		"$(zl 4)"
	expect_eq "zsh: --tag=co offers the tags" \
		"tend list --tag=conflict " "$(zl 5)"
	expect_eq "zsh: --feeling the feelings" "tend new --feeling angry " \
		"$(zl 6)"
	expect_eq "zsh: an entry ID" "tend show $id2 " "$(zl 7)"
	expect_eq "zsh: -J DIR names the journal (there, no IDs indexed)" \
		"tend -J $T/fresh show ${id1%??????} " "$(zl 8)"
	expect_eq "zsh: -o FILE completes files" "tend export -o $T/tend.bash " \
		"$(zl 9)"
else
	fail "zsh is installed (make deps)"
fi

# fish, with its own complete -C
if command -v fish >/dev/null; then
	"$TEND" completion fish >"$T/tend.fish"
	expect "the fish script parses" fish -n "$T/tend.fish"
	fish_comp() {
		fish -N -c "source '$T/tend.fish'; complete -C '$1'" 2>"$ERR" |
			cut -f1 | sort | tr '\n' ' '
	}
	expect_eq "fish: a command" "list " "$(fish_comp "tend li")"
	expect_eq "fish: --format's values" "ids json paths text " \
		"$(fish_comp "tend list --format ")"
	expect_eq "fish: entry IDs" "$id1 $id2 " "$(fish_comp "tend show ")"
	expect_eq "fish: goal show offers the goals" "boundaries " \
		"$(fish_comp "tend goal show ")"
	expect_eq "fish: goal add offers none" "" \
		"$(fish_comp "tend goal add ")"
	expect_eq "fish: --tag offers the tags" "Evening conflict rest " \
		"$(fish_comp "tend list --tag ")"
	expect_eq "fish: -J DIR names the journal" "" \
		"$(fish_comp "tend -J $T/fresh show ")"
	expect_eq "fish: a command after -J DIR" "list " \
		"$(fish_comp "tend -J $T/fresh li")"
	expect_eq "fish: -J ~/...: the journal under HOME" "$id1 $id2 " \
		"$(cd "$T/elsewhere" && fish_comp "tend -J ~/../j show ")"
	expect_eq "fish: --prompt's topic only after '='" "" \
		"$(fish_comp "tend new --prompt gr")"
	expect_eq "fish: help offers the commands" "lock log " \
		"$(fish_comp "tend help lo")"
	expect_no_err "" "fish: no complaint from the script"
else
	fail "fish is installed (make deps)"
fi

# words of the journal are words, never code: a tag or a feeling that
# reads as a command is offered as text, in every shell, and runs nothing
journal "$T/hostile"
"$TEND" new -m "Odd names." --tag "\$(touch $T/pwned-tag)" \
	--feeling "a\`touch $T/pwned-feeling\`" >/dev/null 2>&1
"$TEND" list >/dev/null 2>&1
t completion values tags
expect_eq "a tag that reads as a command is kept as written" \
	"\$(touch $T/pwned-tag)" "$(cat "$OUT")"
printf '%s\n' "tend list --tag ''" "tend list --feeling ''" |
	SCRIPT="$T/tend.bash" bash "$T/complete.bash" >"$OUT" 2>"$ERR"
expect "bash: offers the tag quoted for the line" \
	grep -qF '\$\(touch\ ' "$OUT"
if command -v zsh >/dev/null; then
	printf '%s\n' "tend list --tag \\\$" "tend list --feeling a" |
		SCRIPT="$T/_tend" DIR="$T/hostile" timeout 60 \
		zsh -f "$T/complete.zsh" >"$OUT" 2>"$ERR"
	# the completed line is run as an echo: quoted, it prints the tag
	expect_eq "zsh: offers the tag quoted for the line" \
		"tend list --tag \$(touch $T/pwned-tag) " "$(sed -n 1p "$OUT")"
fi
if command -v fish >/dev/null; then
	fish -N -c "source '$T/tend.fish'; complete -C 'tend list --tag '
		complete -C 'tend list --feeling '" >"$OUT" 2>"$ERR"
	expect_out "\$(touch $T/pwned-tag)" "fish: offers the tag as text"
fi
expect "and no shell ran what a tag or a feeling says" \
	test ! -e "$T/pwned-tag" -a ! -e "$T/pwned-feeling"
cd "$T/j"

# an encrypted journal: its words only while it is unlocked, and Tab
# never asks for the passphrase nor reads TEND_PASSPHRASE_FILE
encrypted_setup
"$TEND" init --encrypt "$T/sealed" >/dev/null 2>&1
"$TEND" -J "$T/sealed" new "Sealed words" -m "Private." --tag secret \
	>/dev/null 2>&1
sid=$("$TEND" -J "$T/sealed" list --format ids 2>/dev/null)
"$TEND" -J "$T/sealed" lock >/dev/null 2>&1
t -J "$T/sealed" completion values ids </dev/null
expect_rc 0 "locked: values ids exit 0"
expect_eq "locked: no IDs, though the passphrase file is there" "" \
	"$(cat "$OUT")"
expect_no_err "assphrase" "and no passphrase asked for"
t -J "$T/sealed" completion values tags
expect_eq "locked: no tags" "" "$(cat "$OUT")"
"$TEND" -J "$T/sealed" unlock --for 5m >/dev/null 2>&1
t -J "$T/sealed" completion values tags
expect_eq "unlocked: its tags" "secret" "$(cat "$OUT")"
t -J "$T/sealed" completion values ids
expect_eq "unlocked: its IDs" "$sid" "$(cat "$OUT")"
expect "an ID there is" test -n "$sid"
"$TEND" -J "$T/sealed" lock >/dev/null 2>&1

done_testing
