# options a --help text lists: the leading column of lines indented by
# one to six spaces that begin with a dash
{
	s = $0; sub(/^ +/, "", s); ind = length($0) - length(s)
	if (ind < 1 || ind > 6 || s !~ /^-/) next
	n = split(s, w, /[ ,]+/)
	for (i = 1; i <= n; i++) {
		if (w[i] ~ /^--?[A-Za-z0-9]/) {
			o = w[i]; sub(/[=\[].*/, "", o); print o; continue
		}
		if (w[i] ~ /^[A-Z][A-Z0-9_|.]*$/ || w[i] ~ /\|/ || w[i] ~ /^\[/) continue
		break
	}
}
