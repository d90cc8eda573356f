/*
 * Case packets. One table row per claim type says what Amazon's form
 * calls the claim's reference and which fields the form asks for; the
 * words come from the language catalogues (claim.* keys), filled with
 * the claim's values by name.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "claims/packet.h"
#include "lib/anomtext.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/date.h"
#include "lib/l10n.h"
#include "lib/mem.h"
#include "lib/num.h"
#include "lib/text.h"
#include "store/claims.h"
#include "store/filing.h"
#include "store/store.h"

/* Longest imported text a packet's message quotes (titles are ~200). */
#define PACKET_MAX_TEXT	1024
/* Most fields one form asks for. */
#define PACKET_MAX_FORM	6

struct packet_type {
	const char	*type;
	/* the reference, as Amazon's form names it */
	const char	*ref_name;
	/* the form's fields: names of values (packet_vars) */
	const char	*form[PACKET_MAX_FORM];
};

/*
 * What Amazon's forms ask (Seller Central, "Reimbursement" and "FBA
 * inventory" cases): lost or damaged in a fulfilment centre: FNSKU, the
 * ledger's Reference ID and date, quantity; customer returns: the order
 * id; inbound: shipment id, FNSKU, shipped and received units; removals:
 * the removal order id; underpaid: the reimbursement id and its case id.
 */
static const struct packet_type packet_types[] = {
	{ "warehouse_lost", "ledger_reference_id",
	    { "fnsku", "reference", "date", "quantity", "fc", NULL } },
	{ "warehouse_damaged", "ledger_reference_id",
	    { "fnsku", "reference", "date", "quantity", "fc", NULL } },
	{ "customer_return_missing", "order_id",
	    { "order_id", "fnsku", "msku", "date", "quantity", NULL } },
	{ "customer_return_damaged", "order_id",
	    { "order_id", "fnsku", "msku", "date", "quantity", NULL } },
	{ "inbound_shortage", "shipment_id",
	    { "shipment_id", "fnsku", "shipped", "received", "quantity",
	    NULL } },
	{ "removal_shortfall", "removal_order_id",
	    { "removal_order_id", "fnsku", "date", "quantity", NULL } },
	{ "reimbursement_underpaid", "reimbursement_id",
	    { "reimbursement_id", "case_id", "fnsku", "quantity", "amount",
	    NULL } },
};

/* Names and values of one claim, for templates and the form. */
#define PACKET_NVARS	24

struct packet_vars {
	const char	*pair[2 * PACKET_NVARS + 1];
	size_t		 n;
	char		*owned[PACKET_NVARS];
	size_t		 nowned;
};

/* Everything a packet is built from. */
struct packet_claim {
	struct packet_vars	 v;
	json_t			*root;
	json_t			*evidence;
	struct buf		 evtext;
	const struct l10n	*l;
	int			 found;
	char			 err[256];
};

/* Adds name = value (copied) to the claim's values. */
static void
packet_var(struct packet_vars *v, const char *name, const char *value)
{
	if (v->n >= 2 * PACKET_NVARS)
		return;
	v->owned[v->nowned] = xstrdup(value ? value : "");
	v->pair[v->n++] = name;
	v->pair[v->n++] = v->owned[v->nowned++];
	v->pair[v->n] = NULL;
}

/* The value of name, or "". */
static const char *
packet_get(const struct packet_vars *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->n; i += 2)
		if (strcmp(v->pair[i], name) == 0)
			return v->pair[i + 1];
	return "";
}

/* Imported text for the message: no control byte, bounded. */
static char *
packet_plain(const char *s, char out[PACKET_MAX_TEXT])
{
	return text_terminal(out, PACKET_MAX_TEXT, s, PACKET_MAX_TEXT - 1);
}

/* Sets key to text, null when empty. JSON escapes what needs it. */
static void
packet_str(json_t *o, const char *key, const char *s)
{
	json_t *j;
	char safe[PACKET_MAX_TEXT];

	if (s == NULL || *s == '\0') {
		json_object_set_new(o, key, json_null());
		return;
	}
	/* The store holds UTF-8; should a row not be, it stays text. */
	if ((j = json_string(s)) == NULL)
		j = json_string(text_terminal(safe, sizeof(safe), s,
		    sizeof(safe) - 1));
	json_object_set_new(o, key, j ? j : json_null());
}

