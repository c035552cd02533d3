# tend purge and sync: the next sync replaces the remote's history, also
# when another clone moved it meanwhile (what came in is purged the same
# way, then joined); a clone that still had the entry purges it from its
# own history when it syncs, and never sends it back; a remote that
# refuses a forced update (a pre-receive hook, over git://) is exit 5,
# and nothing here is lost.
. tests/cli/lib.sh
. tests/cli/servers.sh

SECRETS="flatsecret|leaseplan|Googled flats|bsecret"

# no_words WHAT DIR: no byte of the purged entry in DIR's git objects
no_words() {
	git -C "$2" cat-file --batch-all-objects --batch >"$T/objects" 2>/dev/null
	expect_not "$1" grep -Eqa "$SECRETS" "$T/objects"
}

# write_at CLONE REMOTE PATTERN ARGS...: the number of the first write
# to a path matching PATTERN that tend ARGS makes in CLONE, which syncs
# with the bare REMOTE, as tried on copies of the two
write_at() {
	rm -rf "$T/try" "$T/try.git"
	cp -a "$1" "$T/try"
	cp -a "$2" "$T/try.git"
	git -C "$T/try" remote set-url origin "$T/try.git"
	rm -f "$T/writes"
	pattern=$3
	shift 3
	tfault TEND_FAULT_LOG="$T/writes" -- -J "$T/try" "$@"
	grep -n "$pattern" "$T/writes" | head -1 | cut -d: -f1
}

git init -q --bare "$T/remote.git"
journal "$T/a"
t new "Googled flats" -m "flatsecret: two rooms." --date "2026-11-01 10:00"
gone=$(cat "$OUT")
t new "Other" -m "Words that stay." --date "2026-11-02 10:00"
t remote add origin "$T/remote.git"
t sync
expect_rc 0 "(a syncs the entry to the remote)"
cd "$T" || exit 1
t clone "$T/remote.git" "$T/b"
expect_rc 0 "(b clones it)"
t clone "$T/remote.git" "$T/c"
expect_rc 0 "(c clones it too, and syncs no more until later)"

# b moves the remote on: an entry of its own, and an edit of the one
# that is to go
cd "$T/b" || exit 1
t new "From b" -m "Words from b." --date "2026-11-03 10:00"
printf 'leaseplan, as b wrote.\n' >>"$(entry_file "$gone")"
t save
t sync
expect_rc 0 "(b syncs its entry and its edit)"
moved=$(git -C "$T/remote.git" rev-parse main)

# a purges, and syncs with a remote that moved since it last looked
cd "$T/a" || exit 1
t purge "$gone" --yes
expect_rc 0 "a purges the entry"
expect_out "The remote 'origin' still holds it until the next 'tend sync'" \
	"and says the remote still holds it"
t sync
expect_rc 0 "a's sync with the remote that moved"
expect_out "Replaced the history of 'origin'" "replaces the remote's history"
no_words "the remote holds no byte of the purged entry" "$T/remote.git"
expect "git fsck of the remote is clean" git -C "$T/remote.git" fsck --strict
expect "b's entry came in, joined" test -n "$(entry_file 2026-11-03-1000-from-b)"
expect "and went out with the rest" \
	git -C "$T/remote.git" cat-file -e main:entries/2026/11/2026-11-03-1000-from-b.md
expect_not "b's edit of the purged entry did not come back" \
	test -e "$(entry_file "$gone")"
no_words "nor is any byte of it left in a" "$T/a"
expect "git fsck of a is clean" git fsck --strict
expect_not "the remote's old tip is gone from the remote" \
	git -C "$T/remote.git" cat-file -e "$moved"

# b still has the entry, and a draft of it: its sync stops and asks
cd "$T/b" || exit 1
printf '#!/bin/sh\nprintf "bsecret in a draft\\n" >>"$1"; kill -9 $$\n' >"$T/crash"
chmod +x "$T/crash"
EDITOR="$T/crash" t edit "$gone"
expect "(b keeps a draft of the entry)" test -n "$(ls .tend/drafts)"
b_head=$(git rev-parse HEAD)
remote_head=$(git -C "$T/remote.git" rev-parse main)
t sync
expect_rc 5 "b's sync stops: the purge came from elsewhere (exit 5)"
expect_err "another clone purged from the history 'origin' holds an entry this journal still has:" \
	"it says so"
expect_err "  $gone" "naming the entry"
expect_err "'tend sync --take-purge'" "and what purges it here too"
expect_eq "b's history is as it was" "$b_head" "$(git rev-parse HEAD)"
expect "b's entry is still there" test -e "$(entry_file "$gone")"
expect_eq "nothing was sent" "$remote_head" \
	"$(git -C "$T/remote.git" rev-parse main)"
