#include <stdio.h>
#include <string.h>

#include "ingest/report.h"

/* Detection order: the first whose signature matches wins. */
static const struct report_kind *const report_kinds[] = {
	&ledger_kind,
	&reimbursements_kind,
	&returns_kind,
	&removal_orders_kind,
	&removal_shipments_kind,
	&settlement_kind,
	&unit_costs_kind,
	&settlement_xml_kind,
	&inbound_kind,
};

#define REPORT_NKINDS (sizeof(report_kinds) / sizeof(report_kinds[0]))

const struct report_kind *
report_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < REPORT_NKINDS; i++)
		if (strcmp(report_kinds[i]->name, name) == 0)
			return report_kinds[i];
	return NULL;
}

const struct report_kind *
report_detect_tsv(const struct tsv_row *header)
{
	size_t i;

	for (i = 0; i < REPORT_NKINDS; i++)
		if (report_kinds[i]->format == REPORT_TSV &&
		    tsv_has(header, report_kinds[i]->columns,
		    report_kinds[i]->ncolumns, report_kinds[i]->signature))
			return report_kinds[i];
	return NULL;
}

const struct report_kind *
report_detect_start(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && strchr(" \t\r\n", p[i]) != NULL)
		i++;
	if (i == n)
		return NULL;
	if (p[i] == '<')
		return &settlement_xml_kind;
	if (p[i] == '{' || p[i] == '[')
		return &inbound_kind;
	return NULL;
}

void
report_names(char *out, size_t size)
{
	size_t i, o = 0;
	int n;

	out[0] = '\0';
	for (i = 0; i < REPORT_NKINDS; i++) {
		n = snprintf(out + o, size - o, "%s%s", i ? ", " : "",
		    report_kinds[i]->name);
		if (n < 0 || (size_t)n >= size - o)
			return;
		o += (size_t)n;
	}
}
