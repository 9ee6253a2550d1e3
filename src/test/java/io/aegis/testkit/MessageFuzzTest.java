package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 5 item 5: many random corrupted and hostile updates on the wire for many rounds, next to
 * random injected faults on the real clients' uploads. The server must never crash, keep its model
 * finite, and accept exactly the hostile messages that are well-formed, on time and new.
 */
class MessageFuzzTest {
    static final int ROUNDS = 24;
    static final int PER_ROUND = 24;
    static final double DEADLINE = 5.0;

    /** One hostile message and whether the server should take it. */
    record Case(int index, double arrival, int tag, long token, float[] update, int samples) {}

    /** FedAvg weights by the (forged) sample counts and has no defence: the easiest rule to break. */
    @ParameterizedTest
    @ValueSource(strings = {"fedavg", "stpa", "krum", "centered-clipping"})
    void randomHostileUpdatesNeverCrashTheServerNorPoisonTheModelWithNonFiniteValues(String rule) {
        SplittableRandom rng = new SplittableRandom(20261126L);
        int cases = 0;
        int invalid = 0;
        int late = 0;
        int skipped = 0;
        int hostileAccepted = 0;
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, "server.rule = " + rule, "server.krum.f = 2",
                "rounds = " + ROUNDS)) {
            int d = kit.dimension();
            List<Long> earlierTokens = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                injectClientFaults(kit, rng);
                List<Case> hostile = new ArrayList<>();
                for (int k = 0; k < PER_ROUND; k++) {
                    Case c = randomCase(rng, k, round, d, hostile, earlierTokens);
                    hostile.add(c);
                    kit.deliver(round, c.arrival(), c.tag(), c.token(), c.update(), c.samples());
                }
                cases += hostile.size();
                RoundView r = kit.step();
                assertEquals(round, r.round(), "the server closed every round");
                assertTrue(r.modelIsFinite(), "round " + round + ": " + r);
                Set<Long> expected = acceptable(hostile, round, d);
                for (Case c : hostile) {
                    boolean taken = Arrays.stream(r.valid()).anyMatch(t -> t == c.token());
                    assertEquals(expected.contains(c.token()), taken, "round " + round + ", hostile case " + c.index()
                            + ": tag " + c.tag() + ", length " + (c.update() == null ? "null" : c.update().length)
                            + ", samples " + c.samples() + ", arrival " + c.arrival());
                }
                hostileAccepted += expected.size();
                invalid += r.invalid();
                late += r.late();
                skipped += r.skipped() ? 1 : 0;
                hostile.forEach(c -> earlierTokens.add(c.token()));
            }
            assertTrue(kit.finished());
            assertFalse(kit.evaluate().accuracy() < 0, "the final model can still be evaluated");
        }
        System.out.printf("message fuzz (%s): %d hostile cases over %d rounds, invalid %d, late %d, hostile accepted %d,"
                + " skipped rounds %d, server crashes 0, model finite in every round%n",
                rule, cases, ROUNDS, invalid, late, hostileAccepted, skipped);
        assertTrue(invalid > cases / 3, "most hostile messages are rejected: " + invalid);
    }

    private static void injectClientFaults(AegisTestKit kit, SplittableRandom rng) {
        Fault[] kinds = {Fault.drop(), Fault.duplicate(), Fault.delay(10), Fault.corrupt(Corruption.NAN), Fault.corrupt(Corruption.BIT_FLIP),
                Fault.corrupt(Corruption.TRUNCATE), Fault.corrupt(Corruption.SCALE), Fault.replay(), Fault.crash(),
                Fault.duplicate().and(Fault.corrupt(Corruption.SCALE))};
        for (int client = 0; client < 10; client++) {
            if (rng.nextDouble() < 0.4) {
                kit.injectNext(kinds[rng.nextInt(kinds.length)], client);
            }
        }
    }

    private static Case randomCase(SplittableRandom rng, int index, int round, int d, List<Case> thisRound,
                                   List<Long> earlier) {
        if (rng.nextInt(6) == 0) {
            // well-formed and on time, but with finite values as large as a float gets: the rule must take them
            float[] huge = new float[d];
            float[] magnitudes = {Float.MAX_VALUE, -Float.MAX_VALUE, 1e30f, -1e30f, 1e20f};
            for (int j = 0; j < d; j++) {
                huge[j] = magnitudes[rng.nextInt(magnitudes.length)];
            }
            int[] weights = {0, 1, 10, Integer.MAX_VALUE};
            return new Case(index, rng.nextDouble() * DEADLINE * 0.9, round, rng.nextLong(), huge,
                    weights[rng.nextInt(weights.length)]);
        }
        int[] lengths = {0, 1, d - 1, d, d, d, d + 1, d * 50, rng.nextInt(2 * d + 1)};
        int length = lengths[rng.nextInt(lengths.length)];
        float[] update = rng.nextInt(20) == 0 ? null : new float[length];
        if (update != null) {
            for (int j = 0; j < length; j++) {
                update[j] = (float) (rng.nextGaussian() * 0.01);
            }
            float[] extremes = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
                    -Float.MAX_VALUE, 1e30f, -1e30f, Float.MIN_VALUE};
            int spoiled = rng.nextInt(4) == 0 ? 0 : rng.nextInt(3);
            for (int s = 0; s < spoiled && length > 0; s++) {
                update[rng.nextInt(length)] = extremes[rng.nextInt(extremes.length)];
            }
        }
        int[] tags = {round, round, round, round - 1, round + 1, 0, -3, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int tag = tags[rng.nextInt(tags.length)];
        long token = rng.nextLong();
        int pick = rng.nextInt(10);
        if (pick == 0 && !thisRound.isEmpty()) {
            token = thisRound.get(rng.nextInt(thisRound.size())).token(); // the same delivery again
        } else if (pick == 1 && !earlier.isEmpty()) {
            token = earlier.get(rng.nextInt(earlier.size())); // a token of an earlier round
        }
        int[] samples = {-1, Integer.MIN_VALUE, 0, 1, 10, 10, 10, Integer.MAX_VALUE};
        double arrival = rng.nextDouble() * 2 * DEADLINE;
        return new Case(index, arrival, tag, token, update, samples[rng.nextInt(samples.length)]);
    }

    /** The tokens of hostile messages the server should aggregate: on time, this round, right length, finite, new. */
    private static Set<Long> acceptable(List<Case> hostile, int round, int d) {
        List<Case> ordered = new ArrayList<>(hostile);
        ordered.sort(Comparator.comparingDouble(Case::arrival).thenComparingInt(Case::index));
        Set<Long> accepted = new HashSet<>();
        for (Case c : ordered) {
            boolean ok = c.arrival() <= DEADLINE && c.tag() == round && c.update() != null && c.update().length == d
                    && c.samples() >= 0 && !accepted.contains(c.token());
            for (int j = 0; ok && j < d; j++) {
                ok = Float.isFinite(c.update()[j]);
            }
            if (ok) {
                accepted.add(c.token());
            }
        }
        return accepted;
    }
}
