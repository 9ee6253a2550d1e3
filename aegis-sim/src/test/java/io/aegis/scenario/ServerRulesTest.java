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

    /** Issue 9 item 8: multi-krum out of the box averages the n - f best-scored updates, not just one. */
    @Test
    void theDefaultScenariosMultiKrumAveragesNMinusFUpdates() throws Exception {
        Scenario s = ScenarioLoader.loadString("", "empty.conf", java.util.List.of("server.rule=multi-krum", "server.krum.f=2"));
        var rule = ServerRules.create(s.server().rule(), s.server().config());
        double[][] rows = {{0}, {0.1}, {0.2}, {0.3}, {0.4}, {0.5}, {0.6}, {50}, {-50}};
        var r = rule.aggregate(io.aegis.aggregation.UpdateMatrix.ofRows(rows));
        assertEquals(7, r.kept().length, "kept " + java.util.Arrays.toString(r.kept()));
        assertEquals(0.3, r.aggregate()[0], 1e-6);
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
