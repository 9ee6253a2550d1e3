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
 * <p>The robust variant ({@link StpaVariant}, docs/stpa.md) changes three things: the split
 * statistic is the MEAN cross-cluster similarity (one honest update aligned with one attacker can no
 * longer veto the split); the threshold is raised to nullBand / sqrt(d), the spread of the cosine of
 * independent directions, where the configured one lies inside that noise; and a round whose kept
 * cluster is not a strict majority of the updates is refused (null aggregate, nobody singled out),
 * which also lets it cluster rounds of two updates.
 */
public final class Stpa extends RowSubsetRule {
    private final double threshold;
    private final RowSubsetRule inner;
    private final StpaVariant variant;

    public Stpa(double threshold, RowSubsetRule inner) {
        this(threshold, inner, StpaVariant.PAPER);
    }

    public Stpa(double threshold, RowSubsetRule inner, StpaVariant variant) {
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException("stpa: threshold is a cosine similarity and must be in [-1, 1], got " + threshold);
        }
        if (inner == null || inner instanceof Stpa) {
            throw new IllegalArgumentException("stpa: inner rule must be one of the other rules, got " + inner);
        }
        this.threshold = threshold;
        this.inner = inner;
        this.variant = variant == null ? StpaVariant.PAPER : variant;
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

    public StpaVariant variant() {
        return variant;
    }

    @Override
    protected AggregationResult aggregateRows(UpdateMatrix u, int[] rows, AggregationContext context) {
        int n = rows.length;
        Map<String, Object> details = new LinkedHashMap<>();
        int[] kept = rows;
        boolean robust = variant.robust();
        if (n >= 3 || (robust && variant.minMajority() && n == 2)) {
            double[] sim = Gram.cosine(Gram.of(u, rows), n);
            int[][] clusters = robust && variant.spectral() ? SpectralSplit.twoGroups(sim, n)
                    : CompleteLinkage.twoClusters(sim, n);
            boolean mean = robust && variant.meanSeparation();
            double cross = mean ? meanCross(sim, n, clusters[0], clusters[1])
                    : CompleteLinkage.maxCross(sim, n, clusters[0], clusters[1]);
            // auto: the kept side's own agreement minus the null band, see StpaVariant#threshold
            int[] larger = clusters[0].length >= clusters[1].length ? clusters[0] : clusters[1];
            double t = variant.threshold(threshold, u.cols(), meanWithin(sim, n, larger));
            int[] first = toRows(clusters[0], rows);
            int[] second = toRows(clusters[1], rows);
            int[] excluded = new int[0];
            details.put("clusters", new int[][] {first, second});
            details.put(mean ? "meanCrossSimilarity" : "maxCrossSimilarity", cross);
            details.put("threshold", t);
            if (cross < t) {
                if (robust && variant.minMajority() && first.length == second.length) {
                    // neither side is a majority: there is nothing to trust, refuse the round
                    details.put("excludedCluster", excluded);
                    details.put("refused", "no cluster holds a strict majority of the " + n + " updates");
                    return new AggregationResult(null, rows.clone(), details);
                }
                // clusters[0] holds the lowest row, so it wins a tie
                boolean keepFirst = first.length >= second.length;
                kept = keepFirst ? first : second;
                excluded = keepFirst ? second : first;
            }
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

    /** The mean similarity between distinct members of x; 1 for a single member (it agrees with itself). */
    static double meanWithin(double[] sim, int n, int[] x) {
        if (x.length < 2) {
            return 1.0;
        }
        double sum = 0;
        for (int i : x) {
            for (int j : x) {
                if (i != j) {
                    sum += sim[i * n + j];
                }
            }
        }
        return sum / ((double) x.length * (x.length - 1));
    }

    /** The mean similarity between the members of x and those of y. */
    static double meanCross(double[] sim, int n, int[] x, int[] y) {
        double sum = 0;
        for (int i : x) {
            for (int j : y) {
                sum += sim[i * n + j];
            }
        }
        return sum / ((double) x.length * y.length);
    }

    private static int[] toRows(int[] local, int[] rows) {
        int[] out = new int[local.length];
        for (int k = 0; k < local.length; k++) {
            out[k] = rows[local[k]];
        }
        return out;
    }
}
