package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bisection over keys that the median and trimmed mean use above 256 rows: it must return the
 * exact value of each rank (a sort's answer, bit for bit) and split ties at the cuts exactly,
 * whatever the values, signed zeros, subnormals and the largest floats included.
 */
class VectorRanksTest {
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
        -Float.MAX_VALUE, 1f, -1f, 1e-38f, -1e-38f};

    @BeforeAll
    static void moduleIsThere() {
        assumeTrue(VectorSupport.AVAILABLE, "Vector API not available");
    }

    /** n values per lane, lane-major in the result ({@code out[lane][r]}), as floats of any kind. */
    private static float[][] columns(SplittableRandom rng, int n, boolean ties) {
        float[][] c = new float[VectorRanks.LANES][n];
        for (float[] column : c) {
            for (int r = 0; r < n; r++) {
                int kind = rng.nextInt(10);
                column[r] = kind == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)]
                        : ties ? rng.nextInt(-3, 4) * 0.5f
                        : (float) ((rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-40, 38)));
            }
        }
        return c;
    }

    private static int[] keys(float[][] c, int n) {
        int[] keys = new int[n * VectorRanks.LANES];
        float[] row = new float[VectorRanks.LANES];
        for (int r = 0; r < n; r++) {
            for (int lane = 0; lane < VectorRanks.LANES; lane++) {
                row[lane] = c[lane][r];
            }
            VectorRanks.storeKeys(row, 0, keys, r * VectorRanks.LANES);
        }
        return keys;
    }

    @Test
    void keysOrderFloatsAsASortDoesAndMapBackToTheSameBits() {
        float[] v = SPECIAL.clone();
        Arrays.sort(v);
        for (int i = 0; i + 1 < v.length; i++) {
            assertTrue(VectorRanks.key(v[i]) < VectorRanks.key(v[i + 1]), v[i] + " before " + v[i + 1]);
        }
        for (float x : SPECIAL) {
            assertEquals(Float.floatToRawIntBits(x), Float.floatToRawIntBits(VectorRanks.value(VectorRanks.key(x))));
        }
    }

    @Test
    void rankKeysReturnTheExactValuesASortPutsAtBothRanks() {
        SplittableRandom rng = new SplittableRandom(21);
        int[] a = new int[VectorRanks.LANES];
        int[] b = new int[VectorRanks.LANES];
        for (int n : new int[] {1, 2, 3, 17, 257, 1000}) {
            for (boolean ties : new boolean[] {false, true}) {
                float[][] c = columns(rng, n, ties);
                int ka = rng.nextInt(n);
                int kb = ka + rng.nextInt(n - ka);
                VectorRanks.rankKeys(keys(c, n), n, ka, kb, a, b);
                for (int lane = 0; lane < VectorRanks.LANES; lane++) {
                    float[] sorted = c[lane].clone();
                    Arrays.sort(sorted);
                    String where = "n=" + n + " ties=" + ties + " lane " + lane;
                    assertEquals(Float.floatToRawIntBits(sorted[ka]), Float.floatToRawIntBits(VectorRanks.value(a[lane])),
                            where + " rank " + ka);
                    assertEquals(Float.floatToRawIntBits(sorted[kb]), Float.floatToRawIntBits(VectorRanks.value(b[lane])),
                            where + " rank " + kb);
                }
            }
        }
    }

    @Test
    void middleSumsCountEveryCopyOfATiedCutValueOnce() {
        SplittableRandom rng = new SplittableRandom(8);
        int[] a = new int[VectorRanks.LANES];
        int[] b = new int[VectorRanks.LANES];
        double[] sums = new double[VectorRanks.LANES];
        for (int n : new int[] {3, 10, 300, 1001}) {
            for (int t : new int[] {0, 1, n / 10, (n - 1) / 2}) {
                // few distinct values: the cuts almost always fall inside a run of equal values
                float[][] c = columns(rng, n, true);
                int[] keys = keys(c, n);
                VectorRanks.rankKeys(keys, n, t, n - t - 1, a, b);
                VectorRanks.middleSums(keys, n, t, a, b, sums);
                for (int lane = 0; lane < VectorRanks.LANES; lane++) {
                    float[] sorted = c[lane].clone();
                    Arrays.sort(sorted);
                    double expected = 0;
                    boolean huge = false;
                    for (int r = t; r < n - t; r++) {
                        expected += sorted[r];
                        huge |= Math.abs(sorted[r]) > 1e30;
                    }
                    String where = "n=" + n + " t=" + t + " lane " + lane;
                    if (huge) {
                        assertEquals(expected, sums[lane], Math.abs(expected) * 1e-12 + 1e26, where);
                    } else {
                        assertEquals(expected, sums[lane], 1e-9, where);
                    }
                }
            }
        }
    }

    @Test
    void coordinateRulesSearchAboveTwoHundredFiftySixRowsAndAgreeWithASortIncludingTheTailColumns() {
        assertFalse(SortedBlocks.searches(SortedBlocks.SELECT_ABOVE));
        assertTrue(SortedBlocks.searches(SortedBlocks.SELECT_ABOVE + 1));
        SplittableRandom rng = new SplittableRandom(4);
        for (int[] shape : new int[][] {{257, 8 * 3 + 5}, {400, 8 * 3 + 5}, {300, 3}, {258, 8}}) {
            int n = shape[0];
            for (boolean ties : new boolean[] {false, true}) {
                // 8 k + r columns: groups of eight and a tail of r that takes the scalar path
                UpdateMatrix u = Reference.random(rng, n, shape[1], ties);
                String where = "n=" + n + " ties=" + ties;
                double[] median = new Median().aggregate(u).aggregate();
                double[] expected = Reference.median(u);
                for (int c = 0; c < u.cols(); c++) {
                    assertEquals(expected[c], median[c], 0.0, where + " median column " + c);
                }
                TrimmedMean tm = new TrimmedMean(0.1);
                double[] trimmed = tm.aggregate(u).aggregate();
                double[] reference = Reference.trimmedMean(u, tm.trimmed(n));
                for (int c = 0; c < u.cols(); c++) {
                    assertEquals(reference[c], trimmed[c], 1e-12 * (1 + Math.abs(reference[c])), where + " trimmed column " + c);
                }
            }
        }
    }
}
