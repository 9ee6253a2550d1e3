package io.aegis.report;

import io.aegis.metrics.RoundRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Run folders written by hand, so the pages are tested without running a simulation. */
final class ReportFixtures {
    private ReportFixtures() {}

    /**
     * A run of {@code accuracy.length} rounds (NaN = not evaluated) with 100 clients, 20 per round, attackers
     * 0-9 from round 3 and an event at round 5; every round one attacker gets through and a few faults happen.
     */
    static Path run(Path parent, String dirName, String rule, long seed, double[] accuracy) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(dirName));
        int n = accuracy.length;
        List<String> lines = new ArrayList<>();
        lines.add(RoundRow.HEADER);
        for (int r = 1; r <= n; r++) {
            boolean attack = r >= 3;
            int mv = attack ? 3 : 0;
            int me = attack ? 2 : 0;
            lines.add(new RoundRow(r, accuracy[r - 1], 2.3 - accuracy[r - 1], 100 - r, 20, 18, r % 3 == 0 ? 1 : 0,
                    2, 1, me + 1, mv, me, 1, 0.5, r == 4, 12, mv, Double.NaN, 1, r % 2, 0, 1, 0, r % 4 == 0 ? 2 : 0).csv());
        }
        Files.write(dir.resolve("rounds.csv"), lines);
        Files.writeString(dir.resolve("scenario.conf"), String.format(Locale.ROOT, """
                name = "%s"
                seed = %d
                rounds = %d
                server { rule = %s }
                clients { total = 100, per-round = 20 }
                adversaries = [ { clients = "0-9", behavior = gaussian, rounds = "3-" } ]
                events = [ { round = 5, turn = "10-12", behavior = "ipm" } ]
                output { dir = "runs" }
                """, dirName, seed, n, rule));
        double last = Double.NaN;
        for (double a : accuracy) {
            last = Double.isNaN(a) ? last : a;
        }
        Files.writeString(dir.resolve("summary.json"), String.format(Locale.ROOT, """
                {"name": "%s", "seed": %d, "rule": "%s", "rounds": %d, "status": "completed",
                 "final_accuracy": %s, "detection_precision": 0.6, "detection_recall": 0.5, "wall_seconds": 1.5}
                """, dirName, seed, rule, n, Double.isNaN(last) ? "null" : String.valueOf(last)));
        StringBuilder clients = new StringBuilder("round,client,malicious,outcome\n");
        for (int r = 1; r <= n; r++) {
            for (int c = 0; c < 20; c++) {
                int id = (c * 7 + r * 3) % 100;
                boolean bad = id < 10 && r >= 3;
                String outcome = c == 0 ? "lost" : c == 1 ? "late" : bad && c % 2 == 0 ? "excluded" : "kept";
                clients.append(r).append(',').append(id).append(',').append(outcome.equals("lost") ? "" : bad ? "1" : "0")
                        .append(',').append(outcome).append('\n');
            }
        }
        Files.writeString(dir.resolve("clients.csv"), clients);
        return dir;
    }

    static double[] rising(int n, double start, double step) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.min(0.99, start + step * i);
        }
        return a;
    }

    static void sweepJson(Path dir, String runId, String variant, String rule, long seed) throws IOException {
        Files.writeString(dir.resolve("sweep.json"), String.format(Locale.ROOT,
                "{\"sweep\": \"s\", \"run_id\": \"%s\", \"variant\": %s, \"axes\": {\"server.rule\": \"%s\", \"seed\": %d},"
                        + " \"grid_keys\": [\"server.rule\", \"seed\"]}",
                runId, variant == null ? "null" : "\"" + variant + "\"", rule, seed));
    }
}
