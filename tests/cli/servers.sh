# Throwaway servers on 127.0.0.1 for the sync tests: git daemon and
# sshd on free ports, an ssh-agent, each stopped by its pid when the test
# ends. Source it after lib.sh (it extends lib.sh's EXIT trap, which still
# removes $T).
#
#   need_git_daemon / need_sshd
#                        skip the whole test (TAP "1..0 # SKIP") when the
#                        program is not installed; any later failure is a
#                        failure, never a skip
#   start_git_daemon BASEDIR
#                        git daemon exporting every repository under
#                        BASEDIR, push allowed; sets $GIT_PORT, $GIT_PID
#   start_sshd           sshd with throwaway host keys and one throwaway
#                        user key; sets $SSH_PORT, $SSH_PID, $SSH_USER,
#                        $SSH_KEY (private key; $SSH_KEY.pub beside it),
#                        $SSH_KNOWN_HOSTS (a file of the host's lines,
#                        "[127.0.0.1]:PORT keytype key"), $SSHD_LOG
#   trust_sshd           make $HOME/.ssh/known_hosts hold just those lines
#   make_key NAME        a new key pair $T/ssh/NAME(.pub) the server does
#                        not know; prints the private key's path
#   start_ssh_agent [KEY...]
#                        ssh-agent holding the keys ($SSH_KEY by default);
#                        exports $SSH_AUTH_SOCK, sets $AGENT_PID
#   stop_ssh_agent       stop it and unset $SSH_AUTH_SOCK
#   git_ssh ARGS...      the git CLI over ssh with $SSH_KEY and
#                        $HOME/.ssh/known_hosts only (a control: what git
#                        itself makes of the same server and files)
#   stop_server PID      stop one server now
#
# Checks for the data these servers move:
#   main_of GITDIR       the commit GITDIR's branch main is at (empty if none)
#   expect_fsck DESC GITDIR       git fsck --strict is clean
#   expect_words DESC PLACE WORD...
#                        every WORD is in PLACE's journal files: a journal
#                        folder (its entries/ and goals/) or a bare
#                        repository (its branch main)
#
# A server lives at most $SERVERS_TTL seconds (timeout(1)), so none
# outlives a test killed with SIGKILL for long.

SERVERS_TTL=${SERVERS_TTL:-300}
SSHD=${SSHD:-/usr/sbin/sshd}
_srv_pids=""

# The developer's own agent and ssh settings must not take part.
unset SSH_AUTH_SOCK SSH_AGENT_PID GIT_SSH GIT_SSH_COMMAND GIT_SSH_VARIANT

# skip_all REASON: this test cannot run here; a TAP skip, exit 0
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

# bail REASON [LOGFILE]: a server could not be started; the test fails
bail() {
	echo "Bail out! $1"
	[ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/#   /' "$2" | tail -20
	exit 1
}

need_git_daemon() {
	command -v git >/dev/null 2>&1 || skip_all "git is not installed"
	[ -x "$(git --exec-path)/git-daemon" ] ||
		skip_all "git daemon is not installed"
}

need_sshd() {
	[ -x "$SSHD" ] ||
		skip_all "sshd is not installed (Debian: openssh-server)"
	for _c in ssh ssh-keygen ssh-agent ssh-add; do
		command -v "$_c" >/dev/null 2>&1 ||
			skip_all "$_c is not installed (Debian: openssh-client)"
	done
}

# servers_stop_all: stop every server still running, the last one first
servers_stop_all() {
	_rev=""
	for _p in $_srv_pids; do
		_rev="$_p $_rev"
	done
	for _p in $_rev; do
		stop_server "$_p"
	done
}

# Run servers_stop_all before whatever EXIT trap is set (lib.sh's removes
# $T): `trap` prints the traps as commands, read back by _srv_old_trap.
_srv_old_trap() {
	[ "$3" = EXIT ] && _srv_exit_trap=$2
	return 0
}
_srv_exit_trap=""
trap >"$T/.traps"
eval "$(sed 's/^trap /_srv_old_trap /' "$T/.traps")"
rm -f "$T/.traps"
trap 'servers_stop_all; eval "$_srv_exit_trap"' EXIT
# a test stopped by a signal cleans up too
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# stop_server PID: stop the server with that pid (timeout(1) passes the
# signal on and kills it 5 seconds later if it is still there)
stop_server() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	_left=""
	for _p in $_srv_pids; do
		[ "$_p" = "$1" ] || _left="$_left $_p"
	done
	_srv_pids=$_left
}

