package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.aggregation.AggregationContext;
import io.aegis.aggregation.AggregationResult;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.Median;
import io.aegis.aggregation.UpdateMatrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RoundView shows the rule's input rows (weights, ground truth) and output, and who sent each late copy. */
class RoundViewTest {

    /** Median of the rows, keeping only rows 1.. (drops row 0), and remembers what it was given. */
    static final class DropsFirstRow implements AggregationRule {
        final List<UpdateMatrix> seen = new ArrayList<>();
        final List<double[]> returned = new ArrayList<>();

        @Override
        public String name() {
            return "drops-first-row";
        }

        @Override
        public AggregationResult aggregate(UpdateMatrix u, AggregationContext context) {
            seen.add(u);
            int[] kept = new int[u.rows() - 1];
            for (int i = 1; i < u.rows(); i++) {
                kept[i - 1] = i;
            }
            double[] mean = new Median().aggregate(u.select(kept)).aggregate();
            returned.add(mean);
            return new AggregationResult(mean, kept);
        }
    }

    @Test
    void rowsAreTheRulesInputWithWeightsAndGroundTruthAndKeptFlagsFollowItsOutput() {
        DropsFirstRow rule = new DropsFirstRow();
        try (AegisTestKit kit = AegisTestKit.builder(Worlds.TEN_CLIENTS).rule(rule)
                .override("adversaries = [{ clients = \"0-2\", behavior = sign-flip, rounds = \"1-\" }]").start()) {
            kit.injectNext(Fault.drop(), 9);
            RoundView r = kit.step();
            UpdateMatrix given = rule.seen.get(0);
            assertEquals(9, r.rows().size());
            assertEquals(given.rows(), r.rows().size());
            for (RoundView.Row row : r.rows()) {
                assertArrayEquals(given.row(row.index()), row.update(), "row " + row.index() + " as the rule saw it");
                assertEquals(given.weights()[row.index()], row.weight());
                assertTrue(row.weight() > 0, "the client's sample count");
                assertEquals(r.valid()[row.index()], row.token());
                assertEquals(r.senders().get(row.token()), row.client());
                assertEquals(row.client() <= 2, row.malicious(), "sign-flip clients 0-2 are the malicious ones");
                assertEquals(row.index() != 0, row.kept());
            }
            assertNull(r.rowOf(9), "a dropped upload never reaches the rule");
            assertEquals(1, r.excludedClients().length);
            assertEquals(8, r.keptClients().length);
            assertArrayEquals(rule.returned.get(0), r.aggregate());
            assertEquals(9, r.input().rows());
            assertArrayEquals(given.data(), r.input().data());
        }
    }

    @Test
    void theModelMovesFromModelBeforeByExactlyTheAggregateWhenNoTemporalStepRuns() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, new DropsFirstRow())) {
            kit.step();
            float[] start = kit.model();
            RoundView r = kit.step();
            assertArrayEquals(start, r.modelBefore());
            assertTrue(Double.isNaN(r.alpha()), "no temporal step ran");
            for (int j = 0; j < start.length; j++) {
                assertEquals((float) (start[j] + r.aggregate()[j]), r.model()[j], "parameter " + j);
            }
        }
    }

    @Test
    void lateCopiesNameTheClientThatSentThem() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            kit.injectNext(Fault.delay(30), 5);
            kit.injectNext(Fault.delay(30).and(Fault.duplicate()), 7);
            long forged = 4242;
            kit.deliver(1, 40.0, 1, forged, new float[kit.dimension()], 1);
            RoundView r = kit.step();
            assertEquals(4, r.late());
            assertArrayEquals(new int[] {5, 7}, r.lateClients());
            assertEquals(4, r.lateUploads().size());
            assertTrue(r.lateUploads().stream().anyMatch(l -> l.token() == forged && l.client() == RoundView.NO_CLIENT));
            assertEquals(2, r.lateUploads().stream().filter(l -> l.client() == 7).count(), "both copies of 7");
            assertTrue(r.lateUploads().stream().allMatch(l -> l.malicious() == (l.client() == RoundView.NO_CLIENT)),
                    "honest clients' late copies are not malicious; a hand-made one counts as malicious");
            assertFalse(r.aggregated(5) || r.aggregated(7));
        }
    }

    @Test
    void aRoundWithoutValidUpdatesHasNoRowsAndNoAggregate() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            kit.injectNext(Fault.drop(), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            RoundView r = kit.step();
            assertTrue(r.rows().isEmpty());
            assertNull(r.aggregate());
            assertNull(r.input());
            assertTrue(r.skipped());
            assertNotNull(r.modelBefore());
        }
    }
}
