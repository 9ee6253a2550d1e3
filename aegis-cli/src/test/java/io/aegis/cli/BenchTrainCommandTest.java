package io.aegis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchTrainCommandTest {

    @Test
    void printsStepAndRoundTimesForTheChosenModel() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new BenchTrainCommand()).execute("--model", "logreg", "--steps", "3", "--warmup", "1",
                    "--rounds", "1", "--clients", "2", "--local-steps", "2", "--threads", "1", "--no-torch");
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.matches("(?s).*logreg +params=110 +step median_ms=[0-9.]+.*round 2x2 on 1 threads: median_ms=[0-9.]+.*"), text);
    }

    @Test
    void unknownModelIsAnErrorNamingTheChoices() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new BenchTrainCommand()).execute("--model", "resnet", "--no-torch");
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("mnist-cnn"));
    }
}
