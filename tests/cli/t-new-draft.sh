# tend new in the editor: the draft offers mood: and feelings: to fill
# in, with a comment line of the journal's feelings of the last 30 days,
# which is gone from the saved entry; keys left empty are not saved.
. tests/cli/lib.sh

# mk_editor NAME SCRIPT: an editor that keeps what it was given in
# $T/seen, then runs SCRIPT on the draft ($1)
mk_editor() {
	printf '#!/bin/sh\ncp "$1" "%s/seen"\n%s\n' "$T" "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor fill 'sed -i "s/^mood:\$/mood: 4/; s/^feelings:\$/feelings: [tired, hopeful]/" "$1"; echo "Long day, but I asked for help." >>"$1"'
mk_editor words 'echo "Only words today." >>"$1"'
mk_editor nothing ':'

journal "$T/j"
EDITOR="$T/words" t new
expect_rc 0 "a first entry from the editor"
expect "the draft offers mood:" grep -qx "mood:" "$T/seen"
expect "and feelings:" grep -qx "feelings:" "$T/seen"
expect_not "no feelings yet: no line of them" grep -q "feelings lately" "$T/seen"
f=$(entry_file "$(cat "$OUT")")
expect_not "left empty, mood: is not saved" grep -q "^mood:" "$f"
expect_not "nor feelings:" grep -q "^feelings:" "$f"
expect "the words are" grep -qx "Only words today." "$f"

"$TEND" new -m a --feeling tired,calm >/dev/null
"$TEND" new -m b --feeling tired >/dev/null
"$TEND" new -m c --feeling Tired,anxious >/dev/null
"$TEND" new -m d --feeling ancient --date "40 days ago" >/dev/null
"$TEND" new -m e --feeling secret --private >/dev/null
"$TEND" list >/dev/null		# the index, which the hint reads

EDITOR="$T/fill" t new
expect_rc 0 "an entry with a mood and feelings from the editor"
expect "the draft lists the feelings of late, most written first, as last spelt" \
	grep -qx "# feelings lately: Tired, anxious, calm (this line goes when you save)" "$T/seen"
expect_not "never a private entry's" grep -q "secret" "$T/seen"
expect "under feelings:" sh -c "grep -A1 -x 'feelings:' '$T/seen' | grep -q 'feelings lately'"
f=$(entry_file "$(cat "$OUT")")
expect "the mood is saved" grep -qx "mood: 4" "$f"
expect "and the feelings" grep -qx "feelings: \[tired, hopeful\]" "$f"
expect_not "the line of feelings is gone" grep -q "feelings lately" "$f"
expect_not "none older than 30 days" grep -q "ancient" "$T/seen"
expect_eq "committed" "Add entry: Long day, but I asked for help" "$(subject)"

# left unchanged, the draft is no entry
c0=$(commits)
EDITOR="$T/nothing" t new
expect_rc 0 "an untouched draft"
expect_err "the entry is empty; nothing was saved" "is discarded"
expect_eq "with no commit" "$c0" "$(commits)"

# options and templates fill them first
EDITOR="$T/words" t new --mood 7 --feeling calm
f=$(entry_file "$(cat "$OUT")")
expect "--mood goes into the draft" grep -qx "mood: 7" "$T/seen"
expect "and is saved" grep -qx "mood: 7" "$f"
expect "--feeling too" grep -qx "feelings: \[calm\]" "$f"

# the line is never kept, however it was touched
mk_editor touch 'sed -i "s/^# feelings lately: /&scared, /" "$1"; echo "Touched." >>"$1"'
EDITOR="$T/touch" t new
f=$(entry_file "$(cat "$OUT")")
expect_not "is not saved either" grep -q "feelings lately" "$f"
mk_editor crlf 'sed -i "s/\$/\r/" "$1"; printf "CRLF words.\r\n" >>"$1"'
EDITOR="$T/crlf" t new
expect_rc 0 "a draft with CRLF line ends"
expect_not "loses the line too" grep -q "feelings lately" "$(entry_file "$(cat "$OUT")")"

# a mood the scale refuses keeps the draft and says where
mk_editor bad 'sed -i "s/^mood:\$/mood: 42/" "$1"; echo "Words." >>"$1"'
EDITOR="$T/bad" t new
expect_rc 3 "mood 42 of 10: invalid"
expect_eq "the draft is kept" 1 "$(ls .tend/drafts | wc -l)"
kept=.tend/drafts/$(ls .tend/drafts)
expect "with the line of feelings in it" grep -q "feelings lately" "$kept"
sed -i "s/^mood: 42/mood: 4/" "$kept"
t new --stdin <"$kept"
expect_rc 0 "the kept draft, mended, through --stdin"
expect_not "leaves the line behind" grep -q "feelings lately" "$(entry_file "$(cat "$OUT")")"
done_testing
