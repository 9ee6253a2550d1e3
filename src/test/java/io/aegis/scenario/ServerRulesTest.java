package io.aegis.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.aegis.aggregation.Krum;
import io.aegis.aggregation.Stpa;
import io.aegis.aggregation.TrimmedMean;
import org.junit.jupiter.api.Test;

class ServerRulesTest {
    @Test
    void rulesAreBuiltFromAScenariosServerBlock() {
        var c = ConfigFactory.parseString("krum { f = 2, m = auto }, stpa { threshold = 0.5, inner-rule = trimmed-mean }, "
                + "trimmed-mean.trim-ratio = 0.1, temporal = true");
        assertEquals(2, ((Krum) ServerRules.create("krum", c)).f());
        assertInstanceOf(TrimmedMean.class, ((Stpa) ServerRules.create("stpa", c)).inner());
        assertEquals(0.5, ServerRules.temporalStep("median", c).beta());
    }

    @Test
    void errorsNameTheFullScenarioKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ServerRules.create("krum", ConfigFactory.parseString("krum.f = seven")));
        assertEquals("server.krum.f must be a number, got \"seven\"", e.getMessage());
        // an object where a name belongs is an error, not the default
        e = assertThrows(IllegalArgumentException.class,
                () -> ServerRules.create("stpa", ConfigFactory.parseString("stpa.inner-rule { a = 1 }")));
        assertTrue(e.getMessage().startsWith("server.stpa.inner-rule must be a name"), e.getMessage());
    }
}
