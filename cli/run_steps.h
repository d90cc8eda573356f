/*
 * An ordered job as a table of steps (docs/design.md §9): each step does
 * its part and says how it went, and the table says what a failure
 * means for the steps after it, as rpki-client's output.c loops over
 * outputs[]. The outcome and the summary line are made from the
 * results, after the loop, not as the steps go.
 */
#ifndef FBAUDIT_RUN_STEPS_H
#define FBAUDIT_RUN_STEPS_H

#include <stddef.h>

#include "lib/buf.h"

/* How a step, or a seller's night, went; names in run_outcome_names. */
enum run_outcome {
	RUN_OK,
	RUN_INCOMPLETE,		/* done, but reports are missing tonight */
	RUN_DEFERRED,		/* the deadline came: the rest next night */
	RUN_FAILED,
	RUN_NOUTCOMES
};

/* "ok", "incomplete", "deferred", "failed": the summary line's words. */
extern const char *const run_outcome_names[RUN_NOUTCOMES];

/* What a step's result other than RUN_OK means for the later steps. */
enum run_on_fail {
	RUN_GO_ON,		/* said in the line; the others still run */
	RUN_STOP		/* nothing after it can run */
};

struct run_step {
	const char		*name;		/* for the progress line */
	/* Does the step for arg; appends its part of the summary line
	 * (nothing, if it has nothing to say) to text. */
	enum run_outcome	(*fn)(void *arg, struct buf *text);
	enum run_on_fail	 on_fail;
};

#define RUN_MAX_STEPS	16

/* What the steps that ran came to, in table order. */
struct run_results {
	size_t			 n;
	enum run_outcome	 outcome[RUN_MAX_STEPS];
	struct buf		 text[RUN_MAX_STEPS];
};

/*
 * Runs steps[0..n) (n <= RUN_MAX_STEPS) for arg in order, until one
 * whose row says RUN_STOP does not end RUN_OK; progress (may be NULL)
 * is told each step's name first. res is filled; free it with
 * run_steps_free().
 */
void	 run_steps_do(const struct run_step *steps, size_t n, void *arg,
	    void (*progress)(void *arg, const char *name),
	    struct run_results *res);
/*
 * The outcome of the results: the last word of a step that was not ok
 * wins, but RUN_INCOMPLETE only qualifies a night that was ok so far.
 */
enum run_outcome run_steps_outcome(const struct run_results *res);
/* Appends the summary line to line: the steps' parts joined by "; ". */
void	 run_steps_line(const struct run_results *res, struct buf *line);
/* Frees what res holds. */
void	 run_steps_free(struct run_results *res);

#endif
