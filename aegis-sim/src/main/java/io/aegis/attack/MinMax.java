package io.aegis.attack;

import io.aegis.aggregation.UpdateMatrix;
import io.aegis.scenario.Names;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * AGR-agnostic Min-Max (Shejwalkar & Houmansadr, NDSS 2021): every attacker sends
 * mean + gamma * p with the largest gamma such that its distance to every known honest update is
 * at most the largest distance between two honest updates.
 */
public record MinMax(Direction direction, Knowledge knowledge) implements CollusionAttack {

    /** The reference code's starting gamma and stopping tolerance. */
    public static final double GAMMA_INIT = 10.0;
    public static final double TAU = 1e-5;

    /** The perturbation p: the opposite of the reference's "deviation" (mal = mean - gamma * dev). */
    public enum Direction {
        /** p = -std (coordinate-wise, ddof = 1 as torch.std), the reference's default. */
        STD,
        /** p = -mean / ||mean||. */
        UNIT_VEC,
        /** p = -sign(mean). */
        SIGN;

        public static final List<String> NAMES = List.of("std", "unit-vec", "sign");

        public static Direction parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "std" -> STD;
                case "unit-vec" -> UNIT_VEC;
                case "sign" -> SIGN;
                default -> throw new IllegalArgumentException("unknown direction '" + text + "'" + Names.didYouMean(text, NAMES));
            };
        }

        public String spelling() {
            return NAMES.get(ordinal());
        }
    }

    /** The crafted update and the gamma the search found (for diagnostics and tests). */
    public record Crafted(float[] update, double gamma) {}

    @Override
    public String name() {
        return "min-max";
    }

    /**
     * With 0 known honest updates every attacker sends zeros; with 1 (no spread to hide in)
     * gamma = 0 and they send that update.
     */
    @Override
    public float[][] craft(UpdateMatrix honest, int participants, int attackers, SplittableRandom rng) {
        ColumnStats.checkCounts(participants, attackers);
        return ColumnStats.repeat(craftOne(honest).update(), attackers);
    }

    /** The single malicious update all attackers share. */
    public Crafted craftOne(UpdateMatrix honest) {
        double[] mean = ColumnStats.mean(honest);
        if (honest.rows() == 0) {
            return new Crafted(ColumnStats.toFloat(mean), 0.0);
        }
        double[] p = perturbation(honest, mean);
        double gamma = searchGamma(new Geometry(honest, mean, p));
        double[] mal = new double[mean.length];
        for (int j = 0; j < mal.length; j++) {
            mal[j] = mean[j] + gamma * p[j];
        }
        return new Crafted(ColumnStats.toFloat(mal), gamma);
    }

    private double[] perturbation(UpdateMatrix honest, double[] mean) {
        double[] p = new double[mean.length];
        switch (direction) {
            case STD -> {
                double[] std = ColumnStats.sampleStd(honest, mean);
                for (int j = 0; j < p.length; j++) {
                    p[j] = -std[j];
                }
            }
            case SIGN -> {
                for (int j = 0; j < p.length; j++) {
                    p[j] = -Math.signum(mean[j]);
                }
            }
            case UNIT_VEC -> {
                double norm = 0;
                for (double v : mean) {
                    norm += v * v;
                }
                norm = Math.sqrt(norm);
                // a zero mean has no direction: p stays zero and the attackers send the mean
                if (norm > 0) {
                    for (int j = 0; j < p.length; j++) {
                        p[j] = -mean[j] / norm;
                    }
                }
            }
        }
        return p;
    }

    /**
     * The reference's halving search (start GAMMA_INIT, stop when successive gammas differ by at
     * most TAU, keep the last feasible one). The reference can never exceed 2 * GAMMA_INIT, which
     * truncates the attack whenever updates are large (unit-vec has norm 1, so gamma is in units of
     * the updates' scale); we first double the start while it is still feasible, so the result is
     * the largest feasible gamma within tolerance at any scale, and agrees with the reference within TAU when
     * that gamma is below 2 * GAMMA_INIT. Feasible gammas form an interval [0, gamma*] (distance is
     * convex in gamma and gamma = 0, the mean, is always feasible), so the search is sound.
     */
    static double searchGamma(Geometry g) {
        if (g.pNormSquared == 0) {
            return 0.0;
        }
        double lambda = GAMMA_INIT;
        for (int i = 0; i < 2000 && g.feasible(lambda); i++) {
            lambda *= 2;
        }
        double step = lambda;
        double success = 0.0;
        for (int i = 0; i < 10_000 && Math.abs(success - lambda) > TAU; i++) {
            if (g.feasible(lambda)) {
                success = lambda;
                lambda += step / 2;
            } else {
                lambda -= step / 2;
            }
            step /= 2;
        }
        return success;
    }

    /**
     * Squared distances from mean + gamma * p to each honest x_i as a quadratic in gamma,
     * a_i - 2 gamma b_i + gamma^2 c with a_i = ||x_i - mean||^2, b_i = (x_i - mean) . p, c = ||p||^2,
     * so each search step costs O(n) instead of O(n d).
     */
    static final class Geometry {
        final double[] a;
        final double[] b;
        final double pNormSquared;
        final double maxPairwise;

        Geometry(UpdateMatrix honest, double[] mean, double[] p) {
            int n = honest.rows();
            int d = honest.cols();
            float[] x = honest.data();
            a = new double[n];
            b = new double[n];
            for (int i = 0; i < n; i++) {
                int off = honest.offset(i);
                double ai = 0;
                double bi = 0;
                for (int j = 0; j < d; j++) {
                    double e = x[off + j] - mean[j];
                    ai += e * e;
                    bi += e * p[j];
                }
                a[i] = ai;
                b[i] = bi;
            }
            double c = 0;
            for (double v : p) {
                c += v * v;
            }
            pNormSquared = c;
            maxPairwise = maxPairwiseSquaredDistance(honest);
        }

        boolean feasible(double gamma) {
            for (int i = 0; i < a.length; i++) {
                if (a[i] - 2 * gamma * b[i] + gamma * gamma * pNormSquared > maxPairwise) {
                    return false;
                }
            }
            return true;
        }

        /** The exact largest feasible gamma (smallest upper root over i), to check the search against. */
        double exactGamma() {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < a.length; i++) {
                double disc = b[i] * b[i] - pNormSquared * (a[i] - maxPairwise);
                best = Math.min(best, (b[i] + Math.sqrt(Math.max(0, disc))) / pNormSquared);
            }
            return best;
        }
    }

    /** max over pairs i < j of ||x_i - x_j||^2 (0 with fewer than two rows). */
    static double maxPairwiseSquaredDistance(UpdateMatrix m) {
        int n = m.rows();
        int d = m.cols();
        float[] x = m.data();
        double max = 0;
        for (int i = 0; i < n; i++) {
            int oi = m.offset(i);
            for (int k = i + 1; k < n; k++) {
                int ok = m.offset(k);
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double e = (double) x[oi + j] - x[ok + j];
                    s += e * e;
                }
                max = Math.max(max, s);
            }
        }
        return max;
    }
}
