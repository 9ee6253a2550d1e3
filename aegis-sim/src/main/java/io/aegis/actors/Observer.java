package io.aegis.actors;

import io.aegis.metrics.ClientsCsv;
import io.aegis.metrics.RoundRow;
import io.aegis.metrics.RunOutput;
import io.aegis.metrics.RunStatus;
import io.aegis.metrics.RunSummary;
import io.aegis.model.Evaluation;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The simulator's omniscient bookkeeper. It alone maps the channel's anonymous tokens back to
 * clients and ground truth (who was malicious in which round), evaluates each round's model on
 * the held-out test set, and writes rounds.csv row by row, then summary.json and report.html.
 * Nothing it knows flows back to the server.
 */
public final class Observer {

    public sealed interface Command extends Message {}

    public record RoundOpened(int round, int online, int selected) implements Command {}

    /** From the channel: this token (one delivery, duplicates share it) came from this client. */
    public record Routed(int round, long token, int client, boolean malicious) implements Command {}

    /** From the channel: this selected client's update will never arrive in this round. */
    public record Lost(int round, int client, String reason) implements Command {}

    /** From the channel: it applied this fault (duplicate, corrupt, replay, reorder) to a client's upload. */
    public record Faulted(int round, int client, String kind) implements Command {}

    /** From the server: an update of this round arrived after its deadline. */
    public record Late(int round, long token) implements Command {}

    /** From the server: what it received, kept and decided in the round, and the resulting model. */
    public record RoundClosed(int round, long[] received, long[] valid, long[] excluded, int invalid, double alpha,
                              boolean skipped, float[] model, long wallMs, String error) implements Command {}

    public record Finished(int rounds) implements Command {}

    /**
     * From the server, stopped by a stop request: round {@code lastRound} was the last one closed (and,
     * in virtual clock, drained). Its row, a checkpoint of it and the final model are written, with
     * status interrupted.
     */
    public record Interrupted(int lastRound) implements Command {}

    /** From the server at checkpoint rounds: its whole state after the round. */
    public record ServerState(int round, float[] model, double[] previousAggregate, double[] momentum,
                              long[] onlineWords) implements Command {}

    /** From the channel at checkpoint rounds: the recent uploads it keeps for stale replays. */
    public record ChannelState(int round, List<StaleUpdate> history) implements Command {}

    public record StaleUpdate(int round, int client, float[] update) {}

    private record Evaluated(int round, Evaluation evaluation, double attackSuccess) implements Command {}

    /**
     * @param evaluate      evaluates a model on the test set (on the training pool)
     * @param attackSuccess attack success rate of a model, or null when no backdoor / targeted flip is scheduled
     */
    public record Setup(String name, long seed, String rule, int rounds, boolean report,
                        RunOutput output, Function<float[], CompletableFuture<Evaluation>> evaluate,
                        Function<float[], CompletableFuture<Double>> attackSuccess,
                        CompletableFuture<RunSummary> done, int checkpointEvery, boolean channelState,
                        io.aegis.model.EvaluationSchedule evaluation, io.aegis.progress.RoundListener progress) {
        public Setup(String name, long seed, String rule, int rounds, boolean report, RunOutput output,
                     Function<float[], CompletableFuture<Evaluation>> evaluate, Function<float[], CompletableFuture<Double>> attackSuccess,
                     CompletableFuture<RunSummary> done, int checkpointEvery, boolean channelState) {
            this(name, seed, rule, rounds, report, output, evaluate, attackSuccess, done, checkpointEvery, channelState,
                    io.aegis.model.EvaluationSchedule.everyRound(rounds), io.aegis.progress.RoundListener.NONE);
        }
    }

    private static final class RoundLedger {
        int online;
        int selected;
        final Map<Long, Boolean> maliciousByToken = new HashMap<>();
        final Set<Integer> lost = new HashSet<>();
        final Map<String, Integer> faults = new HashMap<>(); // dropped, crash, duplicate, corrupt, replay, reorder
        int late;
        RoundClosed closed;
        Evaluated evaluated;
        ServerState serverState;
        ChannelState channelState;
    }

    /** The {@link Lost} reason of a selected client whose local training threw. */
    public static final String TRAIN_FAILED = "error";

