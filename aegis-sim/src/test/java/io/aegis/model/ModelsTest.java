package io.aegis.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void mnistCnnHasThePapersParameterCount() {
        assertEquals(431_080, Models.create("mnist-cnn", new int[] {1, 28, 28}, 10).numParams());
    }

    @Test
    void otherModelsHaveTheirLayerSizes() {
        assertEquals(784 * 200 + 200 + 200 * 10 + 10, Models.create("mlp", new int[] {1, 28, 28}, 10).numParams());
        assertEquals(54 * 2 + 2, Models.create("logreg", new int[] {54}, 2).numParams());
        assertEquals(60 * 10 + 10, Models.create("logreg", new int[] {60}, 10).numParams());
        int cifarConv = (3 * 9 * 32 + 32) + (32 * 9 * 32 + 32);
        int cifarDense = (14 * 14 * 32 * 128 + 128) + (128 * 64 + 64) + (64 * 10 + 10);
        assertEquals(cifarConv + cifarDense, Models.create("cifar-cnn", new int[] {3, 32, 32}, 10).numParams());
    }

    @Test
    void dl4jNetworkHoldsExactlyTheArchitecturesParameters() {
        for (String name : Models.NAMES) {
            int[] shape = name.equals("cifar-cnn") ? new int[] {3, 32, 32} : new int[] {1, 28, 28};
            Architecture arch = Models.architecture(name, shape, 10);
            var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(MlnWorker.configuration(arch, 0.01));
            net.init();
            assertEquals(arch.numParams(), net.numParams(), name);
        }
    }

    @Test
    void initialParametersArePureFunctionOfSeed() {
        Model m = Models.create("mlp", new int[] {20}, 3);
        assertArrayEquals(m.initialParameters(7), m.initialParameters(7));
        assertFalse(Arrays.equals(m.initialParameters(7), m.initialParameters(8)));
    }

    @Test
    void autoPicksThePapersModelPerDataSet() {
        assertEquals("mnist-cnn", Models.autoFor("mnist"));
        assertEquals("mnist-cnn", Models.autoFor("fashion-mnist"));
        assertEquals("logreg", Models.autoFor("spambase"));
        assertEquals("cifar-cnn", Models.autoFor("cifar10"));
        assertEquals("logreg", Models.autoFor("synthetic"));
        assertTrue(Models.NAMES.contains(Models.autoFor("mnist")));
    }

    @Test
    void unknownNamesAndUnfitShapesAreRejectedWithTheReason() {
        var e = assertThrows(IllegalArgumentException.class, () -> Models.create("resnet", new int[] {54}, 2));
        assertTrue(e.getMessage().contains("mnist-cnn"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Models.create("mnist-cnn", new int[] {54}, 2));
        assertThrows(IllegalArgumentException.class, () -> Models.create("mnist-cnn", new int[] {1, 8, 8}, 2));
        assertThrows(IllegalArgumentException.class, () -> Models.autoFor("imagenet"));
    }
}
