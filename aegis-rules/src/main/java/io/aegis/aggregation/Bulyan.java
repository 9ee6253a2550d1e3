package io.aegis.aggregation;

import java.util.Arrays;
import java.util.Map;

/**
 * Bulyan (El Mhamdi et al., ICML 2018): select theta = n - 2f updates by repeated Krum (each
 * round of Krum runs over the updates not yet selected; equal scores pick the lower row), then
 * per coordinate average the beta = theta - 2f selected values closest to their median (the mean
 * of the two middle values when theta is even). Needs n >= 4f + 3 when f > 0, else
 * {@link TooFewUpdatesException}; with f = 0 it is the mean of any number of updates.
 * Equidistant values at the cut-off: the smaller value is taken first.
 */
public final class Bulyan extends RowSubsetRule {
    private final int f;

    public Bulyan(int f) {
        if (f < 0) {
            throw new IllegalArgumentException("bulyan: f (attackers tolerated) must be >= 0, got " + f);
        }
        this.f = f;
    }

    @Override
    public String name() {
        return "bulyan";
    }

    @Override
    protected AggregationResult aggregateRows(UpdateMatrix u, int[] rows, AggregationContext context) {
        int n = rows.length;
        if (f > 0 && n < 4 * f + 3) {
            throw new TooFewUpdatesException("bulyan with f = " + f + " needs at least 4f + 3 = " + (4 * f + 3)
                    + " updates, got " + n);
        }
        int theta = n - 2 * f;
        int beta = theta - 2 * f;
        int[] selected = selectByKrum(u, rows, theta);
        double[] out = SortedBlocks.closestToMedianMean(u, selected, beta);
        return new AggregationResult(out, selected, Map.of("theta", theta, "beta", beta));
    }

    /**
     * theta rounds of Krum over the not-yet-selected updates. Each row's neighbours are sorted once
     * (by distance, then index); a round's score is then the sum of the first k not-yet-selected
     * entries of that list, in ascending order, exactly what re-running Krum would compute.
     */
    private int[] selectByKrum(UpdateMatrix u, int[] rows, int theta) {
        int n = rows.length;
        if (theta == n) {
            return rows.clone();
        }
        double[] dist = Gram.squaredDistances(u, rows);
        int[][] order = new int[n][];
        double[][] sorted = new double[n][];
        Parallel.forEach(n, (long) n * n * 8, i -> {
            Integer[] idx = new Integer[n - 1];
            for (int j = 0, k = 0; j < n; j++) {
                if (j != i) {
                    idx[k++] = j;
                }
            }
            Arrays.sort(idx, (a, b) -> {
                int c = Double.compare(dist[i * n + a], dist[i * n + b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            order[i] = new int[n - 1];
            sorted[i] = new double[n - 1];
            for (int k = 0; k < n - 1; k++) {
                order[i][k] = idx[k];
                sorted[i][k] = dist[i * n + idx[k]];
            }
        });
        boolean[] taken = new boolean[n];
        double[] scores = new double[n];
        for (int s = 0; s < theta; s++) {
            int k = Math.max(0, n - s - f - 2);
            Parallel.forEach(n, (long) n * (k + s), i -> {
                if (taken[i]) {
                    return;
                }
                double sum = 0;
                int[] o = order[i];
                double[] v = sorted[i];
                for (int p = 0, got = 0; got < k && p < o.length; p++) {
                    if (!taken[o[p]]) {
                        sum += v[p];
                        got++;
                    }
                }
                scores[i] = sum;
            });
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (best < 0 || Double.compare(scores[i], scores[best]) < 0)) {
                    best = i;
                }
            }
            taken[best] = true;
        }
        int[] out = new int[theta];
        for (int i = 0, k = 0; i < n; i++) {
            if (taken[i]) {
                out[k++] = rows[i];
            }
        }
        return out;
    }
}
