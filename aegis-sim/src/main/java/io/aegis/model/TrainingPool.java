package io.aegis.model;

import io.aegis.data.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

/**
 * Runs local training and evaluation of one model on a dedicated executor (in the simulator, the
 * fixed-size Pekko dispatcher {@code aegis.training-dispatcher}), with one network per executor
 * thread. A result depends only on the inputs and seed, never on which thread ran it.
 *
 * <p>Evaluation of a large test set is split into {@code parallelism} chunks evaluated side by side
 * (10,000 MNIST digits take ~1.2 s of CPU in the CNN, about as much as a cross-silo round's
 * training), then combined in chunk order, so the result does not depend on scheduling either.
 */
public final class TrainingPool {
    /** Below this many examples per chunk, splitting an evaluation costs more than it saves. */
    private static final int MIN_EVAL_CHUNK = 1000;

    private final Model model;
    private final Executor executor;
    private final int parallelism;
    private final ThreadLocal<ModelWorker> workers;
    private Samples chunkedTest; // the last test set split, and its chunks: the server evaluates the same set every round
    private List<Samples> chunks = List.of();

    /** A pool whose evaluations use as many threads as the machine has cores. */
    public TrainingPool(Model model, Executor executor) {
        this(model, executor, Runtime.getRuntime().availableProcessors());
    }

    /** @param parallelism the number of threads of {@code executor}, or fewer */
    public TrainingPool(Model model, Executor executor, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.model = model;
        this.executor = executor;
        this.parallelism = parallelism;
        this.workers = ThreadLocal.withInitial(model::newWorker);
    }

    public Model model() {
        return model;
    }

    /** The update (local minus global parameters) of {@code localSteps} SGD steps on {@code data}. */
    public CompletableFuture<float[]> train(float[] global, Samples data, TrainingParams params, long seed) {
        return CompletableFuture.supplyAsync(() -> workers.get().train(global, data, params, seed), executor);
    }

    /** {@link #train(float[], Samples, TrainingParams, long)} on the examples {@code rows} of {@code data}, without copying them. */
    public CompletableFuture<float[]> train(float[] global, Samples data, int[] rows, TrainingParams params, long seed) {
        return CompletableFuture.supplyAsync(() -> workers.get().train(global, data, rows, params, seed), executor);
    }

    /** Accuracy and mean loss of {@code params} on {@code test}. */
    public CompletableFuture<Evaluation> evaluate(float[] params, Samples test) {
        List<Samples> parts = chunks(test);
        if (parts.size() == 1) {
            return CompletableFuture.supplyAsync(() -> workers.get().evaluate(params, test), executor);
        }
        List<CompletableFuture<Evaluation>> results = new ArrayList<>();
        for (Samples part : parts) {
            results.add(CompletableFuture.supplyAsync(() -> workers.get().evaluate(params, part), executor));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> {
            long correct = 0;
            double lossSum = 0;
            for (int i = 0; i < parts.size(); i++) {
                Evaluation e = results.get(i).join();
                int n = parts.get(i).count();
                correct += Math.round(e.accuracy() * n);
                lossSum += e.loss() * n;
            }
            return new Evaluation((double) correct / test.count(), lossSum / test.count());
        });
    }

    private synchronized List<Samples> chunks(Samples test) {
        int k = (int) Math.min(parallelism, test.count() / MIN_EVAL_CHUNK);
        if (k <= 1) {
            return List.of(test);
        }
        if (test != chunkedTest || chunks.size() != k) {
            List<Samples> parts = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                int from = (int) ((long) test.count() * i / k);
                int to = (int) ((long) test.count() * (i + 1) / k);
                parts.add(test.subset(IntStream.range(from, to).toArray()));
            }
            chunks = parts;
            chunkedTest = test;
        }
        return chunks;
    }
}
