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
/*
 * Makes the folder path (mode 0750) unless it is one already. Returns 0,
 * or -1 with errno set: ELOOP when path is a symbolic link, which is
 * refused, not followed (a linked inbox/ would let fbaudit write, and its
 * sweep delete, files outside the data dir), ENOTDIR when it is another
 * kind of file.
 */
int	 atomic_dir(const char *path);
/*
 * Names the file system that holds path, for "no space left" errors:
 * "DEVICE (mounted on DIR)" from /proc/self/mounts, else path's folder.
 * Writes at most len bytes into out; returns out.
 */
char	*atomic_device(const char *path, char *out, size_t len);
/*
 * Says why writing path failed with errno err, into out (len bytes):
 * "no space left on DEVICE (mounted on DIR) while writing PATH" for a
 * full disk or quota, else "PATH: strerror". Returns out.
 */
char	*atomic_why(const char *path, int err, char *out, size_t len);

#endif
