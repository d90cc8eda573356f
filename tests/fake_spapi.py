#!/usr/bin/env python3
"""A fake Selling Partner API on 127.0.0.1, for tests and the benchmark.

It serves what fbaudit's fetch calls (LWA token, Reports 2021-06-30,
report documents, getReports for settlements and created reports,
Inbound v0) from the
fixtures, checks what the real one checks (the token call's form fields,
x-amz-access-token, JSON bodies, marketplace ids, no SP-API header on a
pre-signed URL, the rate limits of each operation per seller), and injects
faults per scenario.

  fake_spapi.py --fixtures DIR [--marketplace FILE] [--port N] [--delay S]
                [--fault NAME[:SELLER]] [--latency LO:HI [--seed N]]
                [--ledger-rows N] [--lean] [--id-base N]

Every seller gets the sample seller's reports (fixtures/*/), unless
--marketplace names a JSON file (fixtures/marketplace/sellers.json) that
gives sellers their own: per seller its marketplace ids, one file per
report type, the settlement files per type and the inbound responses,
paths relative to --fixtures. Such a seller may only ask for its own
marketplaces. Prints "PORT n" on stdout once listening. Credentials of seller S:
client_id "amzn1.application-oa2-client.S", client secret "cs-S-s3cr3t",
refresh token "rt-S-r3fr3sh" (with --shared-credentials, S is "shared"
for the secret and token of every seller). GET /_stats returns the counters as JSON;
POST /_control {"faults": [...], "delay": S} changes the scenario;
"new_day": true there fills every bucket, as a day passing would (a test
that runs one night after another a second apart on the wall clock).

For bench/night: --latency LO:HI makes each report DONE a time drawn
uniformly from LO to HI seconds after it was created (IN_QUEUE for the
first half), from a random.Random(--seed), instead of --delay for all;
--ledger-rows N serves ledger reports of N rows a day over the range they
asked (tests/fake_ledger.py), not the fixture; --lean keeps counters
only, not the log of every call and report (a night of 10,000 sellers
would hold it all in memory). "ops" in /_stats counts the calls of each
operation and "cpu" is the fake's own CPU seconds, in any mode.
--id-base N: reportIds count up from N, so that fakes started one after
the other (a night, then the next) never give two reports one id.

Faults: 429 (getReport answers 429 twice), 503 (createReport answers 503
once, getReportDocument 500 once), stall (a download stops mid-way),
truncated (a gzip document is cut short once), expired_token (the first
SP-API call gets 403, the token is revoked), invalid_grant (LWA refuses),
fatal (ledger reports end FATAL), fatal_reimbursements (reimbursements
reports end FATAL), cancelled (reports end CANCELLED), stuck
(reports stay IN_PROGRESS), stuck_returns (customer returns reports stay
IN_PROGRESS), expired_url (a pre-signed URL answers 403
once), lost_answer (the first createReport makes its report but the
connection closes before the answer), create_400 (the first createReport
answers 400), bad_settlement (the first settlement downloaded is not
one), sjis_ledger (the ledger is ledger/ledger_jp.sjis.tsv, its
Content-Type charset=Shift_JIS), unknown_charset (the ledger's
Content-Type names charset x-klingon),
paged_items (Inbound v0 item answers hold 2 items, with a NextToken
for the rest), repeat_token (an Inbound v0 NEXT_TOKEN page answers with
the NextToken it was asked with, for ever), no_item_shipment_id
(getShipmentItemsByShipmentId answers items without their ShipmentId).

Hostile servers (tests/t_trust.sh): echo_lwa (LWA answers 400
invalid_request whose description repeats the refresh token and client
secret it was sent, with escape sequences), echo_sp (the first
createReport answers 400 whose code and message carry escape sequences,
a C1 control and a line break and repeat the access token, with an
x-amzn-RequestId holding an escape), escape_doc (a FATAL report's error
document carries escape sequences and the access token), trickle (every
gzip document is sent with its Content-Length at once and its bytes a
few at a time, 8 every FAKE_TRICKLE seconds, default 0.25, until a
/_control lifts the fault: then the rest at once; "trickling" in
/_stats counts the documents being sent so), bomb (every gzip document
is a gzip bomb: 64 MiB of one byte, about 64 KiB compressed).

Inbound v0 follows Amazon's model (amzn/selling-partner-api-models,
models/fulfillment-inbound-api-model/fulfillmentInboundV0.json):
getShipments and getShipmentItems require MarketplaceId and take only
the parameters their QueryType pairs with (DATE_RANGE: LastUpdatedAfter
and LastUpdatedBefore; SHIPMENT: ShipmentStatusList or ShipmentIdList;
NEXT_TOKEN: NextToken); getShipmentItemsByShipmentId refuses the
deprecated MarketplaceId and has no NextToken parameter, so a shipment
with more items than one answer is read with getShipmentItems.
"""

import argparse
import calendar
import datetime
import gzip
import json
import os
import random
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import fake_ledger

