# tend render with nothing changed (issue 14): a render that made the
# whole site keeps its stamp in the index, and the next render that
# finds the same stamp reads no entry and opens no page. Everything a
# page is made of must still be seen: an entry, a goal file, a
# template, a page removed by hand, --include-private, the day, and
# the time passing an entry out of a goal's last 30 days or across the
# middle of its life.
#
# Whether a render took the short way shows by the site's lock: a
# render that makes pages takes it (and gives up, exit 4, after 5 s
# when another holds it), one with nothing to do never needs it.
. tests/cli/lib.sh
journal "$T/j"
SITE="$T/j/site"
NOW=1795136400		# 2026-11-20 01:00 UTC
HOUR=3600
WHEN=$NOW

# r [ARGS...]: tend render at $WHEN
r() {
	SOURCE_DATE_EPOCH=$WHEN t render "$@"
}

# settle [ARGS...]: a render, then one more once the folder's last change
# is older than a tick of the clock: that one finds nothing to write,
# and keeps its stamp
settle() {
	r "$@"
	sleep 0.1
	r "$@"
	[ "$rc" = 0 ] || fail "a render to settle the site failed" \
		"$(cat "$ERR")"
}

# hold / release: another process holds the site's lock (as a render
# does) until released
hold() {
	rm -f "$T/held"
	sh -c 'exec 9<"$1"; flock -x 9; : >"$2"; exec sleep 30' sh "$SITE" \
		"$T/held" &
	holder=$!
	while [ ! -e "$T/held" ]; do
		kill -0 "$holder" 2>/dev/null ||
			{ echo "Bail out! cannot hold the site's lock"; exit 1; }
		sleep 0.1
	done
}
release() {
	kill "$holder"
	wait "$holder" 2>/dev/null
	holder=
}
holder=
trap '[ -z "$holder" ] || kill "$holder"; cd /; rm -rf "$T"' EXIT

mkdir -p goals
cat >goals/steps.md <<'EOF'
---
title: Small steps
status: active
started: 2026-11-10
---
EOF
"$TEND" save -m "Add a goal" >/dev/null
new_entry "A hard start" "2026-11-11 01:00" --mood 2 --goal steps
new_entry "Better" "2026-11-15 01:30" --mood 8 --goal steps --tag home
new_entry "A year ago tomorrow" "2025-11-21 10:00" --mood 5

# --- nothing changed ----------------------------------------------------
r
expect_rc 0 "a first render"
pages=$(sed -n 's/^Rendered \([0-9]*\) pages.*/\1/p' "$OUT")
settle
hold
r
expect_rc 0 "with nothing changed a render does not wait for the site"
expect_out "$pages pages into $SITE: 0 written, $pages unchanged, 0 removed." \
	"and says every page is unchanged"
release

# --- an entry changed: the render needs the site --------------------------
f=$(entry_file '2026-11-15-0130-better')
printf '\nA walk by the river.\n' >>"$f"
hold
r
expect_rc 4 "after an entry changed, a render waits for the site's lock"
release
r
expect_rc 0 "and with the lock free, renders"
expect_out ": 5 written" \
	"its page, its month, its tag, its goal and the home page"
expect "the entry's page has the new words" \
	grep -q 'A walk by the river' "$SITE/entries/2026-11-15-0130-better.html"

# --- a page removed by hand -----------------------------------------------
settle
rm "$SITE/entries/2026-11-11-0100-a-hard-start.html"
r
expect_rc 0 "a render after a page was removed by hand"
expect_out ": 1 written" "writes that page again"
expect "and it is there" \
	test -f "$SITE/entries/2026-11-11-0100-a-hard-start.html"

# --- a template of the journal's own --------------------------------------
settle
mkdir -p templates/html
printf '<!doctype html>\n<title>{{title}}</title>\n<p>my own entry page</p>\n' \
	>templates/html/entry.html
r
expect_rc 0 "a render after a template was made the journal's own"
expect "the entry pages use it" \
	grep -q 'my own entry page' "$SITE/entries/2026-11-11-0100-a-hard-start.html"
settle
rm templates/html/entry.html
r
expect_not "and stop using it when it is gone" \
	grep -q 'my own entry page' "$SITE/entries/2026-11-11-0100-a-hard-start.html"

