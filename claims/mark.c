/* claims mark (claims/mark.h). */
#include <stdio.h>
#include <string.h>

#include "claims/mark.h"
#include "lib/buf.h"
#include "lib/vocab.h"
#include "store/claims.h"
#include "store/filing.h"
#include "store/store.h"

/* The claim's status, copied out of the scan. */
static int
mark_status(void *ctx, const struct claim_filing_info *c)
{
	*(enum claim_status *)ctx = c->status;
	return 1;
}

int
mark_apply(struct store *st, const char *claim_id,
    const struct mark_opts *o, char *err, size_t errlen)
{
	enum claim_status status = CLAIM_STATUS_NONE, now;
	const char *name;
	struct buf d;
	int rc, unfiled;

	if ((rc = store_claim_filing_get(st, claim_id, mark_status,
	    &status)) == -1) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	if (rc == 0)
		return MARK_NO_CLAIM;
	name = claim_status_name(status);
	/* What each status allows: a case id once filed (or submitted by
	 * a person: ready, or eligible and filed by hand), a denial of what
	 * Amazon has not paid (a ready claim with its case id at once). */
	unfiled = claim_status_unfiled(status);
	if (o->case_id != NULL && !unfiled &&
	    !claim_status_after_filing(status)) {
		snprintf(err, errlen, "claim %s is %s: a case id is recorded "
		    "on a filed claim, or on one a person submitted (ready, "
		    "or eligible and filed by hand)", claim_id, name);
		return MARK_REFUSED;
	}
	if (o->denied && status != CLAIM_FILED &&
	    status != CLAIM_PARTIALLY_REIMBURSED &&
	    !(unfiled && o->case_id != NULL)) {
		snprintf(err, errlen, "claim %s is %s: only a filed claim "
		    "can be denied%s", claim_id, name, unfiled ? " (give "
		    "its --case-id too)" : "");
		return MARK_REFUSED;
	}
	buf_init(&d, 0);
	if (store_begin(st) == -1)
		goto fail;
	now = status;
	if (o->case_id != NULL) {
		buf_printf(&d, "case id %s recorded", o->case_id);
		if (unfiled) {
			buf_adds(&d, status == CLAIM_READY ?
			    " (the packet was submitted in Seller Central)" :
			    " (filed in Seller Central by hand)");
			if (store_claim_filed(st, claim_id, o->case_id) == -1)
				goto fail;
			now = CLAIM_FILED;
		} else if (store_claim_case_set(st, claim_id,
		    o->case_id) == -1)
			goto fail;
	}
	if (o->denied) {
		buf_printf(&d, "%sdenied by Amazon", d.len ? "; " : "");
		if (store_claim_set_status(st, claim_id, CLAIM_DENIED) == -1)
			goto fail;
	}
	if (o->note != NULL)
		buf_printf(&d, ": %s", o->note);
	if (store_claim_event_add(st, claim_id, status, o->denied ?
	    CLAIM_DENIED : now, o->by, d.data) == -1 ||
	    store_commit(st) == -1)
		goto fail;
	buf_free(&d);
	return MARK_DONE;
fail:
	snprintf(err, errlen, "%s", store_errmsg(st));
	store_rollback(st);
	buf_free(&d);
	return -1;
}
