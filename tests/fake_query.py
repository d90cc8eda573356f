#!/usr/bin/env python3
"""Talks to a running loopback fake (tests/fake_spapi.py) for the suites.

fake_query.py PORT stats EXPR   prints EXPR, a Python expression over the
                                fake's counters (d, its /_stats answer)
fake_query.py PORT control JSON changes the fake's scenario (/_control),
                                keeping its counters
"""
import json
import sys
import urllib.request


def main():
    port, verb, arg = sys.argv[1:4]
    base = "http://127.0.0.1:%s" % port
    if verb == "stats":
        d = json.load(urllib.request.urlopen(base + "/_stats"))
        print(eval(arg, {"d": d}))
    elif verb == "control":
        urllib.request.urlopen(urllib.request.Request(
            base + "/_control", data=arg.encode(), method="POST")).read()
    else:
        sys.exit("fake_query.py: unknown verb %r" % verb)


main()
