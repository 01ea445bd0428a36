// The CLI's message catalog (both languages, same placeholders), the table and the progress bar.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "../src/cli/messages.hpp"
#include "../src/cli/run_progress_view.hpp"
#include "../src/cli/text_table.hpp"

using namespace sinkron::daemon::cli;

namespace {
std::string placeholders(std::string_view s) {
  std::string out;
  std::string text(s);
  static const std::regex placeholder("\\{[^}]*\\}");
  for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it)
    out += std::regex_replace(it->str(), std::regex("[0-9]"), "");  // widths may differ
  return out;
}
}  // namespace

TEST_CASE("every message is in both languages with the same placeholders", "[cli]") {
  REQUIRE(catalog().size() > 50);
  for (const auto& e : catalog()) {
    INFO(e.key);
    CHECK(!e.id.empty());
    CHECK(!e.en.empty());
    CHECK(placeholders(e.id) == placeholders(e.en));
  }
  setLang(Lang::kId);
  CHECK(text("word.yes") == "ya");
  CHECK(say("runs.error", "x") == "galat: x");
  setLang(Lang::kEn);
  CHECK(text("word.yes") == "yes");
  CHECK(text("no.such.key") == "no.such.key");
}

TEST_CASE("a table aligns columns by characters, numbers to the right", "[cli]") {
  TextTable t({"ID", "NAME", "NOTE"});
  t.alignRight(0);
  t.add({"7", "Ayu · Kec.", "x"});
  t.add({"123", "Budi", ""});
  CHECK(t.render() ==
        " ID  NAME        NOTE\n"
        "  7  Ayu · Kec.  x\n"
        "123  Budi\n");
}

TEST_CASE("the progress bar shows the share done, or that the total is unknown", "[cli]") {
  CHECK(progressBar(5, 10, 10) == "[#####-----]  50%");
  CHECK(progressBar(20, 10, 4) == "[####] 100%");
  CHECK(progressBar(3, 0, 4).rfind("[????]", 0) == 0);
}

TEST_CASE("the reconcile summary lines align their numbers in both languages", "[cli]") {
  for (Lang lang : {Lang::kId, Lang::kEn}) {
    setLang(lang);
    const std::size_t width = say("reconcile.matched", 7).size();
    for (const std::string& line :
         {say("reconcile.review", 7), say("reconcile.duplicates", 7), say("reconcile.anomalies", 7),
          say("reconcile.only_left", "simpeg", 7), say("reconcile.only_right", "siasn", 7),
          say("reconcile.matched_diff", 7, 1).substr(0, width)}) {
      INFO(line);
      CHECK(line.size() == width);
      CHECK(line.back() == '7');
    }
  }
  setLang(Lang::kId);
  CHECK(say("reconcile.failed", "x") == "sinkron reconcile gagal: x");
  setLang(Lang::kEn);
  CHECK(say("reconcile.failed", "x") == "sinkron reconcile: x");
}
