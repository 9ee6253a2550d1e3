package io.aegis.aggregation;

/**
 * Coordinate-wise median (Yin et al., ICML 2018); with an even count, the mean of the two middle
 * values, as ByzFL, Blades and Flower compute it. 1 update gives itself, 2 give their mean.
 * Coordinate-wise rules do not drop whole updates, so every row is reported as kept.
 */
public final class Median extends RowSubsetRule {
    @Override
    public String name() {
        return "median";
    }

    @Override
    protected AggregationResult aggregateRows(UpdateMatrix u, int[] rows, AggregationContext context) {
        return new AggregationResult(of(u, rows), rows.clone());
    }

    static double[] of(UpdateMatrix u, int[] rows) {
        return SortedBlocks.median(u, rows);
    }
}
