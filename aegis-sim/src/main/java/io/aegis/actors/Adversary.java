package io.aegis.actors;

import io.aegis.aggregation.UpdateMatrix;
import io.aegis.attack.Attack;
import io.aegis.attack.CollusionAttack;
import io.aegis.attack.Knowledge;
import io.aegis.scenario.Scenario;
import io.aegis.util.Seeds;
import io.aegis.world.BehaviorSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The colluding adversary behind ALIE, IPM and min-max. Each round it is shown that round's honest
 * updates only (all of them with {@code knowledge = omniscient}, or just those its own clients computed
 * with {@code own}), crafts one update per colluder selected in the round, and hands them back to the
 * channel, which sends them with the colluders' own timing. It keeps no state across rounds.
 */
public final class Adversary {

    public sealed interface Command extends Message {}

    /**
     * @param participants clients taking part in the round: selected minus those that send nothing (n in ALIE's formula)
     * @param dimension    length of an update (the model's parameter count)
     * @param colluders    the round's selected colluders, ascending
     * @param own          each colluder's honest update ({@code knowledge = own}), or null rows
     * @param honest       the honest clients' updates of this round, ascending by client
     */
    public record Craft(int round, int participants, int dimension, int[] colluders, float[][] own, float[][] honest,
                        ActorRef<Channel.Command> replyTo) implements Command {}

    public static Behavior<Command> create(long seed, BehaviorSchedule schedule, Function<Scenario.Behavior, Attack> attacks) {
        return Behaviors.receive(Command.class)
                .onMessage(Craft.class, c -> {
                    c.replyTo().tell(craft(seed, schedule, attacks, c));
                    return Behaviors.same();
                })
                .build();
    }

    static Channel.Crafted craft(long seed, BehaviorSchedule schedule, Function<Scenario.Behavior, Attack> attacks, Craft c) {
        // Colluders running the same behaviour (same parameters) act as one group, as in the papers.
        Map<Scenario.Behavior, List<Integer>> groups = new LinkedHashMap<>();
        for (int k = 0; k < c.colluders().length; k++) {
            groups.computeIfAbsent(schedule.behaviorOf(c.colluders()[k], c.round()), b -> new ArrayList<>()).add(k);
        }
        float[][] out = new float[c.colluders().length][];
        int groupIndex = 0;
        for (Map.Entry<Scenario.Behavior, List<Integer>> g : groups.entrySet()) {
            Scenario.Behavior behavior = g.getKey();
            List<Integer> members = g.getValue();
            CollusionAttack attack = (CollusionAttack) attacks.apply(behavior);
            boolean own = attack.knowledge() == Knowledge.OWN;
            float[][] known = own
                    ? members.stream().map(k -> c.own()[k]).filter(u -> u != null).toArray(float[][]::new)
                    : c.honest();
            int d = c.dimension();
            UpdateMatrix knownMatrix = known.length == 0
                    ? new UpdateMatrix(new float[0], 0, d)
                    : UpdateMatrix.ofRows(known);
            float[][] crafted = attack.craft(knownMatrix, c.participants(), members.size(),
                    Seeds.stream(seed, "collusion", c.round(), groupIndex++));
            for (int i = 0; i < members.size(); i++) {
                out[members.get(i)] = crafted[i];
            }
        }
        return new Channel.Crafted(c.round(), c.colluders(), out);
    }
}
