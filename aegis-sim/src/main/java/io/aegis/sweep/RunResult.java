package io.aegis.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What results.csv says of one run, read from its folder: summary.json (status, accuracies, detection,
 * wall time) and rounds.csv (rounds completed when the summary has no count). Null values are unknown.
 *
 * @param status completed, failed, interrupted, or pending (never started)
 * @param error  one sentence for a failed run, else null
 */
public record RunResult(String status, Integer roundsCompleted, Double finalAccuracy, Double bestAccuracy,
                        Double meanAccuracyLast10, Double detectionPrecision, Double detectionRecall,
                        Integer skippedRounds, Double wallSeconds, String error) {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";
    public static final String PENDING = "pending";

    public static RunResult pending() {
        return new RunResult(PENDING, null, null, null, null, null, null, null, null, null);
    }

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    /**
     * The result of a run whose process ended with {@code exitStatus}: summary.json's status when it
     * has one (a non-zero exit never counts as completed), else 0 = completed, 130/143 = interrupted,
     * anything else = failed. {@code measuredWall} stands in when the summary has no wall time.
     */
    public static RunResult afterExit(Path runDir, int exitStatus, double measuredWall) {
        JsonNode summary = summary(runDir);
        String status = text(summary, "status");
        if (status == null || (exitStatus != 0 && status.equals(COMPLETED))) {
            status = exitStatus == 0 ? COMPLETED : exitStatus == 130 || exitStatus == 143 ? INTERRUPTED : FAILED;
        }
        String error = null;
        if (status.equals(FAILED)) {
            error = text(summary, "error");
            if (error == null) {
                error = lastErrorLine(runDir.resolve("run.log"));
            }
            if (error == null) {
                error = "the run ended with exit status " + exitStatus;
            }
        }
        return of(runDir, summary, status, error, measuredWall);
    }

    /** The result of a run folder found on disk (resume): completed only if its summary says so or it has every round. */
    public static RunResult onDisk(Path runDir, int plannedRounds) {
        JsonNode summary = summary(runDir);
        if (summary == null) {
            return of(runDir, null, Files.isDirectory(runDir) ? INTERRUPTED : PENDING, null, null);
        }
        String status = text(summary, "status");
        if (status == null) {
            Integer rounds = integer(summary, "rounds");
            status = rounds != null && rounds >= plannedRounds ? COMPLETED : INTERRUPTED;
        }
        return of(runDir, summary, status, text(summary, "error"), null);
    }

    private static RunResult of(Path runDir, JsonNode s, String status, String error, Double measuredWall) {
        Integer rounds = integer(s, "rounds_completed");
        if (rounds == null) {
            rounds = roundsInCsv(runDir.resolve("rounds.csv"));
        }
        Double wall = number(s, "wall_seconds");
        return new RunResult(status, rounds, number(s, "final_accuracy"), number(s, "best_accuracy"),
                number(s, "mean_accuracy_last_10"), number(s, "detection_precision"), number(s, "detection_recall"),
                integer(s, "skipped_rounds"), wall != null ? wall : measuredWall, error);
    }

    private static JsonNode summary(Path runDir) {
        Path f = runDir.resolve("summary.json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(f.toFile());
        } catch (IOException damaged) {
            return null;
        }
    }

    /** Data rows of rounds.csv (the header and blank lines do not count); null if there is none. */
    static Integer roundsInCsv(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        try (var lines = Files.lines(csv)) {
            return (int) Math.max(0, lines.filter(l -> !l.isBlank()).count() - 1);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    /**
     * Why a run failed, from its log: the last {@code aegis: ...} sentence, else the first exception
     * line (an uncaught exception's message), else the last ERROR log line.
     */
    static String lastErrorLine(Path log) {
        if (!Files.isRegularFile(log)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
        String found = null;
        for (int i = lines.size() - 1; i >= 0 && found == null; i--) {
            if (lines.get(i).startsWith("aegis: ")) {
                found = lines.get(i);
            }
        }
        for (int i = 0; i < lines.size() && found == null; i++) {
            if (EXCEPTION_LINE.matcher(lines.get(i)).find()) {
                found = lines.get(i).replaceFirst("^Exception in thread \"[^\"]*\" ", "");
            }
        }
        for (int i = lines.size() - 1; i >= 0 && found == null; i--) {
            if (lines.get(i).contains(" ERROR ")) {
                found = lines.get(i);
            }
        }
        if (found == null) {
            return null;
        }
        found = found.strip();
        return found.length() > 300 ? found.substring(0, 300) + "..." : found;
    }

    private static final java.util.regex.Pattern EXCEPTION_LINE =
            java.util.regex.Pattern.compile("^(Exception in thread \"[^\"]*\" )?[\\w.$]+(Exception|Error)(: |$)");

    private static String text(JsonNode s, String field) {
        JsonNode n = s == null ? null : s.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Double number(JsonNode s, String field) {
        JsonNode n = s == null ? null : s.get(field);
        return n == null || !n.isNumber() ? null : n.asDouble();
    }

    private static Integer integer(JsonNode s, String field) {
        JsonNode n = s == null ? null : s.get(field);
        return n == null || !n.isNumber() ? null : n.asInt();
    }
}
