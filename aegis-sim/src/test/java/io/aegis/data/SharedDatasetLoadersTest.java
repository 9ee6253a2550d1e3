package io.aegis.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.scenario.Scenario.DatasetSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The loaders on the real published files (skipped where the shared copies are absent). */
class SharedDatasetLoadersTest {

    private static int[] classCounts(Samples s) {
        int[] c = new int[s.numClasses()];
        for (int y : s.labels()) {
            c[y]++;
        }
        return c;
    }

    private static void assertUnitRange(float[] x) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void mnistHasThePublishedSizesAndLabelCounts() {
        Path dir = TestFiles.sharedDatasets("mnist");
        TrainTest data = DataSets.read("mnist", dir, 1);
        assertEquals(60_000, data.train().count());
        assertEquals(10_000, data.test().count());
        assertArrayEquals(new int[] {1, 28, 28}, data.inputShape());
        // LeCun's published per-digit counts of the training and test sets
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                classCounts(data.train()));
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                classCounts(data.test()));
        assertEquals(5, data.train().labels()[0]);
        assertUnitRange(data.test().features());
    }

    @Test
    void fashionMnistCopyLoadsWithBalancedTrainingClasses() {
        Path dir = TestFiles.sharedDatasets("fashion-mnist");
        TrainTest data;
        try {
            data = DataSets.read("fashion-mnist", dir, 1);
        } catch (MalformedDataException e) {
            // the rebuilt shared copy of 2026-11 lacks one training image (59,999 under a 60,000 header);
            // the loader must say so rather than misalign every later label
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            Assumptions.abort("shared fashion-mnist copy is defective, loader rejected it: " + e.getMessage());
            return;
        }
        assertEquals(60_000, data.train().count());
        assertTrue(data.test().count() > 9_000, "test set of " + data.test().count());
        for (int c : classCounts(data.train())) {
            assertEquals(6_000, c);
        }
        assertUnitRange(data.test().features());
    }

    @Test
    void fashionMnistTestFilesHaveMatchingImagesAndLabels() {
        Path folder = TestFiles.sharedDatasets("fashion-mnist").resolve("fashion-mnist");
        float[] x = IdxFiles.readImages(folder.resolve("t10k-images-idx3-ubyte.gz"), 28, 28);
        int[] y = IdxFiles.readLabels(folder.resolve("t10k-labels-idx1-ubyte.gz"), 10);
        assertEquals(y.length * 784, x.length);
        assertTrue(y.length > 9_000, "test set of " + y.length);
    }

    @Test
    void spambaseSplitsEightyTwentyWithFiftyFourScaledFeatures() {
        Path dir = TestFiles.sharedDatasets("spambase");
        TrainTest data = DataSets.read("spambase", dir, 7);
        assertEquals(3681, data.train().count());
        assertEquals(920, data.test().count());
        assertArrayEquals(new int[] {54}, data.inputShape());
        assertEquals(2, data.train().numClasses());
        int spam = classCounts(data.train())[1] + classCounts(data.test())[1];
        assertEquals(1813, spam);
        float[] x = data.train().features();
        double sum = 0;
        for (int k = 0; k < data.train().count(); k++) {
            sum += x[k * 54];
        }
        assertEquals(0.0, sum / data.train().count(), 1e-4, "standardised by training statistics");
    }

    @Test
    void mnistDirichletPartitionCoversTheTrainingSetOnce() {
        Path dir = TestFiles.sharedDatasets("mnist");
        DatasetSpec spec = new DatasetSpec("mnist", dir.toString(), "dirichlet", 0.5, 2, null);
        FederatedData data = DataSets.load(spec, 100, 7);
        long total = 0;
        for (int k = 0; k < data.numClients(); k++) {
            assertTrue(data.clientSize(k) > 0);
            total += data.clientSize(k);
        }
        assertEquals(60_000, total);
        Samples first = data.client(0);
        assertEquals(data.clientSize(0), first.count());
        assertEquals(784, first.featureLength());
    }
}
