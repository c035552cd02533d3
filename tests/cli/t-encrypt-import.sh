# tend import into an encrypted journal: every entry comes in as an age
# file named by its date and time alone, with no word of it readable at
# rest, the record of the import sealed too; an import run again adds
# nothing; tend's own JSON goes both ways between plain and encrypted
# journals; and an import killed at each write it makes, run again,
# ends with what an import never stopped gives.
. tests/cli/lib.sh
F="$FIXTURES/import"

encrypted_setup
md="$T/Notes"
cp -R "$F/markdown" "$md"

# the words that must never be readable at rest
SECRETS="circled the same argument|dishes, again|Nkemelu|Letter I will not send|clocks changed|rehearsing conversations|After the call with Mum|Morning pages|morning pages|boundaries list"

"$TEND" init --encrypt "$T/pristine" >/dev/null 2>&1 || {
	echo "Bail out! cannot make an encrypted journal"
	exit 1
}
base=$(git -C "$T/pristine" rev-list --count HEAD)
# the copies share the key, kept unlocked: each run needs no scrypt
"$TEND" -J "$T/pristine" unlock --for 1h >/dev/null 2>&1 ||
	fail "cannot unlock the journal"
trap 'cd /; "$TEND" -J "$T/pristine" lock >/dev/null 2>&1;
	rm -rf "$T" "$XDG_RUNTIME_DIR"' EXIT

J="$T/j"
cp -a "$T/pristine" "$J"
cd "$J" || exit 1

# --- a jrnl export and a Markdown folder ---------------------------------------
t import "$F/jrnl.json" --from jrnl-json
expect_rc 0 "import of a jrnl export into an encrypted journal"
expect_out "Imported 9 entries from jrnl." "and says how many"
expect_eq "each is an age file named by its date and time alone" \
"entries/2026/01/2026-01-14-2040.md.age
entries/2026/02/2026-02-03-1905.md.age
entries/2026/03/2026-03-10-2115-2.md.age
entries/2026/03/2026-03-10-2115.md.age
entries/2026/03/2026-03-29-0130.md.age
entries/2026/03/2026-03-29-0330.md.age
entries/2026/04/2026-04-02-0700.md.age
entries/2026/04/2026-04-05-2210.md.age
entries/2026/04/2026-04-08-1830.md.age" \
	"$(find entries -type f | LC_ALL=C sort)"
expect_eq "which are age files" "age-encryption.org/v1" \
	"$(head -1 entries/2026/01/2026-01-14-2040.md.age)"
expect_eq "committed in one commit that names no title" \
	"$((base + 1)) Import 9 entries from jrnl" \
	"$(git rev-list --count HEAD) $(subject)"
expect_eq "the work tree is clean" "" \
	"$(git status --porcelain --untracked-files=all)"
t show 2026-01-14-2040
expect_out "We circled the same argument for an hour." \
	"tend reads an imported entry back"
t search Nkemelu
expect_out "2026-02-03-1905" "and search finds one by a word of its body"
printf 'correct horse battery\n' >"$T/typed"
on_tty "cd '$J' && age -d -i key.age entries/2026/04/2026-04-08-1830.md.age"
expect_eq "age -d -i key.age reads an imported entry" 0 "$rc"
expect "and prints its Markdown" grep -q 'title: Letter I will not send' "$OUT"

t import "$F/jrnl.json" --from jrnl-json
expect_rc 0 "the same import again"
expect_out "Nothing new to import: 9 entries are already in the journal." \
	"finds every entry there already, decrypting them"
expect_eq "and commits nothing" "$((base + 1))" "$(git rev-list --count HEAD)"

t import "$md" --from markdown
expect_rc 0 "import of a Markdown folder into an encrypted journal"
expect_out "Imported 8 entries from Markdown." "and says how many"
expect_eq "no file of it is named by a title or a file name" "" \
	"$(find entries -type f | grep -v '/[0-9-]*\.md\.age$')"
t check
expect_rc 0 "tend check finds nothing wrong"
t index
expect_rc 0 "the index takes every entry"

expect_eq "no word of an imported entry is readable at rest" 0 \
	"$(every_byte "$J" | grep -Eac "$SECRETS")"

