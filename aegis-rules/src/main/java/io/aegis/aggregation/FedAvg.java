package io.aegis.aggregation;

/**
 * FedAvg (McMahan et al., AISTATS 2017): the mean of the updates weighted by client sample counts
 * n_k / N, or the plain mean when counts are unknown (null weights) or all zero.
 * Any number of updates: 1 gives that update; all rows are kept.
 */
public final class FedAvg extends RowSubsetRule {
    @Override
    public String name() {
        return "fedavg";
    }

    @Override
    protected AggregationResult aggregateRows(UpdateMatrix u, int[] rows, AggregationContext context) {
        double[] w = new double[rows.length];
        double[] given = u.weights();
        double total = 0;
        if (given != null) {
            for (int r = 0; r < rows.length; r++) {
                double v = given[rows[r]];
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("fedavg: sample-count weight of row " + rows[r] + " is " + v
                            + "; weights must be finite and >= 0");
                }
                w[r] = v;
                total += v;
            }
        }
        if (given == null || total == 0) {
            java.util.Arrays.fill(w, 1.0);
            total = rows.length;
        }
        for (int r = 0; r < w.length; r++) {
            w[r] /= total;
        }
        return new AggregationResult(RowMath.weightedSum(u, rows, w), rows.clone());
    }
}
