/*
 * Writing a file so that a reader never sees half of it: write a temp
 * file beside the target, fsync, rename over the target, fsync the folder.
 */
#ifndef FBAUDIT_ATOMIC_H
#define FBAUDIT_ATOMIC_H

#include <stdio.h>

struct atomic_file {
	FILE	*fp;		/* write here between open and commit */
	char	*path;		/* the target */
	char	*tmp;		/* the temp file beside it */
};

/* Opens a temp file beside path. Returns 0, or -1 with errno set. */
int	 atomic_open(struct atomic_file *af, const char *path);
/*
 * Flushes, syncs and renames the temp file over the target. Returns 0, or
 * -1 with errno set (the temp file is removed, the target untouched).
 * Frees af's memory either way.
 */
int	 atomic_commit(struct atomic_file *af);
/* Removes the temp file and frees af's memory; the target is untouched. */
void	 atomic_abort(struct atomic_file *af);

#endif
