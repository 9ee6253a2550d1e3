package io.aegis.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.progress.ProgressMode;
import org.junit.jupiter.api.Test;

class SweepSettingsTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void theRunsTrainingThreadsTogetherFitTheCores() {
        for (int parallel = 1; parallel <= CORES; parallel++) {
            SweepRunner.Settings s = SweepRunner.Settings.forMachine(parallel, 100, 768, ProgressMode.QUIET);
            assertEquals(parallel, s.parallel());
            assertTrue(s.parallel() * s.poolPerRun() <= CORES, s.toString());
            assertTrue(s.poolPerRun() >= 1);
        }
    }

    @Test
    void autoRunsNoMoreThanTheCoresOrTheRunsAndALoneRunGetsEveryCore() {
        SweepRunner.Settings many = SweepRunner.Settings.forMachine(0, 1000, 768, ProgressMode.QUIET);
        assertTrue(many.parallel() >= 1 && many.parallel() <= CORES, many.toString());
        SweepRunner.Settings one = SweepRunner.Settings.forMachine(0, 1, 768, ProgressMode.QUIET);
        assertEquals(1, one.parallel());
        assertEquals(CORES, one.poolPerRun());
        assertTrue(one.heapMb() >= 768 && one.heapMb() <= 8192, one.toString());
    }

    @Test
    void imageDataSetsAreGivenMoreMemoryPerRun() {
        assertTrue(SweepRunner.Settings.memoryPerRunMb("mnist") > SweepRunner.Settings.memoryPerRunMb("spambase"));
        SweepRunner.Settings s = SweepRunner.Settings.forMachine(0, 1000, 2048, ProgressMode.QUIET);
        assertTrue(s.heapMb() >= 2048, s.toString());
    }
}
