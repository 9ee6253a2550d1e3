package io.aegis.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientsCsvTest {
    @TempDir
    Path dir;

    @Test
    void eachSelectedClientGetsTheOutcomeOfItsUpdate() throws Exception {
        try (ClientsCsv c = ClientsCsv.in(dir)) {
            c.routed(1, 100, 4, true);   // excluded
            c.routed(1, 101, 2, false);  // kept
            c.routed(1, 102, 7, false);  // received but rejected
            c.routed(1, 103, 9, true);   // after the deadline
            c.lost(1, 5);                // dropped
            c.routed(2, 200, 4, true);   // next round: not written yet
            c.late(1, 103);
            c.closed(1, new long[] {100, 101, 102}, new long[] {100, 101}, new long[] {100});
        }
        assertEquals(List.of("round,client,malicious,outcome", "1,2,0,kept", "1,4,1,excluded", "1,5,,lost",
                "1,7,0,invalid", "1,9,1,late"), Files.readAllLines(dir.resolve("clients.csv")));
        assertEquals(new ClientsCsv.Row(1, 5, null, "lost"), ClientsCsv.read(dir).get(2));
    }

    @Test
    void aResumedRunReplacesTheRoundsItWritesAgain() throws Exception {
        Files.writeString(dir.resolve("clients.csv"), "round,client,malicious,outcome\n1,3,0,kept\n2,3,0,kept\n3,3,0,kept\n");
        try (ClientsCsv c = ClientsCsv.in(dir)) {
            c.routed(3, 1, 8, false);
            c.closed(3, new long[] {1}, new long[] {1}, new long[] {1});
        }
        assertEquals(List.of("round,client,malicious,outcome", "1,3,0,kept", "2,3,0,kept", "3,8,0,excluded"),
                Files.readAllLines(dir.resolve("clients.csv")));
    }
}
