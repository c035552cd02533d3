# make install puts the binary, every man page and the three completion
# scripts under DESTDIR/PREFIX; make uninstall takes exactly those away.
. tests/cli/lib.sh
top=$(pwd)
cd "$T"
# a build folder of the test's own holding the binary under test, never
# remade (-o): make installs it and writes its completions there, and
# nothing else of the tree is built while other tests run
build="$T/build"
mkdir -p "$build"
cp "$TEND" "$build/tend"
make() {
	command make -s --no-print-directory -C "$top" -o "$build/tend" \
		BUILD="$build" "$@"
}

x="$T/root"
make install \
	DESTDIR="$x" PREFIX=/usr >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0 "make install DESTDIR PREFIX=/usr: exit 0"
(cd "$x" && find . -type f | sort) >"$T/got"
{
	echo ./usr/bin/tend
	echo ./usr/share/bash-completion/completions/tend
	echo ./usr/share/fish/vendor_completions.d/tend.fish
	for p in "$top"/man/*.1; do echo "./usr/share/man/man1/${p##*/}"; done
	for p in "$top"/man/*.5; do echo "./usr/share/man/man5/${p##*/}"; done
	echo ./usr/share/zsh/site-functions/_tend
} | sort >"$T/want"
expect_eq "the tree holds the binary, the pages and the completions" \
	"$(cat "$T/want")" "$(cat "$T/got")"
expect "tend(1), tend-journal(5) and tend-config(5) are among them" \
	test -f "$x/usr/share/man/man1/tend.1" -a \
	-f "$x/usr/share/man/man5/tend-journal.5" -a \
	-f "$x/usr/share/man/man5/tend-config.5"
"$x/usr/bin/tend" --version >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0 "the installed tend runs"
expect_eq "the installed tend is the one built" "$("$TEND" --version)" \
	"$(cat "$OUT")"
expect "the binary is executable by all, the rest readable" sh -c \
	"[ \"\$(stat -c %a '$x/usr/bin/tend')\" = 755 ] &&
	 [ \"\$(stat -c %a '$x/usr/share/man/man1/tend.1')\" = 644 ]"
"$TEND" completion bash >"$T/bash"
expect "the bash completion is tend's own" \
	cmp "$T/bash" "$x/usr/share/bash-completion/completions/tend"
"$TEND" completion zsh >"$T/zsh"
expect "the zsh completion too" \
	cmp "$T/zsh" "$x/usr/share/zsh/site-functions/_tend"
"$TEND" completion fish >"$T/fish"
expect "the fish completion too" \
	cmp "$T/fish" "$x/usr/share/fish/vendor_completions.d/tend.fish"
if command -v man >/dev/null; then
	MANPATH="$x/usr/share/man" man -w tend-list >"$OUT" 2>"$ERR"
	expect_out "$x/usr/share/man/man1/tend-list.1" \
		"man finds tend-list(1) where it is installed"
fi

# uninstall: exactly what was installed, and nothing of anyone else's
mkdir -p "$x/usr/bin"
echo "not tend's" >"$x/usr/bin/other"
echo "not tend's" >"$x/usr/share/man/man1/other.1"
make uninstall \
	DESTDIR="$x" PREFIX=/usr >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0 "make uninstall: exit 0"
(cd "$x" && find . -type f | sort) >"$T/got"
expect_eq "only the files that were not tend's are left" \
	"$(printf './usr/bin/other\n./usr/share/man/man1/other.1')" \
	"$(cat "$T/got")"
rm "$x/usr/bin/other" "$x/usr/share/man/man1/other.1"
make install \
	DESTDIR="$x" PREFIX=/usr >/dev/null 2>&1
make uninstall \
	DESTDIR="$x" PREFIX=/usr >/dev/null 2>&1
expect_eq "install then uninstall leaves nothing behind in DESTDIR" \
	"" "$(find "$x" -mindepth 1)"
expect "DESTDIR itself stays" test -d "$x"

# PREFIX: where the files go; the folders above it are not touched
make install \
	DESTDIR="$x" PREFIX=/opt/tend >/dev/null 2>&1
expect "PREFIX=/opt/tend: the binary in /opt/tend/bin" \
	test -x "$x/opt/tend/bin/tend"
expect "and the pages in /opt/tend/share/man" \
	test -f "$x/opt/tend/share/man/man5/tend-config.5"
make uninstall \
	DESTDIR="$x" PREFIX=/opt/tend >/dev/null 2>&1
expect_eq "and uninstall takes them all" "" "$(find "$x" -mindepth 1)"

# without DESTDIR: the files go, the folders stay (they are the
# system's, like /usr/local/bin)
make install PREFIX="$T/local" >/dev/null 2>&1
expect "PREFIX alone: installed" test -x "$T/local/bin/tend"
make uninstall PREFIX="$T/local" >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0 "make uninstall without DESTDIR: exit 0"
expect_eq "no file of tend's is left" "" "$(find "$T/local" -type f)"
expect "and no folder is removed" test -d "$T/local/bin" -a \
	-d "$T/local/share/man/man1"
# a folder with a space: refused before anything is written
make install DESTDIR="$T/with space" PREFIX=/usr >"$OUT" 2>"$ERR"
rc=$?
expect_not "a DESTDIR with a space is refused" test "$rc" = 0
expect_err "cannot have a space" "and make says why"
expect "and nothing is written" test ! -e "$T/with space"

done_testing
