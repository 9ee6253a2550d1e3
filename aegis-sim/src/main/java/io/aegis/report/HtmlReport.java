package io.aegis.report;

import io.aegis.metrics.RoundRow;
import io.aegis.metrics.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html of one run: one self-contained page (charts are inline SVG drawn by JFreeChart, no
 * script, no network) that tells what happened round by round: accuracy and loss, attackers caught
 * and missed, alpha, participation, faults, who was selected and excluded, and the scenario itself.
 */
public final class HtmlReport {
    static final int WIDTH = 1100;

    private HtmlReport() {}

    /** The page of a run that is finishing: its rows in memory, its other files in {@code s.runDir()}. */
    public static String render(RunSummary s, List<RoundRow> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(RoundRow.HEADER);
        rows.forEach(r -> lines.add(r.csv()));
        try {
            RunFolder f = RunFolder.withRounds(s.runDir() == null ? null : Path.of(s.runDir()), RoundTable.parse(lines));
            if (f.summary().isEmpty()) {
                f = new RunFolder(f.dir(), f.rounds(), fromRecord(s), f.scenarioText(), f.scenario(), f.clients());
            }
            return render(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run folder " + s.runDir(), e);
        }
    }

    /** The page of any run folder, from its files alone. */
    public static String render(Path runDir) throws IOException {
        return render(RunFolder.load(runDir));
    }

    static String render(RunFolder f) {
        String name = f.summaryString("name") != null ? f.summaryString("name")
                : f.dir() == null ? "run" : f.dir().getFileName().toString();
        StringBuilder sb = new StringBuilder();
        Page.head(sb, "Aegis run " + name);
        sb.append("<h1>").append(Page.escape(name)).append("</h1>\n");
        String status = f.status();
        sb.append("<p class=\"status ").append(Page.escape(status)).append("\">status: <b>").append(Page.escape(status))
                .append("</b>");
        if (f.summaryString("error") != null) {
            sb.append(" — ").append(Page.escape(f.summaryString("error")));
        }
        sb.append("</p>\n");
        summaryTable(sb, f.summary());

        RoundTable t = f.rounds();
        List<RunFolder.Marker> markers = f.markers();
        if (t.size() == 0) {
            sb.append("<p>rounds.csv holds no rounds: there is nothing to draw.</p>\n");
        } else {
            RunCharts c = new RunCharts(t, f.plannedRounds(), markers);
            figure(sb, "Test accuracy and loss per round", c.accuracyAndLoss(), 430, "acc",
                    "Accuracy of the global model on the held-out test set after each round (top) and its loss (bottom), "
                            + "each on its own scale. Dashed lines: an attack window or a scripted event starts.");
            figure(sb, "Attackers caught and missed", c.exclusions(), 430, "excl",
                    "Top: each round's valid updates from attackers that the rule excluded (caught) or kept (missed), and "
                            + "honest updates it excluded. Shaded: rounds inside an attack window. Bottom: per-round recall "
                            + "and precision of the exclusions (gaps: no attacker update, or nothing excluded).");
            if (c.hasAlpha()) {
                figure(sb, "Temporal factor alpha", c.alpha(), 260, "alpha",
                        "STPA's temporal check: the step is scaled by alpha; when alpha &le; 0 the round is skipped and the model kept.");
            }
            figure(sb, "Participation per round", c.participation(), 480, "part",
                    "Clients online at the round start; updates selected and received before the deadline; updates late, "
                            + "lost (never arrived) and invalid (rejected by validation), each panel on its own scale.");
            List<String> faults = c.faultColumns();
            if (faults.isEmpty()) {
                sb.append("<h2>Faults</h2>\n<p>No faults in this run: no message dropped, crashed, duplicated, corrupted, "
                        + "replayed or reordered, and no invalid update.</p>\n");
            } else {
                figure(sb, "Faults per round", c.faults(), 60 + 75 * faults.size(), "faults",
                        "What the channel did to messages (dropped, duplicated, corrupted, replayed, reordered), client actors "
                                + "that crashed while training, and updates the server rejected as invalid.");
            }
            if (f.clients() != null && !f.clients().isEmpty()) {
                RunCharts.ClientMap m = c.clientMap(f.clients());
                String note = "Each row is a client, each column a round; a cell is coloured when the client was selected, "
                        + "by what became of its update.";
                if (m.shown() < m.everSelected()) {
                    note += " " + m.everSelected() + " clients were selected at least once; the " + m.shown()
                            + " with the lowest ids are drawn.";
                }
                figure(sb, "Clients × rounds: selected, attacker, excluded", m.chart(), m.height(), "clients", note);
            } else {
                sb.append("<h2>Clients × rounds</h2>\n<p>This run folder has no clients.csv (written by runs from this "
                        + "version on), so who was selected in which round cannot be drawn.</p>\n");
            }
        }
        markerList(sb, markers, f.plannedRounds());
        if (f.scenarioText() != null) {
            sb.append("<h2>Scenario</h2>\n<p>The resolved scenario.conf of this run (defaults and overrides applied).</p>\n<pre>")
                    .append(Page.escape(f.scenarioText())).append("</pre>\n");
        }
        sb.append("<p class=\"foot\">Written by Aegis from rounds.csv, summary.json, clients.csv and scenario.conf in this folder.</p>\n");
        Page.tail(sb);
        return sb.toString();
    }

    private static void figure(StringBuilder sb, String title, org.jfree.chart.JFreeChart chart, int height, String id,
                               String note) {
        sb.append("<h2>").append(Page.escape(title)).append("</h2>\n<figure>")
                .append(Charts.svg(chart, WIDTH, height, id))
                .append("<figcaption>").append(note).append("</figcaption></figure>\n");
    }

    private static void summaryTable(StringBuilder sb, Map<String, Object> summary) {
        if (summary.isEmpty()) {
            sb.append("<p>No summary.json: the run did not finish.</p>\n");
            return;
        }
        sb.append("<table class=\"kv\">\n");
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            sb.append("<tr><th>").append(Page.escape(e.getKey().replace('_', ' '))).append("</th><td>")
                    .append(Page.escape(Page.value(e.getKey(), e.getValue()))).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void markerList(StringBuilder sb, List<RunFolder.Marker> markers, int lastRound) {
        if (markers.isEmpty()) {
            return;
        }
        sb.append("<h2>Timeline</h2>\n<table>\n<tr><th>rounds</th><th>what</th></tr>\n");
        for (RunFolder.Marker m : markers) {
            String when = m.window() ? m.from() + "–" + m.to() : String.valueOf(m.from());
            sb.append("<tr><td>").append(when).append("</td><td>")
                    .append(Page.escape((m.window() ? "attack: " : "event: ") + m.label()
                            + (m.from() > lastRound ? " (after the run's last round)" : ""))).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static Map<String, Object> fromRecord(RunSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("seed", s.seed());
        m.put("rule", s.rule());
        m.put("rounds", s.rounds());
        m.put("final_accuracy", s.finalAccuracy());
        m.put("best_accuracy", s.bestAccuracy());
        m.put("mean_accuracy_last_10", s.meanAccuracyLast10());
        m.put("detection_precision", s.detectionPrecision());
        m.put("detection_recall", s.detectionRecall());
        m.put("final_attack_success", s.finalAttackSuccess());
        m.put("skipped_rounds", s.skippedRounds());
        m.put("received", s.received());
        m.put("invalid", s.invalid());
        m.put("late", s.late());
        m.put("lost", s.lost());
        m.put("wall_seconds", String.format(Locale.ROOT, "%.1f", s.wallSeconds()));
        return m;
    }
}
