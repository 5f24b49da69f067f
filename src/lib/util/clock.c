#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"

bool kw_clock_now(time_t *now)
{
	const char *fixed = getenv(KW_CLOCK_ENV);

	if (fixed && *fixed)
		return kw_clock_parse(fixed, now);
	*now = time(NULL);
	return *now != (time_t)-1;
}

static bool two_digits(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

bool kw_clock_parse(const char *iso, time_t *out)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	int century, year, month, day, hour, minute, second;
	struct tm tm = {0};

	if (strlen(iso) != sizeof shape - 1)
		return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] != 'd' && iso[i] != shape[i])
			return false;
	if (!two_digits(iso, &century) || !two_digits(iso + 2, &year) ||
	    !two_digits(iso + 5, &month) || !two_digits(iso + 8, &day) ||
	    !two_digits(iso + 11, &hour) || !two_digits(iso + 14, &minute) ||
	    !two_digits(iso + 17, &second))
		return false;
	year += century * 100;
	if (year < 1970 || month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 59)
		return false;
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_sec = second;
	*out = timegm(&tm);
	return *out != (time_t)-1;
}

void kw_clock_format(time_t t, char buf[21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void kw_clock_day(time_t t, int days, struct tm *out)
{
	struct tm local;
	struct tm noon = {0};
	time_t at;

	localtime_r(&t, &local);
	noon.tm_year = local.tm_year;
	noon.tm_mon = local.tm_mon;
	noon.tm_mday = local.tm_mday + days;
	noon.tm_hour = 12;
	at = timegm(&noon);             /* normalises the day into the calendar */
	gmtime_r(&at, out);
}

long kw_clock_days_between(time_t from, time_t to)
{
	struct tm first, last;

	kw_clock_day(from, 0, &first);
	kw_clock_day(to, 0, &last);
	return (long)((timegm(&last) - timegm(&first)) / 86400);
}
