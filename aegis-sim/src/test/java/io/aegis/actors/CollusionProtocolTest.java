package io.aegis.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.aegis.aggregation.Rules;
import io.aegis.scenario.Distribution;
import io.aegis.scenario.IdSet;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.Scenario.ClockMode;
import io.aegis.util.Seeds;
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
 * The colluding path client -> channel (Collude) -> adversary (Craft) -> channel (Crafted) -> server,
 * with probes for the clients, the adversary and the observer, and every message serialized.
 */
class CollusionProtocolTest {
    static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory
            .parseString("pekko.actor.serialize-messages = on")
            .withFallback(ConfigFactory.load()));
    static final Duration WAIT = Duration.ofSeconds(10);
    static final long SEED = 11;

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    /** Probe clients, probe adversary, real channel and server (median, no temporal step). */
    static final class World {
        final List<TestProbe<Client.Command>> clients = new ArrayList<>();
        final TestProbe<Observer.Command> observer = KIT.createTestProbe();
        final TestProbe<Adversary.Command> adversary = KIT.createTestProbe();
        final ActorRef<Server.Command> server;

        World(int n, int perRound, int rounds, String colluders, ClockMode clock, List<Scenario.TargetedFaults> targeted) {
            this(n, perRound, rounds, colluders, clock, targeted, 5.0, List.of());
        }

        World(int n, int perRound, int rounds, String colluders, ClockMode clock, List<Scenario.TargetedFaults> targeted,
              double deadline, List<Scenario.Event> events) {
            List<ActorRef<Client.Command>> refs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TestProbe<Client.Command> p = KIT.createTestProbe();
                clients.add(p);
                refs.add(p.getRef());
            }
            Scenario.ClientsSpec spec = new Scenario.ClientsSpec(n, perRound, new Distribution.Constant(0.5),
                    new Distribution.Constant(0.1), 0);
            FaultPlan faults = new FaultPlan(new Scenario.FaultsSpec(RoundProtocolTest.NO_FAULTS, targeted), SEED);
            BehaviorSchedule schedule = new BehaviorSchedule(List.of(new Scenario.AdversaryGroup(IdSet.parse(colluders),
                    new Scenario.Behavior("alie", ConfigFactory.empty()), IdSet.all())), List.of());
            ActorRef<Channel.Command> channel = KIT.spawn(Channel.create(new Channel.Setup(SEED, clock, deadline,
                    new RoundTiming(spec, SEED), faults, schedule, refs, observer.getRef(), adversary.getRef(), 0, List.of())));
            Population population = new Population(n, SEED, new Scenario.ChurnSpec("none", 0, 0, null), null, events);
            server = KIT.spawn(Server.create(new Server.Setup(SEED, rounds, perRound, clock, deadline,
                    Rules.create("median", java.util.Map.of()), null, new float[] {0, 0}, population, channel,
                    observer.getRef(), 1, null, 0)));
        }

        Client.Train train(int client) {
            return clients.get(client).expectMessageClass(Client.Train.class, WAIT);
        }

        Adversary.Craft craft() {
            return adversary.expectMessageClass(Adversary.Craft.class, WAIT);
        }

        <T extends Observer.Command> T next(Class<T> type) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Observer.Command m = observer.receiveMessage(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (type.isInstance(m)) {
                    return type.cast(m);
                }
            }
        }
    }

    static void upload(Client.Train t, int client, float... update) {
        t.replyTo().tell(new Channel.Upload(t.round(), client, update, 10));
    }

    static void collude(Client.Train t, int client) {
        t.replyTo().tell(new Channel.Collude(t.round(), client, null, 10));
    }

    static void answer(Adversary.Craft c, float... each) {
        float[][] rows = new float[c.colluders().length][];
        Arrays.fill(rows, each);
        c.replyTo().tell(new Channel.Crafted(c.round(), c.colluders(), rows));
    }

    @Test
    void theAdversarySeesOnlyTheHonestUpdatesOfTheCurrentRound() {
        World w = new World(4, 4, 2, "0-1", ClockMode.VIRTUAL, List.of());
        w.server.tell(new Server.Start());
        collude(w.train(0), 0);
        collude(w.train(1), 1);
        Client.Train t2 = w.train(2);
        Client.Train t3 = w.train(3);
        upload(t2, 2, 1, 1);
        upload(t3, 3, 2, 2);
        Adversary.Craft first = w.craft();
        assertEquals(1, first.round());
        assertArrayEquals(new int[] {0, 1}, first.colluders());
        assertArrayEquals(new float[][] {{1, 1}, {2, 2}}, first.honest());
        assertEquals(4, first.participants());
        answer(first, 9, 9);
        w.next(Observer.RoundClosed.class);

        collude(w.train(0), 0);
        collude(w.train(1), 1);
        Client.Train u2 = w.train(2);
        Client.Train u3 = w.train(3);
        upload(t2, 2, 100, 100); // a second copy of a round-1 upload: that round is over, it must not leak in
        upload(u2, 2, 3, 3);
        upload(u3, 3, 4, 4);
        Adversary.Craft second = w.craft();
        assertEquals(2, second.round());
        assertArrayEquals(new float[][] {{3, 3}, {4, 4}}, second.honest(), "round 2 shows round 2's honest updates only");
        answer(second, 9, 9);
        w.next(Observer.Finished.class);
    }

    @Test
    void onlyTheColludersSelectedInTheRoundAreCraftedFor() {
        int perRound = 4;
        int rounds = 3;
        World w = new World(8, perRound, rounds, "0-3", ClockMode.VIRTUAL, List.of());
        w.server.tell(new Server.Start());
        int[] everyone = {0, 1, 2, 3, 4, 5, 6, 7};
        int intruderRounds = 0;
        for (int r = 1; r <= rounds; r++) {
            int[] chosen = Server.sample(everyone, perRound, Seeds.stream(SEED, "select", r));
            List<Integer> expected = new ArrayList<>();
            List<Client.Train> trains = new ArrayList<>();
            for (int c : chosen) {
                trains.add(w.train(c));
            }
            for (int c = 0; c <= 3; c++) {
                final int id = c;
                if (Arrays.stream(chosen).noneMatch(x -> x == id)) {
                    // an attacker the server did not select speaks up anyway: the channel must not carry it
                    trains.get(0).replyTo().tell(new Channel.Collude(r, id, null, 10));
                    intruderRounds++;
                }
            }
            for (int k = 0; k < chosen.length; k++) {
                int c = chosen[k];
                if (c <= 3) {
                    collude(trains.get(k), c);
                    expected.add(c);
                } else {
                    upload(trains.get(k), c, r, r);
                }
            }
            if (!expected.isEmpty()) {
                Adversary.Craft craft = w.craft();
                assertEquals(r, craft.round());
                assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), craft.colluders());
                answer(craft, 5, 5);
            }
            Observer.RoundClosed closed = w.next(Observer.RoundClosed.class);
            assertEquals(perRound, closed.received().length, "one update per selected client, crafted ones included");
        }
        assertTrue(intruderRounds > 0, "the seed must leave some attacker unselected for this test to mean anything");
    }

    @Test
    void aRoundInWhichEverySelectedClientColludesStillCloses() {
        World w = new World(3, 3, 1, "0-2", ClockMode.VIRTUAL, List.of());
        w.server.tell(new Server.Start());
        for (int c = 0; c < 3; c++) {
            collude(w.train(c), c);
        }
        Adversary.Craft craft = w.craft();
        assertEquals(0, craft.honest().length, "there is no honest update to learn from");
        assertEquals(3, craft.participants());
        answer(craft, 7, 7);
        Observer.RoundClosed closed = w.next(Observer.RoundClosed.class);
        assertEquals(3, closed.valid().length);
        assertArrayEquals(new float[] {7, 7}, closed.model(), "median of three identical crafted updates");
    }

    @Test
    void aSelectedColluderThatGoesOfflineIsNotCraftedForAndDoesNotStallTheRound() {
        World w = new World(4, 4, 1, "0-1", ClockMode.VIRTUAL, List.of());
        w.server.tell(new Server.Start());
        Client.Train t0 = w.train(0);
        t0.replyTo().tell(new Channel.NoReply(1, 0, "offline"));
        collude(w.train(1), 1);
        upload(w.train(2), 2, 1, 1);
        Client.Train t3 = w.train(3);
        t3.replyTo().tell(new Channel.NoReply(1, 3, "offline"));
        Adversary.Craft craft = w.craft();
        assertArrayEquals(new int[] {1}, craft.colluders());
        assertArrayEquals(new float[][] {{1, 1}}, craft.honest());
        assertEquals(2, craft.participants(), "n counts the clients that take part, not the two that left");
        answer(craft, 3, 3);
        Observer.RoundClosed closed = w.next(Observer.RoundClosed.class);
        assertEquals(2, closed.valid().length);
        assertArrayEquals(new float[] {2, 2}, closed.model());
        w.next(Observer.Finished.class);
    }

    @Test
    void craftedUpdatesTravelWithTheColludersOwnTiming() {
        // colluder 1 has a 10 s extra delay on its own link: its crafted update must miss the 5 s deadline
        World w = new World(3, 3, 1, "0-1", ClockMode.VIRTUAL, RoundProtocolTest.delay("1", 10.0));
        w.server.tell(new Server.Start());
        collude(w.train(0), 0);
        collude(w.train(1), 1);
        upload(w.train(2), 2, 1, 1);
        answer(w.craft(), 4, 4);
        Observer.RoundClosed closed = w.next(Observer.RoundClosed.class);
        assertEquals(2, closed.valid().length, "colluder 0 and the honest client arrive on time");
        Observer.Late late = w.next(Observer.Late.class);
        assertEquals(1, late.round());
        w.next(Observer.Finished.class);
    }

    @Test
    void aWallClockRoundWithAColluderClosesWhenASelectedClientLeaves() {
        World w = new World(3, 3, 1, "0", ClockMode.WALL, List.of(), 1.5, List.of());
        w.server.tell(new Server.Start());
        collude(w.train(0), 0);
        upload(w.train(1), 1, 2, 2);
        Client.Train t2 = w.train(2);
        t2.replyTo().tell(new Channel.NoReply(1, 2, "offline"));
        answer(w.craft(), 4, 4);
        Observer.RoundClosed closed = w.next(Observer.RoundClosed.class);
        assertEquals(2, closed.valid().length);
        assertArrayEquals(new float[] {3, 3}, closed.model());
        w.next(Observer.Finished.class);
    }

    @Test
    void goOfflineAndGoOnlineEventsDecideWhoIsAskedInTheirRounds() {
        List<Scenario.Event> events = List.of(
                new Scenario.Event(2, IdSet.parse("0,2"), null, null, null),
                new Scenario.Event(3, null, IdSet.parse("2"), null, null));
        World w = new World(3, 3, 3, "0", ClockMode.VIRTUAL, List.of(), 5.0, events);
        w.server.tell(new Server.Start());
        int[][] askedPerRound = {{0, 1, 2}, {1}, {1, 2}};
        for (int r = 1; r <= 3; r++) {
            Observer.RoundOpened opened = w.next(Observer.RoundOpened.class);
            assertEquals(r, opened.round());
            assertEquals(askedPerRound[r - 1].length, opened.online());
            for (int c : askedPerRound[r - 1]) {
                Client.Train t = w.train(c);
                if (c == 0) {
                    collude(t, c);
                } else {
                    upload(t, c, r, r);
                }
            }
            if (r == 1) {
                answer(w.craft(), 0, 0);
            }
            w.next(Observer.RoundClosed.class);
        }
        for (TestProbe<Client.Command> p : w.clients) {
            p.expectNoMessage(Duration.ofMillis(50)); // nobody offline was asked (checked after the fact, not timed)
        }
    }
}
