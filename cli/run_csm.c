/*
 * The run's CSM pages (docs/design.md §9), written after every seller's
 * steps: csm.html of every seller of the data dir, and csm-NAME.html of
 * each CSM the configuration names or a seller's store kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/csm_names.h"
#include "cli/run.h"
#include "cli/sellers.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/log.h"
#include "reports/report.h"

/*
 * Writes one CSM page, DATADIR/NAME, of every seller or (csm set) of one
 * CSM's. Returns 0 or -1.
 */
static int
run_csm_page(struct run *r, char **ids, size_t n, const char *name,
    const char *csm)
{
	struct report_opts o = { "en", FBAUDIT_VERSION, r->cf, NULL };
	/* The page sits in DATADIR: it links SELLER/dashboard.html. */
	struct csm_opts co = { csm, "" };
	const struct config_csm *cc;
	struct atomic_file af;
	struct buf path;
	enum csm_result w;
	int rc = -1;

	if (r->cf != NULL && r->cf->lang != NULL &&
	    report_lang_known(r->cf->lang))
		o.lang = r->cf->lang;
	if (csm != NULL && r->cf != NULL &&
	    (cc = config_csm_find(r->cf, csm)) != NULL && cc->lang != NULL)
		o.lang = cc->lang;
	buf_init(&path, 0);
	buf_printf(&path, "%s/%s", r->datadir, name);
	/* Shards may write it at once: each writes every seller, renamed. */
	if (atomic_open(&af, path.data) == 0) {
		w = csm_write(r->datadir, ids, n, af.fp, &o, &co);
		if (w == CSM_FAILED)
			atomic_abort(&af);
		else if (atomic_commit(&af) == 0)
			rc = 0;
	}
	log_status_clear();
	if (rc == 0)
		printf("csm: %s\n", path.data);
	else
		log_error("%s: cannot write the CSM page", path.data);
	buf_free(&path);
	return rc;
}

int
run_csm(struct run *r)
{
	struct buf name;
	char **ids, **names;
	size_t n, nnames, i;
	int rc = 0;

	ids = cli_sellers(r->datadir, NULL, &n);
	if (run_csm_page(r, ids, n, "csm.html", NULL) == -1)
		rc = -1;
	names = cli_csm_names(r->cf, r->datadir, ids, n, &nnames);
	buf_init(&name, 0);
	for (i = 0; i < nnames; i++) {
		buf_reset(&name);
		buf_printf(&name, "csm-%s.html", names[i]);
		if (run_csm_page(r, ids, n, name.data, names[i]) == -1)
			rc = -1;
	}
	cli_sellers_free(names, nnames);
	buf_free(&name);
	cli_sellers_free(ids, n);
	return rc;
}
