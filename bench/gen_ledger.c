/*
 * gen_ledger: writes a synthetic seller's FBA Inventory Ledger report
 * (GET_LEDGER_DETAIL_VIEW_DATA) as gzip TSV for the bench.  Every cell is
 * wrapped in double quotes, as Amazon's ledger is, the header too.  The
 * output is a function of ROWS and SEED only: own PRNG, no clock, and zlib
 * writes a gzip header without a time stamp.
 *
 * usage: gen_ledger ROWS OUTFILE.tsv.gz [SEED]
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zlib.h>

#define GEN_PRODUCTS	2000
#define GEN_SEG_MAX	256	/* one product's quoted FNSKU..Title cells */
#define GEN_INBOUND	4096	/* inbound shipment ids, received in order */
#define GEN_DAYS	547	/* 2024-01-01 .. 2025-06-30: 18 months */
#define GEN_OUT_CAP	(1024 * 1024)
#define GEN_ROW_MAX	1024	/* a row is far shorter */
#define GEN_TITLE_MIN	20
#define GEN_TITLE_MAX	120
#define GEN_MAX_ROWS	10000000000LL

struct gen_rng {
	uint64_t	 s;
};

struct gen_out {
	gzFile		 gz;
	const char	*path;
	char		*buf;
	size_t		 n;
	uint64_t	 bytes;
	double		 gz_seconds;	/* spent in zlib */
	int		 err;
};

struct gen_product {
	char		 seg[GEN_SEG_MAX];
	size_t		 len;
};

static const char gen_header[] =
    "\"Date\"\t\"FNSKU\"\t\"ASIN\"\t\"MSKU\"\t\"Title\"\t\"Event Type\"\t"
    "\"Reference ID\"\t\"Quantity\"\t\"Fulfillment Center\"\t"
    "\"Disposition\"\t\"Reason\"\t\"Country\"\t\"Reconciled Quantity\"\t"
    "\"Unreconciled Quantity\"\n";

static const char *const gen_fcs[] = {
	"PHX7", "ONT8", "LGB8", "SMF3", "TEB9", "ABE8", "MDW2", "BFI4",
	"DFW7", "FTW1", "RIC2", "CLT2", "ATL6", "JAX3", "MCO1", "TPA1",
	"IND9", "SDF8", "CVG9", "MKE1", "MSP1", "DEN3", "SLC1", "LAS1",
	"OAK4", "SCK4", "PDX9", "BWI2", "PHL7", "EWR4", "AVP1", "ORD2",
	"DET1", "CMH1", "SAT1", "HOU2", "OKC1", "STL6", "MEM1", "BNA3",
};
#define GEN_NFCS	(sizeof(gen_fcs) / sizeof(gen_fcs[0]))

static const char *const gen_colors[] = {
	"BLU", "RED", "BLK", "WHT", "GRN", "GRY", "PNK", "NAT", "YEL", "ORG",
};

static const char *const gen_words[] = {
	"Premium", "Stainless", "Steel", "Water", "Bottle", "Insulated",
	"Kitchen", "Organizer", "Bamboo", "Cutting", "Board", "Set", "Kids",
	"Wooden", "Puzzle", "Toy", "Yoga", "Mat", "Non-Slip", "Extra", "Thick",
	"Phone", "Case", "Compatible", "with", "for", "and", "LED", "Desk",
	"Lamp", "Dimmable", "USB", "Charging", "Cable", "Fast", "Braided",
	"Cotton", "Bath", "Towel", "Soft", "Absorbent", "Large", "Small",
	"Medium", "Dog", "Cat", "Pet", "Bed", "Washable", "Garden", "Hose",
	"Expandable", "Travel", "Backpack", "Laptop", "Waterproof", "Women",
	"Men", "Running", "Shoes", "Lightweight", "Silicone", "Baking",
	"Mold", "Reusable", "Storage", "Bags", "Glass", "Food", "Containers",
	"Lids", "Coffee", "Grinder", "Electric", "Manual", "Portable",
	"Bluetooth", "Speaker", "Wireless", "Headphones", "Noise",
	"Cancelling", "Ceramic", "Mug", "Gift", "Pack", "of", "2", "4", "6",
	"-", "Black", "Blue", "Red", "Grey", "Natural", "Inch", "oz", "XL",
};
#define GEN_NWORDS	(sizeof(gen_words) / sizeof(gen_words[0]))

