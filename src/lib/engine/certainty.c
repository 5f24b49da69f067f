/*
 * certainty: MYCIN's combination of certainty factors (SPEC §2) and the
 * rounding every certainty gets before it is compared, sorted or shown.
 */
#include <config.h>

#include <math.h>

#include "engine/certainty.h"

double kw_cf_combine(double a, double b)
{
	double denominator;

	if (a >= 0 && b >= 0)
		return a + b * (1 - a);
	if (a < 0 && b < 0)
		return a + b * (1 + a);
	denominator = 1 - fmin(fabs(a), fabs(b));
	return denominator == 0 ? 0 : (a + b) / denominator;   /* +1 and -1 */
}

/* Two decimals, half away from zero; a value within 1e-9 of a half is the
 * half (SPEC §7), so 0.715 (stored as 0.71499999999999997) rounds to 0.72
 * as 0.625 (stored exactly) rounds to 0.63.  The tolerance is applied
 * after scaling by 100: 1e-7 there is 1e-9 of the certainty. */
double kw_cf_round(double cf)
{
	double scaled = fabs(cf) * 100, whole = floor(scaled);

	if (scaled - whole + 1e-7 >= 0.5)
		whole += 1;
	return whole == 0 ? 0 : copysign(whole / 100, cf);
}
