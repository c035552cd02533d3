# tend sync and clone over http:// through a small server that asks for
# Basic auth and runs git http-backend (tests/cli/http-git-server.py), with
# a credential helper that logs every call: the right token (git
# credential approve), a wrong one (reject, asked once, no loop), none at
# all, and GIT_TERMINAL_PROMPT=0 when stdin is not a terminal.
. tests/cli/lib.sh
. tests/cli/servers.sh

command -v git >/dev/null 2>&1 || skip_all "git is not installed"
[ -x "$(git --exec-path)/git-http-backend" ] ||
	skip_all "git http-backend is not installed (Debian: git)"
command -v python3 >/dev/null 2>&1 ||
	skip_all "python3 is not installed (Debian: python3)"
python3 -c 'import http.server, subprocess, base64, threading' \
	>/dev/null 2>&1 ||
	skip_all "python3 has no http.server (Debian: python3)"

HTTP_USER=tend-user
HTTP_TOKEN=tok-3c1f9a7e2b
SERVER_PY="$(pwd)/tests/cli/http-git-server.py"

# start_http_git ROOT: serve ROOT's repositories over http:// on a free
# port, Basic auth as $HTTP_USER with $HTTP_TOKEN; sets $HTTP_PORT,
# $HTTP_PID and $HTTP_LOG (each request is a line "METHOD PATH -> STATUS")
start_http_git() {
	mkdir -p "$T/http"
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		HTTP_PORT=$(_srv_port)
		HTTP_LOG="$T/http/log.$HTTP_PORT.$_try"
		_srv_spawn "$HTTP_LOG" python3 "$SERVER_PY" "$HTTP_PORT" "$1" \
			"$HTTP_USER" "$HTTP_TOKEN"
		HTTP_PID=$_srv_pid
		_srv_wait "$HTTP_PID" "$HTTP_LOG" \
			"listening on 127.0.0.1 port $HTTP_PORT"
		case $? in
		0) return 0 ;;
		2) bail "the http server did not start in 10 s" "$HTTP_LOG" ;;
		esac
		stop_server "$HTTP_PID"
		grep -qiE 'already in use' "$HTTP_LOG" ||
			bail "the http server failed" "$HTTP_LOG"
	done
	bail "the http server found no free port in 10 tries" "$HTTP_LOG"
}

# The credential helper: each call appends "action=ACTION prompt=VALUE"
# (VALUE: its GIT_TERMINAL_PROMPT), the lines git gave it and "--" to
# $T/helper.log; on get it prints $T/helper.cred (nothing when empty).
cat >"$T/helper" <<EOF
#!/bin/sh
input=\$(cat)
{
	echo "action=\$1 prompt=\${GIT_TERMINAL_PROMPT-unset}"
	printf '%s\n' "\$input"
	echo "--"
} >>"$T/helper.log"
[ "\$1" = get ] && cat "$T/helper.cred"
exit 0
EOF
chmod +x "$T/helper"
git config --global credential.helper "$T/helper"

