package io.aegis.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A minimal inline-SVG chart (lines or stacked bars over rounds), so a report needs no network or script. */
final class SvgChart {
    record Series(String label, String color, double[] values) {}

    private static final int W = 760;
    private static final int H = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 130;
    private static final int TOP = 14;
    private static final int BOTTOM = 34;

    private final String title;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private Double yMin;
    private Double yMax;
    private boolean stacked;

    SvgChart(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
    }

    SvgChart add(String label, String color, double[] values) {
        series.add(new Series(label, color, values));
        return this;
    }

    SvgChart range(double min, double max) {
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    SvgChart stackedBars() {
        this.stacked = true;
        return this;
    }

    String render() {
        int n = series.isEmpty() ? 0 : series.get(0).values().length;
        double lo = yMin != null ? yMin : Double.POSITIVE_INFINITY;
        double hi = yMax != null ? yMax : Double.NEGATIVE_INFINITY;
        if (yMin == null || yMax == null) {
            for (int i = 0; i < n; i++) {
                double stack = 0;
                for (Series s : series) {
                    double v = s.values()[i];
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    stack = stacked ? stack + v : v;
                    if (yMin == null) {
                        lo = Math.min(lo, stacked ? 0 : v);
                    }
                    if (yMax == null) {
                        hi = Math.max(hi, stack);
                    }
                }
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
        }
        if (!Double.isFinite(hi) || hi <= lo) {
            hi = lo + 1;
        }
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        StringBuilder sb = new StringBuilder();
        sb.append("<figure><figcaption>").append(HtmlReport.escape(title)).append("</figcaption>");
        sb.append(String.format(Locale.ROOT, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">", W, H, W, H));
        // axes and grid
        for (int k = 0; k <= 4; k++) {
            double v = lo + (hi - lo) * k / 4.0;
            double y = TOP + plotH - plotH * k / 4.0;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, y, LEFT + plotW, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", LEFT - 4, y + 3, fmt(v)));
        }
        int ticks = Math.min(n, 10);
        for (int k = 0; k < ticks; k++) {
            int i = ticks == 1 ? 0 : (int) Math.round((n - 1) * k / (double) (ticks - 1));
            double x = LEFT + x(i, n, plotW);
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d</text>", x, H - BOTTOM + 14, i + 1));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">round</text>", LEFT + plotW / 2, H - 4));
        sb.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%.1f\" font-size=\"11\" transform=\"rotate(-90 12 %.1f)\" text-anchor=\"middle\">%s</text>",
                TOP + plotH / 2, TOP + plotH / 2, HtmlReport.escape(yLabel)));
        if (stacked) {
            double bw = Math.max(1, plotW / Math.max(1, n) * 0.8);
            for (int i = 0; i < n; i++) {
                double base = 0;
                for (Series s : series) {
                    double v = s.values()[i];
                    if (Double.isNaN(v) || v == 0) {
                        continue;
                    }
                    double y0 = TOP + plotH - plotH * (base - lo) / (hi - lo);
                    double y1 = TOP + plotH - plotH * (base + v - lo) / (hi - lo);
                    sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                            LEFT + x(i, n, plotW) - bw / 2, y1, bw, Math.max(0.5, y0 - y1), s.color()));
                    base += v;
                }
            }
        } else {
            for (Series s : series) {
                StringBuilder path = new StringBuilder();
                boolean pen = false;
                for (int i = 0; i < n; i++) {
                    double v = s.values()[i];
                    if (Double.isNaN(v)) {
                        pen = false;
                        continue;
                    }
                    double y = TOP + plotH - plotH * (Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo);
                    path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", LEFT + x(i, n, plotW), y));
                    pen = true;
                }
                sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(s.color())
                        .append("\" stroke-width=\"1.6\"/>");
                if (n <= 60) {
                    for (int i = 0; i < n; i++) {
                        double v = s.values()[i];
                        if (!Double.isNaN(v)) {
                            double y = TOP + plotH - plotH * (Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo);
                            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.8\" fill=\"%s\"/>",
                                    LEFT + x(i, n, plotW), y, s.color()));
                        }
                    }
                }
            }
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            double y = TOP + 10 + k * 16;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>", W - RIGHT + 10.0, y - 9, s.color()));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%s</text>", W - RIGHT + 24.0, y, HtmlReport.escape(s.label())));
        }
        sb.append("</svg></figure>\n");
        return sb.toString();
    }

    private static double x(int i, int n, double plotW) {
        return n <= 1 ? plotW / 2 : plotW * i / (n - 1.0);
    }

    private static String fmt(double v) {
        if (Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v != 0)) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
