package io.aegis.data;

import io.aegis.util.Seeds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * UCI Spambase ({@code spambase.data}: 57 attributes + 0/1 label per line, no header). Keeps the
 * first 54 attributes (word and character frequencies; the three capital-run-length counts are
 * dropped, as in the paper), splits 80/20 with a seeded shuffle, and standardises every feature by
 * the training set's mean and standard deviation, so the test set never informs the scaling (a
 * feature constant on the training set maps to 0).
 */
final class SpambaseLoader {
    static final String FILE = "spambase.data";
    static final int ATTRIBUTES_IN_FILE = 57;
    static final int FEATURES = 54;
    static final double TRAIN_SHARE = 0.8;

    private SpambaseLoader() {}

    static TrainTest load(Path folder, long seed) {
        Path file = folder.resolve(FILE);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",");
                if (parts.length != ATTRIBUTES_IN_FILE + 1) {
                    throw new MalformedDataException(file + ":" + lineNo + ": " + parts.length
                            + " fields, expected " + (ATTRIBUTES_IN_FILE + 1) + " (57 attributes and the label)");
                }
                float[] row = new float[FEATURES];
                try {
                    for (int j = 0; j < FEATURES; j++) {
                        row[j] = Float.parseFloat(parts[j].trim());
                    }
                    String label = parts[ATTRIBUTES_IN_FILE].trim();
                    if (!label.equals("0") && !label.equals("1")) {
                        throw new MalformedDataException(file + ":" + lineNo + ": label '" + label + "' is not 0 or 1");
                    }
                    labels.add(label.equals("1") ? 1 : 0);
                } catch (NumberFormatException e) {
                    throw new MalformedDataException(file + ":" + lineNo + ": not a number: " + e.getMessage());
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows.size() < 2) {
            throw new MalformedDataException(file + ": " + rows.size() + " examples, too few to split 80/20");
        }
        int[] order = RandomDraws.permutation(rows.size(), Seeds.stream(seed, "spambase-split"));
        int trainCount = (int) Math.round(rows.size() * TRAIN_SHARE);
        // Standardised by the training set's mean and standard deviation (the test set never informs
        // the scaling). The attributes are sparse word frequencies: min-max scaling leaves most of them
        // near zero and logistic regression at the paper's learning rate (0.01) barely moves in 100 rounds.
        double[] sum = new double[FEATURES];
        double[] sumSq = new double[FEATURES];
        for (int k = 0; k < trainCount; k++) {
            float[] row = rows.get(order[k]);
            for (int j = 0; j < FEATURES; j++) {
                sum[j] += row[j];
                sumSq[j] += (double) row[j] * row[j];
            }
        }
        float[] mean = new float[FEATURES];
        float[] scale = new float[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            double m = sum[j] / trainCount;
            double var = Math.max(0, sumSq[j] / trainCount - m * m);
            mean[j] = (float) m;
            scale[j] = var > 0 ? (float) (1.0 / Math.sqrt(var)) : 0f;
        }
        Samples train = scaled(rows, labels, order, 0, trainCount, mean, scale);
        Samples test = scaled(rows, labels, order, trainCount, rows.size(), mean, scale);
        return new TrainTest(train, test, new int[] {FEATURES});
    }

    private static Samples scaled(List<float[]> rows, List<Integer> labels, int[] order, int from, int to,
                                  float[] mean, float[] scale) {
        int n = to - from;
        float[] x = new float[n * FEATURES];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            float[] row = rows.get(order[from + k]);
            for (int j = 0; j < FEATURES; j++) {
                x[k * FEATURES + j] = (row[j] - mean[j]) * scale[j];
            }
            y[k] = labels.get(order[from + k]);
        }
        return new Samples(x, y, FEATURES, 2);
    }
}
