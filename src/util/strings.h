// Small string helpers shared by every layer: splitting, joining, trimming, case, and the
// edit-distance "did you mean" used in error messages for unknown keys and names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlpipe {

std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
std::string_view Trim(std::string_view s);
std::string ToLower(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

// `text` made safe to record and print: each byte that is not part of a valid UTF-8 sequence, and
// each control character other than '\n' and '\t' (C0, DEL; NUL included), becomes U+FFFD. Valid
// text comes back unchanged. Every text entering the job registry passes through it.
std::string SanitizeText(std::string_view text);

// The last `n` lines of `text` (all of it when n <= 0 or it has fewer lines).
std::string TailLines(const std::string& text, int n);

// Levenshtein distance between a and b.
size_t EditDistance(std::string_view a, std::string_view b);
// The candidate closest to `word` if it is plausibly a typo (distance <= max(2, |word|/3)).
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" or "" when nothing is close; ready to append to an error message.
std::string DidYouMeanSuffix(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace mlpipe
