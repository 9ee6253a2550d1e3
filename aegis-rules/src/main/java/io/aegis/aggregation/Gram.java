package io.aegis.aggregation;

import java.util.Arrays;

/**
 * Pairwise inner products G[a][b] = <x_rows[a], x_rows[b]> of chosen rows and the squared
 * distances derived from them: the one pass over the data that cosine similarity (STPA) and
 * Krum, Multi-Krum and Bulyan need. Exact and finite for every finite float input:
 * <ul>
 * <li>each block of columns is copied with every row scaled by its own power of two so that its
 *     values are below 1 in magnitude: the backend's float products cannot overflow (1e30 squared)
 *     nor lose tiny rows (1e-30 squared) to underflow, and the scale comes back exactly in double;</li>
 * <li>blocks are summed in double, in a fixed order over a fixed number of groups, so the result
 *     does not depend on the thread count;</li>
 * <li>distances are taken from rows centred on a robust centre (the coordinate-wise median of a
 *     few rows: an outlier cannot move it), and every distance whose cancellation the backend's
 *     error bound cannot vouch for, or that is not finite, is recomputed directly in double.</li>
 * </ul>
 * Small rounds compute distances directly; larger ones use the best {@link GramBackend} found for
 * their number of rows (the Vector API kernel, a native BLAS for many rows, else pure Java).
 */
final class Gram {
    /** Fixed number of column-block groups (summed in this order): results independent of threads. */
    private static final int GROUPS = 4;
    /**
     * Rows of the sample whose coordinate-wise median centres the distance Gram. The centre only
     * has to lie near the bulk of the rows for the cancellation to stay small (a poor centre costs
     * recomputation, never accuracy); 7 rows need 4 outliers to leave it, at a quarter of the cost
     * of 31 (JFR: the median of 20 rows was a fifth of Krum at n = 20).
     */
    private static final int CENTRE_SAMPLE = 7;
    /** Distances are recomputed unless the cancellation leaves them 2^12 times the error bound. */
    private static final double TRUST = 0x1p12;
    /** Rounding x - centre to float, twice (both rows of a product). */
    private static final double INPUT_ROUNDING = 0x1p-23;

    /**
     * Work (n^2 d / 2 multiply-adds) above which rounds use the best backend for their size;
     * -Daegis.gram.blas-threshold (0 = always, -1 = never: the pure-Java one).
     */
    private static final long BACKEND_THRESHOLD = Long.getLong("aegis.gram.blas-threshold", 20_000_000L);
    /** Below this work, distances are summed directly over (x_a - x_b)^2. */
    private static final long DIRECT_THRESHOLD = 4_000_000L;

    private Gram() {}

    private static long work(int n, int d) {
        return (long) n * n * d / 2;
    }

    static GramBackend backendFor(int n, int d) {
        GramBackend forced = GramBackends.forced();
        if (forced != null) {
            return forced;
        }
        boolean large = BACKEND_THRESHOLD == 0 || (BACKEND_THRESHOLD > 0 && work(n, d) >= BACKEND_THRESHOLD);
        return large ? GramBackends.best(n) : GramBackends.java();
    }

    /** Symmetric n x n Gram matrix (row-major) of the given rows, relative error within the backend's bound. */
    static double[] of(UpdateMatrix m, int[] rows) {
        return products(m, rows, null, backendFor(rows.length, m.cols()));
    }

