# tend edit --settings, --prompts TOPIC and --template NAME: the
# journal's own files open in the editor as entries do, are checked, made
# when they are not there and committed; in an encrypted journal they are
# written back as age files, the draft in memory, with no word of them
# readable at rest.
. tests/cli/lib.sh

encrypted_setup

mk_editor() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
mk_editor settings 'printf "[journal]\ntitle = Quietroom journal\n[share]\nredact = Zebulon=my brother\n" >"$1"'
mk_editor badsettings 'printf "[journal]\ntitle\n" >"$1"'
mk_editor badvalue 'printf "[mood]\nscale = eleven\n" >"$1"'
mk_editor prompts 'printf -- "---\ntitle: Flatsearch\nabout: moving out\n---\n\n- Which flatsearch room did I picture?\n" >"$1"'
mk_editor noprompts 'sed -i "s/^title: .*/title: Nothing asked/" "$1"'
mk_editor brokenfm 'printf -- "---\ntitle: [unclosed\n---\n- x\n" >"$1"'
mk_editor template 'printf "\n## Tomwords section\n" >>"$1"'
mk_editor nothing ':'
mk_editor badtemplate 'sed -i "s/^tags:.*/mood: eleven/" "$1"'
mk_editor racer 'printf -- "---\ntitle: Elsewhere\n---\n- made meanwhile\n" >"$RACE"; printf -- "---\ntitle: Mine\n---\n- my own\n" >"$1"'
mk_editor mend 'printf "[journal]\ntitle = Mended\n" >"$1"'
mk_editor write 'printf "Written in my editor.\n" >>"$1"'
mk_editor where 'printf "%s\n" "$1" >"'"$T"'/draft-path"; printf "\n## Tomwords section\n" >>"$1"'

# --- a plain journal -----------------------------------------------------------
journal "$T/p"
before=$(commits)
EDITOR="$T/settings" t edit --settings
expect_rc 0 "edit --settings"
expect "tend.ini holds what was written" grep -qx "title = Quietroom journal" tend.ini
expect_eq "committed as Edit settings" "Edit settings" "$(subject)"
t new "Zebulon came" -m "Zebulon called." --date "2026-11-01 10:00"
t export --format md --redact
expect_out "my brother called." "the settings are read: the name is redacted"

