# The modules of src/ stand in layers: no module includes (so calls) one
# that includes it back, directly or through others (a loop found is
# printed as the modules on it), and only the faces of the modules that
# work git (store, checkout, merge, remote) bring libgit2 to those that
# include them. src/render/ is one module, render, with layers of its
# own: model.c below markdown.c and pages.c, below render.c and export.c.
. tests/cli/lib.sh

loops=$(python3 - "$(pwd)/src" <<'PY'
import os, re, sys
src = sys.argv[1]
mods = {f[:-2] for f in os.listdir(src) if f.endswith(".c")} | {"render"}
uses = {}
for m in mods:
    files = [os.path.join(src, m + ".c")]
    if m == "render":
        d = os.path.join(src, "render")
        files = [os.path.join(d, f) for f in os.listdir(d)]
    names = set()
    for path in files:
        with open(path) as f:
            names |= set(re.findall(r'#include "(?:render/)?([a-z_]+)\.h"',
                                    f.read()))
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

# inside render: what each layer calls of the ones beside and above it
calls_up() {
	grep -nE "\\<($2)[a-z_]*\\(" "src/render/$1.c" | head -3
}
expect_eq "render's model calls no page, Markdown or entry point" "" \
	"$(calls_up model 'page_|pages_|markdown_|render_(site|export|document)')"
expect_eq "render's Markdown calls no model, page or entry point" "" \
	"$(calls_up markdown 'model_|page_|pages_|render_(site|export|document)')"
expect_eq "render's pages call no entry point" "" \
	"$(calls_up pages 'render_(site|export|document)|export_')"
expect_eq "render.h is the module's only face outside src/render/" "" \
	"$(grep -rln 'render/internal.h\|"internal.h"' src --include=*.c |
		grep -v '^src/render/')"

expect_eq "only the git modules' headers include <git2.h>" \
	"src/checkout.h src/convert.h src/merge.h src/remote.h src/store.h" \
	"$(grep -l '^#include <git2' src/*.h src/cmd/*.h src/render/*.h 2>/dev/null |
		sort | paste -sd ' ')"

done_testing
