/*
 * seedanomaly DATADIR SELLER KIND PERIOD SEVERITY STATUS DEADLINE AMOUNT
 *     CURRENCY SUBJECT DETAIL ADVICE
 * Puts one anomaly into a seller's store (creating it), as the anomaly
 * engine would, so report tests control exactly what the CSM sees.
 * DEADLINE is YYYY-MM-DD or "-"; AMOUNT is minor units, CURRENCY "-" for
 * none. Prints the anomaly id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/date.h"
#include "lib/num.h"
#include "lib/sha256.h"
#include "store/anomalies.h"
#include "store/store.h"

int
main(int argc, char **argv)
{
	struct anomaly_row a;
	struct store *st = NULL;
	const char *fields[3];
	char id[18], err[256];
	const char *why;
	int rc = 1;

	if (argc != 13) {
		fprintf(stderr, "usage: seedanomaly DATADIR SELLER KIND PERIOD "
		    "SEVERITY STATUS DEADLINE AMOUNT CURRENCY SUBJECT DETAIL "
		    "ADVICE\n");
		return 2;
	}
	memset(&a, 0, sizeof(a));
	fields[0] = argv[3];
	fields[1] = argv[2];
	fields[2] = argv[4];
	a.anomaly_id = sha256_id('A', fields, 3, id);
	a.kind = argv[3];
	a.period = argv[4];
	a.severity = argv[5];
	if ((a.status = anomaly_state_parse(argv[6])) == ANOMALY_STATE_NONE) {
		fprintf(stderr, "seedanomaly: bad status %s\n", argv[6]);
		return 2;
	}
	if (strcmp(argv[7], "-") != 0 &&
	    date_parse_ymd(argv[7], &a.deadline) == -1) {
		fprintf(stderr, "seedanomaly: bad deadline %s\n", argv[7]);
		return 2;
	}
	if (strcmp(argv[9], "-") != 0) {
		if ((why = num_parse_int(argv[8], strlen(argv[8]), -1000000000,
		    1000000000, &a.amount)) != NULL) {
			fprintf(stderr, "seedanomaly: amount %s\n", why);
			return 2;
		}
		a.currency = argv[9];
	}
	a.subject = argv[10];
	a.detail = argv[11];
	a.advice = argv[12];
	if (getenv("FBAUDIT_NOW") != NULL &&
	    clock_set_today(getenv("FBAUDIT_NOW")) == -1)
		return 2;
	if ((st = store_open(argv[1], argv[2], 1, err, sizeof(err))) == NULL) {
		fprintf(stderr, "seedanomaly: %s\n", err);
		return 1;
	}
	if (store_begin(st) == -1 || store_anomaly_put(st, &a) == -1 ||
	    store_commit(st) == -1) {
		fprintf(stderr, "seedanomaly: %s\n", store_errmsg(st));
		goto out;
	}
	printf("%s\n", id);
	rc = 0;
out:
	store_close(st);
	return rc;
}
