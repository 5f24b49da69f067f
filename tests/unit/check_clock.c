/* The run's clock: UTC times read and written, KNOTWISE_NOW, and days
 * counted on the calendar. */
#include <config.h>

#include <stdlib.h>

#include "unit.h"
#include "util/clock.h"

START_TEST(clock_reads_a_utc_time)
{
	time_t t;
	char buf[21];

	ck_assert(kw_clock_parse("2026-12-01T09:30:00Z", &t));
	ck_assert_int_eq(t, 1796117400);
	kw_clock_format(t, buf);
	ck_assert_str_eq(buf, "2026-12-01T09:30:00Z");
	ck_assert(kw_clock_parse("2028-02-29T23:59:59Z", &t));
	ck_assert(kw_clock_parse("1970-01-01T00:00:00Z", &t));
	ck_assert_int_eq(t, 0);
}
END_TEST

START_TEST(clock_refuses_what_is_not_one)
{
	static const char *const bad[] = {
		"2027-02-29T09:30:00Z", "2026-13-01T09:30:00Z", "2026-12-01T24:00:00Z",
		"2026-12-01 09:30:00Z", "2026-12-01T09:30:00", "2026-12-01T09:30:00Z ",
		"2026-12-1T09:30:00Z", "1969-12-31T23:59:59Z", "2026-04-31T00:00:00Z",
		"+026-12-01T09:30:00Z", "",
	};
	time_t t;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(!kw_clock_parse(bad[i], &t), "took '%s'", bad[i]);
}
END_TEST

START_TEST(clock_now_is_fixed_by_the_environment)
{
	time_t t;

	setenv(KW_CLOCK_ENV, "2026-12-01T09:30:00Z", 1);
	ck_assert(kw_clock_now(&t));
	ck_assert_int_eq(t, 1796117400);
	setenv(KW_CLOCK_ENV, "tomorrow", 1);
	ck_assert(!kw_clock_now(&t));
	setenv(KW_CLOCK_ENV, "", 1);
	ck_assert(kw_clock_now(&t));
	ck_assert_int_gt(t, 1796117400 - 86400 * 365 * 10);
	unsetenv(KW_CLOCK_ENV);
}
END_TEST

/* Seven days on from the night the clocks go forward, and over the end
 * of a year: each day once, in order. */
START_TEST(days_follow_the_calendar)
{
	struct tm day;
	time_t t;

	setenv("TZ", "Europe/London", 1);
	tzset();
	ck_assert(kw_clock_parse("2026-03-28T23:30:00Z", &t));
	for (int d = 0; d < 7; d++) {
		kw_clock_day(t, d, &day);
		ck_assert_int_eq(day.tm_mday, 28 + d > 31 ? 28 + d - 31 : 28 + d);
	}
	kw_clock_day(t, 1, &day);
	ck_assert_int_eq(day.tm_wday, 0);       /* Sunday 29 March 2026 */
	ck_assert(kw_clock_parse("2026-12-30T12:00:00Z", &t));
	kw_clock_day(t, 2, &day);
	ck_assert_int_eq(day.tm_year, 127);
	ck_assert_int_eq(day.tm_mon, 0);
	ck_assert_int_eq(day.tm_mday, 1);
	unsetenv("TZ");
	tzset();
}
END_TEST

START_TEST(days_between_are_counted_as_a_person_counts_them)
{
	time_t monday_evening, next_monday_morning, saturday_noon;

	setenv("TZ", "Europe/London", 1);
	tzset();
	ck_assert(kw_clock_parse("2026-11-16T21:00:00Z", &monday_evening));
	ck_assert(kw_clock_parse("2026-11-23T07:00:00Z", &next_monday_morning));
	ck_assert_int_eq(kw_clock_days_between(monday_evening, next_monday_morning), 7);
	ck_assert_int_eq(kw_clock_days_between(next_monday_morning, monday_evening), -7);
	ck_assert_int_eq(kw_clock_days_between(monday_evening, monday_evening), 0);
	/* across the change to summer time (29 March): still one day a day */
	ck_assert(kw_clock_parse("2026-03-28T12:00:00Z", &saturday_noon));
	ck_assert_int_eq(kw_clock_days_between(saturday_noon, saturday_noon + 86400), 1);
	ck_assert_int_eq(kw_clock_days_between(saturday_noon, saturday_noon + 2 * 86400), 2);
	ck_assert_int_eq(kw_clock_days_between(saturday_noon - 95 * 86400, saturday_noon), 95);
	unsetenv("TZ");
	tzset();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("clock");
	TCase *tc = tcase_create("clock");

	tcase_add_test(tc, clock_reads_a_utc_time);
	tcase_add_test(tc, clock_refuses_what_is_not_one);
	tcase_add_test(tc, clock_now_is_fixed_by_the_environment);
	tcase_add_test(tc, days_follow_the_calendar);
	tcase_add_test(tc, days_between_are_counted_as_a_person_counts_them);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
