package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GramTest {
    private static double dot(UpdateMatrix u, int a, int b) {
        double s = 0;
        for (int c = 0; c < u.cols(); c++) {
            s += (double) u.get(a, c) * u.get(b, c);
        }
        return s;
    }

    @Test
    void exactGramMatchesDirectDotProductsForEveryTileShape() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int n = 1; n <= 19; n++) {
            UpdateMatrix u = Reference.random(rng, n, 1 + rng.nextInt(700), false);
            double[] g = Gram.exact(u, AggregationResult.all(n));
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    assertEquals(dot(u, a, b), g[a * n + b], 1e-9 * Math.max(1, Math.abs(dot(u, a, b))), "n=" + n + " " + a + "," + b);
                }
            }
        }
    }

    @Test
    void laneGramMatchesExactGramForSmallRounds() {
        SplittableRandom rng = new SplittableRandom(6);
        for (int n : new int[] {1, 2, 3, 7, 20, 39}) {
            UpdateMatrix u = Reference.random(rng, n, 1 + rng.nextInt(9000), false);
            int[] rows = AggregationResult.all(n);
            double[] exact = Gram.exact(u, rows);
            double[] lanes = GramLanes.of(u, rows);
            for (int i = 0; i < n * n; i++) {
                double scale = Math.sqrt(exact[(i / n) * n + i / n] * exact[(i % n) * n + i % n]);
                assertEquals(exact[i], lanes[i], 1e-7 * scale, "n=" + n + " entry " + i);
            }
        }
        int[] subset = {4, 1, 6};
        UpdateMatrix u = Reference.random(rng, 8, 300, false);
        assertEquals(dot(u, 1, 6), GramLanes.of(u, subset)[1 * 3 + 2], 1e-6);
    }

    @Test
    void gramOfARowSubsetUsesThoseRowsInOrder() {
        UpdateMatrix u = Reference.random(new SplittableRandom(2), 6, 33, false);
        int[] rows = {1, 4, 5};
        double[] g = Gram.exact(u, rows);
        assertEquals(dot(u, 4, 5), g[1 * 3 + 2], 1e-9);
        assertEquals(dot(u, 1, 1), g[0], 1e-9);
    }

    @Test
    void blockedBlasGramOfManyRowsAgreesWithExactGram() {
        int n = 262;
        UpdateMatrix u = Reference.random(new SplittableRandom(12), n, 300, false);
        int[] rows = AggregationResult.all(n);
        double[] exact = Gram.exact(u, rows);
        double[] blas = GramBlas.of(u, rows, null);
        for (int i = 0; i < n * n; i++) {
            assertEquals(exact[i], blas[i], 1e-5 * Math.sqrt(exact[(i / n) * n + i / n] * exact[(i % n) * n + i % n]), "entry " + i);
        }
    }

    @Test
    void blasGramAgreesWithExactGramToFloatPrecision() {
        SplittableRandom rng = new SplittableRandom(8);
        int n = 45;
        UpdateMatrix u = Reference.random(rng, n, 9000, false);
        int[] rows = AggregationResult.all(n);
        double[] exact = Gram.exact(u, rows);
        double[] blas = GramBlas.of(u, rows, null);
        for (int i = 0; i < n * n; i++) {
            assertEquals(exact[i], blas[i], 1e-5 * Math.sqrt(exact[(i / n) * n + i / n] * exact[(i % n) * n + i % n]));
        }
        // centred distances agree with exact ones too
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        double[] centred = Gram.squaredDistances(GramBlas.of(u, rows, RowMath.weightedSum(u, rows, w)), n);
        double[] direct = Gram.squaredDistances(exact, n);
        for (int i = 0; i < n * n; i++) {
            assertEquals(direct[i], centred[i], 1e-5 * Math.max(1, direct[i]));
        }
    }
}
