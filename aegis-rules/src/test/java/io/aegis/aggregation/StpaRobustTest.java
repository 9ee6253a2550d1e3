package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The robust STPA variant on each failure of Algorithm 1 (docs/stpa.md), at the level of the rule. */
class StpaRobustTest {
    private static final double EPS = 1e-12;

    private static Stpa paper(double threshold) {
        return new Stpa(threshold, new Median());
    }

    private static Stpa robust(double threshold) {
        return new Stpa(threshold, new Median(), StpaVariant.ROBUST);
    }

    /** n honest updates g + noise (cosine with each other ~ rho) in d dimensions. */
    private static double[][] honest(Random rng, int n, int d, double signal, double noise) {
        double[] g = new double[d];
        for (int j = 0; j < d; j++) {
            g[j] = rng.nextGaussian() * signal;
        }
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = g[j] + rng.nextGaussian() * noise;
            }
        }
        return rows;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = new double[a.length + b.length][];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---- failure 1: one huge all-malicious step

    @Test
    void hugeStepIsRefusedAndKeptOutOfTheMomentum() {
        TemporalStep robust = StpaVariant.ROBUST.temporalStep(0.5, 1.0);
        TemporalStep paper = StpaVariant.PAPER.temporalStep(0.5, 1.0);
        double[][] honest = {{1, 0}, {1, 0.2}, {1, -0.1}};
        for (double[] u : honest) {
            assertFalse(robust.apply(u).skipped());
            assertFalse(paper.apply(u).skipped());
        }
        double[] vBefore = robust.momentum();
        double[] huge = {-300, -400};
        TemporalStep.Outcome r = robust.apply(huge);
        assertTrue(r.skipped());
        assertNull(r.step());
        assertArrayEquals(java.util.Arrays.copyOf(vBefore, 2), java.util.Arrays.copyOf(robust.momentum(), 2), EPS);
        // Algorithm 1 applies it: v is folded first, so alpha = cos(U, v) is close to 1
        TemporalStep.Outcome p = paper.apply(huge);
        assertFalse(p.skipped());
        assertTrue(p.alpha() > 0.9);
        // the next honest step: the robust variant trains on, Algorithm 1 is frozen (alpha < 0)
        assertFalse(robust.apply(new double[] {1, 0}).skipped());
        assertTrue(paper.apply(new double[] {1, 0}).skipped());
    }

    @Test
    void alphaBeforeRefusesAStepAgainstThePastMomentumButFoldsIt() {
        TemporalStep t = new TemporalStep(0.5, 2.0, 0, 5, TemporalStep.Alpha.BEFORE);
        t.apply(new double[] {2, 0}); // v = (1, 0)
        // the same round as StpaPaperVariantTest: alpha after = 3/sqrt(10), before = -1/sqrt(10)
        TemporalStep.Outcome o = t.apply(new double[] {-1, 3});
        assertTrue(o.skipped());
        assertEquals(-1 / Math.sqrt(10), o.alpha(), EPS);
        assertArrayEquals(new double[] {0, 1.5}, java.util.Arrays.copyOf(t.momentum(), 2), EPS);
    }

    @Test
    void alphaGateRefusesLikeBeforeButScalesAnAcceptedStepLikeThePaper() {
        TemporalStep gate = new TemporalStep(0.5, 2.0, 0, 5, TemporalStep.Alpha.GATE);
        TemporalStep paper = new TemporalStep(0.5, 2.0);
        for (TemporalStep t : new TemporalStep[] {gate, paper}) {
            t.apply(new double[] {2, 0}); // v = (1, 0)
        }
        // agrees with the past momentum (cos before = 1/sqrt(2) > 0): the paper's alpha and step
        TemporalStep.Outcome g = gate.apply(new double[] {1, 1});
        TemporalStep.Outcome p = paper.apply(new double[] {1, 1});
        assertFalse(g.skipped());
        assertEquals(p.alpha(), g.alpha(), EPS);
        assertArrayEquals(p.step(), g.step(), EPS);
        // against it (before < 0, after > 0): refused, and folded into v as the paper would
        TemporalStep.Outcome against = gate.apply(new double[] {-3, 1});
        assertTrue(against.skipped());
        assertTrue(against.alpha() < 0);
        TemporalStep.Outcome taken = paper.apply(new double[] {-3, 1});
        assertFalse(taken.skipped());
        assertArrayEquals(java.util.Arrays.copyOf(paper.momentum(), 2), java.util.Arrays.copyOf(gate.momentum(), 2), EPS);
    }

    @Test
    void aLastingChangeOfScaleIsAcceptedOnceItFillsHalfTheWindow() {
        TemporalStep t = new TemporalStep(0.5, 1.0, 3.0, 3, TemporalStep.Alpha.GATE);
        for (int k = 0; k < 3; k++) {
            assertFalse(t.apply(new double[] {1, 0}).skipped());
        }
        assertTrue(t.apply(new double[] {10, 0}).skipped()); // window 1,1,1
        assertTrue(t.apply(new double[] {10, 0}).skipped()); // window 1,1,10
        assertFalse(t.apply(new double[] {10, 0}).skipped()); // window 1,10,10: median 10
    }

    @Test
    void robustStateRoundTripsThroughTheCheckpointVector() {
        TemporalStep a = StpaVariant.ROBUST.temporalStep(0.5, 1.0);
        a.apply(new double[] {1, 0, 0});
        a.apply(new double[] {1, 1, 0});
        double[] state = a.momentum();
        assertEquals(3 + 1 + StpaVariant.ROBUST.history(), state.length);
        TemporalStep b = StpaVariant.ROBUST.temporalStep(0.5, 1.0);
        b.restore(state);
        double[] huge = {50, 0, 0};
        assertEquals(a.apply(huge).skipped(), b.apply(huge).skipped());
        TemporalStep.Outcome oa = a.apply(new double[] {1, 0.5, 0});
        TemporalStep.Outcome ob = b.apply(new double[] {1, 0.5, 0});
        assertArrayEquals(oa.step(), ob.step(), EPS);
        assertArrayEquals(a.momentum(), b.momentum(), EPS);
        assertThrows(IllegalArgumentException.class, () -> b.restore(new double[] {1, 2}));
    }

    // ---- failure 3: a threshold that ignores d

    @Test
    void noiseIsExcludedAtSmallDimensionWhereThePaperThresholdSeparatesNothing() {
        Random rng = new Random(11);
        int d = 110;
        double[][] rows = concat(honest(rng, 13, d, 1.0, 0.7), honest(rng, 7, d, 0.0, 200));
        UpdateMatrix u = UpdateMatrix.ofRows(rows);
        assertEquals(20, paper(0.02).aggregate(u).kept().length);
        assertArrayEquals(IntStream.range(0, 13).toArray(), robust(0.02).aggregate(u).kept());
    }

    // ---- failure 4: one pair vetoes the split

    @Test
    void onePairCannotVetoTheSplitOfSignFlippers() {
        Random rng = new Random(5);
        int d = 200;
        double[][] good = honest(rng, 16, d, 1.0, 1.2);
        double[][] flipped = new double[4][];
        for (int i = 0; i < 4; i++) {
            flipped[i] = java.util.Arrays.stream(good[i]).map(x -> -x).toArray();
        }
        // one honest client whose data makes its update point along attacker 0's flipped one
        for (int j = 0; j < d; j++) {
            good[15][j] = good[15][j] + 0.75 * flipped[0][j];
        }
        UpdateMatrix u = UpdateMatrix.ofRows(concat(good, flipped));
        assertEquals(20, paper(0.02).aggregate(u).kept().length);
        // every attacker goes; the hybrid row 15 may go with them
        int[] kept = robust(0.02).aggregate(u).kept();
        assertTrue(IntStream.of(kept).allMatch(k -> k < 16), java.util.Arrays.toString(kept));
        assertTrue(kept.length >= 15, java.util.Arrays.toString(kept));
    }

    @Test
    void noiseOfLargeNormIsScreenedOutWhenHonestUpdatesBarelyAgree() {
        // late in training: 13 honest updates agreeing little (pairwise cosine ~ 0.01), 7 of noise
        // 1000 times their norm; without the screen the split follows chance and keeps noise
        Random rng = new Random(11);
        int d = 2000;
        double[][] good = honest(rng, 13, d, 0.1, 1.0);
        double[][] noise = new double[7][d];
        for (double[] row : noise) {
            for (int j = 0; j < d; j++) {
                row[j] = 1000 * rng.nextGaussian();
            }
        }
        UpdateMatrix u = UpdateMatrix.ofRows(concat(good, noise));
        AggregationResult screened = robust(0.02).aggregate(u);
        assertTrue(IntStream.of(screened.kept()).allMatch(k -> k < 13), java.util.Arrays.toString(screened.kept()));
        assertEquals(7, screened.details().get("normScreened"));
        AggregationResult off = robustWith("stpa.robust.norm-screen", 0).aggregate(u);
        assertFalse(off.details().containsKey("normScreened"));
        // a factor below 1 would screen honest updates: refused with the key's name
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> robustWith("stpa.robust.norm-screen", 0.5));
        assertTrue(e.getMessage().contains("norm-screen"), e.getMessage());
    }

    /** 32 non-IID honest updates that barely agree pairwise (cosine ~ 0.1) and 8 flipped copies of others. */
    private static double[][] convergedNonIidWithFlippers(long seed) {
        Random rng = new Random(seed);
        int d = 110;
        double[][] good = honest(rng, 40, d, 0.35, 1.0);
        double[][] flipped = new double[8][];
        for (int i = 0; i < 8; i++) {
            flipped[i] = java.util.Arrays.stream(good[32 + i]).map(x -> -x).toArray();
        }
        return concat(java.util.Arrays.copyOf(good, 32), flipped);
    }

    private static Stpa robustWith(String key, Object value) {
        return new Stpa(0.02, new Median(), StpaVariant.from(java.util.Map.of("stpa.variant", "robust", key, value)));
    }

    @Test
    void signFlippersAreExcludedWhenHonestUpdatesNoLongerAgreeWithEachOther() {
        for (long seed = 1; seed <= 5; seed++) {
            UpdateMatrix u = UpdateMatrix.ofRows(convergedNonIidWithFlippers(seed));
            // the projection on the round's median sees the flippers point against the honest direction
            assertArrayEquals(IntStream.range(0, 32).toArray(), robust(0.02).aggregate(u).kept(), "seed " + seed);
            // the cluster test alone (the variant before the projection test) does not single them out
            int[] clustersOnly = robustWith("stpa.robust.split", "clusters").aggregate(u).kept();
            assertFalse(java.util.Arrays.equals(IntStream.range(0, 32).toArray(), clustersOnly), "seed " + seed);
        }
    }

    @Test
    void aSampledFlipperMajorityIsNotKeptWhenItPointsAgainstThePreviousAggregate() {
        // 8 honest and 12 flipped: the median follows the flippers, so the projection test would keep
        // them and leave out the honest; the previous round's aggregate (honest) says otherwise
        Random rng = new Random(31);
        int d = 110;
        double[][] good = honest(rng, 20, d, 1.0, 1.0);
        double[][] rows = new double[20][];
        for (int i = 0; i < 20; i++) {
            rows[i] = i < 8 ? good[i] : java.util.Arrays.stream(good[i]).map(x -> -x).toArray();
        }
        // the last round's aggregate: the honest direction (the sum of the honest updates)
        double[] previous = new double[d];
        for (double[] row : good) {
            for (int j = 0; j < d; j++) {
                previous[j] += row[j];
            }
        }
        UpdateMatrix u = UpdateMatrix.ofRows(rows);
        AggregationContext past = new AggregationContext(previous);
        AggregationResult withoutHistory = robustWith("stpa.robust.trajectory", false).aggregate(u, past);
        assertEquals("projection", withoutHistory.details().get("split"));
        assertArrayEquals(IntStream.range(8, 20).toArray(), withoutHistory.kept());
        AggregationResult r = robust(0.02).aggregate(u, past);
        assertFalse("projection".equals(r.details().get("split")), r.details().toString());
        assertTrue((Double) r.details().get("keptVersusPreviousCosine") < 0, r.details().toString());
    }

    @Test
    void aLowGroupThatIsOnlyTurnedAsideIsNotSplitByTheProjectionTest() {
        // 38 agreeing updates and 2 heterogeneous ones, nearly orthogonal to them, leaning slightly
        // (cosine -0.1) below the common direction: turned aside, not flipped
        Random rng = new Random(21);
        int d = 110;
        double[][] good = honest(rng, 38, d, 1.0, 0.3);
        double[] g = new double[d];
        for (double[] row : good) {
            for (int j = 0; j < d; j++) {
                g[j] += row[j] / good.length;
            }
        }
        double gg = java.util.Arrays.stream(g).map(x -> x * x).sum();
        double[][] aside = new double[2][d];
        for (double[] a : aside) {
            double[] r = rng.doubles(d).map(x -> x - 0.5).toArray();
            double rg = 0;
            for (int j = 0; j < d; j++) {
                rg += r[j] * g[j];
            }
            double rr = 0;
            for (int j = 0; j < d; j++) {
                r[j] -= rg / gg * g[j];
                rr += r[j] * r[j];
            }
            for (int j = 0; j < d; j++) {
                a[j] = r[j] / Math.sqrt(rr) - 0.1 * g[j] / Math.sqrt(gg);
            }
        }
        UpdateMatrix u = UpdateMatrix.ofRows(concat(good, aside));
        java.util.Map<String, Object> details = robust(0.02).aggregate(u).details();
        assertFalse("projection".equals(details.get("split")), details.toString());
        // without the anti-alignment gate the projection test takes them for flippers
        AggregationResult ungated = robustWith("stpa.robust.anti-aligned", false).aggregate(u);
        assertEquals("projection", ungated.details().get("split"), ungated.details().toString());
        assertArrayEquals(IntStream.range(0, 38).toArray(), ungated.kept());
    }

    @Test
    void updatesThatAgreeWithNobodyAreNotSplitOnNoise() {
        Random rng = new Random(3);
        UpdateMatrix u = UpdateMatrix.ofRows(honest(rng, 20, 610, 0.0, 1.0));
        assertEquals(20, robust(0.02).aggregate(u).kept().length);
    }

    @Test
    void agreeingHonestUpdatesAreAllKept() {
        Random rng = new Random(4);
        UpdateMatrix u = UpdateMatrix.ofRows(honest(rng, 20, 610, 1.0, 1.0));
        assertEquals(20, robust(0.02).aggregate(u).kept().length);
    }

    // ---- failure 5: fewer than three updates

    @Test
    void twoDisagreeingUpdatesAreRefusedWhileThePaperAveragesThem() {
        Random rng = new Random(8);
        // d = 100: the null band is 3 / sqrt(100) = 0.3, two unrelated directions are well inside it
        UpdateMatrix u = UpdateMatrix.ofRows(concat(honest(rng, 1, 100, 1.0, 0.1), honest(rng, 1, 100, 0.0, 200)));
        double[] mean = new double[100];
        for (int j = 0; j < 100; j++) {
            mean[j] = 0.5 * (u.get(0, j) + u.get(1, j));
        }
        assertArrayEquals(mean, paper(0.02).aggregate(u).aggregate(), 1e-3);
        AggregationResult r = robust(0.02).aggregate(u);
        assertNull(r.aggregate());
        assertArrayEquals(new int[] {0, 1}, r.kept()); // refused, but nobody is singled out
    }

    @Test
    void twoAgreeingUpdatesAreAggregated() {
        Random rng = new Random(9);
        UpdateMatrix u = UpdateMatrix.ofRows(honest(rng, 2, 100, 1.0, 0.3));
        AggregationResult r = robust(0.02).aggregate(u);
        assertArrayEquals(new int[] {0, 1}, r.kept());
        assertEquals(0.5 * (u.get(0, 7) + u.get(1, 7)), r.aggregate()[7], 1e-6);
    }

    @Test
    void threeUpdatesWithOneNoiseKeepTheTwoThatAgree() {
        Random rng = new Random(10);
        UpdateMatrix u = UpdateMatrix.ofRows(concat(honest(rng, 2, 100, 1.0, 0.3), honest(rng, 1, 100, 0.0, 200)));
        AggregationResult r = robust(0.02).aggregate(u);
        assertArrayEquals(new int[] {0, 1}, r.kept());
    }

    // ---- keys

    @Test
    void robustKeysAreReadAndBadValuesNameTheKey() {
        IllegalArgumentException e0;
        StpaVariant v = StpaVariant.from(java.util.Map.of("stpa.variant", "robust",
                "stpa.robust.norm-bound", 0, "stpa.robust.history", 9, "stpa.robust.alpha", "after",
                "stpa.robust.separation", "max", "stpa.robust.threshold", 0.1, "stpa.robust.null-band", 2,
                "stpa.robust.min-majority", false, "stpa.robust.clustering", "complete"));
        assertTrue(v.robust());
        assertEquals(0, v.normBound());
        assertEquals(9, v.history());
        assertEquals(TemporalStep.Alpha.AFTER, v.alpha());
        assertFalse(v.meanSeparation());
        assertEquals(0.1, v.threshold());
        assertEquals(2, v.nullBand());
        assertFalse(v.minMajority());
        assertFalse(v.spectral());
        assertEquals(StpaVariant.ROBUST, StpaVariant.from(java.util.Map.of("stpa.variant", "robust")));
        assertTrue(StpaVariant.ROBUST.projection());
        assertTrue(StpaVariant.ROBUST.antiAligned());
        assertTrue(StpaVariant.ROBUST.trajectory());
        assertFalse(StpaVariant.from(java.util.Map.of("stpa.variant", "robust", "stpa.robust.trajectory", false))
                .trajectory());
        StpaVariant w = StpaVariant.from(java.util.Map.of("stpa.variant", "robust", "stpa.robust.split", "clusters",
                "stpa.robust.anti-aligned", false));
        assertFalse(w.projection());
        assertFalse(w.antiAligned());
        e0 = assertThrows(IllegalArgumentException.class, () -> StpaVariant.from(java.util.Map.of(
                "stpa.variant", "robust", "stpa.robust.split", "sign")));
        assertTrue(e0.getMessage().startsWith("server.stpa.robust.split"), e0.getMessage());
        e0 = assertThrows(IllegalArgumentException.class, () -> StpaVariant.from(java.util.Map.of(
                "stpa.variant", "robust", "stpa.robust.anti-aligned", "yes")));
        assertTrue(e0.getMessage().startsWith("server.stpa.robust.anti-aligned"), e0.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StpaVariant.from(java.util.Map.of("stpa.variant", "strong")));
        assertTrue(e.getMessage().startsWith("server.stpa.variant"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StpaVariant.from(java.util.Map.of(
                "stpa.variant", "robust", "stpa.robust.separation", "median")));
        assertTrue(e.getMessage().startsWith("server.stpa.robust.separation"), e.getMessage());
    }
}
