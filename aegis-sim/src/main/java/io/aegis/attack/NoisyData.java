package io.aegis.attack;

import io.aegis.data.Samples;
import io.aegis.util.Seeds;
import java.util.SplittableRandom;

/**
 * Noisy (faulty) data, as in Li et al. 2021's "noisy" clients: the client trains on its inputs plus
 * N(0, sigma^2) noise per feature, fresh each call. Not clamped to the [0, 1] feature range:
 * clamping would cut most of the noise at sigma = 1 and a faulty sensor is not range-limited.
 */
public record NoisyData(double sigma) implements DataAttack {

    @Override
    public String name() {
        return "noisy-data";
    }

    @Override
    public Samples poison(Samples clean, SplittableRandom rng) {
        float[] f = clean.features().clone();
        for (int j = 0; j < f.length; j++) {
            f[j] += (float) (sigma * Seeds.gaussian(rng));
        }
        return new Samples(f, clean.labels().clone(), clean.featureLength(), clean.numClasses());
    }
}
