# The options a man page's OPTIONS section lists: every Fl on an .It
# line there ("Fl -format" is --format, "Fl n" is -n), one a line.
/^\.Sh / { in_opts = ($2 == "OPTIONS") ; next }
in_opts && /^\.It / {
	n = split($0, w, /[ \t]+/)
	for (i = 1; i < n; i++)
		if (w[i] == "Fl") {
			o = w[i + 1]
			gsub(/\\/, "", o)
			sub(/[=,].*/, "", o)
			print "-" o
		}
}
