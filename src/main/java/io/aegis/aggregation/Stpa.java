package io.aegis.aggregation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * STPA's spatial stage (Li et al., "Byzantine-robust Federated Learning through Spatial-temporal
 * Analysis of Local Model Updates", ICPADS 2021, Algorithm 1 steps 2-6): complete-linkage
 * clustering of the updates' cosine similarities down to two clusters; when the maximum
 * similarity across the clusters is below the threshold, only the larger cluster goes to the
 * inner rule, otherwise everyone does. The temporal stage is {@link TemporalStep}.
 * <p>Choices the paper leaves open (NOTES.md): fewer than 3 updates are not clustered (all go to
 * the inner rule); a zero update has similarity 0 with everything; when the two clusters are
 * equally large, the one holding the lowest row index (the earliest arrival) is kept.
 */
public final class Stpa extends RowSubsetRule {
    private final double threshold;
    private final RowSubsetRule inner;

    public Stpa(double threshold, RowSubsetRule inner) {
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException("stpa: threshold is a cosine similarity and must be in [-1, 1], got " + threshold);
        }
        if (inner == null || inner instanceof Stpa) {
            throw new IllegalArgumentException("stpa: inner rule must be one of the other rules, got " + inner);
        }
        this.threshold = threshold;
        this.inner = inner;
    }

    public static Stpa withMedian(double threshold) {
        return new Stpa(threshold, new Median());
    }

    @Override
    public String name() {
        return "stpa";
    }

    public RowSubsetRule inner() {
        return inner;
    }

    @Override
    protected AggregationResult aggregateRows(UpdateMatrix u, int[] rows, AggregationContext context) {
        int n = rows.length;
        Map<String, Object> details = new LinkedHashMap<>();
        int[] kept = rows;
        if (n >= 3) {
            double[] sim = Gram.cosine(Gram.of(u, rows), n);
            int[][] clusters = CompleteLinkage.twoClusters(sim, n);
            double cross = CompleteLinkage.maxCross(sim, n, clusters[0], clusters[1]);
            int[] first = toRows(clusters[0], rows);
            int[] second = toRows(clusters[1], rows);
            int[] excluded = new int[0];
            if (cross < threshold) {
                // clusters[0] holds the lowest row, so it wins a tie
                boolean keepFirst = first.length >= second.length;
                kept = keepFirst ? first : second;
                excluded = keepFirst ? second : first;
            }
            details.put("clusters", new int[][] {first, second});
            details.put("maxCrossSimilarity", cross);
            details.put("threshold", threshold);
            details.put("excludedCluster", excluded);
        } else {
            details.put("clusters", new int[][] {rows.clone()});
            details.put("note", "fewer than 3 updates: not clustered, all kept");
        }
        AggregationResult result = inner.aggregate(u, kept, context);
        details.put("innerRule", inner.name());
        if (!result.details().isEmpty()) {
            details.put("inner", result.details());
        }
        return new AggregationResult(result.aggregate(), result.kept(), details);
    }

    private static int[] toRows(int[] local, int[] rows) {
        int[] out = new int[local.length];
        for (int k = 0; k < local.length; k++) {
            out[k] = rows[local[k]];
        }
        return out;
    }
}
