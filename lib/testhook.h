/*
 * Fault injection for the test suites (docs/decisions.md, Test hooks):
 * FBAUDIT_TEST_FAIL=POINT[,POINT...] makes a named step fail as it would
 * on a real fault, so that a test reaches a failure path that no input
 * can reach (libcurl out of memory, a store that breaks mid-fetch).
 * Unset, nothing fails. Read from the environment only.
 */
#ifndef FBAUDIT_TESTHOOK_H
#define FBAUDIT_TESTHOOK_H

/* Whether FBAUDIT_TEST_FAIL names point (a static string). */
int	 testhook_fail(const char *point);

#endif
