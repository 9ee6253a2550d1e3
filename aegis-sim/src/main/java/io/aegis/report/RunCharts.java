package io.aegis.report;

import io.aegis.metrics.ClientsCsv;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts of one run's report.html, each built from rounds.csv columns (and clients.csv for the map). */
final class RunCharts {
    static final Color ACCURACY = new Color(0x0072B2);
    static final Color LOSS = new Color(0x555555);
    static final Color CAUGHT = new Color(0x009E73);
    static final Color MISSED = new Color(0xD55E00);
    static final Color BENIGN = new Color(0xCC79A7);
    static final Color NOT_EVALUATED = new Color(0xeeeeee);
    static final Color EVENT = new Color(0x3b3b98);
    static final Color WINDOW = new Color(0xc0392b);
    static final Color WINDOW_BAND = new Color(213, 94, 0, 22);
    static final int MAX_CLIENT_ROWS = 200;

    private final RoundTable t;
    private final double[] x;
    private final int rounds;
    private final List<RunFolder.Marker> markers;

    RunCharts(RoundTable t, int rounds, List<RunFolder.Marker> markers) {
        this.t = t;
        this.x = t.rounds();
        this.rounds = Math.max(rounds, x.length == 0 ? 1 : (int) x[x.length - 1]);
        this.markers = markers;
    }

