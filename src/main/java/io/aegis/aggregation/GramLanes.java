package io.aegis.aggregation;

import java.util.Arrays;

/**
 * The Gram matrix of a few dozen rows in plain Java, fast: each pair's products are summed
 * lane-wise (acc[j] += a[j] * b[j] over a block of columns), a loop the JIT vectorizes, unlike a
 * scalar dot-product reduction. Lanes are flushed into double every few blocks, so each float sum
 * has only a handful of terms (relative error about 1e-9). Column blocks are dealt to a fixed
 * number of groups summed in a fixed order, so the result does not depend on the thread count.
 * Memory per group: n(n+1)/2 lane vectors plus one block of rows; used for n below 40.
 */
final class GramLanes {
    private static final int GROUPS = 4;
    private static final int FLUSH_EVERY = 16;

    private GramLanes() {}

    static double[] of(UpdateMatrix m, int[] rows) {
        int n = rows.length;
        int d = m.cols();
        int width = Math.max(16, Math.min(256, (d + 15) / 16 * 16));
        int blocks = (d + width - 1) / width;
        int pairs = n * (n + 1) / 2;
        float[] x = m.data();
        double[][] partial = new double[GROUPS][];
        Parallel.forEach(GROUPS, (long) pairs * d, group -> {
            float[][] acc = new float[pairs][width];
            float[][] buf = new float[n][width];
            double[] g = new double[n * n];
            int pending = 0;
            for (int b = group; b < blocks; b += GROUPS) {
                int c0 = b * width;
                int w = Math.min(width, d - c0);
                for (int r = 0; r < n; r++) {
                    System.arraycopy(x, m.offset(rows[r]) + c0, buf[r], 0, w);
                    if (w < width) {
                        Arrays.fill(buf[r], w, width, 0f);
                    }
                }
                for (int i = 0, p = 0; i < n; i++) {
                    float[] a = buf[i];
                    for (int j = 0; j <= i; j++, p++) {
                        float[] c = buf[j];
                        float[] s = acc[p];
                        for (int k = 0; k < width; k++) {
                            s[k] += a[k] * c[k];
                        }
                    }
                }
                if (++pending == FLUSH_EVERY) {
                    flush(acc, g, n);
                    pending = 0;
                }
            }
            flush(acc, g, n);
            partial[group] = g;
        });
        double[] g = new double[n * n];
        for (double[] p : partial) {
            for (int i = 0; i < n * n; i++) {
                g[i] += p[i];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                g[j * n + i] = g[i * n + j];
            }
        }
        return g;
    }

    private static void flush(float[][] acc, double[] g, int n) {
        for (int i = 0, p = 0; i < n; i++) {
            for (int j = 0; j <= i; j++, p++) {
                float[] s = acc[p];
                double t = 0;
                for (int k = 0; k < s.length; k++) {
                    t += s[k];
                }
                Arrays.fill(s, 0f);
                g[i * n + j] += t;
            }
        }
    }
}
