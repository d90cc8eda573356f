/*
 * The anomaly rules (docs/design.md §6.4), run by the audit after the claims:
 * one rule per file (audit/flag_*.c), one table (audit/flags.c). A rule looks
 * at the store and raises what holds today; the engine keeps anomalies by
 * their stable key (kind, seller, period), never raises one twice, and
 * closes automatically those that no longer hold.
 */
#ifndef FBAUDIT_FLAG_H
#define FBAUDIT_FLAG_H

#include <stddef.h>
#include <stdint.h>

#include "lib/figures.h"
#include "lib/vocab.h"

struct audit;

/*
 * What a rule raises. Its words are not stored: the figures are, and
 * each page renders them in its language (lib/anomtext.h, the templates
 * "anomaly.KIND.*" of lib/i18n/). Owned by the flagger.
 */
struct flag_raise {
	const char	*kind;		/* anomaly_kind_name() */
	char		 period[32];
	const char	*severity;	/* static: medium | high */
	struct figures	 fig;
	int32_t		 deadline;	/* day; 0: none */
	int		 has_amount;
	int64_t		 amount;
	char		 currency[4];
};

struct flag_engine;

struct flagger {
	struct audit		*a;
	const char		*seller;
	struct flag_raise	*raised;
	size_t			 n, cap;
	struct flag_engine	*engine;	/* what the store held */
};

/* A rule: raises what holds today. Returns 0 or -1 (store error). */
struct flag_rule {
	enum anomaly_kind kind;
	int		(*run)(struct flagger *fl);
};

/* Counts of one flagging run. */
struct flag_summary {
	int64_t	 opened;	/* new anomalies */
	int64_t	 active;	/* open or acked after the run */
	int64_t	 closed;	/* closed as no longer holding */
};

/*
 * Raises an anomaly of kind for period; the rule then sets its figures
 * (figures_set on r->fig). Returns the raise (owned by fl).
 */
struct flag_raise *flag_raise(struct flagger *fl, enum anomaly_kind kind,
		    const char *period, const char *severity);
/* An anomaly open or acked before this run, as flag_active shows it. */
struct flag_active_row {
	const char	*period;
	const char	*severity;	/* static: medium | high */
	const char	*figures;	/* NULL: stored before figures */
};

/*
 * Calls cb for each anomaly of kind that was open or acked before this
 * run (the row valid during the call). Returns 0, or the first non-zero
 * value cb returned.
 */
int	 flag_active(struct flagger *fl, enum anomaly_kind kind,
	    int (*cb)(struct flagger *fl, const struct flag_active_row *r,
	    void *ctx), void *ctx);
/*
 * Runs every rule for the audit's store and today, and writes the
 * anomalies, inside the caller's transaction. Returns 0 or -1.
 */
int	 flag_run(struct audit *a, struct flag_summary *sum);
/* The anomaly id of (kind, seller, period): "A" + 16 hex. out: 18 bytes. */
char	*flag_id(const char *kind, const char *seller, const char *period,
	    char out[18]);

/* The rules, one file each. */
int	 flag_deadline_looming(struct flagger *fl);
int	 flag_damage_spike(struct flagger *fl);
int	 flag_loss_spike(struct flagger *fl);
int	 flag_denial_spike(struct flagger *fl);
int	 flag_stale_data(struct flagger *fl);
int	 flag_auth_failed(struct flagger *fl);
/*
 * The spike rule both spike kinds share (audit/flag_spike.c): reason is
 * the ledger's (policy.h), claimtype the claims its units become.
 */
int	 flag_spike(struct flagger *fl, enum anomaly_kind kind, int reason,
	    const char *claimtype);

extern const struct flag_rule flag_rules[];
extern const size_t flag_nrules;

#endif
