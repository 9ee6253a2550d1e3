package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StpaTest {
    private static final double EPS = 1e-6;

    /** 5 honest updates roughly along +x, 2 attackers along -x. */
    private static UpdateMatrix honestAndOpposite() {
        return UpdateMatrix.ofRows(new double[][] {
                {1.0, 0.1, 0.0},
                {-2.0, 0.1, 0.0},
                {1.1, -0.1, 0.1},
                {0.9, 0.0, -0.1},
                {-1.5, 0.0, 0.2},
                {1.2, 0.2, 0.0},
                {1.0, 0.0, 0.1},
        });
    }

    @Test
    void oppositeDirectionMinorityIsExcludedAndTheRestGoesToTheMedian() {
        AggregationResult r = Stpa.withMedian(0.02).aggregate(honestAndOpposite());
        assertArrayEquals(new int[] {0, 2, 3, 5, 6}, r.kept());
        // median of the kept rows, coordinate-wise: {1.0,1.1,0.9,1.2,1.0} -> 1.0; {0.1,-0.1,0,0.2,0} -> 0; {0,0.1,-0.1,0,0.1} -> 0
        assertArrayEquals(new double[] {1.0, 0.0, 0.0}, r.aggregate(), EPS);
        int[][] clusters = (int[][]) r.details().get("clusters");
        assertArrayEquals(new int[] {0, 2, 3, 5, 6}, clusters[0]);
        assertArrayEquals(new int[] {1, 4}, clusters[1]);
        assertArrayEquals(new int[] {1, 4}, (int[]) r.details().get("excludedCluster"));
    }

    @Test
    void maxCrossSimilarityIsTheMostSimilarPairAcrossTheClusters() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{1, 0}, {1, 0.1}, {-1, 0}, {-1, 0.2}});
        AggregationResult r = Stpa.withMedian(0.02).aggregate(u);
        // most similar cross pair: (1, 0.1) with (-1, 0.2)
        double expected = (-1 + 0.02) / (Math.hypot(1, 0.1) * Math.hypot(1, 0.2));
        assertEquals(expected, (double) r.details().get("maxCrossSimilarity"), 1e-6);
    }

    @Test
    void thresholdGatesExclusion() {
        // two directions 45 degrees apart: cross similarity about 0.7
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{1, 0}, {1, 0.01}, {1, -0.01}, {1, 1}, {1, 1.02}});
        AggregationResult lenient = Stpa.withMedian(0.02).aggregate(u);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, lenient.kept());
        AggregationResult strict = Stpa.withMedian(0.9).aggregate(u);
        assertArrayEquals(new int[] {0, 1, 2}, strict.kept());
        double s = (double) strict.details().get("maxCrossSimilarity");
        AggregationResult exactlyAtThreshold = Stpa.withMedian(s).aggregate(u);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, exactlyAtThreshold.kept(), "exclusion needs s < threshold");
    }

    @Test
    void fewerThanThreeUpdatesAreAllKept() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{1, 0}, {-1, 0}});
        AggregationResult r = Stpa.withMedian(0.02).aggregate(u);
        assertArrayEquals(new int[] {0, 1}, r.kept());
        assertArrayEquals(new double[] {0, 0}, r.aggregate(), EPS);
    }

    @Test
    void zeroUpdatesGiveNoAggregate() {
        AggregationResult r = Stpa.withMedian(0.02).aggregate(new UpdateMatrix(new float[0], 0, 5));
        assertEquals(null, r.aggregate());
        assertEquals(0, r.kept().length);
    }

    @Test
    void zeroVectorHasSimilarityZeroAndIsExcludedAsAnOutlier() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{1, 0}, {0, 0}, {1, 0.1}, {1, -0.1}});
        AggregationResult r = Stpa.withMedian(0.02).aggregate(u);
        assertArrayEquals(new int[] {0, 2, 3}, r.kept());
        assertEquals(0.0, (double) r.details().get("maxCrossSimilarity"), 0.0);
    }

    @Test
    void equalSizedClustersKeepTheOneHoldingTheFirstRow() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{-1, 0}, {1, 0}, {-1, 0.1}, {1, 0.1}});
        assertArrayEquals(new int[] {0, 2}, Stpa.withMedian(0.02).aggregate(u).kept());
    }

    @Test
    void innerRuleIsPluggableAndSeesOnlyTheKeptCluster() {
        Stpa stpa = new Stpa(0.02, new FedAvg());
        AggregationResult r = stpa.aggregate(honestAndOpposite());
        assertArrayEquals(new double[] {(1.0 + 1.1 + 0.9 + 1.2 + 1.0) / 5, 0.2 / 5, 0.1 / 5}, r.aggregate(), EPS);
        assertEquals("fedavg", r.details().get("innerRule"));
    }

    @Test
    void innerKrumReportsItsOwnSelectionInFullMatrixRows() {
        Stpa stpa = new Stpa(0.02, Krum.krum(1));
        AggregationResult r = stpa.aggregate(honestAndOpposite());
        assertEquals(1, r.kept().length);
        assertEquals(true, Map.of(0, 1, 2, 1, 3, 1, 5, 1, 6, 1).containsKey(r.kept()[0]));
    }
}
