#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "audit/policy.h"
#include "cli/lock.h"
#include "cli/sellers.h"
#include "lib/marketplace.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/sellerid.h"
#include "store/store.h"

static int
sellers_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
cli_sellers(const char *datadir, const char *only, size_t *n)
{
	DIR *d;
	struct dirent *e;
	struct stat sb;
	struct buf path;
	char **ids = NULL;

	*n = 0;
	if (only != NULL) {
		ids = xcalloc(1, sizeof(*ids));
		ids[0] = xstrdup(only);
		*n = 1;
		return ids;
	}
	if ((d = opendir(datadir)) == NULL) {
		/* No data dir yet is no seller; one we may not read is an
		 * error the user must see, not an empty list. */
		if (errno != ENOENT)
			log_error("%s: %s", datadir, strerror(errno));
		return NULL;
	}
	buf_init(&path, 0);
	while ((e = readdir(d)) != NULL) {
		if (!sellerid_valid(e->d_name))
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s/store.db", datadir, e->d_name);
		if (stat(path.data, &sb) == -1)
			continue;
		ids = xreallocarray(ids, *n + 1, sizeof(*ids));
		ids[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	buf_free(&path);
	if (*n > 1)
		qsort(ids, *n, sizeof(*ids), sellers_cmp);
	return ids;
}

void
cli_sellers_free(char **ids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/*
 * The walk of the cli_each_store functions: each store opened as mode
 * says (STORE_OPEN_*); wait >= 0 holds each seller's lock while fn runs,
 * waiting for it up to wait seconds.
 */
static enum cli_walk
sellers_walk(const char *datadir, const char *only, int mode, double wait,
    enum cli_walk (*fn)(struct store *st, const char *seller, void *ctx), void *ctx,
    size_t *count, int *locked)
{
	struct lock_holder who;
	struct store *st;
	char **ids, err[256];
	size_t i, n;
	enum cli_walk rc = CLI_WALK_ON, r;
	int fd = -1;

	ids = cli_sellers(datadir, only, &n);
	for (i = 0; i < n; i++) {
		if (wait >= 0 && (fd = lock_seller(datadir, ids[i], 0, wait,
		    &who)) < 0) {
			if (fd == -2) {
				cli_locked(ids[i], &who);
				if (locked != NULL)
					(*locked)++;
			} else
				log_error("%s: cannot lock: %s", ids[i],
				    strerror(errno));
			rc = CLI_WALK_FAILED;
			continue;
		}
		if ((st = store_open(datadir, ids[i], mode, err,
		    sizeof(err))) == NULL) {
			log_error("%s: %s", ids[i], err);
			lock_release(fd);
			rc = CLI_WALK_FAILED;
			continue;
		}
		r = fn(st, ids[i], ctx);
		store_close(st);
		lock_release(fd);
		fd = -1;
		if (r == CLI_WALK_STOP) {
			rc = CLI_WALK_STOP;
			break;
		}
		if (r == CLI_WALK_FAILED)
			rc = CLI_WALK_FAILED;
	}
	cli_sellers_free(ids, n);
	if (count != NULL)
		*count = n;
	return rc;
}

enum cli_walk
cli_each_store(const char *datadir, const char *only,
    enum cli_walk (*fn)(struct store *st, const char *seller, void *ctx), void *ctx,
    size_t *count)
{
	return sellers_walk(datadir, only, STORE_OPEN_RW, -1, fn, ctx, count,
	    NULL);
}

enum cli_walk
cli_each_store_locked(const char *datadir, const char *only, double wait,
    enum cli_walk (*fn)(struct store *st, const char *seller, void *ctx), void *ctx,
    size_t *count, int *locked)
{
	return sellers_walk(datadir, only, STORE_OPEN_RW, wait < 0 ? 0 : wait,
	    fn, ctx, count, locked);
}

size_t
cli_day_refused(const char *datadir, char *const *ids, size_t n,
    int32_t today)
{
	struct store *st;
	struct stat sb;
	struct buf path;
	char err[512];
	size_t i, refused = 0;

	buf_init(&path, 0);
	for (i = 0; i < n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s/store.db", datadir, ids[i]);
		if (stat(path.data, &sb) == -1)
			continue;
		/* Unreadable: the command's own open fails it and says
		 * why, as for any other store error. */
		if ((st = store_open(datadir, ids[i], 0, err,
		    sizeof(err))) == NULL)
			continue;
		if (audit_day_check(st, today, err, sizeof(err)) !=
		    AUDIT_DAY_OK) {
			log_error("%s: %s", ids[i], err);
			refused++;
		}
		store_close(st);
	}
	buf_free(&path);
	return refused;
}

void
cli_locked_line(const char *seller, const struct lock_holder *who)
{
	cli_locked(seller, who);
	if (who->pid > 0)
		printf("%s: skipped: locked by pid %ld (%s)\n", seller,
		    who->pid, who->command[0] ? who->command : "?");
	else
		printf("%s: skipped: locked by another process\n", seller);
}

void
cli_locked(const char *seller, const struct lock_holder *who)
{
	if (who->pid > 0)
		log_error("%s: locked by pid %ld (%s); try again when it "
		    "ends, or give --wait SECONDS", seller, who->pid,
		    who->command[0] ? who->command : "?");
	else
		log_error("%s: locked by another process; try again when it "
		    "ends, or give --wait SECONDS", seller);
}

enum cli_walk
cli_each_store_read(const char *datadir, const char *only,
    enum cli_walk (*fn)(struct store *st, const char *seller, void *ctx), void *ctx,
    size_t *count)
{
	return sellers_walk(datadir, only, STORE_OPEN_READ, -1, fn, ctx, count,
	    NULL);
}

/* The edit distance of a and b (ids are at most 64 bytes). */
static size_t
cli_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, cur, up;
	size_t row[128];

	if (la > 127 || lb > 127)
		return la > lb ? la : lb;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			cur = prev + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (row[j] + 1 < cur)
				cur = row[j] + 1;
			if (row[j - 1] + 1 < cur)
				cur = row[j - 1] + 1;
			row[j] = cur;
			prev = up;
		}
	}
	return row[lb];
}

