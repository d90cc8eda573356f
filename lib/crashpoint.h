/*
 * Crash points for the crash tests: FBAUDIT_TEST_CRASH=STAGE[:N] makes the
 * process die like kill -9 the N-th time (default 1) it passes STAGE, so
 * that a test can prove a death at exactly that point is harmless. Unset,
 * a crash point costs one getenv.
 */
#ifndef FBAUDIT_CRASHPOINT_H
#define FBAUDIT_CRASHPOINT_H

/* Dies with status 137 if FBAUDIT_TEST_CRASH names stage and nth. */
void	 crashpoint(const char *stage, int nth);
/* As crashpoint, counting the passes itself (thread-safe). */
void	 crashpoint_count(const char *stage);

#endif
