#include "cli/clock.hpp"

#include <chrono>
#include <ctime>
#include <regex>

namespace triagebot::cli {

int weekday_of(int year, int month, int day) {
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  return static_cast<int>(weekday{sys_days{ymd}}.iso_encoding());
}

std::optional<local_date> parse_iso_date(const std::string& text) {
  static const std::regex pattern(R"(^(\d{4})-(\d{2})-(\d{2})([T ](\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  local_date d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), 0};
  if (m[5].matched && (std::stoi(m[5]) > 23 || std::stoi(m[6]) > 59 || (m[8].matched && std::stoi(m[8]) > 60)))
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                           std::chrono::day{static_cast<unsigned>(d.day)}};
  if (!ymd.ok()) return std::nullopt;
  d.weekday = weekday_of(d.year, d.month, d.day);
  return d;
}

local_date today_local() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  local_date d{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0};
  d.weekday = weekday_of(d.year, d.month, d.day);
  return d;
}

}  // namespace triagebot::cli