/* A claim field into the packet's JSON. */
static void
packet_field(void *ctx, const struct claim_field *f)
{
	if (f->is_number)
		json_object_set_new(ctx, f->key, json_integer(f->number));
	else
		packet_str(ctx, f->key, f->text);
}

static const struct packet_type *
packet_type_find(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(packet_types) / sizeof(packet_types[0]); i++)
		if (strcmp(packet_types[i].type, type) == 0)
			return &packet_types[i];
	return NULL;
}

/* The claim's own fields: JSON and values. */
static int
packet_claim_row(void *ctx, const struct claim_row *c)
{
	struct packet_claim *pc = ctx;
	struct packet_vars *v = &pc->v;
	json_t *o = pc->root;
	char d[DATE_STRLEN], m[64], n[32], plain[PACKET_MAX_TEXT];
	const char *basis;

	pc->found = 1;
	store_claim_fields(c, packet_field, o);

	packet_var(v, "claim_id", c->claim_id);
	packet_var(v, "type", c->type);
	packet_var(v, "reference", packet_plain(c->reference, plain));
	packet_var(v, "fnsku", packet_plain(c->fnsku, plain));
	packet_var(v, "msku", packet_plain(c->msku, plain));
	packet_var(v, "asin", packet_plain(c->asin, plain));
	packet_var(v, "title", packet_plain(c->title, plain));
	packet_var(v, "fc", *c->fc ? packet_plain(c->fc, plain) : "-");
	packet_var(v, "date", date_format(c->event_day, d));
	packet_var(v, "closes", date_format(c->closes, d));
	snprintf(n, sizeof(n), "%lld", (long long)c->quantity);
	packet_var(v, "quantity", n);
	snprintf(n, sizeof(n), "%lld", (long long)c->units);
	packet_var(v, "units", n);
	if (c->has_value) {
		packet_var(v, "unit_value", l10n_money(pc->l, c->unit_value,
		    c->currency, m, sizeof(m)));
		packet_var(v, "amount", l10n_money(pc->l, c->amount,
		    c->currency, m, sizeof(m)));
	}
	basis = "claim.basis.other";
	if (strcmp(c->value_basis, "unit_cost") == 0)
		basis = "claim.basis.unit_cost";
	else if (strcmp(c->value_basis, "median_sale_price") == 0)
		basis = "claim.basis.median_sale_price";
	else if (strcmp(c->value_basis, "order_price_less_fees") == 0)
		basis = "claim.basis.order_price_less_fees";
	packet_var(v, "basis", l10n_get(pc->l, basis));
	/* The reference under the name each form gives it. */
	packet_var(v, "order_id", packet_plain(c->reference, plain));
	packet_var(v, "shipment_id", packet_plain(c->reference, plain));
	packet_var(v, "removal_order_id", packet_plain(c->reference, plain));
	packet_var(v, "reimbursement_id", packet_plain(c->reference, plain));
	return 1;
}

/*
 * The plain name of the report an evidence row comes from, in the
 * packet's language: Amazon's support and the seller read the message,
 * not the store's table names. An unknown source is shown as it is.
 */
static const char *
packet_source_name(const struct packet_claim *pc, const char *source,
    char *key, size_t size)
{
	snprintf(key, size, "evidence.source.%s", source);
	return l10n_has(pc->l, key) ? l10n_get(pc->l, key) : source;
}

/*
 * An evidence row's detail in the packet's language, from its figures
 * (audit/finding.h); a row stored before them keeps its English detail.
 */
static void
packet_detail(const struct l10n *l, const struct claim_evidence_row *e,
    char detail[PACKET_MAX_TEXT])
{
	struct buf b;

	buf_init(&b, 0);
	buf_adds(&b, "");
	anomtext_evidence(l, e->detail_key, e->figures, e->detail, &b);
	packet_plain(b.data, detail);
	buf_free(&b);
}