/* A few titles carry non-ASCII UTF-8, as EU listings do. */
static const char *const gen_utf8_words[] = {
	"Größe", "Café", "Über", "Crème", "Niño", "Fußball", "Édition",
	"naïve", "Ø 30 cm", "Gänseblümchen", "Kühlschrank", "Türkis",
};
#define GEN_NUTF8	(sizeof(gen_utf8_words) / sizeof(gen_utf8_words[0]))

/* Adjustment reason codes with weights out of 100: losses rare. */
static const struct {
	char	 code;
	int	 weight;
} gen_reasons[] = {
	{ 'P', 22 }, { 'Q', 20 }, { 'O', 14 }, { 'N', 10 }, { 'D', 10 },
	{ 'E', 8 }, { 'M', 8 }, { '5', 5 }, { 'F', 3 },
};
#define GEN_NREASONS	(sizeof(gen_reasons) / sizeof(gen_reasons[0]))

/* Dispositions of Q (disposition change) and D (disposed) adjustments. */
static const char *const gen_q_disps[] = {
	"SELLABLE", "CUSTOMER_DAMAGED", "DEFECTIVE",
};
static const char *const gen_d_disps[] = {
	"DEFECTIVE", "CUSTOMER_DAMAGED", "WAREHOUSE_DAMAGED",
};

