/* numeric.h - the small arithmetic every layer shares: three-way
 * comparisons, saturating sums and conversions, shares and exact share thresholds in parts
 * per billion. All static inline, none allocates. */
#ifndef VITTE_BASE_NUMERIC_H
#define VITTE_BASE_NUMERIC_H

#include <stdbool.h>
#include <stdint.h>

#define PPB 1000000000u /* shares as parts per billion */

/* -1, 0 or 1 as a is below, equal to or above b (qsort's convention). */
static inline int cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static inline int cmp_double(double a, double b)
{
	return (a > b) - (a < b);
}

/* A number that orders doubles as cmp_double does (-0 and 0 tie) for a
 * radix sort: the bits of the absolute value above those of negatives,
 * which come reversed; NaNs last. */
static inline uint64_t u64_rank_double(double d)
{
	union {
		double d;
		uint64_t u;
	} b = {d == 0 ? 0.0 : d};

	if (d != d)
		return UINT64_MAX;
	return b.u >> 63 ? ~b.u : b.u | (uint64_t)1 << 63;
}

/* a + b, or UINT64_MAX when that overflows. */
static inline uint64_t add_sat_u64(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* d rounded to the nearest counter, saturated: 0 for a negative d or NaN,
 * UINT64_MAX from 2^64 up. The one way a double becomes a uint64_t: a plain
 * cast of a double at or above 2^64 is undefined behaviour. */
static inline uint64_t u64_round_sat(double d)
{
	double r = d + 0.5;

	if (!(r >= 1))
		return 0;
	if (r >= 0x1p64)
		return UINT64_MAX;
	return (uint64_t)r;
}

/* part / total, 0 when total is 0. */
static inline double share_of(uint64_t part, uint64_t total)
{
	return total ? (double)part / (double)total : 0.0;
}

/* A share option (1.0 = all) in parts per billion, clamped to [0, 4]. */
static inline uint64_t share_to_ppb(double share)
{
	if (!(share > 0))
		return 0;
	if (share > 4)
		return 4 * (uint64_t)PPB;
	return (uint64_t)(share * PPB + 0.5);
}

/* Sign of part/total - ppb/1e9, exactly; part/total counts as 0 when total
 * is 0. Part and total may be sums above 2^64 (below 2^98). */
static inline int cmp_share_ppb(unsigned __int128 part, unsigned __int128 total, uint64_t ppb)
{
	unsigned __int128 l, r;

	if (total == 0)
		return ppb > 0 ? -1 : 0;
	l = (unsigned __int128)part * PPB;
	r = (unsigned __int128)ppb * total;
	return (l > r) - (l < r);
}

#endif
