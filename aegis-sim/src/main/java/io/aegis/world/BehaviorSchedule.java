package io.aegis.world;

import io.aegis.scenario.Scenario;
import io.aegis.scenario.Scenario.AdversaryGroup;
import io.aegis.scenario.Scenario.Behavior;
import io.aegis.scenario.Scenario.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who behaves how in which round: a pure function of the scenario. A {@code turn} event at or
 * before the round overrides the adversary groups for its clients (the latest event wins); among
 * groups whose window holds the round, the one listed last wins; everyone else is honest.
 */
public final class BehaviorSchedule {
    private static final Behavior HONEST =
            new Behavior("honest", com.typesafe.config.ConfigFactory.empty());

    private final List<AdversaryGroup> groups;
    private final List<Event> turns; // ascending by round, stable for equal rounds

    public BehaviorSchedule(Scenario scenario) {
        this(scenario.adversaries(), scenario.events());
    }

    public BehaviorSchedule(List<AdversaryGroup> groups, List<Event> events) {
        this.groups = List.copyOf(groups);
        List<Event> t = new ArrayList<>();
        for (Event e : events) {
            if (e.turn() != null) {
                t.add(e);
            }
        }
        t.sort(Comparator.comparingInt(Event::round));
        this.turns = List.copyOf(t);
    }

    public Behavior behaviorOf(int client, int round) {
        for (int i = turns.size() - 1; i >= 0; i--) {
            Event e = turns.get(i);
            if (e.round() <= round && e.turn().contains(client)) {
                return e.behavior();
            }
        }
        for (int i = groups.size() - 1; i >= 0; i--) {
            AdversaryGroup g = groups.get(i);
            if (g.rounds().contains(round) && g.clients().contains(client)) {
                return g.behavior();
            }
        }
        return HONEST;
    }

    /** Malicious means any behaviour but honest (faulty data counts: the paper's "faulty or malicious"). */
    public boolean isMalicious(int client, int round) {
        return !behaviorOf(client, round).isHonest();
    }

    public static Behavior honest() {
        return HONEST;
    }
}
