/* The run lock: one nightly run per data dir at a time (DESIGN 9). */
#ifndef FBAUDIT_LOCK_H
#define FBAUDIT_LOCK_H

/*
 * Takes an exclusive lock on DATADIR/NAME without waiting.
 * Returns the lock's descriptor (held until lock_release or exit: the
 * kernel drops it if the process dies), -2 when another process holds
 * it, or -1 on error (errno set).
 */
int	 lock_take(const char *datadir, const char *name);
/* Releases a lock taken by lock_take. */
void	 lock_release(int fd);

#endif
