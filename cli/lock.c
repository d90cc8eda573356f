#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/lock.h"
#include "lib/buf.h"

int
lock_take(const char *datadir, const char *name)
{
	struct buf path;
	int fd, saved;

	/* flock: released by the kernel when the holder dies, kill -9 too. */
	if (mkdir(datadir, 0750) == -1 && errno != EEXIST)
		return -1;
	buf_init(&path, 0);
	buf_printf(&path, "%s/%s", datadir, name);
	fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	buf_free(&path);
	if (fd == -1)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return saved == EWOULDBLOCK ? -2 : -1;
	}
	return fd;
}

void
lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
