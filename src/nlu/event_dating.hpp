#pragma once
// When an event was: "since her fall in the spring", "hip replaced in September after a fall", "bad for
// two years now, since I came off a ladder", "fell three months ago". A fall or a crash told with such a
// date is something that happened long before the pain the person asks about now.
#include <optional>
#include <vector>

#include "nlu/analyzer.hpp"
#include "nlu/lexicon.hpp"
#include "nlu/tokenizer.hpp"

namespace triagebot::nlu {

// Marks historical every affirmed mention of an `event` concept that its own clause dates at least
// lexicon_data::dates.event_past_days back: a month or a season ("in June", "last spring", by
// `today_month`, 1 to 12, 0 when unknown), "N weeks/months/years ago", or "since" the event with the
// message's duration (`duration_days`). `explain` fills mention::why.
void date_events(const lexicon& lex, const std::vector<token>& tokens, std::vector<mention>& mentions, int today_month,
                 std::optional<int> duration_days, bool explain);

}  // namespace triagebot::nlu
