#!/usr/bin/env python3
"""A loopback webhook receiver for the tests: records every POST (its
Idempotency-Key and JSON body) as one JSON line, and can answer the first
N requests with 500 to exercise retries.

usage: webhook_receiver.py PORTFILE LOGFILE [FAIL_FIRST]
"""
import http.server
import json
import sys
import threading

port_file, log_file = sys.argv[1], sys.argv[2]
fail_first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
lock = threading.Lock()
seen = {"n": 0}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        with lock:
            seen["n"] += 1
            n = seen["n"]
            with open(log_file, "a") as f:
                f.write(json.dumps({
                    "n": n,
                    "path": self.path,
                    "key": self.headers.get("Idempotency-Key"),
                    "type": self.headers.get("Content-Type"),
                    "answer": 500 if n <= fail_first else 200,
                    "body": json.loads(body),
                }) + "\n")
        code = 500 if n <= fail_first else 200
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok": true}' if code == 200 else b"{}")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
