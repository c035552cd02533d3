# tend attach (issue 20): files kept with an entry, linked from it and
# committed with it; rm, restore and purge take them along; render
# copies only what the site's entries link to; export --format html
# holds the images; check names links to files that are not there.
. tests/cli/lib.sh
journal "$T/j"
"$TEND" new "Day at the sea" -m "The waves." --date "2026-11-20 10:00" \
	>/dev/null 2>&1
id=$("$TEND" list --format ids)
entry=entries/2026/11/$id.md
dir=attachments/2026/11/$id
# a real 1x1 PNG, a text file, a name that needs making safe
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\010\006\0\0\0\037\025\304\211\0\0\0\rIDATx\234c\370\317\300\360\037\0\005\0\001\377\211\231=\035\0\0\0\0IEND\256B`\202' \
	>"$T/dot.png"
printf 'notes\n' >"$T/notes.txt"
cp "$T/dot.png" "$T/my photo (1).PNG"

# --- attach ---------------------------------------------------------------
before=$(commits)
t attach "$id" "$T/dot.png" "$T/notes.txt" "$T/my photo (1).PNG" "$T/notes.txt"
expect_rc 0 "attach ID FILE...: exit 0"
expect_out "Attached $T/dot.png to $id as $dir/dot.png" "says what went where"
expect "the image, byte for byte" cmp "$T/dot.png" "$dir/dot.png"
expect "the text file too" cmp "$T/notes.txt" "$dir/notes.txt"
expect "a name made safe" test -f "$dir/my-photo-1.PNG"
expect "a name taken: numbered" cmp "$T/notes.txt" "$dir/notes-2.txt"
expect_eq "one commit" "$((before + 1))" "$(commits)"
expect_eq "named for the entry" "Attach to entry: $id" "$(subject)"
expect_eq "the entry and its files in it" \
	"$dir/dot.png $dir/my-photo-1.PNG $dir/notes-2.txt $dir/notes.txt $entry" \
	"$(git show --name-only --format= HEAD | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "links at the end of the entry: an image for an image" \
	"![dot.png](../../../$dir/dot.png)|[notes.txt](../../../$dir/notes.txt)|![my-photo-1.PNG](../../../$dir/my-photo-1.PNG)|[notes-2.txt](../../../$dir/notes-2.txt)" \
	"$(grep '^!\?\[' "$entry" | paste -sd'|')"
expect_eq "the words are kept" "The waves." "$(grep -c 'The waves.' "$entry" |
	sed 's/^1$/The waves./')"
expect_eq "each link leads to its file from the entry's folder" "" \
	"$(cd entries/2026/11 && grep -o '](\.\./[^)]*)' "$id.md" |
		sed 's/^](//; s/)$//' | while read -r l; do
			test -f "$l" || echo "$l"; done)"
t check
expect_rc 0 "check: all is well"

# --- what is refused, and leaves everything as it was ----------------------
snap
head -c 2097152 /dev/zero >"$T/big.bin"
printf '[attachments]\nmax_mib = 1\n' >>tend.ini
git -c user.name=Me -c user.email=me@example.org commit -qam "limit"
snap
t attach "$id" "$T/notes.txt" "$T/big.bin"
expect_rc 3 "a file over [attachments] max_mib: exit 3"
expect_err "'$T/big.bin': it is 2.0 MiB, over the 1 MiB" "names it and the limit"
same "nothing attached, not even the file that was fine"
expect "no file left in the folder" test ! -e "$dir/notes-3.txt"
t attach "$id" "$T"
expect_rc 2 "a folder: exit 2"
expect_err "it is not a file" "says so"
t attach "$id" "$T/no-such-file"
expect_rc 1 "a file that is not there: exit 1"
t attach "$id"
expect_rc 2 "no file named: exit 2"
t attach no-such-entry "$T/notes.txt"
expect_rc 1 "no such entry: exit 1"
same "and nothing changed"

# --- rm and restore take the files along ------------------------------------
t rm "$id"
expect_rc 0 "rm: exit 0"
expect "the entry's files are gone" test ! -e "$dir"
expect_eq "in the same commit" \
	"$dir/dot.png $dir/my-photo-1.PNG $dir/notes-2.txt $dir/notes.txt $entry" \
	"$(git show --name-only --format= HEAD | sort | tr '\n' ' ' | sed 's/ $//')"
t restore "$id"
expect_rc 0 "restore: exit 0"
expect "the entry's files come back" cmp "$T/dot.png" "$dir/dot.png"
expect_eq "all of them, committed" 4 "$(git ls-files "$dir" | wc -l)"
expect_eq "in the restore's commit" 5 \
	"$(git show --name-only --format= HEAD | grep -c .)"
# an older version's files come back with it, and nothing is lost
older=$(git rev-parse HEAD)
printf 'new\n' >"$T/later.txt"
"$TEND" attach "$id" "$T/later.txt" >/dev/null
rm "$dir/dot.png"
t restore "$id" --rev "$older"
expect_rc 0 "restore --rev of an older version: exit 0"
expect "its files come back" cmp "$T/dot.png" "$dir/dot.png"
expect "a file attached since stays" test -f "$dir/later.txt"

# --- check ------------------------------------------------------------------
rm "$dir/notes.txt"
t check
expect_rc 3 "check: a link to a file that is not there: exit 3"
line=$(grep -n 'notes.txt)' "$entry" | head -n 1 | cut -d: -f1)
expect_out "$entry:$line:1: links to '$dir/notes.txt', which is not in" \
	"names the entry, the line and the file"
git checkout -q -- "$dir/notes.txt"

# --- render -----------------------------------------------------------------
"$TEND" new "Secret" -m "Hidden." --private --date "2026-11-21 10:00" \
	>/dev/null 2>&1
secret=$("$TEND" list --format ids --private)
"$TEND" attach "$secret" "$T/dot.png" >/dev/null
printf 'unlinked\n' >"attachments/2026/11/$id/unlinked.txt"
git add -A && git -c user.name=Me -c user.email=me@example.org commit -qm x
t render -o "$T/site"
expect_rc 0 "render: exit 0"
flat=2026_11_${id}
expect "the image an entry links to is copied" \
	cmp "$T/dot.png" "$T/site/attachments/${flat}_dot.png"
expect "and shown in its page" grep -q \
	"<img src=\"../attachments/${flat}_dot.png\" alt=\"dot.png\"" \
	"$T/site/entries/$id.html"
expect "a linked file is a link" grep -q \
	"<a href=\"../attachments/${flat}_notes.txt\">" "$T/site/entries/$id.html"
expect "a file no entry links to is not copied" \
	test ! -e "$T/site/attachments/${flat}_unlinked.txt"
expect_eq "a private entry's files are not copied" "" \
	"$(ls "$T/site/attachments" | grep secret)"
t render -o "$T/site" --include-private --yes
expect "with --include-private they are" test -f \
	"$T/site/attachments/2026_11_${secret}_dot.png"
t render -o "$T/site2"
expect "a second site has the files" \
	test -f "$T/site2/attachments/${flat}_dot.png"
# the entry made private: its files leave the site on the next render
sed -i 's/^title: Day at the sea$/title: Day at the sea\nprivate: true/' \
	"$entry"
"$TEND" save -m private >/dev/null 2>&1
t render -o "$T/site2"
expect_rc 0 "render after the entry was made private: exit 0"
expect_eq "its files are gone from the site" "" \
	"$(ls "$T/site2/attachments" 2>/dev/null)"
sed -i '/^private: true$/d' "$entry"
"$TEND" save -m public >/dev/null 2>&1

# a public entry that links into the private entry's folder gets
# nothing of it: an entry's files are those of its own folder
printf 'secret bytes\n' >"$T/diary.txt"
"$TEND" attach "$secret" "$T/diary.txt" >/dev/null
"$TEND" new "Public" --date "2026-11-22 10:00" -m "See [it](../../../attachments/2026/11/$secret/diary.txt) and ![x](../../../attachments/2026/11/$secret/dot.png)" \
	>/dev/null 2>&1
pub=$("$TEND" list --format ids --on 2026-11-22)
"$TEND" attach "$pub" "$T/notes.txt" >/dev/null
t render -o "$T/site3"
expect_eq "render: no file of a private entry, however it is linked" "" \
	"$(grep -rl 'secret bytes' "$T/site3"; ls "$T/site3/attachments" |
		grep secret)"
t export --format html -o "$T/pub.html" --on 2026-11-22
expect_not "export: nor its image" grep -q 'data:image' "$T/pub.html"
"$TEND" rm "$pub" >/dev/null
# a folder of attachments/ that is a symbolic link: never followed
mkdir -p "$T/outside"
printf 'outside\n' >"$T/outside/f.txt"
ln -s "$T/outside" "attachments/2026/11/$id/sub"
printf '\n[f](../../../%s/sub/f.txt)\n' "$dir" >>"$entry"
"$TEND" save -m link >/dev/null 2>&1
t render -o "$T/site4"
expect_rc 0 "render with a link through a symbolic link: exit 0"
expect_eq "and nothing outside the journal in the site" "" \
	"$(grep -rl outside "$T/site4/attachments")"
t check
expect_rc 3 "check: exit 3"
expect_out "reached through a symbolic link" "names the link"
rm "attachments/2026/11/$id/sub"
sed -i '/sub\/f.txt/d' "$entry"
"$TEND" save -m unlink >/dev/null 2>&1
# names that would be one in the site's single folder stay two
mkdir -p entries/2026/11 attachments/2026/11/x attachments/2026/11/x_y
printf 'ONE\n' >attachments/2026/11/x/y_z.txt
printf 'TWO\n' >attachments/2026/11/x_y/z.txt
printf -- '---\ndate: 2026-11-23\n---\n[a](../../../attachments/2026/11/x/y_z.txt)\n' \
	>entries/2026/11/x.md
printf -- '---\ndate: 2026-11-24\n---\n[b](../../../attachments/2026/11/x_y/z.txt)\n' \
	>entries/2026/11/x_y.md
"$TEND" save -m names >/dev/null 2>&1
t render -o "$T/site5"
expect_eq "two files, two names" "ONE TWO" \
	"$(cat "$T/site5/attachments/2026_11_x_y__z.txt" \
		"$T/site5/attachments/2026_11_x__y_z.txt" | tr '\n' ' ' |
		sed 's/ $//')"
"$TEND" rm x >/dev/null
"$TEND" rm x_y >/dev/null

# --- export --format html ---------------------------------------------------
t export --format html -o "$T/out.html"
expect_rc 0 "export --format html"
expect "its images are in the page, as data: URLs" grep -q \
	"<img src=\"data:image/png;base64,$(base64 -w0 "$T/dot.png")\"" \
	"$T/out.html"
expect "its Content-Security-Policy lets only those in" grep -q \
	"img-src data:;" "$T/out.html"
expect_not "and the page loads no file of the journal" \
	grep -q 'src="\.\./' "$T/out.html"

# --- purge takes them out of every version ------------------------------------
# the same photo kept with another entry is that entry's, and stays;
# a file in a folder of the entry's folder goes with it
"$TEND" new "Other day" -m "Calm." --date "2026-11-25 10:00" >/dev/null 2>&1
other=$("$TEND" list --format ids --on 2026-11-25)
"$TEND" attach "$other" "$T/dot.png" >/dev/null
mkdir -p "$dir/sub"
printf 'deep\n' >"$dir/sub/deep.txt"
git add -A && git -c user.name=Me -c user.email=me@example.org commit -qm deep
t purge "$id" --yes
expect_rc 0 "purge: exit 0"
expect "the files are gone" test ! -e "$dir"
expect_eq "from every commit" "" \
	"$(git log --all --format= --name-only -- "attachments/2026/11/$id")"
expect "git finds the history whole" git fsck --no-progress
expect "another entry's copy of the same photo stays" \
	cmp "$T/dot.png" "attachments/2026/11/$other/dot.png"
expect_eq "in its history too" 1 \
	"$(git log --format=%H -- "attachments/2026/11/$other/dot.png" |
		wc -l)"
expect_eq "and the file deeper in the purged entry's folder is gone" "" \
	"$(git log --all --format= --name-only -- "$dir/sub")"

# --- an encrypted journal: not yet ------------------------------------------
encrypted_setup
"$TEND" init --encrypt "$T/sealed" >/dev/null 2>&1
"$TEND" -J "$T/sealed" new "Sealed" -m "x" >/dev/null 2>&1
t -J "$T/sealed" attach last "$T/dot.png"
expect_rc 2 "attach in an encrypted journal: exit 2"
expect_err "not kept in an encrypted journal yet" "says so"
expect_eq "and nothing is written" "" \
	"$(find "$T/sealed" -path '*/attachments*')"

done_testing