/* The one of n words closest to word, or NULL when none is close. */
const char *
cli_closest(const char *word, const char *const *words, size_t n)
{
	size_t i, d, best = (size_t)-1;
	const char *w = NULL;

	for (i = 0; i < n; i++)
		if ((d = cli_distance(word, words[i])) < best) {
			best = d;
			w = words[i];
		}
	/* A typo, not another word: at most a third of it differs. */
	return w != NULL && best <= (strlen(word) + 2) / 3 ? w : NULL;
}

struct cli_ranked {
	const char	*id;
	size_t		 d;
};

static int
cli_ranked_cmp(const void *a, const void *b)
{
	const struct cli_ranked *x = a, *y = b;

	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return strcmp(x->id, y->id);
}

char *
cli_sellers_named(const char *const *ids, size_t n, const char *id)
{
	struct cli_ranked *r;
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	if (n == 0) {
		buf_adds(&b, "none");
		return buf_take(&b);
	}
	r = xcalloc(n, sizeof(*r));
	for (i = 0; i < n; i++) {
		r[i].id = ids[i];
		r[i].d = cli_distance(id, ids[i]);
	}
	qsort(r, n, sizeof(*r), cli_ranked_cmp);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", r[i].id);
	free(r);
	return buf_take(&b);
}

int
cli_seller_known(const char *datadir, const char *seller)
{
	struct stat sb;
	struct buf path;
	char **ids, *known;
	size_t n;
	int ok;

	if (!cli_seller_ok(seller))
		return 0;
	if (seller == NULL)
		return 1;
	buf_init(&path, 0);
	buf_printf(&path, "%s/%s/store.db", datadir, seller);
	ok = stat(path.data, &sb) == 0;
	buf_free(&path);
	if (ok)
		return 1;
	ids = cli_sellers(datadir, NULL, &n);
	known = cli_sellers_named((const char *const *)ids, n, seller);
	log_error("no seller %s in %s; known: %s", seller, datadir, known);
	free(known);
	cli_sellers_free(ids, n);
	return 0;
}

int
cli_seller_ok(const char *seller)
{
	if (seller == NULL || sellerid_valid(seller))
		return 1;
	log_error("--seller: \"%.64s\" is not a seller id", seller);
	return 0;
}

void
cli_audit_settings(const struct config *cf, const char *seller,
    struct audit_settings *set)
{
	const struct config_seller *cs;
	const char *country;

	audit_settings_init(set);
	if (cf == NULL || (cs = config_seller_find(cf, seller)) == NULL)
		return;
	set->claim_wait_days = cs->claim_wait_days;
	/* The first marketplace listed is the seller's own
	 * (docs/design.md §3). */
	if (cs->nmarketplaces > 0 && (country =
	    marketplace_country_by_id(cs->marketplaces[0])) != NULL)
		snprintf(set->market, sizeof(set->market), "%s", country);
}
