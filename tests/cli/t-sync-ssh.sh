# tend sync and clone over ssh:// through a real sshd on 127.0.0.1: the
# key in ssh-agent, the key named by [sync] ssh_key (in config.ini and in
# the journal's tend.ini), a wrong key, and unknown or changed host keys.
. tests/cli/lib.sh
. tests/cli/servers.sh
need_sshd
# under the sanitizers: full stacks, so that tests/lsan.supp can tell
# libgit2's known_hosts leak from anything else
ASAN_OPTIONS="fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS

start_sshd
trust_sshd
mkdir -p "$T/srv"
git init -q --bare "$T/srv/j.git"
bare="$T/srv/j.git"
url="ssh://$SSH_USER@127.0.0.1:$SSH_PORT$bare"
config="$XDG_CONFIG_HOME/tend/config.ini"
mkdir -p "$XDG_CONFIG_HOME/tend"

# state: what a failed sync must leave as it was
state() {
	git rev-parse HEAD
	git for-each-ref --format='%(refname) %(objectname)'
	git status --porcelain
}

# t_timed ARGS...: t, under timeout 60 (exit 124 when it ran out)
t_timed() {
	timeout 60 "$TEND" "$@" >"$OUT" 2>"$ERR"
	rc=$?
}

# connections: how many connections sshd has taken so far
connections() {
	grep -c '^Connection from 127.0.0.1 port' "$SSHD_LOG"
}

# expect_refused DESC: the last tend ended with exit 5 on its own
expect_refused() {
	if [ "$rc" = 124 ]; then
		fail "$1" "tend was still running after 60 s"
	else
		expect_rc 5 "$1"
	fi
}

# other_host_keys: known_hosts lines for [127.0.0.1]:PORT with keys of the
# server's types that are not the server's
other_host_keys() {
	for _type in ed25519 rsa; do
		ssh-keygen -q -t $_type -N '' -f "$T/ssh/other_$_type" </dev/null
		read -r _kt _key _rest <"$T/ssh/other_$_type.pub"
		echo "[127.0.0.1]:$SSH_PORT $_kt $_key"
	done
}

expect "control: git itself reaches the server with the key and known_hosts" \
	git_ssh ls-remote "$url"

# --- the key in ssh-agent -----------------------------------------------
start_ssh_agent
journal "$T/a"
t new "Apple" -m "Words of apricot-from-a." --date "2026-11-01 10:00"
t new "Almond" -m "Words of almond-from-a." --date "2026-11-02 10:00"
t remote add origin "$url"
expect_rc 0 "remote add origin ssh://"
n_a=$(commits)
t_timed sync
expect_rc 0 "the first sync over ssh with the key in ssh-agent"
expect_out "Sent $n_a commit" "sends every commit"
expect_eq "the remote's main is the journal's HEAD" \
	"$(git rev-parse HEAD)" "$(main_of "$bare")"
expect "sshd let the user in by key" \
	grep -q "Accepted publickey for $SSH_USER from 127.0.0.1" "$SSHD_LOG"
expect_fsck "the remote is clean after the first push" "$bare"
expect_words "the remote has the words" "$bare" apricot-from-a almond-from-a

cd "$T"
t_timed clone "$url" "$T/b"
expect_rc 0 "clone ssh://USER@127.0.0.1:PORT/path with the agent"
if ! "$TEND" -J "$T/b" list >"$T/b.list" 2>&1; then
	echo "Bail out! the clone in $T/b is not a journal: $(head -c 300 "$T/b.list")"
	exit 1
fi
expect_eq "at the remote's main" "$(main_of "$bare")" \
	"$(git -C "$T/b" rev-parse HEAD)"
expect_words "the clone has the words" "$T/b" apricot-from-a almond-from-a

