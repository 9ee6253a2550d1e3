package io.aegis.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.actors.Checkpoint;
import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import io.aegis.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted run, resumed from its checkpoints, ends with exactly the rounds.csv (wall time
 * aside) and the final model of the run that was never interrupted, faults and churn included.
 * One uninterrupted run is shared; each test interrupts a copy of its folder in its own way.
 */
class ResumeTest {
    @TempDir
    static Path out;
    static Path complete;

    /** Small but busy: churn, every fault kind, attackers, STPA's momentum, a checkpoint every 3 rounds. */
    static final String[] WORLD = {"rounds = 9", "checkpoint.every = 3", "clients.total = 20", "clients.per-round = 8",
            "churn.model = markov", "churn.p-leave = 0.1", "churn.p-return = 0.3",
            "adversaries = [{ clients = \"0-3\", behavior = gaussian, sigma = 200, rounds = \"1-\" }]",
            "faults.targeted = []", "faults.replay = 0.2", "faults.crash = 0.1", "output.report = false"};

    @BeforeAll
    static void runOnce() {
        Scenario s = SimulationRuns.load("scenarios/faults/network-faults.conf", out.resolve("runs"), WORLD);
        complete = Path.of(SimulationRuns.run(s, 2).runDir());
    }

    @Test
    void theUninterruptedRunHadEveryKindOfFaultToReproduceAndCountedThemInRoundsCsv() throws IOException {
        List<String> rows = Files.readAllLines(complete.resolve("rounds.csv"));
        assertEquals(10, rows.size());
        List<String> header = List.of(rows.get(0).split(","));
        java.util.Map<String, Integer> total = new java.util.TreeMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            for (String col : List.of("lost", "invalid", "dropped", "crashed", "duplicated", "corrupted", "replayed")) {
                total.merge(col, Integer.parseInt(c[header.indexOf(col)]), Integer::sum);
            }
            assertTrue(Integer.parseInt(c[header.indexOf("lost")])
                    >= Integer.parseInt(c[header.indexOf("dropped")]) + Integer.parseInt(c[header.indexOf("crashed")]));
        }
        assertTrue(total.values().stream().allMatch(n -> n > 0), "every fault happened: " + total);
        assertTrue(Files.exists(Checkpoint.fileFor(complete, 3)) && Files.exists(Checkpoint.fileFor(complete, 6))
                && Files.exists(Checkpoint.fileFor(complete, 9)));
    }

    @Test
    void aRunCutAfterItsSixthRowResumesToTheSameRowsAndModel() throws Exception {
        Path cut = interrupted("after-6", 6);
        resumeAndCompare(cut);
    }

    @Test
    void aRowCutInHalfAndALostCheckpointAreRecomputed() throws Exception {
        Path cut = interrupted("mid-row", 7);
        Files.delete(Checkpoint.fileFor(cut, 6)); // died between row 6 and its checkpoint
        String csv = Files.readString(cut.resolve("rounds.csv"));
        Files.writeString(cut.resolve("rounds.csv"), csv.substring(0, csv.length() - 25)); // row 7 half written
        resumeAndCompare(cut);
    }

    @Test
    void aRunCutAfterItsLastCheckpointButBeforeItsFinalModelGetsItsFinalModel() throws Exception {
        resumeAndCompare(interrupted("no-final-model", 9));
    }

    @Test
    void aDamagedCheckpointIsReportedAndNeverLoadedAndTheOlderOneIsUsed() throws Exception {
        Path cut = interrupted("damaged", 8);
        Path six = Checkpoint.fileFor(cut, 6);
        byte[] bytes = Files.readAllBytes(six);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(six, bytes);
        Checkpoint.CorruptCheckpointException e =
                assertThrows(Checkpoint.CorruptCheckpointException.class, () -> Checkpoint.read(six));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        List<String> warnings = new ArrayList<>();
        assertEquals(3, Checkpoint.latest(cut, warnings::add).orElseThrow().round(), "falls back to round 3");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains(six.getFileName().toString()), warnings.get(0));
        resumeAndCompare(cut);
    }

    @Test
    void aRunWhoseEveryCheckpointIsDamagedFailsClearlyInsteadOfStartingOver() throws Exception {
        Path cut = interrupted("all-damaged", 5);
        Path three = Checkpoint.fileFor(cut, 3);
        byte[] bytes = Files.readAllBytes(three);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(three, bytes);
        UserError e = assertThrows(UserError.class, () -> Simulator.resume(cut, Simulator.Options.defaults()));
        assertEquals(2, e.exitStatus());
        assertTrue(e.getMessage().contains("no valid checkpoint"), e.getMessage());
    }

    @Test
    void aRunFolderWhoseScenarioWasEditedIsRefusedInsteadOfResumedWithWrongResults() throws Exception {
        Path cut = interrupted("edited", 6);
        Path conf = cut.resolve("scenario.conf");
        String text = Files.readString(conf);
        assertTrue(text.contains("dimension=60") || text.contains("dimension = 60"), "the synthetic dimension is in it");
        Files.writeString(conf, text.replaceFirst("dimension\\s*=\\s*60", "dimension=30"));
        assertRefused(cut, "scenario.conf was edited");
    }

    @Test
    void aCheckpointOfAnotherModelIsRefused() throws Exception {
        Path cut = interrupted("other-model", 6);
        Files.writeString(cut.resolve("scenario.conf"), Files.readString(cut.resolve("scenario.conf")) + "\nmodel = mlp\n");
        assertRefused(cut, "the model is now mlp");
    }

    @Test
    void aRunFolderWithoutRoundsCsvOrWithRowsMissingBelowItsCheckpointIsRefused() throws Exception {
        Path noCsv = interrupted("no-csv", 6);
        Files.delete(noCsv.resolve("rounds.csv"));
        assertRefused(noCsv, "has no rounds.csv");
        Path shortCsv = interrupted("short-csv", 6);
        List<String> rows = Files.readAllLines(shortCsv.resolve("rounds.csv"));
        Files.write(shortCsv.resolve("rounds.csv"), rows.subList(0, 4)); // rows 1-3 of a run checkpointed at 6
        assertRefused(shortCsv, "holds 3 rows but its checkpoint is of round 6");
        Path gap = interrupted("gap-csv", 6);
        List<String> withGap = new ArrayList<>(Files.readAllLines(gap.resolve("rounds.csv")));
        withGap.remove(2);
        Files.write(gap.resolve("rounds.csv"), withGap);
        assertRefused(gap, "lacks the row of round 2");
    }

    @Test
    void aFolderThatIsNotARunFolderIsRefused() throws Exception {
        Path empty = Files.createDirectories(out.resolve("not-a-run"));
        assertRefused(empty, "not a run folder");
        assertRefused(out.resolve("missing"), "is not a directory");
    }

    @Test
    void aCraftedLengthFieldIsRejectedBeforeAnythingIsAllocated() throws Exception {
        // a payload whose model length claims two billion floats, with a valid checksum
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream d = new java.io.DataOutputStream(payload)) {
            d.writeInt(3);
            d.writeInt(Integer.MAX_VALUE - 8);
            d.writeFloat(1f);
        }
        byte[] p = payload.toByteArray();
        Path dir = Files.createDirectories(out.resolve("crafted"));
        Path file = Checkpoint.fileFor(dir, 3);
        try (java.io.DataOutputStream d = new java.io.DataOutputStream(Files.newOutputStream(file))) {
            d.writeInt(0x41454743);
            d.writeInt(2);
            d.writeInt(p.length);
            d.write(p);
            d.write(java.security.MessageDigest.getInstance("SHA-256").digest(p));
        }
        long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        Checkpoint.CorruptCheckpointException e =
                assertThrows(Checkpoint.CorruptCheckpointException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains("length field"), e.getMessage());
        long heapAfter = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(heapAfter - heapBefore < 1L << 30, "no gigabyte array was allocated");
    }

    @Test
    void aCheckpointRecordsWhatItsRunWasMadeOf() throws Exception {
        io.aegis.metrics.RunIdentity id = Checkpoint.read(Checkpoint.fileFor(complete, 3)).identity();
        assertTrue(id != null && id.scenarioHash().length() == 64 && id.model().equals("logreg")
                && id.parameters() == 610 && id.dataset().equals("synthetic") && id.dataDir() == null
                && id.dataFingerprint().length() == 64, String.valueOf(id));
    }

    private static void assertRefused(Path dir, String reason) {
        UserError e = assertThrows(UserError.class, () -> Simulator.resume(dir, Simulator.Options.defaults()));
        assertEquals(2, e.exitStatus());
        assertTrue(e.getMessage().contains(reason) && !e.getMessage().contains("\n"), e.getMessage());
    }

    /** A copy of the finished run as if it had died after writing row {@code lastRow} and its checkpoint. */
    private static Path interrupted(String name, int lastRow) throws IOException {
        Path copy = out.resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(complete)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        for (int r = lastRow + 1; r <= 9; r++) {
            Files.deleteIfExists(Checkpoint.fileFor(copy, r));
        }
        List<String> rows = Files.readAllLines(copy.resolve("rounds.csv"));
        Files.write(copy.resolve("rounds.csv"), rows.subList(0, lastRow + 1));
        Files.deleteIfExists(copy.resolve("final-model.npy"));
        Files.deleteIfExists(copy.resolve("summary.json"));
        return copy;
    }

    private static void resumeAndCompare(Path cut) throws Exception {
        assertFalse(Files.exists(cut.resolve("final-model.npy")));
        RunSummary resumed = Simulator.resume(cut, new Simulator.Options(Simulator.actorConfig(
                com.typesafe.config.ConfigFactory.parseString("aegis.training.pool-size = 2"))));
        assertEquals(cut.toString(), resumed.runDir());
        assertEquals(SimulationRuns.roundsWithoutWallTime(complete), SimulationRuns.roundsWithoutWallTime(cut));
        assertArrayEquals(Files.readAllBytes(complete.resolve("final-model.npy")),
                Files.readAllBytes(cut.resolve("final-model.npy")), "the final model is byte-identical");
        assertEquals(9, resumed.rounds());
    }
}
