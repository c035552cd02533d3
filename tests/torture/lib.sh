# The helpers of tests/torture/run: a seeded random source, tend run with
# a time limit and the fault injector, the journals every trial starts
# from, and the checks made after each blow. Sourced; it uses $TEND,
# $LIB (the fault injector), $W (the work folder) and, in a trial, $td
# (the trial's folder, which gets a file "problems").
# shellcheck disable=SC2154

# --- randomness -----------------------------------------------------------

# rand N: a number from 0 to N-1 into R, from the generator seeded by rng
rand() {
	rng=$(((rng * 1103515245 + 12345) % 2147483648))
	R=$((rng / 65536))
	rng=$(((rng * 1103515245 + 12345) % 2147483648))
	R=$(((R * 32768 + rng / 65536) % $1))
}

# ms: the time in milliseconds
ms() {
	date +%s%3N
}

# --- running tend -----------------------------------------------------------

# problem LINE...: note what is wrong in the current trial
problem() {
	printf '%s\n' "$@" >>"$td/problems"
}

# note LINE...: note what the trial saw that is no failure
note() {
	printf '%s\n' "$@" >>"$td/notes"
}

SAN_REPORT='ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|Sanitizer: '

# san_check FILE WHAT: a sanitizer report in FILE is a problem
san_check() {
	if grep -qE "$SAN_REPORT" "$1" 2>/dev/null; then
		problem "sanitizer report from $2 (in $1):" \
			"$(grep -m 3 -E "$SAN_REPORT" "$1")"
	fi
}

# tend_in DIR NAME ARGS...: run tend in DIR with $fault_env (may be
# empty) and a time limit; stdout and stderr in $td/NAME.out and .err,
# the exit status in rc (124 or 137: it had to be stopped)
tend_in() {
	_dir=$1
	_name=$2
	shift 2
	# not exec: a kill is told in the .err file, not on the terminal
	# shellcheck disable=SC2086
	(cd "$_dir" && env $fault_env timeout -k 5 "$RUN_LIMIT" \
		"$TEND" "$@"; exit $?) >"$td/$_name.out" 2>"$td/$_name.err"
	rc=$?
	san_check "$td/$_name.err" "tend $*"
}

# tend_ok DIR NAME ARGS...: tend_in, and any exit but 0 is a problem
# (exit 4, busy, names the git locks left in DIR)
tend_ok() {
	tend_in "$@"
	[ "$rc" = 0 ] && return 0
	_dir=$1
	shift 2
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		problem "tend $* was stuck: stopped after $RUN_LIMIT s"
	else
		problem "tend $* exited $rc: $(tail -n 3 "$td/$_name.err")"
	fi
	[ "$rc" = 4 ] && problem "  locks left: $(cd "$_dir" &&
		find .git -name '*.lock' | tr '\n' ' ')"
	return 1
}

# --- the journals -----------------------------------------------------------

