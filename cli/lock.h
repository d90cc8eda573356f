/*
 * Locks: one nightly run per data dir (or shard) at a time, and one
 * writer per seller (docs/design.md §9). A lock is flock(2) on a file, so the
 * kernel drops it when its holder dies, kill -9 too. A seller's lock file,
 * DATADIR/SELLER/lock, holds "PID COMMAND" of its holder, so that whoever
 * waits in vain can say who holds it.
 */
#ifndef FBAUDIT_LOCK_H
#define FBAUDIT_LOCK_H

#include <stddef.h>

struct strmap;

/* Who holds a lock, as its holder wrote it (empty when unknown). */
struct lock_holder {
	long	 pid;
	char	 command[160];
};

/*
 * Takes an exclusive lock on DATADIR/NAME without waiting.
 * Returns the lock's descriptor (held until lock_release or exit: the
 * kernel drops it if the process dies), -2 when another process holds
 * it, or -1 on error (errno set).
 */
int	 lock_take(const char *datadir, const char *name);
/*
 * Takes seller's lock, waiting up to wait seconds (0: not at all). The
 * seller's folder is created when create is set, else must exist.
 * Returns the descriptor (release with lock_release), -2 when another
 * process still holds it (*who, when not NULL, says which), or -1 on
 * error (errno set).
 */
int	 lock_seller(const char *datadir, const char *seller, int create,
	    double wait, struct lock_holder *who);
/*
 * The seller locks a command holds at once (fetch, run): each from the
 * moment the seller's work starts until the command ends or drops it.
 */
struct lock_set {
	struct strmap	*held;		/* seller -> descriptor */
	int		*fds;
	size_t		 n;
};

/* An empty set; raises the open-file limit to its maximum (a lock a
 * seller: ten thousand sellers want ten thousand descriptors). */
void	 lock_set_init(struct lock_set *ls);
/* lock_seller into the set: 0 held, -2 held by another (*who), -1. */
int	 lock_set_take(struct lock_set *ls, const char *datadir,
	    const char *seller, double wait, struct lock_holder *who);
/* Whether the set holds seller's lock. */
int	 lock_set_holds(const struct lock_set *ls, const char *seller);
/* Releases seller's lock now (its work is done); the set stays usable. */
void	 lock_set_drop(struct lock_set *ls, const char *seller);
/* Releases every lock of the set and frees it. */
void	 lock_set_free(struct lock_set *ls);
/* Releases a lock taken by lock_take or lock_seller (-1 is fine). */
void	 lock_release(int fd);
/* Sets the command a holder records: argv as given (copied, cut). */
void	 lock_set_command(int argc, char *const argv[]);

#endif
