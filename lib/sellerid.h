/* Seller ids name folders, so they are checked before touching the disk. */
#ifndef FBAUDIT_SELLERID_H
#define FBAUDIT_SELLERID_H

/* Whether s is 1-64 of A-Z a-z 0-9 _ - (Amazon merchant ids fit). */
int	 sellerid_valid(const char *s);

#endif
