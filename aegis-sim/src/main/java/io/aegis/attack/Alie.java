package io.aegis.attack;

import io.aegis.aggregation.UpdateMatrix;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * ALIE, "A Little Is Enough" (Baruch et al., NeurIPS 2019): every attacker sends
 * mean - z * std of the honest updates, coordinate-wise (std with ddof = 1, as Blades).
 *
 * @param fixedZ z when the scenario gives a number; empty for {@code z = auto} ({@link #autoZ})
 */
public record Alie(OptionalDouble fixedZ, Knowledge knowledge) implements CollusionAttack {

    /** Below and above this, PhiInverse would be +-Infinity (see {@link #autoZ}). */
    private static final double MIN_CDF = 1e-6;

    @Override
    public String name() {
        return "alie";
    }

    /**
     * The epfml / Blades choice of z for n participants of which m attack:
     * s = floor(n/2 + 1) - m supporters needed, z = PhiInverse((n - m - s) / (n - m)).
     * Chosen where the formula breaks down: with no honest participant (n = m) z = 0 (there is
     * nothing to imitate); when attackers are a majority (s <= 0, cdf >= 1) or n <= 2 (cdf <= 0)
     * the cdf is clamped to [1e-6, 1 - 1e-6], so |z| <= 4.75 instead of infinite.
     */
    public static double autoZ(int participants, int attackers) {
        ColumnStats.checkCounts(participants, attackers);
        int honest = participants - attackers;
        if (honest == 0) {
            return 0.0;
        }
        double s = Math.floor(participants / 2.0 + 1.0) - attackers;
        double cdf = (honest - s) / honest;
        cdf = Math.min(1.0 - MIN_CDF, Math.max(MIN_CDF, cdf));
        return Normal.inverseCdf(cdf);
    }

    /** The z this attack uses for a round with these counts. */
    public double z(int participants, int attackers) {
        return fixedZ.isPresent() ? fixedZ.getAsDouble() : autoZ(participants, attackers);
    }

    /**
     * With 0 known honest updates every attacker sends zeros; with 1, std = 0 and they send it.
     */
    @Override
    public float[][] craft(UpdateMatrix honest, int participants, int attackers, SplittableRandom rng) {
        ColumnStats.checkCounts(participants, attackers);
        double z = z(participants, attackers);
        double[] mean = ColumnStats.mean(honest);
        double[] std = ColumnStats.sampleStd(honest, mean);
        double[] mal = new double[mean.length];
        for (int j = 0; j < mal.length; j++) {
            mal[j] = mean[j] - z * std[j];
        }
        return ColumnStats.repeat(ColumnStats.toFloat(mal), attackers);
    }
}
