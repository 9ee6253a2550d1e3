package io.aegis.aggregation;

import java.util.Arrays;
import java.util.Map;

/**
 * Geometric median by smoothed Weiszfeld iterations, as in RFA (Pillutla et al., IEEE TSP 2022):
 * start from the mean; z <- sum_i b_i x_i / sum_i b_i with b_i = 1 / max(nu, ||z - x_i||); stop
 * after {@code iterations} or when the objective sum_i ||z - x_i|| changes by less than
 * tolerance * objective. Updates are weighted equally (client sample counts are not trusted).
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
        double[] z = RowMath.weightedSum(u, rows, w);
        double[] dist = RowMath.distances(u, rows, z);
        double objective = sum(dist);
        int done = 0;
        while (done < iterations) {
            double total = 0;
            for (int r = 0; r < n; r++) {
                w[r] = 1.0 / Math.max(nu, dist[r]);
                total += w[r];
            }
            for (int r = 0; r < n; r++) {
                w[r] /= total;
            }
            z = RowMath.weightedSum(u, rows, w);
            dist = RowMath.distances(u, rows, z);
            double previous = objective;
            objective = sum(dist);
            done++;
            if (Math.abs(previous - objective) <= tolerance * objective) {
                break;
            }
        }
        return new AggregationResult(z, rows.clone(), Map.of("iterations", done, "objective", objective));
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
