package io.aegis.attack;

import io.aegis.aggregation.UpdateMatrix;
import java.util.SplittableRandom;

/**
 * Colluding attackers that craft their updates from the honest updates of the current round
 * (which ones they see is {@link #knowledge()}). One adversary computes all malicious rows at once.
 */
public sealed interface CollusionAttack extends Attack permits Alie, Ipm, MinMax {

    /** Which honest updates the adversary learns each round. */
    Knowledge knowledge();

    /**
     * The malicious updates for one round, one row per attacker.
     *
     * @param honest the honest updates the adversary knows this round (may have 0 rows; its
     *               {@code cols()} is the update length)
     * @param participants n, the number of clients taking part in the round (honest + malicious)
     * @param attackers m, the number of malicious participants, i.e. rows to return
     * @param rng for randomised variants; the built-in attacks are deterministic
     */
    float[][] craft(UpdateMatrix honest, int participants, int attackers, SplittableRandom rng);
}
