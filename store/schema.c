/*
 * The seller store's schema, as migrations. PRAGMA user_version is the
 * number of migrations applied; a store is brought up to date on open, one
 * migration per transaction. Never edit a migration that has shipped: add
 * the next one.
 */
#include <stddef.h>

#include "store/schema.h"

static const char *const schema_migrations[] = {
	/* 1: files, import errors and every report's facts. */
	"CREATE TABLE files ("
	"  id INTEGER PRIMARY KEY,"
	"  sha256 TEXT NOT NULL UNIQUE,"
	"  type TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  charset TEXT NOT NULL,"
	"  gzip INTEGER NOT NULL,"
	"  rows INTEGER NOT NULL DEFAULT 0,"
	"  bad_rows INTEGER NOT NULL DEFAULT 0,"
	"  range_from INTEGER,"		/* days since epoch, inclusive */
	"  range_to INTEGER,"
	/*
	 * The rowids the file's rows took in its table: an import appends
	 * in one transaction, so they are contiguous, and a range replace
	 * scans only the spans of older overlapping files, by primary key.
	 */
	"  table_name TEXT,"
	"  row_first INTEGER,"
	"  row_last INTEGER,"
	"  imported_at INTEGER NOT NULL"
	");"
	"CREATE TABLE import_errors ("
	"  file_id INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  column_name TEXT,"
	"  reason TEXT NOT NULL"
	");"
	/* Interned: the ledger repeats these on every row. */
	"CREATE TABLE products ("
	"  id INTEGER PRIMARY KEY,"
	"  fnsku TEXT NOT NULL,"
	"  msku TEXT NOT NULL,"
	"  asin TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  UNIQUE (fnsku, msku, asin)"
	");"
	"CREATE TABLE fulfillment_centers ("
	"  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);"
	"CREATE TABLE event_types ("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"INSERT INTO event_types VALUES (1, 'Receipts'), (2, 'Shipments'),"
	"  (3, 'CustomerReturns'), (4, 'Adjustments'), (5, 'VendorReturns'),"
	"  (6, 'WhseTransfers');"
	"CREATE TABLE dispositions ("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"INSERT INTO dispositions VALUES (1, 'SELLABLE'), (2, 'DEFECTIVE'),"
	"  (3, 'CUSTOMER_DAMAGED'), (4, 'DISTRIBUTOR_DAMAGED'),"
	"  (5, 'WAREHOUSE_DAMAGED'), (6, 'CARRIER_DAMAGED'), (7, 'EXPIRED');"
	/* Dates are integer days, times integer UTC seconds
	 * (docs/design.md §10). */
	"CREATE TABLE ledger ("
	"  id INTEGER PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  product_id INTEGER NOT NULL,"
	"  event_type INTEGER NOT NULL,"
	"  reference_id TEXT,"
	"  quantity INTEGER NOT NULL,"
	"  fc_id INTEGER,"
	"  disposition INTEGER,"
	"  reason TEXT,"
	"  country TEXT,"
	"  reconciled_qty INTEGER,"
	"  unreconciled_qty INTEGER,"
	"  event_time INTEGER,"
	"  event_time_text TEXT,"	/* the original, when it had an offset */
	"  store TEXT"
	");"
	"CREATE TABLE reimbursements ("
	"  id INTEGER PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  approval_time INTEGER NOT NULL,"
	"  approval_text TEXT,"
	"  reimbursement_id TEXT NOT NULL,"
	"  case_id TEXT,"
	"  amazon_order_id TEXT,"
	"  reason TEXT NOT NULL,"
	"  sku TEXT,"
	"  fnsku TEXT NOT NULL,"
	"  asin TEXT,"
	"  product_name TEXT,"
	"  condition TEXT,"
	"  currency TEXT NOT NULL,"
	"  amount_per_unit INTEGER,"
	"  amount_total INTEGER NOT NULL,"
	"  qty_cash INTEGER NOT NULL,"
	"  qty_inventory INTEGER NOT NULL,"
	"  qty_total INTEGER NOT NULL,"
	"  original_reimbursement_id TEXT,"
	"  original_reimbursement_type TEXT,"
	"  UNIQUE (reimbursement_id, fnsku)"
	");"
	"CREATE TABLE customer_returns ("
	"  id INTEGER PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  return_time INTEGER NOT NULL,"
	"  return_text TEXT,"
	"  order_id TEXT NOT NULL,"
	"  sku TEXT,"
	"  asin TEXT,"
	"  fnsku TEXT NOT NULL,"
	"  product_name TEXT,"
	"  quantity INTEGER NOT NULL,"
	"  fulfillment_center TEXT,"
	"  detailed_disposition TEXT,"
	"  reason TEXT,"
	"  status TEXT,"
	"  license_plate_number TEXT,"
	"  customer_comments TEXT"
	");"
	"CREATE TABLE removal_orders ("
	"  id INTEGER PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  request_time INTEGER NOT NULL,"
	"  order_id TEXT NOT NULL,"
	"  order_type TEXT,"
	"  order_status TEXT NOT NULL,"
	"  last_updated_time INTEGER NOT NULL,"
	"  sku TEXT,"
	"  fnsku TEXT NOT NULL,"
	"  disposition TEXT NOT NULL,"
	"  requested_qty INTEGER NOT NULL,"
	"  cancelled_qty INTEGER NOT NULL,"
	"  disposed_qty INTEGER NOT NULL,"
	"  shipped_qty INTEGER NOT NULL,"
	"  in_process_qty INTEGER NOT NULL,"
	"  removal_fee INTEGER,"
	"  currency TEXT,"
	"  service_speed TEXT,"
	"  UNIQUE (order_id, fnsku, disposition)"
	");"
	"CREATE TABLE removal_shipments ("
	"  id INTEGER PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  request_time INTEGER NOT NULL,"
	"  order_id TEXT NOT NULL,"
	"  shipment_time INTEGER NOT NULL,"
	"  sku TEXT,"
	"  fnsku TEXT NOT NULL,"
	"  disposition TEXT,"
	"  shipped_qty INTEGER NOT NULL,"
	"  carrier TEXT,"
	"  tracking_number TEXT,"
	"  removal_order_type TEXT"
	");"
	"CREATE INDEX files_table ON files (table_name, range_to);"
	"CREATE TABLE settlements ("
	"  settlement_id TEXT PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  start_time INTEGER,"
	"  end_time INTEGER,"
	"  deposit_time INTEGER,"
	"  total_amount INTEGER,"
	"  currency TEXT"
	");"
	/* Orders, refunds and other transactions, one amount per row. */
	"CREATE TABLE settlement_tx ("
	"  id INTEGER PRIMARY KEY,"
	"  settlement_id TEXT NOT NULL,"
	"  file_id INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  transaction_type TEXT NOT NULL,"
	"  order_id TEXT,"
	"  adjustment_id TEXT,"
	"  shipment_id TEXT,"
	"  marketplace TEXT,"
	"  amount_type TEXT,"
	"  amount_description TEXT,"
	"  amount INTEGER NOT NULL,"
	"  currency TEXT NOT NULL,"
	"  fulfillment_id TEXT,"
	"  posted_time INTEGER,"
	"  sku TEXT,"
	"  quantity INTEGER"
	");"
	"CREATE INDEX settlement_tx_settlement ON settlement_tx"
	"  (settlement_id);"
	"CREATE TABLE inbound_shipments ("
	"  shipment_id TEXT PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  name TEXT,"
	"  status TEXT NOT NULL,"
	"  destination_fc TEXT"
	");"
	"CREATE TABLE inbound_items ("
	"  id INTEGER PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  shipment_id TEXT NOT NULL,"
	"  sku TEXT,"
	"  fnsku TEXT NOT NULL,"
	"  qty_shipped INTEGER NOT NULL,"
	"  qty_received INTEGER NOT NULL,"
	"  UNIQUE (shipment_id, fnsku)"
	");"
	"CREATE TABLE unit_costs ("
	"  sku TEXT PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  unit_cost INTEGER NOT NULL,"
	"  currency TEXT NOT NULL"
	");"
	/* For people reading the store with the sqlite3 shell. */
	"CREATE VIEW ledger_v AS SELECT l.id, f.name AS file, l.line,"
	"  date(l.day * 86400, 'unixepoch') AS date, p.fnsku, p.asin,"
	"  p.msku, p.title, e.name AS event_type, l.reference_id,"
	"  l.quantity, c.code AS fulfillment_center, d.name AS disposition,"
	"  l.reason, l.country, l.reconciled_qty, l.unreconciled_qty,"
	"  datetime(l.event_time, 'unixepoch') AS event_time, l.store"
	"  FROM ledger l JOIN products p ON p.id = l.product_id"
	"  JOIN event_types e ON e.id = l.event_type"
	"  JOIN files f ON f.id = l.file_id"
	"  LEFT JOIN fulfillment_centers c ON c.id = l.fc_id"
	"  LEFT JOIN dispositions d ON d.id = l.disposition;",
	/* 2: claims, their evidence and their history
	 * (docs/design.md §6.1, §6.3). */
	"CREATE TABLE claims ("
	"  claim_id TEXT PRIMARY KEY,"	/* C + 16 hex of SHA-256 */
	"  type TEXT NOT NULL,"
	"  reference_id TEXT NOT NULL,"
	"  fnsku TEXT NOT NULL,"
	"  msku TEXT,"
	"  asin TEXT,"
	"  title TEXT,"
	"  country TEXT,"
	"  fulfillment_center TEXT,"
	"  event_day INTEGER NOT NULL,"	/* the anchor of the window */
	"  units INTEGER NOT NULL,"	/* the evidence's units */
	"  quantity INTEGER NOT NULL,"	/* units still owed */
	"  unit_value INTEGER,"	/* minor units; NULL: unknown */
	"  value_basis TEXT,"
	"  currency TEXT,"
	"  amount INTEGER,"
	"  window_opens INTEGER NOT NULL,"
	"  window_closes INTEGER NOT NULL,"
	"  policy_rule TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX claims_status ON claims (status, window_closes);"
	/* Every status change, never rewritten. */
	"CREATE TABLE claim_events ("
	"  id INTEGER PRIMARY KEY,"
	"  claim_id TEXT NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  old_status TEXT,"
	"  new_status TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  detail TEXT"
	");"
	"CREATE INDEX claim_events_claim ON claim_events (claim_id, id);"
	/* The rows that prove a claim, and those that cancelled part of it. */
	"CREATE TABLE claim_evidence ("
	"  claim_id TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  role TEXT NOT NULL,"		/* evidence | cancelled | reopened */
	"  source TEXT NOT NULL,"	/* ledger, reimbursements, ... */
	"  file TEXT,"
	"  line INTEGER,"
	"  day INTEGER,"
	"  units INTEGER NOT NULL,"
	"  detail TEXT,"
	"  PRIMARY KEY (claim_id, seq)"
	") WITHOUT ROWID;"
	"CREATE INDEX settlement_tx_sku ON settlement_tx (sku, posted_time);"
	"CREATE INDEX settlement_tx_order ON settlement_tx (order_id);",
	/* 3: anomalies for CSMs and their history (docs/design.md §6.4). */
	"CREATE TABLE anomalies ("
	"  anomaly_id TEXT PRIMARY KEY,"	/* of (kind, seller, period) */
	"  kind TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  severity TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  detail TEXT,"
	"  advice TEXT,"
	"  deadline INTEGER,"
	"  amount INTEGER,"
	"  currency TEXT,"
	"  opened_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  notified INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE anomaly_events ("
	"  id INTEGER PRIMARY KEY,"
	"  anomaly_id TEXT NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  old_status TEXT,"
	"  new_status TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  note TEXT"
	");"
	"CREATE INDEX anomaly_events_anomaly ON anomaly_events"
	"  (anomaly_id, id);",
	/* 4: the marketplace client's state
	 * (docs/design.md §4, docs/market.md). */
	/* Reports asked of Amazon: recorded before polling, so a run killed
	 * mid-fetch polls the same reportId next time. */
	"CREATE TABLE fetch_reports ("
	"  report_id TEXT PRIMARY KEY,"
	"  report_type TEXT NOT NULL,"
	"  data_start INTEGER NOT NULL,"	/* UTC seconds */
	"  data_end INTEGER NOT NULL,"
	/* planned, creating (ids "plan:..." until Amazon names them),
	 * requested, IN_QUEUE, IN_PROGRESS, DONE (in flight); imported,
	 * cancelled, fatal, rejected, lost, failed (finished) */
	"  status TEXT NOT NULL,"
	"  document_id TEXT,"
	"  detail TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX fetch_reports_status ON fetch_reports (status);"
	/* Per report type: the end of the data fetched without a gap. */
	"CREATE TABLE fetch_types ("
	"  report_type TEXT PRIMARY KEY,"
	"  complete_end INTEGER,"
	"  last_success_at INTEGER"
	");"
	/* What went wrong, for the anomaly rules (auth_failed, ...). */
	"CREATE TABLE fetch_events ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  report_type TEXT,"
	"  detail TEXT"
	");",
	/* 5: the nightly runs, one row per seller and run
	 * (docs/design.md §9). */
	"CREATE TABLE runs ("
	"  id INTEGER PRIMARY KEY,"
	"  started_at INTEGER NOT NULL,"
	"  finished_at INTEGER,"
	"  outcome TEXT NOT NULL,"	/* ok | failed | deferred | running */
	"  summary TEXT"
	");",
	/* 6: filing exactly once and reconciliation
	 * (docs/design.md §6.3, §7). */
	"ALTER TABLE claims ADD COLUMN case_id TEXT;"
	"ALTER TABLE claims ADD COLUMN filed_at INTEGER;"
	"ALTER TABLE claims ADD COLUMN paid_units INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE claims ADD COLUMN paid_amount INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE claims ADD COLUMN owed_amount INTEGER;"	/* still owed */
	"CREATE INDEX claims_case ON claims (case_id);"
	/* The intent is committed before the send, the outcome after it. */
	"CREATE TABLE claim_filings ("
	"  claim_id TEXT PRIMARY KEY,"
	"  transport TEXT NOT NULL,"
	/* intent, confirmed, rejected, expired, cancelled */
	"  state TEXT NOT NULL,"
	"  key TEXT NOT NULL,"		/* the Idempotency-Key */
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  intent_at INTEGER NOT NULL,"
	"  confirmed_at INTEGER,"
	"  case_id TEXT,"
	"  last_error TEXT"
	");"
	"CREATE INDEX claim_filings_state ON claim_filings (state);",
	/*
	 * 7: Inbound v0 as its model defines it (fulfillmentInboundV0.json):
	 * InboundShipmentItem requires only SellerSKU and QuantityShipped,
	 * InboundShipmentInfo neither ShipmentStatus nor a name. What Amazon
	 * left out is unknown (NULL), never 0. SQLite cannot drop NOT NULL
	 * in place: the tables are rebuilt, keeping rowids (files.row_first
	 * and row_last point at them).
	 */
	"CREATE TABLE inbound_items_7 ("
	"  id INTEGER PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  shipment_id TEXT NOT NULL,"
	"  sku TEXT,"
	"  fnsku TEXT,"			/* NULL: not in the response */
	"  qty_shipped INTEGER NOT NULL,"
	"  qty_received INTEGER,"	/* NULL: not in the response */
	"  UNIQUE (shipment_id, fnsku)"
	");"
	"INSERT INTO inbound_items_7 SELECT id, file_id, shipment_id, sku,"
	"  fnsku, qty_shipped, qty_received FROM inbound_items;"
	"DROP TABLE inbound_items;"
	"ALTER TABLE inbound_items_7 RENAME TO inbound_items;"
	/* An item without its FNSKU is found again by its SKU. */
	"CREATE INDEX inbound_items_sku ON inbound_items (shipment_id, sku);"
	"CREATE TABLE inbound_shipments_7 ("
	"  shipment_id TEXT PRIMARY KEY,"
	"  file_id INTEGER NOT NULL,"
	"  name TEXT,"
	"  status TEXT,"		/* NULL: not in the response */
	"  destination_fc TEXT"
	");"
	"INSERT INTO inbound_shipments_7 SELECT shipment_id, file_id, name,"
	"  status, destination_fc FROM inbound_shipments;"
	"DROP TABLE inbound_shipments;"
	"ALTER TABLE inbound_shipments_7 RENAME TO inbound_shipments;",
	/*
	 * 8: the seller's own settings (name, language, CSM,
	 * filing transport and cap, marketplaces), kept by every
	 * configured command so that a command without -C uses them.
	 */
	"CREATE TABLE seller_settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	/*
	 * A packet in the outbox is not filed: it waits for a person
	 * (docs/design.md §6.3, "ready"). Claims the outbox marked filed
	 * without a case id go back to ready, and their history says why.
	 */
	"INSERT INTO claim_events (claim_id, at, old_status, new_status,"
	"  actor, detail) SELECT c.claim_id, CAST(strftime('%s', 'now') AS"
	"  INTEGER), 'filed', 'ready', 'migration', 'the packet waits in"
	"  the outbox for a person to submit it; no case id was recorded'"
	"  FROM claims c JOIN claim_filings f USING (claim_id)"
	"  WHERE c.status = 'filed' AND c.case_id IS NULL"
	"  AND f.transport = 'outbox';"
	"UPDATE claims SET status = 'ready' WHERE status = 'filed'"
	"  AND case_id IS NULL AND claim_id IN (SELECT claim_id FROM"
	"  claim_filings WHERE transport = 'outbox');",
	/*
	 * 9: an anomaly keeps its figures (lib/figures.h), not sentences:
	 * each page renders them in its own language. Rows from before keep
	 * their English subject, detail and advice.
	 */
	"ALTER TABLE anomalies ADD COLUMN figures TEXT;",
	/*
	 * 10: the days the store was audited (issue 15 §5: time only moves
	 * forward). An audit of a day before the latest one is refused
	 * unless asked for (--rewind), and anomalies such an audit closes
	 * are reopened when the later day is audited again. A store older
	 * than the table takes the day of the latest history row the audit
	 * wrote (its timestamps are the audited day under --now).
	 */
	/* One row per day audited: a run killed and run again, or a
	 * second audit of the day, leaves the store as one audit would. */
	"CREATE TABLE audits ("
	"  day INTEGER PRIMARY KEY,"		/* days since epoch */
	"  at INTEGER NOT NULL,"		/* UTC seconds, the latest */
	"  rewind INTEGER NOT NULL DEFAULT 0"	/* before the latest day */
	");"
	"INSERT INTO audits (day, at) SELECT at / 86400, at FROM"
	"  (SELECT max(at) AS at FROM"
	"  (SELECT at FROM claim_events WHERE actor = 'audit' UNION ALL"
	"  SELECT at FROM anomaly_events WHERE who = 'fbaudit'))"
	"  WHERE at IS NOT NULL;",
	/*
	 * 11: one claim per refund (issue 15 §1). A refund claim's id
	 * hashed the FNSKU, empty until the ledger named the SKU, so a
	 * refund could have two claims. New ones hash the SKU; existing
	 * ones keep their ids (the audit finds them by order and SKU), and
	 * of two claims of one refund the one further along (filed, then
	 * ready, then open, then closed), else the older, stays; an open
	 * or expired second one is resolved, saying which claim it repeats.
	 * The audit chooses the same way (audit/audit.c, audit_before).
	 */
	"CREATE TEMP TABLE refund_twins AS SELECT c.claim_id AS twin,"
	"  c.status AS status, (SELECT d.claim_id FROM claims d"
	"  WHERE d.type = c.type AND d.reference_id = c.reference_id"
	"  AND d.msku IS c.msku ORDER BY CASE WHEN d.status IN ('filed',"
	"  'reimbursed', 'partially_reimbursed', 'denied') THEN 3"
	"  WHEN d.status = 'ready' THEN 2 WHEN d.status IN ('resolved',"
	"  'auto_reimbursed') THEN 0 ELSE 1 END DESC, d.created_at,"
	"  d.claim_id LIMIT 1) AS kept"
	"  FROM claims c WHERE c.type = 'customer_return_missing'"
	"  AND c.status IN ('pending', 'eligible', 'expired');"
	"DELETE FROM refund_twins WHERE twin = kept;"
	"INSERT INTO claim_events (claim_id, at, old_status, new_status,"
	"  actor, detail) SELECT twin, CAST(strftime('%s', 'now') AS"
	"  INTEGER), status, 'resolved', 'migration', 'the same refund (order"
	"  and SKU) as claim ' || kept || ', found again once a report named"
	"  its FNSKU: one claim per refund' FROM refund_twins;"
	"UPDATE claims SET status = 'resolved' WHERE claim_id IN"
	"  (SELECT twin FROM refund_twins);"
	"DROP TABLE refund_twins;",
	/*
	 * 12: why an eligible claim waits instead of being filed (issue 15
	 * §1): the reports its rule reads are not complete through its
	 * evidence and today less their lag, or its product cannot be
	 * named. NULL: it may be filed. Set by the audit, read by the
	 * filer and the pages.
	 */
	"ALTER TABLE claims ADD COLUMN hold TEXT;",
	/*
	 * 13: an evidence row's detail as figures (lib/figures.h) and its
	 * template, "evidence.detail.KEY" of lib/i18n, so a packet says it
	 * in its own language; detail keeps the English (CLI, JSON). NULL
	 * in a row from before: its detail is shown as stored.
	 */
	"ALTER TABLE claim_evidence ADD COLUMN detail_key TEXT;"
	"ALTER TABLE claim_evidence ADD COLUMN figures TEXT;",
};

size_t
schema_count(void)
{
	return sizeof(schema_migrations) / sizeof(schema_migrations[0]);
}

const char *
schema_migration(size_t i)
{
	return i < schema_count() ? schema_migrations[i] : NULL;
}
