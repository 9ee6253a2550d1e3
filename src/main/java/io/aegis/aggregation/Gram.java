package io.aegis.aggregation;

/**
 * Pairwise inner products G[a][b] = <x_rows[a], x_rows[b]> of chosen rows, the one pass over the
 * data that both cosine similarity (STPA) and squared distances (Krum, Bulyan) derive from.
 * Column chunks are processed in order and each entry is accumulated in double, always in the
 * same column order, so the result does not depend on the number of threads; within a chunk the
 * row-tile pairs run in parallel while the chunk is hot in cache.
 */
final class Gram {
    private static final int TILE = 8;

    private Gram() {}

    /** Symmetric n x n Gram matrix (row-major) of the given rows. */
    static double[] of(UpdateMatrix m, int[] rows) {
        int n = rows.length;
        int d = m.cols();
        double[] g = new double[n * n];
        if (n == 0 || d == 0) {
            return g;
        }
        float[] data = m.data();
        int[] off = new int[n];
        for (int r = 0; r < n; r++) {
            off[r] = m.offset(rows[r]);
        }
        int chunk = Math.max(512, Math.min(16384, (1 << 19) / n));
        int tiles = (n + TILE - 1) / TILE;
        int pairs = tiles * (tiles + 1) / 2;
        int[] pairI = new int[pairs];
        int[] pairJ = new int[pairs];
        for (int ti = 0, p = 0; ti < tiles; ti++) {
            for (int tj = 0; tj <= ti; tj++, p++) {
                pairI[p] = ti;
                pairJ[p] = tj;
            }
        }
        for (int c0 = 0; c0 < d; c0 += chunk) {
            int from = c0;
            int to = Math.min(d, c0 + chunk);
            Parallel.forEach(pairs, p -> tilePair(data, off, n, g, pairI[p] * TILE, pairJ[p] * TILE, from, to));
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                g[b * n + a] = g[a * n + b];
            }
        }
        return g;
    }

    /** Adds columns [from, to) of the products of row tile i0 with row tile j0 (lower triangle only). */
    private static void tilePair(float[] x, int[] off, int n, double[] g, int i0, int j0, int from, int to) {
        int iEnd = Math.min(n, i0 + TILE);
        int jEnd = Math.min(n, j0 + TILE);
        for (int i = i0; i < iEnd; i++) {
            int last = Math.min(jEnd, i + 1);
            int oi = off[i] + from;
            int len = to - from;
            int j = j0;
            for (; j + 3 < last; j += 4) {
                int o0 = off[j] + from;
                int o1 = off[j + 1] + from;
                int o2 = off[j + 2] + from;
                int o3 = off[j + 3] + from;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int k = 0; k < len; k++) {
                    double xi = x[oi + k];
                    s0 += xi * x[o0 + k];
                    s1 += xi * x[o1 + k];
                    s2 += xi * x[o2 + k];
                    s3 += xi * x[o3 + k];
                }
                g[i * n + j] += s0;
                g[i * n + j + 1] += s1;
                g[i * n + j + 2] += s2;
                g[i * n + j + 3] += s3;
            }
            for (; j < last; j++) {
                int oj = off[j] + from;
                double s = 0;
                for (int k = 0; k < len; k++) {
                    s += (double) x[oi + k] * x[oj + k];
                }
                g[i * n + j] += s;
            }
        }
    }

    /** Cosine similarities from a Gram matrix; a zero vector has similarity 0 with everything (NOTES.md). */
    static double[] cosine(double[] g, int n) {
        double[] s = new double[n * n];
        double[] norm = new double[n];
        for (int a = 0; a < n; a++) {
            norm[a] = Math.sqrt(Math.max(0.0, g[a * n + a]));
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double den = norm[a] * norm[b];
                double c = den > 0 ? g[a * n + b] / den : 0.0;
                s[a * n + b] = Math.max(-1.0, Math.min(1.0, c));
            }
        }
        return s;
    }

    /** Squared Euclidean distances from a Gram matrix (clamped at 0 against rounding). */
    static double[] squaredDistances(double[] g, int n) {
        double[] dist = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                dist[a * n + b] = a == b ? 0.0 : Math.max(0.0, g[a * n + a] + g[b * n + b] - 2.0 * g[a * n + b]);
            }
        }
        return dist;
    }
}
