package io.aegis.aggregation;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Slow, obviously-correct versions of the rules (full sorts, direct distances) to check the fast ones against. */
final class Reference {
    private Reference() {}

    static double[] column(UpdateMatrix u, int c) {
        double[] v = new double[u.rows()];
        for (int i = 0; i < u.rows(); i++) {
            v[i] = u.get(i, c);
        }
        Arrays.sort(v);
        return v;
    }

    static double[] median(UpdateMatrix u) {
        double[] out = new double[u.cols()];
        int n = u.rows();
        for (int c = 0; c < u.cols(); c++) {
            double[] v = column(u, c);
            out[c] = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }
        return out;
    }

    static double[] trimmedMean(UpdateMatrix u, int t) {
        double[] out = new double[u.cols()];
        int n = u.rows();
        for (int c = 0; c < u.cols(); c++) {
            double[] v = column(u, c);
            double s = 0;
            for (int i = t; i < n - t; i++) {
                s += v[i];
            }
            out[c] = s / (n - 2 * t);
        }
        return out;
    }

    static double squaredDistance(UpdateMatrix u, int a, int b) {
        double s = 0;
        for (int c = 0; c < u.cols(); c++) {
            double diff = (double) u.get(a, c) - u.get(b, c);
            s += diff * diff;
        }
        return s;
    }

    /** Krum scores over the rows not removed, neighbours = remaining - f - 2 (at least 0). */
    static double[] krumScores(UpdateMatrix u, int f, boolean[] removed) {
        int n = u.rows();
        int remaining = 0;
        for (int i = 0; i < n; i++) {
            remaining += removed[i] ? 0 : 1;
        }
        int k = Math.max(0, remaining - f - 2);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            if (removed[i]) {
                scores[i] = Double.POSITIVE_INFINITY;
                continue;
            }
            double[] d = new double[remaining - 1];
            int len = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && !removed[j]) {
                    d[len++] = squaredDistance(u, i, j);
                }
            }
            Arrays.sort(d);
            for (int j = 0; j < k; j++) {
                scores[i] += d[j];
            }
        }
        return scores;
    }

    static double[] mean(UpdateMatrix u, int[] rows) {
        double[] out = new double[u.cols()];
        for (int r : rows) {
            for (int c = 0; c < u.cols(); c++) {
                out[c] += u.get(r, c);
            }
        }
        for (int c = 0; c < u.cols(); c++) {
            out[c] /= rows.length;
        }
        return out;
    }

    static UpdateMatrix random(SplittableRandom rng, int n, int d, boolean smallIntegers) {
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = smallIntegers ? rng.nextInt(-5, 6) : (float) Seedless.gaussian(rng);
        }
        return new UpdateMatrix(x, n, d);
    }

    static UpdateMatrix permute(UpdateMatrix u, int[] perm) {
        return u.select(perm);
    }

    static int[] shuffle(SplittableRandom rng, int n) {
        int[] p = AggregationResult.all(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static final class Seedless {
        static double gaussian(SplittableRandom rng) {
            return io.aegis.util.Seeds.gaussian(rng);
        }
    }
}
