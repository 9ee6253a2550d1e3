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
        int[][] shapes = {{1, 7}, {2, 5}, {3, 1}, {4, 1030}, {17, 2049}, {20, 300}, {33, 100}, {100, 700}, {257, 40}, {660, 17}};
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
        assertEquals((1.5 + 2 + 3) / 3, closest(3, 0, 1.5f, 2, 3, 7), EPS);
        // median 0 of {-5, -2, 0, 1, 2}: 0, then 1; -2 and 2 tie for the last place and the smaller is taken
        assertEquals((0 + 1 - 2) / 3.0, closest(3, 2, 1, 0, -2, -5), EPS);
        // even count: the two middle values (2 and 3 around the median 2.5) come first, then 1, then 0
        assertEquals(2.5, closest(2, 10, 3, 2, -10), EPS);
        assertEquals((0 + 1 + 2 + 3) / 4.0, closest(4, 3, 2, 1, 0, 10, 11), EPS);
        // asymmetric: median 3 of {-100, 0, 3, 3.5, 4}: 3, 3.5, then 4 (distance 1 beats 0 at distance 3)
        assertEquals((3 + 3.5 + 4) / 3, closest(3, -100, 0, 3, 3.5f, 4), EPS);
    }

    /** Bulyan's second stage on one coordinate, through the same block engine the rule uses. */
    private static double closest(int beta, float... column) {
        float[][] rows = new float[column.length][];
        for (int i = 0; i < column.length; i++) {
            rows[i] = new float[] {column[i]};
        }
        double[] out = SortedBlocks.closestToMedianMean(UpdateMatrix.ofRows(rows), AggregationResult.all(column.length), beta);
        return out[0];
    }
}
