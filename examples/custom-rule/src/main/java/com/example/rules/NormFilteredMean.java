package com.example.rules;

import io.aegis.aggregation.AggregationContext;
import io.aegis.aggregation.AggregationResult;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.UpdateMatrix;
import java.util.Arrays;
import java.util.stream.IntStream;

/** The mean of the updates whose L2 norm is at most 3x the median norm. */
public final class NormFilteredMean implements AggregationRule {
    @Override
    public String name() {
        return "norm-filtered-mean";
    }

    @Override
    public AggregationResult aggregate(UpdateMatrix u, AggregationContext context) {
        double[] norms = new double[u.rows()];
        for (int i = 0; i < u.rows(); i++) {
            double s = 0;
            for (int j = 0; j < u.cols(); j++) {
                s += (double) u.get(i, j) * u.get(i, j);
            }
            norms[i] = Math.sqrt(s);
        }
        double[] sorted = norms.clone();
        Arrays.sort(sorted);
        double bound = 3 * sorted[sorted.length / 2];
        int[] kept = IntStream.range(0, u.rows()).filter(i -> norms[i] <= bound).toArray();
        double[] mean = new double[u.cols()];
        for (int i : kept) {
            for (int j = 0; j < u.cols(); j++) {
                mean[j] += u.get(i, j) / (double) kept.length;
            }
        }
        return new AggregationResult(mean, kept);
    }
}
