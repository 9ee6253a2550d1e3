package io.aegis.model;

/** Test accuracy (fraction in [0, 1]) and mean cross-entropy loss of a model on a test set. */
public record Evaluation(double accuracy, double loss) {}
