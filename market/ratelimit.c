#include "market/ratelimit.h"

void
ratelimit_init(struct ratelimit *rl, double rate, double burst, double now)
{
	rl->rate = rate;
	rl->burst = burst;
	rl->tokens = burst;
	rl->last = now;
}

/* Adds what the rate earned since the last look, up to the burst. */
static void
ratelimit_refill(struct ratelimit *rl, double now)
{
	if (now > rl->last) {
		rl->tokens += (now - rl->last) * rl->rate;
		if (rl->tokens > rl->burst)
			rl->tokens = rl->burst;
	}
	rl->last = now > rl->last ? now : rl->last;
}

double
ratelimit_take(struct ratelimit *rl, double now)
{
	ratelimit_refill(rl, now);
	if (rl->tokens >= 1.0) {
		rl->tokens -= 1.0;
		return 0;
	}
	return (1.0 - rl->tokens) / rl->rate;
}

void
ratelimit_set_rate(struct ratelimit *rl, double rate, double now)
{
	/* Slower only: a faster announcement is not a promise to us. */
	if (rate <= 0 || rate >= rl->rate)
		return;
	ratelimit_refill(rl, now);
	rl->rate = rate;
}

void
ratelimit_drain(struct ratelimit *rl, double now)
{
	ratelimit_refill(rl, now);
	rl->tokens = 0;
}
