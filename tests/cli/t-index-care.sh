# The index under pressure: time zones, dates that come from git, broken
# newest entries, hostile text, folders that cannot be read, and rebuilds
# while others read.
. tests/cli/lib.sh

journal "$T/j"
mkdir -p entries/2026/03

# --- the entry's own clock decides its day, as list shows it -------------
printf -- '---\ntitle: Far away\ndate: 2026-03-11T01:00:00+09:00\n---\nWritten in Tokyo.\n' \
	>entries/2026/03/far.md
t list
expect_out "2026-03-11 01:00" "list shows the entry's own clock"
t list --on 2026-03-11 --format ids
expect_eq "--on the day its clock said finds it" "far" "$(cat "$OUT")"
t list --on 2026-03-10 --format ids
expect_eq "and not the day before (UTC here)" "" "$(cat "$OUT")"
t list --from 2026-03-11 --to 2026-03-11 --format ids
expect_eq "--from/--to read the same clock" "far" "$(cat "$OUT")"

# --- a new time zone: dates written without an offset follow it ----------
printf -- '---\ntitle: Early\ndate: 2026-03-10 02:00\n---\nbefore dawn\n' \
	>entries/2026/03/early.md
t list --on 2026-03-10 --format ids
expect_eq "an offset-less date is on its own day" "early" "$(cat "$OUT")"
printf '[journal]\ntimezone = America/New_York\n' >>tend.ini
t list --on 2026-03-10 --format ids
expect_eq "still that day after the time zone changes" "early" "$(cat "$OUT")"
t list --on 2026-03-10 --format json
expect_out '"date":"2026-03-10T02:00:00-04:00"' \
	"and its instant is read again in the new zone, without --rebuild"
git checkout -q tend.ini
t list --on 2026-03-10 --format json
expect_out '"date":"2026-03-10T02:00:00+00:00"' "back in UTC, back again"
rm entries/2026/03/far.md entries/2026/03/early.md

# --- the span of a time written with T, as with a space ------------------
printf -- '---\ntitle: Half past\ndate: 2026-11-02T21:30:30+00:00\n---\nx\n' \
	>entries/2026/03/half.md
t list --to 2026-11-02T21:30 --format ids
expect_eq "--to 2026-11-02T21:30 takes in the whole minute" "half" \
	"$(cat "$OUT")"
t list --to '2026-11-02 21:30' --format ids
expect_eq "as --to '2026-11-02 21:30' does" "half" "$(cat "$OUT")"
t list --on 2026-11-02T21:30 --format ids
expect_eq "--on a minute, written with T" "half" "$(cat "$OUT")"
t list --to 2026-11-02T21:30:29 --format ids
expect_eq "seconds written: to that second" "" "$(cat "$OUT")"
rm entries/2026/03/half.md

# --- files with no date: their commit, once they have one ----------------
printf 'Notes with no date at all.\n' >entries/notes.md
touch -d '2025-06-01 12:00' entries/notes.md
t list --on 2025-06-01 --format ids
expect_eq "not committed yet: the file's time" "notes" "$(cat "$OUT")"
t save -m "Notes"
t list --on 2025-06-01 --format ids
expect_eq "committed: no longer the file's time" "" "$(cat "$OUT")"
today=$(date +%Y-%m-%d)
t list --on "$today" --format ids
expect_out "notes" "but the day of the commit that added it"

