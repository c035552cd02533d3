# Limits of work: mood --by over many groups (each group found by its key,
# checked here against sums done by awk over the same entries, for every
# --by), and the limits of a search (its bytes, words and phrases, and
# prefixes): at the limit it works, over it exit 2 says which limit, and
# nothing else changes.
. tests/cli/lib.sh
journal "$T/j"

# --- mood --by over hundreds of groups ---------------------------------
# 700 entries, one or two a day over 500 days from 2025-01-01, a mood on
# most, up to three of 150 tags, up to two of 40 feelings and 30 goals;
# awk writes the files and, beside them, the expected groups of each
# --by as "KEY COUNT SUM" lines in $T/want-BY.
awk -v dir="$T/j/entries" -v want="$T/want" '
# days since 1970-01-01 as Y M D (the proleptic Gregorian calendar)
function civil(z,    era, doe, yoe, doy, mp) {
	z += 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)
	yoe = int(yoe / 365)
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	D = doy - int((153 * mp + 2) / 5) + 1
	M = mp < 10 ? mp + 3 : mp - 9
	Y = yoe + era * 400 + (M <= 2)
}
function add(by, key) {
	count[by, key]++
	sum[by, key] += mood
	keys[by, key] = key
}
function list(name, n, mod,    k, i, out, seen, w) {
	out = ""
	delete seen
	for (k = 0; k < n; k++) {
		i = (seed = (seed * 69069 + 1) % 4294967296) % mod
		w = name i
		if (w in seen)
			continue
		seen[w] = 1
		out = out (out == "" ? "" : ", ") w
		picked[++npicked] = w
	}
	return out
}
BEGIN {
	seed = 42
	first = 20089		# 2025-01-01
	split("Thu Fri Sat Sun Mon Tue Wed", wd, " ")
	for (e = 0; e < 700; e++) {
		day = first + int(e * 500 / 700)
		civil(day)
		date = sprintf("%04d-%02d-%02d", Y, M, D)
		# the Monday of its week
		civil(day - (day + 3) % 7)
		monday = sprintf("%04d-%02d-%02d", Y, M, D)
		mood = (seed = (seed * 69069 + 1) % 4294967296) % 11
		npicked = 0
		tags = list("tag", (seed % 4), 150)
		ntags = npicked
		feelings = list("feel", (seed % 3), 40)
		nfeel = npicked
		goals = list("goal", (seed % 3), 30)
		path = sprintf("%s/%s/%s/%s-12%02d-e%d.md", dir,
			substr(date, 1, 4), substr(date, 6, 2), date, e % 60, e)
		files[e] = path
		text = "---\ntitle: Entry " e "\ndate: " date "T12:" \
			sprintf("%02d", e % 60) ":00+00:00\n"
		if (mood)
			text = text "mood: " mood "\n"
		text = text "tags: [" tags "]\nfeelings: [" feelings \
			"]\ngoals: [" goals "]\n---\n\nWords of " e ".\n"
		body[e] = text
		if (!mood)
			continue
		add("day", date)
		add("week", monday)
		add("month", substr(date, 1, 7))
		add("weekday", wd[(day % 7) + 1])
		for (k = 1; k <= ntags; k++)
			add("tag", picked[k])
		for (k = ntags + 1; k <= nfeel; k++)
			add("feeling", picked[k])
		for (k = nfeel + 1; k <= npicked; k++)
			add("goal", picked[k])
	}
	for (e = 0; e < 700; e++) {
		d = files[e]
		sub(/\/[^\/]*$/, "", d)
		if (!(d in made)) {
			system("mkdir -p \"" d "\"")
			made[d] = 1
		}
		printf "%s", body[e] > files[e]
		close(files[e])
	}
	for (k in keys) {
		split(k, part, SUBSEP)
		printf "%s %d %d\n", keys[k], count[k], sum[k] \
			> (want "-" part[1])
	}
}'

# groups BY: mood --json --by BY's groups, one "KEY COUNT MEAN" a line,
# in its order
group_re='"key":"\([^"]*\)","count":\([0-9]*\),"mean":\([^}]*\)}'
groups() {
	"$TEND" mood --json --by "$1" | tr '{' '\n' |
		sed -n "s/^$group_re.*/\\1 \\2 \\3/p"
}