# fixture DIR: what every trial starts from, made with a plain run of
# tend: bare.git, a folder remote; journal a, which pushed A1..A3, has A4
# not yet synced, and was never rendered; journal b, its clone, which
# pushed B1 and B2 (not yet in a) and has B3 not yet pushed; and
# import.json, a jrnl export of IMPORT_N entries. Every entry's text ends
# in "zzend", and holds a marker of its own ("words of A1,", "imported 3
# words").
fixture() {
	_f=$1
	mkdir -p "$_f" || return 1
	(
		set -e
		cd "$_f"
		git init -q --bare --initial-branch=main bare.git
		"$TEND" init a --title Torture
		cd a
		for i in 1 2 3; do
			"$TEND" new "Entry A$i" -m "words of A$i, a zzend"
		done
		"$TEND" remote add origin "$_f/bare.git"
		"$TEND" sync
		"$TEND" clone "$_f/bare.git" "$_f/b"
		cd "$_f/b"
		for i in 1 2; do
			"$TEND" new "Entry B$i" -m "words of B$i, b zzend"
		done
		"$TEND" sync
		"$TEND" new "Entry B3" -m "words of B3, b zzend"
		cd "$_f/a"
		"$TEND" new "Entry A4" -m "words of A4, a zzend"
		"$TEND" list --format ids -n 1 >"$_f/edit.id"
		"$TEND" list >/dev/null
		cd "$_f/b"
		"$TEND" list >/dev/null
	) >"$_f/fixture.log" 2>&1 || return 1
	{
		printf '{"tags": {}, "entries": [\n'
		i=1
		while [ "$i" -le "$IMPORT_N" ]; do
			[ "$i" -gt 1 ] && printf ',\n'
			printf '{"title": "Imported %d", ' "$i"
			printf '"date": "2025-%02d-%02d", ' \
				$((i % 12 + 1)) $((i % 28 + 1))
			printf '"time": "20:%02d", "tags": ["@import"], ' "$i"
			printf '"starred": false, '
			printf '"body": "imported %d words zzend\\n"}' "$i"
			i=$((i + 1))
		done
		printf '\n]}\n'
	} >"$_f/import.json"
}

# trial_dir DIR: a copy of the fixture in DIR, its remotes pointed at
# its own bare.git
trial_dir() {
	mkdir -p "$1" && cp -a "$FIX/." "$1/" || return 1
	git -C "$1/a" config remote.origin.url "$1/bare.git"
	git -C "$1/b" config remote.origin.url "$1/bare.git"
}

# --- the checks -------------------------------------------------------------

# entry_tree REPO REV: the "MODE TYPE SHA<TAB>PATH" lines of the entry
# files of REV, sorted
entry_tree() {
	git -C "$1" ls-tree -r "$2" -- entries | grep '\.md$' | sort
}

# blob_complete REPO SHA: the entry's text is whole: not empty, and it
# still ends in "zzend" as every text the torture writes does
blob_complete() {
	[ "$(git -C "$1" cat-file -s "$2")" -gt 0 ] &&
		git -C "$1" cat-file blob "$2" | tail -c 64 | grep -q 'zzend'
}

# check_committed REPO FROM WHAT: every entry file committed in REPO
# since FROM (in any commit up to HEAD) and every one in HEAD is whole
check_committed() {
	{
		git -C "$1" rev-list --objects "$2..HEAD" |
			awk '$2 ~ /^entries\/.*\.md$/ { print $1, $2 }'
		git -C "$1" ls-tree -r HEAD -- entries |
			awk -F '\t' '$2 ~ /\.md$/ { split($1, a, " ");
				print a[3], $2 }'
	} | sort -u >"$td/blobs"
	while read -r _sha _path; do
		blob_complete "$1" "$_sha" ||
			problem "$3: an empty or partial entry was committed:" \
				"  $_path (blob $_sha, $(git -C "$1" cat-file \
				-s "$_sha") bytes)"
	done <"$td/blobs"
}

# check_kept REPO PRE_TREE WHAT [PATH SHA...]: every entry file of the
# tree listing PRE_TREE is in HEAD as it was, or (a path given) as one of
# the texts given for it
check_kept() {
	_repo=$1
	_pre=$2
	_what=$3
	shift 3
	entry_tree "$_repo" HEAD >"$td/head.tree"
	comm -23 "$_pre" "$td/head.tree" >"$td/lost"
	while IFS="$(printf '\t')" read -r _meta _path; do
		_sha=$(git -C "$_repo" rev-parse -q --verify "HEAD:$_path")
		_ok=""
		_i=0
		for _arg in "$@"; do
			if [ $((_i % 2)) = 0 ]; then
				_want_path=$_arg
			elif [ "$_want_path" = "$_path" ] &&
				[ "$_sha" = "$_arg" ]; then
				_ok=1
			fi
			_i=$((_i + 1))
		done
		[ -n "$_ok" ] && continue
		if [ -z "$_sha" ]; then
			problem "$_what: committed entry $_path is gone"
		else
			problem "$_what: committed entry $_path changed" \
				"  (was ${_meta##* }, now $_sha)"
		fi
	done <"$td/lost"
}

