package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoordinateWiseRulesTest {
    private static final double EPS = 1e-9;

    @Test
    void trimmedMeanDropsFloorOfRatioTimesNFromEachEnd() {
        // n = 5, ratio 0.2: one value trimmed from each end
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{1, 10}, {2, -50}, {3, 0}, {100, 0}, {-100, 20}});
        AggregationResult r = new TrimmedMean(0.2).aggregate(u);
        assertArrayEquals(new double[] {2, 10.0 / 3}, r.aggregate(), EPS);
        // ratio 0.1 with n = 5 trims nothing: plain mean
        assertArrayEquals(new double[] {6.0 / 5, -20.0 / 5}, new TrimmedMean(0.1).aggregate(u).aggregate(), EPS);
    }

    @Test
    void trimmedMeanRejectsRatiosThatLeaveNothing() {
        assertThrows(IllegalArgumentException.class, () -> new TrimmedMean(0.5));
        assertThrows(IllegalArgumentException.class, () -> new TrimmedMean(-0.1));
    }

    @Test
    void medianAndTrimmedMeanMatchSortingReferenceAcrossShapesAndTies() {
        SplittableRandom rng = new SplittableRandom(11);
        int[][] shapes = {{1, 7}, {2, 5}, {3, 1}, {4, 1030}, {17, 2049}, {20, 300}, {33, 100}, {100, 700}};
        for (int[] s : shapes) {
            for (boolean ties : new boolean[] {false, true}) {
                UpdateMatrix u = Reference.random(rng, s[0], s[1], ties);
                String where = "n=" + s[0] + " d=" + s[1] + " ties=" + ties;
                assertArrayEquals(Reference.median(u), new Median().aggregate(u).aggregate(), 1e-6, where);
                TrimmedMean tm = new TrimmedMean(0.3);
                assertArrayEquals(Reference.trimmedMean(u, tm.trimmed(s[0])), tm.aggregate(u).aggregate(), 1e-6, where);
            }
        }
    }

    @Test
    void medianAndTrimmedMeanAreEquivariantToAddingAConstantVector() {
        SplittableRandom rng = new SplittableRandom(5);
        UpdateMatrix u = Reference.random(rng, 12, 40, true);
        float[] shifted = u.data().clone();
        double[] shift = new double[40];
        for (int c = 0; c < 40; c++) {
            shift[c] = rng.nextInt(-1000, 1000);
        }
        for (int i = 0; i < 12; i++) {
            for (int c = 0; c < 40; c++) {
                shifted[i * 40 + c] += (float) shift[c];
            }
        }
        UpdateMatrix v = new UpdateMatrix(shifted, 12, 40);
        for (RowSubsetRule rule : new RowSubsetRule[] {new Median(), new TrimmedMean(0.25)}) {
            double[] a = rule.aggregate(u).aggregate();
            double[] b = rule.aggregate(v).aggregate();
            for (int c = 0; c < 40; c++) {
                assertEquals(a[c] + shift[c], b[c], 1e-9, rule.name() + " coordinate " + c);
            }
        }
    }

    @Test
    void bulyanAveragesTheBetaValuesClosestToTheMedian() {
        float[] v = {0, 1.5f, 2, 3, 7};
        assertEquals((1.5 + 2 + 3) / 3, Bulyan.closestToMedianMean(v, 0, 5, 3, new double[5]), EPS);
        // median 2 of {0, 1, 2, 3, 4}: 1 and 3 tie at the cut-off for beta = 2; the smaller is taken
        float[] ties = {4, 3, 2, 1, 0};
        assertEquals((2 + 1) / 2.0, Bulyan.closestToMedianMean(ties, 0, 5, 2, new double[5]), EPS);
        // even count: median is (2 + 3) / 2
        float[] even = {10, 3, 2, -10};
        assertEquals(2.5, Bulyan.closestToMedianMean(even, 0, 4, 2, new double[4]), EPS);
    }
}
