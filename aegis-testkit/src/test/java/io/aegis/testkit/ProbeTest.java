package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.actors.Client;
import java.time.Duration;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A test can play a client, and watch what the channel routes between server and clients. */
class ProbeTest {

    @Test
    void aStandInReceivesItsClientsModelAndItsAnswerIsWhatTheRuleSees() {
        try (AegisTestKit kit = AegisTestKit.builder(Worlds.TEN_CLIENTS).standIn(4).start()) {
            ClientProbe four = kit.clientProbe(4);
            OpenRound open = kit.openRound();
            Client.Train train = four.expectTrain();
            assertEquals(1, train.round());
            assertArrayEquals(kit.model(), train.model(), "the stand-in gets the round's global model");
            float[] mine = new float[kit.dimension()];
            Arrays.fill(mine, 0.25f);
            four.upload(train, mine, 7);
            RoundView r = open.close();
            RoundView.Row row = r.rowOf(4);
            assertArrayEquals(mine, row.update());
            assertEquals(7.0, row.weight());
            assertFalse(row.malicious(), "client 4 is honest in the scenario, whoever plays it");
            assertEquals(10, r.validCount());
        }
    }

    @Test
    void aStandInThatStaysSilentIsLostWithItsReason() {
        try (AegisTestKit kit = AegisTestKit.builder(Worlds.TEN_CLIENTS).standIn(2, 3).start()) {
            OpenRound open = kit.openRound();
            kit.clientProbe(2).noReply(kit.clientProbe(2).expectTrain(), "dropout");
            Client.Train t3 = kit.clientProbe(3).expectTrain();
            kit.clientProbe(3).upload(t3, new float[kit.dimension()], 1);
            RoundView r = open.close();
            assertEquals("dropout", r.lost().get(2));
            assertEquals(9, r.validCount());
            assertTrue(r.arrived(3));
        }
    }

    @Test
    void theTrafficProbeSeesEveryModelSentAndEveryUpdateDelivered() {
        try (AegisTestKit kit = AegisTestKit.builder(Worlds.TEN_CLIENTS).watchTraffic().start()) {
            kit.injectNext(Fault.duplicate(), 6);
            RoundView r = kit.step();
            TreeSet<Integer> trained = new TreeSet<>();
            long[] delivered = new long[r.receivedCount()];
            int updates = 0;
            for (int i = 0; i < 10 + r.receivedCount(); i++) {
                Traffic t = kit.traffic().receiveMessage(Duration.ofSeconds(10));
                if (t instanceof Traffic.ToClient c) {
                    assertEquals(1, c.train().round());
                    trained.add(c.client());
                } else if (t instanceof Traffic.ToServer s) {
                    delivered[updates++] = s.update().token();
                }
            }
            kit.traffic().expectNoMessage(Duration.ofMillis(200));
            assertEquals(10, trained.size(), "one model per selected client");
            assertArrayEquals(r.received(), delivered, "what the server received, in order, duplicate included");
        }
    }

    @Test
    void aStandInThatNeverAnswersFailsTheRoundSayingSo() {
        try (AegisTestKit kit = AegisTestKit.builder(Worlds.TEN_CLIENTS).standIn(0)
                .roundTimeout(Duration.ofSeconds(3)).start()) {
            AssertionError e = assertThrows(AssertionError.class, kit::step);
            assertTrue(e.getMessage().contains("stand-in"), e.getMessage());
        }
    }

    @Test
    void probesMustBeAskedForAndNameRealClients() {
        assertThrows(IllegalArgumentException.class, () -> AegisTestKit.builder(Worlds.TEN_CLIENTS).standIn(10).start());
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS)) {
            assertThrows(IllegalArgumentException.class, () -> kit.clientProbe(0));
            assertThrows(IllegalStateException.class, kit::traffic);
        }
    }
}
