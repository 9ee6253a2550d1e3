package io.aegis.aggregation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops C2 cannot vectorize on its own, written with the JDK's Vector API: the Gram block's
 * inner products (float multiply-adds in eight lanes, the reduction C2 leaves scalar) and the
 * maximum magnitude of a row (a reduction C2 vectorizes only poorly). Loaded only when
 * {@link VectorSupport#AVAILABLE} (the module is present and vectors are 256 bits or wider).
 * <p>Deterministic: the lanes are fixed at eight (256 bits whatever the hardware offers) and
 * summed in a fixed order in double, never with {@code reduceLanes(ADD)}, whose order is unspecified.
 */
final class VectorKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    static final int LANES = 8;

    private VectorKernels() {}

    /** Bits of the widest vector this machine computes natively (the availability check). */
    static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** max |v| over a[from .. from + len): exact, so it equals the scalar loop's answer. */
    static float maxAbs(float[] a, int from, int len) {
        FloatVector m = FloatVector.zero(S);
        int j = 0;
        // a plain counted loop (i < bound): C2 then drops the range checks and unrolls
        for (int upper = S.loopBound(len); j < upper; j += LANES) {
            m = m.max(FloatVector.fromArray(S, a, from + j).abs());
        }
        float r = m.reduceLanes(VectorOperators.MAX);
        for (; j < len; j++) {
            r = Math.max(r, Math.abs(a[from + j]));
        }
        return r;
    }

    /**
     * dst[to + j] = x[src + j] - c[c0 + j] for j &lt; len, returning max |dst| (exact, like
     * {@link #maxAbs}). Written out because C2 leaves this loop scalar: dst and x may be the same
     * array at an unknown distance, which it cannot rule out.
     */
    static float subtractMaxAbs(float[] x, int src, float[] c, int c0, int len, float[] dst, int to) {
        FloatVector m = FloatVector.zero(S);
        int j = 0;
        // a plain counted loop (i < bound): C2 then drops the range checks and unrolls
        for (int upper = S.loopBound(len); j < upper; j += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, src + j).sub(FloatVector.fromArray(S, c, c0 + j));
            v.intoArray(dst, to + j);
            m = m.max(v.abs());
        }
        float r = m.reduceLanes(VectorOperators.MAX);
        for (; j < len; j++) {
            float v = x[src + j] - c[c0 + j];
            dst[to + j] = v;
            r = Math.max(r, Math.abs(v));
        }
        return r;
    }

    /** a[from .. from + len) *= s. */
    static void scale(float[] a, int from, int len, float s) {
        int j = 0;
        // a plain counted loop (i < bound): C2 then drops the range checks and unrolls
        for (int upper = S.loopBound(len); j < upper; j += LANES) {
            FloatVector.fromArray(S, a, from + j).mul(s).intoArray(a, from + j);
        }
        for (; j < len; j++) {
            a[from + j] *= s;
        }
    }

    /** The most columns of a regular span. */
    static final int MAX_SPAN = 2048;
    /** Columns a last span may run over a regular one (so a block of k spans + 16 columns has k spans). */
    static final int SPAN_SLACK = 64;
    /** The most columns one float accumulation runs over: the length in the error bound. */
    static final int MAX_RUN = MAX_SPAN + SPAN_SLACK;

    /** Columns per pass: the n rows' span stays within 256 KiB, resident in L2 while every tile reads it. */
    static int span(int n) {
        return Math.max(256, Math.min(MAX_SPAN, Integer.highestOneBit((1 << 16) / Math.max(1, n))));
    }

    /**
     * p[a * n + b] += <row a, row b> for b &lt;= a &lt; n, rows of {@code w} floats in x. Columns go
     * in spans of {@link #span(int)}, each span summed in float lanes and then added in double. Four
     * rows against two per pass: the four stay in L1 while the pairs stream from L2 (2 of its loads
     * feed 8 vector multiply-adds; two rows against four, the other way round, needed 4 and ran 22%
     * slower at n = 100). A tile that reaches the diagonal computes its few pairs above it too and
     * drops them.
     */
    static void lowerProducts(float[] x, int n, int w, double[] p) {
        float[] lanes = new float[8 * LANES];
        int span = span(n);
        for (int c0 = 0, end; c0 < w; c0 = end) {
            // a remainder of up to one cache line's worth of vectors joins the last span
            end = w - c0 <= span + SPAN_SLACK ? w : c0 + span;
            for (int i = 0; i < n; i += 4) {
                int top = Math.min(i + 3, n - 1);
                for (int j = 0; j <= top; j += 2) {
                    tile4x2(x, n, w, c0, end, i, j, p, lanes);
                }
            }
        }
    }

    private static void tile4x2(float[] x, int n, int w, int c0, int end, int i, int j, double[] p, float[] lanes) {
        int r0 = i * w;
        int r1 = Math.min(i + 1, n - 1) * w;
        int r2 = Math.min(i + 2, n - 1) * w;
        int r3 = Math.min(i + 3, n - 1) * w;
        int q0 = j * w;
        int q1 = Math.min(j + 1, n - 1) * w;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector b2 = a0;
        FloatVector b3 = a0;
        int k = c0;
        // a plain counted loop (k < bound): C2 then drops the range checks and unrolls
        for (int upper = c0 + S.loopBound(end - c0); k < upper; k += LANES) {
            FloatVector y0 = FloatVector.fromArray(S, x, q0 + k);
            FloatVector y1 = FloatVector.fromArray(S, x, q1 + k);
            FloatVector x0 = FloatVector.fromArray(S, x, r0 + k);
            a0 = x0.fma(y0, a0);
            b0 = x0.fma(y1, b0);
            FloatVector x1 = FloatVector.fromArray(S, x, r1 + k);
            a1 = x1.fma(y0, a1);
            b1 = x1.fma(y1, b1);
            FloatVector x2 = FloatVector.fromArray(S, x, r2 + k);
            a2 = x2.fma(y0, a2);
            b2 = x2.fma(y1, b2);
            FloatVector x3 = FloatVector.fromArray(S, x, r3 + k);
            a3 = x3.fma(y0, a3);
            b3 = x3.fma(y1, b3);
        }
        // vectors stay in this method (passed to another they may be boxed): lanes out, then scalars
        a0.intoArray(lanes, 0);
        a1.intoArray(lanes, 8);
        a2.intoArray(lanes, 16);
        a3.intoArray(lanes, 24);
        b0.intoArray(lanes, 32);
        b1.intoArray(lanes, 40);
        b2.intoArray(lanes, 48);
        b3.intoArray(lanes, 56);
        for (int r = 0; r < 4 && i + r < n; r++) {
            for (int c = 0; c < 2; c++) {
                int b = j + c;
                if (b <= i + r) {
                    double t = k == end ? 0.0
                            : tail(x, r == 0 ? r0 : r == 1 ? r1 : r == 2 ? r2 : r3, c == 0 ? q0 : q1, k, end);
                    p[(i + r) * n + b] += sum(lanes, 8 * (4 * c + r)) + t;
                }
            }
        }
    }

    /** Eight lanes from {@code at} summed in double, in a fixed order. */
    private static double sum(float[] lanes, int at) {
        return (((double) lanes[at] + lanes[at + 1]) + ((double) lanes[at + 2] + lanes[at + 3]))
                + (((double) lanes[at + 4] + lanes[at + 5]) + ((double) lanes[at + 6] + lanes[at + 7]));
    }

    /** The columns after the last full vector, as one more float multiply-add chain. */
    private static double tail(float[] x, int oa, int ob, int k, int end) {
        float s = 0f;
        for (; k < end; k++) {
            s = Math.fma(x[oa + k], x[ob + k], s);
        }
        return s;
    }
}
