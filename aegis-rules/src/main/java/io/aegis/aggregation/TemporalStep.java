package io.aegis.aggregation;

import java.util.Arrays;

/**
 * STPA's temporal stage (Li et al., ICPADS 2021, Algorithm 1 steps 7-9), usable after any rule:
 * v = beta * v + (1 - beta) * U; alpha = cos(U, v); alpha <= 0 skips the round (the model stays,
 * v keeps its update); otherwise the server adds alpha * eta0 * v to the global model.
 * Written in update terms (U = aggregate of w_local - w_global), see CONTRIBUTING.md (Conventions).
 * <p>Choices: the first round has v = 0, so v becomes (1 - beta) U and alpha = 1. When U or the
 * new v is the zero vector the cosine is undefined: alpha is taken as 0 and the round skipped
 * (there is no direction to trust). A null U (no updates this round) skips without touching v,
 * with alpha NaN ("no temporal step ran"). Not thread-safe: one instance per server.
 * <p>The robust variant ({@link StpaVariant}, docs/stpa.md) adds two parts, both off in the paper's:
 * a norm bound (a step whose norm exceeds {@code normBound} times the median of the last
 * {@code history} aggregate norms is refused and NOT folded into v, so one huge round can neither
 * move the model nor take over the momentum; the window records refused norms too, so a lasting
 * change of scale is accepted once it fills half the window), and alpha measured against the
 * momentum of the rounds before (cos(U, v_{t-1}); the paper's cos(U, v_t) already contains U and is
 * near 1 for any step much larger than v, whatever its direction). A step refused for its direction
 * is still folded into v, as in the paper: otherwise a model whose honest direction turns would be
 * frozen for good.
 */
public final class TemporalStep {
    /**
     * What alpha the robust variant applies. AFTER: the paper's cos(U, v_t). BEFORE: cos(U, v_{t-1}),
     * which also scales every accepted step down (on MNIST to about three quarters of the paper's
     * step, which cost 0.6-1.7 points after 50 rounds). GATE: cos(U, v_{t-1}) decides (a step that
     * does not agree with the past momentum is refused) and the paper's cos(U, v_t) scales the steps it
     * lets through, so an accepted round moves the model exactly as in the paper.
     */
    public enum Alpha { AFTER, BEFORE, GATE }

    private final double beta;
    private final double eta0;
    private final double normBound;
    private final Alpha alphaMode;
    private final boolean robust;
    private double[] v;
    /** The last aggregate norms, oldest first; {@code count} of them are valid (robust variant only). */
    private final double[] norms;
    private int count;

    /** What the temporal stage decided: {@code step} is null when the round is skipped. */
    public record Outcome(double[] step, double alpha, boolean skipped) {}

    /** Algorithm 1's temporal stage. */
    public TemporalStep(double beta, double eta0) {
        this(beta, eta0, 0, 1, Alpha.AFTER, false);
    }

    /** The robust variant's temporal stage (see the class comment); {@code normBound} 0 turns the bound off. */
    public TemporalStep(double beta, double eta0, double normBound, int history, Alpha alpha) {
        this(beta, eta0, normBound, history, alpha, true);
    }

