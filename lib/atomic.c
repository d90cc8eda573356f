#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/mem.h"

int
atomic_open(struct atomic_file *af, const char *path)
{
	struct buf b;
	int fd;

	memset(af, 0, sizeof(*af));
	buf_init(&b, 0);
	/* The writer's pid in the name: a sweep of temp files left by
	 * killed processes can tell a live writer's file (cli/cmd_run.c). */
	buf_printf(&b, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
	af->tmp = buf_take(&b);
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
