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
        double[] out = ColumnBlocks.apply(u, selected, (v, from, count, scratch) -> closestToMedianMean(v, from, count, beta, scratch));
        return new AggregationResult(out, selected, Map.of("theta", theta, "beta", beta));
    }

    private int[] selectByKrum(UpdateMatrix u, int[] rows, int theta) {
        int n = rows.length;
        if (theta == n) {
            return rows.clone();
        }
        double[] dist = Gram.squaredDistances(Gram.of(u, rows), n);
        boolean[] taken = new boolean[n];
        for (int s = 0; s < theta; s++) {
            int remaining = n - s;
            double[] scores = Krum.scores(dist, n, remaining - f - 2, taken);
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (best < 0 || scores[i] < scores[best])) {
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
        Arrays.sort(out);
        return out;
    }

    /** Mean of the beta values of v[from, from + n) closest to their median. */
    static double closestToMedianMean(float[] v, int from, int n, int beta, double[] dist) {
        double med = Select.median(v, from, n);
        if (beta == n) {
            double sum = 0;
            for (int i = from; i < from + n; i++) {
                sum += v[i];
            }
            return sum / n;
        }
        for (int i = 0; i < n; i++) {
            dist[i] = Math.abs(v[from + i] - med);
        }
        Select.select(dist, 0, n, beta - 1);
        double cut = dist[beta - 1];
        double sum = 0;
        int count = 0;
        int lowTies = 0;
        int highTies = 0;
        double lowValue = 0;
        double highValue = 0;
        for (int i = from; i < from + n; i++) {
            double dd = Math.abs(v[i] - med);
            if (dd < cut) {
                sum += v[i];
                count++;
            } else if (dd == cut) {
                if (v[i] <= med) {
                    lowTies++;
                    lowValue = v[i];
                } else {
                    highTies++;
                    highValue = v[i];
                }
            }
        }
        int need = beta - count;
        int low = Math.min(need, lowTies);
        int high = Math.min(need - low, highTies);
        sum += low * lowValue + high * highValue;
        return sum / beta;
    }
}
