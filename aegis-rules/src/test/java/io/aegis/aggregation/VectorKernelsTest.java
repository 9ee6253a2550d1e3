package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels: present whenever the test JVM has the module (the build adds it, so a
 * broken set-up fails here instead of silently testing plain Java only), exact where they must
 * be, and chosen for the round sizes they were measured to win.
 */
class VectorKernelsTest {
    @BeforeAll
    static void moduleIsThere() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "JVM without jdk.incubator.vector");
        assumeTrue(VectorKernels.preferredBits() >= 256, "hardware vectors narrower than 256 bits");
    }

    @Test
    void vectorBackendIsFoundAndPreferredForSmallRoundsOnly() {
        assertTrue(VectorSupport.AVAILABLE);
        assertTrue(GramBackends.all().stream().anyMatch(b -> b.name().equals("vector")));
        assertEquals("vector", GramBackends.best(20).name());
        assertEquals("vector", GramBackends.best(100).name());
        assertNotEquals("vector", GramBackends.best(1000).name());
    }

    @Test
    void maxAbsEqualsTheScalarMaximumForEveryTailLengthAndInfinity() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] a = new float[100];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-30, 30)));
        }
        for (int from = 0; from < 9; from++) {
            for (int len = 0; from + len <= a.length; len++) {
                float want = 0f;
                for (int j = from; j < from + len; j++) {
                    want = Math.max(want, Math.abs(a[j]));
                }
                assertEquals(want, VectorKernels.maxAbs(a, from, len), "from " + from + " len " + len);
            }
        }
        a[77] = Float.NEGATIVE_INFINITY;
        assertEquals(Float.POSITIVE_INFINITY, VectorKernels.maxAbs(a, 0, a.length));
        assertEquals(Float.POSITIVE_INFINITY, VectorKernels.maxAbs(a, 72, 6), "in the scalar tail");
    }

    @Test
    void lowerProductsAreWithinTheBoundForOddRowCountsWidthsOffTheLaneGridAndSeveralSpans() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 3, 5, 6, 7, 9, 13}) {
            for (int w : new int[] {1, 7, 8, 9, 15, 64, 1003}) {
                checkLowerProducts(rng, n, w);
            }
        }
        // spans of 1024 columns at n = 40: a remainder joining the last span (2088), one starting its own (3172)
        assertEquals(1024, VectorKernels.span(40));
        checkLowerProducts(rng, 40, 2088);
        checkLowerProducts(rng, 40, 3172);
    }

    private static void checkLowerProducts(SplittableRandom rng, int n, int w) {
        VectorGramBackend backend = new VectorGramBackend();
        float[] x = new float[n * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        double[] p = new double[n * n];
        VectorKernels.lowerProducts(x, n, w, p);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (b > a) {
                    assertEquals(0.0, p[a * n + b], "upper triangle untouched");
                    continue;
                }
                double exact = 0;
                double na = 0;
                double nb = 0;
                for (int k = 0; k < w; k++) {
                    exact += (double) x[a * w + k] * x[b * w + k];
                    na += (double) x[a * w + k] * x[a * w + k];
                    nb += (double) x[b * w + k] * x[b * w + k];
                }
                double tol = backend.relativeError(w) * Math.sqrt(na * nb) + 1e-300;
                assertEquals(exact, p[a * n + b], tol, "n=" + n + " w=" + w + " " + a + "," + b);
            }
        }
    }
}
