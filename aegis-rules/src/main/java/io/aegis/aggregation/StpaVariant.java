package io.aegis.aggregation;

import java.util.List;
import java.util.Map;

/**
 * Which STPA runs: the paper's Algorithm 1 ({@code server.stpa.variant = paper}, the default) or the
 * robust variant of docs/stpa.md ({@code robust}) with its parts under {@code server.stpa.robust}.
 * All parsing of those keys lives here, so the rule factory only calls {@link #from(Map)}.
 *
 * @param robust         false = Algorithm 1 exactly; every other field is then ignored
 * @param normBound      refuse a step whose norm exceeds this times the median of the recent
 *                       aggregate norms (0 = off)
 * @param history        how many recent aggregate norms the bound looks at (>= 1)
 * @param alpha          which alpha scales and gates the step ({@link TemporalStep.Alpha}): after (the
 *                       paper's cos(U, v_t)), before (cos(U, v_{t-1})), or gate (before decides, after scales)
 * @param meanSeparation split on the mean cross-cluster similarity instead of the maximum
 * @param threshold      the split threshold, or NaN for auto = min(within - band, max(stpa.threshold, band))
 *                       with band = nullBand / sqrt(d), within = the larger cluster's mean similarity
 * @param nullBand       k in the null band k / sqrt(d) (the spread of the cosine of independent directions)
 * @param minMajority    refuse a round whose kept cluster is not a strict majority of the updates,
 *                       and cluster rounds of two updates as well
 * @param spectral       split with {@link SpectralSplit} instead of complete linkage
 * @param projection     split by the updates' cosine with the round's coordinate-wise median (a 1-D
 *                       2-means cut of those cosines) instead of by cluster geometry
 * @param antiAligned    split only when the mean of the group left out points against the mean of
 *                       the kept group (cosine < -band): flipping is split, orthogonal heterogeneity is not
 * @param trajectory     the projection test keeps a group only if its mean agrees (cosine > 0) with the
 *                       previous round's aggregate, when there is one (a sampled attacker majority
 *                       turns the median; the past trajectory tells)
 * @param normScreen     before the spatial stage, leave out every update whose norm exceeds this many
 *                       times the round's median update norm (0 = off)
 */
