package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RulesTest {
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
    void parametersComeFromPlainKeysOfTheServerBlock() {
        Map<String, Object> c = Map.of("trimmed-mean.trim-ratio", 0.1, "krum.f", 2, "krum.m", 3,
                "stpa.threshold", 0.5, "stpa.inner-rule", "trimmed-mean");
        assertEquals(0.1, ((TrimmedMean) Rules.create("trimmed-mean", c)).trimRatio());
        assertEquals(2, ((Krum) Rules.create("krum", c)).f());
        Stpa stpa = (Stpa) Rules.create("stpa", c);
        assertInstanceOf(TrimmedMean.class, stpa.inner());
        // numbers given as text (the aggregate command's --param) are read too
        assertEquals(3, ((Krum) Rules.create("krum", Map.of("krum.f", "3"))).f());
    }

    @Test
    void badParametersNameTheFullKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rules.create("krum", Map.of("krum.f", "seven")));
        assertEquals("server.krum.f must be a number, got \"seven\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rules.create("trimmed-mean", Map.of("trimmed-mean.trim-ratio", 0.5)));
        assertEquals("server.trimmed-mean: trim-ratio must be in [0, 0.5), got 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rules.create("geomed", Map.of("geomed.iterations", 0)));
        assertEquals("server.geomed: iterations must be >= 1, got 0", e.getMessage());
        assertEquals("multi-krum", Rules.create("multi-krum", Map.of("krum.m", 1)).name());
        e = assertThrows(IllegalArgumentException.class, () -> Rules.create("stpa", Map.of("stpa.inner-rule", "medain")));
        assertTrue(e.getMessage().contains("server.stpa.inner-rule") && e.getMessage().contains("'median'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rules.create("bulyan", Map.of("bulyan.f", 1.5)));
        assertTrue(e.getMessage().contains("server.bulyan.f"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rules.create("krum", Map.of("krum.f", -1), "rules."));
        assertTrue(e.getMessage().startsWith("rules.krum"), e.getMessage());
    }

    @Test
    void multiKrumAveragesTheNMinusFBestScoredUpdatesByDefault() {
        // 9 updates on a line, f = 2: the 7 best-scored are the cluster near 0, not one update (plain Krum)
        double[][] rows = {{0}, {0.1}, {0.2}, {0.3}, {0.4}, {0.5}, {0.6}, {50}, {-50}};
        AggregationResult r = Rules.create("multi-krum", Map.of("krum.f", 2)).aggregate(UpdateMatrix.ofRows(rows));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, r.kept());
        assertArrayEquals(new double[] {0.3}, r.aggregate(), 1e-6);
        assertEquals(7, r.details().get("m"));
        assertEquals(1, Rules.create("multi-krum", Map.of("krum.f", 2, "krum.m", 1)).aggregate(UpdateMatrix.ofRows(rows)).kept().length);
        assertEquals(7, Rules.create("multi-krum", Map.of("krum.f", 2, "krum.m", "auto")).aggregate(UpdateMatrix.ofRows(rows)).kept().length);
    }

    @Test
    void temporalStepIsOnForStpaByDefaultAndOptionalForOtherRules() {
        assertNull(Rules.temporalStep("krum", null));
        TemporalStep t = Rules.temporalStep("stpa", Map.of("stpa.momentum", 0.9, "stpa.learning-rate", 1.6));
        assertEquals(0.9, t.beta());
        assertEquals(1.6, t.eta0());
        assertEquals(0.5, Rules.temporalStep("krum", Map.of("temporal", true)).beta());
        assertNull(Rules.temporalStep("stpa", Map.of("temporal", false)));
        assertThrows(IllegalArgumentException.class, () -> Rules.temporalStep("stpa", Map.of("temporal", "maybe")));
    }

    /** Issue 11: the rules must build and run without DL4J, Pekko, Typesafe Config or JMH on the class path. */
    @Test
    void theAggregationPackageImportsOnlyPlainJava() throws Exception {
        Pattern foreign = Pattern.compile("^import\\s+(static\\s+)?(org\\.nd4j|org\\.deeplearning4j|com\\.typesafe|org\\.openjdk\\.jmh|org\\.apache\\.pekko|io\\.aegis\\.(?!aggregation))",
                Pattern.MULTILINE);
        Path dir = Path.of(System.getProperty("aegis.project.dir", "."), "aegis-rules/src/main/java/io/aegis/aggregation");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                assertTrue(!foreign.matcher(text).find(), f + " imports outside plain Java");
                assertTrue(!text.contains("org.nd4j") && !text.contains("com.typesafe") && !text.contains("io.aegis.scenario"),
                        f + " names a non-plain-Java package");
            }
        }
    }
}
