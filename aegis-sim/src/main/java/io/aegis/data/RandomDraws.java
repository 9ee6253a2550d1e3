package io.aegis.data;

import io.aegis.util.Seeds;
import java.util.SplittableRandom;

/** Random draws the data code needs beyond SplittableRandom: shuffles, Gamma and Dirichlet. */
final class RandomDraws {
    private RandomDraws() {}

    /** 0..n-1 in a random order (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rng);
        return p;
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the U^(1/shape) boost for shape < 1. */
    static double gamma(double shape, SplittableRandom rng) {
        if (shape < 1.0) {
            double u = rng.nextDouble();
            return gamma(shape + 1.0, rng) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = Seeds.gaussian(rng);
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * Symmetric Dirichlet(alpha) over k categories. For tiny alpha every Gamma draw can underflow
     * to 0; the limit of the distribution then puts all mass on one category, which is what we return.
     */
    static double[] dirichlet(double alpha, int k, SplittableRandom rng) {
        double[] p = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            p[i] = gamma(alpha, rng);
            sum += p[i];
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            java.util.Arrays.fill(p, 0);
            p[rng.nextInt(k)] = 1;
            return p;
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
