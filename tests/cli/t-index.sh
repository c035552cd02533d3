# The index (.tend/index.db): built when missing, refreshed from the files
# before every read, rebuilt when damaged, and never the truth.
. tests/cli/lib.sh
journal "$T/j"

t new "First" -m "Words about the garden." --date "2026-01-01 10:00" --tag home
first=$(cat "$OUT")
t new "Second" -m "Words about the sea." --date "2026-01-02 10:00"
second=$(cat "$OUT")
expect_not "no index before anything reads" test -e .tend/index.db

t list --format ids
expect_rc 0 "list builds the index"
expect_eq "and lists both" "$second $first" "$(paste -sd' ' "$OUT")"
expect "the index is .tend/index.db" test -f .tend/index.db
expect_eq "the index is private" 600 "$(mode .tend/index.db)"
expect_eq "and in WAL mode" wal "$(sqlite3 .tend/index.db 'PRAGMA journal_mode')"
expect "git ignores it" test -z "$(git status --porcelain)"

# files changed just now are read again until they settle (2 s), as git
# does; files from a minute ago are read once
touch -d "1 minute ago" entries/2026/01/*.md
t index
expect_out "2 files: 2 read" "tend index reads files whose time changed"
t index
expect_rc 0 "tend index"
expect_out "2 files: 0 read, 0 gone, 0 that cannot be read" \
	"nothing changed, nothing read"

# edits made outside tend are seen without being told
f1=$(entry_file "$first")
sed -i 's/^title: First$/title: First, edited elsewhere/' "$f1"
t list
expect_out "First, edited elsewhere" "an edit in another editor shows at once"
printf -- '---\ntitle: Third\ndate: 2026-01-03T10:00:00+00:00\n---\n\nBy hand.\n' \
	>entries/2026/01/2026-01-03-1000-third.md
t list --format ids
expect_out "2026-01-03-1000-third" "a file made by hand shows at once"
touch -d "1 minute ago" entries/2026/01/*.md
t index
t index
expect_out "3 files: 0 read" "and is not read again once indexed"
rm "$(entry_file "$second")"
t list --format ids
expect_no_out "$second" "a file deleted by hand is gone at once"
mv entries/2026/01/2026-01-03-1000-third.md entries/2026/01/2026-01-03-1000-renamed.md
t list --format ids
expect_out "2026-01-03-1000-renamed" "a renamed file shows under its new name"
expect_no_out "2026-01-03-1000-third" "and not under the old one"
t search garden --format ids
expect_out "$first" "search sees the files as they are"

# an edit that keeps size and time is still seen while it is fresh
f3=entries/2026/01/2026-01-03-1000-renamed.md
stamp=$(date +%s.%N)
touch -d "@$stamp" "$f3"
t search hand --format ids
expect_out "renamed" "the entry is found"
sed -i 's/By hand\./By arm\./' "$f3"
touch -d "@$stamp" "$f3"
t search arm --format ids
expect_out "renamed" "a change with the same size and time, just after indexing, is seen"

# new tells the index itself, without a full refresh
before=$(sqlite3 .tend/index.db 'SELECT count(*) FROM entries')
t new "Fourth" -m "Quickly noted." --date "2026-01-04 10:00"
expect_eq "new adds its entry to the index" "$((before + 1))" \
	"$(sqlite3 .tend/index.db 'SELECT count(*) FROM entries')"

# missing, damaged, rebuilt
rm .tend/index.db*
t list --format ids
expect_rc 0 "a missing index is built again"
expect_eq "with everything in it" 3 "$(wc -l <"$OUT")"
printf 'this is not a database, only words\n%.0s' $(seq 1 200) >.tend/index.db
rm -f .tend/index.db-wal .tend/index.db-shm
t list --format ids
expect_rc 0 "a damaged index is not a failure"
expect_err "the index '$T/j/.tend/index.db' is damaged; building it again" \
	"it says so"
expect_eq "and lists everything" 3 "$(wc -l <"$OUT")"
t list --format ids
expect_no_err "damaged" "only once: the new index is sound"
# cut inside the pages its header counts (the file grows in chunks)
size=$(($(sqlite3 .tend/index.db 'PRAGMA page_size') * \
	$(sqlite3 .tend/index.db 'PRAGMA page_count')))
head -c $((size / 2)) .tend/index.db >"$T/half"
cp "$T/half" .tend/index.db
rm -f .tend/index.db-wal .tend/index.db-shm
t search garden --format ids
expect_rc 0 "a truncated index is not a failure either"
expect_err "is damaged; building it again" "it is seen as damaged"
expect_eq "search finds the entry" "$first" "$(cat "$OUT")"
t list --format ids
expect_eq "and list has every entry" 3 "$(wc -l <"$OUT")"
t index --rebuild
expect_rc 0 "index --rebuild"
expect_out "3 files: 3 read" "reads every file again"

# another process holding the index too long: busy, exit 4; it holds
# the index until $T/hold is gone (waiting its turn behind the look
# that sees whether it holds it yet), and tend runs once it does
: >"$T/hold"
(echo ".timeout 10000"
 echo "BEGIN IMMEDIATE;"
 while [ -e "$T/hold" ]; do sleep 0.1; done
 echo "COMMIT;") | sqlite3 .tend/index.db &
holder=$!
i=0
while sqlite3 -cmd ".timeout 0" .tend/index.db \
	"BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
# a file changed: list must write the index
printf 'One more line.\n' >>"$f1"
t list
expect_rc 4 "an index held by another process for long is exit 4"
expect_err "the index is busy" "and says so"
rm -f "$T/hold"
wait "$holder"
t list --format ids
expect_rc 0 "once it is free, list works"

# a .tend that cannot hold an index: work in memory
rm -rf .tend
: >.tend
t list --format ids
expect_rc 0 "with no place for an index, list still works"
expect_err "working without an index" "and says why"
expect_eq "all entries" 3 "$(wc -l <"$OUT")"
rm .tend

# broken files: one warning each, the rest is listed
printf -- '---\nmood: [\n---\n' >entries/2026/01/broken.md
t list --format ids
expect_rc 0 "a broken file does not stop list"
expect_eq "one warning for it" 1 "$(grep -c broken.md "$ERR")"
expect_eq "and the rest is there" 3 "$(wc -l <"$OUT")"
t search words --format ids
expect_eq "search warns once too" 1 "$(grep -c broken.md "$ERR")"
rm entries/2026/01/broken.md

# progress on a terminal when reading takes a while, and only then
mkdir -p entries/2020/01
# many BODY: 600 entries, new or changed, for the index to read
many() {
	i=0
	while [ $i -lt 600 ]; do
		printf -- '---\ntitle: n%d\n---\n\n%s\n' $i "$1" \
			>entries/2020/01/2020-01-01-0000-n$i.md
		i=$((i + 1))
	done
}
many x
tty_clock 0 index
expect_rc 0 "tend index on a terminal"
expect_no_out "indexing" "reading done in no time shows no progress"
expect_out "600 read" "just what was found"
many xy
tty_clock 1000 index
expect_out "tend: indexing 1 of 600 files (0%)" \
	"reading that takes a while shows its progress on a terminal"
expect_out "tend: indexing 600 of 600 files (100%)" "up to the last file"
expect "the line is cleared before the summary" \
	grep -q "$(printf '\r\033\\[K')[0-9]* files: 600 read" "$OUT"
many xyz
t index
expect_no_err "indexing" "and none when it is not a terminal"
expect_out "600 read" "where all were read again"
rm -r entries/2020

# the mood scale decides what reads well: the index follows it
t new "High" -m "A very good day." --mood 9 --date "2026-01-05 10:00"
printf '[mood]\nscale = 5\n' >>tend.ini
t list --format ids
expect_err "mood must be a whole number from 1 to 5" \
	"a lower scale makes a mood 9 a problem, at once"
git checkout -q tend.ini
t list --format ids
expect_out "high" "and the old scale brings it back"
expect "git fsck is clean" git fsck --strict
done_testing
