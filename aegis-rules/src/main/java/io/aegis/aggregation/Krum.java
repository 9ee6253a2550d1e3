package io.aegis.aggregation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Krum and Multi-Krum (Blanchard et al., NeurIPS 2017): score(i) = sum of squared Euclidean
 * distances from update i to its n - f - 2 nearest other updates; the m lowest scores are
 * averaged (m = 1 is Krum). Needs n > 2f + 2 (fewer updates, including 0 < n <= 2, throw
 * {@link TooFewUpdatesException}). Equal scores: the lower row index wins. Multi-Krum with no
 * m configured ("auto") averages m = n - f updates, the usual default.
 */
public final class Krum extends RowSubsetRule {
    /** m value meaning "n - f". */
    public static final int AUTO_M = 0;

    private final int f;
    private final int m;
    private final String name;

    public Krum(int f, int m) {
        this(f, m, m == 1 ? "krum" : "multi-krum");
    }

    /** Multi-Krum averaging m updates (AUTO_M: n - f), reported as "multi-krum" even when m = 1. */
    public static Krum multi(int f, int m) {
        return new Krum(f, m, "multi-krum");
    }

    private Krum(int f, int m, String name) {
        if (f < 0) {
            throw new IllegalArgumentException("krum: f (attackers tolerated) must be >= 0, got " + f);
        }
        if (m < 0) {
            throw new IllegalArgumentException("krum: m (updates averaged) must be >= 1, got " + m);
        }
        this.f = f;
        this.m = m;
        this.name = name;
    }

    public static Krum krum(int f) {
        return new Krum(f, 1);
    }

    public int f() {
        return f;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected AggregationResult aggregateRows(UpdateMatrix u, int[] rows, AggregationContext context) {
        int n = rows.length;
        requireEnough(n, f, name());
        int pick = m == AUTO_M ? n - f : m;
        if (pick > n) {
            throw new TooFewUpdatesException(name() + ": m = " + pick + " exceeds the " + n + " updates received");
        }
        double[] dist = Gram.squaredDistances(u, rows);
        double[] scores = scores(dist, n, n - f - 2, null);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Double.compare is a total order (NaN last), so a non-finite score could never come first
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(scores[a], scores[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] kept = new int[pick];
        for (int k = 0; k < pick; k++) {
            kept[k] = rows[order[k]];
        }
        Arrays.sort(kept);
        double[] w = new double[pick];
        Arrays.fill(w, 1.0 / pick);
        Map<String, Object> details = new LinkedHashMap<>();
        double[] byRow = new double[n];
        System.arraycopy(scores, 0, byRow, 0, n);
        details.put("scores", byRow);
        details.put("f", f);
        details.put("m", pick);
        return new AggregationResult(RowMath.weightedSum(u, kept, w), kept, details);
    }

    static void requireEnough(int n, int f, String rule) {
        if (n <= 2 * f + 2) {
            throw new TooFewUpdatesException(rule + " with f = " + f + " needs more than 2f + 2 = " + (2 * f + 2)
                    + " updates, got " + n);
        }
    }

    /**
     * Krum score of every local index among those not {@code removed}: the sum of its {@code k}
     * smallest squared distances to other remaining updates (k clamped to [0, remaining - 1]).
     * Removed entries get +infinity.
     */
    static double[] scores(double[] dist, int n, int k, boolean[] removed) {
        double[] scores = new double[n];
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            if (removed != null && removed[i]) {
                scores[i] = Double.POSITIVE_INFINITY;
                continue;
            }
            int len = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && (removed == null || !removed[j])) {
                    row[len++] = dist[i * n + j];
                }
            }
            int take = Math.max(0, Math.min(k, len));
            if (take > 0 && take < len) {
                Select.select(row, 0, len, take - 1);
            }
            double s = 0;
            for (int j = 0; j < take; j++) {
                s += row[j];
            }
            scores[i] = s;
        }
        return scores;
    }
}
