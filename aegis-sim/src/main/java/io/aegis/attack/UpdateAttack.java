package io.aegis.attack;

import java.util.SplittableRandom;

/** An attacker that replaces its own honestly computed update; needs no one else's. */
public sealed interface UpdateAttack extends Attack permits GaussianUpdate, SignFlip {

    /** The update to send instead of {@code honestUpdate} (not modified; a new array is returned). */
    float[] poison(float[] honestUpdate, SplittableRandom rng);
}