    JFreeChart accuracyAndLoss() {
        XYPlot acc = lines(Charts.fractionAxis("accuracy"), Map.of("test accuracy", ACCURACY), Map.of("test accuracy", "accuracy"));
        if (t.anyValue("attack_success")) {
            acc = lines(Charts.fractionAxis("accuracy"), colours("test accuracy", ACCURACY, "attack success rate", MISSED),
                    Map.of("test accuracy", "accuracy", "attack success rate", "attack_success"));
        }
        double[] a = t.col("accuracy");
        boolean gaps = false;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                Charts.band(acc, x[i], x[i], NOT_EVALUATED);
                gaps = true;
            }
        }
        if (gaps) {
            LegendItemCollection items = acc.getLegendItems();
            items.add(new LegendItem("round not evaluated (no accuracy)", null, null, null,
                    new Rectangle(10, 10), NOT_EVALUATED, new BasicStroke(0.5f), Color.GRAY));
            acc.setFixedLegendItems(items);
        }
        NumberAxis lossAxis = new NumberAxis("loss");
        lossAxis.setAutoRangeIncludesZero(false);
        XYPlot loss = lines(lossAxis, Map.of("test loss", LOSS), Map.of("test loss", "loss"));
        return combined(new XYPlot[] {acc, loss}, new int[] {3, 2});
    }

    JFreeChart exclusions() {
        double[] me = t.count("malicious_excluded");
        double[] mv = t.count("malicious_valid");
        double[] be = t.count("benign_excluded");
        double[] missed = new double[x.length];
        double[] recall = new double[x.length];
        double[] precision = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            missed[i] = Math.max(0, mv[i] - me[i]);
            recall[i] = mv[i] > 0 ? me[i] / mv[i] : Double.NaN;
            precision[i] = me[i] + be[i] > 0 ? me[i] / (me[i] + be[i]) : Double.NaN;
        }
        DefaultTableXYDataset bars = new DefaultTableXYDataset();
        bars.addSeries(noGaps("attackers excluded (caught)", me));
        bars.addSeries(noGaps("attackers kept (missed)", missed));
        bars.addSeries(noGaps("honest clients excluded", be));
        StackedXYBarRenderer r = new StackedXYBarRenderer(0.15);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, CAUGHT);
        r.setSeriesPaint(1, MISSED);
        r.setSeriesPaint(2, BENIGN);
        XYPlot counts = new XYPlot(bars, null, Charts.countAxis("valid updates"), r);
        XYSeriesCollection rates = new XYSeriesCollection();
        rates.addSeries(Charts.series("recall (caught / attackers' valid updates)", x, recall));
        rates.addSeries(Charts.series("precision (attackers / excluded)", x, precision));
        XYLineAndShapeRenderer lr = lineRenderer(2);
        lr.setSeriesPaint(0, CAUGHT);
        lr.setSeriesPaint(1, BENIGN);
        lr.setSeriesStroke(1, new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 3f}, 0f));
        XYPlot rate = new XYPlot(rates, null, Charts.fractionAxis("per round"), lr);
        for (RunFolder.Marker m : markers) {
            if (m.window()) {
                Charts.band(counts, m.from(), m.to(), WINDOW_BAND);
            }
        }
        return combined(new XYPlot[] {counts, rate}, new int[] {3, 2});
    }

    boolean hasAlpha() {
        return t.anyValue("alpha") || t.anyNonZero("skipped");
    }

    JFreeChart alpha() {
        NumberAxis axis = new NumberAxis("alpha");
        axis.setAutoRangeIncludesZero(true);
        XYPlot p = lines(axis, Map.of("alpha (temporal factor)", new Color(0x6a3d9a)), Map.of("alpha (temporal factor)", "alpha"));
        p.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        double[] skipped = t.count("skipped");
        boolean any = false;
        for (int i = 0; i < x.length; i++) {
            if (skipped[i] > 0) {
                Charts.band(p, x[i], x[i], new Color(0xfde0dd));
                any = true;
            }
        }
        if (any) {
            LegendItemCollection items = p.getLegendItems();
            items.add(new LegendItem("round skipped (model kept)", null, null, null, new Rectangle(10, 10),
                    new Color(0xfde0dd), new BasicStroke(0.5f), Color.GRAY));
            p.setFixedLegendItems(items);
        }
        return combined(new XYPlot[] {p}, new int[] {1});
    }

    /** Three panels, each with its own count scale, so a handful of late or lost updates is not flattened by the population. */
    JFreeChart participation() {
        XYPlot online = lines(Charts.countAxis("online"), Map.of("online", new Color(0x7f7f7f)), Map.of("online", "online"));
        XYPlot sel = lines(Charts.countAxis("updates"), colours("selected", new Color(0x0072B2), "received", new Color(0x009E73)),
                Map.of("selected", "selected", "received", "received"));
        XYPlot small = lines(Charts.countAxis("updates"), colours("late", new Color(0xE69F00), "lost", new Color(0xD55E00),
                "invalid", new Color(0x000000)), Map.of("late", "late", "lost", "lost", "invalid", "invalid"));
        return combined(new XYPlot[] {online, sel, small}, new int[] {1, 1, 1});
    }

    static final List<String> FAULTS = List.of("dropped", "crashed", "duplicated", "corrupted", "replayed", "reordered",
            "invalid", "train_failed");

    /** The fault columns the run has and that are not all zero. */
    List<String> faultColumns() {
        return FAULTS.stream().filter(t::anyNonZero).toList();
    }

    /** One thin panel per fault kind, each on its own whole-number scale: kinds differ by orders of magnitude. */
    JFreeChart faults() {
        List<String> present = faultColumns();
        XYPlot[] panels = new XYPlot[present.size()];
        int[] weights = new int[present.size()];
        for (int i = 0; i < panels.length; i++) {
            String kind = present.get(i);
            Color c = Charts.PALETTE.get(FAULTS.indexOf(kind) % Charts.PALETTE.size());
            NumberAxis axis = Charts.countAxis(kind.replace('_', ' '));
            axis.setAutoRangeMinimumSize(2);
            axis.setLabelAngle(Math.PI / 2); // written across: a thin panel is too short for its name upright
            panels[i] = lines(axis, Map.of(kind, c), Map.of(kind, kind));
            weights[i] = 1;
        }
        JFreeChart chart = combined(panels, weights);
        chart.removeLegend(); // each panel's axis names its kind
        return chart;
    }

    /** Who was selected in which round and what became of their update; at most MAX_CLIENT_ROWS clients. */
    record ClientMap(JFreeChart chart, int shown, int everSelected, int height) {}

    ClientMap clientMap(List<ClientsCsv.Row> rows) {
        TreeSet<Integer> ever = new TreeSet<>();
        for (ClientsCsv.Row r : rows) {
            ever.add(r.client());
        }
        List<Integer> shown = new ArrayList<>(ever).subList(0, Math.min(ever.size(), MAX_CLIENT_ROWS));
        Map<Integer, Integer> rowOf = new TreeMap<>();
        for (int i = 0; i < shown.size(); i++) {
            rowOf.put(shown.get(i), i);
        }
        List<double[]> cells = new ArrayList<>();
        for (ClientsCsv.Row r : rows) {
            Integer y = rowOf.get(r.client());
            if (y != null) {
                cells.add(new double[] {r.round(), y, code(r)});
            }
        }
        double[][] xyz = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            for (int k = 0; k < 3; k++) {
                xyz[k][i] = cells.get(i)[k];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("clients", xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setBlockAnchor(org.jfree.chart.ui.RectangleAnchor.CENTER);
        LookupPaintScale scale = new LookupPaintScale(0, 10, Color.WHITE);
        for (int k = 1; k < CELL_COLOURS.length; k++) {
            scale.add(k - 0.5, CELL_COLOURS[k]);
        }
        r.setPaintScale(scale);
        NumberAxis y = new NumberAxis(shown.size() < ever.size() ? "client (lowest ids ever selected)" : "client");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setRange(-0.5, Math.max(1, shown.size()) - 0.5);
        y.setInverted(true);
        y.setNumberFormatOverride(new RowLabels(shown));
        Charts.axisFonts(y);
        XYPlot plot = new XYPlot(data, Charts.roundAxis(rounds), y, r);
        LegendItemCollection items = new LegendItemCollection();
        for (int k = 1; k < CELL_COLOURS.length; k++) {
            items.add(new LegendItem(CELL_LABELS[k], null, null, null, new Rectangle(10, 10), CELL_COLOURS[k],
                    new BasicStroke(0.5f), Color.GRAY));
        }
        plot.setFixedLegendItems(items);
        decorate(plot, true);
        Charts.stylePlot(plot);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = Charts.style(new JFreeChart(null, Charts.TICK, plot, true));
        int px = Math.max(3, Math.min(14, 640 / Math.max(1, shown.size())));
        return new ClientMap(chart, shown.size(), ever.size(), shown.size() * px + 150);
    }

    private static final Color[] CELL_COLOURS = {Color.WHITE, new Color(0xa6cee3), MISSED, CAUGHT, BENIGN,
            new Color(0x222222), new Color(0xE69F00), new Color(0xbbbbbb), new Color(0x8c564b)};
    private static final String[] CELL_LABELS = {"not selected", "honest, kept", "attacker, kept (missed)",
            "attacker, excluded (caught)", "honest, excluded", "invalid", "late", "lost", "attacker, lost/late/invalid"};

    private static int code(ClientsCsv.Row r) {
        boolean bad = Boolean.TRUE.equals(r.malicious());
        return switch (r.outcome()) {
            case "kept" -> bad ? 2 : 1;
            case "excluded" -> bad ? 3 : 4;
            case "invalid" -> bad ? 8 : 5;
            case "late" -> bad ? 8 : 6;
            default -> bad ? 8 : 7;
        };
    }

    /** Row index -> client id on the map's axis. */
    private static final class RowLabels extends NumberFormat {
        private final List<Integer> ids;

        RowLabels(List<Integer> ids) {
            this.ids = ids;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return format(Math.round(number), to, pos);
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return number >= 0 && number < ids.size() ? to.append(ids.get((int) number)) : to;
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    }

    private XYPlot lines(NumberAxis yAxis, Map<String, Color> colours, Map<String, String> columns) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = lineRenderer(columns.size());
        int k = 0;
        for (Map.Entry<String, Color> e : colours.entrySet()) {
            data.addSeries(Charts.series(e.getKey(), x, t.col(columns.get(e.getKey()))));
            r.setSeriesPaint(k++, e.getValue());
        }
        return new XYPlot(data, null, yAxis, r);
    }

    private XYLineAndShapeRenderer lineRenderer(int series) {
        boolean shapes = x.length <= 80;
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        r.setDrawSeriesLineAsPath(true); // one SVG path per series rather than one element per segment
        r.setDrawOutlines(false);
        for (int i = 0; i < series; i++) {
            r.setSeriesStroke(i, new BasicStroke(1.6f));
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        }
        return r;
    }

    private static Map<String, Color> colours(Object... pairs) {
        Map<String, Color> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Color) pairs[i + 1]);
        }
        return m;
    }

    private XYSeries noGaps(String key, double[] y) {
        XYSeries s = new XYSeries(key, false, false);
        for (int i = 0; i < x.length; i++) {
            s.add(x[i], y[i]);
        }
        return s;
    }

    /** Stacks the panels on one round axis; markers on all, their labels on the top one. */
    private JFreeChart combined(XYPlot[] panels, int[] weights) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(Charts.roundAxis(rounds));
        plot.setGap(12);
        for (int i = 0; i < panels.length; i++) {
            decorate(panels[i], i == 0);
            Charts.stylePlot(panels[i]);
            plot.add(panels[i], weights[i]);
        }
        Charts.stylePlot(plot);
        return Charts.style(new JFreeChart(null, Charts.TICK, plot, true));
    }

    private void decorate(XYPlot p, boolean labels) {
        for (int k = 0; k < markers.size(); k++) {
            RunFolder.Marker m = markers.get(k);
            Charts.marker(p, m.from(), m.window() ? WINDOW : EVENT, labels ? shortLabel(m) : null, k);
        }
    }

    private static String shortLabel(RunFolder.Marker m) {
        String s = m.label();
        return s.length() > 22 ? s.substring(0, 21) + "…" : s;
    }
}
