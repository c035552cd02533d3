# tools/make-demo (make demo): the demo journal from samples/ holds the
# goals and entries, a plan for the hard moments and a grounding
# check-in, and its site shows the entries but never the plan.
. tests/cli/lib.sh

top=$(pwd)
sh tools/make-demo "$TEND" samples "$T/demo" >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0 "make-demo makes the demo journal"
expect_no_err "very hard day" "quietly: no kind reply while adding old entries"
expect_out "site/index.html" "it says where the site is"
cd "$T/demo"
expect_eq "every sample is an entry" "$(ls "$top"/samples/entries/*.md | wc -l)" \
	"$(find entries -name '*.md' | wc -l)"
expect "the plan is in the journal" cmp -s "$top/samples/plan.md" plan.md
expect "committed" git log --format=%s -- plan.md
expect_not "the demo's own [care] setting is gone" test -e .tend/config.ini
t plan show
expect_out "## Who I can call" "plan show prints it"
t list --tag grounding
expect_out "After grounding (box) #grounding" "a grounding check-in"
t show 2026-10-13-2358-after-grounding-box
expect_out "mood: 3" "with its mood"
expect "the check-in is on the site" grep -rq "After grounding (box)" site
expect_not "the plan is not" grep -rq "Walk around the block, no phone" site
done_testing
