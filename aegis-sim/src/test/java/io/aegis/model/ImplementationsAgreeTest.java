package io.aegis.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    void nd4jOpsTrainsLikeDl4jWhenPoolingDropsATrailingRowAndColumn() {
        // 17 x 17: the first convolution gives 13 x 13, pooled to 6 x 6 with the last row and column dropped
        assertSameTraining("mnist-cnn", new int[] {1, 17, 17}, TestData.halves(40, 17, 4), 2, "nd4j-ops");
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
    void blasDenseTrainsLikeDl4jForMlp() {
        assertSameTraining("mlp", new int[] {12}, TestData.blobs(50, 12, 4, 3), 4, "blas-dense");
    }

    @Test
    void blasDenseTrainsLikeDl4jForLogreg() {
        assertSameTraining("logreg", new int[] {12}, TestData.blobs(50, 12, 4, 5), 4, "blas-dense");
    }

    @Test
    void blasDenseTrainsLikeDl4jOnSparseImagesOverManySteps() {
        Model reference = Models.create("mlp", new int[] {64}, 2, "dl4j-mln");
        Model fast = Models.create("mlp", new int[] {64}, 2, "blas-dense");
        assertClose(reference, fast, TestData.halves(40, 8, 2), new TrainingParams(20, 16, 0.2), 1e-4);
    }

    @Test
    void blasDenseAgreesWithJavaDenseOnTheBenchShapes() {
        // the real mlp (784-200-10) at batch 32: the two fast paths agree to float rounding
        Model a = Models.create("mlp", new int[] {784}, 10, "java-dense");
        Model b = Models.create("mlp", new int[] {784}, 10, "blas-dense");
        assertClose(a, b, TestData.blobs(300, 784, 10, 4), new TrainingParams(5, 32, 0.05), 1e-4);
    }

    @Test
    void trainingOnAViewOfRowsEqualsTrainingOnTheirCopy() {
        Samples all = TestData.blobs(90, 12, 4, 6);
        int[] rows = {3, 7, 8, 20, 21, 22, 40, 41, 60, 61, 62, 63, 64, 70, 88, 89, 1, 0};
        Samples copy = all.subset(rows);
        TrainingParams p = new TrainingParams(5, 8, 0.1);
        for (String impl : Models.IMPLEMENTATIONS) {
            if (impl.equals("nd4j-ops")) {
                continue; // covered on images below
            }
            Model m = Models.create("mlp", new int[] {12}, 4, impl);
            float[] global = m.initialParameters(3);
            assertArrayEquals(m.newWorker().train(global, copy, p, 11), m.newWorker().train(global, all, rows, p, 11), impl);
        }
        Samples images = TestData.halves(30, 16, 4);
        int[] picked = {29, 2, 5, 11, 12, 13, 17, 18, 19, 25};
        Model cnn = Models.create("mnist-cnn", new int[] {1, 16, 16}, 2, "nd4j-ops");
        float[] global = cnn.initialParameters(3);
        assertArrayEquals(cnn.newWorker().train(global, images.subset(picked), p, 11),
                cnn.newWorker().train(global, images, picked, p, 11), "nd4j-ops");
    }

    @Test
    void batchedEvaluationThroughThePoolEqualsEvaluatingEachExampleAlone() throws Exception {
        Samples test = TestData.halves(2300, 8, 12); // more than one chunk per thread and one batch per chunk
        for (String impl : new String[] {"java-dense", "blas-dense"}) {
            assertBatchedEqualsPerExample(Models.create("mlp", new int[] {64}, 2, impl), test);
        }
        Samples images = TestData.halves(2100, 16, 13);
        assertBatchedEqualsPerExample(Models.create("mnist-cnn", new int[] {1, 16, 16}, 2, "nd4j-ops"), images);
    }

    private static void assertBatchedEqualsPerExample(Model m, Samples test) throws Exception {
        float[] params = m.initialParameters(5);
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            Evaluation batched = new TrainingPool(m, ex, 2).evaluate(params, test).get();
            ModelWorker w = m.newWorker();
            long correct = 0;
            double loss = 0;
            for (int i = 0; i < test.count(); i++) {
                Evaluation one = w.evaluate(params, test.subset(new int[] {i}));
                correct += Math.round(one.accuracy());
                loss += one.loss();
            }
            assertEquals((double) correct / test.count(), batched.accuracy(), 1e-12, m.toString());
            assertEquals(loss / test.count(), batched.loss(), 1e-5, m.toString());
        } finally {
            ex.shutdownNow();
        }
    }

    private static void assertClose(Model reference, Model fast, Samples data, TrainingParams p, double tolerance) {
        float[] global = reference.initialParameters(9);
        float[] a = reference.newWorker().train(global, data, p, 13);
        float[] b = fast.newWorker().train(global, data, p, 13);
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            maxAbs = Math.max(maxAbs, Math.abs(a[i]));
        }
        assertTrue(maxAbs > 0);
        assertEquals(0, maxDiff / maxAbs, tolerance, reference + " vs " + fast);
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
