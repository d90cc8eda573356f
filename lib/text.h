/* Untrusted text made safe for a terminal. */
#ifndef FBAUDIT_TEXT_H
#define FBAUDIT_TEXT_H

#include <stddef.h>

/*
 * Copies at most width bytes of s (NULL as "") into out (size bytes,
 * always NUL-terminated), each control byte (below 0x20, and DEL) as '?',
 * so imported text cannot move the cursor or forge lines. Returns out.
 */
char	*text_terminal(char *out, size_t size, const char *s, size_t width);

/*
 * s (NULL as "") made safe for a terminal as text_terminal does, in one of
 * four static buffers (4 KiB each, so four may be used in one printf).
 * For command-line output only: not thread-safe.
 */
const char *text_safe(const char *s);

#endif
