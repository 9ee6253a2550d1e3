package io.aegis.attack;

import io.aegis.data.Samples;

/**
 * Attack success rate (ASR) of a targeted attack: the fraction of its triggered test examples
 * (see {@link TargetedAttack#triggeredTestSet}) that the model classifies as the target class.
 * Because that set is labelled with the target, a model's plain accuracy on it is the ASR; these
 * helpers compute it from predictions where those are at hand.
 */
public final class AttackSuccess {
    private AttackSuccess() {}

    /** Fraction of {@code predictions} equal to {@code target}; NaN when there are none. */
    public static double rate(int[] predictions, int target) {
        if (predictions.length == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int p : predictions) {
            if (p == target) {
                hits++;
            }
        }
        return (double) hits / predictions.length;
    }

    /** The ASR of predictions made on {@code attack.triggeredTestSet(test)}. */
    public static double rate(TargetedAttack attack, Samples triggered, int[] predictions) {
        if (predictions.length != triggered.count()) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + triggered.count() + " triggered examples");
        }
        return rate(predictions, attack.target());
    }
}
