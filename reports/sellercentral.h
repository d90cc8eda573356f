/*
 * Where a seller submits a claim by hand: the Seller Central site of the
 * claim's marketplace country, and its "Get support" page, where an FBA
 * reimbursement case is opened (issue 16: the copy-ready text names the
 * page to open).
 */
#ifndef FBAUDIT_SELLERCENTRAL_H
#define FBAUDIT_SELLERCENTRAL_H

#include <stddef.h>

/*
 * Writes the URL of the support page of country's Seller Central (ISO
 * 3166 code as claims store it; the US site when unknown) to out.
 * Returns out.
 */
char	*sellercentral_case_url(const char *country, char *out, size_t size);

#endif
