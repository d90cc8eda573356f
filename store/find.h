/*
 * What a look-up of one row in the store found: the named result of the
 * store_* functions that fetch one row or nothing.
 */
#ifndef FBAUDIT_STORE_FIND_H
#define FBAUDIT_STORE_FIND_H

enum store_find {
	STORE_ERROR = -1,	/* an SQLite error (store_errmsg says) */
	STORE_NOT_FOUND = 0,	/* no such row: the outputs are untouched */
	STORE_FOUND = 1		/* the outputs are set */
};

#endif
