package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Pins variant = paper (the default) to Algorithm 1, step by step, on hand-computed inputs. */
class StpaPaperVariantTest {
    private static final double EPS = 1e-12;

    @Test
    void paperIsTheDefaultVariant() {
        assertSame(StpaVariant.PAPER, StpaVariant.from(null));
        assertSame(StpaVariant.PAPER, StpaVariant.from(java.util.Map.of("stpa.threshold", 0.1)));
        Stpa rule = (Stpa) Rules.create("stpa", null);
        assertSame(StpaVariant.PAPER, rule.variant());
        assertFalse(StpaVariant.from(null).temporalStep(0.5, 1.0).robust());
    }

    @Test
    void alphaIsComputedAfterTheStepIsFoldedIntoMomentum() {
        TemporalStep t = StpaVariant.PAPER.temporalStep(0.5, 2.0);
        // round 1: v = 0.5 * 0 + 0.5 * (2, 0) = (1, 0), alpha = cos((2,0),(1,0)) = 1, step = 1 * 2 * v
        TemporalStep.Outcome first = t.apply(new double[] {2, 0});
        assertEquals(1.0, first.alpha(), EPS);
        assertArrayEquals(new double[] {2, 0}, first.step(), EPS);
        // round 2: U = (-1, 3) points against the old v = (1, 0) (cosine -1/sqrt(10)), but Algorithm 1
        // folds it in first: v = 0.5 (1, 0) + 0.5 (-1, 3) = (0, 1.5); alpha = cos(U, v) = 3 / sqrt(10) > 0
        TemporalStep.Outcome second = t.apply(new double[] {-1, 3});
        double alpha = 3 / Math.sqrt(10);
        assertEquals(alpha, second.alpha(), EPS);
        assertFalse(second.skipped());
        assertArrayEquals(new double[] {0, alpha * 2.0 * 1.5}, second.step(), EPS);
        assertArrayEquals(new double[] {0, 1.5}, t.momentum(), EPS);
    }

    @Test
    void paperSplitsOnTheMaximumCrossSimilarityAgainstTheFixedThreshold() {
        // complete linkage merges {0, 1} (cos 0.995), then {2, 3} (cos 0.6 beats {0,1}-2 at min 0.447);
        // the max cross similarity is cos(row 1, row 2) = 1.2 / (sqrt(1.01) sqrt(5)) = 0.534
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{1, 0}, {1, 0.1}, {1, 2}, {-1, 2}});
        double maxCross = 1.2 / (Math.sqrt(1.01) * Math.sqrt(5));
        AggregationResult paper = new Stpa(0.5, new Median()).aggregate(u);
        assertArrayEquals(new int[] {0, 1, 2, 3}, paper.kept());
        assertEquals(maxCross, (Double) paper.details().get("maxCrossSimilarity"), 1e-6);
        // above the max: split; the clusters tie 2-2 and the one holding row 0 is kept
        AggregationResult higher = new Stpa(0.55, new Median()).aggregate(u);
        assertArrayEquals(new int[] {0, 1}, higher.kept());
    }

    @Test
    void paperAggregatesTwoUpdatesWithoutClustering() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{1, 1}, {-300, 500}});
        AggregationResult r = new Stpa(0.02, new Median()).aggregate(u);
        assertArrayEquals(new int[] {0, 1}, r.kept());
        assertArrayEquals(new double[] {-149.5, 250.5}, r.aggregate(), 1e-6);
    }
}
