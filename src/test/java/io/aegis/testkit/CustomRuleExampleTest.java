package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.aggregation.AggregationContext;
import io.aegis.aggregation.AggregationResult;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.UpdateMatrix;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a user of Aegis writes: their own aggregation rule, tested against faults injected into the
 * network (the example in docs/testkit.md).
 */
class CustomRuleExampleTest {

    /** The user's rule: the mean of the updates whose L2 norm is at most 3x the median norm. */
    static final class NormFilteredMean implements AggregationRule {
        @Override
        public String name() {
            return "norm-filtered-mean";
        }

        @Override
        public AggregationResult aggregate(UpdateMatrix u, AggregationContext context) {
            double[] norms = new double[u.rows()];
            for (int i = 0; i < u.rows(); i++) {
                double s = 0;
                for (int j = 0; j < u.cols(); j++) {
                    s += (double) u.get(i, j) * u.get(i, j);
                }
                norms[i] = Math.sqrt(s);
            }
            double[] sorted = norms.clone();
            Arrays.sort(sorted);
            double bound = 3 * sorted[sorted.length / 2];
            int[] kept = IntStream.range(0, u.rows()).filter(i -> norms[i] <= bound).toArray();
            double[] mean = new double[u.cols()];
            for (int i : kept) {
                for (int j = 0; j < u.cols(); j++) {
                    mean[j] += u.get(i, j) / (double) kept.length;
                }
            }
            return new AggregationResult(mean, kept);
        }
    }

    @Test
    void scaledUpdatesAreLeftOutAndHonestOnesKept() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, new NormFilteredMean())) {
            kit.injectNext(Fault.corrupt(Corruption.SCALE), 1, 2);
            RoundView r = kit.step();
            assertEquals(10, r.validCount(), "x1000 is still a valid payload: it is the rule's job");
            assertTrue(r.excludedClient(1) && r.excludedClient(2), r.toString());
            assertTrue(r.aggregated(0) && r.aggregated(9));
            assertEquals(2, r.excludedCount());
        }
    }

    @Test
    void aHugeHandDeliveredUpdateDoesNotMoveTheModel() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, new NormFilteredMean())) {
            float[] before = kit.model();
            float[] attack = new float[kit.dimension()];
            Arrays.fill(attack, 1e30f);
            long token = kit.deliverNext(attack, 1_000_000);
            RoundView r = kit.step();
            assertTrue(Arrays.stream(r.excluded()).anyMatch(t -> t == token), "the forged update is excluded");
            double moved = 0;
            for (int j = 0; j < before.length; j++) {
                moved = Math.max(moved, Math.abs(r.model()[j] - before[j]));
            }
            assertTrue(moved < 1.0, "the model moved by at most " + moved);
        }
    }

    @Test
    void theRuleStillAggregatesWhenMostUploadsAreDroppedOrDuplicated() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, new NormFilteredMean())) {
            kit.injectNext(Fault.drop(), 0, 1, 2, 3, 4, 5, 6, 7);
            kit.injectNext(Fault.duplicate(), 8, 9);
            RoundView r = kit.step();
            assertEquals(2, r.validCount());
            assertEquals(2, r.invalid(), "the second copies");
            assertFalse(r.skipped());
            assertTrue(r.aggregated(8) && r.aggregated(9));
        }
    }
}
