package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aegis.scenario.Scenario;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The typed fault kinds stay in step with the names the simulator knows. */
class TypedFaultTest {

    @Test
    void everyCorruptionIsAKindTheSimulatorKnowsAndEveryKindHasOne() {
        assertEquals(Scenario.FaultRates.CORRUPT_KINDS,
                Arrays.stream(Corruption.values()).map(Corruption::scenarioName).toList());
    }

    @Test
    void theDeprecatedStringFormMapsToTheSameKindAndRejectsUnknownOnes() {
        @SuppressWarnings("deprecation")
        Fault byName = Fault.corrupt("bit-flip");
        assertEquals(Fault.corrupt(Corruption.BIT_FLIP).toString(), byName.toString());
        @SuppressWarnings("deprecation")
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fault.corrupt("zero"));
        assertEquals("no corruption kind 'zero'; the kinds are nan, bit-flip, truncate, scale", e.getMessage());
    }
}