# _srv_spawn LOG CMD...: start CMD in the background, all output in LOG;
# sets $_srv_pid
_srv_spawn() {
	_log=$1
	shift
	# made empty here, not by the background job, so that a wait that
	# follows never reads what an earlier server wrote to it
	: >"$_log"
	timeout -k 5 "$SERVERS_TTL" "$@" >>"$_log" 2>&1 </dev/null &
	_srv_pid=$!
	_srv_pids="$_srv_pids $_srv_pid"
}

# _srv_port: a random port from 20000 to 59999
_srv_port() {
	echo $((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
}

# _srv_wait PID LOG READY: wait up to 10 s for READY in LOG. Returns 0 when
# it is there, 1 when the server exited (a port taken, most often), 2 when
# it is still starting after 10 s.
_srv_wait() {
	_i=0
	while [ $_i -lt 200 ]; do
		grep -qF -- "$3" "$2" && return 0
		kill -0 "$1" 2>/dev/null || return 1
		# an exited server may linger unreaped: look at its log too
		grep -qiE 'unable to allocate|already in use|cannot bind' "$2" &&
			return 1
		sleep 0.05
		_i=$((_i + 1))
	done
	return 2
}

# start_git_daemon BASEDIR: serve BASEDIR's repositories over git:// with
# push allowed; sets $GIT_PORT and $GIT_PID
start_git_daemon() {
	_base=$(cd "$1" && pwd) || bail "no folder '$1' to serve"
	mkdir -p "$T/git-daemon"
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		GIT_PORT=$(_srv_port)
		GIT_DAEMON_LOG="$T/git-daemon/log.$GIT_PORT.$_try"
		_srv_spawn "$GIT_DAEMON_LOG" git daemon --export-all \
			--enable=receive-pack --base-path="$_base" \
			--listen=127.0.0.1 --port="$GIT_PORT" --reuseaddr \
			--informative-errors --verbose
		GIT_PID=$_srv_pid
		# git daemon --verbose says this once it listens
		_srv_wait "$GIT_PID" "$GIT_DAEMON_LOG" "Ready to rumble"
		case $? in
		0) return 0 ;;
		2) bail "git daemon did not start in 10 s" "$GIT_DAEMON_LOG" ;;
		esac
		stop_server "$GIT_PID"
		grep -qiE 'unable to allocate|already in use' "$GIT_DAEMON_LOG" ||
			bail "git daemon failed" "$GIT_DAEMON_LOG"
	done
	bail "git daemon found no free port in 10 tries" "$GIT_DAEMON_LOG"
}

# make_key NAME: a new ed25519 key pair $T/ssh/NAME and NAME.pub, known to
# no server; prints the private key's path
make_key() {
	mkdir -p "$T/ssh"
	rm -f "$T/ssh/$1" "$T/ssh/$1.pub"
	ssh-keygen -q -t ed25519 -N '' -C "tend-test-$1" -f "$T/ssh/$1" \
		</dev/null || bail "ssh-keygen failed"
	echo "$T/ssh/$1"
}

# start_sshd: sshd -D -e on 127.0.0.1 with throwaway host keys (ed25519
# and rsa) that lets $SSH_USER in with $SSH_KEY only
start_sshd() {
	_sd="$T/sshd"
	mkdir -p "$_sd"
	SSH_USER=$(id -un)
	# sshd run by root needs its privilege separation folder
	if [ "$(id -u)" = 0 ]; then
		mkdir -p -m 0755 /run/sshd || bail "cannot make /run/sshd"
	fi
	rm -f "$_sd"/host_*
	ssh-keygen -q -t ed25519 -N '' -C tend-test-host \
		-f "$_sd/host_ed25519" </dev/null &&
		ssh-keygen -q -t rsa -b 2048 -N '' -C tend-test-host \
			-f "$_sd/host_rsa" </dev/null ||
		bail "ssh-keygen failed"
	SSH_KEY=$(make_key id_ed25519) || exit 1
	cp "$SSH_KEY.pub" "$_sd/authorized_keys"
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		SSH_PORT=$(_srv_port)
		SSHD_LOG="$_sd/log.$SSH_PORT.$_try"
		# SetEnv SHLVL=1: bash, the login shell that runs git there,
		# then skips ~/.bashrc, whose work (seconds of it for some) or
		# output is no business of these tests
		cat >"$_sd/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $_sd/host_ed25519
HostKey $_sd/host_rsa
PidFile $_sd/sshd.pid
AuthorizedKeysFile $_sd/authorized_keys
AllowUsers $SSH_USER
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
LogLevel VERBOSE
SetEnv SHLVL=1
EOF
		_srv_spawn "$SSHD_LOG" "$SSHD" -D -e -f "$_sd/sshd_config"
		SSH_PID=$_srv_pid
		_srv_wait "$SSH_PID" "$SSHD_LOG" \
			"Server listening on 127.0.0.1 port $SSH_PORT"
		case $? in
		0) break ;;
		2) bail "sshd did not start in 10 s" "$SSHD_LOG" ;;
		esac
		stop_server "$SSH_PID"
		grep -qiE 'already in use|cannot bind' "$SSHD_LOG" ||
			bail "sshd failed" "$SSHD_LOG"
		SSH_PORT=""
	done
	[ -n "$SSH_PORT" ] || bail "sshd found no free port in 10 tries" "$SSHD_LOG"
	SSH_KNOWN_HOSTS="$_sd/known_hosts"
	for _k in "$_sd/host_ed25519.pub" "$_sd/host_rsa.pub"; do
		read -r _type _key _rest <"$_k"
		echo "[127.0.0.1]:$SSH_PORT $_type $_key"
	done >"$SSH_KNOWN_HOSTS"
}