# Amazon's usage plans: rate per second, burst (per seller).
PLANS = {
    "createReport": (0.0167, 15),
    "getReport": (2.0, 15),
    "getReports": (0.0222, 10),
    "getReportDocument": (0.0167, 15),
    "getShipments": (2.0, 30),
    "getShipmentItemsByShipmentId": (2.0, 30),
    "getShipmentItems": (2.0, 30),
}

# Seconds by which one call's way to the fake may be slower than the
# next's (take(): a bucket forgives the rate times this).
ARRIVAL_JITTER = 1.0

# Items per answer of the Inbound v0 item calls; the paged_items fault
# makes it 2, so a shipment's items need paging.
ITEMS_PAGE = 50

MARKETPLACES = {
    "ATVPDKIKX0DER", "A2EUQ1WTGCTBG2", "A1AM78C64UM0Y8", "A2Q3Y263D00KWC",
    "A1PA6795UKMFR9", "A13V1IB3VIYZZH", "A1F83G8C2ARO7P", "A1RKKUPIHCS9HS",
    "APJ6JRA9NG5V4", "A1805IZSGTT6HS", "A1VC38T7YXB528", "A39IBJ37TRP1C6",
}

# reportType -> (fixture, gzip it, Content-Type)
REPORTS = {
    "GET_LEDGER_DETAIL_VIEW_DATA":
        ("ledger/ledger.tsv", True, "text/tab-separated-values"),
    "GET_FBA_REIMBURSEMENTS_DATA":
        ("reimbursements/reimbursements.tsv", True,
         "text/plain; charset=UTF-8"),
    "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA":
        ("returns/returns.tsv", False, "text/plain; charset=UTF-8"),
    "GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA":
        ("removal_orders/removal_orders.tsv", False, "text/plain"),
    "GET_FBA_FULFILLMENT_REMOVAL_SHIPMENT_DETAIL_DATA":
        ("removal_shipments/removal_shipments.cp1252.tsv", False,
         "text/plain;charset=Cp1252"),
}
SETTLEMENTS = {
    "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2":
        [("settlement/settlement.tsv", "text/plain; charset=UTF-8")],
    "GET_V2_SETTLEMENT_REPORT_DATA_XML":
        [("settlement_xml/settlement.xml", "text/xml")],
}
ISO = "%Y-%m-%dT%H:%M:%SZ"
STATUSES = {"IN_QUEUE", "IN_PROGRESS", "DONE", "CANCELLED", "FATAL"}


def err_body(code, message, details=""):
    return {"errors": [{"code": code, "message": message,
                        "details": details}]}


def content_type(rel, default):
    """A seller's own file: its charset comes from its name."""
    if ".cp1252." in rel:
        return "text/plain;charset=Cp1252"
    if "Cp1252" in default:
        return "text/plain; charset=UTF-8"
    return default


