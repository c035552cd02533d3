# tend import --from dayone-json with the export's files (issue 20): its
# photos, videos, audio and PDFs come in as attachments of their entries,
# committed with them, each dayone-moment link led to its file; the
# summary counts them by kind and names, by entry, each file the export
# does not hold and each over [attachments] max_mib. Running it again
# adds nothing, even for an entry numbered -2; a symbolic link in the
# export is not followed; an encrypted journal keeps no file yet.
. tests/cli/lib.sh
D="$FIXTURES/import-dayone-media"
A=attachments/2026/06

journal "$T/j"
before=$(commits)
t import "$D" --from dayone-json
expect_rc 0 "a Day One export with photos, a video, audio, a PDF"
expect_out "Imported 5 entries from Day One." "says how many entries"
expect_out "Kept 8 files as attachments: 5 photos, 1 video, 1 audio recording and 1 PDF (what Day One says of each, its camera, place and size, is left out)." \
	"counts the files kept, by kind"
expect_out "Could not find 1 file the export names; its link stays in the text:
  2026-06-03-0915-the-photo-that-went-missing: photos/5E5E5E5E5E5E5E5E5E5E5E5E5E5E5E5E.jpeg" \
	"names the file the export lacks, by the entry's ID"
expect_eq "one commit" "$((before + 1))" "$(commits)"
expect_eq "the entries and their files, together in it" \
"$A/2026-06-01-0900-beach-day/1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D.jpeg
$A/2026-06-01-0900-beach-day/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov
$A/2026-06-01-0900-beach-day/9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F.heic
$A/2026-06-02-1830-after-the-session/3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C.m4a
$A/2026-06-02-1830-after-the-session/4D4D4D4D4D4D4D4D4D4D4D4D4D4D4D4D.pdf
$A/2026-06-03-0915-the-photo-that-went-missing/6D5C4B3A2F1E0D9C8B7A6F5E4D3C2B1A.png
$A/2026-06-04-1200-entry-2/88BB88BB88BB88BB88BB88BB88BB88BB.jpeg
$A/2026-06-04-1200-entry/77AA77AA77AA77AA77AA77AA77AA77AA.jpeg
entries/2026/06/2026-06-01-0900-beach-day.md
entries/2026/06/2026-06-02-1830-after-the-session.md
entries/2026/06/2026-06-03-0915-the-photo-that-went-missing.md
entries/2026/06/2026-06-04-1200-entry-2.md
entries/2026/06/2026-06-04-1200-entry.md" \
	"$(git show --name-only --format= HEAD | sort)"
expect_eq "the work tree is clean" "" \
	"$(git status --porcelain --untracked-files=all)"