    private TemporalStep(double beta, double eta0, double normBound, int history, Alpha alpha, boolean robust) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("temporal step: momentum (beta) must be in [0, 1), got " + beta);
        }
        if (!(eta0 > 0) || Double.isInfinite(eta0)) {
            throw new IllegalArgumentException("temporal step: learning-rate (eta0) must be > 0, got " + eta0);
        }
        if (!(normBound >= 0) || Double.isInfinite(normBound)) {
            throw new IllegalArgumentException("stpa.robust.norm-bound must be >= 0, got " + normBound);
        }
        if (history < 1) {
            throw new IllegalArgumentException("stpa.robust.history must be >= 1, got " + history);
        }
        this.beta = beta;
        this.eta0 = eta0;
        this.normBound = normBound;
        this.alphaMode = java.util.Objects.requireNonNull(alpha);
        this.robust = robust;
        this.norms = new double[robust ? history : 0];
    }

    public double beta() {
        return beta;
    }

    public double eta0() {
        return eta0;
    }

    public boolean robust() {
        return robust;
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
        return robust ? applyRobust(aggregateUpdate) : applyPaper(aggregateUpdate);
    }

    /** Algorithm 1 steps 7-9: fold U into v, then alpha = cos(U, new v). */
    private Outcome applyPaper(double[] u) {
        int d = u.length;
        double dot = 0;
        double uu = 0;
        double vv = 0;
        for (int c = 0; c < d; c++) {
            double x = u[c];
            double m = beta * v[c] + (1 - beta) * x;
            v[c] = m;
            dot += x * m;
            uu += x * x;
            vv += m * m;
        }
        double alpha = cosine(dot, uu, vv);
        if (!(alpha > 0)) {
            return new Outcome(null, alpha, true);
        }
        return new Outcome(scaled(alpha * eta0), alpha, false);
    }

    private Outcome applyRobust(double[] u) {
        int d = u.length;
        double uu = 0;
        double dotBefore = 0;
        double vvBefore = 0;
        for (int c = 0; c < d; c++) {
            uu += u[c] * u[c];
            dotBefore += u[c] * v[c];
            vvBefore += v[c] * v[c];
        }
        double norm = Math.sqrt(uu);
        double bound = normBound > 0 && count > 0 ? normBound * median() : Double.POSITIVE_INFINITY;
        remember(norm);
        // v = 0 (first round): there is no past direction to compare with, the step is trusted as in the paper
        double before = vvBefore > 0 ? cosine(dotBefore, uu, vvBefore) : (uu > 0 ? 1.0 : 0.0);
        if (!(norm <= bound)) {
            return new Outcome(null, before, true); // refused: v is left as it was
        }
        double dot = 0;
        double vv = 0;
        for (int c = 0; c < d; c++) {
            double m = beta * v[c] + (1 - beta) * u[c];
            v[c] = m;
            dot += u[c] * m;
            vv += m * m;
        }
        double after = cosine(dot, uu, vv);
        double alpha = switch (alphaMode) {
            case AFTER -> after;
            case BEFORE -> before;
            case GATE -> before > 0 ? after : before;
        };
        if (!(alpha > 0)) {
            return new Outcome(null, alpha, true);
        }
        return new Outcome(scaled(alpha * eta0), alpha, false);
    }

    private static double cosine(double dot, double uu, double vv) {
        double den = Math.sqrt(uu) * Math.sqrt(vv);
        return den > 0 ? Math.max(-1.0, Math.min(1.0, dot / den)) : 0.0;
    }

    private double[] scaled(double scale) {
        double[] step = new double[v.length];
        for (int c = 0; c < v.length; c++) {
            step[c] = scale * v[c];
        }
        return step;
    }

    private void remember(double norm) {
        if (count == norms.length) {
            System.arraycopy(norms, 1, norms, 0, count - 1);
            count--;
        }
        norms[count++] = norm;
    }

    private double median() {
        double[] s = Arrays.copyOf(norms, count);
        Arrays.sort(s);
        return count % 2 == 1 ? s[count / 2] : 0.5 * (s[count / 2 - 1] + s[count / 2]);
    }

    /**
     * The state carried across rounds, for checkpoints (null before the first round): for the paper's
     * variant the momentum v itself; for the robust variant v followed by the number of remembered
     * norms and the {@code history} norm slots (oldest first), so the checkpoint format is unchanged.
     */
    public double[] momentum() {
        if (v == null) {
            return null;
        }
        if (!robust) {
            return v.clone();
        }
        double[] s = Arrays.copyOf(v, v.length + 1 + norms.length);
        s[v.length] = count;
        System.arraycopy(norms, 0, s, v.length + 1, norms.length);
        return s;
    }

    /** Restores the state {@link #momentum()} returned (null resets it to "no round yet"). */
    public void restore(double[] momentum) {
        if (momentum == null) {
            v = null;
            count = 0;
            Arrays.fill(norms, 0);
            return;
        }
        if (!robust) {
            v = momentum.clone();
            return;
        }
        int d = momentum.length - 1 - norms.length;
        int n = d < 0 ? -1 : (int) momentum[d];
        if (n < 0 || n > norms.length || n != momentum[d]) {
            throw new IllegalArgumentException("temporal step: the saved state does not belong to the robust variant"
                    + " with history " + norms.length);
        }
        v = Arrays.copyOf(momentum, d);
        count = n;
        System.arraycopy(momentum, d + 1, norms, 0, norms.length);
    }
}
