package io.aegis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchRoundCommandTest {

    @Test
    void printsScalingEvaluationAndMessagingSharesWithTheLoadAverage() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Path quickstart = Path.of(System.getProperty("aegis.project.dir", ".")).resolve("scenarios/quickstart.conf");
            code = new picocli.CommandLine(new BenchRoundCommand()).execute(quickstart.toString(), "--set", "rounds=3",
                    "--threads", "2");
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("pool 1 thread(s)") && text.contains("pool 2 thread(s)"), text);
        assertTrue(text.matches("(?s).*scaling: 2 workers [0-9.]+ ms per round vs 1 worker [0-9.]+ ms = [0-9.]+x.*"), text);
        assertTrue(text.matches("(?s).*evaluation share of a round \\(2 workers\\): [0-9.]+%.*"), text);
        assertTrue(text.matches("(?s).*messaging \\+ bookkeeping share of a round \\(2 workers\\): [0-9.]+%.*"), text);
        assertTrue(text.contains("load average"), text);
    }
}
