#pragma once
// Folds what people type into one canonical form so that the lexicon can match it: lower case,
// typographic apostrophes, quotes and dashes made plain, contractions joined ("can't" -> "cant").
#include <string>
#include <string_view>

namespace triagebot::nlu {

std::string normalize_text(std::string_view raw);

// Counts Unicode code points of valid UTF-8 (the PROTOCOL's length unit).
std::size_t count_code_points(std::string_view utf8);

// True when the bytes are well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

// Trims ASCII and Unicode white space from both ends.
std::string_view trim(std::string_view text);

}  // namespace triagebot::nlu
