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

    /** Accuracy and mean cross-entropy loss of {@code params} on {@code test}. */
    Evaluation evaluate(float[] params, Samples test);
}
