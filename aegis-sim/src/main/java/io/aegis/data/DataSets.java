package io.aegis.data;

import io.aegis.scenario.Names;
import io.aegis.scenario.Scenario.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link FederatedData} a scenario's {@code dataset} block describes. */
public final class DataSets {
    public static final List<String> NAMES = List.of("synthetic", "mnist", "fashion-mnist", "spambase", "cifar10");

    private DataSets() {}

    /**
     * The data set split among {@code numClients} clients. Synthetic data is generated per client
     * from the seed (its {@code partition} key does not apply: its heterogeneity comes from alpha,
     * beta and {@code synthetic.iid}); the others are read from {@code <spec.dir>/<name>/} and
     * partitioned with {@code spec.partition}.
     *
     * @throws MissingDataException when files are missing, naming them and the fetch-data command
     * @throws MalformedDataException when a file is not in the expected format
     */
    public static FederatedData load(DatasetSpec spec, int numClients, long seed) {
        String name = spec.name();
        if (name.equals(SyntheticData.NAME)) {
            if (spec.synthetic() == null) {
                throw new IllegalArgumentException("dataset.synthetic block missing for the synthetic data set");
            }
            return new SyntheticData(spec.synthetic(), numClients, seed);
        }
        TrainTest data = read(name, directoryOf(spec), seed);
        return partition(name, data, spec, numClients, seed);
    }

    /**
     * The folder a scenario's data is actually read from ({@code <dataset.dir>/<name>}, absolute), or
     * null for generated (synthetic) data. summary.json records it as {@code data_dir}. The loader
     * already applied the precedence: an explicit {@code dataset.dir} (scenario or --set) wins over
     * AEGIS_DATA_DIR, which only replaces the default.
     */
    public static Path directoryUsed(io.aegis.scenario.Scenario scenario) {
        DatasetSpec spec = scenario.dataset();
        if (spec.name().equals(SyntheticData.NAME)) {
            return null;
        }
        return Path.of(spec.dir()).resolve(spec.name()).toAbsolutePath().normalize();
    }

    private static Path directoryOf(DatasetSpec spec) {
        return Path.of(spec.dir());
    }

    /** A published data set's training and test sets, without partitioning. */
    public static TrainTest read(String name, Path dataDir, long seed) {
        Path folder = dataDir.resolve(name);
        requirePresent(name, folder);
        return switch (name) {
            case "mnist", "fashion-mnist" -> MnistLoader.load(folder);
            case "spambase" -> SpambaseLoader.load(folder, seed);
            case "cifar10" -> Cifar10Loader.load(folder);
            default -> throw new IllegalArgumentException("unknown data set '" + name + "'"
                    + Names.didYouMean(name, NAMES));
        };
    }

    static FederatedData partition(String name, TrainTest data, DatasetSpec spec, int numClients, long seed) {
        Samples train = data.train();
        int[][] parts = switch (spec.partition()) {
            case "iid" -> Partitions.iid(train.count(), numClients, seed);
            case "dirichlet" -> Partitions.dirichlet(train.labels(), train.numClasses(), numClients,
                    spec.dirichletAlpha(), seed);
            case "shards" -> Partitions.shards(train.labels(), train.numClasses(), numClients,
                    spec.shardsPerClient(), seed);
            default -> throw new IllegalArgumentException("unknown partition '" + spec.partition() + "'"
                    + Names.didYouMean(spec.partition(), Partitions.NAMES));
        };
        return new PartitionedData(name, train, data.test(), parts, data.inputShape());
    }

    /** Files of a published data set missing from its folder (IDX files may also be there uncompressed). */
    public static List<Path> missingFiles(String name, Path folder) {
        if (!NAMES.contains(name) || name.equals(SyntheticData.NAME)) {
            throw new IllegalArgumentException("unknown data set '" + name + "'" + Names.didYouMean(name, NAMES));
        }
        List<Path> missing = new ArrayList<>();
        for (String f : DataCatalog.get(name).requiredFiles()) {
            Path p = f.endsWith(".gz") ? IdxFiles.locate(folder, f) : folder.resolve(f);
            if (!Files.isRegularFile(p)) {
                missing.add(folder.resolve(f));
            }
        }
        return missing;
    }

    private static void requirePresent(String name, Path folder) {
        List<Path> missing = missingFiles(name, folder);
        if (!missing.isEmpty()) {
            throw new MissingDataException(name, folder, missing);
        }
    }
}
