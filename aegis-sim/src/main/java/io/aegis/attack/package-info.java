/**
 * The attack library: pure, actor-free functions the simulator's client and adversary actors call.
 *
 * <p>{@link io.aegis.attack.Attacks#create} turns a scenario behaviour into an
 * {@link io.aegis.attack.Attack}, or an empty Optional for {@code honest}. How an actor uses it
 * (Java 17, so instanceof rather than a pattern switch):
 * <pre>{@code
 * if (attack instanceof DataAttack a) {          // noisy-data, label-flip, targeted-label-flip, backdoor
 *     float[] u = worker.train(global, a.poison(samples, rng), params, seed);
 *     send(a.transformUpdate(u));                // backdoor boost; identity otherwise
 * } else if (attack instanceof UpdateAttack a) { // gaussian, sign-flip
 *     send(a.poison(worker.train(global, samples, params, seed), rng));
 * } else if (attack instanceof CollusionAttack a) { // alie, ipm, min-max: one adversary for the round
 *     float[][] rows = a.craft(knownHonestUpdates, participants, attackers, rng);
 * }
 * }</pre>
 * Draw {@code rng} from {@code Seeds.stream(seed, "attack", round, clientId)} (or with the round
 * only for the adversary) so a run stays a function of its seed.
 *
 * <p>Choices the papers leave open, made here:
 * <ul>
 *   <li>Standard deviations (ALIE, Min-Max {@code std}) are sample ones, ddof = 1, as
 *       {@code torch.std} in the Blades and Shejwalkar & Houmansadr reference code.</li>
 *   <li>Colluding attacks that know no honest update send zeros; knowing one, they send it
 *       (std = 0, no spread to hide in).</li>
 *   <li>ALIE's automatic z uses n = participants of the round, m = attackers among them; see
 *       {@link io.aegis.attack.Alie#autoZ} for the clamping when attackers are a majority.</li>
 *   <li>Min-Max searches gamma as the reference does but is not capped at 2 * gamma_init.</li>
 *   <li>Noisy data is not clamped to [0, 1]; label flips and backdoors keep the sample count.</li>
 *   <li>Targeted attacks ({@link io.aegis.attack.TargetedAttack}) provide a triggered test set
 *       labelled with the target, so a model's accuracy on it is the attack success rate.</li>
 * </ul>
 */
package io.aegis.attack;
