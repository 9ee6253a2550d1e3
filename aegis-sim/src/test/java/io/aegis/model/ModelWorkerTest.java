package io.aegis.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.data.Samples;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelWorkerTest {

    @Test
    void oneStepIsPlainSgdOnMeanCrossEntropy() {
        int dim = 5;
        int classes = 3;
        Samples data = TestData.blobs(8, dim, classes, 1);
        Model m = Models.create("logreg", new int[] {dim}, classes);
        float[] global = m.initialParameters(3);
        for (int o = 0; o < classes; o++) {
            global[dim * classes + o] = 0.1f * (o + 1); // non-zero biases so they matter too
        }
        double lr = 0.5;
        // batch >= sample count: the one batch is the whole set, so the step is independent of the shuffle
        float[] update = m.newWorker().train(global, data, new TrainingParams(1, 32, lr), 11);

        double[] expected = new double[global.length];
        for (int i = 0; i < data.count(); i++) {
            double[] logits = new double[classes];
            for (int o = 0; o < classes; o++) {
                logits[o] = global[dim * classes + o];
                for (int j = 0; j < dim; j++) {
                    logits[o] += global[o * dim + j] * data.features()[i * dim + j];
                }
            }
            double max = Arrays.stream(logits).max().orElseThrow();
            double sum = 0;
            for (int o = 0; o < classes; o++) {
                sum += Math.exp(logits[o] - max);
            }
            for (int o = 0; o < classes; o++) {
                double err = Math.exp(logits[o] - max) / sum - (data.labels()[i] == o ? 1 : 0);
                for (int j = 0; j < dim; j++) {
                    expected[o * dim + j] -= lr * err * data.features()[i * dim + j] / data.count();
                }
                expected[dim * classes + o] -= lr * err / data.count();
            }
        }
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], update[k], 1e-5, "parameter " + k);
        }
    }

    @Test
    void updateIsLocalMinusGlobalAndLeavesGlobalUntouched() {
        Samples data = TestData.blobs(64, 10, 3, 2);
        Model m = Models.create("mlp", new int[] {10}, 3);
        float[] global = m.initialParameters(5);
        float[] copy = global.clone();
        ModelWorker w = m.newWorker();
        TrainingParams p = new TrainingParams(3, 16, 0.1);
        float[] u1 = w.train(global, data, p, 9);
        assertArrayEquals(copy, global);
        assertTrue(norm(u1) > 0);
        // training from w + u1 with zero steps gives no update; evaluating w + u1 differs from w
        float[] u2 = w.train(global, data, p, 9);
        assertArrayEquals(u1, u2, "the network's state after a call must not leak into the next");
        assertTrue(w.evaluate(TestData.plus(global, u1), data).loss() < w.evaluate(global, data).loss());
    }

    @Test
    void emptyDataOrZeroStepsGiveZeroUpdate() {
        Model m = Models.create("logreg", new int[] {4}, 2);
        float[] global = m.initialParameters(1);
        Samples empty = new Samples(new float[0], new int[0], 4, 2);
        assertArrayEquals(new float[global.length], m.newWorker().train(global, empty, new TrainingParams(5, 8, 0.1), 1));
        Samples some = TestData.blobs(10, 4, 2, 1);
        assertArrayEquals(new float[global.length], m.newWorker().train(global, some, new TrainingParams(0, 8, 0.1), 1));
    }

    @Test
    void trainingReducesLossOfTheCnnOnSeparableImages() {
        Samples data = TestData.halves(64, 16, 4);
        Model m = Models.create("mnist-cnn", new int[] {1, 16, 16}, 2);
        ModelWorker w = m.newWorker();
        float[] global = m.initialParameters(2);
        double before = w.evaluate(global, data).loss();
        float[] update = w.train(global, data, new TrainingParams(10, 16, 0.05), 3);
        double after = w.evaluate(TestData.plus(global, update), data).loss();
        assertTrue(after < before, "loss " + before + " -> " + after);
    }

    @Test
    void logregReachesHighAccuracyOnSeparableData() {
        Samples train = TestData.blobs(400, 6, 3, 10);
        Samples test = TestData.blobs(200, 6, 3, 11);
        Model m = Models.create("logreg", new int[] {6}, 3);
        ModelWorker w = m.newWorker();
        float[] params = m.initialParameters(1);
        for (int round = 0; round < 10; round++) {
            params = TestData.plus(params, w.train(params, train, new TrainingParams(10, 32, 0.1), round));
        }
        Evaluation e = w.evaluate(params, test);
        assertTrue(e.accuracy() > 0.95, "accuracy " + e.accuracy());
    }

    @Test
    void evaluationCountsCorrectPredictions() {
        Samples test = TestData.blobs(50, 3, 3, 4);
        Model m = Models.create("logreg", new int[] {3}, 3);
        float[] params = new float[m.numParams()];
        for (int c = 0; c < 3; c++) {
            params[c * 3 + c] = 10f; // W[class c] picks feature c: the blob centre
        }
        Evaluation e = m.newWorker().evaluate(params, test);
        int correct = 0;
        for (int i = 0; i < test.count(); i++) {
            float[] row = Arrays.copyOfRange(test.features(), i * 3, i * 3 + 3);
            int best = row[0] >= row[1] && row[0] >= row[2] ? 0 : row[1] >= row[2] ? 1 : 2;
            correct += best == test.labels()[i] ? 1 : 0;
        }
        assertEquals(correct / 50.0, e.accuracy(), 1e-9);
        assertTrue(e.loss() > 0 && Double.isFinite(e.loss()));
    }

    @Test
    void wrongSizesAreRejected() {
        Model m = Models.create("logreg", new int[] {4}, 2);
        ModelWorker w = m.newWorker();
        Samples data = TestData.blobs(10, 4, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> w.train(new float[3], data, new TrainingParams(1, 4, 0.1), 1));
        assertThrows(IllegalArgumentException.class,
                () -> w.evaluate(m.initialParameters(1), TestData.blobs(10, 5, 2, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> w.evaluate(m.initialParameters(1), TestData.blobs(10, 4, 3, 1)));
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
