/*
 * A growable byte buffer with a hard maximum, always NUL-terminated.
 * Appends past the maximum fail (return -1) and leave the buffer as it
 * was, so untrusted input can never grow memory without bound.
 */
#ifndef FBAUDIT_BUF_H
#define FBAUDIT_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* NUL-terminated; owned by the buffer */
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* 0: no maximum (program-made text only) */
};

/* Initialises an empty buffer holding at most max bytes (0: unbounded). */
void	 buf_init(struct buf *b, size_t max);
/* Frees the buffer's memory; the buffer may be initialised again. */
void	 buf_free(struct buf *b);
/* Empties the buffer, keeping its memory. */
void	 buf_reset(struct buf *b);
/* Appends n bytes. Returns 0, or -1 if that would pass the maximum. */
int	 buf_add(struct buf *b, const void *p, size_t n);
/* Appends one byte. Returns 0 or -1 as buf_add. */
int	 buf_addc(struct buf *b, char c);
/* Appends a C string. Returns 0 or -1 as buf_add. */
int	 buf_adds(struct buf *b, const char *s);
/* Appends printf-formatted text. Returns 0 or -1 as buf_add. */
int	 buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* As buf_printf with a va_list. */
int	 buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Hands the contents to the caller (who frees them) and empties b. */
char	*buf_take(struct buf *b);

#endif
