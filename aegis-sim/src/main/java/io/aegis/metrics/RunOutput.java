package io.aegis.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aegis.report.HtmlReport;
import io.aegis.util.Npy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's folder, {@code <output.dir>/<name>-<yyyyMMdd-HHmmss>/}, and the files in it. rounds.csv is
 * appended and flushed row by row, so an interrupted run keeps every finished round.
 */
public final class RunOutput implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final BufferedWriter rounds;
    private final List<RoundRow> rows = new ArrayList<>();
    private volatile RunFacts facts;
    private volatile int plannedRounds = -1;
    private volatile RunIdentity identity;
    private boolean finished;

    private RunOutput(Path dir, BufferedWriter rounds) {
        this.dir = dir;
        this.rounds = rounds;
    }

    /** Creates a fresh run folder (suffixing -2, -3... if the second is taken) and writes scenario.conf. */
    public static RunOutput create(Path outputDir, String name, String resolvedScenario) {
        return create(outputDir, name, resolvedScenario, null);
    }

    /**
     * Creates a fresh run folder with scenario.conf and, when {@code scenarioJson} is given, config.json
     * (the same resolved scenario as JSON, for readers without a HOCON parser).
     */
    public static RunOutput create(Path outputDir, String name, String resolvedScenario, String scenarioJson) {
        try {
            Files.createDirectories(outputDir);
            String base = name + "-" + LocalDateTime.now().format(STAMP);
            Path dir = outputDir.resolve(base);
            for (int k = 2; ; k++) {
                try {
                    Files.createDirectory(dir);
                    break;
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    dir = outputDir.resolve(base + "-" + k);
                }
            }
            Files.writeString(dir.resolve("scenario.conf"), resolvedScenario, StandardCharsets.UTF_8);
            if (scenarioJson != null) {
                Files.writeString(dir.resolve("config.json"), scenarioJson, StandardCharsets.UTF_8);
            }
            return openIn(dir, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder under " + outputDir + ": " + e.getMessage(), e);
        }
    }

    /** Creates (or reuses, when a sweep prepared it) exactly {@code dir} as the run folder and writes scenario.conf. */
    public static RunOutput createAt(Path dir, String resolvedScenario) {
        return createAt(dir, resolvedScenario, null);
    }

    /** As {@link #createAt(Path, String)}, with config.json when {@code scenarioJson} is given. */
    public static RunOutput createAt(Path dir, String resolvedScenario, String scenarioJson) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("scenario.conf"), resolvedScenario, StandardCharsets.UTF_8);
            if (scenarioJson != null) {
                Files.writeString(dir.resolve("config.json"), scenarioJson, StandardCharsets.UTF_8);
            }
            return openIn(dir, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing run folder; {@code append} keeps the rows already in rounds.csv (resume). */
    public static RunOutput openIn(Path dir, boolean append) throws IOException {
        Path csv = dir.resolve("rounds.csv");
        BufferedWriter w;
        if (append && Files.exists(csv)) {
            w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } else {
            w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
            w.write(RoundRow.HEADER);
            w.newLine();
            w.flush();
        }
        return new RunOutput(dir, w);
    }

    public Path dir() {
        return dir;
    }

    public synchronized List<RoundRow> rows() {
        return List.copyOf(rows);
    }

    /** How many rows rounds.csv holds (earlier parts of a resumed run included). */
    public synchronized int rowCount() {
        return rows.size();
    }

    /** What the run is made of and how many rounds it plans, for summary.json. */
    public void describe(RunFacts facts, int plannedRounds) {
        this.facts = facts;
        this.plannedRounds = plannedRounds;
    }

    public RunFacts facts() {
        return facts;
    }

    /** What a checkpoint of this run records about its scenario, model and data . */
    public void identify(RunIdentity identity) {
        this.identity = identity;
    }

    public RunIdentity identity() {
        return identity;
    }

    /** Rows already written by an earlier part of the run (resume), kept for the summary. */
    public synchronized void preload(List<RoundRow> earlier) {
        rows.addAll(earlier);
    }

    public synchronized void append(RoundRow row) {
        if (finished) {
            return; // the run already ended (failed or stopped): its rounds.csv no longer changes
        }
        rows.add(row);
        try {
            rounds.write(row.csv());
            rounds.newLine();
            rounds.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rounds.csv in " + dir, e);
        }
    }

    /** The final global model as a float32 NumPy vector, {@code final-model.npy}. */
    public void writeFinalModel(float[] model) {
        try {
            Path target = dir.resolve("final-model.npy");
            Path tmp = target.resolveSibling("final-model.npy.tmp");
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                Npy.writeVector(out, model);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write final-model.npy in " + dir, e);
        }
    }

    /** Writes summary.json (status completed) and, if asked, report.html; returns the summary. */
    public RunSummary finish(String name, long seed, String rule, double wallSeconds, boolean report) {
        return finish(name, seed, rule, wallSeconds, report, RunStatus.COMPLETED, null);
    }

    /**
     * Writes summary.json with this status and, if asked, report.html; returns the summary. The
     * report is best effort for a failed run: the summary must reach the disk even if drawing fails.
     */
    public synchronized RunSummary finish(String name, long seed, String rule, double wallSeconds, boolean report,
                                          RunStatus status, String error) {
        int planned = plannedRounds >= 0 ? plannedRounds : rows.size();
        RunSummary s = RunSummary.of(name, seed, rule, planned, rows, wallSeconds, dir.toString(), facts, status, error);
        try {
            writeAtomically(dir.resolve("summary.json"), summaryJson(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's summary in " + dir, e);
        }
        try {
            if (report) {
                writeAtomically(dir.resolve("report.html"), HtmlReport.render(s, rows));
            }
        } catch (IOException | RuntimeException e) {
            if (status == RunStatus.COMPLETED) {
                throw e instanceof IOException io ? new UncheckedIOException("cannot write report.html in " + dir, io)
                        : (RuntimeException) e;
            }
        }
        finished = true;
        return s;
    }

    /** Whether summary.json has been written by this output. */
    public synchronized boolean finished() {
        return finished;
    }

    static String summaryJson(RunSummary s) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", s.status() == null ? RunStatus.COMPLETED.json() : s.status().json());
        m.put("error", s.error());
        m.put("name", s.name());
        m.put("seed", s.seed());
        m.put("rule", s.rule());
        m.put("rounds", s.rounds());
        m.put("final_accuracy", s.finalAccuracy());
        m.put("best_accuracy", s.bestAccuracy());
        m.put("mean_accuracy_last_10", s.meanAccuracyLast10());
        m.put("detection_precision", s.detectionPrecision());
        m.put("detection_recall", s.detectionRecall());
        m.put("wall_seconds", s.wallSeconds());
        m.put("final_attack_success", s.finalAttackSuccess());
        m.put("skipped_rounds", s.skippedRounds());
        m.put("received", s.received());
        m.put("invalid", s.invalid());
        m.put("late", s.late());
        m.put("lost", s.lost());
        m.put("rounds_completed", s.roundsCompleted());
        m.put("train_failed", s.trainFailed());
        RunFacts f = s.facts();
        m.put("dataset", f == null ? null : f.dataset());
        m.put("model", f == null ? null : f.model());
        m.put("parameters", f == null ? null : f.parameters());
        m.put("malicious_clients", f == null ? null : f.maliciousClients());
        m.put("data_dir", f == null ? null : f.dataDir());
        m.put("aegis_version", f == null ? RunFacts.currentVersion() : f.aegisVersion());
        m.put("gram_backends", io.aegis.aggregation.GramBackends.describe());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized void close() {
        try {
            rounds.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
