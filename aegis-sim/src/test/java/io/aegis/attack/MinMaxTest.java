package io.aegis.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.aggregation.UpdateMatrix;
import io.aegis.util.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinMaxTest {

    private static MinMax minMax(MinMax.Direction d) {
        return new MinMax(d, Knowledge.OMNISCIENT);
    }

    @Test
    void stdDirectionOnTwoScalarsLandsOnTheFarthestAllowedPoint() {
        // x = {0, 2}: mean 1, std (ddof 1) sqrt(2), p = -sqrt(2), max pairwise distance 2.
        // distance to 2 is 1 + sqrt(2) gamma <= 2 -> gamma = 1/sqrt(2), malicious = 1 - 1 = 0
        MinMax.Crafted c = minMax(MinMax.Direction.STD).craftOne(UpdateMatrix.ofRows(new float[] {0}, new float[] {2}));
        assertEquals(1 / Math.sqrt(2), c.gamma(), 3e-5);
        assertEquals(0.0, c.update()[0], 5e-5);
    }

    @Test
    void unitVecDirectionMovesAgainstTheMean() {
        // x = (1,0), (3,0): mean (2,0), p = (-1,0), D = 2; distance to (3,0) is 1 + gamma -> gamma = 1
        MinMax.Crafted c = minMax(MinMax.Direction.UNIT_VEC)
                .craftOne(UpdateMatrix.ofRows(new float[] {1, 0}, new float[] {3, 0}));
        assertEquals(1.0, c.gamma(), 3e-5);
        assertArrayEquals(new float[] {1, 0}, c.update(), 5e-5f);
    }

    @Test
    void signDirectionSolvesTheDistanceConstraint() {
        // x = (1,1), (3,-1): mean (2,0), sign (1,0), p = (-1,0), D^2 = 8;
        // to (3,-1): (1 + gamma)^2 + 1 <= 8 -> gamma = sqrt(7) - 1, malicious = (3 - sqrt(7), 0)
        MinMax.Crafted c = minMax(MinMax.Direction.SIGN)
                .craftOne(UpdateMatrix.ofRows(new float[] {1, 1}, new float[] {3, -1}));
        assertEquals(Math.sqrt(7) - 1, c.gamma(), 3e-5);
        assertArrayEquals(new float[] {(float) (3 - Math.sqrt(7)), 0}, c.update(), 5e-5f);
    }

    @Test
    void craftedUpdateRespectsTheMaxDistanceAndGammaIsMaximal() {
        UpdateMatrix honest = randomUpdates(13, 50, 0.05, 11);
        double maxPairwise = MinMax.maxPairwiseSquaredDistance(honest);
        for (MinMax.Direction d : MinMax.Direction.values()) {
            MinMax.Crafted c = minMax(d).craftOne(honest);
            double[] mean = ColumnStats.mean(honest);
            assertTrue(c.gamma() > 0, d.toString());
            assertTrue(maxSquaredDistance(honest, c.update()) <= maxPairwise * (1 + 1e-5), d + " breaks the constraint");
            // gamma + 1e-3 is already too far: the search stopped within tolerance of the boundary
            float[] further = c.update().clone();
            float[] step = new float[further.length];
            for (int j = 0; j < step.length; j++) {
                step[j] = (float) ((c.update()[j] - mean[j]) / c.gamma());
            }
            for (int j = 0; j < further.length; j++) {
                further[j] = (float) (mean[j] + (c.gamma() + 1e-3) * step[j]);
            }
            assertTrue(maxSquaredDistance(honest, further) > maxPairwise, d + ": gamma is not maximal");
        }
    }

    @Test
    void searchedGammaMatchesTheClosedFormWithinTolerance() {
        UpdateMatrix honest = randomUpdates(20, 30, 1.0, 5);
        double[] mean = ColumnStats.mean(honest);
        double[] std = ColumnStats.sampleStd(honest, mean);
        double[] p = new double[std.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = -std[j];
        }
        MinMax.Geometry g = new MinMax.Geometry(honest, mean, p);
        double exact = g.exactGamma();
        double searched = MinMax.searchGamma(g);
        assertTrue(searched <= exact && exact - searched < 4 * MinMax.TAU, searched + " vs exact " + exact);
    }

    @Test
    void gammaIsNotCappedAtTwiceTheInitialValueForLargeUpdates() {
        // the reference search stops below 20; with updates of norm ~1e3 and a unit direction gamma is far larger
        UpdateMatrix honest = randomUpdates(10, 20, 300.0, 3);
        MinMax.Crafted c = minMax(MinMax.Direction.UNIT_VEC).craftOne(honest);
        assertTrue(c.gamma() > 2 * MinMax.GAMMA_INIT, "gamma " + c.gamma());
        double maxPairwise = MinMax.maxPairwiseSquaredDistance(honest);
        assertTrue(maxSquaredDistance(honest, c.update()) <= maxPairwise * (1 + 1e-5));
    }

    @Test
    void oneKnownUpdateIsSentAsIsAndNoneGivesZeros() {
        for (MinMax.Direction d : MinMax.Direction.values()) {
            float[][] one = minMax(d).craft(UpdateMatrix.ofRows(new float[] {0.5f, -2f}), 5, 2, new SplittableRandom(1));
            assertArrayEquals(new float[] {0.5f, -2f}, one[1], d.toString());
            float[][] none = minMax(d).craft(new UpdateMatrix(new float[0], 0, 2), 5, 2, new SplittableRandom(1));
            assertArrayEquals(new float[2], none[0], d.toString());
        }
    }

    @Test
    void identicalHonestUpdatesLeaveNoRoomToMove() {
        UpdateMatrix same = UpdateMatrix.ofRows(new float[] {1, 2}, new float[] {1, 2}, new float[] {1, 2});
        for (MinMax.Direction d : MinMax.Direction.values()) {
            MinMax.Crafted c = minMax(d).craftOne(same);
            assertArrayEquals(new float[] {1, 2}, c.update(), 1e-4f, d.toString());
        }
    }

    @Test
    void directionNamesParseAsScenariosSpellThem() {
        assertEquals(MinMax.Direction.UNIT_VEC, MinMax.Direction.parse("unit-vec"));
        assertEquals("unit-vec", MinMax.Direction.UNIT_VEC.spelling());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MinMax.Direction.parse("unit_vector"));
        assertTrue(e.getMessage().contains("unit-vec"), e.getMessage());
    }

    static UpdateMatrix randomUpdates(int n, int d, double scale, long seed) {
        SplittableRandom rng = Seeds.stream(seed, "min-max-test");
        float[] data = new float[n * d];
        for (int j = 0; j < d; j++) {
            double centre = scale * Seeds.gaussian(rng);
            for (int i = 0; i < n; i++) {
                data[i * d + j] = (float) (centre + scale * Seeds.gaussian(rng));
            }
        }
        return new UpdateMatrix(data, n, d);
    }

    private static double maxSquaredDistance(UpdateMatrix honest, float[] v) {
        double max = 0;
        for (int i = 0; i < honest.rows(); i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                double e = (double) honest.get(i, j) - v[j];
                s += e * e;
            }
            max = Math.max(max, s);
        }
        return max;
    }
}