# --- tend's own JSON, both ways --------------------------------------------------
t export --format json -o "$T/sealed.json"
expect_rc 0 "export of the encrypted journal as JSON"
expect "its paths are the encrypted journal's" \
	grep -q '"path": *"entries/2026/01/2026-01-14-2040.md.age"' "$T/sealed.json"
"$TEND" init "$T/plain" >/dev/null 2>&1 || fail "cannot make a plain journal"
t -J "$T/plain" import "$T/sealed.json" --from tend-json
expect_rc 0 "a plain journal imports what an encrypted one exported"
expect_out "Imported 17 entries from tend." "every entry of it"
expect "each at its own ID, as a plain file" \
	test -f "$T/plain/entries/2026/01/2026-01-14-2040.md"
expect_eq "and no .age file" "" "$(find "$T/plain/entries" -name '*.age')"
t -J "$T/plain" show 2026-01-14-2040
expect_out "We circled the same argument for an hour." "with its text"

"$TEND" init "$T/slugs" >/dev/null 2>&1 || fail "cannot make a plain journal"
"$TEND" -J "$T/slugs" import "$F/jrnl.json" --from jrnl-json >/dev/null ||
	fail "cannot import into the plain journal"
"$TEND" -J "$T/slugs" export --format json -o "$T/plain.json" 2>/dev/null ||
	fail "cannot export the plain journal"
expect "a plain journal's paths carry titles" \
	grep -q '"path": *"entries/2026/01/2026-01-14-2040-the-dishes-again.md"' \
	"$T/plain.json"
J2="$T/j2"
cp -a "$T/pristine" "$J2"
t -J "$J2" import "$T/plain.json" --from tend-json
expect_rc 0 "an encrypted journal imports a plain one's JSON"
expect "under names with no title in them" \
	test -f "$J2/entries/2026/01/2026-01-14-2040.md.age"
expect_eq "none of its names are kept" "" \
	"$(find "$J2/entries" -type f | grep -v '/[0-9-]*\.md\.age$')"
expect_eq "and no word is readable at rest" 0 \
	"$(every_byte "$J2" | grep -Eac "$SECRETS|the-dishes-again")"
t -J "$J2" import "$T/sealed.json" --from tend-json
expect_rc 0 "and the encrypted journal's own export"
expect_out "Imported 8 entries from tend." \
	"adds only what it did not have (the 8 Markdown notes)"
expect_out "Skipped 9 already in the journal." "skipping the 9 it had"

# a path is kept only when it says no more than where an encrypted journal
# files an entry: its own ID (even one that is not the entry's date), in
# the folders of that ID's year and month
cat >"$T/paths.json" <<'EOF'
[
  {"path": "entries/Nkemelu-therapy/2026-01-14-2040.md",
   "text": "---\ntitle: In a folder\ndate: 2026-05-01T08:00:00+00:00\n---\n\nOne.\n"},
  {"path": "entries/2026/01/2026-01-20-0900.md",
   "text": "---\ntitle: Moved in time\ndate: 2026-05-02T08:00:00+00:00\n---\n\nTwo.\n"},
  {"path": "entries/2025/12/2026-01-21-0900.md",
   "text": "---\ntitle: Wrong folder\ndate: 2026-05-03T08:00:00+00:00\n---\n\nThree.\n"},
  {"path": "entries/2026/01/2026-01-22-0900-2.md.age",
   "text": "---\ntitle: Numbered\ndate: 2026-05-04T08:00:00+00:00\n---\n\nFour.\n"},
  {"path": "entries/2026/01/2026-01-23-0900-02.md",
   "text": "---\ntitle: Not a number\ndate: 2026-05-05T08:00:00+00:00\n---\n\nFive.\n"}
]
EOF
J3="$T/j3"
cp -a "$T/pristine" "$J3"
t -J "$J3" import "$T/paths.json" --from tend-json
expect_rc 0 "import of tend-json paths into an encrypted journal"
expect_eq "only IDs in their own year and month are kept; the rest are dated" \
"entries/2026/01/2026-01-20-0900.md.age
entries/2026/01/2026-01-22-0900-2.md.age
entries/2026/05/2026-05-01-0800.md.age
entries/2026/05/2026-05-03-0800.md.age
entries/2026/05/2026-05-05-0800.md.age" \
	"$(cd "$J3" && find entries -type f | LC_ALL=C sort)"
