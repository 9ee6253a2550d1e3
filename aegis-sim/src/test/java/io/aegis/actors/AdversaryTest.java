package io.aegis.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.aegis.attack.Attacks;
import io.aegis.scenario.IdSet;
import io.aegis.scenario.Scenario;
import io.aegis.world.BehaviorSchedule;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The adversary actor crafts from what its knowledge allows it to see, and from nothing else. */
class AdversaryTest {
    static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory
            .parseString("pekko.actor.serialize-messages = on")
            .withFallback(ConfigFactory.load()));

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    static Scenario.AdversaryGroup ipm(String clients, String knowledge) {
        return new Scenario.AdversaryGroup(IdSet.parse(clients), new Scenario.Behavior("ipm",
                ConfigFactory.parseString("epsilon = 1.0, knowledge = " + knowledge)), IdSet.all());
    }

    @Test
    void omniscientColludersUseEveryHonestUpdateAndOwnOnesOnlyTheirOwn() {
        // IPM with epsilon 1 sends minus the mean of what it knows, so the result shows what it saw
        BehaviorSchedule schedule = new BehaviorSchedule(List.of(ipm("0-1", "omniscient"), ipm("2-3", "own")), List.of());
        ActorRef<Adversary.Command> adversary = KIT.spawn(Adversary.create(5, schedule,
                b -> Attacks.create(b, 2, new int[] {1}).orElseThrow()));
        TestProbe<Channel.Command> channel = KIT.createTestProbe();
        float[][] own = {null, null, {1, 1}, {3, 3}};
        float[][] honest = {{2, 2}, {4, 4}, {6, 6}};
        adversary.tell(new Adversary.Craft(7, 7, 2, new int[] {0, 1, 2, 3}, own, honest, channel.getRef()));
        Channel.Crafted crafted = channel.expectMessageClass(Channel.Crafted.class, Duration.ofSeconds(10));
        assertEquals(7, crafted.round());
        assertArrayEquals(new int[] {0, 1, 2, 3}, crafted.clients());
        assertArrayEquals(new float[] {-4, -4}, crafted.updates()[0], "minus the mean of all honest updates");
        assertArrayEquals(new float[] {-4, -4}, crafted.updates()[1]);
        assertArrayEquals(new float[] {-2, -2}, crafted.updates()[2], "minus the mean of its group's own updates");
        assertArrayEquals(new float[] {-2, -2}, crafted.updates()[3]);
    }
}
