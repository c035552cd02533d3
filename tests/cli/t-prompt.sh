# tend prompt (tend-journal(5), tend-prompt(1); issue 4): the library, a named topic, each
# rule of the choice and its reason, the 60-day rule, determinism, the
# journal's own prompts, and new --prompt.
. tests/cli/lib.sh
LIB="$(pwd)/templates/prompts"
SEEDS=$(seq 0 5)

# in_topic TOPIC TEXT: TEXT is a prompt of the built-in TOPIC
in_topic() {
	grep -qxF -- "- $2" "$LIB/$1.md"
}

# prompt_n TOPIC N: the Nth prompt of the built-in TOPIC
prompt_n() {
	grep '^- ' "$LIB/$1.md" | sed -n "$2{s/^- //;p;}"
}

# field NAME [FILE]: a string field of each JSON object in FILE ($OUT)
field() {
	sed "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/; t; s/.*//" "${2:-$OUT}"
}

# choices [ARGS...]: prompt --json for every seed in $SEEDS, one line each
# in $T/choices as TOPIC|TEXT|REASON, or "seed N: ..." when a run failed
choices() {
	: >"$T/json"
	: >"$T/failed"
	for s in $SEEDS; do
		"$TEND" prompt --json --seed "$s" "$@" >>"$T/json" 2>"$T/err" ||
			echo "seed $s: exit $?: $(cat "$T/err")" >>"$T/failed"
	done
	field topic "$T/json" >"$T/topics"
	field text "$T/json" >"$T/texts"
	field reason "$T/json" >"$T/reasons"
	paste -d'|' "$T/topics" "$T/texts" "$T/reasons" >"$T/choices"
	cat "$T/failed" >>"$T/choices"
	[ "$(wc -l <"$T/choices")" = "$(echo "$SEEDS" | wc -l)" ] ||
		echo "not one prompt a seed: $(cat "$T/json")" >>"$T/choices"
}

# some_seed TOPIC REASON [ARGS...]: a seed from 0 to 39 chooses TOPIC for
# REASON
some_seed() {
	want="{\"topic\":\"$1\",\"text\":\"[^\"]*\",\"reason\":\"$2\"}"
	shift 2
	for s in $(seq 0 39); do
		"$TEND" prompt --json --seed "$s" "$@" >"$T/one" 2>&1 &&
			grep -qx -- "$want" "$T/one" && return 0
	done
	return 1
}

# put DAYS [LINE...]: an entry file written DAYS days ago, with the front
# matter LINEs (as by hand, in another editor; 'saved' commits them)
k=0
put() {
	k=$((k + 1))
	dir=entries/$(date -d "$1 days ago" +%Y/%m)
	mkdir -p "$dir"
	{
		printf -- '---\ndate: %s\n' "$(date -d "$1 days ago" +%FT%T+00:00)"
		shift
		printf '%s\n' "$@"
		printf -- '---\n\nWords %s.\n' "$k"
	} >"$dir/e$k.md"
}

# answer DAYS PROMPT: an entry written DAYS days ago answering PROMPT
answer() {
	put "$1" "prompt: \"$(printf '%s' "$2" | sed 's/[\\"]/\\&/g')\""
}

# saved: commit the entries written with put
saved() {
	"$TEND" save -m "Entries" >/dev/null 2>&1 || fail "cannot save the entries"
}

# body FILE: an entry's body, without front matter and leading blank lines
body() {
	sed '1,/^---$/d' "$1" | sed '/./,$!d'
}

# prompt_of FILE: the prompt: in an entry's front matter
prompt_of() {
	sed -n 's/^prompt: "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$1"
}

# n DATE [OPTIONS...]: an entry written on DATE
n() {
	date=$1
	shift
	"$TEND" new -m "Words." --date "$date" "$@" >/dev/null ||
		fail "cannot write an entry on $date"
}

journal "$T/j"

