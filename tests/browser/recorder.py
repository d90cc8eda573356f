#!/usr/bin/env python3
"""A loopback HTTP proxy that records every request and forwards none.

Usage: recorder.py PORT_FILE LOG_FILE [SECONDS]
Listens on 127.0.0.1 on a free port (written to PORT_FILE), appends the
request line of every request it gets (plain or CONNECT) to LOG_FILE,
answers 404 (or 502 to CONNECT) and never talks to anyone else. Exits by
itself after SECONDS (default 300), so a test that dies cannot leave it
running.
"""
import socketserver
import sys
import threading


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        self.request.settimeout(5)
        try:
            line = self.rfile.readline(8192).decode("latin-1").strip()
        except OSError:
            return
        if not line:
            return
        with LOCK, open(LOG, "a", encoding="utf-8") as f:
            f.write(line + "\n")
        status = "502 Bad Gateway" if line.startswith("CONNECT") else \
            "404 Not Found"
        try:
            self.wfile.write(("HTTP/1.1 %s\r\nContent-Length: 0\r\n"
                              "Connection: close\r\n\r\n" % status)
                             .encode())
        except OSError:
            pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


LOCK = threading.Lock()
PORT_FILE, LOG = sys.argv[1], sys.argv[2]
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 300.0
open(LOG, "a").close()
srv = Server(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write("%d\n" % srv.server_address[1])
import os
os.rename(PORT_FILE + ".tmp", PORT_FILE)
threading.Timer(SECONDS, srv.shutdown).start()
srv.serve_forever()
