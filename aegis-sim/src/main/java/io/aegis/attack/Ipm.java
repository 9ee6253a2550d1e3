package io.aegis.attack;

import io.aegis.aggregation.UpdateMatrix;
import java.util.SplittableRandom;

/**
 * IPM, inner product manipulation (Xie et al., UAI 2020): every attacker sends -epsilon times the
 * mean of the honest updates (zeros when it knows none).
 */
public record Ipm(double epsilon, Knowledge knowledge) implements CollusionAttack {

    @Override
    public String name() {
        return "ipm";
    }

    @Override
    public float[][] craft(UpdateMatrix honest, int participants, int attackers, SplittableRandom rng) {
        ColumnStats.checkCounts(participants, attackers);
        double[] mean = ColumnStats.mean(honest);
        double[] mal = new double[mean.length];
        for (int j = 0; j < mal.length; j++) {
            mal[j] = -epsilon * mean[j];
        }
        return ColumnStats.repeat(ColumnStats.toFloat(mal), attackers);
    }
}
