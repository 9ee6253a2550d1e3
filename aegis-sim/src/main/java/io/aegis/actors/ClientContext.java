package io.aegis.actors;

import io.aegis.attack.Attack;
import io.aegis.attack.Attacks;
import io.aegis.data.FederatedData;
import io.aegis.model.TrainingParams;
import io.aegis.model.TrainingPool;
import io.aegis.scenario.Scenario.Behavior;
import io.aegis.world.BehaviorSchedule;
import io.aegis.world.Departures;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * What every client actor shares, built once per run: the data, the training pool, the behaviour
 * schedule and the fault plan. Client actors keep only their id and this reference between rounds,
 * so a population of 100,000 costs little more than the actors themselves.
 */
public final class ClientContext {
    private final long seed;
    private final FederatedData data;
    private final TrainingPool pool;
    private final Executor trainingExecutor;
    private final TrainingParams training;
    private final BehaviorSchedule schedule;
    private final RoundTiming timing;
    private final FaultPlan faults;
    private final Departures departures;
    private final Map<Behavior, Attack> attacks = new ConcurrentHashMap<>();
    private final ModelBoard models = new ModelBoard();
    private volatile boolean stopping;

    public ClientContext(long seed, FederatedData data, TrainingPool pool, Executor trainingExecutor,
                         TrainingParams training, BehaviorSchedule schedule, RoundTiming timing, FaultPlan faults) {
        this(seed, data, pool, trainingExecutor, training, schedule, timing, faults, Departures.none());
    }

    public ClientContext(long seed, FederatedData data, TrainingPool pool, Executor trainingExecutor,
                         TrainingParams training, BehaviorSchedule schedule, RoundTiming timing, FaultPlan faults,
                         Departures departures) {
        this.seed = seed;
        this.data = data;
        this.pool = pool;
        this.trainingExecutor = trainingExecutor;
        this.training = training;
        this.schedule = schedule;
        this.timing = timing;
        this.faults = faults;
        this.departures = departures;
    }

    public long seed() { return seed; }
    public FederatedData data() { return data; }
    public TrainingPool pool() { return pool; }
    public Executor trainingExecutor() { return trainingExecutor; }
    public TrainingParams training() { return training; }
    public BehaviorSchedule schedule() { return schedule; }
    public RoundTiming timing() { return timing; }
    public FaultPlan faults() { return faults; }
    public Departures departures() { return departures; }
    /** The recent rounds' models as posted to this node (cluster mode; see {@link ModelBoard}). */
    public ModelBoard models() { return models; }

    /** The run is stopping: training that has not started yet is skipped, so the pool is free for evaluation. */
    public void stop() { stopping = true; }

    public boolean stopping() { return stopping; }

    /** Whether the client leaves during the round before its update would reach the server. */
    public boolean leavesBeforeSending(int round, int client) {
        double at = departures.leavesAt(round, client);
        return at != Double.POSITIVE_INFINITY && at < timing.arrival(round, client);
    }

    /** The attack for a (non-honest) behaviour, built once per distinct behaviour. */
    public Attack attack(Behavior behavior) {
        return attacks.computeIfAbsent(behavior,
                b -> Attacks.create(b, data.numClasses(), data.inputShape())
                        .orElseThrow(() -> new IllegalArgumentException("behaviour " + b.name() + " is not an attack")));
    }
}
