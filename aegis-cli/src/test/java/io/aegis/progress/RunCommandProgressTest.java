package io.aegis.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aegis run with standard output piped (as in a test): progress lines, or one line with --quiet. */
class RunCommandProgressTest {

    static final String SCENARIO = """
            name = "piped"
            rounds = 3
            dataset { name = synthetic, synthetic { iid = true } }
            training { local-steps = 1, batch-size = 16 }
            clients { total = 8, per-round = 8 }
            server.rule = median
            """;

    static List<String> stdoutOf(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.execute(args));
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void aPipedRunPrintsARoundLineForEachRoundOfAShortRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("s.conf"), SCENARIO);
        List<String> lines = stdoutOf("run", dir.resolve("s.conf").toString(), "--out", dir.toString());
        List<String> rounds = lines.stream().filter(l -> l.startsWith("round ")).toList();
        assertEquals(3, rounds.size(), lines.toString());
        for (int i = 1; i <= 3; i++) {
            assertTrue(rounds.get(i - 1).matches("round " + i + "/3  accuracy \\d\\.\\d{4}  excluded \\d+ \\(\\d+ malicious\\)"
                    + "  elapsed \\S+  ETA \\S+"), rounds.get(i - 1));
        }
    }

    @Test
    void quietPrintsOnlyTheFinalLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("s.conf"), SCENARIO);
        List<String> lines = stdoutOf("run", dir.resolve("s.conf").toString(), "--out", dir.toString(), "--quiet");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("run piped completed: 3 of 3 rounds in "), lines.get(0));
    }
}
