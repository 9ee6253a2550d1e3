package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The global model never holds a NaN or an infinity, whatever the network does to the updates. */
class ModelStaysFiniteTest {

    @ParameterizedTest
    @ValueSource(strings = {"nan", "bit-flip", "scale", "truncate"})
    void highCorruptionRatesNeverMakeTheModelNonFinite(String kind) {
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, "server.rule = fedavg", "rounds = 4",
                "faults.corrupt = 0.6", "faults.corrupt-kind = " + kind, "faults.duplicate = 0.3")) {
            int damaged = 0;
            for (RoundView r : kit.stepTo(4)) {
                assertTrue(r.modelIsFinite(), kind + ": " + r);
                damaged += r.invalid();
            }
            if (!kind.equals("scale") && !kind.equals("bit-flip")) {
                assertTrue(damaged > 10, kind + " payloads were rejected: " + damaged);
            }
        }
    }

    @Test
    void aStepThatWouldOverflowTheModelIsSkippedWithTheModelKept() {
        // FedAvg takes a finite update of +3.4e38 at face value: once it is the model, the next one overflows
        try (AegisTestKit kit = AegisTestKit.fromScenario(Worlds.TEN_CLIENTS, "server.rule = fedavg")) {
            float[] huge = new float[kit.dimension()];
            Arrays.fill(huge, Float.MAX_VALUE);
            kit.deliverNext(huge, Integer.MAX_VALUE);
            RoundView one = kit.step();
            assertTrue(one.modelIsFinite() && !one.skipped(), one.toString());
            kit.deliverNext(huge, Integer.MAX_VALUE);
            RoundView two = kit.step();
            assertTrue(two.skipped(), two.toString());
            assertEquals("non-finite model", two.error());
            assertArrayEquals(one.model(), two.model());
            assertTrue(two.modelIsFinite());
        }
    }
}
