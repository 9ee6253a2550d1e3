package io.aegis.attack;

import io.aegis.data.Samples;

/**
 * An attack with a target class whose success is measured on a triggered test set
 * (backdoor, targeted label flip).
 */
public interface TargetedAttack {

    /** The class the attacker wants inputs classified as. */
    int target();

    /**
     * The test examples the attack aims at, every label set to {@link #target()}: the model's
     * accuracy on this set is the attack success rate (ASR). May be empty; see {@link AttackSuccess}.
     */
    Samples triggeredTestSet(Samples test);
}
