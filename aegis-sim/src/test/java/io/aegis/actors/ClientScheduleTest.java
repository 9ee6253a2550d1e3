package io.aegis.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.aegis.data.FederatedData;
import io.aegis.data.Samples;
import io.aegis.model.Evaluation;
import io.aegis.model.Model;
import io.aegis.model.ModelWorker;
import io.aegis.model.TrainingParams;
import io.aegis.model.TrainingPool;
import io.aegis.scenario.Distribution;
import io.aegis.scenario.IdSet;
import io.aegis.scenario.Scenario;
import io.aegis.world.BehaviorSchedule;
import io.aegis.world.Departures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Real client actors (with a stand-in model whose honest update is all ones) asked to train round
 * after round: what each sends must follow the adversary windows, the {@code turn} events and
 * mid-round departures of the round it is asked for.
 */
class ClientScheduleTest {
    static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory
            .parseString("pekko.actor.serialize-messages = on")
            .withFallback(ConfigFactory.load()));
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int DIM = 4;

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    /** Every honest update is all ones, so anything else was made by an attack. */
    static final class OnesModel implements Model {
        public String name() { return "ones"; }
        public int numParams() { return DIM; }
        public float[] initialParameters(long seed) { return new float[DIM]; }
        public ModelWorker newWorker() {
            return new ModelWorker() {
                public float[] train(float[] global, Samples data, TrainingParams params, long seed) {
                    float[] u = new float[global.length];
                    java.util.Arrays.fill(u, 1f);
                    return u;
                }
                public Evaluation evaluate(float[] params, Samples test) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    static final class TinyData implements FederatedData {
        final Samples samples = new Samples(new float[] {0, 0}, new int[] {0, 1}, 1, 2);
        public String name() { return "tiny"; }
        public int numClients() { return 10; }
        public Samples client(int id) { return samples; }
        public int clientSize(int id) { return 2; }
        public Samples test() { return samples; }
        public int numClasses() { return 2; }
        public int[] inputShape() { return new int[] {1}; }
    }

    static Scenario.Behavior behavior(String name, String params) {
        return new Scenario.Behavior(name, ConfigFactory.parseString(params));
    }

    static ClientContext context(BehaviorSchedule schedule, Departures departures) {
        long seed = 3;
        Executor executor = ForkJoinPool.commonPool();
        Scenario.ClientsSpec spec = new Scenario.ClientsSpec(10, 10, new Distribution.Constant(0.5),
                new Distribution.Constant(0.1), 0);
        return new ClientContext(seed, new TinyData(), new TrainingPool(new OnesModel(), executor), executor,
                new TrainingParams(1, 1, 0.01), schedule, new RoundTiming(spec, seed),
                new FaultPlan(new Scenario.FaultsSpec(RoundProtocolTest.NO_FAULTS, List.of()), seed), departures);
    }

    /** What client {@code id} sends when asked to train in {@code round}: honest, gaussian, collude or offline. */
    static String ask(ActorRef<Client.Command> client, int id, int round, TestProbe<Channel.Command> channel) {
        client.tell(new Client.Train(round, new float[DIM], channel.getRef()));
        Channel.Command reply = channel.receiveMessage(WAIT);
        if (reply instanceof Channel.Collude c) {
            assertEquals(id, c.client());
            assertEquals(round, c.round());
            return "collude";
        }
        if (reply instanceof Channel.NoReply n) {
            assertEquals(round, n.round());
            return n.reason();
        }
        Channel.Upload u = (Channel.Upload) reply;
        assertEquals(round, u.round());
        boolean ones = true;
        for (float v : u.update()) {
            ones &= v == 1f;
        }
        return ones ? "honest" : "gaussian";
    }

    @Test
    void clientsFollowTheirWindowsAndTurnEventsRoundByRound() {
        BehaviorSchedule schedule = new BehaviorSchedule(
                List.of(new Scenario.AdversaryGroup(IdSet.parse("0"), behavior("gaussian", "sigma = 200"), IdSet.parse("2-3")),
                        new Scenario.AdversaryGroup(IdSet.parse("1"), behavior("alie", "knowledge = omniscient"), IdSet.all())),
                List.of(new Scenario.Event(3, null, null, IdSet.parse("1"), behavior("honest", "")),
                        new Scenario.Event(2, null, null, IdSet.parse("2"), behavior("ipm", "epsilon = 0.1"))));
        ClientContext shared = context(schedule, Departures.none());
        TestProbe<Channel.Command> channel = KIT.createTestProbe();
        List<ActorRef<Client.Command>> clients = new ArrayList<>();
        for (int id = 0; id < 3; id++) {
            clients.add(KIT.spawn(Client.create(id, shared)));
        }
        String[][] expected = {
                {"honest", "gaussian", "gaussian", "honest"},   // client 0: gaussian in its window 2-3
                {"collude", "collude", "honest", "honest"},     // client 1: alie until turned honest at 3
                {"honest", "collude", "collude", "collude"},    // client 2: turned to ipm at 2
        };
        for (int round = 1; round <= 4; round++) {
            for (int id = 0; id < 3; id++) {
                assertEquals(expected[id][round - 1], ask(clients.get(id), id, round, channel),
                        "client " + id + " in round " + round);
            }
        }
    }

    @Test
    void aClientThatLeavesMidRoundBeforeItsUpdateArrivesSaysOfflineWhateverItsBehaviour() {
        BehaviorSchedule schedule = new BehaviorSchedule(
                List.of(new Scenario.AdversaryGroup(IdSet.parse("1"), behavior("alie", "knowledge = omniscient"), IdSet.all())),
                List.of());
        TestProbe<Channel.Command> channel = KIT.createTestProbe();
        // everyone leaves (p-leave = 1); with a 1 ms deadline the moment of leaving is before any arrival (0.7 s)
        Scenario.ChurnSpec allLeave = new Scenario.ChurnSpec("markov", 1.0, 0.0, null);
        ClientContext early = context(schedule, new Departures(3, allLeave, 0.001));
        assertEquals("offline", ask(KIT.spawn(Client.create(0, early)), 0, 1, channel));
        assertEquals("offline", ask(KIT.spawn(Client.create(1, early)), 1, 1, channel));
        // with a deadline far beyond the arrival they leave after sending: the update gets through
        ClientContext late = context(schedule, new Departures(3, allLeave, 1.0e9));
        assertEquals("honest", ask(KIT.spawn(Client.create(0, late)), 0, 1, channel));
        assertEquals("collude", ask(KIT.spawn(Client.create(1, late)), 1, 1, channel));
        // nobody leaves without markov churn
        ClientContext none = context(schedule, new Departures(3, new Scenario.ChurnSpec("none", 1.0, 0, null), 0.001));
        assertEquals("honest", ask(KIT.spawn(Client.create(0, none)), 0, 1, channel));
    }
}
