# What an entry holds can never become code in the HTML journal (issue 5):
# a title, tags, feelings, a prompt, a goal and a body full of markup and
# script come out as text, in every page, the export and the charts.
. tests/cli/lib.sh
journal "$T/j"
SITE="$T/j/site"

mkdir -p goals
cat >goals/boundaries.md <<'EOF2'
---
title: "<script>alert('goal')</script>"
status: active
---

Why: <script>alert(2)</script> and <img src=x onerror=alert(3)>.
EOF2
"$TEND" save -m "Add a goal" >/dev/null
cat >"$T/evil.md" <<'EOF2'
---
title: <script>alert(1)</script>
tags: ["\"><img src=x onerror=alert(1)>", "<svg onload=alert(1)>"]
feelings: ["<b>bold</b>", "' onmouseover='alert(1)"]
goals: [boundaries]
ratings: {boundaries: 2}
mood: 3
prompt: "</dd><script>alert(1)</script>"
---

<script>alert(1)</script>

[x](javascript:alert(1)) and [y](JAVASCRIPT:alert(1)) and
[z](  javascript:alert(1)) and ![i](javascript:alert(1))

<a href="javascript:alert(1)">raw link</a>
<img src=x onerror=alert(1)>
<iframe src="https://example.org"></iframe>

`<script>in code</script>`

    <script>indented code</script>
EOF2
"$TEND" new --stdin --date "2026-11-02 20:30" <"$T/evil.md" >/dev/null ||
	fail "cannot write the entry"
t render
expect_rc 0 "render of an entry full of markup"

# no_markup FILES...: none of the FILES holds a script, an event
# handler or a javascript: URL, in any case
no_markup() {
	if grep -ilE '<script|onerror=|onload=|onmouseover=|javascript:|<iframe|<svg onload|<object|<embed' "$@" >"$T/bad"; then
		fail "$desc" "markup in: $(cat "$T/bad" | tr '\n' ' ')" \
			"$(grep -ioE '.{30}(<script|onerror=|onload=|onmouseover=|javascript:|<iframe|<img).{30}' "$@" | head -5)"
	else
		pass "$desc"
	fi
}
desc="no page has <script, an event handler or javascript:"
no_markup $(find "$SITE" -name '*.html')
expect "the title is shown as text" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' \
	"$SITE/entries/2026-11-02-2030-script-alert-1-script.html"
expect "and the tags" grep -qF '&quot;&gt;&lt;img src' \
	"$SITE/entries/2026-11-02-2030-script-alert-1-script.html"
expect "the raw HTML of the body is left out" grep -qF '<!-- raw HTML omitted -->' \
	"$SITE/entries/2026-11-02-2030-script-alert-1-script.html"
expect "code shows the markup as text" grep -qF '<code>&lt;script&gt;in code&lt;/script&gt;</code>' \
	"$SITE/entries/2026-11-02-2030-script-alert-1-script.html"
expect "the tag pages have safe file names" sh -c \
	"ls '$SITE/tags' | grep -qx 'img-src-x-onerror-alert-1.html'"

desc="nor the export's HTML"
"$TEND" export --format html -o "$T/export.html" 2>/dev/null
no_markup "$T/export.html"
expect "the export has the entry" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' \
	"$T/export.html"

# a template of the user's that asks for a value raw still gets it escaped
mkdir -p templates/html
printf '{{> head}}<h1>{{{title}}}</h1>{{#tags}}{{{name}}}{{/tags}}{{{prompt}}}{{> foot}}\n' \
	>templates/html/entry.html
t render
expect_rc 0 "render with a template that uses {{{ }}} for the user's values"
desc="even then, no page has markup from an entry"
no_markup $(find "$SITE" -name '*.html')
done_testing
