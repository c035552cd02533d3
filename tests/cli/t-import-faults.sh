# tend import under faults (issue 13): killed at each write it makes (a
# jrnl export, a Markdown folder, and a Day One export whose photos and
# other files come in as attachments), the same import run again ends with
# exactly what an import that was never stopped gives: the same files
# byte for byte, no -2 copy, one commit, a clean work tree, and tend check
# content. A full disk at each write takes everything back and says so.
# What a stopped import leaves is named by tend check; files in place
# but not committed, parts of files and temporary files are taken as they
# are, replaced or removed, and a file that is not the import's is kept.
. tests/cli/lib.sh
F="$FIXTURES/import"

# the inputs: a jrnl export and a folder of notes (its files' times are
# the dates of two of them: the copy keeps them for every run)
md="$T/Notes"
cp -R "$F/markdown" "$md"

# a new journal to copy for each run, and a clean import of each input
"$TEND" init "$T/pristine" >/dev/null 2>&1 || fail "cannot create a journal"
base=$(git -C "$T/pristine" rev-list --count HEAD)
for f in jrnl markdown dayone; do
	cp -a "$T/pristine" "$T/ref-$f"
done
"$TEND" -J "$T/ref-jrnl" import "$F/jrnl.json" --from jrnl-json >/dev/null ||
	fail "cannot import the jrnl export"
"$TEND" -J "$T/ref-markdown" import "$md" --from markdown >/dev/null ||
	fail "cannot import the Markdown folder"
dayone="$FIXTURES/import-dayone-media"
"$TEND" -J "$T/ref-dayone" import "$dayone" --from dayone-json >/dev/null ||
	fail "cannot import the Day One export"
expect_eq "the clean Day One import: 8 attachments" 8 \
	"$(find "$T/ref-dayone/attachments" -type f | wc -l)"
expect_eq "the clean jrnl import: 9 entry files" 9 \
	"$(find "$T/ref-jrnl/entries" -type f | wc -l)"
expect_eq "the clean Markdown import: 8 entry files" 8 \
	"$(find "$T/ref-markdown/entries" -type f | wc -l)"

# fresh: a new journal in $j, a copy of the pristine one
fresh() {
	j="$T/j"
	rm -rf "$j"
	cp -a "$T/pristine" "$j"
}

# finished WHAT REF: after the same import ran again (its $rc and $ERR),
# $j holds what the clean import REF holds
finished() {
	expect_rc 0 "$1: the same import again finishes it"
	expect "$1: the entry files are the clean import's, byte for byte" \
		diff -r "$2/entries" "$j/entries"
	if [ -d "$2/attachments" ]; then
		expect "$1: so are the attachments, and no more" \
			diff -r "$2/attachments" "$j/attachments"
	fi
	expect_eq "$1: one commit for the import, as the clean one's" \
		"$((base + 1)) $(git -C "$2" log -1 --format=%s)" \
		"$(git -C "$j" rev-list --count HEAD) $(git -C "$j" log -1 --format=%s)"
	expect_eq "$1: the work tree is clean" "" \
		"$(git -C "$j" status --porcelain --untracked-files=all)"
	t -J "$j" check
	expect_rc 0 "$1: tend check finds nothing wrong"
}

# writes FORMAT INPUT: the writes of an import that is not stopped, one
# "N PATH" a line, into $T/writes
writes() {
	fresh
	rm -f "$T/writes"
	tfault TEND_FAULT_LOG="$T/writes" -- -J "$j" import "$2" --from "$1"
	expect_rc 0 "the $1 import, its writes logged"
	sed -i "s|$j/||" "$T/writes"
}

