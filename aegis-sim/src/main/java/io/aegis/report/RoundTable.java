package io.aegis.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * rounds.csv as columns looked up by header name, so a page draws whatever columns a run has (an
 * older run without fault counts, a newer one with more). Empty or unreadable cells are NaN.
 */
final class RoundTable {
    private final Map<String, double[]> columns;
    private final int size;

    private RoundTable(Map<String, double[]> columns, int size) {
        this.columns = columns;
        this.size = size;
    }

    /** @param lines the header line, then one line per round */
    static RoundTable parse(List<String> lines) {
        if (lines.isEmpty()) {
            return new RoundTable(Map.of(), 0);
        }
        String[] header = lines.get(0).trim().split(",", -1);
        List<String> body = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String h : header) {
            double[] c = new double[body.size()];
            Arrays.fill(c, Double.NaN);
            cols.put(h.trim(), c);
        }
        for (int r = 0; r < body.size(); r++) {
            String[] cells = body.get(r).split(",", -1);
            for (int k = 0; k < header.length && k < cells.length; k++) {
                cols.get(header[k].trim())[r] = number(cells[k]);
            }
        }
        return new RoundTable(cols, body.size());
    }

    private static double number(String cell) {
        String t = cell.trim();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    int size() {
        return size;
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The column, or all NaN when the run has no such column. */
    double[] col(String column) {
        double[] c = columns.get(column);
        if (c == null) {
            c = new double[size];
            Arrays.fill(c, Double.NaN);
        }
        return c;
    }

    /** The column with NaN read as 0, for counts. */
    double[] count(String column) {
        double[] c = col(column).clone();
        for (int i = 0; i < c.length; i++) {
            if (Double.isNaN(c[i])) {
                c[i] = 0;
            }
        }
        return c;
    }

    /** Round numbers (the round column, else 1..n). */
    double[] rounds() {
        double[] r = col("round");
        for (int i = 0; i < r.length; i++) {
            if (Double.isNaN(r[i])) {
                r[i] = i + 1;
            }
        }
        return r;
    }

    boolean anyNonZero(String column) {
        for (double v : col(column)) {
            if (!Double.isNaN(v) && v != 0) {
                return true;
            }
        }
        return false;
    }

    boolean anyValue(String column) {
        for (double v : col(column)) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }
}