# trust_sshd: $HOME/.ssh/known_hosts holds the server's host keys only
trust_sshd() {
	mkdir -p -m 0700 "$HOME/.ssh"
	cp "$SSH_KNOWN_HOSTS" "$HOME/.ssh/known_hosts"
}

# start_ssh_agent [KEY...]: an ssh-agent holding KEYs ($SSH_KEY if none)
start_ssh_agent() {
	[ $# -gt 0 ] || set -- "$SSH_KEY"
	SSH_AUTH_SOCK="$T/agent.sock"
	rm -f "$SSH_AUTH_SOCK"
	_srv_spawn "$T/agent.log" ssh-agent -D -a "$SSH_AUTH_SOCK"
	AGENT_PID=$_srv_pid
	_i=0
	while [ ! -S "$SSH_AUTH_SOCK" ]; do
		kill -0 "$AGENT_PID" 2>/dev/null && [ $_i -lt 200 ] ||
			bail "ssh-agent did not start" "$T/agent.log"
		sleep 0.05
		_i=$((_i + 1))
	done
	export SSH_AUTH_SOCK
	ssh-add -q "$@" </dev/null 2>"$T/agent.err" ||
		bail "ssh-add failed" "$T/agent.err"
}

stop_ssh_agent() {
	[ -n "${AGENT_PID:-}" ] && stop_server "$AGENT_PID"
	AGENT_PID=""
	unset SSH_AUTH_SOCK
}

# git_ssh ARGS...: git over ssh as a careful user would run it: only
# $SSH_KEY, only $HOME/.ssh/known_hosts, no agent, never a prompt
git_ssh() {
	GIT_SSH_COMMAND="ssh -F /dev/null -o BatchMode=yes \
-o IdentitiesOnly=yes -o IdentityAgent=none -i '$SSH_KEY' \
-o StrictHostKeyChecking=yes -o GlobalKnownHostsFile=/dev/null \
-o UserKnownHostsFile='$HOME/.ssh/known_hosts'" git "$@"
}

main_of() {
	git -C "$1" rev-parse -q --verify refs/heads/main
}

# expect_fsck DESC GITDIR: git fsck --strict finds nothing in GITDIR
expect_fsck() {
	if git -C "$2" fsck --strict --no-progress >"$T/fsck.out" 2>&1; then
		pass "$1"
	else
		fail "$1" "git fsck --strict in $2:" "$(head -c 600 "$T/fsck.out")"
	fi
}

# expect_words DESC PLACE WORD...: every WORD is in the journal files of
# PLACE, a journal's folder or a bare repository (its branch main)
expect_words() {
	_desc=$1
	_place=$2
	shift 2
	_missing=""
	for _w in "$@"; do
		if [ -d "$_place/.git" ]; then
			grep -rqF -- "$_w" "$_place/entries" "$_place/goals" \
				2>/dev/null
		else
			git -C "$_place" grep -qF -e "$_w" main -- entries goals \
				2>/dev/null
		fi || _missing="$_missing $_w"
	done
	if [ -z "$_missing" ]; then
		pass "$_desc"
	else
		fail "$_desc" "missing in $_place:$_missing"
	fi
}
