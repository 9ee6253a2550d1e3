package io.aegis.scenario;

import com.typesafe.config.Config;
import io.aegis.model.TrainingParams;
import java.util.List;

/**
 * A fully resolved, validated scenario (spec: scenario-format.md). Built only by
 * {@link ScenarioLoader}, which reports every problem with file, line and key before a run starts.
 *
 * @param config the resolved configuration (defaults and overrides applied), written as scenario.conf
 */
public record Scenario(
        String name,
        long seed,
        int rounds,
        ClockMode clock,
        DatasetSpec dataset,
        String model,
        TrainingParams training,
        ClientsSpec clients,
        double deadlineSeconds,
        ServerSpec server,
        List<AdversaryGroup> adversaries,
        ChurnSpec churn,
        List<Event> events,
        FaultsSpec faults,
        int checkpointEvery,
        OutputSpec output,
        Config config) {

    public enum ClockMode { VIRTUAL, WALL }

    /** {@code dataset.*}; {@code dir} already has AEGIS_DATA_DIR applied. */
    public record DatasetSpec(String name, String dir, String partition, double dirichletAlpha,
                              int shardsPerClient, SyntheticSpec synthetic) {}

    public record SyntheticSpec(double alpha, double beta, int dimension, int classes, boolean iid) {}

    public record ClientsSpec(int total, int perRound, Distribution computeTime, Distribution networkDelay,
                              double dropout) {}

    /**
     * {@code server.*}. {@code config} is the whole server block, from which rule factories read
     * their own sub-block ({@code krum.f}, {@code stpa.threshold}, ...).
     *
     * @param temporal whether the momentum step runs ({@code temporal = auto} already resolved)
     */
    public record ServerSpec(String rule, boolean temporal, double momentum, double learningRate, Config config) {}

    /**
     * A behaviour and its parameters, e.g. {@code gaussian} with {@code sigma = 200}.
     * {@code params} holds every key of the group or event besides the scheduling ones.
     */
    public record Behavior(String name, Config params) {
        public static final List<String> NAMES = List.of("honest", "noisy-data", "gaussian", "label-flip",
                "targeted-label-flip", "sign-flip", "alie", "ipm", "min-max", "backdoor");

        public boolean isHonest() {
            return name.equals("honest");
        }
    }

    /** One entry of {@code adversaries}: these clients behave so during these rounds. */
    public record AdversaryGroup(IdSet clients, Behavior behavior, IdSet rounds) {}

    /** {@code churn.*}; {@code traceFile} only for model = trace. */
    public record ChurnSpec(String model, double pLeave, double pReturn, String traceFile) {}

    /**
     * One entry of {@code events}, applied when round {@code round} starts, after churn.
     * Exactly one of goOffline, goOnline, turn is non-null; {@code behavior} goes with turn.
     */
    public record Event(int round, IdSet goOffline, IdSet goOnline, IdSet turn, Behavior behavior) {}

    /** Message-level fault probabilities ({@code faults.*} or one targeted entry). */
    public record FaultRates(double drop, double duplicate, Distribution delay, double corrupt,
                             String corruptKind, double crash, double reorder, double replay) {
        public static final List<String> CORRUPT_KINDS = List.of("nan", "bit-flip", "truncate", "scale");
    }

    /** A targeted fault entry: its rates replace the global ones for these clients in these rounds. */
    public record TargetedFaults(IdSet clients, IdSet rounds, FaultRates rates) {}

    public record FaultsSpec(FaultRates global, List<TargetedFaults> targeted) {}

    public record OutputSpec(String dir, boolean report) {}
}