/* One evidence row: JSON, and a line of the message. */
static int
packet_evidence_row(void *ctx, const struct claim_evidence_row *e)
{
	struct packet_claim *pc = ctx;
	json_t *o;
	char d[DATE_STRLEN], line[32], units[32], file[PACKET_MAX_TEXT];
	char detail[PACKET_MAX_TEXT], key[96];

	if ((o = json_object()) == NULL)
		return -1;
	packet_str(o, "role", e->role);
	packet_str(o, "source", e->source);
	packet_str(o, "file", e->file);
	if (e->line > 0)
		json_object_set_new(o, "line", json_integer(e->line));
	else
		json_object_set_new(o, "line", json_null());
	packet_str(o, "date", date_format(e->day, d));
	json_object_set_new(o, "units", json_integer(e->units));
	packet_str(o, "detail", e->detail);
	json_array_append_new(pc->evidence, o);

	snprintf(line, sizeof(line), "%lld", (long long)e->line);
	snprintf(units, sizeof(units), "%+lld", (long long)e->units);
	packet_plain(e->file, file);
	packet_detail(pc->l, e, detail);
	l10n_fill(&pc->evtext, l10n_get(pc->l, e->line > 0 ?
	    "claim.evidence.line" : "claim.evidence.noline"),
	    "date", d, "source", packet_source_name(pc, e->source, key,
	    sizeof(key)), "file", file, "line", line,
	    "units", units, "detail", detail,
	    "role", l10n_get(pc->l, strcmp(e->role, "evidence") == 0 ?
	    "claim.role.evidence" : strcmp(e->role, "cancelled") == 0 ?
	    "claim.role.cancelled" : "claim.role.reopened"),
	    (const char *)NULL);
	buf_addc(&pc->evtext, '\n');
	return 0;
}

/* Values only some claim types have: looked up in the reports. */
static int
packet_extra(struct store *st, struct packet_claim *pc, const char *type)
{
	struct packet_vars *v = &pc->v;
	int64_t shipped, received;
	char n[32], caseid[128], plain[PACKET_MAX_TEXT];
	enum store_find found;

	if (strcmp(type, "inbound_shortage") == 0) {
		found = store_inbound_item_units(st, packet_get(v,
		    "shipment_id"), packet_get(v, "fnsku"), &shipped,
		    &received);
		if (found == STORE_ERROR)
			return -1;
		if (found == STORE_FOUND) {
			json_object_set_new(pc->root, "shipped",
			    json_integer(shipped));
			json_object_set_new(pc->root, "received",
			    json_integer(received));
			snprintf(n, sizeof(n), "%lld", (long long)shipped);
			packet_var(v, "shipped", n);
			snprintf(n, sizeof(n), "%lld", (long long)received);
			packet_var(v, "received", n);
		} else {
			packet_var(v, "shipped", "-");
			packet_var(v, "received", "-");
		}
	}
	if (strcmp(type, "reimbursement_underpaid") == 0) {
		if (store_reimb_case_id(st, packet_get(v, "reimbursement_id"),
		    caseid, sizeof(caseid)) == -1)
			return -1;
		packet_str(pc->root, "reimbursement_case_id", caseid);
		packet_var(v, "case_id", *caseid ?
		    packet_plain(caseid, plain) : "-");
	}
	return 0;
}

