#include <stddef.h>
#include <string.h>

#include "lib/vocab.h"

static const char *const claim_status_names[CLAIM_STATUS_COUNT] = {
	[CLAIM_PENDING] = "pending",
	[CLAIM_ELIGIBLE] = "eligible",
	[CLAIM_READY] = "ready",
	[CLAIM_EXPIRED] = "expired",
	[CLAIM_FILED] = "filed",
	[CLAIM_REIMBURSED] = "reimbursed",
	[CLAIM_PARTIALLY_REIMBURSED] = "partially_reimbursed",
	[CLAIM_DENIED] = "denied",
	[CLAIM_AUTO_REIMBURSED] = "auto_reimbursed",
	[CLAIM_RESOLVED] = "resolved",
};

static const char *const anomaly_state_names[ANOMALY_STATE_COUNT] = {
	[ANOMALY_OPEN] = "open",
	[ANOMALY_ACKED] = "acked",
	[ANOMALY_RESOLVED] = "resolved",
	[ANOMALY_DISMISSED] = "dismissed",
};

static const char *const anomaly_kind_names[ANOMALY_KIND_COUNT] = {
	[ANOMALY_DEADLINE_LOOMING] = "deadline_looming",
	[ANOMALY_DAMAGE_SPIKE] = "damage_spike",
	[ANOMALY_LOSS_SPIKE] = "loss_spike",
	[ANOMALY_DENIAL_SPIKE] = "denial_spike",
	[ANOMALY_STALE_DATA] = "stale_data",
	[ANOMALY_AUTH_FAILED] = "auth_failed",
};

/* The index of name in a table of n names; n when NULL or absent. */
static size_t
vocab_find(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return n;
}

const char *
claim_status_name(enum claim_status s)
{
	return (unsigned)s < CLAIM_STATUS_COUNT ? claim_status_names[s] : NULL;
}

enum claim_status
claim_status_parse(const char *name)
{
	return (enum claim_status)vocab_find(claim_status_names,
	    CLAIM_STATUS_COUNT, name);
}

int
claim_status_unfiled(enum claim_status s)
{
	return s == CLAIM_ELIGIBLE || s == CLAIM_READY;
}

int
claim_status_unsettled(enum claim_status s)
{
	return s == CLAIM_PENDING || claim_status_unfiled(s);
}

int
claim_status_has_case(enum claim_status s)
{
	return s == CLAIM_FILED || s == CLAIM_REIMBURSED ||
	    s == CLAIM_PARTIALLY_REIMBURSED;
}

int
claim_status_after_filing(enum claim_status s)
{
	return claim_status_has_case(s) || s == CLAIM_DENIED;
}

const char *
anomaly_state_name(enum anomaly_state s)
{
	return (unsigned)s < ANOMALY_STATE_COUNT ? anomaly_state_names[s] :
	    NULL;
}

enum anomaly_state
anomaly_state_parse(const char *name)
{
	return (enum anomaly_state)vocab_find(anomaly_state_names,
	    ANOMALY_STATE_COUNT, name);
}

int
anomaly_state_active(enum anomaly_state s)
{
	return s == ANOMALY_OPEN || s == ANOMALY_ACKED;
}

const char *
anomaly_kind_name(enum anomaly_kind k)
{
	return (unsigned)k < ANOMALY_KIND_COUNT ? anomaly_kind_names[k] : NULL;
}

enum anomaly_kind
anomaly_kind_parse(const char *name)
{
	return (enum anomaly_kind)vocab_find(anomaly_kind_names,
	    ANOMALY_KIND_COUNT, name);
}
