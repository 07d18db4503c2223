#pragma once
// The outside world the engine must not touch: the local date and new session tokens.
#include <optional>
#include <string>

namespace triagebot::cli {

struct local_date {
  int year = 1970, month = 1, day = 1;
  int weekday = 4;  // 1 = Monday ... 7 = Sunday
};

// "2026-11-25" or "2026-11-25T10:00:00Z" / "...+01:00": the date as written (local to the person).
std::optional<local_date> parse_iso_date(const std::string& text);
local_date today_local();
int weekday_of(int year, int month, int day);


}  // namespace triagebot::cli
