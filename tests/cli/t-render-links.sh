# The links of the charts (issue 18), followed on a rendered journal:
# every day of a chart (the mood over time, the year's calendar, a
# goal's ratings) links to a page that holds an entry of that day (its
# month's page, at the anchor of the day), and every bar to the list
# of its entries (a tag's page; a weekday's or a feeling's list on the
# mood page). Days are the entries' own: one written late in the
# evening in Chicago is of that evening, whatever the clock says.
. tests/cli/lib.sh
journal "$T/j"
SITE="$T/j/site"

# entry FILE DATE [MOOD [FRONT MATTER LINES...]]: an entry file
entry() {
	file=$1 date=$2 mood=${3:-}
	shift 3 2>/dev/null || shift $#
	mkdir -p "entries/$(dirname "$file")"
	{
		echo "---"
		echo "title: Entry $file"
		echo "date: $date"
		[ -n "$mood" ] && echo "mood: $mood"
		for line in "$@"; do
			echo "$line"
		done
		echo "---"
		echo
		echo "Words of $file."
	} >"entries/$file.md"
}

mkdir -p goals
printf -- '---\ntitle: Say what I need\nstatus: active\n---\n\nx\n' \
	>goals/boundaries.md
entry 2026/10/a 2026-10-03T21:10:00+02:00 3 'tags: [conflict, Home]' \
	'feelings: [frustrated, Calm]' 'goals: [boundaries]'
# late on the last evening of October in Chicago: 1 November in UTC
entry 2026/10/b 2026-10-31T23:30:00-05:00 4 'tags: [home]' \
	'feelings: [calm, calm]' 'goals: [boundaries]' \
	'ratings: {boundaries: 2}'
# two on one day, one of them with no mood
entry 2026/11/c 2026-11-02T08:00:00+01:00 6 'tags: [conflict]' \
	'feelings: [proud]' 'goals: [boundaries]' 'ratings: {boundaries: 3}'
entry 2026/11/d 2026-11-02T20:30:00+01:00 8 'feelings: [calm]'
entry 2026/11/e 2026-11-02T21:00:00+01:00 '' 'tags: [home]'
entry 2026/11/f 2026-11-09T22:00:00-08:00 5 'tags: [conflict]' \
	'goals: [boundaries]' 'ratings: {boundaries: 4}'
entry 2026/11/g 2026-11-12T10:00:00+00:00 2 'private: true' \
	'tags: [secret]' 'feelings: [withheld]'
"$TEND" save -m "The journal" >/dev/null || fail "cannot save the journal"

# href_file PAGE HREF: the file HREF leads to from PAGE (in the site),
# without its fragment
href_file() {
	dir=$(dirname "$1")
	target=${2%%#*}
	[ -z "$target" ] && target=$(basename "$1")
	(cd "$SITE/$dir" 2>/dev/null && cd "$(dirname "$target")" 2>/dev/null &&
		echo "$(pwd)/$(basename "$target")")
}

# day_links PAGE: the links of the days of the charts of PAGE, one a
# line: "HREF DAY" (the day its <title> names)
day_links() {
	grep -o '<a href="[^"]*"[^>]*><title>[0-9-]*: [0-9]' "$SITE/$1" |
		sed 's/^<a href="\([^"]*\)".*<title>\([0-9-]*\): .*/\1 \2/'
}

# anchored FILE ID: the datetime of the entry of the list item of FILE
# whose id is ID (empty if there is none)
anchored() {
	awk -v id="$2" '
	index($0, "<li id=\"" id "\">") == 1 { on = 1 }
	on && /<time datetime="/ {
		sub(/.*<time datetime="/, "")
		sub(/".*/, "")
		print
		exit
	}
	on && /^<\/li>/ { exit }' "$1"
}

# check_days PAGE WANT: every chart day's link of PAGE leads to its
# month's page, at an item with the day's id, of an entry of that day;
# and the days linked are WANT (one a line)
check_days() {
	day_links "$1" >"$T/links"
	bad=""
	while read -r href day; do
		file=$(href_file "$1" "$href")
		frag=${href#*#}
		if [ -z "$file" ] || [ ! -f "$file" ]; then
			bad="$bad$href: no such page; "
			continue
		fi
		case $file in
		*/archive/"$(echo "$day" | cut -c1-7)".html) ;;
		*) bad="$bad$href: not the month of $day; " ;;
		esac
		[ "$frag" = "d$day" ] || bad="$bad$href: not the anchor of $day; "
		when=$(anchored "$file" "$frag")
		case $when in
		"$day"T*) ;;
		*) bad="$bad$href: the entry there is of '$when', not $day; " ;;
		esac
	done <"$T/links"
	if [ -z "$bad" ]; then
		pass "$1: $(wc -l <"$T/links") chart days, each to its entries"
	else
		fail "$1: chart days lead to their entries" "$bad"
	fi
	expect_eq "$1: the days linked" "$2" \
		"$(awk '{ print $2 }' "$T/links" | sort -u)"
}

# bars PAGE: the bars of PAGE, one a line: "HREF COUNT LABEL"
bars() {
	grep '^<tr><th scope="row">' "$SITE/$1" |
		sed 's/^<tr><th scope="row"><a href="\([^"]*\)">\([^<]*\)<\/a>.*<td class="count">\([0-9]*\)\*\{0,1\}<.*/\1 \3 \2/'
}

