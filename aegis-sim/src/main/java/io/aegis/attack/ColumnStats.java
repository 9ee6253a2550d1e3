package io.aegis.attack;

import io.aegis.aggregation.UpdateMatrix;

/**
 * Coordinate-wise mean and standard deviation of a set of updates, in double precision.
 * The standard deviation is the sample one (ddof = 1), as {@code torch.std} computes it in the
 * reference implementations of ALIE (epfml / Blades) and Min-Max (Shejwalkar & Houmansadr).
 */
final class ColumnStats {
    private ColumnStats() {}

    /** Coordinate-wise mean; all zeros when there are no rows. */
    static double[] mean(UpdateMatrix m) {
        int n = m.rows();
        int d = m.cols();
        float[] x = m.data();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int off = m.offset(i);
            for (int j = 0; j < d; j++) {
                mean[j] += x[off + j];
            }
        }
        if (n > 0) {
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
        }
        return mean;
    }

    /** Coordinate-wise sample standard deviation (ddof = 1); all zeros with fewer than 2 rows. */
    static double[] sampleStd(UpdateMatrix m, double[] mean) {
        int n = m.rows();
        int d = m.cols();
        float[] x = m.data();
        double[] var = new double[d];
        if (n < 2) {
            return var;
        }
        for (int i = 0; i < n; i++) {
            int off = m.offset(i);
            for (int j = 0; j < d; j++) {
                double e = x[off + j] - mean[j];
                var[j] += e * e;
            }
        }
        for (int j = 0; j < d; j++) {
            var[j] = Math.sqrt(var[j] / (n - 1));
        }
        return var;
    }

    static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = (float) v[j];
        }
        return out;
    }

    /** {@code attackers} copies of the same row (each its own array, so receivers may keep them). */
    static float[][] repeat(float[] row, int attackers) {
        float[][] out = new float[attackers][];
        for (int k = 0; k < attackers; k++) {
            out[k] = row.clone();
        }
        return out;
    }

    static void checkCounts(int participants, int attackers) {
        if (attackers < 0 || participants < attackers) {
            throw new IllegalArgumentException("need 0 <= attackers <= participants, got attackers = "
                    + attackers + ", participants = " + participants);
        }
    }
}
