package io.aegis.world;

import io.aegis.scenario.Scenario;
import io.aegis.scenario.Scenario.ChurnSpec;
import io.aegis.scenario.Scenario.Event;
import io.aegis.util.Seeds;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which clients are online, round by round: churn first (markov or trace), then the scripted
 * {@code go-offline}/{@code go-online} events of that round. Deterministic from the seed; its
 * whole state is the online set and the last round applied, so a checkpoint can restore it.
 */
public final class Population {
    private final int total;
    private final long seed;
    private final ChurnSpec churn;
    private final Availability trace;
    private final List<Event> events;
    private BitSet online;
    private int round;

    public Population(Scenario scenario, Availability trace) {
        this(scenario.clients().total(), scenario.seed(), scenario.churn(), trace, scenario.events());
    }

    public Population(int total, long seed, ChurnSpec churn, Availability trace, List<Event> events) {
        this.total = total;
        this.seed = seed;
        this.churn = churn;
        this.trace = trace;
        this.events = List.copyOf(events);
        this.online = new BitSet(total);
        this.online.set(0, total);
        this.round = 0;
    }

    /** Moves to {@code round} (must be the next one) and returns the online clients, ascending. */
    public int[] advance(int round) {
        if (round != this.round + 1) {
            throw new IllegalStateException("population is at round " + this.round + ", cannot advance to " + round);
        }
        this.round = round;
        switch (churn.model()) {
            case "markov" -> markov(round);
            case "trace" -> {
                online.clear();
                for (int c = 0; c < total; c++) {
                    if (trace.isOnline(c, round)) {
                        online.set(c);
                    }
                }
            }
            default -> { } // none: availability changes only through events
        }
        for (Event e : events) {
            if (e.round() != round) {
                continue;
            }
            if (e.goOffline() != null) {
                for (int c : e.goOffline().members(total)) {
                    online.clear(c);
                }
            }
            if (e.goOnline() != null) {
                for (int c : e.goOnline().members(total)) {
                    online.set(c);
                }
            }
        }
        return online.stream().toArray();
    }

    private void markov(int round) {
        // The population starts all online; as the spec says, churn acts at the start of every round, round 1 included.
        SplittableRandom rng = Seeds.stream(seed, "churn", round);
        BitSet next = new BitSet(total);
        for (int c = 0; c < total; c++) {
            double u = rng.nextDouble();
            boolean was = online.get(c);
            boolean now = was ? u >= churn.pLeave() : u < churn.pReturn();
            if (now) {
                next.set(c);
            }
        }
        online = next;
    }

    public int round() {
        return round;
    }

    public BitSet onlineSet() {
        return (BitSet) online.clone();
    }

    /** Restores the state a checkpoint saved. */
    public void restore(int round, BitSet online) {
        this.round = round;
        this.online = (BitSet) online.clone();
    }
}
