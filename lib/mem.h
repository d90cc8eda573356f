/*
 * Allocation that cannot fail: out of memory is not an input error, so it
 * is handled in exactly one place, by dying with a message.
 */
#ifndef FBAUDIT_MEM_H
#define FBAUDIT_MEM_H

#include <stdarg.h>
#include <stddef.h>

/* malloc(n) or die. The caller frees the result. */
void	*xmalloc(size_t n);
/* calloc(n, size) or die, overflow-checked. The caller frees the result. */
void	*xcalloc(size_t n, size_t size);
/* realloc(p, n) or die. The caller frees the result. */
void	*xrealloc(void *p, size_t n);
/* reallocarray(p, n, size) or die, overflow-checked. Caller frees. */
void	*xreallocarray(void *p, size_t n, size_t size);
/* strdup(s) or die. The caller frees the result. */
char	*xstrdup(const char *s);
/* A NUL-terminated copy of the first n bytes of s. The caller frees it. */
char	*xstrndup(const char *s, size_t n);
/* printf-formatted text in a new string, or die. The caller frees it. */
char	*xasprintf(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
/* As xasprintf with a va_list. The caller frees the result. */
char	*xvasprintf(const char *fmt, va_list ap)
	    __attribute__((format(printf, 1, 0)));

#endif