cd "$T/b"
t new "Banana" -m "Words of banana-from-b." --date "2026-11-03 10:00"
t_timed sync
expect_rc 0 "b sends its entry"
expect_out "Sent 1 commit" "one commit"
cd "$T/a"
t new "Cherry" -m "Words of cherry-from-a." --date "2026-11-04 10:00"
t_timed sync
expect_rc 0 "a receives b's entry and sends its own"
expect_out "Received 1 commit" "receiving one commit"
expect_out "Sent" "and sending"
expect_eq "a merge commit joins the two" 3 "$(git rev-list --parents -1 HEAD | wc -w)"
cd "$T/b"
t_timed sync
expect_rc 0 "b syncs again"
expect_out "Received" "and receives a's work"
expect_eq "b is at a's HEAD" "$(git -C "$T/a" rev-parse HEAD)" "$(git rev-parse HEAD)"
expect_eq "which is the remote's main" "$(main_of "$bare")" "$(git rev-parse HEAD)"
for place in "$T/a" "$T/b" "$bare"; do
	expect_words "every word is in $place" "$place" apricot-from-a \
		almond-from-a banana-from-b cherry-from-a
done
expect_fsck "the remote is clean after the edits both ways" "$bare"

# --- no agent: the key named in ~/.config/tend/config.ini --------------
stop_ssh_agent
printf '[sync]\nssh_key = %s\n' "$SSH_KEY" >"$config"
cd "$T"
t_timed clone "$url" "$T/c"
expect_rc 0 "clone with no agent and [sync] ssh_key in config.ini"
expect_words "the clone has the words" "$T/c" apricot-from-a \
	almond-from-a banana-from-b cherry-from-a
cd "$T/c"
t new "Date" -m "Words of date-from-c." --date "2026-11-05 10:00"
t_timed sync
expect_rc 0 "c sends its entry with the key file"
expect_out "Sent 1 commit" "one commit"
cd "$T/a"
t_timed sync
expect_rc 0 "a syncs with the key file too"
expect_out "Received 1 commit" "and receives c's entry"
expect_eq "a is at the remote's main" "$(main_of "$bare")" "$(git rev-parse HEAD)"
expect_words "a has c's words" "$T/a" date-from-c
expect_words "the remote too" "$bare" date-from-c
expect_fsck "the remote is clean after the key file's sync" "$bare"

# --- a wrong key -------------------------------------------------------
wrong=$(make_key wrong) || exit 1
printf '[sync]\nssh_key = %s\n' "$wrong" >"$config"
cd "$T/a"
before=$(state)
theirs=$(main_of "$bare")
c0=$(connections)
t_timed sync
expect_refused "a key the server does not know: sync is exit 5, promptly"
expect "with a reason on stderr" test -s "$ERR"
expect_eq "nothing local changed" "$before" "$(state)"
expect_eq "the remote's main did not move" "$theirs" "$(main_of "$bare")"
c1=$(connections)
if [ $((c1 - c0)) -le 3 ]; then
	pass "tend gave up after $((c1 - c0)) connection(s), no loop"
else
	fail "tend gave up after a few connections, no loop" \
		"$((c1 - c0)) connections to sshd"
fi
cd "$T"
t_timed clone "$url" "$T/w"
expect_refused "clone with the wrong key is exit 5, promptly"
expect_not "and leaves no folder" test -e "$T/w"

rm "$config"
start_ssh_agent "$wrong"
cd "$T/a"
t_timed sync
expect_refused "only a wrong key in the agent: exit 5, promptly"
expect_eq "nothing local changed" "$before" "$(state)"
printf '[sync]\nssh_key = %s\n' "$SSH_KEY" >"$config"
t_timed sync
expect_rc 0 "a wrong key in the agent, the right one in ssh_key: it gets in"
expect_out "Up to date with 'origin'" "and finds nothing to move"
stop_ssh_agent
rm "$config"

# --- host keys ----------------------------------------------------------
start_ssh_agent
cd "$T/a"
: >"$HOME/.ssh/known_hosts"
t_timed sync
expect_refused "an unknown host (empty known_hosts): sync is exit 5"
if grep -qi "host" "$ERR"; then
	pass "stderr speaks of the host key"
else
	fail "stderr speaks of the host key" "stderr: $(head -c 600 "$ERR")"