# --- killed at each write -----------------------------------------------------
for case in "jrnl-json $F/jrnl.json jrnl" "markdown $md markdown" \
	"dayone-json $dayone dayone"; do
	set -- $case
	fmt=$1 in=$2 ref="$T/ref-$3"
	writes "$fmt" "$in"
	total=$(wc -l <"$T/writes")
	expect "the $fmt import makes more than 15 writes ($total)" \
		test "$total" -gt 15
	k=1
	while [ "$k" -le "$total" ]; do
		what="$fmt killed at write $k of $total ($(sed -n "${k}s/^[0-9]* //p" "$T/writes"))"
		fresh
		tfault TEND_FAULT_KILL="$k" -- -J "$j" import "$in" --from "$fmt"
		expect_eq "$what: it was killed" 137 "$rc"
		t -J "$j" import "$in" --from "$fmt"
		case $(sed -n "${k}s/^[0-9]* //p" "$T/writes") in
		.git/index.lock)
			expect_err "removed '$j/.git/index.lock', which a tend that was stopped" \
				"$what: the lock it left is removed, and said" ;;
		.git/logs/*|.git/refs/heads/main.lock)
			expect_err "removed '$j/.git/refs/heads/main.lock', which a tend that was stopped" \
				"$what: the lock it left is removed, and said" ;;
		esac
		finished "$what" "$ref"
		k=$((k + 1))
	done
done

# --- a full disk at each write ------------------------------------------------
for case in "jrnl-json $F/jrnl.json jrnl" "markdown $md markdown" \
	"dayone-json $dayone dayone"; do
	set -- $case
	fmt=$1 in=$2 ref="$T/ref-$3"
	writes "$fmt" "$in"
	total=$(wc -l <"$T/writes")
	k=2	# the first is the pid in .tend/lock, which is not needed
	while [ "$k" -le "$total" ]; do
		what="$fmt with the disk full from write $k of $total ($(sed -n "${k}s/^[0-9]* //p" "$T/writes"))"
		fresh
		tfault TEND_FAULT_WRITE="$k" -- -J "$j" import "$in" --from "$fmt"
		expect_rc 1 "$what: exit 1"
		expect "$what: it says no space is left" \
			grep -qi "no space left on device" "$ERR"
		expect_eq "$what: nothing committed, nothing left, git as it was" \
			"$base" "$(git -C "$j" rev-list --count HEAD)$(find "$j/entries" \
			"$j/attachments" "$j/.tend/import" -type f \
			2>/dev/null)$(git -C "$j" status \
			--porcelain --untracked-files=all)"
		t -J "$j" import "$in" --from "$fmt"
		finished "$what" "$ref"
		k=$((k + 1))
	done
done

# --- what tend check says of a stopped import ---------------------------------
writes jrnl-json "$F/jrnl.json"
first=$(grep -m 1 ' entries/' "$T/writes" | cut -d' ' -f1)
packed=$(grep -m 1 ' .git/objects/' "$T/writes" | cut -d' ' -f1)
fresh
tfault TEND_FAULT_KILL=$((first + 2)) -- -J "$j" import "$F/jrnl.json" \
	--from jrnl-json
t -J "$j" check
expect_rc 3 "killed writing its files: tend check finds problems"
expect_eq "one for each temporary file it left (3 of them)" 3 \
	"$(grep -c 'a temporary file left by a tend that was stopped while writing' "$OUT")"
expect "each named by its path" grep -q '^entries/20../../\..*\.md\.tmp......:1:1: ' "$OUT"
fresh
tfault TEND_FAULT_KILL="$packed" -- -J "$j" import "$F/jrnl.json" \
	--from jrnl-json
expect_eq "killed once its files were in place: 9 of them, not committed" 9 \
	"$(git -C "$j" status --porcelain --untracked-files=all | grep -c '^?? entries/')"
t -J "$j" check
expect_rc 3 "tend check finds a problem"
expect_out ".tend/import:1:1: an import stopped before its commit: 9 of its entry files are not committed; run 'tend import $F/jrnl.json --from jrnl-json' again to finish it" \
	"it names the import, what is not committed, and what to run"
t -J "$j" import "$F/jrnl.json" --from jrnl-json
expect_out "Imported 9 entries from jrnl." \
	"run again, it imports the 9, taking the files in place as they are"
finished "the stopped import run again" "$T/ref-jrnl"

# killed writing a Day One export's files: their temporary files too
writes dayone-json "$dayone"
first=$(grep -m 1 ' attachments/' "$T/writes" | cut -d' ' -f1)
fresh
tfault TEND_FAULT_KILL=$((first + 1)) -- -J "$j" import "$dayone" \
	--from dayone-json
t -J "$j" check
expect_rc 3 "killed writing an attachment: tend check finds problems"
expect "it names the temporary file of the attachment" grep -q \
	'^attachments/2026/06/2026-06-01-0900-beach-day/\.1A2B.*\.jpeg\.tmp......:1:1: a temporary file left by a tend' \
	"$OUT"
t -J "$j" import "$dayone" --from dayone-json
finished "the Day One import killed writing an attachment, run again" \
	"$T/ref-dayone"

# a stopped import with its options: check names them, quoted, so that
# the command it gives finishes the import that was begun
cp -R "$md" "$T/My Notes"
cp -a "$T/pristine" "$T/ref-excluded"
"$TEND" -J "$T/ref-excluded" import "$T/My Notes" --from markdown \
	--exclude "Old/" --exclude "it's*" >/dev/null ||
	fail "cannot import the Markdown folder with --exclude"
fresh
rm -f "$T/writes"
tfault TEND_FAULT_LOG="$T/writes" -- -J "$j" import "$T/My Notes" \
	--from markdown --exclude "Old/" --exclude "it's*"
packed=$(grep -m 1 "$j/.git/objects/" "$T/writes" | cut -d' ' -f1)
fresh
tfault TEND_FAULT_KILL="$packed" -- -J "$j" import "$T/My Notes" \
	--from markdown --exclude "Old/" --exclude "it's*"
expect_eq "killed once its files were in place" 137 "$rc"
t -J "$j" check
expect_rc 3 "tend check finds the stopped import"
expect_out "run 'tend import '$T/My Notes' --from markdown --exclude Old/ --exclude 'it'\\''s*'' again to finish it" \
	"it gives the whole command, the options too, quoted for the shell"
eval "set -- $(sed -n "s/.*run 'tend \(.*\)' again to finish it/\1/p" "$OUT")"
t -J "$j" "$@"
expect_out "Imported 8 entries from Markdown." \
	"that command, as the shell reads it, finishes it"
finished "the stopped import with --exclude run again" "$T/ref-excluded"

# --- the input changed between the two readings ------------------------------
# tend is stopped just before it writes its first entry (the second
# reading begun), the last entry of the input is changed in place, then
# tend goes on: it finds out, and takes back what it wrote
awk 'BEGIN { printf "["; for (i = 0; i < 5000; i++)
	printf "%s\n{\"text\": \"---\\ntitle: Note %04d\\n---\\n\\nBody %04d.\\n\"}",
		i ? "," : "", i, i; print "]" }' >"$T/moving.json"
at=$(grep -b -o 'Body 4999' "$T/moving.json" | cut -d: -f1)
fresh
stopped_at 2 -J "$j" import "$T/moving.json" --from tend-json
printf 'Body 9999' | dd of="$T/moving.json" bs=1 seek="$at" conv=notrunc \
	2>/dev/null
go_on
expect_rc 1 "the input changed between the readings: exit 1"
expect_err "tend: '$T/moving.json' changed while it was imported; run the import again" \
	"it says so"
expect_eq "nothing committed, nothing left, git as it was" "$base" \
	"$(git -C "$j" rev-list --count HEAD)$(find "$j/entries" "$j/.tend/import" \
	-type f 2>/dev/null)$(git -C "$j" status --porcelain --untracked-files=all)"

# --- what is in the way -------------------------------------------------------
ref="$T/ref-jrnl"
list=$(cd "$ref" && find entries -type f | sort)
one=$(echo "$list" | sed -n 1p)
two=$(echo "$list" | sed -n 2p)

# stopped after its commit, before it removed its records: run again,
# there is nothing to do but remove them
fresh
"$TEND" -J "$j" import "$F/jrnl.json" --from jrnl-json >/dev/null ||
	fail "cannot import the jrnl export"
printf 'jrnl-json\n%s\n%s\n' "$F/jrnl.json" "$one" >"$j/.tend/import"
printf '99999\nlock %s 99999 %s\n' "$(date +%s)" "$j/.git/index.lock" \
	>"$j/.tend/lock"
t -J "$j" check
expect_rc 0 "stopped after its commit: tend check finds nothing wrong"
t -J "$j" import "$F/jrnl.json" --from jrnl-json
expect_out "Nothing new to import: 9 entries are already in the journal." \
	"stopped after its commit: run again, it has nothing new"
expect_no_err "removed" "and no lock to remove"
expect_eq "its records are gone" "" \
	"$(ls -A "$j/.tend" | grep -e import)$(cat "$j/.tend/lock")"
finished "stopped after its commit" "$ref"

# files in place and temporary files, as a stop between the renames
# leaves them, the first of them staged in git's index
fresh
i=0
for f in $list; do
	mkdir -p "$j/$(dirname "$f")"
	if [ $i -lt 5 ]; then
		cp "$ref/$f" "$j/$f"
	else
		head -c 20 "$ref/$f" >"$j/$(dirname "$f")/.$(basename "$f").tmpAb12Cd"
	fi
	i=$((i + 1))
done
git -C "$j" add "$one"
t -J "$j" import "$F/jrnl.json" --from jrnl-json
expect_out "Imported 9 entries from jrnl." \
	"stopped between its renames: the import run again takes all 9"
finished "stopped between its renames" "$ref"

# an empty file and a part of one, as a write cut short leaves them
fresh
mkdir -p "$j/$(dirname "$one")" "$j/$(dirname "$two")"
: >"$j/$one"
head -c 40 "$ref/$two" >"$j/$two"
t -J "$j" import "$F/jrnl.json" --from jrnl-json
finished "an empty file and a part of one where two entries go" "$ref"

# a file of the user's where an entry goes: kept, the entry goes to -2
fresh
mkdir -p "$j/$(dirname "$one")"
printf 'My own note, written before the import.\n' >"$j/$one"
cp "$j/$one" "$T/mine"
t -J "$j" import "$F/jrnl.json" --from jrnl-json
expect_rc 0 "a file of the user's where an entry goes"
expect "the user's file is kept as it was" cmp "$T/mine" "$j/$one"
expect "the entry is beside it, at -2" cmp "$ref/$one" "$j/${one%.md}-2.md"
expect_eq "and the user's file is not committed by the import" \
	"?? $one" "$(git -C "$j" status --porcelain --untracked-files=all)"
done_testing
