package io.aegis.model;

/**
 * A model architecture ("mnist-cnn", "mlp", "logreg", "cifar-cnn") with its parameters flattened
 * into one float vector. The architecture is immutable and shared; networks live in workers.
 */
public interface Model {

    String name();

    int numParams();

    /** Initial parameters, a pure function of the seed. */
    float[] initialParameters(long seed);

    /** A new worker that owns one network; use it from one thread at a time. */
    ModelWorker newWorker();
}
