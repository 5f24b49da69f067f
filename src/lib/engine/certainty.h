/*
 * certainty: certainty factors as MYCIN combines them (SPEC §2), and the
 * rounding every certainty gets before it is compared, sorted or shown
 * (SPEC §7).  The engine combines; the selection and the renderers round.
 */
#ifndef KW_CERTAINTY_H
#define KW_CERTAINTY_H

/* a and b in [-1, 1] as one certainty in [-1, 1]; +1 and -1 give 0. */
double kw_cf_combine(double a, double b);
/* Two decimals, half away from zero, within 1e-9 of a half being the half. */
double kw_cf_round(double cf);

#endif
