package io.aegis.aggregation;

import java.util.Map;

/**
 * Centered clipping (Karimireddy, He and Jaggi, ICML 2021): v <- v + mean_i clip(x_i - v, tau),
 * clip(z, tau) = z * min(1, tau / ||z||), repeated {@code iterations} times, starting from the
 * previous round's aggregate ({@link AggregationContext#previousAggregate()}) or from zero when
 * there is none (first round, offline). Works for any number of updates; all rows are kept.
 */
public final class CenteredClipping extends RowSubsetRule {
    private final double tau;
    private final int iterations;

    public CenteredClipping(double tau, int iterations) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("centered-clipping: tau (clipping radius) must be > 0, got " + tau);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("centered-clipping: iterations must be >= 1, got " + iterations);
        }
        this.tau = tau;
        this.iterations = iterations;
    }

    @Override
    public String name() {
        return "centered-clipping";
    }

    @Override
    protected AggregationResult aggregateRows(UpdateMatrix u, int[] rows, AggregationContext context) {
        int n = rows.length;
        int d = u.cols();
        double[] previous = context.previousAggregate();
        if (previous != null && previous.length != d) {
            throw new IllegalArgumentException("centered-clipping: previous aggregate has length " + previous.length
                    + ", updates have " + d);
        }
        double[] v = previous == null ? new double[d] : previous.clone();
        double[] w = new double[n];
        for (int it = 0; it < iterations; it++) {
            double[] dist = RowMath.distances(u, rows, v);
            double shift = 0;
            for (int r = 0; r < n; r++) {
                double scale = dist[r] > 0 ? Math.min(1.0, tau / dist[r]) : 1.0;
                w[r] = scale / n;
                shift += w[r];
            }
            // v + mean_i s_i (x_i - v) = sum_i (s_i / n) x_i + (1 - sum_i s_i / n) v
            double[] next = RowMath.weightedSum(u, rows, w);
            double keep = 1.0 - shift;
            for (int c = 0; c < d; c++) {
                next[c] += keep * v[c];
            }
            v = next;
        }
        return new AggregationResult(v, rows.clone(), Map.of("iterations", iterations));
    }
}
