/*
 * The start-up sweep of the run (docs/design.md §9.3): the temp files
 * that killed processes left in the data dir and the sellers' folders.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/run.h"
#include "lib/buf.h"
#include "lib/log.h"

/*
 * Whether a temp file (lib/atomic.c names it FILE.tmp.PID.XXXXXX) may be
 * the work of a live process: its writer's pid still runs. A name
 * without a pid is an older fbaudit's, whose writer is long gone.
 */
static int
run_tmp_live(const char *name)
{
	const char *p = strstr(name, ".tmp.");
	char *end;
	long pid;

	pid = strtol(p + 5, &end, 10);
	if (end == p + 5 || *end != '.' || pid <= 0)
		return 0;
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/*
 * Removes the temp files killed processes left in dir. A seller's folder
 * that is a symbolic link (!follow) is not swept: a linked inbox/ would
 * have it delete files outside the data dir. The data dir itself may be
 * a link the operator made.
 */
void
run_sweep(const char *dir, int follow)
{
	struct dirent *de;
	struct stat sb;
	struct buf p;
	DIR *d;
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
	    (follow ? 0 : O_NOFOLLOW))) == -1) {
		/* Linux says ENOTDIR of a link with O_DIRECTORY. */
		if (lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode))
			log_warn("%s: is a symbolic link; not swept", dir);
		return;
	}
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	buf_init(&p, 0);
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".tmp.") == NULL ||
		    run_tmp_live(de->d_name))
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, de->d_name);
		if (unlinkat(dirfd(d), de->d_name, 0) == 0)
			log_info("%s: removed a temp file of a killed process",
			    p.data);
	}
	buf_free(&p);
	closedir(d);
}

/* Each seller's folder is swept without following links. */
void
run_sweep_seller(const char *datadir, const char *seller)
{
	static const char *const sub[] = { "", "/inbox", "/outbox" };
	struct buf p;
	size_t i;

	buf_init(&p, 0);
	for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s%s", datadir, seller, sub[i]);
		run_sweep(p.data, 0);
	}
	buf_free(&p);
}
