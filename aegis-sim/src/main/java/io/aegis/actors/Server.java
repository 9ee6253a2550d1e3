package io.aegis.actors;

import io.aegis.aggregation.AggregationContext;
import io.aegis.aggregation.AggregationResult;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.TemporalStep;
import io.aegis.aggregation.UpdateMatrix;
import io.aegis.scenario.Scenario.ClockMode;
import io.aegis.util.Seeds;
import io.aegis.world.Population;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The federated server. Each round it samples clients among those online, broadcasts the model
 * through the channel, collects the anonymous updates that arrive before the deadline, validates
 * them, aggregates the valid ones with its rule, applies the temporal step, and moves on.
 * It never learns which client sent an update: updates carry only a random token.
 */
public final class Server {

    public sealed interface Command extends Message {}

    public record Start() implements Command {}

    /** An anonymous update as the channel delivers it. */
    public record Update(int round, long token, float[] update, int samples) implements Command {}

    /** The round's deadline has passed (virtual clock: the channel's tick; wall clock: the server's timer). */
    public record Deadline(int round) implements Command {}

    /** Virtual clock: every copy of the round, late ones included, has been delivered. */
    public record Drained(int round) implements Command {}

    private record GraceOver() implements Command {}

    /**
     * Stop at a round boundary (SIGINT, SIGTERM, a stop request): the open round is abandoned, and once
     * the last closed round is complete (in virtual clock: drained, so its late count is final) the
     * observer is told {@link Observer.Interrupted}. A run whose last round already closed finishes normally.
     */
    public record Stop() implements Command {}

    /**
     * Stepped mode (the test kit): open the next round (the first one when none has run yet). The
     * server answers {@link RoundDone} to {@code replyTo} once that round is closed and, in virtual
     * clock, every late copy of it has been counted.
     */
    public record NextRound(ActorRef<RoundDone> replyTo) implements Command {}

    /** Stepped mode: what the server saw and decided in a round, and how many of its updates came late. */
    public record RoundDone(int round, Observer.RoundClosed closed, int late) implements Message {}

