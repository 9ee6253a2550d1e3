package io.aegis.attack;

import io.aegis.data.Samples;
import java.util.SplittableRandom;

/**
 * An attacker that trains honestly on poisoned data: the client calls {@link #poison} on its local
 * samples before training, then {@link #transformUpdate} on the update the training produced.
 */
public sealed interface DataAttack extends Attack permits NoisyData, LabelFlip, TargetedLabelFlip, Backdoor {

    /**
     * The samples to train on this round. {@code clean} is not modified; the result may share
     * arrays with it (label flips keep the features), so treat both as read-only.
     */
    Samples poison(Samples clean, SplittableRandom rng);

    /** Applied to the update trained on poisoned data; the identity unless the attack boosts it. */
    default float[] transformUpdate(float[] trainedUpdate) {
        return trainedUpdate;
    }
}
