# tend list: every entry, newest first, in four formats; a broken file is
# skipped with one warning and never stops the rest.
. tests/cli/lib.sh
journal "$T/j"
"$TEND" goal add g "A goal" >/dev/null

t list
expect_rc 0 "list of an empty journal"
expect_eq "prints nothing" "" "$(cat "$OUT")"
t list --format json
expect_eq "json of an empty journal is []" "[]" "$(cat "$OUT")"

t new "Oldest" -m "one two three" --date "2026-01-01 09:00" --mood 3 --tag a
old=$(cat "$OUT")
t new "Middle" -m "four" --date "2026-02-01 09:00" --private
mid=$(cat "$OUT")
t new "Newest" -m "five six" --date "2026-03-01 09:00" --share --feeling calm --goal g
new=$(cat "$OUT")

t list --format ids
expect_eq "ids, newest first" "$new $mid $old" "$(paste -sd' ' "$OUT")"
t list --format ids --reverse
expect_eq "--reverse: oldest first" "$old $mid $new" "$(paste -sd' ' "$OUT")"
t list --format ids -n 2
expect_eq "-n: the newest N" "$new $mid" "$(paste -sd' ' "$OUT")"
t list --format ids -n 2 --reverse
expect_eq "-n with --reverse: the newest N, oldest first" "$mid $new" "$(paste -sd' ' "$OUT")"
t list --format paths -n 1
expect_eq "paths are full paths" "$T/j/entries/2026/03/$new.md" "$(cat "$OUT")"
t list
expect_out "2026-01-01 09:00   3  Oldest #a" "text shows date, mood, title and tags"
expect_out "2026-02-01 09:00   -  Middle (private)" "private entries show in the terminal, marked"
expect_out "Newest (share)" "shared entries are marked"
expect_out "    $old" "and each ID"
t list --format json
expect_out "{\"id\":\"$old\",\"path\":\"entries/2026/01/$old.md\",\"title\":\"Oldest\",\"date\":\"2026-01-01T09:00:00+00:00\",\"mood\":3,\"feelings\":[],\"goals\":[],\"tags\":[\"a\"],\"ratings\":{},\"prompt\":null,\"share\":false,\"private\":false,\"words\":3}" \
	"json has every key, null and [] when missing"
expect_out '"feelings":["calm"],"goals":["g"]' "lists in json"
expect_out '"share":true' "share in json"

printf -- '---\ntitle: Broken\nmood: &x 5\n---\nbody\n' >entries/2026/01/broken.md
printf -- '---\ntitle: Bad mood\nmood: 99\n---\nbody\n' >entries/2026/01/badmood.md
t list --format ids
expect_rc 0 "list works with broken files present"
expect_eq "and lists the rest" "$new $mid $old" "$(paste -sd' ' "$OUT")"
expect_err "entries/2026/01/broken.md:3:7: YAML anchors (&x) are not allowed" \
	"a broken file gets one warning with its place"
expect_err "entries/2026/01/badmood.md:3:7: mood must be a whole number from 1 to 10" \
	"so does a bad value"
expect_eq "one line each" 2 "$(wc -l <"$ERR")"
rm entries/2026/01/broken.md entries/2026/01/badmood.md

t list --format yaml
expect_rc 2 "an unknown format is a usage error"
expect_err "unknown format 'yaml'" "and named"
t list -n x
expect_rc 2 "a bad -n is a usage error"
t list extra
expect_rc 2 "list takes no words"
done_testing
