package io.aegis.model;

import io.aegis.data.Samples;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs local training and evaluation of one model on a dedicated executor (in the simulator, the
 * fixed-size Pekko dispatcher {@code aegis.training-dispatcher}), with one network per executor
 * thread. A worker's result depends only on its inputs and seed, never on which thread ran it.
 */
public final class TrainingPool {
    private final Model model;
    private final Executor executor;
    private final ThreadLocal<ModelWorker> workers;

    public TrainingPool(Model model, Executor executor) {
        this.model = model;
        this.executor = executor;
        this.workers = ThreadLocal.withInitial(model::newWorker);
    }

    public Model model() {
        return model;
    }

    /** The update (local minus global parameters) of {@code localSteps} SGD steps on {@code data}. */
    public CompletableFuture<float[]> train(float[] global, Samples data, TrainingParams params, long seed) {
        return CompletableFuture.supplyAsync(() -> workers.get().train(global, data, params, seed), executor);
    }

    /** Accuracy and loss of {@code params} on {@code test}. */
    public CompletableFuture<Evaluation> evaluate(float[] params, Samples test) {
        return CompletableFuture.supplyAsync(() -> workers.get().evaluate(params, test), executor);
    }
}
