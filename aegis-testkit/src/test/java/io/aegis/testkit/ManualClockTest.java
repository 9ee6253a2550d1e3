package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.actors.Server;
import org.junit.jupiter.api.Test;

/** Stepping inside a round: deliver this now, let the next arrival through, advance to the deadline, close. */
class ManualClockTest {

    @Test
    void anUpdateDeliveredNowReachesTheRuleBeforeEveryClientsUpload() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            OpenRound open = kit.openRound();
            long now = open.deliverNow(new float[kit.dimension()], 3);
            Server.Update first = open.deliverNextArrival();
            assertNotNull(first);
            assertEquals(1, first.round());
            assertEquals(9, open.advanceToDeadline(), "the other nine uploads were due before the deadline");
            assertTrue(open.deadlinePassed());
            assertNull(open.deliverNextArrival(), "nothing is due before a deadline that has passed");
            RoundView r = open.close();
            assertEquals(11, r.validCount());
            assertEquals(now, r.valid()[0], "first in, first row");
            assertEquals(RoundView.NO_CLIENT, r.rows().get(0).client());
            assertEquals(first.token(), r.valid()[1]);
        }
    }

    @Test
    void anUpdateDeliveredAfterTheDeadlineIsLateAndTheRuleHasAlreadyRun() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            OpenRound open = kit.openRound();
            open.advanceToDeadline();
            long late = open.deliverNow(new float[kit.dimension()], 3);
            RoundView r = open.close();
            assertEquals(1, r.late());
            assertEquals(late, r.lateUploads().get(0).token());
            assertEquals(10, r.validCount());
            assertFalse(java.util.Arrays.stream(r.received()).anyMatch(t -> t == late));
        }
    }

    @Test
    void theNextArrivalBeforeTheDeadlineIsNullWhenEveryUploadIsLate() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            kit.injectNext(Fault.delay(30), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            OpenRound open = kit.openRound();
            assertNull(open.deliverNextArrival());
            assertEquals(0, open.advanceToDeadline());
            RoundView r = open.close();
            assertEquals(10, r.late());
            assertTrue(r.skipped());
        }
    }

    @Test
    void aRoundMustBeClosedBeforeTheNextOpensAndStepStillRunsAWholeRound() {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            OpenRound open = kit.openRound();
            assertThrows(IllegalStateException.class, kit::openRound);
            assertThrows(IllegalStateException.class, () -> kit.injectNext(Fault.drop(), 0));
            RoundView one = open.close();
            assertTrue(one == open.close(), "closing twice returns the same view");
            assertThrows(IllegalStateException.class, () -> open.deliverNow(new float[kit.dimension()], 1));
            RoundView two = kit.step();
            assertEquals(2, two.round());
            assertEquals(10, two.validCount());
        }
    }
}
