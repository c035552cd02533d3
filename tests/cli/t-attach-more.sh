# tend attach, the loose ends: an entry's folder goes whole with it
# (hidden files, links as links, never followed); render and export
# never point at a file they do not hold; a file replaced by hand
# reaches the site.
. tests/cli/lib.sh
journal "$T/j"
# a real 1x1 PNG, and two of other bytes and the same size
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\010\006\0\0\0\037\025\304\211\0\0\0\rIDATx\234c\370\317\300\360\037\0\005\0\001\377\211\231=\035\0\0\0\0IEND\256B`\202' \
	>"$T/dot.png"
sed 's/IEND/IENE/' "$T/dot.png" >"$T/dot2.png"
sed 's/IEND/IENF/' "$T/dot.png" >"$T/dot3.png"
printf 'notes\n' >"$T/notes.txt"
mkdir -p "$T/outside/dir"
printf 'outside the journal\n' >"$T/outside/f.txt"
printf 'deep outside\n' >"$T/outside/dir/g.txt"

# day ID-VAR TITLE DATE: a new entry with a photo and a text file
day() {
	"$TEND" new "$2" -m "Words of $2." --date "$3" >/dev/null 2>&1
	eval "$1=\$(\"\$TEND\" list --format ids --on \"\${3%% *}\")"
	eval "\"\$TEND\" attach \"\$$1\" \"\$T/dot.png\" \"\$T/notes.txt\"" \
		>/dev/null || fail "cannot attach to $2"
}

# --- rm: the whole folder goes, hidden files and links too ------------------
day id "Sea" "2026-11-20 10:00"
entry=entries/2026/11/$id.md
dir=attachments/2026/11/$id
printf 'Finder\n' >"$dir/.DS_Store"		# the .gitignore's
printf 'my own\n' >"$dir/.notes"			# hidden, not ignored
mkdir "$dir/.thumbs" "$dir/sub" "$dir/empty"
printf 'thumb\n' >"$dir/.thumbs/dot.png"
printf 'deep\n' >"$dir/sub/deep.txt"
ln -s "$T/outside/f.txt" "$dir/link.txt"
ln -s "$T/outside/dir" "$dir/sub/linkdir"
ln -s ../../../../nowhere "$dir/dangling"
t rm "$id"
expect_rc 0 "rm with hidden files and links in the folder: exit 0"
expect "the entry's folder is gone, every bit of it" test ! -e "$dir"
expect "and the empty folders above it" test ! -e attachments/2026
expect_eq "what a link led to is untouched" \
	"outside the journal|deep outside" \
	"$(cat "$T/outside/f.txt" "$T/outside/dir/g.txt" | paste -sd'|')"
expect_err "symbolic link '$dir/link.txt' (to '$T/outside/f.txt') is" \
	"rm names each link it removes, and where it led"
expect_err "'$dir/sub/linkdir' (to '$T/outside/dir')" "a link to a folder too"
expect_err "'$dir/dangling' (to '../../../../nowhere')" "and one to nothing"
expect_no_err ".DS_Store" "a file the .gitignore names goes quietly"
expect_eq "the hidden file of the user's is kept in the history" "my own" \
	"$(git show "HEAD~1:$dir/.notes")"
expect_eq "and a hidden folder's file" "thumb" \
	"$(git show "HEAD~1:$dir/.thumbs/dot.png")"
expect_eq "no link and no .DS_Store in any commit" "" \
	"$(git log --format= --name-only |
		grep -e link -e dangling -e DS_Store)"
expect_eq "the work tree is clean" "" "$(git status --porcelain)"
t restore "$id"
expect_rc 0 "restore: exit 0"
expect_eq "the kept files come back, hidden ones too" \
	".notes .thumbs/dot.png dot.png notes.txt sub/deep.txt" \
	"$(cd "$dir" && find . -type f | sort | sed 's|^\./||' | paste -sd' ')"
expect_eq "a link does not" "" "$(find "$dir" -type l)"

# a folder that is itself a link goes as a link; what it led to stays,
# and nothing of it gets into the history
rm -r "$dir"
mkdir -p "$T/decoy"
printf 'not the photo\n' >"$T/decoy/dot.png"
ln -s "$T/decoy" "$dir"
t rm "$id"
expect_rc 0 "rm of an entry whose folder is a link: exit 0"
expect "the link is gone" test ! -e "$dir"
expect_eq "and nothing it led to" "not the photo" "$(cat "$T/decoy/dot.png")"
expect_err "the symbolic link '$dir' (to '$T/decoy')" "named"
expect_eq "the files the last commit had go from the tree" "" \
	"$(git ls-files "$dir")"
expect_eq "nothing it led to is in any commit" "" \
	"$(git log -p --format= | grep 'not the photo')"
expect_eq "the work tree is clean" "" "$(git status --porcelain)"
t restore "$id"
expect "restore brings back the photo of the last commit" \
	cmp "$T/dot.png" "$dir/dot.png"
"$TEND" rm "$id" >/dev/null 2>&1

# --- purge: the folder goes, links as links --------------------------------
day pid "Purged" "2026-11-21 10:00"
pdir=attachments/2026/11/$pid
printf 'Finder\n' >"$pdir/.DS_Store"
ln -s "$T/outside/f.txt" "$pdir/link.txt"
ln -s "$T/outside/dir" "$pdir/linkdir"
t purge "$pid" --yes
expect_rc 0 "purge with a .DS_Store and links in the folder: exit 0"
expect "the folder is gone" test ! -e "$pdir"
expect_eq "what the links led to is untouched" \
	"outside the journal|deep outside" \
	"$(cat "$T/outside/f.txt" "$T/outside/dir/g.txt" | paste -sd'|')"
expect_err "the symbolic link '$pdir/link.txt'" "purge names the links"
expect_eq "the history holds nothing of it" "" \
	"$(git log --all --format= --name-only | grep "$pid")"
expect "git finds the history whole" git fsck --no-progress
# a folder that is a link, where the history has files: the link goes
# first, and the files it leads to are not taken for the entry's
day qid "Linked" "2026-11-22 10:00"
qdir=attachments/2026/11/$qid
rm -r "$T/decoy"
mkdir -p "$T/decoy"
cp "$T/dot.png" "$T/notes.txt" "$T/decoy/"
rm -r "$qdir"
ln -s "$T/decoy" "$qdir"
t purge "$qid" --yes
expect_rc 0 "purge of an entry whose folder is now a link: exit 0"
expect "the link is gone" test ! -e "$qdir"
expect_eq "and the files it led to are all there" "dot.png notes.txt" \
	"$(ls "$T/decoy" | paste -sd' ')"
expect "byte for byte" cmp "$T/dot.png" "$T/decoy/dot.png"
# an untracked file of the entry's own is still never thrown away
day uid "Unsaved" "2026-11-23 10:00"
printf 'not saved\n' >"attachments/2026/11/$uid/new.txt"
t purge "$uid" --yes
expect_rc 2 "purge with an attached file not saved: refused, exit 2"
expect_err "'attachments/2026/11/$uid/new.txt'" "names it"
expect "and it is there" test -f "attachments/2026/11/$uid/new.txt"
rm "attachments/2026/11/$uid/new.txt"

# --- render and export: no link to a file the page does not hold -------------
"$TEND" new "Secret" -m "Hidden." --private --date "2026-11-24 10:00" \
	>/dev/null 2>&1
sid=$("$TEND" list --format ids --private --on 2026-11-24)
"$TEND" attach "$sid" "$T/notes.txt" >/dev/null
day rid "Shown" "2026-11-25 10:00"
rdir=attachments/2026/11/$rid
rentry=entries/2026/11/$rid.md
up=../../../attachments/2026/11
ln -s "$T/outside/f.txt" "$rdir/ln.txt"
cat >>"$rentry" <<END

Gone: [the list]($up/$rid/gone.txt).

Lost: ![a lost photo]($up/$rid/lost.png).

Bare: ![]($up/$rid/bare.png).

Linked: [out]($up/$rid/ln.txt).

Theirs: [their notes]($up/$sid/notes.txt).

Boxed: [![boxed]($up/$rid/dot.png)]($up/$rid/nothing.pdf)
END
mkdir -p goals
cat >goals/sea.md <<END
---
title: Go to the sea
status: active
---

Photo: ![the sea](../attachments/2026/11/$rid/dot.png) and [their notes](../attachments/2026/11/$sid/notes.txt).
END
"$TEND" save -m links >/dev/null 2>&1
S="$T/site"
t render -o "$S"
expect_rc 0 "render with links to files it does not hold: exit 0"
expect "a goal keeps no files: its links into attachments/ are text" \
	grep -qxF "<p>Photo: the sea and their notes.</p>" "$S/goals/sea.html"
flat=attachments/2026_11_${rid}
page="$S/entries/$rid.html"
expect "a file it holds: an image shown" grep -qF \
	"<img src=\"../${flat}_dot.png\" alt=\"dot.png\" />" "$page"
expect "a file it holds: a link" grep -qF \
	"<a href=\"../${flat}_notes.txt\">notes.txt</a>" "$page"
expect "a link to a file not in the journal keeps its text, no link" \
	grep -qxF "<p>Gone: the list.</p>" "$page"
expect "an image not in the journal: its alt text" \
	grep -qxF "<p>Lost: a lost photo.</p>" "$page"
expect "an image with no alt text: the file's name" \
	grep -qxF "<p>Bare: bare.png.</p>" "$page"
expect "a link to a symbolic link: its text" \
	grep -qxF "<p>Linked: out.</p>" "$page"
expect "a link into another entry's folder: its text" \
	grep -qxF "<p>Theirs: their notes.</p>" "$page"
img="<img src=\"../${flat}_dot.png\" alt=\"boxed\" />"
expect "an image it holds in a link to a file it does not: the image" \
	grep -qxF "<p>Boxed: $img</p>" "$page"
expect_eq "no page leads into the journal or to a file the site lacks" "" \
	"$(grep -rhoE '(href|src)="[^"]*"' "$S" |
		grep -e "$up" -e gone -e lost -e bare -e ln.txt -e "$sid" \
			-e nothing.pdf)"
expect_eq "and the site holds only what its pages lead to" \
	"2026_11_${rid}_dot.png 2026_11_${rid}_notes.txt" \
	"$(ls "$S/attachments" | grep "$rid" | paste -sd' ')"
# a file put in the folder by hand: the next render links to it
printf 'the list\n' >"$rdir/gone.txt"
t render -o "$S"
expect "a file added by hand: its link leads to it now" grep -qxF \
	"<p>Gone: <a href=\"../${flat}_gone.txt\">the list</a>.</p>" "$page"
expect "and it is in the site" cmp "$rdir/gone.txt" "$S/${flat}_gone.txt"
# and taken away by hand: the link goes, and the site's copy
rm "$rdir/gone.txt"
t render -o "$S"
expect "a file taken away by hand: its text is left" \
	grep -qxF "<p>Gone: the list.</p>" "$page"
expect "and the site's copy is gone" test ! -e "$S/${flat}_gone.txt"

# export --format html: images in the page, the rest named, no dead link
t export --format html -o "$T/out.html" --on 2026-11-25
expect_rc 0 "export with links to files it does not hold: exit 0"
img="data:image/png;base64,$(base64 -w0 "$T/dot.png")"
expect "the image in the page" grep -qF \
	"<img src=\"$img\" alt=\"dot.png\" />" "$T/out.html"
nip="not in this page"
expect "a file not an image: its text, and that it is not in the page" \
	grep -qxF "<p>notes.txt (attached file, $nip)</p>" "$T/out.html"
expect "a file not there: its text and its name" grep -qxF \
	"<p>Gone: the list (attached file gone.txt, $nip).</p>" "$T/out.html"
expect "an image not there: its alt text and its name" grep -qxF \
	"<p>Lost: a lost photo (attached file lost.png, $nip).</p>" \
	"$T/out.html"
expect "another entry's file: its text and its name" grep -qxF \
	"<p>Theirs: their notes (attached file notes.txt, $nip).</p>" \
	"$T/out.html"
expect_eq "no link leads anywhere but into the page" "" \
	"$(grep -oE '(href|src)="[^"#d][^"]*"' "$T/out.html")"
expect_not "nothing names the private entry" grep -q "$sid" "$T/out.html"
expect "its Content-Security-Policy is as it was" grep -qF \
	"img-src data:;" "$T/out.html"

# --- a file replaced by hand reaches the site --------------------------------
# settle WHEN: render until a render finds nothing to do
settle() {
	t render -v -o "$S"
	sleep 0.1
	t render -v -o "$S"
	t render -v -o "$S"
	expect_out "Read no entry: nothing changed" "$1: the site is settled"
}
"$TEND" new "Plain" -m "No files." --date "2026-11-26 10:00" >/dev/null 2>&1
pid2=$("$TEND" list --format ids --on 2026-11-26)
settle "before a photo is replaced"
cp "$T/dot2.png" "$rdir/dot.png"
touch -r "$T/dot.png" "$rdir/dot.png"	# the same size and time
t render -v -o "$S"
expect_rc 0 "render after a photo was replaced by hand: exit 0"
expect "the site has the new photo" cmp "$T/dot2.png" "$S/${flat}_dot.png"
settle "after it"
# the same while another entry, with no files, was edited in place (a
# render of only the pages the edit touches, else)
pentry=$(entry_file "$pid2")
sed -i 's/^title: Plain$/title: Plain again/' "$pentry"
"$TEND" save -m edit >/dev/null 2>&1
touch -r "$rdir/dot.png" "$T/stamp"
cp "$T/dot3.png" "$rdir/dot.png"
touch -r "$T/stamp" "$rdir/dot.png"
t render -v -o "$S"
expect_rc 0 "render after an edit and a photo replaced: exit 0"
expect "the site has the photo" cmp "$T/dot3.png" "$S/${flat}_dot.png"
expect "and the edit" grep -q "Plain again" "$S/entries/$pid2.html"

# --- rm: a file git's ignore rules name is the user's, and is kept ----------
journal "$T/k"
printf '*.mov\n' >>.gitignore
"$TEND" save -m "Videos out of sight" >/dev/null 2>&1 || fail "cannot save"
day kid "Clip" "2026-11-27 10:00"
kdir=attachments/2026/11/$kid
printf 'a film\n' >"$kdir/clip.mov"
t rm "$kid"
expect_rc 0 "rm with a file .gitignore names: exit 0"
expect "it is in the history" test -n \
	"$(git log --all --format= --name-only | grep -x "$kdir/clip.mov")"
t restore "$kid"
expect_rc 0 "restore: exit 0"
expect_eq "and comes back, byte for byte" "a film" "$(cat "$kdir/clip.mov")"

# --- rm: a git repository in the folder stops it --------------------------------
mkdir "$kdir/proj"
git -C "$kdir/proj" init -q || fail "cannot make a repository"
before=$(commits)
t rm "$kid"
expect_rc 1 "rm of an entry whose folder holds a repository: exit 1"
expect_err "'$kdir' holds a git repository, which the journal's history cannot keep: move it out of the journal first" \
	"says why and what to do"
expect_eq "nothing committed, the entry and the repository stay" \
	"$before yes" \
	"$(commits) $(test -f "$(entry_file "$kid")" && test -d "$kdir/proj/.git" && echo yes)"
rm -rf "$kdir/proj"

# --- rm: an empty folder outside, reached through a link, stays ---------------
journal "$T/l"
"$TEND" new "No files" -m "Words." --date "2026-11-28 10:00" >/dev/null 2>&1
lid=$("$TEND" list --format ids --on 2026-11-28)
mkdir -p "$T/far/2026/11" attachments
ln -s "$T/far/2026" attachments/2026
t rm "$lid"
expect_rc 0 "rm of an entry with no files, attachments/2026 a link: exit 0"
expect "the empty folder the link leads to is not removed" \
	test -d "$T/far/2026/11"

done_testing
