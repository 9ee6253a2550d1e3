package io.aegis.aggregation;

/**
 * What a rule may know beyond the round's updates: the previous round's aggregate update
 * (centered clipping starts from it), or null on the first round and offline.
 */
public record AggregationContext(double[] previousAggregate) {
    public static final AggregationContext NONE = new AggregationContext(null);
}
