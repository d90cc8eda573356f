/*
 * A streaming reader of one report file, plain or gzip (detected by its
 * magic bytes, never its name; concatenated gzip members are one stream).
 * It hands out lines or raw bytes from fixed buffers, so memory does not
 * grow with the file, and it refuses what crosses a limit of lib/limits.h:
 * over-long lines, gzip bombs, truncated gzip.
 */
#ifndef FBAUDIT_READER_H
#define FBAUDIT_READER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct reader;

/*
 * Opens path for reading. Returns NULL with a reason in err (size errlen)
 * on failure. Free with reader_close().
 */
struct reader	*reader_open(const char *path, char *err, size_t errlen);
/* Closes the file and frees the reader (NULL is fine). */
void		 reader_close(struct reader *r);
/*
 * The next line, without its LF or CRLF and with a UTF-8 BOM removed from
 * the first, in *line (writable, valid until the next call) and *len.
 * A line may hold NUL bytes: callers that need C strings check.
 * Returns 1, 0 at end of file, or -1 on error (see reader_error()).
 */
int		 reader_line(struct reader *r, char **line, size_t *len);
/* Raw inflated bytes for XML and JSON: returns bytes read, 0, or -1. */
ssize_t		 reader_read(struct reader *r, void *p, size_t n);
/*
 * Up to n inflated bytes from the start of the file, without consuming
 * them, for type detection. Returns how many are at *p, or -1 on error.
 */
ssize_t		 reader_peek(struct reader *r, const char **p, size_t n);
/* The line reader_line() returned or failed on last (the first is 1). */
int64_t		 reader_lineno(const struct reader *r);
/* Whether the file is gzip. */
int		 reader_is_gzip(const struct reader *r);
/* Why the last call failed; static storage of the reader. */
const char	*reader_error(const struct reader *r);

#endif
