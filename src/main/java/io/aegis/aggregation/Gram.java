package io.aegis.aggregation;

/**
 * Pairwise inner products G[a][b] = <x_rows[a], x_rows[b]> of chosen rows, the one pass over the
 * data that both cosine similarity (STPA) and squared distances (Krum, Bulyan) derive from.
 * Three paths, chosen by size only (so a run stays a function of its inputs): {@link #exact} for
 * small inputs (double accumulation, the reference for offline comparisons), {@link GramLanes} for
 * large rounds of fewer than 40 updates, {@link GramBlas} for large rounds of 40 or more.
 * Every path sums in a fixed order, so results do not depend on the number of threads.
 */
final class Gram {
    private static final int TILE = 8;

    private Gram() {}

    /**
     * Work (n^2 d / 2 multiply-adds) above which the BLAS path is used; tune with
     * -Daegis.gram.blas-threshold (0 = always, -1 = never).
     */
    private static final long BLAS_THRESHOLD = Long.getLong("aegis.gram.blas-threshold", 20_000_000L);

    /** Work above which rounds too small for BLAS use the vectorized lane sums. */
    private static final long LANES_THRESHOLD = 20_000_000L;

    /**
     * Symmetric n x n Gram matrix (row-major) of the given rows, for cosine similarities: large
     * rounds go through BLAS, small ones through vectorized lane sums (relative error ~1e-9, which
     * cosines tolerate; distances, which cancel, use {@link #squaredDistances(UpdateMatrix, int[])}).
     */
    static double[] of(UpdateMatrix m, int[] rows) {
        if (useBlas(rows.length, m.cols())) {
            return GramBlas.of(m, rows, null);
        }
        // small inputs (offline checks against other implementations) get the exact path
        return work(rows.length, m.cols()) >= LANES_THRESHOLD ? GramLanes.of(m, rows) : exact(m, rows);
    }

    private static long work(int n, int d) {
        return (long) n * n * d / 2;
    }

    /**
     * Squared pairwise distances. The BLAS path first centres the rows on their mean (distances do
     * not change) so that |x_a|^2 + |x_b|^2 - 2<x_a, x_b> does not cancel catastrophically in floats.
     */
    static double[] squaredDistances(UpdateMatrix m, int[] rows) {
        int n = rows.length;
        if (!useBlas(n, m.cols())) {
            return squaredDistances(exact(m, rows), n);
        }
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        return squaredDistances(GramBlas.of(m, rows, RowMath.weightedSum(m, rows, w)), n);
    }

    static boolean useBlas(int n, int d) {
        return BLAS_THRESHOLD == 0 || (BLAS_THRESHOLD > 0 && n >= 40 && work(n, d) >= BLAS_THRESHOLD);
    }

    /**
     * Gram matrix accumulated in double in plain Java: exact to double rounding, for small rounds.
     * Column chunks go in order; within a chunk the row-tile pairs run in parallel while it is in cache.
     */
    static double[] exact(UpdateMatrix m, int[] rows) {
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
            Parallel.forEach(pairs, (long) n * n * (to - from) / 2, p -> tilePair(data, off, n, g, pairI[p] * TILE, pairJ[p] * TILE, from, to));
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
        int len = to - from;
        int i = i0;
        // two rows against four: 6 loads feed 8 multiply-adds
        for (; i + 1 < iEnd; i += 2) {
            int last = Math.min(jEnd, i + 1);
            int oa = off[i] + from;
            int ob = off[i + 1] + from;
            int j = j0;
            for (; j + 3 < last; j += 4) {
                int o0 = off[j] + from;
                int o1 = off[j + 1] + from;
                int o2 = off[j + 2] + from;
                int o3 = off[j + 3] + from;
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
                g[i * n + j] += dot(x, oa, off[j] + from, len);
                g[(i + 1) * n + j] += dot(x, ob, off[j] + from, len);
            }
            // row i + 1 also pairs with column i + 1 when that is inside this tile
            if (last == i + 1 && i + 1 < jEnd) {
                g[(i + 1) * n + i + 1] += dot(x, ob, ob, len);
            }
        }
        for (; i < iEnd; i++) {
            int last = Math.min(jEnd, i + 1);
            for (int j = j0; j < last; j++) {
                g[i * n + j] += dot(x, off[i] + from, off[j] + from, len);
            }
        }
    }

    private static double dot(float[] x, int a, int b, int len) {
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < len; k += 2) {
            s0 += (double) x[a + k] * x[b + k];
            s1 += (double) x[a + k + 1] * x[b + k + 1];
        }
        if (k < len) {
            s0 += (double) x[a + k] * x[b + k];
        }
        return s0 + s1;
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