# group_entries ID: the links of the list with the id ID on the mood page
group_entries() {
	awk -v id="$1" '
	index($0, "<div class=\"group\" id=\"" id "\">") == 1 { on = 1 }
	on && /<li><a href="/ {
		s = $0
		sub(/.*<li><a href="/, "", s)
		sub(/".*/, "", s)
		print s
	}
	on && /^<\/div>/ { exit }' "$SITE/mood.html"
}

# check_bars: every bar of the mood page leads to a list of its entries:
# a tag's page listing at least its count, each with the tag; a list on
# the page of exactly its count, each with the weekday or the feeling
check_bars() {
	bars mood.html >"$T/bars"
	bad=""
	while read -r href count label; do
		case $href in
		\#weekday-* | \#feeling-*)
			group_entries "${href#\#}" >"$T/group"
			[ "$(wc -l <"$T/group")" = "$count" ] ||
				bad="$bad$label: $(wc -l <"$T/group") entries listed, not $count; "
			while read -r e; do
				page="$SITE/$e"
				[ -f "$page" ] || { bad="$bad$label: no $e; "; continue; }
				case $href in
				\#weekday-*)
					day=$(grep -o 'datetime="[0-9-]*' "$page" |
						head -1 | cut -d'"' -f2)
					[ "$(date -d "$day" +%A)" = "$label" ] ||
						bad="$bad$label: $e is of $day; " ;;
				*)
					grep -qi "<span class=\"feeling\">$label</span>" \
						"$page" || bad="$bad$label: not in $e; " ;;
				esac
			done <"$T/group"
			;;
		tags/*)
			page=$(href_file mood.html "$href")
			if [ -z "$page" ] || [ ! -f "$page" ]; then
				bad="$bad$label: no page $href; "
				continue
			fi
			listed=$(grep -c 'class="entry-title"' "$page")
			[ "$listed" -ge "$count" ] ||
				bad="$bad$label: $listed entries listed, under $count; "
			grep -q "<h1><span class=\"tag\">$label</span></h1>" "$page" ||
				bad="$bad$label: $href is another tag's; "
			;;
		*) bad="$bad$label: leads to $href; " ;;
		esac
	done <"$T/bars"
	if [ -z "$bad" ]; then
		pass "mood.html: $(wc -l <"$T/bars") bars, each to its entries"
	else
		fail "mood.html: every bar leads to its entries" "$bad"
	fi
}

# 2026-11-20 12:00 UTC
SOURCE_DATE_EPOCH=1795176000 t render
expect_rc 0 "render of the journal"

# the days with a mood, on their own clocks; not the private one's
mood_days="2026-10-03
2026-10-31
2026-11-02
2026-11-09"
check_days mood.html "$mood_days"
expect_eq "the mood page links each day twice: over time, in the year" 8 \
	"$(day_links mood.html | wc -l)"
expect_eq "the day of two entries is one mean, of both" \
	"2026-11-02: 7.0 (2 entries)" \
	"$(grep -o 'aria-label="2026-11-02: [^"]*"' "$SITE/mood.html" |
		sort -u | cut -d'"' -f2)"
check_days goals/boundaries.html "2026-10-31
2026-11-02
2026-11-09"
expect "a day's anchor is on its first entry only" sh -c \
	"[ \$(grep -c 'id=\"d2026-11-02\"' '$SITE/archive/2026-11.html') = 1 ]"
expect_eq "each day of a month page has its anchor" \
	"d2026-11-02
d2026-11-09" \
	"$(grep -o '<li id="[^"]*"' "$SITE/archive/2026-11.html" |
		cut -d'"' -f2)"
expect "the private entry is in no chart, nor its words" sh -c \
	"! grep -q 'aria-label=\"2026-11-12\\|2026-11-12: [0-9]\\|secret\\|withheld' \
	'$SITE/mood.html' '$SITE/index.html'"

check_bars
expect_eq "the bars that lead to lists on the page" \
	"#feeling-1 1 proud
#feeling-2 3 Calm
#feeling-3 1 frustrated
#weekday-monday 3 Monday
#weekday-saturday 2 Saturday" \
	"$(bars mood.html | grep '^#' | sort)"
expect_eq "and to tags' pages" "tags/conflict.html 3 conflict
tags/home.html 2 home" "$(bars mood.html | grep '^tags/' | sort)"
expect "a list is hidden until its bar's link is followed" sh -c \
	"grep -q '^\.group {' '$SITE/style.css' &&
	 grep -q '^\.group:target {' '$SITE/style.css'"

# after a new entry, rendered again: the links still hold
entry 2026/11/h 2026-11-16T07:00:00+01:00 9 'tags: [home]' \
	'feelings: [calm]'
"$TEND" save -m "One more" >/dev/null || fail "cannot save the entry"
SOURCE_DATE_EPOCH=1795176000 t render
expect_rc 0 "render after a new entry"
check_days mood.html "$mood_days
2026-11-16"
check_bars

# sixty-one days more, in August and September: too many for a dot
# each over time, where a day's link is for a pointer only (out of the
# tab order and hidden from screen readers, which have the calendar's);
# they lead to their entries all the same
for m in 08 09; do
	for d in $(seq 1 31); do
		day=$(printf '%02d' "$d")
		[ "$m$d" = 0931 ] && continue
		entry "2026/$m/m$day" "2026-$m-${day}T21:00:00+02:00" \
			$((d % 10 + 1))
	done
done
"$TEND" save -m "Summer" >/dev/null || fail "cannot save the summer"
SOURCE_DATE_EPOCH=1795176000 t render
expect_rc 0 "render of 66 days with a mood"
check_days mood.html "$(seq -f '2026-08-%02g' 1 31)
$(seq -f '2026-09-%02g' 1 30)
$mood_days
2026-11-16"
expect_eq "each day once over time, a link for a pointer only" 66 \
	"$(grep -c '" tabindex="-1"><title>' "$SITE/mood.html")"
expect_eq "and once in the year, for anyone" 66 \
	"$(grep -c '" aria-label="20[0-9-]*: [0-9]' "$SITE/mood.html")"
check_bars
done_testing