no_words "and the remote still holds none of it" "$T/remote.git"
t sync --take-purge
expect_rc 0 "b's sync --take-purge"
expect_err "  $gone" "names what goes"
expect_not "b's file of it is gone" test -e "$(entry_file "$gone")"
expect_eq "so is b's draft of it" "" "$(ls .tend/drafts)"
no_words "no byte of it is left in b" "$T/b"
expect "git fsck of b is clean" git fsck --strict
expect "b keeps its own entry" test -n "$(entry_file 2026-11-03-1000-from-b)"
no_words "and b sent none of it back" "$T/remote.git"
other=$(git -C "$T/a" log --format=%H -1 -- "entries/2026/11/2026-11-02-1000-other.md")
expect "the commits both purged are the same commits in both clones" \
	git merge-base --is-ancestor "$other" HEAD

# c had it since the start, and syncs only now, with an edit of its own,
# answering on a terminal
cd "$T/c" || exit 1
printf 'bsecret typed in c.\n' >>"$(entry_file "$gone")"
t new "From c" -m "Words from c." --date "2026-11-04 10:00"
printf 'n\n' >"$T/typed"
on_tty "cd '$T/c' && '$TEND' sync"
expect "on a terminal it asks" grep -q "Purge it here too, every version, for good?" "$OUT"
expect "no is no" test -e "$(entry_file "$gone")"
printf 'y\n' >"$T/typed"
on_tty "cd '$T/c' && '$TEND' sync"
expect_eq "yes purges it and syncs" 0 "$rc"
no_words "no byte of it is left in c, its own edit included" "$T/c"
no_words "and none reached the remote" "$T/remote.git"
expect "c's other entry went out" \
	git -C "$T/remote.git" cat-file -e main:entries/2026/11/2026-11-04-1000-from-c.md
expect "git fsck of c is clean" git fsck --strict

# two clones purge two entries, each its own, and both records stay
cd "$T/a" && t sync >/dev/null
cd "$T/b" && t sync >/dev/null
cd "$T/a" || exit 1
t purge 2026-11-03-1000-from-b --yes
expect_rc 0 "(a purges b's entry)"
cd "$T/b" || exit 1
t purge 2026-11-02-1000-other --yes
expect_rc 0 "(b purges another, before syncing)"
cd "$T/a" && t sync
expect_rc 0 "a syncs its purge"
cd "$T/b" && t sync --take-purge
expect_rc 0 "b syncs its own purge and takes a's"
cd "$T/a" && t sync --take-purge
expect_rc 0 "a takes b's"
expect_eq "both records are in .tend-purged/, beside the first one's" 3 \
	"$(ls .tend-purged | wc -l)"
expect_eq "and no conflict copy of either" "" \
	"$(find . -path ./.git -prune -o -name '*conflict*' -print)"
cd "$T/c" && t sync --take-purge
expect_rc 0 "c, which had both, syncs"
expect_eq "neither came back to the remote" \
	"entries/2026/11/2026-11-04-1000-from-c.md" \
	"$(git -C "$T/remote.git" ls-tree -r --name-only main entries)"
cd "$T/a" && t sync && cd "$T/b" && t sync && cd "$T/c" && t sync
expect_eq "a, b and c end at one commit" \
	"$(git -C "$T/a" rev-parse HEAD) $(git -C "$T/a" rev-parse HEAD)" \
	"$(git -C "$T/b" rev-parse HEAD) $(git -C "$T/c" rev-parse HEAD)"

# --- the remote moves while the sync runs: nothing is replaced -------------------
git init -q --bare "$T/moving.git"
journal "$T/m1"
t new "Googled flats" -m "flatsecret, moving." --date "2026-11-01 10:00"
mgone=$(cat "$OUT")
t new "Other" -m "Words that stay." --date "2026-11-02 10:00"
t remote add origin "$T/moving.git"
t sync
cd "$T" && t clone "$T/moving.git" "$T/m2" && cd "$T/m2" || exit 1
t new "Meanwhile" -m "Sent while m1 synced." --date "2026-11-05 10:00"
cd "$T/m1" || exit 1
t purge "$mgone" --yes
# the sync stops once it fetched (at its write of FETCH_HEAD), and m2
# sends its entry before it goes on
at=$(write_at "$T/m1" "$T/moving.git" FETCH_HEAD sync)
expect "(the sync ends its fetch at write $at)" test -n "$at"
stopped_at "$at" sync
(cd "$T/m2" && "$TEND" sync >/dev/null 2>&1)
moved=$(git -C "$T/moving.git" rev-parse main)
go_on
expect_rc 5 "the remote moved while the sync ran: exit 5"
expect_err "'origin' moved while this sync ran (another clone synced to it): its history was not replaced; sync again" \
	"it says so"
