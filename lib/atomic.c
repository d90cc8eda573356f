#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/atomic.h"
#include "lib/mem.h"

int
atomic_open(struct atomic_file *af, const char *path)
{
	int fd;

	memset(af, 0, sizeof(*af));
	/* The writer's pid in the name: a sweep of temp files left by
	 * killed processes can tell a live writer's file (cli/cmd_run.c). */
	af->tmp = xasprintf("%s.tmp.%ld.XXXXXX", path, (long)getpid());
	if ((fd = mkstemp(af->tmp)) == -1)
		goto fail;
	/* mkstemp makes 0600; outputs are meant to be read by others. */
	if (fchmod(fd, 0644) == -1 || (af->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(af->tmp);
		goto fail;
	}
	af->path = xstrdup(path);
	return 0;
fail:
	free(af->tmp);
	af->tmp = NULL;
	return -1;
}

/* fsyncs the folder holding path so the rename itself is durable. */
static void
atomic_sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd;

	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY)) != -1) {
		(void)fsync(fd);
		close(fd);
	}
	free(copy);
}

int
atomic_commit(struct atomic_file *af)
{
	int rc = -1, saved;

	if (fflush(af->fp) == EOF || ferror(af->fp) ||
	    fsync(fileno(af->fp)) == -1) {
		saved = errno;
		fclose(af->fp);
		goto fail;
	}
	if (fclose(af->fp) == EOF) {
		saved = errno;
		goto fail;
	}
	if (rename(af->tmp, af->path) == -1) {
		saved = errno;
		goto fail;
	}
	atomic_sync_dir(af->path);
	rc = 0;
	saved = 0;
	goto out;
fail:
	unlink(af->tmp);
out:
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof(*af));
	errno = saved;
	return rc;
}

int
atomic_dir(const char *path)
{
	struct stat sb;

	if (mkdir(path, 0750) == 0)
		return 0;
	if (errno != EEXIST || lstat(path, &sb) == -1)
		return -1;
	if (S_ISLNK(sb.st_mode)) {
		errno = ELOOP;
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/* Copies the field of line at *p (to a space) into out; -1 when none. */
static int
atomic_field(const char **p, char *out, size_t len)
{
	size_t n = strcspn(*p, " \n");

	if (n == 0 || n >= len)
		return -1;
	memcpy(out, *p, n);
	out[n] = '\0';
	*p += n + ((*p)[n] == ' ');
	return 0;
}

/* The device and mount point of a line of /proc/self/mounts. */
static int
atomic_mount(const char *line, char *dev, size_t devlen, char *mnt,
    size_t mntlen)
{
	const char *p = line;

	if (atomic_field(&p, dev, devlen) == -1 ||
	    atomic_field(&p, mnt, mntlen) == -1)
		return -1;
	return 0;
}

char *
atomic_device(const char *path, char *out, size_t len)
{
	char *copy = xstrdup(path), *dir, *real, line[4096], dev[1024],
	    mnt[1024];
	size_t best = 0, n;
	FILE *fp;

	dir = dirname(copy);
	snprintf(out, len, "%s", dir);
	if ((real = realpath(dir, NULL)) == NULL)
		goto out;
	if ((fp = fopen("/proc/self/mounts", "r")) == NULL)
		goto out;
	/* The longest mount point that holds the folder is its own. */
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (atomic_mount(line, dev, sizeof(dev), mnt, sizeof(mnt)) ==
		    -1)
			continue;
		n = strlen(mnt);
		if (n < best || strncmp(real, mnt, n) != 0 ||
		    (real[n] != '/' && real[n] != '\0' && n > 1))
			continue;
		best = n;
		snprintf(out, len, "%s (mounted on %s)", dev, mnt);
	}
	fclose(fp);
out:
	free(real);
	free(copy);
	return out;
}

char *
atomic_why(const char *path, int err, char *out, size_t len)
{
	char where[512];

	if (err == ENOSPC || err == EDQUOT)
		snprintf(out, len, "%s on %s while writing %s", err == ENOSPC ?
		    "no space left" : "disk quota exceeded",
		    atomic_device(path, where, sizeof(where)), path);
	else
		snprintf(out, len, "%s: %s", path, strerror(err));
	return out;
}

void
atomic_abort(struct atomic_file *af)
{
	if (af->fp != NULL)
		fclose(af->fp);
	if (af->tmp != NULL)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof(*af));
}