# cred PASSWORD: the helper answers get with $HTTP_USER and PASSWORD;
# cred with no PASSWORD: it answers with nothing
cred() {
	if [ $# -gt 0 ]; then
		printf 'username=%s\npassword=%s\n' "$HTTP_USER" "$1"
	fi >"$T/helper.cred"
	: >"$T/helper.log"
}

# actions: the helper's calls since cred, one word each, e.g. "get store"
actions() {
	sed -n 's/^action=\([^ ]*\) .*/\1/p' "$T/helper.log" | tr '\n' ' ' |
		sed 's/ $//'
}

# tt ARGS...: t with no terminal on stdin and at most 60 s; sets $secs
tt() {
	_t0=$(date +%s)
	timeout -k 5 60 "$TEND" "$@" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
	secs=$(($(date +%s) - _t0))
}

# state: what a failed sync must leave as it was
state() {
	git rev-parse HEAD
	git for-each-ref --format='%(refname) %(objectname)'
	git status --porcelain --untracked-files=all
}

# expect_no_token DESC FILE...: the token is in none of the files
expect_no_token() {
	_desc=$1
	shift
	if grep -lF -- "$HTTP_TOKEN" "$@" >"$T/token.where" 2>/dev/null; then
		fail "$_desc" "the token is in: $(cat "$T/token.where")"
	else
		pass "$_desc"
	fi
}

srv="$T/srv"
bare="$srv/j.git"
mkdir -p "$srv"
git init -q --bare "$bare"
git -C "$bare" config http.receivepack true
start_http_git "$srv"
url="http://127.0.0.1:$HTTP_PORT/j.git"

# a control: the server lets no one in without the token
cred
expect_not "control: git ls-remote without a credential is refused" \
	env GIT_TERMINAL_PROMPT=0 git -c credential.helper= ls-remote "$url"
expect "control: the server answered 401" \
	grep -qF "GET /j.git/info/refs -> 401 (no credentials)" "$HTTP_LOG"

# --- (1) the right token -------------------------------------------------
journal "$T/a"
t new "Apple" -m "Words of apricot-over-http." --date "2026-11-01 10:00"
t new "Almond" -m "Words of almond-over-http." --date "2026-11-02 10:00"
t remote add origin "$url"
expect_rc 0 "remote add origin http://127.0.0.1:PORT/j.git"
n_a=$(commits)
cred "$HTTP_TOKEN"
tt sync
expect_rc 0 "sync with the right token pushes to the empty repository"
expect_out "Sent $n_a commit" "and says it sent every commit"
expect_eq "the remote's main is the journal's HEAD" \
	"$(git rev-parse HEAD)" "$(main_of "$bare")"
expect_fsck "the remote is clean after the first push" "$bare"
expect_words "the remote has the words" "$bare" apricot-over-http \
	almond-over-http
expect "the push went through git-receive-pack with the token" \
	grep -qF "POST /j.git/git-receive-pack -> 200" "$HTTP_LOG"
acts=$(actions)
case $acts in
get*) pass "the helper was asked first with get ($acts)" ;;
*) fail "the helper was asked first with get" "calls: $acts" ;;
esac
expect "with protocol=http" grep -qx "protocol=http" "$T/helper.log"
expect "and host=127.0.0.1:PORT" \
	grep -qx "host=127.0.0.1:$HTTP_PORT" "$T/helper.log"
case " $acts " in
*" get store"*) pass "the helper was told store (approve) after success" ;;
*) fail "the helper was told store (approve) after success" "calls: $acts" ;;
esac
case " $acts " in
*" erase "*) fail "and never erase" "calls: $acts" ;;
*) pass "and never erase" ;;
esac
expect "store gave the helper the user name" \
	grep -qx "username=$HTTP_USER" "$T/helper.log"
expect_no_token "the token is not on stdout or stderr" "$OUT" "$ERR"
expect_no_token "nor in the journal's .git/config" .git/config

# (4) no terminal on stdin, so tend tells git credential not to prompt
if grep '^action=' "$T/helper.log" | grep -qv ' prompt=0$'; then
	fail "every helper call ran with GIT_TERMINAL_PROMPT=0" \
		"$(grep '^action=' "$T/helper.log")"
else
	pass "every helper call ran with GIT_TERMINAL_PROMPT=0"
fi
# a control: the helper reports the variable as git passes it on
cred "$HTTP_TOKEN"
printf 'url=%s\n\n' "$url" |
	GIT_TERMINAL_PROMPT=1 git credential fill >/dev/null 2>&1
expect "control: the helper sees GIT_TERMINAL_PROMPT=1 from git itself" \
	grep -q '^action=get prompt=1$' "$T/helper.log"
cred "$HTTP_TOKEN"
GIT_TERMINAL_PROMPT=1
export GIT_TERMINAL_PROMPT
tt sync
unset GIT_TERMINAL_PROMPT
expect_rc 0 "a sync with GIT_TERMINAL_PROMPT=1 in the environment"
expect_out "Up to date with 'origin'" "has nothing to move"
expect "the helper was called" grep -q '^action=get ' "$T/helper.log"
if grep '^action=' "$T/helper.log" | grep -qv ' prompt=0$'; then
	fail "and tend still set GIT_TERMINAL_PROMPT=0 for it" \
		"$(grep '^action=' "$T/helper.log")"
else
	pass "and tend still set GIT_TERMINAL_PROMPT=0 for it"
fi

