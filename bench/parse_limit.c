/*
 * parse_limit: bench measurement (a), the parse limit.  Reads a gzip TSV
 * report, splits lines and fields, stores nothing, and prints the number of
 * data rows (the header excluded) on stdout.  Fails if a row's field count
 * differs from the header's.
 *
 * usage: parse_limit FILE.tsv.gz
 */
#include <stdio.h>
#include <stdlib.h>

#include "tsvsplit.h"

/* Counts the rows and fields of argv[1]; exits 0 on success. */
int
main(int argc, char *argv[])
{
	struct tsvsplit		*t = NULL;
	char			**field;
	size_t			*len;
	unsigned long long	 rows = 0;
	int			 nf, ncols, rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: parse_limit FILE.tsv.gz\n");
		return 2;
	}
	if ((t = tsvsplit_open(argv[1])) == NULL)
		goto out;
	if ((ncols = tsvsplit_next(t, &field, &len)) <= 0) {
		if (ncols == 0)
			fprintf(stderr, "%s: empty file\n", argv[1]);
		goto out;
	}
	while ((nf = tsvsplit_next(t, &field, &len)) > 0) {
		if (nf != ncols) {
			fprintf(stderr, "%s:%llu: %d fields, header has %d\n",
			    argv[1], tsvsplit_line(t), nf, ncols);
			goto out;
		}
		rows++;
	}
	if (nf == -1)
		goto out;
	if (printf("%llu\n", rows) < 0 || fflush(stdout) != 0) {
		perror("stdout");
		goto out;
	}
	rc = 0;
out:
	tsvsplit_close(t);
	return rc;
}