# the library
t prompt --list
expect_rc 0 "prompt --list works"
for topic in triggers conflict-loop communication attachment roles \
	boundaries grounding stay-or-go resentment grief self-care needs \
	revisiting session-prep session-digest strengths; do
	count=$(grep -c '^- ' "$LIB/$topic.md")
	if [ "$count" -ge 8 ]; then
		pass "the topic $topic has at least 8 prompts ($count)"
	else
		fail "the topic $topic has at least 8 prompts" "it has $count"
	fi
	title=$(sed -n 's/^title: //p' "$LIB/$topic.md")
	expect_eq "--list shows $topic with its count and title" \
		"$topic $count $title" \
		"$(awk -v t="$topic" '$1 == t {$1 = $1; print}' "$OUT")"
done
expect_eq "--list lists the topics sorted" "$(sort "$OUT")" "$(cat "$OUT")"
t prompt --list --json
expect_rc 0 "prompt --list --json works"
expect_out '{"topic":"grief","title":"Grief","count":'"$(grep -c '^- ' "$LIB/grief.md")"'}' \
	"--list --json has topic, title and count"
expect_eq "--list --json is an array of every topic" "$(ls "$LIB" | wc -l)" \
	"$(grep -c '^{"topic":' "$OUT")"
expect_eq "--list --json starts and ends as an array" "[]" \
	"$(head -c 1 "$OUT")$(tail -n 1 "$OUT")"

# a named topic
t prompt grief
expect_rc 0 "prompt TOPIC works"
expect "its first line is a prompt of the topic" in_topic grief "$(sed -n 1p "$OUT")"
expect_eq "its second line says why" "(Grief: because you asked for grief)" \
	"$(sed -n 2p "$OUT")"
t prompt grief --json
expect_rc 0 "prompt TOPIC --json works"
expect_eq "--json has topic" grief "$(field topic)"
expect "--json has the text" in_topic grief "$(field text)"
expect_eq "--json has the reason" "because you asked for grief" "$(field reason)"
t prompt no-such-topic
expect_rc 2 "an unknown topic is a usage error"
expect_err "no topic 'no-such-topic'" "the message names it"
expect_err "grief" "and lists the topics there are"
expect_eq "and prints no prompt" "" "$(cat "$OUT")"
t prompt grief triggers
expect_rc 2 "two topics are a usage error"
t prompt --list grief
expect_rc 2 "a topic with --list is a usage error"
for bad in x -1 1.5 ""; do
	t prompt --seed "$bad"
	expect_rc 2 "--seed '$bad' is a usage error"
done

# an empty journal: every topic is unvisited
choices
expect_eq "with nothing written, the topic is one not written about yet" "" \
	"$(grep -v '^\([a-z-]*\)|[^|]*|because you haven'"'"'t written about \1 yet$' "$T/choices")"
bad=$(while IFS='|' read -r topic text reason; do
	in_topic "$topic" "$text" || echo "$topic: $text"
done <"$T/choices")
expect_eq "each chosen text is a prompt of its topic" "" "$bad"
expect "different seeds may give different prompts" \
	test "$(sort -u "$T/choices" | wc -l)" -gt 1

# determinism: the same journal, day and seed give the same prompt
t prompt --seed 7
first=$(cat "$OUT")
t prompt --seed 7
expect_eq "the same seed gives the same prompt" "$first" "$(cat "$OUT")"
t prompt --json
a=$(cat "$OUT")
t prompt --json --seed 0
expect_eq "no --seed is seed 0" "$a" "$(cat "$OUT")"

# a low week: grounding or self-care, whatever else there is
journal "$T/low"
n "2 days ago" --mood 3 --tag conflict
n "1 day ago" --mood 4 --tag conflict
n "3 days ago" --tag conflict
n "10 days ago" --mood 10		# outside the week
"$TEND" goal add speak-up "Speak up" --topic communication >/dev/null
choices
expect_eq "a low week gives grounding or self-care, for every seed" "" \
	"$(grep -v -e '^grounding|' -e '^self-care|' "$T/choices")"
expect_eq "because of the mean of the week's moods, (3+4)/2" "" \
	"$(grep -v '|because your mood has averaged 3.5 this week$' "$T/choices")"
