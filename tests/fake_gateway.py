#!/usr/bin/env python3
"""A fake claims gateway on 127.0.0.1, for tests (docs/design.md §7).

POST / (any path but /_*) with a JSON case packet, "Idempotency-Key" and
"Authorization: Bearer TOKEN" answers 201 {"case_id": "..."} for a new key
and 200 with the same case id for a key it has seen: one key, one case,
however often it is sent. A missing or wrong token is 401, a missing key
or a body that is not a JSON object with a claim_id is 400.

  fake_gateway.py --token TOKEN --record FILE [--port N] [--stall S]
                  [--fault NAME ...]

Prints "PORT n" on stdout once listening. Every request is appended to
FILE as one JSON line: {"n", "key", "claim_id", "auth", "outcome",
"case_id"}; outcome is created, replayed, unauthorized, bad, or the fault
that answered it.

Faults, each used by one request, in order (--fault, or POST /_control
{"faults": [...]}): "500", "502", "503", "429" (answer that status, no
case), "timeout" (create the case, then say nothing for --stall seconds
and close), "drop" (create the case, then close the connection without
an answer: the case exists but the client never hears of it), "400"
(a final refusal). GET /_cases gives {key: case_id}; POST /_reset forgets
every case, fault and record line.
"""

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATUS_FAULTS = {"500": 500, "502": 502, "503": 503, "429": 429, "400": 400}


class State:
    def __init__(self, token, record, faults, stall):
        self.lock = threading.Lock()
        self.token = token
        self.record = record
        self.faults = list(faults)
        self.stall = stall
        self.cases = {}
        self.n = 0

    def log(self, entry):
        # Called with the lock held: lines never interleave.
        with open(self.record, "a", encoding="utf-8") as fp:
            fp.write(json.dumps(entry, sort_keys=True) + "\n")
            fp.flush()

    def case_for(self, key):
        """The key's case, created on first sight. Lock held."""
        if key in self.cases:
            return self.cases[key], False
        case = "CASE-%06d" % (len(self.cases) + 1)
        self.cases[key] = case
        return case, True


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-gateway/1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def do_GET(self):
        st = self.server.state
        if self.path == "/_cases":
            with st.lock:
                self.answer(200, dict(st.cases))
            return
        self.answer(404, {"error": "not found"})

    def do_POST(self):
        st = self.server.state
        body = self.read_body()
        if self.path == "/_control":
            with st.lock:
                st.faults.extend(json.loads(body or b"{}").get("faults", []))
            self.answer(200, {"ok": True})
            return
        if self.path == "/_reset":
            with st.lock:
                st.cases.clear()
                st.faults.clear()
                st.n = 0
                open(st.record, "w").close()
            self.answer(200, {"ok": True})
            return
        key = self.headers.get("Idempotency-Key") or ""
        auth = self.headers.get("Authorization") or ""
        auth_ok = auth == "Bearer " + st.token
        claim_id = None
        try:
            packet = json.loads(body)
            if isinstance(packet, dict):
                claim_id = packet.get("claim_id")
        except ValueError:
            packet = None
        with st.lock:
            st.n += 1
            entry = {"n": st.n, "key": key, "claim_id": claim_id,
                     "auth": auth_ok,
                     "content_type": self.headers.get("Content-Type")}
            fault = None
            if not auth_ok:
                outcome = "unauthorized"
            elif not key or not claim_id:
                outcome = "bad"
            else:
                fault = st.faults.pop(0) if st.faults else None
                outcome = fault or "created"
            case = None
            if outcome in ("created", "timeout", "drop"):
                case, new = st.case_for(key)
                if outcome == "created" and not new:
                    outcome = "replayed"
            entry["outcome"] = outcome
            entry["case_id"] = case
            st.log(entry)
        if outcome == "unauthorized":
            self.answer(401, {"error": "unauthorized"})
        elif outcome == "bad":
            self.answer(400, {"error": "Idempotency-Key and a JSON packet "
                                       "with claim_id are required"})
        elif outcome in STATUS_FAULTS:
            self.answer(STATUS_FAULTS[outcome], {"error": outcome})
        elif outcome == "timeout":
            time.sleep(st.stall)
            self.close_connection = True
        elif outcome == "drop":
            self.close_connection = True
        else:
            self.answer(201 if outcome == "created" else 200,
                        {"case_id": case})


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client killed mid-request (the kill loop) is expected.
        if not isinstance(sys.exc_info()[1], (ConnectionError, OSError)):
            super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--token", required=True)
    ap.add_argument("--record", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--stall", type=float, default=3.0)
    ap.add_argument("--fault", action="append", default=[])
    a = ap.parse_args()
    srv = Server(("127.0.0.1", a.port), Handler)
    srv.state = State(a.token, a.record, a.fault, a.stall)
    print("PORT %d" % srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