fi
expect_eq "nothing local changed" "$before" "$(state)"
cd "$T"
t_timed clone "$url" "$T/u"
expect_refused "clone from an unknown host is exit 5"
expect_not "and leaves no folder" test -e "$T/u"
rm "$HOME/.ssh/known_hosts"
t_timed clone "$url" "$T/u"
expect_refused "with no known_hosts file at all: exit 5"
expect_not "and no folder" test -e "$T/u"

other_host_keys >"$HOME/.ssh/known_hosts"
expect_not "control: git itself refuses the changed host key" \
	git_ssh ls-remote "$url"
cd "$T/a"
t_timed sync
expect_refused "a changed host key: sync is exit 5"
expect_eq "nothing local changed" "$before" "$(state)"
expect_eq "the remote's main did not move" "$theirs" "$(main_of "$bare")"
cd "$T"
t_timed clone "$url" "$T/h"
expect_refused "clone from a host whose key changed is exit 5"
expect_not "and leaves no folder" test -e "$T/h"

# known_hosts as OpenSSH leaves it on Debian: hashed names, other hosts
ssh-keygen -q -t ecdsa -N '' -f "$T/ssh/elsewhere" </dev/null
{
	echo "# hosts this user has met"
	echo "git.example.org $(cut -d' ' -f1-2 "$T/ssh/elsewhere.pub")"
	cat "$SSH_KNOWN_HOSTS"
} >"$HOME/.ssh/known_hosts"
ssh-keygen -q -H -f "$HOME/.ssh/known_hosts" >/dev/null 2>&1
rm -f "$HOME/.ssh/known_hosts.old"
expect_not "the known_hosts names are hashed" \
	grep -qF "[127.0.0.1]:$SSH_PORT" "$HOME/.ssh/known_hosts"
expect "control: git itself trusts the hashed known_hosts" git_ssh ls-remote "$url"
cd "$T/a"
t_timed sync
expect_rc 0 "a hashed known_hosts with other hosts: sync works"
expect_out "Up to date with 'origin'" "and finds nothing to move"
stop_ssh_agent

# --- no agent: the key named in the journal's .tend/config.ini ------------
trust_sshd
cd "$T/c"
t_timed sync
expect_refused "no agent and no ssh_key: exit 5"
printf '\n[sync]\nssh_key = %s\n' "$SSH_KEY" >>tend.ini
t new "Elder" -m "Words of elder-from-c." --date "2026-11-06 10:00"
t_timed sync
expect_refused "[sync] ssh_key in tend.ini, which a sync can change, is not read"
git checkout -q tend.ini
mkdir -p .tend
printf '[sync]\nssh_key = %s\n' "$SSH_KEY" >.tend/config.ini
t_timed sync
expect_rc 0 "c syncs with [sync] ssh_key in its .tend/config.ini"
expect_out "Sent" "and sends"
expect_eq "the remote is at c's HEAD" "$(git rev-parse HEAD)" "$(main_of "$bare")"
# a private key with no .pub beside it
cp "$SSH_KEY" "$T/ssh/lone"
chmod 600 "$T/ssh/lone"
sed -i "s|^ssh_key = .*|ssh_key = $T/ssh/lone|" .tend/config.ini
t new "Fig" -m "Words of fig-from-c." --date "2026-11-07 10:00"
t_timed sync
expect_rc 0 "ssh_key naming a private key with no .pub beside it"
expect_out "Sent" "sends too"
expect_eq "the remote is at c's HEAD again" "$(git rev-parse HEAD)" "$(main_of "$bare")"

start_ssh_agent
for j in a b; do
	cd "$T/$j"
	t_timed sync
	expect_rc 0 "$j syncs at the end"
	expect_eq "$j is at the remote's main" "$(main_of "$bare")" "$(git rev-parse HEAD)"
done
for place in "$T/a" "$T/b" "$T/c" "$bare"; do
	expect_words "every word is in $place" "$place" apricot-from-a \
		almond-from-a banana-from-b cherry-from-a date-from-c \
		elder-from-c fig-from-c
done
expect_fsck "the remote is clean at the end" "$bare"
expect_fsck "a is clean" "$T/a"
expect_fsck "c is clean" "$T/c"
done_testing
