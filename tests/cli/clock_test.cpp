// Unit tests for cli/clock: ISO-8601 dates, weekdays and session tokens.
#include "cli/clock.hpp"

#include <gtest/gtest.h>

#include <string>

namespace triagebot::cli {
namespace {

TEST(CliClock, ParsesADateTimeInUtc) {
  const auto d = parse_iso_date("2026-11-25T10:00:00Z");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2026);
  EXPECT_EQ(d->month, 11);
  EXPECT_EQ(d->day, 25);
  EXPECT_EQ(d->weekday, 3);  // a Wednesday
}

TEST(CliClock, ParsesOtherIsoForms) {
  const auto plain = parse_iso_date("2026-11-25");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->weekday, 3);
  const auto offset = parse_iso_date("2026-11-29T23:30:00+01:00");
  ASSERT_TRUE(offset.has_value());
  EXPECT_EQ(offset->day, 29);
  EXPECT_EQ(offset->weekday, 7);  // a Sunday, as written
  const auto fraction = parse_iso_date("2026-11-23T08:15:30.250-05:00");
  ASSERT_TRUE(fraction.has_value());
  EXPECT_EQ(fraction->weekday, 1);  // a Monday
  EXPECT_TRUE(parse_iso_date("2026-11-25 10:00").has_value());
  const auto leap = parse_iso_date("2024-02-29");
  ASSERT_TRUE(leap.has_value());
  EXPECT_EQ(leap->weekday, 4);  // a Thursday
}

TEST(CliClock, RejectsBadDates) {
  for (const std::string bad : {"", "tomorrow", "2026-11-25T", "2026-13-01", "2026-00-10", "2026-02-30", "2025-02-29",
                                "2026-11-32", "2026-11-00", "26-11-25", "2026/11/25", "2026-1-5", " 2026-11-25",
                                "2026-11-25Z", "2026-11-25T10:00:00+1", "2026-11-25T10"}) {
    EXPECT_FALSE(parse_iso_date(bad).has_value()) << '"' << bad << '"';
  }
}

TEST(CliClock, RejectsImpossibleTimesOfDay) {
  for (const std::string bad : {"2026-11-25T25:00:00Z", "2026-11-25T10:61:00Z", "2026-11-25T10:00:99Z",
                                "2026-11-25T99:99"}) {
    EXPECT_FALSE(parse_iso_date(bad).has_value()) << bad;
  }
}

TEST(CliClock, WeekdayOf) {
  EXPECT_EQ(weekday_of(2026, 11, 23), 1);
  EXPECT_EQ(weekday_of(2026, 11, 25), 3);
  EXPECT_EQ(weekday_of(2026, 11, 29), 7);
  EXPECT_EQ(weekday_of(2000, 1, 1), 6);
  EXPECT_EQ(weekday_of(1970, 1, 1), 4);
}

TEST(CliClock, TodayIsAValidDate) {
  const auto d = today_local();
  EXPECT_GE(d.year, 2024);
  EXPECT_GE(d.month, 1);
  EXPECT_LE(d.month, 12);
  EXPECT_GE(d.day, 1);
  EXPECT_LE(d.day, 31);
  EXPECT_EQ(d.weekday, weekday_of(d.year, d.month, d.day));
}

}  // namespace
}  // namespace triagebot::cli
