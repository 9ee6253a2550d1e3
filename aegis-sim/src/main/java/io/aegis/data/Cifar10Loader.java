package io.aegis.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10, binary version ({@code cifar-10-batches-bin/}): each record is 1 label byte and 3072
 * pixel bytes, the R, G and B planes of a 32x32 image in turn, which is already NCHW order.
 */
final class Cifar10Loader {
    static final String FOLDER = "cifar-10-batches-bin";
    static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    static final String TEST_FILE = "test_batch.bin";
    static final int PIXELS = 3 * 32 * 32;
    static final int RECORD = 1 + PIXELS;
    static final int CLASSES = 10;

    private Cifar10Loader() {}

    static List<String> files() {
        List<String> all = new ArrayList<>();
        for (String f : TRAIN_FILES) {
            all.add(FOLDER + "/" + f);
        }
        all.add(FOLDER + "/" + TEST_FILE);
        return all;
    }

    static TrainTest load(Path folder) {
        Path batches = folder.resolve(FOLDER);
        List<byte[]> train = new ArrayList<>();
        for (String f : TRAIN_FILES) {
            train.add(readChecked(batches.resolve(f)));
        }
        Samples trainSet = decode(train);
        Samples testSet = decode(List.of(readChecked(batches.resolve(TEST_FILE))));
        return new TrainTest(trainSet, testSet, new int[] {3, 32, 32});
    }

    private static byte[] readChecked(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length == 0 || bytes.length % RECORD != 0) {
            throw new MalformedDataException(file + ": " + bytes.length + " bytes is not a whole number of "
                    + RECORD + "-byte CIFAR-10 records (1 label byte + 3072 pixel bytes)");
        }
        for (int off = 0, i = 0; off < bytes.length; off += RECORD, i++) {
            int label = bytes[off] & 0xff;
            if (label >= CLASSES) {
                throw new MalformedDataException(file + ": record " + i + " has label " + label
                        + ", expected 0-9 (is this the CIFAR-100 or the Python version?)");
            }
        }
        return bytes;
    }

    private static Samples decode(List<byte[]> batches) {
        int count = 0;
        for (byte[] b : batches) {
            count += b.length / RECORD;
        }
        float[] x = new float[Math.multiplyExact(count, PIXELS)];
        int[] y = new int[count];
        int i = 0;
        for (byte[] b : batches) {
            for (int off = 0; off < b.length; off += RECORD, i++) {
                y[i] = b[off] & 0xff;
                int base = i * PIXELS;
                for (int j = 0; j < PIXELS; j++) {
                    x[base + j] = (b[off + 1 + j] & 0xff) / 255f;
                }
            }
        }
        return new Samples(x, y, PIXELS, CLASSES);
    }
}
