#include "svg_chart.hpp"

#include <algorithm>

#include "text_format.hpp"

namespace sinkron::report {
namespace {

constexpr int kWidth = 960;
constexpr int kLabelWidth = 290;
constexpr int kValueWidth = 110;
constexpr int kBarHeight = 22;
constexpr int kSublabelHeight = 18;
constexpr int kRowGap = 12;
constexpr std::size_t kLabelChars = 32;  // ~7.5 px each at 14 px: fits kLabelWidth
constexpr std::size_t kSublabelChars = 120;

void appendText(std::string& out, std::string_view text) {
  appendHtmlEscaped(out, maskNiksInText(text));
}

}  // namespace

std::string renderBarChart(std::string_view title, const std::vector<Bar>& bars) {
  const bool sublabels =
      std::any_of(bars.begin(), bars.end(), [](const Bar& b) { return !b.sublabel.empty(); });
  const int rowHeight = kBarHeight + (sublabels ? kSublabelHeight : 0) + kRowGap;
  const int height = static_cast<int>(bars.size()) * rowHeight + kRowGap;
  const int barArea = kWidth - kLabelWidth - kValueWidth;
  std::uint64_t max = 0;
  for (const Bar& b : bars) max = std::max(max, b.value);

  std::string out;
  out += "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ";
  out += std::to_string(kWidth) + " " + std::to_string(height);
  out += "\" preserveAspectRatio=\"xMinYMin meet\" font-family=\"inherit\"><title>";
  appendText(out, title);
  out += "</title>";
  int y = kRowGap;
  for (const Bar& b : bars) {
    int length = max == 0
                     ? 0
                     : static_cast<int>(static_cast<double>(barArea) *
                                        static_cast<double>(b.value) / static_cast<double>(max));
    if (b.value > 0) length = std::max(length, 2);  // a non-zero count stays visible
    const int mid = y + kBarHeight / 2 + 5;
    out += "<g><title>";
    appendText(out, b.label);
    out += ": " + formatCount(b.value);
    if (!b.sublabel.empty()) {
      out += " — ";
      appendText(out, b.sublabel);
    }
    out += "</title>";
    out += "<text x=\"" + std::to_string(kLabelWidth - 10) + "\" y=\"" + std::to_string(mid) +
           "\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a202c\">";
    appendText(out, truncateUtf8(b.label, kLabelChars));
    out += "</text>";
    out += "<rect x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y) +
           "\" width=\"" + std::to_string(barArea) + "\" height=\"" + std::to_string(kBarHeight) +
           "\" fill=\"#edf2f7\" rx=\"3\"/>";
    out += "<rect x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y) +
           "\" width=\"" + std::to_string(length) + "\" height=\"" + std::to_string(kBarHeight) +
           "\" fill=\"";
    appendHtmlEscaped(out, b.color.empty() ? std::string_view("#2b6cb0") : b.color);
    out += "\" rx=\"3\"/>";
    out += "<text x=\"" + std::to_string(kLabelWidth + barArea + 10) + "\" y=\"" +
           std::to_string(mid) + "\" font-size=\"14\" font-weight=\"600\" fill=\"#1a202c\">" +
           formatCount(b.value) + "</text>";
    if (!b.sublabel.empty()) {
      out += "<text x=\"" + std::to_string(kLabelWidth) + "\" y=\"" +
             std::to_string(y + kBarHeight + 14) + "\" font-size=\"12\" fill=\"#4a5568\">";
      appendText(out, truncateUtf8(b.sublabel, kSublabelChars));
      out += "</text>";
    }
    out += "</g>";
    y += rowHeight;
  }
  out += "</svg>";
  return out;
}

}  // namespace sinkron::report
