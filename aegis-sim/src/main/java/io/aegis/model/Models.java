package io.aegis.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The model zoo: the paper's architectures by name, and the paper's model for each data set. */
public final class Models {
    private Models() {}

    /** Model names a scenario may give (besides {@code auto}). */
    public static final List<String> NAMES = List.of("mnist-cnn", "mlp", "logreg", "cifar-cnn");

    /**
     * The model {@code name} for inputs of {@code inputShape} ({1, 28, 28} for MNIST, {54} for
     * Spambase) and {@code numClasses} classes.
     */
    public static Model create(String name, int[] inputShape, int numClasses) {
        NativeBackend.configure();
        Architecture arch = architecture(name, inputShape, numClasses);
        // the fastest measured implementation per kind (docs/benchmarks.md): CNNs as direct libnd4j ops,
        // dense-only models as OpenBLAS GEMMs on direct buffers (half the CPU per mlp step of the plain-Java loops)
        return arch.isConvolutional() ? nd4jOps(arch) : blasDense(arch);
    }

    /** Implementations {@link #create(String, int[], int, String)} offers, for benchmarks and cross-checks. */
    public static final List<String> IMPLEMENTATIONS = List.of("dl4j-mln", "java-dense", "nd4j-ops", "blas-dense");

    /** Model {@code name} built on a given implementation (see {@link #IMPLEMENTATIONS}); same layout and initial parameters. */
    public static Model create(String name, int[] inputShape, int numClasses, String implementation) {
        NativeBackend.configure();
        Architecture arch = architecture(name, inputShape, numClasses);
        return switch (implementation) {
            case "dl4j-mln" -> new ArchitectureModel(arch, "dl4j-mln", MlnWorker::new);
            case "java-dense" -> javaDense(arch);
            case "nd4j-ops" -> nd4jOps(arch);
            case "blas-dense" -> blasDense(arch);
            default -> throw new IllegalArgumentException("unknown implementation '" + implementation + "', expected one of "
                    + IMPLEMENTATIONS);
        };
    }

    /** The layers of model {@code name}; see {@link #create}. */
    public static Architecture architecture(String name, int[] inputShape, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("a model needs at least 2 classes, got " + numClasses);
        }
        List<LayerSpec> layers = switch (name) {
            // the paper's MNIST CNN: 2 conv + 2 dense, as in ../shared/bench/torch_step_ref.py (431,080 params on MNIST)
            case "mnist-cnn" -> List.of(new LayerSpec.Conv(5, 20), new LayerSpec.MaxPool(2),
                    new LayerSpec.Conv(5, 50), new LayerSpec.MaxPool(2),
                    new LayerSpec.Dense(500), new LayerSpec.Output(numClasses));
            // the paper's preliminary study: one hidden layer of 200
            case "mlp" -> List.of(new LayerSpec.Dense(200), new LayerSpec.Output(numClasses));
            // multinomial logistic regression (softmax regression)
            case "logreg" -> List.of(new LayerSpec.Output(numClasses));
            // the paper gives only "2 conv, 1 max-pool, 3 dense"; widths chosen: 3x3x32, 3x3x32, pool 2, 128, 64
            // (821,994 params on CIFAR-10)
            case "cifar-cnn" -> List.of(new LayerSpec.Conv(3, 32), new LayerSpec.Conv(3, 32), new LayerSpec.MaxPool(2),
                    new LayerSpec.Dense(128), new LayerSpec.Dense(64), new LayerSpec.Output(numClasses));
            default -> throw new IllegalArgumentException("unknown model '" + name + "', expected one of " + NAMES);
        };
        boolean conv = name.endsWith("-cnn");
        if (conv && inputShape.length != 3) {
            throw new IllegalArgumentException(name + " needs image inputs {channels, height, width}, got "
                    + Arrays.toString(inputShape));
        }
        int[] shape = conv ? inputShape : new int[] {Arrays.stream(inputShape).reduce(1, Math::multiplyExact)};
        return new Architecture(name, shape, layers);
    }

    /** The paper's model for a data set, what {@code model = auto} means. */
    public static String autoFor(String datasetName) {
        return switch (datasetName.toLowerCase(Locale.ROOT)) {
            case "mnist", "fashion-mnist" -> "mnist-cnn";
            case "spambase", "synthetic" -> "logreg";
            case "cifar10", "cifar-10" -> "cifar-cnn";
            default -> throw new IllegalArgumentException("no default model for data set '" + datasetName
                    + "'; set model to one of " + NAMES);
        };
    }

    private static Model nd4jOps(Architecture arch) {
        return new ArchitectureModel(arch, "nd4j-ops", OpsCnnWorker::new);
    }

    private static Model blasDense(Architecture arch) {
        if (arch.isConvolutional()) {
            throw new IllegalArgumentException(arch.name() + " is convolutional; blas-dense handles dense layers only");
        }
        return new ArchitectureModel(arch, "blas-dense", BlasDenseWorker::new);
    }

    private static Model javaDense(Architecture arch) {
        if (arch.isConvolutional()) {
            throw new IllegalArgumentException(arch.name() + " is convolutional; java-dense handles dense layers only");
        }
        return new ArchitectureModel(arch, "java-dense", DenseJavaWorker::new);
    }
}
