/*
 * What the unit tests of the fetch share: one seller with a store in a
 * temporary data dir, its fetch set up as a worker would, and a stub of
 * Amazon (struct fetch_ops) that answers as the test scripts it. No
 * server, no network. Included by one test file each.
 */
#ifndef FBAUDIT_TEST_FETCH_H
#define FBAUDIT_TEST_FETCH_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/config.h"
#include "lib/log.h"
#include "market/fetch_int.h"
#include "store/fetchstate.h"
#include "store/store.h"

/* The tests' "now": 2025-06-01T00:00:00Z. */
#define FX_NOW		1748736000LL
#define FX_DAY		86400LL
#define FX_SELLER	"S1"
#define FX_REIMB	"GET_FBA_REIMBURSEMENTS_DATA"

/* A reimbursements report of one row, as Amazon sends it. */
#define FX_REIMB_BODY \
	"approval-date\treimbursement-id\tcase-id\tamazon-order-id\treason\t" \
	"sku\tfnsku\tasin\tproduct-name\tcondition\tcurrency-unit\t" \
	"amount-per-unit\tamount-total\tquantity-reimbursed-cash\t" \
	"quantity-reimbursed-inventory\tquantity-reimbursed-total\t" \
	"original-reimbursement-id\toriginal-reimbursement-type\n" \
	"2025-05-20T18:04:52+00:00\t2719384056\t1592038471\t\tLost_Inbound\t" \
	"YOGA-MAT\tX005Y8GW3E\tB09Y8GW3EQ\tYoga Mat\tNew\tUSD\t9.80\t19.60\t" \
	"2\t0\t2\t\t\n"

/* What the stub of Amazon answers, and what it was asked. */
struct stub {
	enum spapi_status	 create_st;
	long			 create_http;	/* sp->status it leaves */
	enum spapi_status	 get_st;
	enum reports_status	 get_rs[8];	/* successive answers */
	size_t			 nget_rs;
	enum spapi_status	 download_st;
	int			 download_refused;
	const char		*body;		/* what a download writes */
	enum spapi_status	 list_st;
	struct reports_listed	 listed[4];
	size_t			 nlisted;
	int			 creates, gets, downloads, lists;
};

static struct stub stub;
/* The pool's workers call the stubs at once. */
static pthread_mutex_t stub_mu = PTHREAD_MUTEX_INITIALIZER;

static enum spapi_status
stub_login(struct spapi *sp)
{
	(void)sp;
	return SPAPI_OK;
}

static double
stub_wait(struct spapi *sp, enum spapi_op op)
{
	(void)sp;
	(void)op;
	return 0;
}

static enum spapi_status
stub_create(struct spapi *sp, const char *type, int64_t start, int64_t end,
    char *const *mp, size_t nmp, char *id, size_t idlen)
{
	(void)end;
	(void)mp;
	(void)nmp;
	pthread_mutex_lock(&stub_mu);
	stub.creates++;
	pthread_mutex_unlock(&stub_mu);
	sp->status = stub.create_http;
	snprintf(sp->error, sizeof(sp->error), "createReport: stubbed");
	/* Unique per type and slice: R<start>-<type's row>. */
	snprintf(id, idlen, "R%lld-%d", (long long)start,
	    (int)(reports_type_find(type) - reports_types));
	return stub.create_st;
}

static enum spapi_status
stub_get(struct spapi *sp, const char *id, enum reports_status *rs,
    char *doc, size_t doclen)
{
	size_t i;

	pthread_mutex_lock(&stub_mu);
	i = (size_t)stub.gets++;
	pthread_mutex_unlock(&stub_mu);

	snprintf(sp->error, sizeof(sp->error), "getReport %s: stubbed", id);
	*rs = stub.get_rs[i < stub.nget_rs ? i : stub.nget_rs - 1];
	snprintf(doc, doclen, "%s", *rs == REPORTS_DONE ? "DOC1" : "");
	return stub.get_st;
}

static enum spapi_status
stub_list(struct spapi *sp, const char *type, const char *statuses,
    int64_t since, struct reports_listed **out, size_t *n)
{
	(void)sp;
	(void)type;
	(void)statuses;
	(void)since;
	pthread_mutex_lock(&stub_mu);
	stub.lists++;
	pthread_mutex_unlock(&stub_mu);
	*out = calloc(stub.nlisted + 1, sizeof(**out));
	memcpy(*out, stub.listed, stub.nlisted * sizeof(**out));
	*n = stub.nlisted;
	return stub.list_st;
}

