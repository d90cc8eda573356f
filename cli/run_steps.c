/* The loop over a table of steps and the line made of their results. */
#include <assert.h>
#include <string.h>

#include "cli/run_steps.h"

const char *const run_outcome_names[RUN_NOUTCOMES] = {
	[RUN_OK] = "ok",
	[RUN_INCOMPLETE] = "incomplete",
	[RUN_DEFERRED] = "deferred",
	[RUN_FAILED] = "failed",
};

void
run_steps_do(const struct run_step *steps, size_t n, void *arg,
    void (*progress)(void *arg, const char *name), struct run_results *res)
{
	size_t i;

	assert(n <= RUN_MAX_STEPS);
	memset(res, 0, sizeof(*res));
	for (i = 0; i < n; i++) {
		if (progress != NULL)
			progress(arg, steps[i].name);
		buf_init(&res->text[i], 0);
		res->outcome[i] = steps[i].fn(arg, &res->text[i]);
		res->n = i + 1;
		if (res->outcome[i] != RUN_OK && steps[i].on_fail == RUN_STOP)
			break;
	}
}

enum run_outcome
run_steps_outcome(const struct run_results *res)
{
	enum run_outcome o = RUN_OK;
	size_t i;

	/* A deadline after a failed step says "deferred": the seller is
	 * done again the next night (what the run has always said). */
	for (i = 0; i < res->n; i++)
		if (res->outcome[i] != RUN_OK &&
		    (res->outcome[i] != RUN_INCOMPLETE || o == RUN_OK))
			o = res->outcome[i];
	return o;
}

void
run_steps_line(const struct run_results *res, struct buf *line)
{
	size_t i;
	int first = 1;

	for (i = 0; i < res->n; i++) {
		if (res->text[i].len == 0)
			continue;
		if (!first)
			buf_adds(line, "; ");
		buf_adds(line, res->text[i].data);
		first = 0;
	}
}

void
run_steps_free(struct run_results *res)
{
	size_t i;

	for (i = 0; i < res->n; i++)
		buf_free(&res->text[i]);
	res->n = 0;
}
