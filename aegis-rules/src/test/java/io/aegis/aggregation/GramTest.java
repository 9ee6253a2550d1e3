package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Gram backend found (pure Java and the native BLAS) against direct double dot products. */
class GramTest {
    static List<GramBackend> backends() {
        return GramBackends.all();
    }

    private static double dot(UpdateMatrix u, int a, int b) {
        return Reference.dot(u, a, b);
    }

    /**
     * The backend's own error bound for the block width it works with (rows uncentred: the block
     * holds the values scaled by powers of two, exactly), plus the double sum of the blocks.
     */
    private static double tolerance(GramBackend b, UpdateMatrix u, int rows, int x, int y) {
        double bound = b.relativeError(Math.min(u.cols(), b.blockWidth(rows))) + 0x1p-40;
        return bound * Math.sqrt(dot(u, x, x) * dot(u, y, y)) + Double.MIN_VALUE;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gramMatchesDirectDotProductsForEveryTileShapeAndBlockWidth(GramBackend backend) {
        SplittableRandom rng = new SplittableRandom(4);
        for (int n = 1; n <= 19; n++) {
            UpdateMatrix u = Reference.random(rng, n, 1 + rng.nextInt(9000), false);
            double[] g = Gram.products(u, AggregationResult.all(n), null, backend);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    assertEquals(dot(u, a, b), g[a * n + b], tolerance(backend, u, n, a, b), "n=" + n + " " + a + "," + b);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gramOfARowSubsetUsesThoseRowsInOrder(GramBackend backend) {
        UpdateMatrix u = Reference.random(new SplittableRandom(2), 6, 33, false);
        double[] g = Gram.products(u, new int[] {1, 4, 5}, null, backend);
        assertEquals(dot(u, 4, 5), g[1 * 3 + 2], tolerance(backend, u, 3, 4, 5));
        assertEquals(dot(u, 1, 1), g[0], tolerance(backend, u, 3, 1, 1));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gramOfManyRowsAgreesWithDirectProducts(GramBackend backend) {
        int n = 262;
        UpdateMatrix u = Reference.random(new SplittableRandom(12), n, 300, false);
        double[] g = Gram.products(u, AggregationResult.all(n), null, backend);
        for (int i = 0; i < n * n; i += 7) {
            assertEquals(dot(u, i / n, i % n), g[i], tolerance(backend, u, n, i / n, i % n), "entry " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rowsOfWildlyDifferentMagnitudeNeitherOverflowNorUnderflow(GramBackend backend) {
        float[][] rows = {{3e38f, -3e38f, 1e38f}, {1e-30f, 2e-30f, -1e-30f}, {1.4e-45f, 0, 2.8e-45f}, {1, 2, 3}};
        UpdateMatrix u = UpdateMatrix.ofRows(rows);
        double[] g = Gram.products(u, AggregationResult.all(4), null, backend);
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                assertTrue(Double.isFinite(g[a * 4 + b]), a + "," + b);
                assertEquals(dot(u, a, b), g[a * 4 + b], tolerance(backend, u, 4, a, b), a + "," + b);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void distancesOfRowsFarFromTheOriginAreExactDespiteCancellation(GramBackend backend) {
        SplittableRandom rng = new SplittableRandom(8);
        int n = 45;
        int d = 9000;
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            // a common offset of 1e4 around noise of 1: |x|^2 is 1e8 times the distances
            x[i] = (float) (1e4 * (i % d % 7) + Gaussian.next(rng));
        }
        x[3 * d] = 1e30f; // and one wild coordinate
        UpdateMatrix u = new UpdateMatrix(x, n, d);
        double[][] got = new double[1][];
        GramBackends.with(backend, () -> got[0] = Gram.squaredDistances(u, AggregationResult.all(n)));
        double[] direct = Reference.squaredDistances(u);
        for (int i = 0; i < n * n; i++) {
            assertEquals(direct[i], got[0][i], 2.5e-4 * direct[i], "entry " + i);
        }
    }
}