ok=1
for f in $(git show --name-only --format= HEAD | grep '^attachments/'); do
	kind=$(printf '%s' "$f" | sed 's|.*/||; s|.*\.mov$|videos|;
		s|.*\.m4a$|audios|; s|.*\.pdf$|pdfs|; s|^[^/]*\.[a-z]*$|photos|')
	cmp -s "$D/$kind/${f##*/}" "$f" || ok=0
done
expect_eq "each file byte for byte as the export holds it" 1 "$ok"
expect_not "a file no entry lists is not kept" \
	grep -rq 00000000000000000000000000000000 attachments entries

body() {
	sed '1,/^---$/d' "$1"
}
cat >"$T/want" <<'WANT'

The sea was cold and we laughed anyway.

![](../../../attachments/2026/06/2026-06-01-0900-beach-day/1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D.jpeg)

The one from your phone: [Photo](../../../attachments/2026/06/2026-06-01-0900-beach-day/9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F.heic)

[Video](../../../attachments/2026/06/2026-06-01-0900-beach-day/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov)
WANT
body entries/2026/06/2026-06-01-0900-beach-day.md >"$T/got"
expect "an image stays an image; a video, and a photo no browser shows, are links" \
	cmp "$T/want" "$T/got"
cat >"$T/want" <<'WANT'

What I said on the way home:

[Audio recording](../../../attachments/2026/06/2026-06-02-1830-after-the-session/3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C.m4a)

The worksheet: [PDF](../../../attachments/2026/06/2026-06-02-1830-after-the-session/4D4D4D4D4D4D4D4D4D4D4D4D4D4D4D4D.pdf)
WANT
body entries/2026/06/2026-06-02-1830-after-the-session.md >"$T/got"
expect "audio (its format aac, its file .m4a) and a PDF, as links" \
	cmp "$T/want" "$T/got"
cat >"$T/want" <<'WANT'

It was here once: ![](dayone-moment://PH2)

![](../../../attachments/2026/06/2026-06-03-0915-the-photo-that-went-missing/6D5C4B3A2F1E0D9C8B7A6F5E4D3C2B1A.png)
WANT
body entries/2026/06/2026-06-03-0915-the-photo-that-went-missing.md >"$T/got"
expect "a missing file's link stays; a file the text does not link: at the end" \
	cmp "$T/want" "$T/got"
expect_eq "two untitled entries of one minute: each links into its own folder" \
	"![](../../../$A/2026-06-04-1200-entry/77AA77AA77AA77AA77AA77AA77AA77AA.jpeg)
![](../../../$A/2026-06-04-1200-entry-2/88BB88BB88BB88BB88BB88BB88BB88BB.jpeg)" \
	"$(tail -n 1 entries/2026/06/2026-06-04-1200-entry.md
	   tail -n 1 entries/2026/06/2026-06-04-1200-entry-2.md)"
expect_eq "every link into attachments/ leads to its file" "" \
	"$(cd entries/2026/06 && grep -o '](\.\./[^)]*)' *.md |
		sed 's/^[^:]*:](//; s/)$//' | while read -r l; do
			test -f "$l" || echo "$l"; done)"
expect_not "photos and the like are not in the front matter" \
	grep -rqE '^  (photos|videos|audios|pdfAttachments):' entries
t check
expect_rc 0 "tend check finds nothing wrong"

# --- again: nothing twice ---------------------------------------------------------
snap
t import "$D" --from dayone-json
expect_rc 0 "the same export again"
expect_out "Nothing new to import: 5 entries are already in the journal." \
	"every entry is known, the -2 one too"
same "nothing changes"

# --- the JSON file named, not its folder: the same -----------------------------
journal "$T/j2"
t import "$D/Journal.json" --from dayone-json
expect_rc 0 "Journal.json named: its files are found beside it"
expect "the same files" diff -r "$T/j/attachments" attachments
expect "the same entries" diff -r "$T/j/entries" entries

# --- render and export html -------------------------------------------------------
cd "$T/j" || exit 1
t render -o "$T/site"
expect_rc 0 "render of the imported journal"
flat=2026_06_2026-06-01-0900-beach-day
expect "the photo reaches the site" cmp \
	"$D/photos/1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D.jpeg" \
	"$T/site/attachments/${flat}_1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D.jpeg"
expect "shown in its page" grep -q \
	"<img src=\"../attachments/${flat}_1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D.jpeg\"" \
	"$T/site/entries/2026-06-01-0900-beach-day.html"
expect "the video is a link in it" grep -q \
	"<a href=\"../attachments/${flat}_2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov\">Video</a>" \
	"$T/site/entries/2026-06-01-0900-beach-day.html"
t export --format html -o "$T/out.html" --on 2026-06-03
expect_rc 0 "export --format html"
expect "the png is in the page, as a data: URL" grep -q \
	"<img src=\"data:image/png;base64,$(base64 -w0 "$D/photos/6D5C4B3A2F1E0D9C8B7A6F5E4D3C2B1A.png")\"" \
	"$T/out.html"

# --- a file over [attachments] max_mib -----------------------------------------
cp -R "$D" "$T/big"
head -c 2097152 /dev/zero >"$T/big/videos/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov"
journal "$T/j3"
printf '[attachments]\nmax_mib = 1\n' >>tend.ini
"$TEND" save -m "A smaller limit" >/dev/null 2>&1 || fail "cannot save tend.ini"
t import "$T/big" --from dayone-json
expect_rc 0 "an export with a file over the limit: the rest comes in"
expect_out "Left out 1 file over the 1 MiB of [attachments] max_mib; its link stays in the text:
  2026-06-01-0900-beach-day: videos/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov (2.0 MiB)" \
	"names it, its entry and its size"
expect_out "Kept 7 files as attachments" "the others are kept"
expect "its link stays as Day One wrote it" grep -qx \
	'!\[\](dayone-moment:/video/VID1)' \
	entries/2026/06/2026-06-01-0900-beach-day.md
expect_not "and it is not kept" test -e \
	"$A/2026-06-01-0900-beach-day/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov"

# --- a symbolic link in the export is not followed ------------------------------
cp -R "$D" "$T/linked"
printf 'my private key\n' >"$T/secret"
rm "$T/linked/photos/1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D.jpeg"
ln -s "$T/secret" "$T/linked/photos/1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D.jpeg"
journal "$T/j4"
t import "$T/linked" --from dayone-json
expect_rc 0 "an export with a symbolic link for a photo"
expect_out "  2026-06-01-0900-beach-day: photos/1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D.jpeg" \
	"the link is named as not found"
expect_not "what it points to is not in the journal" \
	grep -rq "my private key" attachments entries

# --- bad input: nothing is written -------------------------------------------------
mkdir "$T/badlist"
sed 's/"videos": \[/"videos": 7, "x": [/' "$D/Journal.json" >"$T/badlist/Journal.json"
journal "$T/j5"
before=$(commits)
t import "$T/badlist" --from dayone-json
expect_rc 3 "\"videos\" that is not a list: exit 3"
expect_err "entry 1: \"videos\" is not a list" "says which entry and why"
expect_eq "nothing is committed or written" "$before" \
	"$(commits)$(find entries attachments -type f 2>/dev/null)"

# --- a file of someone else's in the way: kept, and nothing imported ---------
journal "$T/j6"
mkdir -p "$A/2026-06-01-0900-beach-day"
printf 'mine\n' >"$A/2026-06-01-0900-beach-day/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov"
before=$(commits)
t import "$D" --from dayone-json
expect_rc 1 "a file in the way of one to keep: exit 1"
expect_err "cannot keep '$D/videos/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov' with its entry: '$A/2026-06-01-0900-beach-day/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov' is there already" \
	"says which file is in the way"
expect_eq "the file in the way is kept as it was" mine \
	"$(cat "$A/2026-06-01-0900-beach-day/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov")"
expect_eq "nothing else is left, nothing committed" \
	"$before $A/2026-06-01-0900-beach-day/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov" \
	"$(commits) $(find entries attachments -type f)"

# --- imported before its files were there: run again, it says what to do ---
# (what an import without the files, or by a tend that kept none, made)
mkdir "$T/textonly"
cp "$D/Journal.json" "$T/textonly/"
journal "$T/j7"
t import "$T/textonly" --from dayone-json
expect_out "Could not find 9 files the export names; their links stay in the text:" \
	"imported without its folders of files: none is found"
snap
t import "$D" --from dayone-json
expect_rc 0 "the export with its files, over the entries made without them"
expect_out "Nothing new to import: 5 entries are already in the journal." \
	"no entry twice: its identity leaves out links to its files"
expect_out "8 files of entries already in the journal are not kept with them; this keeps each:
  tend attach 2026-06-01-0900-beach-day $D/photos/1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D.jpeg
  tend attach 2026-06-01-0900-beach-day $D/photos/9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F9F.heic
  tend attach 2026-06-01-0900-beach-day $D/videos/2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B2B.mov
  tend attach 2026-06-02-1830-after-the-session $D/audios/3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C.m4a
  tend attach 2026-06-02-1830-after-the-session $D/pdfs/4D4D4D4D4D4D4D4D4D4D4D4D4D4D4D4D.pdf
  tend attach 2026-06-03-0915-the-photo-that-went-missing $D/photos/6D5C4B3A2F1E0D9C8B7A6F5E4D3C2B1A.png
  tend attach 2026-06-04-1200-entry $D/photos/77AA77AA77AA77AA77AA77AA77AA77AA.jpeg
  tend attach 2026-06-04-1200-entry-2 $D/photos/88BB88BB88BB88BB88BB88BB88BB88BB.jpeg" \
	"names each file not with its entry, and the command that keeps it"
same "nothing changes"
grep '^  tend attach ' "$OUT" | sed 's/^  tend //' >"$T/attach-these"
while read -r cmd; do
	# shellcheck disable=SC2086
	"$TEND" $cmd >/dev/null 2>&1 || fail "cannot $cmd"
done <"$T/attach-these"
t import "$D" --from dayone-json
expect_no_out "not kept with them" "once they are attached, it says nothing of them"

# --- a folder of files that is a symbolic link is not followed ------------------
mkdir "$T/elsewhere"
cp "$D/photos/"* "$T/elsewhere/"
cp -R "$D" "$T/linkdir"
rm -r "$T/linkdir/photos"
ln -s "$T/elsewhere" "$T/linkdir/photos"
journal "$T/j8"
t import "$T/linkdir" --from dayone-json
expect_rc 0 "an export whose photos/ is a symbolic link"
expect_out "Kept 3 files as attachments: 1 video, 1 audio recording and 1 PDF" \
	"no photo is kept through it"
expect_out "Could not find 6 files" "its photos are named as not found"

# --- names the same once made safe, one file twice, alt text, no text ----------
mkdir -p "$T/odd/photos" "$T/odd/videos"
printf 'x\n' >"$T/odd/photos/a b.jpeg"
printf 'y\n' >"$T/odd/photos/a-b.jpeg"
printf 'z\n' >"$T/odd/photos/CCCC.jpeg"
printf 'v\n' >"$T/odd/videos/VVVV.mp4"
cat >"$T/odd/Journal.json" <<'JSON'
{"metadata": {"version": "1.0"}, "entries": [
 {"creationDate": "2026-07-01T10:00:00Z",
  "photos": [{"identifier": "A", "md5": "a b", "type": "jpeg"},
	     {"identifier": "B", "md5": "a-b", "type": "jpeg"},
	     {"identifier": "C1", "md5": "CCCC", "type": "jpeg"},
	     {"identifier": "C2", "md5": "CCCC", "type": "jpeg"}],
  "videos": [{"identifier": "V", "md5": "VVVV", "type": "mp4"}],
  "text": "# Odd\n\n![](dayone-moment://A) ![](dayone-moment://B)\n![](dayone-moment://C1) ![](dayone-moment://C2)\n![the sea](dayone-moment:/video/V)\n"},
 {"creationDate": "2026-07-02T10:00:00Z",
  "photos": [{"identifier": "E", "md5": "CCCC", "type": "jpeg", "md5x": "\u001b[31m"},
	     {"identifier": "F", "md5": "\u001b[31mRED", "type": "jpeg"}],
  "text": ""}
]}
JSON
journal "$T/j9"
t import "$T/odd" --from dayone-json
expect_rc 0 "an export with odd names"
expect_out "Kept 5 files as attachments: 4 photos and 1 video" \
	"one file linked twice is kept and counted once"
o=$A/../07/2026-07-01-1000-odd
o=attachments/2026/07/2026-07-01-1000-odd
expect "two names made the same by making them safe: the second numbered" \
	test "$(cat "$o/a-b.jpeg")$(cat "$o/a-b-2.jpeg")" = xy
cat >"$T/want" <<WANT

![](../../../$o/a-b.jpeg) ![](../../../$o/a-b-2.jpeg)
![](../../../$o/CCCC.jpeg) ![](../../../$o/CCCC.jpeg)
[the sea](../../../$o/VVVV.mp4)
WANT
body entries/2026/07/2026-07-01-1000-odd.md >"$T/got"
expect "each link to its own file; a video's alt text is its link's text" \
	cmp "$T/want" "$T/got"
f=entries/2026/07/2026-07-02-1000-entry.md
expect_eq "an entry with no text: its photo's link alone, under its front matter" \
	"---||![](../../../attachments/2026/07/2026-07-02-1000-entry/CCCC.jpeg)" \
	"$(tail -n 3 "$f" | paste -sd'|')"
expect_out "  2026-07-02-1000-entry: photos/?[31mRED.jpeg" \
	"a name from the export is shown without its control characters"

# --- stopped once its files were in place, saved by hand, run again -----------
journal "$T/j10-counted"
rm -f "$T/writes"
tfault TEND_FAULT_LOG="$T/writes" -- import "$D" --from dayone-json
expect_rc 0 "an import, its writes counted"
packed=$(grep -m 1 ' .*/.git/objects/' "$T/writes" | cut -d' ' -f1)
journal "$T/j10"
tfault TEND_FAULT_KILL="$packed" -- import "$D" --from dayone-json
expect_eq "killed once its files were in place" 137 "$rc"
t check
expect_out "an import stopped before its commit: 5 of its entry files and 8 attached files are not committed" \
	"check counts the attached files in place too"
# as if killed between a file's rename and its entry's: the entry not there
rm entries/2026/06/2026-06-04-1200-entry-2.md
"$TEND" save -m "Saved by hand" >/dev/null 2>&1 || fail "cannot save"
t import "$D" --from dayone-json
expect_rc 0 "run again over its own files, committed since"
expect_out "Imported 1 entry from Day One." "it finishes, taking them as they are"
expect_eq "the work tree is clean" "" \
	"$(git status --porcelain --untracked-files=all)"
expect "the entries are those of an import never stopped" \
	diff -r "$T/j/entries" entries
expect "and so are their files" diff -r "$T/j/attachments" attachments

# --- an encrypted journal keeps no file yet ----------------------------------------
encrypted_setup
"$TEND" init --encrypt "$T/enc" >/dev/null 2>&1 || fail "cannot make an encrypted journal"
cd "$T/enc" || exit 1
t import "$D" --from dayone-json
expect_rc 0 "a Day One export into an encrypted journal"
expect_out "Left out 'photos' of 4 entries (6 files): files are not kept in an encrypted journal yet; their links stay in the text." \
	"says its photos are not kept"
expect_eq "no file of the export is in it" "" \
	"$(find . -path ./.git -prune -o -path '*attachments*' -print)"
t export --format md --on 2026-06-01
expect_out "![](dayone-moment://PH1)" "its entries keep Day One's links"
"$TEND" lock >/dev/null 2>&1

done_testing
