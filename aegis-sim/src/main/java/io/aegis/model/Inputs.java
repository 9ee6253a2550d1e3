package io.aegis.model;

import io.aegis.data.Samples;

/** Argument checks and batch packing shared by the model implementations. */
final class Inputs {
    private Inputs() {}

    /** How many test examples go through a network at once in evaluation. */
    static final int EVAL_BATCH = 500;

    static void checkParams(Architecture arch, float[] params) {
        if (params.length != arch.numParams()) {
            throw new IllegalArgumentException(arch.name() + " has " + arch.numParams() + " parameters, got a vector of "
                    + params.length);
        }
    }

    static void checkSamples(Architecture arch, Samples data) {
        if (data.featureLength() != arch.featureLength()) {
            throw new IllegalArgumentException(arch.name() + " takes " + arch.featureLength() + " features per example, the data has "
                    + data.featureLength());
        }
        int classes = arch.numClasses();
        for (int label : data.labels()) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is outside the model's " + classes + " classes");
            }
        }
    }

    /** {@link #checkSamples(Architecture, Samples)} for the examples {@code rows} of {@code data} (all when null). */
    static void checkSamples(Architecture arch, Samples data, int[] rows) {
        if (rows == null) {
            checkSamples(arch, data);
            return;
        }
        if (data.featureLength() != arch.featureLength()) {
            throw new IllegalArgumentException(arch.name() + " takes " + arch.featureLength() + " features per example, the data has "
                    + data.featureLength());
        }
        int classes = arch.numClasses();
        for (int i : rows) {
            int label = data.labels()[i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is outside the model's " + classes + " classes");
            }
        }
    }

    /** Copies the features of examples {@code indices} into {@code features} (row-major) and their one-hot labels into {@code oneHot}. */
    static void pack(Samples data, int[] indices, int count, float[] features, float[] oneHot, int classes) {
        pack(data, null, indices, count, features, oneHot, classes);
    }

    /** {@link #pack(Samples, int[], int, float[], float[], int)} where {@code indices} point into {@code rows} (a view of {@code data}; null = all). */
    static void pack(Samples data, int[] rows, int[] indices, int count, float[] features, float[] oneHot, int classes) {
        int len = data.featureLength();
        java.util.Arrays.fill(oneHot, 0, count * classes, 0f);
        for (int k = 0; k < count; k++) {
            int i = rows == null ? indices[k] : rows[indices[k]];
            System.arraycopy(data.features(), i * len, features, k * len, len);
            oneHot[k * classes + data.labels()[i]] = 1f;
        }
    }

    /** Accumulates accuracy and cross-entropy from softmax outputs {@code probs} (row-major, one row per example). */
    static final class Scores {
        private long correct;
        private double lossSum;
        private long count;

        void add(float[] probs, int[] labels, int from, int rows, int classes) {
            for (int r = 0; r < rows; r++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (probs[r * classes + c] > probs[r * classes + best]) {
                        best = c;
                    }
                }
                int label = labels[from + r];
                if (best == label) {
                    correct++;
                }
                // clamp as DL4J's MCXENT does, so a confident mistake costs a large but finite loss
                lossSum -= Math.log(Math.max(probs[r * classes + label], 1e-10));
                count++;
            }
        }

        Evaluation result() {
            return count == 0 ? new Evaluation(Double.NaN, Double.NaN) : new Evaluation((double) correct / count, lossSum / count);
        }
    }
}