    /** Squared pairwise distances (n x n, zero diagonal), each exact to double rounding or within 2^-12 relative. */
    static double[] squaredDistances(UpdateMatrix m, int[] rows) {
        int n = rows.length;
        int d = m.cols();
        if (n <= 1 || d == 0) {
            return new double[n * n];
        }
        if (GramBackends.forced() == null && work(n, d) < DIRECT_THRESHOLD) {
            return direct(m, rows);
        }
        GramBackend backend = backendFor(n, d);
        double[] g = products(m, rows, centre(m, rows), backend);
        int width = Math.min(d, backend.blockWidth(n));
        double bound = TRUST * (INPUT_ROUNDING + backend.relativeError(width));
        double[] dist = new double[n * n];
        int[] redo = new int[n * (n - 1) / 2];
        int count = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                double gaa = g[a * n + a];
                double gbb = g[b * n + b];
                double v = gaa + gbb - 2.0 * g[a * n + b];
                if (v >= bound * (gaa + gbb) && Double.isFinite(v)) {
                    dist[a * n + b] = v;
                    dist[b * n + a] = v;
                } else {
                    redo[count++] = a * n + b;
                }
            }
        }
        int pairs = count;
        float[] x = m.data();
        Parallel.forEach(pairs, (long) pairs * d, k -> {
            int a = redo[k] / n;
            int b = redo[k] % n;
            int oa = m.offset(rows[a]);
            int ob = m.offset(rows[b]);
            // colluding attackers (ALIE, IPM) send identical rows: every one of their pairs lands
            // here, and a vectorized comparison settles it at a fraction of the double sum's cost
            double v = Arrays.equals(x, oa, oa + d, x, ob, ob + d) ? 0.0 : squaredDistance(x, oa, ob, d);
            dist[a * n + b] = v;
            dist[b * n + a] = v;
        });
        return dist;
    }

    /** Every distance summed directly: the reference, used for small rounds. */
    static double[] direct(UpdateMatrix m, int[] rows) {
        int n = rows.length;
        int d = m.cols();
        double[] dist = new double[n * n];
        float[] x = m.data();
        Parallel.forEach(n, work(n, d), a -> {
            for (int b = 0; b < a; b++) {
                double v = squaredDistance(x, m.offset(rows[a]), m.offset(rows[b]), d);
                dist[a * n + b] = v;
                dist[b * n + a] = v;
            }
        });
        return dist;
    }

    private static double squaredDistance(float[] x, int oa, int ob, int d) {
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < d; k += 2) {
            double u = (double) x[oa + k] - x[ob + k];
            double v = (double) x[oa + k + 1] - x[ob + k + 1];
            s0 += u * u;
            s1 += v * v;
        }
        if (k < d) {
            double u = (double) x[oa + k] - x[ob + k];
            s0 += u * u;
        }
        return s0 + s1;
    }

    /** The coordinate-wise median of up to CENTRE_SAMPLE evenly spaced rows, rounded to float. */
    static float[] centre(UpdateMatrix m, int[] rows) {
        int n = rows.length;
        int k = Math.min(n, CENTRE_SAMPLE);
        int[] sample = new int[k];
        for (int i = 0; i < k; i++) {
            sample[i] = rows[(int) ((long) i * n / k)];
        }
        double[] c = SortedBlocks.median(m, sample);
        float[] out = new float[c.length];
        for (int j = 0; j < c.length; j++) {
            out[j] = (float) c[j];
        }
        return out;
    }

    /**
     * G[a][b] = <x_a - centre, x_b - centre> (centre null: no shift), from blocks of columns whose
     * rows are scaled by powers of two into (-1, 1) before the backend multiplies them.
     */
    static double[] products(UpdateMatrix m, int[] rows, float[] centre, GramBackend backend) {
        int n = rows.length;
        int d = m.cols();
        double[] g = new double[n * n];
        if (n == 0 || d == 0) {
            return g;
        }
        int width = Math.min(d, backend.blockWidth(n));
        int blocks = (d + width - 1) / width;
        int groups = Math.min(GROUPS, blocks);
        float[] x = m.data();
        int[] off = new int[n];
        for (int r = 0; r < n; r++) {
            off[r] = m.offset(rows[r]);
        }
        double[][] partial = new double[groups][];
        Parallel.forEach(groups, work(n, d), group -> {
            float[] block = new float[n * width];
            int[] exp = new int[n];
            double[] acc = new double[n * n];
            for (int k = group; k < blocks; k += groups) {
                int c0 = k * width;
                int w = Math.min(width, d - c0);
                for (int r = 0; r < n; r++) {
                    exp[r] = pack(x, off[r] + c0, centre, c0, w, block, r * width);
                    if (w < width) {
                        Arrays.fill(block, r * width + w, (r + 1) * width, 0f);
                    }
                }
                backend.addScaledProducts(block, n, width, exp, acc);
            }
            partial[group] = acc;
        });
        for (double[] p : partial) {
            for (int i = 0; i < n * n; i++) {
                g[i] += p[i];
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                g[b * n + a] = g[a * n + b];
            }
        }
        return g;
    }

    /**
     * Copies w values (minus the centre) into dst scaled by 2^-e so that they are below 1 in
     * magnitude; returns e. Works in float, which the JIT vectorizes (JFR: the double version was
     * the largest cost of Krum at n = 20): x - c rounds once, as the error bound assumes, and the
     * power-of-two scale is exact. Where float cannot hold the difference or the scale (|x - c|
     * beyond the float range or subnormal), the block is redone in double.
     */
    private static int pack(float[] x, int src, float[] centre, int c0, int w, float[] dst, int to) {
        float max;
        if (centre == null) {
            System.arraycopy(x, src, dst, to, w);
            max = maxAbs(dst, to, w);
        } else {
            max = subtractMaxAbs(x, src, centre, c0, w, dst, to);
        }
        if (max == 0) {
            return 0;
        }
        int e = Math.getExponent(max) + 1;
        if (e > Float.MAX_EXPONENT || e <= Float.MIN_EXPONENT) {
            return packInDouble(x, src, centre, c0, w, dst, to);
        }
        scale(dst, to, w, Math.scalb(1f, -e));
        return e;
    }

    /** dst = x - c over w values, returning max |dst|; the Vector API loop when there is one. */
    private static float subtractMaxAbs(float[] x, int src, float[] c, int c0, int w, float[] dst, int to) {
        if (VectorSupport.AVAILABLE) {
            return VectorKernels.subtractMaxAbs(x, src, c, c0, w, dst, to);
        }
        for (int j = 0; j < w; j++) {
            dst[to + j] = x[src + j] - c[c0 + j];
        }
        return maxAbs(dst, to, w);
    }

    /** a[from .. from + len) *= s. */
    private static void scale(float[] a, int from, int len, float s) {
        if (VectorSupport.AVAILABLE) {
            VectorKernels.scale(a, from, len, s);
            return;
        }
        for (int j = 0; j < len; j++) {
            a[from + j] *= s;
        }
    }

    /** max |v| over a[from .. from + len) (finite floats or infinity); exact on either path. */
    static float maxAbs(float[] a, int from, int len) {
        if (VectorSupport.AVAILABLE) {
            return VectorKernels.maxAbs(a, from, len);
        }
        // the bits of |v| order like |v|: an int maximum
        int bits = 0;
        for (int j = 0; j < len; j++) {
            bits = Math.max(bits, Float.floatToRawIntBits(a[from + j]) & 0x7fffffff);
        }
        return Float.intBitsToFloat(bits);
    }

    /** The same in double, where the difference cannot overflow and 2^-e is always normal. */
    private static int packInDouble(float[] x, int src, float[] centre, int c0, int w, float[] dst, int to) {
        double max = 0;
        for (int j = 0; j < w; j++) {
            max = Math.max(max, Math.abs((double) x[src + j] - (centre == null ? 0f : centre[c0 + j])));
        }
        int e = max == 0 ? 0 : Math.getExponent(max) + 1;
        double scale = Math.scalb(1.0, -e);
        for (int j = 0; j < w; j++) {
            dst[to + j] = (float) (((double) x[src + j] - (centre == null ? 0f : centre[c0 + j])) * scale);
        }
        return e;
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
                s[a * n + b] = c >= -1.0 ? Math.min(1.0, c) : (c < -1.0 ? -1.0 : 0.0);
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