    /**
     * Everything the server is configured with. A fresh run starts at round 1 with
     * {@code previousAggregate = null}; a resumed one at the round after its checkpoint, with the
     * temporal step and population already restored.
     */
    public record Setup(long seed, int rounds, int perRound, ClockMode clock, double deadlineSeconds,
                        AggregationRule rule, TemporalStep temporal, float[] initialModel, Population population,
                        ActorRef<Channel.Command> channel, ActorRef<Observer.Command> observer,
                        int firstRound, double[] previousAggregate, int checkpointEvery, boolean stepped) {

        /** A server that runs all its rounds by itself (not stepped). */
        public Setup(long seed, int rounds, int perRound, ClockMode clock, double deadlineSeconds,
                     AggregationRule rule, TemporalStep temporal, float[] initialModel, Population population,
                     ActorRef<Channel.Command> channel, ActorRef<Observer.Command> observer,
                     int firstRound, double[] previousAggregate, int checkpointEvery) {
            this(seed, rounds, perRound, clock, deadlineSeconds, rule, temporal, initialModel, population, channel,
                    observer, firstRound, previousAggregate, checkpointEvery, false);
        }
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final Setup setup;
    private final int dimension;

    // carried across rounds
    private float[] model;
    private double[] previousAggregate;
    private int round;
    private int lastClosed;
    private int lastDrained;
    private boolean stopping;

    // the open round
    private long roundStartNanos;
    private int online;
    private int selected;
    private final List<Update> valid = new ArrayList<>();
    private final Set<Long> seenTokens = new HashSet<>();
    private final List<Long> receivedTokens = new ArrayList<>();
    private int invalid;
    private int lateOfLastClosed;
    private ActorRef<RoundDone> stepReplyTo;
    private Observer.RoundClosed lastClosedView;

    private Server(ActorContext<Command> context, TimerScheduler<Command> timers, Setup setup) {
        this.context = context;
        this.timers = timers;
        this.setup = setup;
        this.model = setup.initialModel().clone();
        this.dimension = model.length;
        this.previousAggregate = setup.previousAggregate();
        this.lastClosed = setup.firstRound() - 1;
        this.lastDrained = lastClosed;
        this.round = setup.firstRound() - 1;
    }

    public static Behavior<Command> create(Setup setup) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Server(ctx, timers, setup).idle()));
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Start.class, s -> {
                    if (setup.firstRound() > setup.rounds()) {
                        return finish();
                    }
                    startRound(setup.firstRound());
                    return running();
                })
                .onMessage(Stop.class, s -> {
                    setup.observer().tell(new Observer.Interrupted(lastClosed));
                    return Behaviors.stopped();
                })
                .onMessage(NextRound.class, n -> {
                    if (!setup.stepped() || setup.firstRound() > setup.rounds()) {
                        return Behaviors.same();
                    }
                    stepReplyTo = n.replyTo();
                    startRound(setup.firstRound());
                    return running();
                })
                .build();
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(Update.class, this::onUpdate)
                .onMessage(Deadline.class, this::onDeadline)
                .onMessage(Drained.class, this::onDrained)
                .onMessage(GraceOver.class, g -> finish())
                .onMessage(NextRound.class, this::onNextRound)
                .onMessage(Stop.class, this::onStop)
                .build();
    }

    private Behavior<Command> onStop(Stop s) {
        if (lastClosed >= setup.rounds()) {
            return Behaviors.same(); // every round is closed: the run ends as it would have anyway
        }
        stopping = true;
        return stopIfComplete();
    }

    /** Stopping: tells the observer where the run ends once the last closed round can no longer change. */
    private Behavior<Command> stopIfComplete() {
        if (!stopping || (setup.clock() == ClockMode.VIRTUAL && lastDrained < lastClosed)) {
            return Behaviors.same();
        }
        timers.cancelAll();
        setup.observer().tell(new Observer.Interrupted(lastClosed));
        return Behaviors.stopped();
    }

    private void startRound(int r) {
        round = r;
        roundStartNanos = System.nanoTime();
        valid.clear();
        seenTokens.clear();
        receivedTokens.clear();
        invalid = 0;
        int[] onlineIds = setup.population().advance(r);
        int[] chosen = sample(onlineIds, setup.perRound(), Seeds.stream(setup.seed(), "select", r));
        online = onlineIds.length;
        selected = chosen.length;
        setup.observer().tell(new Observer.RoundOpened(r, online, selected));
        setup.channel().tell(new Channel.Broadcast(r, chosen, model, context.getSelf()));
        if (setup.clock() == ClockMode.WALL) {
            timers.startSingleTimer("deadline", new Deadline(r), seconds(setup.deadlineSeconds()));
        }
    }

    /** Uniform sample without replacement (partial Fisher-Yates), returned ascending. */
    static int[] sample(int[] population, int k, SplittableRandom rng) {
        int[] pool = population.clone();
        int take = Math.min(k, pool.length);
        for (int i = 0; i < take; i++) {
            int j = i + rng.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] out = Arrays.copyOf(pool, take);
        Arrays.sort(out);
        return out;
    }

    private Behavior<Command> onNextRound(NextRound n) {
        if (!setup.stepped() || round != lastClosed || round >= setup.rounds() || stepReplyTo != null) {
            return Behaviors.same(); // not stepped, a round still open, or nothing left: ignored
        }
        stepReplyTo = n.replyTo();
        startRound(round + 1);
        return Behaviors.same();
    }

    private Behavior<Command> onUpdate(Update u) {
        boolean open = round != lastClosed;
        if (u.round() == lastClosed && u.round() > 0) {
            // arrived after its round's deadline: counted, never aggregated
            lateOfLastClosed++;
            setup.observer().tell(new Observer.Late(u.round(), u.token()));
            return Behaviors.same();
        }
        if (!open) {
            return Behaviors.same();
        }
        if (u.round() != round) {
            // a stale (replayed) or future round tag: received in the open round, and invalid
            receivedTokens.add(u.token());
            invalid++;
            return Behaviors.same();
        }
        receivedTokens.add(u.token());
        String problem = validate(u);
        if (problem != null) {
            invalid++;
            return Behaviors.same();
        }
        seenTokens.add(u.token());
        valid.add(u);
        return Behaviors.same();
    }

    /**
     * Why an on-time update cannot be aggregated, or null when it can. The length is checked first,
     * so an oversized payload is rejected without being read or copied.
     */
    private String validate(Update u) {
        if (u.update() == null || u.update().length != dimension) {
            return "wrong-length";
        }
        if (seenTokens.contains(u.token())) {
            return "duplicate";
        }
        for (float v : u.update()) {
            if (!Float.isFinite(v)) {
                return "not-finite";
            }
        }
        if (u.samples() < 0) {
            return "negative-samples";
        }
        return null;
    }

    private Behavior<Command> onDeadline(Deadline d) {
        if (d.round() != round || round == lastClosed || stopping) {
            return Behaviors.same();
        }
        closeRound();
        if (setup.stepped()) {
            if (setup.clock() == ClockMode.WALL) {
                reportStep(); // no Drained in wall clock: late copies of a stepped round are not waited for
            }
            return Behaviors.same();
        }
        if (round >= setup.rounds()) {
            if (setup.clock() == ClockMode.WALL) {
                // let updates already in flight arrive so the last round's late count is honest
                timers.startSingleTimer("grace", new GraceOver(), seconds(Math.min(setup.deadlineSeconds(), 2.0)));
            }
            return Behaviors.same();
        }
        startRound(round + 1);
        return Behaviors.same();
    }

    private Behavior<Command> onDrained(Drained d) {
        lastDrained = Math.max(lastDrained, d.round());
        if (stopping) {
            return stopIfComplete();
        }
        if (setup.stepped()) {
            if (d.round() == lastClosed) {
                reportStep();
                if (lastClosed == setup.rounds()) {
                    return finish();
                }
            }
            return Behaviors.same();
        }
        if (d.round() == setup.rounds() && lastClosed == setup.rounds()) {
            return finish();
        }
        return Behaviors.same();
    }

    private void reportStep() {
        if (stepReplyTo != null) {
            stepReplyTo.tell(new RoundDone(lastClosed, lastClosedView, lateOfLastClosed));
            stepReplyTo = null;
        }
    }

    private Behavior<Command> finish() {
        setup.observer().tell(new Observer.Finished(setup.rounds()));
        return Behaviors.stopped();
    }

    private void closeRound() {
        lastClosed = round;
        lateOfLastClosed = 0;
        Outcome outcome = aggregate();
        long wallMs = (System.nanoTime() - roundStartNanos) / 1_000_000;
        lastClosedView = new Observer.RoundClosed(round, toArray(receivedTokens),
                valid.stream().mapToLong(Update::token).toArray(), outcome.excluded, invalid,
                outcome.alpha, outcome.skipped, model, wallMs, outcome.error);
        setup.observer().tell(lastClosedView);
        // every round, not only at checkpoint rounds: an interrupted run checkpoints its last closed round
        setup.observer().tell(new Observer.ServerState(round, model, previousAggregate,
                setup.temporal() == null ? null : setup.temporal().momentum(),
                setup.population().onlineSet().toLongArray()));
    }

    private record Outcome(long[] excluded, double alpha, boolean skipped, String error) {}

    /**
     * Aggregates the valid updates into the model. Whatever goes wrong (the rule throws or returns
     * nonsense, the step would make the model non-finite) skips the round with the model, the rule's
     * memory and the momentum as they were.
     */
    private Outcome aggregate() {
        if (valid.isEmpty()) {
            return new Outcome(new long[0], Double.NaN, true, null);
        }
        double[] momentumBefore = setup.temporal() == null ? null : setup.temporal().momentum();
        try {
            return aggregateValid();
        } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
            // a user's rule may fail in any way; the run must go on
            context.getLog().error("round {}: rule {} failed, round skipped with the model unchanged: {}",
                    round, ruleName(), e.toString());
            if (setup.temporal() != null) {
                setup.temporal().restore(momentumBefore);
            }
            return new Outcome(new long[0], Double.NaN, true, e.toString());
        }
    }

    private Outcome aggregateValid() {
        long[] tokens = valid.stream().mapToLong(Update::token).toArray();
        float[] data = new float[valid.size() * dimension];
        double[] weights = new double[valid.size()];
        for (int i = 0; i < valid.size(); i++) {
            System.arraycopy(valid.get(i).update(), 0, data, i * dimension, dimension);
            weights[i] = valid.get(i).samples();
        }
        UpdateMatrix matrix = new UpdateMatrix(data, valid.size(), dimension, weights);
        AggregationResult result = setup.rule().aggregate(matrix, new AggregationContext(previousAggregate));
        if (result == null) {
            throw new IllegalStateException("the rule returned no result");
        }
        long[] excluded = excluded(tokens, result.kept());
        double[] aggregate = result.aggregate();
        if (aggregate == null) {
            return new Outcome(excluded, Double.NaN, true, null);
        }
        if (aggregate.length != dimension || !allFinite(aggregate)) {
            context.getLog().error("round {}: rule {} returned a non-finite or mis-sized aggregate; round skipped",
                    round, ruleName());
            return new Outcome(excluded, Double.NaN, true, "non-finite aggregate");
        }
        double[] momentumBefore = setup.temporal() == null ? null : setup.temporal().momentum();
        double alpha = Double.NaN;
        double[] step = aggregate;
        if (setup.temporal() != null) {
            TemporalStep.Outcome t = setup.temporal().apply(aggregate);
            alpha = t.alpha();
            if (t.skipped()) {
                previousAggregate = aggregate;
                return new Outcome(excluded, alpha, true, null);
            }
            step = t.step();
        }
        float[] next = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            next[j] = (float) (model[j] + step[j]);
            if (!Float.isFinite(next[j])) {
                context.getLog().error("round {}: the step would make the model non-finite; round skipped", round);
                if (setup.temporal() != null) {
                    setup.temporal().restore(momentumBefore);
                }
                return new Outcome(excluded, alpha, true, "non-finite model");
            }
        }
        previousAggregate = aggregate;
        model = next; // a new array each round: earlier broadcasts may still be read
        return new Outcome(excluded, alpha, false, null);
    }

    private String ruleName() {
        try {
            return setup.rule().name();
        } catch (RuntimeException e) {
            return setup.rule().getClass().getSimpleName();
        }
    }

    /** The tokens of the rows the rule did not keep; a {@code kept} index out of range is the rule's bug. */
    private static long[] excluded(long[] tokens, int[] kept) {
        boolean[] keep = new boolean[tokens.length];
        for (int k : kept == null ? new int[0] : kept) {
            if (k < 0 || k >= tokens.length) {
                throw new IllegalStateException("the rule kept row " + k + " of " + tokens.length);
            }
            keep[k] = true;
        }
        long[] out = new long[tokens.length];
        int n = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (!keep[i]) {
                out[n++] = tokens[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static long[] toArray(List<Long> list) {
        return list.stream().mapToLong(Long::longValue).toArray();
    }

    /** The longest delay Pekko's scheduler accepts (2^31 ticks of 10 ms) is about 248 days; stay below it. */
    public static final double MAX_TIMER_SECONDS = 200 * 86_400.0;

    /** A timer delay, clamped to what the scheduler accepts (a longer one would throw inside the actor). */
    static Duration seconds(double s) {
        double clamped = Double.isNaN(s) ? 0 : Math.min(Math.max(0, s), MAX_TIMER_SECONDS);
        return Duration.ofNanos((long) (clamped * 1e9));
    }
}
