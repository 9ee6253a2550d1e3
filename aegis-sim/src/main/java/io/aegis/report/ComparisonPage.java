package io.aegis.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The comparison page of a set of runs (a sweep's report.html, {@code aegis compare}): per-round
 * accuracy with one line per value of the first axis (mean over seeds, min-max band), one small
 * chart per combination of the other axes laid out like the paper's Figure 3 (rows = settings,
 * columns = variants), a table of final accuracy mean ± std with detection precision and recall,
 * and the list of runs with their status. Failed runs are listed, never drawn.
 */
public final class ComparisonPage {
    static final String SEED = "seed";
    /** Rules keep their colour on every page. */
    private static final List<String> RULES = List.of("fedavg", "stpa", "median", "trimmed-mean", "krum", "multi-krum",
            "bulyan", "geomed", "centered-clipping");

    private ComparisonPage() {}

    public static void write(List<Path> runDirs, Path outFile) throws IOException {
        String html = render(runDirs, outFile.toAbsolutePath().getParent());
        Path parent = outFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = outFile.resolveSibling(outFile.getFileName() + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @param linkBase the folder the page will be in, for relative links to each run's report (null: none) */
    static String render(List<Path> runDirs, Path linkBase) throws IOException {
        List<RunFolder> folders = new ArrayList<>();
        for (Path d : runDirs) {
            folders.add(RunFolder.load(d));
        }
        List<ComparisonRun> runs = ComparisonRun.of(folders);
        Layout layout = Layout.of(runs);

        StringBuilder sb = new StringBuilder();
        Page.head(sb, "Aegis comparison");
        sb.append("<h1>Comparison of ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append("</h1>\n");
        sb.append("<p>").append(Page.escape(layout.describe())).append("</p>\n");
        legend(sb, layout);
        grid(sb, layout, runs);
        table(sb, layout, runs);
        runList(sb, runs, linkBase);
        sb.append("<p class=\"foot\">Written by Aegis from each run folder's rounds.csv, summary.json and sweep.json "
                + "(or scenario.conf).</p>\n");
        Page.tail(sb);
        return sb.toString();
    }

    /** Which axis draws the lines, which the columns and which the rows. */
    record Layout(String lineKey, String columnKey, List<String> rowKeys, List<String> lines, List<String> columns,
                  List<String> rows, Map<String, Color> colours, boolean variants) {

        static Layout of(List<ComparisonRun> runs) {
            List<String> keys = new ArrayList<>();
            for (ComparisonRun r : runs) {
                for (String k : r.gridKeys()) {
                    if (!keys.contains(k)) {
                        keys.add(k);
                    }
                }
            }
            keys.remove(SEED);
            String lineKey = keys.isEmpty() ? null : keys.remove(0);
            boolean variants = runs.stream().anyMatch(r -> r.variant() != null);
            String columnKey = variants ? null : keys.isEmpty() ? null : keys.remove(keys.size() - 1);
            List<String> lines = distinct(runs, r -> lineValue(lineKey, r));
            List<String> columns = distinct(runs, r -> columnValue(variants, columnKey, r));
            List<String> rows = distinct(runs, r -> rowValue(keys, r));
            Map<String, Color> colours = new LinkedHashMap<>();
            int extra = RULES.size();
            for (String v : lines) {
                int k = RULES.indexOf(v);
                colours.put(v, Charts.PALETTE.get((k >= 0 ? k : extra++) % Charts.PALETTE.size()));
            }
            return new Layout(lineKey, columnKey, keys, lines, columns, rows, colours, variants);
        }

        String line(ComparisonRun r) {
            return lineValue(lineKey, r);
        }

        String column(ComparisonRun r) {
            return columnValue(variants, columnKey, r);
        }

        String row(ComparisonRun r) {
            return rowValue(rowKeys, r);
        }

        String describe() {
            StringBuilder s = new StringBuilder("One line per ");
            s.append(lineKey == null ? "run set" : lineKey).append(" (mean over seeds, band: min to max)");
            if (columns.size() > 1 || variants || columnKey != null) {
                s.append("; columns: ").append(variants ? "variant" : columnKey);
            }
            if (!rowKeys.isEmpty()) {
                s.append("; rows: ").append(String.join(", ", rowKeys));
            }
            return s.append('.').toString();
        }
    }

    private static String lineValue(String key, ComparisonRun r) {
        return key == null ? "all runs" : r.axes().getOrDefault(key, "—");
    }

    private static String columnValue(boolean variants, String key, ComparisonRun r) {
        if (variants) {
            return r.variant() == null ? "—" : r.variant();
        }
        return key == null ? "" : key + " = " + r.axes().getOrDefault(key, "—");
    }

    private static String rowValue(List<String> keys, ComparisonRun r) {
        return keys.stream().map(k -> k + " = " + r.axes().getOrDefault(k, "—")).collect(Collectors.joining(", "));
    }

    private static List<String> distinct(List<ComparisonRun> runs, java.util.function.Function<ComparisonRun, String> f) {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        runs.forEach(r -> s.add(f.apply(r)));
        return new ArrayList<>(s);
    }

    private static void legend(StringBuilder sb, Layout layout) {
        sb.append("<p>");
        for (String v : layout.lines()) {
            sb.append("<span style=\"display:inline-block;margin-right:16px\"><span style=\"display:inline-block;width:22px;"
                            + "height:4px;vertical-align:middle;margin-right:6px;background:")
                    .append(Charts.css(layout.colours().get(v))).append("\"></span>").append(Page.escape(v)).append("</span>");
        }
        sb.append("</p>\n");
    }

    private static boolean drawn(ComparisonRun r) {
        return !r.status().equals("failed") && r.folder().rounds().size() > 0;
    }

    private static void grid(StringBuilder sb, Layout layout, List<ComparisonRun> runs) {
        int cols = layout.columns().size();
        boolean rowLabels = !layout.rowKeys().isEmpty();
        int width = Math.max(260, Math.min(1080, (1080 - (rowLabels ? 130 : 0)) / cols));
        int height = cols == 1 && layout.rows().size() == 1 ? 420 : 250;
        sb.append("<h2>Test accuracy per round</h2>\n");
        sb.append("<div style=\"overflow-x:auto\"><div class=\"grid\" style=\"grid-template-columns:")
                .append(rowLabels ? "120px " : "").append(("minmax(" + width + "px,1fr) ").repeat(cols)).append("\">\n");
        boolean header = cols > 1 || !layout.columns().get(0).isEmpty();
        if (header) {
            if (rowLabels) {
                sb.append("<div></div>");
            }
            for (String c : layout.columns()) {
                sb.append("<div class=\"cell\"><h3>").append(Page.escape(c)).append("</h3></div>");
            }
            sb.append('\n');
        }
        int id = 0;
        for (String row : layout.rows()) {
            if (rowLabels) {
                sb.append("<div class=\"cell\"><h3>").append(Page.escape(row)).append("</h3></div>");
            }
            for (String col : layout.columns()) {
                List<ComparisonRun> cell = runs.stream()
                        .filter(r -> layout.row(r).equals(row) && layout.column(r).equals(col) && drawn(r)).toList();
                sb.append("<div class=\"cell\">");
                if (cell.isEmpty()) {
                    sb.append("<p class=\"failed\">no completed run</p>");
                } else {
                    sb.append(Charts.svg(panel(layout, cell), width, height, "cmp" + id++));
                }
                sb.append("</div>");
            }
            sb.append('\n');
        }
        sb.append("</div></div>\n");
    }

    /** Mean accuracy per round for each line value, with the min-max band over its runs (seeds). */
    static JFreeChart panel(Layout layout, List<ComparisonRun> cell) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer r = new DeviationRenderer(true, false);
        r.setAlpha(0.18f);
        int rounds = 1;
        int k = 0;
        for (String line : layout.lines()) {
            List<RoundTable> tables = cell.stream().filter(c -> layout.line(c).equals(line))
                    .map(c -> c.folder().rounds()).toList();
            if (tables.isEmpty()) {
                continue;
            }
            TreeMap<Integer, List<Double>> byRound = new TreeMap<>();
            for (RoundTable t : tables) {
                double[] x = t.rounds();
                double[] a = t.col("accuracy");
                for (int i = 0; i < x.length; i++) {
                    if (!Double.isNaN(a[i])) {
                        byRound.computeIfAbsent((int) x[i], q -> new ArrayList<>()).add(a[i]);
                    }
                }
            }
            YIntervalSeries s = new YIntervalSeries(line);
            byRound.forEach((round, v) -> s.add(round, mean(v), min(v), max(v)));
            if (!byRound.isEmpty()) {
                rounds = Math.max(rounds, byRound.lastKey());
            }
            data.addSeries(s);
            Color c = layout.colours().get(line);
            r.setSeriesPaint(k, c);
            r.setSeriesFillPaint(k, c);
            r.setSeriesStroke(k, new BasicStroke(1.6f));
            k++;
        }
        NumberAxis y = Charts.fractionAxis("accuracy");
        XYPlot plot = new XYPlot(data, Charts.roundAxis(rounds), y, r);
        Charts.stylePlot(plot);
        JFreeChart chart = new JFreeChart(null, Charts.TICK, plot, false);
        return Charts.style(chart);
    }

    private static void table(StringBuilder sb, Layout layout, List<ComparisonRun> runs) {
        sb.append("<h2>Final accuracy over seeds</h2>\n<table>\n<tr>");
        if (!layout.rowKeys().isEmpty()) {
            sb.append("<th>").append(Page.escape(String.join(", ", layout.rowKeys()))).append("</th>");
        }
        if (layout.variants() || layout.columnKey() != null) {
            sb.append("<th>").append(layout.variants() ? "variant" : Page.escape(layout.columnKey())).append("</th>");
        }
        sb.append("<th>").append(Page.escape(layout.lineKey() == null ? "runs" : layout.lineKey())).append("</th>")
                .append("<th class=\"num\">final accuracy (mean ± std)</th><th class=\"num\">detection precision</th>"
                        + "<th class=\"num\">detection recall</th><th class=\"num\">runs</th><th class=\"num\">failed</th></tr>\n");
        for (String row : layout.rows()) {
            for (String col : layout.columns()) {
                for (String line : layout.lines()) {
                    List<ComparisonRun> cell = runs.stream().filter(r -> layout.row(r).equals(row)
                            && layout.column(r).equals(col) && layout.line(r).equals(line)).toList();
                    if (cell.isEmpty()) {
                        continue;
                    }
                    List<ComparisonRun> ok = cell.stream().filter(r -> !r.status().equals("failed")).toList();
                    sb.append("<tr>");
                    if (!layout.rowKeys().isEmpty()) {
                        sb.append("<td>").append(Page.escape(row)).append("</td>");
                    }
                    if (layout.variants() || layout.columnKey() != null) {
                        sb.append("<td>").append(Page.escape(col)).append("</td>");
                    }
                    sb.append("<td><span style=\"color:").append(Charts.css(layout.colours().get(line))).append("\">&#9632;</span> ")
                            .append(Page.escape(line)).append("</td>")
                            .append("<td class=\"num\">").append(meanStd(values(ok, ComparisonRun::finalAccuracy), true)).append("</td>")
                            .append("<td class=\"num\">").append(meanStd(values(ok, r -> r.folder().summaryNumber("detection_precision")), false)).append("</td>")
                            .append("<td class=\"num\">").append(meanStd(values(ok, r -> r.folder().summaryNumber("detection_recall")), false)).append("</td>")
                            .append("<td class=\"num\">").append(cell.size()).append("</td>")
                            .append("<td class=\"num").append(cell.size() > ok.size() ? " failed" : "").append("\">")
                            .append(cell.size() - ok.size()).append("</td></tr>\n");
                }
            }
        }
        sb.append("</table>\n<p>All values in percent. Precision and recall are the runs' detection_precision and "
                + "detection_recall (mean over the runs that have one; n/a where nothing was excluded or no attacker took part).</p>\n");
    }

    private static List<Double> values(List<ComparisonRun> runs, java.util.function.Function<ComparisonRun, Double> f) {
        return runs.stream().map(f).filter(v -> v != null && !v.isNaN()).toList();
    }

    /** mean ± sample standard deviation, in percent; just the mean for one value. */
    static String meanStd(List<Double> v, boolean std) {
        if (v.isEmpty()) {
            return "n/a";
        }
        double m = mean(v);
        if (!std || v.size() < 2) {
            return String.format(Locale.ROOT, "%.2f", 100 * m);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return String.format(Locale.ROOT, "%.2f ± %.2f", 100 * m, 100 * Math.sqrt(ss / (v.size() - 1)));
    }

    private static void runList(StringBuilder sb, List<ComparisonRun> runs, Path linkBase) {
        TreeSet<String> keys = new TreeSet<>();
        List<String> ordered = new ArrayList<>();
        for (ComparisonRun r : runs) {
            for (String k : r.gridKeys()) {
                if (keys.add(k)) {
                    ordered.add(k);
                }
            }
        }
        boolean variants = runs.stream().anyMatch(r -> r.variant() != null);
        sb.append("<h2>Runs</h2>\n<table>\n<tr><th>run</th>");
        if (variants) {
            sb.append("<th>variant</th>");
        }
        ordered.forEach(k -> sb.append("<th>").append(Page.escape(k)).append("</th>"));
        sb.append("<th>status</th><th class=\"num\">rounds</th><th class=\"num\">final accuracy</th></tr>\n");
        for (ComparisonRun r : runs) {
            sb.append("<tr><td>");
            Path report = r.folder().dir().resolve("report.html");
            if (linkBase != null && Files.isRegularFile(report)) {
                String href = linkBase.relativize(report.toAbsolutePath()).toString().replace('\\', '/');
                sb.append("<a href=\"").append(Page.escape(href)).append("\">").append(Page.escape(r.id())).append("</a>");
            } else {
                sb.append(Page.escape(r.id()));
            }
            sb.append("</td>");
            if (variants) {
                sb.append("<td>").append(Page.escape(r.variant() == null ? "—" : r.variant())).append("</td>");
            }
            for (String k : ordered) {
                sb.append("<td>").append(Page.escape(r.axes().getOrDefault(k, "—"))).append("</td>");
            }
            String status = r.status();
            sb.append("<td class=\"").append(status.equals("failed") ? "failed" : "").append("\">").append(Page.escape(status));
            if (r.folder().summaryString("error") != null) {
                sb.append(": ").append(Page.escape(r.folder().summaryString("error")));
            }
            sb.append("</td><td class=\"num\">").append(r.folder().rounds().size()).append(" / ")
                    .append(r.folder().plannedRounds()).append("</td><td class=\"num\">")
                    .append(Page.pct(r.finalAccuracy())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