static const char gen_digits[] = "0123456789";
static const char gen_upper_alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
static const char gen_alnum[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static struct gen_product	gen_products[GEN_PRODUCTS];
static char			gen_inbound[GEN_INBOUND][16];
static char			gen_dates[GEN_DAYS][16];

/* Returns the next xorshift64* number. */
static uint64_t
rng_next(struct gen_rng *r)
{
	uint64_t	 x = r->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* Returns a uniform number in [0, n). */
static uint32_t
rng_below(struct gen_rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* Seeds the generator; splitmix64 spreads small seeds, never zero. */
static void
rng_seed(struct gen_rng *r, uint64_t seed)
{
	uint64_t	 z = seed + 0x9E3779B97F4A7C15ULL;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	z ^= z >> 31;
	r->s = z != 0 ? z : 0x2545F4914F6CDD1DULL;
}

/* Returns seconds on the monotonic clock. */
static double
gen_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Writes N random characters of CHARSET (NCHARS long) to DST. */
static void
gen_random_chars(struct gen_rng *r, char *dst, size_t n, const char *charset,
    uint32_t nchars)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		dst[i] = charset[rng_below(r, nchars)];
}

/* Appends S (N bytes) to the segment DST of *LEN bytes. */
static void
gen_seg_add(char *dst, size_t *len, const char *s, size_t n)
{
	memcpy(dst + *len, s, n);
	*len += n;
}

/* Writes a product title of GEN_TITLE_MIN..GEN_TITLE_MAX bytes to DST. */
static size_t
gen_title(struct gen_rng *r, char *dst)
{
	size_t		 len = 0, target, wl;
	const char	*w;
	int		 nwords = 0, utf8;

	target = GEN_TITLE_MIN + rng_below(r, GEN_TITLE_MAX - GEN_TITLE_MIN + 1);
	utf8 = rng_below(r, 100) < 3;
	while (len < target) {
		if (utf8 && nwords == 1)
			w = gen_utf8_words[rng_below(r, GEN_NUTF8)];
		else
			w = gen_words[rng_below(r, GEN_NWORDS)];
		/* A title starts with a capitalised word, not "for" or "-". */
		if (nwords == 0 && !(w[0] >= 'A' && w[0] <= 'Z'))
			continue;
		wl = strlen(w);
		if (len + (len > 0) + wl > GEN_TITLE_MAX)
			break;
		if (len > 0)
			dst[len++] = ' ';
		memcpy(dst + len, w, wl);
		len += wl;
		nwords++;
	}
	return len;
}

/* Builds the products' quoted FNSKU, ASIN, MSKU and Title cells. */
static void
gen_make_products(struct gen_rng *r)
{
	struct gen_product	*p;
	char			 tmp[GEN_TITLE_MAX + 1];
	size_t			 i, n, k;
	unsigned		 num;

	for (i = 0; i < GEN_PRODUCTS; i++) {
		p = &gen_products[i];
		p->len = 0;
		gen_seg_add(p->seg, &p->len, "\"X00", 4);
		gen_random_chars(r, p->seg + p->len, 7, gen_upper_alnum, 36);
		p->len += 7;
		gen_seg_add(p->seg, &p->len, "\"\t\"B0", 5);
		gen_random_chars(r, p->seg + p->len, 8, gen_upper_alnum, 36);
		p->len += 8;
		gen_seg_add(p->seg, &p->len, "\"\t\"SKU-", 7);
		/* Five digits, distinct per product. */
		num = (unsigned)(1000 + i * 37);
		for (k = 5; k-- > 0; num /= 10)
			p->seg[p->len + k] = (char)('0' + num % 10);
		p->len += 5;
		p->seg[p->len++] = '-';
		gen_seg_add(p->seg, &p->len,
		    gen_colors[rng_below(r, sizeof(gen_colors) /
		    sizeof(gen_colors[0]))], 3);
		gen_seg_add(p->seg, &p->len, "\"\t\"", 3);
		n = gen_title(r, tmp);
		gen_seg_add(p->seg, &p->len, tmp, n);
		gen_seg_add(p->seg, &p->len, "\"\t", 2);
	}
}

/* Builds the inbound shipment ids FBA15 + 7 uppercase alnum. */
static void
gen_make_inbound(struct gen_rng *r)
{
	size_t	 i;

	for (i = 0; i < GEN_INBOUND; i++) {
		memcpy(gen_inbound[i], "FBA15", 5);
		gen_random_chars(r, gen_inbound[i] + 5, 7, gen_upper_alnum, 36);
		gen_inbound[i][12] = '\0';
	}
}

/* Builds the quoted MM/DD/YYYY cell of each day from 2024-01-01. */
static void
gen_make_dates(void)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	 y = 2024, m = 0, d = 1, ml;
	size_t	 i;
	char	*s;

	for (i = 0; i < GEN_DAYS; i++) {
		s = gen_dates[i];
		s[0] = '"';
		s[1] = (char)('0' + (m + 1) / 10);
		s[2] = (char)('0' + (m + 1) % 10);
		s[3] = '/';
		s[4] = (char)('0' + d / 10);
		s[5] = (char)('0' + d % 10);
		s[6] = '/';
		s[7] = (char)('0' + y / 1000);
		s[8] = (char)('0' + y / 100 % 10);
		s[9] = (char)('0' + y / 10 % 10);
		s[10] = (char)('0' + y % 10);
		s[11] = '"';
		s[12] = '\t';
		ml = mdays[m] + (m == 1 && y % 4 == 0 &&
		    (y % 100 != 0 || y % 400 == 0));
		if (++d > ml) {
			d = 1;
			if (++m == 12) {
				m = 0;
				y++;
			}
		}
	}
}

/* Appends S (N bytes) to the output buffer. */
static inline void
out_put(struct gen_out *o, const char *s, size_t n)
{
	memcpy(o->buf + o->n, s, n);
	o->n += n;
}

/* Appends the NUL-terminated S as a quoted cell and the separator SEP. */
static inline void
out_cell(struct gen_out *o, const char *s, char sep)
{
	size_t	 n = strlen(s);

	o->buf[o->n++] = '"';
	memcpy(o->buf + o->n, s, n);
	o->n += n;
	o->buf[o->n++] = '"';
	o->buf[o->n++] = sep;
}

/* Appends V as a quoted decimal cell and the separator SEP. */
static void
out_int(struct gen_out *o, long long v, char sep)
{
	char			 tmp[24];
	size_t			 i = sizeof(tmp);
	unsigned long long	 u = v < 0 ? 0ULL - (unsigned long long)v :
				    (unsigned long long)v;

	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		tmp[--i] = '-';
	o->buf[o->n++] = '"';
	out_put(o, tmp + i, sizeof(tmp) - i);
	o->buf[o->n++] = '"';
	o->buf[o->n++] = sep;
}

/* Hands the buffer to zlib; sets the sticky error on failure. */
static void
out_flush(struct gen_out *o)
{
	double	 t0;
	int	 zerr;

	if (o->err || o->n == 0)
		return;
	t0 = gen_now();
	if (gzwrite(o->gz, o->buf, (unsigned)o->n) != (int)o->n) {
		fprintf(stderr, "%s: %s\n", o->path, gzerror(o->gz, &zerr));
		o->err = 1;
	}
	o->gz_seconds += gen_now() - t0;
	o->bytes += o->n;
	o->n = 0;
}

/* Picks an index in [0, n) skewed towards 0: bestsellers, busy FCs. */
static uint32_t
gen_skewed(struct gen_rng *r, uint32_t n)
{
	return (uint32_t)((uint64_t)rng_below(r, n) * (rng_below(r, n) + 1) /
	    n);
}

/* Picks one of the adjustment reason codes by weight. */
static char
gen_reason(struct gen_rng *r)
{
	int	 u = (int)rng_below(r, 100);
	size_t	 i;

	for (i = 0; i < GEN_NREASONS - 1; i++) {
		if ((u -= gen_reasons[i].weight) < 0)
			break;
	}
	return gen_reasons[i].code;
}

/*
 * An Adjustments event: its reference id into ref, its reason code into
 * reason, its disposition into *disp when the reason has its own, and
 * whether it is a loss or find Amazon reconciles into *recon. Returns
 * its quantity.
 */
static long long
gen_adjustment(struct gen_rng *r, char *ref, char *reason, const char **disp,
    int *recon)
{
	long long	 qty;
	uint32_t	 k;

	ref[0] = (char)('1' + rng_below(r, 9));
	gen_random_chars(r, ref + 1, 9, gen_digits, 10);
	ref[10] = '\0';
	reason[0] = gen_reason(r);
	k = rng_below(r, 2);
	switch (reason[0]) {
	case 'M':
		qty = -(long long)(1 + rng_below(r, 3));
		*recon = 1;
		break;
	case '5':
	case 'E':
		qty = -1;
		*recon = 1;
		break;
	case 'F':
		qty = 1 + rng_below(r, 2);
		*recon = 1;
		break;
	case 'P':
		qty = k ? 1 : -1;
		*disp = rng_below(r, 2) ? "SELLABLE" : "WAREHOUSE_DAMAGED";
		break;
	case 'Q':
		qty = k ? 1 : -1;
		*disp = gen_q_disps[rng_below(r, 3)];
		break;
	case 'D':
		qty = -(long long)(1 + rng_below(r, 5));
		*disp = gen_d_disps[rng_below(r, 3)];
		break;
	case 'O':
		qty = k ? 1 + rng_below(r, 2) :
		    -(long long)(1 + rng_below(r, 2));
		break;
	default:	/* 'N' */
		qty = -1;
		break;
	}
	return qty;
}

/* Appends the cells after Title: Event Type .. Unreconciled Quantity. */
static void
gen_event(struct gen_rng *r, struct gen_out *o, uint32_t day)
{
	const char	*type, *disp = "SELLABLE";
	char		 ref[24] = "", reason[2] = "";
	long long	 qty, rec = 0, unrec = 0;
	uint32_t	 u = rng_below(r, 100), k;
	int		 recon = 0;	/* 1: integers, 0: "0" or "" */

	if (u < 55) {
		type = "Shipments";
		qty = rng_below(r, 100) < 85 ? -1 : -2;
		gen_random_chars(r, ref, 9, gen_alnum, 62);
		ref[9] = '\0';
	} else if (u < 70) {
		type = "Receipts";
		qty = 1 + rng_below(r, 50);
		k = (uint32_t)((uint64_t)day * GEN_INBOUND / GEN_DAYS) +
		    rng_below(r, 16);
		memcpy(ref, gen_inbound[k % GEN_INBOUND], 13);
		k = rng_below(r, 100);
		disp = k < 97 ? "SELLABLE" : k < 99 ? "CARRIER_DAMAGED" :
		    "DEFECTIVE";
	} else if (u < 80) {
		type = "CustomerReturns";
		qty = 1;
		/* An order id: 11N-NNNNNNN-NNNNNNN. */
		memcpy(ref, "11", 2);
		gen_random_chars(r, ref + 2, 1, gen_digits, 10);
		ref[3] = '-';
		gen_random_chars(r, ref + 4, 7, gen_digits, 10);
		ref[11] = '-';
		gen_random_chars(r, ref + 12, 7, gen_digits, 10);
		ref[19] = '\0';
		k = rng_below(r, 100);
		disp = k < 60 ? "SELLABLE" : k < 85 ? "CUSTOMER_DAMAGED" :
		    "DEFECTIVE";
	} else if (u < 92) {
		type = "WhseTransfers";
		qty = 1 + rng_below(r, 20);
		if (rng_below(r, 2))
			qty = -qty;
	} else {
		type = "Adjustments";
		qty = gen_adjustment(r, ref, reason, &disp, &recon);
	}
	out_cell(o, type, '\t');
	out_cell(o, ref, '\t');
	out_int(o, qty, '\t');
	out_cell(o, gen_fcs[gen_skewed(r, GEN_NFCS)], '\t');
	out_cell(o, disp, '\t');
	out_cell(o, reason, '\t');
	out_cell(o, "US", '\t');
	if (recon) {
		/* Loss or find: part of it may be reconciled already. */
		k = (uint32_t)(qty < 0 ? -qty : qty);
		rec = rng_below(r, k + 1);
		unrec = (long long)k - rec;
		out_int(o, rec, '\t');
		out_int(o, unrec, '\n');
	} else if (rng_below(r, 100) < 60) {
		out_put(o, "\"0\"\t\"0\"\n", 8);
	} else {
		out_put(o, "\"\"\t\"\"\n", 6);
	}
}

/* Parses the decimal S into *V within [MIN, MAX]; -1 if it is not one. */
static int
gen_parse(const char *s, long long min, long long max, long long *v)
{
	char	*end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || *v < min || *v > max)
		return -1;
	return 0;
}

