package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trimmed sum picks exactly the middle ranks, whatever the order, ties and sample guesses. */
class SelectTest {

    private static double reference(double[] v, int t) {
        double[] s = v.clone();
        Arrays.sort(s);
        double sum = 0;
        for (int k = t; k < s.length - t; k++) {
            sum += s[k];
        }
        return sum;
    }

    private static void check(double[] v, int t, String what) {
        double expected = reference(v, t);
        double actual = Select.middleSum(v.clone(), v.length, t, new double[v.length + 128]);
        // the same values summed in another order: equal up to double rounding of the middle's sum
        double[] s = v.clone();
        Arrays.sort(s);
        double scale = 0;
        for (int k = t; k < s.length - t; k++) {
            scale += Math.abs(s[k]);
        }
        assertEquals(expected, actual, 1e-12 * Math.max(1, scale), what + " n=" + v.length + " t=" + t);
    }

    @Test
    void theMiddleRanksAreSummedForRandomColumnsAndEveryTrim() {
        Random rnd = new Random(7);
        for (int n : new int[] {257, 512, 1000, 2001}) {
            for (int t : new int[] {0, 1, 5, n / 10, n / 4, n / 2 - 1}) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rnd.nextGaussian();
                }
                check(v, t, "gaussian");
            }
        }
    }

    @Test
    void orderedTiedAndPlantedColumnsStillGiveTheMiddleRanks() {
        Random rnd = new Random(11);
        int n = 1000;
        for (int t : new int[] {1, 100, 300, 499}) {
            double[] sorted = new double[n];
            double[] reversed = new double[n];
            double[] fewValues = new double[n];
            double[] constant = new double[n];
            double[] planted = new double[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = i;
                reversed[i] = n - i;
                fewValues[i] = rnd.nextInt(3);
                constant[i] = 4.5;
                planted[i] = rnd.nextGaussian();
            }
            // the sampled positions hold huge values of both signs: the guessed cut points are wrong
            for (int k = 0; k < 128; k++) {
                planted[(int) ((long) k * n / 128)] = k % 2 == 0 ? 1e30 : -1e30;
            }
            check(sorted, t, "sorted");
            check(reversed, t, "reversed");
            check(fewValues, t, "three distinct values");
            check(constant, t, "constant");
            check(planted, t, "sample planted with outliers");
        }
    }
}
