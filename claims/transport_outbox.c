/*
 * The outbox transport: DATADIR/SELLER/outbox/CLAIMID.json and .txt,
 * each written to a temp file, synced and renamed (lib/atomic.h), so a
 * reader never sees half a packet. A re-send rewrites the same names.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "claims/packet.h"
#include "claims/transport.h"
#include "lib/atomic.h"
#include "lib/buf.h"

/* Writes text to path atomically. Returns 0, or -1 with errno. */
static int
outbox_write(const char *path, const char *text)
{
	struct atomic_file af;

	if (atomic_open(&af, path) == -1)
		return -1;
	if (fputs(text, af.fp) == EOF) {
		atomic_abort(&af);
		return -1;
	}
	return atomic_commit(&af);
}

int
transport_outbox_send(struct transport_ctx *ctx, const char *claim_id,
    const struct packet *p, struct transport_result *r)
{
	struct buf dir, path;
	int rc = -1;

	buf_init(&dir, 0);
	buf_init(&path, 0);
	buf_printf(&dir, "%s/outbox", ctx->seller_dir);
	/* A link in its place is refused: packets (and the sweep) would
	 * go wherever it points. */
	if (atomic_dir(dir.data) == -1) {
		r->unreachable = 1;
		snprintf(r->detail, sizeof(r->detail), "cannot use %s: %s",
		    dir.data, errno == ELOOP ? "it is a symbolic link; "
		    "make it a folder" : strerror(errno));
		goto out;
	}
	/* The .txt first: a .json in the outbox means the packet is whole. */
	buf_printf(&path, "%s/%s.txt", dir.data, claim_id);
	if (outbox_write(path.data, p->text) == -1)
		goto fail;
	buf_reset(&path);
	buf_printf(&path, "%s/%s.json", dir.data, claim_id);
	if (outbox_write(path.data, p->json) == -1)
		goto fail;
	snprintf(r->detail, sizeof(r->detail), "packet in outbox/%s.json; "
	    "awaiting case id", claim_id);
	rc = 0;
	goto out;
fail:
	/* A full or read-only disk fails every later packet too. */
	r->unreachable = 1;
	snprintf(r->detail, sizeof(r->detail), "cannot write %s: %s",
	    path.data, strerror(errno));
out:
	buf_free(&dir);
	buf_free(&path);
	return rc;
}
