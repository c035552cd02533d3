# The modules of src/ stand in layers: no module includes (so calls) one
# that includes it back, directly or through others (a loop found is
# printed as the modules on it), and only the faces of the modules that
# work git (store, checkout, merge, remote) bring libgit2 to those that
# include them.
. tests/cli/lib.sh

loops=$(python3 - "$(pwd)/src" <<'PY'
import os, re, sys
src = sys.argv[1]
mods = {f[:-2] for f in os.listdir(src) if f.endswith(".c")}
uses = {}
for m in mods:
    with open(os.path.join(src, m + ".c")) as f:
        names = set(re.findall(r'#include "([a-z_]+)\.h"', f.read()))
    uses[m] = sorted((names & mods) - {m})
loops = set()
def walk(path):
    for n in uses[path[-1]]:
        if n in path:
            loop = path[path.index(n):]
            k = loop.index(min(loop))
            loops.add(" -> ".join(loop[k:] + loop[:k]))
        else:
            walk(path + [n])
for m in sorted(mods):
    walk([m])
print("\n".join(sorted(loops)))
PY
)
expect_eq "no module of src/ calls one that calls it back" "" "$loops"

expect_eq "only the git modules' headers include <git2.h>" \
	"src/checkout.h src/merge.h src/remote.h src/store.h" \
	"$(grep -l '^#include <git2' src/*.h src/cmd/*.h 2>/dev/null |
		sort | paste -sd ' ')"

done_testing
