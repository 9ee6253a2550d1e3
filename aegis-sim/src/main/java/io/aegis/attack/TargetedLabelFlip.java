package io.aegis.attack;

import io.aegis.data.Samples;
import java.util.SplittableRandom;

/** Targeted label flipping (Tolpegin et al., ESORICS 2020): every source-class label becomes target. */
public record TargetedLabelFlip(int source, int target) implements DataAttack, TargetedAttack {

    @Override
    public String name() {
        return "targeted-label-flip";
    }

    @Override
    public Samples poison(Samples clean, SplittableRandom rng) {
        int[] labels = clean.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == source) {
                labels[i] = target;
            }
        }
        return new Samples(clean.features(), labels, clean.featureLength(), clean.numClasses());
    }

    /** The source-class test examples, unchanged inputs, labelled target. */
    @Override
    public Samples triggeredTestSet(Samples test) {
        int[] idx = indicesWhere(test.labels(), source, true);
        Samples picked = test.subset(idx);
        java.util.Arrays.fill(picked.labels(), target);
        return picked;
    }

    static int[] indicesWhere(int[] labels, int cls, boolean equal) {
        int count = 0;
        for (int l : labels) {
            if ((l == cls) == equal) {
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] == cls) == equal) {
                out[k++] = i;
            }
        }
        return out;
    }
}
