/*
 * tsvsplit: the reading and splitting shared by the bench baselines
 * parse_limit (a) and naive_load (b).  zlib gzread into one fixed buffer,
 * lines split on '\n' (a trailing '\r' dropped), fields split on '\t', one
 * level of surrounding double quotes stripped.  Memory does not grow with
 * the file: a line longer than the buffer is an error.
 */
#ifndef TSVSPLIT_H
#define TSVSPLIT_H

#include <stddef.h>

#define TSVSPLIT_MAX_LINE	(1024 * 1024)
#define TSVSPLIT_MAX_FIELDS	64

struct tsvsplit;

/*
 * Opens PATH (gzip or plain) for reading.  Returns NULL on failure, with a
 * message on stderr.  The result must be freed with tsvsplit_close().
 */
struct tsvsplit	*tsvsplit_open(const char *path);

/*
 * Reads the next line and splits it.  Returns the number of fields (>= 1),
 * 0 at end of file, -1 on error (message on stderr).  Each field is
 * NUL-terminated inside the reader's buffer and stays valid until the next
 * call; field[i] and len[i] point into arrays owned by the reader.
 */
int		 tsvsplit_next(struct tsvsplit *t, char ***field, size_t **len);

/* Returns the 1-based number of the line last returned by tsvsplit_next(). */
unsigned long long tsvsplit_line(const struct tsvsplit *t);

/* Closes the file and frees the reader.  NULL is a no-op. */
void		 tsvsplit_close(struct tsvsplit *t);

#endif
