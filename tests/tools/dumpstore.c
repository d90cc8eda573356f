/*
 * dumpstore [--content] DATADIR SELLER: prints a seller's store as
 * canonical TSV (store_dump). --content leaves out what identifies the
 * file rather than its data (hash, name, charset, gzip), so a plain and a
 * gzipped copy of one report dump the same.
 */
#include <stdio.h>
#include <string.h>

#include "store/store.h"

int
main(int argc, char **argv)
{
	static const char *const content_skip[] = {
		"files.sha256", "files.name", "files.charset", "files.gzip",
		NULL
	};
	const char *const *skip = NULL;
	struct store *st;
	char err[256];
	int rc;

	if (argc > 1 && strcmp(argv[1], "--content") == 0) {
		skip = content_skip;
		argc--;
		argv++;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: dumpstore [--content] DATADIR SELLER\n");
		return 2;
	}
	if ((st = store_open(argv[1], argv[2], 0, err, sizeof(err))) == NULL) {
		fprintf(stderr, "dumpstore: %s\n", err);
		return 1;
	}
	rc = store_dump(st, stdout, skip);
	store_close(st);
	return rc == 0 ? 0 : 1;
}