    private final ActorContext<Command> context;
    private final Setup setup;
    private final TreeMap<Integer, RoundLedger> ledgers = new TreeMap<>();
    private final long startNanos = System.nanoTime();
    private boolean finished;
    private int stopAfter = Integer.MAX_VALUE; // the last round of an interrupted run
    private int lastWritten; // rows up to here are on disk: news about them comes too late to count
    private float[] lastModel;
    private final ClientsCsv clients;

    private Observer(ActorContext<Command> context, Setup setup) {
        this.context = context;
        this.setup = setup;
        this.clients = ClientsCsv.in(setup.output().dir());
    }

    public static Behavior<Command> create(Setup setup) {
        return Behaviors.setup(ctx -> new Observer(ctx, setup).behavior());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(RoundOpened.class, m -> {
                    RoundLedger l = ledger(m.round());
                    l.online = m.online();
                    l.selected = m.selected();
                    return Behaviors.same();
                })
                .onMessage(Routed.class, m -> {
                    ledger(m.round()).maliciousByToken.put(m.token(), m.malicious());
                    clients.routed(m.round(), m.token(), m.client(), m.malicious());
                    return Behaviors.same();
                })
                .onMessage(Lost.class, m -> {
                    RoundLedger l = ledger(m.round());
                    clients.lost(m.round(), m.client());
                    if (l.lost.add(m.client())) {
                        l.faults.merge(m.reason(), 1, Integer::sum);
                    }
                    return Behaviors.same();
                })
                .onMessage(Faulted.class, m -> {
                    ledger(m.round()).faults.merge(m.kind(), 1, Integer::sum);
                    return Behaviors.same();
                })
                .onMessage(Late.class, m -> {
                    ledger(m.round()).late++;
                    clients.late(m.round(), m.token());
                    return Behaviors.same();
                })
                .onMessage(RoundClosed.class, this::onRoundClosed)
                .onMessage(Evaluated.class, m -> {
                    ledger(m.round()).evaluated = m;
                    return flush();
                })
                .onMessage(ServerState.class, m -> {
                    ledger(m.round()).serverState = m;
                    return Behaviors.same();
                })
                .onMessage(ChannelState.class, m -> {
                    ledger(m.round()).channelState = m;
                    return Behaviors.same();
                })
                .onMessage(Finished.class, m -> {
                    finished = true;
                    return flush();
                })
                .onMessage(Interrupted.class, m -> {
                    finished = true;
                    stopAfter = m.lastRound();
                    return flush();
                })
                .build();
    }

    private RoundLedger ledger(int round) {
        if (round <= lastWritten) {
            // wall clock: a client whose download outlasted two deadlines reports after its row was written;
            // re-opening that round's ledger would block every later row (the run would never end)
            return new RoundLedger();
        }
        return ledgers.computeIfAbsent(round, r -> new RoundLedger());
    }

    private Behavior<Command> onRoundClosed(RoundClosed m) {
        ledger(m.round()).closed = m;
        if (!setup.evaluation().evaluates(m.round())) { // evaluation.every: an empty accuracy/loss cell
            ledger(m.round()).evaluated = new Evaluated(m.round(), new Evaluation(Double.NaN, Double.NaN), Double.NaN);
            return flush();
        }
        CompletableFuture<Evaluation> eval = setup.evaluate().apply(m.model());
        CompletableFuture<Double> asr = setup.attackSuccess() == null
                ? CompletableFuture.completedFuture(Double.NaN)
                : setup.attackSuccess().apply(m.model());
        context.pipeToSelf(eval.thenCombine(asr, (e, a) -> new Evaluated(m.round(), e, a)), (ok, error) -> {
            if (error != null) {
                context.getLog().error("round {}: evaluation failed: {}", m.round(), error.toString());
                return new Evaluated(m.round(), new Evaluation(Double.NaN, Double.NaN), Double.NaN);
            }
            return ok;
        });
        return flush();
    }