bad=$(while IFS='|' read -r topic text reason; do
	in_topic "$topic" "$text" || echo "$topic: $text"
done <"$T/choices")
expect_eq "and the text is a prompt of that topic" "" "$bad"
n "today" --mood 8
choices
expect_eq "a week that is not low, (3+4+8)/3, gets no care reason" "" \
	"$(grep 'because your mood' "$T/choices")"
journal "$T/scale"
# the week's mean alone: no very low day ([care] low 0; see t-care.sh)
printf '[mood]\nscale = 5\n[care]\nlow = 0\n' >>tend.ini
n "2 days ago" --mood 4
n "1 day ago" --mood 4
choices
expect_eq "4 of 5 is not a low week" "" "$(grep 'because your mood' "$T/choices")"
n "today" --mood 1
n "today" --mood 1
n "today" --mood 1
n "today" --mood 1
choices
expect_eq "(4+4+1+1+1+1)/6 = 2 of 5 is low" "" \
	"$(grep -v '|because your mood has averaged 2.0 this week$' "$T/choices")"

# a tag that keeps coming up
journal "$T/tags"
for d in 1 3 5 7; do
	put "$d" "tags: [conflict]"
done
put 20 "tags: [conflict]"		# outside the 14 days
put 2 "tags: [grief]"			# once is not recurring
for d in 1 2 3 4 5; do
	put "$d" "tags: [friends]"		# no topic for it
done
saved
choices
expect "some seed chooses the recurring tag's topic" \
	some_seed conflict-loop "because 'conflict' came up 4 times in 14 days"
expect_eq "the tag's reason comes with the conflict-loop topic" "" \
	"$(grep "came up" "$T/choices" | grep -v '^conflict-loop|')"
expect_eq "every reason is the tag or a topic not visited" "" \
	"$(grep -v -e "|because 'conflict' came up 4 times in 14 days\$" \
		-e "|because you haven't written about [a-z-]* yet\$" "$T/choices")"
expect_eq "a tag with no topic is never the reason" "" \
	"$(grep friends "$T/choices")"
expect_eq "a tag named once is not recurring" "" \
	"$(grep "'grief'" "$T/choices")"
expect_eq "the topics just written about are not 'not visited'" "" \
	"$(grep -e "about grief" -e "about conflict-loop" "$T/choices")"
for d in 1 2 3 4; do
	put "$d" "tags: [grief]"
done
saved
expect "a tag named as a topic leads to it; the most frequent tag first" \
	some_seed grief "because 'grief' came up 5 times in 14 days"

# a tag in any case is one tag, as 'list --tag' finds it
journal "$T/tagcase"
put 1 "tags: [Conflict]"
put 3 "tags: [conflict]"
put 5 "tags: [CONFLICT]"
put 7 "tags: [conflict]"
saved
choices
expect_eq "Conflict, conflict and CONFLICT are one recurring tag, of its topic" \
	"" "$(grep "came up" "$T/choices" |
		grep -v "^conflict-loop|.*|because '[A-Za-z]*' came up 4 times")"
expect "and some seed chooses it" grep -q "came up 4 times" "$T/choices"

# an active goal
journal "$T/goal"
"$TEND" goal add speak-up "Speak up at home" --topic communication >/dev/null
expect "some seed chooses the active goal's topic" \
	some_seed communication "because your goal 'speak-up' is active"
choices
expect_eq "the goal's reason comes with the goal's topic" "" \
	"$(grep "your goal" "$T/choices" | grep -v '^communication|')"
expect_eq "every reason is the goal or a topic not visited" "" \
	"$(grep -v -e "|because your goal 'speak-up' is active\$" \
		-e "|because you haven't written about [a-z-]* yet\$" "$T/choices")"
"$TEND" goal pause speak-up >/dev/null
choices
expect_eq "a paused goal is not a reason" "" "$(grep "your goal" "$T/choices")"

# a topic not visited for long
journal "$T/since"
for topic in $(ls "$LIB" | sed 's/\.md$//'); do
	case $topic in
	grief) put 100 "tags: [grief]" ;;
	triggers) answer 2 "$(prompt_n triggers 3)" ;;
	*) put 2 "tags: [$topic]" ;;
	esac
