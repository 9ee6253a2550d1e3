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
        for (; j + LANES <= len; j += LANES) {
            m = m.max(FloatVector.fromArray(S, a, from + j).abs());
        }
        float r = m.reduceLanes(VectorOperators.MAX);
        for (; j < len; j++) {
            r = Math.max(r, Math.abs(a[from + j]));
        }
        return r;
    }

    /** a[from .. from + len) *= s. */
    static void scale(float[] a, int from, int len, float s) {
        int j = 0;
        for (; j + LANES <= len; j += LANES) {
            FloatVector.fromArray(S, a, from + j).mul(s).intoArray(a, from + j);
        }
        for (; j < len; j++) {
            a[from + j] *= s;
        }
    }

    /**
     * p[a * n + b] += <row a, row b> for b &lt;= a &lt; n, rows of {@code w} floats in x. Two rows
     * against four per pass: 6 loads feed 8 vector multiply-adds, which keeps the block in L2.
     */
    static void lowerProducts(float[] x, int n, int w, double[] p) {
        float[] lanes = new float[LANES];
        int i = 0;
        for (; i + 1 < n; i += 2) {
            int j = 0;
            for (; j + 3 <= i; j += 4) {
                tile2x4(x, n, w, i, j, p, lanes);
            }
            for (; j <= i; j++) {
                p[i * n + j] += dot(x, i * w, j * w, w, lanes);
                p[(i + 1) * n + j] += dot(x, (i + 1) * w, j * w, w, lanes);
            }
            p[(i + 1) * n + i + 1] += dot(x, (i + 1) * w, (i + 1) * w, w, lanes);
        }
        if (i < n) {
            for (int j = 0; j <= i; j++) {
                p[i * n + j] += dot(x, i * w, j * w, w, lanes);
            }
        }
    }

    private static void tile2x4(float[] x, int n, int w, int i, int j, double[] p, float[] lanes) {
        int oa = i * w;
        int ob = oa + w;
        int o0 = j * w;
        int o1 = o0 + w;
        int o2 = o1 + w;
        int o3 = o2 + w;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector b2 = a0;
        FloatVector b3 = a0;
        int k = 0;
        for (; k + LANES <= w; k += LANES) {
            FloatVector xa = FloatVector.fromArray(S, x, oa + k);
            FloatVector xb = FloatVector.fromArray(S, x, ob + k);
            FloatVector y0 = FloatVector.fromArray(S, x, o0 + k);
            FloatVector y1 = FloatVector.fromArray(S, x, o1 + k);
            FloatVector y2 = FloatVector.fromArray(S, x, o2 + k);
            FloatVector y3 = FloatVector.fromArray(S, x, o3 + k);
            a0 = xa.fma(y0, a0);
            a1 = xa.fma(y1, a1);
            a2 = xa.fma(y2, a2);
            a3 = xa.fma(y3, a3);
            b0 = xb.fma(y0, b0);
            b1 = xb.fma(y1, b1);
            b2 = xb.fma(y2, b2);
            b3 = xb.fma(y3, b3);
        }
        p[i * n + j] += sum(a0, lanes) + tail(x, oa, o0, k, w);
        p[i * n + j + 1] += sum(a1, lanes) + tail(x, oa, o1, k, w);
        p[i * n + j + 2] += sum(a2, lanes) + tail(x, oa, o2, k, w);
        p[i * n + j + 3] += sum(a3, lanes) + tail(x, oa, o3, k, w);
        p[(i + 1) * n + j] += sum(b0, lanes) + tail(x, ob, o0, k, w);
        p[(i + 1) * n + j + 1] += sum(b1, lanes) + tail(x, ob, o1, k, w);
        p[(i + 1) * n + j + 2] += sum(b2, lanes) + tail(x, ob, o2, k, w);
        p[(i + 1) * n + j + 3] += sum(b3, lanes) + tail(x, ob, o3, k, w);
    }

    private static double dot(float[] x, int oa, int ob, int w, float[] lanes) {
        FloatVector acc = FloatVector.zero(S);
        int k = 0;
        for (; k + LANES <= w; k += LANES) {
            acc = FloatVector.fromArray(S, x, oa + k).fma(FloatVector.fromArray(S, x, ob + k), acc);
        }
        return sum(acc, lanes) + tail(x, oa, ob, k, w);
    }

    /** The lanes summed in double, in a fixed order. */
    private static double sum(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        return (((double) lanes[0] + lanes[1]) + ((double) lanes[2] + lanes[3]))
                + (((double) lanes[4] + lanes[5]) + ((double) lanes[6] + lanes[7]));
    }

    /** The columns after the last full vector, as one more float multiply-add chain. */
    private static double tail(float[] x, int oa, int ob, int k, int w) {
        float s = 0f;
        for (; k < w; k++) {
            s = Math.fma(x[oa + k], x[ob + k], s);
        }
        return s;
    }
}
