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

    /** Everything the server is configured with. */
    /**
     * Everything the server is configured with. A fresh run starts at round 1 with
     * {@code previousAggregate = null}; a resumed one at the round after its checkpoint, with the
     * temporal step and population already restored.
     */
    public record Setup(long seed, int rounds, int perRound, ClockMode clock, double deadlineSeconds,
                        AggregationRule rule, TemporalStep temporal, float[] initialModel, Population population,
                        ActorRef<Channel.Command> channel, ActorRef<Observer.Command> observer,
                        int firstRound, double[] previousAggregate, int checkpointEvery) {}

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final Setup setup;
    private final int dimension;

    // carried across rounds
    private float[] model;
    private double[] previousAggregate;
    private int round;
    private int lastClosed;

    // the open round
    private long roundStartNanos;
    private int online;
    private int selected;
    private final List<Update> valid = new ArrayList<>();
    private final Set<Long> seenTokens = new HashSet<>();
    private final List<Long> receivedTokens = new ArrayList<>();
    private int invalid;

    private Server(ActorContext<Command> context, TimerScheduler<Command> timers, Setup setup) {
        this.context = context;
        this.timers = timers;
        this.setup = setup;
        this.model = setup.initialModel().clone();
        this.dimension = model.length;
        this.previousAggregate = setup.previousAggregate();
        this.lastClosed = setup.firstRound() - 1;
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
                .build();
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(Update.class, this::onUpdate)
                .onMessage(Deadline.class, this::onDeadline)
                .onMessage(Drained.class, this::onDrained)
                .onMessage(GraceOver.class, g -> finish())
                .build();
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

    private Behavior<Command> onUpdate(Update u) {
        boolean open = round != lastClosed;
        if (u.round() == lastClosed && u.round() > 0) {
            // arrived after its round's deadline: counted, never aggregated
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

    /** Why an on-time update cannot be aggregated, or null when it can. */
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
        if (d.round() != round || round == lastClosed) {
            return Behaviors.same();
        }
        closeRound();
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
        if (d.round() == setup.rounds() && lastClosed == setup.rounds()) {
            return finish();
        }
        return Behaviors.same();
    }

    private Behavior<Command> finish() {
        setup.observer().tell(new Observer.Finished(setup.rounds()));
        return Behaviors.stopped();
    }

    private void closeRound() {
        lastClosed = round;
        Outcome outcome = aggregate();
        long wallMs = (System.nanoTime() - roundStartNanos) / 1_000_000;
        setup.observer().tell(new Observer.RoundClosed(round, toArray(receivedTokens),
                valid.stream().mapToLong(Update::token).toArray(), outcome.excluded, invalid,
                outcome.alpha, outcome.skipped, model, wallMs, outcome.error));
        if (setup.checkpointEvery() > 0 && round % setup.checkpointEvery() == 0) {
            setup.observer().tell(new Observer.ServerState(round, model, previousAggregate,
                    setup.temporal() == null ? null : setup.temporal().momentum(),
                    setup.population().onlineSet().toLongArray()));
        }
    }

    private record Outcome(long[] excluded, double alpha, boolean skipped, String error) {}

    /** Aggregates the valid updates into the model; any failure skips the round and keeps the model. */
    private Outcome aggregate() {
        if (valid.isEmpty()) {
            return new Outcome(new long[0], Double.NaN, true, null);
        }
        long[] tokens = valid.stream().mapToLong(Update::token).toArray();
        float[] data = new float[valid.size() * dimension];
        double[] weights = new double[valid.size()];
        for (int i = 0; i < valid.size(); i++) {
            System.arraycopy(valid.get(i).update(), 0, data, i * dimension, dimension);
            weights[i] = valid.get(i).samples();
        }
        UpdateMatrix matrix = new UpdateMatrix(data, valid.size(), dimension, weights);
        AggregationResult result;
        try {
            result = setup.rule().aggregate(matrix, new AggregationContext(previousAggregate));
        } catch (RuntimeException e) {
            context.getLog().error("round {}: rule {} failed, round skipped: {}", round, setup.rule().name(), e.toString());
            return new Outcome(new long[0], Double.NaN, true, e.toString());
        }
        long[] excluded = excluded(tokens, result.kept());
        double[] aggregate = result.aggregate();
        if (aggregate == null) {
            return new Outcome(excluded, Double.NaN, true, null);
        }
        if (aggregate.length != dimension || !allFinite(aggregate)) {
            context.getLog().error("round {}: rule {} returned a non-finite or mis-sized aggregate; round skipped",
                    round, setup.rule().name());
            return new Outcome(excluded, Double.NaN, true, "non-finite aggregate");
        }
        previousAggregate = aggregate;
        double alpha = Double.NaN;
        double[] step = aggregate;
        if (setup.temporal() != null) {
            TemporalStep.Outcome t = setup.temporal().apply(aggregate);
            alpha = t.alpha();
            if (t.skipped()) {
                return new Outcome(excluded, alpha, true, null);
            }
            step = t.step();
        }
        float[] next = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            next[j] = (float) (model[j] + step[j]);
            if (!Float.isFinite(next[j])) {
                context.getLog().error("round {}: the step would make the model non-finite; round skipped", round);
                return new Outcome(excluded, alpha, true, "non-finite model");
            }
        }
        model = next; // a new array each round: earlier broadcasts may still be read
        return new Outcome(excluded, alpha, false, null);
    }

    private static long[] excluded(long[] tokens, int[] kept) {
        boolean[] keep = new boolean[tokens.length];
        for (int k : kept) {
            keep[k] = true;
        }
        long[] out = new long[tokens.length - kept.length];
        int n = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (!keep[i] && n < out.length) {
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

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) Math.max(0, s * 1e9));
    }
}
