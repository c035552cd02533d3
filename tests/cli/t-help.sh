# --help for every command, --version, and what happens without one.
. tests/cli/lib.sh
cd "$T"

t --version
expect_rc 0 "--version"
expect_out "tend 0." "prints the version"
t --help
expect_rc 0 "--help"
expect_out "usage: tend [-J DIR | --journal DIR] COMMAND [ARGS]" "prints the usage"
for cmd in init new edit show rm restore status save log list search index check \
	goal review mood prompt templates prep render export clone remote sync import; do
	expect_out "  $cmd " "--help lists $cmd"
	t "$cmd" --help
	expect_rc 0 "$cmd --help works outside a journal"
	expect_out "usage: tend $cmd" "$cmd --help shows its usage"
	MANPATH="$T/no-pages" t help "$cmd"
	expect_out "usage: tend $cmd" "help $cmd shows the same"
	t --help
done
t new -h
expect_out "usage: tend new" "-h works too"
t new "a title" --help
expect_out "usage: tend new" "--help after other words is help"
"$TEND" init "$T/j" >/dev/null
t -J "$T/j" new -m --help
expect_rc 0 "text that reads --help is text, not a request for help"
expect "and it is saved" grep -rqx -- "--help" "$T/j/entries"
t -J "$T/j" new --tag=--help -m x
expect_rc 0 "so is a tag"
t
expect_rc 2 "no command is a usage error"
expect_err "usage: tend" "and shows the usage"
t frobnicate
expect_rc 2 "an unknown command is a usage error"
expect_err "'frobnicate' is not a tend command; see 'tend --help'" "and names it"
t lsit
expect_rc 2 "a slip of a command's name is a usage error"
expect_err "'lsit' is not a tend command; did you mean 'list'?" \
	"that names the command it is likely a slip of"
"$TEND" --help >/dev/full 2>"$ERR"
rc=$?
expect_rc 1 "output that cannot be written is an error"
expect_err "cannot write the output" "and says so"
# a long option of no value, given one
journal "$T/long-options"
t list --shared=1
expect_rc 2 "--shared=1: exit 2"
expect_err "option '--shared' of 'list' takes no value" "says it takes none"
t prep --include-low=yes
expect_err "option '--include-low' of 'prep' takes no value" "for every command"
if grep -q "$(printf '[\001-\010]')" "$ERR"; then
	fail "and prints no control character" "$(od -c "$ERR" | head -3)"
else
	pass "and prints no control character"
fi

done_testing
