#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/lock.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "lib/strmap.h"

/* What this process writes into a seller's lock file. */
static char lock_command[160] = "fbaudit";

void
lock_set_command(int argc, char *const argv[])
{
	struct buf b;
	int i;

	buf_init(&b, 0);
	buf_adds(&b, "fbaudit");
	for (i = 1; i < argc; i++) {
		buf_adds(&b, " ");
		buf_adds(&b, argv[i]);
	}
	snprintf(lock_command, sizeof(lock_command), "%s", b.data);
	buf_free(&b);
}

/*
 * Opens DATADIR/NAME for locking. O_NOFOLLOW: a link planted in place of
 * the lock file would make fbaudit create or truncate a file elsewhere.
 */
static int
lock_open(const char *dir, const char *name)
{
	struct buf path;
	int fd;

	buf_init(&path, 0);
	buf_printf(&path, "%s/%s", dir, name);
	fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
	buf_free(&path);
	return fd;
}

int
lock_take(const char *datadir, const char *name)
{
	int fd, saved;

	if (mkdir(datadir, 0750) == -1 && errno != EEXIST)
		return -1;
	if ((fd = lock_open(datadir, name)) == -1)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return saved == EWOULDBLOCK ? -2 : -1;
	}
	return fd;
}

/* Reads what the holder of fd's lock wrote into *who. */
static void
lock_read_holder(int fd, struct lock_holder *who)
{
	char line[200], *sp;
	ssize_t n;

	memset(who, 0, sizeof(*who));
	if ((n = pread(fd, line, sizeof(line) - 1, 0)) <= 0)
		return;
	line[n] = '\0';
	line[strcspn(line, "\n")] = '\0';
	who->pid = strtol(line, &sp, 10);
	if (*sp == ' ')
		snprintf(who->command, sizeof(who->command), "%s", sp + 1);
}

/* Seconds on the monotonic clock. */
static double
lock_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
lock_seller(const char *datadir, const char *seller, int create,
    double wait, struct lock_holder *who)
{
	const struct timespec pause = { 0, 50 * 1000 * 1000 };
	double end = lock_now() + wait;
	struct buf dir;
	char line[200];
	int fd, saved, len;

	buf_init(&dir, 0);
	buf_printf(&dir, "%s/%s", datadir, seller);
	if (create && (mkdir(datadir, 0750) == -1 && errno != EEXIST))
		goto fail;
	if (create && (mkdir(dir.data, 0750) == -1 && errno != EEXIST))
		goto fail;
	if ((fd = lock_open(dir.data, "lock")) == -1)
		goto fail;
	buf_free(&dir);
	/* flock has no timeout: try, and try again until the wait ends. */
	while (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK || lock_now() >= end) {
			saved = errno;
			if (saved == EWOULDBLOCK && who != NULL)
				lock_read_holder(fd, who);
			close(fd);
			errno = saved;
			return saved == EWOULDBLOCK ? -2 : -1;
		}
		nanosleep(&pause, NULL);
	}
	len = snprintf(line, sizeof(line), "%ld %s\n", (long)getpid(),
	    lock_command);
	if (len > (int)sizeof(line) - 1)
		len = (int)sizeof(line) - 1;
	/* Best effort: the lock holds whether or not this is written. */
	if (ftruncate(fd, 0) == 0 && pwrite(fd, line, (size_t)len, 0) < 0)
		errno = 0;
	return fd;
fail:
	saved = errno;
	buf_free(&dir);
	errno = saved;
	return -1;
}

void
lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}

void
lock_set_init(struct lock_set *ls)
{
	struct rlimit rl;

	memset(ls, 0, sizeof(*ls));
	ls->held = strmap_new();
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int
lock_set_take(struct lock_set *ls, const char *datadir, const char *seller,
    double wait, struct lock_holder *who)
{
	int fd;

	if (lock_set_holds(ls, seller))
		return 0;
	if ((fd = lock_seller(datadir, seller, 1, wait, who)) < 0)
		return fd;
	ls->fds = xreallocarray(ls->fds, ls->n + 1, sizeof(*ls->fds));
	ls->fds[ls->n++] = fd;
	strmap_put(ls->held, seller, strlen(seller), fd);
	return 0;
}

int
lock_set_holds(const struct lock_set *ls, const char *seller)
{
	int64_t fd;

	return ls->held != NULL &&
	    strmap_get(ls->held, seller, strlen(seller), &fd) && fd >= 0;
}

void
lock_set_drop(struct lock_set *ls, const char *seller)
{
	int64_t fd;
	size_t i;

	/* The map cannot forget a key: a dropped seller maps to -1. */
	if (ls->held == NULL ||
	    !strmap_get(ls->held, seller, strlen(seller), &fd) || fd < 0)
		return;
	for (i = 0; i < ls->n; i++)
		if (ls->fds[i] == fd)
			ls->fds[i] = -1;
	lock_release((int)fd);
	strmap_put(ls->held, seller, strlen(seller), -1);
}

void
lock_set_free(struct lock_set *ls)
{
	size_t i;

	for (i = 0; i < ls->n; i++)
		lock_release(ls->fds[i]);
	strmap_free(ls->held);
	free(ls->fds);
	memset(ls, 0, sizeof(*ls));
}
