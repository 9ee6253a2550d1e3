package io.aegis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.data.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OneDnnHelpersTest {

    @Test
    void oneDnnBuildIsChosenOnAnAvx2Cpu() throws Exception {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        Assumptions.assumeTrue(Files.isReadable(cpuinfo), "no /proc/cpuinfo");
        boolean avx2 = Files.readString(cpuinfo).contains(" avx2");
        Assumptions.assumeTrue(avx2, "CPU without AVX2: the stock build is the right choice");
        Models.create("logreg", new int[] {4}, 2); // selects the build
        assertTrue(NativeBackend.oneDnn(), NativeBackend.description());
    }

    @Test
    void cnnWithOneDnnHelpersTrainsLikeDl4jsOwnLayers() {
        Samples data = TestData.halves(32, 16, 8);
        Architecture arch = Models.architecture("mnist-cnn", new int[] {1, 16, 16}, 2);
        float[] global = arch.initialParameters(4);
        TrainingParams p = new TrainingParams(3, 8, 0.05);
        float[] withHelpers = new MlnWorker(arch, true).train(global, data, p, 6);
        float[] builtIn = new MlnWorker(arch, false).train(global, data, p, 6);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < global.length; i++) {
            diff = Math.max(diff, Math.abs(withHelpers[i] - builtIn[i]));
            norm = Math.max(norm, Math.abs(builtIn[i]));
        }
        assertTrue(norm > 0);
        assertEquals(0, diff / norm, 1e-3, "largest difference relative to largest update");
    }
}
