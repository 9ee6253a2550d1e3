package io.aegis.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.scenario.Scenario.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFormatLoadersTest {
    @TempDir
    Path dir;

    private void writeMnist(Path folder, int train, int test) throws IOException {
        writeSet(folder, "train", train);
        writeSet(folder, "t10k", test);
    }

    private void writeSet(Path folder, String prefix, int count) throws IOException {
        byte[] pixels = new byte[count * 784];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
            pixels[i * 784] = (byte) 255;
            pixels[i * 784 + 783] = (byte) i;
        }
        TestFiles.writeGz(folder.resolve(prefix + "-images-idx3-ubyte.gz"),
                TestFiles.idxImages(IdxFiles.IMAGES_MAGIC, count, 28, 28, pixels));
        TestFiles.writeGz(folder.resolve(prefix + "-labels-idx1-ubyte.gz"),
                TestFiles.idxLabels(IdxFiles.LABELS_MAGIC, labels));
    }

    @Test
    void idxImagesBecomeOneChannelFloatsScaledToUnitRange() throws IOException {
        writeMnist(dir.resolve("mnist"), 20, 7);
        TrainTest data = DataSets.read("mnist", dir, 1);
        assertEquals(20, data.train().count());
        assertEquals(7, data.test().count());
        assertArrayEquals(new int[] {1, 28, 28}, data.inputShape());
        assertEquals(784, data.train().featureLength());
        assertEquals(1.0f, data.train().features()[0]);
        assertEquals(0.0f, data.train().features()[1]);
        assertEquals(13 / 255f, data.train().features()[13 * 784 + 783], 1e-7);
        assertEquals(3, data.train().labels()[13]);
    }

    @Test
    void uncompressedIdxFilesAsTheNpmPackageShipsThemAreReadToo() throws IOException {
        Path folder = dir.resolve("fashion-mnist");
        writeMnist(folder, 10, 10);
        Path gz = folder.resolve("train-labels-idx1-ubyte.gz");
        byte[] plain = TestFiles.idxLabels(IdxFiles.LABELS_MAGIC, new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0});
        Files.delete(gz);
        Files.write(folder.resolve("train-labels-idx1-ubyte"), plain);
        TrainTest data = DataSets.read("fashion-mnist", dir, 1);
        assertEquals(9, data.train().labels()[0]);
    }

    @Test
    void wrongMagicNumberIsReportedWithTheFileAndTheExpectedValue() throws IOException {
        Path folder = dir.resolve("mnist");
        writeMnist(folder, 5, 5);
        TestFiles.writeGz(folder.resolve("train-images-idx3-ubyte.gz"),
                TestFiles.idxImages(IdxFiles.LABELS_MAGIC, 5, 28, 28, new byte[5 * 784]));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> DataSets.read("mnist", dir, 1));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000803"), e.getMessage());
    }

    @Test
    void truncatedImagesAndMismatchedCountsAreRejected() throws IOException {
        Path folder = dir.resolve("mnist");
        writeMnist(folder, 5, 5);
        TestFiles.writeGz(folder.resolve("t10k-images-idx3-ubyte.gz"),
                TestFiles.idxImages(IdxFiles.IMAGES_MAGIC, 5, 28, 28, new byte[4 * 784 + 10]));
        MalformedDataException truncated = assertThrows(MalformedDataException.class,
                () -> DataSets.read("mnist", dir, 1));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        TestFiles.writeGz(folder.resolve("t10k-images-idx3-ubyte.gz"),
                TestFiles.idxImages(IdxFiles.IMAGES_MAGIC, 4, 28, 28, new byte[4 * 784]));
        MalformedDataException mismatch = assertThrows(MalformedDataException.class,
                () -> DataSets.read("mnist", dir, 1));
        assertTrue(mismatch.getMessage().contains("4 images but t10k-labels-idx1-ubyte.gz holds 5 labels"),
                mismatch.getMessage());

        TestFiles.writeGz(folder.resolve("t10k-images-idx3-ubyte.gz"),
                TestFiles.idxImages(IdxFiles.IMAGES_MAGIC, 5, 32, 32, new byte[5 * 1024]));
        MalformedDataException size = assertThrows(MalformedDataException.class, () -> DataSets.read("mnist", dir, 1));
        assertTrue(size.getMessage().contains("32x32, expected 28x28"), size.getMessage());
    }

    @Test
    void missingFilesAreListedExactlyWithTheFetchCommand() throws IOException {
        Path folder = dir.resolve("mnist");
        writeMnist(folder, 5, 5);
        Files.delete(folder.resolve("t10k-images-idx3-ubyte.gz"));
        Files.delete(folder.resolve("train-labels-idx1-ubyte.gz"));
        DatasetSpec spec = new DatasetSpec("mnist", dir.toString(), "iid", 0.5, 2, null);
        MissingDataException e = assertThrows(MissingDataException.class, () -> DataSets.load(spec, 2, 1));
        String m = e.getMessage();
        assertEquals(2, e.missing().size());
        assertTrue(m.contains("train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz"), m);
        assertTrue(!m.contains("train-images"), m);
        assertTrue(m.contains("aegis fetch-data mnist"), m);
    }

    @Test
    void aWholeMissingFolderListsEveryCifarBatch() {
        MissingDataException e = assertThrows(MissingDataException.class, () -> DataSets.read("cifar10", dir, 1));
        assertEquals(6, e.missing().size());
        assertTrue(e.getMessage().contains("cifar-10-batches-bin/data_batch_5.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("aegis fetch-data cifar10"), e.getMessage());
    }

    private void writeCifar(Path batches, int perBatch) throws IOException {
        Files.createDirectories(batches);
        for (int b = 1; b <= 5; b++) {
            Files.write(batches.resolve("data_batch_" + b + ".bin"), TestFiles.cifarRecords(perBatch, b));
        }
        Files.write(batches.resolve("test_batch.bin"), TestFiles.cifarRecords(perBatch, 0));
    }

    @Test
    void cifarBinaryRecordsBecomeNchwFloatsWithTheirLabels() throws IOException {
        writeCifar(dir.resolve("cifar10/cifar-10-batches-bin"), 3);
        TrainTest data = DataSets.read("cifar10", dir, 1);
        assertEquals(15, data.train().count());
        assertEquals(3, data.test().count());
        assertArrayEquals(new int[] {3, 32, 32}, data.inputShape());
        // record 4 overall is batch 2's record 1: label (1 + 2) % 10, pixel j = (1 + j) mod 256
        assertEquals(3, data.train().labels()[4]);
        float[] x = data.train().features();
        int base = 4 * 3072;
        assertEquals(1 / 255f, x[base], 1e-7);          // R plane, (0,0)
        assertEquals(((1 + 1024) % 256) / 255f, x[base + 1024], 1e-7); // G plane starts at 1024
        assertEquals(((1 + 2048 + 33) % 256) / 255f, x[base + 2048 + 33], 1e-7); // B plane, row 1 col 1
    }

    @Test
    void cifarFilesOfTheWrongSizeOrLabelAreRejected() throws IOException {
        Path batches = dir.resolve("cifar10/cifar-10-batches-bin");
        writeCifar(batches, 2);
        Files.write(batches.resolve("data_batch_3.bin"), new byte[3073 + 5]);
        MalformedDataException size = assertThrows(MalformedDataException.class, () -> DataSets.read("cifar10", dir, 1));
        assertTrue(size.getMessage().contains("data_batch_3.bin"), size.getMessage());

        byte[] bad = TestFiles.cifarRecords(2, 0);
        bad[3073] = 42;
        Files.write(batches.resolve("data_batch_3.bin"), bad);
        MalformedDataException label = assertThrows(MalformedDataException.class, () -> DataSets.read("cifar10", dir, 1));
        assertTrue(label.getMessage().contains("record 1 has label 42"), label.getMessage());
    }

    @Test
    void partitionedImageDataGivesClientsSubsetsOfTheTrainingSet() throws IOException {
        writeMnist(dir.resolve("mnist"), 40, 5);
        DatasetSpec spec = new DatasetSpec("mnist", dir.toString(), "shards", 0.5, 2, null);
        FederatedData data = DataSets.load(spec, 4, 3);
        assertEquals(4, data.numClients());
        assertEquals(10, data.numClasses());
        int total = 0;
        for (int k = 0; k < 4; k++) {
            Samples s = data.client(k);
            assertEquals(data.clientSize(k), s.count());
            total += s.count();
        }
        assertEquals(40, total);
        assertEquals(5, data.test().count());
    }
}