done
saved
month=$(LC_ALL=C date -d "100 days ago" +%B)
choices
expect_eq "the topic written about longest ago is chosen, for every seed" "" \
	"$(grep -v "^grief|.*|because you haven't written about grief since $month\$" "$T/choices")"
"$TEND" rm "$(basename "$(git ls-files entries |
	xargs grep -l 'tags: \[grief\]')" .md)" >/dev/null 2>&1 ||
	fail "cannot remove the grief entry"
n "400 days ago" --tag grief
month=$(LC_ALL=C date -d "400 days ago" "+%B %Y")
choices
expect_eq "more than a year ago, the year is named too" "" \
	"$(grep -v "^grief|.*|because you haven't written about grief since $month\$" "$T/choices")"

# a journal's own prompts join the library
mkdir prompts
cat >prompts/letters.md <<'EOF'
---
title: Letters I will not send
about: Saying it on paper
---

- What would I write to my partner, if they could not answer?
- What would I write to my younger self?
- What would I like to hear back?
EOF
t prompt --list
expect_eq "a journal's prompts/TOPIC.md is a topic" "letters 3 Letters I will not send" \
	"$(awk '$1 == "letters" {$1 = $1; print}' "$OUT")"
t prompt letters --json
expect_rc 0 "prompt TOPIC takes the journal's own topic"
expect "with one of its prompts" grep -qxF -- "- $(field text)" prompts/letters.md
choices
expect_eq "an own topic never written about comes first" "" \
	"$(grep -v "^letters|.*|because you haven't written about letters yet\$" "$T/choices")"
printf -- '---\ntitle: Grief\n---\n\n- What did our first home feel like?\n' >prompts/grief.md
t prompt --list
expect_eq "a file for a built-in topic adds to its prompts" \
	"grief $(($(grep -c '^- ' "$LIB/grief.md") + 1)) Grief" \
	"$(awk '$1 == "grief" {$1 = $1; print}' "$OUT")"
for i in $(seq 1 "$(grep -c '^- ' "$LIB/grief.md")"); do
	answer 1 "$(prompt_n grief "$i")"
done
saved
choices grief
expect_eq "the added prompt is asked once the built-in ones were answered" "" \
	"$(grep -vxF 'grief|What did our first home feel like?|because you asked for grief' "$T/choices")"
printf -- '---\ntitle: [broken\n---\n\n- Never?\n' >prompts/broken.md
t prompt --list
expect_rc 0 "a broken prompts file does not stop prompt"
expect_err "prompts/broken.md:" "it is named in a warning"
expect_no_out "broken" "and left out"
rm prompts/broken.md
printf 'Ideas for prompts, one day.\n' >prompts/someday.md
SEEDS=$(seq 0 9)
choices
SEEDS=$(seq 0 5)
expect_eq "a prompts file with no prompts is never chosen" "" \
	"$(grep -e '^someday|' -e '^seed' "$T/choices")"
rm prompts/someday.md

# no prompt answered in the last 60 days is asked again
journal "$T/again"
answer 50 "$(prompt_n grief 1)"
for i in $(seq 2 10); do
	answer 5 "$(prompt_n grief "$i")"
done
saved
last=$(prompt_n grief 11)
choices grief
expect_eq "while one is left, it is the one, for every seed" "" \
	"$(grep -vxF "grief|$last|because you asked for grief" "$T/choices")"
answer 3 "$last"
saved
choices grief
expect_eq "when all were answered, the one answered longest ago" "" \
	"$(grep -vxF "grief|$(prompt_n grief 1)|because you asked for grief" "$T/choices")"
for i in $(seq 1 10); do
	answer 61 "$(prompt_n self-care "$i")"
done
answer 5 "$(prompt_n self-care 11)"
saved
choices self-care
expect_eq "an answer of more than 60 days ago does not count" "" \
	"$(grep -F "|$(prompt_n self-care 11)|" "$T/choices")"
