package io.aegis.aggregation;

/**
 * Coordinate-wise trimmed mean (Yin et al., ICML 2018): per coordinate, drop the floor(b * n)
 * smallest and floor(b * n) largest values and average the rest; b in [0, 0.5) so at least one
 * value always remains (1 or 2 updates: nothing is trimmed, the plain mean). All rows are kept.
 */
public final class TrimmedMean extends RowSubsetRule {
    private final double trimRatio;

    public TrimmedMean(double trimRatio) {
        if (!(trimRatio >= 0 && trimRatio < 0.5)) {
            throw new IllegalArgumentException("trimmed-mean: trim-ratio must be in [0, 0.5), got " + trimRatio);
        }
        this.trimRatio = trimRatio;
    }

    public double trimRatio() {
        return trimRatio;
    }

    @Override
    public String name() {
        return "trimmed-mean";
    }

    /** Values trimmed from each end for n updates. */
    public int trimmed(int n) {
        return (int) Math.floor(trimRatio * n + 1e-9);
    }

    @Override
    protected AggregationResult aggregateRows(UpdateMatrix u, int[] rows, AggregationContext context) {
        int t = trimmed(rows.length);
        double[] out = SortedBlocks.middleMean(u, rows, t);
        return new AggregationResult(out, rows.clone(), java.util.Map.of("trimmedPerSide", t));
    }
}
