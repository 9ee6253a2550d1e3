package io.aegis.aggregation;

/** Whole-row passes shared by the rules: weighted sums and distances, split over column ranges on all cores. */
final class RowMath {
    /** Columns per task: large enough to stream, small enough to split a row across the cores. */
    private static final int SPAN = 8192;

    private RowMath() {}

    /** sum_r w[r] * x_rows[r], accumulated in double. */
    static double[] weightedSum(UpdateMatrix u, int[] rows, double[] w) {
        int d = u.cols();
        double[] out = new double[d];
        float[] x = u.data();
        int spans = (d + SPAN - 1) / SPAN;
        Parallel.forEach(spans, (long) rows.length * d, s -> {
            int c0 = s * SPAN;
            int c1 = Math.min(d, c0 + SPAN);
            for (int r = 0; r < rows.length; r++) {
                double wr = w[r];
                if (wr == 0) {
                    continue;
                }
                int o = u.offset(rows[r]);
                for (int c = c0; c < c1; c++) {
                    out[c] += wr * x[o + c];
                }
            }
        });
        return out;
    }

    /** ||x_rows[r] - center|| for every r. */
    static double[] distances(UpdateMatrix u, int[] rows, double[] center) {
        int n = rows.length;
        int d = u.cols();
        float[] x = u.data();
        int spans = (d + SPAN - 1) / SPAN;
        double[][] partial = new double[spans][];
        Parallel.forEach(spans, (long) n * d, s -> {
            int c0 = s * SPAN;
            int c1 = Math.min(d, c0 + SPAN);
            double[] acc = new double[n];
            for (int r = 0; r < n; r++) {
                int o = u.offset(rows[r]);
                double sum = 0;
                for (int c = c0; c < c1; c++) {
                    double diff = x[o + c] - center[c];
                    sum += diff * diff;
                }
                acc[r] = sum;
            }
            partial[s] = acc;
        });
        double[] out = new double[n];
        for (double[] p : partial) {
            for (int r = 0; r < n; r++) {
                out[r] += p[r];
            }
        }
        for (int r = 0; r < n; r++) {
            out[r] = Math.sqrt(out[r]);
        }
        return out;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** The median of v (the mean of the two middle values for an even length); v is not changed. */
    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
