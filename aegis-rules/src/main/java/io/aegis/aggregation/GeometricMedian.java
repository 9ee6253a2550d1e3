package io.aegis.aggregation;

import java.util.Arrays;
import java.util.Map;

/**
 * Geometric median by smoothed Weiszfeld iterations, as in RFA (Pillutla et al., IEEE TSP 2022):
 * start from the coordinate-wise median (an outlier cannot drag the start away, so the iterations
 * are not spent walking back from it; the mean for 1 or 2 updates); z <- sum_i b_i x_i / sum_i b_i with b_i = 1 / max(nu * s, ||z - x_i||), where
 * s is the median distance ||z - x_i|| (so the rule is scale-equivariant: smoothing means the
 * same at 1e-30 as at 1e30); stop after {@code iterations} or when z moves by at most
 * tolerance * s. Both tests are relative to the median distance, which an outlier cannot inflate
 * (a test relative to the objective stops early when one update of 1e35 dominates it).
 * Updates are weighted equally (client sample counts are not trusted).
 * 1 update gives itself; 2 give their mean (every point between them is a geometric median).
 */
public final class GeometricMedian extends RowSubsetRule {
    private final double nu;
    private final int iterations;
    private final double tolerance;

    public GeometricMedian(double nu, int iterations, double tolerance) {
        if (!(nu > 0) || Double.isInfinite(nu)) {
            throw new IllegalArgumentException("geomed: nu (smoothing) must be > 0, got " + nu);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("geomed: iterations must be >= 1, got " + iterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("geomed: tolerance must be >= 0, got " + tolerance);
        }
        this.nu = nu;
        this.iterations = iterations;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return "geomed";
    }

    @Override
    protected AggregationResult aggregateRows(UpdateMatrix u, int[] rows, AggregationContext context) {
        int n = rows.length;
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        if (n <= 2) {
            double[] mean = RowMath.weightedSum(u, rows, w);
            return new AggregationResult(mean, rows.clone(), Map.of("iterations", 0, "objective", sum(RowMath.distances(u, rows, mean))));
        }
        double[] z = SortedBlocks.median(u, rows);
        double[] dist = RowMath.distances(u, rows, z);
        int done = 0;
        while (done < iterations) {
            double floor = Math.max(nu * RowMath.median(dist), Double.MIN_NORMAL);
            // b_i relative to the largest one, so every weight is in (0, 1] and the sum cannot overflow
            double nearest = Double.POSITIVE_INFINITY;
            for (int r = 0; r < n; r++) {
                nearest = Math.min(nearest, Math.max(floor, dist[r]));
            }
            double total = 0;
            for (int r = 0; r < n; r++) {
                w[r] = nearest / Math.max(floor, dist[r]);
                total += w[r];
            }
            for (int r = 0; r < n; r++) {
                w[r] /= total;
            }
            double[] next = RowMath.weightedSum(u, rows, w);
            double moved = distance(next, z);
            z = next;
            dist = RowMath.distances(u, rows, z);
            done++;
            if (moved <= tolerance * RowMath.median(dist)) {
                break;
            }
        }
        return new AggregationResult(z, rows.clone(), Map.of("iterations", done, "objective", sum(dist)));
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            double diff = a[c] - b[c];
            s += diff * diff;
        }
        return Math.sqrt(s);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
