#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/import.h"
#include "lib/log.h"
#include "store/store.h"
#include "tests/fuzz/harness.h"

/* Successful imports after which the store starts afresh. */
#define HARNESS_RESET_EVERY	200

#define HARNESS_SELLER		"FUZZ"

static char		 harness_dir[512];	/* the scratch folder */
static char		 harness_data[600];	/* the store's DATADIR */
static char		 harness_input[600];	/* the input file */
static struct store	*harness_store;
static unsigned		 harness_done;

static void	 harness_cleanup(void);

static void
harness_die(const char *what, const char *why)
{
	fprintf(stderr, "fuzz harness: %s: %s\n", what, why);
	harness_cleanup();
	abort();
}

/* Removes the files of a folder, then the folder (no subfolders). */
static void
harness_rmdir(const char *path)
{
	char file[1024];
	struct dirent *e;
	DIR *d;

	if ((d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
		unlink(file);
	}
	closedir(d);
	rmdir(path);
}

static void
harness_open(void)
{
	char err[256];

	harness_store = store_open(harness_data, HARNESS_SELLER, 1, err,
	    sizeof(err));
	if (harness_store == NULL)
		harness_die("store_open", err);
}

/* Closes the store and deletes its folder: DATADIR/SELLER, DATADIR. */
static void
harness_drop(void)
{
	char seller[700];

	store_close(harness_store);
	harness_store = NULL;
	snprintf(seller, sizeof(seller), "%s/%s", harness_data,
	    HARNESS_SELLER);
	harness_rmdir(seller);
	rmdir(harness_data);
}

static void
harness_cleanup(void)
{
	if (harness_store != NULL)
		harness_drop();
	unlink(harness_input);
	rmdir(harness_dir);
}

void
harness_init(void)
{
	const char *base;

	if ((base = getenv("FUZZ_TMPDIR")) == NULL || *base == '\0') {
		if (access("/dev/shm", W_OK) == 0)
			base = "/dev/shm";
		else if ((base = getenv("TMPDIR")) == NULL || *base == '\0')
			base = "/tmp";
	}
	snprintf(harness_dir, sizeof(harness_dir), "%s/fbaudit-fuzz.XXXXXX",
	    base);
	if (mkdtemp(harness_dir) == NULL)
		harness_die(harness_dir, strerror(errno));
	snprintf(harness_data, sizeof(harness_data), "%s/data", harness_dir);
	snprintf(harness_input, sizeof(harness_input), "%s/input",
	    harness_dir);
	/* The importer warns of skipped rows (--lenient); keep errors. */
	log_set_level(LOG_LEVEL_ERROR);
	harness_open();
	/*
	 * Not on a sanitizer's death: libFuzzer's own death callback writes
	 * the crash input, and there is one slot. tests/fuzz/run removes
	 * $FUZZ_TMPDIR whatever happened.
	 */
	atexit(harness_cleanup);
}

/* Writes the input file. */
static void
harness_write(const uint8_t *data, size_t n)
{
	size_t off = 0;
	ssize_t w;
	int fd;

	fd = open(harness_input, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1)
		harness_die(harness_input, strerror(errno));
	while (off < n) {
		w = write(fd, data + off, n - off);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			harness_die(harness_input, strerror(errno));
		off += (size_t)w;
	}
	if (close(fd) == -1)
		harness_die(harness_input, strerror(errno));
}

void
harness_import(const char *type, const uint8_t *data, size_t n)
{
	static const enum charset charsets[] = {
		CHARSET_UTF8, CHARSET_CP1252, CHARSET_LATIN1
	};
	struct import_opts o;
	struct import_result res;
	enum import_status st;

	harness_write(data, n);
	memset(&o, 0, sizeof(o));
	o.type = type;
	o.charset = charsets[n % 3];
	o.lenient = (int)(n / 3 % 2);
	st = import_file(harness_store, harness_input, &o, &res);
	switch (st) {
	case IMPORT_DONE:
		/* A forced type is the type imported. */
		if (type != NULL && (res.type == NULL ||
		    strcmp(res.type, type) != 0))
			harness_die("import_file", "imported as another type");
		/* Without --lenient, rows are left out only of an inbound
		 * file: entries that name no shipment (ingest/inbound.c). */
		if (res.rows < 0 || res.bad < 0 || (!o.lenient && res.bad &&
		    strcmp(res.type, "inbound") != 0))
			harness_die("import_file", "impossible row counts");
		if (++harness_done % HARNESS_RESET_EVERY == 0) {
			harness_drop();
			harness_open();
		}
		break;
	case IMPORT_SKIPPED:
		break;
	case IMPORT_REJECTED:
		/* Bad input is refused with a reason. */
		if (res.message[0] == '\0')
			harness_die("import_file", "rejected without a reason");
		break;
	case IMPORT_FAILED:
		/* The store on tmpfs must not fail. */
		harness_die("import_file: store failed", res.message);
		break;
	default:
		harness_die("import_file", "unknown status");
	}
}
