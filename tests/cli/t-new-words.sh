# tend new --goal names a goal of the journal, or is refused with the
# one it is likely a slip of or the goals there are; a tag or feeling
# new to the journal but close to one it has (boundary, boundaries) is
# saved with a hint.
. tests/cli/lib.sh
journal "$T/j"

c0=$(commits)
t new "First" -m "Words." --goal calm
expect_rc 2 "--goal with no goals yet: exit 2"
expect_err "there is no goal 'calm': the journal has no goals yet ('tend goal add' makes one)" "says so"
expect_eq "and writes nothing" "$c0" "$(commits)"
expect_eq "nor keeps a draft" "" "$(ls .tend/drafts 2>/dev/null)"

"$TEND" goal add calm "Stay calm" >/dev/null
"$TEND" goal add clarity "Get clear" >/dev/null
c0=$(commits)
t new "First" -m "Words." --goal clam
expect_rc 2 "--goal with a slip: exit 2"
expect_err "there is no goal 'clam'; did you mean 'calm'?" "names the goal meant"
t new "First" -m "Words." --goal calm --goal boundaries
expect_rc 2 "one good goal and one that is none: exit 2"
expect_err "there is no goal 'boundaries' (the goals are: calm, clarity; 'tend goal add' makes one)" "lists the goals"
t new "First" -m "Words." --goal calm,clarty
expect_rc 2 "a slip in a comma list too"
expect_err "did you mean 'clarity'?" "names it"
expect_eq "none of them wrote anything" "$c0" "$(commits)"
t new "First" --no-edit --goal calm,clarity
expect_rc 0 "goals that are there"
expect "are saved" grep -qx "goals: \[calm, clarity\]" "$(entry_file "$(cat "$OUT")")"

# tags and feelings
"$TEND" new -m a --tag boundaries --feeling anxious >/dev/null
"$TEND" new -m b --tag boundaries --tag need >/dev/null
t new -m c --tag boundary --feeling anxius --tag needs --tag brandnew
expect_rc 0 "near tags and feelings are saved"
id=$(cat "$OUT")
f=$(entry_file "$id")
expect "as given" grep -qx "tags: \[boundary, needs, brandnew\]" "$f"
expect_err "the tag 'boundary' is new here; your entries use 'boundaries' (2 times) ('tend edit $id' changes it)" "singular of a plural"
expect_err "the tag 'needs' is new here; your entries use 'need' (1 time)" "plural of a singular"
expect_err "the feeling 'anxius' is new here; your entries use 'anxious' (1 time)" "a typing slip"
expect_no_err "brandnew" "a new word with nothing near says nothing"
t new -m d --tag Boundaries --feeling ANXIOUS
expect_no_err "is new here" "another case of a word used is no new word"
t new -m e --tag boundary
expect_no_err "is new here" "once used, a word is no longer new"
# with no index yet, new builds none for a hint
journal "$T/k"
"$TEND" new -m a --tag boundaries >/dev/null
t new -m b --tag boundary
expect_rc 0 "a near tag in a journal with no index"
expect_no_err "is new here" "no index: no hint"
expect_not "and no index is built for it" test -e .tend/index.db
done_testing