# --- a goal file changed ----------------------------------------------------
settle
sed 's/^title: Small steps$/title: One small step/' goals/steps.md >"$T/g"
cat "$T/g" >goals/steps.md
r
expect_rc 0 "a render after a goal file changed"
expect "the goal's page has its new title" \
	grep -q 'One small step' "$SITE/goals/steps.html"

# --- private entries in and out ------------------------------------------
new_entry "Only mine" "2026-11-16 09:00" --private
settle
r --include-private
expect_rc 0 "a render with the private entries, into the same folder"
expect "shows the private entry" \
	test -f "$SITE/entries/2026-11-16-0900-only-mine.html"
settle --include-private
r
expect "and the next one without them removes it again" \
	test ! -e "$SITE/entries/2026-11-16-0900-only-mine.html"

# --- the day turns ----------------------------------------------------------
settle
expect_not "the home page has no 'on this day' today" \
	grep -q 'On this day' "$SITE/index.html"
WHEN=$((NOW + 24 * HOUR))
r
expect_rc 0 "a render the next day"
expect "shows the entry of a year before on the home page" \
	grep -q '1 year ago' "$SITE/index.html"
WHEN=$NOW
r

# --- time moves the middle of a goal's life past an entry ---------------------
settle
expect "at 01:00 'Better' is in the second half of the goal's time" \
	grep -q '2.0 in the first half of its time, 8.0 in the second' \
	"$SITE/goals/steps.html"
WHEN=$((NOW + 4 * HOUR))
r
expect_rc 0 "a render three hours later, the same day"
expect "finds it in the first half since" \
	grep -q '5.0 in the first half of its time</dd>' "$SITE/goals/steps.html"

# --- time takes an entry out of a goal's last 30 days -------------------------
cat >goals/calm.md <<'EOF'
---
title: Stay calm
status: active
---
EOF
"$TEND" save -m "Add a goal" >/dev/null
# in the last 30 days until 07:00 on the day of the renders
new_entry "Breathing" "2026-10-21 07:00" --goal calm
settle
expect "at 05:00 the goal has one entry in its last 30 days" \
	grep -q '1 in the last 30 days' "$SITE/goals/calm.html"
WHEN=$((NOW + 5 * HOUR))
hold
r
expect_rc 0 "an hour later nothing has moved: no page to make"
release
WHEN=$((NOW + 8 * HOUR))
r
expect_rc 0 "a render at 09:00"
expect "finds none in its last 30 days" \
	grep -q '0 in the last 30 days' "$SITE/goals/calm.html"

# --- a goal file changed without a trace in its size or time ------------------
touch -d '2026-01-01 00:00' goals/calm.md
settle
sed 's/^title: Stay calm$/title: Stay cool/' goals/calm.md >"$T/g"
cat "$T/g" >goals/calm.md
touch -d '2026-01-01 00:00' goals/calm.md
r
expect_rc 0 "a render after a goal file changed, its size and time as before"
expect "reads the goal anew: goal pages are made from the file" \
	grep -q 'Stay cool' "$SITE/goals/calm.html"

# --- a goal that cannot be read is told of every time -------------------
printf -- '---\ntitle: [broken\n---\n' >goals/broken.md
r
expect_err "goals/broken.md cannot be read" "a goal that cannot be read is told"
settle
r
expect_err "goals/broken.md cannot be read" "and told again by the next render"
rm goals/broken.md

# --- another folder ---------------------------------------------------------
settle
r -o "$T/other"
expect_rc 0 "a render into another folder"
expect_out "$((pages + 3)) pages into $T/other: $((pages + 3)) written" \
	"makes every page there"

# --- a memo a folder, 32 at most ---------------------------------------
i=0
while [ $i -lt 34 ]; do
	r -o "$T/many/$i"
	i=$((i + 1))
done
sleep 0.1
i=0
while [ $i -lt 34 ]; do
	r -o "$T/many/$i"
	i=$((i + 1))
done
memos=$(sqlite3 .tend/index.db \
	"SELECT count(*) FROM meta WHERE key LIKE 'memo %'")
expect "renders into 34 folders leave 32 memos at most in the index ($memos)" \
	test "$memos" -ge 1 -a "$memos" -le 32

done_testing
