package io.aegis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.data.Samples;
import org.junit.jupiter.api.Test;

/** Every implementation of a model computes the same training and evaluation, up to float rounding. */
class ImplementationsAgreeTest {

    @Test
    void javaDenseTrainsLikeDl4jForMlp() {
        assertSameTraining("mlp", TestData.blobs(50, 12, 4, 3), 4);
    }

    @Test
    void javaDenseTrainsLikeDl4jForLogreg() {
        assertSameTraining("logreg", TestData.blobs(50, 12, 4, 5), 4);
    }

    @Test
    void javaDenseTrainsLikeDl4jOnSparseImages() {
        assertSameTraining("mlp", TestData.halves(40, 8, 2), 2); // many exact zeros would be skipped
    }

    @Test
    void nd4jOpsTrainsLikeDl4jForMnistCnn() {
        assertSameTraining("mnist-cnn", new int[] {1, 16, 16}, TestData.halves(40, 16, 3), 2, "nd4j-ops");
    }

    @Test
    void nd4jOpsTrainsLikeDl4jForCifarCnn() {
        Samples gray = TestData.halves(24, 8, 5);
        float[] rgb = new float[gray.count() * 3 * 64];
        for (int i = 0; i < gray.count(); i++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(gray.features(), i * 64, rgb, (i * 3 + c) * 64, 64);
            }
        }
        Samples data = new Samples(rgb, gray.labels(), 3 * 64, 2);
        assertSameTraining("cifar-cnn", new int[] {3, 8, 8}, data, 2, "nd4j-ops");
    }

    @Test
    void nd4jOpsTrainsLikeDl4jForMlp() {
        assertSameTraining("mlp", new int[] {12}, TestData.blobs(50, 12, 4, 3), 4, "nd4j-ops");
    }

    @Test
    void nd4jOpsEvaluatesSetsLargerThanOneBatchLikeDl4j() {
        Samples test = TestData.halves(1100, 16, 9); // three evaluation batches, the last one short
        Model reference = Models.create("mnist-cnn", new int[] {1, 16, 16}, 2, "dl4j-mln");
        Model fast = Models.create("mnist-cnn", new int[] {1, 16, 16}, 2, "nd4j-ops");
        float[] params = reference.initialParameters(2);
        Evaluation a = reference.newWorker().evaluate(params, test);
        Evaluation b = fast.newWorker().evaluate(params, test);
        assertEquals(a.accuracy(), b.accuracy(), 1e-9);
        assertEquals(a.loss(), b.loss(), 1e-5);
    }

    private static void assertSameTraining(String name, Samples data, int classes) {
        assertSameTraining(name, new int[] {data.featureLength()}, data, classes, "java-dense");
    }

    private static void assertSameTraining(String name, int[] shape, Samples data, int classes, String implementation) {
        Model reference = Models.create(name, shape, classes, "dl4j-mln");
        Model fast = Models.create(name, shape, classes, implementation);
        float[] global = reference.initialParameters(9);
        TrainingParams p = new TrainingParams(4, 16, 0.2);
        float[] a = reference.newWorker().train(global, data, p, 13);
        float[] b = fast.newWorker().train(global, data, p, 13);
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            maxAbs = Math.max(maxAbs, Math.abs(a[i]));
        }
        assertTrue(maxAbs > 0);
        assertEquals(0, maxDiff / maxAbs, 1e-4, name + ": largest difference relative to largest update");
        Evaluation ea = reference.newWorker().evaluate(TestData.plus(global, a), data);
        Evaluation eb = fast.newWorker().evaluate(TestData.plus(global, a), data);
        assertEquals(ea.accuracy(), eb.accuracy(), 1e-9);
        assertEquals(ea.loss(), eb.loss(), 1e-4);
    }
}
