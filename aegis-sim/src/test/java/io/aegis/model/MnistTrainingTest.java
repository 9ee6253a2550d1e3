package io.aegis.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.data.Samples;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paper's MNIST models learn real digits through repeated local training from updated parameters. */
class MnistTrainingTest {
    private static Samples train;
    private static Samples test;

    @BeforeAll
    static void load() throws IOException {
        Path dir = datasets().resolve("mnist");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("t10k-images-idx3-ubyte.gz")),
                "shared MNIST not found (system property aegis.shared.datasets); skipping");
        // the 10,000 t10k digits are plenty here: 3,000 to train on, the last 1,000 to test
        Samples all = read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
        train = all.subset(java.util.stream.IntStream.range(0, 3000).toArray());
        test = all.subset(java.util.stream.IntStream.range(9000, 10000).toArray());
    }

    @Test
    void mnistCnnLearnsDigits() {
        assertLearns("mnist-cnn", 0.05, 0.85);
    }

    @Test
    void mlpLearnsDigits() {
        // PyTorch's SGD on the same 150 steps of this split reaches 0.78-0.82 (three seeds)
        assertLearns("mlp", 0.1, 0.75);
    }

    private static void assertLearns(String name, double learningRate, double accuracy) {
        Model m = Models.create(name, new int[] {1, 28, 28}, 10);
        ModelWorker w = m.newWorker();
        float[] params = m.initialParameters(1);
        for (int round = 0; round < 30; round++) {
            params = TestData.plus(params, w.train(params, train, new TrainingParams(5, 32, learningRate), round));
        }
        Evaluation e = w.evaluate(params, test);
        assertTrue(e.accuracy() > accuracy, name + " accuracy " + e.accuracy() + ", loss " + e.loss());
    }

    private static Path datasets() {
        Path configured = Path.of(System.getProperty("aegis.shared.datasets", "../shared/datasets"));
        if (Files.isDirectory(configured)) {
            return configured;
        }
        // from a git worktree one level deeper than the project, shared/ sits further up
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/datasets"))) {
                return dir.resolve("shared/datasets");
            }
        }
        return configured;
    }

    private static Samples read(Path images, Path labels) throws IOException {
        try (DataInputStream in = gz(images); DataInputStream lab = gz(labels)) {
            in.readInt();
            int n = in.readInt();
            int pixels = in.readInt() * in.readInt();
            lab.readInt();
            lab.readInt();
            byte[] raw = in.readNBytes(n * pixels);
            byte[] y = lab.readNBytes(n);
            float[] x = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                x[i] = (raw[i] & 0xff) / 255f;
            }
            int[] labelsOut = new int[n];
            for (int i = 0; i < n; i++) {
                labelsOut[i] = y[i];
            }
            return new Samples(x, labelsOut, pixels, 10);
        }
    }

    private static DataInputStream gz(Path p) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(p));
        return new DataInputStream(new java.io.BufferedInputStream(in));
    }
}