expect_eq "no folder name of the input is readable" 0 \
	"$(every_byte "$J3" | grep -ac Nkemelu-therapy)"

# --- killed at each write --------------------------------------------------------
# the clean import, and what its entries say (their JSON, decrypted)
ref="$T/ref"
cp -a "$T/pristine" "$ref"
"$TEND" -J "$ref" import "$F/jrnl.json" --from jrnl-json >/dev/null ||
	fail "cannot import the jrnl export"
"$TEND" -J "$ref" export --format json -o "$T/ref.json" 2>/dev/null ||
	fail "cannot export the clean import"
j="$T/k"
rm -rf "$j"
cp -a "$T/pristine" "$j"
rm -f "$T/writes"
tfault TEND_FAULT_LOG="$T/writes" -- -J "$j" import "$F/jrnl.json" \
	--from jrnl-json
expect_rc 0 "the import, its writes logged"
sed -i "s|$j/||" "$T/writes"
expect "it writes the record of the import sealed" \
	grep -q ' \.tend/\.import\.age\.tmp' "$T/writes"
expect_not "never as plain text" grep -q ' \.tend/\.import\.tmp' "$T/writes"
total=$(wc -l <"$T/writes")
expect "the import makes more than 15 writes ($total)" test "$total" -gt 15
k=1
while [ "$k" -le "$total" ]; do
	what="killed at write $k of $total ($(sed -n "${k}s/^[0-9]* //p" "$T/writes"))"
	rm -rf "$j"
	cp -a "$T/pristine" "$j"
	tfault TEND_FAULT_KILL="$k" -- -J "$j" import "$F/jrnl.json" \
		--from jrnl-json
	expect_eq "$what: it was killed" 137 "$rc"
	expect_eq "$what: nothing it left is readable" 0 \
		"$(every_byte "$j" | grep -Eac "$SECRETS")"
	t -J "$j" import "$F/jrnl.json" --from jrnl-json
	expect_rc 0 "$what: the same import again finishes it"
	"$TEND" -J "$j" export --format json -o "$T/k.json" 2>/dev/null
	expect "$what: the entries are the clean import's" \
		cmp -s "$T/ref.json" "$T/k.json"
	expect_eq "$what: the same files" \
		"$(cd "$ref" && find entries -type f | LC_ALL=C sort)" \
		"$(cd "$j" && find entries -type f | LC_ALL=C sort)"
	expect_eq "$what: one commit for the import, the work tree clean" \
		"$((base + 1)) Import 9 entries from jrnl" \
		"$(git -C "$j" rev-list --count HEAD) $(git -C "$j" log -1 --format=%s)$(git -C "$j" status --porcelain --untracked-files=all)"
	k=$((k + 1))
done

# what tend check says of an import stopped once its files were in place
packed=$(grep -m 1 ' .git/objects/' "$T/writes" | cut -d' ' -f1)
rm -rf "$j"
cp -a "$T/pristine" "$j"
tfault TEND_FAULT_KILL="$packed" -- -J "$j" import "$F/jrnl.json" \
	--from jrnl-json
expect "killed once its files were in place, the record is there, sealed" \
	test -f "$j/.tend/import.age"
expect_eq "and it is an age file" "age-encryption.org/v1" \
	"$(head -1 "$j/.tend/import.age")"
t -J "$j" check
expect_rc 3 "tend check finds a problem"
expect_out ".tend/import.age:1:1: an import stopped before its commit: 9 of its entry files are not committed; run 'tend import $F/jrnl.json --from jrnl-json' again to finish it" \
	"it reads the sealed record and says what to run"
t -J "$j" import "$F/jrnl.json" --from jrnl-json
expect_out "Imported 9 entries from jrnl." \
	"run again, it takes the 9 files in place as they are"
expect_not "and the record is gone" test -e "$j/.tend/import.age"

done_testing
