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
 * which also lets it cluster rounds of two updates. Before that cluster test it runs a projection
 * test: the updates' cosines with the round's coordinate-wise median, cut by 1-D 2-means; the low
 * group's members pointing against the median are left out when the rest is a strict majority, their
 * mean points against the rest's mean (cosine < -band) and the rest's mean agrees with the previous
 * aggregate. Sign-flipping is anti-aligned; honest heterogeneity is only orthogonal, so it is not split.
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
    protected AggregationResult aggregateRows(UpdateMatrix u, int[] all, AggregationContext context) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean robust = variant.robust();
        double[] gram = null;
        int[] rows = all;
        if (robust && variant.normScreen() > 0 && all.length >= 3) {
            gram = Gram.of(u, all);
            int[] local = screenByNorm(gram, all.length, variant.normScreen());
            if (local.length < all.length) {
                details.put("normScreened", all.length - local.length);
                rows = toRows(local, all);
                gram = subMatrix(gram, all.length, local);
            }
        }
        int n = rows.length;
        int[] kept = rows;
        if (n >= 3 || (robust && variant.minMajority() && n == 2)) {
            double[] sim = Gram.cosine(gram != null ? gram : Gram.of(u, rows), n);
            if (robust && variant.projection()) {
                int[] against = pointingAgainst(u, rows, context, details);
                if (against != null) {
                    return keepOthers(u, rows, against, details, context);
                }
            }
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
            boolean split = cross < t;
            if (split) {
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
        return inner(u, kept, details, context);
    }

    /**
     * The local indices of the updates whose norm is at most {@code factor} times the median norm
     * (from the Gram diagonal). Noise of large norm (sigma = 200 against updates of norm ~1) is orthogonal
     * to everything and, once honest updates agree little late in training, the cluster test can keep it
     * and leave honest updates out; a minority cannot move the median norm, so the screen takes it away first.
     */
    static int[] screenByNorm(double[] gram, int n, double factor) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = Math.sqrt(Math.max(0.0, gram[i * n + i]));
        }
        double limit = factor * RowMath.median(norms);
        return java.util.stream.IntStream.range(0, n).filter(i -> !(norms[i] > limit)).toArray();
    }

    private static double[] subMatrix(double[] g, int n, int[] local) {
        int m = local.length;
        double[] out = new double[m * m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                out[a * m + b] = g[local[a] * n + local[b]];
            }
        }
        return out;
    }

    /** The inner rule over the kept rows, its details nested in the spatial stage's. */
    private AggregationResult inner(UpdateMatrix u, int[] kept, Map<String, Object> details, AggregationContext context) {
        AggregationResult result = inner.aggregate(u, kept, context);
        details.put("innerRule", inner.name());
        if (!result.details().isEmpty()) {
            details.put("inner", result.details());
        }
        return new AggregationResult(result.aggregate(), result.kept(), details);
    }

    /**
     * The projection test (docs/stpa.md): the updates' cosines with the round's coordinate-wise median
     * (a direction a minority cannot turn), cut in two by 1-D 2-means. The low group is returned (as
     * local indices) when every member of it points against the median (cosine < 0), the rest is a
     * strict majority and, with anti-aligned, the low group's mean points against the rest's mean
     * (cosine < -band): sign-flipping does that, honest heterogeneity (updates orthogonal to each
     * other and to the median) does not. Null otherwise.
     */
    private int[] pointingAgainst(UpdateMatrix u, int[] rows, AggregationContext context, Map<String, Object> details) {
        int n = rows.length;
        double[] scores = alignment(u, rows, Median.of(u, rows));
        int[][] groups = SpectralSplit.cut(scores);
        boolean firstLow = meanOf(scores, groups[0]) <= meanOf(scores, groups[1]);
        // of the low group, only those that really point against the median: a low but positive
        // cosine is heterogeneity, not flipping
        int[] low = java.util.Arrays.stream(firstLow ? groups[0] : groups[1]).filter(i -> scores[i] < 0).toArray();
        if (low.length == 0 || 2 * (n - low.length) <= n) {
            return null;
        }
        boolean[] isLow = new boolean[n];
        for (int i : low) {
            isLow[i] = true;
        }
        int[] high = java.util.stream.IntStream.range(0, n).filter(i -> !isLow[i]).toArray();
        double between = meanDirectionCosine(u, rows, low, high);
        double band = variant.nullBand() / Math.sqrt(Math.max(1, u.cols()));
        details.put("lowVersusHighCosine", between);
        boolean against = !variant.antiAligned() || between < -band;
        double[] previous = context == null ? null : context.previousAggregate();
        if (against && variant.trajectory() && previous != null && previous.length == u.cols()) {
            // a sampled attacker majority turns the median: then the group we would keep points against
            // the last aggregate, and the projection test must not keep it
            double along = cosine(meanOf(u, rows, high), previous);
            details.put("keptVersusPreviousCosine", along);
            against = along > 0;
        }
        return against ? low : null;
    }

    private AggregationResult keepOthers(UpdateMatrix u, int[] rows, int[] low, Map<String, Object> details,
                                         AggregationContext context) {
        boolean[] out = new boolean[rows.length];
        for (int i : low) {
            out[i] = true;
        }
        int[] excluded = new int[low.length];
        int[] kept = new int[rows.length - low.length];
        int a = 0;
        int b = 0;
        for (int i = 0; i < rows.length; i++) {
            if (out[i]) {
                excluded[a++] = rows[i];
            } else {
                kept[b++] = rows[i];
            }
        }
        details.put("clusters", new int[][] {kept, excluded});
        details.put("excludedCluster", excluded);
        details.put("split", "projection");
        return inner(u, kept, details, context);
    }

    private static double meanOf(double[] x, int[] idx) {
        double s = 0;
        for (int i : idx) {
            s += x[i];
        }
        return s / idx.length;
    }

    /** The cosine of each row with the direction r (0 for a zero row or a zero r). */
    static double[] alignment(UpdateMatrix u, int[] rows, double[] r) {
        float[] data = u.data();
        int d = u.cols();
        double rr = 0;
        for (double x : r) {
            rr += x * x;
        }
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int o = u.offset(rows[k]);
            double dot = 0;
            double xx = 0;
            for (int c = 0; c < d; c++) {
                double x = data[o + c];
                dot += x * r[c];
                xx += x * x;
            }
            double den = Math.sqrt(xx) * Math.sqrt(rr);
            out[k] = den > 0 ? dot / den : 0.0;
        }
        return out;
    }

    /** The cosine between the mean of the rows at local indices x and that of those at y (0 if either is zero). */
    static double meanDirectionCosine(UpdateMatrix u, int[] rows, int[] x, int[] y) {
        return cosine(meanOf(u, rows, x), meanOf(u, rows, y));
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int c = 0; c < a.length; c++) {
            dot += a[c] * b[c];
            aa += a[c] * a[c];
            bb += b[c] * b[c];
        }
        double den = Math.sqrt(aa) * Math.sqrt(bb);
        return den > 0 ? dot / den : 0.0;
    }

    private static double[] meanOf(UpdateMatrix u, int[] rows, int[] local) {
        float[] data = u.data();
        int d = u.cols();
        double[] m = new double[d];
        for (int k : local) {
            int o = u.offset(rows[k]);
            for (int c = 0; c < d; c++) {
                m[c] += data[o + c];
            }
        }
        return m;
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
