package io.aegis.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.metrics.RoundRow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong();

    private static RoundRow row(int round) {
        return new RoundRow(round, 0.5 + round / 1000.0, 1.0, 20, 20, 20, 0, 0, 0, 7, 20, 6, 1, 1.0, false, 10, 7, Double.NaN);
    }

    private List<String> lines() {
        return Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void inALogALineComesEveryTwentiethOfTheRunAndAtTheEnd() {
        RunProgress p = new RunProgress(out, ProgressMode.LINES, now::get, false);
        p.started("r", 1, 100);
        for (int r = 1; r <= 100; r++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            p.roundWritten(row(r));
        }
        List<String> lines = lines();
        assertEquals(20, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("round 5/100  accuracy 0.5050  excluded 7 (6 malicious)  elapsed 1s  ETA "),
                lines.get(0));
        assertTrue(lines.get(19).startsWith("round 100/100 "), lines.get(19));
        assertTrue(lines.get(19).endsWith("ETA 0s"), lines.get(19));
    }

    @Test
    void slowRoundsPrintAtLeastEveryThirtySecondsAndTheEtaFollowsThePace() {
        RunProgress p = new RunProgress(out, ProgressMode.LINES, now::get, false);
        p.started("r", 1, 100);
        now.addAndGet(TimeUnit.SECONDS.toNanos(40));
        p.roundWritten(row(1));
        assertEquals(List.of("round 1/100  accuracy 0.5010  excluded 7 (6 malicious)  elapsed 40s  ETA 1h06m"), lines());
        now.addAndGet(TimeUnit.SECONDS.toNanos(31));
        p.beat();
        assertEquals(2, lines().size(), "the heartbeat printed while round 2 runs");
        p.beat();
        assertEquals(2, lines().size(), "but not twice within 30 seconds");
    }

    @Test
    void aResumedRunCountsItsEtaFromTheRoundItResumedAt() {
        RunProgress p = new RunProgress(out, ProgressMode.LINES, now::get, false);
        p.started("r", 51, 60);
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        p.roundWritten(row(57)); // 7 rounds in 10 s, 3 left
        assertTrue(lines().get(0).startsWith("round 57/60 ") && lines().get(0).endsWith("ETA 4s"), lines().toString());
    }

    @Test
    void onATerminalOneLineIsRewrittenInPlace() {
        RunProgress p = new RunProgress(out, ProgressMode.LIVE, now::get, false);
        p.started("r", 1, 3);
        for (int r = 1; r <= 3; r++) {
            p.roundWritten(row(r));
        }
        p.close();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.chars().filter(c -> c == '\r').count());
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line, ended when the run ends");
    }

    @Test
    void quietPrintsNothing() {
        RunProgress p = new RunProgress(out, ProgressMode.QUIET, now::get, false);
        p.started("r", 1, 3);
        p.roundWritten(row(1));
        p.close();
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
