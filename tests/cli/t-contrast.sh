# The colours of the charts (issue 18), computed from the style sheet
# itself: every step of the mood scale (--l1 .. --l5) has a contrast of
# at least 3:1 (WCAG 2's relative luminance) against an empty day (--l0)
# and against the page (--bg), in the light theme, the dark one
# (prefers-color-scheme: dark) and print; the stroke across the lowest
# step is the page's colour, so it stands out from that step as well;
# the bars, the line and the average stand out from the page, the bars
# from their track (--track). The style sheet tested is the one render writes.
. tests/cli/lib.sh
css="$(pwd)/templates/html/style.css"

# The WCAG 2 contrast ratio of two colours (#rgb or #rrggbb).
LUMINANCE='
function hex(s, i) { return index("0123456789abcdef", substr(s, i, 1)) - 1 }
function channel(s, i,  c) {
	c = (hex(s, i) * 16 + hex(s, i + 1)) / 255
	return c <= 0.04045 ? c / 12.92 : exp(2.4 * log((c + 0.055) / 1.055))
}
function luminance(s) {
	s = tolower(s)
	sub(/^#/, "", s)
	if (length(s) == 3)
		s = substr(s, 1, 1) substr(s, 1, 1) substr(s, 2, 1) \
		    substr(s, 2, 1) substr(s, 3, 1) substr(s, 3, 1)
	return 0.2126 * channel(s, 1) + 0.7152 * channel(s, 3) + \
	       0.0722 * channel(s, 5)
}
function ratio(a, b,  x, y) {
	x = luminance(a) + 0.05
	y = luminance(b) + 0.05
	return x > y ? x / y : y / x
}'

# contrast A B: their ratio, to two decimals
contrast() {
	awk -v a="$1" -v b="$2" "$LUMINANCE"'BEGIN { printf "%.2f\n", ratio(a, b) }'
}

# themes: every custom property of each theme, "THEME NAME VALUE" a
# line: light (the top :root), dark (the light one, then what the
# prefers-color-scheme: dark block sets) and print (light, then print's)
themes() {
	awk '
	/^@media/ {
		theme = /prefers-color-scheme: *dark/ ? "dark" : \
			/print/ ? "print" : "other"
	}
	/^}/ { theme = "" }
	/^[ \t]*--[a-z0-9-]+:[ \t]*#[0-9a-fA-F]+;/ {
		name = $1
		sub(/:$/, "", name)
		value = $2
		sub(/;.*/, "", value)
		t = theme == "" ? "light" : theme
		set[t, name] = value
		if (!(name in seen)) {
			seen[name] = 1
			names[++n] = name
		}
	}
	END {
		split("light dark print", all, " ")
		for (k = 1; k <= 3; k++)
			for (i = 1; i <= n; i++) {
				v = set[all[k], names[i]]
				if (v == "")
					v = set["light", names[i]]
				print all[k], names[i], v
			}
	}' "$1"
}

# var THEME NAME: the colour of --NAME in THEME
var() {
	awk -v t="$1" -v n="--$2" '$1 == t && $2 == n { print $3 }' \
		"$T/themes"
}

# at_least RATIO THEME A B: --A against --B in THEME is RATIO:1 or more
at_least() {
	a=$(var "$2" "$3")
	b=$(var "$2" "$4")
	if [ -z "$a" ] || [ -z "$b" ]; then
		fail "$2: --$3 against --$4" "no colour: '$a', '$b'"
		return
	fi
	got=$(contrast "$a" "$b")
	if awk -v a="$a" -v b="$b" -v w="$1" "$LUMINANCE"'
	BEGIN { exit !(ratio(a, b) >= w) }'; then
		pass "$2: --$3 ($a) against --$4 ($b) is $got:1, $1:1 at least"
	else
		fail "$2: --$3 ($a) against --$4 ($b) is $got:1, under $1:1"
	fi
}

# --- the arithmetic, against figures known --------------------------------
expect_eq "black on white is 21:1" "21.00" "$(contrast '#000' '#ffffff')"
expect_eq "a colour against itself is 1:1" "1.00" \
	"$(contrast '#4c80bb' '#4C80BB')"
expect_eq "#767676 on white is 4.54:1 (WebAIM's AA threshold)" "4.54" \
	"$(contrast '#767676' '#fff')"
# the colours the issue measured, so the check can say no
expect_eq "the old lowest light step against an empty day: 1.17:1" \
	"1.17" "$(contrast '#c9d9e8' '#ebe7de')"
expect_eq "and in the dark: 1.20:1" "1.20" \
	"$(contrast '#24384b' '#2b2925')"

# --- the style sheet render writes is the one read here -------------------
journal "$T/j"
t render
expect_rc 0 "render writes a site"
expect "its style.css is templates/html/style.css" cmp "$css" \
	"$T/j/site/style.css"

themes "$css" >"$T/themes"
expect "the style sheet has a dark theme" \
	grep -q 'prefers-color-scheme: dark' "$css"
expect_eq "each theme sets the whole mood scale" "3 3 3 3 3 3 3" \
	"$(for v in bg l0 l1 l2 l3 l4 l5; do
		awk -v n="--$v" '$2 == n && $3 != ""' "$T/themes" | wc -l
	done | tr -d ' ' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the dark theme has its own scale" 6 \
	"$(sed -n '/prefers-color-scheme: dark/,/^}/p' "$css" |
		grep -c '^[[:space:]]*--l[0-5]:')"

# --- every step against an empty day and the page ------------------------
for theme in light dark print; do
	for step in l1 l2 l3 l4 l5; do
		at_least 3 "$theme" "$step" l0
		at_least 3 "$theme" "$step" bg
	done
	# the other marks of the charts
	at_least 3 "$theme" bar bg
	at_least 3 "$theme" bar track
	at_least 3 "$theme" line bg
	at_least 3 "$theme" avg bg
done

# --- the lowest step carries a mark of its own ----------------------------
expect "the lowest step is struck through in the page's colour" sh -c \
	"sed -n '/^svg.chart .low {/,/^}/p' '$css' | grep -q 'stroke: var(--bg);'"
expect "and each level is drawn in its colour" sh -c \
	"for l in 0 1 2 3 4 5; do
		grep -q \"^svg.chart .l\$l { fill: var(--l\$l); }\" '$css' || exit 1
	done"
done_testing
