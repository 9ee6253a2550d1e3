package io.aegis.model;

import io.aegis.data.Samples;
import java.util.SplittableRandom;

/** Small labelled data sets for model tests. */
final class TestData {
    private TestData() {}

    /** Gaussian blobs: class c is centred at +3 on feature (c mod dim), unit noise; linearly separable in practice. */
    static Samples blobs(int n, int dim, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
            for (int j = 0; j < dim; j++) {
                x[i * dim + j] = (float) (rng.nextGaussian() * 0.7 + (j == y[i] % dim ? 3.0 : 0.0));
            }
        }
        return new Samples(x, y, dim, classes);
    }

    /** Single-channel size x size images in [0, 1]: class 0 is bright on the left half, class 1 on the right. */
    static Samples halves(int n, int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int len = size * size;
        float[] x = new float[n * len];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(2);
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    boolean lit = (c < size / 2) == (y[i] == 0);
                    x[i * len + r * size + c] = (float) (lit ? 0.6 + 0.4 * rng.nextDouble() : 0.3 * rng.nextDouble());
                }
            }
        }
        return new Samples(x, y, len, 2);
    }

    static float[] plus(float[] a, float[] b) {
        float[] s = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }
}
