// Minimal SVG building blocks for the offline HTML report: an escaping writer for shapes and text,
// and a linear plot frame mapping data coordinates onto a canvas with axes and ticks. All text
// passed in is escaped here, so callers may hand over column names and labels as they are.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlpipe::engine::svg {

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string Escape(std::string_view text);
// Compact number for labels: up to 3 significant decimals, no trailing zeros.
std::string Number(double v);

class Canvas {
 public:
  Canvas(int width, int height, std::string_view title);

  void Line(double x1, double y1, double x2, double y2, std::string_view stroke, double width = 1,
            bool dashed = false);
  // `tooltip` (may be empty) shows on hover.
  void Rect(double x, double y, double w, double h, std::string_view fill,
            std::string_view tooltip = "");
  void Circle(double cx, double cy, double r, std::string_view fill, std::string_view tooltip = "");
  void Polyline(const std::vector<std::pair<double, double>>& points, std::string_view stroke,
                double width = 2);
  // anchor: start | middle | end. rotate: degrees around (x, y).
  void Text(double x, double y, std::string_view text, std::string_view anchor = "start",
            int size = 12, std::string_view fill = "#222", int rotate = 0);

  // The complete <svg> element.
  std::string Finish() const;

 private:
  int width_, height_;
  std::string body_;
};

// A plot area with margins, mapping [x0, x1] x [y0, y1] onto it (y up).
class Frame {
 public:
  Frame(Canvas& canvas, int width, int height, double x0, double x1, double y0, double y1);

  double X(double v) const;
  double Y(double v) const;
  // Draws the axes box, `ticks` ticks with labels on each axis, and the axis titles.
  void Axes(std::string_view x_title, std::string_view y_title, int ticks = 5);
  // Draws a polyline through data points.
  void Curve(const std::vector<std::pair<double, double>>& points, std::string_view stroke);

  Canvas& canvas() { return canvas_; }

  static constexpr double kLeft = 56, kRight = 16, kTop = 16, kBottom = 44;

 private:
  Canvas& canvas_;
  double width_, height_, x0_, x1_, y0_, y1_;
};

}  // namespace mlpipe::engine::svg
