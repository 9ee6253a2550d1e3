package io.aegis.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.scenario.IdSet;
import io.aegis.scenario.Scenario.ChurnSpec;
import io.aegis.scenario.Scenario.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationTest {
    static final ChurnSpec NONE = new ChurnSpec("none", 0, 0, null);

    static Event offline(int round, String ids) {
        return new Event(round, IdSet.parse(ids), null, null, null);
    }

    static Event online(int round, String ids) {
        return new Event(round, null, IdSet.parse(ids), null, null);
    }

    @Test
    void goOfflineAndGoOnlineEventsTakeEffectAtTheStartOfTheirRoundAndLast() {
        Population p = new Population(6, 1, NONE, null, List.of(offline(2, "0-2"), online(4, "1")));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, p.advance(1));
        assertArrayEquals(new int[] {3, 4, 5}, p.advance(2));
        assertArrayEquals(new int[] {3, 4, 5}, p.advance(3), "offline stays offline until an event says otherwise");
        assertArrayEquals(new int[] {1, 3, 4, 5}, p.advance(4));
    }

    @Test
    void roundsMustBeAdvancedInOrder() {
        Population p = new Population(3, 1, NONE, null, List.of());
        p.advance(1);
        assertThrows(IllegalStateException.class, () -> p.advance(3));
    }

    @Test
    void aTraceSetsWhoIsOnlineAndEventsApplyAfterIt(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("trace.csv");
        Files.writeString(csv, "# client 0 twice, client 1 from round 2 on\nclient,from,to\n0,1,1\n0,3,3\n1,2,\n");
        Availability trace = Availability.read(csv);
        Population p = new Population(3, 1, new ChurnSpec("trace", 0, 0, csv.toString()), trace,
                List.of(offline(3, "2")));
        assertArrayEquals(new int[] {0, 2}, p.advance(1), "client 2 is never named: always online");
        assertArrayEquals(new int[] {1, 2}, p.advance(2));
        assertArrayEquals(new int[] {0, 1}, p.advance(3), "the event takes client 2 offline after the trace");
        assertArrayEquals(new int[] {1}, p.advance(4), "client 0 is out of its intervals; client 2 stays offline");
        assertEquals(1, trace.maxClient());
    }

    @Test
    void aMalformedTraceRowIsReportedWithItsLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "client,from,to\n0,1,5\n3,7,2\n");
        IOException e = assertThrows(IOException.class, () -> Availability.read(csv));
        assertTrue(e.getMessage().contains(":3:"), e.getMessage());
    }

    @Test
    void markovChurnMovesClientsBothWaysAndIsAPureFunctionOfTheSeed() {
        ChurnSpec markov = new ChurnSpec("markov", 0.3, 0.5, null);
        Population a = new Population(1000, 5, markov, null, List.of());
        Population b = new Population(1000, 5, markov, null, List.of());
        int[] previous = null;
        for (int r = 1; r <= 5; r++) {
            int[] x = a.advance(r);
            assertArrayEquals(x, b.advance(r));
            assertTrue(x.length > 400 && x.length < 900, "round " + r + ": " + x.length + " online");
            if (previous != null) {
                assertFalse(Arrays.equals(previous, x));
            }
            previous = x;
        }
    }

    @Test
    void aClientThatLeavesDuringARoundIsTheOneMarkovChurnTakesOfflineNextRound() {
        ChurnSpec markov = new ChurnSpec("markov", 0.2, 0.0, null); // p-return 0: who leaves stays away
        Departures departures = new Departures(9, markov, 5.0);
        Population p = new Population(500, 9, markov, null, List.of());
        int[] now = p.advance(1);
        for (int r = 1; r <= 4; r++) {
            int[] next = p.advance(r + 1);
            int leaving = 0;
            for (int c : now) {
                double at = departures.leavesAt(r, c);
                boolean stays = Arrays.binarySearch(next, c) >= 0;
                assertEquals(stays, at == Double.POSITIVE_INFINITY, "client " + c + " in round " + r);
                if (!stays) {
                    leaving++;
                    assertTrue(at >= 0 && at < 5.0, "leaves between the round start and the deadline");
                }
            }
            assertTrue(leaving > 0);
            now = next;
        }
        assertEquals(Double.POSITIVE_INFINITY, Departures.none().leavesAt(1, 0));
    }
}
