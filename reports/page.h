/*
 * What the dashboard and the CSM queue share: the page's head (style
 * sheet, Content-Security-Policy), its footer, and sums of money kept
 * per currency (fbaudit never converts money).
 */
#ifndef FBAUDIT_PAGE_H
#define FBAUDIT_PAGE_H

#include <stdint.h>

struct buf;
struct config;
struct html;
struct l10n;
struct store_settings;

/* Currencies one sum keeps apart; more are folded into the last. */
#define PAGE_MAX_CURRENCIES	8

/* Money per currency, in the order first seen. */
struct page_sum {
	int	 n;
	struct {
		char	 currency[4];
		int64_t	 amount;
	} v[PAGE_MAX_CURRENCIES];
};

/* Adds amount (minor units) of currency to s. */
void	 page_sum_add(struct page_sum *s, const char *currency,
	    int64_t amount);
/*
 * Writes the sum as money, one currency per <span class="m"> ("$0.00" in
 * dflt, the page's main currency, when empty).
 */
void	 page_sum_write(struct html *h, const struct l10n *l,
	    const struct page_sum *s, const char *dflt);
/* Opens the document: <html>, the head with title, <body>. */
void	 page_begin(struct html *h, const struct l10n *l, const char *title);
/* Writes the footer (generation time, fbaudit's version), closes all. */
void	 page_end(struct html *h, const struct l10n *l, const char *version);
/* Opens a <section> with a heading and a subtitle (NULL: none). */
void	 page_section(struct html *h, const char *id, const char *title,
	    const char *sub);
/*
 * Writes the days until a deadline as a chip: "3 days left", coloured by
 * urgency (within 2 days, within 7). Nothing for days < 0.
 */
void	 page_days_left(struct html *h, const struct l10n *l, int32_t days);
/*
 * The seller as people know it: "Name (ID)" when it has a name (the
 * configuration's when it names the seller, else the one its store
 * kept, kept may be NULL), else the id. Appended to b (the caller's).
 */
void	 page_seller_label(struct buf *b, const struct config *cf,
	    const char *seller, const struct store_settings *kept);
/*
 * Writes a seller's table cell content: its name, then the id (and its
 * CSM when csm is set and it has one) in <small>; names as above.
 */
void	 page_seller(struct html *h, const struct l10n *l,
	    const struct config *cf, const char *seller,
	    const struct store_settings *kept, int csm);
/* Writes how long ago secs was, relative to now, as text ("2 days ago"). */
void	 page_ago(struct html *h, const struct l10n *l, int64_t secs,
	    int64_t now);

#endif