expect_eq "what the other clone sent is still there" "$moved" \
	"$(git -C "$T/moving.git" rev-parse main)"
no_words "and what this sync fetched is not kept" "$T/m1"
t sync
expect_rc 0 "the next sync replaces the remote's history"
expect "with the other clone's entry in it" \
	git -C "$T/moving.git" cat-file -e main:entries/2026/11/2026-11-05-1000-meanwhile.md
no_words "and none of the purged entry" "$T/moving.git"

# --- another purge lands while a clone takes in the first -----------------------
git init -q --bare "$T/race.git"
journal "$T/p1"
t new "Googled flats" -m "flatsecret in the race." --date "2026-11-01 10:00"
xgone=$(cat "$OUT")
t new "Second secret" -m "ysecret words." --date "2026-11-02 10:00"
ygone=$(cat "$OUT")
t remote add origin "$T/race.git"
t sync
cd "$T" && t clone "$T/race.git" "$T/p2"
cd "$T/p1" && t purge "$xgone" --yes && t sync
cd "$T" && t clone "$T/race.git" "$T/p3"
# p2's sync that takes in the purge stops as it begins to purge its own
# history, and p3 purges another entry and syncs meanwhile
at=$(write_at "$T/p2" "$T/race.git" '\.tend/\.convert' sync --take-purge)
expect "(p2 purges its own history from write $at)" test -n "$at"
cd "$T/p2" || exit 1
stopped_at "$at" sync --take-purge
(cd "$T/p3" && "$TEND" purge "$ygone" --yes >/dev/null 2>&1 &&
	"$TEND" sync >/dev/null 2>&1)
go_on
expect_rc 5 "a purge that lands while p2 takes in another: exit 5"
expect_err "'origin' moved while this sync ran (another clone purged more): sync again" \
	"it says so"
SECRETS="$SECRETS|ysecret" no_words "and sends nothing of it back" "$T/race.git"
t sync --take-purge
expect_rc 0 "p2's next sync takes in the second purge too"
SECRETS="$SECRETS|ysecret" no_words "no byte of either is left in p2" "$T/p2"
SECRETS="$SECRETS|ysecret" no_words "nor in the remote" "$T/race.git"

# --- a remote that refuses a forced update ----------------------------------------
need_git_daemon
srv="$T/srv"
mkdir -p "$srv"
git init -q --bare "$srv/x.git"
start_git_daemon "$srv"
url="git://127.0.0.1:$GIT_PORT/x.git"
journal "$T/d"
t new "Googled flats" -m "flatsecret over git." --date "2026-11-01 10:00"
dgone=$(cat "$OUT")
t new "Other" -m "Words that stay." --date "2026-11-02 10:00"
t remote add origin "$url"
t sync
expect_rc 0 "(d syncs with a git daemon)"
cat >"$srv/x.git/hooks/pre-receive" <<'EOF'
#!/bin/sh
while read old new ref; do
	if [ "$old" != 0000000000000000000000000000000000000000 ] &&
	   ! git merge-base --is-ancestor "$old" "$new"; then
		echo "tend-test: no forced updates here" >&2
		exit 1
	fi
done
EOF
chmod +x "$srv/x.git/hooks/pre-receive"
theirs=$(git -C "$srv/x.git" rev-parse main)
t purge "$dgone" --yes
purged=$(git rev-parse HEAD)
t sync
expect_rc 5 "a remote that refuses the forced update: exit 5"
expect_err "tend-test: no forced updates here" "with the remote's reason"
expect_err "'origin' still holds the entries purged here: it must take a forced update of its branch main" \
	"and what to do"
expect_eq "the remote did not move" "$theirs" "$(git -C "$srv/x.git" rev-parse main)"
expect_eq "the journal is as the purge left it" "$purged" "$(git rev-parse HEAD)"
no_words "and what came in, which held the entry, is not kept" "$T/d"
expect "git fsck of d is clean" git fsck --strict
rm "$srv/x.git/hooks/pre-receive"
t sync
expect_rc 0 "once the remote takes it, the sync replaces its history"
git -C "$srv/x.git" rev-list --objects main | cut -d' ' -f1 |
	git -C "$srv/x.git" cat-file --batch >"$T/objects"
expect_not "no version of the entry is in the remote's history" \
	grep -Eqa "$SECRETS" "$T/objects"
expect_err "'origin' may keep what it held until its git collects its garbage" \
	"and tend says what the remote's host must do to drop the old objects"

done_testing
