package io.aegis.aggregation;

/**
 * Base of the built-in rules: each aggregates a subset of a matrix's rows in place, so a filter
 * (STPA's clustering, Bulyan's Krum stage) hands its survivors to an inner rule without copying
 * the n x d matrix. Indices in results always refer to rows of the full matrix.
 */
public abstract class RowSubsetRule implements AggregationRule {

    @Override
    public final AggregationResult aggregate(UpdateMatrix updates, AggregationContext context) {
        return aggregate(updates, AggregationResult.all(updates.rows()), context);
    }

    /**
     * Aggregates rows {@code rows} (ascending, distinct) of {@code updates}. Zero rows give a null
     * aggregate and empty {@code kept} ("no update this round").
     */
    public final AggregationResult aggregate(UpdateMatrix updates, int[] rows, AggregationContext context) {
        if (rows.length == 0) {
            return new AggregationResult(null, new int[0]);
        }
        return aggregateRows(updates, rows, context == null ? AggregationContext.NONE : context);
    }

    /** Called with at least one row. */
    protected abstract AggregationResult aggregateRows(UpdateMatrix updates, int[] rows, AggregationContext context);

    @Override
    public String toString() {
        return name();
    }
}
