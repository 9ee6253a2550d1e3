package io.aegis.world;

import io.aegis.scenario.Scenario;
import io.aegis.scenario.Scenario.ChurnSpec;
import io.aegis.scenario.Scenario.Event;
import io.aegis.util.Seeds;
import java.util.BitSet;
import java.util.List;

/**
 * Which clients are online, round by round: churn first (markov or trace), then the scripted
 * {@code go-offline}/{@code go-online} events of that round. An event's effect lasts until churn or
 * another event changes it (under a trace, until another event: the trace does not undo it). Deterministic from the seed; its
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
        List<Event> sorted = new java.util.ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparingInt(Event::round)); // stable: same-round events keep file order
        this.events = List.copyOf(sorted);
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
        // A trace decides afresh every round, so the events up to this round are applied again on top of
        // it: a go-offline lasts until a go-online for the same client, as it does without a trace.
        boolean replayAll = "trace".equals(churn.model());
        for (Event e : events) {
            if (e.round() > round || (!replayAll && e.round() != round)) {
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
        // Each client has its own draw per round, so Departures can tell a selected client's fate for the
        // next round without replaying the whole population.
        BitSet next = new BitSet(total);
        for (int c = 0; c < total; c++) {
            boolean now = online.get(c)
                    ? !markovLeaves(seed, round, c, churn.pLeave())
                    : churnDraw(seed, round, c) < churn.pReturn();
            if (now) {
                next.set(c);
            }
        }
        online = next;
    }

    /** Whether an online client leaves at the start of {@code round} under markov churn. */
    static boolean markovLeaves(long seed, int round, int client, double pLeave) {
        return churnDraw(seed, round, client) < pLeave;
    }

    private static double churnDraw(long seed, int round, int client) {
        return Seeds.stream(seed, "churn", round, client).nextDouble();
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
