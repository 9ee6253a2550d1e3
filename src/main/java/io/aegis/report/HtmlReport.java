package io.aegis.report;

import io.aegis.metrics.RoundRow;
import io.aegis.metrics.RunSummary;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * report.html: one self-contained page with the plots a researcher looks at first: accuracy per
 * round, exclusions split into malicious and benign, STPA's alpha, and participation.
 */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(RunSummary s, List<RoundRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Aegis run ")
                .append(escape(s.name())).append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}"
                        + "table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}"
                        + "figure{margin:18px 0}figcaption{font-weight:600;margin-bottom:4px}</style></head><body>\n");
        sb.append("<h1>").append(escape(s.name())).append("</h1>\n<table>\n");
        row(sb, "rule", s.rule());
        row(sb, "seed", String.valueOf(s.seed()));
        row(sb, "rounds", String.valueOf(s.rounds()));
        row(sb, "final accuracy", pct(s.finalAccuracy()));
        row(sb, "best accuracy", pct(s.bestAccuracy()));
        row(sb, "mean accuracy, last 10 rounds", pct(s.meanAccuracyLast10()));
        row(sb, "detection precision", pct(s.detectionPrecision()));
        row(sb, "detection recall", pct(s.detectionRecall()));
        if (s.finalAttackSuccess() != null) {
            row(sb, "attack success rate (final)", pct(s.finalAttackSuccess()));
        }
        row(sb, "skipped rounds", String.valueOf(s.skippedRounds()));
        row(sb, "updates received / invalid / late / lost",
                s.received() + " / " + s.invalid() + " / " + s.late() + " / " + s.lost());
        row(sb, "wall time", String.format(Locale.ROOT, "%.1f s", s.wallSeconds()));
        sb.append("</table>\n");
        sb.append(new SvgChart("Test accuracy per round", "accuracy").range(0, 1)
                .add("accuracy", "#1f77b4", col(rows, RoundRow::accuracy)).render());
        if (rows.stream().anyMatch(r -> !Double.isNaN(r.attackSuccess()))) {
            sb.append(new SvgChart("Attack success rate per round", "success").range(0, 1)
                    .add("attack success", "#d62728", col(rows, RoundRow::attackSuccess)).render());
        }
        sb.append(new SvgChart("Updates excluded per round", "updates").stackedBars()
                .add("malicious", "#d62728", col(rows, r -> r.maliciousExcluded()))
                .add("benign", "#2ca02c", col(rows, r -> r.benignExcluded())).render());
        if (rows.stream().anyMatch(r -> !Double.isNaN(r.alpha()))) {
            sb.append(new SvgChart("Temporal factor alpha (round skipped when <= 0)", "alpha").range(-1, 1)
                    .add("alpha", "#9467bd", col(rows, RoundRow::alpha)).render());
        }
        sb.append(new SvgChart("Participation per round", "clients")
                .add("online", "#7f7f7f", col(rows, r -> r.online()))
                .add("selected", "#1f77b4", col(rows, r -> r.selected()))
                .add("received", "#2ca02c", col(rows, r -> r.received()))
                .add("late", "#ff7f0e", col(rows, r -> r.late()))
                .add("lost", "#d62728", col(rows, r -> r.lost()))
                .add("invalid", "#8c564b", col(rows, r -> r.invalid())).render());
        sb.append("<p>Written by Aegis from rounds.csv and summary.json in this folder.</p>\n</body></html>\n");
        return sb.toString();
    }

    private static double[] col(List<RoundRow> rows, ToDoubleFunction<RoundRow> f) {
        return rows.stream().mapToDouble(f).toArray();
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v)).append("</td></tr>\n");
    }

    private static String pct(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
