package io.aegis.aggregation;

import java.util.Map;

/**
 * A rule's output: the aggregate update (length d), the indices of the rows it kept (ascending),
 * and rule-specific details for {@code --explain} (e.g. STPA's clusters and their similarity).
 * An empty {@code kept} with a null aggregate means "no update this round".
 */
public record AggregationResult(double[] aggregate, int[] kept, Map<String, Object> details) {
    public AggregationResult(double[] aggregate, int[] kept) {
        this(aggregate, kept, Map.of());
    }

    public static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }
}
