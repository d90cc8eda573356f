/*
 * The reports of "fbaudit report": the seller's dashboard, the CSM
 * queue and the claims export. Each writes one whole document to a FILE
 * that the caller opened (atomically: lib/atomic.h) and commits only on
 * success. Reports only read the stores.
 */
#ifndef FBAUDIT_REPORT_H
#define FBAUDIT_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "reports/claims_list.h"

struct store;

/* What every report is told. */
struct config;

struct report_opts {
	const char	*lang;		/* en, de, fr, es */
	const char	*version;	/* fbaudit's, for the footer */
	/* sellers' names and CSMs (borrowed), or NULL */
	const struct config *cf;
	/*
	 * The message a person pastes into Seller Central for a claim, in
	 * lang (claims/packet.h builds it; reports/ may not include it),
	 * to be freed by the caller; NULL on failure. NULL: the page shows
	 * no copy-ready text.
	 */
	char		*(*packet_text)(struct store *st, const char *claim_id,
			    const char *lang);
};

/* Whether lang is a language the reports are written in. */
int	 report_lang_known(const char *lang);
/*
 * Writes the seller's dashboard (docs/design.md §8) as one self-contained HTML
 * page to fp. Returns 0, or -1 if the store or a write failed.
 */
int	 dashboard_write(struct store *st, FILE *fp,
	    const struct report_opts *o);
/* How whole the CSM page is (csm_write). */
enum csm_result {
	CSM_FAILED = -1,	/* a write (or the store) failed */
	CSM_WHOLE = 0,		/* every seller read */
	CSM_PARTIAL = 1		/* some seller's store could not be read */
};
/* What the CSM queue is told besides the report options. */
struct csm_opts {
	/* only the sellers whose csm is this one (the configuration's,
	 * else the one a store kept); NULL: all */
	const char	*csm;
	/*
	 * How the page reaches DATADIR: the prefix of its links to each
	 * SELLER/dashboard.html ("" when the page is written in DATADIR);
	 * NULL: no links.
	 */
	const char	*dash_href;
};

/*
 * Writes the CSM queue of the n sellers of datadir to fp (those of
 * co->csm only, when set): what changed since last night, every open or
 * acked anomaly by severity then deadline, and one health line per
 * seller. Returns whole, partial if some seller's store could not be
 * read (it is named on the page and in the log), or failed if a write
 * failed.
 */
enum csm_result	 csm_write(const char *datadir, char *const *sellers, size_t n,
	    FILE *fp, const struct report_opts *o, const struct csm_opts *co);
struct buf;

/*
 * Writes CSM csm's digest in o->lang: a subject line, and a plain-text
 * body (UTF-8, "\n" lines) of the open and acked anomalies of the
 * sellers csm owns, highest first, new ones marked, with their figures.
 * Both appended to the caller's buffers. Returns how many anomalies it
 * lists (0: nothing to send, the buffers untouched), or -1 on failure.
 */
int	 csm_digest(const char *datadir, char *const *sellers, size_t n,
	    const struct report_opts *o, const char *csm, struct buf *subject,
	    struct buf *body);
/* Writes the seller's claims list as CSV or JSON. Returns 0 or -1. */
int	 export_write(struct store *st, FILE *fp, enum listout_format format);

#endif
