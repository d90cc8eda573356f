/*
 * A token bucket: Amazon's usage plans are a rate (requests per second)
 * and a burst. One bucket per operation and seller. The clock is passed
 * in, so tests drive it by hand.
 */
#ifndef FBAUDIT_RATELIMIT_H
#define FBAUDIT_RATELIMIT_H

struct ratelimit {
	double	 rate;		/* tokens per second */
	double	 burst;		/* most tokens held */
	double	 tokens;
	double	 last;		/* when tokens was computed */
};

/* A full bucket at time now. */
void	 ratelimit_init(struct ratelimit *rl, double rate, double burst,
	    double now);
/*
 * Takes one token at time now: returns 0 when taken, else the seconds
 * until one will be there (nothing is taken then).
 */
double	 ratelimit_take(struct ratelimit *rl, double now);
/* Empties the bucket at time now (Amazon answered 429). */
void	 ratelimit_drain(struct ratelimit *rl, double now);
/* Adopts the rate Amazon announced (x-amzn-RateLimit-Limit), if sane. */
void	 ratelimit_set_rate(struct ratelimit *rl, double rate, double now);

#endif
