/* The anomaly rule table: adding a kind is one file and one row. */
#include "audit/flag.h"

const struct flag_rule flag_rules[] = {
	{ "deadline_looming", flag_deadline_looming },
	{ "damage_spike", flag_damage_spike },
	{ "loss_spike", flag_loss_spike },
	{ "denial_spike", flag_denial_spike },
	{ "stale_data", flag_stale_data },
	{ "auth_failed", flag_auth_failed },
};

const size_t flag_nrules = sizeof(flag_rules) / sizeof(flag_rules[0]);
