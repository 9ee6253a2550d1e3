package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.aggregation.AggregationContext;
import io.aegis.aggregation.AggregationResult;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.Rules;
import io.aegis.aggregation.UpdateMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 5 item 5 and issue 9 item 9: many random corrupted and hostile updates on the wire for many
 * rounds, next to random injected faults on the real clients' uploads. The server must never crash,
 * keep its model finite, accept exactly the hostile messages that are well-formed, on time and new,
 * and hand its rule exactly the valid updates: every accepted hostile payload once, no rejected
 * payload at all, nothing non-finite or of the wrong length. Robust rules (krum, median) must keep
 * the few accepted huge-but-finite hostile updates (at most f = 2 a round) out of their aggregate.
 */
class MessageFuzzTest {
    static final int ROUNDS = 24;
    static final int PER_ROUND = 24;
    static final double DEADLINE = 5.0;

    /** At most this many well-formed huge hostile updates a round (Krum's f). */
    static final int HUGE_PER_ROUND = 2;

    /** One hostile message and whether the server should take it. */
    record Case(int index, double arrival, int tag, long token, float[] update, int samples, boolean huge) {}

    /** What the rule was given and what it returned, one entry per aggregation. */
    record Seen(UpdateMatrix in, AggregationResult out) {}

    /** The real rule, recording its inputs and outputs (the server runs it on its own thread). */
    static final class Spy implements AggregationRule {
        final AggregationRule inner;
        final List<Seen> seen = new CopyOnWriteArrayList<>();

        Spy(AggregationRule inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public AggregationResult aggregate(UpdateMatrix updates, AggregationContext context) {
            AggregationResult r = inner.aggregate(updates, context);
            seen.add(new Seen(new UpdateMatrix(updates.data().clone(), updates.rows(), updates.cols()), r));
            return r;
        }
    }