/* Writes argv[2] with argv[1] rows; exits 0 on success. */
int
main(int argc, char *argv[])
{
	struct gen_rng		 rng;
	struct gen_out		 out = { 0 };
	struct gen_product	*p;
	long long		 rows, seed = 1, i;
	double			 t0, total;
	int			 rc = 1, zerr;
	uint32_t		 day;

	if (argc < 3 || argc > 4 ||
	    gen_parse(argv[1], 0, GEN_MAX_ROWS, &rows) == -1 ||
	    (argc == 4 && gen_parse(argv[3], 0, INT64_MAX, &seed) == -1)) {
		fprintf(stderr, "usage: gen_ledger ROWS OUTFILE.tsv.gz [SEED]\n");
		return 2;
	}
	t0 = gen_now();
	out.path = argv[2];
	if ((out.buf = malloc(GEN_OUT_CAP)) == NULL) {
		fprintf(stderr, "gen_ledger: out of memory\n");
		goto out;
	}
	if ((out.gz = gzopen(argv[2], "wb6")) == NULL) {
		fprintf(stderr, "%s: %s\n", argv[2],
		    errno ? strerror(errno) : "cannot open");
		goto out;
	}
	rng_seed(&rng, (uint64_t)seed);
	gen_make_products(&rng);
	gen_make_inbound(&rng);
	gen_make_dates();
	out_put(&out, gen_header, sizeof(gen_header) - 1);
	for (i = 0; i < rows && !out.err; i++) {
		/* Dates ascend evenly over the 18 months. */
		day = (uint32_t)((unsigned long long)i * GEN_DAYS /
		    (unsigned long long)rows);
		out_put(&out, gen_dates[day], 13);
		p = &gen_products[rng_below(&rng, 10) < 7 ?
		    gen_skewed(&rng, GEN_PRODUCTS) :
		    rng_below(&rng, GEN_PRODUCTS)];
		out_put(&out, p->seg, p->len);
		gen_event(&rng, &out, day);
		if (out.n > GEN_OUT_CAP - GEN_ROW_MAX)
			out_flush(&out);
	}
	out_flush(&out);
	if (out.err)
		goto out;
	total = gen_now();
	zerr = gzclose(out.gz);
	out.gz = NULL;
	out.gz_seconds += gen_now() - total;
	if (zerr != Z_OK) {
		fprintf(stderr, "%s: gzclose failed (%d)\n", argv[2], zerr);
		goto out;
	}
	total = gen_now() - t0;
	fprintf(stderr, "gen_ledger: %lld rows, %llu bytes uncompressed "
	    "(%.1f per row), generating %.0f rows/s, %.2f s in all\n",
	    rows, (unsigned long long)out.bytes,
	    rows ? (double)out.bytes / (double)rows : 0.0,
	    total > out.gz_seconds ? (double)rows / (total - out.gz_seconds) :
	    0.0, total);
	rc = 0;
out:
	if (out.gz != NULL)
		gzclose(out.gz);
	free(out.buf);
	return rc;
}
