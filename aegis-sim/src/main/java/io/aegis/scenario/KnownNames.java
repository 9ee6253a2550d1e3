package io.aegis.scenario;

import java.util.List;

/**
 * The names a scenario may use. Kept here rather than read from the rule, model and data registries
 * so that validation does not depend on (or start) any of them; a registry test elsewhere should
 * assert that these lists match what it implements.
 */
public final class KnownNames {
    private KnownNames() {}

    public static final List<String> RULES = List.of("fedavg", "median", "trimmed-mean", "krum", "multi-krum",
            "bulyan", "geomed", "centered-clipping", "stpa");
    public static final List<String> MODELS = List.of("auto", "mnist-cnn", "mlp", "logreg", "cifar-cnn");
    public static final List<String> DATASETS = List.of("synthetic", "mnist", "fashion-mnist", "spambase", "cifar10");
    public static final List<String> PARTITIONS = List.of("iid", "dirichlet", "shards");
    public static final List<String> CLOCKS = List.of("virtual", "wall");
    public static final List<String> CHURN_MODELS = List.of("none", "markov", "trace");
    public static final List<String> TEMPORAL = List.of("auto", "true", "false");
    public static final List<String> KNOWLEDGE = List.of("omniscient", "own");
    /** Min-max perturbation directions (io.aegis.attack.MinMax.Direction). */
    public static final List<String> MIN_MAX_DIRECTIONS = List.of("std", "unit-vec", "sign");
    /** Largest backdoor trigger side (io.aegis.attack.Attacks.MAX_TRIGGER_SIZE). */
    public static final int MAX_TRIGGER_SIZE = 4096;
    public static final List<String> BEHAVIORS = Scenario.Behavior.NAMES;
    public static final List<String> CORRUPT_KINDS = Scenario.FaultRates.CORRUPT_KINDS;

    /** The model {@code model = auto} stands for: the paper's model for the data set. */
    public static String autoModel(String dataset) {
        return switch (dataset) {
            case "mnist", "fashion-mnist" -> "mnist-cnn";
            case "cifar10" -> "cifar-cnn";
            default -> "logreg";
        };
    }

    /** Data sets a model's input layer fits; every data set for the dense models. */
    public static List<String> datasetsFor(String model) {
        return switch (model) {
            case "mnist-cnn" -> List.of("mnist", "fashion-mnist");
            case "cifar-cnn" -> List.of("cifar10");
            default -> DATASETS;
        };
    }
}
