# The library every shell test sources: a throwaway home and journal
# folder, a wrapper that runs tend, and checks that print TAP lines.
#
#   t ARGS...            run tend; sets $rc, stdout in $OUT, stderr in $ERR
#   expect_rc N DESC     tend exited with N
#   expect_out TEXT DESC / expect_err TEXT DESC
#                        stdout / stderr holds TEXT (a fixed string)
#   expect_no_out TEXT DESC / expect_no_err TEXT DESC
#   expect DESC CMD...   CMD succeeds;  expect_not DESC CMD...  it fails
#   expect_eq DESC WANT GOT
#   done_testing         print the plan; the script's exit status
#   snap / same WHAT     remember HEAD and the entry files / check that a
#                        failed command changed neither
#   encrypted_setup      the passphrase 'correct horse battery' in
#                        $T/pass for every tend (TEND_PASSPHRASE_FILE),
#                        and XDG_RUNTIME_DIR a private folder in memory
#   on_tty CMD           run the shell command CMD on a terminal, typing
#                        the lines of $T/typed; all it shows in $OUT
#   every_byte DIR       every file under DIR, git's objects decompressed
#   tty_clock MS [VAR=VALUE...] ARGS...
#                        run tend on a terminal, its progress meters on a
#                        clock that moves MS ms at each reading; sets $rc,
#                        stdout and stderr both in $OUT

set -u
: "${TEND:?run the tests with tests/run, or set TEND to the binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/tend-test.XXXXXX") || exit 1
trap 'cd /; rm -rf "$T"' EXIT
HOME="$T/home"
XDG_CONFIG_HOME="$HOME/.config"
XDG_DATA_HOME="$HOME/.local/share"
TZ=UTC
GIT_CONFIG_NOSYSTEM=1
export HOME XDG_CONFIG_HOME XDG_DATA_HOME TZ GIT_CONFIG_NOSYSTEM
unset VISUAL EDITOR TEND_JOURNAL NO_COLOR GIT_DIR GIT_WORK_TREE \
	GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
mkdir -p "$HOME"
OUT="$T/stdout"
ERR="$T/stderr"
FIXTURES="$(pwd)/tests/cli/fixtures"
n=0
failures=0

t() {
	"$TEND" "$@" >"$OUT" 2>"$ERR"
	rc=$?
}

pass() {
	n=$((n + 1))
	echo "ok $n - $1"
}

fail() {
	n=$((n + 1))
	failures=$((failures + 1))
	echo "not ok $n - $1"
	shift
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/#   /'
	done
}

expect_rc() {
	if [ "$rc" = "$1" ]; then
		pass "$2"
	else
		fail "$2" "exit status $rc, want $1" \
			"stdout: $(head -c 400 "$OUT")" \
			"stderr: $(head -c 600 "$ERR")"
	fi
}

expect_out() {
	if grep -qF -- "$1" "$OUT"; then
		pass "$2"
	else
		fail "$2" "stdout lacks: $1" "stdout: $(head -c 600 "$OUT")" \
			"stderr: $(head -c 300 "$ERR")"
	fi
}

expect_err() {
	if grep -qF -- "$1" "$ERR"; then
		pass "$2"
	else
		fail "$2" "stderr lacks: $1" "stderr: $(head -c 600 "$ERR")"
	fi
}

expect_no_out() {
	if grep -qF -- "$1" "$OUT"; then
		fail "$2" "stdout has: $1"
	else
		pass "$2"
	fi
}

expect_no_err() {
	if grep -qF -- "$1" "$ERR"; then
		fail "$2" "stderr has: $1" "stderr: $(head -c 600 "$ERR")"
	else
		pass "$2"
	fi
}

expect() {
	desc=$1
	shift
	if "$@" >"$T/expect.out" 2>&1; then
		pass "$desc"
	else
		fail "$desc" "failed: $*" "$(head -c 600 "$T/expect.out")"
	fi
}

expect_not() {
	desc=$1
	shift
	if "$@" >"$T/expect.out" 2>&1; then
		fail "$desc" "succeeded: $*" "$(head -c 600 "$T/expect.out")"
	else
		pass "$desc"
	fi
}

expect_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "want: $2" "got:  $3"
	fi
}

done_testing() {
	echo "1..$n"
	[ "$failures" = 0 ]
}

# journal DIR: create a journal in DIR and go into it
journal() {
	"$TEND" init "$1" >/dev/null 2>"$T/init.err" || {
		echo "Bail out! cannot create a journal: $(cat "$T/init.err")"
		exit 1
	}
	cd "$1" || exit 1
}

# new_entry TITLE DATE [OPTIONS...]: tend new, an entry with the text
# "Words of TITLE." at DATE
new_entry() {
	title=$1 date=$2
	shift 2
	"$TEND" new -m "Words of $title." --date "$date" "$@" "$title" \
		>/dev/null 2>&1 || fail "cannot write the entry '$title'"
}

