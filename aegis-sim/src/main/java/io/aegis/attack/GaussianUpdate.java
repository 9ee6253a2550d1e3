package io.aegis.attack;

import io.aegis.util.Seeds;
import java.util.SplittableRandom;

/**
 * Gaussian Byzantine update (Blanchard et al., NeurIPS 2017, as Blades runs it): the update is
 * replaced by independent N(0, sigma^2) noise; the honest update's values are not used.
 */
public record GaussianUpdate(double sigma) implements UpdateAttack {

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public float[] poison(float[] honestUpdate, SplittableRandom rng) {
        float[] out = new float[honestUpdate.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (sigma * Seeds.gaussian(rng));
        }
        return out;
    }
}
