package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.aggregation.AggregationContext;
import io.aegis.aggregation.AggregationResult;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.Median;
import io.aegis.aggregation.UpdateMatrix;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every fault the test kit can inject, each seen from the server's side of the wire. */
class FaultInjectionTest {

    @Test
    void aDroppedUploadIsLostAndNeverReachesTheServer() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            kit.injectNext(Fault.drop(), 2, 7);
            RoundView r = kit.step();
            assertEquals(Map.of(2, "dropped", 7, "dropped"), r.lost());
            assertFalse(r.arrived(2));
            assertEquals(8, r.receivedCount());
            assertEquals(8, r.validCount());
            RoundView next = kit.step();
            assertTrue(next.lost().isEmpty() && next.aggregated(2), "only the round it was injected for: " + next);
        }
    }

    @Test
    void aDuplicatedUploadArrivesTwiceAndItsSecondCopyIsInvalid() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            kit.injectNext(Fault.duplicate(), 4);
            RoundView r = kit.step();
            assertEquals(11, r.receivedCount());
            assertEquals(1, r.invalid());
            assertEquals(10, r.validCount());
            assertEquals(Map.of("duplicate", 1), r.faults());
            assertTrue(r.aggregated(4) || r.excludedClient(4), "the first copy is used once");
        }
    }

    @Test
    void anUploadDelayedPastTheDeadlineIsLateAndNotAggregated() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            kit.injectNext(Fault.delay(30), 5);
            kit.injectNext(Fault.delay(1), 6); // 0.5 s compute + 1 s: still on time
            RoundView r = kit.step();
            assertEquals(1, r.late());
            assertFalse(r.arrived(5));
            assertFalse(r.aggregated(5));
            assertTrue(r.aggregated(6));
            assertEquals(9, r.receivedCount());
        }
    }

    @Test
    void nanAndTruncatedPayloadsAreInvalidWhileScaledOnesPassValidationForTheRuleToJudge() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            kit.injectNext(Fault.corrupt(Corruption.NAN), 0);
            kit.injectNext(Fault.corrupt(Corruption.TRUNCATE), 1);
            kit.injectNext(Fault.corrupt(Corruption.SCALE), 2);
            RoundView r = kit.step();
            assertEquals(10, r.receivedCount());
            assertEquals(2, r.invalid());
            assertTrue(r.arrived(0) && r.arrived(1));
            assertFalse(r.aggregated(0) || r.excludedClient(0) || r.aggregated(1));
            assertTrue(r.valid().length == 8 && r.tokenOf(2) != null
                    && java.util.Arrays.stream(r.valid()).anyMatch(t -> t == r.tokenOf(2)),
                    "a finite payload of the right length is valid, however large");
            assertTrue(r.modelIsFinite());
        }
    }

    @Test
    void aBitFlippedPayloadNeverPutsANonFiniteValueInTheModel() {
        // depending on the bit, the flip gives a tiny change, a huge value, or NaN/Inf (then invalid)
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, "server.rule = fedavg")) {
            for (int round = 1; round <= 4; round++) {
                kit.injectNext(Fault.corrupt(Corruption.BIT_FLIP), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
                RoundView r = kit.step();
                assertEquals(10, r.receivedCount());
                assertEquals(10, r.validCount() + r.invalid());
                assertTrue(r.modelIsFinite(), r.toString());
            }
        }
    }

    @Test
    void aStaleReplayCarriesItsOldRoundTagAndIsCountedInvalid() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            kit.injectNext(Fault.replay(), 3);
            RoundView first = kit.step();
            assertEquals(10, first.receivedCount(), "round 1 has nothing old enough to replay");
            kit.step();
            kit.injectNext(Fault.replay(), 3);
            RoundView third = kit.step();
            assertEquals(11, third.receivedCount(), "the fresh upload and the replay of round 1");
            assertEquals(1, third.faultCount(FaultKind.REPLAY));
            assertEquals(1, third.invalid());
            assertTrue(third.aggregated(3), "the client's own fresh upload is unaffected");
        }
    }

    @Test
    void theScenariosOwnDelayDistributionMakesUploadsLate() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, "faults.delay = \"uniform(3.0, 6.0)\"")) {
            RoundView r = kit.step();
            assertTrue(r.late() > 0 && r.receivedCount() > 0, "0.5 s + U(3, 6) s straddles the 5 s deadline: " + r);
            assertEquals(10, r.late() + r.receivedCount());
            assertTrue(r.modelIsFinite());
        }
    }

    @Test
    void aCrashedClientMissesItsRoundIsRestartedAndTakesPartInTheNext() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            kit.injectNext(Fault.crash(), 8);
            RoundView crashed = kit.step();
            assertEquals(Map.of(8, "crash"), crashed.lost());
            assertEquals(1, crashed.faultCount(FaultKind.CRASH));
            assertNull(crashed.tokenOf(8));
            assertEquals(9, crashed.validCount());
            RoundView after = kit.step();
            assertTrue(after.lost().isEmpty(), after.toString());
            assertTrue(after.aggregated(8), "the restarted actor trains and uploads again");
            assertEquals(10, after.validCount());
        }
    }

    @Test
    void targetedScenarioFaultsHitOnlyTheirClientsAndRounds() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS,
                "faults.targeted = [{ clients = \"0-1\", rounds = \"2\", drop = 1.0 }]")) {
            RoundView one = kit.step();
            RoundView two = kit.step();
            RoundView three = kit.step();
            assertTrue(one.lost().isEmpty());
            assertEquals(Map.of(0, "dropped", 1, "dropped"), two.lost());
            assertTrue(three.lost().isEmpty());
        }
    }

    @Test
    void anOversizedHandCraftedPayloadIsInvalidAndTheRoundGoesOn() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            kit.deliverNext(new float[kit.dimension() * 200], 10);
            kit.deliverNext(new float[0], 10);
            long wrongRound = 77;
            kit.deliver(1, 0.1, 5, wrongRound, new float[kit.dimension()], 10);
            RoundView r = kit.step();
            assertEquals(13, r.receivedCount());
            assertEquals(3, r.invalid());
            assertEquals(10, r.validCount());
            assertFalse(r.skipped());
        }
    }

    @Test
    void anExceptionInTheRuleSkipsTheRoundWithTheModelUnchangedAndTheRunGoesOn() {
        AggregationRule throwsInRoundTwo = new AggregationRule() {
            int calls;

            @Override
            public String name() {
                return "fails-once";
            }

            @Override
            public AggregationResult aggregate(UpdateMatrix updates, AggregationContext context) {
                if (++calls == 2) {
                    throw new IllegalStateException("boom in the rule");
                }
                return new Median().aggregate(updates, context);
            }
        };
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, throwsInRoundTwo)) {
            RoundView one = kit.step();
            assertFalse(one.skipped());
            RoundView two = kit.step();
            assertTrue(two.skipped());
            assertTrue(two.error().contains("boom in the rule"), two.error());
            assertArrayEquals(one.model(), two.model(), "the model is kept as it was");
            RoundView three = kit.step();
            assertFalse(three.skipped());
            assertFalse(java.util.Arrays.equals(two.model(), three.model()));
        }
    }

    @Test
    void aRuleThatReturnsNonsenseIsTreatedLikeOneThatThrows() {
        AggregationRule nonsense = new AggregationRule() {
            @Override
            public String name() {
                return "nonsense";
            }

            @Override
            public AggregationResult aggregate(UpdateMatrix updates, AggregationContext context) {
                return new AggregationResult(new double[updates.cols()], new int[] {updates.rows() + 5});
            }
        };
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, nonsense)) {
            float[] before = kit.model();
            RoundView r = kit.step();
            assertTrue(r.skipped());
            assertTrue(r.error().contains("kept row"), r.error());
            assertArrayEquals(before, r.model());
        }
    }

    @Test
    void steppingPastTheLastRoundIsRefused() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, "rounds = 1")) {
            kit.step();
            assertTrue(kit.finished());
            assertThrows(IllegalStateException.class, kit::step);
            assertThrows(IllegalArgumentException.class, () -> kit.injectNext(Fault.drop(), 0));
            assertThrows(IllegalStateException.class, () -> kit.inject(1, Fault.drop(), 0));
        }
    }

    @Test
    void wallClockScenariosAreRefusedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, "clock = wall"));
        assertTrue(e.getMessage().contains("virtual"), e.getMessage());
    }
}
