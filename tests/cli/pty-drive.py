#!/usr/bin/env python3
"""Run a command on a new terminal and type into it when it shows a text.

usage: pty-drive.py [WAIT SEND]... -- COMMAND [ARG...]

Each pair waits until the terminal has shown WAIT (since the last pair
matched), then types SEND, in which backslash escapes are read (\\x03 is
Ctrl-C, \\n is Enter). The terminal's line discipline turns Ctrl-C into
SIGINT for the command, as a person's key would. Everything the command
shows goes to stdout; the exit status is the command's, or 128 + the
signal that ended it. A command that shows nothing for 20 seconds, or
never shows a WAIT, is killed and the status is 124.
"""
import os
import pty
import select
import signal
import sys
import time


def main():
    args = sys.argv[1:]
    if "--" not in args:
        sys.exit(__doc__)
    cut = args.index("--")
    pairs = args[:cut]
    command = args[cut + 1:]
    if len(pairs) % 2 or not command:
        sys.exit(__doc__)
    steps = [(pairs[i].encode(), pairs[i + 1].encode().decode(
        "unicode_escape").encode("latin-1"))
        for i in range(0, len(pairs), 2)]

    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    seen = b""
    shown = b""
    deadline = time.monotonic() + 20
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            sys.stdout.buffer.write(shown)
            return 124
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            chunk = b""
        if not chunk:
            break
        shown += chunk
        seen += chunk
        deadline = time.monotonic() + 20
        while steps and steps[0][0] in seen:
            seen = seen[seen.index(steps[0][0]) + len(steps[0][0]):]
            os.write(fd, steps[0][1])
            steps.pop(0)
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(shown)
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main())
