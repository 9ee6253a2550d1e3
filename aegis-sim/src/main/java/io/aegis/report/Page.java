package io.aegis.report;

import java.util.Locale;

/** The HTML both pages share: a plain stylesheet, escaping, and how a summary value is printed. */
final class Page {
    private Page() {}

    static void head(StringBuilder sb, String title) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n"
                        + "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1140px;color:#222;padding:0 12px}\n"
                        + "h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.15em;margin:28px 0 6px;border-bottom:1px solid #ddd}\n"
                        + "table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}\n"
                        + "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
                        + "table.kv th{font-weight:500;color:#555}\n"
                        + "figure{margin:6px 0 18px}figure svg{max-width:100%;height:auto;display:block}\n"
                        + "figcaption{color:#555;font-size:.9em;margin-top:4px}\n"
                        + "pre{background:#f6f6f6;padding:10px;overflow:auto;font-size:.85em;max-height:40em}\n"
                        + ".status.completed b{color:#1b7f3b}.status.failed b,.failed{color:#b00020}.status.interrupted b{color:#a15c00}\n"
                        + ".grid{display:grid;gap:10px}.grid .cell{min-width:0}.grid h3{font-size:.95em;margin:2px 0;font-weight:600}\n"
                        + ".foot{color:#888;font-size:.85em;margin-top:30px}\n"
                        + "</style></head><body>\n");
    }

    static void tail(StringBuilder sb) {
        sb.append("</body></html>\n");
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Fractions (accuracy, precision, recall, success) as percentages, other numbers as they are. */
    static String value(String key, Object v) {
        if (v == null) {
            return "n/a";
        }
        if (v instanceof Number n && !(v instanceof Integer || v instanceof Long)) {
            double d = n.doubleValue();
            if (isFraction(key)) {
                return pct(d);
            }
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return v.toString();
    }

    static boolean isFraction(String key) {
        return key.contains("accuracy") || key.contains("precision") || key.contains("recall") || key.contains("success");
    }

    static String pct(Double d) {
        return d == null || d.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * d);
    }
}