public record StpaVariant(boolean robust, double normBound, int history, TemporalStep.Alpha alpha,
                          boolean meanSeparation, double threshold, double nullBand, boolean minMajority,
                          boolean spectral, boolean projection, boolean antiAligned,
                          boolean trajectory, double normScreen) {

    public static final StpaVariant PAPER = new StpaVariant(false, 0, 1, TemporalStep.Alpha.AFTER, false, Double.NaN, 0, false, false,
            false, false, false, 0);
    public static final StpaVariant ROBUST = new StpaVariant(true, 3.0, 5, TemporalStep.Alpha.GATE, true, Double.NaN, 3.0, true, true,
            true, true, true, 100.0);

    /** The scenario keys, relative to the server block. */
    public static final List<String> KEYS = List.of("stpa.variant", "stpa.robust.norm-bound", "stpa.robust.history",
            "stpa.robust.alpha", "stpa.robust.separation", "stpa.robust.threshold", "stpa.robust.null-band",
            "stpa.robust.min-majority", "stpa.robust.clustering", "stpa.robust.split",
            "stpa.robust.anti-aligned", "stpa.robust.trajectory", "stpa.robust.norm-screen");

    /** The variant named by {@code server.stpa.variant} (paper when absent), with the robust keys' values. */
    public static StpaVariant from(Map<String, ?> server) {
        return fromParams(new Params(server, Rules.SERVER_PREFIX));
    }

    static StpaVariant fromParams(Params p) {
        String variant = p.string("stpa.variant", "paper");
        if (variant.equals("paper")) {
            return PAPER;
        }
        if (!variant.equals("robust")) {
            throw p.bad("stpa.variant", variant, "must be paper or robust");
        }
        double bound = p.number("stpa.robust.norm-bound", ROBUST.normBound);
        if (bound < 0) {
            throw p.bad("stpa.robust.norm-bound", bound, "must be >= 0 (0 = off)");
        }
        int history = p.integer("stpa.robust.history", ROBUST.history);
        if (history < 1 || history > 10_000) {
            throw p.bad("stpa.robust.history", history, "must be between 1 and 10000 rounds");
        }
        String alpha = p.string("stpa.robust.alpha", ROBUST.alpha.name().toLowerCase(java.util.Locale.ROOT));
        if (!alpha.equals("before") && !alpha.equals("after") && !alpha.equals("gate")) {
            throw p.bad("stpa.robust.alpha", alpha, "must be gate, before or after");
        }
        String separation = p.string("stpa.robust.separation", "mean");
        if (!separation.equals("mean") && !separation.equals("max")) {
            throw p.bad("stpa.robust.separation", separation, "must be mean or max");
        }
        double threshold = Double.NaN;
        if (p.has("stpa.robust.threshold") && !"auto".equals(p.string("stpa.robust.threshold", "auto"))) {
            threshold = p.number("stpa.robust.threshold", 0);
            if (!(threshold >= -1 && threshold <= 1)) {
                throw p.bad("stpa.robust.threshold", threshold, "must be auto or a cosine similarity in [-1, 1]");
            }
        }
        double band = p.number("stpa.robust.null-band", ROBUST.nullBand);
        if (band < 0) {
            throw p.bad("stpa.robust.null-band", band, "must be >= 0");
        }
        boolean majority = p.flag("stpa.robust.min-majority", true);
        String clustering = p.string("stpa.robust.clustering", "spectral");
        if (!clustering.equals("spectral") && !clustering.equals("complete")) {
            throw p.bad("stpa.robust.clustering", clustering, "must be spectral or complete");
        }
        String split = p.string("stpa.robust.split", "projection");
        if (!split.equals("projection") && !split.equals("clusters")) {
            throw p.bad("stpa.robust.split", split, "must be projection or clusters");
        }
        boolean anti = p.flag("stpa.robust.anti-aligned", ROBUST.antiAligned);
        boolean trajectory = p.flag("stpa.robust.trajectory", ROBUST.trajectory);
        double screen = p.number("stpa.robust.norm-screen", ROBUST.normScreen);
        if (!(screen == 0 || screen >= 1) || Double.isInfinite(screen)) {
            throw p.bad("stpa.robust.norm-screen", screen, "must be 0 (off) or a factor >= 1");
        }
        return new StpaVariant(true, bound, history, TemporalStep.Alpha.valueOf(alpha.toUpperCase(java.util.Locale.ROOT)),
                separation.equals("mean"), threshold,
                band, majority, clustering.equals("spectral"), split.equals("projection"), anti, trajectory, screen);
    }

    /** The temporal stage this variant runs with momentum {@code beta} and server learning rate {@code eta0}. */
    public TemporalStep temporalStep(double beta, double eta0) {
        return robust ? new TemporalStep(beta, eta0, normBound, history, alpha) : new TemporalStep(beta, eta0);
    }

    /**
     * The split threshold for updates of dimension {@code d}, given the paper's {@code stpa.threshold}
     * and the mean similarity {@code within} among the larger cluster's members. With band = k / sqrt(d),
     * the spread of the cosine of independent directions, auto asks two things: is the cross-cluster
     * similarity no higher than that of unrelated directions (below max(stpa.threshold, band): the
     * paper's test, widened to mean the same at d = 110 as at d = 431,080), and is it clearly (by band)
     * below the agreement inside the cluster we would keep (so updates that agree with nobody,
     * within ~ cross ~ 0, are not split on noise)?
     */
    double threshold(double paperThreshold, int d, double within) {
        if (!robust) {
            return paperThreshold;
        }
        if (!Double.isNaN(threshold)) {
            return threshold;
        }
        double band = nullBand / Math.sqrt(Math.max(1, d));
        return Math.min(within - band, Math.max(paperThreshold, band));
    }
}
