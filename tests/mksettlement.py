#!/usr/bin/env python3
"""Writes a flat settlement file (V2) for the shell tests.

  mksettlement.py OUT SETTLEMENT_ID ROW...

Each ROW is "TYPE ORDER ADJUSTMENT AMOUNT_TYPE DESCRIPTION AMOUNT DAY QTY
SKU" separated by '|' (ADJUSTMENT and QTY may be empty), all on
Amazon.com in USD; the summary row's total is the rows' sum, so the file
adds up as Amazon's do.
"""
import sys

COLS = ["settlement-id", "settlement-start-date", "settlement-end-date",
        "deposit-date", "total-amount", "currency", "transaction-type",
        "order-id", "merchant-order-id", "adjustment-id", "shipment-id",
        "marketplace-name", "amount-type", "amount-description", "amount",
        "fulfillment-id", "posted-date", "posted-date-time",
        "order-item-code", "merchant-order-item-id",
        "merchant-adjustment-item-id", "sku", "quantity-purchased",
        "promotion-id"]


def main():
    out, sid = sys.argv[1], sys.argv[2]
    rows = [r.split("|") for r in sys.argv[3:]]
    days = sorted(r[6] for r in rows)
    summary = dict.fromkeys(COLS, "")
    summary.update({
        "settlement-id": sid,
        "settlement-start-date": days[0] + " 00:00:00 UTC",
        "settlement-end-date": days[-1] + " 23:59:59 UTC",
        "deposit-date": days[-1] + " 23:59:59 UTC",
        "total-amount": "%.2f" % sum(float(r[5]) for r in rows),
        "currency": "USD"})
    lines = ["\t".join(COLS), "\t".join(summary[c] for c in COLS)]
    for tt, order, adj, at, ad, amount, day, qty, sku in rows:
        r = dict.fromkeys(COLS, "")
        r.update({"settlement-id": sid, "transaction-type": tt,
                  "order-id": order, "adjustment-id": adj,
                  "marketplace-name": "Amazon.com", "amount-type": at,
                  "amount-description": ad, "amount": amount,
                  "fulfillment-id": "AFN", "posted-date": day,
                  "posted-date-time": day + " 10:00:00 UTC", "sku": sku,
                  "quantity-purchased": qty})
        lines.append("\t".join(r[c] for c in COLS))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
