#!/usr/bin/env python3
"""A throwaway git server over plain HTTP for the sync tests.

usage: http-git-server.py PORT ROOT USER TOKEN

Listens on 127.0.0.1:PORT, asks every request for HTTP Basic auth as
USER with the password TOKEN (401 otherwise), and runs `git http-backend`
as a CGI program for the repositories under ROOT. Once it listens it
prints "listening on 127.0.0.1 port PORT"; each request is logged as
"METHOD PATH -> STATUS" (both on stdout, unbuffered). A port that is
taken ends it with "already in use" and exit status 1.

Python's standard library only.
"""

import base64
import http.server
import os
import shutil
import subprocess
import sys
import threading


def log(msg):
    sys.stdout.write(msg + "\n")
    sys.stdout.flush()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # set by main()
    root = None
    want_auth = None

    def log_message(self, fmt, *args):
        pass

    def read_body(self):
        """The request's body: by Content-Length, or chunked."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    # trailers, up to the empty line
                    while self.rfile.readline().strip():
                        pass
                    break
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(parts)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def refuse(self, code, why):
        data = (why + "\n").encode()
        self.send_response(code)
        if code == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="tend-test"')
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def handle_git(self):
        body = self.read_body()
        path, _, query = self.path.partition("?")
        if self.headers.get("Authorization", "") != self.want_auth:
            who = "no credentials"
            if self.headers.get("Authorization"):
                who = "wrong credentials"
            log("%s %s -> 401 (%s)" % (self.command, path, who))
            self.refuse(401, "authentication required")
            return
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": self.root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "SERVER_NAME": "127.0.0.1",
            "REMOTE_ADDR": self.client_address[0],
            "REMOTE_USER": self.want_user,
            "AUTH_TYPE": "Basic",
            "REQUEST_METHOD": self.command,
            "QUERY_STRING": query,
            "PATH_INFO": path,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
        }
        for name in ("HOME", "GIT_CONFIG_NOSYSTEM"):
            if name in os.environ:
                env[name] = os.environ[name]
        for name in ("Content-Encoding", "Git-Protocol"):
            if self.headers.get(name):
                env["HTTP_" + name.upper().replace("-", "_")] = \
                    self.headers[name]
        cgi = subprocess.Popen(["git", "http-backend"], env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)

        # fed from a thread: the backend may answer before it has read all
        def feed():
            try:
                cgi.stdin.write(body)
            except BrokenPipeError:
                pass
            finally:
                try:
                    cgi.stdin.close()
                except BrokenPipeError:
                    pass
        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()

        status = 200
        headers = []
        while True:
            line = cgi.stdout.readline()
            if not line:
                break
            line = line.rstrip(b"\r\n").decode("latin-1")
            if not line:
                break
            name, _, value = line.partition(":")
            value = value.strip()
            if name.lower() == "status":
                status = int(value.split()[0])
            else:
                headers.append((name, value))
        log("%s %s -> %d" % (self.command, path, status))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        # the body's length is not known: it ends when the connection does
        self.send_header("Connection", "close")
        self.end_headers()
        shutil.copyfileobj(cgi.stdout, self.wfile, 65536)
        self.wfile.flush()
        self.close_connection = True
        feeder.join()
        cgi.stdout.close()
        cgi.wait()

    do_GET = handle_git
    do_POST = handle_git


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: http-git-server.py PORT ROOT USER TOKEN")
    port, root, user, token = sys.argv[1:]
    Handler.root = os.path.abspath(root)
    Handler.want_user = user
    Handler.want_auth = "Basic " + base64.b64encode(
        ("%s:%s" % (user, token)).encode()).decode()
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)),
                                                 Handler)
    except OSError as e:
        log("cannot bind 127.0.0.1 port %s: %s" % (port, e))
        sys.exit(1)
    log("listening on 127.0.0.1 port %s" % port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
