/*
 * The program's idea of "today": --now or FBAUDIT_NOW when given, so that
 * every rule, test and re-run of an old day is reproducible; else the
 * real UTC date.
 */
#ifndef FBAUDIT_CLOCK_H
#define FBAUDIT_CLOCK_H

#include <stdint.h>

/* Fixes today to YYYY-MM-DD. Returns 0, or -1 if s is not such a date. */
int	 clock_set_today(const char *s);
/* Today as days since the epoch. */
int32_t	 clock_today(void);
/*
 * The time to stamp records with, seconds since the epoch: the real time,
 * or midnight UTC of the fixed day when one was set (reproducible stores).
 */
int64_t	 clock_now(void);
/*
 * Milliseconds on the monotonic clock, for deadlines: a clock step or a
 * fixed --now never moves it.
 */
int64_t	 clock_mono_ms(void);
/* Whether today was fixed by clock_set_today. */
int	 clock_is_fixed(void);

#endif
