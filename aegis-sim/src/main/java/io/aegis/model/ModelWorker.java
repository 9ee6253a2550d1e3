package io.aegis.model;

import io.aegis.data.Samples;

/**
 * One network of a {@link Model}: runs a client's local training and evaluates parameters.
 * Not thread-safe; the training pool keeps one per thread.
 */
public interface ModelWorker {

    /**
     * Runs {@code params.localSteps()} mini-batch SGD steps from the global parameters and returns
     * the update (local parameters minus global parameters). Same inputs and seed, same update.
     *
     * @param global flat global parameters (not modified)
     */
    float[] train(float[] global, Samples data, TrainingParams params, long seed);

    /**
     * The same as {@link #train(float[], Samples, TrainingParams, long)} on {@code data.subset(rows)},
     * without copying the examples: a client's samples as a view of the shared training set.
     *
     * @param rows indices into {@code data}, or null for all of it
     */
    default float[] train(float[] global, Samples data, int[] rows, TrainingParams params, long seed) {
        return train(global, rows == null ? data : data.subset(rows), params, seed);
    }

    /** Accuracy and mean cross-entropy loss of {@code params} on {@code test}. */
    Evaluation evaluate(float[] params, Samples test);
}
