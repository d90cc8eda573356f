/*
 * Case packets (docs/design.md §7): everything Amazon's Seller Central form
 * asks for one claim, as a JSON document with all the evidence, and a message
 * to paste, in the seller's language (templates in lib/i18n/LANG.cat).
 * Imported text (titles, SKUs, evidence details) stays text: escaped in
 * JSON, control bytes replaced in the message so it cannot forge lines.
 */
#ifndef FBAUDIT_PACKET_H
#define FBAUDIT_PACKET_H

#include <stddef.h>

struct store;

struct packet {
	char	*json;		/* the case packet, UTF-8 JSON, owned */
	char	*text;		/* the message to paste, UTF-8, owned */
};

/* What packet_build made. */
enum packet_build {
	PACKET_ERROR = -1,	/* err says why */
	PACKET_BUILT = 0,
	PACKET_NO_CLAIM = 1	/* the store has no such claim */
};

/*
 * Builds the packet of claim_id from st's claim, its evidence and the
 * reports behind it, in language lang (en de fr es), as of today.
 * Returns built, no claim when there is no such claim, or an error with
 * a reason in err. Free with packet_free() whatever the result.
 */
enum packet_build	 packet_build(struct store *st, const char *claim_id, const char *lang,
	    struct packet *p, char *err, size_t errlen);
/* Frees what a packet holds (a zeroed packet is fine). */
void	 packet_free(struct packet *p);

#endif