class State:
    def __init__(self, fixtures, delay, faults, market=None):
        self.lock = threading.Lock()
        self.fixtures = fixtures
        self.delay = delay
        self.faults = set(faults)
        self.tokens = {}            # access token -> seller
        self.reports = {}           # reportId -> dict
        self.docs = {}              # documentId -> dict
        self.seq = 0
        self.buckets = {}           # (seller, op) -> [tokens, last]
        self.stats = {
            "token_calls": {}, "create_calls": {}, "creates": [],
            "calls": [], "violations": [], "rejects": [],
            "inflight": 0, "peak_inflight": 0, "requests": 0,
            "downloads": 0, "ops": {}, "trickling": 0,
        }
        self.latency = None         # (lo, hi) seconds, or None: delay
        self.rng = random.Random(1)
        self.ledger_rows = 0        # > 0: ledgers made for their range
        self.lean = False
        self.id_base = 50000000000  # reportIds count up from here
        self.once = set()           # faults already fired, by key
        self.cache = {}
        self.market = {}            # seller -> its own files (--marketplace)
        if market is not None:
            with open(market, encoding="utf-8") as f:
                self.market = json.load(f)
        self.inbound = {}           # inbound file -> (pages, items)
        self.bomb = None            # the bomb fault's document
        self.created = {}           # seller -> reports created

    def report_id(self, seller):
        """A new reportId. A --marketplace seller's reports are counted
        apart (50000000000 + 1000000 * its place + n), so that a night's
        ids do not depend on how sellers' calls interleave. Lock held."""
        if seller not in self.market:
            self.seq += 1
            return "%d" % (self.id_base + self.seq)
        n = self.created[seller] = self.created.get(seller, 0) + 1
        place = list(self.market).index(seller) + 1
        return "%d" % (50000000000 + 1000000 * place + n)

    def report_of(self, seller, rtype):
        """(fixture, gzip it, Content-Type) of a report type for seller."""
        rel, gz, ct = REPORTS[rtype]
        if rtype == "GET_LEDGER_DETAIL_VIEW_DATA":
            if self.fault("sjis_ledger", seller):
                return ("ledger/ledger_jp.sjis.tsv", gz,
                        "text/plain;charset=Shift_JIS")
            if self.fault("unknown_charset", seller):
                return (rel, gz, "text/plain; Charset=\"x-klingon\"")
        own = self.market.get(seller, {}).get("reports", {}).get(rtype)
        return (own, gz, content_type(own, ct)) if own else (rel, gz, ct)

    def settlements_of(self, seller, rtype):
        """[(fixture, Content-Type)] of a settlement type for seller."""
        if seller not in self.market:
            return SETTLEMENTS[rtype]
        own = self.market[seller].get("settlements", {}).get(rtype, [])
        return [(rel, "text/xml" if rel.endswith(".xml") else
                 "text/plain; charset=UTF-8") for rel in own]

    def shipments_of(self, seller):
        """The Inbound v0 responses of seller: (shipment pages, items)."""
        rel = self.market.get(seller, {}).get("inbound",
                                              "inbound/inbound.json")
        if rel not in self.inbound:
            with open(os.path.join(self.fixtures, rel),
                      encoding="utf-8") as f:
                pages = json.load(f)
            items = {}
            for p in pages:
                for it in p["payload"].get("ItemData", []):
                    items.setdefault(it["ShipmentId"], []).append(it)
            self.inbound[rel] = ([p for p in pages
                                  if "ShipmentData" in p["payload"]], items)
        return self.inbound[rel]

    def marketplaces_ok(self, seller, mps):
        """Amazon's ids, and a --marketplace seller's own ones only."""
        own = self.market.get(seller, {}).get("marketplaces")
        return all(m in MARKETPLACES and (own is None or m in own)
                   for m in mps)

    def fault(self, name, seller):
        return name in self.faults or f"{name}:{seller}" in self.faults

    def fire_once(self, name, seller, key, times=1):
        """Whether fault name fires for key (at most `times` times)."""
        if not self.fault(name, seller):
            return False
        for i in range(times):
            k = (name, key, i)
            if k not in self.once:
                self.once.add(k)
                return True
        return False

    def fixture(self, rel, gz):
        k = (rel, gz)
        if k not in self.cache:
            with open(os.path.join(self.fixtures, rel), "rb") as f:
                data = f.read()
            self.cache[k] = gzip.compress(data, mtime=0) if gz else data
        return self.cache[k]

    def report_delay(self):
        """Seconds a new report takes to generate. Lock held."""
        if self.latency is None:
            return None
        return self.rng.uniform(*self.latency)

    def ledger_of(self, start, end):
        """A generated ledger for a report's range: (bytes, Content-Type).
        The rows of a day are the same for every seller, so a range is
        made once. Lock held."""
        k = ("ledger", start, end)
        if k not in self.cache:
            d0, d1 = (datetime.date.fromisoformat(t[:10])
                      for t in (start, end))
            # A range ending after midnight has that day's first rows.
            if end[10:] != "T00:00:00Z":
                d1 += datetime.timedelta(days=1)
            self.cache[k] = fake_ledger.ledger(d0, d1, self.ledger_rows)
        return self.cache[k]

    def bomb_doc(self):
        """64 MiB of one byte after a ledger header, gzipped: 1000:1."""
        if self.bomb is None:
            self.bomb = gzip.compress(
                b"Date\tFNSKU\n" + b"x" * (64 << 20), compresslevel=6,
                mtime=0)
        return self.bomb

    def take(self, seller, op, now):
        """Amazon's token bucket: False (and a violation) when empty."""
        rate, burst = PLANS[op]
        b = self.buckets.setdefault((seller, op), [burst, now])
        b[0] = min(burst, b[0] + (now - b[1]) * rate)
        b[1] = now
        # Slack for when a call is measured: the client paces the calls
        # it sends, the bucket sees them arrive, and on a busy machine
        # one call may wait in the network and the scheduler for up to
        # a second longer than the next (the deficit the bucket sees is
        # the rate times that difference, not the client's pacing).
        if b[0] >= 1.0 - max(0.02, rate * ARRIVAL_JITTER):
            b[0] -= 1.0
            return True
        self.stats["violations"].append(
            {"seller": seller, "op": op, "t": now})
        return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeSPAPI/1.0"
    # The headers and the body go out in two writes: with Nagle's
    # algorithm the body waits for the client's delayed ACK (40 ms), and
    # a worker of bench/night made at most 25 requests a second.
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        pass

    # -- plumbing ---------------------------------------------------

    def send(self, status, body=b"", ctype="application/json",
             headers=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId",
                         "req-%d" % int(time.time() * 1e6))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def reject(self, status, code, message):
        st = self.server.st
        with st.lock:
            st.stats["rejects"].append(
                {"path": self.path, "code": code, "message": message})
        self.send(status, err_body(code, message))

    def body(self):
        return self._body

    def handle_one(self, method):
        st = self.server.st
        # Read the body first: an early error answer must not leave it
        # in the connection, where it would be taken for the next request.
        n = int(self.headers.get("Content-Length") or 0)
        self._body = self.rfile.read(n) if n else b""
        with st.lock:
            st.stats["inflight"] += 1
            st.stats["requests"] += 1
            st.stats["peak_inflight"] = max(st.stats["peak_inflight"],
                                            st.stats["inflight"])
        try:
            self.route(method)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with st.lock:
                st.stats["inflight"] -= 1

    def do_GET(self):
        self.handle_one("GET")

    def do_POST(self):
        self.handle_one("POST")

    def route(self, method):
        u = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(u.query, keep_blank_values=True)
        p = u.path
        if p == "/_stats":
            with self.server.st.lock:
                t = os.times()
                self.server.st.stats["cpu"] = t.user + t.system
                return self.send(200, self.server.st.stats)
        if p == "/_control" and method == "POST":
            c = json.loads(self.body() or b"{}")
            with self.server.st.lock:
                if "faults" in c:
                    self.server.st.faults = set(c["faults"])
                if "delay" in c:
                    self.server.st.delay = float(c["delay"])
                if c.get("new_day"):
                    self.server.st.buckets.clear()
            return self.send(200, {"ok": True})
        if p == "/auth/o2/token" and method == "POST":
            return self.lwa()
        if p.startswith("/_doc/"):
            return self.download(p[len("/_doc/"):], q)
        ua = self.headers.get("User-Agent", "")
        if not (ua.startswith("fbaudit/") and ua.endswith("(Language=C)")):
            return self.reject(400, "InvalidInput", "bad user-agent")
        seller = self.auth()
        if seller is None:
            return
        if p == "/reports/2021-06-30/reports" and method == "POST":
            return self.create_report(seller)
        if p == "/reports/2021-06-30/reports" and method == "GET":
            return self.get_reports(seller, q)
        if p.startswith("/reports/2021-06-30/reports/") and method == "GET":
            return self.get_report(seller, p.rsplit("/", 1)[1])
        if p.startswith("/reports/2021-06-30/documents/"):
            return self.get_document(seller, p.rsplit("/", 1)[1])
        if p == "/fba/inbound/v0/shipments":
            return self.shipments(seller, q)
        if p.startswith("/fba/inbound/v0/shipments/") and \
                p.endswith("/items"):
            return self.shipment_items(seller, p.split("/")[5], q)
        if p == "/fba/inbound/v0/shipmentItems":
            return self.list_items(seller, q)
        return self.reject(404, "NotFound", "no such resource")

    # -- LWA --------------------------------------------------------

    def lwa(self):
        st = self.server.st
        ctype = self.headers.get("Content-Type", "")
        if not ctype.startswith("application/x-www-form-urlencoded"):
            return self.send(400, {"error": "invalid_request",
                                   "error_description": "content type"})
        f = urllib.parse.parse_qs(self.body().decode(),
                                  keep_blank_values=True)
        f = {k: v[0] for k, v in f.items()}
        if f.get("grant_type") != "refresh_token":
            return self.send(400, {"error": "unsupported_grant_type"})
        rt = f.get("refresh_token", "")
        cid = f.get("client_id", "")
        prefix = "amzn1.application-oa2-client."
        seller = cid[len(prefix):] if cid.startswith(prefix) else ""
        if st.fault("echo_lwa", seller):
            # A server that repeats what it was sent, and worse.
            return self.send(400, {
                "error": "invalid_request\u001b[31m",
                "error_description": "refresh token %s or client secret "
                "%s not accepted\u001b]0;owned\u0007\n\u009b2J" %
                (rt, f.get("client_secret", ""))})
        # --shared-credentials (the benchmark): one secret for all.
        who = "shared" if st.shared else seller
        if not seller or f.get("client_secret") != f"cs-{who}-s3cr3t":
            return self.send(401, {"error": "invalid_client",
                                   "error_description": "Client "
                                   "authentication failed"})
        if rt != f"rt-{who}-r3fr3sh":
            return self.send(400, {"error": "invalid_grant",
                                   "error_description": "bad token"})
        with st.lock:
            st.stats["token_calls"][seller] = \
                st.stats["token_calls"].get(seller, 0) + 1
            refused = st.fault("invalid_grant", seller)
        if refused:
            return self.send(400, {
                "error": "invalid_grant",
                "error_description": "The request has an invalid grant "
                "parameter : refresh_token"})
        with st.lock:
            st.seq += 1
            tok = "Atza|fake-%s-%d" % (seller, st.seq)
            st.tokens[tok] = seller
        return self.send(200, {"access_token": tok,
                               "refresh_token": rt,
                               "token_type": "bearer", "expires_in": 3600})

    def auth(self):
        """The seller of a valid x-amz-access-token, else a 403."""
        st = self.server.st
        tok = self.headers.get("x-amz-access-token")
        with st.lock:
            seller = st.tokens.get(tok)
            expire = seller is not None and st.fire_once(
                "expired_token", seller, seller)
            if expire:
                del st.tokens[tok]
        if seller is None or expire:
            self.send(403, err_body(
                "Unauthorized", "Access to requested resource is denied.",
                "The access token you provided has expired."))
            return None
        return seller

    def limited(self, seller, op, extra=None):
        """Records the call; answers 429 when over the plan."""
        st = self.server.st
        now = time.time()
        with st.lock:
            st.stats["ops"][op] = st.stats["ops"].get(op, 0) + 1
            if not st.lean:
                st.stats["calls"].append({"t": now, "op": op,
                                          "seller": seller,
                                          "path": self.path})
            ok = st.take(seller, op, now)
            forced = extra is not None and st.fire_once(
                "429", seller, (seller, op), 2)
        if not ok or forced:
            self.send(429, err_body(
                "QuotaExceeded",
                "You exceeded your quota for the requested resource."),
                headers={"x-amzn-RateLimit-Limit":
                         "1.0" if forced else str(PLANS[op][0])})
            return True
        return False

    # -- Reports ----------------------------------------------------

    def create_report(self, seller):
        st = self.server.st
        if self.limited(seller, "createReport"):
            return
        try:
            b = json.loads(self.body())
        except ValueError:
            return self.reject(400, "InvalidInput", "body is not JSON")
        if not isinstance(b, dict):
            return self.reject(400, "InvalidInput", "body is not an object")
        rt = b.get("reportType")
        mps = b.get("marketplaceIds")
        if rt not in REPORTS:
            return self.reject(400, "InvalidInput", f"reportType {rt}")
        if not isinstance(mps, list) or not mps or \
                not st.marketplaces_ok(seller, mps):
            return self.reject(400, "InvalidInput", "marketplaceIds")
        try:
            t0 = time.strptime(b["dataStartTime"], ISO)
            t1 = time.strptime(b["dataEndTime"], ISO)
        except (KeyError, TypeError, ValueError):
            return self.reject(400, "InvalidInput", "data times")
        if t0 >= t1:
            return self.reject(400, "InvalidInput", "start after end")
        with st.lock:
            refuse = st.fire_once("create_400", seller, (seller, "c400"))
            echo = st.fire_once("echo_sp", seller, (seller, "echo"))
        if refuse:
            return self.reject(400, "InvalidInput", "refused (fake)")
        if echo:
            tok = self.headers.get("x-amz-access-token", "")
            return self.send(400, err_body(
                "Invalid\u001b[2JInput",
                "token %s refused\nfbaudit: error: forged line "
                "\u009b31m\u001b]8;;http://evil.example/\u0007" % tok),
                headers={"x-amzn-RequestId": "req-\x1b[31m-red"})
        with st.lock:
            if st.fire_once("503", seller, (seller, "create")):
                fail = True
            else:
                fail = False
                rid = st.report_id(seller)
                st.reports[rid] = {"seller": seller, "type": rt,
                                   "created": time.time(),
                                   "delay": st.report_delay(),
                                   "start": b["dataStartTime"],
                                   "end": b["dataEndTime"],
                                   "mps": mps}
                st.stats["create_calls"][seller] = \
                    st.stats["create_calls"].get(seller, 0) + 1
                if not st.lean:
                    st.stats["creates"].append(
                        {"seller": seller, "type": rt, "id": rid,
                         "start": b["dataStartTime"],
                         "end": b["dataEndTime"]})
        if fail:
            return self.send(503, err_body("ServiceUnavailable",
                                           "Service temporarily "
                                           "unavailable."))
        with st.lock:
            lost = st.fire_once("lost_answer", seller, (seller, "create"))
        if lost:
            # The report is made; its answer never arrives.
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        return self.send(202, {"reportId": rid})

    def status_of(self, r, seller):
        st = self.server.st
        age = time.time() - r["created"]
        delay = st.delay if r.get("delay") is None else r["delay"]
        if st.fault("stuck", seller) or (
                st.fault("stuck_returns", seller) and
                r["type"] == "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA"):
            return "IN_PROGRESS"
        if age < delay / 2:
            return "IN_QUEUE"
        if age < delay:
            return "IN_PROGRESS"
        if st.fault("cancelled", seller):
            return "CANCELLED"
        if st.fault("fatal", seller) and \
                r["type"] == "GET_LEDGER_DETAIL_VIEW_DATA":
            return "FATAL"
        if st.fault("fatal_reimbursements", seller) and \
                r["type"] == "GET_FBA_REIMBURSEMENTS_DATA":
            return "FATAL"
        return "DONE"

    def get_report(self, seller, rid):
        st = self.server.st
        if self.limited(seller, "getReport", extra=True):
            return
        with st.lock:
            r = st.reports.get(rid)
            if r is None or r["seller"] != seller:
                r = None
            else:
                status = self.status_of(r, seller)
        if r is None:
            return self.reject(404, "NotFound", "no such report")
        out = {"reportId": rid, "reportType": r["type"],
               "dataStartTime": r["start"], "dataEndTime": r["end"],
               "marketplaceIds": r["mps"], "processingStatus": status,
               "createdTime": time.strftime(ISO,
                                            time.gmtime(r["created"]))}
        if status in ("DONE", "FATAL"):
            doc = "amzn1.spdoc.1.4.na.%s" % rid
            with st.lock:
                if status == "DONE":
                    rel, gz, ct = st.report_of(seller, r["type"])
                    st.docs[doc] = {"seller": seller, "rel": rel,
                                    "gz": gz, "ct": ct,
                                    "range": (r["start"], r["end"])}
                else:
                    st.docs[doc] = {"seller": seller, "error": True,
                                    "gz": False, "ct": "text/plain"}
            out["reportDocumentId"] = doc
        return self.send(200, out)

    def get_reports(self, seller, q):
        """Settlements (made by Amazon), and the reports fbaudit created,
        filtered as Amazon does by type, processingStatuses and
        createdSince; one a page, so that paging is exercised."""
        st = self.server.st
        if self.limited(seller, "getReports"):
            return
        tok = q.get("nextToken", [None])[0]
        if tok is not None:
            if len(q) != 1:
                return self.reject(400, "InvalidInput",
                                   "nextToken goes alone")
            try:
                types, statuses, since, page = tok.split("|")
                page = int(page)
            except ValueError:
                return self.reject(400, "InvalidInput", "nextToken")
        else:
            statuses = q.get("processingStatuses", [""])[0]
            since = q.get("createdSince", [""])[0]
            types, page = q.get("reportTypes", [""])[0], 0
        try:
            t_since = calendar.timegm(time.strptime(since, ISO))
        except ValueError:
            return self.reject(400, "InvalidInput", "createdSince")
        wanted = set(statuses.split(","))
        if not wanted or not wanted <= STATUSES:
            return self.reject(400, "InvalidInput", "processingStatuses")
        if types in SETTLEMENTS:
            lst = self.settlements(seller, types) \
                if "DONE" in wanted else []
        elif types in REPORTS:
            lst = self.created_reports(seller, types, wanted, t_since)
        else:
            return self.reject(400, "InvalidInput", "reportTypes")
        out = {"reports": lst[page:page + 1]}
        if page + 1 < len(lst):
            out["nextToken"] = "%s|%s|%s|%d" % (types, statuses, since,
                                                page + 1)
        return self.send(200, out)

    def settlements(self, seller, types):
        st = self.server.st
        out = []
        for page, (rel, ct) in enumerate(st.settlements_of(seller, types)):
            rid = "%d" % (90000 + 10 * list(SETTLEMENTS).index(types) +
                          page)
            doc = "amzn1.spdoc.1.4.na.settle.%s.%s" % (seller, rid)
            with st.lock:
                st.docs[doc] = {"seller": seller, "rel": rel, "gz": False,
                                "ct": ct}
            out.append({
                "reportId": rid, "reportType": types,
                "processingStatus": "DONE", "reportDocumentId": doc,
                "dataStartTime": "2025-01-01T00:00:00Z",
                "dataEndTime": "2025-01-15T00:00:00Z",
                "createdTime": "2025-01-16T00:00:00Z"})
        return out

    def created_reports(self, seller, rtype, wanted, since):
        """The seller's reports of rtype, newest first (as Amazon)."""
        st = self.server.st
        out = []
        with st.lock:
            mine = [(rid, r) for rid, r in st.reports.items()
                    if r["seller"] == seller and r["type"] == rtype and
                    r["created"] >= since]
            for rid, r in sorted(mine, key=lambda x: -x[1]["created"]):
                status = self.status_of(r, seller)
                if status not in wanted:
                    continue
                e = {"reportId": rid, "reportType": rtype,
                     "dataStartTime": r["start"], "dataEndTime": r["end"],
                     "marketplaceIds": r["mps"],
                     "processingStatus": status,
                     "createdTime": time.strftime(
                         ISO, time.gmtime(r["created"]))}
                if status == "DONE":
                    doc = "amzn1.spdoc.1.4.na.%s" % rid
                    rel, gz, ct = st.report_of(seller, rtype)
                    st.docs[doc] = {"seller": seller, "rel": rel,
                                    "gz": gz, "ct": ct,
                                    "range": (r["start"], r["end"])}
                    e["reportDocumentId"] = doc
                out.append(e)
        return out

    def get_document(self, seller, doc):
        st = self.server.st
        if self.limited(seller, "getReportDocument"):
            return
        with st.lock:
            d = st.docs.get(doc)
            fail = d is not None and st.fire_once("503", seller,
                                                  (seller, "getdoc"))
        if d is None or d["seller"] != seller:
            return self.reject(404, "NotFound", "no such document")
        if fail:
            return self.send(500, err_body("InternalFailure",
                                           "We encountered an internal "
                                           "error."))
        port = self.server.server_address[1]
        url = "http://127.0.0.1:%d/_doc/%s?X-Amz-Expires=300&" \
              "X-Amz-Signature=%x" % (port, doc, int(time.time() * 1e6))
        out = {"reportDocumentId": doc, "url": url}
        if d["gz"]:
            out["compressionAlgorithm"] = "GZIP"
        return self.send(200, out)

    def download(self, doc, q):
        st = self.server.st
        with st.lock:
            d = st.docs.get(doc)
            st.stats["downloads"] += 1
        # A pre-signed URL is its own authority: S3 refuses extra auth.
        if self.headers.get("x-amz-access-token") or \
                self.headers.get("Authorization"):
            return self.reject(400, "InvalidArgument",
                               "SP-API header sent to S3")
        if d is None or "X-Amz-Signature" not in q:
            return self.send(404, b"<Error><Code>NoSuchKey</Code></Error>",
                             "application/xml")
        seller = d["seller"]
        with st.lock:
            expired = st.fire_once("expired_url", seller, (seller, "url"))
            stall = not expired and st.fire_once("stall", seller,
                                                 (seller, "stall"))
            trunc = d["gz"] and not stall and not expired and \
                st.fire_once("truncated", seller, (seller, "trunc"))
        if expired:
            return self.send(403, b"<Error><Code>AccessDenied</Code>"
                             b"<Message>Request has expired</Message>"
                             b"</Error>", "application/xml")
        with st.lock:
            bad = ".settle." in doc and st.fire_once(
                "bad_settlement", seller, (seller, "settle"))
        if d.get("error") and st.fault("escape_doc", seller):
            tok = next((t for t, s in st.tokens.items() if s == seller), "")
            data = ('{"errorDetails":"failed \x1b[31mred\x1b[0m \u009b2J '
                    'token %s\x07"}' % tok).encode()
        elif d.get("error"):
            data = b'{"errorDetails":"Report generation failed: ' \
                   b'internal error (fake)"}'
        elif d["gz"] and st.fault("bomb", seller):
            data = st.bomb_doc()
        elif bad:
            data = b"settlement-id\tnot a settlement\n"
        elif st.ledger_rows > 0 and d.get("range") and \
                d["rel"] == REPORTS["GET_LEDGER_DETAIL_VIEW_DATA"][0]:
            with st.lock:
                data = st.ledger_of(*d["range"])
        else:
            data = st.fixture(d["rel"], d["gz"])
        if trunc:
            data = data[:len(data) // 2]
        if d["gz"] and st.fault("trickle", seller):
            # Announced in full, sent a few bytes at a time: never a
            # second without a byte, so no stall timeout cuts it.
            self.send_response(200)
            self.send_header("Content-Type", d["ct"])
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            step = float(os.environ.get("FAKE_TRICKLE", "0.25"))
            with st.lock:
                st.stats["trickling"] += 1
            try:
                for i in range(0, len(data), 8):
                    if not st.fault("trickle", seller):
                        # Lifted by /_control: the rest at once.
                        self.wfile.write(data[i:])
                        break
                    self.wfile.write(data[i:i + 8])
                    self.wfile.flush()
                    time.sleep(step)
            finally:
                with st.lock:
                    st.stats["trickling"] -= 1
            return
        if stall:
            self.send_response(200)
            self.send_header("Content-Type", d["ct"])
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[:len(data) // 2])
            self.wfile.flush()
            time.sleep(float(os.environ.get("FAKE_STALL", "10")))
            self.close_connection = True
            return
        return self.send(200, data, d["ct"])

    # -- Inbound v0 -------------------------------------------------

    # Which parameters each QueryType goes with, per the model.
    QUERY_PARAMS = {
        "getShipments": {
            "SHIPMENT": ({"ShipmentStatusList", "ShipmentIdList"}, 1),
            "DATE_RANGE": ({"LastUpdatedAfter", "LastUpdatedBefore"}, 2),
            "NEXT_TOKEN": ({"NextToken"}, 1),
        },
        "getShipmentItems": {
            "DATE_RANGE": ({"LastUpdatedAfter", "LastUpdatedBefore"}, 2),
            "NEXT_TOKEN": ({"NextToken"}, 1),
        },
    }

    def query_ok(self, seller, op, q):
        """Rejects what the model does not allow; returns QueryType."""
        st = self.server.st
        mp = q.get("MarketplaceId", [""])
        if len(mp) != 1 or not st.marketplaces_ok(seller, mp):
            self.reject(400, "InvalidInput", "MarketplaceId")
            return None
        qt = q.get("QueryType", [""])[0]
        pairs = self.QUERY_PARAMS[op]
        if qt not in pairs:
            self.reject(400, "InvalidInput", "QueryType")
            return None
        want, need = pairs[qt]
        given = set(q) - {"MarketplaceId", "QueryType"}
        other = set().union(*(w for w, _ in pairs.values())) - want
        if given & other:
            self.reject(400, "InvalidInput", "%s does not go with "
                        "QueryType=%s" % (sorted(given & other)[0], qt))
            return None
        if len(given & want) < need:
            self.reject(400, "InvalidInput", "QueryType=%s needs %s" %
                        (qt, " and ".join(sorted(want))))
            return None
        return qt

    def page_of(self, seller, kind, q, pages):
        """The index of the page asked, following a NextToken of kind."""
        st = self.server.st
        if q.get("QueryType", [""])[0] != "NEXT_TOKEN":
            return 0
        tok = q["NextToken"][0]
        prefix = "%s-%s-" % (kind, seller)
        if not tok.startswith(prefix) or \
                not tok[len(prefix):].isdigit() or \
                not 0 < int(tok[len(prefix):]) < len(pages):
            self.reject(400, "InvalidInput", "NextToken")
            return None
        page = int(tok[len(prefix):])
        # repeat_token: the page names itself as the next one, for ever.
        if st.fault("repeat_token", seller):
            return page - 1
        return page

    def token_page(self, seller, kind, pages, page):
        """Answers page of pages, with the NextToken of the next one."""
        body = {"payload": dict(pages[page])}
        if page + 1 < len(pages):
            body["payload"]["NextToken"] = "%s-%s-%d" % (kind, seller,
                                                         page + 1)
        return self.send(200, body)

    def shipments(self, seller, q):
        st = self.server.st
        if self.limited(seller, "getShipments"):
            return
        qt = self.query_ok(seller, "getShipments", q)
        if qt is None:
            return
        ship_pages, _ = st.shipments_of(seller)
        pages = [{"ShipmentData": p["payload"]["ShipmentData"]}
                 for p in ship_pages]
        if qt == "SHIPMENT":
            want = set(",".join(q.get("ShipmentStatusList", [])).split(","))
            ids = set(",".join(q.get("ShipmentIdList", [])).split(","))
            pages = [{"ShipmentData": [
                s for p in pages for s in p["ShipmentData"]
                if s.get("ShipmentStatus") in want or
                s.get("ShipmentId") in ids]}]
        page = self.page_of(seller, "shp", q, pages)
        if page is None:
            return
        return self.token_page(seller, "shp", pages, page)

    def items_pages(self, seller, items):
        n = 2 if self.server.st.fault("paged_items", seller) else ITEMS_PAGE
        return [{"ItemData": items[i:i + n]}
                for i in range(0, len(items), n)] or [{"ItemData": []}]

    def shipment_items(self, seller, sid, q):
        st = self.server.st
        if self.limited(seller, "getShipmentItemsByShipmentId"):
            return
        # The model: MarketplaceId "Deprecated. Do not use."; no paging.
        for k in q:
            return self.reject(400, "InvalidInput", "%s is not a "
                               "parameter of getShipmentItemsByShipmentId"
                               % k)
        _, items = st.shipments_of(seller)
        mine = [dict(it) for it in items.get(sid, [])]
        if st.fault("no_item_shipment_id", seller):
            for it in mine:
                it.pop("ShipmentId", None)
        pages = self.items_pages(seller, mine)
        body = {"payload": dict(pages[0])}
        if len(pages) > 1:
            # What Amazon's sandbox answers: a NextToken this operation
            # has no parameter to follow.
            body["payload"]["NextToken"] = "itm-%s-%s-1" % (seller, sid)
        return self.send(200, body)

    def list_items(self, seller, q):
        st = self.server.st
        if self.limited(seller, "getShipmentItems"):
            return
        if self.query_ok(seller, "getShipmentItems", q) is None:
            return
        _, items = st.shipments_of(seller)
        pages = self.items_pages(seller, [it for sid in sorted(items)
                                          for it in items[sid]])
        page = self.page_of(seller, "itm", q, pages)
        if page is None:
            return
        return self.token_page(seller, "itm", pages, page)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--marketplace")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--delay", type=float, default=0.5)
    ap.add_argument("--fault", action="append", default=[])
    ap.add_argument("--shared-credentials", action="store_true")
    ap.add_argument("--latency", metavar="LO:HI")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ledger-rows", type=int, default=0)
    ap.add_argument("--lean", action="store_true")
    ap.add_argument("--id-base", type=int, default=50000000000)
    a = ap.parse_args()
    srv = Server(("127.0.0.1", a.port), Handler)
    srv.st = State(a.fixtures, a.delay, a.fault, a.marketplace)
    srv.st.shared = a.shared_credentials
    if a.latency is not None:
        try:
            lo, hi = (float(x) for x in a.latency.split(":"))
        except ValueError:
            ap.error("--latency: LO:HI in seconds")
        if not 0 <= lo <= hi:
            ap.error("--latency: LO:HI with 0 <= LO <= HI")
        srv.st.latency = (lo, hi)
    srv.st.rng = random.Random(a.seed)
    srv.st.ledger_rows = a.ledger_rows
    srv.st.lean = a.lean
    srv.st.id_base = a.id_base
    print("PORT %d" % srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
