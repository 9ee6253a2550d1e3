package io.aegis.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.typesafe.config.ConfigFactory;
import io.aegis.aggregation.Rules;
import io.aegis.scenario.Distribution;
import io.aegis.scenario.IdSet;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.Scenario.ClockMode;
import io.aegis.scenario.Scenario.FaultRates;
import io.aegis.world.BehaviorSchedule;
import io.aegis.world.Population;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The round protocol between server, channel and clients, with test probes standing in for the
 * clients and the observer, and every message serialized as it would be between machines.
 */
class RoundProtocolTest {
    static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory
            .parseString("pekko.actor.serialize-messages = on")
            .withFallback(ConfigFactory.load()));

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    static final FaultRates NO_FAULTS = new FaultRates(0, 0, new Distribution.None(), 0, "nan", 0, 0, 0);

    /** A small world of probe clients around a real channel and server. */
    static final class World {
        final List<TestProbe<Client.Command>> clients = new ArrayList<>();
        final TestProbe<Observer.Command> observer = KIT.createTestProbe();
        final ActorRef<Server.Command> server;

        World(int n, int rounds, ClockMode clock, double deadline, List<Scenario.TargetedFaults> targeted,
              Distribution networkDelay) {
            List<ActorRef<Client.Command>> refs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TestProbe<Client.Command> p = KIT.createTestProbe();
                clients.add(p);
                refs.add(p.getRef());
            }
            long seed = 11;
            Scenario.ClientsSpec spec = new Scenario.ClientsSpec(n, n, new Distribution.Constant(0.5), networkDelay, 0);
            FaultPlan faults = new FaultPlan(new Scenario.FaultsSpec(NO_FAULTS, targeted), seed);
            BehaviorSchedule schedule = new BehaviorSchedule(List.of(), List.of());
            TestProbe<Adversary.Command> adversary = KIT.createTestProbe();
            ActorRef<Channel.Command> channel = KIT.spawn(Channel.create(new Channel.Setup(seed, clock, deadline,
                    new RoundTiming(spec, seed), faults, schedule, refs, observer.getRef(), adversary.getRef(), 0, List.of())));
            Population population = new Population(n, seed, new Scenario.ChurnSpec("none", 0, 0, null), null, List.of());
            server = KIT.spawn(Server.create(new Server.Setup(seed, rounds, n, clock, deadline,
                    Rules.create("median", java.util.Map.of()), null, new float[] {0, 0}, population, channel,
                    observer.getRef(), 1, null, 0)));
        }

        Client.Train train(int client) {
            return clients.get(client).expectMessageClass(Client.Train.class, Duration.ofSeconds(10));
        }

        void upload(int client, Client.Train t, float... update) {
            t.replyTo().tell(new Channel.Upload(t.round(), client, update, 10));
        }

        /** The next observer message of this type, skipping others. */
        <T extends Observer.Command> T next(Class<T> type) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                Observer.Command m = observer.receiveMessage(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (type.isInstance(m)) {
                    return type.cast(m);
                }
            }
        }
    }

    static List<Scenario.TargetedFaults> delay(String clients, double seconds) {
        return List.of(new Scenario.TargetedFaults(IdSet.parse(clients), IdSet.all(),
                new FaultRates(0, 0, new Distribution.Constant(seconds), 0, "nan", 0, 0, 0)));
    }

    @Test
    void updatesArrivingAfterTheDeadlineAreCountedLateAndNeverAggregated() {
        World w = new World(3, 1, ClockMode.VIRTUAL, 5.0, delay("2", 10.0), new Distribution.Constant(0.1));
        w.server.tell(new Server.Start());
        w.upload(0, w.train(0), 1, 1);
        w.upload(1, w.train(1), 3, 3);
        w.upload(2, w.train(2), 1000, 1000); // would drag the median if it were counted
        Observer.RoundClosed closed = w.next(Observer.RoundClosed.class);
        assertEquals(2, closed.received().length);
        assertEquals(2, closed.valid().length);
        assertArrayEquals(new float[] {2, 2}, closed.model(), "median of the two on-time updates");
        Observer.Late late = w.next(Observer.Late.class);
        assertEquals(1, late.round());
        w.next(Observer.Finished.class);
    }

    @Test
    void aClientThatNeverAnswersDoesNotStallAWallClockRound() {
        World w = new World(3, 1, ClockMode.WALL, 1.5, List.of(), new Distribution.None());
        w.server.tell(new Server.Start());
        w.upload(0, w.train(0), 2, 2);
        w.upload(1, w.train(1), 4, 4);
        w.train(2); // client 2 is silent
        Observer.RoundClosed closed = w.next(Observer.RoundClosed.class);
        assertEquals(2, closed.valid().length);
        assertArrayEquals(new float[] {3, 3}, closed.model());
        w.next(Observer.Finished.class);
    }

    @Test
    void aClientThatDropsOutIsLostAndTheRoundClosesWithoutIt() {
        World w = new World(3, 1, ClockMode.VIRTUAL, 5.0, List.of(), new Distribution.Constant(0.1));
        w.server.tell(new Server.Start());
        w.upload(0, w.train(0), 2, 2);
        Client.Train t1 = w.train(1);
        t1.replyTo().tell(new Channel.NoReply(t1.round(), 1, "dropout"));
        w.upload(2, w.train(2), 4, 4);
        Observer.Lost lost = w.next(Observer.Lost.class);
        assertEquals(1, lost.client());
        Observer.RoundClosed closed = w.next(Observer.RoundClosed.class);
        assertEquals(2, closed.valid().length);
        assertArrayEquals(new float[] {3, 3}, closed.model());
    }

    @Test
    void theServerReceivesTokensThatChangeEveryRoundAndNoClientIds() {
        assertFalse(Arrays.stream(Server.Update.class.getRecordComponents())
                        .anyMatch(c -> c.getName().toLowerCase().contains("client")),
                "an update as the server sees it must not name its sender");
        World w = new World(2, 2, ClockMode.VIRTUAL, 5.0, List.of(), new Distribution.Constant(0.1));
        w.server.tell(new Server.Start());
        java.util.Map<Integer, Long> round1 = new java.util.HashMap<>();
        java.util.Map<Integer, Long> round2 = new java.util.HashMap<>();
        w.upload(0, w.train(0), 1, 1);
        w.upload(1, w.train(1), 1, 1);
        while (round1.size() < 2) {
            Observer.Routed r = w.next(Observer.Routed.class);
            round1.put(r.client(), r.token());
        }
        w.upload(0, w.train(0), 1, 1);
        w.upload(1, w.train(1), 1, 1);
        while (round2.size() < 2) {
            Observer.Routed r = w.next(Observer.Routed.class);
            assertEquals(2, r.round());
            round2.put(r.client(), r.token());
        }
        for (int c = 0; c < 2; c++) {
            assertNotEquals(round1.get(c), round2.get(c), "client " + c + "'s token must change between rounds");
        }
        assertNotEquals(round1.get(0), round1.get(1), "two clients never share a token");
    }

    @Test
    void invalidUpdatesAreCountedAndTheModelStaysFinite() {
        World w = new World(4, 1, ClockMode.VIRTUAL, 5.0, List.of(), new Distribution.Constant(0.1));
        w.server.tell(new Server.Start());
        w.upload(0, w.train(0), 1, 1);
        w.upload(1, w.train(1), Float.NaN, 1);
        w.upload(2, w.train(2), 1, 1, 1); // wrong length
        w.upload(3, w.train(3), 3, 3);
        Observer.RoundClosed closed = w.next(Observer.RoundClosed.class);
        assertEquals(4, closed.received().length);
        assertEquals(2, closed.invalid());
        assertArrayEquals(new float[] {2, 2}, closed.model());
    }
}
