# Entry templates (tend-journal(5), tend-templates(1); issue 4): tend templates, new --template
# with -m, standard input and the editor, the journal's own templates in
# place of the built-in ones, and bad names.
. tests/cli/lib.sh
TPL="$(pwd)/templates/entries"
journal "$T/j"

mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
# each editor keeps a copy of the draft it was given in $T/draft
mk_editor write 'cp "$1" "$T/draft"; printf "Written in my editor.\n" >>"$1"'
mk_editor part 'cp "$1" "$T/draft"
sed -i "s/^## My part\$/## My part\nI raised my voice./" "$1"'
mk_editor nothing 'cp "$1" "$T/draft"'
mk_editor title_only 'sed -i "s/^title:.*/title: Only a title/" "$1"'
export T

# headings FILE: the "## " lines of FILE
headings() {
	grep '^## ' "$1"
}

# front FILE KEY: the value of KEY in FILE's front matter
front() {
	sed -n '2,/^---$/p' "$1" | sed -n "s/^$2: //p"
}

# the list
t templates
expect_rc 0 "templates works"
expect_eq "templates lists the built-in ones, sorted" \
	"boundary conflict daily flooded gratitude review role session session-digest stay-or-go trigger" \
	"$(awk '{print $1}' "$OUT" | paste -sd' ')"
expect_eq "each says it is built in, and what it is for" "11" \
	"$(grep -c ' built in: [a-z]' "$OUT")"
expect_eq "the trigger template says what it asks" \
	"trigger          built in: what happened, what my body felt, the old story it touched" \
	"$(grep '^trigger ' "$OUT")"
t templates --show trigger
expect_rc 0 "templates --show NAME"
expect_eq "prints the template's headings" \
	"## What happened
## What I felt in my body
## The old story it touched
## What I needed" "$(grep '^## ' "$OUT")"
t templates --show nosuch
expect_rc 2 "templates --show of no template: exit 2"
expect_err "no template 'nosuch' (there are: boundary," "with the names there are"
t templates extra
expect_rc 2 "templates takes no arguments"
t templates --help
expect_rc 0 "templates --help works"
expect_out "usage: tend templates" "and prints the usage"

# the built-in templates, through the editor
for name in boundary conflict daily flooded gratitude review role session \
	session-digest stay-or-go trigger; do
	EDITOR="$T/write" t new --template "$name" "From $name"
	expect_rc 0 "new --template $name works"
	f=$(entry_file "$(cat "$OUT")")
	expect_eq "the $name draft has the template's headings" \
		"$(headings "$TPL/$name.md")" "$(headings "$T/draft")"
	expect_eq "the $name entry keeps them" \
		"$(headings "$TPL/$name.md")" "$(headings "$f")"
	expect_eq "the $name entry has the template's tags" \
		"$(front "$TPL/$name.md" tags)" "$(front "$f" tags)"
	expect "the $name entry has what was written" \
		grep -qx "Written in my editor." "$f"
done
expect_eq "the conflict template asks what happened, felt, needed, my part, what next" \
"## What happened
## What I felt
## What I needed
## My part
## What I'll try next time" "$(headings "$TPL/conflict.md")"

# the editor: words under a heading; the title from them, not the heading
EDITOR="$T/part" t new --template conflict --mood 3 --tag home
expect_rc 0 "new --template with options and the editor works"
f=$(entry_file "$(cat "$OUT")")
expect_out "-i-raised-my-voice" "the title comes from the words written"
expect_eq "the words are under their heading" "I raised my voice." \
	"$(grep -A1 -x "## My part" "$f" | sed -n 2p)"
expect_eq "the options join the template's front matter" "3|[conflict, home]" \
	"$(front "$f" mood)|$(front "$f" tags)"

# a template left as it is, or with only a title, is no entry
before=$(commits)
EDITOR="$T/nothing" t new --template conflict
expect_rc 0 "an untouched template is not an error"
expect_err "nothing was saved" "it is discarded"
EDITOR="$T/title_only" t new --template daily
expect_err "nothing was saved" "a title alone does not make it an entry"
t new --template daily -m ""
expect_err "nothing was saved" "nor an empty -m"
expect_eq "nothing was committed" "$before" "$(commits)"
expect_eq "no draft is left behind" "" "$(ls .tend/drafts)"