cd "$T"
cred "$HTTP_TOKEN"
tt clone "$url" "$T/c"
expect_rc 0 "clone http://127.0.0.1:PORT/j.git DIR with the right token"
expect "makes DIR a journal" "$TEND" -J "$T/c" list
expect_eq "at the remote's main" "$(main_of "$bare")" \
	"$(git -C "$T/c" rev-parse HEAD)"
expect_eq "whose origin is the URL" "$url" \
	"$(git -C "$T/c" remote get-url origin)"
expect_words "the clone has the words" "$T/c" apricot-over-http \
	almond-over-http
expect_fsck "the clone is clean" "$T/c"
expect_eq "the clone asked get and told store" "get store" "$(actions)"
expect_no_token "the token is not in the clone's .git/config" \
	"$T/c/.git/config"

# --- (2) a wrong token -----------------------------------------------------
cd "$T/a"
t new "Banana" -m "Words of banana-held-back." --date "2026-11-03 10:00"
mine=$(git rev-parse HEAD)
theirs=$(main_of "$bare")
before=$(state)
cred "wrong-$HTTP_TOKEN"
tt sync
expect_rc 5 "sync with a wrong token is exit 5 (within 60 s: ${secs}s)"
expect_err "authentication failed" "stderr says authentication failed"
expect_eq "the helper was asked once and told erase (reject)" "get erase" \
	"$(actions)"
expect_eq "exactly one get: no loop" 1 \
	"$(grep -c '^action=get ' "$T/helper.log")"
expect "the erase named the refused password" \
	grep -qx "password=wrong-$HTTP_TOKEN" "$T/helper.log"
expect "the server saw the wrong credentials" \
	grep -qF "(wrong credentials)" "$HTTP_LOG"
expect_eq "the journal keeps its commit" "$mine" "$(git rev-parse HEAD)"
expect_eq "nothing local changed (HEAD, refs, files)" "$before" "$(state)"
expect_eq "the remote's main did not move" "$theirs" "$(main_of "$bare")"
expect_words "the words are still in the journal" "$T/a" banana-held-back

cd "$T"
cred "wrong-$HTTP_TOKEN"
tt clone "$url" "$T/w"
expect_rc 5 "clone with a wrong token is exit 5 (${secs}s)"
expect_not "and leaves no folder" test -e "$T/w"
expect_eq "the helper was asked once and told erase" "get erase" "$(actions)"

# --- (3) the helper has no credential --------------------------------------
cd "$T/a"
before=$(state)
cred
tt sync
expect_rc 5 "sync when the helper has no credential is exit 5"
if [ "$secs" -le 15 ]; then
	pass "promptly (${secs}s)"
else
	fail "promptly" "it took ${secs}s"
fi
expect_err "authentication failed" "stderr says authentication failed"
expect_eq "the helper was asked once, and nothing to approve or reject" \
	"get" "$(actions)"
expect_eq "nothing local changed" "$before" "$(state)"
expect_eq "the remote's main did not move" "$theirs" "$(main_of "$bare")"

cd "$T"
cred
tt clone "$url" "$T/n"
expect_rc 5 "clone when the helper has no credential is exit 5 (${secs}s)"
expect_err "authentication failed" "stderr says authentication failed"
expect_not "and leaves no folder" test -e "$T/n"

# --- the right token again --------------------------------------------------
cd "$T/a"
cred "$HTTP_TOKEN"
tt sync
expect_rc 0 "with the right token back, the sync goes through"
expect_out "Sent 1 commit" "sending the one held back"
expect_eq "the remote's main is the journal's HEAD" "$mine" \
	"$(main_of "$bare")"
expect_fsck "the remote is clean" "$bare"
expect_words "the remote has every word" "$bare" apricot-over-http \
	almond-over-http banana-held-back

cd "$T/c"
cred "$HTTP_TOKEN"
tt sync
expect_rc 0 "the clone syncs over http"
expect_out "Received 1 commit" "and receives the held-back commit"
expect_eq "the clone is at the remote's main" "$(main_of "$bare")" \
	"$(git rev-parse HEAD)"
expect_words "the clone has every word" "$T/c" apricot-over-http \
	almond-over-http banana-held-back
expect_fsck "the clone is clean after the fetch" "$T/c"
done_testing
