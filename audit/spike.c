/*
 * Under a steady rate r units per day, the units of a 7-day week are
 * Poisson with mean lambda = 7r. The week is a spike when
 *
 *	P(X >= k) = sum_{i >= k} e^-lambda lambda^i / i!  <  0.001
 *
 * and k >= 5. Terms are computed as exp(i ln lambda - lambda - lgamma(i+1))
 * so neither lambda^i nor i! overflows; the sum starts at k and stops when
 * terms no longer matter (they fall fast once i > lambda). With no
 * baseline units (lambda = 0) any k >= 1 has tail 0: the unit minimum alone
 * decides.
 */
#include <math.h>

#include "audit/policy.h"
#include "audit/spike.h"

double
spike_tail(int64_t k, double lambda)
{
	double sum = 0, term, log_lambda;
	int64_t i;

	if (k <= 0)
		return 1.0;
	if (lambda <= 0)
		return 0.0;
	/* Below the mean the tail is large: 1 - the lower sum is exact. */
	if ((double)k <= lambda) {
		log_lambda = log(lambda);
		for (i = 0; i < k; i++)
			sum += exp((double)i * log_lambda - lambda -
			    lgamma((double)i + 1));
		return sum >= 1.0 ? 0.0 : 1.0 - sum;
	}
	log_lambda = log(lambda);
	for (i = k; i < k + 100000; i++) {
		term = exp((double)i * log_lambda - lambda -
		    lgamma((double)i + 1));
		sum += term;
		if (term < sum * 1e-17)
			break;
	}
	return sum > 1.0 ? 1.0 : sum;
}

void
spike_judge(int64_t week, int64_t baseline, int baseline_days,
    struct spike *s)
{
	const struct policy_flags *f = policy_flags();

	s->week = week;
	s->baseline = baseline;
	s->baseline_days = baseline_days;
	s->rate = baseline_days > 0 ? (double)baseline / baseline_days : 0;
	s->expected = s->rate * f->spike_window_days;
	s->p = spike_tail(week, s->expected);
	s->raised = baseline_days >= f->spike_min_baseline_days &&
	    week >= f->spike_min_units && s->p < f->spike_p;
	s->high = s->raised && (s->p < f->spike_high_p ||
	    week >= f->spike_high_units);
}