# -m and standard input
t new --template conflict -m "We argued about the dishes. Again."
expect_rc 0 "new --template conflict -m works"
f=$(entry_file "$(cat "$OUT")")
expect_out "-we-argued-about-the-dishes" "the title comes from the text"
expect_eq "the template's front matter applies" "[conflict]" "$(front "$f" tags)"
expect "the text is in the entry" grep -qx "We argued about the dishes. Again." "$f"
printf 'A quiet evening, for once.\n' >"$T/in"
t new --template gratitude --stdin <"$T/in"
expect_rc 0 "new --template --stdin works"
f=$(entry_file "$(cat "$OUT")")
expect_eq "the template's front matter applies to standard input" "[gratitude]" \
	"$(front "$f" tags)"
expect "and the text is in the entry" grep -qx "A quiet evening, for once." "$f"

# with a prompt: the quote, then the headings
EDITOR="$T/write" t new --template session --prompt=session-prep "Before Thursday"
expect_rc 0 "new --template --prompt=TOPIC works"
f=$(entry_file "$(cat "$OUT")")
p=$(front "$f" prompt | sed 's/^"\(.*\)"$/\1/')
expect_eq "the body is the quote, then the template" "> $p

$(sed '1,/^---$/d' "$TPL/session.md" | sed '/./,$!d')
Written in my editor." "$(sed '1,/^---$/d' "$f" | sed '/./,$!d')"

# bad names
before=$(commits)
t new --template no-such-thing -m "x"
expect_rc 2 "an unknown template is a usage error"
expect_err "no template 'no-such-thing'" "the message names it"
expect_err "boundary, conflict, daily, flooded, gratitude, review, role, session, session-digest, stay-or-go, trigger" \
	"and lists the templates there are"
for bad in ../conflict Conflict "conflict.md" "" "entries/daily"; do
	t new --template "$bad" -m "x"
	expect_rc 2 "the template name '$bad' is a usage error"
done
expect_eq "nothing was committed for bad templates" "$before" "$(commits)"

# the journal's own templates
mkdir -p templates/entries
printf -- '---\ntags: [mine]\nfeelings: [tender]\nmood: 5\n---\n\n## What I noticed first\n\n## What I want to say\n' \
	>templates/entries/conflict.md
printf -- '## Dear\n\n## What I will not send\n' >templates/entries/letter.md
t templates
expect_rc 0 "templates works with the journal's own"
expect_eq "the journal's own are listed with the built-in ones, sorted" \
	"boundary conflict daily flooded gratitude letter review role session session-digest stay-or-go trigger" \
	"$(awk '{print $1}' "$OUT" | paste -sd' ')"
expect_eq "an override says so" "conflict         yours, in place of the built-in one" \
	"$(grep '^conflict ' "$OUT")"
expect_eq "a new one is the journal's" "letter           yours" \
	"$(grep '^letter ' "$OUT")"
expect_eq "the others are still built in" "10" "$(grep -c ' built in: ' "$OUT")"
t templates --show letter
expect_out "## What I will not send" "--show prints the journal's own too"
EDITOR="$T/write" t new --template conflict "Own conflict"
expect_rc 0 "new --template uses the journal's override"
f=$(entry_file "$(cat "$OUT")")
expect_eq "with its headings, not the built-in ones" \
	"$(headings templates/entries/conflict.md)" "$(headings "$f")"
expect_eq "and its front matter" "[mine]|[tender]|5" \
	"$(front "$f" tags)|$(front "$f" feelings)|$(front "$f" mood)"
expect_eq "written in the order tend-journal(5) gives" "title date mood feelings tags" \
	"$(sed -n '2,/^---$/p' "$f" | sed -n 's/^\([a-z]*\):.*/\1/p' | paste -sd' ')"
EDITOR="$T/write" t new --template letter "To my younger self"
expect_rc 0 "a template only the journal has works"
f=$(entry_file "$(cat "$OUT")")
expect_eq "with its headings" "## Dear
## What I will not send" "$(headings "$f")"
t new --template nope -m x
expect_err "letter" "an unknown name lists the journal's templates too"
rm templates/entries/conflict.md
EDITOR="$T/write" t new --template conflict "Built-in again"
f=$(entry_file "$(cat "$OUT")")
expect_eq "without the override the built-in one is back" \
	"$(headings "$TPL/conflict.md")" "$(headings "$f")"
printf -- '---\ntags: [oops\n---\n\n## x\n' >templates/entries/broken.md
before=$(commits)
t new --template broken -m "x"
expect_rc 3 "a template with bad front matter is invalid content"
expect_err "templates/entries/broken.md:" "the message names the file"
expect_eq "and nothing is committed" "$before" "$(commits)"

done_testing
