/*
 * Is this week's count of damage (or loss) units a spike against the
 * seller's own trailing rate? The maths, shared by the spike rules.
 */
#ifndef FBAUDIT_SPIKE_H
#define FBAUDIT_SPIKE_H

#include <stdint.h>

/* A spike judgement, with the figures behind it. */
struct spike {
	int64_t	 week;		/* units in the window */
	int64_t	 baseline;	/* units in the trailing baseline */
	int	 baseline_days;	/* days the baseline covers */
	double	 rate;		/* baseline units per day */
	double	 expected;	/* rate x window days */
	double	 p;		/* P(X >= week), X ~ Poisson(expected) */
	int	 raised;	/* p < threshold and enough units */
	int	 high;		/* severity high rather than medium */
};

/*
 * The upper tail P(X >= k) of a Poisson distribution of mean lambda,
 * summed in log space from k upward, accurate well below 1e-12.
 */
double	 spike_tail(int64_t k, double lambda);
/*
 * Judges week units against baseline units over baseline_days, with the
 * thresholds of policy_flags(). Fills s.
 */
void	 spike_judge(int64_t week, int64_t baseline, int baseline_days,
	    struct spike *s);

#endif
