package io.aegis.attack;

import io.aegis.data.Samples;
import java.util.SplittableRandom;

/**
 * Backdoor by data poisoning (BadNets, Gu et al. 2017), optionally boosted as in model replacement
 * (Bagdasaryan et al., AISTATS 2020): each round a random {@code poisonFraction} of the client's
 * samples (replaced in place, so its sample count is unchanged) get the trigger and the target
 * label; the trained update is multiplied by {@code boost}.
 */
public record Backdoor(int target, double poisonFraction, double boost, Trigger trigger)
        implements DataAttack, TargetedAttack {

    @Override
    public String name() {
        return "backdoor";
    }

    /** Exactly round(poisonFraction * count) samples, chosen uniformly without replacement. */
    @Override
    public Samples poison(Samples clean, SplittableRandom rng) {
        checkLength(clean);
        int n = clean.count();
        int poisoned = (int) Math.round(poisonFraction * n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // partial Fisher-Yates: the first `poisoned` entries are a uniform sample
        for (int i = 0; i < poisoned; i++) {
            int j = i + rng.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] f = clean.features().clone();
        int[] labels = clean.labels().clone();
        int len = clean.featureLength();
        for (int k = 0; k < poisoned; k++) {
            int i = order[k];
            trigger.stamp(f, i * len);
            labels[i] = target;
        }
        return new Samples(f, labels, len, clean.numClasses());
    }

    @Override
    public float[] transformUpdate(float[] trainedUpdate) {
        if (boost == 1.0) {
            return trainedUpdate;
        }
        float[] out = new float[trainedUpdate.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (boost * trainedUpdate[j]);
        }
        return out;
    }

    /** The test examples not already of the target class, with the trigger, labelled target. */
    @Override
    public Samples triggeredTestSet(Samples test) {
        checkLength(test);
        Samples picked = test.subset(TargetedLabelFlip.indicesWhere(test.labels(), target, false));
        int len = picked.featureLength();
        for (int i = 0; i < picked.count(); i++) {
            trigger.stamp(picked.features(), i * len);
        }
        java.util.Arrays.fill(picked.labels(), target);
        return picked;
    }

    private void checkLength(Samples s) {
        if (s.featureLength() != trigger.featureLength()) {
            throw new IllegalArgumentException("backdoor trigger is for inputs of " + trigger.featureLength()
                    + " features, samples have " + s.featureLength());
        }
    }
}