# commits: how many commits the journal's branch has
commits() {
	git rev-list --count HEAD
}

# subject: the subject of the last commit
subject() {
	git log -1 --format=%s
}

# mode FILE: the file's permission bits, e.g. 600
mode() {
	stat -c %a "$1"
}

# entry_file ID: the path of an entry's file
entry_file() {
	find entries -name "$1.md"
}

# snap: remember HEAD and the files under entries/
snap() {
	head0=$(git rev-parse HEAD)
	find entries -type f 2>/dev/null | sort >"$T/files0"
}

# same WHAT: nothing was written or committed since snap
same() {
	expect_eq "$1: HEAD is where it was" "$head0" "$(git rev-parse HEAD)"
	expect_eq "$1: the work tree is clean" "" "$(git status --porcelain)"
	find entries -type f 2>/dev/null | sort >"$T/files1"
	expect "$1: no new files under entries/" cmp -s "$T/files0" "$T/files1"
}

# encrypted_setup: what a test of an encrypted journal needs: the
# passphrase in $T/pass for every tend that asks, and XDG_RUNTIME_DIR a
# private folder in memory (where drafts and sites go), removed at exit
encrypted_setup() {
	printf 'correct horse battery\n' >"$T/pass"
	TEND_PASSPHRASE_FILE="$T/pass"
	XDG_RUNTIME_DIR=$(mktemp -d /dev/shm/tend-run.XXXXXX) || exit 1
	trap 'cd /; rm -rf "$T" "$XDG_RUNTIME_DIR"' EXIT
	export TEND_PASSPHRASE_FILE XDG_RUNTIME_DIR
}

# on_tty CMD: run the shell command CMD on a terminal that script gives
# it, typing the lines of $T/typed; everything it shows goes in $OUT
on_tty() {
	script -qec "$1" /dev/null <"$T/typed" >"$OUT" 2>&1
	rc=$?
}

# every_byte DIR: every file under DIR, git's objects decompressed
every_byte() {
	find "$1" -type f ! -path '*/.git/objects/*' -exec cat {} + 2>/dev/null
	git -C "$1" cat-file --batch-all-objects --batch 2>/dev/null
}

# tty_clock MS [VAR=VALUE...] ARGS...: run tend ARGS on a terminal
# (script gives it one; ARGS without spaces), stdout and stderr both in
# $OUT, with the clock of its progress meters moving MS milliseconds at
# each reading: 1000 shows a meter at its every update, 0 never shows one
# (TEND_FAULT_CLOCK of tests/faults/fault.c), whatever the speed of the
# machine. The terminal is an xterm unless a VAR says TERM=...; other
# VARs are more settings of the fault injector.
tty_clock() {
	clock_ms=$1
	shift
	fault_env=""
	while [ $# -gt 0 ] && [ "${1#*=}" != "$1" ]; do
		fault_env="$fault_env $1"
		shift
	done
	asan="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
	script -qec "env LD_PRELOAD='$TEND_FAULT_LIB' ASAN_OPTIONS='$asan' \
		TERM=xterm TEND_FAULT_CLOCK=$clock_ms$fault_env '$TEND' $*" \
		/dev/null \
		>"$OUT" 2>&1
	rc=$?
	: >"$ERR"
}

# tfault VAR=VALUE... -- ARGS...: run tend as t does, with the fault
# injector of tests/faults/fault.c preloaded and its TEND_FAULT_* settings
# (see that file) in the environment
tfault() {
	fault_env=""
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		fault_env="$fault_env $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	env LD_PRELOAD="$TEND_FAULT_LIB" \
		ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
		$fault_env "$TEND" "$@" >"$OUT" 2>"$ERR"
	rc=$?
}

# kill_points LOG: of the writes TEND_FAULT_LOG counted, the first and
# last of each run to one kind of file (git's objects, a new pack, the
# files checked out, ...), by number
kill_points() {
	sed -E 's/^[0-9]+ //; s/(tmp_object_git2_|pack_git2_|\.tmp)[A-Za-z0-9_]+/\1/' \
		"$1" | awk '$0 != prev { if (NR > 1) print NR - 1; print NR }
		{ prev = $0 } END { print NR }' | sort -nu
}

# stopped_at N ARGS...: run tend ARGS in the background (stdout in $OUT,
# stderr in $ERR), stopped by the fault injector just before its Nth
# counted write, for a test to change something under it; returns once
# it is stopped, its process in $pid. go_on lets it finish, its exit
# status in $rc.
stopped_at() {
	stop_n=$1
	shift
	env LD_PRELOAD="$TEND_FAULT_LIB" TEND_FAULT_STOP="$stop_n" \
		ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
		"$TEND" "$@" >"$OUT" 2>"$ERR" &
	pid=$!
	stop_i=0
	while [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != T ] &&
	      kill -0 "$pid" 2>/dev/null && [ $stop_i -lt 600 ]; do
		sleep 0.1
		stop_i=$((stop_i + 1))
	done
}

go_on() {
	kill -CONT "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
}
