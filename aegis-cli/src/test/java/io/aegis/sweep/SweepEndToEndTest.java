package io.aegis.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real 2 x 2 x 2 sweep of 3-round synthetic runs, each in its own JVM, then a resume. */
class SweepEndToEndTest {

    static final String BASE = """
            name = "tiny"
            seed = 1
            rounds = 3
            clock = virtual
            dataset { name = synthetic, synthetic { iid = true } }
            training { local-steps = 2, batch-size = 16, learning-rate = 0.05 }
            clients { total = 12, per-round = 12 }
            server.rule = stpa
            """;

    static final String SWEEP = """
            name = "tiny sweep"
            base = "base.conf"
            grid {
              "server.rule" = [fedavg, stpa]
              seed = [1, 2]
            }
            variants = [
              { name = normal }
              { name = gaussian, set { adversaries = [ { clients = "0-3", behavior = gaussian, sigma = 200 } ] } }
            ]
            parallel = 2
            output.dir = "unused"
            """;

    record Result(int status, String stdout) {}

    static Result aegis(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int status = Main.execute(args);
            return new Result(status, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void everyCombinationIsARunFolderAndResultsCsvHoldsTheirSummariesThenResumeKeepsCompletedRuns(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("base.conf"), BASE);
        Path file = dir.resolve("tiny.sweep.conf");
        Files.writeString(file, SWEEP);
        Path out = dir.resolve("out");

        Result r = aegis("sweep", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.stdout());
        assertEquals(1, r.stdout().lines().count(), "--quiet prints the final line only: " + r.stdout());
        assertTrue(r.stdout().startsWith("sweep tiny-sweep: 8 completed, 0 failed"), r.stdout());

        Path sweepDir;
        try (Stream<Path> s = Files.list(out)) {
            sweepDir = s.findFirst().orElseThrow();
        }
        assertTrue(sweepDir.getFileName().toString().matches("tiny-sweep-\\d{8}-\\d{6}"), sweepDir.toString());
        assertTrue(Files.isRegularFile(sweepDir.resolve("report.html")));

        List<CSVRecord> rows = results(sweepDir);
        assertEquals(8, rows.size());
        ObjectMapper json = new ObjectMapper();
        for (CSVRecord row : rows) {
            Path run = sweepDir.resolve("runs").resolve(row.get("run_id"));
            assertEquals(row.get("variant") + "_server.rule=" + row.get("server.rule") + "_seed=" + row.get("seed"),
                    row.get("run_id"));
            assertEquals("completed", row.get("status"));
            assertEquals("3", row.get("rounds_completed"));
            JsonNode summary = json.readTree(run.resolve("summary.json").toFile());
            assertEquals(String.format(Locale.ROOT, "%.6f", summary.get("final_accuracy").asDouble()),
                    row.get("final_accuracy"));
            assertEquals(String.format(Locale.ROOT, "%.6f", summary.get("best_accuracy").asDouble()),
                    row.get("best_accuracy"));
            assertEquals(row.get("server.rule"), summary.get("rule").asText().toLowerCase(Locale.ROOT).contains("stpa")
                    ? "stpa" : "fedavg");
            assertEquals(Integer.parseInt(row.get("seed")), summary.get("seed").asInt());
            JsonNode sweepJson = json.readTree(run.resolve("sweep.json").toFile());
            assertEquals("tiny-sweep", sweepJson.get("sweep").asText());
            assertEquals(row.get("run_id"), sweepJson.get("run_id").asText());
            assertEquals(row.get("variant"), sweepJson.get("variant").asText());
            assertEquals(row.get("seed"), sweepJson.get("axes").get("seed").asText());
            assertEquals("[\"server.rule\",\"seed\"]", sweepJson.get("grid_keys").toString());
            assertTrue(Files.readString(run.resolve("run.log")).contains("round 3/3"), "per-run progress goes to its log");
        }
        CSVRecord attacked = rows.stream().filter(x -> x.get("run_id").equals("gaussian_server.rule=stpa_seed=1"))
                .findFirst().orElseThrow();
        assertTrue(!attacked.get("detection_recall").isEmpty(), "an attacked STPA run has a detection recall");

        // An interrupted run (no summary, no checkpoint) restarts; completed ones are left alone.
        Path redo = sweepDir.resolve("runs/normal_server.rule=fedavg_seed=2");
        Path keep = sweepDir.resolve("runs/gaussian_server.rule=stpa_seed=1");
        Files.delete(redo.resolve("summary.json"));
        String keptLog = Files.readString(keep.resolve("run.log"));
        Result resumed = aegis("sweep", file.toString(), "--resume", sweepDir.toString(), "--quiet");
        assertEquals(0, resumed.status(), resumed.stdout());
        assertTrue(resumed.stdout().startsWith("sweep tiny-sweep: 8 completed"), resumed.stdout());
        assertEquals(keptLog, Files.readString(keep.resolve("run.log")), "a completed run is not run again");
        assertTrue(Files.isRegularFile(redo.resolve("summary.json")), "the unfinished run ran again");
        assertEquals(8, results(sweepDir).stream().filter(x -> x.get("status").equals("completed")).count());
    }

    static List<CSVRecord> results(Path sweepDir) throws Exception {
        try (Reader in = Files.newBufferedReader(sweepDir.resolve("results.csv"));
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            assertEquals(List.of("run_id", "variant", "server.rule", "seed", "status", "rounds_completed",
                    "final_accuracy", "best_accuracy", "mean_accuracy_last_10", "detection_precision", "detection_recall",
                    "skipped_rounds", "wall_seconds"), p.getHeaderNames());
            return p.getRecords();
        }
    }

    @Test
    void aBadSweepFileStopsWithExitStatus2BeforeAnyRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.conf"), BASE);
        Path file = dir.resolve("bad.sweep.conf");
        Files.writeString(file, "base = \"base.conf\"\ngrid { \"server.rule\" = [krum, medain] }\n");
        Result r = aegis("sweep", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.status());
        assertTrue(!Files.exists(dir.resolve("out")), "nothing was started");
    }
}
