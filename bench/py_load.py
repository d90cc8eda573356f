#!/usr/bin/python3
"""py_load: bench measurement (c), the Python baseline.

gzip + csv.reader (tab, QUOTE_NONE, one level of surrounding quotes
stripped) + sqlite3 executemany into the same 14-column table as
naive_load.c, one transaction, WAL.  Prints the number of rows on stdout.

usage: py_load.py FILE.tsv.gz DB
"""
import csv
import gzip
import sqlite3
import sys

NCOLS = 14
INT_COLS = (7, 12, 13)  # Quantity, Reconciled Quantity, Unreconciled Quantity

DDL = ("CREATE TABLE ledger ("
       "date TEXT, fnsku TEXT, asin TEXT, msku TEXT, title TEXT, "
       "event_type TEXT, reference_id TEXT, quantity INTEGER, "
       "fulfillment_center TEXT, disposition TEXT, reason TEXT, country TEXT, "
       "reconciled_quantity INTEGER, unreconciled_quantity INTEGER)")
INSERT = "INSERT INTO ledger VALUES (" + ",".join("?" * NCOLS) + ")"


def unquote(cell):
    """Strips one level of surrounding double quotes from a cell."""
    if len(cell) >= 2 and cell[0] == '"' and cell[-1] == '"':
        return cell[1:-1]
    return cell


def rows(reader, path, counter):
    """Yields each data row as a tuple ready to bind; counts them."""
    for rec in reader:
        if len(rec) != NCOLS:
            sys.exit(f"{path}:{reader.line_num}: {len(rec)} fields, "
                     f"header has {NCOLS}")
        rec = [unquote(c) for c in rec]
        for i in INT_COLS:
            v = rec[i]
            try:
                rec[i] = int(v) if v else None
            except ValueError:
                sys.exit(f"{path}:{reader.line_num}: column {i + 1}: "
                         f"\"{v}\" is not an integer")
        counter[0] += 1
        yield rec


def main():
    """Loads argv[1] into a new table in database argv[2]."""
    if len(sys.argv) != 3:
        sys.exit("usage: py_load.py FILE.tsv.gz DB")
    path, dbpath = sys.argv[1], sys.argv[2]
    csv.field_size_limit(1024 * 1024)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or len(header) != NCOLS:
            sys.exit(f"{path}: header has "
                     f"{0 if header is None else len(header)} fields, "
                     f"want {NCOLS}")
        con = sqlite3.connect(dbpath, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute(DDL)
            con.execute("BEGIN")
            counter = [0]
            con.executemany(INSERT, rows(reader, path, counter))
            con.execute("COMMIT")
        finally:
            con.close()
    print(counter[0])


if __name__ == "__main__":
    main()