    /** Writes every row that can no longer change, in round order. */
    private Behavior<Command> flush() {
        while (!ledgers.isEmpty()) {
            Map.Entry<Integer, RoundLedger> first = ledgers.firstEntry();
            RoundLedger l = first.getValue();
            RoundLedger next = ledgers.get(first.getKey() + 1);
            boolean nextClosed = next != null && next.closed != null;
            if (l.closed == null || l.evaluated == null || !(nextClosed || finished) || first.getKey() > stopAfter) {
                break;
            }
            RoundRow written = row(l);
            setup.output().append(written);
            setup.progress().roundWritten(written);
            clients.closed(first.getKey(), l.closed.received(), l.closed.valid(), l.closed.excluded());
            lastModel = l.closed.model();
            checkpoint(first.getKey(), l);
            lastWritten = first.getKey();
            ledgers.pollFirstEntry();
        }
        if (finished && ledgers.entrySet().stream().allMatch(e -> e.getValue().closed == null || e.getKey() > stopAfter)) {
            double wall = (System.nanoTime() - startNanos) / 1e9;
            try {
                if (lastModel != null) {
                    setup.output().writeFinalModel(lastModel);
                }
                RunSummary s = setup.output().finish(setup.name(), setup.seed(), setup.rule(), wall, setup.report(),
                        stopAfter == Integer.MAX_VALUE ? RunStatus.COMPLETED : RunStatus.INTERRUPTED, null);
                setup.done().complete(s);
            } catch (RuntimeException e) {
                setup.done().completeExceptionally(e);
            } finally {
                clients.close();
                setup.output().close();
            }
            return Behaviors.stopped();
        }
        return Behaviors.same();
    }

    /**
     * Written after the round's row, so a resumed run never repeats or misses a row: every
     * {@code checkpoint.every} rounds, and for the last round of an interrupted run whatever that key says.
     */
    private void checkpoint(int round, RoundLedger l) {
        boolean due = (setup.checkpointEvery() > 0 && round % setup.checkpointEvery() == 0) || round == stopAfter;
        if (!due || l.serverState == null) {
            return;
        }
        ServerState s = l.serverState;
        TreeMap<Integer, Map<Integer, float[]>> history = new TreeMap<>();
        if (l.channelState != null) {
            for (StaleUpdate u : l.channelState.history()) {
                history.computeIfAbsent(u.round(), r -> new TreeMap<>()).put(u.client(), u.update());
            }
        } else if (setup.channelState()) {
            context.getLog().warn("round {}: no channel state arrived; checkpoint skipped", round);
            return;
        }
        try {
            new Checkpoint(round, s.model(), s.previousAggregate(), s.momentum(), s.onlineWords(), history,
                    setup.output().identity()).write(setup.output().dir());
        } catch (java.io.IOException e) {
            context.getLog().error("round {}: cannot write checkpoint: {}", round, e.toString());
        }
    }

    private static RoundRow row(RoundLedger l) {
        RoundClosed c = l.closed;
        int maliciousReceived = 0;
        for (long t : c.received()) {
            if (Boolean.TRUE.equals(l.maliciousByToken.get(t))) {
                maliciousReceived++;
            }
        }
        int maliciousValid = 0;
        for (long t : c.valid()) {
            if (Boolean.TRUE.equals(l.maliciousByToken.get(t))) {
                maliciousValid++;
            }
        }
        int maliciousExcluded = 0;
        for (long t : c.excluded()) {
            if (Boolean.TRUE.equals(l.maliciousByToken.get(t))) {
                maliciousExcluded++;
            }
        }
        Evaluation e = l.evaluated.evaluation();
        return new RoundRow(c.round(), e.accuracy(), e.loss(), l.online, l.selected, c.received().length, l.late,
                l.lost.size(), c.invalid(), c.excluded().length, maliciousReceived, maliciousExcluded,
                c.excluded().length - maliciousExcluded, c.alpha(), c.skipped(), c.wallMs(), maliciousValid,
                l.evaluated.attackSuccess(), l.faults.getOrDefault("dropped", 0), l.faults.getOrDefault("crash", 0),
                l.faults.getOrDefault("duplicate", 0), l.faults.getOrDefault("corrupt", 0),
                l.faults.getOrDefault("replay", 0), l.faults.getOrDefault("reorder", 0),
                l.faults.getOrDefault(TRAIN_FAILED, 0));
    }
}
