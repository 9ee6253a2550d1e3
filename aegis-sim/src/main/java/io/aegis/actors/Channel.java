package io.aegis.actors;

import io.aegis.scenario.Scenario.ClockMode;
import io.aegis.util.Seeds;
import io.aegis.world.BehaviorSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The network between clients and server. It carries the round's model to the selected clients and
 * their updates back, applying the timing model and the scenario's faults, and it strips the
 * sender: the server receives an update with a fresh random token, never a client id. Only the
 * observer learns which client a token came from.
 *
 * <p>In virtual-clock mode it holds a round's uploads until every selected client has answered, then
 * releases them to the server in simulated arrival order with the deadline tick in its place, so the
 * outcome does not depend on thread scheduling. In wall-clock mode every message is delayed by a real timer.
 */
public final class Channel {

    public sealed interface Command extends Message {}

    /** From the server: send this model to these clients for this round. */
    public record Broadcast(int round, int[] clients, float[] model, ActorRef<Server.Command> server) implements Command {}

    /** From a client: its update for the round. */
    public record Upload(int round, int client, float[] update, int samples) implements Command {}

    /** From a colluding client: it is in the adversary's hands this round ({@code own} = its honest update, or null). */
    public record Collude(int round, int client, float[] own, int samples) implements Command {}

    /** From a client that will not send anything this round (dropout, crash, offline). */
    public record NoReply(int round, int client, String reason) implements Command {}

    /** From the adversary: the crafted updates of the round's colluders. */
    public record Crafted(int round, int[] clients, float[][] updates) implements Command {}

    /** Wall clock: a round's Train to one client, due now (its download delay has passed). */
    private record Deliver(int client, Client.Train train) implements Command {}

    /**
     * When a round has had no answer for the reply timeout (answers had come in {@code answered}), its
     * silent clients are counted as lost: their node left the cluster. The timer restarts while answers
     * keep coming, so a slow round is never cut short. Only armed in cluster mode with worker nodes,
     * where a message can vanish with its node; a single JVM never depends on it.
     */
    private record ReplyTimeout(int round, int answered) implements Command {}

    /**
     * Everything the channel needs besides its peers.
     *
     * @param replyTimeout wall time after a broadcast at which unanswered clients count as lost (null = never)
     */
    public record Setup(long seed, ClockMode clock, double deadlineSeconds, RoundTiming timing, FaultPlan faults,
                        BehaviorSchedule schedule, ClientAddress clients,
                        ActorRef<Observer.Command> observer, ActorRef<Adversary.Command> adversary,
                        int checkpointEvery, List<Observer.StaleUpdate> history, Duration replyTimeout) {
        /** One live actor per client, never timing out. */
        public Setup(long seed, ClockMode clock, double deadlineSeconds, RoundTiming timing, FaultPlan faults,
                     BehaviorSchedule schedule, List<ActorRef<Client.Command>> clients,
                     ActorRef<Observer.Command> observer, ActorRef<Adversary.Command> adversary,
                     int checkpointEvery, List<Observer.StaleUpdate> history) {
            this(seed, clock, deadlineSeconds, timing, faults, schedule, ClientAddress.of(clients), observer,
                    adversary, checkpointEvery, history, null);
        }
    }

    private static final class RoundState {
        final int round;
        final int[] selected;
        final int dimension;
        final ActorRef<Server.Command> server;
        final Map<Integer, Object> reports = new HashMap<>(); // client -> Upload | Collude | NoReply
        final TreeMap<Integer, Collude> colluders = new TreeMap<>();
        final List<Upload> honest = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();
        boolean crafting;
        int silent; // selected clients that reported NoReply
        final long startNanos = System.nanoTime(); // wall clock: when the round's broadcast left

        RoundState(int round, int[] selected, int dimension, ActorRef<Server.Command> server) {
            this.round = round;
            this.selected = selected;
            this.dimension = dimension;
            this.server = server;
        }

        boolean allReported() {
            return reports.size() == selected.length;
        }
    }

    /** One copy of an update on its way to the server. */
    private record Pending(double arrival, int client, int copy, int round, long token, float[] update, int samples,
                           boolean malicious) {}

