package io.aegis.sweep;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * results.csv: one row per run, {@code run_id, variant}, one column per grid key, then the outcome
 * columns. Empty cells are unknown (or no variant). Written whole and moved into place, so a reader
 * never sees half a file.
 */
public final class ResultsCsv {
    public static final List<String> OUTCOME_COLUMNS = List.of("status", "rounds_completed", "final_accuracy",
            "best_accuracy", "mean_accuracy_last_10", "detection_precision", "detection_recall", "skipped_rounds",
            "wall_seconds");

    private ResultsCsv() {}

    public static List<String> header(List<String> gridKeys) {
        List<String> h = new ArrayList<>(List.of("run_id", "variant"));
        h.addAll(gridKeys);
        h.addAll(OUTCOME_COLUMNS);
        return h;
    }

    public static void write(Path file, List<String> gridKeys, List<RunSpec> runs, List<RunResult> results)
            throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n")
                .setHeader(header(gridKeys).toArray(String[]::new)).build();
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, format)) {
            for (int i = 0; i < runs.size(); i++) {
                RunSpec run = runs.get(i);
                RunResult r = results.get(i);
                List<String> row = new ArrayList<>();
                row.add(run.id());
                row.add(run.variant() == null ? "" : run.variant());
                for (String key : gridKeys) {
                    row.add(run.axes().getOrDefault(key, ""));
                }
                row.add(r.status());
                row.add(r.roundsCompleted() == null ? "" : String.valueOf(r.roundsCompleted()));
                row.add(num(r.finalAccuracy()));
                row.add(num(r.bestAccuracy()));
                row.add(num(r.meanAccuracyLast10()));
                row.add(num(r.detectionPrecision()));
                row.add(num(r.detectionRecall()));
                row.add(r.skippedRounds() == null ? "" : String.valueOf(r.skippedRounds()));
                row.add(r.wallSeconds() == null ? "" : String.format(Locale.ROOT, "%.1f", r.wallSeconds()));
                csv.printRecord(row);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String num(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
