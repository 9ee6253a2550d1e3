package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class RulesTest {
    private static Config server(String hocon) {
        return ConfigFactory.parseString(hocon);
    }

    @Test
    void everySpecNameBuildsARuleOfThatName() {
        for (String name : Rules.NAMES) {
            assertEquals(name, Rules.create(name, null).name());
        }
    }

    @Test
    void unknownNameSuggestsTheClosestOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rules.create("krun", null));
        assertTrue(e.getMessage().contains("did you mean 'krum'"), e.getMessage());
    }

    @Test
    void parametersComeFromTheServerBlock() {
        Config c = server("trimmed-mean.trim-ratio = 0.1, krum { f = 2, m = 3 }, stpa { threshold = 0.5, inner-rule = trimmed-mean }");
        assertEquals(0.1, ((TrimmedMean) Rules.create("trimmed-mean", c)).trimRatio());
        assertEquals(2, ((Krum) Rules.create("krum", c)).f());
        Stpa stpa = (Stpa) Rules.create("stpa", c);
        assertInstanceOf(TrimmedMean.class, stpa.inner());
    }

    @Test
    void badParametersNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rules.create("krum", server("krum.f = seven")));
        assertTrue(e.getMessage().contains("server.krum.f"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rules.create("trimmed-mean", server("trimmed-mean.trim-ratio = 0.5")));
        assertEquals("server.trimmed-mean: trim-ratio must be in [0, 0.5), got 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rules.create("geomed", server("geomed.iterations = 0")));
        assertEquals("server.geomed: iterations must be >= 1, got 0", e.getMessage());
        assertEquals("multi-krum", Rules.create("multi-krum", server("krum.m = 1")).name());
        e = assertThrows(IllegalArgumentException.class, () -> Rules.create("stpa", server("stpa.inner-rule = medain")));
        assertTrue(e.getMessage().contains("server.stpa.inner-rule") && e.getMessage().contains("'median'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rules.create("bulyan", server("bulyan.f = 1.5")));
        assertTrue(e.getMessage().contains("server.bulyan.f"), e.getMessage());
    }

    @Test
    void temporalStepIsOnForStpaByDefaultAndOptionalForOtherRules() {
        assertNull(Rules.temporalStep("krum", null));
        TemporalStep t = Rules.temporalStep("stpa", server("stpa { momentum = 0.9, learning-rate = 1.6 }"));
        assertEquals(0.9, t.beta());
        assertEquals(1.6, t.eta0());
        assertEquals(0.5, Rules.temporalStep("krum", server("temporal = true")).beta());
        assertNull(Rules.temporalStep("stpa", server("temporal = false")));
        assertThrows(IllegalArgumentException.class, () -> Rules.temporalStep("stpa", server("temporal = maybe")));
    }
}
