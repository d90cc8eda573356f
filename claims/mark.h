/*
 * What a person reports from Seller Central (claims mark): the case id
 * Amazon gave a claim they submitted (a ready claim, whose packet waited
 * in the outbox, or an eligible one filed by hand, becomes filed; a filed
 * claim keeps its status), or Amazon's denial. Every change is a
 * claim_events row naming who made it.
 */
#ifndef FBAUDIT_MARK_H
#define FBAUDIT_MARK_H

#include <stddef.h>

struct store;

struct mark_opts {
	const char	*case_id;	/* NULL: none */
	int		 denied;
	const char	*note;		/* NULL: none */
	const char	*by;		/* who: "person" unless named */
};

/* mark_apply() results besides -1 (a store error). */
#define MARK_DONE	0
#define MARK_NO_CLAIM	1	/* no such claim in this store */
#define MARK_REFUSED	2	/* the claim's status does not allow it */

/*
 * Applies o to claim_id in one transaction. Returns MARK_*, or -1; err
 * says why for MARK_REFUSED and -1.
 */
int	 mark_apply(struct store *st, const char *claim_id,
	    const struct mark_opts *o, char *err, size_t errlen);

#endif