# check_ancestor REPO REV WHAT: REV is still in the history of HEAD
check_ancestor() {
	git -C "$1" merge-base --is-ancestor "$2" HEAD ||
		problem "$3: the commit $2 is no longer in the history of HEAD"
}

# check_fsck REPO WHAT: git fsck --strict finds nothing
check_fsck() {
	if ! git -C "$1" fsck --strict --no-dangling >"$td/fsck.out" 2>&1; then
		problem "$2: git fsck --strict failed:" \
			"$(head -n 5 "$td/fsck.out")"
	elif grep -qE '^(error|warning)' "$td/fsck.out"; then
		problem "$2: git fsck --strict complains:" \
			"$(grep -m 5 -E '^(error|warning)' "$td/fsck.out")"
	fi
}

# count_marker REPO REV TEXT: how many entry files of REV hold TEXT
count_marker() {
	git -C "$1" grep -l -F -e "$3" "$2" -- entries 2>/dev/null | wc -l
}

# check_markers REPO REV WHAT WANT TEXT...: each TEXT is in WANT entry
# files of REV (WANT: "1" exactly one, "1+" at least one)
check_markers() {
	_repo=$1
	_rev=$2
	_what=$3
	_want=$4
	shift 4
	for _m in "$@"; do
		_n=$(count_marker "$_repo" "$_rev" "$_m")
		case $_want:$_n in
		1:1 | 1+:[1-9]*) ;;
		*)
			_got="$_n entries of $_rev"
			problem "$_what: '$_m' is in $_got, want $_want"
			;;
		esac
	done
}

# check_check DIR WHAT: tend check passes; a report of a conflict copy
# (which a sync leaves for the user) or of a temporary file a killed
# write left (which may hold the only copy of what was being written,
# so tend leaves it to the user) is named, anything else a problem
check_check() {
	tend_in "$1" check check
	case $rc in
	0) ;;
	3)
		if grep -v -e 'conflict' -e 'a temporary file left by a tend that was stopped while writing' \
			"$td/check.out" | grep -q .; then
			problem "$2: tend check exit 3:" \
				"$(head -n 5 "$td/check.out")"
		else
			note "$2: tend check names what is left for the user:" \
				"$(cat "$td/check.out")"
		fi
		;;
	*) problem "$2: tend check exit $rc: $(tail -n 3 "$td/check.err")" ;;
	esac
}

# check_site DIR WHAT: the site folder holds no temporary file
check_site() {
	_left=$(find "$1/site" \( -name '*.tmp' -o -name '.*.tmp*' \) \
		2>/dev/null | head -n 5)
	[ -z "$_left" ] ||
		problem "$2: temporary files left in the site:" "$_left"
}

# check_message FILE ERRNO WHAT: a failed command said so, and why
check_message() {
	if ! grep -qE '^tend: |^[^ ]+:[0-9]+:[0-9]+: ' "$1"; then
		problem "$3: it failed without a message" \
			"  stderr: $(head -c 300 "$1")"
		return
	fi
	case $2 in
	ENOSPC) _why='no space left on device' ;;
	EIO) _why='input/output error|i/o error' ;;
	*) return ;;
	esac
	grep -qiE "$_why" "$1" ||
		problem "$3: the message does not say '$_why':" \
			"  $(grep -m 2 -E '^tend: ' "$1")"
}

# leftovers DIR: note what a kill legitimately leaves: drafts kept and
# temporary files of writes cut short
leftovers() {
	_l=$(cd "$1" && find .tend/drafts entries -name '*.md' -path \
		'.tend/*' -o -name '.*.tmp*' 2>/dev/null | head -n 5 |
		tr '\n' ' ')
	[ -z "$_l" ] || note "left in $(basename "$1"): $_l"
}
