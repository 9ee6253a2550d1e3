package io.aegis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A comparison page for a set of run folders: one row per run with its sweep axes (from sweep.json
 * when present), status, rounds and final accuracy (from summary.json and rounds.csv).
 *
 * <p>Placeholder of the experiments branch: the reports branch replaces this class with the full
 * page (per-round accuracy per rule with min-max bands, small multiples, mean ± std table); the
 * signature of {@link #write} is the contract both keep.
 */
public final class ComparisonPage {
    private ComparisonPage() {}

    public static void write(List<Path> runDirs, Path outFile) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> sweeps = new ArrayList<>();
        List<JsonNode> summaries = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Path dir : runDirs) {
            JsonNode sweep = read(json, dir.resolve("sweep.json"));
            sweeps.add(sweep);
            summaries.add(read(json, dir.resolve("summary.json")));
            if (sweep != null && sweep.has("grid_keys")) {
                sweep.get("grid_keys").forEach(k -> keys.add(k.asText()));
            }
        }
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Aegis comparison</title>"
                + "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
                + "td.n{text-align:right}</style></head><body>\n<h1>Comparison of ")
                .append(runDirs.size()).append(" runs</h1>\n<table>\n<tr><th>run</th><th>variant</th>");
        keys.forEach(k -> b.append("<th>").append(esc(k)).append("</th>"));
        b.append("<th>status</th><th>rounds</th><th>final accuracy</th><th>best accuracy</th></tr>\n");
        for (int i = 0; i < runDirs.size(); i++) {
            JsonNode sw = sweeps.get(i);
            JsonNode s = summaries.get(i);
            b.append("<tr><td>").append(esc(sw != null && sw.has("run_id") ? sw.get("run_id").asText()
                    : String.valueOf(runDirs.get(i).getFileName()))).append("</td><td>")
                    .append(esc(sw != null && sw.hasNonNull("variant") ? sw.get("variant").asText() : "")).append("</td>");
            for (String k : keys) {
                JsonNode v = sw == null || !sw.has("axes") ? null : sw.get("axes").get(k);
                b.append("<td>").append(esc(v == null ? "" : v.asText())).append("</td>");
            }
            String status = s == null ? "not finished" : s.hasNonNull("status") ? s.get("status").asText() : "completed";
            b.append("<td>").append(esc(status)).append("</td><td class=\"n\">").append(rounds(runDirs.get(i)))
                    .append("</td><td class=\"n\">").append(num(s, "final_accuracy")).append("</td><td class=\"n\">")
                    .append(num(s, "best_accuracy")).append("</td></tr>\n");
        }
        b.append("</table>\n</body></html>\n");
        Files.writeString(outFile, b.toString(), StandardCharsets.UTF_8);
    }

    private static JsonNode read(ObjectMapper json, Path f) {
        try {
            return Files.isRegularFile(f) ? json.readTree(f.toFile()) : null;
        } catch (IOException damaged) {
            return null;
        }
    }

    private static String rounds(Path dir) {
        Path csv = dir.resolve("rounds.csv");
        try {
            return Files.isRegularFile(csv) ? String.valueOf(Math.max(0, Files.readAllLines(csv).stream()
                    .filter(l -> !l.isBlank()).count() - 1)) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String num(JsonNode s, String field) {
        return s == null || !s.hasNonNull(field) ? "" : String.format(Locale.ROOT, "%.4f", s.get(field).asDouble());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
