#include "engine/report/svg.h"

#include <fmt/format.h>

#include <cmath>

namespace mlpipe::engine::svg {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Number(double v) {
  if (!std::isfinite(v)) return "n/a";
  std::string s = fmt::format("{:.3f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

Canvas::Canvas(int width, int height, std::string_view title) : width_(width), height_(height) {
  body_ += fmt::format("<title>{}</title>", Escape(title));
}

void Canvas::Line(double x1, double y1, double x2, double y2, std::string_view stroke, double width,
                  bool dashed) {
  body_ += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" )"
                       R"(stroke-width="{}"{}/>)",
                       x1, y1, x2, y2, Escape(stroke), width,
                       dashed ? R"( stroke-dasharray="4 3")" : "");
}

void Canvas::Rect(double x, double y, double w, double h, std::string_view fill,
                  std::string_view tooltip) {
  body_ += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}">)",
                       x, y, w, h, Escape(fill));
  if (!tooltip.empty()) body_ += fmt::format("<title>{}</title>", Escape(tooltip));
  body_ += "</rect>";
}

void Canvas::Circle(double cx, double cy, double r, std::string_view fill,
                    std::string_view tooltip) {
  body_ +=
      fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="{}">)", cx, cy, r, Escape(fill));
  if (!tooltip.empty()) body_ += fmt::format("<title>{}</title>", Escape(tooltip));
  body_ += "</circle>";
}

void Canvas::Polyline(const std::vector<std::pair<double, double>>& points, std::string_view stroke,
                      double width) {
  std::string coords;
  for (const auto& [x, y] : points) coords += fmt::format("{:.1f},{:.1f} ", x, y);
  body_ += fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="{}"/>)",
                       coords, Escape(stroke), width);
}

void Canvas::Text(double x, double y, std::string_view text, std::string_view anchor, int size,
                  std::string_view fill, int rotate) {
  std::string transform =
      rotate == 0 ? "" : fmt::format(R"x( transform="rotate({} {:.1f} {:.1f})")x", rotate, x, y);
  body_ += fmt::format(
      R"(<text x="{:.1f}" y="{:.1f}" text-anchor="{}" font-size="{}" fill="{}"{}>{}</text>)", x, y,
      Escape(anchor), size, Escape(fill), transform, Escape(text));
}

std::string Canvas::Finish() const {
  return fmt::format(R"(<svg width="{}" height="{}" )"
                     R"(viewBox="0 0 {} {}" font-family="sans-serif">{}</svg>)",
                     width_, height_, width_, height_, body_);
}

Frame::Frame(Canvas& canvas, int width, int height, double x0, double x1, double y0, double y1)
    : canvas_(canvas), width_(width), height_(height), x0_(x0), x1_(x1), y0_(y0), y1_(y1) {
  if (x1_ <= x0_) x1_ = x0_ + 1;
  if (y1_ <= y0_) y1_ = y0_ + 1;
}

double Frame::X(double v) const {
  return kLeft + (v - x0_) / (x1_ - x0_) * (width_ - kLeft - kRight);
}

double Frame::Y(double v) const {
  return height_ - kBottom - (v - y0_) / (y1_ - y0_) * (height_ - kTop - kBottom);
}

void Frame::Axes(std::string_view x_title, std::string_view y_title, int ticks) {
  canvas_.Rect(kLeft, kTop, width_ - kLeft - kRight, height_ - kTop - kBottom, "#fafafa");
  for (int i = 0; i <= ticks; ++i) {
    double xv = x0_ + (x1_ - x0_) * i / ticks, yv = y0_ + (y1_ - y0_) * i / ticks;
    canvas_.Line(X(xv), Y(y0_), X(xv), Y(y1_), "#e4e4e4");
    canvas_.Line(X(x0_), Y(yv), X(x1_), Y(yv), "#e4e4e4");
    canvas_.Text(X(xv), Y(y0_) + 14, Number(xv), "middle", 10);
    canvas_.Text(X(x0_) - 4, Y(yv) + 3, Number(yv), "end", 10);
  }
  canvas_.Line(X(x0_), Y(y0_), X(x1_), Y(y0_), "#444");
  canvas_.Line(X(x0_), Y(y0_), X(x0_), Y(y1_), "#444");
  canvas_.Text((X(x0_) + X(x1_)) / 2, height_ - 8, x_title, "middle", 12);
  canvas_.Text(14, (Y(y0_) + Y(y1_)) / 2, y_title, "middle", 12, "#222", -90);
}

void Frame::Curve(const std::vector<std::pair<double, double>>& points, std::string_view stroke) {
  std::vector<std::pair<double, double>> mapped;
  mapped.reserve(points.size());
  for (const auto& [x, y] : points) mapped.emplace_back(X(x), Y(y));
  canvas_.Polyline(mapped, stroke);
}

}  // namespace mlpipe::engine::svg
