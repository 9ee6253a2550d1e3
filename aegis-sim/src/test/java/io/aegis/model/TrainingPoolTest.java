package io.aegis.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.aegis.data.Samples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainingPoolTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void sameInputsAndSeedGiveBitwiseSameUpdateOnAnyThread() {
        Samples data = TestData.halves(40, 16, 5);
        Model m = Models.create("mnist-cnn", new int[] {1, 16, 16}, 2);
        TrainingPool pool = new TrainingPool(m, executor);
        float[] global = m.initialParameters(3);
        TrainingParams p = new TrainingParams(3, 8, 0.05);
        List<CompletableFuture<float[]>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(pool.train(global, data, p, 42));
            runs.add(pool.train(global, data, p, 43)); // interleave other work on the same networks
        }
        float[] first = runs.get(0).join();
        for (int i = 0; i < runs.size(); i += 2) {
            assertArrayEquals(first, runs.get(i).join(), "run " + i);
        }
        assertFalse(Arrays.equals(first, runs.get(1).join()), "a different seed samples different batches");
    }

    @Test
    void largeTestSetsAreEvaluatedInChunksWithTheSameResult() {
        Samples test = TestData.blobs(2500, 6, 3, 8);
        Model m = Models.create("mlp", new int[] {6}, 3);
        float[] params = m.initialParameters(2);
        params = TestData.plus(params, m.newWorker().train(params, test, new TrainingParams(5, 32, 0.1), 1));
        Evaluation whole = m.newWorker().evaluate(params, test);
        Evaluation chunked = new TrainingPool(m, executor, 2).evaluate(params, test).join();
        assertEquals(whole.accuracy(), chunked.accuracy(), 1e-12);
        assertEquals(whole.loss(), chunked.loss(), 1e-9);
        assertEquals(chunked, new TrainingPool(m, executor, 2).evaluate(params, test).join());
    }

    @Test
    void poolEvaluatesLikeAWorker() {
        Samples test = TestData.blobs(30, 4, 2, 7);
        Model m = Models.create("logreg", new int[] {4}, 2);
        float[] params = m.initialParameters(1);
        Evaluation direct = m.newWorker().evaluate(params, test);
        assertEquals(direct, new TrainingPool(m, executor).evaluate(params, test).join());
    }
}