    /** FedAvg weights by the (forged) sample counts and has no defence: the easiest rule to break. */
    @ParameterizedTest
    @ValueSource(strings = {"fedavg", "stpa", "krum", "median", "centered-clipping"})
    void hostileUpdatesReachTheRuleExactlyWhenValidAndNeverPoisonTheModel(String rule) {
        SplittableRandom rng = new SplittableRandom(20261126L);
        int cases = 0;
        int invalid = 0;
        int late = 0;
        int skipped = 0;
        int hostileAccepted = 0;
        int robustChecks = 0;
        boolean robust = rule.equals("krum") || rule.equals("median");
        Spy spy = new Spy(Rules.create(rule, Map.of("krum.f", HUGE_PER_ROUND)));
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, spy, "server.rule = " + rule,
                "server.krum.f = 2", "rounds = " + ROUNDS)) {
            int d = kit.dimension();
            List<Long> earlierTokens = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                int faulted = injectClientFaults(kit, rng);
                List<Case> hostile = new ArrayList<>();
                int seenBefore = spy.seen.size();
                for (int k = 0; k < PER_ROUND; k++) {
                    long huge = hostile.stream().filter(Case::huge).count();
                    Case c = randomCase(rng, k, round, d, hostile, earlierTokens, huge < HUGE_PER_ROUND);
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
                assertEquals(r.validCount(), Arrays.stream(r.valid()).distinct().count(),
                        "round " + round + ": a token reaches the rule at most once");
                // every on-time hostile message the server should refuse is counted invalid; the rest of the
                // count comes from the clients' injected faults (at most a few copies each) and from hostile
                // messages arriving after the deadline with another round's tag; a message tagged with the
                // round just closed counts as late for that round, not invalid
                int open = round;
                long onTimeRejected = hostile.stream().filter(c -> c.arrival() <= DEADLINE
                        && !(c.tag() == open - 1 && open > 1) && c != firstValid(hostile, c.token(), open, d)).count();
                long lateOther = hostile.stream().filter(c -> c.arrival() > DEADLINE).count();
                assertTrue(r.invalid() >= onTimeRejected && r.invalid() <= onTimeRejected + lateOther + 3L * faulted,
                        "round " + round + ": invalid " + r.invalid() + ", hostile on time and refused " + onTimeRejected
                                + ", hostile late " + lateOther + ", faulted clients " + faulted);
                if (r.validCount() > 0) {
                    assertEquals(seenBefore + 1, spy.seen.size(), "round " + round + ": the rule ran once");
                    Seen seen = spy.seen.get(spy.seen.size() - 1);
                    checkRuleInput(seen.in(), r, hostile, expected, d, round);
                    if (robust && checkRobust(seen, hostile, expected, round)) {
                        robustChecks++;
                    }
                }
                invalid += r.invalid();
                late += r.late();
                skipped += r.skipped() ? 1 : 0;
                hostile.forEach(c -> earlierTokens.add(c.token()));
            }
            assertTrue(kit.finished());
            double accuracy = kit.evaluate().accuracy();
            assertTrue(accuracy >= 0 && accuracy <= 1, "the final model evaluates to an accuracy: " + accuracy);
        }
        System.out.printf("message fuzz (%s): %d hostile cases over %d rounds, invalid %d, late %d, hostile accepted %d,"
                + " skipped rounds %d, server crashes 0, model finite in every round%n",
                rule, cases, ROUNDS, invalid, late, hostileAccepted, skipped);
        assertTrue(invalid > cases / 3, "most hostile messages are rejected: " + invalid);
        if (robust) {
            assertTrue(robustChecks >= ROUNDS / 2, "the robustness bound was checked in most rounds: " + robustChecks);
        }
    }

    /**
     * The rule saw exactly the valid updates: as many rows as valid tokens, all finite and of length d,
     * every accepted hostile payload exactly once, and no payload of a rejected hostile message.
     */
    private static void checkRuleInput(UpdateMatrix in, RoundView r, List<Case> hostile, Set<Long> accepted, int d, int round) {
        assertEquals(r.validCount(), in.rows(), "round " + round + ": rows given to the rule");
        assertEquals(d, in.cols(), "round " + round + ": row length");
        for (float v : in.data()) {
            assertTrue(Float.isFinite(v), "round " + round + ": the rule was given " + v);
        }
        List<Case> acceptedCases = hostile.stream().filter(c -> c == firstValid(hostile, c.token(), round, d)).toList();
        assertEquals(accepted.size(), acceptedCases.size(), "round " + round);
        for (Case c : hostile) {
            if (c.update() == null || c.update().length != d) {
                continue;
            }
            int copies = 0;
            for (int i = 0; i < in.rows(); i++) {
                copies += Arrays.equals(in.row(i), c.update()) ? 1 : 0;
            }
            if (acceptedCases.contains(c)) {
                assertTrue(copies >= 1, "round " + round + ": accepted hostile case " + c.index() + " never reached the rule");
            } else if (acceptedCases.stream().noneMatch(o -> Arrays.equals(o.update(), c.update()))) {
                assertEquals(0, copies, "round " + round + ": rejected hostile case " + c.index() + " (tag " + c.tag()
                        + ", arrival " + c.arrival() + ", samples " + c.samples() + ") reached the rule");
            }
        }
    }

    /** The copy of this token the server should take: the earliest on-time, well-formed, finite one. */
    private static Case firstValid(List<Case> hostile, long token, int round, int d) {
        List<Case> ordered = new ArrayList<>(hostile);
        ordered.sort(Comparator.comparingDouble(Case::arrival).thenComparingInt(Case::index));
        for (Case c : ordered) {
            if (c.token() == token && validAlone(c, round, d)) {
                return c;
            }
        }
        return null;
    }

    private static boolean validAlone(Case c, int round, int d) {
        if (!(c.arrival() <= DEADLINE && c.tag() == round && c.update() != null && c.update().length == d && c.samples() >= 0)) {
            return false;
        }
        for (float v : c.update()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * With at most f = 2 huge hostile rows and more than twice as many other rows, Krum's aggregate
     * is one of the other rows and the median stays, per coordinate, within the other rows' range.
     * Returns whether the precondition held (the check ran).
     */
    private static boolean checkRobust(Seen seen, List<Case> hostile, Set<Long> accepted, int round) {
        UpdateMatrix in = seen.in();
        boolean[] huge = new boolean[in.rows()];
        int hugeRows = 0;
        for (int i = 0; i < in.rows(); i++) {
            float[] row = in.row(i);
            huge[i] = hostile.stream().anyMatch(c -> c.huge() && accepted.contains(c.token()) && Arrays.equals(c.update(), row));
            hugeRows += huge[i] ? 1 : 0;
        }
        int others = in.rows() - hugeRows;
        if (hugeRows > HUGE_PER_ROUND || others <= 2 * hugeRows + 2) {
            return false;
        }
        double[] agg = seen.out().aggregate();
        if (seen.out().kept().length == 1) {
            int k = seen.out().kept()[0];
            assertFalse(huge[k], "round " + round + ": krum selected a huge hostile update");
        }
        for (int c = 0; c < in.cols(); c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < in.rows(); i++) {
                if (!huge[i]) {
                    lo = Math.min(lo, in.get(i, c));
                    hi = Math.max(hi, in.get(i, c));
                }
            }
            assertTrue(agg[c] >= lo && agg[c] <= hi, "round " + round + ", coordinate " + c + ": aggregate " + agg[c]
                    + " outside the non-hostile range [" + lo + ", " + hi + "]");
        }
        return true;
    }

    /** Returns how many clients got a fault. */
    private static int injectClientFaults(AegisTestKit kit, SplittableRandom rng) {
        Fault[] kinds = {Fault.drop(), Fault.duplicate(), Fault.delay(10), Fault.corrupt("nan"), Fault.corrupt("bit-flip"),
                Fault.corrupt("truncate"), Fault.corrupt("scale"), Fault.replay(), Fault.crash(),
                Fault.duplicate().and(Fault.corrupt("scale"))};
        int faulted = 0;
        for (int client = 0; client < 10; client++) {
            if (rng.nextDouble() < 0.4) {
                kit.injectNext(kinds[rng.nextInt(kinds.length)], client);
                faulted++;
            }
        }
        return faulted;
    }

    private static Case randomCase(SplittableRandom rng, int index, int round, int d, List<Case> thisRound,
                                   List<Long> earlier, boolean hugeAllowed) {
        if (rng.nextInt(6) == 0 && hugeAllowed) {
            // well-formed and on time, but with finite values as large as a float gets: the rule must take them
            float[] huge = new float[d];
            float[] magnitudes = {Float.MAX_VALUE, -Float.MAX_VALUE, 1e30f, -1e30f, 1e20f};
            for (int j = 0; j < d; j++) {
                huge[j] = magnitudes[rng.nextInt(magnitudes.length)];
            }
            int[] weights = {0, 1, 10, Integer.MAX_VALUE};
            return new Case(index, rng.nextDouble() * DEADLINE * 0.9, round, rng.nextLong(), huge,
                    weights[rng.nextInt(weights.length)], true);
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
        if (pick <= 1 && !thisRound.isEmpty()) {
            Case again = thisRound.get(rng.nextInt(thisRound.size()));
            token = again.token(); // the same delivery again, with its payload or another one
            if (pick == 0 && again.update() != null) {
                update = again.update().clone();
                tag = round;
            }
        } else if (pick == 2 && !earlier.isEmpty()) {
            token = earlier.get(rng.nextInt(earlier.size())); // a token of an earlier round
        }
        int[] samples = {-1, Integer.MIN_VALUE, 0, 1, 10, 10, 10, Integer.MAX_VALUE};
        double arrival = rng.nextDouble() * 2 * DEADLINE;
        return new Case(index, arrival, tag, token, update, samples[rng.nextInt(samples.length)], false);
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
