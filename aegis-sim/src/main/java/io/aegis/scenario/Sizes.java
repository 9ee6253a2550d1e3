package io.aegis.scenario;

import io.aegis.model.Models;
import io.aegis.model.TrainingParams;
import io.aegis.scenario.Fields.Node;
import io.aegis.scenario.Scenario.ClientsSpec;
import io.aegis.scenario.Scenario.DatasetSpec;
import java.util.Map;

/**
 * Refuses scenarios whose model or data cannot fit: products of keys that overflow a Java array
 * (the synthetic generator's dimension x classes matrix, the model's parameters, a round's stacked
 * updates) and memory estimates beyond this JVM's heap. Each message gives the number, so the user
 * sees how far off it is. Run after every key was read without a problem.
 */
final class Sizes {
    private Sizes() {}

    /** Features of the published data sets (one example flattened). */
    private static final Map<String, Long> FEATURES = Map.of("mnist", 784L, "fashion-mnist", 784L,
            "cifar10", 3072L, "spambase", 57L);
    /** Training examples of the published data sets whose size is fixed; every client needs at least one. */
    private static final Map<String, Long> TRAIN_EXAMPLES = Map.of("mnist", 60_000L, "fashion-mnist", 60_000L,
            "cifar10", 50_000L);
    /** The synthetic generator's test set pools at most 200 clients' held-out shares of at most 200 examples. */
    private static final long SYNTHETIC_TEST_EXAMPLES = 200L * 200L;
    private static final long SYNTHETIC_MAX_CLIENT_EXAMPLES = 1000L;

    static void check(Fields f, Node root, DatasetSpec dataset, String model, ClientsSpec clients, TrainingParams training) {
        boolean synthetic = dataset.name().equals("synthetic");
        long features = synthetic ? dataset.synthetic().dimension() : FEATURES.getOrDefault(dataset.name(), 0L);
        long classes = synthetic ? dataset.synthetic().classes() : dataset.name().equals("spambase") ? 2 : 10;
        Node dimNode = f.path(root, "dataset.synthetic.dimension");
        Node classNode = f.path(root, "dataset.synthetic.classes");
        Node modelNode = f.at(root, "model");
        Node perRoundNode = f.path(root, "clients.per-round");
        Node totalNode = f.path(root, "clients.total");
        Node datasetNode = f.path(root, "dataset.name");

        if (synthetic) {
            long generator = times(features, classes);
            if (generator > Limits.MAX_ARRAY) {
                f.report(pick(f, dimNode, classNode), "dataset.synthetic.dimension x classes = "
                        + Limits.count(features) + " x " + Limits.count(classes) + " = " + describe(generator)
                        + " weights, more than the " + Limits.count(Limits.MAX_ARRAY)
                        + " a Java array holds (the generator draws a dimension x classes matrix per client)");
                return;
            }
        }
        long params = parameters(model, dataset.name(), features, classes);
        if (params > Limits.MAX_ARRAY) {
            f.report(pick(f, dimNode, classNode, modelNode), "model " + model + " on " + Limits.count(features)
                    + " features and " + Limits.count(classes) + " classes would have " + describe(params)
                    + " float32 parameters, more than the " + Limits.count(Limits.MAX_ARRAY) + " a Java array holds");
            return;
        }
        long perRound = clients.perRound();
        long stacked = times(perRound, params);
        if (stacked > Limits.MAX_ARRAY) {
            f.report(pick(f, perRoundNode, dimNode, classNode, modelNode), "clients.per-round x model parameters = "
                    + Limits.count(perRound) + " x " + Limits.count(params) + " = " + describe(stacked)
                    + " values, more than the " + Limits.count(Limits.MAX_ARRAY)
                    + " a Java array holds (the server stacks a round's updates in one matrix)");
            return;
        }
        Long examples = TRAIN_EXAMPLES.get(dataset.name());
        if (examples != null) {
            long needed = dataset.partition().equals("shards") ? times(clients.total(), dataset.shardsPerClient())
                    : clients.total();
            if (needed > examples) {
                Node shardsNode = f.path(root, "dataset.shards-per-client");
                f.report(pick(f, totalNode, shardsNode, datasetNode), dataset.partition().equals("shards")
                        ? "clients.total x dataset.shards-per-client = " + Limits.count(needed) + " shards, more than the "
                                + Limits.count(examples) + " training examples of " + dataset.name()
                        : "clients.total = " + Limits.count(needed) + " is more than the " + Limits.count(examples)
                                + " training examples of " + dataset.name() + " (every client needs one)");
                return;
            }
        }
        // A round holds the trained updates twice (in flight, then stacked at the server), the model
        // and its momentum and aggregate in float64, and an n x n float64 distance matrix.
        double bytes = 2.0 * perRound * params * Limits.FLOAT_BYTES + 8.0 * params * 8 + 8.0 * perRound * perRound;
        // Two training threads each hold a batch and, for synthetic data, a client's generated model and samples.
        bytes += 2.0 * training.batchSize() * features * Limits.FLOAT_BYTES;
        if (synthetic) {
            bytes += SYNTHETIC_TEST_EXAMPLES * features * Limits.FLOAT_BYTES
                    + 2.0 * (features * classes * 8.0 + SYNTHETIC_MAX_CLIENT_EXAMPLES * features * Limits.FLOAT_BYTES);
        }
        long heap = Limits.maxHeapBytes();
        if (bytes > heap) {
            f.report(pick(f, perRoundNode, dimNode, classNode, modelNode, f.path(root, "training.batch-size")),
                    "this scenario needs about " + Limits.bytes(bytes) + " of memory (" + Limits.count(params)
                            + " model parameters, " + Limits.count(perRound) + " updates per round) but Java may use at most "
                            + Limits.bytes(heap) + "; raise it (AEGIS_JAVA_OPTS=-Xmx<size>) or make the model or round smaller");
        }
    }

    /** Float32 parameters of the model, in long arithmetic (saturating), as io.aegis.model.Architecture counts them. */
    static long parameters(String model, String dataset, long features, long classes) {
        return switch (model) {
            case "logreg" -> times(features + 1, classes);
            case "mlp" -> plus(times(features + 1, Limits.MLP_HIDDEN), times(Limits.MLP_HIDDEN + 1, classes));
            // the CNNs take only the fixed-size images of the published data sets
            case "mnist-cnn", "cifar-cnn" -> Models.architecture(model,
                    dataset.equals("cifar10") ? new int[] {3, 32, 32} : new int[] {1, 28, 28}, (int) classes).numParams();
            default -> 0;
        };
    }

    private static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static long plus(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static String describe(long n) {
        return n == Long.MAX_VALUE ? "more than 9.2e18" : Limits.count(n);
    }

    /** The first value the user wrote (not a default), else the first. */
    private static Node pick(Fields f, Node... nodes) {
        for (Node n : nodes) {
            if (n.present() && !f.problems().fromDefaults(n.origin())) {
                return n;
            }
        }
        return nodes[0];
    }
}
