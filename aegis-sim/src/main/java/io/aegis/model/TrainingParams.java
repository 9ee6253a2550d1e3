package io.aegis.model;

/** Hyper-parameters of a client's local training (spec keys {@code training.*}). */
public record TrainingParams(int localSteps, int batchSize, double learningRate) {
    public TrainingParams {
        if (localSteps < 0 || batchSize < 1 || !(learningRate >= 0)) {
            throw new IllegalArgumentException("invalid training parameters: " + localSteps + ", " + batchSize + ", " + learningRate);
        }
    }
}
