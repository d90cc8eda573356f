/* Unit tests of lib/atomic.h: all-or-nothing replacement of a file. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/atomic.h"

/* A fresh temp folder per test, in *state. */
static int
setup(void **state)
{
	char *dir = strdup("/tmp/fbaudit-test-atomic.XXXXXX");

	if (dir == NULL || mkdtemp(dir) == NULL)
		return -1;
	*state = dir;
	return 0;
}

/* Removes the folder and whatever the test left in it. */
static int
teardown(void **state)
{
	char *dir = *state, path[4096];
	struct dirent *e;
	DIR *d;

	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
	return 0;
}

/* The folder's entries, sorted and joined with spaces. */
static char *
listing(const char *dir)
{
	static char out[4096];
	struct dirent **list;
	int i, n;

	n = scandir(dir, &list, NULL, alphasort);
	assert_true(n >= 0);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (strcmp(list[i]->d_name, ".") != 0 &&
		    strcmp(list[i]->d_name, "..") != 0) {
			if (out[0] != '\0')
				strcat(out, " ");
			strcat(out, list[i]->d_name);
		}
		free(list[i]);
	}
	free(list);
	return out;
}

/* The whole content of a file (at most 4 KiB). */
static char *
slurp(const char *path)
{
	static char out[4096];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(out, 1, sizeof(out) - 1, fp);
	out[n] = '\0';
	fclose(fp);
	return out;
}

static void
put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* The temp file sits beside the target, named after it. */
static void
test_temp_beside_target(void **state)
{
	const char *dir = *state;
	struct atomic_file af;
	char target[4096], *slash;

	snprintf(target, sizeof(target), "%s/out.csv", dir);
	assert_int_equal(atomic_open(&af, target), 0);
	assert_non_null(af.fp);
	assert_string_equal(af.path, target);
	assert_non_null(af.tmp);
	slash = strrchr(af.tmp, '/');
	assert_non_null(slash);
	assert_int_equal((size_t)(slash - af.tmp), strlen(dir));
	assert_memory_equal(af.tmp, dir, strlen(dir));
	assert_int_equal(strncmp(slash + 1, "out.csv.", 8), 0);
	assert_true(strcmp(af.tmp, target) != 0);
	assert_int_equal(access(af.tmp, F_OK), 0);
	assert_int_equal(access(target, F_OK), -1);
	atomic_abort(&af);
}

/* Commit replaces the old target; readers never saw a half file. */
static void
test_commit_replaces(void **state)
{
	const char *dir = *state;
	struct atomic_file af;
	char target[4096];
	struct stat st;

	snprintf(target, sizeof(target), "%s/report.html", dir);
	put(target, "old contents\n");
	assert_int_equal(atomic_open(&af, target), 0);
	fputs("new contents\n", af.fp);
	fputs("second line\n", af.fp);
	fflush(af.fp);
	/* Before commit the target is still the old file. */
	assert_string_equal(slurp(target), "old contents\n");
	assert_int_equal(atomic_commit(&af), 0);
	assert_string_equal(slurp(target), "new contents\nsecond line\n");
	assert_string_equal(listing(dir), "report.html");
	assert_null(af.fp);
	assert_null(af.tmp);
	assert_null(af.path);
	/* Outputs are readable by others, not mkstemp's 0600. */
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
}

/* Commit creates a target that did not exist. */
static void
test_commit_creates(void **state)
{
	const char *dir = *state;
	struct atomic_file af;
	char target[4096];

	snprintf(target, sizeof(target), "%s/new.json", dir);
	assert_int_equal(atomic_open(&af, target), 0);
	fputs("{}", af.fp);
	assert_int_equal(atomic_commit(&af), 0);
	assert_string_equal(slurp(target), "{}");
	assert_string_equal(listing(dir), "new.json");
}

/* Abort keeps the old target and leaves no temp file in the folder. */
static void
test_abort_keeps_old(void **state)
{
	const char *dir = *state;
	struct atomic_file af;
	char target[4096];

	snprintf(target, sizeof(target), "%s/claims.csv", dir);
	put(target, "old\n");
	assert_int_equal(atomic_open(&af, target), 0);
	fputs("half written", af.fp);
	fflush(af.fp);
	/* While writing, the temp file is there beside the target. */
	assert_int_equal(strncmp(listing(dir), "claims.csv claims.csv.", 22),
	    0);
	atomic_abort(&af);
	assert_string_equal(slurp(target), "old\n");
	assert_string_equal(listing(dir), "claims.csv");
	assert_null(af.fp);
	assert_null(af.tmp);
	assert_null(af.path);
}

/* Abort without a target leaves the folder empty. */
static void
test_abort_no_target(void **state)
{
	const char *dir = *state;
	struct atomic_file af;
	char target[4096];

	snprintf(target, sizeof(target), "%s/never", dir);
	assert_int_equal(atomic_open(&af, target), 0);
	assert_int_equal(strncmp(listing(dir), "never.", 6), 0);
	fputs("data", af.fp);
	atomic_abort(&af);
	assert_string_equal(listing(dir), "");
}

/* Opening in a missing folder fails with errno and nothing to free. */
static void
test_open_missing_folder(void **state)
{
	const char *dir = *state;
	struct atomic_file af;
	char target[4096];

	snprintf(target, sizeof(target), "%s/no/such/folder/x", dir);
	errno = 0;
	assert_int_equal(atomic_open(&af, target), -1);
	assert_int_equal(errno, ENOENT);
	assert_null(af.tmp);
	assert_null(af.fp);
	assert_string_equal(listing(dir), "");
}

/* Commit fails when the target cannot be replaced, removing the temp. */
static void
test_commit_fails_cleanly(void **state)
{
	const char *dir = *state;
	struct atomic_file af;
	char target[4096], inner[4096];

	/* A non-empty folder in the target's place: rename must fail. */
	snprintf(target, sizeof(target), "%s/busy", dir);
	snprintf(inner, sizeof(inner), "%s/busy/keep", dir);
	assert_int_equal(mkdir(target, 0755), 0);
	put(inner, "kept\n");
	assert_int_equal(atomic_open(&af, target), 0);
	fputs("new", af.fp);
	errno = 0;
	assert_int_equal(atomic_commit(&af), -1);
	assert_true(errno != 0);
	assert_string_equal(listing(dir), "busy");
	assert_string_equal(slurp(inner), "kept\n");
	unlink(inner);
	rmdir(target);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_temp_beside_target,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_replaces,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_creates,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_keeps_old,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_no_target,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_missing_folder,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_fails_cleanly,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
