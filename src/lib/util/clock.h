/*
 * clock: the time of a run.  A run reads the clock once (kw_clock_now)
 * and hands that time to whatever needs a date, so one consult never
 * straddles midnight.  The environment variable KNOTWISE_NOW, meant for
 * tests, replaces the clock with a fixed UTC time such as
 * 2026-12-01T09:30:00Z, so dated output can be compared exactly.
 */
#ifndef KW_CLOCK_H
#define KW_CLOCK_H

#include <stdbool.h>
#include <time.h>

#define KW_CLOCK_ENV "KNOTWISE_NOW"

/* The time now, or KNOTWISE_NOW's when it is set and not empty; false
 * when KNOTWISE_NOW is set but is not such a time. */
bool kw_clock_now(time_t *now);

/* YYYY-MM-DDTHH:MM:SSZ, a real UTC date and time, and nothing else. */
bool kw_clock_parse(const char *iso, time_t *out);
/* The same form, into buf (21 bytes with the NUL). */
void kw_clock_format(time_t t, char buf[21]);

/* The local calendar day `days` after that of `t` (0: that day), as a
 * struct tm with the year, month, day and weekday set.  Calendar
 * arithmetic: a change to or from summer time never skips a day. */
void kw_clock_day(time_t t, int days, struct tm *out);
/* Calendar days from the local day of `from` to that of `to`, negative
 * when `to` is the earlier: a consult on a Monday evening and one on the
 * next Monday morning are 7 days apart, as a person counts them. */
long kw_clock_days_between(time_t from, time_t to);

#endif
