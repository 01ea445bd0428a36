#pragma once
// The CLI's message catalog: every human line the CLI prints (headings, status words, errors,
// the progress bar) by key, in Bahasa Indonesia and English. The language comes from --lang or,
// without it, from the locale (LC_ALL, LC_MESSAGES, LANG: "id*" is Indonesian, else English).
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sinkron::daemon::cli {

enum class Lang { kEn, kId };

Lang langFromLocale();
// Scans the command line for --lang id|en (anywhere, so --help and errors speak it too);
// without it, the locale decides.
Lang langFromArgs(int argc, char** argv);
void setLang(Lang lang);
Lang currentLang();

// The text of `key` in the current language; the key itself when the catalog lacks it.
std::string_view text(std::string_view key);

// `text(key)` with fmt placeholders filled in.
template <typename... Args>
std::string say(std::string_view key, Args&&... args) {
  return fmt::format(fmt::runtime(text(key)), std::forward<Args>(args)...);
}

struct CatalogEntry {
  std::string_view key, id, en;
};
const std::vector<CatalogEntry>& catalog();  // for the test that checks both languages

}  // namespace sinkron::daemon::cli
