package io.aegis.attack;

/**
 * A malicious behaviour, as a pure function the simulator's actors call. Three kinds, by what the
 * attacker needs to see: its own data ({@link DataAttack}), its own honest update
 * ({@link UpdateAttack}), or the honest updates of the round ({@link CollusionAttack}).
 * Honest behaviour is not an attack: {@link Attacks#create} returns an empty Optional for it.
 */
public sealed interface Attack permits DataAttack, UpdateAttack, CollusionAttack {

    /** The behaviour name as scenario files spell it, e.g. {@code "alie"}. */
    String name();
}
