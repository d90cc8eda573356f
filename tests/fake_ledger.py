#!/usr/bin/env python3
"""Synthetic Inventory Ledger rows (GET_LEDGER_DETAIL_VIEW_DATA) for a
range of days, for bench/night: the fake SP-API serves them for the range
a report asked (--ledger-rows), and the bench writes a seller's history
with the same function, so the days a night fetches again (its 3-day
overlap) carry the rows the history has.

A day's rows are a function of the day and the rows per day only (a
random.Random seeded by the day): every seller gets the same rows, so
the fake makes a range once and serves it to all.

  fake_ledger.py FROM TO ROWS_PER_DAY OUT.tsv.gz    (FROM inclusive,
                                                     TO exclusive, YYYY-MM-DD)
"""

import datetime
import gzip
import random
import sys

HEADER = ("Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\t"
          "Quantity\tFulfillment Center\tDisposition\tReason\tCountry\t"
          "Reconciled Quantity\tUnreconciled Quantity\tDate and Time\t"
          "Store\n")
PRODUCTS = 300
FCS = ("PHX7", "ONT8", "LGB8", "SMF3", "TEB9", "ABE8", "MDW2", "BFI4",
       "DFW7", "FTW1", "RIC2", "CLT2")
WORDS = ("Premium", "Steel", "Water", "Bottle", "Kitchen", "Bamboo",
         "Board", "Kids", "Puzzle", "Yoga", "Mat", "Lamp", "Cable", "Towel",
         "Größe", "Garden", "Travel", "Coffee", "Mug", "Blau")
# (cumulative weight, event) as Amazon's ledgers mix them
EVENTS = ((55, "Shipments"), (70, "Receipts"), (80, "CustomerReturns"),
          (92, "WhseTransfers"), (100, "Adjustments"))
# Adjustment reasons: disposition moves and disposals common; losses (M,
# 5), damage (E, 6) and finds (F) about one adjustment in 17
REASONS = ("P",) * 20 + ("Q",) * 20 + ("O", "N") * 10 + ("D",) * 20 + \
    ("E", "M", "5", "F", "6")


def product(i):
    r = random.Random(i)
    title = " ".join(r.choice(WORDS) for _ in range(r.randint(3, 9)))
    return ("X%09d" % (i + 1), "B0%08d" % (i + 1), "SKU-%05d" % i, title)


_PRODUCTS = [product(i) for i in range(PRODUCTS)]


def day_rows(day, per_day):
    """The rows of one day (a datetime.date), as text."""
    r = random.Random(day.toordinal())
    out = []
    date = day.strftime("%m/%d/%Y")
    for _ in range(per_day):
        fnsku, asin, msku, title = _PRODUCTS[int(r.paretovariate(1.2))
                                             % PRODUCTS]
        w = r.randrange(100)
        ev = next(e for c, e in EVENTS if w < c)
        reason = ""
        disp = "SELLABLE"
        ref = "%d" % r.randrange(10 ** 11, 10 ** 12)
        if ev == "Shipments":
            qty = -r.choice((1, 1, 1, 2))
        elif ev == "Receipts":
            qty = r.randint(1, 50)
            ref = "FBA15%07X" % r.randrange(16 ** 7)
        elif ev == "CustomerReturns":
            qty = 1
            disp = r.choice(("SELLABLE", "CUSTOMER_DAMAGED", "DEFECTIVE"))
        elif ev == "WhseTransfers":
            qty = r.choice((-3, -1, 1, 3))
        else:
            reason = r.choice(REASONS)
            qty = 1 if reason == "F" else -r.randint(1, 3)
            if reason in ("E", "6"):
                disp = "WAREHOUSE_DAMAGED"
        hh, mm = r.randrange(24), r.randrange(60)
        out.append("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\tUS\t0\t0\t"
                   "%sT%02d:%02d:00-0800\t\n" %
                   (date, fnsku, asin, msku, title, ev, ref, qty,
                    r.choice(FCS), disp, reason, day.isoformat(), hh, mm))
    return "".join(out)


def ledger(first, last, per_day):
    """A ledger file (gzip) with the rows of the days first..last-1."""
    parts = [HEADER]
    d = first
    while d < last:
        parts.append(day_rows(d, per_day))
        d += datetime.timedelta(days=1)
    return gzip.compress("".join(parts).encode(), compresslevel=1, mtime=0)


def main():
    first, last = (datetime.date.fromisoformat(a) for a in sys.argv[1:3])
    with open(sys.argv[4], "wb") as f:
        f.write(ledger(first, last, int(sys.argv[3])))


if __name__ == "__main__":
    sys.exit(main())
