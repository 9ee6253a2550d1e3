package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FedAvgAndMedianTest {
    private static final double EPS = 1e-9;

    @Test
    void fedAvgWeightsBySampleCount() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[] {1, 3}, new float[] {0, 0}, new float[] {4, 8});
        AggregationResult r = new FedAvg().aggregate(u);
        assertArrayEquals(new double[] {3, 6}, r.aggregate(), EPS);
        assertArrayEquals(new int[] {0, 1}, r.kept());
    }

    @Test
    void fedAvgWithoutCountsIsThePlainMean() {
        UpdateMatrix u = UpdateMatrix.ofRows(new float[] {0, 0}, new float[] {4, 8});
        assertArrayEquals(new double[] {2, 4}, new FedAvg().aggregate(u).aggregate(), EPS);
        UpdateMatrix zeros = UpdateMatrix.ofRows(new double[] {0, 0}, new float[] {0, 0}, new float[] {4, 8});
        assertArrayEquals(new double[] {2, 4}, new FedAvg().aggregate(zeros).aggregate(), EPS);
    }

    @Test
    void fedAvgRejectsNegativeCounts() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[] {-1, 3}, new float[] {0, 0}, new float[] {4, 8});
        assertThrows(IllegalArgumentException.class, () -> new FedAvg().aggregate(u));
    }

    @Test
    void medianOfOddCountIsTheMiddleValue() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{5, -1}, {1, 100}, {3, 0}});
        assertArrayEquals(new double[] {3, 0}, new Median().aggregate(u).aggregate(), EPS);
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheTwoMiddleValues() {
        UpdateMatrix u = UpdateMatrix.ofRows(new double[][] {{5, -1}, {1, 100}, {3, 0}, {10, 0}});
        assertArrayEquals(new double[] {4, 0}, new Median().aggregate(u).aggregate(), EPS);
    }

    @Test
    void medianOfOneAndTwoUpdates() {
        assertArrayEquals(new double[] {7, 8}, new Median().aggregate(UpdateMatrix.ofRows(new double[][] {{7, 8}})).aggregate(), EPS);
        assertArrayEquals(new double[] {4, 5}, new Median().aggregate(UpdateMatrix.ofRows(new double[][] {{7, 8}, {1, 2}})).aggregate(), EPS);
    }
}
