package com.example.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.actors.Client;
import io.aegis.testkit.AegisTestKit;
import io.aegis.testkit.AegisWorld;
import io.aegis.testkit.ClientProbe;
import io.aegis.testkit.Corruption;
import io.aegis.testkit.Fault;
import io.aegis.testkit.OpenRound;
import io.aegis.testkit.RoundView;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fault-injection tests of NormFilteredMean: what it does when updates are scaled, forged or late. */
class NormFilteredMeanTest {

    static final String WORLD = """
            seed = 3
            rounds = 6
            clock = virtual
            dataset { name = synthetic, synthetic { iid = true } }
            training { local-steps = 2, batch-size = 16, learning-rate = 0.05 }
            clients { total = 10, per-round = 10, compute-time = 0.5, network-delay = "none", dropout = 0 }
            round.deadline = 5s
            adversaries = [{ clients = "8-9", behavior = gaussian, sigma = 200, rounds = "1-" }]
            """;

    // a fresh world per test, closed after it; client 3 is played by the test
    @RegisterExtension
    static final AegisWorld world = AegisWorld.perTest(
            AegisTestKit.builder(WORLD).rule(new NormFilteredMean()).standIn(3));

    @Test
    void scaledAndGaussianUpdatesAreLeftOut(AegisTestKit kit) {
        kit.injectNext(Fault.corrupt(Corruption.SCALE), 1, 2);  // clients 1 and 2: payload x1000 on the wire
        OpenRound round = kit.openRound();                       // the clients train; nothing reaches the server yet
        ClientProbe three = kit.clientProbe(3);
        Client.Train train = three.expectTrain();                // client 3's copy of the model
        three.upload(train, new float[kit.dimension()], 10);     // ... and its answer: a zero update
        RoundView r = round.close();                             // deadline, rule, late copies

        assertEquals(10, r.validCount());                        // x1000 is still a valid payload: the rule's job
        assertArrayEquals(new int[] {1, 2, 8, 9}, r.excludedClients());
        for (RoundView.Row row : r.rows()) {                     // what the rule saw, with the ground truth
            assertEquals(row.client() >= 8, row.malicious());
            assertTrue(row.weight() > 0);
        }
        assertArrayEquals(new float[kit.dimension()], r.rowOf(3).update());
        for (int j = 0; j < kit.dimension(); j++) {              // no temporal step: the model moves by the aggregate
            assertEquals((float) (r.modelBefore()[j] + r.aggregate()[j]), r.model()[j]);
        }
    }

    @Test
    void aForgedUpdateDeliveredFirstDoesNotMoveTheModelAndALateOneIsAttributed(AegisTestKit kit) {
        kit.injectNext(Fault.delay(30), 5);                      // client 5's upload misses the deadline
        OpenRound round = kit.openRound();
        ClientProbe three = kit.clientProbe(3);
        three.upload(three.expectTrain(), new float[kit.dimension()], 10);
        float[] forged = new float[kit.dimension()];
        Arrays.fill(forged, 1e30f);
        long token = round.deliverNow(forged, 1_000_000);        // before any client's upload
        round.advanceToDeadline();                               // the rule runs
        RoundView r = round.close();

        assertEquals(token, r.rows().get(0).token());
        assertFalse(r.rows().get(0).kept());
        assertTrue(r.modelIsFinite());
        assertArrayEquals(new int[] {5}, r.lateClients());      // ground truth the server never had
        assertFalse(r.aggregated(5));
    }
}
