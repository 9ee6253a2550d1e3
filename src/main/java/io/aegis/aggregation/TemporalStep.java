package io.aegis.aggregation;

/**
 * STPA's temporal stage (Li et al., ICPADS 2021, Algorithm 1 steps 7-9), usable after any rule:
 * v = beta * v + (1 - beta) * U; alpha = cos(U, v); alpha <= 0 skips the round (the model stays,
 * v keeps its update); otherwise the server adds alpha * eta0 * v to the global model.
 * Written in update terms (U = aggregate of w_local - w_global), see CONTRIBUTING.md (Conventions).
 * <p>Choices: the first round has v = 0, so v becomes (1 - beta) U and alpha = 1. When U or the
 * new v is the zero vector the cosine is undefined: alpha is taken as 0 and the round skipped
 * (there is no direction to trust). A null U (no updates this round) skips without touching v,
 * with alpha NaN ("no temporal step ran"). Not thread-safe: one instance per server.
 */
public final class TemporalStep {
    private final double beta;
    private final double eta0;
    private double[] v;

    /** What the temporal stage decided: {@code step} is null when the round is skipped. */
    public record Outcome(double[] step, double alpha, boolean skipped) {}

    public TemporalStep(double beta, double eta0) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("temporal step: momentum (beta) must be in [0, 1), got " + beta);
        }
        if (!(eta0 > 0) || Double.isInfinite(eta0)) {
            throw new IllegalArgumentException("temporal step: learning-rate (eta0) must be > 0, got " + eta0);
        }
        this.beta = beta;
        this.eta0 = eta0;
    }

    public double beta() {
        return beta;
    }

    public double eta0() {
        return eta0;
    }

    public Outcome apply(double[] aggregateUpdate) {
        if (aggregateUpdate == null) {
            return new Outcome(null, Double.NaN, true);
        }
        int d = aggregateUpdate.length;
        if (v == null) {
            v = new double[d];
        } else if (v.length != d) {
            throw new IllegalArgumentException("temporal step: update has length " + d + ", momentum has " + v.length);
        }
        double dot = 0;
        double uu = 0;
        double vv = 0;
        for (int c = 0; c < d; c++) {
            double x = aggregateUpdate[c];
            double m = beta * v[c] + (1 - beta) * x;
            v[c] = m;
            dot += x * m;
            uu += x * x;
            vv += m * m;
        }
        double den = Math.sqrt(uu) * Math.sqrt(vv);
        double alpha = den > 0 ? Math.max(-1.0, Math.min(1.0, dot / den)) : 0.0;
        if (!(alpha > 0)) {
            return new Outcome(null, alpha, true);
        }
        double[] step = new double[d];
        double scale = alpha * eta0;
        for (int c = 0; c < d; c++) {
            step[c] = scale * v[c];
        }
        return new Outcome(step, alpha, false);
    }

    /** A copy of the momentum vector (null before the first round), for checkpoints. */
    public double[] momentum() {
        return v == null ? null : v.clone();
    }

    /** Restores the momentum from a checkpoint (null resets it to "no round yet"). */
    public void restore(double[] momentum) {
        v = momentum == null ? null : momentum.clone();
    }
}