    private final ActorContext<Command> context;
    private final Setup setup;
    private final Map<Integer, RoundState> rounds = new HashMap<>();
    /** Uploads of recent rounds, for stale replays: round -> (client -> update). */
    private final TreeMap<Integer, Map<Integer, float[]>> history = new TreeMap<>();
    /** Rounds of uploads kept for replays: enough that round r can always find one from r-2 or before. */
    private static final int HISTORY_ROUNDS = 3;
    /** The copy number of a replayed stale upload (a fresh upload has copies 0 and, duplicated, 1). */
    private static final int REPLAY_COPY = 2;

    private Channel(ActorContext<Command> context, Setup setup) {
        this.context = context;
        this.setup = setup;
        if (setup.history() != null) {
            for (Observer.StaleUpdate u : setup.history()) {
                history.computeIfAbsent(u.round(), r -> new TreeMap<>()).put(u.client(), u.update());
            }
        }
    }

    public static Behavior<Command> create(Setup setup) {
        return Behaviors.setup(ctx -> new Channel(ctx, setup).behavior());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Broadcast.class, this::onBroadcast)
                .onMessage(Upload.class, this::onUpload)
                .onMessage(Collude.class, this::onCollude)
                .onMessage(NoReply.class, this::onNoReply)
                .onMessage(Crafted.class, this::onCrafted)
                .onMessage(Deliver.class, d -> {
                    setup.clients().tell(d.client(), d.train());
                    return Behaviors.same();
                })
                .onMessage(ReplyTimeout.class, this::onReplyTimeout)
                .build();
    }

    private Behavior<Command> onBroadcast(Broadcast b) {
        RoundState state = new RoundState(b.round(), b.clients().clone(), b.model().length, b.server());
        rounds.put(b.round(), state);
        for (int c : b.clients()) {
            Client.Train train = new Client.Train(b.round(), b.model(), context.getSelf());
            if (setup.clock() == ClockMode.WALL) {
                context.scheduleOnce(seconds(setup.timing().download(b.round(), c)), context.getSelf(),
                        new Deliver(c, train));
            } else {
                setup.clients().tell(c, train);
            }
        }
        if (setup.replyTimeout() != null) {
            context.scheduleOnce(setup.replyTimeout(), context.getSelf(), new ReplyTimeout(b.round(), 0));
        }
        maybeComplete(state);
        return Behaviors.same();
    }

    private Behavior<Command> onUpload(Upload u) {
        RoundState state = rounds.get(u.round());
        if (state == null || state.reports.containsKey(u.client()) || !isSelected(state, u.client())) {
            return Behaviors.same(); // a client that was not asked or already answered: nothing to carry
        }
        state.reports.put(u.client(), u);
        if (u.update() != null && !setup.schedule().isMalicious(u.client(), u.round())) {
            state.honest.add(u);
        }
        route(state, u.client(), u.update(), u.samples(), false);
        maybeComplete(state);
        return Behaviors.same();
    }

    private Behavior<Command> onCollude(Collude c) {
        RoundState state = rounds.get(c.round());
        if (state == null || state.reports.containsKey(c.client()) || !isSelected(state, c.client())) {
            return Behaviors.same();
        }
        state.reports.put(c.client(), c);
        state.colluders.put(c.client(), c);
        maybeComplete(state);
        return Behaviors.same();
    }

    private Behavior<Command> onNoReply(NoReply n) {
        RoundState state = rounds.get(n.round());
        if (state == null || state.reports.containsKey(n.client()) || !isSelected(state, n.client())) {
            return Behaviors.same();
        }
        state.reports.put(n.client(), n);
        state.silent++;
        setup.observer().tell(new Observer.Lost(n.round(), n.client(), n.reason()));
        maybeComplete(state);
        return Behaviors.same();
    }

    private Behavior<Command> onReplyTimeout(ReplyTimeout t) {
        RoundState state = rounds.get(t.round());
        if (state == null || state.allReported()) {
            return Behaviors.same();
        }
        if (state.reports.size() > t.answered()) { // still making progress: wait another period
            context.scheduleOnce(setup.replyTimeout(), context.getSelf(), new ReplyTimeout(t.round(), state.reports.size()));
            return Behaviors.same();
        }
        List<Integer> missing = new ArrayList<>();
        for (int c : state.selected) {
            if (!state.reports.containsKey(c)) {
                missing.add(c);
            }
        }
        context.getLog().warn("round {}: no answer for {} and {} clients silent (their node is gone); counted as lost",
                t.round(), setup.replyTimeout(), missing.size());
        for (int c : missing) {
            onNoReply(new NoReply(t.round(), c, "node-lost"));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onCrafted(Crafted c) {
        RoundState state = rounds.get(c.round());
        if (state == null || !state.crafting) {
            return Behaviors.same(); // nothing was asked of the adversary for this round: releasing now would cut it short
        }
        int n = c.clients() == null || c.updates() == null ? 0 : Math.min(c.clients().length, c.updates().length);
        for (int k = 0; k < n; k++) {
            Collude col = state.colluders.remove(c.clients()[k]);
            if (col != null && c.updates()[k] != null) {
                route(state, col.client(), c.updates()[k], col.samples(), true);
            } else if (col != null) {
                setup.observer().tell(new Observer.Lost(c.round(), col.client(), "adversary-silent"));
            }
        }
        for (Collude silent : state.colluders.values()) { // colluders the adversary gave nothing for
            setup.observer().tell(new Observer.Lost(c.round(), silent.client(), "adversary-silent"));
        }
        state.colluders.clear();
        release(state);
        return Behaviors.same();
    }

    private void maybeComplete(RoundState state) {
        if (!state.allReported() || state.crafting) {
            return;
        }
        requireHonestTraining(state);
        if (!state.colluders.isEmpty()) {
            state.crafting = true;
            int[] ids = state.colluders.keySet().stream().mapToInt(Integer::intValue).toArray();
            float[][] own = new float[ids.length][];
            int[] samples = new int[ids.length];
            for (int k = 0; k < ids.length; k++) {
                own[k] = state.colluders.get(ids[k]).own();
                samples[k] = state.colluders.get(ids[k]).samples();
            }
            state.honest.sort(Comparator.comparingInt(Upload::client));
            float[][] honest = state.honest.stream().map(Upload::update).toArray(float[][]::new);
            // n of ALIE's formula: the clients that take part, i.e. selected minus those that will send nothing
            int participants = state.selected.length - state.silent;
            setup.adversary().tell(new Adversary.Craft(state.round, participants, state.dimension, ids, own, honest, context.getSelf()));
            return;
        }
        release(state);
    }

    /** Applies faults to one client's upload and queues (virtual) or schedules (wall) its copies. */
    /**
     * Seconds until the upload reaches the server. Virtual clock: its whole simulated arrival time from
     * the round start. Wall clock: what is left of it now (the download already happened on a timer
     * and the training really ran), i.e. compute + upload; a crafted update keeps its colluder's own
     * arrival time from the round start, less the time crafting took.
     */
    private double sendDelay(RoundState state, int client, boolean crafted) {
        int round = state.round;
        double arrival = setup.timing().arrival(round, client);
        if (setup.clock() == ClockMode.VIRTUAL) {
            return arrival;
        }
        if (crafted) {
            return Math.max(0, arrival - (System.nanoTime() - state.startNanos) / 1e9);
        }
        return arrival - setup.timing().download(round, client);
    }

    private void route(RoundState state, int client, float[] update, int samples, boolean crafted) {
        int round = state.round;
        double base = sendDelay(state, client, crafted);
        FaultPlan.Fate fate = setup.faults().fate(round, client, setup.deadlineSeconds() - base);
        float[] payload = fate.corruption() == null ? update
                : setup.faults().corrupt(update, fate.corruption(), round, client);
        boolean malicious = setup.schedule().isMalicious(client, round);
        if (fate.lost()) {
            setup.observer().tell(new Observer.Lost(round, client, "dropped"));
        }
        if (!fate.lost()) {
            if (fate.copies().size() > 1) {
                setup.observer().tell(new Observer.Faulted(round, client, "duplicate"));
            }
            if (fate.corruption() != null) {
                setup.observer().tell(new Observer.Faulted(round, client, "corrupt"));
            }
            if (fate.copies().stream().anyMatch(FaultPlan.Copy::reordered)) {
                setup.observer().tell(new Observer.Faulted(round, client, "reorder"));
            }
        }
        long token = Seeds.mix(setup.seed(), "token", round, client);
        for (int k = 0; k < fate.copies().size(); k++) {
            FaultPlan.Copy copy = fate.copies().get(k);
            queue(state, new Pending(base + copy.extraDelay(), client, k, round, token, payload, samples, malicious));
        }
        if (fate.replay()) {
            Map.Entry<Integer, Map<Integer, float[]>> stale = history.floorEntry(round - 2);
            if (stale != null && !stale.getValue().isEmpty()) {
                Map<Integer, float[]> byClient = stale.getValue();
                float[] old = byClient.containsKey(client) ? byClient.get(client) : byClient.values().iterator().next();
                long replayToken = Seeds.mix(setup.seed(), "replay", round, client);
                // the network re-sends an old message while this round is open: it never spills into the next
                // round, whose content would then depend on where a resumed run started
                double at = Math.min(base, setup.deadlineSeconds());
                setup.observer().tell(new Observer.Faulted(round, client, "replay"));
                queue(state, new Pending(at, client, REPLAY_COPY, stale.getKey(), replayToken, old, samples, false));
            }
        }
        if (setup.faults().mayReplay()) {
            history.computeIfAbsent(round, r -> new TreeMap<>()).put(client, update);
        }
    }

    private void queue(RoundState state, Pending p) {
        if (setup.clock() == ClockMode.WALL) {
            if (p.copy() < REPLAY_COPY) {
                setup.observer().tell(new Observer.Routed(state.round, p.token(), p.client(), p.malicious()));
            }
            context.scheduleOnce(seconds(p.arrival()), state.server,
                    new Server.Update(p.round(), p.token(), p.update(), p.samples()));
        } else {
            state.pending.add(p);
        }
    }

    /** Virtual clock: hands the round's copies to the server in arrival order around the deadline tick. */
    private void release(RoundState state) {
        rounds.remove(state.round);
        // pruned by round number once the round is complete, so what is kept never depends on arrival order
        while (!history.isEmpty() && history.firstKey() <= state.round - HISTORY_ROUNDS) {
            history.pollFirstEntry();
        }
        if (setup.faults().mayReplay()) { // every round: an interrupted run checkpoints its last closed round
            List<Observer.StaleUpdate> kept = new ArrayList<>();
            history.forEach((r, byClient) -> byClient.forEach((c, u) -> kept.add(new Observer.StaleUpdate(r, c, u))));
            setup.observer().tell(new Observer.ChannelState(state.round, kept));
        }
        for (FaultPlan.Delivery d : setup.faults().deliveries(state.round)) {
            // hand-crafted messages of a test: on the wire like any other copy, from no client
            if (setup.clock() == ClockMode.WALL) {
                context.scheduleOnce(seconds(d.arrival()), state.server, d.update());
            } else {
                state.pending.add(new Pending(d.arrival(), -1, state.pending.size(), d.update().round(),
                        d.update().token(), d.update().update(), d.update().samples(), true));
            }
        }
        if (setup.clock() == ClockMode.WALL) {
            return; // copies are already on their timers; the server's own timer closes the round
        }
        state.pending.sort(Comparator.comparingDouble(Pending::arrival)
                .thenComparingInt(Pending::client).thenComparingInt(Pending::copy));
        boolean deadlineSent = false;
        for (Pending p : state.pending) {
            if (!deadlineSent && p.arrival() > setup.deadlineSeconds()) {
                state.server.tell(new Server.Deadline(state.round));
                deadlineSent = true;
            }
            if (p.client() >= 0 && p.copy() < REPLAY_COPY) { // replays and hand-made messages have no sender to score
                setup.observer().tell(new Observer.Routed(state.round, p.token(), p.client(), p.malicious()));
            }
            state.server.tell(new Server.Update(p.round(), p.token(), p.update(), p.samples()));
        }
        if (!deadlineSent) {
            state.server.tell(new Server.Deadline(state.round));
        }
        state.server.tell(new Server.Drained(state.round));
    }

    /**
     * Fails the run when every honest selected client that trained in the round failed to: the round
     * would aggregate the attackers' updates alone and report it as a defence result (a resume on
     * changed data or model did exactly that).
     */
    private void requireHonestTraining(RoundState state) {
        int tried = 0;
        int failed = 0;
        for (int c : state.selected) {
            if (setup.schedule().isMalicious(c, state.round)) {
                continue;
            }
            Object report = state.reports.get(c);
            if (report instanceof Upload) {
                tried++;
            } else if (report instanceof NoReply n && Observer.TRAIN_FAILED.equals(n.reason())) {
                tried++;
                failed++;
            }
        }
        if (tried > 0 && failed == tried) {
            throw new RunFailure("round " + state.round + ": every honest selected client (" + tried
                    + ") failed to train; the log says why");
        }
    }

    private static boolean isSelected(RoundState state, int client) {
        for (int c : state.selected) {
            if (c == client) {
                return true;
            }
        }
        return false;
    }

    private static Duration seconds(double s) {
        return Server.seconds(s);
    }
}