static enum spapi_status
stub_download(struct spapi *sp, const char *doc, const char *path,
    struct reports_file *f)
{
	FILE *fp;

	(void)doc;
	pthread_mutex_lock(&stub_mu);
	stub.downloads++;
	pthread_mutex_unlock(&stub_mu);
	memset(f, 0, sizeof(*f));
	f->charset = CHARSET_UTF8;
	f->refused = stub.download_refused;
	snprintf(sp->error, sizeof(sp->error), "download: stubbed");
	if (stub.download_st != SPAPI_OK)
		return stub.download_st;
	if ((fp = fopen(path, "w")) == NULL)
		return SPAPI_FAILED;
	fputs(stub.body != NULL ? stub.body : FX_REIMB_BODY, fp);
	fclose(fp);
	return SPAPI_OK;
}

static int
stub_error_document(struct spapi *sp, const char *doc, char *out,
    size_t len)
{
	(void)sp;
	(void)doc;
	snprintf(out, len, "stubbed error");
	return 0;
}

static enum spapi_status
stub_inbound(struct spapi *sp, char *const *mp, size_t nmp, int64_t after,
    int64_t before, const char *path, size_t *n)
{
	(void)sp;
	(void)mp;
	(void)nmp;
	(void)after;
	(void)before;
	(void)path;
	*n = 0;
	return SPAPI_OK;
}

static const struct fetch_ops stub_ops = {
	stub_login, stub_wait, stub_create, stub_get, stub_list,
	stub_download, stub_error_document, stub_inbound
};

/* One seller's fetch, set up as a worker would. */
struct fx {
	char			 dir[64];
	char			*mp[1];
	struct config		 cf;
	struct config_seller	 cs;
	struct fetch_opts	 o;
	struct fetch_result	 res;
	struct fetch_pool	 p;
	struct fetch_seller	 fs;
};

/* Ends the seller's fetch as a run does (or dies): what it held freed. */
static inline void
fx_close(struct fx *x)
{
	free(x->fs.plans);
	free(x->fs.jobs);
	store_close(x->fs.st);
	memset(&x->fs, 0, sizeof(x->fs));
}

/* Opens the seller's store in x's data dir, as a new run does. */
static inline void
fx_open(struct fx *x)
{
	char err[256];

	fx_close(x);
	memset(&x->res, 0, sizeof(x->res));
	x->fs.cs = &x->cs;
	x->fs.o = &x->o;
	x->fs.ops = &stub_ops;
	x->fs.res = &x->res;
	x->fs.st = store_open(x->dir, FX_SELLER, STORE_OPEN_CREATE, err,
	    sizeof(err));
	if (x->fs.st == NULL)
		fail_msg("store_open: %s", err);
}

static inline struct fx *
fx_new(void)
{
	struct fx *x = calloc(1, sizeof(*x));

	log_set_level(LOG_LEVEL_ERROR);
	snprintf(x->dir, sizeof(x->dir), "/tmp/fbaudit-unit.XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	x->cf.fetch.history_days = 548;
	x->cf.fetch.poll_interval = 0;
	x->cf.fetch.patience = 3600;
	x->cf.fetch.max_transfers = 2;
	x->mp[0] = "ATVPDKIKX0DER";
	x->cs.id = FX_SELLER;
	x->cs.marketplaces = x->mp;
	x->cs.nmarketplaces = 1;
	x->cf.sellers = &x->cs;
	x->cf.nsellers = 1;
	x->o.cf = &x->cf;
	x->o.datadir = x->dir;
	x->o.user_agent = "fbaudit-unit";
	x->p.now = FX_NOW;
	x->p.start = http_now();
	x->p.cfg = &x->cf.fetch;
	memset(&stub, 0, sizeof(stub));
	stub.get_rs[0] = REPORTS_DONE;
	stub.nget_rs = 1;
	fx_open(x);
	return x;
}

static inline void
fx_free(struct fx *x)
{
	char cmd[128];

	fx_close(x);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", x->dir);
	assert_int_equal(system(cmd), 0);
	free(x);
}

/* A report's stored status, by its id ("" when there is none). */
static inline const char *
fx_status(struct fx *x, const char *id)
{
	static char out[32];
	char path[128];
	sqlite3 *db;
	sqlite3_stmt *s;

	snprintf(path, sizeof(path), "%s/%s/store.db", x->dir, FX_SELLER);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT status FROM"
	    " fetch_reports WHERE report_id = ?", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	out[0] = '\0';
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, sizeof(out), "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return out;
}

#endif
