package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistanceRulesTest {
    private static final double EPS = 1e-6;

    private static UpdateMatrix line() {
        return UpdateMatrix.ofRows(new double[][] {{0}, {0.1}, {0.2}, {10}, {-10}});
    }

    @Test
    void krumPicksTheUpdateWithTheSmallestNeighbourhood() {
        AggregationResult r = Krum.krum(1).aggregate(line());
        assertArrayEquals(new int[] {1}, r.kept());
        assertArrayEquals(new double[] {0.1}, r.aggregate(), EPS);
        double[] scores = (double[]) r.details().get("scores");
        assertEquals(0.05, scores[0], EPS);
        assertEquals(0.02, scores[1], EPS);
    }

    @Test
    void multiKrumAveragesTheMLowestScores() {
        assertArrayEquals(new double[] {0.1}, new Krum(1, 3).aggregate(line()).aggregate(), EPS);
        // auto m = n - f = 4: score(10) = 96.04 + 98.01 beats score(-10) = 100 + 102.01
        AggregationResult auto = new Krum(1, Krum.AUTO_M).aggregate(line());
        assertArrayEquals(new int[] {0, 1, 2, 3}, auto.kept());
        assertArrayEquals(new double[] {(0 + 0.1 + 0.2 + 10) / 4}, auto.aggregate(), 1e-5);
    }

    @Test
    void krumRejectsTooFewUpdatesForItsF() {
        TooFewUpdatesException e = assertThrows(TooFewUpdatesException.class, () -> Krum.krum(2).aggregate(line()));
        assertTrue(e.getMessage().contains("2f + 2 = 6"), e.getMessage());
        assertThrows(TooFewUpdatesException.class, () -> Krum.krum(0).aggregate(UpdateMatrix.ofRows(new double[][] {{1}, {2}})));
        assertNull(Krum.krum(3).aggregate(new UpdateMatrix(new float[0], 0, 3)).aggregate());
    }

    @Test
    void krumPicksAnHonestUpdateWhenTheAttackersAreFarAway() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 15;
            int f = 4;
            int d = 50;
            double[][] rows = new double[n][d];
            int[] perm = Reference.shuffle(rng, n);
            boolean[] attacker = new boolean[n];
            for (int k = 0; k < f; k++) {
                attacker[perm[k]] = true;
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < d; c++) {
                    rows[i][c] = Gaussian.next(rng) + (attacker[i] ? 100 + trial : 0);
                }
            }
            AggregationResult r = Krum.krum(f).aggregate(UpdateMatrix.ofRows(rows));
            assertTrue(!attacker[r.kept()[0]], "trial " + trial + " picked attacker " + r.kept()[0]);
        }
    }

    @Test
    void krumScoresMatchDirectDistances() {
        SplittableRandom rng = new SplittableRandom(9);
        UpdateMatrix u = Reference.random(rng, 12, 333, false);
        double[] expected = Reference.krumScores(u, 3, new boolean[12]);
        double[] actual = (double[]) Krum.krum(3).aggregate(u).details().get("scores");
        assertArrayEquals(expected, actual, 1e-9 * Arrays.stream(expected).max().orElse(1));
    }

    @Test
    void bulyanMatchesRepeatedKrumThenClosestToMedianReference() {
        SplittableRandom rng = new SplittableRandom(21);
        // odd and even theta = n - 2f
        bulyanAgainstReference(rng, 11, 2);
        bulyanAgainstReference(rng, 12, 2);
        bulyanAgainstReference(rng, 16, 3);
    }

    private static void bulyanAgainstReference(SplittableRandom rng, int n, int f) {
        UpdateMatrix u = Reference.random(rng, n, 64, false);
        boolean[] taken = new boolean[n];
        boolean[] removed = new boolean[n];
        int theta = n - 2 * f;
        for (int s = 0; s < theta; s++) {
            double[] scores = Reference.krumScores(u, f, removed);
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (scores[i] < scores[best]) {
                    best = i;
                }
            }
            taken[best] = true;
            removed[best] = true;
        }
        int[] selected = java.util.stream.IntStream.range(0, n).filter(i -> taken[i]).toArray();
        int beta = theta - 2 * f;
        double[] expected = new double[64];
        for (int c = 0; c < 64; c++) {
            double[] v = new double[theta];
            for (int k = 0; k < theta; k++) {
                v[k] = u.get(selected[k], c);
            }
            Arrays.sort(v);
            double med = theta % 2 == 1 ? v[theta / 2] : (v[theta / 2 - 1] + v[theta / 2]) / 2;
            double[] byDistance = Arrays.stream(v).boxed()
                    .sorted((a, b) -> Double.compare(Math.abs(a - med), Math.abs(b - med)))
                    .mapToDouble(Double::doubleValue).toArray();
            double s = 0;
            for (int k = 0; k < beta; k++) {
                s += byDistance[k];
            }
            expected[c] = s / beta;
        }
        AggregationResult r = new Bulyan(f).aggregate(u);
        assertArrayEquals(selected, r.kept(), "n=" + n + " f=" + f);
        assertArrayEquals(expected, r.aggregate(), 1e-6, "n=" + n + " f=" + f);
    }

    @Test
    void bulyanNeedsFourFPlusThreeUpdates() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThrows(TooFewUpdatesException.class, () -> new Bulyan(2).aggregate(Reference.random(rng, 10, 4, false)));
        // f = 0 is the plain mean, even for one update
        assertArrayEquals(new double[] {3, 4}, new Bulyan(0).aggregate(UpdateMatrix.ofRows(new double[][] {{3, 4}})).aggregate(), EPS);
    }

    @Test
    void geometricMedianOfPointsOnALineIsTheirMedian() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{0, 5}, {1, 5}, {10, 5}});
        double[] z = new GeometricMedian(1e-8, 1000, 1e-14).aggregate(u).aggregate();
        assertArrayEquals(new double[] {1, 5}, z, 1e-4);
    }

    @Test
    void geometricMedianOfASquareIsItsCentreAndAFarOutlierMovesItABoundedAmount() {
        UpdateMatrix square = UpdateMatrix.ofRows(new double[][] {{0, 0}, {2, 0}, {0, 2}, {2, 2}});
        assertArrayEquals(new double[] {1, 1}, new GeometricMedian(1e-6, 100, 1e-12).aggregate(square).aggregate(), 1e-9);
        UpdateMatrix withOutlier = UpdateMatrix.ofRows(new double[][] {{0, 0}, {2, 0}, {0, 2}, {2, 2}, {1000, 1000}});
        double[] z = new GeometricMedian(1e-6, 100, 1e-12).aggregate(withOutlier).aggregate();
        // pulled along the diagonal towards the outlier, but only by a bounded amount
        assertEquals(z[0], z[1], 1e-9);
        assertTrue(z[0] > 1 && z[0] < 2, Arrays.toString(z));
        // the gradient of sum_i ||z - x_i|| vanishes at the geometric median
        double gx = 0;
        double gy = 0;
        for (int i = 0; i < 5; i++) {
            double dx = z[0] - withOutlier.get(i, 0);
            double dy = z[1] - withOutlier.get(i, 1);
            double norm = Math.hypot(dx, dy);
            gx += dx / norm;
            gy += dy / norm;
        }
        assertEquals(0, Math.hypot(gx, gy), 1e-4);
    }

    @Test
    void centeredClippingClipsDeviationsFromTheCentre() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{3, 0}, {0, 0.5}});
        CenteredClipping cc = new CenteredClipping(1.0, 1);
        assertArrayEquals(new double[] {0.5, 0.25}, cc.aggregate(u).aggregate(), EPS);
        double[] from = cc.aggregate(u, new AggregationContext(new double[] {1, 0})).aggregate();
        double s = 1 / Math.hypot(1, 0.5);
        assertArrayEquals(new double[] {1 + (1 + -1 * s) / 2, 0.5 * s / 2}, from, EPS);
    }

    @Test
    void centeredClippingWithLargeTauIsTheMean() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{3, 0}, {0, 0.5}, {1, 1}});
        assertArrayEquals(new double[] {4.0 / 3, 0.5}, new CenteredClipping(1e9, 3).aggregate(u).aggregate(), EPS);
    }
}
