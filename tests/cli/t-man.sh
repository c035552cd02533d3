# The man pages carry the contract: mandoc finds nothing to say about
# them; each command has one whose OPTIONS are exactly those its --help
# lists (and the command table parses); tend-config(5) holds every
# setting the code reads; `tend help COMMAND` opens the page, or prints
# the help where there is no man.
. tests/cli/lib.sh
top=$(pwd)
cd "$T"

if command -v mandoc >/dev/null; then
	# in man/, where mandoc finds the pages they refer to
	(cd "$top/man" && mandoc -Tlint *.[0-9]) >"$T/lint" 2>&1
	expect_eq "mandoc -Tlint finds nothing in man/" "" "$(cat "$T/lint")"
else
	fail "mandoc is installed (make deps)"
fi

# options of a help text, and of a page, sorted, without -h/--help
help_opts() {
	awk -f "$top/tests/cli/help-options.awk" | grep -vx -e -h -e --help |
		sort -u
}
man_opts() {
	awk -f "$top/tests/cli/man-options.awk" "$1" |
		grep -vx -e -h -e --help | sort -u
}

# the options the command table has: those bash completion offers
"$TEND" completion bash >"$T/tend.bash"
cat >"$T/complete.bash" <<'SH'
. "$SCRIPT"
read -r line
eval "COMP_WORDS=($line)"
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_tend
printf "%s\n" "${COMPREPLY[@]}"
SH

commands=$("$TEND" --help | awk '/^Commands:/ { f = 1; next }
	/^$/ { f = 0 } f { print $1 }')
expect "tend --help lists the commands" test -n "$commands"
"$TEND" --help | help_opts >"$T/want"
man_opts "$top/man/tend.1" >"$T/got"
expect_eq "tend(1) lists the global options of tend --help" \
	"$(cat "$T/want")" "$(cat "$T/got")"
for c in $commands; do
	page="$top/man/tend-$c.1"
	if [ ! -f "$page" ]; then
		fail "man/tend-$c.1 exists"
		continue
	fi
	"$TEND" "$c" --help | help_opts >"$T/want"
	man_opts "$page" >"$T/got"
	expect_eq "tend-$c(1) lists exactly the options of tend $c --help" \
		"$(cat "$T/want")" "$(cat "$T/got")"
	echo "tend $c -" | SCRIPT="$T/tend.bash" bash "$T/complete.bash" |
		tr ' ' '\n' | grep . | grep -vx -e -h -e --help |
		sort -u >"$T/table"
	expect_eq "tend $c --help lists every option it parses" \
		"$(cat "$T/table")" "$(cat "$T/want")"
	expect "tend(1) points to tend-$c(1)" \
		grep -qx "\.Xr tend-$c 1 *,*" "$top/man/tend.1"
	expect "tend-$c(1) names the command" \
		grep -qx "\.Nm tend-$c" "$page"
done
for page in "$top"/man/tend-*.1; do
	c=${page##*/tend-}
	c=${c%.1}
	expect "man/tend-$c.1 is the page of a command" \
		sh -c "printf '%s\n' \"\$1\" | grep -qx '$c'" - "$commands"
done

# every key config.c reads, under its [section] in tend-config(5)
grep -o 'IS("[a-z_]*", "[a-z_]*")' "$top/src/config.c" |
	sed 's/IS("\([a-z_]*\)", "\([a-z_]*\)")/\1 \2/' | sort -u >"$T/keys"
expect "config.c reads keys" test -s "$T/keys"
awk '/^\.Ss / { s = $0; gsub(/.*\[|\].*/, "", s) }
	/^\.It Cm / { print s, $3 }' "$top/man/tend-config.5" |
	sort -u >"$T/documented"
missing=$(comm -23 "$T/keys" "$T/documented")
expect_eq "tend-config(5) documents every key config.c reads" "" "$missing"
extra=$(comm -13 "$T/keys" "$T/documented")
expect_eq "and none it does not read" "" "$extra"

# tend help COMMAND: man's page when there is a man, else --help
mkdir -p "$T/bin"
cat >"$T/bin/man" <<'SH'
#!/bin/sh
echo "man $*" >>"$MANLOG"
[ "$1" = -w ] && exit 0
echo "the page of $*"
SH
chmod +x "$T/bin/man"
# tman ARGS...: tend with the man of $T/bin, which logs its calls
tman() {
	MANLOG="$T/man.log" PATH="$T/bin:$PATH" "$TEND" "$@" >"$OUT" 2>"$ERR"
	rc=$?
}
tman help list
expect_rc 0 "tend help list with a man: exit 0"
expect_out "the page of tend-list" "opens tend-list(1) with man"
tman help
expect_out "the page of tend" "tend help alone opens tend(1)"
rm "$T/man.log"
tman list --help
expect_out "usage: tend list" "tend list --help still prints the help"
expect "and opens no page" test ! -e "$T/man.log"
tman help help
expect_rc 0 "tend help help: exit 0"
expect_out "the page of tend" "opens tend(1), which tells of help"
# a man that finds the page, then fails to show it: exit 1
cat >"$T/bin/man" <<'SH'
#!/bin/sh
[ "$1" = -w ] && exit 0
echo "man: cannot show it" >&2
exit 16
SH
tman help list
expect_rc 1 "man failing to show the page: exit 1"
expect_err "man: cannot show it" "with what man said"
# a man with no such page: the help text
cat >"$T/bin/man" <<'SH'
#!/bin/sh
echo "No manual entry for $*" >&2
exit 16
SH
tman help list
expect_rc 0 "tend help list where the page is not installed: exit 0"
expect_out "usage: tend list" "prints tend list --help"
expect_no_err "No manual entry" "and keeps man's complaint to itself"
# no man at all
mkdir -p "$T/noman"
for tool in sh; do ln -s "$(command -v $tool)" "$T/noman/$tool"; done
PATH="$T/noman" "$TEND" help list >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0 "tend help list without man: exit 0"
expect_out "usage: tend list" "prints tend list --help"
PATH="$T/noman" "$TEND" help frobnicate >"$OUT" 2>"$ERR"
rc=$?
expect_rc 2 "tend help of no command: exit 2"
expect_err "'frobnicate' is not a tend command" "and says so"

done_testing
