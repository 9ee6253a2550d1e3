package io.aegis.aggregation;

/**
 * The pure-Java Gram backend (always available): products of the float block summed in double,
 * two rows against four per pass (6 loads feed 8 multiply-adds). Each product of two floats is
 * exact in double, so a block's only error is the double summation.
 */
public final class JavaGramBackend implements GramBackend {
    private static final int TILE = 8;

    @Override
    public String name() {
        return "java";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public int blockWidth(int n) {
        return Math.max(512, Math.min(16384, (1 << 19) / Math.max(1, n)));
    }

    @Override
    public double relativeError(int width) {
        return width * 0x1p-53;
    }

    @Override
    public void addScaledProducts(float[] x, int n, int width, int[] exp, double[] g) {
        double[] p = new double[n * n];
        int tiles = (n + TILE - 1) / TILE;
        for (int ti = 0; ti < tiles; ti++) {
            for (int tj = 0; tj <= ti; tj++) {
                tilePair(x, width, n, p, ti * TILE, tj * TILE);
            }
        }
        addScaled(p, n, exp, g);
    }

    /** g[a][b] += 2^(exp[a] + exp[b]) p[a][b] over the lower triangle: a block's products back to their scale. */
    static void addScaled(double[] p, int n, int[] exp, double[] g) {
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                g[a * n + b] += Math.scalb(p[a * n + b], exp[a] + exp[b]);
            }
        }
    }

    /** Products of row tile i0 with row tile j0 (lower triangle only) into p. */
    private static void tilePair(float[] x, int len, int n, double[] g, int i0, int j0) {
        int iEnd = Math.min(n, i0 + TILE);
        int jEnd = Math.min(n, j0 + TILE);
        int i = i0;
        for (; i + 1 < iEnd; i += 2) {
            int last = Math.min(jEnd, i + 1);
            int oa = i * len;
            int ob = (i + 1) * len;
            int j = j0;
            for (; j + 3 < last; j += 4) {
                int o0 = j * len;
                int o1 = o0 + len;
                int o2 = o1 + len;
                int o3 = o2 + len;
                double a0 = 0;
                double a1 = 0;
                double a2 = 0;
                double a3 = 0;
                double b0 = 0;
                double b1 = 0;
                double b2 = 0;
                double b3 = 0;
                for (int k = 0; k < len; k++) {
                    double xa = x[oa + k];
                    double xb = x[ob + k];
                    double y0 = x[o0 + k];
                    double y1 = x[o1 + k];
                    double y2 = x[o2 + k];
                    double y3 = x[o3 + k];
                    a0 += xa * y0;
                    a1 += xa * y1;
                    a2 += xa * y2;
                    a3 += xa * y3;
                    b0 += xb * y0;
                    b1 += xb * y1;
                    b2 += xb * y2;
                    b3 += xb * y3;
                }
                g[i * n + j] += a0;
                g[i * n + j + 1] += a1;
                g[i * n + j + 2] += a2;
                g[i * n + j + 3] += a3;
                g[(i + 1) * n + j] += b0;
                g[(i + 1) * n + j + 1] += b1;
                g[(i + 1) * n + j + 2] += b2;
                g[(i + 1) * n + j + 3] += b3;
            }
            for (; j < last; j++) {
                g[i * n + j] += dot(x, oa, j * len, len);
                g[(i + 1) * n + j] += dot(x, ob, j * len, len);
            }
            // row i + 1 also pairs with column i + 1 when that is inside this tile
            if (last == i + 1 && i + 1 < jEnd) {
                g[(i + 1) * n + i + 1] += dot(x, ob, ob, len);
            }
        }
        for (; i < iEnd; i++) {
            int last = Math.min(jEnd, i + 1);
            for (int j = j0; j < last; j++) {
                g[i * n + j] += dot(x, i * len, j * len, len);
            }
        }
    }

    /**
     * Four partial sums: the pairs outside the 2 x 4 kernel (diagonal tiles, small n) run here, and
     * with two sums each multiply-add waited for the previous one (JFR: 45% of the Gram at n = 20).
     */
    static double dot(float[] x, int a, int b, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += (double) x[a + k] * x[b + k];
            s1 += (double) x[a + k + 1] * x[b + k + 1];
            s2 += (double) x[a + k + 2] * x[b + k + 2];
            s3 += (double) x[a + k + 3] * x[b + k + 3];
        }
        for (; k < len; k++) {
            s0 += (double) x[a + k] * x[b + k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