expect "those prompts are asked again" \
	test "$(cut -d'|' -f2 "$T/choices" | sort -u | wc -l)" -gt 1

# new --prompt: the prompt in front matter and quoted at the top
journal "$T/new"
t prompt --json
want_text=$(field text)
want_topic=$(field topic)
t new --prompt -m "My answer."
expect_rc 0 "new --prompt -m works"
expect_out "-my-answer" "the title comes from the answer, not the prompt"
f=$(entry_file "$(cat "$OUT")")
expect_err "tend: a prompt on " "it says which prompt it chose"
expect_eq "it answers the prompt that 'tend prompt' showed" "$want_text" \
	"$(prompt_of "$f")"
expect_eq "the body starts with the prompt as a quote" "> $want_text

My answer." "$(body "$f")"
t list --format json -n 1
expect_out "\"prompt\":\"$want_text\"" "the index has the prompt"
t prompt --json "$want_topic"
expect_no_out "\"text\":\"$want_text\"" "and the answered prompt is not asked again"

# --prompt=TOPIC, again and again: never the same while others are left
journal "$T/again-and-again"
total=$(grep -c '^- ' "$LIB/grief.md")
for i in $(seq 1 "$total"); do
	"$TEND" new --prompt=grief -m "Answer $i." >/dev/null 2>&1 ||
		fail "new --prompt=grief failed"
done
expect_eq "new --prompt=grief $total times answers each grief prompt once" \
	"$(grep '^- ' "$LIB/grief.md" | sed 's/^- //' | sort)" \
	"$(for f in $(git ls-files entries); do prompt_of "$f"; done | sort)"
before=$(commits)
t new --prompt=no-such-topic -m "x"
expect_rc 2 "new --prompt=UNKNOWN is a usage error"
expect_err "no topic 'no-such-topic'" "naming the topic"
expect_eq "and nothing is committed" "$before" "$(commits)"

# a prompt with quotes in it
mkdir prompts
printf -- '---\ntitle: Enough\n---\n\n- What does "enough" mean to me \\ to us?\n' \
	>prompts/enough.md
t prompt enough --json
expect_out '"text":"What does \"enough\" mean to me \\ to us?"' \
	"prompt --json escapes quotes and backslashes"
t new --prompt=enough -m "Enough is enough."
expect_rc 0 "new --prompt=TOPIC with quotes in the prompt works"
f=$(entry_file "$(cat "$OUT")")
expect "the quote is the prompt as written" \
	grep -qxF '> What does "enough" mean to me \ to us?' "$f"
t list --format json -n 1
expect_out '"prompt":"What does \"enough\" mean to me \\ to us?"' \
	"and prompt: reads back as the same text"

# --prompt with the editor
mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor write 'cp "$1" "$T/draft"; printf "Written in my editor.\n" >>"$1"'
mk_editor nothing 'cp "$1" "$T/draft"'
export T
EDITOR="$T/write" t new --prompt=strengths "With the editor"
expect_rc 0 "new --prompt=TOPIC with the editor works"
f=$(entry_file "$(cat "$OUT")")
p=$(prompt_of "$f")
expect "the prompt is one of the topic's" in_topic strengths "$p"
expect "the draft starts with the prompt quoted" grep -qxF "> $p" "$T/draft"
expect_eq "the quote stands apart from what is written under it" "> $p

Written in my editor." "$(body "$f")"
before=$(commits)
EDITOR="$T/nothing" t new --prompt=strengths
expect_rc 0 "an entry left as the prompt alone is not an error"
expect_err "nothing was saved" "it is discarded: a quote alone is no entry"
expect_eq "and nothing is committed" "$before" "$(commits)"

# --prompt with standard input
echo "From standard input." >"$T/in"
t new --stdin --prompt=grounding "Piped" <"$T/in"
expect_rc 0 "new --stdin --prompt=TOPIC works"
f=$(entry_file "$(cat "$OUT")")
p=$(prompt_of "$f")
expect "the prompt is in the front matter" in_topic grounding "$p"
expect_eq "and quoted at the top of the body" "> $p

From standard input." "$(body "$f")"

done_testing
