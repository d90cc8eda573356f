/*
 * What the CSM queue's two files share: reports/csm.c reads every
 * seller's store into struct csm (and writes the digest from it),
 * reports/csm_page.c writes the HTML page. Private to reports/csm*.c.
 */
#ifndef FBAUDIT_CSM_INT_H
#define FBAUDIT_CSM_INT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/l10n.h"
#include "lib/vocab.h"
#include "reports/html.h"
#include "reports/page.h"
#include "reports/report.h"
#include "store/settings.h"

struct config;
struct csm_opts;
struct report_opts;

/* One anomaly, copied out of its store so all sellers sort together. */
struct csm_item {
	char	*seller, *id, *kind, *severity;
	enum anomaly_state status;
	char	*subject, *detail, *advice, *figures;
	char	*ack_by, *ack_note;
	int64_t	 ack_at;
	int	 rank;		/* severity: 0 high, 1 medium, 2 other */
	int	 is_new;	/* opened since last night */
	int32_t	 deadline;	/* 0: none */
	int	 has_amount;
	int64_t	 amount;
	char	 currency[4];
	int64_t	 opened_at;
};

/* One seller's health line. */
struct csm_health {
	const char	*seller;
	int		 ok;		/* its store could be read */
	int		 linked;	/* its dashboard exists */
	int64_t		 n_eligible, n_expiring, n_anomalies;
	struct page_sum	 eligible, expiring;
	int64_t		 last_import;	/* 0: never */
	int64_t		 since;		/* its last night */
	char		 currency[4];	/* what it is paid in; "" unknown */
	struct store_settings kept;	/* in its store (issue 16 §2) */
};

struct csm {
	struct html		 h;
	struct l10n		 l;
	int32_t			 today;
	int64_t			 now;
	struct csm_item		*items;
	size_t			 nitems, nopen, nacked, nnew;
	struct csm_health	*hl;		/* the sellers shown */
	size_t			 nhealth;
	struct csm_health	*health;	/* the one being read */
	const struct config	*cf;		/* names, CSMs; or NULL */
	const struct csm_opts	*co;
	const char		*datadir;
	/* since last night, over every seller */
	int64_t			 n_eligible_new, n_paid;
	struct page_sum		 eligible_new, paid;
};

/*
 * Writes count n of key as the language says it ("3 open", "1 seller")
 * into out, and returns out.
 */
const char	*csm_count(struct csm *c, const char *key, int64_t n, char *out,
		    size_t size);
/*
 * Reads the sellers co->csm owns into c, their anomalies sorted.
 * Returns whole, partial (some seller unreadable) or failed; c is freed
 * with csm_free() in every case.
 */
enum csm_result	 csm_collect(struct csm *c, const char *datadir,
		    char *const *sellers, size_t n, const struct report_opts *o,
		    const struct csm_opts *co);
/* The health line of seller, whose anomalies c holds (c's), or NULL. */
const struct csm_health *csm_health_find(const struct csm *c,
		    const char *seller);
/* Frees what csm_collect() read into c (not c itself). */
void		 csm_free(struct csm *c);

#endif