# many of them, each added by its own commit, dated in one walk
git fast-import --quiet <<EOF
$(i=0; while [ $i -lt 40 ]; do
	at=$((1700000000 + i * 86400))
	body="Hand note $i"
	printf 'commit refs/heads/main\ncommitter A <a@example.org> %s +0000\n' "$at"
	printf 'data 7\nnote %s\n' "$(printf '%02d' $i)"
	[ $i = 0 ] && printf 'from refs/heads/main^0\n'
	printf 'M 100644 inline entries/hand/note-%02d.md\ndata %s\n%s\n' \
		"$i" $((${#body} + 1)) "$body"
	i=$((i + 1))
done)
EOF
git checkout -q -f main 2>/dev/null || git checkout -q -f HEAD
t list --on 2023-11-14 --format ids
expect_eq "the first hand note has its commit's day" "note-00" "$(cat "$OUT")"
t list --on 2023-12-23 --format ids
expect_eq "the last one too" "note-39" "$(cat "$OUT")"
git rm -q -r entries/hand entries/notes.md
git -c user.name=A -c user.email=a@example.org commit -qm "Tidy"

# --- the newest entry cannot be read: last is still it -------------------
t new "Older" -m "older words" --date "2026-03-01 10:00"
t new "Newer" -m "newer words" --date "2026-03-01 11:00"
newer=$(ls entries/2026/03/*newer*.md)
sed -i 's/^title: .*/title: [unclosed/' "$newer"
t show last
expect_out "[unclosed" "show last shows the newest entry, broken as it is"
cat >"$T/which" <<EOF
#!/bin/sh
cp "\$1" "$T/opened"
EOF
chmod +x "$T/which"
EDITOR="$T/which" t edit last
expect "edit last opens the broken newest entry to mend it" \
	grep -q "newer words" "$T/opened"
git checkout -q -- "$newer"

# --- list items are one line each; tags match in any case ----------------
printf -- '---\ntitle: Two lines\ntags: ["home\\nwork"]\n---\nx\n' \
	>entries/2026/03/two-lines.md
t list --tag work --format ids
expect_eq "a tag with a line break is not two tags" "" "$(cat "$OUT")"
expect_err "two-lines.md:3:7: each item of tags must be one line" \
	"the entry is skipped with its problem"
t check
expect_rc 3 "check finds it"
rm entries/2026/03/two-lines.md
printf -- '---\ntitle: Angry\ntags: [Ärger, Œuvre]\nfeelings: [Müde]\n---\nx\n' \
	>entries/2026/03/angry.md
t list --tag ärger --format ids
expect_eq "--tag matches beyond ASCII in any case" "angry" "$(cat "$OUT")"
t list --tag ÄRGER --tag œuvre --format ids
expect_eq "upper case too" "angry" "$(cat "$OUT")"
t list --feeling MÜDE --format ids
expect_eq "and feelings" "angry" "$(cat "$OUT")"
t list --not-tag äRGER --on 2026-03-01 --format ids
expect_no_out "angry" "--not-tag as well"
rm entries/2026/03/angry.md

# --- text that would command the terminal is never printed as it is ------
esc=$(printf '\033')
bel=$(printf '\007')
printf -- '---\ntitle: "Clear \\e[2J screen \\e]0;pwned\\a"\ntags: [calm]\n---\nA body with \033]0;owned\007 and \033[31mred\033[0m words.\n' \
	>entries/2026/03/hostile.md
t list --tag calm
expect_rc 0 "an entry full of escapes lists"
expect_no_out "$esc" "list prints no escape character"
expect_no_out "$bel" "nor a bell"
expect_out "Clear ?[2J screen ?]0;pwned?" "they show as '?'"
t search owned
expect_no_out "$esc" "search prints no escape character from the body"
expect_out "[owned]" "and still marks the match"
t list --tag calm --format json
expect_out '\u001b' "JSON keeps them, escaped"
rm entries/2026/03/hostile.md

# --- goals/ a link: skipped with a warning, the rest works ---------------
mkdir "$T/elsewhere"
printf -- '---\ntitle: Not ours\nstatus: active\n---\n' >"$T/elsewhere/x.md"
mv goals "$T/goals-was" 2>/dev/null
ln -s "$T/elsewhere" goals
t list --format ids
expect_rc 0 "a goals/ that is a link does not stop list"
expect_err "skipping '$T/j/goals': a symbolic link" "it is skipped, said once"
expect_out "older" "and the entries are listed"
t search words --format ids
expect_rc 0 "nor search"
rm goals
[ -d "$T/goals-was" ] && mv "$T/goals-was" goals

# --- goal files in subfolders are not read as goals ----------------------
mkdir -p goals/old
printf -- '---\ntitle: Deep\nstatus: active\n---\n' >goals/old/deep.md
t check
expect_out "goals/old/deep.md:1:1: not read as a goal" \
	"check says a goal in a subfolder is not read"
rm -r goals/old

# --- a time set in the future is not read again and again ----------------
for f in entries/2026/03/*.md; do touch -d '2030-01-01' "$f"; done
t index
t index
expect_out "0 read" "files dated in the future are read once"

# --- a rebuild while others read: nobody sees damage or fails ------------
i=0
while [ $i -lt 30 ]; do
	printf -- '---\ntitle: Bulk %s\ndate: 2026-02-%02d 10:00\n---\nbulk words\n' \
		$i $((i % 28 + 1)) >entries/2026/03/bulk-$i.md
	i=$((i + 1))
done
t index
want=$("$TEND" list --format ids 2>/dev/null | wc -l)
( i=0; while [ $i -lt 15 ]; do "$TEND" index --rebuild >/dev/null 2>&1
	i=$((i + 1)); done ) &
rebuilder=$!
bad=0
: >"$T/bad"
i=0
while [ $i -lt 30 ]; do
	"$TEND" list --format ids >"$T/l.out" 2>"$T/l.err"
	got=$?
	if [ $got != 0 ] || [ "$(wc -l <"$T/l.out")" != "$want" ] ||
	    grep -q "damaged\|error" "$T/l.err"; then
		bad=$((bad + 1))
		echo "exit $got, $(wc -l <"$T/l.out") lines: $(cat "$T/l.err")" \
			>>"$T/bad"
	fi
	i=$((i + 1))
done
wait "$rebuilder"
detail=$(head -c 600 "$T/bad")
expect_eq "30 lists during 15 rebuilds: all complete, none alarmed" \
	"0" "$bad${detail:+: $detail}"
t index --rebuild
expect_rc 0 "a rebuild of a sound index"
expect_out "read," "reads every file"

# --- folders and files that cannot be read (as an ordinary user) ---------
as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then
	echo "Bail out! setpriv is needed to test permissions as root"
	exit 1
fi
chmod 755 "$T" "$HOME"
mkdir "$T/k"
chmod 777 "$T/k"
as_user "$TEND" init "$T/k/j" >/dev/null 2>&1
cd "$T/k/j" || exit 1
mkdir -p entries/2025/01 entries/2025/02
printf -- '---\ntitle: Locked away\ndate: 2025-01-05 10:00\n---\nsecret\n' \
	>entries/2025/01/locked.md
printf -- '---\ntitle: In the open\ndate: 2025-02-05 10:00\n---\nopen\n' \
	>entries/2025/02/open.md
printf -- '---\ntitle: Unreadable\ndate: 2025-02-06 10:00\n---\nx\n' \
	>entries/2025/02/closed.md
[ "$(id -u)" = 0 ] && chown -R 65534:65534 .
as_user "$TEND" list --format ids >"$OUT" 2>"$ERR"
expect_out "locked" "indexed while it can be read"
chmod 000 entries/2025/01 entries/2025/02/closed.md
as_user "$TEND" list --format ids >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0 "list goes on past a folder it cannot read"
expect_err "cannot read folder 'entries/2025/01': Permission denied" \
	"and says which, and why"
expect_out "locked" "what it knew of that folder is not dropped as deleted"
expect_out "open" "the rest is listed"
expect_eq "an unreadable file is one warning, not two" 1 \
	"$(grep -c "closed.md" "$ERR")"
expect_err "closed.md:1:1: cannot be read: Permission denied" \
	"with its reason"
as_user "$TEND" check >"$OUT" 2>"$ERR"
rc=$?
expect_rc 3 "check fails when it cannot read a folder"
expect_no_err "no problems" "and never says all is well"
chmod 755 entries/2025/01
chmod 644 entries/2025/02/closed.md

done_testing