EDITOR="$T/badsettings" t edit --settings </dev/null
expect_rc 3 "settings tend cannot read are refused (exit 3)"
expect_err ":2:1: cannot read this line" "with where the mistake is"
expect_err "your draft is kept" "and the draft is kept"
expect "tend.ini is as it was" grep -qx "title = Quietroom journal" tend.ini
EDITOR="$T/badvalue" t edit --settings </dev/null
expect_rc 3 "a value tend cannot read is refused too"
expect "tend.ini is still as it was" grep -qx "title = Quietroom journal" tend.ini
rm -f .tend/drafts/*

EDITOR="$T/nothing" t edit --prompts flatsearch </dev/null
expect_rc 0 "edit --prompts of a new topic, left as it opened"
expect_err "no changes to 'prompts-flatsearch'" "says there were no changes"
expect_not "and makes no file" test -e prompts/flatsearch.md
c0=$(commits)
EDITOR="$T/prompts" t edit --prompts flatsearch
expect_rc 0 "edit --prompts of a new topic"
expect "makes prompts/TOPIC.md" grep -q "Which flatsearch room" prompts/flatsearch.md
expect_eq "committed as Edit prompts: TOPIC" "$((c0 + 1)) Edit prompts: flatsearch" \
	"$(commits) $(subject)"
t prompt flatsearch
expect_out "Which flatsearch room did I picture?" "tend prompt asks it"
EDITOR="$T/noprompts" t edit --prompts flatsearch2 </dev/null
expect_rc 3 "a topic file with no prompt is refused"
expect_err "no prompts in it (each is a line '- ...')" "and says why"
expect_not "nothing is made" test -e prompts/flatsearch2.md
EDITOR="$T/brokenfm" t edit --prompts flatsearch </dev/null
expect_rc 3 "front matter that does not read is refused"
expect "the topic file is as it was" grep -q "Which flatsearch room" prompts/flatsearch.md
rm -f .tend/drafts/*

EDITOR="$T/template" t edit --template daily
expect_rc 0 "edit --template of a built-in name"
expect "it started as the built-in template" \
	test "$(grep -c '' templates/entries/daily.md)" -gt 3
expect "with what was added" grep -qx "## Tomwords section" templates/entries/daily.md
expect_eq "committed as Edit template: NAME" "Edit template: daily" "$(subject)"
EDITOR="$T/write" t new --template daily --date "2026-11-02 10:00" </dev/null
expect_rc 0 "tend new with the template"
expect "uses it" grep -qx "## Tomwords section" "$(entry_file "$(cat "$OUT")")"

EDITOR="$T/badtemplate" t edit --template boundary </dev/null
expect_rc 3 "a template tend new could not read is refused"
expect_err "mood" "with what is wrong"
expect_not "and no file is made" test -e templates/entries/boundary.md
rm -f .tend/drafts/*

c0=$(commits)
RACE="$T/p/prompts/racing.md" EDITOR="$T/racer" t edit --prompts racing </dev/null
expect_rc 1 "a file made while the editor was open is not written over"
expect_err "'prompts/racing.md' changed while you were editing it; your version is kept in" \
	"and the draft is kept"
expect "the file made meanwhile is as it was" grep -q "made meanwhile" prompts/racing.md
expect_eq "nothing committed" "$c0" "$(commits)"
rm -f .tend/drafts/* prompts/racing.md

printf '[share]\nredact = Plainname\n' >.tend/config.ini
t list
expect_not "a plain journal's .tend/config.ini is no matter" \
	grep -q "names to redact" "$ERR"
printf 'sealed' >.tend/config.ini.age
t list
expect_err ".tend/config.ini.age holds settings sealed with the key of the encrypted journal this one was" \
	"sealed settings a plain journal cannot read are named"
rm .tend/config.ini .tend/config.ini.age

cp tend.ini "$T/tend.ini.good"
printf '[mood]\nscale = eleven\n' >>tend.ini
t list
expect_rc 2 "settings tend cannot read stop a command"
EDITOR="$T/mend" t edit --settings
expect_rc 0 "but edit --settings opens them to mend"
expect_err "tend.ini:" "after saying what is wrong"
expect_eq "and commits the mended ones" "Edit settings" "$(subject)"
t list
expect_rc 0 "which tend reads again"

t edit --prompts "Not A Name"
expect_rc 2 "a topic that is no name is refused (exit 2)"
expect_err "'Not A Name' is not a topic name" "and says so"
t edit --settings --prompts x
expect_rc 2 "two files at once are refused"
t edit --settings last
expect_rc 2 "so is a file and an entry"
expect_eq "none of that committed anything" "Edit settings" "$(subject)"

# --- an encrypted journal ------------------------------------------------------
SECRETS="Quietroom|Zebulon|Flatsearch|flatsearch room|Tomwords"
"$TEND" init --encrypt "$T/e" >/dev/null 2>&1 || {
	echo "Bail out! cannot make an encrypted journal"
	exit 1
}
cd "$T/e" || exit 1
EDITOR="$T/settings" t edit --settings
expect_rc 0 "edit --settings in an encrypted journal"
expect_eq "tend.ini.age is an age file" "age-encryption.org/v1" \
	"$(head -1 tend.ini.age)"
expect_not "no plain tend.ini" test -e tend.ini
expect_eq "committed as Edit settings" "Edit settings" "$(subject)"
printf 'correct horse battery\n' >"$T/typed"
on_tty "cd '$T/e' && age -d -i key.age tend.ini.age"
expect "the age tool reads what was written" grep -q "title = Quietroom journal" "$OUT"
t new "Visit" -m "Zebulon called." --date "2026-11-01 10:00"
t export --format md --redact
expect_out "my brother called." "the sealed settings are read"

EDITOR="$T/prompts" t edit --prompts flatsearch
expect_rc 0 "edit --prompts in an encrypted journal"
expect_eq "makes prompts/TOPIC.md.age, an age file" "age-encryption.org/v1" \
	"$(head -1 prompts/flatsearch.md.age)"
expect_eq "committed with a message that names no topic" "Edit prompts" \
	"$(subject)"
t prompt flatsearch
expect_out "Which flatsearch room did I picture?" "tend prompt asks it"

EDITOR="$T/where" t edit --template daily
expect_rc 0 "edit --template in an encrypted journal"
expect_eq "committed with a message that names no template" "Edit template" \
	"$(subject)"
draft=$(cat "$T/draft-path")
expect "the draft was in the folder in memory ($draft)" \
	test "${draft#"$XDG_RUNTIME_DIR"/tend/drafts/}" != "$draft"
EDITOR="$T/write" t new --template daily --date "2026-11-02 10:00" </dev/null
t show "$(cat "$OUT")"
expect_out "## Tomwords section" "tend new uses the sealed template"

recipient=$(printf 'correct horse battery\n' |
	script -qec "age -d '$T/e/key.age'" /dev/null |
	sed -n 's/.*public key: \(age1[a-z0-9]*\).*/\1/p' | tr -d '\r')
printf '[mood]\nscale = eleven\n' | age -r "$recipient" -o tend.ini.age
t list
expect_rc 2 "sealed settings tend cannot read stop a command"
EDITOR="$T/mend" t edit --settings
expect_rc 0 "and edit --settings opens them to mend"
t list
expect_rc 0 "which tend reads again"
EDITOR="$T/settings" t edit --settings

EDITOR="$T/badsettings" t edit --settings </dev/null
expect_rc 3 "settings tend cannot read are refused"
expect "and the draft is kept, encrypted" \
	test -n "$(find .tend/drafts -name 'settings-*.md.age')"
expect_eq "no plain draft is left" "" \
	"$(find .tend/drafts "$XDG_RUNTIME_DIR" -type f ! -name '*.age')"

printf '[share]\nredact = Plainname\n' >.tend/config.ini
t list
expect_rc 0 "names to redact in a plain .tend/config.ini are still read"
expect_err ".tend/config.ini holds names to redact in plain text, which whoever has the folder can read; keep them in tend.ini.age ('tend edit --settings')" \
	"but tend warns that they are readable there"
printf '[sync]\nauto = false\n' >.tend/config.ini
t list
expect_not "other settings there are no matter" grep -q "names to redact" "$ERR"
rm .tend/config.ini

expect_eq "no word of the settings, prompts or template is readable at rest" 0 \
	"$(every_byte "$T/e" | grep -Eac "$SECRETS")"

done_testing