# expect_groups BY ORDER: the groups of BY are those awk counted, with
# their means, in ORDER: time (by key; weekdays Monday first) or rank
# (highest mean first, then most entries, then by key)
expect_groups() {
	awk '{ printf "%s %d %.6g %.17g\n", $1, $2, $3 / $2, $3 / $2 }' \
		"$T/want-$1" >"$T/means"
	if [ "$2" = rank ]; then
		sort -k4,4gr -k2,2nr -k1,1 "$T/means"
	elif [ "$1" = weekday ]; then
		for d in Mon Tue Wed Thu Fri Sat Sun; do
			grep "^$d " "$T/means"
		done
	else
		LC_ALL=C sort -k1,1 "$T/means"
	fi | cut -d' ' -f1-3 >"$T/want-groups"
	groups "$1" >"$T/got-groups"
	if cmp -s "$T/want-groups" "$T/got-groups"; then
		pass "mood --by $1: $(wc -l <"$T/want-groups") groups, each as awk counted"
	else
		fail "mood --by $1: each group as awk counted" \
			"$(diff "$T/want-groups" "$T/got-groups" | head -n 10)"
	fi
}

"$TEND" index >/dev/null 2>&1
t list --format ids
expect_eq "the 700 entries are in the index" 700 "$(wc -l <"$OUT")"
expect_groups day time
expect_groups week time
expect_groups month time
expect_groups weekday time
expect_groups tag rank
expect_groups feeling rank
expect_groups goal rank
expect "hundreds of day groups" test "$(wc -l <"$T/want-day")" -gt 400
expect "and of tags" test "$(wc -l <"$T/want-tag")" -gt 100
t mood --by tag --ascii
expect_rc 0 "mood --by tag as text"
expect_eq "a line for each tag" "$(wc -l <"$T/want-tag")" \
	"$(grep -c '^  tag[0-9]' "$OUT")"

# --- the limits of a search --------------------------------------------
"$TEND" save -m "Entries" >/dev/null 2>&1
"$TEND" new -m "Walnut and almond, a long walk in the river valley." \
	"Walnut" >/dev/null 2>&1 || echo "Bail out! cannot write an entry"

# words N WORD SEP: WORD N times, joined by SEP
words() {
	awk -v n="$1" -v w="$2" -v s="$3" \
		'BEGIN { for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? s : ""), w }'
}

snap
t search "$(words 31 pebble ' OR ') OR walnut"
expect_rc 0 "32 words in a search (the limit) work"
expect_out "Walnut" "and find the entry"
t search "$(words 32 pebble ' OR ') OR walnut"
expect_rc 2 "33 words are a usage error (exit 2)"
expect_err "tend: cannot search: the search has 33 words and phrases, and \
at most 32 go in one" "which says the limit"
expect_eq "and prints nothing" "" "$(cat "$OUT")"
same "a search over its limit"

t search "$(words 4000 a ' OR ')"
expect_rc 2 "4,000 words are refused, not searched for"
expect_err "the search is 19996 bytes long, and at most 1000 go in one" \
	"first by their length"
t search "$(words 300 a ' ')"
expect_rc 2 "300 words in 599 bytes are refused"
expect_err "the search has 300 words and phrases, and at most 32 go in one" \
	"by their number"

# a phrase is one, however long; its words cost little
t search "\"$(words 120 walnut ' ')\" OR walnut"
expect_rc 0 "a phrase of 120 words and a word are two"
expect_out "Walnut" "and the search works"
t search "$(words 31 '"river valley"' ' OR ') OR \"long walk\""
expect_rc 0 "32 phrases work"
t search "$(words 33 '"river valley"' ' OR ')"
expect_rc 2 "33 phrases do not"

# operators, columns and NEAR's distance are not words
t search "title: walnut OR {title body}: $(words 30 walnut ' AND ')"
expect_rc 0 "AND, OR and column names are not counted"
t search "NEAR($(words 32 walnut ' '), 10)"
expect_rc 0 "a NEAR group of 32 words works (its distance is not a word)"
expect_out "Walnut" "and finds the entry"
t search "NEAR($(words 33 walnut ' '), 10)"
expect_rc 2 "a NEAR group of 33 words does not: each is a phrase"

# prefixes cost most
t search "wal* OR alm* OR riv* OR val*"
expect_rc 0 "4 prefixes work"
expect_out "Walnut" "and find the entry"
t search "wal* OR alm* OR riv* OR val* OR lon*"
expect_rc 2 "5 prefixes do not"
expect_err "the search has 5 prefixes (word*), and at most 4 go in one" \
	"and the message says so"
t search '"wal*" OR walnut'
expect_rc 0 "a * inside quotes is no prefix"

# the length: 1,000 bytes work, 1,001 do not
q="walnut $(words 993 x '')"
expect_eq "a search of 1,000 bytes" 1000 "$(printf '%s' "$q" | wc -c)"
t search "$q"
expect_rc 0 "1,000 bytes work"
t search "${q}x"
expect_rc 2 "1,001 bytes do not"
expect_err "the search is 1001 bytes long, and at most 1000 go in one" \
	"and the message says so"
t search --help
expect_out "at most 32 words and phrases" "search --help tells the limits"
same "searches over their limits"

done_testing
