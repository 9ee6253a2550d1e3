package io.aegis.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * What the run page and the comparison page share: JFreeChart's look toned down for print, round
 * axes with whole-number ticks, markers, and rendering a chart to an inline SVG element (the page
 * stays one file that needs no script and no network).
 */
final class Charts {
    static { // before any AWT class loads: a report is drawn on servers without a display
        System.setProperty("java.awt.headless", "true");
    }

    static final Font TICK = new Font("SansSerif", Font.PLAIN, 11);
    static final Font LABEL = new Font("SansSerif", Font.PLAIN, 12);
    static final Font TITLE = new Font("SansSerif", Font.BOLD, 13);
    static final Color GRID = new Color(0xdddddd);

    private Charts() {}

    /** The chart as an {@code <svg>} element that scales with the page; {@code id} must be unique on the page. */
    static String svg(JFreeChart chart, int width, int height, String id) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(id + "-"); // several charts on one page: clip-path ids must not collide
        g2.setGeomDoubleConverter(Charts::twoDecimals);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        String svg = g2.getSVGElement(id, true, new ViewBox(0, 0, width, height), PreserveAspectRatio.XMID_YMID,
                MeetOrSlice.MEET);
        // inline in HTML the parser knows the SVG namespace; dropping the declarations leaves no URL in the page
        int end = svg.indexOf('>');
        return svg.substring(0, end).replaceAll(" xmlns(:\\w+)?='[^']*'", "") + svg.substring(end);
    }

    private static String twoDecimals(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.endsWith(".00") ? s.substring(0, s.length() - 3) : s;
    }

    /** White background, light grid, our fonts, legend at the bottom. */
    static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(TICK);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    static void stylePlot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(Color.GRAY);
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            axisFonts(plot.getRangeAxis(i));
        }
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            axisFonts(plot.getDomainAxis(i));
        }
    }

    static void axisFonts(ValueAxis axis) {
        if (axis != null) {
            axis.setTickLabelFont(TICK);
            axis.setLabelFont(LABEL);
        }
    }

    /** Rounds 1..n, whole-number ticks at an even step, half a round of room on each side for bars. */
    static NumberAxis roundAxis(int rounds) {
        NumberAxis axis = integerAxis("round");
        axis.setAutoRangeIncludesZero(false);
        axis.setRange(0.5, Math.max(1, rounds) + 0.5);
        return axis;
    }

    /** An axis for counts: whole numbers only, starting at 0. */
    static NumberAxis countAxis(String label) {
        NumberAxis axis = integerAxis(label);
        axis.setAutoRangeIncludesZero(true);
        axis.setRangeType(org.jfree.data.RangeType.POSITIVE); // a run of zeros gets 0..n, never negative counts
        axis.setAutoRangeMinimumSize(4); // and whole ticks 0..4, not a 0..1 axis with repeated labels
        return axis;
    }

    private static NumberAxis integerAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        axisFonts(axis);
        return axis;
    }

    static NumberAxis fractionAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(0, 1.02);
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.2));
        axisFonts(axis);
        return axis;
    }

    static XYSeries series(String key, double[] x, double[] y) {
        XYSeries s = new XYSeries(key, false, true);
        for (int i = 0; i < x.length; i++) {
            s.add(x[i], Double.isNaN(y[i]) ? null : y[i]); // null: a gap in the line, not a fake zero
        }
        return s;
    }

    /** A vertical line where an event or attack window starts; labelled only where {@code label} is not null. */
    static void marker(XYPlot plot, double round, Paint paint, String label, int nth) {
        ValueMarker m = new ValueMarker(round - 0.5, paint, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {5f, 3f}, 0f));
        if (label != null) {
            m.setLabel(label);
            m.setLabelFont(new Font("SansSerif", Font.PLAIN, 10));
            m.setLabelPaint(Color.DARK_GRAY);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            // markers a few rounds apart would print their labels over each other: stagger them
            m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(3 + 13 * (nth % 3), 3, 3, 3));
        }
        plot.addDomainMarker(m, Layer.FOREGROUND);
    }

    /** Shades rounds {@code from..to} (inclusive) behind the data. */
    static void band(XYPlot plot, double from, double to, Paint paint) {
        IntervalMarker m = new IntervalMarker(from - 0.5, to + 0.5, paint);
        plot.addDomainMarker(m, Layer.BACKGROUND);
    }

    /** Colours that stay apart in print and for the common colour-vision deficiencies (Okabe-Ito, then Tableau). */
    static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x999933),
            new Color(0x8c564b), new Color(0x7f7f7f), new Color(0x17becf), new Color(0xbcbd22));

    static String css(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
