/* The anomaly rule table: adding a kind is one file and one row. */
#include "audit/flag.h"

const struct flag_rule flag_rules[] = {
	{ ANOMALY_DEADLINE_LOOMING, flag_deadline_looming },
	{ ANOMALY_DAMAGE_SPIKE, flag_damage_spike },
	{ ANOMALY_LOSS_SPIKE, flag_loss_spike },
	{ ANOMALY_DENIAL_SPIKE, flag_denial_spike },
	{ ANOMALY_STALE_DATA, flag_stale_data },
	{ ANOMALY_AUTH_FAILED, flag_auth_failed },
};

const size_t flag_nrules = sizeof(flag_rules) / sizeof(flag_rules[0]);