/* The message to paste: subject, what happened, the form, the proof. */
static char *
packet_message(struct packet_claim *pc, const struct packet_type *t)
{
	const struct l10n *l = pc->l;
	struct packet_vars *v = &pc->v;
	struct buf b;
	char key[96];

	buf_init(&b, 0);
	snprintf(key, sizeof(key), "claim.subject.%s", t->type);
	l10n_fill_pairs(&b, l10n_get(l, key), v->pair);
	buf_adds(&b, "\n\n");
	l10n_fill_pairs(&b, l10n_get(l, "claim.greeting"), v->pair);
	buf_adds(&b, "\n\n");
	snprintf(key, sizeof(key), "claim.intro.%s", t->type);
	l10n_fill_pairs(&b, l10n_get(l, key), v->pair);
	buf_adds(&b, "\n\n");
	snprintf(key, sizeof(key), "claim.fields.%s", t->type);
	l10n_fill_pairs(&b, l10n_get(l, key), v->pair);
	buf_adds(&b, "\n");
	l10n_fill_pairs(&b, l10n_get(l, "claim.product"), v->pair);
	buf_adds(&b, "\n");
	l10n_fill_pairs(&b, l10n_get(l, *packet_get(v, "amount") ?
	    "claim.value" : "claim.value.unknown"), v->pair);
	buf_adds(&b, "\n\n");
	l10n_fill_pairs(&b, l10n_get(l, "claim.evidence"), v->pair);
	buf_adds(&b, "\n");
	buf_adds(&b, pc->evtext.data);
	buf_adds(&b, "\n");
	l10n_fill_pairs(&b, l10n_get(l, "claim.closing"), v->pair);
	buf_adds(&b, "\n");
	return buf_take(&b);
}

enum packet_build
packet_build(struct store *st, const char *claim_id, const char *lang,
    struct packet *p, char *err, size_t errlen)
{
	struct claim_filter f = { NULL, NULL, NULL };
	struct packet_claim pc;
	const struct packet_type *t;
	struct l10n l;
	json_t *form;
	char d[DATE_STRLEN];
	size_t i;
	enum packet_build rc = PACKET_ERROR;

	memset(p, 0, sizeof(*p));
	memset(&pc, 0, sizeof(pc));
	buf_init(&pc.evtext, 0);
	if (l10n_init(&l, lang) == -1) {
		snprintf(err, errlen, "no language \"%s\"", lang);
		goto out;
	}
	pc.l = &l;
	if ((pc.root = json_object()) == NULL ||
	    (pc.evidence = json_array()) == NULL ||
	    (form = json_object()) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	json_object_set_new(pc.root, "packet_version", json_integer(1));
	packet_str(pc.root, "seller_id", store_seller(st));
	packet_str(pc.root, "lang", l.lang);
	packet_str(pc.root, "as_of", date_format(clock_today(), d));
	f.claim_id = claim_id;
	if (store_claims_scan(st, &f, packet_claim_row, &pc) == -1 ||
	    (pc.found && (packet_extra(st, &pc, packet_get(&pc.v,
	    "type")) == -1 || store_claim_evidence_scan(st, claim_id,
	    packet_evidence_row, &pc) != 0))) {
		json_decref(form);
		snprintf(err, errlen, "%s", store_errmsg(st));
		goto out;
	}
	if (!pc.found) {
		json_decref(form);
		rc = PACKET_NO_CLAIM;
		goto out;
	}
	if ((t = packet_type_find(packet_get(&pc.v, "type"))) == NULL) {
		json_decref(form);
		snprintf(err, errlen, "no packet for claim type %s",
		    packet_get(&pc.v, "type"));
		goto out;
	}
	packet_str(pc.root, "reference_kind", t->ref_name);
	for (i = 0; i < PACKET_MAX_FORM && t->form[i] != NULL; i++)
		packet_str(form, t->form[i], packet_get(&pc.v, t->form[i]));
	json_object_set_new(pc.root, "form", form);
	json_object_set(pc.root, "evidence", pc.evidence);
	p->text = packet_message(&pc, t);
	packet_str(pc.root, "message", p->text);
	/* Key order as built; ASCII keeps any reader (and curl) happy. */
	if ((p->json = json_dumps(pc.root, JSON_INDENT(2) |
	    JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII)) == NULL) {
		snprintf(err, errlen, "cannot write the packet's JSON");
		goto out;
	}
	rc = PACKET_BUILT;
out:
	json_decref(pc.evidence);
	json_decref(pc.root);
	buf_free(&pc.evtext);
	for (i = 0; i < pc.v.nowned; i++)
		free(pc.v.owned[i]);
	return rc;
}

void
packet_free(struct packet *p)
{
	free(p->json);
	free(p->text);
	p->json = p->text = NULL;
}
