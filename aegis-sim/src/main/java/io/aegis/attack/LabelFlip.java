package io.aegis.attack;

import io.aegis.data.Samples;
import java.util.SplittableRandom;

/** Label flipping (Fang et al., USENIX Security 2020; Blades): label l becomes C - 1 - l. */
public record LabelFlip(int numClasses) implements DataAttack {

    @Override
    public String name() {
        return "label-flip";
    }

    @Override
    public Samples poison(Samples clean, SplittableRandom rng) {
        int[] labels = clean.labels();
        int[] flipped = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            flipped[i] = numClasses - 1 - labels[i];
        }
        return new Samples(clean.features(), flipped, clean.featureLength(), clean.numClasses());
    }
}
