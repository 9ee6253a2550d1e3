package io.aegis.aggregation;

/**
 * A robust aggregation rule: a pure function from a round's updates (and, for rules that need it,
 * the previous round's aggregate) to one aggregate update plus the rows it kept.
 */
public interface AggregationRule {

    /** The scenario name of the rule ("median", "krum", ...). */
    String name();

    /**
     * Aggregates the updates. Implementations must not modify {@code updates}.
     *
     * @throws IllegalArgumentException when the rule cannot honour its parameters for this many updates
     */
    AggregationResult aggregate(UpdateMatrix updates, AggregationContext context);

    default AggregationResult aggregate(UpdateMatrix updates) {
        return aggregate(updates, AggregationContext.NONE);
    }
}
